/**
 * CSV as municipal systems write it: UTF-8 with or without a byte-order mark, or Windows-1252 /
 * Latin-1; CRLF or LF; `,`, `;` or tab between fields (chosen from the header line); quoted fields
 * with doubled quotes and line breaks inside. Every record remembers the physical line it starts on,
 * so errors can point at it.
 */

import { readFile } from 'node:fs/promises';
import { InputError } from './input-error.ts';

export interface CsvRecord {
  /** 1-based physical line the record starts on; the header is line 1. */
  readonly line: number;
  readonly values: readonly string[];
}

export interface CsvTable {
  readonly file: string;
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/**
 * Text of a file's bytes: UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped),
 * otherwise Windows-1252, which is Latin-1 plus the printable characters at 0x80-0x9F. A Latin-1
 * file with "æøå" is never valid UTF-8, so the guess does not misread Danish text.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Refuses a file written in two encodings: once a line with non-ASCII characters has been read as
 * UTF-8, a line that is not valid UTF-8 (so Windows-1252) is an error, and the other way round.
 * Such a file is damaged (two extracts concatenated, an editor saving half of it); reading each line
 * as whatever fits would hide that.
 */
export class EncodingGuard {
  private first: { encoding: 'utf-8' | 'windows-1252'; line: number } | null = null;

  constructor(private readonly file: string) {}

  /** Record that `line` held non-ASCII text read as `encoding`. */
  note(encoding: 'utf-8' | 'windows-1252', line: number): void {
    if (!this.first) {
      this.first = { encoding, line };
    } else if (this.first.encoding !== encoding) {
      const name = (e: string) => (e === 'utf-8' ? 'UTF-8' : 'Windows-1252 / Latin-1');
      throw new InputError({
        file: this.file,
        line,
        expected: `the whole file in one encoding (line ${this.first.line} is ${name(this.first.encoding)})`,
        found: `${name(encoding)} text on this line`,
      });
    }
  }

  /** Note the non-ASCII lines of a block of bytes whose first line is `firstLine`. */
  noteBlock(bytes: Uint8Array, firstLine: number): void {
    let line = firstLine;
    let start = 0;
    let high = false;
    for (let i = 0; i <= bytes.length; i++) {
      const b = i < bytes.length ? (bytes[i] as number) : 0x0a;
      if (b === 0x0a) {
        if (high) this.note(decodeText(bytes.subarray(start, i)).encoding, line);
        line++;
        start = i + 1;
        high = false;
      } else if (b >= 0x80) {
        high = true;
      }
    }
  }
}

/** The delimiter of a header line: the most frequent of `,` `;` tab outside quotes (`,` if none). */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/** One record parsed from text, and where the next one starts. */
export interface CsvRecordText {
  readonly values: string[];
  /** Index just after the record's line end. */
  readonly next: number;
  /** Physical lines the record spans. */
  readonly lines: number;
}

/** Parse one record starting at `start`; null when the text ends inside a quoted field. */
export function parseRecord(text: string, start: number, delimiter: string): CsvRecordText | null {
  const values: string[] = [];
  let field = '';
  let i = start;
  let lines = 0;
  for (;;) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') lines++;
        field += c;
        i++;
      }
    }
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r')
      field += text[i++];
    if (i < text.length && text[i] === delimiter) {
      values.push(field);
      field = '';
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    values.push(field);
    return { values, next: i, lines: lines + 1 };
  }
}

/** Parse CSV text; `file` names it in errors. Blank lines are skipped. */
export function parseCsv(text: string, file: string, encoding: CsvTable['encoding'] = 'utf-8'): CsvTable {
  const end = text.search(/\r?\n/);
  const delimiter = detectDelimiter(end < 0 ? text : text.slice(0, end));
  const records: CsvRecord[] = [];
  let line = 1;
  for (let i = 0; i < text.length;) {
    const record = parseRecord(text, i, delimiter);
    if (record === null) {
      throw new InputError({
        file,
        line,
        expected: 'a closing quote (") for the quoted field opened on this line',
      });
    }
    const { values } = record;
    if (!(values.length === 1 && values[0] === '')) records.push({ line, values });
    i = record.next;
    line += record.lines;
  }

  const [head, ...rest] = records;
  if (!head) throw new InputError({ file, line: 1, expected: 'a header line naming the columns', found: '' });
  const header = head.values.map((h, k) => (k === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  for (const r of rest) {
    if (r.values.length !== header.length) {
      throw new InputError({
        file,
        line: r.line,
        expected: `${header.length} fields separated by "${delimiter === '\t' ? '\\t' : delimiter}" as in the header`,
        found: `${r.values.length} fields`,
      });
    }
  }
  return { file, encoding, delimiter, header, records: rest };
}

/** The bytes of a file; a missing or unreadable file is an `InputError` naming it. */
export async function readFileBytes(path: string, expected = 'a readable CSV file'): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({
      file: path,
      expected,
      found: code === 'ENOENT' ? 'no such file' : String(code ?? error),
    });
  }
}

/** Decode (see `decodeText`, refusing a file in two encodings) and parse the bytes of CSV file `path`. */
export function parseCsvBytes(bytes: Uint8Array, path: string): CsvTable {
  const { text, encoding } = decodeText(bytes);
  new EncodingGuard(path).noteBlock(bytes, 1);
  return parseCsv(text, path, encoding);
}

/** Read and parse a CSV file; a missing or unreadable file is an `InputError` naming it. */
export async function readCsvFile(path: string): Promise<CsvTable> {
  return parseCsvBytes(await readFileBytes(path), path);
}

/**
 * The records as objects keyed by the required columns (matched case-insensitively, surrounding
 * spaces ignored). A missing column is an error naming the columns found.
 */
export function requireColumns<K extends string>(
  table: CsvTable,
  columns: readonly K[],
): { line: number; fields: Record<K, string> }[] {
  const lower = table.header.map((h) => h.toLowerCase());
  const positions = columns.map((c) => {
    const k = lower.indexOf(c.toLowerCase());
    if (k < 0) {
      throw new InputError({
        file: table.file,
        line: 1,
        column: c,
        expected: `a column named "${c}" (columns needed: ${columns.join(', ')})`,
        found: table.header.join(table.delimiter),
      });
    }
    return k;
  });
  return table.records.map((r) => ({
    line: r.line,
    fields: Object.fromEntries(
      columns.map((c, j) => [c, (r.values[positions[j] ?? -1] ?? '').trim()]),
    ) as Record<K, string>,
  }));
}
