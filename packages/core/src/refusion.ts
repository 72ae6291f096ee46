/**
 * The refusion staircase (refusionsreformen, LBK nr. 221 af 12/02/2021 §§ 5-6, in force 4 January
 * 2016): how much of a week's benefit the municipality finally pays, given where the person stands
 * on the staircase.
 *
 * The engine walks one person's weekly history in order and keeps three things: the person's
 * cumulative count of weeks with covered benefits, whether the count has started, and the weeks of
 * self-support since it started. Rules are a versioned table; a week no version covers is reported
 * as outside the scheme (count and share `null`), never computed with rules that did not apply.
 *
 * Working assumptions, shown as such wherever results are shown (RULES.md §1):
 * - A calendar week with any covered payment counts as one week with benefits (the executive order's
 *   week-counting details were not read).
 * - Everyone starts at 0 on 2016-W01: weeks before the reform neither add to the count nor count as
 *   self-support.
 */

import { benefitOf, isOnStaircase, type Benefit, type BenefitCode, type SourceStatus } from './benefits.ts';
import type { Sentence } from './language.ts';
import { fromYyyyww, toYyyyww } from './weeks.ts';

/** One step of the staircase: weeks `fromWeek`..`toWeek` (inclusive, `null` = no end) of the count. */
export interface StaircaseStep {
  readonly fromWeek: number;
  readonly toWeek: number | null;
  /** State refusion of benefits the municipality pays (refusion regime). */
  readonly stateRefusion: number;
  /** Municipal co-financing of benefits paid by an a-kasse or Udbetaling Danmark. */
  readonly municipalCofinancing: number;
}

export interface RefusionRules {
  readonly id: string;
  /** First week (week index) the rules apply to. */
  readonly validFromWeek: number;
  /** First week they no longer apply to, or `null` while in force. */
  readonly validUntilWeek: number | null;
  readonly steps: readonly StaircaseStep[];
  /** Weeks of self-support, within the window, that restart the count. */
  readonly resetSelfSupportWeeks: number;
  /** The window, in weeks, the self-support weeks must lie in. */
  readonly resetWindowWeeks: number;
  readonly source: string;
  readonly status: SourceStatus;
  /** What applying the rules assumes where the sources were not read, in words for the people reading a result. */
  readonly assumptions: readonly Sentence[];
}

/** The rules in force since 2016-W01 (Monday 4 January 2016). */
export const REFUSION_2016: RefusionRules = {
  id: 'refusion-2016',
  validFromWeek: fromYyyyww(201601),
  validUntilWeek: null,
  steps: [
    { fromWeek: 1, toWeek: 4, stateRefusion: 0.8, municipalCofinancing: 0.2 },
    { fromWeek: 5, toWeek: 26, stateRefusion: 0.4, municipalCofinancing: 0.6 },
    { fromWeek: 27, toWeek: 52, stateRefusion: 0.3, municipalCofinancing: 0.7 },
    { fromWeek: 53, toWeek: null, stateRefusion: 0.2, municipalCofinancing: 0.8 },
  ],
  resetSelfSupportWeeks: 52,
  resetWindowWeeks: 156,
  source:
    'LBK nr. 221 af 12/02/2021 § 5 (staircase), § 5 stk. 4 (co-financing), § 6 (reset after 52 weeks of self-support within 3 years)',
  status: 'verified',
  assumptions: [
    {
      da: 'En kalenderuge med blot én udbetaling af en omfattet ydelse tæller som en hel uge med ydelse; det er en antagelse, for bekendtgørelsens regler for optælling af uger er ikke indarbejdet.',
      en: "A calendar week with any covered payment counts as one week with benefits; that is assumed, for the executive order's rules for counting weeks are not built in.",
    },
    {
      da: 'Alle starter på 0 i uge 2016-01; uger før reformen ligger uden for ordningen og tæller ikke med.',
      en: 'Everyone starts at 0 on 2016-W01; weeks before the reform are outside the scheme and do not count.',
    },
    {
      da: 'Uger på SU tæller som selvforsørgelse; uger uden for befolkningen tæller hverken som ydelse eller som selvforsørgelse.',
      en: 'Weeks on SU count as self-support; weeks out of the population count neither way.',
    },
  ],
};

