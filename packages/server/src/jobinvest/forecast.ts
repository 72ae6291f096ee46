/**
 * Forecast of a municipality's benefit groups from its stock and modelled inflow: persons,
 * expenditure gross and net of refusion, and the staircase, by year, with intervals from the
 * replications of the microsimulation, which are shared out over the worker pool.
 */

import {
  CostTable,
  costOccupancy,
  sampleInterval,
  sayIn,
  toYyyyww,
  type Language,
  type Occupancy,
  type RateTable,
} from '@jobinvest/core';
import { DataError, inflowBefore, stockAt, type Store, dataWindow } from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import { PROJECTION_ASSUMPTIONS } from './assumptions.ts';
import { modelFor } from './models.ts';
import { meanOccupancy, statePersons } from './occupancy.ts';
import { jobinvestTasks, type StockInput } from './tasks.ts';

/** The stock in a week and the persons entering before it, ready to project. */
export async function stockAndInflow(store: Store, municipality: number, week: number) {
  const stock = await stockAt(store, { week, municipality });
  const inflow = await inflowBefore(store, { week, municipality, weeks: 52 });
  return { stock, inflow };
}

export interface ForecastOptions {
  readonly municipality: number;
  /** Stock week index (default: the last week of data). */
  readonly from?: number;
  readonly horizon: number;
  readonly rates: RateTable;
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
  /**
   * `microsimulation` (default): the mean of `replications` (default 10) simulated paths of every
   * person, with the exact staircase, and intervals from them; `expected`: the expected-value chain
   * (projection.ts), with `replications` (default 0) only for intervals. On the store's full model
   * the chain is far slower for a whole municipality (bench/RESULTS.md).
   */
  readonly engine?: 'expected' | 'microsimulation';
  readonly replications?: number;
  readonly seed?: number;
  /** The language of `assumptions`; default English. */
  readonly language?: Language;
}

export interface ForecastRow {
  readonly year: number;
  readonly weeks: number;
  readonly state: string;
  readonly fullTimePersons: number;
  readonly gross: number;
  readonly stateRefusion: number;
  readonly cofinancing: number;
  readonly municipalNet: number;
  readonly municipalNetByStep: readonly number[];
  readonly fullTimePersonsInterval80: readonly [number, number] | null;
  readonly fullTimePersonsInterval95: readonly [number, number] | null;
  readonly municipalNetInterval80: readonly [number, number] | null;
  readonly municipalNetInterval95: readonly [number, number] | null;
}

/** A year's sums over every benefit group. */
export type ForecastTotal = Pick<
  ForecastRow,
  | 'year'
  | 'fullTimePersons'
  | 'gross'
  | 'stateRefusion'
  | 'cofinancing'
  | 'municipalNet'
  | 'municipalNetByStep'
>;

/** The sums by year of `rows` (one row per year and group). */
export function yearTotals(rows: readonly ForecastRow[]): ForecastTotal[] {
  const byYear = new Map<number, ForecastTotal>();
  for (const r of rows) {
    const t = byYear.get(r.year);
    byYear.set(r.year, {
      year: r.year,
      fullTimePersons: (t?.fullTimePersons ?? 0) + r.fullTimePersons,
      gross: (t?.gross ?? 0) + r.gross,
      stateRefusion: (t?.stateRefusion ?? 0) + r.stateRefusion,
      cofinancing: (t?.cofinancing ?? 0) + r.cofinancing,
      municipalNet: (t?.municipalNet ?? 0) + r.municipalNet,
      municipalNetByStep: r.municipalNetByStep.map((x, i) => x + (t?.municipalNetByStep[i] ?? 0)),
    });
  }
  return [...byYear.values()];
}

export interface Forecast {
  readonly municipality: number;
  readonly stockWeek: number;
  readonly horizonWeeks: number;
  readonly dataVersion: number;
  readonly ratesVersion: string;
  readonly stockPersons: number;
  readonly stockByState: Readonly<Record<string, number>>;
  readonly inflowPerWeek: number;
  readonly years: readonly ForecastRow[];
  /** The years' sums over every group. */
  readonly totals: readonly ForecastTotal[];
  /** Expected persons per state in each week 0 … horizon (week as YYYYWW). */
  readonly weekly: readonly { readonly week: number; readonly persons: Readonly<Record<string, number>> }[];
  readonly replications: number;
  readonly engine: 'expected' | 'microsimulation';
  readonly timings: { readonly modelMs: number; readonly stockMs: number; readonly projectionMs: number };
  readonly assumptions: readonly string[];
  /** Lines for the top of the forecast, the workbook and the report: the rates it rests on, when regulated or carried. */
  readonly notices: readonly string[];
}

