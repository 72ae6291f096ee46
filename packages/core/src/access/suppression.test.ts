import { describe, expect, it } from 'vitest';
import { suppressionMask } from './suppression.ts';

/** Every withheld cell's value as the linear system of published figures pins it, or null if free. */
function recoverable(persons: number[][], mask: ReturnType<typeof suppressionMask>): boolean {
  // A withheld cell is recoverable when some published line total has it as its only unknown.
  const rows = persons.length;
  const columns = persons[0]!.length;
  const known = mask.cells.map((row) => row.map((h) => !h));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < rows; i++) {
      if (mask.rowTotals.length && !mask.rowTotals[i]) {
        const unknown = known[i]!.flatMap((k, j) => (k ? [] : [j]));
        if (unknown.length === 1) {
          known[i]![unknown[0]!] = true;
          changed = true;
        }
      }
    }
    for (let j = 0; j < columns; j++) {
      if (mask.columnTotals.length && !mask.columnTotals[j]) {
        const unknown = known.flatMap((row, i) => (row[j] ? [] : [i]));
        if (unknown.length === 1) {
          known[unknown[0]!]![j] = true;
          changed = true;
        }
      }
    }
  }
  return mask.cells.some((row, i) => row.some((h, j) => h && known[i]![j]));
}

describe('suppressionMask', () => {
  it('withholds cells on 1 to 4 persons and shows zeros and fives', () => {
    const mask = suppressionMask({ persons: [[0, 1, 4, 5, 12]] });
    expect(mask.cells).toEqual([[false, true, true, false, false]]);
    expect(mask.rowTotals).toEqual([]);
  });

  it('takes the threshold as a setting', () => {
    expect(suppressionMask({ persons: [[3, 9, 10]], threshold: 10 }).cells).toEqual([[true, true, false]]);
  });

  it('withholds a second cell where a published total would give the first away', () => {
    // Row total 30 and the other cells 7 and 20 would give the 3 back: the 7 goes too.
    const persons = [[3, 7, 20]];
    const mask = suppressionMask({ persons, rowTotals: true });
    expect(mask.cells).toEqual([[true, true, false]]);
    expect(mask.rowTotals).toEqual([false]);
    expect(recoverable(persons, mask)).toBe(false);
  });

  it('withholds the total when no other cell could hide the withheld one', () => {
    const persons = [[0, 2, 0]];
    const mask = suppressionMask({ persons, rowTotals: true });
    expect(mask.cells).toEqual([[false, true, false]]);
    expect(mask.rowTotals).toEqual([true]);
  });

  it('protects rows and columns together until nothing can be recovered', () => {
    // A municipality's departments × benefit groups with both margins published.
    const persons = [
      [2, 10, 30],
      [12, 8, 40],
      [25, 6, 1],
    ];
    const mask = suppressionMask({ persons, rowTotals: true, columnTotals: true });
    expect(recoverable(persons, mask)).toBe(false);
    // Each line with a published total has no single withheld cell.
    for (let i = 0; i < 3; i++)
      if (!mask.rowTotals[i]) expect(mask.cells[i]!.filter(Boolean).length).not.toBe(1);
    for (let j = 0; j < 3; j++)
      if (!mask.columnTotals[j]) expect(mask.cells.map((r) => r[j]).filter(Boolean).length).not.toBe(1);
    // The primary cells are among the withheld.
    expect(mask.cells[0]![0]).toBe(true);
    expect(mask.cells[2]![2]).toBe(true);
  });

  it('withholds a total that rests on few persons itself', () => {
    expect(suppressionMask({ persons: [[1, 1]], rowTotals: [2] }).rowTotals).toEqual([true]);
  });

  it('refuses a ragged table', () => {
    expect(() => suppressionMask({ persons: [[1, 2], [3]] })).toThrow('row 1 has 1 cells, expected 2');
  });
});
