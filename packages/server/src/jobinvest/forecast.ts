/**
 * Forecast of a municipality's benefit groups from its stock and modelled inflow: persons,
 * expenditure gross, state refusion, co-financing and municipal net, and the staircase, by year and
 * group. It comes in two stages:
 *
 * 1. the expected values of the projection chain (core projection.ts), one worker task: seconds;
 * 2. the mean and the 80/95 % bands of `replications` (default 200) microsimulations, shared out over
 *    the worker pool in small tasks (a live calculator request gets a worker between them), each
 *    replication simulated and priced in its worker: minutes for the largest municipality.
 *
 * A page shows stage 1 at once and stage 2 when it comes (`bands`). The line drawn with the bands is
 * the mean of the same replications the bands are made of, so that the one lies inside the other
 * (core bands.ts); the expected values of stage 1 differ from it by simulation error and, in the
 * municipal net, by the chain's staircase classes.
 *
 * Both stages are kept per store, data version, rate table and question (`forecastJob`), and are
 * made before anyone asks after a start or an import (prepare.ts): a visit reads a ready answer, and
 * one that comes earlier waits for the computation under way rather than starting another.
 */

import {
  CostTable,
  costOccupancy,
  nestedBands,
  replicationSamples,
  sayIn,
  SEPARATE_LINE_GROUPS,
  toYyyyww,
  type CoveredBand,
  type Language,
  type Occupancy,
  type RateTable,
  type SeparateKey,
} from '@jobinvest/core';
import {
  DataError,
  dataVersion,
  inflowBefore,
  Recent,
  stockAt,
  type Store,
  dataWindow,
} from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import { PROJECTION_ASSUMPTIONS } from './assumptions.ts';
import { modelFor } from './models.ts';
import { statePersons } from './occupancy.ts';
import { jobinvestTasks, type PricedReplications, type SharedStock, type SharedStockInput } from './tasks.ts';

/** The stock in a week and the persons entering before it, ready to project. */
export async function stockAndInflow(store: Store, municipality: number, week: number) {
  const stock = await stockAt(store, { week, municipality });
  const inflow = await inflowBefore(store, { week, municipality, weeks: 52 });
  return { stock, inflow };
}

/** Replications behind the bands unless asked otherwise: enough for stable 2.5 % and 97.5 % quantiles. */
export const FORECAST_REPLICATIONS = 200;
/** Replications in one worker task: small, so that other work gets a worker between them. */
const REPLICATIONS_PER_TASK = 5;

export interface ForecastOptions {
  readonly municipality: number;
  /**
   * Stock week index (default: the last week of data). A forecast from an earlier week is made as
   * it would have been then: its duration model is estimated on the data through that week (as the
   * backtest's), so it does not know what came after.
   */
  readonly from?: number;
  readonly horizon: number;
  readonly rates: RateTable;
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
  /** Microsimulation replications for the mean and the bands (default 200); 0 or 1: the expected values only. */
  readonly replications?: number;
  readonly seed?: number;
  /** The language of `assumptions`; default English. */
  readonly language?: Language;
}

export interface ForecastRow {
  readonly year: number;
  readonly weeks: number;
  readonly state: string;
  /** The rate table's year whose rate priced the group in the year; `null`: not priced, or the municipality's own cost. */
  readonly rateYear: number | null;
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

/**
 * Where the bands stand: `ready` (the figures are the mean of the replications, with their
 * bands), `pending` (the figures are the expected values, the replications are under way), `failed`
 * (the replications stopped; `bandsError` says why), `none` (no replications were asked for).
 */
export type BandsState = 'ready' | 'pending' | 'failed' | 'none';

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
  /**
   * The bands of the municipal net of the budget's separate lines' groups together (core
   * `SEPARATE_LINE_GROUPS`), by year, from the same replications; empty without replications.
   */
  readonly coveredBands: readonly CoveredBand[];
  /** Persons per state in each week 0 … horizon (week as YYYYWW): expected, or the replications' mean. */
  readonly weekly: readonly { readonly week: number; readonly persons: Readonly<Record<string, number>> }[];
  /** What the figures are: the chain's expected values, or the mean of the replications. */
  readonly engine: 'expected' | 'microsimulation';
  /** Replications of the bands (done, or under way while `bands` is pending); 0 when none. */
  readonly replications: number;
  readonly bands: BandsState;
  readonly bandsError?: string;
  readonly timings: { readonly modelMs: number; readonly stockMs: number; readonly projectionMs: number };
  readonly assumptions: readonly string[];
  /** Lines for the top of the forecast, the workbook and the report: the rates it rests on, when regulated or carried. */
  readonly notices: readonly string[];
}

