import { describe, expect, it } from 'vitest';
import { netPresentValue, paybackPeriods } from '../finance.ts';
import { SHIPPED_RATES } from '../rates.ts';
import { Rng } from '../synthetic/random.ts';
import { fromYyyyww } from '../weeks.ts';
import { CostTable, costOccupancy } from './costing.ts';
import { evaluateInvestment, hazardRatioForExtraPoints } from './evaluate.ts';
import { Hazards } from './hazards.ts';
import { caseArm, destinationShare, effectModifier, type InvestmentSetup } from './invest.ts';
import { projectExpected, simulate, STEPS, type Occupancy } from './projection.ts';
import { PARAMETER_DRAWS } from './replications.ts';
import { StaircaseTracker } from './staircase-tracker.ts';
import { constantRateModel } from './test-models.ts';
import { ParameterSampler } from './uncertainty.ts';

const START = fromYyyyww(202601);
const model = constantRateModel({
  kontanthjaelp_aktivitetsparat: { job: 0.01, sygedagpenge: 0.002 },
  sygedagpenge: { job: 0.08, kontanthjaelp_aktivitetsparat: 0.01 },
  job: { kontanthjaelp_aktivitetsparat: 0.02 },
});

function targetGroup(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const staircase = new StaircaseTracker();
    for (let w = START - 60 - (i % 20); w <= START; w++)
      staircase.weekOfState(w, 'kontanthjaelp_aktivitetsparat');
    return {
      state: 'kontanthjaelp_aktivitetsparat',
      spellWeek: 60 + (i % 20),
      birthYear: 1975 + (i % 20),
      profile: { sex: i % 2 ? 'K' : 'M', origin: 'dansk', priorBand: '79-156' },
      staircase,
    };
  });
}

const base: InvestmentSetup = {
  model,
  municipality: null,
  stockWeek: START,
  startOffset: 0,
  targetGroup: targetGroup(50),
  participants: 100,
  cost: { perParticipant: 25_000, perWeek: 0, weeks: 0 },
  effect: { hazardRatio: 1.3, to: ['job'] },
  horizonWeeks: 260,
  discountRate: 0.035,
  costs: new CostTable({ rates: SHIPPED_RATES }),
  replications: 0,
  seed: 1,
};

