/**
 * DREAM import: one row per person (`PNR`), one column per ISO week (`y_YYWW`) holding a benefit
 * code, empty for a week without benefit; optional background columns (`kommune`, `koen`,
 * `foedselsaar`, `herkomst`) and monthly `branche_YYYY_MM` / `grad_YYYY_MM` columns (read past,
 * not stored yet).
 *
 * Why not DuckDB's `read_csv` + `UNPIVOT`: the CPR numbers must be pseudonymised before anything
 * is written, DuckDB has no HMAC, and unpivoting wide rows into person-weeks runs at about 9 million
 * cells a second here. Instead the file is scanned as bytes in one pass: each row's cells are
 * compared as small integers (no string per cell), and consecutive weeks with the same code are
 * collapsed into runs as they are read. Only the runs (a few per person) and one row per person
 * reach DuckDB, through the appender in data chunks; memory stays bounded by the read buffer and
 * the flush size, whatever the file's size.
 */

import { open } from 'node:fs/promises';
import {
  DuckDBDataChunk,
  INTEGER,
  SMALLINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import {
  danishName,
  fromDreamColumn,
  fromYyyyww,
  isBenefitCode,
  MERGED_INTO,
  validityOf,
  WeekError,
  toYyyyww,
} from '@jobinvest/core';
import { looksLikeCpr } from '../../input/cpr.ts';
import { EncodingGuard, decodeText, parseCsv } from '../../input/csv.ts';
import { InputError, ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import { clearWeeks, commitPersons, type StageContext, type Staged } from './import-run.ts';

const READ_BYTES = 8 << 20;
const FLUSH_RUNS = 2048 * 32;

interface CodeEntry {
  readonly code: string;
  /** The benefit group the code maps to. */
  readonly benefit: string;
}

/**
 * Codes known to the map. Numeric codes (DREAM's are three digits) are found by their value in a
 * table, so a cell needs no string; other codes by their text.
 */
class CodeLookup {
  /** Index of each numeric code 0-999999 in `codes`, or -1. */
  readonly numeric = new Int32Array(1_000_000).fill(-1);
  private readonly byText = new Map<string, number>();
  readonly codes: string[] = [];
  readonly unknown = new Map<string, { weeks: number; line: number; column: string }>();

  constructor(entries: readonly CodeEntry[]) {
    for (const { code } of entries) {
      const index = this.codes.push(code) - 1;
      if (/^[1-9]\d{0,5}$/.test(code)) this.numeric[Number(code)] = index;
      else this.byText.set(code, index);
    }
  }

  /** Index of a non-numeric code in `bytes[start, end)`, or -1. */
  text(bytes: Buffer, start: number, end: number): number {
    return this.byText.get(bytes.toString('latin1', start, end).trim()) ?? -1;
  }

  /** Count a cell whose code is not in the map; -2 (no benefit) if it is only spaces. */
  unknownAt(bytes: Buffer, start: number, end: number, line: number, column: string): number {
    const raw = bytes.toString('latin1', start, end).trim();
    if (raw === '') return -2;
    const seen = this.unknown.get(raw);
    if (seen) seen.weeks++;
    else this.unknown.set(raw, { weeks: 1, line, column });
    return -3;
  }
}

interface Header {
  readonly delimiter: number;
  readonly columns: readonly string[];
  readonly pnr: number;
  /** Week index of each column, or -1 for a column that is not a week. */
  readonly weekOf: Int32Array;
  readonly firstWeekColumn: number;
  readonly firstWeek: number;
  readonly lastWeek: number;
  readonly background: {
    readonly kommune: number;
    readonly koen: number;
    readonly foedselsaar: number;
    readonly herkomst: number;
  };
  readonly ignored: readonly string[];
}

function parseHeader(line: string, file: string): Header {
  const delimiter =
    [',', ';', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ??
    ',';
  const columns = line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const lower = columns.map((c) => c.toLowerCase());
  const pnr = lower.indexOf('pnr');
  if (pnr < 0) {
    throw new InputError({
      file,
      line: 1,
      column: 'PNR',
      expected: 'a PNR column with the CPR numbers',
      found: columns.slice(0, 5).join(delimiter),
    });
  }
  const weekOf = new Int32Array(columns.length).fill(-1);
  const problems = new ProblemList();
  const ignored: string[] = [];
  let previous: { week: number; column: string } | null = null;
  let firstWeekColumn = -1;
  columns.forEach((column, k) => {
    if (/^y_/i.test(column)) {
      try {
        const week = fromDreamColumn(column.toLowerCase());
        if (previous && week !== previous.week + 1) {
          problems.add({
            file,
            line: 1,
            column,
            expected: `week columns in order without gaps: the week after ${previous.column}`,
            found: column,
          });
        }
        weekOf[k] = week;
        previous = { week, column };
        if (firstWeekColumn < 0) firstWeekColumn = k;
      } catch (error) {
        if (!(error instanceof WeekError)) throw error;
        problems.add({
          file,
          line: 1,
          column,
          expected: `a DREAM week column y_YYWW naming a week that exists (${error.message})`,
          found: column,
        });
      }
    } else if (k !== pnr && !['kommune', 'koen', 'foedselsaar', 'herkomst'].includes(lower[k] ?? '')) {
      ignored.push(column);
    }
  });
  problems.throwIfAny();
  if (firstWeekColumn < 0)
    throw new InputError({ file, line: 1, expected: 'weekly columns y_YYWW', found: 'none' });
  const weeks = [...weekOf].filter((w) => w >= 0);
  return {
    delimiter: delimiter.charCodeAt(0),
    columns,
    pnr,
    weekOf,
    firstWeekColumn,
    firstWeek: Math.min(...weeks),
    lastWeek: Math.max(...weeks),
    background: {
      kommune: lower.indexOf('kommune'),
      koen: lower.indexOf('koen'),
      foedselsaar: lower.indexOf('foedselsaar'),
      herkomst: lower.indexOf('herkomst'),
    },
    ignored,
  };
}

/**
 * Text of a field: ASCII directly, anything else through the UTF-8 / Windows-1252 decoder, with the
 * guard refusing a file that mixes the two.
 */
function textOf(bytes: Buffer, start: number, end: number, guard: EncodingGuard, line: number): string {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) {
      const decoded = decodeText(bytes.subarray(start, end));
      guard.note(decoded.encoding, line);
      return decoded.text;
    }
  }
  return bytes.toString('latin1', start, end);
}

/** Growable columns of runs, flushed to the appender in data chunks. */
class RunBuffer {
  private localId = new Int32Array(FLUSH_RUNS);
  private code = new Int32Array(FLUSH_RUNS);
  private first = new Int32Array(FLUSH_RUNS);
  private last = new Int32Array(FLUSH_RUNS);
  length = 0;
  total = 0;

  constructor(private readonly appender: DuckDBAppender) {}

  push(localId: number, code: number, first: number, last: number): void {
    const i = this.length++;
    this.localId[i] = localId;
    this.code[i] = code;
    this.first[i] = first;
    this.last[i] = last;
    if (this.length === FLUSH_RUNS) this.flush();
  }

  flush(): void {
    const n = this.length;
    for (let start = 0; start < n; start += 2048) {
      const end = Math.min(n, start + 2048);
      const chunk = DuckDBDataChunk.create([INTEGER, SMALLINT, INTEGER, INTEGER], end - start);
      chunk.setColumns([
        Array.from(this.localId.subarray(start, end)),
        Array.from(this.code.subarray(start, end)),
        Array.from(this.first.subarray(start, end)),
        Array.from(this.last.subarray(start, end)),
      ]);
      this.appender.appendDataChunk(chunk);
    }
    this.total += n;
    this.length = 0;
  }
}

interface PersonRow {
  localId: number;
  line: number;
  pseudonym: string;
  birthYear: number | null;
  sex: string | null;
  origin: string | null;
  municipality: number | null;
}

class PersonBuffer {
  private rows: PersonRow[] = [];

  constructor(private readonly appender: DuckDBAppender) {}

  push(row: PersonRow): void {
    this.rows.push(row);
    if (this.rows.length === 2048) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0) return;
    const r = this.rows;
    const chunk = DuckDBDataChunk.create(
      [INTEGER, INTEGER, VARCHAR, SMALLINT, VARCHAR, VARCHAR, SMALLINT],
      r.length,
    );
    chunk.setColumns([
      r.map((x) => x.localId),
      r.map((x) => x.line),
      r.map((x) => x.pseudonym),
      r.map((x) => x.birthYear),
      r.map((x) => x.sex),
      r.map((x) => x.origin),
      r.map((x) => x.municipality),
    ]);
    this.appender.appendDataChunk(chunk);
    this.rows = [];
  }
}

