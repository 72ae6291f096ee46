/**
 * How every import runs, whatever the file:
 *
 * 1. The file's SHA-256 is computed; a file already imported successfully (same kind, same hash)
 *    changes nothing and reports `unchanged`.
 * 2. **Stage**: the importer reads and validates the whole file into TEMP tables of the main
 *    connection. Temp tables live in memory (or DuckDB's temp spill files, which hold pseudonyms and
 *    codes, never CPR numbers) and vanish with the process, so a crash here leaves the store as it was.
 *    Any bad row fails the whole file: problems are collected (file, line, column, expected, found)
 *    and thrown as one `InputError`.
 * 3. **Commit**: one transaction logs the import, assigns person ids to new pseudonyms and moves the
 *    staged rows into the store, replacing what an earlier extract said about the same persons and
 *    weeks. A crash inside it is rolled back by DuckDB's write-ahead log on the next open.
 *
 * A failed import is recorded in the import log (outcome `failed`, with its rejected rows) in a
 * transaction of its own; no register table is touched.
 */

import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError, renamed } from '../../input/input-error.ts';
import type { Store } from '../db.ts';
import { inTransaction, rows } from '../db.ts';
import type { Pseudonymise } from '../secret.ts';

export const IMPORT_KINDS = [
  'dream',
  'spells',
  'person-weeks',
  'ydelsesrefusion',
  'persons',
  'municipalities',
  'interventions',
  'caseworkers',
  'contacts',
  'jobindsats',
  'framework',
  'measurements',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface StageContext {
  readonly file: string;
  readonly sizeBytes: number;
  readonly pseudonymise: Pseudonymise;
  /** Called now and then with the bytes read so far. */
  readonly progress?: (bytesRead: number, rowsRead: number) => void;
}

export interface Staged {
  /** Data rows read (not counting the header). */
  readonly rows: number;
  readonly firstWeek: number | null;
  readonly lastWeek: number | null;
  /** Things a person should know about the import that are not errors (ignored columns, …). */
  readonly notes: readonly string[];
  /** Move the staged rows into the store; runs inside the commit transaction. */
  commit(connection: DuckDBConnection, importId: number): Promise<void>;
}

export type Stager = (connection: DuckDBConnection, context: StageContext) => Promise<Staged>;

export interface ImportSummary {
  readonly importId: number;
  readonly kind: ImportKind;
  readonly file: string;
  readonly outcome: 'imported' | 'unchanged';
  readonly rows: number;
  readonly firstWeek: number | null;
  readonly lastWeek: number | null;
  readonly notes: readonly string[];
  readonly seconds: number;
}

const HASH_WORKER = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 4 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => parentPort.postMessage({ sha256: hash.digest('hex') }))
  .on('error', (error) => parentPort.postMessage({ error: String(error) }));
