/**
 * What a person types into a number or week field, read the Danish way: a dot (or a space) groups
 * thousands, a comma marks decimals (25.000, 1.500.000, 1.234,5, 0,035). Text that could mean two
 * numbers (1.5: one and a half in English, or a mistyped thousand?) is refused, never guessed. Pure:
 * the fields (NumberField, WeekField) say the problems in words.
 */

import { fromYyyyww, toYyyyww, weeksInIsoYear, yearWeekOf } from '@jobinvest/core';

export interface NumberRules {
  /** Whole numbers only (persons, weeks). */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** A unit the person may type after the number ("%", "kr."): read past, not required. */
  readonly unit?: string;
}

/** Why a text is not a number the field can take. */
export type NumberProblem =
  | { readonly kind: 'empty' }
  /** Not a number at all: "abc", "1,2,3", "12-3". */
  | { readonly kind: 'malformed' }
  /** A dot that does not group thousands: "1.5", "25.00", "0.035", "1,234.5". */
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'notInteger'; readonly value: number }
  | { readonly kind: 'belowMin'; readonly value: number; readonly min: number }
  | { readonly kind: 'aboveMax'; readonly value: number; readonly max: number };

export type Parsed<T, P> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: P };

// The whole part: plain digits, or groups of three after a first group of one to three digits that
// does not start with 0 ("0.035" is no thousand). Dots or spaces, not both.
const WHOLE = /^(\d+|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?: \d{3})+)$/;
const DECIMALS = /^\d+$/;
// Characters of a number written with a dot in it: then the dot is the likely mistake.
const NUMBERISH = /^[\d., ]+$/;

/** `text` as a number by the Danish rules, within `rules`; the problem when it is not one. */
export function parseDanishNumber(text: string, rules: NumberRules = {}): Parsed<number, NumberProblem> {
  // Spaces of every width group thousands the same way (Danish style guides use a non-breaking space).
  let body = text.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (rules.unit) {
    const unit = rules.unit.toLowerCase();
    const bare = unit.replace(/\.$/, '');
    const lower = body.toLowerCase();
    for (const u of [unit, bare])
      if (u && lower.endsWith(u)) {
        body = body.slice(0, body.length - u.length).trimEnd();
        break;
      }
  }
  if (body === '') return { ok: false, problem: { kind: 'empty' } };
  let sign = 1;
  if (/^[-−]/.test(body)) {
    sign = -1;
    body = body.slice(1).trimStart();
  } else if (body.startsWith('+')) body = body.slice(1).trimStart();
  const comma = body.indexOf(',');
  const whole = comma === -1 ? body : body.slice(0, comma);
  const decimals = comma === -1 ? '' : body.slice(comma + 1);
  const wellFormed = WHOLE.test(whole) && (comma === -1 || DECIMALS.test(decimals));
  if (!wellFormed) {
    const kind = body.includes('.') && NUMBERISH.test(body) ? 'ambiguous' : 'malformed';
    return { ok: false, problem: { kind } };
  }
  const value = sign * Number(`${whole.replace(/[. ]/g, '')}${decimals ? `.${decimals}` : ''}`);
  if (!Number.isFinite(value)) return { ok: false, problem: { kind: 'malformed' } };
  if (rules.integer && !Number.isInteger(value)) return { ok: false, problem: { kind: 'notInteger', value } };
  if (rules.min !== undefined && value < rules.min)
    return { ok: false, problem: { kind: 'belowMin', value, min: rules.min } };
  if (rules.max !== undefined && value > rules.max)
    return { ok: false, problem: { kind: 'aboveMax', value, max: rules.max } };
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * A number as it is written into a field: every decimal it has (no rounding), a comma before them,
 * and a dot between thousands from `groupFrom` up (Danish style leaves four digits, a year, whole):
 * 25000 → "25.000", 2026 → "2026", 0.035 → "0,035", 12345.5 → "12.345,5". Read back by
 * parseDanishNumber to the same number.
 */
export function formatForInput(value: number, groupFrom = 10_000): string {
  if (!Number.isFinite(value)) return '';
  // At most 15 significant digits: the float noise of 0.1 + 0.2 left out.
  const plain = String(Number(value.toPrecision(15)));
  const exact = /e/i.test(plain) ? value.toFixed(12).replace(/\.?0+$/, '') : plain;
  const negative = exact.startsWith('-');
  const [whole = '', decimals] = (negative ? exact.slice(1) : exact).split('.');
  const grouped = Math.abs(value) >= groupFrom ? whole.replace(/\B(?=(\d{3})+$)/g, '.') : whole;
  return `${negative ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** The weeks a case may start in, as YYYYWW. */
export interface WeekRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The weeks a case may start in on data from `first` to `last` (YYYYWW): from the week after the
 * data's first (the first week with a week before it to count the target group in) to the last ISO
 * week of the calendar year after the data's last (the budget year; the weeks between are projected).
 */
export function caseStartRange(data: WeekRange): WeekRange {
  const nextYear = yearWeekOf(fromYyyyww(data.last)).year + 1;
  return { first: toYyyyww(fromYyyyww(data.first) + 1), last: nextYear * 100 + weeksInIsoYear(nextYear) };
}

/** Why a text is not a start week the case can take. */
export type WeekProblem =
  | { readonly kind: 'empty' }
  /** Not YYYYWW (nor YYYY-WW, YYYY-Www). */
  | { readonly kind: 'malformed' }
  /** Week 0, 54, or 53 in a year of 52 weeks. */
  | { readonly kind: 'noSuchWeek'; readonly year: number; readonly week: number; readonly weeks: number }
  | { readonly kind: 'beforeRange'; readonly week: number; readonly range: WeekRange }
  | { readonly kind: 'afterRange'; readonly week: number; readonly range: WeekRange };

/** `text` as a week YYYYWW within `range` (when known); "2027-05" and "2027-W05" are read too. */
export function parseWeek(text: string, range: WeekRange | null): Parsed<number, WeekProblem> {
  const body = text.trim();
  if (body === '') return { ok: false, problem: { kind: 'empty' } };
  const match = /^(\d{4})(?:[- ]?[Ww]?)(\d{1,2})$/.exec(body);
  if (!match || (match[2]!.length === 1 && !/[- Ww]/.test(body.slice(4))))
    return { ok: false, problem: { kind: 'malformed' } };
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInIsoYear(year);
  if (year < 1 || week < 1 || week > weeks)
    return { ok: false, problem: { kind: 'noSuchWeek', year, week, weeks } };
  const yyyyww = year * 100 + week;
  if (range && yyyyww < range.first)
    return { ok: false, problem: { kind: 'beforeRange', week: yyyyww, range } };
  if (range && yyyyww > range.last)
    return { ok: false, problem: { kind: 'afterRange', week: yyyyww, range } };
  return { ok: true, value: yyyyww };
}