describe('evaluateInvestment', { timeout: 60_000 }, () => {
  it('gives a difference of exactly zero for an effect of 1 and no cost', () => {
    const result = evaluateInvestment({
      ...base,
      cost: { perParticipant: 0, perWeek: 0, weeks: 0 },
      effect: { hazardRatio: 1, to: ['job'] },
    });
    expect(result.npv).toBe(0);
    for (const year of result.years) expect(year.difference).toBe(0);
    expect(result.paybackWeek).toBe(0);
  });

  it('pays back at once when the intervention is free and helps', () => {
    const result = evaluateInvestment({ ...base, cost: { perParticipant: 0, perWeek: 0, weeks: 0 } });
    expect(result.paybackWeek).toBe(0);
    expect(result.npv).toBeGreaterThan(0);
    expect(result.years.every((y) => y.difference <= 0)).toBe(true);
  });

  it('reports the smallest hazard ratio on the grid of 0.0001 with NPV ≥ 0: the one below has NPV < 0', () => {
    const result = evaluateInvestment(base);
    const be = result.breakEvenEffect!;
    expect(Math.round(be * 10_000) / 10_000).toBe(be);
    const npvAt = (hazardRatio: number) =>
      evaluateInvestment({ ...base, effect: { ...base.effect, hazardRatio }, breakEven: false }).npv;
    expect(npvAt(be)).toBeGreaterThanOrEqual(0);
    expect(npvAt((Math.round(be * 10_000) - 1) / 10_000)).toBeLessThan(0);
  });

  it('finds the root of the NPV, as a plain bisection of the projection weighted by the participants finds it, rounded up to the grid', () => {
    for (const setup of [
      base,
      { ...base, cost: { perParticipant: 60_000, perWeek: 0, weeks: 0 } },
      { ...base, cost: { perParticipant: 5_000, perWeek: 400, weeks: 26 }, discountRate: 0.07 },
      { ...base, effect: { ...base.effect, lockIn: { weeks: 13, hazardRatio: 0.6 }, phaseInWeeks: 8 } },
      { ...base, startOffset: 20, horizonWeeks: 156 },
    ]) {
      const be = evaluateInvestment(setup).breakEvenEffect!;
      // The reference brackets the root itself, within 0.01 of the answer, and halves it to 1e-8.
      const root = bisect((hr) => referenceNpv(setup, hr), be - 0.01, be + 0.01);
      expect(be).toBeGreaterThanOrEqual(root - 1e-8);
      expect(be - root).toBeLessThanOrEqual(1e-4 + 1e-8);
    }
  });

  it('gives the same break-even effect whatever the participants and the chosen effect, and NPVs in proportion to the participants', () => {
    const a = evaluateInvestment(base);
    const b = evaluateInvestment({ ...base, participants: 7, effect: { ...base.effect, hazardRatio: 2.4 } });
    const c = evaluateInvestment({ ...base, participants: 7 });
    expect(b.breakEvenEffect).toBe(a.breakEvenEffect);
    expect(c.npv).toBeCloseTo((a.npv * 7) / 100, 6);
  });

  it('says there is none when not even a hazard ratio of 20 pays', () => {
    expect(
      evaluateInvestment({ ...base, cost: { perParticipant: 5_000_000, perWeek: 0, weeks: 0 } })
        .breakEvenEffect,
    ).toBeNull();
  });

  it('never pays back later with a larger effect', () => {
    let previous = Infinity;
    for (const hr of [1.2, 1.5, 3]) {
      const week =
        evaluateInvestment({ ...base, effect: { ...base.effect, hazardRatio: hr } }).paybackWeek ?? Infinity;
      expect(week).toBeLessThanOrEqual(previous);
      previous = week;
    }
    expect(previous).toBeLessThan(260);
  });

  it('adds up: yearly differences sum to the undiscounted net, and NPV discounts the weekly flows', () => {
    const result = evaluateInvestment(base);
    const total = result.years.reduce((a, y) => a + y.difference, 0);
    expect(-total).toBeCloseTo(result.cumulativeNet.at(-1)!, 6);
    const flows = result.cumulativeNet.map((c, i) => c - (i > 0 ? result.cumulativeNet[i - 1]! : 0));
    expect(netPresentValue(flows, { rate: 0.035, periodsPerYear: 52 })).toBeCloseTo(result.npv, 6);
    expect(result.years[0]!.interventionCost).toBe(2_500_000);
  });

  it('locks in: a lock-in with no later effect costs money', () => {
    const result = evaluateInvestment({
      ...base,
      cost: { perParticipant: 0, perWeek: 0, weeks: 0 },
      effect: { hazardRatio: 1, to: ['job'], lockIn: { weeks: 13, hazardRatio: 0.5 } },
    });
    expect(result.npv).toBeLessThan(0);
    expect(result.paybackWeek).toBeNull();
  });

  it('gives the same answer from a kept arm without the intervention, and refuses one made for another horizon', () => {
    const baseline = caseArm(base, null);
    const changed = {
      ...base,
      effect: { hazardRatio: 1.7, to: ['job'] },
      discountRate: 0.05,
      participants: 30,
    };
    const fresh = evaluateInvestment(changed);
    const kept = evaluateInvestment({ ...changed, baseline });
    expect(kept.npv).toBe(fresh.npv);
    expect(kept.years).toEqual(fresh.years);
    expect(kept.breakEvenEffect).toBe(fresh.breakEvenEffect);
    expect(() => evaluateInvestment({ ...base, horizonWeeks: 104, baseline })).toThrow(
      'arm: projected over 260 weeks from the stock week, the case runs 104 (0 to the start and a horizon of 104)',
    );
  });

  it('projects ten years from a start a year after the stock week', () => {
    const result = evaluateInvestment({ ...base, startOffset: 52, horizonWeeks: 520, breakEven: false });
    expect(result.cumulativeNet).toHaveLength(521);
  });

  it('converts extra percentage points in work into the smallest hazard ratio on the grid of 0.000001 that produces them', () => {
    const hr = hazardRatioForExtraPoints(base, 5, 26)!;
    expect(hr).toBeGreaterThan(1);
    expect(Math.round(hr * 1e6) / 1e6).toBe(hr);
    const none = destinationShare(base, base.effect, null, 26);
    expect(destinationShare(base, base.effect, hr, 26) - none).toBeGreaterThanOrEqual(0.05);
    expect(destinationShare(base, base.effect, (Math.round(hr * 1e6) - 1) / 1e6, 26) - none).toBeLessThan(
      0.05,
    );
    expect(hazardRatioForExtraPoints(base, 4, 26)!).toBeLessThan(hr);
    expect(hazardRatioForExtraPoints(base, 90, 26)).toBeNull();
  });

  it('gives intervals and a probability of paying back from replications', () => {
    const result = evaluateInvestment({ ...base, replications: 60, seed: 3 });
    expect(result.replications).toBe(60);
    expect(result.probabilityOfPayback).toBeGreaterThan(0);
    expect(result.probabilityOfPayback).toBeLessThanOrEqual(1);
    const [lo, hi] = result.npvInterval95!;
    expect(lo).toBeLessThan(result.npv);
    expect(hi).toBeGreaterThan(result.npv);
    const [lo80, hi80] = result.npvInterval80!;
    expect(lo80).toBeGreaterThanOrEqual(lo);
    expect(hi80).toBeLessThanOrEqual(hi);
  });

  it('gives the probability of paying back of the former scheme of draws (blocks of replications per draw), within its Monte Carlo error', () => {
    // A model with estimation uncertainty, so that the parameter draws differ.
    const plain = constantRateModel({
      kontanthjaelp_aktivitetsparat: { job: 0.012, sygedagpenge: 0.002 },
      sygedagpenge: { job: 0.08, kontanthjaelp_aktivitetsparat: 0.01 },
      job: { kontanthjaelp_aktivitetsparat: 0.02 },
    });
    const uncertain = {
      ...plain,
      states: plain.states.map((s) => ({
        ...s,
        causes: s.causes.map((c) => ({ ...c, covariance: [[0.04]] })),
      })),
    };
    const setup = {
      ...base,
      model: uncertain,
      participants: 20,
      cost: { perParticipant: 9_000, perWeek: 0, weeks: 0 },
      horizonWeeks: 104,
      replications: 400,
      breakEven: false,
    };
    const now = evaluateInvestment(setup).probabilityOfPayback!;
    const before = formerProbability(setup);
    expect(now).toBeGreaterThan(0.1);
    expect(now).toBeLessThan(0.9);
    const se = Math.sqrt((2 * before * (1 - before)) / setup.replications);
    expect(Math.abs(now - before)).toBeLessThan(3 * se);
  });
});

