import { describe, expect, it } from 'vitest';
import {
  betaRegularized,
  chiSquareUpper,
  erfc,
  fUpper,
  fUpperQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  twoSidedP,
} from './distributions.ts';

/** Relative difference, for comparing with R's printed 17 digits. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// Values printed by R 4.2.2 (Debian): format(pchisq(x, df, lower.tail = FALSE), digits = 17) etc.
describe('distribution functions against R', () => {
  it('has F upper tails within 1e-12 of pf(lower.tail = FALSE), fractional degrees of freedom included', () => {
    const cases: [number, number, number, number][] = [
      [1.794678492239469, 5, 18, 1.6476880834463961e-1],
      [11.027247956403272, 5, 15, 1.3456651648433691e-4],
      [40, 199, 199, 6.8925666502223221e-104],
      [0.3, 1, 796, 5.8403596674163871e-1],
      [2.5, 3.7, 12.25, 1.0001734391705877e-1],
    ];
    for (const [f, df1, df2, r] of cases) expect(rel(fUpper(f, df1, df2), r)).toBeLessThan(1e-12);
    expect(fUpper(0, 3, 4)).toBe(1);
    expect(fUpper(Infinity, 3, 4)).toBe(0);
  });

  it('has F quantiles within 1e-12 of qf(0.975, df1, df2)', () => {
    const cases: [number, number, number][] = [
      [5, 18, 3.3819678058752429],
      [18, 5, 6.3618832046543519],
      [199, 398, 1.266550614718462],
      [3.7, 12.25, 4.1765034456233519],
      [1, 1, 647.789011477844042],
      [199, 1.5, 114.2428517883443675],
    ];
    for (const [df1, df2, r] of cases) expect(rel(fUpperQuantile(0.025, df1, df2), r)).toBeLessThan(1e-12);
  });

  it('has the beta distribution function I_x(2, 3) = 11/16 at x = 1/2', () => {
    // I_x(2, 3) = 1 − (1 − x)^4 − 4x(1 − x)^3 = 1 − 1/16 − 4/16 = 11/16.
    expect(rel(betaRegularized(0.5, 2, 3), 11 / 16)).toBeLessThan(1e-14);
  });

  it('has chi-square upper tails within 1e-12 of pchisq', () => {
    const cases: [number, number, number][] = [
      [3.39638869898, 1, 0.065339322040409903],
      [0.001, 1, 0.97477287936996038],
      [50, 3, 7.9891792449514704e-11],
      [200, 10, 1.6139305336977309e-37],
      [1e-8, 2, 0.99999999500000003],
      [7.5, 7.5, 0.43128944046089512],
      [1000, 900, 0.010994608942135853],
    ];
    for (const [x, df, r] of cases) expect(rel(chiSquareUpper(x, df), r)).toBeLessThan(1e-12);
  });

  it('has normal quantiles within 1e-14 of qnorm, far into the tail', () => {
    const cases: [number, number][] = [
      [1e-300, -37.047096299361201],
      [1e-20, -9.2623400897984052],
      [0.05, -1.6448536269514726],
      [0.975, 1.9599639845400536],
    ];
    for (const [p, r] of cases) expect(rel(normalQuantile(p), r)).toBeLessThan(1e-14);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('has the normal distribution function within 1e-13 of pnorm, tails included', () => {
    const cases: [number, number][] = [
      [-10, 7.6198530241605269e-24],
      [0.3, 0.61791142218895267],
      [8, 0.99999999999999933],
    ];
    for (const [x, r] of cases) expect(rel(normalCdf(x), r)).toBeLessThan(1e-13);
  });

  it('gives the two-sided p-value of z = 1.96 as 0.04999579', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-1.96)).toBeCloseTo(0.04999579029644097, 14);
  });

  it('has erfc(0) = 1, erfc(1) = 0.157299207050285 and ln Γ(0.5) = ln √π', () => {
    expect(erfc(0)).toBe(1);
    expect(rel(erfc(1), 0.15729920705028513)).toBeLessThan(1e-14);
    expect(rel(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(rel(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
  });
});
