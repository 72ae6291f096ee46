import { describe, expect, it } from 'vitest';
import oracle from '../../../../tools/oracle/fixtures/cox.json' with { type: 'json' };
import { coxRegression, type CoxData, type CoxFit, type CoxOptions } from './cox.ts';
import { SurvivalError } from './counts.ts';

/** The shape of tools/oracle/fixtures/cox.json, written by tools/oracle/cox.R. */
interface OracleCase {
  name: string;
  call: string;
  dataset: string;
  ties: string;
  start: string | null;
  stop: string;
  event: string;
  covariates: string[];
  strata: string | null;
  weights: string | null;
  n: number;
  nEvents: number;
  iterations: number;
  stepHalvings: number | null;
  coefficients: {
    name: string;
    coef: number;
    expCoef: number;
    se: number;
    z: number;
    p: number;
    lower: number;
    upper: number;
  }[];
  variance: number[][];
  loglik: number[];
  tests: Record<'likelihoodRatio' | 'wald' | 'score', { statistic: number; df: number; p: number }>;
  baseline: { stratum: string | null; time: number[]; cumulativeHazard: number[] }[];
}

interface Oracle {
  datasets: Record<string, Record<string, number[]>>;
  cases: OracleCase[];
}

const fixture: Oracle = oracle;
const TOLERANCE = 1e-8;

function column(dataset: Record<string, number[]>, name: string): number[] {
  const values = dataset[name];
  if (values === undefined) throw new Error(`the fixture's dataset has no column ${name}`);
  return values;
}

function dataOf(c: OracleCase): CoxData {
  const dataset = fixture.datasets[c.dataset];
  if (dataset === undefined) throw new Error(`the fixture has no dataset ${c.dataset}`);
  return {
    time: column(dataset, c.stop),
    event: column(dataset, c.event),
    ...(c.start === null ? {} : { entry: column(dataset, c.start) }),
    covariates: { names: c.covariates, columns: c.covariates.map((name) => column(dataset, name)) },
    ...(c.strata === null ? {} : { strata: column(dataset, c.strata) }),
    ...(c.weights === null ? {} : { weight: column(dataset, c.weights) }),
  };
}

function oracleCase(name: string): OracleCase {
  const c = fixture.cases.find((candidate) => candidate.name === name);
  if (c === undefined) throw new Error(`the fixture has no case ${name}`);
  return c;
}

function expectRelative(actual: number, expected: number, what: string): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${what}: ${actual} against R's ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

/** Every number of the fit against R's, to a relative error of 1e-8. */
function expectAgreement(fit: CoxFit, c: OracleCase): void {
  expect(fit.ties).toBe(c.ties);
  expect(fit.coefficients.map((k) => k.name)).toEqual(c.coefficients.map((k) => k.name));
  c.coefficients.forEach((expected, j) => {
    const actual = fit.coefficients[j];
    if (actual === undefined) throw new Error(`no coefficient ${expected.name}`);
    for (const key of ['coef', 'expCoef', 'se', 'z', 'p', 'lower', 'upper'] as const)
      expectRelative(actual[key], expected[key], `${c.name} ${expected.name} ${key}`);
  });
  c.variance.forEach((row, j) =>
    row.forEach((v, k) => expectRelative(fit.variance[j]?.[k] ?? NaN, v, `${c.name} variance[${j}][${k}]`)),
  );
  expectRelative(fit.loglik[0], c.loglik[0] as number, `${c.name} null loglik`);
  expectRelative(fit.loglik[1], c.loglik[1] as number, `${c.name} final loglik`);
  for (const test of ['likelihoodRatio', 'wald', 'score'] as const) {
    expectRelative(fit.tests[test].statistic, c.tests[test].statistic, `${c.name} ${test} statistic`);
    expect(fit.tests[test].df).toBe(c.tests[test].df);
    expectRelative(fit.tests[test].p, c.tests[test].p, `${c.name} ${test} p`);
  }
  expect(fit.baselineHazard.map((b) => (b.stratum === null ? null : `${c.strata}=${b.stratum}`))).toEqual(
    c.baseline.map((b) => b.stratum),
  );
  c.baseline.forEach((expected, k) => {
    const actual = fit.baselineHazard[k];
    if (actual === undefined) throw new Error(`no baseline for stratum ${expected.stratum}`);
    expect(actual.time).toEqual(expected.time);
    expected.cumulativeHazard.forEach((h, i) =>
      expectRelative(actual.cumulativeHazard[i] ?? NaN, h, `${c.name} basehaz at ${expected.time[i]}`),
    );
  });
}

