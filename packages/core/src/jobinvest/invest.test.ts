import { describe, expect, it } from 'vitest';
import { netPresentValue } from '../finance.ts';
import { SHIPPED_RATES } from '../rates.ts';
import { fromYyyyww } from '../weeks.ts';
import { CostTable } from './costing.ts';
import {
  caseBaseline,
  evaluateInvestment,
  hazardRatioForExtraPoints,
  investmentSteps,
  type InvestmentSetup,
} from './invest.ts';
import { StaircaseTracker } from './staircase-tracker.ts';
import { constantRateModel } from './test-models.ts';

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

  it('reports a break-even effect at which the NPV is zero', () => {
    const result = evaluateInvestment(base);
    expect(result.breakEvenEffect).not.toBeNull();
    const atBreakEven = evaluateInvestment({
      ...base,
      effect: { ...base.effect, hazardRatio: result.breakEvenEffect! },
    });
    // The search stops within 1e-4 of the hazard ratio: the NPV is within a few hundred kroner of 0.
    expect(Math.abs(atBreakEven.npv)).toBeLessThan(1e-3 * 2_500_000);
    expect(atBreakEven.npv).toBeGreaterThanOrEqual(0);
    const below = evaluateInvestment({
      ...base,
      effect: { ...base.effect, hazardRatio: result.breakEvenEffect! - 0.001 },
    });
    expect(below.npv).toBeLessThan(0);
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

  it('gives the same answer from a kept baseline, and refuses one made for another case', () => {
    const baseline = caseBaseline(base);
    const changed = { ...base, effect: { hazardRatio: 1.7, to: ['job'] }, discountRate: 0.05 };
    const fresh = evaluateInvestment(changed);
    const kept = evaluateInvestment({ ...changed, baseline });
    expect(kept.npv).toBe(fresh.npv);
    expect(kept.years).toEqual(fresh.years);
    expect(kept.breakEvenEffect).toBe(fresh.breakEvenEffect);
    expect(() => evaluateInvestment({ ...base, participants: 50, baseline })).toThrow(
      /baseline: made for 100 participants from 50 persons over 260 weeks, the case has 50/,
    );
    expect(() => evaluateInvestment({ ...base, horizonWeeks: 104, baseline })).toThrow(/over 104/);
  });

  it('projects ten years from a start a year after the stock week', () => {
    const result = evaluateInvestment({ ...base, startOffset: 52, horizonWeeks: 520, breakEven: false });
    expect(result.cumulativeNet).toHaveLength(521);
  });

  it('evaluates in steps of one projection or replication, to the same result', () => {
    const setup = { ...base, replications: 4 };
    const steps = investmentSteps(setup);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields += 1;
    // The projection without, the one with, 4 replications, and at least one projection of the search.
    expect(yields).toBeGreaterThanOrEqual(2 + 4 + 1);
    expect(step.value).toEqual(evaluateInvestment(setup));
  });

  it('converts extra percentage points in work into the hazard ratio that produces them', () => {
    const hr = hazardRatioForExtraPoints(base, 5, 26)!;
    expect(hr).toBeGreaterThan(1);
    // Check by hand with the expected projection: p_job(26) rises by 5 points.
    const lower = hazardRatioForExtraPoints(base, 4, 26)!;
    expect(lower).toBeLessThan(hr);
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
});
