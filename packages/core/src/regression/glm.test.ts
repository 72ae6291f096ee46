import { describe, expect, it } from 'vitest';
import oracle from '../../../../tools/oracle/fixtures/glm.json' with { type: 'json' };
import { Rng } from '../synthetic/random.ts';
import { logGamma } from '../distributions.ts';
import { designMatrix, type Table } from './design.ts';
import { GlmError, fitGlm, type GlmFit, type GlmResponse, type GlmSpec } from './glm.ts';

/** Relative difference, for comparing with R's 17 digits. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** One case of tools/oracle/glm.R: input data and R's glm() and summary.glm() outputs. */
interface OracleCase {
  call: string;
  family: string;
  link: string;
  data: Record<string, number[] | string[]>;
  covariates: string[];
  categorical: string[];
  response: { y: string } | { events: string; trials: string } | { events: string; exposure: string };
  weights: string | null;
  coefficients: { name: string; coef: number; se: number; z: number; p: number }[];
  covariance: number[][];
  logLik: number;
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  aic: number;
  iterations: number;
  converged: boolean;
  boundary: boolean;
  warnings: string[];
}

const cases: Record<string, OracleCase> = oracle;

function numbers(data: OracleCase['data'], name: string): number[] {
  const column = data[name];
  if (column === undefined || column.some((v) => typeof v !== 'number'))
    throw new Error(`no numeric column ${name}`);
  return column as number[];
}

function fitCase(c: OracleCase): GlmFit {
  const r = c.response;
  const response: GlmResponse =
    'y' in r
      ? { y: numbers(c.data, r.y) }
      : 'trials' in r
        ? { events: numbers(c.data, r.events), trials: numbers(c.data, r.trials) }
        : { events: numbers(c.data, r.events), exposure: numbers(c.data, r.exposure) };
  const spec: GlmSpec = {
    x: designMatrix(c.data, c.covariates, { categorical: c.categorical }),
    response,
    family: c.family as GlmSpec['family'],
    link: c.link as GlmSpec['link'],
  };
  if (c.weights !== null) spec.weights = numbers(c.data, c.weights);
  return fitGlm(spec);
}

describe('glm against the REFERENCES.md logistic regression of am on wt and hp in mtcars', () => {
  const mtcars = cases.mtcars_logit as OracleCase;
  const fit = fitCase(mtcars);

  it('gives the coefficients 18.86629871720, -8.08347518244 and 0.03625559608', () => {
    expect(fit.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'wt', 'hp']);
    const expected = [18.8662987172, -8.08347518244, 0.03625559608];
    fit.coefficients.forEach((c, j) => expect(Math.abs(c.coef - expected[j]!)).toBeLessThan(6e-12));
  });

  it('gives the standard errors 7.44355806021, 3.06867511305 and 0.01773415365', () => {
    const expected = [7.44355806021, 3.06867511305, 0.01773415365];
    fit.coefficients.forEach((c, j) => expect(Math.abs(c.se - expected[j]!)).toBeLessThan(6e-12));
  });

  it('gives the log-likelihood -5.02955523613 after 8 Fisher scoring iterations', () => {
    expect(Math.abs(fit.logLik - -5.02955523613)).toBeLessThan(6e-12);
    expect(fit.iterations).toBe(8);
    expect(fit.converged).toBe(true);
  });
});

describe('glm against the R oracle (tools/oracle/glm.R)', () => {
  for (const [name, c] of Object.entries(cases)) {
    describe(`${name}: ${c.call}`, () => {
      const fit = fitCase(c);

      it('matches the coefficients, standard errors, z and p within 1e-8', () => {
        expect(fit.coefficients.map((k) => k.name)).toEqual(c.coefficients.map((k) => k.name));
        fit.coefficients.forEach((k, j) => {
          const r = c.coefficients[j]!;
          expect(rel(k.coef, r.coef)).toBeLessThan(1e-8);
          expect(rel(k.se, r.se)).toBeLessThan(1e-8);
          expect(rel(k.z, r.z)).toBeLessThan(1e-8);
          expect(rel(k.p, r.p)).toBeLessThan(1e-8);
        });
      });

      it('matches the covariance matrix within 1e-8', () => {
        fit.covariance.forEach((row, i) =>
          row.forEach((v, j) => expect(rel(v, c.covariance[i]![j]!)).toBeLessThan(1e-8)),
        );
      });

      it('matches logLik, deviance, null deviance and AIC within 1e-8, and the degrees of freedom', () => {
        expect(rel(fit.logLik, c.logLik)).toBeLessThan(1e-8);
        expect(rel(fit.deviance, c.deviance)).toBeLessThan(1e-8);
        expect(rel(fit.nullDeviance, c.nullDeviance)).toBeLessThan(1e-8);
        expect(rel(fit.aic, c.aic)).toBeLessThan(1e-8);
        expect(fit.dfResidual).toBe(c.dfResidual);
        expect(fit.dfNull).toBe(c.dfNull);
      });

      it('takes as many iterations as R and ends with the same convergence report and warnings', () => {
        expect(fit.iterations).toBe(c.iterations);
        expect(fit.converged).toBe(c.converged);
        expect(fit.boundary).toBe(c.boundary);
        expect(fit.warnings.map((w) => w.message)).toEqual(c.warnings);
      });
    });
  }
});

