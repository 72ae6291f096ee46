/**
 * Jobinvestering over the store: estimate the duration model from the count cells, take a
 * municipality's stock and inflow, project and cost them (packages/core/src/jobinvest), and compare
 * with what happened. One place for the CLI and the HTTP API to call.
 *
 * Models are cached per data version (the last successful import) and estimation cut-off, in memory:
 * estimating takes seconds, projecting with a cached model well under one.
 */

import {
  benefitOf,
  CostTable,
  costOccupancy,
  estimateModel,
  effectModifier,
  caseBaseline,
  danishName,
  investmentSteps,
  type CaseBaseline,
  formatNumber,
  formatYyyyww,
  fromYyyyww,
  Hazards,
  hazardRatioForExtraPoints,
  isBenefitCode,
  modelDiagnostics,
  MODEL_VERSION,
  projectExpected,
  sampleInterval,
  sayIn,
  simulate,
  StaircaseTracker,
  STEPS,
  toYyyyww,
  yearWeekOf,
  type ActualWeek,
  type InvestmentResult,
  type InvestmentSetup,
  type Language,
  type Occupancy,
  type ProjectionPerson,
  type RateTable,
  type Sentence,
  type StateDiagnostic,
  type StockPerson,
  type TransitionModel,
} from '@jobinvest/core';
import { DataError } from '../data/errors.ts';
import { Recent } from './recent.ts';
import type { Store } from '../data/db.ts';

export { DataError };
import { actualWeeks, inflowBefore, stockAt, transitionCells } from '../data/model-data.ts';
import type { InvestmentCaseDocument } from './case-schema.ts';

export interface ModelEntry {
  readonly model: TransitionModel;
  /** The model's hazards for a municipality, built once: their probability tables fill as projections use them. */
  readonly hazards: (municipality: number) => Hazards;
  readonly diagnostics: () => Promise<StateDiagnostic[]>;
  readonly dataVersion: number;
  readonly estimatedInMs: number;
  readonly cells: number;
  /** What cases computed from this model keep between requests: target groups, and their baselines. */
  readonly groups: Recent<Promise<ProjectionPerson[]>>;
  readonly baselines: Recent<Promise<CaseBaseline>>;
}

/** An entry for `model`: hazards, diagnostics and the cases' caches made when first asked for. */
function entryOf(
  model: TransitionModel,
  facts: { dataVersion: number; estimatedInMs: number; cells: number },
  cellsOf: () => ReturnType<typeof transitionCells>,
): ModelEntry {
  let diagnostics: Promise<StateDiagnostic[]> | null = null;
  return {
    model,
    hazards: hazardsOf(model),
    // The cells are counted again when asked for, rather than held in memory with the model.
    diagnostics: () => (diagnostics ??= cellsOf().then((cells) => modelDiagnostics(model, cells))),
    ...facts,
    groups: new Recent(32),
    baselines: new Recent(32),
  };
}

const models = new Map<string, Promise<ModelEntry>>();

function hazardsOf(model: TransitionModel): (municipality: number) => Hazards {
  const built = new Map<number, Hazards>();
  return (municipality) => {
    let hazards = built.get(municipality);
    if (!hazards) built.set(municipality, (hazards = new Hazards(model, { municipality })));
    return hazards;
  };
}

/** The last successful import: the data version results are computed from. */
export async function dataVersion(store: Store): Promise<number> {
  const [row] = await store.query<{ id: number | null }>(
    "SELECT max(import_id) AS id FROM imports WHERE outcome = 'ok'",
  );
  if (row?.id == null)
    throw new DataError('the store has no data: import register data first (jobinvest import)');
  return row.id;
}

/** The data window as week indices. */
export async function dataWeeks(store: Store): Promise<{ first: number; last: number }> {
  const [row] = await store.query<{ first: number | null; last: number | null }>(
    'SELECT min(first_week) AS first, max(last_week) AS last FROM observation_windows',
  );
  if (row?.first == null || row.last == null)
    throw new DataError('the store has no data: import register data first (jobinvest import)');
  return { first: row.first, last: row.last };
}

/**
 * The model estimated on the data before week `until` (all data if absent): from memory, else from
 * the `models` table, else estimated and saved there, so that it is estimated once per data version.
 */
