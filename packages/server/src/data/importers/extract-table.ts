/**
 * A statistics extract as a table: the header row and the data rows of a file downloaded from a
 * statistics site (jobindsats.dk), whichever of its three forms the file has. The form is told by
 * the file's first bytes, not its name (an upload is staged under a temporary name):
 *
 * - **CSV** as the site's download writes it: `;` (or `,` or tab) between fields, UTF-8 with or
 *   without a byte-order mark or Windows-1252, possibly **title lines** before the header row and
 *   **footnote lines** after the data. The header row is the first row `isHeader` accepts; the lines
 *   before it are titles. After the last row with two or more values, rows with at most one value
 *   are footnotes. Lines are physical lines, the file's first line is line 1.
 * - **XLSX** (a zip file, `PK`): the first worksheet, read the same way; a row's line is its row
 *   number in the sheet, and numeric cells keep their numbers.
 * - **JSON** as the jobindsats API v2 answers (`[` or `{`): an array whose first element holds
 *   `Variables` (`[{ "Name": …, "Label": … }, …]`, one per column) and `Data` (one array of values
 *   per row, in the order of `Variables`); the header is the variables' labels. A JSON row has no
 *   line of its own: problems name it by its place in `Data` (column "Periode (Data row 3)").
 *
 * Extracts are aggregates (one row per area, period and group), a few megabytes at most, so the
 * file is read whole.
 */

import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter, EncodingGuard, parseRecord, readFileBytes } from '../../input/csv.ts';
import { InputError } from '../../input/input-error.ts';

/** A value as the file holds it: text, or a number where the file stores numbers (XLSX, JSON). */
export type Cell = string | number | null;

export interface ExtractRow {
  /** The row's line (CSV: physical line; XLSX: sheet row), or its 1-based place in JSON's `Data`. */
  readonly line: number;
  readonly cells: readonly Cell[];
}

export interface ExtractTable {
  readonly form: 'csv' | 'xlsx' | 'json';
  /** The CSV's delimiter as a message writes it (`;`, `,` or `\t`); null for XLSX and JSON. */
  readonly delimiter: string | null;
  /** How the text was read: the CSV's encoding, or the form. */
  readonly readAs: string;
  /** Text before the header row (CSV and XLSX titles), each line trimmed, blank lines left out. */
  readonly titles: readonly string[];
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly ExtractRow[];
  /** Lines after the data with at most one value (notes, source). */
  readonly footnotes: number;
  /** Where a problem in `row` (and `column`, a header name) is, for an `InputProblem`. */
  place(line: number, column?: string): { line?: number; column?: string };
}

/** How a header row is recognised, and what to say when none is. */
export interface HeaderRule {
  readonly isHeader: (cells: readonly string[]) => boolean;
  /** What was expected of the header row, for the error when no row is one. */
  readonly expected: string;
}

const text = (cell: Cell): string => (cell === null ? '' : String(cell).trim());

/** The number of cells with a value. */
const filled = (cells: readonly Cell[]) => cells.filter((c) => text(c) !== '').length;

/**
 * The header row (the first that `rule` accepts), the titles before it and the rows after it,
 * footnotes set apart.
 */
function split(
  file: string,
  lines: readonly ExtractRow[],
  rule: HeaderRule,
): Pick<ExtractTable, 'titles' | 'header' | 'headerLine' | 'rows' | 'footnotes'> {
  const at = lines.findIndex((row) => rule.isHeader(row.cells.map(text)));
  if (at < 0) {
    const first = lines.find((row) => filled(row.cells) > 0);
    throw new InputError({
      file,
      line: first?.line ?? 1,
      expected: rule.expected,
      found: first ? first.cells.map(text).join(';') : 'no text',
    });
  }
  const head = lines[at]!;
  const after = lines.slice(at + 1).filter((row) => filled(row.cells) > 0);
  let last = after.length - 1;
  while (last >= 0 && filled(after[last]!.cells) <= 1) last--;
  return {
    titles: lines
      .slice(0, at)
      .map((row) => row.cells.map(text).filter((t) => t !== '').join(' '))
      .filter((t) => t !== ''),
    header: head.cells.map(text),
    headerLine: head.line,
    rows: after.slice(0, last + 1),
    footnotes: after.length - last - 1,
  };
}

