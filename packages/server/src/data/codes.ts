/**
 * The code map in the store: DREAM codes → benefit groups. It starts as the shipped default
 * (`DEFAULT_DREAM_CODES`, every entry marked verified or assumed) and is changed by importing a
 * codes CSV (`code,benefit,label,status`) with `--codes FILE`; entries in the file replace or add
 * to the map. Runs keep their codes, so a changed map applies to data already imported.
 */

import { BENEFIT_CODES, DEFAULT_DREAM_CODES, type DreamCode } from '@jobinvest/core';
import { readCsvFile, requireColumns, type CsvTable } from '../input/csv.ts';
import { ProblemList } from '../input/input-error.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from './db.ts';

export async function codeMap(store: Store): Promise<DreamCode[]> {
  const [count] = await store.query<{ n: number }>('SELECT count(*) AS n FROM code_map');
  if ((count?.n ?? 0) === 0) await putCodes(store, DEFAULT_DREAM_CODES);
  return store.query<DreamCode & Record<string, unknown>>(
    'SELECT code, benefit, label, status FROM code_map ORDER BY code',
  );
}

export async function putCodes(store: Store, codes: readonly DreamCode[]): Promise<void> {
  await store.transaction((c) => writeCodes(c, codes));
}

/** Add or replace code map entries on a connection (inside the caller's transaction). */
export async function writeCodes(connection: DuckDBConnection, codes: readonly DreamCode[]): Promise<void> {
  for (const code of codes) {
    await connection.run('INSERT OR REPLACE INTO code_map VALUES ($1, $2, $3, $4)', [
      code.code,
      code.benefit,
      code.label,
      code.status,
    ]);
  }
}

/** The map with `changes` laid over it: entries of the same code replaced, new ones added. */
export function mergeCodes(map: readonly DreamCode[], changes: readonly DreamCode[]): DreamCode[] {
  const merged = new Map(map.map((c) => [c.code, c]));
  for (const c of changes) merged.set(c.code, c);
  return [...merged.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Read a codes CSV; every bad field is named by line and column. */
export async function readCodesFile(path: string): Promise<DreamCode[]> {
  return codesOf(await readCsvFile(path));
}

/** The entries of a parsed codes CSV (an upload, a file); every bad field is named by line and column. */
export function codesOf(table: CsvTable): DreamCode[] {
  const records = requireColumns(table, ['code', 'benefit', 'label', 'status'] as const);
  const problems = new ProblemList();
  const codes: DreamCode[] = [];
  for (const { line, fields } of records) {
    const at = (column: string) => ({ file: table.file, line, column });
    if (fields.code === '') problems.add({ ...at('code'), expected: 'a DREAM code', found: '' });
    if (!(BENEFIT_CODES as readonly string[]).includes(fields.benefit)) {
      problems.add({
        ...at('benefit'),
        expected: 'a benefit code of the catalogue (jobinvest benefits)',
        found: fields.benefit,
      });
    }
    if (fields.status !== 'verified' && fields.status !== 'assumed')
      problems.add({ ...at('status'), expected: 'verified or assumed', found: fields.status });
    codes.push(fields as unknown as DreamCode);
  }
  problems.throwIfAny();
  return codes;
}