export async function modelFor(store: Store, until?: number): Promise<ModelEntry> {
  const version = await dataVersion(store);
  const key = `${store.path}|${version}|${until ?? ''}`;
  let entry = models.get(key);
  if (!entry) {
    entry = (async () => {
      const cut = until ?? -1;
      const cellsOf = () => transitionCells(store, until === undefined ? {} : { until });
      const [saved] = await store.query<{ model: string; cells: number; estimated_ms: number }>(
        'SELECT CAST(model AS VARCHAR) AS model, cells, estimated_ms FROM models WHERE data_version = $1 AND until_week = $2',
        [version, cut],
      );
      const savedModel = saved ? (JSON.parse(saved.model) as TransitionModel) : null;
      if (saved && savedModel?.version === MODEL_VERSION)
        return entryOf(
          savedModel,
          { dataVersion: version, estimatedInMs: saved.estimated_ms, cells: Number(saved.cells) },
          cellsOf,
        );
      const started = performance.now();
      const cells = await cellsOf();
      const model = estimateModel(cells, { until: until ?? null });
      const estimatedInMs = performance.now() - started;
      await store.transaction(async (c) => {
        await c.run('DELETE FROM models WHERE data_version = $1 AND until_week = $2', [version, cut]);
        await c.run('INSERT INTO models VALUES ($1, $2, $3, $4, $5, now())', [
          version,
          cut,
          JSON.stringify(model),
          cells.length,
          estimatedInMs,
        ]);
      });
      return entryOf(model, { dataVersion: version, estimatedInMs, cells: cells.length }, cellsOf);
    })();
    models.set(key, entry);
    entry.catch(() => models.delete(key));
  }
  return entry;
}

/** A stock person as the projection takes them: the staircase walked over their history since 2016. */
export function projectionPerson(person: StockPerson): ProjectionPerson {
  const staircase = new StaircaseTracker();
  const out = benefitOf('out');
  for (const [first, last, code] of person.history) {
    const benefit = code === null ? null : isBenefitCode(code) ? benefitOf(code) : out;
    for (let w = first; w <= last; w++) staircase.advance(w, benefit);
  }
  return {
    state: person.state,
    spellWeek: person.spellWeek,
    birthYear: person.birthYear,
    profile: { sex: person.sex, origin: person.origin, priorBand: person.priorBand },
    staircase,
  };
}

function rateAssumptions(costs: CostTable): string[] {
  return [...costs.assumptions].sort();
}

const PROJECTION_ASSUMPTIONS: readonly Sentence[] = [
  {
    da: 'Varighedsmodel: stykkevis eksponentiel model med konkurrerende risici for hver ydelsesgruppe, estimeret samlet på data fra alle kommuner i databasen, med kommunale faktorer krympet mod 1 (empirisk Bayes).',
    en: 'Duration model: piecewise-exponential competing risks per benefit group, pooled over the municipalities in the store, with municipality multipliers shrunk towards 1 (empirical Bayes).',
  },
  {
    da: 'Arbejdsmarkedet fra de sidste 52 uger i data fortsætter (periodeeffekten fra det seneste år); sæsonmønstrene gentager sig.',
    en: 'The labour market of the last 52 weeks of data continues (period effect of the last year); seasons repeat.',
  },
  {
    da: 'En persons aldersgruppe, køn, herkomst og tidligere forsørgelse holdes fast på værdierne i startugen; alle forlader beregningen ved 67 år.',
    en: "A person's age group, sex, origin and prior support are held at their values in the start week; everyone leaves at 67.",
  },
  {
    da: 'Tilgang: nye personer pr. uge som i de 52 uger før startugen.',
    en: 'Inflow: new persons per week as in the 52 weeks before the start week.',
  },
  {
    da: 'De forventede værdier følger refusionstrappen i klasser (uge 1-4 præcist, uge 5-26 og 27-52 som blokke), pr. gruppe af tidligere forsørgelse frem for pr. person, og starter trappen forfra efter 52 sammenhængende ugers selvforsørgelse; mikrosimulationen anvender de præcise regler.',
    en: 'Expected values carry the refusion staircase in classes (weeks 1-4 exactly, 5-26 and 27-52 as blocks), per band of prior support rather than per person, and restart it after 52 consecutive weeks of self-support; the microsimulation applies the exact rules.',
  },
];

