import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../synthetic/municipalities.ts';
import { BENCHMARK_VARIABLES, expectedSupport, type BenchmarkInput } from './benchmark.ts';

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Two groups of municipalities by local jobs (0.5 and 0.8 a resident), one covariate: the model is
 * saturated in the groups, so the fitted share of each is its pooled share, Σ full-time ÷ Σ population.
 * Group 0.5: 101, 147, 151 with 100 + 150 + 130 = 380 of 4,000, 0.095.
 * Group 0.8: 153, 155, 157 with 210 + 90 + 120 = 420 of 6,000, 0.07.
 */
const twoGroups: BenchmarkInput[] = [
  { code: 101, population: 1000, fullTimePersons: 100, values: { localJobs: 0.5 } },
  { code: 147, population: 2000, fullTimePersons: 150, values: { localJobs: 0.5 } },
  { code: 151, population: 1000, fullTimePersons: 130, values: { localJobs: 0.5 } },
  { code: 153, population: 3000, fullTimePersons: 210, values: { localJobs: 0.8 } },
  { code: 155, population: 1000, fullTimePersons: 90, values: { localJobs: 0.8 } },
  { code: 157, population: 2000, fullTimePersons: 120, values: { localJobs: 0.8 } },
];

describe('expectedSupport (expected against actual, as the ministry’s benchmark Y30R21)', () => {
  const benchmark = expectedSupport({
    rows: twoGroups,
    variables: ['localJobs'],
    netCostPerFullTimePerson: 200_000,
  });
  const row = (code: number) => benchmark.rows.find((r) => r.code === code)!;

  it('expects each group’s pooled share where the model is saturated in two groups', () => {
    for (const code of [101, 147, 151]) expect(row(code).expectedShare).toBeCloseTo(0.095, 9);
    for (const code of [153, 155, 157]) expect(row(code).expectedShare).toBeCloseTo(0.07, 9);
    // 147: 0.095 × 2,000 = 190 expected, 150 actual, 40 below; at 200,000 kr a full-time person, 8 million kr.
    expect(row(147).expectedFullTimePersons).toBeCloseTo(190, 6);
    expect(row(147).differencePersons).toBeCloseTo(-40, 6);
    expect(row(147).differenceKroner).toBeCloseTo(-8_000_000, 0);
    expect(row(147).actualShare).toBe(0.075);
  });

  it('gives the coefficients in log-odds per standard deviation', () => {
    // localJobs 0.5 and 0.8, three each: mean 0.65, population sd 0.15, z = −1 and +1.
    expect(benchmark.standardisation.localJobs).toEqual({
      mean: expect.closeTo(0.65, 12),
      standardDeviation: expect.closeTo(0.15, 12),
    });
    const [intercept, slope] = benchmark.coefficients;
    expect(intercept!.coef).toBeCloseTo((logit(0.095) + logit(0.07)) / 2, 7);
    expect(slope!.name).toBe('localJobs');
    expect(slope!.coef).toBeCloseTo((logit(0.07) - logit(0.095)) / 2, 7);
    expect(benchmark.converged).toBe(true);
    // The non-integer-counts warning is expected for full-time persons and dropped.
    expect(benchmark.warnings).toEqual([]);
  });

  it('ranks by the difference in shares, most below expectation first, and the differences add up to 0', () => {
    // (actual − expected) ÷ population: 101 +0.005, 147 −0.02, 151 +0.035, 153 0, 155 +0.02, 157 −0.01.
    expect(benchmark.rows.map((r) => r.code)).toEqual([147, 157, 153, 101, 155, 151]);
    expect(benchmark.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const sum = (codes: number[]) => codes.reduce((s, code) => s + row(code).differencePersons, 0);
    expect(sum([101, 147, 151])).toBeCloseTo(0, 6);
    expect(sum([153, 155, 157])).toBeCloseTo(0, 6);
  });

  it('gives the binomial deviance of the fit', () => {
    let deviance = 0;
    for (const r of benchmark.rows) {
      const y = r.actualShare;
      const mu = r.expectedShare;
      deviance += 2 * r.population * (y * Math.log(y / mu) + (1 - y) * Math.log((1 - y) / (1 - mu)));
    }
    expect(benchmark.deviance).toBeCloseTo(deviance, 6);
  });

  it('has no kroner without a net cost', () => {
    const withoutCost = expectedSupport({ rows: twoGroups, variables: ['localJobs'] });
    expect(withoutCost.rows.every((r) => r.differenceKroner === null)).toBe(true);
  });

  it('refuses too few municipalities, a variable without spread, and a missing value', () => {
    expect(() => expectedSupport({ rows: twoGroups.slice(0, 2), variables: ['localJobs'] })).toThrow(
      'rows: expected at least 3 municipalities for 1 variables (variables + 2), found 2',
    );
    // 0.1 six times has a mean of 0.09999999999999999, not 0.1: still no spread.
    const flat = twoGroups.map((r) => ({ ...r, values: { ...r.values, unemployment: 0.1 } }));
    expect(() => expectedSupport({ rows: flat, variables: ['localJobs', 'unemployment'] })).toThrow(
      'unemployment: has the same value (0.1) in every municipality',
    );
    expect(() => expectedSupport({ rows: twoGroups, variables: ['localJobs', 'ageOver50'] })).toThrow(
      'municipality 101: no value for ageOver50',
    );
    expect(() =>
      expectedSupport({
        rows: [...twoGroups.slice(1), { ...twoGroups[0]!, fullTimePersons: 1200 }],
        variables: ['localJobs'],
      }),
    ).toThrow(
      'municipality 101, fullTimePersons: expected a number from 0 to the population (1000), found 1200',
    );
  });

  it('fits and ranks the 98 municipalities on all five default variables', () => {
    // A deterministic spread of conditions, and a share on support that rises with them plus noise.
    const draw = (i: number, k: number) => {
      const s = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
      return s - Math.floor(s);
    };
    const rows = MUNICIPALITIES.map((m, i): BenchmarkInput => {
      const values = {
        ageOver50: 0.28 + 0.1 * draw(i, 1),
        lowEducation: 0.15 + 0.15 * draw(i, 2),
        nonWesternOrigin: 0.02 + 0.15 * draw(i, 3),
        localJobs: 0.6 + 0.5 * draw(i, 4),
        unemployment: 0.02 + 0.04 * draw(i, 5),
      };
      const share =
        0.05 +
        0.2 * values.lowEducation +
        0.3 * values.nonWesternOrigin +
        values.unemployment +
        0.03 * draw(i, 6);
      const population = Math.round(m.population * 0.64);
      return { code: m.code, population, fullTimePersons: share * population, values };
    });
    expect(BENCHMARK_VARIABLES).toEqual([
      'ageOver50',
      'lowEducation',
      'nonWesternOrigin',
      'localJobs',
      'unemployment',
    ]);
    const result = expectedSupport({ rows, netCostPerFullTimePerson: 250_000 });
    expect(result.converged).toBe(true);
    expect(result.coefficients.map((c) => c.name)).toEqual(['(Intercept)', ...BENCHMARK_VARIABLES]);
    expect(result.rows.map((r) => r.rank)).toEqual(Array.from({ length: 98 }, (_, i) => i + 1));
    expect(new Set(result.rows.map((r) => r.code)).size).toBe(98);
    // The intercept's score equation: expected and actual totals agree.
    const total = result.rows.reduce((s, r) => s + r.differencePersons, 0);
    expect(Math.abs(total)).toBeLessThan(1e-6 * result.rows.reduce((s, r) => s + r.actualFullTimePersons, 0));
    // Support was made to rise with low education, so its coefficient is positive.
    expect(result.coefficients[2]!.coef).toBeGreaterThan(0);
  });
});
