/**
 * Intraclass correlations: the six forms of Shrout and Fleiss (1979), each with its F test and 95 %
 * interval, exactly as R's `psych::ICC(x, lmer = FALSE)` (psych 2.2.9) reports them in `results`,
 * for complete data (every subject rated by every rater).
 *
 * From the two-way ANOVA without interaction of n subjects (rows) by k raters (columns), the mean
 * squares between subjects MSB (n − 1 df), between raters MSJ (k − 1 df), residual MSE
 * ((n − 1)(k − 1) df) and within subjects MSW = (SSJ + SSE)/(n (k − 1)):
 *
 *   ICC1  = (MSB − MSW)/(MSB + (k − 1) MSW)                    one-way random, single rater
 *   ICC2  = (MSB − MSE)/(MSB + (k − 1) MSE + k (MSJ − MSE)/n)  two-way random, absolute agreement
 *   ICC3  = (MSB − MSE)/(MSB + (k − 1) MSE)                    two-way fixed, consistency
 *   ICC1k = (MSB − MSW)/MSB,  ICC2k = (MSB − MSE)/(MSB + (MSJ − MSE)/n),  ICC3k = (MSB − MSE)/MSB
 *           the same for the mean of the k raters.
 *
 * F = MSB/MSW on (n − 1, n(k − 1)) df for ICC1 and ICC1k, MSB/MSE on (n − 1, (n − 1)(k − 1)) for the
 * others; p its upper tail. Intervals from F's quantiles (Shrout and Fleiss eqs. 6, 8, 10 and
 * McGraw and Wong 1996), for ICC2 with Satterthwaite's degrees of freedom v as psych computes them.
 * The sums of squares are computed directly (the residual as Σ (x − row mean − column mean + grand
 * mean)²), not as a difference of totals, so that they keep their digits.
 */
import { fUpper, fUpperQuantile } from '../distributions.ts';
import { AgreementError, checkTable } from './error.ts';

export type IccType = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

export interface IccForm {
  type: IccType;
  /** psych's row name: Single_raters_absolute, Single_random_raters, … */
  name: string;
  icc: number;
  f: number;
  df1: number;
  df2: number;
  p: number;
  /** 95 % interval. */
  lower: number;
  upper: number;
}

export interface IntraclassCorrelation {
  /** Subjects (rows) and raters (columns). */
  n: number;
  raters: number;
  /** In psych's order: ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k. */
  forms: IccForm[];
  /** The ANOVA's mean squares: between subjects, between raters, residual, within subjects. */
  msb: number;
  msj: number;
  mse: number;
  msw: number;
}

/** The six Shrout-Fleiss ICCs of `ratings`: rows = subjects, columns = raters. */
export function intraclassCorrelation(ratings: readonly (readonly number[])[]): IntraclassCorrelation {
  const { rows: n, columns: k } = checkTable(ratings, {
    rows: 'subjects (rows)',
    columns: 'raters (columns)',
    minRows: 2,
    minColumns: 2,
  });
  const rowMeans = ratings.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => ratings.reduce((s, row) => s + row[j]!, 0) / n);
  const grand = rowMeans.reduce((s, x) => s + x, 0) / n;
  const ssb = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssj = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  let sse = 0;
  ratings.forEach((row, i) => row.forEach((x, j) => (sse += (x - rowMeans[i]! - colMeans[j]! + grand) ** 2)));
  if (ssb === 0 && ssj === 0 && sse === 0)
    throw new AgreementError(`every rating is ${ratings[0]![0]}: there is no variation to correlate`);
  if (sse === 0)
    throw new AgreementError(
      'the ratings have no residual variation (each rater differs by a constant): F is infinite',
    );
  const msb = ssb / (n - 1);
  const msj = ssj / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssj + sse) / (n * (k - 1));

  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const icc1k = (msb - msw) / msb;
  const icc2k = (msb - mse) / (msb + (msj - mse) / n);
  const icc3k = (msb - mse) / msb;

  const tail = 0.025;
  const f1 = msb / msw;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const p1 = fUpper(f1, df11n, df11d);
  const f2 = msb / mse;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p2 = fUpper(f2, df21n, df21d);

  const f1L = f1 / fUpperQuantile(tail, df11n, df11d);
  const f1U = f1 * fUpperQuantile(tail, df11d, df11n);
  const f3L = f2 / fUpperQuantile(tail, df21n, df21d);
  const f3U = f2 * fUpperQuantile(tail, df21d, df21n);

  // ICC2: Satterthwaite's v for the denominator mix of MSJ and MSE.
  const fj = msj / mse;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const v = vn / vd;
  const fU = fUpperQuantile(tail, n - 1, v);
  const fL = fUpperQuantile(tail, v, n - 1);
  const l2 = (n * (msb - fU * mse)) / (fU * (k * msj + (k * n - k - n) * mse) + n * msb);
  const u2 = (n * (fL * msb - mse)) / (k * msj + (k * n - k - n) * mse + n * fL * msb);

  const form = (
    type: IccType,
    name: string,
    icc: number,
    test: [number, number, number, number],
    lower: number,
    upper: number,
  ): IccForm => ({ type, name, icc, f: test[0], df1: test[1], df2: test[2], p: test[3], lower, upper });
  const one: [number, number, number, number] = [f1, df11n, df11d, p1];
  const two: [number, number, number, number] = [f2, df21n, df21d, p2];
  return {
    n,
    raters: k,
    forms: [
      form(
        'ICC1',
        'Single_raters_absolute',
        icc1,
        one,
        (f1L - 1) / (f1L + (k - 1)),
        (f1U - 1) / (f1U + k - 1),
      ),
      form('ICC2', 'Single_random_raters', icc2, two, l2, u2),
      form('ICC3', 'Single_fixed_raters', icc3, two, (f3L - 1) / (f3L + k - 1), (f3U - 1) / (f3U + k - 1)),
      form('ICC1k', 'Average_raters_absolute', icc1k, one, 1 - 1 / f1L, 1 - 1 / f1U),
      form(
        'ICC2k',
        'Average_random_raters',
        icc2k,
        two,
        (l2 * k) / (1 + l2 * (k - 1)),
        (u2 * k) / (1 + u2 * (k - 1)),
      ),
      form('ICC3k', 'Average_fixed_raters', icc3k, two, 1 - 1 / f3L, 1 - 1 / f3U),
    ],
    msb,
    msj,
    mse,
    msw,
  };
}
