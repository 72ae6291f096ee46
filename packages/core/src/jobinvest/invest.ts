/**
 * An investment case (Jobinvestering): what the municipality's net expenditure on a group of
 * participants is with and without an intervention, week by week over the horizon, and what that
 * is worth.
 *
 * The participants are the target group in the stock week, each weighted by participants / persons
 * in the group, so the expected values describe the average member of the group, not one draw of it.
 * Without: the duration model as estimated. With: the effect multiplies their hazards from public
 * support to the effect's destinations (job by default):
 * - during lock-in (weeks 1 … lockIn.weeks after the start) by lockIn.hazardRatio;
 * - after it, by HR^(phase · persistence), where phase rises linearly from 0 to 1 over phaseInWeeks
 *   and persistence = 0.5^(weeks since full effect / halfLifeWeeks) (1 when the effect is permanent);
 * - the hazards from job back to public support by relapseHazardRatio^(phase · persistence).
 * Intervention cost: perParticipant at the start (week 0), and perWeek for each participant still on
 * public support in weeks 1 … weeks.
 *
 * Flows are municipal net savings: f_0 = −one-off cost, f_u = without_u − with_u − running cost_u.
 * NPV discounts f_u by (1 + r)^(−u/52); payback is the week the cumulative savings turn non-negative
 * for good (finance.ts). The break-even effect is the smallest hazard ratio with NPV ≥ 0 over the
 * horizon, on a grid of 0.0001 (grid-search.ts; NPV rises with the hazard ratio: more exits from
 * public support, never more spending). Intervals and the probability of paying back come from
 * microsimulation (replications.ts).
 *
 * The work comes in parts that a server can keep and share out: an arm is the target group projected
 * without the intervention or with one effect, priced, per participant (each person weighs 1 / the
 * group's size). Everything a case shows is the arms times the participants, its cost and its
 * discounting, which take no projection; so a change of those costs none, and the break-even search
 * needs one projection per hazard ratio it tries, whatever the case costs and however many take part.
 */

import { discountedPaybackPeriods, netPresentValue, paybackPeriods } from '../finance.ts';
import { toYyyyww, yearWeekOf } from '../weeks.ts';
import { costOccupancy, type CostTable } from './costing.ts';
import type { Grid } from './grid-search.ts';
import { Hazards, type EffectMultipliers, type HazardModifier } from './hazards.ts';
import type { TransitionModel } from './model.ts';
import { projectExpected, STEPS, type Occupancy, type ProjectionPerson } from './projection.ts';

export interface InterventionEffect {
  /** Hazard ratio on moves from public support to `to` at full effect; 1 = no effect. */
  readonly hazardRatio: number;
  readonly to: readonly string[];
  readonly lockIn?: { readonly weeks: number; readonly hazardRatio: number } | null;
  readonly phaseInWeeks?: number;
  /** Half-life of the effect in weeks; `null` or absent: the effect lasts. */
  readonly halfLifeWeeks?: number | null;
  /** Hazard ratio on moves from job back to public support at full effect; 1 = no effect. */
  readonly relapseHazardRatio?: number;
}

export interface InterventionCost {
  /** Kroner per participant at the start. */
  readonly perParticipant: number;
  /** Kroner per participant per week while on public support, for `weeks` weeks. */
  readonly perWeek: number;
  readonly weeks: number;
}

/** What turns a case's arms into kroner: its participants, cost, horizon and discounting. */
export interface CaseTerms {
  /** Week index of the stock the target group is taken from. */
  readonly stockWeek: number;
  /** Weeks from the stock week to the intervention's start (0 = it starts in the stock week). */
  readonly startOffset: number;
  readonly participants: number;
  readonly cost: InterventionCost;
  readonly horizonWeeks: number;
  readonly discountRate: number;
}

export interface InvestmentSetup extends CaseTerms {
  readonly model: TransitionModel;
  /** The model's hazards for the municipality, if the caller keeps them (their probability tables are reused). */
  readonly hazards?: Hazards;
  readonly municipality: number | null;
  /** The target group in the stock week. */
  readonly targetGroup: readonly ProjectionPerson[];
  readonly effect: InterventionEffect;
  readonly costs: CostTable;
  /** Microsimulation replications for intervals and the probability of paying back (0: none). */
  readonly replications: number;
  /**
   * Stop at the first of `replicationStages(replications)` whose probability of paying back is
   * precise enough (replications.ts `preciseEnough`); without it, exactly `replications`.
   */
  readonly untilPrecise?: boolean;
  readonly seed: number;
  /** Search for the break-even effect (default true); without it `breakEvenEffect` is null. */
  readonly breakEven?: boolean;
  /**
   * The arm without the intervention, if the caller kept it from `caseArm(setup, null)` for a setup
   * with the same target group, stock week, start and horizon; projected here otherwise.
   */
  readonly baseline?: CaseArm;
}