/**
 * Each replication of a forecast, week by week: persons in state `states[s]` in week `startWeek + t`
 * of replication r at `weekly[r][t · states.length + s]`, t = 0 (the stock week) … horizon. What
 * measures over the forecast (resultatstyring's outlook) are made of.
 */
export interface ForecastRuns {
  readonly states: readonly string[];
  /** Week index. */
  readonly startWeek: number;
  readonly horizon: number;
  readonly weekly: readonly Float32Array[];
}

/** A stage's forecast in both languages (only the assumptions differ), with its replications (null for the expected values). */
interface Stage {
  readonly forecast: Omit<Forecast, 'assumptions' | 'notices' | 'bands' | 'bandsError' | 'replications'>;
  readonly assumptions: Readonly<Record<Language, readonly string[]>>;
  readonly notices: Readonly<Record<Language, readonly string[]>>;
  readonly runs: ForecastRuns | null;
}

/** A promise with its outcome, once there is one. */
interface Tracked<T> {
  readonly promise: Promise<T>;
  value: T | null;
  error: Error | null;
}

function tracked<T>(promise: Promise<T>): Tracked<T> {
  const t: Tracked<T> = { promise, value: null, error: null };
  promise.then(
    (value) => (t.value = value),
    (error: unknown) => (t.error = error instanceof Error ? error : new Error(String(error))),
  );
  return t;
}

/** A forecast's two stages, as they are computed. */
export interface ForecastJob {
  readonly expected: Promise<Stage>;
  /** `null` when no replications were asked for. */
  readonly banded: Tracked<Stage> | null;
  readonly replications: number;
}

/** The stock and inflow of a question (shared with the workers), with what it took to read them. */
interface Projected {
  readonly spec: SharedStockInput;
  readonly dataVersion: number;
  readonly stockPersons: number;
  readonly stockByState: Readonly<Record<string, number>>;
  readonly inflowPerWeek: number;
  readonly modelMs: number;
  readonly stockMs: number;
}

const jobs = new Recent<ForecastJob>(32);
/** The jobs whose replications are under way, by key: what new data stop (`stopOutdatedForecasts`). */
const underWay = new Map<string, { path: string; dataVersion: number; controller: AbortController }>();

/**
 * Stop the replications of forecasts of `store` made on another data version than `dataVersion`
 * (new data came): nobody will ask for them again, and they would hold the workers for minutes.
 * Who waits for their bands hears that they stopped; the next request asks on the new data.
 */
export function stopOutdatedForecasts(store: Store, dataVersion: number): void {
  for (const [key, job] of underWay)
    if (job.path === store.path && job.dataVersion !== dataVersion) {
      job.controller.abort(
        new DataError(
          `new data were imported (data version ${dataVersion}): ask again for the forecast on them`,
        ),
      );
      underWay.delete(key);
      jobs.forget(key);
    }
}

/**
 * The forecast job for a question: the one under way or done for the store's current data version,
 * or a new one. The expected values start at once, the replications after them.
 */