/** The versions shipped, oldest first. */
export const REFUSION_RULES: readonly RefusionRules[] = [REFUSION_2016];

/** The rules version covering a week, or `null` when the week lies outside every version. */
export function rulesForWeek(
  weekIndex: number,
  versions: readonly RefusionRules[] = REFUSION_RULES,
): RefusionRules | null {
  return (
    versions.find(
      (r) => weekIndex >= r.validFromWeek && (r.validUntilWeek === null || weekIndex < r.validUntilWeek),
    ) ?? null
  );
}

/** The step of the staircase holding week `count` (1-based) of a person's count. */
export function staircaseStep(count: number, rules: RefusionRules = REFUSION_2016): StaircaseStep {
  const step = rules.steps.find((s) => count >= s.fromWeek && (s.toWeek === null || count <= s.toWeek));
  if (!step) throw new RangeError(`week ${count} of the count is on no step of ${rules.id}`);
  return step;
}

/**
 * Share of a week's gross benefit the municipality pays: 1 − state refusion for benefits it pays
 * (§ 5 stk. 1-3), the co-financing rate for benefits others pay (§ 5 stk. 4), the fixed share for a
 * fixed regime, 100 % or 0 where no scheme applies, by whether the municipality pays the benefit.
 * `count` is the person's week on the staircase and is only read for staircase benefits.
 */
export function municipalShare(
  benefit: Benefit,
  count: number,
  rules: RefusionRules = REFUSION_2016,
): number {
  const financing = benefit.financing;
  switch (financing.kind) {
    case 'refusion':
      return round12(1 - staircaseStep(count, rules).stateRefusion);
    case 'cofinancing':
      return staircaseStep(count, rules).municipalCofinancing;
    case 'fixed':
      return financing.municipalShare;
    case 'none':
      return financing.paidByMunicipality ? 1 : 0;
  }
}