/** The NPV at a hazard ratio as the calculator computed it before arms: the group weighted by participants / persons. */
function referenceNpv(setup: InvestmentSetup, hazardRatio: number): number {
  const hazards = new Hazards(setup.model, { municipality: setup.municipality });
  const weight = setup.participants / setup.targetGroup.length;
  const project = (treated: boolean) =>
    projectExpected({
      hazards,
      startWeek: setup.stockWeek,
      horizon: setup.startOffset + setup.horizonWeeks,
      persons: setup.targetGroup.map((p) => ({ ...p, weight, treated })),
      modifier: treated ? effectModifier({ ...setup.effect, hazardRatio }, setup.startOffset) : null,
    });
  let without = withouts.get(setup);
  if (!without) withouts.set(setup, (without = project(false)));
  const flows = formerFlows(setup, hazards, without, project(true), setup.participants);
  return netPresentValue(flows, { rate: setup.discountRate, periodsPerYear: 52 });
}
const withouts = new WeakMap<InvestmentSetup, Occupancy>();

function formerFlows(
  setup: InvestmentSetup,
  hazards: Hazards,
  without: Occupancy,
  withEffect: Occupancy,
  participants: number,
): number[] {
  const a = costOccupancy(without, setup.costs).municipalNetByWeek;
  const b = costOccupancy(withEffect, setup.costs).municipalNetByWeek;
  const S = hazards.states.length;
  const flows = [-setup.cost.perParticipant * participants];
  for (let u = 1; u <= setup.horizonWeeks; u++) {
    const t = setup.startOffset + u;
    let support = 0;
    for (let s = 0; s < S; s++)
      if (hazards.publicSupport[s])
        for (let step = 0; step < STEPS; step++) support += withEffect.persons[(t * S + s) * STEPS + step]!;
    flows.push(a[t - 1]! - b[t - 1]! - (u <= setup.cost.weeks ? setup.cost.perWeek * support : 0));
  }
  return flows;
}

/** The root of a rising function between lo and hi (f(lo) < 0 ≤ f(hi)), to 1e-8. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  expect(f(lo)).toBeLessThan(0);
  expect(f(hi)).toBeGreaterThanOrEqual(0);
  while (hi - lo > 1e-8) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The probability of paying back as replications gave it before they were chunked by draw: draw
 * floor(r · D / R) for replication r, its participants and simulation seeded as now.
 */
function formerProbability(setup: InvestmentSetup): number {
  const sampler = new ParameterSampler(setup.model, setup.municipality);
  const R = setup.replications;
  const D = Math.min(R, PARAMETER_DRAWS);
  const n = Math.max(1, Math.round(setup.participants));
  const horizon = setup.startOffset + setup.horizonWeeks;
  let paid = 0;
  for (let r = 0; r < R; r++) {
    const rng = Rng.seeded(setup.seed * 1_000_003 + r);
    const d = Math.floor((r * D) / R);
    const hazards = new Hazards(setup.model, sampler.draw(Rng.seeded(setup.seed * 999_983 + d)));
    const drawn = Array.from({ length: n }, () => setup.targetGroup[rng.int(setup.targetGroup.length)]!);
    const spec = { hazards, startWeek: setup.stockWeek, horizon };
    const seed = setup.seed * 7_919 + r;
    const [without] = simulate({ ...spec, persons: drawn }, { replications: 1, seed });
    const [withEffect] = simulate(
      {
        ...spec,
        persons: drawn.map((p) => ({ ...p, treated: true })),
        modifier: effectModifier(setup.effect, setup.startOffset),
      },
      { replications: 1, seed },
    );
    if (paybackPeriods(formerFlows(setup, hazards, without!, withEffect!, n)) !== null) paid += 1;
  }
  return paid / R;
}