export async function forecastJob(store: Store, options: ForecastOptions): Promise<ForecastJob> {
  const window = await dataWindow(store);
  const stockWeek = options.from ?? window.last;
  if (stockWeek < window.first || stockWeek > window.last)
    throw new DataError(
      `from: expected a week in the data window ${toYyyyww(window.first)}-${toYyyyww(window.last)}, found ${toYyyyww(stockWeek)}`,
    );
  const replications = Math.max(0, options.replications ?? FORECAST_REPLICATIONS);
  const seed = options.seed ?? 1;
  const version = await dataVersion(store);
  const key = [
    store.path,
    version,
    options.rates.version,
    JSON.stringify(options.ownCostPerYear ?? null),
    options.municipality,
    stockWeek,
    options.horizon,
    replications,
    seed,
  ].join('|');
  const job = jobs.get(key, () => {
    const controller = new AbortController();
    underWay.set(key, { path: store.path, dataVersion: version, controller });
    const until = stockWeek < window.last ? stockWeek : undefined;
    const projected = project(store, options.municipality, stockWeek, options.horizon, key, until);
    const expected = projected.then((p) => expectedStage(p, options));
    const banded =
      replications > 1
        ? tracked(
            // The replications after the expected values, so that those get the workers first.
            expected
              .then(() => projected)
              .then((p) => bandedStage(p, options, replications, seed, controller.signal)),
          )
        : null;
    // The workers hold the stock until the last stage is done with it.
    const last: Promise<unknown> = banded?.promise ?? expected;
    const unshare = () => {
      underWay.delete(key);
      return projected.then((p) => workPool().unshare(p.spec.stock)).catch(() => {});
    };
    last.then(unshare, unshare);
    return { expected, banded, replications: replications > 1 ? replications : 0 };
  });
  // A question the data cannot answer is asked again next time.
  job.expected.catch(() => jobs.forget(key));
  return job;
}

async function project(
  store: Store,
  municipality: number,
  stockWeek: number,
  horizon: number,
  key: string,
  until: number | undefined,
): Promise<Projected> {
  const t0 = performance.now();
  const entry = await modelFor(store, until);
  const t1 = performance.now();
  const { stock, inflow } = await stockAndInflow(store, municipality, stockWeek);
  const t2 = performance.now();
  const stockByState: Record<string, number> = {};
  for (const p of stock) stockByState[p.state] = (stockByState[p.state] ?? 0) + 1;
  const stockKey = `forecast stock ${key}`;
  workPool().share(stockKey, { persons: stock, inflow } satisfies SharedStock);
  return {
    spec: { model: entry.key, municipality, startWeek: stockWeek, horizon, stock: stockKey },
    dataVersion: entry.dataVersion,
    stockPersons: stock.length,
    stockByState,
    inflowPerWeek: inflow.weeks > 0 ? inflow.cells.reduce((a, c) => a + c.persons, 0) / inflow.weeks : 0,
    modelMs: t1 - t0,
    stockMs: t2 - t1,
  };
}

async function expectedStage(p: Projected, options: ForecastOptions): Promise<Stage> {
  const started = performance.now();
  const occupancy = await workPool().run(jobinvestTasks, 'jobinvest.projectShared', p.spec);
  return stageOf(p, options, occupancy, null, 'expected', performance.now() - started, null);
}

/**
 * Replications 0 … `replications` − 1 (replication r draws from its own seed, so the split into
 * tasks does not change them), a few tasks at a time, priced in the workers.
 */
async function bandedStage(
  p: Projected,
  options: ForecastOptions,
  replications: number,
  seed: number,
  signal: AbortSignal,
): Promise<Stage> {
  const started = performance.now();
  const pool = workPool();
  const firsts: number[] = [];
  for (let first = 0; first < replications; first += REPLICATIONS_PER_TASK) firsts.push(first);
  const parts: PricedReplications[] = [];
  let next = 0;
  const worker = async () => {
    while (next < firsts.length) {
      const i = next++;
      const first = firsts[i]!;
      parts[i] = await pool.run(
        jobinvestTasks,
        'jobinvest.simulatePriced',
        {
          ...p.spec,
          first,
          replications: Math.min(REPLICATIONS_PER_TASK, replications - first),
          seed,
          rates: options.rates,
          ...(options.ownCostPerYear ? { ownCostPerYear: options.ownCostPerYear } : {}),
        },
        // Nobody waits for the bands as for a control moved: a case's work goes first (pool.ts).
        { signal, priority: 'background' },
      );
    }
  };
  await Promise.all(Array.from({ length: pool.size }, worker));
  const persons = new Float64Array(parts[0]!.persons.length);
  for (const part of parts)
    for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! + part.persons[i]!;
  for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! / replications;
  const mean: Occupancy = {
    states: parts[0]!.states,
    startWeek: p.spec.startWeek,
    horizon: p.spec.horizon,
    persons,
  };
  const samples = replicationSamples(parts.flatMap((part) => part.figures));
  const runs: ForecastRuns = {
    states: mean.states,
    startWeek: mean.startWeek,
    horizon: mean.horizon,
    weekly: parts.flatMap((part) => part.weekly),
  };
  return stageOf(p, options, mean, samples, 'microsimulation', performance.now() - started, runs);
}

