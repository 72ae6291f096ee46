/**
 * The measures month by month and where the forecast takes them: the Nøgletal chart's observed
 * series (each whole month in the data, counted as `kpi` counts any period), and full-time persons of
 * a benefit group 12 months ahead with their bands from the replications of the Prognose page's
 * forecast (jobinvest/forecast.ts: the same job, made before anyone asks after a start or an
 * import); and a result goal's outlook on its target date (core monitoring/outlook.ts, goals.ts).
 */

import {
  civilOf,
  goalOutlook,
  groupBenefits,
  isFew,
  monthlyOutlook,
  monthWeeks,
  mondayOfWeek,
  periodOutlook,
  toYyyyww,
  yearWeekOf,
  type GoalDirection,
  type GoalOutlook,
  type KpiMeasures,
  type MonthOutlook,
  type RateTable,
} from '@jobinvest/core';
import { dataWindow, DataError, type Store } from '../data/index.ts';
import { pageForecastRuns, type BandsState, type RunsNow } from '../jobinvest/index.ts';
import { kpi, type KpiRequest } from './kpi.ts';

/** Months of the observed series unless asked otherwise: two years. */
export const SERIES_MONTHS = 24;
/** The most months one series covers: five years (each month is one count of the measures, ~60 ms on København). */
export const MAX_SERIES_MONTHS = 60;

/** A measure's figure in a month: the number measures of KpiMeasures, and work 3 months after an ended spell. */
export type MonthFigures = Readonly<Record<string, number | null>>;

export interface SeriesMonth {
  readonly year: number;
  readonly month: number;
  /** The month's weeks, YYYYWW. */
  readonly from: number;
  readonly to: number;
  readonly figures: MonthFigures;
}

/** The number measures of one unit's answer (its month's figures). */
function figuresOf(measures: KpiMeasures | null): MonthFigures {
  if (!measures) return {};
  const figures: Record<string, number | null> = {};
  for (const [id, value] of Object.entries(measures))
    if (value === null || typeof value === 'number') figures[id] = value;
  figures.workAfter3Months = measures.statusAfter['3'].work;
  return figures;
}

/** The last `count` whole calendar months inside the data window, oldest first. */
export async function wholeMonths(store: Store, count: number): Promise<{ year: number; month: number }[]> {
  const window = await dataWindow(store);
  let { year, month } = civilOf(mondayOfWeek(window.last) + 3);
  if (monthWeeks(year, month).last > window.last)
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const months: { year: number; month: number }[] = [];
  while (months.length < count && monthWeeks(year, month).first >= window.first) {
    months.unshift({ year, month });
    [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
  }
  return months;
}

/**
 * The measures of `request` (without its period) in each of the last `months` whole months of the
 * data; below the municipality, those of the unit `key` (a caseworker's own caseload: their one row).
 * Figures on few persons are withheld as in any answer of `kpi`.
 */
export async function kpiSeries(
  store: Store,
  request: Omit<KpiRequest, 'from' | 'to'>,
  key: string | null,
  months: number,
): Promise<{ months: SeriesMonth[]; withheld: number }> {
  const found = await wholeMonths(store, months);
  const answers = await Promise.all(
    found.map(async ({ year, month }) => {
      const span = monthWeeks(year, month);
      const answer = await kpi(store, { ...request, from: span.first, to: span.last });
      const row = answer.measures ?? answer.rows.find((r) => key === null || r.key === key)?.measures ?? null;
      return {
        month: { year, month, from: toYyyyww(span.first), to: toYyyyww(span.last), figures: figuresOf(row) },
        withheld: answer.suppressed.withheld,
      };
    }),
  );
  return {
    months: answers.map((a) => a.month),
    withheld: answers.reduce((sum, a) => sum + a.withheld, 0),
  };
}

/** Full-time persons of a benefit group month by month ahead, as far as the forecast's replications are made. */
export interface FullTimeOutlook {
  /** `ready`: `months` hold the replications' mean and bands; `pending`: they are being made; `withheld`: the group's stock rests on few persons. */
  readonly state: BandsState | 'withheld';
  readonly error?: string;
  /** YYYYWW; null when the forecast failed before its stock was read. */
  readonly stockWeek: number | null;
  readonly replications: number;
  readonly months: readonly (Omit<MonthOutlook, 'from' | 'to'> & { from: number; to: number })[];
}

/**
 * The Prognose forecast's replications for a group as a role may see them: `failed` when the data
 * cannot make the forecast (too few persons for a model, say), `withheld` when the group's stock has
 * 1 to threshold − 1 persons (as the forecast withholds the group), else as far as they are made.
 */
async function groupRuns(
  store: Store,
  query: { municipality: number; benefit: string; rates: RateTable; threshold: number | null },
  wait: Parameters<typeof pageForecastRuns>[3],
): Promise<
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'withheld'; readonly now: RunsNow }
  | { readonly state: 'shown'; readonly now: RunsNow; readonly benefits: readonly string[] }
