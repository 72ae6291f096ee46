import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../../tools/oracle/fixtures');
const fixture = <T>(name: string): T => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as T;

/** A CSV of columns of equal length, in the given column order. */
function csv(columns: Record<string, readonly (number | string)[]>, delimiter = ','): string {
  const names = Object.keys(columns);
  const n = (columns[names[0] as string] ?? []).length;
  const lines = [names.join(delimiter)];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => String(columns[c]?.[i])).join(delimiter));
  return lines.join('\n') + '\n';
}

const csvFile = (content: string) => writeTemp(tempDir(), 'data.csv', content);

interface KmCase {
  name: string;
  input: { time: number[]; event: number[]; group?: string[] };
  curves: { rows: { survival: number[]; stdErr: number[] }; median: number | { estimate: number } }[];
}
const kmCases = fixture<{ cases: KmCase[] }>('kaplan-meier.json').cases;
const aml = kmCases.find((c) => c.name === 'aml') as KmCase;
const amlByX = kmCases.find((c) => c.name === 'aml by x') as KmCase;

describe('jobinvest stats km', () => {
  it("gives R's survfit curve and median 27 for the aml data", async () => {
    const file = csvFile(csv({ time: aml.input.time, status: aml.input.event }));
    const { code, out, err } = await runCli([
      'stats',
      'km',
      '--csv',
      file,
      '--time',
      'time',
      '--event',
      'status',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      strata: { group: null; rows: { survival: number; stdErr: number }[]; median: { estimate: number } }[];
    };
    expect(result.strata).toHaveLength(1);
    const [curve] = result.strata;
    expect(curve?.median.estimate).toBe(27);
    const r = aml.curves[0]?.rows;
    curve?.rows.forEach((row, i) => {
      expect(row.survival).toBeCloseTo(r?.survival[i] as number, 12);
      expect(row.stdErr).toBeCloseTo(r?.stdErr[i] as number, 12);
    });
  });

  it('prints a table with Danish decimals and the median for people', async () => {
    const file = csvFile(csv({ time: aml.input.time, status: aml.input.event }, ';'));
    const { code, out } = await runCli(['stats', 'km', '--csv', file, '--time', 'TIME', '--event', 'status']);
    expect(code).toBe(0);
    expect(out).toMatch(/^time\s+n\.risk\s+n\.event/);
    expect(out).toContain('0,9130');
    expect(out).toContain('median 27 (95 % CI 18 to 45)');
  });
});

describe('jobinvest stats logrank', () => {
  it('gives chi-square 3.39638869898 on 1 df for aml by x, as R survdiff', async () => {
    const { time, event, group } = amlByX.input;
    const file = csvFile(csv({ time, status: event, x: group ?? [] }));
    const args = ['stats', 'logrank', '--csv', file, '--time', 'time', '--event', 'status', '--group', 'x'];
    const { code, out } = await runCli([...args, '--json']);
    expect(code).toBe(0);
    const test = JSON.parse(out) as {
      chiSquare: number;
      df: number;
      groups: { group: string; observed: number }[];
    };
    expect(test.chiSquare).toBeCloseTo(3.39638869898, 10);
    expect(test.df).toBe(1);
    expect(test.groups.map((g) => [g.group, g.observed])).toEqual([
      ['Maintained', 7],
      ['Nonmaintained', 11],
    ]);
    expect((await runCli(args)).out).toContain('chi-square 3,39639 on 1 degree of freedom');
  });
});

interface CoxCase {
  name: string;
  dataset: string;
  coefficients: { name: string; coef: number; se: number; z: number; p: number }[];
  loglik: [number, number];
}
const cox = fixture<{ datasets: Record<string, Record<string, number[]>>; cases: CoxCase[] }>('cox.json');
const lung = cox.datasets.lung as Record<'time' | 'status' | 'age' | 'sex', number[]>;

describe('jobinvest stats cox', () => {
  const file = csvFile(csv({ time: lung.time, status: lung.status, age: lung.age, sex: lung.sex }));
  const args = [
    'stats',
    'cox',
    '--csv',
    file,
    '--time',
    'time',
    '--event',
    'status',
    '--covariates',
    'age,sex',
  ];

  for (const ties of ['efron', 'breslow'] as const) {
    it(`gives R's coxph coefficients for lung age + sex with ${ties} ties`, async () => {
      const expected = cox.cases.find((c) => c.name === `lung-${ties}`) as CoxCase;
      const { code, out } = await runCli([...args, '--ties', ties, '--json']);
      expect(code).toBe(0);
      const fit = JSON.parse(out) as {
        coefficients: CoxCase['coefficients'];
        loglik: number[];
        tests: object;
      };
      expect(fit.coefficients.map((c) => c.name)).toEqual(['age', 'sex']);
      fit.coefficients.forEach((c, j) => {
        const r = expected.coefficients[j] as CoxCase['coefficients'][number];
        expect(c.coef).toBeCloseTo(r.coef, 9);
        expect(c.se).toBeCloseTo(r.se, 9);
        expect(c.z).toBeCloseTo(r.z, 7);
        expect(c.p).toBeCloseTo(r.p, 9);
      });
      expect(fit.loglik[1]).toBeCloseTo(expected.loglik[1], 8);
      expect(Object.keys(fit.tests)).toEqual(['likelihoodRatio', 'wald', 'score']);
    });
  }

  it('expands a text covariate with treatment contrasts, first level the reference, as R', async () => {
    const sexText = lung.sex.map((s) => (s === 1 ? 'male' : 'female'));
    const textFile = csvFile(csv({ time: lung.time, status: lung.status, age: lung.age, sex: sexText }));
    const { out } = await runCli([
      ...['stats', 'cox', '--csv', textFile, '--time', 'time', '--event', 'status'],
      ...['--covariates', 'age,sex', '--json'],
    ]);
    const fit = JSON.parse(out) as { coefficients: { name: string; coef: number }[] };
    // "female" (sex 2) sorts first, so the column is sexmale = (sex == 1): the sign of R's sex flips.
    expect(fit.coefficients.map((c) => c.name)).toEqual(['age', 'sexmale']);
    expect(fit.coefficients[1]?.coef).toBeCloseTo(0.51321851711, 9);
  });

  it('prints the coefficient table and the log partial likelihood for people', async () => {
    const { out } = await runCli(args);
    expect(out).toMatch(/^covariate\s+coef\s+exp\(coef\)/);
    expect(out).toContain('log partial likelihood -749,9098 (null) -> -742,8482');
  });
});

interface GlmCase {
  data: Record<string, number[]>;
  coefficients: { name: string; coef: number; se: number }[];
  logLik: number;
  deviance: number;
  aic: number;
}

describe('jobinvest stats glm', () => {
  const mtcars = fixture<Record<string, GlmCase>>('glm.json').mtcars_logit as GlmCase;

  it("gives R's glm(am ~ wt + hp, family = binomial) on mtcars", async () => {
    const file = csvFile(
      csv({ am: mtcars.data.am ?? [], wt: mtcars.data.wt ?? [], hp: mtcars.data.hp ?? [] }),
    );
    const { code, out, err } = await runCli([
      ...['stats', 'glm', '--csv', file, '--event', 'am', '--covariates', 'wt,hp'],
      ...['--family', 'binomial', '--json'],
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const fit = JSON.parse(out) as GlmCase & { fitted?: unknown };
    expect(fit.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'wt', 'hp']);
    expect(fit.coefficients.map((c) => c.coef)).toEqual(
      [18.8662987172, -8.08347518244, 0.03625559608].map((x) => expect.closeTo(x, 9)),
    );
    expect(fit.coefficients.map((c) => c.se)).toEqual(
      [7.44355806021, 3.06867511305, 0.01773415365].map((x) => expect.closeTo(x, 9)),
    );
    expect(fit.logLik).toBeCloseTo(-5.02955523613, 10);
    expect(fit.aic).toBeCloseTo(mtcars.aic, 10);
    expect(fit.fitted).toBeUndefined();
  });

  it('reads a semicolon file with decimal commas', async () => {
    const wt = (mtcars.data.wt ?? []).map((x) => String(x).replace('.', ','));
    const file = csvFile(csv({ am: mtcars.data.am ?? [], wt, hp: mtcars.data.hp ?? [] }, ';'));
    const { code, out } = await runCli([
      'stats',
      'glm',
      '--csv',
      file,
      '--event',
      'am',
      '--covariates',
      'wt,hp',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('-8,083');
    expect(out).toContain('log-likelihood -5,0296');
  });
});

describe('jobinvest stats cif', () => {
  // REFERENCES.md: 1 job, 2 other exit, 0 censored.
  const toy = csv({ time: [1, 2, 2, 3, 4, 4, 5, 6, 7, 8], status: [1, 2, 0, 1, 1, 2, 0, 1, 2, 0] });

  it('gives the Aalen-Johansen probabilities (0.4571428571, 0.3285714286, 0.2142857143) at t = 4', async () => {
    const file = csvFile(toy);
    const { code, out } = await runCli([
      'stats',
      'cif',
      '--csv',
      file,
      '--time',
      'time',
      '--event',
      'status',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out) as {
      strata: { causes: string[]; rows: { time: number; survival: number; incidence: number[] }[] }[];
    };
    const curve = result.strata[0];
    expect(curve?.causes).toEqual(['1', '2']);
    const at = (t: number) => curve?.rows.find((r) => r.time === t);
    expect(at(4)?.survival).toBeCloseTo(0.4571428571, 10);
    expect(at(4)?.incidence[0]).toBeCloseTo(0.3285714286, 10);
    expect(at(4)?.incidence[1]).toBeCloseTo(0.2142857143, 10);
    expect(at(7)?.incidence[0]).toBeCloseTo(0.480952381, 8);
  });
});

describe('jobinvest stats, bad input', () => {
  const fails = async (args: string[]) => {
    const result = await runCli(['stats', ...args]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.trim().split('\n')).toHaveLength(1);
    return result.err;
  };

  it('names file, line, column, expected and found for a time that is not a number', async () => {
    const file = csvFile('time,status\n5,1\nfive,0\n');
    const err = await fails(['km', '--csv', file, '--time', 'time', '--event', 'status']);
    expect(err).toBe(`jobinvest: ${file}, line 3, column time: expected a time (a number), found "five"\n`);
  });

  it('refuses an event that is not 0 or 1', async () => {
    const file = csvFile('time,status\n5,1\n6,2\n');
    const err = await fails(['km', '--csv', file, '--time', 'time', '--event', 'status']);
    expect(err).toBe(
      `jobinvest: ${file}, line 3, column status: expected 0 (censored) or 1 (event), found "2"\n`,
    );
  });

  it('names a missing column and the columns there are', async () => {
    const file = csvFile('time,status\n5,1\n');
    const err = await fails(['km', '--csv', file, '--time', 'time', '--event', 'dead']);
    expect(err).toBe(
      `jobinvest: ${file}, line 1, column dead: expected a column named "dead", found "time,status"\n`,
    );
  });

  it('refuses an empty cell instead of dropping the row', async () => {
    const file = csvFile('time,status,age\n5,1,60\n6,0,\n');
    const err = await fails([
      ...['cox', '--csv', file, '--time', 'time', '--event', 'status', '--covariates', 'age'],
    ]);
    expect(err).toBe(`jobinvest: ${file}, line 3, column age: expected a value, found ""\n`);
  });

  it('refuses a negative weight and a missing file', async () => {
    const file = csvFile('time,status,w\n5,1,1\n6,0,-2\n');
    expect(
      await fails(['km', '--csv', file, '--time', 'time', '--event', 'status', '--weights', 'w']),
    ).toContain('line 3, column w: expected a weight ≥ 0, found "-2"');
    const missing = resolve(tempDir(), 'nope.csv');
    expect(await fails(['km', '--csv', missing, '--time', 't', '--event', 'e'])).toBe(
      `jobinvest: ${missing}: expected a readable CSV file, found "no such file"\n`,
    );
  });

  it('refuses an exit time not after the entry time', async () => {
    const file = csvFile('entry,exit,status\n0,5,1\n7,6,0\n');
    const err = await fails(['km', '--csv', file, '--start', 'entry', '--time', 'exit', '--event', 'status']);
    expect(err).toContain(
      'line 3, column exit: expected a time after the entry time in entry (7), found "6"',
    );
  });

  it('refuses a binomial response outside 0-1', async () => {
    const file = csvFile('y,x\n0,1\n3,2\n1,3\n');
    const err = await fails(['glm', '--csv', file, '--event', 'y', '--covariates', 'x']);
    expect(err).toContain('line 3, column y: expected a binomial response from 0 to 1 (0/1), found "3"');
  });

  it('refuses options that do not apply to the method, and a missing --time', async () => {
    const file = csvFile('time,status\n5,1\n');
    expect(
      await fails(['km', '--csv', file, '--time', 'time', '--event', 'status', '--ties', 'breslow']),
    ).toBe('error: stats km does not take --ties\n');
    expect(await fails(['cox', '--csv', file, '--event', 'status', '--covariates', 'x'])).toBe(
      'error: stats cox needs --time <col>\n',
    );
    expect(await fails(['anova', '--csv', file, '--event', 'status'])).toContain(
      "value 'anova' is invalid for argument 'method'",
    );
  });

  it('reports a model the data cannot fit (collinear covariates) in one line', async () => {
    const file = csvFile('time,status,a,b\n1,1,1,2\n2,1,2,4\n3,0,3,6\n4,1,4,8\n');
    const err = await fails([
      'cox',
      '--csv',
      file,
      '--time',
      'time',
      '--event',
      'status',
      '--covariates',
      'a,b',
    ]);
    expect(err).toMatch(new RegExp(`^jobinvest: ${file}: the covariates are collinear`));
  });
});
