/**
 * The heavy work of Jobinvestering, as tasks for the worker pool (workers/pool.ts): estimating the
 * duration model, projecting and simulating a stock, and an investment case in its parts (an arm:
 * the target group projected without the intervention or with one effect; a chunk of replications
 * of one arm; case-work.ts puts them together). Inputs are plain data (the store's rows as read);
 * the transition model and a case's target group are shared with the workers once (`shared`), and
 * each worker keeps the model's hazards per municipality, whose probability tables fill as
 * projections use them.
 */

import {
  CostTable,
  caseArm,
  costOccupancy,
  destinationShare,
  drawnHazards,
  effectModifier,
  estimateModel,
  Hazards,
  ownDiagnostics,
  PARAMETER_DRAWS,
  ParameterSampler,
  projectExpected,
  replicationArmSteps,
  simulate,
  type ArmSetup,
  type CaseArm,
  type Inflow,
  type InterventionEffect,
  type Occupancy,
  type ProjectionPerson,
  type RateTable,
  type ReplicationArm,
  type ReplicationChunk,
  type ReplicationFigures,
  type ReplicationSetup,
  type OwnDiagnostic,
  type SpellDurations,
  type StockPerson,
  type TransitionCell,
  type TransitionModel,
} from '@jobinvest/core';
import type { TaskContext } from '../workers/pool.ts';
import { projectionPerson } from './persons.ts';
import { statePersons } from './occupancy.ts';

/** `make()` kept in a worker's cache `map` under `key`, among the `size` used last. */
function keptIn<T>(map: Map<string, T>, size: number, key: string, make: () => T): T {
  let value = map.get(key);
  if (value !== undefined) map.delete(key);
  else {
    value = make();
    if (map.size >= size) map.delete(map.keys().next().value!);
  }
  map.set(key, value);
  return value;
}

/** The hazards of a shared model for a municipality, built once per worker (the latest few models). */
const hazardsByModel = new Map<string, Map<number, Hazards>>();

function hazardsOf(context: TaskContext, model: string, municipality: number): Hazards {
  const byMunicipality = keptIn(hazardsByModel, 4, model, () => new Map<number, Hazards>());
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
  return keptIn(sharedSpecs, 2, `${input.stock}|${input.model}|${input.startWeek}|${input.horizon}`, () => {
    const stock = context.shared<SharedStock>(input.stock);
    return specOf({ ...input, persons: stock.persons, inflow: stock.inflow }, context);
  });
}

/**
 * A case's target group and what its arms are projected over, as the workers take it: the group is
 * shared with the workers under `group` (case-work.ts) rather than sent with every task, and each
 * worker keeps its persons as the projection takes them while it is shared.
 */
export interface ArmInput {
  readonly model: string;
  readonly municipality: number;
  readonly stockWeek: number;
  readonly startOffset: number;
  /** The key the target group was shared under. */
  readonly group: string;
  readonly horizonWeeks: number;
  readonly rates: RateTable;
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
}

/** The projection persons of a shared group, made once per worker while the group is shared. */
const groupPersons = new WeakMap<readonly StockPerson[], readonly ProjectionPerson[]>();

/** Parameter samplers (Cholesky factors of every cause's covariance) by model and municipality. */
const samplers = new Map<string, ParameterSampler>();

/**
 * The hazards of a case's parameter draws, by model, municipality, seed and draw, with the
 * probabilities their simulations filled in: the next change of the case (another effect, more
 * replications) finds its draws' tables made. A draw's are about 1.5 MB on the demo case.
 */
const drawn = new Map<string, Hazards>();
const DRAWS_KEPT = 2 * PARAMETER_DRAWS;

function drawnHazardsOf(setup: ReplicationSetup, draw: number, model: string): Hazards {
  return keptIn(drawn, DRAWS_KEPT, `${model}|${setup.municipality}|${setup.seed}|${draw}`, () => {
    const sampler = keptIn(
      samplers,
      8,
      `${model}|${setup.municipality}`,
      () => new ParameterSampler(setup.model, setup.municipality),
    );
    return drawnHazards(setup, draw, sampler);
  });
}

function armSetupOf(input: ArmInput, context: TaskContext): ArmSetup {
  const group = context.shared<readonly StockPerson[]>(input.group);
  let persons = groupPersons.get(group);
  if (!persons) groupPersons.set(group, (persons = group.map(projectionPerson)));
  return {
    model: context.shared<TransitionModel>(input.model),
    hazards: hazardsOf(context, input.model, input.municipality),
    municipality: input.municipality,
    stockWeek: input.stockWeek,
    startOffset: input.startOffset,
    targetGroup: persons,
    horizonWeeks: input.horizonWeeks,
    costs: new CostTable({
      rates: input.rates,
      ...(input.ownCostPerYear ? { ownCostPerYear: input.ownCostPerYear } : {}),
    }),
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

/**
 * Replications of a stock, priced: their persons summed by week, state and step, each one's figures,
 * and each one's persons by week and state (index t · states + s, the steps summed).
 */
export interface PricedReplications {
  readonly states: readonly string[];
  readonly persons: Float64Array;
  readonly figures: ReplicationFigures[][];
  readonly weekly: Float32Array[];
}

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
    const weekly: Float32Array[] = [];
    for (let r = input.first; r < input.first + input.replications; r++) {
      context.checkCancelled();
      const [run] = simulate(spec, { replications: 1, seed: input.seed, first: r });
      states = run!.states;
      if (!persons) persons = new Float64Array(run!.persons.length);
      for (let i = 0; i < persons.length; i++) persons[i] = persons[i]! + run!.persons[i]!;
      const S = states.length;
      const own = new Float32Array((run!.horizon + 1) * S);
      for (let t = 0; t <= run!.horizon; t++)
        for (let s = 0; s < S; s++) own[t * S + s] = statePersons(run!, t, s);
      weekly.push(own);
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
    return { states, persons: persons ?? new Float64Array(0), figures, weekly };
  },

  /** One arm of a case: without the intervention (`effect` null) or with `effect`, per participant. */
  'jobinvest.caseArm': (
    input: ArmInput & { effect: InterventionEffect | null },
    context: TaskContext,
  ): CaseArm => caseArm(armSetupOf(input, context), input.effect),

  /** Persons per participant in the effect's destinations after `afterWeeks`, without (`ratio` null) or with the effect at `ratio`. */
  'jobinvest.destinationShare': (
    input: ArmInput & { effect: InterventionEffect; ratio: number | null; afterWeeks: number },
    context: TaskContext,
  ): number => destinationShare(armSetupOf(input, context), input.effect, input.ratio, input.afterWeeks),

  /**
   * Arms of a chunk of a case's replications, one per effect (`null`: without the intervention), on
   * one build of the draw's probability tables; stopping between replications when cancelled.
   */
  'jobinvest.replicationArms': (
    input: ArmInput & {
      participants: number;
      seed: number;
      effects: readonly (InterventionEffect | null)[];
      chunk: ReplicationChunk;
    },
    context: TaskContext,
  ): ReplicationArm[][] => {
    const setup = { ...armSetupOf(input, context), participants: input.participants, seed: input.seed };
    const hazards = drawnHazardsOf(setup, input.chunk.draw, input.model);
    return input.effects.map((effect) =>
      runSteps(replicationArmSteps(setup, effect, input.chunk, hazards), context),
    );
  },
};
