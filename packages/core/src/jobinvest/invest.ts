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
 * horizon, by bisection (NPV rises with the hazard ratio: more exits from public support, never
 * more spending). Intervals and the probability of paying back come from microsimulation: each
 * replication draws the model's parameters (uncertainty.ts), draws the participants from the target
 * group, and simulates them with and without on common random numbers.
 */

import { netPresentValue, paybackPeriods, discountedPaybackPeriods } from '../finance.ts';
import { Rng } from '../synthetic/random.ts';
import { toYyyyww, yearWeekOf } from '../weeks.ts';
import { costOccupancy, type CostedProjection, type CostTable } from './costing.ts';
import { Hazards, type EffectMultipliers, type HazardModifier } from './hazards.ts';
import type { TransitionModel } from './model.ts';
import { projectExpected, simulate, STEPS, type Occupancy, type ProjectionPerson } from './projection.ts';
import { ParameterSampler } from './uncertainty.ts';

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

export interface InvestmentSetup {
  readonly model: TransitionModel;
  /** The model's hazards for the municipality, if the caller keeps them (their probability tables are reused). */
  readonly hazards?: Hazards;
  readonly municipality: number | null;
  /** Week index of the stock the target group is taken from. */
  readonly stockWeek: number;
  /** Weeks from the stock week to the intervention's start (0 = it starts in the stock week). */
  readonly startOffset: number;
  /** The target group in the stock week. */
  readonly targetGroup: readonly ProjectionPerson[];
  readonly participants: number;
  readonly cost: InterventionCost;
  readonly effect: InterventionEffect;
  readonly horizonWeeks: number;
  readonly discountRate: number;
  readonly costs: CostTable;
  /** Microsimulation replications for intervals and the probability of paying back (0: none). */
  readonly replications: number;
  readonly seed: number;
  /** Search for the break-even effect (default true); without it `breakEvenEffect` is null. */
  readonly breakEven?: boolean;
  /**
   * The projection without the intervention, if the caller kept it from `caseBaseline` for a setup
   * that differs from this one only in the effect, the cost, the discount rate, the replications or
   * the break-even search (what a live calculator changes); projected here otherwise.
   */
  readonly baseline?: CaseBaseline;
}

/**
 * The target group projected without the intervention and priced: all of a case that does not depend
 * on the effect, the intervention's cost or the discount rate. Opaque; made by `caseBaseline`.
 */
export interface CaseBaseline {
  readonly participants: number;
  readonly horizon: number;
  readonly persons: number;
  readonly without: Costed;
}