/**
 * The bands of each separate line's groups' municipal net together, year by year: the sum over the
 * groups in each replication (a band of a sum is not the sum of the bands).
 */
function coveredBandsOf(
  samples: ReturnType<typeof replicationSamples>,
  years: readonly ForecastRow[],
): CoveredBand[] {
  const bands: CoveredBand[] = [];
  const replications = samples.values().next().value?.municipalNet.length ?? 0;
  for (const year of [...new Set(years.map((r) => r.year))])
    for (const [key, groups] of Object.entries(SEPARATE_LINE_GROUPS) as [SeparateKey, readonly string[]][]) {
      const sum = new Array<number>(replications).fill(0);
      for (const group of groups) {
        const sample = samples.get(`${year}|${group}`);
        if (sample) sample.municipalNet.forEach((x, r) => (sum[r] = sum[r]! + x));
      }
      const mean = years
        .filter((r) => r.year === year && groups.includes(r.state))
        .reduce((total, r) => total + r.municipalNet, 0);
      const found = nestedBands(sum, mean);
      if (found) bands.push({ key, year, ...found });
    }
  return bands;
}

/** The figures of an occupancy (expected, or the replications' mean), with the bands of `samples`. */
function stageOf(
  p: Projected,
  options: ForecastOptions,
  occupancy: Occupancy,
  samples: ReturnType<typeof replicationSamples> | null,
  engine: Forecast['engine'],
  projectionMs: number,
  runs: ForecastRuns | null,
): Stage {
  const tableIn = (language: Language) =>
    new CostTable({
      rates: options.rates,
      ...(options.ownCostPerYear ? { ownCostPerYear: options.ownCostPerYear } : {}),
      language,
    });
  const costs = { en: tableIn('en'), da: tableIn('da') };
  const costed = costOccupancy(occupancy, costs.en);
  const years: ForecastRow[] = costed.byYearAndState
    .filter((r) => r.state !== 'out')
    .map((r) => {
      // The same rate looked up in Danish, for the Danish assumptions.
      costs.da.weekly(r.state, r.year);
      const sample = samples?.get(`${r.year}|${r.state}`);
      const persons = sample ? nestedBands(sample.fullTimePersons, r.fullTimePersons) : null;
      const net = sample ? nestedBands(sample.municipalNet, r.municipalNet) : null;
      return {
        year: r.year,
        weeks: costed.weeksByYear.get(r.year)!,
        state: r.state,
        rateYear: costs.en.weekly(r.state, r.year)?.priceYear ?? null,
        fullTimePersons: r.fullTimePersons,
        gross: r.gross,
        stateRefusion: r.stateRefusion,
        cofinancing: r.cofinancing,
        municipalNet: r.municipalNet,
        municipalNetByStep: r.municipalNetByStep,
        fullTimePersonsInterval80: persons?.band80 ?? null,
        fullTimePersonsInterval95: persons?.band95 ?? null,
        municipalNetInterval80: net?.band80 ?? null,
        municipalNetInterval95: net?.band95 ?? null,
      };
    });
  const weekly = [];
  for (let t = 0; t <= occupancy.horizon; t++) {
    const persons: Record<string, number> = {};
    occupancy.states.forEach((state, s) => {
      if (state !== 'out') persons[state] = statePersons(occupancy, t, s);
    });
    weekly.push({ week: toYyyyww(occupancy.startWeek + t), persons });
  }
  const assumptionsIn = (language: Language) => [
    ...PROJECTION_ASSUMPTIONS.map(sayIn(language)),
    ...[...costs[language].assumptions].sort(),
  ];
  return {
    forecast: {
      municipality: p.spec.municipality,
      stockWeek: toYyyyww(p.spec.startWeek),
      horizonWeeks: p.spec.horizon,
      dataVersion: p.dataVersion,
      ratesVersion: costs.en.version,
      stockPersons: p.stockPersons,
      stockByState: p.stockByState,
      inflowPerWeek: p.inflowPerWeek,
      years,
      totals: yearTotals(years),
      coveredBands: samples ? coveredBandsOf(samples, years) : [],
      weekly,
      engine,
      timings: { modelMs: p.modelMs, stockMs: p.stockMs, projectionMs },
    },
    assumptions: { en: assumptionsIn('en'), da: assumptionsIn('da') },
    notices: { en: costs.en.notices, da: costs.da.notices },
    runs,
  };
}