describe('complete separation', () => {
  it('is reported as fitted probabilities numerically 0 or 1, as R warns', () => {
    const fit = fitCase(cases.separated_logit as OracleCase);
    expect(fit.warnings.map((w) => w.code)).toEqual(['fitted-probabilities-0-or-1']);
  });
});

describe('aliased design columns', () => {
  it('are refused with an error that names the column, where R would report NA', () => {
    const table: Table = { x: [1, 2, 3, 4, 5, 6], x2: [2, 4, 6, 8, 10, 12], y: [0, 1, 0, 1, 1, 0] };
    const spec: GlmSpec = {
      x: designMatrix(table, ['x', 'x2']),
      response: { y: [0, 1, 0, 1, 1, 0] },
      family: 'binomial',
    };
    expect(() => fitGlm(spec)).toThrow(GlmError);
    expect(() => fitGlm(spec)).toThrow(/aliased coefficients: "x2" is a linear combination/);
  });

  it('include a level that has no rows', () => {
    const x = designMatrix({ g: ['a', 'b', 'a', 'b'] }, ['g'], { levels: { g: ['a', 'b', 'c'] } });
    expect(() => fitGlm({ x, response: { y: [1, 2, 3, 4] }, family: 'poisson' })).toThrow(/"gc"/);
  });
});

describe('invalid input', () => {
  const x = designMatrix({ t: [1, 2, 3] }, ['t']);

  it('refuses events above the number of trials, naming the row', () => {
    expect(() =>
      fitGlm({ x, response: { events: [1, 4, 0], trials: [2, 3, 1] }, family: 'binomial' }),
    ).toThrow('row 2: events must lie between 0 and trials, found 4 events of 3');
  });

  it('refuses a link the family does not have', () => {
    expect(() => fitGlm({ x, response: { y: [1, 2, 3] }, family: 'poisson', link: 'logit' })).toThrow(
      'link "logit" is not available for the poisson family (use log)',
    );
  });

  it('refuses a cell without exposure', () => {
    expect(() =>
      fitGlm({ x, response: { events: [0, 1, 0], exposure: [1, 2, 0] }, family: 'poisson' }),
    ).toThrow('exposure, row 3: expected a positive exposure, found 0 (drop empty cells)');
  });
});

/**
 * Person-period rows of a discrete-time hazard model: each person has a group and an age band and is
 * followed week by week up to 26 weeks, leaving at the first event (cloglog hazard); each row also
 * has the part of the week spent at risk, for the Poisson version.
 */
function personWeeks(persons: number) {
  const rng = Rng.seeded(4);
  const rows = {
    period: [] as string[],
    group: [] as string[],
    age: [] as number[],
    event: [] as number[],
    exposure: [] as number[],
  };
  const groups = ['control', 'course', 'internship'];
  const effect: Record<string, number> = { control: 0, course: 0.3, internship: 0.6 };
  for (let person = 0; person < persons; person++) {
    const group = groups[rng.int(3)]!;
    const age = rng.int(4);
    for (let week = 1; week <= 26; week++) {
      const period = week <= 4 ? 'w01-04' : week <= 12 ? 'w05-12' : 'w13-26';
      const eta = -3 + (week <= 4 ? 0 : week <= 12 ? 0.4 : 0.1) + effect[group]! - 0.15 * age;
      const event = rng.uniform() < 1 - Math.exp(-Math.exp(eta)) ? 1 : 0;
      rows.period.push(period);
      rows.group.push(group);
      rows.age.push(age);
      rows.event.push(event);
      rows.exposure.push(event ? 0.1 + 0.9 * rng.uniform() : 1);
      if (event) break;
    }
  }
  return rows;
}

