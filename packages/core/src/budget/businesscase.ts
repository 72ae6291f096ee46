/**
 * The business case per citizen, in the format municipalities write to their committees
 * ("Businesscase: kontanthjælpsmodtagere skal hjælpes i gang via småjobs"): per citizen and month,
 * what the municipality pays before (the benefit: gross, the state's refusion, municipal net) and
 * after (what is still paid, the intervention's cost and its own financing), the saving per month
 * and per year, and how long it takes to pay back a one-off cost.
 *
 * Each line has a monthly gross and a rate: either a given `refusionRate` (the share of the gross
 * the municipality gets back or does not bear), or a benefit of the catalogue and the citizen's step
 * on the staircase, and then the rate comes from the refusion rules in force on the case's date
 * (LBK nr. 221 af 12/02/2021 § 5):
 * - a refusion benefit (the municipality pays it): the state's refusion of the step, 80/40/30/20 %;
 * - a co-financed benefit (an a-kasse or Udbetaling Danmark pays it, § 5 stk. 4): the municipality
 *   pays the co-financing rate of the step, 20/60/70/80 % of the gross. The line's "refusion" is
 *   then the part of the gross the municipality does not pay (1 − the co-financing rate), so that
 *   net = gross − refusion is what the municipality pays, as for every other line; the gross is the
 *   benefit the citizen gets, not an expense of the municipality's own;
 * - a fixed regime (førtidspension granted before 1 July 2014, fleksjob before 2013): 1 − the
 *   municipality's fixed share;
 * - a benefit outside every scheme: 0 if the municipality pays it, 1 if someone else does.
 * All of which is 1 − core's `municipalShare` at the step's first week.
 *
 * Amounts are kroner per citizen per month; the one-off cost is the whole group's (a project's
 * start-up, a course bought for `citizens` citizens), paid back by the saving of all of them.
 * Pure: the date comes in as a week.
 */

import { benefitOf, isBenefitCode, isOnStaircase, type BenefitCode, type SourceStatus } from '../benefits.ts';
import { isValidIn, MERGED_INTO, validityOf } from '../benefit-rules.ts';
import type { Language, Sentence } from '../language.ts';
import { municipalShare, REFUSION_RULES, rulesForWeek, type RefusionRules } from '../refusion.ts';
import { toYyyyww } from '../weeks.ts';

/** One line of a situation: what it is, its monthly gross, and its rate or its benefit and step. */
export interface BusinessCaseLineInput {
  readonly label: string;
  /** Kroner per citizen per month. */
  readonly monthlyGross: number;
  /** Share of the gross the municipality does not pay, 0-1; or `benefit` and `step` instead. */
  readonly refusionRate?: number;
  readonly benefit?: BenefitCode;
  /** The citizen's step on the refusion staircase, 1-4 (weeks 1-4, 5-26, 27-52, 53 and later). */
  readonly step?: number;
}

/** The contract's input (`jobinvest businesscase --file`, `POST /api/budget/businesscase`). */
export interface BusinessCaseInput {
  readonly name: string;
  readonly before: readonly BusinessCaseLineInput[];
  readonly after: readonly BusinessCaseLineInput[];
  /** Kroner, once, for the whole group of citizens. */
  readonly oneOffCost: number;
  readonly citizens: number;
}

/** Gross, refusion and net of a situation, kroner per citizen per month. */
export interface BusinessCaseAmounts {
  readonly gross: number;
  readonly refusion: number;
  /** What the municipality pays: gross − refusion. */
  readonly net: number;
}

/** Where a line's rate comes from: given in the case, or the refusion rules of a benefit and step. */
export type RateSource =
  | { readonly kind: 'given' }
  | {
      readonly kind: 'rules';
      readonly benefit: BenefitCode;
      readonly step: number | null;
      /** How the benefit is financed: refusion, co-financing, a fixed share, or no scheme. */
      readonly financing: 'refusion' | 'cofinancing' | 'fixed' | 'none';
      /** The share of the gross the municipality pays. */
      readonly municipalShare: number;
      readonly rules: string;
      readonly source: string;
      readonly status: SourceStatus;
    };