/** What an arm is projected from: the target group, when, for how long, and the prices. */
export type ArmSetup = Pick<
  InvestmentSetup,
  | 'model'
  | 'hazards'
  | 'municipality'
  | 'stockWeek'
  | 'startOffset'
  | 'targetGroup'
  | 'horizonWeeks'
  | 'costs'
>;

/**
 * One arm of a case: its target group projected in expected values without the intervention or with
 * one effect, and priced, per participant (each person of the group weighs 1 / its size).
 */
export interface CaseArm {
  /** Persons in the target group. */
  readonly persons: number;
  /** Weeks projected: from the stock week to the horizon's end (startOffset + horizonWeeks). */
  readonly horizon: number;
  /** Municipal net kroner in weeks t = 1 … horizon after the stock week, at t − 1. */
  readonly municipalNet: Float64Array;
  /** Gross kroner (whoever pays) in weeks t = 1 … horizon, at t − 1. */
  readonly gross: Float64Array;
  /** Persons on public income support in weeks t = 0 … horizon. */
  readonly publicSupport: Float64Array;
  /** Municipal net over weeks 1 … horizon by staircase step (0 = not on the staircase, 1-4). */
  readonly municipalNetByStep: readonly number[];
  /** The benefits priced, as [state, ISO year] in the order priced: what `caseNotes` says the prices rest on. */
  readonly priced: readonly (readonly [string, number])[];
}

export interface InvestmentYear {
  readonly year: number;
  /** Weeks of the year inside the horizon. */
  readonly weeks: number;
  /** Municipal net expenditure on the participants, kroner. */
  readonly without: number;
  /** The same with the intervention, its cost included. */
  readonly with: number;
  /** with − without: negative when the case saves money. */
  readonly difference: number;
  readonly interventionCost: number;
  /** Full-time persons on public support fewer with the intervention than without. */
  readonly fullTimePersonsMoved: number;
  /** Change in the state's net expenditure (gross minus the municipality's share), with − without. */
  readonly stateDifference: number;
  readonly differenceInterval80: readonly [number, number] | null;
  readonly differenceInterval95: readonly [number, number] | null;
}

export interface StepBreakdown {
  /** 0 = not on the staircase, 1-4 = weeks 1-4, 5-26, 27-52, 53+. */
  readonly step: number;
  readonly without: number;
  readonly with: number;
}

export interface InvestmentResult {
  readonly npv: number;
  /** Weeks after the start until the cumulative net savings turn non-negative for good; `null` if not within the horizon. */
  readonly paybackWeek: number | null;
  readonly discountedPaybackWeek: number | null;
  /** Smallest hazard ratio on BREAK_EVEN_GRID with NPV ≥ 0 over the horizon; `null` if none up to MAX_HAZARD_RATIO. */
  readonly breakEvenEffect: number | null;
  /** Share of replications paying back within the horizon; `null` without replications. */
  readonly probabilityOfPayback: number | null;
  readonly npvInterval80: readonly [number, number] | null;
  readonly npvInterval95: readonly [number, number] | null;
  readonly replications: number;
  readonly years: readonly InvestmentYear[];
  /** Cumulative net savings after each week 0 … horizon. */
  readonly cumulativeNet: readonly number[];
  readonly fullTimePersonsMoved: number;
  readonly staircase: readonly StepBreakdown[];
  readonly startWeek: number;
  readonly targetGroupSize: number;
}

/** The largest hazard ratio the break-even search considers. */
export const MAX_HAZARD_RATIO = 20;

/**
 * The break-even effect is the smallest hazard ratio k · 0.0001 from 0.001 to MAX_HAZARD_RATIO with
 * NPV ≥ 0: at most 0.0001 above the exact root. NPV ≥ 0 already at 0.001 gives 0.001.
 */
