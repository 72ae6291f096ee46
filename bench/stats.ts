/**
 * Child process of the benchmark: one estimator of @jobinvest/core against R on the same data.
 *
 *   tsx bench/stats.ts <cox|km|glm> <tmpDir>
 *
 * Generates deterministic data (a seeded generator in JS, or DuckDB's hash() of the row number),
 * writes it to a CSV in tmpDir for R, times our estimator, runs bench/<case>.R with Rscript on the
 * CSV (R times only the fit, not reading the CSV) and prints one JSON line: our seconds, R's seconds,
 * `ratio` = R's seconds / ours (above 1: ours is faster) and the largest relative difference between
 * our estimates and R's. Fits that take less than a second are repeated until a second has passed, in
 * both languages, and the mean time of one fit is reported.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { coxRegression, designMatrix, fitGlm, kaplanMeierFromCounts } from '@jobinvest/core';

const here = fileURLToPath(new URL('.', import.meta.url));
const [caseName, tmpDir] = process.argv.slice(2) as [string, string];

/** Mulberry32: a small seeded generator, uniform on [0, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean seconds of one call of f, repeated until a second has passed (as bench/*.R do). */
function timeit<T>(f: () => T): { value: T; seconds: number; reps: number } {
  const t0 = performance.now();
  let reps = 0;
  let value: T;
  let elapsed: number;
  do {
    value = f();
    reps++;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < 1);
  return { value, seconds: elapsed / reps, reps };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, (performance.now() - t0) / 1000];
}

/** What an R script prints: numbers and vectors of numbers by name. */
class RResult {
  constructor(
    private readonly script: string,
    private readonly values: Record<string, unknown>,
  ) {}
  number(name: string): number {
    const v = this.values[name];
    if (typeof v !== 'number') throw new Error(`${this.script} printed no number "${name}"`);
    return v;
  }
  vector(name: string): number[] {
    const v = this.values[name];
    if (!Array.isArray(v)) throw new Error(`${this.script} printed no vector "${name}"`);
    return v as number[];
  }
}