/** 1 − 0.7 is 0.30000000000000004 in binary; shares are exact to 12 decimals. */
function round12(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

/** A week of one person's history as the engine sees it: a benefit, or `null` for no benefit (self-support). */
export type WeekBenefit = BenefitCode | null;

export interface StaircaseWeek {
  readonly weekIndex: number;
  readonly benefit: WeekBenefit;
  /** The person's week on the staircase if this week's benefit is on it, else 0; `null` outside the scheme. */
  readonly count: number | null;
  /** Municipal share of this week's gross benefit; `null` outside the scheme. */
  readonly municipalShare: number | null;
  /** Weeks of self-support in the 156 weeks ending with this one that count towards a reset; `null` outside the scheme. */
  readonly selfSupportWeeks: number | null;
  /** True in the first staircase week after a reset restarted the count. */
  readonly restarted: boolean;
  /** Id of the rules version applied, `null` outside the scheme. */
  readonly rules: string | null;
}

function isSelfSupport(benefit: WeekBenefit): boolean {
  return benefit === null || benefitOf(benefit).selfSupport;
}

/**
 * Walk one person's consecutive weeks, `weeks[i]` being week `firstWeekIndex + i`.
 *
 * Reset (§ 6): before each week, if the person has had `resetSelfSupportWeeks` (52) weeks of
 * self-support within the preceding `resetWindowWeeks` (156) weeks, counted only after the first
 * week with benefits of the current count, the count starts again at 0; the next covered week is
 * week 1. Weeks need not be consecutive. Self-support weeks before a reset do not count towards
 * the next one, because that needs 52 weeks after the next first week with benefits.
 */
export function staircase(
  firstWeekIndex: number,
  weeks: readonly WeekBenefit[],
  versions: readonly RefusionRules[] = REFUSION_RULES,
): StaircaseWeek[] {
  let count = 0;
  let started = false;
  let restartedPending = false;
  let selfSupport: number[] = []; // week indices of self-support since the count started, oldest first
  const out: StaircaseWeek[] = [];

  for (let i = 0; i < weeks.length; i++) {
    const weekIndex = firstWeekIndex + i;
    const benefitCode = weeks[i] ?? null;
    const rules = rulesForWeek(weekIndex, versions);
    if (!rules) {
      out.push({
        weekIndex,
        benefit: benefitCode,
        count: null,
        municipalShare: null,
        selfSupportWeeks: null,
        restarted: false,
        rules: null,
      });
      continue;
    }

    selfSupport = selfSupport.filter((w) => w >= weekIndex - rules.resetWindowWeeks);
    if (started && selfSupport.length >= rules.resetSelfSupportWeeks) {
      count = 0;
      started = false;
      selfSupport = [];
      restartedPending = true;
    }

    const benefit = benefitCode === null ? null : benefitOf(benefitCode);
    let weekCount = 0;
    let share = 0;
    let restarted = false;
    if (benefit && isOnStaircase(benefit)) {
      started = true;
      count += 1;
      weekCount = count;
      share = municipalShare(benefit, count, rules);
      restarted = restartedPending;
      restartedPending = false;
    } else {
      if (started && isSelfSupport(benefitCode)) selfSupport.push(weekIndex);
      if (benefit) share = municipalShare(benefit, 0, rules);
    }
    const windowStart = weekIndex - rules.resetWindowWeeks + 1;
    out.push({
      weekIndex,
      benefit: benefitCode,
      count: weekCount,
      municipalShare: share,
      selfSupportWeeks: selfSupport.filter((w) => w >= windowStart).length,
      restarted,
      rules: rules.id,
    });
  }
  return out;
}

/** One row of a history: a person, a week, and the benefit that week (`null` = none). */
export interface HistoryRow {
  readonly person: string;
  readonly weekIndex: number;
  readonly benefit: WeekBenefit;
}

export interface PersonStaircaseWeek extends StaircaseWeek {
  readonly person: string;
}

/** Two rows give the same person and week; `first` and `second` are their positions in the input. */
export class DuplicateWeekError extends Error {
  override readonly name = 'DuplicateWeekError';
  constructor(
    readonly person: string,
    readonly weekIndex: number,
    readonly first: number,
    readonly second: number,
  ) {
    super(
      `person ${person} has two rows for week ${toYyyyww(weekIndex)} (rows ${first + 1} and ${second + 1})`,
    );
  }
}

/**
 * The staircase for every person of a history, for every week from each person's first to last
 * row; weeks without a row are weeks without benefit. Persons come out in order of first appearance.
 */
export function staircaseByPerson(
  rows: readonly HistoryRow[],
  versions: readonly RefusionRules[] = REFUSION_RULES,
): PersonStaircaseWeek[] {
  const persons = new Map<string, Map<number, { benefit: WeekBenefit; position: number }>>();
  rows.forEach((row, position) => {
    let weeks = persons.get(row.person);
    if (!weeks) persons.set(row.person, (weeks = new Map()));
    const seen = weeks.get(row.weekIndex);
    if (seen) throw new DuplicateWeekError(row.person, row.weekIndex, seen.position, position);
    weeks.set(row.weekIndex, { benefit: row.benefit, position });
  });

  const out: PersonStaircaseWeek[] = [];
  for (const [person, weeks] of persons) {
    let first = Infinity;
    let last = -Infinity;
    for (const w of weeks.keys()) {
      first = Math.min(first, w);
      last = Math.max(last, w);
    }
    const dense: WeekBenefit[] = [];
    for (let w = first; w <= last; w++) dense.push(weeks.get(w)?.benefit ?? null);
    for (const week of staircase(first, dense, versions)) out.push({ person, ...week });
  }
  return out;
}