export interface BusinessCaseLine extends BusinessCaseAmounts {
  readonly label: string;
  readonly refusionRate: number;
  readonly rate: RateSource;
}

/** The contract's output, and the lines and rules behind it. */
export interface BusinessCaseResult {
  readonly before: BusinessCaseAmounts;
  readonly after: BusinessCaseAmounts;
  /** before.net − after.net, kroner per citizen per month. */
  readonly savingPerMonth: number;
  readonly savingPerYear: number;
  /** Months for `citizens` citizens' saving to pay back the one-off cost; `null` when there is no saving. */
  readonly paybackMonths: number | null;
  /** Citizens whose saving pays back the one-off cost within 12 months; `null` when there is no saving. */
  readonly citizensToPayBackIn12Months: number | null;
  readonly lines: {
    readonly before: readonly BusinessCaseLine[];
    readonly after: readonly BusinessCaseLine[];
  };
  /** The refusion rules the benefit lines were priced with, `null` when every rate was given. */
  readonly rules: { readonly id: string; readonly source: string; readonly status: SourceStatus } | null;
  /** The week (YYYYWW) whose rules apply. */
  readonly asOfWeek: number;
}

/** One thing wrong with a case: the field's path, what was expected (in both languages) and what was found. */
export interface BusinessCaseProblem {
  readonly path: string;
  readonly expected: Sentence;
  /** The value found, as JSON; `null` when the field is missing. */
  readonly found: string | null;
}

/** A case that cannot be computed: every problem, each with its field's path. */
export class BusinessCaseError extends Error {
  override readonly name = 'BusinessCaseError';
  constructor(readonly problems: readonly BusinessCaseProblem[]) {
    super(businessCaseProblemsIn(problems, 'en'));
  }

  /** The problems said in `language`. */
  messageIn(language: Language): string {
    return businessCaseProblemsIn(this.problems, language);
  }
}

/** One problem as a sentence: `after[1].refusionRate: expected a share from 0 to 1, found 1.5`. */
export function businessCaseProblemIn(p: BusinessCaseProblem, language: Language): string {
  return language === 'da'
    ? `${p.path}: forventede ${p.expected.da}, fandt ${p.found ?? 'intet'}`
    : `${p.path}: expected ${p.expected.en}, found ${p.found ?? 'nothing'}`;
}

function businessCaseProblemsIn(problems: readonly BusinessCaseProblem[], language: Language): string {
  const first = problems[0];
  if (!first) return language === 'da' ? 'ugyldig businesscase' : 'invalid business case';
  const more = problems.length - 1;
  const rest =
    more === 0
      ? ''
      : language === 'da'
        ? ` (og ${more} fejl mere)`
        : ` (and ${more} more problem${more > 1 ? 's' : ''})`;
  return businessCaseProblemIn(first, language) + rest;
}