/** Run bench/<script> on the files and parse the JSON line it prints last. */
function rscript(script: string, ...files: string[]): RResult {
  const out = execFileSync('Rscript', [join(here, script), ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return new RResult(script, JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
}

/** max |ours − R| / |R| over paired values; the lengths must agree. */
function maxRelDiff(ours: ArrayLike<number>, r: ArrayLike<number>): number {
  if (ours.length !== r.length) throw new Error(`ours has ${ours.length} values, R ${r.length}`);
  let max = 0;
  for (let i = 0; i < r.length; i++) {
    const a = ours[i] as number;
    const b = r[i] as number;
    if (a === b) continue;
    max = Math.max(max, Math.abs(a - b) / Math.abs(b));
  }
  return max;
}

/**
 * Deterministic pseudo-random draw k of row i in SQL: DuckDB's hash() of one integer per (seed, i, k).
 * (hash(i, seed, k) with several arguments mixes the low bits poorly, so its residues correlate.)
 */
const draw = (seed: number, k: number) => `hash((i + ${seed * 1e9}) * 8 + ${k})`;
/** The same as a uniform number on [0, 1). */
const drawUniform = (seed: number, k: number) => `${draw(seed, k)} / 18446744073709551616.0`;

async function rowsOf<T>(connection: DuckDBConnection, sql: string): Promise<T[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

/** Cox, Efron ties: 1,000,000 subjects, 5 covariates, integer weeks 1-104, ~70 % events. */
function cox(): Record<string, number> {
  const n = 1_000_000;
  const random = uniform(20260401);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const round4 = (x: number) => Math.round(x * 1e4) / 1e4; // what the CSV carries, so R reads the same
  const beta = [0.5, -0.3, 0.4, -0.6, 0.2];
  const time = new Int32Array(n);
  const event = new Uint8Array(n);
  const x = Array.from({ length: 5 }, () => new Float64Array(n));
  const [x1, x2, x3, x4, x5] = x as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const lines: string[] = ['time,status,x1,x2,x3,x4,x5'];
  for (let i = 0; i < n; i++) {
    x1[i] = round4(normal());
    x2[i] = round4(normal());
    x3[i] = random() < 0.4 ? 1 : 0;
    x4[i] = random() < 0.15 ? 1 : 0;
    x5[i] = round4(normal());
    let eta = 0;
    for (let j = 0; j < 5; j++) eta += (beta[j] as number) * ((x[j] as Float64Array)[i] as number);
    const t = Math.max(1, Math.ceil(-Math.log(1 - random()) / (0.015 * Math.exp(eta))));
    const c = 1 + Math.floor(random() * 400);
    time[i] = Math.min(t, c, 104);
    event[i] = t <= c && t <= 104 ? 1 : 0;
    lines.push(`${time[i]},${event[i]},${x1[i]},${x2[i]},${x3[i]},${x4[i]},${x5[i]}`);
  }
  const csv = join(tmpDir, 'cox.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  lines.length = 0;
  const ours = timeit(() =>
    coxRegression(
      { time, event, covariates: { names: ['x1', 'x2', 'x3', 'x4', 'x5'], columns: x } },
      { ties: 'efron' },
    ),
  );
  const r = rscript('cox.R', csv);
  rmSync(csv);
  const fit = ours.value;
  return {
    subjects: n,
    events: fit.nEvents,
    oursSeconds: ours.seconds,
    rSeconds: r.number('seconds'),
    ratio: r.number('seconds') / ours.seconds,
    maxRelDiffCoef: maxRelDiff(
      fit.coefficients.map((c) => c.coef),
      r.vector('coef'),
    ),
    maxRelDiffSe: maxRelDiff(
      fit.coefficients.map((c) => c.se),
      r.vector('se'),
    ),
    oursIterations: fit.convergence.iterations,
    rIterations: r.number('iterations'),
  };
}

/** Kaplan-Meier with Greenwood, 10,000,000 spells counted by DuckDB into a 104-row count table. */
async function km(): Promise<Record<string, number>> {
  const n = 10_000_000;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Deterministic: hash() of the row number, not random(). Durations geometric-like, ~74 % events.
  const [, createSeconds] = await timed(() =>
    connection.run(`
      CREATE TABLE spells AS
      WITH u AS (
        SELECT ${drawUniform(17, 1)} AS u1, ${drawUniform(17, 2)} AS u2
        FROM range(${n}) t(i)
      ), d AS (SELECT greatest(1, ceil(-ln(1 - u1) / 0.025))::INTEGER AS raw, u2 FROM u)
      SELECT least(raw, 104) AS time, (raw <= 104 AND u2 < 0.8)::INTEGER AS status FROM d`),
  );
  const [table, countSeconds] = await timed(() =>
    rowsOf<{ time: number; nEvent: number; nCensor: number }>(
      connection,
      `SELECT time, sum(status)::INTEGER AS nEvent, (count(*) - sum(status))::INTEGER AS nCensor
       FROM spells GROUP BY time ORDER BY time`,
    ),
  );
  const spellsCsv = join(tmpDir, 'km-spells.csv');
  await connection.run(`COPY (SELECT time, status FROM spells) TO '${spellsCsv}' (HEADER)`);
  connection.closeSync();
  instance.closeSync();

  const counts = {
    time: table.map((r) => r.time),
    nEvent: table.map((r) => r.nEvent),
    nCensor: table.map((r) => r.nCensor),
  };
  const ours = timeit(() => kaplanMeierFromCounts(counts));
  const countsCsv = join(tmpDir, 'km-counts.csv');
  const weighted = table.flatMap((r) => [
    ...(r.nEvent > 0 ? [`${r.time},1,${r.nEvent}`] : []),
    ...(r.nCensor > 0 ? [`${r.time},0,${r.nCensor}`] : []),
  ]);
  writeFileSync(countsCsv, ['time,status,n', ...weighted].join('\n') + '\n');
  const r = rscript('km.R', spellsCsv, countsCsv);
  rmSync(spellsCsv);
  rmSync(countsCsv);

  const rows = ours.value.rows;
  if (
    maxRelDiff(
      rows.map((row) => row.time),
      r.vector('time'),
    ) !== 0
  )
    throw new Error('the times of our curve and of R differ');
  const oursSeconds = countSeconds + ours.seconds;
  return {
    spells: r.number('rows'),
    events: ours.value.events,
    countTableRows: table.length,
    duckdbCreateSeconds: createSeconds,
    duckdbCountSeconds: countSeconds,
    oursKmFromCountsSeconds: ours.seconds,
    oursSeconds,
    rSeconds: r.number('seconds'),
    ratio: r.number('seconds') / oursSeconds,
    rWeightedCountsSeconds: r.number('weightedSeconds'),
    ratioOnCounts: r.number('weightedSeconds') / ours.seconds,
    maxRelDiffSurvival: maxRelDiff(
      rows.map((row) => row.survival),
      r.vector('surv'),
    ),
    maxRelDiffStdErr: maxRelDiff(
      rows.map((row) => row.stdErr),
      r.vector('stdErr'),
    ),
    maxRelDiffSurvivalWeighted: maxRelDiff(
      rows.map((row) => row.survival),
      r.vector('weightedSurv'),
    ),
    maxRelDiffStdErrWeighted: maxRelDiff(
      rows.map((row) => row.stdErr),
      r.vector('weightedStdErr'),
    ),
  };
}

/** Binomial cloglog GLM on the cells DuckDB aggregates from 50,000,000 person-weeks. */
async function glm(): Promise<Record<string, number>> {
  const n = 50_000_000;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Deterministic: hash() of the row number. Duration band 0-7, age group 0-4, sex 0-1, origin 0-2,
  // municipality 0-4 (1,200 cells); weekly hazard from a cloglog linear predictor.
  const [, createSeconds] = await timed(() =>
    connection.run(`
      CREATE TABLE person_weeks AS
      WITH c AS (
        SELECT (${draw(29, 1)} % 8)::TINYINT AS band, (${draw(29, 2)} % 5)::TINYINT AS age,
               (${draw(29, 3)} % 2)::TINYINT AS sex, (${draw(29, 4)} % 3)::TINYINT AS origin,
               (${draw(29, 5)} % 5)::TINYINT AS muni, ${drawUniform(29, 6)} AS u
        FROM range(${n}) t(i)
      )
      SELECT band, age, sex, origin, muni,
             (u < 1 - exp(-exp(-3 - 0.15 * band + 0.1 * age + 0.2 * sex
                               + [0, -0.3, 0.25][origin + 1] + 0.05 * muni - 0.1 * (muni = 2)::INTEGER)))::TINYINT
               AS event
      FROM c`),
  );
  const [cells, aggregateSeconds] = await timed(() =>
    rowsOf<Record<'band' | 'age' | 'sex' | 'origin' | 'muni' | 'events' | 'trials', number>>(
      connection,
      `SELECT band::INTEGER AS band, age::INTEGER AS age, sex::INTEGER AS sex, origin::INTEGER AS origin,
              muni::INTEGER AS muni, sum(event)::INTEGER AS events, count(*)::INTEGER AS trials
       FROM person_weeks GROUP BY ALL ORDER BY ALL`,
    ),
  );
  connection.closeSync();
  instance.closeSync();

  const factors = ['band', 'age', 'sex', 'origin', 'muni'] as const;
  const column = (name: (typeof factors)[number] | 'events' | 'trials') => cells.map((c) => c[name]);
  const table = Object.fromEntries(factors.map((f) => [f, column(f)]));
  const events = column('events');
  const trials = column('trials');
  const csv = join(tmpDir, 'glm-cells.csv');
  writeFileSync(
    csv,
    [
      [...factors, 'events', 'trials'].join(','),
      ...cells.map((c) => [...factors, 'events', 'trials'].map((k) => c[k as keyof typeof c]).join(',')),
    ].join('\n') + '\n',
  );
  const ours = timeit(() => {
    const x = designMatrix(table, factors, { categorical: factors });
    return fitGlm({ x, response: { events, trials }, family: 'binomial', link: 'cloglog' });
  });
  const r = rscript('glm.R', csv);
  rmSync(csv);
  const fit = ours.value;
  return {
    personWeeks: trials.reduce((a, b) => a + b, 0),
    events: events.reduce((a, b) => a + b, 0),
    cells: cells.length,
    coefficients: fit.coefficients.length,
    duckdbCreateSeconds: createSeconds,
    duckdbAggregateSeconds: aggregateSeconds,
    oursSeconds: ours.seconds,
    rSeconds: r.number('seconds'),
    ratio: r.number('seconds') / ours.seconds,
    maxRelDiffCoef: maxRelDiff(
      fit.coefficients.map((c) => c.coef),
      r.vector('coef'),
    ),
    maxRelDiffSe: maxRelDiff(
      fit.coefficients.map((c) => c.se),
      r.vector('se'),
    ),
    oursIterations: fit.iterations,
    rIterations: r.number('iterations'),
  };
}

const t0 = performance.now();
const cases: Record<string, () => Record<string, number> | Promise<Record<string, number>>> = {
  cox,
  km,
  glm,
};
const run = cases[caseName];
if (run === undefined) throw new Error(`unknown case "${caseName}": use ${Object.keys(cases).join(', ')}`);
const result = await run();
process.stdout.write(
  JSON.stringify({
    ...result,
    totalSeconds: (performance.now() - t0) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