/** The CSV rows of `text`: each physical line until the header is found parsed on its own delimiter. */
function csvLines(file: string, source: string, rule: HeaderRule): { rows: ExtractRow[]; delimiter: string } {
  const rows: ExtractRow[] = [];
  let delimiter: string | null = null;
  let line = 1;
  for (let i = 0; i < source.length; ) {
    const end = source.indexOf('\n', i);
    const lineText = source.slice(i, end < 0 ? source.length : end).replace(/\r$/, '');
    const d: string = delimiter ?? detectDelimiter(lineText);
    const record = parseRecord(source, i, d);
    if (record === null)
      throw new InputError({
        file,
        line,
        expected: 'a closing quote (") for the quoted field opened on this line',
      });
    const values = line === 1 ? record.values.map((v, k) => (k === 0 ? v.replace(/^\uFEFF/, '') : v)) : record.values;
    rows.push({ line, cells: values });
    if (delimiter === null && rule.isHeader(values.map((v) => v.trim()))) delimiter = d;
    i = record.next;
    line += record.lines;
  }
  return { rows, delimiter: delimiter ?? ';' };
}

/** The value of an ExcelJS cell: numbers as numbers, rich text and formulas as what they show. */
function excelValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return excelValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

async function xlsxLines(file: string): Promise<ExtractRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError({
      file,
      expected: 'a readable Excel workbook (.xlsx)',
      found: error instanceof Error ? error.message : String(error),
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InputError({ file, expected: 'a workbook with a worksheet', found: 'no worksheet' });
  const rows: ExtractRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    // ExcelJS's row values start at index 1.
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push({ line, cells: Array.from(values, (v) => excelValue(v)) });
  });
  return rows;
}

const JSON_SHAPE =
  'JSON as the jobindsats API v2 answers: an array whose first element holds "Variables" (each with a "Label") and "Data" (an array of rows)';

function jsonTable(file: string, source: string, rule: HeaderRule): ExtractTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new InputError({ file, expected: JSON_SHAPE, found: (error as Error).message });
  }
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  const body = (first ?? {}) as { Variables?: unknown; Data?: unknown };
  const variables = body.Variables;
  const data = body.Data;
  const labels = Array.isArray(variables)
    ? variables.map((v) => {
        const variable = (v ?? {}) as { Label?: unknown; Name?: unknown };
        return String(variable.Label ?? variable.Name ?? '').trim();
      })
    : null;
  if (labels === null || !Array.isArray(data))
    throw new InputError({
      file,
      expected: JSON_SHAPE,
      found: `keys ${Object.keys(body).join(', ') || 'none'}`,
    });
  if (!rule.isHeader(labels))
    throw new InputError({ file, column: 'Variables', expected: rule.expected, found: labels.join(';') });
  const rows = data.map((row: unknown, k): ExtractRow => {
    const cells = Array.isArray(row)
      ? row.map((c: unknown): Cell => (typeof c === 'number' || typeof c === 'string' ? c : c == null ? null : String(c)))
      : [];
    return { line: k + 1, cells };
  });
  return {
    form: 'json',
    delimiter: null,
    readAs: 'JSON',
    titles: [],
    header: labels,
    headerLine: 0,
    rows,
    footnotes: 0,
    place: (line, column) =>
      line === 0
        ? { column: column === undefined ? 'Variables' : `Variables: ${column}` }
        : { column: `${column ?? 'row'} (Data row ${line})` },
  };
}

/** Read the extract `file` (see the module comment); the header row is the first `rule` accepts. */
export async function readExtract(file: string, rule: HeaderRule): Promise<ExtractTable> {
  const bytes = await readFileBytes(file, 'a readable file');
  const place = (line: number, column?: string) => ({ line, ...(column === undefined ? {} : { column }) });
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const table = split(file, await xlsxLines(file), rule);
    // A sheet row ends at its last cell with a value: the cells after it are empty.
    const width = table.header.length;
    const rows = table.rows.map((row) => ({
      line: row.line,
      cells: Array.from({ length: Math.max(width, row.cells.length) }, (_, k) => row.cells[k] ?? null),
    }));
    return { form: 'xlsx', delimiter: null, readAs: 'XLSX', ...table, rows, place };
  }
  const { text: source, encoding } = decodeText(bytes);
  if (/^\uFEFF?\s*[[{]/.test(source)) return jsonTable(file, source.replace(/^\uFEFF/, ''), rule);
  new EncodingGuard(file).noteBlock(bytes, 1);
  const { rows, delimiter } = csvLines(file, source, rule);
  return {
    form: 'csv',
    delimiter: delimiter === '\t' ? '\\t' : delimiter,
    readAs: encoding,
    ...split(file, rows, rule),
    place,
  };
}
