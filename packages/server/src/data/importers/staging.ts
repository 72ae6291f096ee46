/**
 * What the CSV importers share: reading a file row by row with its columns found by name, staging
 * rows into TEMP tables through the appender, turning CPR numbers into person ids on the way in,
 * and reading weeks, dates and amounts as municipal files write them.
 *
 * Columns are matched by name, case-insensitively, with spaces, `_` and `-` alike ("CPR nummer",
 * "cpr_nummer" and "CPR-nummer" are one column); extra columns are read past and named in the
 * import's notes.
 *
 * CPR numbers never reach DuckDB: `PersonStage` pseudonymises each number as it is read and stages
 * only the pseudonym, in `temp.stage_persons(local_id, line, pseudonym)` as `commitPersons` wants
 * it. No problem report shows a CPR number either: a value shaped like one (six digits, an optional
 * hyphen, four digits) is left out of `found`, whatever column it was found in, so a file with its
 * columns swapped does not print CPR numbers in its errors.
 */

import {
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  SMALLINT,
  TINYINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { BENEFIT_CODES, fromYyyyww, toYyyyww, weekIndexOfDate, WeekError } from '@jobinvest/core';
import { looksLikeCpr } from '../../input/cpr.ts';
import { InputError, type InputProblem, type ProblemList } from '../../input/input-error.ts';
import { parseNumber } from '../../input/numbers.ts';
import { streamCsv } from './csv-stream.ts';
import { rows } from '../db.ts';
import { clearWeeks, commitPersons, type StageContext } from './import-run.ts';
import type { Pseudonymise } from '../secret.ts';

const CHUNK_ROWS = 2048;

/** Column types a stage table may have. Dates are staged as `YYYY-MM-DD` text and cast on commit. */
const STAGE_TYPES = { INTEGER, SMALLINT, TINYINT, DOUBLE, VARCHAR } as const;
export type StageColumnType = keyof typeof STAGE_TYPES;

/** A TEMP table filled through the appender, in data chunks of 2048 rows. */
export class StageTable {
  private readonly buffers: DuckDBValue[][];
  private closed = false;

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: readonly DuckDBType[],
  ) {
    this.buffers = types.map(() => []);
  }

  /** Create `temp.<name>` with `columns` (name → type, in order) and an appender for it. */
  static async create(
    connection: DuckDBConnection,
    name: `stage_${string}`,
    columns: Readonly<Record<string, StageColumnType>>,
  ): Promise<StageTable> {
    const list = Object.entries(columns);
    await connection.run(`CREATE TEMP TABLE ${name} (${list.map(([c, t]) => `${c} ${t}`).join(', ')})`);
    const appender = await connection.createAppender(name, 'main', 'temp');
    return new StageTable(
      appender,
      list.map(([, t]) => STAGE_TYPES[t]),
    );
  }

  /** Append one row, its values in the order of the columns. */
  add(...values: DuckDBValue[]): void {
    const buffers = this.buffers;
    for (let k = 0; k < buffers.length; k++) buffers[k]?.push(values[k] ?? null);
    if (buffers[0]?.length === CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    const n = this.buffers[0]?.length ?? 0;
    if (n === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, n);
    chunk.setColumns(this.buffers);
    this.appender.appendDataChunk(chunk);
    for (const buffer of this.buffers) buffer.length = 0;
  }

  /** Write what is buffered and close the appender; closing twice does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.appender.closeSync();
  }
}

/** Distinct CPR numbers remembered at once; past this the memory is cleared (see `PersonStage`). */
const PERSON_CACHE = 1 << 18;

/**
 * The persons of a file, staged in `temp.stage_persons(local_id, line, pseudonym)`. Each CPR number
 * is checked and pseudonymised when first seen and gets a local id that the importer's own rows
 * refer to. Numbers seen are remembered (bounded, so memory stays bounded however many persons a
 * file has); a person seen again after the memory was cleared gets a second local id, and
 * `stagePersonKeys` folds the local ids of one pseudonym together.
 */
class PersonStage {
  private readonly seen = new Map<string, number>();
  private next = 0;

  private constructor(
    private readonly table: StageTable,
    private readonly pseudonymise: Pseudonymise,
  ) {}

  static async create(connection: DuckDBConnection, pseudonymise: Pseudonymise): Promise<PersonStage> {
    const table = await StageTable.create(connection, 'stage_persons', {
      local_id: 'INTEGER',
      line: 'INTEGER',
      pseudonym: 'VARCHAR',
    });
    return new PersonStage(table, pseudonymise);
  }

  /** The local id of the person with CPR number `cpr`, first seen on `line`; null if `cpr` is not one. */
  idOf(cpr: string, line: number): number | null {
    const known = this.seen.get(cpr);
    if (known !== undefined) return known;
    if (!looksLikeCpr(cpr)) return null;
    if (this.seen.size >= PERSON_CACHE) this.seen.clear();
    const id = ++this.next;
    this.seen.set(cpr, id);
    this.table.add(id, line, this.pseudonymise(cpr));
    return id;
  }

  close(): void {
    this.table.close();
    this.seen.clear();
  }
}

/**
 * `temp.stage_person_keys(local_id, person)`: `person` is one local id shared by all local ids of
 * the same pseudonym, for checks that need "the same person" before person ids exist.
 */
export async function stagePersonKeys(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE TEMP TABLE stage_person_keys AS
    SELECT local_id, min(local_id) OVER (PARTITION BY pseudonym) AS person FROM temp.stage_persons`);
}

const CPR_SHAPED = /\d{6}-?\d{4}/;

/** A problem without a `found` that could be a CPR number. */
export function guarded(problem: InputProblem): InputProblem {
  if (problem.found === undefined || !CPR_SHAPED.test(problem.found)) return problem;
  return {
    file: problem.file,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.column === undefined ? {} : { column: problem.column }),
    expected: `${problem.expected} (the value is not shown)`,
  };
}

/** Add a problem, leaving out a `found` that could be a CPR number. */
export function report(problems: ProblemList, problem: InputProblem): void {
  problems.add(guarded(problem));
}

/** One data row of a CSV file, its columns found by name. */
export interface CsvRow<K extends string> {
  readonly file: string;
  /** Physical line the row starts on; the header is line 1. */
  readonly line: number;
  /** The column's value, trimmed; '' for an optional column the file does not have. */
  get(column: K): string;
  /** The column's name as the file's header writes it. */
  column(column: K): string;
}

export interface CsvColumns<R extends string, O extends string> {
  readonly required: readonly R[];
  readonly optional?: readonly O[];
}

export interface CsvRead<K extends string> {
  readonly rows: number;
  /** A column's name as the file's header writes it. */
  column(column: K): string;
  readonly encoding: 'utf-8' | 'windows-1252';
  /** Header names of the columns read past. */
  readonly ignored: readonly string[];
}

const columnKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/**
 * Stream the CSV file of `context` and call `onRow` for each data row with the right number of
 * fields. A missing required column fails at once; a row with too few or too many fields, and a
 * file with a header but no rows, are problems. Reading stops when `problems` is full.
 */
export async function readCsvRows<R extends string, O extends string = never>(
  context: StageContext,
  problems: ProblemList,
  columns: CsvColumns<R, O>,
  onRow: (row: CsvRow<R | O>) => void,
): Promise<CsvRead<R | O>> {
  const { file } = context;
  const wanted: readonly (R | O)[] = [...columns.required, ...(columns.optional ?? [])];
  const index = new Map<string, number>();
  const names = new Map<string, string>();
  let width = 0;
  let delimiter = ',';
  let ignored: string[] = [];
  let values: string[] = [];
  let line = 0;
  const row: CsvRow<R | O> = {
    file,
    get line() {
      return line;
    },
    get: (column) => (values[index.get(column) ?? -1] ?? '').trim(),
    column: (column) => names.get(column) ?? column,
  };

  const read = await streamCsv(file, {
    header: (header) => {
      const keys = header.columns.map(columnKey);
      const missing = columns.required.filter((c) => !keys.includes(columnKey(c)));
      if (missing.length > 0) {
        throw new InputError(
          missing.map((c) =>
            guarded({
              file,
              line: 1,
              column: c,
              expected: `a column named "${c}" (columns needed: ${columns.required.join(', ')})`,
              found: header.columns.join(header.delimiter),
            }),
          ),
        );
      }
      for (const c of wanted) {
        const k = keys.indexOf(columnKey(c));
        if (k >= 0) {
          index.set(c, k);
          names.set(c, header.columns[k] ?? c);
        }
      }
      const used = new Set(index.values());
      ignored = header.columns.filter((_, k) => !used.has(k));
      width = header.columns.length;
      delimiter = header.delimiter === '\t' ? '\\t' : header.delimiter;
    },
    record: (fields, at) => {
      if (fields.length === width) {
        values = fields;
        line = at;
        onRow(row);
      } else {
        problems.add({
          file,
          line: at,
          expected: `${width} fields separated by "${delimiter}" as in the header`,
          found: `${fields.length} fields`,
        });
      }
      return problems.count < problems.limit;
    },
    ...(context.progress ? { progress: context.progress } : {}),
  });
  if (read.empty)
    throw new InputError({
      file,
      line: 1,
      expected: 'a header line naming the columns',
      found: 'an empty file',
    });
  if (read.records === 0)
    problems.add({
      file,
      line: 2,
      expected: 'at least one row of data after the header',
      found: 'only the header',
    });
  return { rows: read.records, column: row.column, encoding: read.encoding, ignored };
}

/** The notes every CSV import gives: what was read, and which columns were not. */
export function readNotes(read: CsvRead<string>, summary: string): string[] {
  return [
    `${summary}; read as ${read.encoding}`,
    ...(read.ignored.length > 0 ? [`columns read past and not stored: ${read.ignored.join(', ')}`] : []),
  ];
}

/** Thrown by a field parser; the message says what was expected. */
export class FieldError extends Error {
  override readonly name = 'FieldError';
}

/**
 * A column of a row, parsed; a `FieldError` from `parse` becomes a problem naming the file, line
 * and column, and the result is undefined.
 */
export function field<K extends string, T>(
  problems: ProblemList,
  row: CsvRow<K>,
  column: K,
  parse: (text: string) => T,
): T | undefined {
  const text = row.get(column);
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    report(problems, {
      file: row.file,
      line: row.line,
      column: row.column(column),
      expected: error.message,
      found: text,
    });
    return undefined;
  }
}

/** The person of a row: the local id of a valid CPR number, or a problem that does not show the value. */
function personOf<K extends string>(
  problems: ProblemList,
  persons: PersonStage,
  row: CsvRow<K>,
  column: K,
): number | undefined {
  const id = persons.idOf(row.get(column), row.line);
  if (id !== null) return id;
  problems.add({
    file: row.file,
    line: row.line,
    column: row.column(column),
    expected: 'a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)',
  });
  return undefined;
}

/**
 * Whether a period's end week is before its start week, reported as a problem at the end's column:
 * `expected` and the start week. Either week undefined (already reported) or the end null (the
 * period lasts) is not.
 */
export function endsBeforeStart<K extends string>(
  problems: ProblemList,
  row: CsvRow<K>,
  endColumn: K,
  start: number | undefined,
  end: number | null | undefined,
  expected: string,
): boolean {
  if (start === undefined || end === undefined || end === null || end >= start) return false;
  report(problems, {
    file: row.file,
    line: row.line,
    column: row.column(endColumn),
    expected: `${expected} (week ${toYyyyww(start)})`,
    found: row.get(endColumn),
  });
  return true;
}

/** What an importer whose rows each name one person stages, and from which CSV columns. */
export interface PersonRowsStage<R extends string, O extends string> extends CsvColumns<R, O> {
  readonly table: `stage_${string}`;
  /** The stage table's columns after `local_id` and `line`, in order. */
  readonly columns: Readonly<Record<string, StageColumnType>>;
  /** The CSV column holding the CPR number. */
  readonly person: R;
}

/**
 * Read the CSV file of `context` into `temp.<table>(local_id, line, …columns)` and its persons into
 * `temp.stage_persons` (see `PersonStage`). For each row the person is checked first, then `values`
 * gives the row's values for `columns`, or undefined when a field was bad (it has reported why); a
 * row is staged only when both its person and its values are good.
 */
export async function stagePersonRows<R extends string, O extends string = never>(
  connection: DuckDBConnection,
  context: StageContext,
  problems: ProblemList,
  stage: PersonRowsStage<R, O>,
  values: (row: CsvRow<R | O>) => DuckDBValue[] | undefined,
): Promise<CsvRead<R | O>> {
  const persons = await PersonStage.create(connection, context.pseudonymise);
  const table = await StageTable.create(connection, stage.table, {
    local_id: 'INTEGER',
    line: 'INTEGER',
    ...stage.columns,
  });
  try {
    return await readCsvRows(context, problems, stage, (row) => {
      const local = personOf(problems, persons, row, stage.person);
      const staged = values(row);
      if (local !== undefined && staged !== undefined) table.add(local, row.line, ...staged);
    });
  } finally {
    persons.close();
    table.close();
  }
}

/** A parser that reads '' as null and anything else with `parse`. */
export function optional<T>(parse: (text: string) => T): (text: string) => T | null {
  return (text) => (text === '' ? null : parse(text));
}

export const WEEK_FORMAT = 'an ISO week as YYYYWW that exists (e.g. 202601)';
export const DATE_FORMAT = 'a date that exists as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY';
export const WEEK_OR_DATE_FORMAT =
  'an ISO week as YYYYWW (e.g. 202601) or a date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, that exists';

/**
 * Week index of an ISO week written `YYYYWW` (also `YYYY-Wnn`, `YYYYWnn`). `YYYY-nn` is refused:
 * it reads as well as a year and month.
 */
export function parseWeek(text: string): number {
  if (!/^\d{6}$|^\d{4}-?W\d{2}$/i.test(text)) throw new FieldError(WEEK_FORMAT);
  try {
    return fromYyyyww(text.toUpperCase());
  } catch (error) {
    if (error instanceof WeekError) throw new FieldError(WEEK_FORMAT);
    throw error;
  }
}

/**
 * A calendar date as `YYYY-MM-DD`, from `YYYY-MM-DD`, `DD-MM-YYYY` or `DD.MM.YYYY` (day and month
 * may have one digit). Danish files put the day first; a month-first date is refused when its
 * "month" is over 12 and misread otherwise, which is why week-start dates are checked to be Mondays.
 */
export function parseDate(text: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
  const danish = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})$/.exec(text);
  const date =
    iso ?? (danish ? `${danish[4]}-${danish[3]?.padStart(2, '0')}-${danish[1]?.padStart(2, '0')}` : null);
  if (date === null) throw new FieldError(DATE_FORMAT);
  try {
    weekIndexOfDate(date);
  } catch (error) {
    if (error instanceof WeekError) throw new FieldError(DATE_FORMAT);
    throw error;
  }
  return date;
}

/** Week index of a week (`YYYYWW`) or of the week holding a date (see `parseDate`). */
export function parseWeekOrDate(text: string): number {
  try {
    return /^\d{6}$|W/i.test(text) ? parseWeek(text) : weekIndexOfDate(parseDate(text));
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(WEEK_OR_DATE_FORMAT);
    throw error;
  }
}

/** An amount in kroner, Danish ("1.234,50") or plain ("1234.50"); '' is null. */
export function parseAmount(text: string): number | null {
  if (text === '') return null;
  const x = parseNumber(text);
  if (x === null) throw new FieldError('an amount such as 1.234,50 or 1234.50');
  return x;
}

/** A municipality code such as 101 (København) or 851 (Aalborg). */
export function parseMunicipalityCode(text: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) === 0) throw new FieldError('a municipality code such as 101');
  return Number(text);
}

/** A text that must not be empty; `what` says what was expected. */
export function required(what: string): (text: string) => string {
  return (text) => {
    if (text === '') throw new FieldError(what);
    return text;
  };
}

const BENEFIT_INDEX = new Map<string, number>(BENEFIT_CODES.map((code, k) => [code, k]));

/** Index of a catalogue benefit code in `BENEFIT_CODES`, or -1. Staged as a TINYINT. */
export function benefitIndex(text: string): number {
  return BENEFIT_INDEX.get(text.toLowerCase()) ?? -1;
}

/** SQL turning a staged benefit index back into its code. */
export function benefitCodeSql(indexColumn: string): string {
  return `[${BENEFIT_CODES.map((c) => `'${c}'`).join(', ')}][${indexColumn} + 1]`;
}

/**
 * Values outside a closed list, counted: a file with one bad benefit code on a million rows gives
 * one problem (at the first line it is on, with the number of rows), not a million.
 */
export class UnknownValues {
  private readonly seen = new Map<string, { rows: number; line: number }>();

  add(value: string, line: number): void {
    const seen = this.seen.get(value);
    if (seen) seen.rows++;
    else if (this.seen.size < 100) this.seen.set(value, { rows: 1, line });
  }

  /**
   * One problem per value, in the order of their first line; `place` says where a line is (a JSON
   * extract's rows have no line of their own, see extract-table.ts).
   */
  report(
    problems: ProblemList,
    file: string,
    column: string,
    expected: string,
    place: (line: number) => { line?: number; column?: string } = (line) => ({ line, column }),
  ): void {
    const list = [...this.seen.entries()].sort((a, b) => a[1].line - b[1].line);
    for (const [value, { rows, line }] of list) {
      report(problems, {
        file,
        ...place(line),
        expected: `${expected}${rows > 1 ? ` (${rows} rows have this value)` : ''}`,
        found: value,
      });
    }
  }
}

/** Where a staged key has a second value: the line it first appears on, and the first line of the first value. */
export type Conflict = { readonly line: number; readonly other: number; readonly value: string };

/**
 * Keys of staged rows with more than one value (a municipality code with two names): for each, the
 * first line of its second value, naming the first line of its first value. `from` is a FROM
 * clause (with WHERE) with a `line` column; `key` and `value` are expressions over it.
 */
export async function conflicts(
  connection: DuckDBConnection,
  from: string,
  key: string,
  value: string,
): Promise<Conflict[]> {
  return rows<Conflict>(
    connection,
    `WITH firsts AS (SELECT ${key} AS key, ${value} AS value, min(line) AS first FROM ${from} GROUP BY 1, 2),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY key ORDER BY first) AS k FROM firsts)
     SELECT b.first AS line, a.first AS other, b.value::VARCHAR AS value
     FROM ranked a JOIN ranked b ON a.key = b.key AND a.k = 1 AND b.k = 2
     ORDER BY 1 LIMIT 100`,
  );
}

/**
 * Commit staged benefit runs `temp.stage_runs(local_id, benefit, first_week, last_week)` observed in
 * weeks `first`..`last`: what the store held for the file's persons inside those weeks is cut out
 * (`clearWeeks`) and replaced by the runs and one observation window per person. Weeks of the
 * window without a run are weeks without benefit.
 */
export async function commitRuns(
  connection: DuckDBConnection,
  importId: number,
  first: number,
  last: number,
): Promise<void> {
  await commitPersons(connection);
  await clearWeeks(connection, 'runs', first, last);
  await clearWeeks(connection, 'observation_windows', first, last);
  await connection.run(
    `INSERT INTO runs (person_id, code, benefit, first_week, last_week, import_id)
     SELECT i.person_id, NULL, r.benefit, r.first_week, r.last_week, $1
     FROM temp.stage_runs r JOIN temp.stage_ids i USING (local_id)`,
    [importId],
  );
  await connection.run(
    `INSERT INTO observation_windows (person_id, first_week, last_week, import_id)
     SELECT DISTINCT person_id, $1::INTEGER, $2::INTEGER, $3::INTEGER FROM temp.stage_ids`,
    [first, last, importId],
  );
}

/**
 * The weeks of staged periods with a start week and an end week (null while the period lasts): the
 * first and the last start, the last week a period reaches (its end, or its start while it lasts),
 * and the number of persons staged.
 */
export async function periodSpan(
  connection: DuckDBConnection,
  stage: `stage_${string}`,
  start: string,
  end: string,
): Promise<{ first: number; lastStart: number; last: number; persons: number }> {
  const [span] = await rows<{ first: number; last_start: number; last: number; persons: number }>(
    connection,
    `SELECT min(${start}) AS first, max(${start}) AS last_start,
            max(greatest(${start}, coalesce(${end}, ${start}))) AS last,
            (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons
     FROM temp.${stage}`,
  );
  return {
    first: span?.first ?? 0,
    lastStart: span?.last_start ?? 0,
    last: span?.last ?? 0,
    persons: span?.persons ?? 0,
  };
}

/**
 * Commit rows staged by `stagePersonRows` into `table`, which has the stage's columns under the same
 * names: what `table` held for the file's persons with `within.column` from `within.first` to
 * `within.last` is deleted, and the staged rows are inserted. A date staged as text is cast to DATE
 * by the insert, and `first` and `last` may be such dates too.
 */
export async function replacePersonRows(
  connection: DuckDBConnection,
  importId: number,
  stage: Pick<PersonRowsStage<string, string>, 'table' | 'columns'>,
  table: string,
  within: { readonly column: string; readonly first: number | string; readonly last: number | string },
): Promise<void> {
  const columns = Object.keys(stage.columns);
  await commitPersons(connection);
  await connection.run(
    `DELETE FROM ${table}
     WHERE person_id IN (SELECT person_id FROM temp.stage_ids) AND ${within.column} BETWEEN $1 AND $2`,
    [within.first, within.last],
  );
  await connection.run(
    `INSERT INTO ${table} (person_id, ${columns.join(', ')}, import_id)
     SELECT i.person_id, ${columns.map((c) => `s.${c}`).join(', ')}, $1
     FROM temp.${stage.table} s JOIN temp.stage_ids i USING (local_id)`,
    [importId],
  );
}