`;

/** SHA-256 of a file, computed in a worker thread. */
export function sha256InWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: path });
    worker.once('message', (m: { sha256?: string; error?: string }) => {
      void worker.terminate();
      if (m.sha256) resolve(m.sha256);
      else reject(new Error(m.error ?? 'hashing failed'));
    });
    worker.once('error', reject);
  });
}

async function dropStaging(connection: DuckDBConnection): Promise<void> {
  const staged = await rows<{ name: string }>(
    connection,
    "SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'stage_%'",
  );
  for (const { name } of staged) await connection.run(`DROP TABLE IF EXISTS temp.${name}`);
}

async function nextImportId(connection: DuckDBConnection): Promise<number> {
  const [row] = await rows<{ id: number }>(connection, "SELECT nextval('import_id_seq') AS id");
  return row?.id ?? 0;
}

export interface RunOptions {
  readonly progress?: StageContext['progress'];
  /**
   * What the file is called for the person who gave it, in errors, the summary and the import log;
   * default `path`. An upload is staged from a temporary file and named as the client named it.
   */
  readonly name?: string;
}

export async function runImport(
  store: Store,
  kind: ImportKind,
  path: string,
  pseudonymise: Pseudonymise,
  stage: Stager,
  { progress, name = path }: RunOptions = {},
): Promise<ImportSummary> {
  const t0 = performance.now();
  const file = name;
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({
      file,
      expected: 'a readable file',
      found: code === 'ENOENT' ? 'no such file' : String(code),
    });
  }
  if (sizeBytes === 0)
    throw new InputError({
      file,
      line: 1,
      expected: 'a header line naming the columns',
      found: 'an empty file',
    });
  // The file's hash is computed on the other core while this one stages the file.
  const hashing = sha256InWorker(path);
  const seconds = () => (performance.now() - t0) / 1000;
  const previously = async (sha256: string): Promise<ImportSummary | null> => {
    const [done] = await store.query<{
      import_id: number;
      rows: number;
      first_week: number | null;
      last_week: number | null;
    }>(
      "SELECT import_id, rows, first_week, last_week FROM imports WHERE kind = $1 AND sha256 = $2 AND outcome = 'ok' ORDER BY import_id DESC LIMIT 1",
      [kind, sha256],
    );
    if (!done) return null;
    return {
      importId: done.import_id,
      kind,
      file,
      outcome: 'unchanged',
      rows: done.rows,
      firstWeek: done.first_week,
      lastWeek: done.last_week,
      notes: [`this file was imported before, as import ${done.import_id}; nothing changed`],
      seconds: seconds(),
    };
  };

  // The whole import is one job of the writer: its TEMP tables live on the writer's connection.
  return store.write(async (connection) => {
    const started = new Date();
    await dropStaging(connection);
    let staged: Staged;
    try {
      staged = await stage(connection, {
        file: path,
        sizeBytes,
        pseudonymise,
        ...(progress ? { progress } : {}),
      });
    } catch (caught) {
      const error = caught instanceof InputError ? renamed(caught, path, name) : caught;
      await dropStaging(connection);
      const sha256 = await hashing;
      const unchanged = await previously(sha256);
      if (unchanged) return unchanged;
      if (error instanceof InputError) await logFailure(connection, kind, file, sha256, started, error);
      throw error;
    }
    const sha256 = await hashing;
    const unchanged = await previously(sha256);
    if (unchanged) {
      await dropStaging(connection);
      return unchanged;
    }
    try {
      const importId = await inTransaction(connection, async (c) => {
        const id = await nextImportId(c);
        await staged.commit(c, id);
        await c.run(
          `INSERT INTO imports VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8::TIMESTAMP, current_timestamp::TIMESTAMP, 'ok', $9)`,
          [
            id,
            kind,
            file,
            sha256,
            staged.rows,
            staged.firstWeek,
            staged.lastWeek,
            started.toISOString(),
            staged.notes.join('\n') || null,
          ],
        );
        return id;
      });
      return {
        importId,
        kind,
        file,
        outcome: 'imported',
        rows: staged.rows,
        firstWeek: staged.firstWeek,
        lastWeek: staged.lastWeek,
        notes: staged.notes,
        seconds: seconds(),
      };
    } finally {
      await dropStaging(connection);
    }
  });
}

async function logFailure(
  connection: DuckDBConnection,
  kind: ImportKind,
  file: string,
  sha256: string,
  started: Date,
  error: InputError,
): Promise<void> {
  await inTransaction(connection, async (c) => {
    const id = await nextImportId(c);
    await c.run(
      `INSERT INTO imports VALUES ($1, $2, $3, $4, 0, $5, NULL, NULL, $6::TIMESTAMP, current_timestamp::TIMESTAMP, 'failed', $7)`,
      [id, kind, file, sha256, error.total ?? error.problems.length, started.toISOString(), error.message],
    );
    for (const p of error.problems) {
      await c.run('INSERT INTO rejected_rows VALUES ($1, $2, $3, $4, $5)', [
        id,
        p.line ?? null,
        p.column ?? null,
        p.expected,
        p.found ?? null,
      ]);
    }
  });
}

/**
 * Persons staged in `temp.stage_persons(local_id, pseudonym, …)`: give new pseudonyms the next
 * person ids and leave `temp.stage_ids(local_id, person_id)` for the importer's own inserts.
 */
export async function commitPersons(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    INSERT INTO persons (person_id, pseudonym)
    SELECT (SELECT coalesce(max(person_id), 0) FROM persons) + row_number() OVER (ORDER BY s.pseudonym), s.pseudonym
    FROM (SELECT DISTINCT pseudonym FROM temp.stage_persons) s
    WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.pseudonym = s.pseudonym)`);
  await connection.run(`
    CREATE TEMP TABLE stage_ids AS
    SELECT s.local_id, p.person_id FROM temp.stage_persons s JOIN persons p ON p.pseudonym = s.pseudonym`);
}

/**
 * Make room for a newer extract: for the staged persons, cut everything `table` holds inside weeks
 * `first`..`last` out of it (splitting rows that reach over the edges), so the new rows replace
 * them instead of duplicating them. `table` has `person_id, first_week, last_week` columns.
 */
export async function clearWeeks(
  connection: DuckDBConnection,
  table: 'runs' | 'observation_windows',
  first: number,
  last: number,
): Promise<void> {
  const mine = 'person_id IN (SELECT person_id FROM temp.stage_ids)';
  const cols = table === 'runs' ? 'person_id, code, benefit' : 'person_id';
  await connection.run(`
    INSERT INTO ${table} SELECT ${cols}, first_week, ${first - 1}, import_id FROM ${table}
    WHERE ${mine} AND first_week < ${first} AND last_week >= ${first}`);
  await connection.run(`
    INSERT INTO ${table} SELECT ${cols}, ${last + 1}, last_week, import_id FROM ${table}
    WHERE ${mine} AND first_week <= ${last} AND last_week > ${last}`);
  await connection.run(
    `DELETE FROM ${table} WHERE ${mine} AND first_week <= ${last} AND last_week >= ${first}`,
  );
}
