// Child process of the benchmark: Jobinvestering on a generated store. `estimate <persons> <dir>`
// times model estimation; `project <persons> <dir>` times the projections, the break-even search
// and microsimulation on a stock of 20,000 persons and on an investment case of 100 participants:
// 100 replications alone, and the whole case with them and its break-even search.
import { join } from 'node:path';
import { fromYyyyww, Hazards, projectExpected, simulate, SHIPPED_RATES } from '@jobinvest/core';
import { generatedStore } from '../packages/server/src/data/generate.ts';
import { parseCase } from '../packages/server/src/jobinvest/case-schema.ts';
import {
  evaluateCase,
  latestCaseStart,
  modelFor,
  projectionPerson,
} from '../packages/server/src/jobinvest/index.ts';
import { inflowBefore, stockAt } from '../packages/server/src/data/model-data.ts';
import { workPool } from '../packages/server/src/workers/index.ts';

const [mode, persons, dir] = process.argv.slice(2) as [string, string, string];
const seconds = (from: number) => (performance.now() - from) / 1000;
// As `jobinvest serve` does, the worker pool boots while the store is made (see workerBootSeconds).
workPool();
const { store } = await generatedStore({
  persons: Number(persons),
  municipalities: 1,
  fromYear: 2016,
  toYear: 2025,
  seed: 3,
  outDir: dir,
  db: join(dir, 'store.duckdb'),
});
const [m] = await store.query<{ m: number }>('SELECT min(municipality) AS m FROM person_municipalities');
const municipality = m!.m;
const out: Record<string, number> = {};
let t = performance.now();
const entry = await modelFor(store);
out.estimationSeconds = seconds(t);
out.cells = entry.cells;
if (mode === 'project') {
  const week = fromYyyyww(202552);
  const stock = (await stockAt(store, { week, municipality })).slice(0, 20_000).map(projectionPerson);
  const inflow = await inflowBefore(store, { week, municipality });
  const hazards = new Hazards(entry.model, { municipality });
  const spec = { hazards, startWeek: week, horizon: 260, persons: stock, inflow };
  out.stockPersons = stock.length;
  // Cold: the first projection also fills the hazards' probability tables; warm: as the server runs
  // it again (same process, tables kept).
  t = performance.now();
  projectExpected(spec);
  out.expectedProjectionColdSeconds = seconds(t);
  t = performance.now();
  projectExpected(spec);
  out.expectedProjectionSeconds = seconds(t);
  t = performance.now();
  simulate(spec, { replications: 3, seed: 1 });
  out.stockMicrosimulationSecondsPerReplication = seconds(t) / 3;
  const doc = parseCase({
    name: 'bench',
    municipality: String(municipality).padStart(3, '0'),
    target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 52 },
    participants: 100,
    startWeek: '202601',
    cost: { perParticipant: 25000 },
    effect: { hazardRatio: 1.3, to: ['job'] },
    horizonWeeks: 260,
    discountRate: 0.035,
  });
  if (!doc.ok) throw new Error(doc.problems.join('; '));
  const evaluate = async (replications: number, breakEven = true) => {
    const started = performance.now();
    const result = await evaluateCase(
      store,
      { ...doc.value, breakEven },
      { rates: SHIPPED_RATES, replications, latestStart: latestCaseStart(Date.now()) },
    );
    return { result, seconds: seconds(started) };
  };
  const cold = await evaluate(0);
  out.caseColdSeconds = cold.seconds;
  out.caseTargetGroup = cold.result.targetGroupSize;
  const warm = await evaluate(0);
  out.caseSeconds = warm.seconds;
  // The warm case's seconds bound its break-even search from above: they also hold the projection
  // with the case's own effect (the target group and its projection without are kept from the first).
  out.breakEvenEffect = warm.result.breakEvenEffect ?? NaN;
  // The replications alone: the case without its break-even search, with and without them (the
  // server may run the replications beside the search, so the full case's time is given apart).
  const live = await evaluate(0, false);
  const replicatedOnly = await evaluate(100, false);
  out.case100ReplicationsSeconds = replicatedOnly.seconds - live.seconds;
  out.caseWith100ReplicationsSeconds = (await evaluate(100)).seconds;
}
process.stdout.write(JSON.stringify({ ...out, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