/** The mean of replications, week by week (costing is linear in persons, so its cost is the mean cost). */
function meanOccupancy(runs: readonly Occupancy[]): Occupancy {
  const first = runs[0]!;
  const persons = new Float64Array(first.persons.length);
  for (const run of runs) for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! + run.persons[i]!;
  for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! / runs.length;
  return { ...first, persons };
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
  /** Expected persons per state in each week 0 … horizon (week as YYYYWW). */
  readonly weekly: readonly { readonly week: number; readonly persons: Readonly<Record<string, number>> }[];
  readonly replications: number;
  readonly engine: 'expected' | 'microsimulation';
  readonly timings: { readonly modelMs: number; readonly stockMs: number; readonly projectionMs: number };
  readonly assumptions: readonly string[];
}

function statePersons(occupancy: Occupancy, t: number, s: number): number {
  let n = 0;
  const S = occupancy.states.length;
  for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
  return n;
}

/** The stock in a week and the persons entering before it, ready to project. */
async function stockAndInflow(store: Store, municipality: number, week: number) {
  const stock = await stockAt(store, { week, municipality });
  const inflow = await inflowBefore(store, { week, municipality, weeks: 52 });
  return { stock, inflow, persons: stock.map(projectionPerson) };
}

/** Forecast of a municipality's benefit groups: persons, expenditure and the staircase, by year. */
export async function forecast(store: Store, options: ForecastOptions): Promise<Forecast> {
  const window = await dataWeeks(store);
  const stockWeek = options.from ?? window.last;
  if (stockWeek < window.first || stockWeek > window.last)
    throw new DataError(
      `from: expected a week in the data window ${toYyyyww(window.first)}-${toYyyyww(window.last)}, found ${toYyyyww(stockWeek)}`,
    );
  const t0 = performance.now();
  const entry = await modelFor(store);
  const t1 = performance.now();
  const { stock, inflow, persons } = await stockAndInflow(store, options.municipality, stockWeek);
  const t2 = performance.now();
  const hazards = entry.hazards(options.municipality);
  const spec = { hazards, startWeek: stockWeek, horizon: options.horizon, persons, inflow };
  const engine = options.engine ?? 'microsimulation';
  const replications =
    engine === 'expected' ? (options.replications ?? 0) : Math.max(1, options.replications ?? 10);
  const runs = replications > 0 ? simulate(spec, { replications, seed: options.seed ?? 1 }) : [];
  const occupancy = engine === 'expected' ? projectExpected(spec) : meanOccupancy(runs);
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
  return {
    municipality: options.municipality,
    stockWeek: toYyyyww(stockWeek),
    horizonWeeks: options.horizon,
    dataVersion: entry.dataVersion,
    ratesVersion: costs.version,
    stockPersons: stock.length,
    stockByState,
    inflowPerWeek: inflow.weeks > 0 ? inflow.cells.reduce((a, c) => a + c.persons, 0) / inflow.weeks : 0,
    years: costed.byYearAndState
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
      }),
    weekly,
    replications,
    engine,
    timings: { modelMs: t1 - t0, stockMs: t2 - t1, projectionMs: t3 - t2 },
    assumptions: [...PROJECTION_ASSUMPTIONS.map(sayIn(language)), ...rateAssumptions(costs)],
  };
}

export interface BacktestGroup {
  readonly state: string;
  /** Full-time persons over the first 52 (104) weeks: predicted, actual, relative error. */
  readonly predicted52: number;
  readonly actual52: number;
  readonly error52: number | null;
  readonly predicted104: number | null;
  readonly actual104: number | null;
  readonly error104: number | null;
  /** Persons in the group in week 52 after the cut: predicted and actual. */
  readonly predictedAtWeek52: number;
  readonly actualAtWeek52: number;
}

export interface Backtest {
  readonly municipality: number;
  readonly at: number;
  readonly horizonWeeks: number;
  readonly groups: readonly BacktestGroup[];
  readonly weekly: readonly { week: number; state: string; predicted: number; actual: number }[];
  readonly assumptions: readonly string[];
}

