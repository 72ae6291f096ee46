/** A fresh store for one importer test, with the helpers every importer test uses. */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { InputError } from '../../input/input-error.ts';
import { tempDir, writeTemp } from '../../cli/test-helpers.ts';
import { closeStore, openStore, type Row, type Store } from '../db.ts';
import { runImport, type ImportKind, type ImportSummary } from './import-run.ts';
import { stagerFor } from './importers.ts';
import { pseudonymiser, type Pseudonymise } from '../secret.ts';

/** Two valid CPR numbers, the second written with a hyphen, for the persons of test files. */
export const A = '0101801234';
export const B = '150290-4321';

/** The register tables an import may write to. */
export const REGISTER_TABLES = [
  'persons',
  'runs',
  'observation_windows',
  'person_municipalities',
  'municipalities',
  'municipality_years',
  'interventions',
  'caseworker_assignments',
  'contacts',
  'refusion_lines',
  'peer_figures',
  'framework_conditions',
  'measurements',
  'measurement_answers',
] as const;

export interface TestStore {
  readonly store: Store;
  readonly dir: string;
  readonly pseudonymise: Pseudonymise;
  /** Write a file into the test's directory and return its path. */
  file(name: string, content: string | Uint8Array): string;
  importFile(kind: ImportKind, file: string): Promise<ImportSummary>;
  /**
   * Import a file that must fail, check that no register table changed and that the error names no
   * CPR number of `cprs`; returns the error.
   */
  rejects(kind: ImportKind, file: string, cprs?: readonly string[]): Promise<InputError>;
  /** Count and checksum of every register table. */
  snapshot(): Promise<Record<string, string>>;
  /** The person id the store gave the person with CPR number `cpr`. */
  personId(cpr: string): Promise<number | undefined>;
  /** Rows of `sql` with `$1` the person id of `cpr` (-1, matching nothing, for a person not stored). */
  personRows(cpr: string, sql: string): Promise<Row[]>;
  /** The observation windows of the person with CPR number `cpr`, in order. */
  windowsOf(cpr: string): Promise<Row[]>;
  close(): Promise<void>;
}

export async function testStore(): Promise<TestStore> {
  const dir = tempDir();
  const path = join(dir, 'store.duckdb');
  const store = await openStore(path);
  const pseudonymise = pseudonymiser(join(dir, 'secret'));
  const snapshot = async () => {
    const result: Record<string, string> = {};
    for (const table of REGISTER_TABLES) {
      const [row] = await store.query<{ n: number; sum: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) AS sum FROM ${table} t`,
      );
      result[table] = `${row?.n} ${row?.sum}`;
    }
    return result;
  };
  const personId = async (cpr: string) => {
    const [row] = await store.query<{ person_id: number }>(
      'SELECT person_id FROM persons WHERE pseudonym = $1',
      [pseudonymise(cpr)],
    );
    return row?.person_id;
  };
  const personRows = async (cpr: string, sql: string) => store.query(sql, [(await personId(cpr)) ?? -1]);
  const importFile = (kind: ImportKind, file: string) =>
    runImport(store, kind, file, pseudonymise, stagerFor(kind, { codes: [] }));
  return {
    store,
    dir,
    pseudonymise,
    file: (name, content) => writeTemp(dir, name, content),
    importFile,
    rejects: async (kind, file, cprs = []) => {
      const before = await snapshot();
      const error = await importFile(kind, file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(await snapshot()).toEqual(before);
      const logged = await store.query<{ text: string }>(
        `SELECT coalesce(message, '') || coalesce(string_agg(coalesce(r.found, '') || r.expected, '|'), '') AS text
         FROM imports i LEFT JOIN rejected_rows r USING (import_id)
         WHERE i.outcome = 'failed' GROUP BY i.import_id, i.message`,
      );
      for (const cpr of cprs) {
        const digits = cpr.replaceAll('-', '');
        expect((error as Error).message.replaceAll('-', '')).not.toContain(digits);
        for (const { text } of logged) expect(text.replaceAll('-', '')).not.toContain(digits);
      }
      return error as InputError;
    },
    snapshot,
    personId,
    personRows,
    windowsOf: (cpr) =>
      personRows(
        cpr,
        'SELECT first_week, last_week FROM observation_windows WHERE person_id = $1 ORDER BY first_week',
      ),
    close: async () => {
      await closeStore(path);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bytes of `text` in Windows-1252 (Latin-1 for the characters Danish files use). */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`"${c}" is not a Latin-1 character`);
      return code;
    }),
  );
}
