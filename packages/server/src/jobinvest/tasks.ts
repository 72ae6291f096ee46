/**
 * The heavy work of Jobinvestering, as tasks for the worker pool (workers/pool.ts): estimating the
 * duration model, projecting and simulating a stock, and an investment case in its parts (the
 * projection without the intervention, the expected result with its break-even search, and ranges of
 * replications). Inputs are plain data (the store's rows as read); the transition model is shared
 * with the workers once (`shared`), and each worker keeps the model's hazards per municipality, whose
 * probability tables fill as projections use them.
 */

import {
  CostTable,
  caseBaseline,
  costOccupancy,
  effectModifier,
  estimateModel,
  Hazards,
  hazardRatioForExtraPoints,
  investmentSteps,
  ownDiagnostics,
  projectExpected,
  replicationSteps,
  simulate,
  type CaseBaseline,
  type Inflow,
  type InterventionCost,
  type InterventionEffect,
  type InvestmentResult,
  type InvestmentSetup,
  type Language,
  type Occupancy,
  type RateTable,
  type ReplicationDraws,
  type ReplicationFigures,
  type OwnDiagnostic,
  type SpellDurations,
  type StockPerson,
  type TransitionCell,
  type TransitionModel,
} from '@jobinvest/core';
import type { TaskContext } from '../workers/pool.ts';
import { projectionPerson } from './persons.ts';

/** The hazards of a shared model for a municipality, built once per worker (the latest few models). */
const hazardsByModel = new Map<string, Map<number, Hazards>>();

function hazardsOf(context: TaskContext, model: string, municipality: number): Hazards {
  let byMunicipality = hazardsByModel.get(model);
  if (!byMunicipality) {
    if (hazardsByModel.size >= 4) hazardsByModel.delete(hazardsByModel.keys().next().value!);
    hazardsByModel.set(model, (byMunicipality = new Map()));
  }
  let hazards = byMunicipality.get(municipality);
  if (!hazards) {
    hazards = new Hazards(context.shared<TransitionModel>(model), { municipality });
    byMunicipality.set(municipality, hazards);
  }
  return hazards;
}

/** A stock to project: whom, from when, for how long, under which shared model. */
export interface StockInput {
  /** The key the model was shared under. */
  readonly model: string;
  readonly municipality: number;
  readonly startWeek: number;
  readonly horizon: number;
  readonly persons: readonly StockPerson[];
  /** Each person's weight (default 1). */
  readonly weight?: number;
  readonly inflow?: Inflow;
  /** An intervention's effect on every person from the start week; none by default. */
  readonly effect?: Pick<InterventionEffect, 'hazardRatio' | 'to'>;
}

function specOf(input: StockInput, context: TaskContext) {
  const modifier = input.effect ? effectModifier(input.effect, 0) : null;
  return {
    hazards: hazardsOf(context, input.model, input.municipality),
    startWeek: input.startWeek,
    horizon: input.horizon,
    persons: input.persons.map((p) => ({
      ...projectionPerson(p),
      ...(input.weight === undefined ? {} : { weight: input.weight }),
      ...(modifier ? { treated: true } : {}),
    })),
    ...(input.inflow ? { inflow: input.inflow } : {}),
    ...(modifier ? { modifier } : {}),
  };
}

/**
 * A stock shared with the workers once under a key (WorkerPool.share) rather than sent with every
 * task: a forecast projects the same stock in one task and simulates it in forty. Each worker turns
 * it into projection persons once, and keeps the last few.
 */
export interface SharedStock {
  readonly persons: readonly StockPerson[];
  readonly inflow: Inflow;
}

/** A shared stock to project: its key, and from when, for how long, under which shared model. */
export interface SharedStockInput {
  readonly model: string;
  readonly municipality: number;
  readonly startWeek: number;
  readonly horizon: number;
  /** The key the stock was shared under. */
  readonly stock: string;
}

const sharedSpecs = new Map<string, ReturnType<typeof specOf>>();

function sharedSpecOf(input: SharedStockInput, context: TaskContext) {
  const key = `${input.stock}|${input.model}|${input.startWeek}|${input.horizon}`;
  let spec = sharedSpecs.get(key);
  if (!spec) {
    const stock = context.shared<SharedStock>(input.stock);
    spec = specOf({ ...input, persons: stock.persons, inflow: stock.inflow }, context);
    if (sharedSpecs.size >= 2) sharedSpecs.delete(sharedSpecs.keys().next().value!);
    sharedSpecs.set(key, spec);
  }
  return spec;
}

/** An investment case as the workers take it: the setup of core's `investmentSteps`, in plain data. */
export interface CaseInput {
  readonly model: string;
  readonly municipality: number;
  readonly stockWeek: number;
  readonly startOffset: number;
  readonly group: readonly StockPerson[];
  readonly participants: number;
  readonly cost: InterventionCost;
  readonly effect: InterventionEffect;
  readonly horizonWeeks: number;
  readonly discountRate: number;
  readonly rates: RateTable;
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
  readonly language: Language;
  readonly replications: number;
  readonly seed: number;
  readonly breakEven: boolean;
}