export const BREAK_EVEN_GRID: Grid = {
  step: 1e-4,
  lowest: 10,
  highest: MAX_HAZARD_RATIO * 10_000,
  atLowest: 'lowest',
};

/**
 * The hazard ratio that gives N percentage points more in the effect's destinations is the smallest
 * ratio k · 0.000001 that gives at least that many: from 1 to MAX_HAZARD_RATIO for N ≥ 0, from 0.001
 * to 1 for fewer; none (`null`) when the range's ends do not reach it.
 */
export function extraPointsGrid(points: number): Grid {
  return points >= 0
    ? { step: 1e-6, lowest: 1_000_000, highest: MAX_HAZARD_RATIO * 1_000_000, atLowest: 'lowest' }
    : { step: 1e-6, lowest: 1_000, highest: 1_000_000, atLowest: null };
}

export class InvestmentError extends Error {
  override readonly name = 'InvestmentError';
}

function fail(field: string, expected: string, found: unknown): never {
  throw new InvestmentError(`${field}: expected ${expected}, found ${JSON.stringify(found)}`);
}

/** The terms a case's figures are computed on, checked. */
export function checkTerms(terms: CaseTerms): void {
  if (!(terms.participants > 0)) fail('participants', 'a positive number', terms.participants);
  if (!(terms.horizonWeeks >= 1 && terms.horizonWeeks <= 520))
    fail('horizonWeeks', '1-520 weeks', terms.horizonWeeks);
  if (!(terms.discountRate > -1)) fail('discountRate', 'a rate above −100 %', terms.discountRate);
  for (const [field, v] of Object.entries(terms.cost)) if (!(v >= 0)) fail(`cost.${field}`, '0 or more', v);
}

/** An effect, checked. */
export function checkEffect(effect: InterventionEffect): void {
  if (!(effect.hazardRatio > 0)) fail('effect.hazardRatio', 'a positive number', effect.hazardRatio);
  if (effect.lockIn && !(effect.lockIn.hazardRatio > 0))
    fail('effect.lockIn.hazardRatio', 'a positive number', effect.lockIn.hazardRatio);
  if (effect.halfLifeWeeks != null && !(effect.halfLifeWeeks > 0))
    fail('effect.halfLifeWeeks', 'a positive number of weeks or null', effect.halfLifeWeeks);
}

/** The effect's multipliers by projection week (see the module comment). */
export function effectModifier(effect: InterventionEffect, startOffset: number): HazardModifier | null {
  const lockIn = effect.lockIn && effect.lockIn.weeks > 0 ? effect.lockIn : null;
  const relapse = effect.relapseHazardRatio ?? 1;
  if (effect.hazardRatio === 1 && relapse === 1 && (!lockIn || lockIn.hazardRatio === 1)) return null;
  const phaseIn = effect.phaseInWeeks ?? 0;
  const halfLife = effect.halfLifeWeeks ?? null;
  const lockWeeks = lockIn?.weeks ?? 0;
  return {
    destinations: effect.to,
    at(t: number): EffectMultipliers | null {
      const u = t - startOffset;
      if (u < 1) return null;
      if (u <= lockWeeks) return { toDestinations: lockIn!.hazardRatio, relapse: 1 };
      const sinceLockIn = u - lockWeeks;
      const phase = phaseIn > 0 ? Math.min(1, sinceLockIn / phaseIn) : 1;
      const persistence =
        halfLife === null ? 1 : Math.pow(0.5, Math.max(0, sinceLockIn - phaseIn) / halfLife);
      const w = phase * persistence;
      return { toDestinations: Math.pow(effect.hazardRatio, w), relapse: Math.pow(relapse, w) };
    },
  };
}

/** The target group projected in expected values, each person weighing 1 / the group's size. */
function projectGroup(
  setup: ArmSetup,
  effect: InterventionEffect | null,
): { occupancy: Occupancy; hazards: Hazards } {
  if (setup.targetGroup.length === 0) fail('target', 'a target group with at least one person', 0);
  const hazards = setup.hazards ?? new Hazards(setup.model, { municipality: setup.municipality });
  const modifier = effect ? effectModifier(effect, setup.startOffset) : null;
  const weight = 1 / setup.targetGroup.length;
  const treated = modifier !== null;
  const occupancy = projectExpected({
    hazards,
    startWeek: setup.stockWeek,
    horizon: setup.startOffset + setup.horizonWeeks,
    persons: setup.targetGroup.map((p) => ({ ...p, weight, treated })),
    modifier,
  });
  return { occupancy, hazards };
}

