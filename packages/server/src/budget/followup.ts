/**
 * Budget against realised for a municipality and year: the budget's months (from the budget room's
 * saved budget, `budgetMonths`, handed in) against the realised months of the Ydelsesrefusion lines
 * (realised.ts), compared by core's `followUp` through the last whole month with data.
 *
 * "Today" is read at the edge (the route, the command) and passed in. The last whole month is the
 * last calendar month whose weeks (those whose Thursday falls in it) all lie before today's week and
 * no later than the last week with lines of the municipality: a month whose file has not come yet
 * is not read as an underspend.
 *
 * Figures on few persons are withheld for roles that see suppressed figures (core's
 * `suppressionMask`, persons of each group × month with the group's persons to date as the line's
 * total): a withheld month shows no realised amounts, and a line whose persons to date are few shows
 * no realised amount, projection or deviation at all.
 */

import {
  followUp as compare,
  formatPercent,
  monthKey,
  monthWeeks,
  outsideYdelsesrefusion,
  suppressionMask,
  toYyyyww,
  weekIndexOfInstant,
  mondayOf,
  type FollowUpLine,
  type FollowUpLineView,
  type FollowUpMonthView,
  type FollowUpReport,
  type MonthlyAmounts,
} from '@jobinvest/core';
import type { Store } from '../data/index.ts';
import { realisedMonths, refusionLastWeek } from './realised.ts';

/** The budget months of a municipality's saved budget for a year, or `null` when it has none. */
export type BudgetMonthsProvider = (
  store: Store,
  municipality: number,
  year: number,
) => Promise<readonly MonthlyAmounts[] | null>;

/** A line deviating by more than this share of its budget's net is flagged, unless the caller says otherwise. */
export const DEFAULT_DEVIATION_THRESHOLD = 0.05;

export interface FollowUpOptions {
  /** The deviation share beyond which a line is flagged; default 5 %. */
  readonly threshold?: number;
  /** The suppression threshold of the caller, `null` for none (the command line, the admin). */
  readonly suppression?: number | null;
}

/**
 * The last whole month (`YYYY-MM`) through week index `bound`: the month of the week's Thursday if
 * the week is that month's last, else the month before.
 */
export function lastWholeMonth(bound: number): string {
  const [year, month] = monthOfThursday(bound);
  if (monthWeeks(year, month).last <= bound) return monthKey(year, month);
  return month === 1 ? monthKey(year - 1, 12) : monthKey(year, month - 1);
}

/** Calendar year and month of a week's Thursday. */
function monthOfThursday(week: number): [number, number] {
  const [y, m, d] = mondayOf(week).split('-').map(Number) as [number, number, number];
  const thursday = new Date(Date.UTC(y, m - 1, d + 3));
  return [thursday.getUTCFullYear(), thursday.getUTCMonth() + 1];
}

export const FOLLOW_UP_RULE =
  "Realised: the Ydelsesrefusion lines of the municipality's Finansiering Kommunenavn, gross = Beregnet udbetalingsbeløb, " +
  'net = gross − Refusionsbeløb for benefits the municipality pays and the Medfinansieringsbeløb for benefits others pay; ' +
  "a week counts in the month of its Thursday. Compared through the last whole month with data. Year end = realised so far + the budget's " +
  'remaining months × (realised net ÷ budget net so far).';

export async function followUp(
  store: Store,
  municipality: number,
  year: number,
  budgetMonths: readonly MonthlyAmounts[],
  today: Date,
  options: FollowUpOptions = {},
): Promise<FollowUpReport> {
  const threshold = options.threshold ?? DEFAULT_DEVIATION_THRESHOLD;
  const lastWeek = await refusionLastWeek(store, municipality);
  const complete = weekIndexOfInstant(today) - 1;
  const throughMonth =
    lastWeek === null ? monthKey(year - 1, 12) : lastWholeMonth(Math.min(lastWeek, complete));
  const realised = await realisedMonths(store, municipality, year, throughMonth);
  const lines = compare(budgetMonths, realised.months, { year, throughMonth, threshold });

  const suppression = options.suppression ?? null;
  const compared = lines[0]?.months.filter((m) => m.realised !== null).map((m) => m.month) ?? [];
  const personsOf = (benefit: string, month: string) =>
    realised.months.find((r) => r.benefit === benefit && r.month === month)?.persons ?? 0;
  const mask =
    suppression === null
      ? null
      : suppressionMask({
          persons: lines.map((l) => compared.map((month) => personsOf(l.benefit, month))),
          rowTotals: lines.map((l) => realised.personsByBenefit[l.benefit] ?? 0),
          columnTotals: false,
          threshold: suppression,
        });
  let withheld = 0;
  const views = lines.map((line: FollowUpLine, i): FollowUpLineView => {
    const lineHidden = mask?.rowTotals[i] ?? false;
    if (lineHidden) withheld++;
    const months = line.months.map((m): FollowUpMonthView => {
      const k = compared.indexOf(m.month);
      const hidden = m.realised !== null && (lineHidden || (k >= 0 && (mask?.cells[i]?.[k] ?? false)));
      if (hidden && !lineHidden) withheld++;
      return { month: m.month, budget: m.budget, realised: hidden ? null : m.realised, withheld: hidden };
    });
    return {
      benefit: line.benefit,
      budget: line.budget,
      budgetToDate: line.budgetToDate,
      realisedToDate: lineHidden ? null : line.realisedToDate,
      projectedYearEnd: lineHidden ? null : line.projectedYearEnd,
      deviation: lineHidden ? null : line.deviation,
      deviationShare: lineHidden ? null : line.deviationShare,
      flagged: lineHidden ? null : line.flagged,
      withheld: lineHidden,
      months,
    };
  });
  return {
    municipality,
    year,
    throughMonth,
    lastWeek: lastWeek === null ? null : toYyyyww(lastWeek),
    threshold,
    lines: views,
    unmapped: realised.unmapped.map((u) =>
      suppression !== null && u.persons < suppression
        ? { ...u, gross: null, refusion: null, cofinancing: null }
        : u,
    ),
    outside: outsideYdelsesrefusion(budgetMonths, year),
    suppressed: { threshold: suppression, withheld },
    rule: `${FOLLOW_UP_RULE} Flagged: a deviation beyond ${formatPercent(threshold)} of the year's budget net.`,
  };
}
