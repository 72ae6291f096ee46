/**
 * Budget against realised (budgetopfølgning): per benefit group, the budget's months beside what
 * the municipality actually paid (the Ydelsesrefusion lines, server `budget/realised.ts`), the
 * year's end forecast, and the lines that deviate beyond a threshold.
 *
 * Both sides are folded into the follow-up's benefit groups (`followUpGroupOf`: jobindsats' groups,
 * as fine as the file names a benefit), so a budget per catalogue code and realised figures per
 * group meet on the same lines.
 *
 * Months are `YYYY-MM`; a week belongs to the month of its Thursday (weeks.ts `monthWeeks`), as the
 * forecast and jobindsats count, so a year's twelve months hold exactly its ISO weeks. Realised
 * figures are compared through `throughMonth`, the last whole month with data: a month half paid
 * would look like an underspend.
 */

import { isBenefitCode } from '../benefits.ts';
import { followUpGroupOf, kombitYdelseOf } from './kombit-ydelser.ts';
import type { BudgetAmounts, MonthlyAmounts } from './types.ts';

export interface FollowUpMonth {
  readonly month: string;
  readonly budget: BudgetAmounts;
  /** What was paid; `null` for a month after `throughMonth`. */
  readonly realised: BudgetAmounts | null;
}

export interface FollowUpLine {
  readonly benefit: string;
  /** The year's budget. */
  readonly budget: BudgetAmounts;
  readonly realisedToDate: BudgetAmounts;
  /** The budget of the months through `throughMonth`. */
  readonly budgetToDate: BudgetAmounts;
  /** Realised to date + the projection of the remaining months (see `followUp`). */
  readonly projectedYearEnd: BudgetAmounts;
  /** Net, kroner: projected year end − the year's budget (positive: an overspend). */
  readonly deviation: number;
  /** `deviation` / |budget net|; `null` when the budget's net is 0. */
  readonly deviationShare: number | null;
  readonly flagged: boolean;
  readonly months: readonly FollowUpMonth[];
}

export interface FollowUpOptions {
  readonly year: number;
  /** The last whole month with data, `YYYY-MM` (may lie before or after `year`). */
  readonly throughMonth: string;
  /** The share of the budget's net a projected deviation must exceed to be flagged, e.g. 0.05. */
  readonly threshold: number;
}

export const ZERO_AMOUNTS: BudgetAmounts = { gross: 0, refusion: 0, cofinancing: 0, net: 0 };

export function addAmounts(a: BudgetAmounts, b: BudgetAmounts): BudgetAmounts {
  return {
    gross: a.gross + b.gross,
    refusion: a.refusion + b.refusion,
    cofinancing: a.cofinancing + b.cofinancing,
    net: a.net + b.net,
  };
}

function scaleAmounts(a: BudgetAmounts, factor: number): BudgetAmounts {
  return {
    gross: a.gross * factor,
    refusion: a.refusion * factor,
    cofinancing: a.cofinancing * factor,
    net: a.net * factor,
  };
}

const amountsOf = (m: BudgetAmounts): BudgetAmounts => ({
  gross: m.gross,
  refusion: m.refusion,
  cofinancing: m.cofinancing,
  net: m.net,
});

/** `YYYY-MM` of a year and month 1-12. */
export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Whether a budget line's benefit is settled through Ydelsesrefusion: a catalogue code the file
 * names (kombit-ydelser.ts), or a follow-up group. The fixed regimes (førtidspension granted before
 * 1 July 2014, fleksjob before 2013) are settled outside it, so the file can never show them.
 */
export function inYdelsesrefusion(benefit: string): boolean {
  return !isBenefitCode(benefit) || kombitYdelseOf(benefit) !== null;
}

/**
 * The budget lines of `year` the follow-up cannot compare, as Ydelsesrefusion does not settle
 * them (`inYdelsesrefusion`): each such benefit with its year's budget, so the report names them
 * and their kroner instead of counting them against what the file shows.
 */
export function outsideYdelsesrefusion(
  budgetMonths: readonly MonthlyAmounts[],
  year: number,
): { readonly benefit: string; readonly budget: BudgetAmounts }[] {
  const byBenefit = new Map<string, BudgetAmounts>();
  for (const m of budgetMonths)
    if (!inYdelsesrefusion(m.benefit) && m.month.startsWith(`${year}-`))
      byBenefit.set(m.benefit, addAmounts(byBenefit.get(m.benefit) ?? ZERO_AMOUNTS, amountsOf(m)));
  return [...byBenefit].map(([benefit, budget]) => ({ benefit, budget }));
}

