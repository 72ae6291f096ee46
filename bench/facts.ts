// Child process of the benchmark: rebuild spells and count tables of a store and report the time.
import { openStore } from '../packages/server/src/data/db.ts';
import { refreshFacts } from '../packages/server/src/data/facts.ts';

const [db] = process.argv.slice(2) as [string];
const store = await openStore(db);
const t0 = performance.now();
await store.write(refreshFacts);
const seconds = (performance.now() - t0) / 1000;
const [row] = await store.query<{ person_weeks: number; spells: number }>(
  'SELECT sum(weeks) AS person_weeks, count(*) AS spells FROM spells',
);
const [cells] = await store.query<{ n: number }>('SELECT count(*) AS n FROM duration_at_risk');
store.close();
process.stdout.write(
  JSON.stringify({ seconds, personWeeks: row?.person_weeks, spells: row?.spells, riskCells: cells?.n }) +
    '\n',
);