/** Collapse identical (entry, time, event, covariates, stratum) rows into one row with a count. */
function collapse(data: CoxData): CoxData {
  const groups = new Map<string, { row: number; count: number }>();
  for (let i = 0; i < data.time.length; i++) {
    const key = JSON.stringify([
      data.entry?.[i],
      data.time[i],
      data.event[i],
      data.strata?.[i],
      ...data.covariates.columns.map((c) => c[i]),
    ]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { row: i, count: 1 });
    else group.count++;
  }
  const rows = [...groups.values()];
  const pick = (values: ArrayLike<number>): number[] => rows.map((g) => values[g.row] as number);
  return {
    time: pick(data.time),
    event: pick(data.event),
    ...(data.entry === undefined ? {} : { entry: pick(data.entry) }),
    ...(data.strata === undefined ? {} : { strata: rows.map((g) => data.strata?.[g.row] ?? '') }),
    covariates: { names: data.covariates.names, columns: data.covariates.columns.map(pick) },
    count: rows.map((g) => g.count),
  };
}

describe('coxRegression against R (tools/oracle/cox.R, survival 3.5-3)', () => {
  const options = (c: OracleCase): CoxOptions => ({ ties: c.ties === 'breslow' ? 'breslow' : 'efron' });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('agrees with R on %s', (_, c) => {
    const fit = coxRegression(dataOf(c), options(c));
    expectAgreement(fit, c);
    expect(fit.n).toBe(c.n);
    expect(fit.nEvents).toBe(c.nEvents);
    expect(fit.convergence.iterations).toBe(c.iterations);
    expect(fit.convergence.converged).toBe(true);
    if (c.stepHalvings !== null) expect(fit.convergence.stepHalvings).toBe(c.stepHalvings);
    expect(fit.convergence.warnings).toEqual([]);
  });

  it('reproduces the published lung figures for Efron and Breslow ties (REFERENCES.md)', () => {
    const lung = dataOf(oracleCase('lung-efron'));
    const efron = coxRegression(lung);
    // Quoted to 10–11 digits: agree to half a unit in the last one.
    expect(Math.abs((efron.coefficients[0]?.coef ?? NaN) - 0.01704533185)).toBeLessThan(5e-12);
    expect(Math.abs((efron.coefficients[1]?.coef ?? NaN) - -0.51321851711)).toBeLessThan(5e-12);
    expect(Math.abs((efron.coefficients[0]?.se ?? NaN) - 0.009223273477)).toBeLessThan(5e-13);
    expect(Math.abs((efron.coefficients[1]?.se ?? NaN) - 0.167457962356)).toBeLessThan(5e-13);
    expect(Math.abs(efron.loglik[0] - -749.90980139)).toBeLessThan(5e-10);
    expect(Math.abs(efron.loglik[1] - -742.848245784)).toBeLessThan(5e-10);
    const breslow = coxRegression(lung, { ties: 'breslow' });
    expect(Math.abs((breslow.coefficients[0]?.coef ?? NaN) - 0.0170128892)).toBeLessThan(5e-11);
    expect(Math.abs((breslow.coefficients[1]?.coef ?? NaN) - -0.5125647915)).toBeLessThan(5e-11);
  });

  it('fits rows collapsed into counts exactly as R fits the individual rows', () => {
    const c = oracleCase('tied-strata');
    const rows = dataOf(c);
    const collapsed = collapse(rows);
    expect(collapsed.time.length).toBeLessThan(rows.time.length / 2);
    expectAgreement(coxRegression(collapsed), c);
  });
});