/** Estimate on the data before week `at`, project the stock of week `at`, compare with what happened. */
export async function backtest(
  store: Store,
  options: { municipality: number; at: number; horizon: number; language?: Language },
): Promise<Backtest> {
  const window = await dataWeeks(store);
  const horizon = Math.min(options.horizon, window.last - options.at);
  if (options.at <= window.first + 104 || horizon < 1)
    throw new DataError(
      `at: expected a week at least two years into the data and before its last week (${toYyyyww(window.first + 105)}-${toYyyyww(window.last - 1)}), found ${toYyyyww(options.at)}`,
    );
  const entry = await modelFor(store, options.at);
  const { persons, inflow } = await stockAndInflow(store, options.municipality, options.at);
  const hazards = entry.hazards(options.municipality);
  const occupancy = projectExpected({ hazards, startWeek: options.at, horizon, persons, inflow });
  const actual = await actualWeeks(store, {
    municipality: options.municipality,
    fromWeek: options.at + 1,
    toWeek: options.at + horizon,
  });
  const actualBy = new Map<string, number>();
  for (const a of actual) actualBy.set(`${a.week}|${a.state}`, a.persons);
  const states = occupancy.states.filter((s) => s !== 'out');
  const weekly: Backtest['weekly'][number][] = [];
  const groups: BacktestGroup[] = [];
  for (const state of states) {
    const s = occupancy.states.indexOf(state);
    const sums = (weeks: number) => {
      if (horizon < weeks) return null;
      let p = 0;
      let a = 0;
      for (let t = 1; t <= weeks; t++) {
        p += statePersons(occupancy, t, s);
        a += actualBy.get(`${options.at + t}|${state}`) ?? 0;
      }
      return { p: p / weeks, a: a / weeks };
    };
    for (let t = 1; t <= horizon; t++)
      weekly.push({
        week: toYyyyww(options.at + t),
        state,
        predicted: statePersons(occupancy, t, s),
        actual: actualBy.get(`${options.at + t}|${state}`) ?? 0,
      });
    const y1 = sums(52) ?? sums(horizon)!;
    const y2 = sums(104);
    const rel = (p: number, a: number) => (a > 0 ? (p - a) / a : null);
    const w52 = Math.min(52, horizon);
    groups.push({
      state,
      predicted52: y1.p,
      actual52: y1.a,
      error52: rel(y1.p, y1.a),
      predicted104: y2?.p ?? null,
      actual104: y2?.a ?? null,
      error104: y2 ? rel(y2.p, y2.a) : null,
      predictedAtWeek52: statePersons(occupancy, w52, s),
      actualAtWeek52: actualBy.get(`${options.at + w52}|${state}`) ?? 0,
    });
  }
  return {
    municipality: options.municipality,
    at: toYyyyww(options.at),
    horizonWeeks: horizon,
    groups,
    weekly,
    assumptions: [
      {
        da: `Modellen er kun estimeret på data fra før ${formatYyyyww(toYyyyww(options.at))}; bestand og tilgang er fra den uge.`,
        en: `Model estimated on the data before ${toYyyyww(options.at)} only; stock and inflow of that week.`,
      },
      ...PROJECTION_ASSUMPTIONS,
    ].map(sayIn(options.language ?? 'en')),
  };
}

export interface CaseEvaluation extends InvestmentResult {
  readonly name: string;
  readonly municipality: number;
  readonly stockWeek: number;
  /** The hazard ratio used: given, or converted from extra percentage points in work. */
  readonly hazardRatio: number;
  readonly dataVersion: number;
  readonly ratesVersion: string;
  readonly assumptions: readonly string[];
}

/** The target group of a case in the stock week. */
export function targetGroup(
  stock: readonly StockPerson[],
  target: InvestmentCaseDocument['target'],
): StockPerson[] {
  const persons = target.persons ? new Set(target.persons) : null;
  return stock.filter((p) => {
    if (persons && !persons.has(p.pseudonym)) return false;
    if (target.benefit && p.state !== target.benefit) return false;
    if (target.minWeeks !== undefined && p.spellWeek < target.minWeeks) return false;
    if (target.maxWeeks !== undefined && p.spellWeek > target.maxWeeks) return false;
    return true;
  });
}