/** Stage a DREAM file; `codes` is the code map in force. */
export function dreamStager(codes: readonly CodeEntry[]) {
  return async (connection: DuckDBConnection, context: StageContext): Promise<Staged> => {
    const { file } = context;
    await connection.run(
      'CREATE TEMP TABLE stage_persons (local_id INTEGER, line INTEGER, pseudonym VARCHAR, birth_year SMALLINT, sex VARCHAR, origin VARCHAR, municipality SMALLINT)',
    );
    await connection.run(
      'CREATE TEMP TABLE stage_runs (local_id INTEGER, code_index SMALLINT, first_week INTEGER, last_week INTEGER)',
    );
    const personAppender = await connection.createAppender('stage_persons', 'main', 'temp');
    const runAppender = await connection.createAppender('stage_runs', 'main', 'temp');
    const lookup = new CodeLookup(codes);
    const runs = new RunBuffer(runAppender);
    // Runs carry the index of their code; the codes themselves are joined back in at commit.
    await connection.run('CREATE TEMP TABLE stage_codes (code_index SMALLINT, code VARCHAR)');
    for (const [index, code] of lookup.codes.entries()) {
      await connection.run('INSERT INTO temp.stage_codes VALUES ($1, $2)', [index, code]);
    }
    const persons = new PersonBuffer(personAppender);
    const problems = new ProblemList();
    const guard = new EncodingGuard(file);

    const handle = await open(file, 'r');
    let header: Header | null = null;
    let lineNo = 0;
    let dataRows = 0;
    let bytesRead = 0;
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let starts = new Int32Array(1);
    let ends = new Int32Array(1);
    let encoding: 'utf-8' | 'windows-1252' = 'utf-8';

    const handleRow = (bytes: Buffer, lineStart: number, lineEnd: number) => {
      lineNo++;
      if (lineEnd > lineStart && bytes[lineEnd - 1] === 0x0d) lineEnd--;
      if (lineEnd === lineStart) return;
      if (!header) {
        const decoded = decodeText(bytes.subarray(lineStart, lineEnd));
        encoding = decoded.encoding;
        if (decoded.text.includes('\u0000'))
          throw new InputError({ file, line: 1, expected: 'a CSV text file', found: 'binary data' });
        header = parseHeader(decoded.text.replace(/^\uFEFF/, ''), file);
        starts = new Int32Array(header.columns.length);
        ends = new Int32Array(header.columns.length);
        return;
      }
      const h: Header = header;
      if (bytes.subarray(lineStart, lineEnd).includes(0x22)) {
        // Quoted fields (rare in DREAM): unquote with the general parser, then read the plain line.
        // Codes never hold a delimiter; one inside a background text is replaced by a space.
        const values = parseCsv(bytes.toString('latin1', lineStart, lineEnd), file).header;
        const d = String.fromCharCode(h.delimiter);
        const plain = Buffer.from(values.map((v) => v.split(d).join(' ')).join(d), 'latin1');
        lineNo--;
        handleRow(plain, 0, plain.length);
        return;
      }
      dataRows++;
      const localId = dataRows;
      const weekOf = h.weekOf;
      const numericCodes = lookup.numeric;
      const columns = h.columns.length;
      // One pass over the bytes: week cells are read as numbers and folded into runs on the spot;
      // the few other fields are remembered by position and read once the line is done.
      let column = 0;
      let fieldStart = lineStart;
      let value = 0;
      let numeric = true;
      let runCode = -1;
      let runFirst = 0;
      let lastWeek = -1;
      for (let i = lineStart; i <= lineEnd; i++) {
        const byte = i < lineEnd ? (bytes[i] as number) : h.delimiter;
        if (byte !== h.delimiter) {
          const digit = byte - 0x30;
          if (digit >= 0 && digit <= 9) value = value * 10 + digit;
          else numeric = false;
          continue;
        }
        if (column < columns) {
          const week = weekOf[column] as number;
          if (week < 0) {
            starts[column] = fieldStart;
            ends[column] = i;
          } else {
            let code = -2; // empty: no benefit this week
            if (i > fieldStart) {
              code =
                numeric && i - fieldStart <= 6 && bytes[fieldStart] !== 0x30
                  ? (numericCodes[value] as number)
                  : lookup.text(bytes, fieldStart, i);
              if (code === -1) code = lookup.unknownAt(bytes, fieldStart, i, lineNo, h.columns[column] ?? '');
            }
            if (code !== runCode) {
              if (runCode >= 0) runs.push(localId, runCode, runFirst, week - 1);
              runCode = code;
              runFirst = week;
            }
            lastWeek = week;
          }
        }
        column++;
        fieldStart = i + 1;
        value = 0;
        numeric = true;
      }
      if (runCode >= 0) runs.push(localId, runCode, runFirst, lastWeek);
      if (column !== columns) {
        problems.add({
          file,
          line: lineNo,
          expected: `${columns} fields as in the header`,
          found: `${column} fields`,
        });
        return;
      }
      const field = (k: number) =>
        k < 0 ? null : textOf(bytes, starts[k] ?? 0, ends[k] ?? 0, guard, lineNo).trim() || null;
      const pnr = field(h.pnr) ?? '';
      if (!looksLikeCpr(pnr)) {
        problems.add({
          file,
          line: lineNo,
          column: h.columns[h.pnr] ?? 'PNR',
          expected: 'a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)',
        });
        return;
      }
      const bg = h.background;
      const kommune = field(bg.kommune);
      const year = field(bg.foedselsaar);
      if (year !== null && !/^\d{4}$/.test(year)) {
        problems.add({
          file,
          line: lineNo,
          column: h.columns[bg.foedselsaar] ?? 'foedselsaar',
          expected: 'a birth year such as 1980',
          found: year,
        });
      }
      if (kommune !== null && !/^\d{1,4}$/.test(kommune)) {
        problems.add({
          file,
          line: lineNo,
          column: h.columns[bg.kommune] ?? 'kommune',
          expected: 'a municipality code such as 101',
          found: kommune,
        });
      }
      persons.push({
        localId,
        line: lineNo,
        pseudonym: context.pseudonymise(pnr),
        birthYear: year !== null && /^\d{4}$/.test(year) ? Number(year) : null,
        sex: field(bg.koen),
        origin: field(bg.herkomst),
        municipality: kommune !== null && /^\d{1,4}$/.test(kommune) ? Number(kommune) : null,
      });
    };

    try {
      let carried = 0;
      for (;;) {
        if (carried === buffer.length)
          throw new InputError({
            file,
            line: lineNo + 1,
            expected: `lines shorter than ${READ_BYTES >> 20} MB`,
            found: 'a longer line',
          });
        const { bytesRead: got } = await handle.read(buffer, carried, buffer.length - carried, null);
        const end = carried + got;
        bytesRead += got;
        let lineStart = 0;
        for (;;) {
          const nl = buffer.indexOf(0x0a, lineStart);
          if (nl < 0 || nl >= end) break;
          handleRow(buffer, lineStart, nl);
          lineStart = nl + 1;
          if (problems.count >= problems.limit) break;
        }
        if (problems.count >= problems.limit) break;
        context.progress?.(bytesRead, dataRows);
        if (got === 0) {
          if (end > lineStart) handleRow(buffer, lineStart, end);
          break;
        }
        buffer.copy(buffer, 0, lineStart, end);
        carried = end - lineStart;
      }
    } finally {
      await handle.close();
    }
    runs.flush();
    persons.flush();
    runAppender.closeSync();
    personAppender.closeSync();

    if (!header)
      throw new InputError({
        file,
        line: 1,
        expected: 'a header line naming the columns',
        found: 'an empty file',
      });
    const h: Header = header;
    if (dataRows === 0)
      problems.add({
        file,
        line: 2,
        expected: 'at least one row of data after the header',
        found: 'only the header',
      });
    if (lookup.unknown.size > 0) {
      const list = [...lookup.unknown.entries()].sort((a, b) => b[1].weeks - a[1].weeks);
      for (const [code, seen] of list) {
        problems.add({
          file,
          line: seen.line,
          column: seen.column,
          expected: `a code in the code map (${seen.weeks} weeks have this code; add it with --codes FILE or see jobinvest codes)`,
          found: code,
        });
      }
    }
    const duplicates = await rows<{ line: number; first: number }>(
      connection,
      `SELECT max(line) AS line, min(line) AS first FROM temp.stage_persons GROUP BY pseudonym HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const d of duplicates) {
      problems.add({
        file,
        line: d.line,
        column: h.columns[h.pnr] ?? 'PNR',
        expected: `one row per person (the same CPR number is on line ${d.first})`,
      });
    }
    problems.throwIfAny();

    const notes = [
      `${dataRows} persons, weeks ${toYyyyww(h.firstWeek)}-${toYyyyww(h.lastWeek)}, ${runs.total} runs of equal codes, read as ${encoding}`,
      ...(h.ignored.length > 0 ? [`columns read past and not stored: ${summariseColumns(h.ignored)}`] : []),
      ...(await endedCodeNotes(connection, lookup.codes, codes)),
    ];
    return {
      rows: dataRows,
      firstWeek: h.firstWeek,
      lastWeek: h.lastWeek,
      notes,
      commit: async (c, importId) => {
        await commitPersons(c);
        // Background columns update what is known of a person; unchanged rows are left alone.
        await c.run(`
          UPDATE persons SET
            birth_year = coalesce(s.birth_year, persons.birth_year),
            sex = coalesce(s.sex, persons.sex),
            origin = coalesce(s.origin, persons.origin)
          FROM (SELECT i.person_id, s.birth_year, s.sex, s.origin
                FROM temp.stage_persons s JOIN temp.stage_ids i USING (local_id)) s
          WHERE persons.person_id = s.person_id
            AND (s.birth_year IS DISTINCT FROM persons.birth_year AND s.birth_year IS NOT NULL
              OR s.sex IS DISTINCT FROM persons.sex AND s.sex IS NOT NULL
              OR s.origin IS DISTINCT FROM persons.origin AND s.origin IS NOT NULL)`);
        await clearWeeks(c, 'runs', h.firstWeek, h.lastWeek);
        await clearWeeks(c, 'observation_windows', h.firstWeek, h.lastWeek);
        await c.run(
          `DELETE FROM person_municipalities WHERE person_id IN (SELECT person_id FROM temp.stage_ids) AND from_week BETWEEN ${h.firstWeek} AND ${h.lastWeek}`,
        );
        await c.run(`
          INSERT INTO runs SELECT i.person_id, c.code, NULL, r.first_week, r.last_week, ${importId}
          FROM temp.stage_runs r JOIN temp.stage_ids i USING (local_id) JOIN temp.stage_codes c USING (code_index)`);
        await c.run(
          `INSERT INTO observation_windows SELECT person_id, ${h.firstWeek}, ${h.lastWeek}, ${importId} FROM temp.stage_ids`,
        );
        await c.run(`
          INSERT INTO person_municipalities SELECT i.person_id, ${h.firstWeek}, s.municipality, ${importId}
          FROM temp.stage_persons s JOIN temp.stage_ids i USING (local_id) WHERE s.municipality IS NOT NULL`);
      },
    };
  };
}

/**
 * Codes of a group that has ended (benefit-rules.ts: merged into the kontanthjælp of 1 July 2025)
 * met in weeks after its end: the weeks are read as the group's successor, and the import says so,
 * code by code, with the weeks and persons concerned.
 */
async function endedCodeNotes(
  connection: DuckDBConnection,
  indexed: readonly string[],
  entries: readonly CodeEntry[],
): Promise<string[]> {
  const ended = entries.flatMap((entry) => {
    if (!isBenefitCode(entry.benefit)) return [];
    const { validTo } = validityOf(entry.benefit);
    const index = indexed.indexOf(entry.code);
    return validTo === null || index < 0 ? [] : [{ ...entry, benefit: entry.benefit, index, validTo }];
  });
  if (ended.length === 0) return [];
  const values = ended.map((e) => `(${e.index}, ${fromYyyyww(e.validTo) + 1})`).join(', ');
  const found = await rows<{ code_index: number; weeks: number; persons: number }>(
    connection,
    `SELECT r.code_index, sum(r.last_week - greatest(r.first_week, e.after) + 1)::INTEGER AS weeks,
            count(DISTINCT r.local_id)::INTEGER AS persons
     FROM temp.stage_runs r JOIN (VALUES ${values}) e(code_index, after) USING (code_index)
     WHERE r.last_week >= e.after GROUP BY 1 ORDER BY 1`,
  );
  return found.map((f) => {
    const e = ended.find((x) => x.index === f.code_index)!;
    const successor = MERGED_INTO[e.benefit];
    return `code ${e.code} (${danishName(e.benefit)}) in ${f.weeks} ${f.weeks === 1 ? 'week' : 'weeks'} of ${f.persons} ${f.persons === 1 ? 'person' : 'persons'} after its end in ${e.validTo}: read as ${successor ? danishName(successor) : 'its successor'}, which its persons are on from the week after (benefit rules, jobinvest benefits)`;
  });
}

/** "branche_2016_01 … branche_2025_12 (120 columns)" rather than 120 names. */
function summariseColumns(columns: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const c of columns) {
    const prefix = c.replace(/_\d{4}_\d{2}$/, '_YYYY_MM');
    groups.set(prefix, [...(groups.get(prefix) ?? []), c]);
  }
  return [...groups.entries()]
    .map(([prefix, list]) => (list.length > 2 ? `${prefix} (${list.length} columns)` : list.join(', ')))
    .join('; ');
}
