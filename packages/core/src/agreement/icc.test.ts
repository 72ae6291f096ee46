import { describe, expect, it } from 'vitest';
import { AGREEMENT, mismatches } from '../survival/oracle.test-support.ts';
import { AgreementError } from './error.ts';
import { intraclassCorrelation } from './icc.ts';
import { cases, list, num, object, rowsOf } from './oracle.test-support.ts';

/** Shrout and Fleiss (1979), table 2: 6 targets rated by 4 judges. */
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

describe('ICC by hand from the ANOVA table of Shrout and Fleiss (1979)', () => {
  // Grand total 127 of 24 ratings, Σx² = 841, so the correction is 127²/24 = 16129/24 and
  // SS total = 4055/24. Row totals 24, 12, 26, 16, 30, 19: SSB = 2913/4 − 16129/24 = 1349/24,
  // MSB = 1349/120. Column totals 46, 15, 26, 40: SSJ = 4617/6 − 16129/24 = 2339/24, MSJ = 2339/72.
  // SSE = (4055 − 1349 − 2339)/24 = 367/24, MSE = 367/360; MSW = (2339 + 367)/24/18 = 451/72.
  const icc = intraclassCorrelation(SHROUT_FLEISS);

  it('has the mean squares 1349/120, 2339/72, 367/360 and 451/72', () => {
    expect(icc.msb).toBeCloseTo(1349 / 120, 13);
    expect(icc.msj).toBeCloseTo(2339 / 72, 13);
    expect(icc.mse).toBeCloseTo(367 / 360, 13);
    expect(icc.msw).toBeCloseTo(451 / 72, 13);
  });

  it('gives ICC1 = 1792/10812, ICC3 = 3680/5148 and F = 4047/367 on 5 and 15 df', () => {
    // ICC1 = (MSB − MSW)/(MSB + 3 MSW) = (4047 − 2255)/(4047 + 6765) in 360ths.
    // ICC3 = (MSB − MSE)/(MSB + 3 MSE) = (4047 − 367)/(4047 + 1101) in 360ths.
    const [icc1, , icc3] = icc.forms;
    expect(icc1?.icc).toBeCloseTo(1792 / 10812, 13);
    expect(icc3?.icc).toBeCloseTo(3680 / 5148, 13);
    expect(icc3?.f).toBeCloseTo(4047 / 367, 12);
    expect([icc3?.df1, icc3?.df2]).toEqual([5, 15]);
    expect(icc.forms.map((f) => f.type)).toEqual(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']);
  });

  it('rounds to the published .17, .29, .71, .44, .62 and .91', () => {
    expect(icc.forms.map((f) => Math.round(f.icc * 100) / 100)).toEqual([0.17, 0.29, 0.71, 0.44, 0.62, 0.91]);
  });
});

describe('ICC against psych::ICC(lmer = FALSE) (tools/oracle/psych.R)', () => {
  for (const [name, c] of cases('icc')) {
    it(`${name} (${String(c.call)}): the results table within ${AGREEMENT}`, () => {
      const { rows } = rowsOf(c.ratings, `${name}.ratings`);
      const icc = intraclassCorrelation(rows);
      const forms = list(c.forms, `${name}.forms`).map((f, i) => object(f, `${name}.forms[${i}]`));
      expect(icc.forms.map((f) => f.type)).toEqual(forms.map((f) => f.type));
      const fields = ['icc', 'f', 'df1', 'df2', 'p', 'lower', 'upper'] as const;
      expect(
        mismatches(
          name,
          icc.forms.flatMap((f) => fields.map((k) => f[k])),
          forms.flatMap((f) => fields.map((k) => num(f[k], k))),
        ),
      ).toEqual([]);
      expect(
        mismatches(
          `${name} mean squares`,
          [icc.msb, icc.msj, icc.mse, icc.msw],
          [num(c.msb, 'msb'), num(c.msj, 'msj'), num(c.mse, 'mse'), num(c.msw, 'msw')],
        ),
      ).toEqual([]);
    });
  }
});

describe('ICC refuses input it cannot use', () => {
  it('refuses one rater, one subject, ragged rows and non-numbers', () => {
    expect(() => intraclassCorrelation([[1], [2]])).toThrow('at least 2 raters (columns), found 1');
    expect(() => intraclassCorrelation([[1, 2]])).toThrow('at least 2 subjects (rows), found 1');
    expect(() =>
      intraclassCorrelation([
        [1, 2],
        [2, 3, 4],
      ]),
    ).toThrow('row 2 has 3 raters');
    expect(() =>
      intraclassCorrelation([
        [1, 2],
        [NaN, 3],
      ]),
    ).toThrow(AgreementError);
  });

  it('refuses ratings without variation, and raters who differ only by a constant', () => {
    expect(() =>
      intraclassCorrelation([
        [3, 3],
        [3, 3],
      ]),
    ).toThrow('every rating is 3');
    expect(() =>
      intraclassCorrelation([
        [1, 2],
        [3, 4],
        [2, 3],
      ]),
    ).toThrow('no residual variation');
  });
});