describe('coxRegression', () => {
  const tied = dataOf(oracleCase('tied-strata'));
  const collapsed = collapse(tied);
  const asWeights: CoxData = { ...collapsed, count: undefined, weight: collapsed.count };

  it('treats case weights as R does under Efron ties, which is not the same as repeated rows', () => {
    const byCount = coxRegression(collapsed);
    const byWeight = coxRegression(asWeights);
    const difference = Math.abs(
      (byWeight.coefficients[0]?.coef ?? NaN) - (byCount.coefficients[0]?.coef ?? NaN),
    );
    expect(difference).toBeGreaterThan(1e-4);
  });

  it('gives the same Breslow fit for case weights and counts', () => {
    const byCount = coxRegression(collapsed, { ties: 'breslow' });
    const byWeight = coxRegression(asWeights, { ties: 'breslow' });
    byCount.coefficients.forEach((k, j) =>
      expectRelative(byWeight.coefficients[j]?.coef ?? NaN, k.coef, k.name),
    );
    expectRelative(byWeight.loglik[1], byCount.loglik[1], 'loglik');
  });

  it('reports running out of iterations, with the best estimate so far', () => {
    const fit = coxRegression(dataOf(oracleCase('heart-efron')), { iterMax: 1 });
    expect(fit.convergence).toMatchObject({ iterations: 1, converged: false });
    expect(fit.convergence.warnings).toEqual(['Ran out of iterations and did not converge']);
    expect(fit.loglik[1]).toBeGreaterThan(fit.loglik[0]);
  });

  it('warns that a coefficient may be infinite when a covariate separates events from survivors', () => {
    // At each event time the x = 1 rows are the only ones at risk with x = 1: the likelihood rises for
    // ever as β → ∞. R: iter 20, coef 22.06685, loglik -4.2766661190160553 → -2.1972245783798563 (log 1/9),
    // "Loglik converged before variable 1; coefficient may be infinite".
    const fit = coxRegression({
      time: [1, 2, 3, 4, 5, 6],
      event: [1, 0, 1, 1, 0, 0],
      covariates: { names: ['x'], columns: [[1, 1, 1, 0, 0, 0]] },
    });
    expect(fit.convergence).toMatchObject({ converged: true, iterations: 20 });
    expect(fit.convergence.warnings).toEqual(['Loglik converged before variable x; beta may be infinite']);
    expect(fit.coefficients[0]?.coef).toBeCloseTo(22.06685, 4);
    expectRelative(fit.loglik[1], -2.1972245783798563, 'loglik');
  });

  it('refuses collinear covariates, naming the dependent column', () => {
    const c = oracleCase('lung-efron');
    const lung = dataOf(c);
    const age = lung.covariates.columns[0] as number[];
    const withDouble: CoxData = {
      ...lung,
      covariates: {
        names: ['age', 'sex', 'twiceAge'],
        columns: [...lung.covariates.columns, age.map((a) => 2 * a)],
      },
    };
    expect(() => coxRegression(withDouble)).toThrow(/collinear.*twiceAge/);
  });

  it('refuses an entry time that is not before the exit time, naming the row', () => {
    const data: CoxData = {
      entry: [0, 3],
      time: [2, 3],
      event: [1, 1],
      covariates: { names: ['x'], columns: [[0, 1]] },
    };
    expect(() => coxRegression(data)).toThrow(SurvivalError);
    expect(() => coxRegression(data)).toThrow('row 2: entry must be a finite number before time 3, found 3');
  });

  it('refuses data without events', () => {
    const data: CoxData = { time: [1, 2], event: [0, 0], covariates: { names: ['x'], columns: [[0, 1]] } };
    expect(() => coxRegression(data)).toThrow('no row has an event');
  });
});
