import { describe, expect, it } from 'vitest';
import {
  FinanceError,
  appraise,
  discountedPaybackPeriods,
  equivalentAnnualNet,
  internalRateOfReturn,
  netPresentValue,
  paybackPeriods,
  switchingFactor,
} from './finance.ts';

// REFERENCES.md, "Money": −100 in year 0 and +30 in years 1-5 at 3.5 % a year.
const FLOWS = [-100, 30, 30, 30, 30, 30];
const RATE = { rate: 0.035 };

describe('the reference vector of REFERENCES.md', () => {
  it('has NPV 35.4516 and present value of benefits 135.4516', () => {
    const a = appraise(FLOWS, RATE);
    expect(a.npv).toBeCloseTo(35.4516, 4);
    expect(a.pvInflows).toBeCloseTo(135.4516, 4);
    expect(a.pvOutflows).toBe(-100);
  });

  it('pays back in 3.33 years undiscounted and 3.61 years discounted', () => {
    expect(paybackPeriods(FLOWS)).toBeCloseTo(10 / 3, 12);
    expect(discountedPaybackPeriods(FLOWS, RATE)).toBeCloseTo(3.61, 2);
    const a = appraise(FLOWS, RATE);
    expect(a.paybackYears).toBeCloseTo(3.33, 2);
    expect(a.discountedPaybackYears).toBeCloseTo(3.61, 2);
  });

  it('has an equivalent annual net of 7.8519', () => {
    expect(equivalentAnnualNet(35.45157126412247, 0.035, 5)).toBeCloseTo(7.8519, 4);
    expect(appraise(FLOWS, RATE).equivalentAnnualNet).toBeCloseTo(7.8519, 4);
  });

  it('breaks even at an annual benefit of 22.148', () => {
    const factor = switchingFactor([-100, 0, 0, 0, 0, 0], [0, 30, 30, 30, 30, 30], RATE);
    expect((factor ?? 0) * 30).toBeCloseTo(22.148, 3);
    expect(netPresentValue([-100, ...Array<number>(5).fill(30 * (factor ?? 0))], RATE)).toBeCloseTo(0, 10);
  });

  it('has an internal rate of return of 15.2382 %, where the NPV is zero', () => {
    // Independently: bisection in Python on Σ f_t (1+r)^−t gives 0.15238237116630649.
    const irr = internalRateOfReturn(FLOWS) ?? NaN;
    expect(irr).toBeCloseTo(0.15238237116630649, 12);
    expect(netPresentValue(FLOWS, { rate: irr })).toBeCloseTo(0, 9);
  });
});

describe('discounting and payback', () => {
  it('finds closed-form internal rates: −100, +110 is 10 %; −100, 0, +121 is 10 %', () => {
    expect(internalRateOfReturn([-100, 110])).toBeCloseTo(0.1, 12);
    expect(internalRateOfReturn([-100, 0, 121])).toBeCloseTo(0.1, 12);
  });

  it('discounts weekly flows at the same annual rate: 52 weeks away is one year away', () => {
    const weekly = [-100, ...Array<number>(51).fill(0), 103.5];
    expect(netPresentValue(weekly, { rate: 0.035, periodsPerYear: 52 })).toBeCloseTo(0, 12);
    expect(internalRateOfReturn(weekly, 52)).toBeCloseTo(0.035, 12);
  });

  it('has no internal rate when the flows never change sign or change it twice', () => {
    expect(internalRateOfReturn([100, 30])).toBeNull();
    // −100, +230, −132 has roots at 10 % and 20 %.
    expect(internalRateOfReturn([-100, 230, -132])).toBeNull();
  });

  it('counts payback from the last crossing when a relapse takes the cumulative net below zero again', () => {
    // Cumulative: −100, −40, +20, −10, +30: paid back for good at 3 + 10/40.
    expect(paybackPeriods([-100, 60, 60, -30, 40])).toBeCloseTo(3.25, 12);
  });

  it('never pays back when the cumulative net ends negative, and pays back at 0 when it never is', () => {
    expect(paybackPeriods([-100, 30, 30])).toBeNull();
    expect(appraise([-100, 30, 30], RATE).paybackYears).toBeNull();
    expect(paybackPeriods([0, 10, 10])).toBe(0);
  });

  it('reports payback of weekly flows in years', () => {
    const weekly = [-52, ...Array<number>(104).fill(1)];
    expect(appraise(weekly, { rate: 0, periodsPerYear: 52 }).paybackYears).toBe(1);
  });

  it('refuses flows that are not numbers and rates at or below −100 %', () => {
    expect(() => netPresentValue([1, NaN], RATE)).toThrow(FinanceError);
    expect(() => netPresentValue([1, NaN], RATE)).toThrow('flow 1 is not a finite number');
    expect(() => netPresentValue([1], { rate: -1 })).toThrow(/above −100 %/);
    expect(() => netPresentValue([], RATE)).toThrow(/no flows/);
  });

  it('divides evenly at a zero discount rate', () => {
    expect(equivalentAnnualNet(100, 0, 4)).toBe(25);
  });
});