/** The most lines a situation may have: a committee's case has a handful. */
export const MAX_BUSINESS_CASE_LINES = 50;
/** The largest amount taken, kroner: far above any monthly benefit or project, far below float trouble. */
export const MAX_BUSINESS_CASE_KR = 1e12;
export const MAX_BUSINESS_CASE_CITIZENS = 1_000_000;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function shown(x: unknown): string | null {
  if (x === undefined) return null;
  const text = JSON.stringify(x);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * A case read from JSON, checked as a whole: every problem reported with its path, what was
 * expected and what was found. `readNumber` reads a number given as text (a Danish "25.000" or
 * "1.234,5"); the edges pass theirs, and without it text is refused where a number is expected.
 */
export function validateBusinessCase(
  json: unknown,
  readNumber: ((text: string) => number | null) | null = null,
): BusinessCaseInput {
  const problems: BusinessCaseProblem[] = [];
  const problem = (path: string, expected: Sentence, value: unknown) =>
    problems.push({ path, expected, found: shown(value) });
  const number = (
    path: string,
    value: unknown,
    expected: Sentence,
    ok: (x: number) => boolean,
  ): number | null => {
    const x = typeof value === 'string' && readNumber ? readNumber(value) : value;
    if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x)) {
      problem(path, expected, value);
      return null;
    }
    return x;
  };
  const amount = (path: string, value: unknown) =>
    number(
      path,
      value,
      { da: 'et beløb i kroner, 0 eller mere', en: 'an amount in kroner, 0 or more' },
      (x) => x >= 0 && x <= MAX_BUSINESS_CASE_KR,
    );

  if (!isRecord(json)) {
    problem('(the case)', { da: 'et JSON-objekt', en: 'a JSON object' }, json);
    throw new BusinessCaseError(problems);
  }
  const name = typeof json.name === 'string' ? json.name.trim() : '';
  if (name === '' || name.length > 200)
    problem('name', { da: 'et navn på 1 til 200 tegn', en: 'a name of 1 to 200 characters' }, json.name);

  const lines = (key: 'before' | 'after'): BusinessCaseLineInput[] => {
    const value = json[key];
    const least = key === 'before' ? 1 : 0;
    if (!Array.isArray(value) || value.length < least || value.length > MAX_BUSINESS_CASE_LINES) {
      problem(
        key,
        {
          da: `en liste med ${least} til ${MAX_BUSINESS_CASE_LINES} linjer`,
          en: `a list of ${least} to ${MAX_BUSINESS_CASE_LINES} lines`,
        },
        value,
      );
      return [];
    }
    return value.flatMap((line: unknown, i): BusinessCaseLineInput[] => {
      const at = `${key}[${i}]`;
      if (!isRecord(line)) {
        problem(at, { da: 'en linje (et objekt)', en: 'a line (an object)' }, line);
        return [];
      }
      const label = typeof line.label === 'string' ? line.label.trim() : '';
      if (label === '' || label.length > 200)
        problem(
          `${at}.label`,
          { da: 'en tekst på 1 til 200 tegn', en: 'a text of 1 to 200 characters' },
          line.label,
        );
      const monthlyGross = amount(`${at}.monthlyGross`, line.monthlyGross);
      const hasRate = line.refusionRate !== undefined && line.refusionRate !== null;
      const hasBenefit = line.benefit !== undefined && line.benefit !== null;
      if (hasRate && (hasBenefit || line.step !== undefined)) {
        problem(
          at,
          {
            da: 'enten refusionRate eller benefit og step, ikke begge',
            en: 'either refusionRate or benefit and step, not both',
          },
          { refusionRate: line.refusionRate, benefit: line.benefit, step: line.step },
        );
        return [];
      }
      if (hasRate) {
        const refusionRate = number(
          `${at}.refusionRate`,
          line.refusionRate,
          { da: 'en andel fra 0 til 1', en: 'a share from 0 to 1' },
          (x) => x >= 0 && x <= 1,
        );
        return monthlyGross === null || refusionRate === null ? [] : [{ label, monthlyGross, refusionRate }];
      }
      if (!hasBenefit) {
        problem(
          `${at}.refusionRate`,
          {
            da: 'en andel fra 0 til 1, eller en ydelse (benefit) og et trin (step)',
            en: 'a share from 0 to 1, or a benefit and a step',
          },
          line.refusionRate,
        );
        return [];
      }
      if (typeof line.benefit !== 'string' || !isBenefitCode(line.benefit)) {
        problem(
          `${at}.benefit`,
          { da: 'en ydelseskode fra ydelseskataloget', en: "a benefit code of the catalogue's" },
          line.benefit,
        );
        return [];
      }
      const benefit = line.benefit;
      let step: number | undefined;
      if (!isOnStaircase(benefitOf(benefit))) {
        // A fixed share or no scheme: a step would say the rate depends on it, which it does not.
        if (line.step !== undefined && line.step !== null) {
          problem(
            `${at}.step`,
            {
              da: `intet trin: ${benefitOf(benefit).nameDa} er ikke på refusionstrappen`,
              en: `no step: ${benefitOf(benefit).nameEn} is not on the refusion staircase`,
            },
            line.step,
          );
          return [];
        }
      } else {
        const read = number(
          `${at}.step`,
          line.step,
          {
            da: 'trinnet på refusionstrappen, 1 til 4 (uge 1-4, 5-26, 27-52, 53 og senere)',
            en: 'the step on the refusion staircase, 1 to 4 (weeks 1-4, 5-26, 27-52, 53 and later)',
          },
          (x) => Number.isInteger(x) && x >= 1 && x <= 4,
        );
        if (read === null) return [];
        step = read;
      }
      return monthlyGross === null
        ? []
        : [{ label, monthlyGross, benefit, ...(step === undefined ? {} : { step }) }];
    });
  };
  const before = lines('before');
  const after = lines('after');
  const oneOffCost = amount('oneOffCost', json.oneOffCost);
  const citizens = number(
    'citizens',
    json.citizens,
    {
      da: `et helt antal borgere fra 1 til 1.000.000`,
      en: `a whole number of citizens from 1 to 1,000,000`,
    },
    (x) => Number.isInteger(x) && x >= 1 && x <= MAX_BUSINESS_CASE_CITIZENS,
  );
  if (problems.length > 0 || oneOffCost === null || citizens === null) throw new BusinessCaseError(problems);
  return { name, before, after, oneOffCost, citizens };
}