function answer(stage: Stage, job: ForecastJob, language: Language): Forecast {
  const banded = job.banded;
  const bands: BandsState = !banded ? 'none' : banded.value ? 'ready' : banded.error ? 'failed' : 'pending';
  return {
    ...stage.forecast,
    replications: job.replications,
    bands,
    ...(bands === 'failed' ? { bandsError: banded!.error!.message } : {}),
    assumptions: stage.assumptions[language],
    notices: stage.notices[language],
  };
}

/** How long to wait for a forecast, and within what (a request's time budget). */
type ForecastWait = {
  readonly waitForBandsMs?: number;
  readonly within?: <T>(work: Promise<T>) => Promise<T>;
};

/**
 * The stage a forecast has reached, with its job: the banded one when the bands are done, else the
 * expected values, after waiting up to `waitForBandsMs` for the bands. Waits for the expected
 * values as long as `within` lets it (a request's time budget).
 */
async function stageNow(
  store: Store,
  options: ForecastOptions,
  wait: ForecastWait,
): Promise<{ job: ForecastJob; stage: Stage }> {
  const within = wait.within ?? (<T>(work: Promise<T>) => work);
  const job = await within(forecastJob(store, options));
  const expected = await within(job.expected);
  const banded = job.banded;
  if (banded && !banded.value && !banded.error && (wait.waitForBandsMs ?? 0) > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await within(
      Promise.race([
        banded.promise.catch(() => null),
        new Promise((done) => (timer = setTimeout(done, wait.waitForBandsMs))),
      ]),
    ).finally(() => clearTimeout(timer));
  }
  return { job, stage: banded?.value ?? expected };
}

/**
 * The forecast as far as it is ready: with its bands when they are done, else the expected values
 * (`bands: 'pending'`), after waiting up to `waitForBandsMs` for the bands.
 */
export async function forecastNow(
  store: Store,
  options: ForecastOptions,
  wait: ForecastWait = {},
): Promise<Forecast> {
  const { job, stage } = await stageNow(store, options, wait);
  return answer(stage, job, options.language ?? 'en');
}

/** How long a request that asks for the bands waits for them before answering without. */
export const BANDS_WAIT_SECONDS = 20;

/** The forecast the Prognose page asks for: 260 weeks from the last week of data. */
export const PAGE_FORECAST_WEEKS = 260;

/** A forecast's replications as far as they are made: `runs` once `bands` is ready. */
export interface RunsNow {
  readonly bands: BandsState;
  readonly bandsError?: string;
  /** The replications: null until `bands` is ready. */
  readonly runs: ForecastRuns | null;
  readonly replications: number;
  /** The stock week, YYYYWW, and the persons in each state in it. */
  readonly stockWeek: number;
  readonly stockByState: Readonly<Record<string, number>>;
}

/**
 * The replications of the Prognose page's forecast of `municipality` (the same job the page and
 * the server's preparation share), after waiting up to `waitForBandsMs` for them.
 */
export async function pageForecastRuns(
  store: Store,
  municipality: number,
  rates: RateTable,
  wait: ForecastWait = {},
): Promise<RunsNow> {
  const { job, stage } = await stageNow(store, { municipality, horizon: PAGE_FORECAST_WEEKS, rates }, wait);
  const { bands, bandsError } = answer(stage, job, 'en');
  return {
    bands,
    ...(bandsError ? { bandsError } : {}),
    runs: stage.runs,
    replications: job.replications,
    stockWeek: stage.forecast.stockWeek,
    stockByState: stage.forecast.stockByState,
  };
}

/** The whole forecast: the mean and bands of the replications (or the expected values, with none asked for). */
export async function forecast(store: Store, options: ForecastOptions): Promise<Forecast> {
  const job = await forecastJob(store, options);
  const stage = job.banded ? await job.banded.promise : await job.expected;
  return answer(stage, job, options.language ?? 'en');
}