/** Persons on public support in week t of an occupancy. */
function publicSupportPersons(occupancy: Occupancy, t: number, publicSupport: Uint8Array): number {
  const S = occupancy.states.length;
  let n = 0;
  for (let s = 0; s < S; s++)
    if (publicSupport[s])
      for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
  return n;
}

/** Persons on public support in weeks t = 0 … horizon of an occupancy. */
export function publicSupportByWeek(occupancy: Occupancy, publicSupport: Uint8Array): Float64Array {
  return Float64Array.from({ length: occupancy.horizon + 1 }, (_, t) =>
    publicSupportPersons(occupancy, t, publicSupport),
  );
}

/**
 * One arm of a case: without the intervention (`effect` null) or with `effect`, projected and priced
 * per participant. An effect that changes no hazard gives the arm without it.
 */
export function caseArm(setup: ArmSetup, effect: InterventionEffect | null): CaseArm {
  if (effect) checkEffect(effect);
  const { occupancy, hazards } = projectGroup(setup, effect);
  const cost = costOccupancy(occupancy, setup.costs);
  const municipalNetByStep = Array<number>(STEPS).fill(0);
  for (const row of cost.byYearAndState)
    row.municipalNetByStep.forEach((v, step) => (municipalNetByStep[step]! += v));
  return {
    persons: setup.targetGroup.length,
    horizon: occupancy.horizon,
    municipalNet: cost.municipalNetByWeek,
    gross: cost.grossByWeek,
    publicSupport: publicSupportByWeek(occupancy, hazards.publicSupport),
    municipalNetByStep,
    priced: cost.byYearAndState.map((row) => [row.state, row.year] as const),
  };
}

/**
 * What the prices of a case's arms rest on, in words (the rate table's assumptions, sorted, and its
 * notices for the top of a result), from `costs` (a fresh table, in the language wanted): the
 * benefits the arms priced, priced again, once.
 */
export function caseNotes(
  costs: CostTable,
  arms: readonly CaseArm[],
): { assumptions: string[]; notices: string[] } {
  const seen = new Set<string>();
  for (const arm of arms)
    for (const [state, year] of arm.priced) {
      const key = `${state}|${year}`;
      if (seen.has(key)) continue;
      seen.add(key);
      costs.weekly(state, year);
    }
  return { assumptions: [...costs.assumptions].sort(), notices: costs.notices };
}

/**
 * Persons per participant in the effect's destinations `afterWeeks` weeks after the start: without
 * the intervention (`ratio` null), or with the effect at hazard ratio `ratio` and no change to
 * relapses (what "N percentage points more in work after M months" is about).
 */
export function destinationShare(
  setup: ArmSetup,
  effect: InterventionEffect,
  ratio: number | null,
  afterWeeks: number,
): number {
  if (!(afterWeeks >= 1 && afterWeeks <= setup.horizonWeeks))
    throw new InvestmentError(
      `effect.afterMonths: expected a time within the horizon, found ${afterWeeks} weeks`,
    );
  const { occupancy, hazards } = projectGroup(
    setup,
    ratio === null ? null : { ...effect, hazardRatio: ratio, relapseHazardRatio: 1 },
  );
  const S = hazards.states.length;
  const t = setup.startOffset + afterWeeks;
  let n = 0;
  for (const state of effect.to) {
    const s = hazards.stateIndex(state);
    for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
  }
  return n;
}

function checkArms(terms: CaseTerms, ...arms: CaseArm[]): void {
  const horizon = terms.startOffset + terms.horizonWeeks;
  for (const arm of arms)
    if (arm.horizon !== horizon)
      throw new InvestmentError(
        `arm: projected over ${arm.horizon} weeks from the stock week, the case runs ${horizon} (${terms.startOffset} to the start and a horizon of ${terms.horizonWeeks})`,
      );
}

interface Flows {
  readonly flows: number[];
  readonly without: Float64Array;
  readonly with: Float64Array;
  readonly running: Float64Array;
}

