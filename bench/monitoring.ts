// Child process of the benchmark: resultatstyring on a generated store of `<persons>` persons in one
// municipality, 2016 to 2025 (100,000 persons: about 50 million person-weeks), with the generator's
// jobindsats extract and framework conditions for all 98 municipalities. Times, for the year 2025:
// all measures of the municipality (jobinvest kpi / GET /api/kpi) for all public support and for each
// group, the first time (counted) and again (kept until the data change); the scorecard, the first
// time and warm (as the Resultater page asks it again); the 98-municipality benchmark; Nøgletal's
// development, all measures in each of the last 24 whole months (GET /api/kpi/series without its
// forecast), the first time and again.
import { join } from 'node:path';
import { fromYyyyww, MEASURE_BENEFITS, SHIPPED_RATES } from '@jobinvest/core';
import { GENERATED_FILES, generatedStore } from '../packages/server/src/data/generate.ts';
import { importFile } from '../packages/server/src/data/import.ts';
import { kpi } from '../packages/server/src/monitoring/kpi.ts';
import { kpiSeries } from '../packages/server/src/monitoring/outlook.ts';
import { benchmarkOf, scorecardOf } from '../packages/server/src/monitoring/scorecard.ts';

const [persons, dir] = process.argv.slice(2) as [string, string];
const ms = (from: number) => performance.now() - from;
let t = performance.now();
const { config, store } = await generatedStore({
  persons: Number(persons),
  municipalities: 1,
  fromYear: 2016,
  toYear: 2025,
  seed: 5,
  outDir: dir,
  db: join(dir, 'store.duckdb'),
});
// The municipal files and the extract, as the demo imports them.
for (const kind of [
  'municipalities',
  'interventions',
  'caseworkers',
  'contacts',
  'jobindsats',
  'framework',
] as const)
  await importFile(config, kind, join(dir, GENERATED_FILES[kind]));
const out: Record<string, number> = { storeSeconds: ms(t) / 1000 };
const [row] = await store.query<{ m: number; weeks: number }>(
  'SELECT min(municipality) AS m, (SELECT sum(last_week - first_week + 1) FROM observed) AS weeks FROM person_municipalities',
);
const municipality = row!.m;
out.personWeeksMillions = Number(row!.weeks) / 1e6;
const year = { from: fromYyyyww(202501), to: fromYyyyww(202552) };
const ask = (benefit: string) =>
  kpi(store, { municipality, benefit, ...year, level: 'municipality', threshold: null });

// The facts (jobindsats_spells among them) are built once after an import, not per question.
t = performance.now();
await store.query('SELECT 1');
await ask('sygedagpenge');
out.factsAndFirstKpiMs = ms(t);

t = performance.now();
await ask('all');
out.kpiAllFirstMs = ms(t);
t = performance.now();
await ask('all');
out.kpiAllAgainMs = ms(t);

const groups = MEASURE_BENEFITS.filter((b) => b !== 'all' && b !== 'sygedagpenge');
const times: number[] = [];
for (const benefit of groups) {
  t = performance.now();
  await ask(benefit);
  times.push(ms(t));
}
out.kpiGroupFirstMeanMs = times.reduce((a, b) => a + b, 0) / times.length;
out.kpiGroupFirstMaxMs = Math.max(...times);

const card = () =>
  scorecardOf(store, {
    municipality,
    benefit: 'sygedagpenge',
    to: fromYyyyww(202552),
    peers: { kind: 'similar' },
    rates: SHIPPED_RATES,
    threshold: null,
    forecastReplications: 0,
  });
t = performance.now();
await card();
out.scorecardFirstMs = ms(t);
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  t = performance.now();
  await card();
  warm.push(ms(t));
}
out.scorecardWarmMedianMs = warm.sort((a, b) => a - b)[2]!;

try {
  t = performance.now();
  const benchmark = await benchmarkOf(store, {
    municipality,
    to: fromYyyyww(202552),
    rates: SHIPPED_RATES,
    forecastReplications: 0,
  });
  out.benchmarkMs = ms(t);
  out.benchmarkMunicipalities = benchmark.benchmark.rows.length;
} catch (error) {
  process.stderr.write(`benchmark: ${error instanceof Error ? error.message : String(error)}\n`);
  out.benchmarkMs = NaN;
}
const series = () =>
  kpiSeries(store, { municipality, benefit: 'all', level: 'municipality', threshold: null }, null, 24);
t = performance.now();
await series();
out.series24FirstMs = ms(t);
t = performance.now();
await series();
out.series24AgainMs = ms(t);
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