function ageFilter(
  stock: StockPerson[],
  target: InvestmentCaseDocument['target'],
  week: number,
): StockPerson[] {
  const year = yearWeekOf(week).year;
  return stock.filter(
    (p) =>
      (target.minAge === undefined || year - p.birthYear >= target.minAge) &&
      (target.maxAge === undefined || year - p.birthYear <= target.maxAge),
  );
}

/** The persons of a case's target group in the stock week, as the projection takes them. */
async function caseTargetGroup(
  store: Store,
  target: InvestmentCaseDocument['target'],
  municipality: number,
  stockWeek: number,
): Promise<ProjectionPerson[]> {
  const states = target.benefit ? [target.benefit] : undefined;
  const stock = await stockAt(store, { week: stockWeek, municipality, ...(states ? { states } : {}) });
  const group = ageFilter(targetGroup(stock, target), target, stockWeek);
  if (group.length === 0)
    throw new DataError(
      `target: no person in municipality ${municipality} matches ${JSON.stringify(target)} in week ${toYyyyww(stockWeek)}`,
    );
  return group.map(projectionPerson);
}

interface CaseOptions {
  readonly rates: RateTable;
  readonly replications?: number;
  readonly language?: Language;
  /** Aborted when the answer is no longer wanted (the client went away): the work stops. */
  readonly signal?: AbortSignal;
}

/**
 * Live answers first: while a case without replications is being evaluated, cases with replications
 * wait between their steps, so that a control change is answered in about the time of its own
 * projection rather than that plus a step of every other case for each of its own awaits.
 */
const live = { running: 0, waiting: [] as (() => void)[] };

async function giveWay(isLive: boolean): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (!isLive && live.running > 0) await new Promise<void>((resolve) => live.waiting.push(resolve));
}

/** Evaluate an investment case document against the store. */
export async function evaluateCase(
  store: Store,
  doc: InvestmentCaseDocument,
  options: CaseOptions,
): Promise<CaseEvaluation> {
  const isLive = (options.replications ?? doc.replications ?? 200) === 0;
  if (!isLive) return evaluate(store, doc, options, false);
  live.running += 1;
  try {
    return await evaluate(store, doc, options, true);
  } finally {
    live.running -= 1;
    if (live.running === 0) for (const resume of live.waiting.splice(0)) resume();
  }
}

