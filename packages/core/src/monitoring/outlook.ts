/**
 * Resultatstyring's measures over the forecast: full-time persons of a benefit group month by month
 * after the data (the Nøgletal chart's continuation, with its bands), and over any period of weeks
 * (a result goal's period ending on its target date), from each replication of the
 * microsimulation (jobinvest/projection.ts).
 *
 * Full-time persons over weeks are the person-weeks in the group's states ÷ the weeks, as jobindsats
 * counts them on the data (RULES.md §5). A month is the weeks whose Thursday falls in it
 * (weeks.ts `monthWeeks`). The stock week is the data's last: the months begin with the one that
 * holds the week after it, counted from the stock week on where the data end inside it, so that they
 * follow the observed series' last whole month without a gap or an overlap. A period that begins
 * before the forecast takes its observed person-weeks from the data, the rest from each replication.
 */

import { nestedBands } from '../jobinvest/bands.ts';
import { civilOf, mondayOfWeek, monthWeeks } from '../weeks.ts';

/**
 * A forecast's replications week by week: persons in `states[s]` in week `startWeek + t` of
 * replication r at `weekly[r][t · states.length + s]`, t = 0 (the stock week) … horizon.
 */
export interface WeeklyReplications {
  readonly states: readonly string[];
  /** Week index of t = 0. */
  readonly startWeek: number;
  readonly horizon: number;
  readonly weekly: readonly ArrayLike<number>[];
}

/** A month of the forecast: its full-time persons' mean over the replications and their bands. */
export interface MonthOutlook {
  readonly year: number;
  readonly month: number;
  /** The month's forecast weeks (week indices). */
  readonly from: number;
  readonly to: number;
  readonly mean: number;
  readonly band80: readonly [number, number];
  readonly band95: readonly [number, number];
}

/** Months the forecast of the measures reaches ahead. */
export const OUTLOOK_MONTHS = 12;

/** The indices in `runs.states` of `benefits` (the catalogue codes a group holds) the forecast has. */
function stateIndices(runs: WeeklyReplications, benefits: readonly string[]): number[] {
  return runs.states.flatMap((state, s) => (benefits.includes(state) ? [s] : []));
}

/**
 * Each replication's person-weeks of `benefits` over the forecast's weeks from `from` to `to`
 * (week indices, clipped to the forecast), and how many weeks that is.
 */
export function forecastPersonWeeks(
  runs: WeeklyReplications,
  benefits: readonly string[],
  from: number,
  to: number,
): { readonly weeks: number; readonly personWeeks: number[] } {
  const first = Math.max(from, runs.startWeek) - runs.startWeek;
  const last = Math.min(to, runs.startWeek + runs.horizon) - runs.startWeek;
  const indices = stateIndices(runs, benefits);
  const S = runs.states.length;
  const personWeeks = runs.weekly.map((weekly) => {
    let sum = 0;
    for (let t = first; t <= last; t++) for (const s of indices) sum += weekly[t * S + s]!;
    return sum;
  });
  return { weeks: Math.max(0, last - first + 1), personWeeks };
}

/**
 * Full-time persons of `benefits` in each of the `months` calendar months from the one that holds
 * the week after the stock week (from the stock week on): the replications' mean and 80/95 % bands. Months
 * the forecast does not reach to the end are left out; none without at least 2 replications.
 */
export function monthlyOutlook(
  runs: WeeklyReplications,
  benefits: readonly string[],
  months = OUTLOOK_MONTHS,
): MonthOutlook[] {
  if (runs.weekly.length < 2) return [];
  const end = runs.startWeek + runs.horizon;
  // The stock week is the data's last: where it ends its month, that month is observed whole.
  let { year, month } = civilOf(mondayOfWeek(runs.startWeek + 1) + 3);
  const result: MonthOutlook[] = [];
  for (let k = 0; k < months; k++) {
    const span = monthWeeks(year, month);
    if (span.last > end) break;
    const from = Math.max(span.first, runs.startWeek);
    const { weeks, personWeeks } = forecastPersonWeeks(runs, benefits, from, span.last);
    const sample = personWeeks.map((p) => p / weeks);
    const mean = sample.reduce((a, b) => a + b, 0) / sample.length;
    const bands = nestedBands(sample, mean)!;
    result.push({ year, month, from, to: span.last, mean, ...bands });
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return result;
}

/**
 * Each replication's full-time persons of `benefits` over the period `from` … `to` (week indices,
 * ending inside the forecast): the observed person-weeks before the forecast's start
 * (`observedPersonWeeks`, of the weeks from `from` to the week before the stock week) plus the
 * replication's from the stock week on, ÷ the period's weeks.
 */
export function periodOutlook(
  runs: WeeklyReplications,
  benefits: readonly string[],
  period: { readonly from: number; readonly to: number },
  observedPersonWeeks: number,
): number[] {
  if (period.to < runs.startWeek || period.to > runs.startWeek + runs.horizon || period.from > period.to)
    throw new RangeError(
      `period: expected an end inside the forecast's weeks ${runs.startWeek}-${runs.startWeek + runs.horizon}, found ${period.from}-${period.to}`,
    );
  const weeks = period.to - period.from + 1;
  const { personWeeks } = forecastPersonWeeks(runs, benefits, period.from, period.to);
  return personWeeks.map((p) => (observedPersonWeeks + p) / weeks);
}
