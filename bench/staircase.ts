// Child process of the benchmark: the expected-value chain's municipal net against the mean of the
// microsimulation on the demo data (the population `npm start` generates, to a fixed week), for the
// stock of its largest municipality and the modelled inflow, year by year over a 260-week horizon.
//
// `staircase.ts DIR [REPLICATIONS] [BEFORE]`: the store is generated in DIR (or reused if DIR holds
// one); REPLICATIONS (default 1,000) run in the worker pool, priced in the workers as the Prognose
// page's bands are; BEFORE is the root of another checkout whose
// packages/core chain is timed and compared on the same stock (the chain before a change).
//
// Prints one JSON line: per ISO year the chain's municipal net, the simulated mean, its standard error
// (the replications' standard deviation / √R) and the relative difference; the same over the whole
// horizon; and the chain's seconds (the best of three runs, after a first that fills the tables).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  costOccupancy,
  CostTable,
  Hazards,
  projectExpected,
  SHIPPED_RATES,
  type Occupancy,
  type ProjectionSpec,
} from '@jobinvest/core';
import { loadConfig } from '../packages/server/src/config.ts';
import { generatedStore, storeOf } from '../packages/server/src/data/index.ts';
import { DEMO_SIZE } from '../packages/server/src/data/demo.ts';
import { stockAndInflow } from '../packages/server/src/jobinvest/forecast.ts';
import { modelFor } from '../packages/server/src/jobinvest/models.ts';
import { projectionPerson } from '../packages/server/src/jobinvest/persons.ts';
import { jobinvestTasks, type PricedReplications } from '../packages/server/src/jobinvest/tasks.ts';
import { workPool } from '../packages/server/src/workers/index.ts';

const [dirArg, replicationsArg, before] = process.argv.slice(2) as [string, string?, string?];
const dir = resolve(dirArg);
const replications = Number(replicationsArg ?? 1000);
const HORIZON = 260;
const SEED = 14;
/** A fixed end of the demo data, so that runs on different days measure the same stock. */
const TO_WEEK = 202648;

const pool = workPool();
const db = join(dir, 'store.duckdb');
const store = existsSync(db)
  ? await storeOf(await loadConfig({ cwd: dir, overrides: { db } }))
  : (await generatedStore({ ...DEMO_SIZE, toWeek: TO_WEEK, outDir: dir, db })).store;
const [largest] = await store.query<{ m: number }>(
  'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(DISTINCT person_id) DESC LIMIT 1',
);
const [window] = await store.query<{ last: number }>(
  'SELECT max(last_week) AS last FROM observation_windows',
);
const municipality = largest!.m;
const week = window!.last;
const entry = await modelFor(store);
const { stock, inflow } = await stockAndInflow(store, municipality, week);
const out: Record<string, number | string> = {
  municipality,
  stockWeek: week,
  stockPersons: stock.length,
  horizonWeeks: HORIZON,
  replications,
};

/** Municipal net by ISO year of an occupancy. */
function netByYear(occupancy: Occupancy): Map<number, number> {
  const byYear = new Map<number, number>();
  for (const row of costOccupancy(occupancy, new CostTable({ rates: SHIPPED_RATES })).byYearAndState)
    byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.municipalNet);
  return byYear;
}

/** The chain of a core (this one's, or BEFORE's): its net by year and its best time of three. */
function chain(core: { Hazards: typeof Hazards; projectExpected: typeof projectExpected }) {
  const spec: ProjectionSpec = {
    hazards: new core.Hazards(entry.model, { municipality }),
    startWeek: week,
    horizon: HORIZON,
    persons: stock.map(projectionPerson),
    inflow,
  };
  let occupancy = core.projectExpected(spec);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    occupancy = core.projectExpected(spec);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return { net: netByYear(occupancy), seconds: best };
}

const after = chain({ Hazards, projectExpected });
const previous = before
  ? chain(
      (await import(join(resolve(before), 'packages/core/src/index.ts'))) as {
        Hazards: typeof Hazards;
        projectExpected: typeof projectExpected;
      },
    )
  : null;
out.chainSeconds = after.seconds;
if (previous) out.chainBeforeSeconds = previous.seconds;

// The replications, a few per task, as the Prognose page's bands run them.
const stockKey = 'staircase bench stock';
pool.share(stockKey, { persons: stock, inflow });
const spec = { model: entry.key, municipality, startWeek: week, horizon: HORIZON, stock: stockKey };
const PER_TASK = 5;
const firsts: number[] = [];
for (let first = 0; first < replications; first += PER_TASK) firsts.push(first);
const parts: PricedReplications[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: pool.size }, async () => {
    while (next < firsts.length) {
      const i = next++;
      parts[i] = await pool.run(jobinvestTasks, 'jobinvest.simulatePriced', {
        ...spec,
        first: firsts[i]!,
        replications: Math.min(PER_TASK, replications - firsts[i]!),
        seed: SEED,
        rates: SHIPPED_RATES,
      });
    }
  }),
);
out.simulationSeconds = (performance.now() - started) / 1000;
out.workers = pool.size;

// Per year (and over the whole horizon, as the key 0): each replication's municipal net, its mean and
// standard error, against the chain's.
const years = [...after.net.keys()].sort((a, b) => a - b);
const runs = parts.flatMap((p) => p.figures);
const sums = new Map<number, number[]>([0, ...years].map((y) => [y, []]));
for (const figures of runs) {
  const byYear = new Map<number, number>();
  for (const row of figures) byYear.set(row.year, (byYear.get(row.year) ?? 0) + row.municipalNet);
  let all = 0;
  for (const y of years) {
    sums.get(y)!.push(byYear.get(y) ?? 0);
    all += byYear.get(y) ?? 0;
  }
  sums.get(0)!.push(all);
}
const total = (m: Map<number, number>) => years.reduce((a, y) => a + (m.get(y) ?? 0), 0);
let worst = 0;
for (const y of [...years, 0]) {
  const xs = sums.get(y)!;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  const label = y === 0 ? 'all' : String(y);
  const value = y === 0 ? total(after.net) : after.net.get(y)!;
  out[`${label}_chain`] = Math.round(value);
  out[`${label}_simulatedMean`] = Math.round(mean);
  out[`${label}_standardErrorPct`] = (100 * sd) / Math.sqrt(xs.length) / mean;
  out[`${label}_differencePct`] = (100 * (value - mean)) / mean;
  if (previous) {
    const old = y === 0 ? total(previous.net) : previous.net.get(y)!;
    out[`${label}_differenceBeforePct`] = (100 * (old - mean)) / mean;
  }
  worst = Math.max(worst, Math.abs(value - mean) / mean);
}
out.worstDifferencePct = 100 * worst;
pool.unshare(stockKey);
await pool.close();
process.stdout.write(JSON.stringify({ ...out, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
process.exit(0);
