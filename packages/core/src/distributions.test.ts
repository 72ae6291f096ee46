import { describe, expect, it } from 'vitest';
import { chiSquareUpper, erfc, logGamma, normalCdf, normalQuantile, twoSidedP } from './distributions.ts';

/** Relative difference, for comparing with R's printed 17 digits. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// Values printed by R 4.2.2 (Debian): format(pchisq(x, df, lower.tail = FALSE), digits = 17) etc.
describe('distribution functions against R', () => {
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
