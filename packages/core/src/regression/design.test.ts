import { describe, expect, it } from 'vitest';
import { DesignError, compareLevels, designMatrix } from './design.ts';

const columns = (m: ReturnType<typeof designMatrix>) => m.columns.map((c) => Array.from(c));

// R 4.2.2: d <- data.frame(x = c(1.5, 2, 3, 4), g = c("b", "a", "c", "a"), h = c("Y", "X", "X", "Y"))
const d = { x: [1.5, 2, 3, 4], g: ['b', 'a', 'c', 'a'], h: ['Y', 'X', 'X', 'Y'] };

describe('designMatrix', () => {
  it('codes a string column by treatment contrasts with the first sorted level as reference, as model.matrix(~ g + x)', () => {
    const m = designMatrix(d, ['g', 'x']);
    expect(m.names).toEqual(['(Intercept)', 'gb', 'gc', 'x']);
    expect(columns(m)).toEqual([
      [1, 1, 1, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [1.5, 2, 3, 4],
    ]);
    expect(m.hasIntercept).toBe(true);
    expect(m.terms[0]).toEqual({
      covariate: 'g',
      kind: 'categorical',
      columns: [1, 2],
      levels: ['a', 'b', 'c'],
      reference: 'a',
    });
  });

  it('gives the first factor every level when there is no intercept, as model.matrix(~ 0 + x + g + h)', () => {
    const m = designMatrix(d, ['x', 'g', 'h'], { intercept: false });
    expect(m.names).toEqual(['x', 'ga', 'gb', 'gc', 'hY']);
    expect(columns(m)).toEqual([
      [1.5, 2, 3, 4],
      [0, 1, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 1],
    ]);
    expect(m.terms[1]).toMatchObject({ reference: null, levels: ['a', 'b', 'c'] });
  });

  it('treats a numeric column marked categorical as factor(cyl), levels in numeric order', () => {
    const m = designMatrix({ cyl: [6, 4, 8, 6, 10, 2.5] }, ['cyl'], { categorical: ['cyl'] });
    // R: levels(factor(c(6, 4, 8, 6, 10, 2.5))) is "2.5" "4" "6" "8" "10".
    expect(m.names).toEqual(['(Intercept)', 'cyl4', 'cyl6', 'cyl8', 'cyl10']);
    expect(columns(m)[2]).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('takes the reference from explicit levels, as factor(h, levels = c("Y", "X"))', () => {
    const m = designMatrix(d, ['h'], { levels: { h: ['Y', 'X'] } });
    expect(m.names).toEqual(['(Intercept)', 'hX']);
    expect(columns(m)[1]).toEqual([0, 1, 1, 0]);
  });

  it('refuses what R would drop or reject, saying where', () => {
    expect(() => designMatrix(d, ['age'])).toThrow('no column "age" in the table (columns: x, g, h)');
    expect(() => designMatrix({ x: [1, NaN] }, ['x'])).toThrow(
      'x, row 2: expected a finite number, found NaN',
    );
    expect(() => designMatrix({ g: ['a', 'a'] }, ['g'])).toThrow(
      'g: a categorical covariate needs at least 2 levels, found 1 (a)',
    );
    expect(() => designMatrix(d, ['h'], { levels: { h: ['X'] } })).toThrow(
      'h, row 1: "Y" is not among the levels (X)',
    );
    expect(() => designMatrix({ x: [1, 2], y: [1] }, ['x', 'y'])).toThrow(
      'column "y" has 1 rows, expected 2',
    );
    expect(() => designMatrix(d, ['x'], { categorical: ['g'] })).toThrow(DesignError);
  });
});

describe('compareLevels', () => {
  it("sorts ASCII strings as R's sort() does in a UTF-8 locale", () => {
    // R 4.2.2 with ICU, LC_COLLATE=C.UTF-8: cat(sort(x)) of these strings.
    const r = [
      '_',
      '-a',
      '~x',
      '$',
      '1',
      'a',
      'A',
      'a b',
      'a_b',
      'a-',
      'a-b',
      'a1',
      'A1',
      'a10',
      'a2',
      'aa',
      'aA',
      'Aa',
      'AA',
      'ab',
      'aB',
      'Ab',
      'AB',
      'b',
      'B',
      'female',
      'm06-12',
      'm18-34',
      'male',
      'Male',
      'x,1',
      'x.1',
      'Z',
      'z9',
    ];
    const shuffled = [...r].reverse();
    shuffled.push(...shuffled.splice(0, 11));
    expect(shuffled.sort(compareLevels)).toEqual(r);
  });

  it('puts lower case first and is not code-point order, where "B" would precede "a"', () => {
    expect(['b', 'B', 'a', 'A'].sort(compareLevels)).toEqual(['a', 'A', 'b', 'B']);
    expect(compareLevels('same', 'same')).toBe(0);
  });
});
