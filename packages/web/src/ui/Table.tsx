/** A table of figures (TanStack Table): sortable columns, Danish numbers, right-aligned figures. */

import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { downloadPost } from '../download.ts';
import { formatNumber } from '../format.ts';
import { useWords } from '../i18n.tsx';
import { useMay } from '../permissions.tsx';

/** What an exported table carries beside its figures: set by the page that shows it. */
export interface ExportInfo {
  readonly title: string;
  readonly assumptions: readonly string[];
  /** Lines above every exported table, as at the top of the page. */
  readonly notices?: readonly string[];
  readonly dataVersion?: number | null;
  readonly ratesVersion?: string | null;
}

const ExportContext = createContext<ExportInfo>({ title: 'jobinvest', assumptions: [] });

export function ExportInfoProvider({ info, children }: { info: ExportInfo; children: ReactNode }) {
  return <ExportContext.Provider value={info}>{children}</ExportContext.Provider>;
}

/** Download the table as .xlsx (POST /api/export/xlsx). */
function downloadXlsx(info: ExportInfo, name: string, columns: readonly Column[], rows: readonly Row[]) {
  return downloadPost(
    '/api/export/xlsx',
    {
      title: `${info.title} – ${name}`,
      sheets: [{ name, columns, rows }],
      assumptions: info.assumptions,
      notices: info.notices ?? [],
      dataVersion: info.dataVersion ?? null,
      ratesVersion: info.ratesVersion ?? null,
    },
    `${info.title} - ${name}.xlsx`,
  );
}

export interface Column {
  readonly key: string;
  readonly header: string;
  readonly numeric?: boolean;
  readonly decimals?: number;
  /** Shown after the number, e.g. "kr.". */
  readonly unit?: string;
  /**
   * The language of the column's values when it is not the page's: register texts are Danish, the
   * importer's records of a file English.
   */
  readonly lang?: 'da' | 'en';
  /** What a click on the cell's text does (a drill-down): the text is then a button. */
  readonly onClick?: (row: Row) => void;
}

export type Row = Record<string, string | number | null>;

/**
 * The Excel button of a table (shown to a role that may export): the rows as one sheet, with what the
 * page's ExportInfoProvider says about them; a refusal said beside it.
 */
export function ExportButton({
  name,
  title,
  columns,
  rows,
}: {
  name: string;
  title?: string;
  columns: readonly Column[];
  rows: readonly Row[];
}) {
  const words = useWords();
  const info = useContext(ExportContext);
  const [exportError, setExportError] = useState<string | null>(null);
  const mayExport = useMay('export');
  if (!mayExport) return null;
  // Only what the workbook takes: a column's click handler stays on the screen.
  const sheetColumns = columns.map(({ onClick: _, ...column }) => column);
  return (
    <>
      <button
        type="button"
        className="link"
        data-export={name}
        onClick={() =>
          downloadXlsx(info, title ?? name, sheetColumns, rows).then(
            () => setExportError(null),
            (error: unknown) => setExportError(error instanceof Error ? error.message : String(error)),
          )
        }
      >
        {words('excel')}
      </button>
      {exportError && (
        <span role="alert" className="invalid">
          {exportError}
        </span>
      )}
    </>
  );
}

export function DataTable({
  name,
  title,
  columns,
  rows,
}: {
  name: string;
  /** The sheet's name in the export (default: the table's name). */
  title?: string;
  columns: readonly Column[];
  rows: readonly Row[];
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => ({
        id: c.key,
        accessorFn: (row: Row) => row[c.key],
        header: c.header,
        cell: (info) => {
          const v = info.getValue() as string | number | null;
          const text =
            v === null || v === undefined
              ? '–'
              : typeof v === 'number'
                ? `${formatNumber(v, c.decimals ?? 0)}${c.unit ? ` ${c.unit}` : ''}`
                : v;
          if (!c.onClick) return text;
          const row = info.row.original;
          return (
            <button type="button" className="link" onClick={() => c.onClick!(row)}>
              {text}
            </button>
          );
        },
        meta: { numeric: c.numeric === true, lang: c.lang },
      })),
    [columns],
  );
  const table = useReactTable({
    data: rows as Row[],
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <div className="table-wrap">
      <div className="table-tools">
        <ExportButton name={name} columns={columns} rows={rows} {...(title ? { title } : {})} />
      </div>
      <table data-table={name}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const numeric = (header.column.columnDef.meta as { numeric: boolean }).numeric;
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    className={numeric ? 'num' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  >
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={(cell.column.columnDef.meta as { numeric: boolean }).numeric ? 'num' : undefined}
                  lang={(cell.column.columnDef.meta as { lang?: string }).lang}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