function setupOf(input: CaseInput, context: TaskContext, baseline?: CaseBaseline): InvestmentSetup {
  return {
    model: context.shared<TransitionModel>(input.model),
    hazards: hazardsOf(context, input.model, input.municipality),
    municipality: input.municipality,
    stockWeek: input.stockWeek,
    startOffset: input.startOffset,
    targetGroup: input.group.map(projectionPerson),
    participants: input.participants,
    cost: input.cost,
    effect: input.effect,
    horizonWeeks: input.horizonWeeks,
    discountRate: input.discountRate,
    costs: new CostTable({
      rates: input.rates,
      ...(input.ownCostPerYear ? { ownCostPerYear: input.ownCostPerYear } : {}),
      language: input.language,
    }),
    replications: input.replications,
    seed: input.seed,
    breakEven: input.breakEven,
    ...(baseline ? { baseline } : {}),
  };
}

/** Run a generator of steps to its end, stopping at a step when the task is cancelled. */
function runSteps<T>(steps: Generator<void, T>, context: TaskContext): T {
  for (;;) {
    context.checkCancelled();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Replications of a stock, priced: their persons summed by week, state and step, and each one's figures. */
export interface PricedReplications {
  readonly states: readonly string[];
  readonly persons: Float64Array;
  readonly figures: ReplicationFigures[][];
}

/** A case's expected result; `null` when no hazard ratio up to 20 gives the extra points in work asked for. */
export type CaseResult = {
  readonly result: InvestmentResult;
  /** The hazard ratio used: the case's own, or converted from extra points in work. */
  readonly hazardRatio: number;
  /** The rate table's notes on the rates the case used (fallbacks, own costs). */
  readonly rateAssumptions: readonly string[];
} | null;

export const jobinvestTasks = {
  'jobinvest.estimate': (input: { cells: readonly TransitionCell[]; until: number | null }) =>
    estimateModel(input.cells, { until: input.until }),

  /** A municipality's own model check: its spells' Kaplan-Meier curves against the model on its weeks. */
  'jobinvest.ownDiagnostics': (
    input: { model: string; cells: readonly TransitionCell[]; durations: readonly SpellDurations[] },
    context: TaskContext,
  ): OwnDiagnostic[] =>
    ownDiagnostics(context.shared<TransitionModel>(input.model), input.cells, input.durations),

  /** The expected-value projection of a shared stock (projection.ts). */
  'jobinvest.projectShared': (input: SharedStockInput, context: TaskContext): Occupancy =>
    projectExpected(sharedSpecOf(input, context)),

  /** The expected-value projection of a stock (projection.ts). */
  'jobinvest.project': (input: StockInput, context: TaskContext): Occupancy =>
    projectExpected(specOf(input, context)),

  /**
   * Replications `first` … `first + replications − 1` of the microsimulation of a stock, each priced
   * here: their persons summed week by week (for their mean) and each one's figures by year and group
   * (for the bands), rather than every replication's weeks sent back.
   */
  'jobinvest.simulatePriced': (
    input: SharedStockInput & {
      first: number;
      replications: number;
      seed: number;
      rates: RateTable;
      ownCostPerYear?: Readonly<Record<string, number>>;
    },
    context: TaskContext,
  ): PricedReplications => {
    const spec = sharedSpecOf(input, context);
    const costs = new CostTable({
      rates: input.rates,
      ...(input.ownCostPerYear ? { ownCostPerYear: input.ownCostPerYear } : {}),
    });
    let persons: Float64Array | null = null;
    let states: readonly string[] = [];
    const figures: ReplicationFigures[][] = [];
    for (let r = input.first; r < input.first + input.replications; r++) {
      context.checkCancelled();
      const [run] = simulate(spec, { replications: 1, seed: input.seed, first: r });
      states = run!.states;
      if (!persons) persons = new Float64Array(run!.persons.length);
      for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! + run!.persons[i]!;
      figures.push(
        costOccupancy(run!, costs)
          .byYearAndState.filter((row) => row.state !== 'out')
          .map(({ year, state, fullTimePersons, municipalNet }) => ({
            year,
            state,
            fullTimePersons,
            municipalNet,
          })),
      );
    }
    return { states, persons: persons ?? new Float64Array(0), figures };
  },

  /** The case's target group projected without the intervention and priced. */
  'jobinvest.caseBaseline': (input: CaseInput, context: TaskContext): CaseBaseline =>
    caseBaseline(setupOf(input, context)),

  /** The case's expected result and break-even effect, without replications. */
  'jobinvest.caseResult': (
    input: CaseInput & {
      baseline: CaseBaseline;
      extraPointsInWork?: { readonly points: number; readonly weeks: number };
    },
    context: TaskContext,
  ): CaseResult => {
    const setup = setupOf({ ...input, replications: 0 }, context, input.baseline);
    const extra = input.extraPointsInWork;
    const hazardRatio = extra
      ? hazardRatioForExtraPoints(setup, extra.points, extra.weeks)
      : input.effect.hazardRatio;
    if (hazardRatio === null) return null;
    const result = runSteps(investmentSteps({ ...setup, effect: { ...setup.effect, hazardRatio } }), context);
    return { result, hazardRatio, rateAssumptions: [...setup.costs.assumptions].sort() };
  },

  /** Replications `from` … `to − 1` of the case (its effect's hazard ratio as converted). */
  'jobinvest.caseReplications': (
    input: CaseInput & { from: number; to: number },
    context: TaskContext,
  ): ReplicationDraws => runSteps(replicationSteps(setupOf(input, context), input.from, input.to), context),
};