/** The projection without the intervention for `setup`, to pass back as `setup.baseline`. */
export function caseBaseline(setup: InvestmentSetup): CaseBaseline {
  checkSetup(setup);
  const { without, horizon } = new CaseProjector({ ...setup, baseline: undefined });
  return { participants: setup.participants, horizon, persons: setup.targetGroup.length, without };
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
  /** Smallest hazard ratio with NPV ≥ 0 over the horizon; `null` if none up to MAX_HAZARD_RATIO. */
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

/** Draws of the model's parameters shared out over the replications. */
export const PARAMETER_DRAWS = 20;

/** The largest hazard ratio the break-even search considers. */
export const MAX_HAZARD_RATIO = 20;

export class InvestmentError extends Error {
  override readonly name = 'InvestmentError';
}

function checkSetup(setup: InvestmentSetup): void {
  const fail = (field: string, expected: string, found: unknown) => {
    throw new InvestmentError(`${field}: expected ${expected}, found ${JSON.stringify(found)}`);
  };
  if (setup.targetGroup.length === 0) fail('target', 'a target group with at least one person', 0);
  if (!(setup.participants > 0)) fail('participants', 'a positive number', setup.participants);
  if (!(setup.effect.hazardRatio > 0))
    fail('effect.hazardRatio', 'a positive number', setup.effect.hazardRatio);
  if (!(setup.horizonWeeks >= 1 && setup.horizonWeeks <= 520))
    fail('horizonWeeks', '1-520 weeks', setup.horizonWeeks);
  if (!(setup.discountRate > -1)) fail('discountRate', 'a rate above −100 %', setup.discountRate);
  for (const [field, v] of Object.entries(setup.cost)) if (!(v >= 0)) fail(`cost.${field}`, '0 or more', v);
  if (setup.effect.lockIn && !(setup.effect.lockIn.hazardRatio > 0))
    fail('effect.lockIn.hazardRatio', 'a positive number', setup.effect.lockIn.hazardRatio);
  if (setup.effect.halfLifeWeeks != null && !(setup.effect.halfLifeWeeks > 0))
    fail('effect.halfLifeWeeks', 'a positive number of weeks or null', setup.effect.halfLifeWeeks);
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

/** A projection and its costing, computed once and shared by every result drawn from it. */
export interface Costed {
  readonly occupancy: Occupancy;
  readonly cost: CostedProjection;
}

function costed(occupancy: Occupancy, costs: CostTable): Costed {
  return { occupancy, cost: costOccupancy(occupancy, costs) };
}

interface Flows {
  readonly flows: number[];
  readonly without: Float64Array;
  readonly with: Float64Array;
  readonly running: Float64Array;
  readonly projectedWith: Costed;
  readonly projectedWithout: Costed;
}

function publicSupportPersons(occupancy: Occupancy, t: number, hazards: Hazards): number {
  const S = occupancy.states.length;
  let n = 0;
  for (let s = 0; s < S; s++)
    if (hazards.publicSupport[s])
      for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
  return n;
}

function flowsOf(
  setup: InvestmentSetup,
  hazards: Hazards,
  without: Costed,
  withProjection: Costed,
  participants: number,
): Flows {
  const H = setup.horizonWeeks;
  const o = setup.startOffset;
  const a = without.cost.municipalNetByWeek;
  const b = withProjection.cost.municipalNetByWeek;
  const flows = [0 - setup.cost.perParticipant * participants];
  const w0 = new Float64Array(H + 1);
  const w1 = new Float64Array(H + 1);
  const running = new Float64Array(H + 1);
  running[0] = setup.cost.perParticipant * participants;
  for (let u = 1; u <= H; u++) {
    const t = o + u;
    running[u] =
      u <= setup.cost.weeks
        ? setup.cost.perWeek * publicSupportPersons(withProjection.occupancy, t, hazards)
        : 0;
    w0[u] = a[t - 1]!;
    w1[u] = b[t - 1]!;
    flows.push(w0[u]! - w1[u]! - running[u]!);
  }
  return { flows, without: w0, with: w1, running, projectedWith: withProjection, projectedWithout: without };
}

function paybackWeek(periods: number | null): number | null {
  return periods === null ? null : Math.max(0, Math.ceil(periods - 1e-9));
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (
    sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!)
  );
}

/** The central `level` interval of a sample (type-7 quantiles, as R's default); `null` for fewer than 2 values. */
export function sampleInterval(values: readonly number[], level: number): [number, number] | null {
  if (values.length < 2) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return [quantile(sorted, (1 - level) / 2), quantile(sorted, 1 - (1 - level) / 2)];
}

/** Expected projections of the weighted target group, without and with a given effect. */
class CaseProjector {
  readonly hazards: Hazards;
  readonly weighted: ProjectionPerson[];
  readonly treated: ProjectionPerson[];
  readonly without: Costed;
  readonly horizon: number;

  constructor(readonly setup: InvestmentSetup) {
    this.hazards = setup.hazards ?? new Hazards(setup.model, { municipality: setup.municipality });
    const weight = setup.participants / setup.targetGroup.length;
    this.weighted = setup.targetGroup.map((p) => ({ ...p, weight, treated: false }));
    this.treated = setup.targetGroup.map((p) => ({ ...p, weight, treated: true }));
    this.horizon = setup.startOffset + setup.horizonWeeks;
    const kept = setup.baseline;
    if (
      kept &&
      (kept.participants !== setup.participants ||
        kept.horizon !== this.horizon ||
        kept.persons !== setup.targetGroup.length)
    )
      throw new InvestmentError(
        `baseline: made for ${kept.participants} participants from ${kept.persons} persons over ${kept.horizon} weeks, the case has ${setup.participants} from ${setup.targetGroup.length} over ${this.horizon}`,
      );
    this.without = kept ? kept.without : costed(this.project(this.weighted, null), setup.costs);
  }

  project(persons: readonly ProjectionPerson[], modifier: HazardModifier | null): Occupancy {
    return projectExpected({
      hazards: this.hazards,
      startWeek: this.setup.stockWeek,
      horizon: this.horizon,
      persons,
      modifier,
    });
  }

  flows(effect: InterventionEffect): Flows {
    const modifier = effectModifier(effect, this.setup.startOffset);
    const withProjection = modifier
      ? costed(this.project(this.treated, modifier), this.setup.costs)
      : this.without;
    return flowsOf(this.setup, this.hazards, this.without, withProjection, this.setup.participants);
  }

  npv(effect: InterventionEffect): number {
    return netPresentValue(this.flows(effect).flows, { rate: this.setup.discountRate, periodsPerYear: 52 });
  }
}

/**
 * Smallest hazard ratio with NPV ≥ 0, to a relative 1e-4 or within 1 kr of NPV = 0 (NPV rises with
 * the hazard ratio). The search runs on x = log(ratio), where the NPV is close to linear, so a
 * secant through the two NPVs already known (no effect, and the case's own effect) lands near the
 * root; it is then kept in a bracket [lo, hi] with NPV(lo) < 0 ≤ NPV(hi) by the Illinois variant of
 * false position. On the demo cases this takes 3-4 projections where bisection needs ~18.
 */
function* breakEven(
  projector: CaseProjector,
  known: ReadonlyMap<number, number>,
): Generator<void, number | null> {
  const effect = projector.setup.effect;
  const cache = new Map<number, number>([...known].map(([hr, v]) => [Math.log(hr), v]));
  // A projection per new point, with a step before it (see `investmentSteps`).
  function* npvAt(x: number): Generator<void, number> {
    let v = cache.get(x);
    if (v === undefined) {
      yield;
      cache.set(x, (v = projector.npv({ ...effect, hazardRatio: Math.exp(x) })));
    }
    return v;
  }
  const floor = Math.log(1e-3);
  const ceiling = Math.log(MAX_HAZARD_RATIO);
  // A bracket, from the known points outwards by secant steps.
  function* bracket(): Generator<void, [number, number, number, number] | number | null> {
    const others = [...cache.keys()].filter((x) => x !== 0);
    let [x0, f0] = [0, yield* npvAt(0)];
    let x1 = others.length > 0 ? others[0]! : Math.log(1.05);
    let f1 = yield* npvAt(x1);
    for (;;) {
      if ((f0 < 0 && f1 >= 0) || (f1 < 0 && f0 >= 0)) return f0 < 0 ? [x0, f0, x1, f1] : [x1, f1, x0, f0];
      // Same sign: step from the one nearer the root a little past where the secant through both crosses 0.
      const [near, fNear, far, fFar] = Math.abs(f1) <= Math.abs(f0) ? [x1, f1, x0, f0] : [x0, f0, x1, f1];
      const direction = fNear < 0 ? 1 : -1;
      const secant = fNear !== fFar ? near - (fNear * (near - far)) / (fNear - fFar) : near;
      const step =
        Number.isFinite(secant) && secant !== near
          ? Math.max(Math.abs(secant - near) * 1.1, 0.01)
          : Math.max(Math.abs(near - far), 0.05);
      const next = Math.min(ceiling, Math.max(floor, near + direction * step));
      // At the floor and still paying: the smallest ratio considered; at the ceiling and not: none.
      if (next === near) return fNear >= 0 ? Math.exp(near) : null;
      [x0, f0, x1, f1] = [near, fNear, next, yield* npvAt(next)];
    }
  }
  const found = yield* bracket();
  if (found === null || typeof found === 'number') return found;
  let [lo, fLo, hi, fHi] = found;
  let side = 0;
  for (let i = 0; i < 60 && hi - lo > 1e-4 && fHi >= 1; i++) {
    const x = Math.min(Math.max((lo * fHi - hi * fLo) / (fHi - fLo), lo + 1e-7), hi - 1e-7);
    const fx = yield* npvAt(x);
    if (fx >= 0) {
      hi = x;
      fHi = fx;
      if (side === 1) fLo /= 2;
      side = 1;
    } else {
      lo = x;
      fLo = fx;
      if (side === -1) fHi /= 2;
      side = -1;
    }
  }
  return Math.exp(hi);
}

/**
 * The hazard ratio that puts `points` percentage points more of the participants in the effect's
 * destinations `afterWeeks` weeks after the start (bisection; `null` if no ratio up to
 * MAX_HAZARD_RATIO does).
 */
export function hazardRatioForExtraPoints(
  setup: InvestmentSetup,
  points: number,
  afterWeeks: number,
): number | null {
  checkSetup(setup);
  const projector = new CaseProjector(setup);
  const t = setup.startOffset + afterWeeks;
  if (afterWeeks < 1 || afterWeeks > setup.horizonWeeks)
    throw new InvestmentError(
      `effect.afterMonths: expected a time within the horizon, found ${afterWeeks} weeks`,
    );
  const S = projector.hazards.states.length;
  const share = (occupancy: Occupancy) => {
    let n = 0;
    for (const state of setup.effect.to) {
      const s = projector.hazards.stateIndex(state);
      for (let step = 0; step < STEPS; step++) n += occupancy.persons[(t * S + s) * STEPS + step]!;
    }
    return n / setup.participants;
  };
  const base = share(projector.without.occupancy);
  const gain = (hr: number) => {
    const modifier = effectModifier(
      { ...setup.effect, hazardRatio: hr, relapseHazardRatio: 1 },
      setup.startOffset,
    );
    return (
      share(modifier ? projector.project(projector.treated, modifier) : projector.without.occupancy) - base
    );
  };
  const target = points / 100;
  let lo = points >= 0 ? 1 : 1e-3;
  let hi = points >= 0 ? MAX_HAZARD_RATIO : 1;
  if (gain(lo) > target || gain(hi) < target) return null;
  while (hi - lo > 1e-6) {
    const mid = (lo + hi) / 2;
    if (gain(mid) >= target) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Evaluate a case: expected values, break-even and, with replications, intervals. */
export function evaluateInvestment(setup: InvestmentSetup): InvestmentResult {
  const steps = investmentSteps(setup);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `evaluateInvestment` in steps of at most one projection or one replication (about a second on
 * the largest demo municipality), so that a server can answer other requests between them and stop
 * when the answer is no longer wanted.
 */
export function* investmentSteps(setup: InvestmentSetup): Generator<void, InvestmentResult> {
  checkSetup(setup);
  const projector = new CaseProjector(setup);
  yield;
  const main = projector.flows(setup.effect);
  const discounting = { rate: setup.discountRate, periodsPerYear: 52 };
  const npv = netPresentValue(main.flows, discounting) + 0;
  const H = setup.horizonWeeks;
  const startWeek = setup.stockWeek + setup.startOffset;
  const yearOf = (u: number) => yearWeekOf(startWeek + Math.max(u, 0)).year;

  const replicated = setup.replications > 0 ? yield* replicationSteps(setup, 0, setup.replications) : null;
  const breakEvenEffect =
    setup.breakEven === false
      ? null
      : yield* breakEven(projector, new Map([[setup.effect.hazardRatio, npv]]));

  const years = new Map<
    number,
    { weeks: number; without: number; with: number; cost: number; moved: number; state: number }
  >();
  const grossWithout = main.projectedWithout.cost.grossByWeek;
  const grossWith = main.projectedWith.cost.grossByWeek;
  for (let u = 0; u <= H; u++) {
    const year = yearOf(u);
    let y = years.get(year);
    if (!y) years.set(year, (y = { weeks: 0, without: 0, with: 0, cost: 0, moved: 0, state: 0 }));
    y.cost += main.running[u]!;
    y.with += main.running[u]!;
    if (u === 0) continue;
    const t = setup.startOffset + u;
    y.weeks += 1;
    y.without += main.without[u]!;
    y.with += main.with[u]!;
    y.moved +=
      publicSupportPersons(main.projectedWithout.occupancy, t, projector.hazards) -
      publicSupportPersons(main.projectedWith.occupancy, t, projector.hazards);
    y.state += grossWith[t - 1]! - main.with[u]! - (grossWithout[t - 1]! - main.without[u]!);
  }
  const cumulativeNet: number[] = [];
  main.flows.reduce((sum, f) => {
    cumulativeNet.push(sum + f);
    return sum + f;
  }, 0);
  const staircase = Array.from({ length: STEPS }, (_, step) => ({ step, without: 0, with: 0 }));
  const stepSums = (projection: Costed, key: 'without' | 'with') => {
    for (const row of projection.cost.byYearAndState)
      row.municipalNetByStep.forEach((v, step) => (staircase[step]![key] += v));
  };
  stepSums(main.projectedWithout, 'without');
  stepSums(main.projectedWith, 'with');

  const result: InvestmentResult = {
    npv,
    paybackWeek: paybackWeek(paybackPeriods(main.flows)),
    discountedPaybackWeek: paybackWeek(discountedPaybackPeriods(main.flows, discounting)),
    breakEvenEffect,
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
    staircase,
    startWeek: toYyyyww(startWeek),
    targetGroupSize: setup.targetGroup.length,
  };
  return replicated ? withReplications(result, [replicated]) : result;
}

/**
 * What replications `from` … `to − 1` of a case give, for `withReplications` to combine. Replication
 * r is the same whichever range holds it (its seeds depend on the case's seed and r only), so the
 * replications of a case can be shared out over workers and give the same result as in one run.
 */
export interface ReplicationDraws {
  readonly npvs: readonly number[];
  readonly paid: readonly boolean[];
  /** For each replication, with − without by calendar year: [year, kroner] pairs. */
  readonly yearDifferences: readonly (readonly (readonly [number, number])[])[];
}

/**
 * Replications `from` … `to − 1` of a case, one step each: the parameters drawn (PARAMETER_DRAWS
 * draws, each shared by an equal share of the replications: a draw's probability tables are the
 * expensive part to build), the participants drawn from the target group, and both arms simulated on
 * common random numbers.
 */
export function* replicationSteps(
  setup: InvestmentSetup,
  from: number,
  to: number,
): Generator<void, ReplicationDraws> {
  checkSetup(setup);
  const discounting = { rate: setup.discountRate, periodsPerYear: 52 };
  const H = setup.horizonWeeks;
  const horizon = setup.startOffset + H;
  const startWeek = setup.stockWeek + setup.startOffset;
  const yearOf = (u: number) => yearWeekOf(startWeek + Math.max(u, 0)).year;
  const sampler = new ParameterSampler(setup.model, setup.municipality);
  const n = Math.max(1, Math.round(setup.participants));
  const draws = Math.min(setup.replications, PARAMETER_DRAWS);
  const npvs: number[] = [];
  const paid: boolean[] = [];
  const yearDifferences: [number, number][][] = [];
  let hazards: Hazards | null = null;
  let drawOf = -1;
  for (let r = from; r < to; r++) {
    const rng = Rng.seeded(setup.seed * 1_000_003 + r);
    const d = Math.floor((r * draws) / setup.replications);
    if (d !== drawOf || !hazards) {
      hazards = new Hazards(setup.model, sampler.draw(Rng.seeded(setup.seed * 999_983 + d)));
      drawOf = d;
    }
    const drawn = Array.from({ length: n }, () => setup.targetGroup[rng.int(setup.targetGroup.length)]!);
    const spec = { hazards, startWeek: setup.stockWeek, horizon };
    const seed = setup.seed * 7_919 + r;
    const [without] = simulate(
      { ...spec, persons: drawn.map((p) => ({ ...p, treated: false })) },
      { replications: 1, seed },
    );
    const [withOccupancy] = simulate(
      {
        ...spec,
        persons: drawn.map((p) => ({ ...p, treated: true })),
        modifier: effectModifier(setup.effect, setup.startOffset),
      },
      { replications: 1, seed },
    );
    const f = flowsOf(setup, hazards, costed(without!, setup.costs), costed(withOccupancy!, setup.costs), n);
    npvs.push(netPresentValue(f.flows, discounting));
    paid.push(paybackPeriods(f.flows) !== null);
    const byYear = new Map<number, number>();
    for (let u = 0; u <= H; u++)
      byYear.set(yearOf(u), (byYear.get(yearOf(u)) ?? 0) + (f.with[u]! + f.running[u]! - f.without[u]!));
    yearDifferences.push([...byYear]);
    yield;
  }
  return { npvs, paid, yearDifferences };
}

/** `result` with the intervals and the probability of paying back from the replications in `draws`. */
export function withReplications(
  result: InvestmentResult,
  draws: readonly ReplicationDraws[],
): InvestmentResult {
  const npvs = draws.flatMap((d) => d.npvs);
  const paid = draws.flatMap((d) => d.paid);
  const byYear = new Map<number, number[]>();
  for (const replication of draws.flatMap((d) => d.yearDifferences))
    for (const [year, difference] of replication) {
      let list = byYear.get(year);
      if (!list) byYear.set(year, (list = []));
      list.push(difference);
    }
  return {
    ...result,
    probabilityOfPayback: paid.length > 0 ? paid.filter(Boolean).length / paid.length : null,
    npvInterval80: sampleInterval(npvs, 0.8),
    npvInterval95: sampleInterval(npvs, 0.95),
    replications: npvs.length,
    years: result.years.map((y) => ({
      ...y,
      differenceInterval80: sampleInterval(byYear.get(y.year) ?? [], 0.8),
      differenceInterval95: sampleInterval(byYear.get(y.year) ?? [], 0.95),
    })),
  };
}