> {
  let now: RunsNow;
  try {
    now = await pageForecastRuns(store, query.municipality, query.rates, wait);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { state: 'failed', error: error.message };
  }
  const benefits = groupBenefits(query.benefit);
  const stock = Object.entries(now.stockByState).reduce((n, [s, k]) => n + (benefits.includes(s) ? k : 0), 0);
  if (query.threshold !== null && isFew(stock, query.threshold)) return { state: 'withheld', now };
  return { state: 'shown', now, benefits };
}

/**
 * Full-time persons of `benefit` (a jobindsats group, or `all`) in the 12 months from the data's
 * last week, with 80/95 % bands, after waiting up to `waitForBandsMs` for the replications. A
 * group whose stock has 1 to threshold − 1 persons is withheld whole, as the forecast withholds it.
 */
export async function fullTimeOutlook(
  store: Store,
  query: { municipality: number; benefit: string; rates: RateTable; threshold: number | null },
  wait: Parameters<typeof pageForecastRuns>[3] = {},
): Promise<FullTimeOutlook> {
  const found = await groupRuns(store, query, wait);
  // A forecast the data cannot make leaves the observed series.
  if (found.state === 'failed')
    return { state: 'failed', error: found.error, stockWeek: null, replications: 0, months: [] };
  const { now } = found;
  const base = { stockWeek: now.stockWeek, replications: now.replications };
  if (found.state === 'withheld') return { ...base, state: 'withheld', months: [] };
  if (!now.runs)
    return { ...base, state: now.bands, ...(now.bandsError ? { error: now.bandsError } : {}), months: [] };
  return {
    ...base,
    state: 'ready',
    months: monthlyOutlook(now.runs, found.benefits).map((m) => ({
      ...m,
      from: toYyyyww(m.from),
      to: toYyyyww(m.to),
    })),
  };
}

/**
 * The goal measures the forecast reaches: full-time persons, and their share of the labour force
 * (the labour force of the target's year as the municipality file gives it, or its latest before).
 */
export const FORECAST_GOAL_MEASURES: readonly string[] = ['fullTimePersons', 'shareOfLabourForce'];

/** A goal's outlook: where the forecast puts it on its target date, or why there is none. */
export type GoalForecast =
  | ({ readonly state: 'ready' } & GoalOutlook)
  | {
      readonly state:
        Exclude<BandsState, 'ready'> | 'withheld' | 'reached-data' | 'beyond-forecast' | 'not-forecast';
    };

/**
 * Where the forecast puts a goal on full-time persons (or their share of the labour force) at its
 * target date: each replication's full-time persons over the period as long as the baseline's ending
 * on the target week (its weeks before the forecast from the data), their median, 80 % band and the
 * share reaching the target. Other measures (durations, status after a spell) are not forecast; a
 * goal whose period ends inside the data has its status, not an outlook.
 */
export async function goalForecast(
  store: Store,
  goal: {
    municipality: number;
    benefit: string;
    measure: string;
    period: { from: number; to: number };
    target: number;
    direction: GoalDirection;
  },
  rates: RateTable,
  threshold: number | null,
  waitForBandsMs = 0,
): Promise<GoalForecast> {
  if (!FORECAST_GOAL_MEASURES.includes(goal.measure)) return { state: 'not-forecast' };
  const window = await dataWindow(store);
  if (goal.period.to <= window.last) return { state: 'reached-data' };
  const found = await groupRuns(
    store,
    { municipality: goal.municipality, benefit: goal.benefit, rates, threshold },
    { waitForBandsMs },
  );
  if (found.state !== 'shown') return { state: found.state };
  const { now, benefits } = found;
  if (!now.runs) return { state: now.bands === 'ready' ? 'failed' : now.bands };
  const runs = now.runs;
  if (goal.period.to > runs.startWeek + runs.horizon) return { state: 'beyond-forecast' };
  // The period's weeks before the forecast's stock week, from the data (as the status counts them).
  let observed = 0;
  // A period that begins before the data has no observed part to add: its forecast is unknown.
  if (goal.period.from < window.first) return { state: 'failed' };
  if (goal.period.from < runs.startWeek) {
    const to = runs.startWeek - 1;
    const answer = await kpi(store, {
      municipality: goal.municipality,
      benefit: goal.benefit,
      from: goal.period.from,
      to,
      level: 'municipality',
      threshold: null,
    });
    observed = (answer.measures?.fullTimePersons ?? 0) * (to - goal.period.from + 1);
  }
  let values = periodOutlook(runs, benefits, goal.period, observed);
  if (goal.measure === 'shareOfLabourForce') {
    // The labour force of the target's year, or the latest year before it the municipality file
    // gives (carried forward: nobody forecasts it here).
    const [row] = await store.query<{ lf: number | null }>(
      `SELECT labour_force_16_66 AS lf FROM municipality_years
       WHERE code = $1 AND year <= $2 AND labour_force_16_66 > 0 ORDER BY year DESC LIMIT 1`,
      [goal.municipality, yearWeekOf(goal.period.to).year],
    );
    if (!row?.lf) return { state: 'failed' };
    values = values.map((v) => v / Number(row.lf));
  }
  return { state: 'ready', ...goalOutlook(goal.target, goal.direction, values) };
}