/** Sum events, rows and exposure by covariate pattern, as DuckDB's GROUP BY would. */
function cells(rows: ReturnType<typeof personWeeks>) {
  const byPattern = new Map<
    string,
    { period: string; group: string; age: number; events: number; trials: number; exposure: number }
  >();
  rows.event.forEach((event, i) => {
    const key = `${rows.period[i]}|${rows.group[i]}|${rows.age[i]}`;
    let cell = byPattern.get(key);
    if (cell === undefined) {
      cell = {
        period: rows.period[i]!,
        group: rows.group[i]!,
        age: rows.age[i]!,
        events: 0,
        trials: 0,
        exposure: 0,
      };
      byPattern.set(key, cell);
    }
    cell.events += event;
    cell.trials += 1;
    cell.exposure += rows.exposure[i]!;
  });
  const list = [...byPattern.values()];
  return {
    period: list.map((c) => c.period),
    group: list.map((c) => c.group),
    age: list.map((c) => c.age),
    events: list.map((c) => c.events),
    trials: list.map((c) => c.trials),
    exposure: list.map((c) => c.exposure),
  };
}

describe('aggregated cells', () => {
  const rows = personWeeks(3000);
  const agg = cells(rows);
  const covariates = ['period', 'group', 'age'];
  // Rows and cells start from different mustart and stop at different points within the convergence
  // tolerance. Iterating to ε = 1e-13 shows that they converge to the same coefficients (to 1e-10).
  // Standard errors, as R's, come from the working weights of the iteration before the last, which
  // is about √ε from the optimum, so they agree to 1e-8.
  const control = { epsilon: 1e-13 };
  const sameFit = (a: GlmFit, b: GlmFit) =>
    a.coefficients.forEach((c, j) => {
      expect(rel(c.coef, b.coefficients[j]!.coef)).toBeLessThan(1e-10);
      expect(rel(c.se, b.coefficients[j]!.se)).toBeLessThan(1e-8);
    });

  it('are far fewer than the person-weeks they count', () => {
    expect(rows.event.length).toBeGreaterThan(30_000);
    expect(agg.events.length).toBe(3 * 3 * 4);
    expect(agg.events.reduce((a, b) => a + b, 0)).toBe(rows.event.reduce((a, b) => a + b, 0));
  });

  it('give the binomial cloglog coefficients and standard errors of the person-week rows', () => {
    const fromRows = fitGlm({
      x: designMatrix(rows, covariates),
      response: { y: rows.event },
      family: 'binomial',
      link: 'cloglog',
      control,
    });
    const fromCells = fitGlm({
      x: designMatrix(agg, covariates),
      response: { events: agg.events, trials: agg.trials },
      family: 'binomial',
      link: 'cloglog',
      control,
    });
    expect(fromCells.coefficients.map((c) => c.name)).toEqual([
      '(Intercept)',
      'periodw05-12',
      'periodw13-26',
      'groupcourse',
      'groupinternship',
      'age',
    ]);
    sameFit(fromCells, fromRows);
    // R's logLik for counts adds log C(trials, events) per cell; 0/1 rows have none.
    let logChoose = 0;
    agg.events.forEach((e, i) => {
      const n = agg.trials[i]!;
      logChoose += logGamma(n + 1) - logGamma(e + 1) - logGamma(n - e + 1);
    });
    expect(rel(fromCells.logLik - logChoose, fromRows.logLik)).toBeLessThan(1e-9);
  });

  it('give the Poisson coefficients and standard errors of the rows when exposures are summed', () => {
    const fromRows = fitGlm({
      x: designMatrix(rows, covariates),
      response: { events: rows.event, exposure: rows.exposure },
      family: 'poisson',
      control,
    });
    const fromCells = fitGlm({
      x: designMatrix(agg, covariates),
      response: { events: agg.events, exposure: agg.exposure },
      family: 'poisson',
      control,
    });
    sameFit(fromCells, fromRows);
  });

  it('with frequency weights give the fit of the rows repeated', () => {
    const x = designMatrix({ dose: [0, 1, 2, 3] }, ['dose']);
    const weighted = fitGlm({
      x,
      response: { y: [0, 1, 0, 1] },
      weights: [3, 2, 1, 4],
      family: 'binomial',
      control,
    });
    const repeated = fitGlm({
      x: designMatrix({ dose: [0, 0, 0, 1, 1, 2, 3, 3, 3, 3] }, ['dose']),
      response: { y: [0, 0, 0, 1, 1, 0, 1, 1, 1, 1] },
      family: 'binomial',
      control,
    });
    sameFit(weighted, repeated);
    expect(rel(weighted.logLik, repeated.logLik)).toBeLessThan(1e-9);
  });
});
