/**
 * Tables as an Excel workbook (ExcelJS): one sheet per table with its figures as numbers in Danish
 * display formats (thousands separator, decimals, "kr."), and a sheet "Forudsætninger" with the
 * assumptions, the data version and the rate table the figures were computed from. The web app
 * sends the tables it shows (POST /api/export/xlsx), so every table exports as seen. The lines the
 * screen shows at the top of a result (`notices`: rates regulated forward, for one) stand above
 * each table's header and at the top of "Forudsætninger".
 */

import { rateTableName } from '@jobinvest/core';
import ExcelJS from 'exceljs';

export interface ExportColumn {
  readonly key: string;
  readonly header: string;
  readonly numeric?: boolean | undefined;
  readonly decimals?: number | undefined;
  readonly unit?: string | undefined;
}

export interface ExportSheet {
  readonly name: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly Readonly<Record<string, string | number | null>>[];
}

export interface ExportBook {
  readonly title: string;
  readonly sheets: readonly ExportSheet[];
  readonly assumptions: readonly string[];
  /** Lines that must be seen before the figures, each a row of its own above every table. */
  readonly notices?: readonly string[] | undefined;
  readonly dataVersion?: number | null | undefined;
  readonly ratesVersion?: string | null | undefined;
  /** When the figures were made, as the caller states it (ISO 8601). */
  readonly created: string;
}

/** Excel's number format for a column: the symbols are Excel's own; a Danish Excel shows 1.234,5. */
export function numberFormat(column: ExportColumn): string {
  const decimals = column.decimals ?? 0;
  const base = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  return column.unit ? `${base} "${column.unit.replaceAll('"', '')}"` : base;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 31)
      .trim() || 'Tabel';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 27)} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Text a spreadsheet could take for a formula when the cell is edited or copied out. */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/**
 * Cells of `row` whose text begins like a formula (=, +, -, @) get the text number format, so
 * that they stay text: ExcelJS writes strings as strings, and Excel keeps a text-formatted cell
 * text even when someone edits it or pastes it elsewhere.
 */
function asText(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.numFmt = '@';
  });
}

/** A notice's row: bold, dark amber, kept as text. */
function noticeRow(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FF92400E' } };
  asText(row);
}

export async function workbook(book: ExportBook): Promise<Uint8Array<ArrayBuffer>> {
  const notices = book.notices ?? [];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jobinvest';
  wb.title = book.title;
  const taken = new Set<string>();
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheetName(sheet.name, taken));
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(12, Math.min(60, c.header.length + 4)),
      style: c.numeric ? { numFmt: numberFormat(c) } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of sheet.rows)
      asText(ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, row[c.key] ?? null]))));
    asText(ws.getRow(1));
    if (notices.length > 0) {
      ws.spliceRows(1, 0, ...notices.map((n) => [n]));
      notices.forEach((_, i) => noticeRow(ws.getRow(i + 1)));
      ws.views = [{ state: 'frozen', ySplit: notices.length + 1 }];
    }
    const first = sheet.columns[0];
    if (first && !first.numeric)
      ws.getColumn(1).width = Math.min(
        60,
        Math.max(14, ...sheet.rows.map((r) => String(r[first.key] ?? '').length + 2)),
      );
  }
  const about = wb.addWorksheet(sheetName('Forudsætninger', taken));
  about.columns = [{ header: 'Forudsætninger', key: 'text', width: 120 }];
  about.getRow(1).font = { bold: true };
  for (const n of notices) noticeRow(about.addRow({ text: n }));
  about.addRow({ text: book.title });
  about.addRow({ text: `Dannet ${book.created}` });
  if (book.dataVersion != null) about.addRow({ text: `Data version ${book.dataVersion}` });
  if (book.ratesVersion) about.addRow({ text: `Satstabel: ${rateTableName(book.ratesVersion, 'da')}` });
  about.addRow({ text: '' });
  for (const a of book.assumptions) asText(about.addRow({ text: a }));
  about.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
