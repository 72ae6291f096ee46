/**
 * `npm run bench`: the performance figures of the data path, measured in one run on this machine,
 * written with the machine and date to bench/results.json and bench/RESULTS.md. Heavy steps run in
 * child processes so each one's peak memory is its own. Not a test: machines here are shared and
 * noisy, so compare the ratios measured in one run.
 *
 * `npm run bench -- tiles first-visit` runs only the named groups (dream, generator, stats,
 * jobinvest, staircase, load, ui, tiles, first-visit, monitoring, progression) and replaces their rows, each marked with the
 * date it was measured, keeping the other rows of the last run.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MEMORY_LIMIT } from '../packages/server/src/data/db.ts';
import { writeDreamFile } from './dream-file.ts';

const GROUPS = [
  'dream',
  'generator',
  'stats',
  'jobinvest',
  'staircase',
  'load',
  'ui',
  'tiles',
  'first-visit',
  'monitoring',
  'progression',
] as const;
const only = process.argv.slice(2);
for (const name of only)
  if (!(GROUPS as readonly string[]).includes(name))
    throw new Error(`npm run bench -- ${name}: expected one of ${GROUPS.join(', ')}`);
const wanted = (group: (typeof GROUPS)[number]) => only.length === 0 || only.includes(group);

const here = fileURLToPath(new URL('.', import.meta.url));
const tmp = join(here, 'tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

function child(script: string, ...args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

const results: Record<string, unknown>[] = [];
const log = (line: string) => process.stdout.write(line + '\n');

async function dreamCase(
  name: string,
  persons: number,
  from: number,
  to: number,
  compare: boolean,
  memoryLimit = DEFAULT_MEMORY_LIMIT,
) {
  const file = join(tmp, `${name}.csv`);
  const cells = await writeDreamFile(file, persons, from, to);
  const sizeMB = statSync(file).size / 1e6;
  const ours = child('import-dream.ts', file, join(tmp, `${name}.duckdb`), join(tmp, 'secret'), memoryLimit);
  const row: Record<string, unknown> = {
    benchmark: `DREAM import, ${name}`,
    persons,
    weeks: `${from}-${to}`,
    cells,
    fileMB: Math.round(sizeMB),
    duckdbMemoryLimit: memoryLimit,
    seconds: round(ours.seconds ?? NaN),
    cellsPerSecond: Math.round(cells / (ours.seconds ?? NaN)),
    peakRssMB: Math.round(ours.maxRssMB ?? NaN),
  };
  if (compare) {
    const plain = child('unpivot-dream.ts', file);
    row.duckdbUnpivotSeconds = round(plain.seconds ?? NaN);
    row.duckdbUnpivotCellsPerSecond = Math.round(cells / (plain.seconds ?? NaN));
    row.speedupOverUnpivot = round((plain.seconds ?? NaN) / (ours.seconds ?? NaN));
  }
  results.push(row);
  log(JSON.stringify(row));
  rmSync(file);
  return join(tmp, `${name}.duckdb`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (wanted('dream')) {
  const small = await dreamCase('100k persons 2016-2025', 100_000, 2016, 2025, true);
  await dreamCase('400k persons 2016-2025', 400_000, 2016, 2025, false);
  await dreamCase('30k persons 1991-2025', 30_000, 1991, 2025, true);
  // Peak memory is the process's own (about 300 MB) plus what DuckDB may hold, which its memory
  // limit bounds: with a small limit, a file four times larger needs about the same memory.
  await dreamCase('100k persons 2016-2025, small memory limit', 100_000, 2016, 2025, false, '64MB');
  await dreamCase('400k persons 2016-2025, small memory limit', 400_000, 2016, 2025, false, '64MB');

  const facts = child('facts.ts', small);
  const factsRow = { benchmark: 'spells and count tables', ...facts, seconds: round(facts.seconds ?? NaN) };
  results.push(factsRow);
  log(JSON.stringify(factsRow));
}

if (wanted('generator'))
  for (const persons of [100_000, 1_000_000]) {
    const generated = child('generate.ts', String(persons), join(tmp, 'generated'));
    const row = {
      benchmark: `generator, ${persons.toLocaleString('en')} persons, 5 municipalities, 2016-2025 (3 years burn-in)`,
      seconds: round(generated.seconds ?? NaN),
      personWeeksPerSecond: generated.personWeeksPerSecond,
      peakRssMB: Math.round(generated.maxRssMB ?? NaN),
    };
    results.push(row);
    log(JSON.stringify(row));
    rmSync(join(tmp, 'generated'), { recursive: true, force: true });
  }

// Estimators against R on the same data (bench/stats.ts and bench/*.R); ratio = R's seconds / ours.
const statsCases: [string, string][] = [
  ['cox', 'Cox, Efron ties, 1,000,000 subjects, 5 covariates, weeks 1-104, vs R coxph'],
  ['km', 'Kaplan-Meier with Greenwood, 10,000,000 spells via a DuckDB count table, vs R survfit'],
  ['glm', 'binomial cloglog GLM on cells from 50,000,000 person-weeks (DuckDB), vs R glm'],
];
for (const [caseName, benchmark] of wanted('stats') ? statsCases : []) {
  const measured = child('stats.ts', caseName, tmp);
  const row = {
    benchmark,
    // Three significant digits; values below 0.01 as text, which RESULTS.md would otherwise print as 0.
    ...Object.fromEntries(
      Object.entries(measured).map(([k, v]) => [
        k,
        Number.isInteger(v) ? v : Math.abs(v) >= 0.01 ? Number(v.toPrecision(3)) : v.toPrecision(2),
      ]),
    ),
  };
  results.push(row);
  log(JSON.stringify(row));
}

// Jobinvestering (bench/jobinvest.ts): estimation, projections, break-even and replications.
const jobinvestCases: [string, string, string][] = [
  [
    'project',
    '60000',
    'Jobinvestering on a generated store of 60,000 persons: model estimation; expected-value projection (first run, then again as the server would) and microsimulation of a 20,000-person stock over 260 weeks; an investment case of 100 participants (kontanthjælp, forhøjet sats, 52+ weeks) with its break-even search (first, then again), and 100 replications. Targets: projection 0.1 s, break-even search 1 s, 100 replications 10 s, estimation on 1,000,000 persons 60 s',
  ],
  ['estimate', '1000000', 'Jobinvestering model estimation on a generated store of 1,000,000 persons'],
];
for (const [mode, persons, benchmark] of wanted('jobinvest') ? jobinvestCases : []) {
  const measured = child('jobinvest.ts', mode, persons, join(tmp, `jobinvest-${persons}`));
  const row = {
    benchmark,
    ...Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Number(v.toPrecision(3))])),
  };
  results.push(row);
  log(JSON.stringify(row));
  rmSync(join(tmp, `jobinvest-${persons}`), { recursive: true, force: true });
}

// The staircase of the expected-value chain (bench/staircase.ts): its municipal net per year against
// the mean of the microsimulation on the demo data (the largest municipality's stock and inflow, 260
// weeks). 200 replications by default (about 4 minutes on 2 cores); STAIRCASE_REPLICATIONS=1000 for
// the figure of RESULTS.md's staircase section. Goal: |difference| ≤ 0.2 % each year.
if (wanted('staircase')) {
  const staircaseReplications = process.env.STAIRCASE_REPLICATIONS ?? '200';
  const staircase = child('staircase.ts', join(tmp, 'staircase'), staircaseReplications);
  const staircaseRow = {
    benchmark: `Expected-value chain against the mean of ${staircaseReplications} microsimulations on the demo data (npm start's 60,000 persons to 2026-W48, largest municipality's stock and inflow, 260 weeks): municipal net (kr.) per ISO year and over the horizon, the difference in % of the mean and the mean's standard error in %; the chain's seconds (best of three). Goal: |difference| ≤ 0.2 %`,
    ...Object.fromEntries(
      Object.entries(staircase).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(3)) : v,
      ]),
    ),
  };
  results.push(staircaseRow);
  log(JSON.stringify(staircaseRow));
  rmSync(join(tmp, 'staircase'), { recursive: true, force: true });
}

// Resultatstyring (bench/monitoring.ts) on 100,000 persons in one municipality, 2016-2025 (about
// 50 million person-weeks), with the generated jobindsats extract of all 98 municipalities. Goals:
// all measures of one municipality and year under 1 s, the scorecard under 300 ms warm, the
// 98-municipality benchmark under 2 s.
if (wanted('monitoring')) {
  const measured = child('monitoring.ts', '100000', join(tmp, 'monitoring'));
  const row = {
    benchmark:
      'Resultatstyring on 100,000 persons in one municipality, 2016-2025: all measures of 2025 (kpi) for all public support, first and again, and the mean and max over the groups; the scorecard first and warm (median of 5); the benchmark of the 98 municipalities; all measures in each of the last 24 whole months (Nøgletal’s development), first and again (ms). Goals: kpi < 1,000 ms, scorecard warm < 300 ms, benchmark < 2,000 ms',
    ...Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Number(v.toPrecision(3))])),
  };
  results.push(row);
  log(JSON.stringify(row));
  rmSync(join(tmp, 'monitoring'), { recursive: true, force: true });
}

// Progression's outcome model (bench/progression.ts) at the issue's size: 27,000 measurements of
// 4,000 persons, simulated with a known truth. Goal: the indicators' hazard fitted within 2 s.
if (wanted('progression')) {
  const measured = child('progression.ts');
  const row = {
    benchmark:
      "Progression's outcome model: the discrete-time cloglog hazard of entering work on the latest measurement's eleven caseworker scores, the register covariates and the caseworker's (change, job orientation), 27,000 measurements of 4,000 persons simulated (core's outcomes-simulation.ts): person-weeks grouped into binomial rows, the fit (best of three, wall and CPU seconds), and the outcome page's whole analysis once (s). Goal: fit < 2 s",
    ...Object.fromEntries(
      Object.entries(measured).map(([k, v]) => [k, Number.isInteger(v) ? v : Number(v.toPrecision(3))]),
    ),
  };
  results.push(row);
  log(JSON.stringify(row));
}

// The server under load (bench/load.ts): 50 concurrent clients for 60 s on loopback, a mix of
// /api/health, /api/overview and the calculator's live POST /api/invest, against jobinvest serve on
// the demo data in a process of its own. Goals: no errors, health p95 < 50 ms, overview p95 < 300 ms,
// every invest answered.
if (wanted('load')) {
  const load = child('load.ts', join(tmp, 'load'), '50', '60') as unknown as {
    routes: Record<string, { count: number; ok: number; latencyMs: Record<string, number> }>;
    totalErrors: number;
  };
  const loadRow: Record<string, unknown> = {
    benchmark:
      'jobinvest serve under load on the demo data: 50 concurrent clients for 60 s (50 % GET /api/health, 35 % GET /api/overview, 15 % the live POST /api/invest), latencies in ms. Goals: zero errors, health p95 < 50 ms, overview p95 < 300 ms, every invest answered',
    errors: load.totalErrors,
  };
  for (const [route, r] of Object.entries(load.routes))
    for (const [k, v] of Object.entries({ answered: r.ok, ...r.latencyMs })) loadRow[`${route}_${k}`] = v;
  results.push(loadRow);
  log(JSON.stringify(loadRow));
  rmSync(join(tmp, 'load'), { recursive: true, force: true });
}

// The investment calculator in Chromium on the demo data (bench/ui.ts): a control change to the
// redrawn chart, as the e2e suite marks it, against the goal of 200 ms.
if (wanted('ui')) {
  const ui = child('ui.ts', join(tmp, 'ui'));
  const uiRow = {
    benchmark:
      "Investeringsberegner in Debian's Chromium on the demo data (npm start's 60,000 persons, 5 municipalities): effect slider change to redrawn cumulative chart, median and max of 5 changes each made once the previous answer and its replications had come, for the largest municipality and a small one (target group kontanthjælp, forhøjet sats, 52+ weeks; the demo data to the week before the run); the server's time for the live request (no replications, no break-even search) beside it. Goal: 200 ms",
    ...Object.fromEntries(Object.entries(ui).map(([k, v]) => [k, Math.round(v)])),
  };
  results.push(uiRow);
  log(JSON.stringify(uiRow));
  rmSync(join(tmp, 'ui'), { recursive: true, force: true });
}

// The calculator's break-even and probability tiles (bench/tiles.ts): a control change to both tiles
// filled (a first estimate) and final (the figures the report prints) in Chromium, and the API times of
// the requests behind them for the default case, a 520-week horizon and the whole target group.
if (wanted('tiles')) {
  const tiles = child('tiles.ts', join(tmp, 'tiles'));
  const tilesRow = {
    benchmark:
      "Investeringsberegner's break-even and probability tiles in Debian's Chromium on the demo data (npm start's 60,000 persons, 5 municipalities), largest municipality, the default case, once the server has prepared the pages' first answers after its start (preparedAfterSeconds): a control change (effect three times, cost twice, discount rate once) to both tiles filled and to the final figures, ms per change; the API (ms): the live request and the tiles' requests sent together, for the case first asked and after an effect change, for the default case, a 520-week horizon and participants = the target group. Goal: the tiles within 2 s of a change",
    ...Object.fromEntries(
      Object.entries(tiles).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v,
      ]),
    ),
  };
  results.push(tilesRow);
  log(JSON.stringify(tilesRow));
  rmSync(join(tmp, 'tiles'), { recursive: true, force: true });
}

// First visits of Prognose and Modelkontrol (bench/first-visit.ts), each on a server started fresh on
// a demo store whose models are saved: the moment the server says where to open the app (once the
// largest municipality's pages have their first answers), and once it says every page's first
// answers are ready (prepared in the background after a start and after each import).
if (wanted('first-visit')) {
  const dir = join(tmp, 'first-visit');
  for (const [mode, extra] of [
    ['at once', []],
    ['prepared', ['--prepared']],
  ] as const) {
    const visits = child('first-visit.ts', dir, ...extra);
    const row = {
      benchmark: `First visits of Prognose and Modelkontrol in Debian's Chromium on the demo data (npm start's store, 5 municipalities), largest and smallest municipality, each page on a freshly started server (its models saved, as after a first start), ${mode === 'at once' ? "visited the moment the server says where to open the app, once the largest municipality's pages have their first answers (openAfterSeconds from the start)" : "visited once the server says the pages' first answers are ready (preparedAfterSeconds from the start)"}: login to the page's ready selector (ms), and the pages' API requests (ms) on another fresh start. Goal: first visits within 3 s`,
      ...Object.fromEntries(Object.entries(visits).map(([k, v]) => [k, Number(v.toPrecision(4))])),
    };
    results.push(row);
    log(JSON.stringify(row));
  }
  rmSync(dir, { recursive: true, force: true });
}

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
// A run of some groups replaces their rows (by benchmark) in the last full run's, each marked with
// when it was measured; the machine and date of the header stay the full run's.
const resultsJson = join(here, 'results.json');
const last =
  only.length > 0 && existsSync(resultsJson)
    ? (JSON.parse(readFileSync(resultsJson, 'utf8')) as {
        machine: typeof machine;
        results: Record<string, unknown>[];
      })
    : null;
const rows = last
  ? [
      ...last.results.filter((r) => !results.some((n) => n.benchmark === r.benchmark)),
      ...results.map((r) => ({
        ...r,
        measured: `${machine.date} by \`npm run bench -- ${only.join(' ')}\``,
      })),
    ]
  : results;
const header = last?.machine ?? machine;
writeFileSync(resultsJson, JSON.stringify({ machine: header, results: rows }, null, 2) + '\n');
const md = [
  '# Benchmark results',
  '',
  `Measured ${header.date} on ${header.cpus} × ${header.cpuModel}, ${header.memoryGiB} GiB, Node ${header.node}, by \`npm run bench\`; a row with its own \`measured\` was measured again later on the same machine.`,
  '',
  ...rows.map(
    (r) =>
      `- ${Object.entries(r)
        .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en') : String(v)}`)
        .join('; ')}`,
  ),
  '',
].join('\n');
// Sections written by hand (comparisons across commits, from the first "## " heading on) are kept.
const resultsPath = join(here, 'RESULTS.md');
const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const kept = previous.indexOf('\n## ');
writeFileSync(resultsPath, kept < 0 ? md : md + previous.slice(kept));
rmSync(tmp, { recursive: true, force: true });
log(`written to bench/results.json and bench/RESULTS.md`);
