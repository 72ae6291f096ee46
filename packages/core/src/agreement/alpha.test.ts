import { describe, expect, it } from 'vitest';
import { AGREEMENT, mismatches } from '../survival/oracle.test-support.ts';
import { cronbachAlpha } from './alpha.ts';
import { AgreementError } from './error.ts';
import { cases, list, num, numOrNa, object, rowsOf } from './oracle.test-support.ts';

describe('Cronbach alpha by hand', () => {
  // Items x = (1, 2, 3), y = (2, 3, 3), z = (1, 3, 2): variances 1, 1/3 and 1; the persons' totals
  // 4, 8, 8 have variance 16/3. α = k/(k − 1)·(1 − Σ var_i / var_total) = 3/2 · (1 − (7/3)/(16/3)) = 27/32.
  const items = [
    [1, 2, 1],
    [2, 3, 3],
    [3, 3, 2],
  ];

  it('gives α = 27/32 for a 3 × 3 matrix', () => {
    const a = cronbachAlpha(items);
    expect(a.alpha).toBeCloseTo(27 / 32, 15);
    expect(a.n).toBe(3);
    expect(a.items).toBe(3);
  });

  it('gives α = 6/7 without z: x and y with variances 1 and 1/3 and covariance 1/2', () => {
    // α = 2/(2 − 1)·(1 − (1 + 1/3)/(1 + 1/3 + 2·1/2)) = 2·(1 − 4/7) = 6/7.
    expect(cronbachAlpha(items).drop[2]?.alpha).toBeCloseTo(6 / 7, 15);
  });
});

describe('Cronbach alpha against psych::alpha (tools/oracle/psych.R)', () => {
  for (const [name, c] of cases('alpha')) {
    it(`${name} (${String(c.call)}): total and alpha.drop within ${AGREEMENT}`, () => {
      const { rows } = rowsOf(c.items, `${name}.items`);
      const a = cronbachAlpha(rows);
      const t = object(c.total, `${name}.total`);
      const fields = [
        'alpha',
        'standardizedAlpha',
        'lambda6',
        'averageR',
        'signalNoise',
        'se',
        'medianR',
      ] as const;
      const r = { alpha: 'raw', standardizedAlpha: 'std', lambda6: 'g6', averageR: 'averageR' } as Record<
        string,
        string
      >;
      const key = (f: string) => r[f] ?? f;
      expect(
        mismatches(
          `${name} total`,
          [...fields.map((f) => a[f]), a.mean, a.sd],
          [...fields.map((f) => num(t[key(f)], f)), num(t.mean, 'mean'), num(t.sd, 'sd')],
        ),
      ).toEqual([]);
      const drop = list(c.drop, `${name}.drop`).map((d, i) => object(d, `${name}.drop[${i}]`));
      expect(a.drop).toHaveLength(drop.length);
      a.drop.forEach((d, i) => {
        const e = drop[i]!;
        expect(
          mismatches(
            `${name} drop ${String(e.item)}`,
            [...fields.map((f) => d[f]), d.varianceR],
            [...fields.map((f) => numOrNa(e[key(f)], f)), numOrNa(e.varR, 'varR')],
          ),
        ).toEqual([]);
      });
    });
  }
});

describe('Cronbach alpha refuses input it cannot use', () => {
  it('refuses one item, one person, ragged rows and non-numbers', () => {
    expect(() => cronbachAlpha([[1], [2]])).toThrow('at least 2 items (columns), found 1');
    expect(() => cronbachAlpha([[1, 2]])).toThrow('at least 2 persons (rows), found 1');
    expect(() => cronbachAlpha([[1, 2], [2]])).toThrow('row 2 has 1 items (columns), row 1 has 2');
    expect(() =>
      cronbachAlpha([
        [1, 2],
        [2, Infinity],
      ]),
    ).toThrow('row 2, column 2: expected a finite number, found Infinity');
  });

  it('refuses a constant item', () => {
    expect(() =>
      cronbachAlpha([
        [1, 3],
        [2, 3],
        [3, 3],
      ]),
    ).toThrow(AgreementError);
    expect(() =>
      cronbachAlpha([
        [1, 3],
        [2, 3],
        [3, 3],
      ]),
    ).toThrow('item 2 is constant: every person has 3');
  });
});