/** Weekly flows u = 0 … horizon of `participants` persons (the arms are per participant). */
function flowsOf(terms: CaseTerms, without: CaseArm, withArm: CaseArm, participants: number): Flows {
  const H = terms.horizonWeeks;
  const o = terms.startOffset;
  const flows = [0 - terms.cost.perParticipant * participants];
  const w0 = new Float64Array(H + 1);
  const w1 = new Float64Array(H + 1);
  const running = new Float64Array(H + 1);
  running[0] = terms.cost.perParticipant * participants;
  for (let u = 1; u <= H; u++) {
    const t = o + u;
    running[u] = u <= terms.cost.weeks ? terms.cost.perWeek * withArm.publicSupport[t]! * participants : 0;
    w0[u] = without.municipalNet[t - 1]! * participants;
    w1[u] = withArm.municipalNet[t - 1]! * participants;
    flows.push(w0[u]! - w1[u]! - running[u]!);
  }
  return { flows, without: w0, with: w1, running };
}

/** The NPV per participant of the arm `withArm` against `without`: what the break-even search finds 0 of. */
export function npvPerParticipant(terms: CaseTerms, without: CaseArm, withArm: CaseArm): number {
  checkArms(terms, without, withArm);
  return netPresentValue(flowsOf(terms, without, withArm, 1).flows, {
    rate: terms.discountRate,
    periodsPerYear: 52,
  });
}

function paybackWeek(periods: number | null): number | null {
  return periods === null ? null : Math.max(0, Math.ceil(periods - 1e-9));
}

/**
 * A case's expected figures from its arms: the NPV, payback, the net by year and the staircase, for
 * the terms' participants, cost and discounting; no break-even effect and no replications.
 */
export function caseFigures(terms: CaseTerms, without: CaseArm, withArm: CaseArm): InvestmentResult {
  checkTerms(terms);
  checkArms(terms, without, withArm);
  const P = terms.participants;
  const main = flowsOf(terms, without, withArm, P);
  const discounting = { rate: terms.discountRate, periodsPerYear: 52 };
  const npv = netPresentValue(main.flows, discounting) + 0;
  const H = terms.horizonWeeks;
  const startWeek = terms.stockWeek + terms.startOffset;
  const yearOf = (u: number) => yearWeekOf(startWeek + Math.max(u, 0)).year;
  const years = new Map<
    number,
    { weeks: number; without: number; with: number; cost: number; moved: number; state: number }
  >();
  for (let u = 0; u <= H; u++) {
    const year = yearOf(u);
    let y = years.get(year);
    if (!y) years.set(year, (y = { weeks: 0, without: 0, with: 0, cost: 0, moved: 0, state: 0 }));
    y.cost += main.running[u]!;
    y.with += main.running[u]!;
    if (u === 0) continue;
    const t = terms.startOffset + u;
    y.weeks += 1;
    y.without += main.without[u]!;
    y.with += main.with[u]!;
    y.moved += P * without.publicSupport[t]! - P * withArm.publicSupport[t]!;
    y.state += P * withArm.gross[t - 1]! - main.with[u]! - (P * without.gross[t - 1]! - main.without[u]!);
  }
  const cumulativeNet: number[] = [];
  main.flows.reduce((sum, f) => {
    cumulativeNet.push(sum + f);
    return sum + f;
  }, 0);
  return {
    npv,
    paybackWeek: paybackWeek(paybackPeriods(main.flows)),
    discountedPaybackWeek: paybackWeek(discountedPaybackPeriods(main.flows, discounting)),
    breakEvenEffect: null,
    probabilityOfPayback: null,
    npvInterval80: null,
    npvInterval95: null,
    replications: 0,
    years: [...years.entries()]
      .filter(([, y]) => y.weeks > 0 || y.cost > 0)
      .map(([year, y]) => ({
        year,
        weeks: y.weeks,
        without: y.without,
        with: y.with,
        difference: y.with - y.without,
        interventionCost: y.cost,
        fullTimePersonsMoved: y.weeks > 0 ? y.moved / y.weeks : 0,
        stateDifference: y.state,
        differenceInterval80: null,
        differenceInterval95: null,
      })),
    cumulativeNet,
    fullTimePersonsMoved: [...years.values()].reduce((a, y) => a + y.moved, 0) / 52,
    staircase: Array.from({ length: STEPS }, (_, step) => ({
      step,
      without: P * without.municipalNetByStep[step]!,
      with: P * withArm.municipalNetByStep[step]!,
    })),
    startWeek: toYyyyww(startWeek),
    targetGroupSize: without.persons,
  };
}
