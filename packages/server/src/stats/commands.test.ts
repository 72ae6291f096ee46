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

interface PsychFixture {
  kappa: Record<string, { a: number[]; b: number[]; fits: Record<string, Record<string, number>> }>;
  alpha: Record<string, { items: Record<string, number[]>; total: Record<string, number> }>;
  icc: Record<string, { ratings: Record<string, number[]>; forms: Record<string, number | string>[] }>;
}
const psych = fixture<PsychFixture>('psych.json');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('jobinvest stats kappa', () => {
  const likert = psych.kappa.likert_200 as PsychFixture['kappa'][string];
  const file = csvFile(csv({ citizen: likert.a, caseworker: likert.b }));
  const args = ['stats', 'kappa', '--csv', file, '--a', 'citizen', '--b', 'caseworker'];

  for (const weights of ['none', 'linear', 'quadratic']) {
    it(`gives psych::cohen.kappa's kappa, se and bounds with ${weights} weights on scores 1-5`, async () => {
      const { code, out, err } = await runCli([
        ...args,
        '--weights',
        weights,
        '--levels',
        '1,2,3,4,5',
        '--json',
      ]);
      expect(err).toBe('');
      expect(code).toBe(0);
      const k = JSON.parse(out) as Record<string, number>;
      const r = likert.fits[weights] as Record<string, number>;
      for (const key of ['kappa', 'se', 'lower', 'upper'] as const)
        expect(rel(k[key] as number, r[key] as number)).toBeLessThan(1e-8);
      expect(k.weights).toBe(weights);
    });
  }

  it('gives 9/17 unweighted for the 2 × 2 table 12, 3 / 1, 4 and prints it for people', async () => {
    const a = [...Array<string>(15).fill('1'), ...Array<string>(5).fill('0')];
    const b = [...Array<string>(12).fill('1'), '0', '0', '0', '1', '0', '0', '0', '0'];
    const small = csvFile(csv({ a, b }));
    const { out } = await runCli(['stats', 'kappa', '--csv', small, '--a', 'A', '--b', 'b', '--json']);
    expect((JSON.parse(out) as { kappa: number }).kappa).toBeCloseTo(9 / 17, 14);
    const text = (await runCli(['stats', 'kappa', '--csv', small, '--a', 'a', '--b', 'b'])).out;
    expect(text).toContain(
      "Cohen's kappa (unweighted) 0,5294, 95 % CI 0,1352 to 0,9236, se 0,2011, 20 persons",
    );
  });
});

describe('jobinvest stats alpha', () => {
  const likert = psych.alpha.likert_200 as PsychFixture['alpha'][string];
  const names = Object.keys(likert.items);

  it("gives psych::alpha's raw and standardised alpha and lambda 6, and alpha without each item", async () => {
    const file = csvFile(csv(likert.items));
    const { code, out } = await runCli([
      'stats',
      'alpha',
      '--csv',
      file,
      '--items',
      names.join(','),
      '--json',
    ]);
    expect(code).toBe(0);
    const a = JSON.parse(out) as {
      alpha: number;
      standardizedAlpha: number;
      lambda6: number;
      items: string[];
      drop: { item: string }[];
    };
    expect(rel(a.alpha, likert.total.raw as number)).toBeLessThan(1e-8);
    expect(rel(a.standardizedAlpha, likert.total.std as number)).toBeLessThan(1e-8);
    expect(rel(a.lambda6, likert.total.g6 as number)).toBeLessThan(1e-8);
    expect(a.items).toEqual(names);
    expect(a.drop.map((d) => d.item)).toEqual(names);
    const text = (await runCli(['stats', 'alpha', '--csv', file, '--items', names.join(',')])).out;
    expect(text).toContain("Cronbach's alpha 0,7840");
    expect(text).toMatch(/^item1\s+0,7529/m);
  });
});