async function evaluate(
  store: Store,
  doc: InvestmentCaseDocument,
  options: CaseOptions,
  isLive: boolean,
): Promise<CaseEvaluation> {
  const window = await dataWeeks(store);
  const municipality = Number(doc.municipality);
  const start = fromYyyyww(doc.startWeek);
  const stockWeek = Math.min(start, window.last);
  const startOffset = start - stockWeek;
  if (start < window.first + 1)
    throw new DataError(
      `startWeek: expected a week after the data start ${toYyyyww(window.first)}, found ${doc.startWeek}`,
    );
  if (startOffset > 52)
    throw new DataError(
      `startWeek: expected at most 52 weeks after the last week of data (${toYyyyww(window.last)}), found ${doc.startWeek}`,
    );
  if (doc.rateTable !== undefined && doc.rateTable !== options.rates.version)
    throw new DataError(
      `rateTable: the case asks for rate table ${doc.rateTable}, and the server uses ${options.rates.version}; load that table (--rates) or remove the field`,
    );
  const entry = await modelFor(store);
  // The target group and the projection without the intervention are kept between requests: a live
  // calculator changes the effect, the cost and the discount rate far more often than the group.
  const group = await entry.groups.get(JSON.stringify([municipality, stockWeek, doc.target]), () =>
    caseTargetGroup(store, doc.target, municipality, stockWeek),
  );
  if (doc.target.persons && doc.participants > group.length)
    throw new DataError(
      `participants: the listed persons found in the stock are ${group.length}, fewer than ${doc.participants} participants`,
    );
  const language = options.language ?? 'en';
  const say = sayIn(language);
  const costs = new CostTable({ rates: options.rates, ownCostPerYear: doc.ownCostPerYear, language });
  const effect = doc.effect;
  const base: InvestmentSetup = {
    model: entry.model,
    hazards: entry.hazards(municipality),
    municipality,
    stockWeek,
    startOffset,
    targetGroup: group,
    participants: doc.participants,
    cost: {
      perParticipant: doc.cost.perParticipant ?? 0,
      perWeek: doc.cost.perWeek ?? 0,
      weeks: doc.cost.weeks ?? 0,
    },
    effect: {
      hazardRatio: effect.hazardRatio ?? 1,
      to: effect.to ?? ['job'],
      lockIn: effect.lockIn ?? null,
      phaseInWeeks: effect.phaseInWeeks ?? 0,
      halfLifeWeeks: effect.halfLifeWeeks ?? null,
      relapseHazardRatio: effect.relapseHazardRatio ?? 1,
    },
    horizonWeeks: doc.horizonWeeks ?? 260,
    discountRate: doc.discountRate ?? 0.035,
    costs,
    replications: options.replications ?? doc.replications ?? 200,
    seed: doc.seed ?? 1,
    breakEven: doc.breakEven ?? true,
  };
  const assumptions = PROJECTION_ASSUMPTIONS.map(say);
  if (startOffset > 0)
    assumptions.push(
      say({
        da: `Målgruppen er taget fra bestanden i ${formatYyyyww(toYyyyww(stockWeek))}, den sidste uge med data; indsatsen starter ${startOffset === 1 ? '1 uge' : `${startOffset} uger`} senere, og ugerne imellem er ens med og uden indsats.`,
        en: `The target group is taken from the stock in ${toYyyyww(stockWeek)}, the last week of data; the intervention starts ${startOffset === 1 ? '1 week' : `${startOffset} weeks`} later, and the weeks between are the same with and without.`,
      }),
    );
  const baseline = await entry.baselines.get(
    JSON.stringify([
      municipality,
      stockWeek,
      startOffset,
      doc.target,
      doc.participants,
      base.horizonWeeks,
      costs.version,
      doc.ownCostPerYear ?? null,
    ]),
    async () => caseBaseline(base),
  );
  let hazardRatio = base.effect.hazardRatio;
  if (effect.extraPointsInWork) {
    const weeks = Math.round((effect.extraPointsInWork.afterMonths * 52) / 12);
    const converted = hazardRatioForExtraPoints(
      { ...base, baseline },
      effect.extraPointsInWork.points,
      weeks,
    );
    if (converted === null)
      throw new DataError(
        `effect.extraPointsInWork: no hazard ratio up to 20 gives ${effect.extraPointsInWork.points} points more in work after ${effect.extraPointsInWork.afterMonths} months for this target group`,
      );
    hazardRatio = converted;
    const { points, afterMonths } = effect.extraPointsInWork;
    assumptions.push(
      say({
        da: `Effekten er angivet som ${formatNumber(points, Number.isInteger(points) ? 0 : 1)} procentpoint flere i beskæftigelse efter ${formatNumber(afterMonths, Number.isInteger(afterMonths) ? 0 : 1)} måneder, omregnet til en hazard ratio på ${formatNumber(converted, 3)} for overgange til ${base.effect.to.map(danishName).join(', ')}.`,
        en: `Effect given as ${points} percentage points more in work after ${afterMonths} months, converted to a hazard ratio of ${converted.toFixed(3)} on moves to ${base.effect.to.join(', ')}.`,
      }),
    );
  }
  // In steps, giving way to other requests between them (live ones first): a live answer need not
  // wait for the replications of another, and a request the client has given up on stops.
  const steps = investmentSteps({ ...base, baseline, effect: { ...base.effect, hazardRatio } });
  let step = steps.next();
  for (; !step.done; step = steps.next()) {
    await giveWay(isLive);
    options.signal?.throwIfAborted();
  }
  const result = step.value;
  if (doc.participants > group.length)
    assumptions.push(
      say({
        da: `Målgruppen har ${formatNumber(group.length)} personer i ${formatYyyyww(toYyyyww(stockWeek))}; de ${formatNumber(doc.participants)} deltagere antages i gennemsnit at ligne dem.`,
        en: `The target group has ${group.length} persons in ${toYyyyww(stockWeek)}; the ${doc.participants} participants are taken to be like them on average.`,
      }),
    );
  return {
    ...result,
    name: doc.name,
    municipality,
    stockWeek: toYyyyww(stockWeek),
    hazardRatio,
    dataVersion: entry.dataVersion,
    ratesVersion: costs.version,
    assumptions: [...assumptions, ...rateAssumptions(costs)],
  };
}