/** Kroner to the øre: sums of products are shown and compared to the krone, never with float noise. */
const toOere = (kr: number) => Math.round(kr * 100) / 100 || 0;

/**
 * The business case of `input` with the refusion rules in force in week `asOfWeek` (the date the
 * case is made on: today, at the edge). Per citizen and month, for before and after: gross = Σ
 * monthlyGross, refusion = Σ monthlyGross × rate, net = gross − refusion. savingPerMonth =
 * before.net − after.net, savingPerYear = 12 × savingPerMonth. paybackMonths = oneOffCost /
 * (citizens × savingPerMonth), `null` when the saving is 0 or less (it never pays back).
 * citizensToPayBackIn12Months = ⌈oneOffCost / (12 × savingPerMonth)⌉. Sums are rounded to the øre,
 * net is the rounded gross less the rounded refusion and the saving the difference of the rounded
 * nets (what is shown adds up); months to two decimals.
 *
 * A benefit line's rate is 1 − `municipalShare(benefit, first week of the step)`: see the module
 * comment for what that means for each way a benefit is financed. A benefit that no longer exists in
 * the week (merged into another, as uddannelseshjælp into kontanthjælp on 1 July 2025) is refused
 * with its successor's name, never priced with rules that did not apply.
 */
export function businessCase(
  input: BusinessCaseInput,
  asOfWeek: number,
  versions: readonly RefusionRules[] = REFUSION_RULES,
): BusinessCaseResult {
  const rules = rulesForWeek(asOfWeek, versions);
  const problems: BusinessCaseProblem[] = [];
  let rulesUsed = false;
  const priced = (key: 'before' | 'after'): BusinessCaseLine[] =>
    input[key].map((line, i) => {
      const at = `${key}[${i}]`;
      if (line.refusionRate !== undefined || line.benefit === undefined) {
        const rate = line.refusionRate ?? 0;
        return {
          label: line.label,
          gross: line.monthlyGross,
          refusion: line.monthlyGross * rate,
          net: line.monthlyGross - line.monthlyGross * rate,
          refusionRate: rate,
          rate: { kind: 'given' },
        };
      }
      const benefit = benefitOf(line.benefit);
      if (!rules) {
        problems.push({
          path: `${at}.benefit`,
          expected: {
            da: `en dato, hvor refusionsregler gælder (uge ${toYyyyww(asOfWeek)} ligger uden for dem), eller en given refusionRate`,
            en: `a date some refusion rules cover (week ${toYyyyww(asOfWeek)} lies outside them), or a given refusionRate`,
          },
          found: shown(line.benefit),
        });
      } else if (!isValidIn(line.benefit, asOfWeek)) {
        const { validTo } = validityOf(line.benefit);
        const merged = MERGED_INTO[line.benefit];
        const successor = merged ? benefitOf(merged) : null;
        problems.push({
          path: `${at}.benefit`,
          expected: {
            da: `en ydelse, der findes i uge ${toYyyyww(asOfWeek)} (${benefit.nameDa}: ${validTo === null ? 'findes ikke da' : `til og med uge ${validTo}`}${successor ? `, nu ${successor.nameDa}` : ''})`,
            en: `a benefit that exists in week ${toYyyyww(asOfWeek)} (${benefit.nameEn}: ${validTo === null ? 'not yet then' : `until week ${validTo}`}${successor ? `, now ${successor.nameEn}` : ''})`,
          },
          found: shown(line.benefit),
        });
      }
      if (!rules || problems.length > 0)
        return { label: line.label, gross: 0, refusion: 0, net: 0, refusionRate: 0, rate: { kind: 'given' } };
      rulesUsed = true;
      const step = line.step ?? null;
      const firstWeek = step === null ? 0 : (rules.steps[step - 1]?.fromWeek ?? 0);
      const share = municipalShare(benefit, firstWeek, rules);
      // 1 − 0.7 is 0.30000000000000004: rates are exact to 12 decimals, as municipalShare's are.
      const rate = Math.round((1 - share) * 1e12) / 1e12;
      return {
        label: line.label,
        gross: line.monthlyGross,
        refusion: line.monthlyGross * rate,
        net: line.monthlyGross - line.monthlyGross * rate,
        refusionRate: rate,
        rate: {
          kind: 'rules',
          benefit: line.benefit,
          step,
          financing: benefit.financing.kind,
          municipalShare: share,
          rules: rules.id,
          source: `${rules.source}; ${benefit.source}`,
          status: worse(rules.status, benefit.status),
        },
      };
    });
  const beforeLines = priced('before');
  const afterLines = priced('after');
  if (problems.length > 0) throw new BusinessCaseError(problems);

  // Net as the rounded gross less the rounded refusion, and the saving as the difference of the
  // rounded nets: the table a committee reads adds up to the øre, and so does a check by hand.
  const amounts = (a: { gross: number; refusion: number }): BusinessCaseAmounts => ({
    gross: toOere(a.gross),
    refusion: toOere(a.refusion),
    net: toOere(toOere(a.gross) - toOere(a.refusion)),
  });
  const sum = (lines: readonly BusinessCaseLine[]) =>
    amounts({
      gross: lines.reduce((s, l) => s + l.gross, 0),
      refusion: lines.reduce((s, l) => s + l.refusion, 0),
    });
  const before = sum(beforeLines);
  const after = sum(afterLines);
  const saving = toOere(before.net - after.net);
  const hasSaving = saving > 0;
  const line = (l: BusinessCaseLine): BusinessCaseLine => ({ ...l, ...amounts(l) });
  return {
    before,
    after,
    savingPerMonth: saving,
    savingPerYear: toOere(12 * saving),
    paybackMonths: hasSaving ? Math.round((input.oneOffCost / (input.citizens * saving)) * 100) / 100 : null,
    citizensToPayBackIn12Months: hasSaving
      ? Math.max(0, Math.ceil(input.oneOffCost / (12 * saving) - 1e-9))
      : null,
    lines: { before: beforeLines.map(line), after: afterLines.map(line) },
    rules: rulesUsed && rules ? { id: rules.id, source: rules.source, status: rules.status } : null,
    asOfWeek: toYyyyww(asOfWeek),
  };
}

const STATUS_ORDER: readonly SourceStatus[] = ['verified', 'secondary', 'derived', 'estimated', 'assumed'];

/** The less certain of two statuses: a rate is as certain as the least certain thing it rests on. */
function worse(a: SourceStatus, b: SourceStatus): SourceStatus {
  return STATUS_ORDER.indexOf(a) >= STATUS_ORDER.indexOf(b) ? a : b;
}