describe('jobinvest stats icc', () => {
  const sf = psych.icc.shrout_fleiss as PsychFixture['icc'][string];

  it("gives psych::ICC's six forms for Shrout and Fleiss' 6 targets and 4 judges", async () => {
    const file = csvFile(csv(sf.ratings));
    const { code, out } = await runCli(['stats', 'icc', '--csv', file, '--items', 'J1,J2,J3,J4', '--json']);
    expect(code).toBe(0);
    const icc = JSON.parse(out) as { raters: string[]; forms: Record<string, number | string>[] };
    expect(icc.raters).toEqual(['J1', 'J2', 'J3', 'J4']);
    expect(icc.forms.map((f) => f.type)).toEqual(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']);
    icc.forms.forEach((f, i) => {
      for (const key of ['icc', 'f', 'p', 'lower', 'upper'])
        expect(rel(f[key] as number, sf.forms[i]?.[key] as number)).toBeLessThan(1e-8);
    });
    const text = (await runCli(['stats', 'icc', '--csv', file, '--items', 'J1,J2,J3,J4'])).out;
    expect(text).toMatch(/^ICC3\s+Single_fixed_raters\s+0,7148\s+11,027\s+5\s+15\s+0,0001/m);
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

  it('names file, line, column, expected and found for a rating that is not a number or not a level', async () => {
    const file = csvFile('a,b\n1,2\n3,x\n');
    expect(await fails(['kappa', '--csv', file, '--a', 'a', '--b', 'b'])).toBe(
      `jobinvest: ${file}, line 3, column b: expected a rating (a number), found "x"\n`,
    );
    const outside = csvFile('a,b\n1,2\n3,6\n');
    expect(await fails(['kappa', '--csv', outside, '--a', 'a', '--b', 'b', '--levels', '1,2,3,4,5'])).toBe(
      `jobinvest: ${outside}, line 3, column b: expected a rating, one of the levels 1, 2, 3, 4, 5, found "6"\n`,
    );
    const items = csvFile('q1,q2,q3\n1,2,3\n2,,3\n');
    expect(await fails(['alpha', '--csv', items, '--items', 'q1,q2,q3'])).toBe(
      `jobinvest: ${items}, line 3, column q2: expected a value, found ""\n`,
    );
  });

  it('refuses the options kappa, alpha and icc do not take, and their missing ones', async () => {
    const file = csvFile('a,b,time,status\n1,2,5,1\n2,2,6,0\n');
    expect(await fails(['kappa', '--csv', file, '--a', 'a'])).toBe(
      "error: stats kappa needs --a <col> and --b <col>: the two raters' ratings\n",
    );
    expect(await fails(['kappa', '--csv', file, '--a', 'a', '--b', 'b', '--weights', 'cubic'])).toBe(
      'error: stats kappa takes --weights none, linear or quadratic, found "cubic"\n',
    );
    expect(await fails(['kappa', '--csv', file, '--a', 'a', '--b', 'b', '--levels', 'one,two'])).toContain(
      'expected the categories as numbers separated by commas, such as 1,2,3,4,5; found "one,two"',
    );
    expect(await fails(['alpha', '--csv', file, '--items', 'a,b', '--event', 'status'])).toBe(
      'error: stats alpha does not take --event\n',
    );
    expect(await fails(['icc', '--csv', file, '--items', 'a'])).toBe(
      'error: stats icc needs --items <cols> with at least two columns, such as A,B,C\n',
    );
    expect(await fails(['km', '--csv', file, '--time', 'time', '--event', 'status', '--items', 'a,b'])).toBe(
      'error: stats km does not take --items\n',
    );
    expect(await fails(['km', '--csv', file, '--time', 'time'])).toBe(
      'error: stats km needs --event <col>\n',
    );
  });

  it('names a constant item, and reports data kappa cannot use in one line', async () => {
    const file = csvFile('q1,q2\n1,3\n2,3\n3,3\n');
    expect(await fails(['alpha', '--csv', file, '--items', 'q1,q2'])).toBe(
      `jobinvest: ${file}, column q2: expected item scores that vary between persons, found "3 in every row"\n`,
    );
    expect(await fails(['kappa', '--csv', file, '--a', 'q2', '--b', 'q2', '--levels', '1,2,3'])).toBe(
      `jobinvest: ${file}: kappa is undefined: chance agreement is 1 (both raters gave every person the same one category)\n`,
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