/**
 * Month by month budget against realised for `options.year`, one line per benefit group that has a
 * budget or a realised amount in the year, in the order the groups first appear (budget first).
 * Budget lines that Ydelsesrefusion does not settle are left out (`outsideYdelsesrefusion` names them).
 *
 * The year's end is forecast as realised through `throughMonth` + the budget's remaining months
 * **scaled by the ratio realised net / budget net so far**. Scaled, not unchanged, because what
 * drives a deviation from a benefit's budget is usually a level (more or fewer full-time persons, a
 * different mix on the staircase than budgeted) that goes on for the rest of the year: a line 10 %
 * over after six months is expected to end about 10 % over, not to fall back onto the budget. One
 * ratio, the net's, scales all four amounts of the remaining months, so the projected months keep
 * the budget's own relation net = gross − refusion (or net = co-financing); and it is the net
 * the deviation and the flag are on. Where the budget so far has no net (nothing budgeted yet, or
 * no month passed), the remaining months are taken as budgeted (ratio 1).
 *
 * A line is flagged when |deviation| exceeds `threshold` × |budget net|, or, with no budget net,
 * when it deviates at all.
 */
export function followUp(
  budgetMonths: readonly MonthlyAmounts[],
  realisedMonths: readonly MonthlyAmounts[],
  options: FollowUpOptions,
): FollowUpLine[] {
  if (!MONTH.test(options.throughMonth))
    throw new RangeError(`throughMonth must be YYYY-MM, found "${options.throughMonth}"`);
  if (!(options.threshold >= 0))
    throw new RangeError(`threshold must be a share ≥ 0, found ${options.threshold}`);
  const months = Array.from({ length: 12 }, (_, k) => monthKey(options.year, k + 1));
  const inYear = new Set(months);
  const groups: string[] = [];
  const sums = (list: readonly MonthlyAmounts[]) => {
    const byKey = new Map<string, BudgetAmounts>();
    for (const m of list) {
      if (!MONTH.test(m.month))
        throw new RangeError(`a month must be YYYY-MM, found "${m.month}" (${m.benefit})`);
      if (!inYear.has(m.month) || !inYdelsesrefusion(m.benefit)) continue;
      const group = followUpGroupOf(m.benefit);
      if (!groups.includes(group)) groups.push(group);
      const key = `${group}|${m.month}`;
      byKey.set(key, addAmounts(byKey.get(key) ?? ZERO_AMOUNTS, amountsOf(m)));
    }
    return byKey;
  };
  const budget = sums(budgetMonths);
  const realised = sums(realisedMonths);

  return groups.map((benefit) => {
    let year = ZERO_AMOUNTS;
    let budgetToDate = ZERO_AMOUNTS;
    let realisedToDate = ZERO_AMOUNTS;
    let remaining = ZERO_AMOUNTS;
    const lineMonths = months.map((month): FollowUpMonth => {
      const b = budget.get(`${benefit}|${month}`) ?? ZERO_AMOUNTS;
      year = addAmounts(year, b);
      if (month > options.throughMonth) {
        remaining = addAmounts(remaining, b);
        return { month, budget: b, realised: null };
      }
      const r = realised.get(`${benefit}|${month}`) ?? ZERO_AMOUNTS;
      budgetToDate = addAmounts(budgetToDate, b);
      realisedToDate = addAmounts(realisedToDate, r);
      return { month, budget: b, realised: r };
    });
    const ratio = budgetToDate.net === 0 ? 1 : realisedToDate.net / budgetToDate.net;
    const projectedYearEnd = addAmounts(realisedToDate, scaleAmounts(remaining, ratio));
    const deviation = projectedYearEnd.net - year.net;
    const deviationShare = year.net === 0 ? null : deviation / Math.abs(year.net);
    const flagged =
      deviationShare === null ? Math.abs(deviation) > 0 : Math.abs(deviationShare) > options.threshold;
    return {
      benefit,
      budget: year,
      realisedToDate,
      budgetToDate,
      projectedYearEnd,
      deviation,
      deviationShare,
      flagged,
      months: lineMonths,
    };
  });
}