export interface PlanActualYear {
  readonly year: number;
  readonly weeks: number;
  /** Full-time persons on public support per 100 participants: predicted without and with, realised. */
  readonly predictedWithout: number;
  readonly predictedWith: number;
  readonly realised: number;
  /** Gross benefit expenditure per 100 participants, predicted (with) and realised, kroner. */
  readonly predictedGross: number;
  readonly realisedGross: number;
}

/** Predicted against realised, for the target group of a case whose start lies inside the data. */
export async function planAgainstActual(
  store: Store,
  doc: InvestmentCaseDocument,
  options: { rates: RateTable },
): Promise<{ stockWeek: number; lastWeek: number; targetGroupSize: number; years: PlanActualYear[] }> {
  const window = await dataWeeks(store);
  const start = fromYyyyww(doc.startWeek);
  if (start >= window.last)
    throw new DataError(
      `the case starts in ${doc.startWeek}, and the data end in ${toYyyyww(window.last)}: import newer data to follow it up`,
    );
  const municipality = Number(doc.municipality);
  const entry = await modelFor(store, start);
  const states = doc.target.benefit ? [doc.target.benefit] : undefined;
  const stock = await stockAt(store, { week: start, municipality, ...(states ? { states } : {}) });
  const group = ageFilter(targetGroup(stock, doc.target), doc.target, start);
  if (group.length === 0) throw new DataError(`target: no person matches in week ${doc.startWeek}`);
  const horizon = Math.min(doc.horizonWeeks ?? 260, window.last - start);
  const hazards = entry.hazards(municipality);
  const persons = group.map(projectionPerson);
  const scale = 100 / group.length;
  const weighted = persons.map((p) => ({ ...p, weight: scale }));
  const without = projectExpected({ hazards, startWeek: start, horizon, persons: weighted });
  const modifier = effectModifier(
    { hazardRatio: doc.effect.hazardRatio ?? 1, to: doc.effect.to ?? ['job'] },
    0,
  );
  const withProjection = modifier
    ? projectExpected({
        hazards,
        startWeek: start,
        horizon,
        persons: weighted.map((p) => ({ ...p, treated: true })),
        modifier,
      })
    : without;
  const realised: ActualWeek[] = await actualWeeks(store, {
    municipality,
    fromWeek: start + 1,
    toWeek: start + horizon,
    personIds: group.map((p) => p.personId),
  });
  const costs = new CostTable({ rates: options.rates });
  const years = new Map<number, PlanActualYear & { weeks: number }>();
  const row = (year: number) => {
    let y = years.get(year);
    if (!y)
      years.set(
        year,
        (y = {
          year,
          weeks: 0,
          predictedWithout: 0,
          predictedWith: 0,
          realised: 0,
          predictedGross: 0,
          realisedGross: 0,
        }),
      );
    return y as { -readonly [K in keyof PlanActualYear]: PlanActualYear[K] };
  };
  const publicSupport = (state: string) => isBenefitCode(state) && benefitOf(state).publicSupport;
  for (let t = 1; t <= horizon; t++) {
    const y = row(yearWeekOf(start + t).year);
    y.weeks += 1;
    without.states.forEach((state, s) => {
      if (!publicSupport(state)) return;
      y.predictedWithout += statePersons(without, t, s);
      y.predictedWith += statePersons(withProjection, t, s);
    });
  }
  const grossWithout = costOccupancy(without, costs).grossByWeek;
  for (let t = 1; t <= horizon; t++) row(yearWeekOf(start + t).year).predictedGross += grossWithout[t - 1]!;
  for (const a of realised) {
    if (!publicSupport(a.state)) continue;
    const y = row(yearWeekOf(a.week).year);
    y.realised += a.persons * scale;
    y.realisedGross += (costs.weekly(a.state, y.year)?.amount ?? 0) * a.persons * scale;
  }
  return {
    stockWeek: toYyyyww(start),
    lastWeek: toYyyyww(start + horizon),
    targetGroupSize: group.length,
    years: [...years.values()].map((y) => ({
      ...y,
      predictedWithout: y.predictedWithout / y.weeks,
      predictedWith: y.predictedWith / y.weeks,
      realised: y.realised / y.weeks,
    })),
  };
}
