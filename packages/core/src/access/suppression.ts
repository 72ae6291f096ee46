/**
 * Diskretionering: figures that rest on fewer than `threshold` persons are withheld from roles
 * without access to unsuppressed figures, so that small numbers do not identify anyone.
 *
 * Primary suppression withholds every cell resting on 1 to threshold − 1 persons (a cell of no
 * persons says nothing about anyone and is shown). Secondary suppression then withholds more, so
 * that a withheld cell cannot be recovered from a published total and the other cells of its row
 * or column: wherever a line with a published total has exactly one withheld cell, the smallest
 * other cell that rests on someone is withheld too, or, when there is none, the total itself.
 * Withholding a cell for a row can leave its column with one withheld cell, so the rule is applied
 * again until nothing changes (it ends: every round withholds at least one more figure).
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface SuppressionInput {
  /** Persons behind each cell, rows × columns. */
  readonly persons: readonly (readonly number[])[];
  /** Persons behind each row's published total, if rows have one (default: the row's sum). */
  readonly rowTotals?: readonly number[] | boolean;
  /** Persons behind each column's published total, if columns have one (default: the column's sum). */
  readonly columnTotals?: readonly number[] | boolean;
  readonly threshold?: number;
}

export interface SuppressionMask {
  /** Whether each cell is withheld. */
  readonly cells: boolean[][];
  /** Whether each row's total is withheld (empty when rows have no total). */
  readonly rowTotals: boolean[];
  readonly columnTotals: boolean[];
}

/** Whether a figure on `persons` is withheld at `threshold`: 1 to threshold − 1 (a 0 is shown). */
export function isFew(persons: number, threshold: number): boolean {
  return persons > 0 && persons < threshold;
}

function totalsOf(given: readonly number[] | boolean | undefined, sums: () => number[]): number[] | null {
  if (given === undefined || given === false) return null;
  return given === true ? sums() : [...given];
}

export function suppressionMask(input: SuppressionInput): SuppressionMask {
  const threshold = input.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const persons = input.persons;
  const rows = persons.length;
  const columns = rows === 0 ? 0 : persons[0]!.length;
  for (const [i, row] of persons.entries())
    if (row.length !== columns) throw new Error(`row ${i} has ${row.length} cells, expected ${columns}`);
  const rowTotals = totalsOf(input.rowTotals, () => persons.map((row) => row.reduce((a, b) => a + b, 0)));
  const columnTotals = totalsOf(input.columnTotals, () =>
    Array.from({ length: columns }, (_, j) => persons.reduce((sum, row) => sum + row[j]!, 0)),
  );
  const cells = persons.map((row) => row.map((n) => isFew(n, threshold)));
  const rowHidden = (rowTotals ?? []).map((n) => isFew(n, threshold));
  const columnHidden = (columnTotals ?? []).map((n) => isFew(n, threshold));

  /** Protect one line (a row or a column) whose total is published: true if it withheld more. */
  const protect = (
    at: (k: number) => [number, number],
    length: number,
    total: { hidden: boolean[]; k: number },
  ) => {
    if (total.hidden[total.k]) return false;
    let withheld = 0;
    let smallest: [number, number] | null = null;
    for (let k = 0; k < length; k++) {
      const [i, j] = at(k);
      if (cells[i]![j]) withheld++;
      else if (
        persons[i]![j]! > 0 &&
        (smallest === null || persons[i]![j]! < persons[smallest[0]]![smallest[1]]!)
      )
        smallest = [i, j];
    }
    if (withheld !== 1) return false;
    if (smallest) cells[smallest[0]]![smallest[1]] = true;
    else total.hidden[total.k] = true;
    return true;
  };

  for (let changed = true; changed;) {
    changed = false;
    if (rowTotals)
      for (let i = 0; i < rows; i++)
        changed = protect((k) => [i, k], columns, { hidden: rowHidden, k: i }) || changed;
    if (columnTotals)
      for (let j = 0; j < columns; j++)
        changed = protect((k) => [k, j], rows, { hidden: columnHidden, k: j }) || changed;
  }
  return { cells, rowTotals: rowHidden, columnTotals: columnHidden };
}

/** `value` unless `hidden`, else null (the JSON form of a withheld figure). */
export function withheld<T>(value: T, hidden: boolean): T | null {
  return hidden ? null : value;
}
