/** Input the agreement estimators cannot use: too few rows, a constant item, ragged rows, a non-number. */
export class AgreementError extends Error {
  override name = 'AgreementError';
}

/**
 * Checks a table of ratings (rows = persons or subjects, columns = items or raters): at least
 * `minRows` rows and `minColumns` columns, every row as long as the first, every value finite.
 * Positions in messages count from 1, as a person reads a table.
 */
export function checkTable(
  table: readonly (readonly number[])[],
  what: { rows: string; columns: string; minRows: number; minColumns: number },
): { rows: number; columns: number } {
  const rows = table.length;
  if (rows < what.minRows)
    throw new AgreementError(`expected at least ${what.minRows} ${what.rows}, found ${rows}`);
  const columns = table[0]!.length;
  if (columns < what.minColumns)
    throw new AgreementError(`expected at least ${what.minColumns} ${what.columns}, found ${columns}`);
  table.forEach((row, i) => {
    if (row.length !== columns)
      throw new AgreementError(`row ${i + 1} has ${row.length} ${what.columns}, row 1 has ${columns}`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x))
        throw new AgreementError(`row ${i + 1}, column ${j + 1}: expected a finite number, found ${x}`);
    });
  });
  return { rows, columns };
}
