/**
 * The demo data behind `npm start`: if the store is empty, a synthetic population (a handful of
 * municipalities of different sizes, from 2016 to the week the caller names: the command line passes
 * the week of yesterday) is generated beside the database and imported through the same importers
 * as real files; if the store has data, it is used as it is.
 */

import { dirname, join } from 'node:path';
import { formatNumber } from '@jobinvest/core';
import type { Config } from '../config.ts';
import { auditImport, importWithProgress, storeOf } from './import.ts';
import { progressBar } from '../cli/progress.ts';
import { GENERATED_FILES, generatePopulation } from './generate.ts';
import type { ImportKind } from './importers/import-run.ts';
import { isEmpty } from './summary.ts';
import { localUsername } from './audit.ts';

export interface DemoSize {
  readonly persons: number;
  readonly municipalities: number;
  readonly fromYear: number;
  readonly seed: number;
}

/**
 * Large enough for hundreds of spells in every benefit group, small enough to be ready in about a
 * minute. The end is no constant: the demo runs to the week of yesterday (`toWeek`, from the caller).
 */
export const DEMO_SIZE: DemoSize = {
  persons: 60_000,
  municipalities: 5,
  fromYear: 2016,
  seed: 2026,
};

/** The kinds the demo imports, in order. */
const DEMO_IMPORTS: readonly (ImportKind & keyof typeof GENERATED_FILES)[] = [
  'municipalities',
  'jobindsats',
  'framework',
  'persons',
  'dream',
  'ydelsesrefusion',
  'interventions',
  'caseworkers',
  'contacts',
  'measurements',
];

export async function ensureDemoData(
  config: Config,
  io: { readonly err: (text: string) => void; readonly tty?: boolean },
  size: DemoSize & { readonly toWeek: number },
): Promise<'reused' | 'created'> {
  const store = await storeOf(config);
  if (!(await isEmpty(store))) {
    io.err(`Using the data already in ${config.db} (jobinvest status shows it).\n`);
    return 'reused';
  }
  const dir = join(dirname(config.db), 'demo');
  io.err(
    `The store ${config.db} is empty: generating a demo population of ${formatNumber(size.persons)} persons into ${dir}.\n`,
  );
  const bar = progressBar('generate', size.persons, io.err, { tty: io.tty ?? false });
  const generated = await generatePopulation({
    ...size,
    outDir: dir,
    progress: (done) => bar.update(done, done),
  });
  bar.finish(
    `${formatNumber(size.persons)} persons, ${size.fromYear}01-${size.toWeek}, in ${formatNumber(generated.seconds, 1)} s ` +
      `(${formatNumber(generated.personWeeksPerSecond)} person-weeks/s)`,
  );
  for (const kind of DEMO_IMPORTS) {
    const summary = await importWithProgress(config, kind, join(dir, GENERATED_FILES[kind]), io);
    // Imported by whoever started the demo, as every import is recorded.
    const by = { username: localUsername(), role: 'admin' } as const;
    await auditImport(store, by, kind, `${GENERATED_FILES[kind]} (demo data)`, summary);
  }
  return 'created';
}
