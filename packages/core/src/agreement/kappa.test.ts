import { describe, expect, it } from 'vitest';
import { AGREEMENT, mismatches } from '../survival/oracle.test-support.ts';
import { AgreementError } from './error.ts';
import { cohenKappa, kappaWeightMatrix, type KappaWeights } from './kappa.ts';
import { cases, list, num, nums, object } from './oracle.test-support.ts';

describe('Cohen kappa by hand', () => {
  // 20 pairs: 12 both yes, 4 both no, 3 a-yes/b-no, 1 a-no/b-yes.
  // po = 16/20 = 0.8; margins a: no 5/20, yes 15/20; b: no 7/20, yes 13/20;
  // pc = 0.25·0.35 + 0.75·0.65 = 0.575; κ = (0.8 − 0.575)/(1 − 0.575) = 0.225/0.425 = 9/17.
  const a = [...Array<number>(15).fill(1), ...Array<number>(5).fill(0)];
  const b = [...Array<number>(12).fill(1), 0, 0, 0, 1, 0, 0, 0, 0];

  it('gives κ = 9/17 for the 2 × 2 table 12, 3 / 1, 4', () => {
    const k = cohenKappa(a, b);
    expect(k.kappa).toBeCloseTo(9 / 17, 15);
    expect(k.observed).toBeCloseTo(0.8, 15);
    expect(k.expected).toBeCloseTo(0.575, 15);
    expect(k.table).toEqual([
      [4, 1],
      [3, 12],
    ]);
    expect(k.levels).toEqual([0, 1]);
  });

  it('gives the same kappa for every weighting of two categories', () => {
    const plain = cohenKappa(a, b);
    for (const weights of ['linear', 'quadratic'] as const) {
      const k = cohenKappa(a, b, { weights });
      expect(k.kappa).toBeCloseTo(plain.kappa, 15);
      expect(k.se).toBeCloseTo(plain.se, 15);
    }
  });

  it('has linear weights 1, 3/4, 1/2, 1/4, 0 and quadratic 1, 15/16, 3/4, 7/16, 0 on five categories', () => {
    expect(kappaWeightMatrix(5, 'linear')[0]).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(kappaWeightMatrix(5, 'quadratic')[0]).toEqual([1, 15 / 16, 0.75, 7 / 16, 0]);
  });

  it('counts a category nobody used when the levels are given: 2 and 4 are two steps apart on 1-5', () => {
    // Without the levels the categories are 1, 2, 4, 5 and 2 and 4 are neighbours. (An unused category
    // at the end of the scale would not change κ: weighted kappa is 1 − Σ d·p_obs / Σ d·p_exp for
    // disagreement weights d, whatever their scale.)
    const a = [1, 2, 4, 5, 2, 4];
    const b = [1, 4, 4, 5, 2, 2];
    const union = cohenKappa(a, b, { weights: 'linear' });
    const scale = cohenKappa(a, b, { weights: 'linear', levels: [1, 2, 3, 4, 5] });
    expect(union.levels).toEqual([1, 2, 4, 5]);
    expect(scale.table).toHaveLength(5);
    // Disagreements 2-4 and 4-2. Union: d = 1/3 each, Σ d·p = 2/18; scale: d = 2/4 each, Σ d·p = 1/6.
    expect(union.observed).toBeCloseTo(1 - 2 / 18, 15);
    expect(scale.observed).toBeCloseTo(1 - 1 / 6, 15);
  });
});

describe('Cohen kappa against psych::cohen.kappa (tools/oracle/psych.R)', () => {
  for (const [name, c] of cases('kappa')) {
    const a = nums(c.a, `${name}.a`);
    const b = nums(c.b, `${name}.b`);
    const levels = c.levels === null ? undefined : nums(c.levels, `${name}.levels`);
    const fits = object(c.fits, `${name}.fits`);
    for (const weights of ['none', 'linear', 'quadratic'] as const satisfies readonly KappaWeights[]) {
      it(`${name} (${String(c.call)}), weights ${weights}: kappa, se, bounds within ${AGREEMENT}`, () => {
        const r = object(fits[weights], `${name}.${weights}`);
        const k = cohenKappa(a, b, { weights, ...(levels === undefined ? {} : { levels }) });
        const get = (key: string) => num(r[key], `${name}.${weights}.${key}`);
        const keys = ['kappa', 'variance', 'se', 'lower', 'upper', 'observed', 'expected', 'n'] as const;
        expect(
          mismatches(
            `${name} ${weights}`,
            keys.map((key) => k[key]),
            keys.map(get),
          ),
        ).toEqual([]);
        expect(k.weightMatrix.flat()).toEqual(list(r.weight, 'weight').flatMap((row) => nums(row, 'weight')));
        expect(k.boundsClipped).toBe(list(r.warnings, 'warnings').length > 0);
      });
    }
  }

  it('sets a negative weighted variance to 0 as psych does (a category one rater never used)', () => {
    const c = cases('kappa').find(([name]) => name === 'one_sided_category')![1];
    const k = cohenKappa(nums(c.a, 'a'), nums(c.b, 'b'), { weights: 'quadratic', levels: [1, 2, 3, 4, 5] });
    expect(k.varianceClamped).toBe(true);
    expect(k.se).toBe(0);
    expect(k.lower).toBe(k.kappa);
  });
});

describe('Cohen kappa refuses input it cannot use', () => {
  it('refuses ratings of different lengths, too few persons, non-numbers and unknown categories', () => {
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow(AgreementError);
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow('3 and 2 ratings');
    expect(() => cohenKappa([1], [1])).toThrow('at least 2 persons');
    expect(() => cohenKappa([1, NaN], [1, 2])).toThrow(
      'rater a, person 2: expected a finite number, found NaN',
    );
    expect(() => cohenKappa([1, 6], [1, 2], { levels: [1, 2, 3, 4, 5] })).toThrow(
      'person 2: rating 6 is not one of the levels 1, 2, 3, 4, 5',
    );
    expect(() => cohenKappa([1, 2], [1, 2], { levels: [2, 1] })).toThrow('strictly ascending');
  });

  it('refuses ratings where both raters used one and the same category throughout', () => {
    expect(() => cohenKappa([3, 3, 3], [3, 3, 3])).toThrow('at least 2 categories');
    expect(() => cohenKappa([3, 3, 3], [3, 3, 3], { levels: [1, 2, 3, 4, 5] })).toThrow(
      'chance agreement is 1',
    );
  });
});
