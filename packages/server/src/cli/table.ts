/** Plain-text tables for people at a terminal; numbers right-aligned. */

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  readonly align?: 'left' | 'right';
}

export function renderTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, k) => Math.max(c.header.length, ...cells.map((r) => (r[k] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, k) => (columns[k]?.align === 'right' ? v.padStart(widths[k] ?? 0) : v.padEnd(widths[k] ?? 0)))
      .join('  ')
      .trimEnd();
  return (
    [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join(
      '\n',
    ) + '\n'
  );
}