/** Forecast of a municipality's benefit groups: persons, expenditure and the staircase, by year. */
export async function forecast(store: Store, options: ForecastOptions): Promise<Forecast> {
  const window = await dataWindow(store);
  const stockWeek = options.from ?? window.last;
  if (stockWeek < window.first || stockWeek > window.last)
    throw new DataError(
      `from: expected a week in the data window ${toYyyyww(window.first)}-${toYyyyww(window.last)}, found ${toYyyyww(stockWeek)}`,
    );
  const t0 = performance.now();
  const entry = await modelFor(store);
  const t1 = performance.now();
  const { stock, inflow } = await stockAndInflow(store, options.municipality, stockWeek);
  const t2 = performance.now();
  const spec = {
    model: entry.key,
    municipality: options.municipality,
    startWeek: stockWeek,
    horizon: options.horizon,
    persons: stock,
    inflow,
  };
  const engine = options.engine ?? 'microsimulation';
  const replications =
    engine === 'expected' ? (options.replications ?? 0) : Math.max(1, options.replications ?? 10);
  const [runs, expected] = await Promise.all([
    simulateInChunks(spec, replications, options.seed ?? 1),
    engine === 'expected' ? workPool().run(jobinvestTasks, 'jobinvest.project', spec) : null,
  ]);
  const occupancy = expected ?? meanOccupancy(runs);
  const language = options.language ?? 'en';
  const costs = new CostTable({ rates: options.rates, ownCostPerYear: options.ownCostPerYear, language });
  const costed = costOccupancy(occupancy, costs);
  const t3 = performance.now();

  const draws = new Map<string, { ft: number[]; net: number[] }>();
  if (replications > 1)
    for (const run of runs)
      for (const row of costOccupancy(run, costs).byYearAndState) {
        const key = `${row.year}|${row.state}`;
        let d = draws.get(key);
        if (!d) draws.set(key, (d = { ft: [], net: [] }));
        d.ft.push(row.fullTimePersons);
        d.net.push(row.municipalNet);
      }

  const weekly = [];
  for (let t = 0; t <= options.horizon; t++) {
    const persons: Record<string, number> = {};
    occupancy.states.forEach((state, s) => {
      if (state !== 'out') persons[state] = statePersons(occupancy, t, s);
    });
    weekly.push({ week: toYyyyww(stockWeek + t), persons });
  }
  const stockByState: Record<string, number> = {};
  for (const p of stock) stockByState[p.state] = (stockByState[p.state] ?? 0) + 1;
  const years: ForecastRow[] = costed.byYearAndState
    .filter((r) => r.state !== 'out')
    .map((r) => {
      const d = draws.get(`${r.year}|${r.state}`);
      const ft = d?.ft ?? [];
      const net = d?.net ?? [];
      return {
        year: r.year,
        weeks: costed.weeksByYear.get(r.year)!,
        state: r.state,
        fullTimePersons: r.fullTimePersons,
        gross: r.gross,
        stateRefusion: r.stateRefusion,
        cofinancing: r.cofinancing,
        municipalNet: r.municipalNet,
        municipalNetByStep: r.municipalNetByStep,
        fullTimePersonsInterval80: sampleInterval(ft, 0.8),
        fullTimePersonsInterval95: sampleInterval(ft, 0.95),
        municipalNetInterval80: sampleInterval(net, 0.8),
        municipalNetInterval95: sampleInterval(net, 0.95),
      };
    });
  return {
    municipality: options.municipality,
    stockWeek: toYyyyww(stockWeek),
    horizonWeeks: options.horizon,
    dataVersion: entry.dataVersion,
    ratesVersion: costs.version,
    stockPersons: stock.length,
    stockByState,
    inflowPerWeek: inflow.weeks > 0 ? inflow.cells.reduce((a, c) => a + c.persons, 0) / inflow.weeks : 0,
    years,
    totals: yearTotals(years),
    weekly,
    replications,
    engine,
    timings: { modelMs: t1 - t0, stockMs: t2 - t1, projectionMs: t3 - t2 },
    assumptions: [...PROJECTION_ASSUMPTIONS.map(sayIn(language)), ...[...costs.assumptions].sort()],
    notices: costs.notices,
  };
}

/**
 * Replications 0 … `replications` − 1 of the microsimulation of `spec`, in one chunk per worker:
 * replication r draws from its own seed, so the chunks give what one run would.
 */
async function simulateInChunks(spec: StockInput, replications: number, seed: number): Promise<Occupancy[]> {
  const pool = workPool();
  const chunk = Math.ceil(replications / pool.size);
  const chunks = [];
  for (let first = 0; first < replications; first += chunk)
    chunks.push(
      pool.run(jobinvestTasks, 'jobinvest.simulate', {
        ...spec,
        first,
        replications: Math.min(chunk, replications - first),
        seed,
      }),
    );
  return (await Promise.all(chunks)).flat();
}
