// Child process of the benchmark: import one DREAM file into a fresh store and report time and peak memory.
import { DEFAULT_DREAM_CODES } from '@jobinvest/core';
import { openStore } from '../packages/server/src/data/db.ts';
import { dreamStager } from '../packages/server/src/data/importers/dream.ts';
import { runImport } from '../packages/server/src/data/importers/import-run.ts';
import { pseudonymiser } from '../packages/server/src/data/secret.ts';

const [file, db, secret, memoryLimit] = process.argv.slice(2) as [string, string, string, string | undefined];
const store = await openStore(db, memoryLimit === undefined ? {} : { memoryLimit });
const t0 = performance.now();
const summary = await runImport(
  store,
  'dream',
  file,
  pseudonymiser(secret),
  dreamStager(DEFAULT_DREAM_CODES),
);
const seconds = (performance.now() - t0) / 1000;
store.close();
const weeks = (summary.lastWeek ?? 0) - (summary.firstWeek ?? 0) + 1;
process.stdout.write(
  JSON.stringify({
    seconds,
    persons: summary.rows,
    cells: summary.rows * weeks,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
