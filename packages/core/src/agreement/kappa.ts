/**
 * Cohen's kappa for two raters of the same persons on one ordinal or nominal scale, unweighted or
 * with linear or quadratic weights, with the large-sample variance and 95 % interval exactly as R's
 * `psych::cohen.kappa` (psych 2.2.9) reports them.
 *
 * With p_ij the share of persons rated i by rater a and j by rater b, r_i and c_j its row and column
 * margins and w_ij agreement weights (1 on the diagonal):
 *
 *   observed po = Σ w_ij p_ij,  expected pc = Σ w_ij r_i c_j,  κ = (po − pc) / (1 − pc).
 *
 * Weights are on the position of a category among the levels, i, j = 1 … k (Cohen 1968): `none` is
 * the identity, `linear` 1 − |i − j|/(k − 1), `quadratic` 1 − (i − j)²/(k − 1)² (psych's default
 * `w`; with these weights κ approaches the intraclass correlation, Fleiss and Cohen 1973). psych takes
 * agreement weights: for a weight matrix with a positive trace it computes (po − pc)/(1 − pc), which
 * for the identity is the unweighted kappa.
 *
 * The variance is psych's formula (`var.weighted`):
 *
 *   Var κ = [Σ p_ij (w_ij (1 − pc) − (ŵ_i + w̃_j)(1 − po))² − (po·pc − 2pc + po)²] / (n (1 − pc)⁴)
 *
 * with ŵ_i = Σ_l w_li c_l and, as psych has it, w̃_j = r_j Σ_l w_jl. For the identity this is Fleiss,
 * Cohen and Everitt's (1969) variance of the unweighted kappa (psych's `var.kappa`). For other
 * weights Fleiss, Cohen and Everitt have w̃_j = Σ_l r_l w_lj, so psych's weighted variance (and
 * hence this one) differs from theirs (irr, vcd, SAS); kept to agree with psych, which the oracle
 * checks. A negative or undefined variance is set to 0 as psych does (`varianceClamped`), and
 * bounds beyond ±1 are set to ±1 (psych warns; `boundsClipped`).
 */
import { normalQuantile } from '../distributions.ts';
import { AgreementError } from './error.ts';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface KappaOptions {
  /** Default `none`. */
  weights?: KappaWeights;
  /**
   * The categories in scale order, strictly ascending. Default: the values either rater used. Give
   * the whole scale (1 … 5 for scores 1-5) so that a category nobody used still counts in the
   * weights' k − 1.
   */
  levels?: readonly number[];
}

export interface CohenKappa {
  weights: KappaWeights;
  kappa: number;
  variance: number;
  se: number;
  /** 95 % interval κ ± 1.96 se, within ±1. */
  lower: number;
  upper: number;
  /** Persons rated by both. */
  n: number;
  levels: number[];
  /** Weighted observed agreement po (the share agreeing, unweighted). */
  observed: number;
  /** Weighted agreement expected by chance from the margins, pc. */
  expected: number;
  /** Counts: rows rater a's category, columns rater b's, in the order of `levels`. */
  table: number[][];
  /** The agreement weights w_ij used. */
  weightMatrix: number[][];
  /** The variance came out negative or undefined and was set to 0 (psych's `bad`). */
  varianceClamped: boolean;
  /** A bound beyond ±1 was set to ±1. */
  boundsClipped: boolean;
}

/** The agreement weights of k categories on their positions. */
export function kappaWeightMatrix(k: number, weights: KappaWeights): number[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      const d = Math.abs(i - j);
      if (weights === 'none') return d === 0 ? 1 : 0;
      return weights === 'linear' ? 1 - d / (k - 1) : 1 - (d * d) / ((k - 1) * (k - 1));
    }),
  );
}

/** Cohen's kappa of ratings `a` and `b` of the same persons (a[i] and b[i] rate person i). */
export function cohenKappa(
  a: readonly number[],
  b: readonly number[],
  options: KappaOptions = {},
): CohenKappa {
  const weights = options.weights ?? 'none';
  if (a.length !== b.length)
    throw new AgreementError(
      `the two raters have ${a.length} and ${b.length} ratings: expected one each per person`,
    );
  const n = a.length;
  if (n < 2) throw new AgreementError(`expected at least 2 persons rated by both, found ${n}`);
  for (const [name, values] of [
    ['a', a],
    ['b', b],
  ] as const)
    values.forEach((x, i) => {
      if (!Number.isFinite(x))
        throw new AgreementError(`rater ${name}, person ${i + 1}: expected a finite number, found ${x}`);
    });
  const levels =
    options.levels === undefined ? [...new Set([...a, ...b])].sort((x, y) => x - y) : [...options.levels];
  levels.forEach((l, i) => {
    if (!Number.isFinite(l)) throw new AgreementError(`levels: expected finite numbers, found ${l}`);
    if (i > 0 && !(l > levels[i - 1]!))
      throw new AgreementError(`levels: expected strictly ascending categories, found ${levels.join(', ')}`);
  });
  const k = levels.length;
  if (k < 2) throw new AgreementError(`expected at least 2 categories, found ${k} (${levels.join(', ')})`);
  const position = new Map(levels.map((l, i) => [l, i]));
  const table = levels.map(() => Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) {
    const r = position.get(a[i]!);
    const c = position.get(b[i]!);
    if (r === undefined || c === undefined)
      throw new AgreementError(
        `person ${i + 1}: rating ${r === undefined ? a[i] : b[i]} is not one of the levels ${levels.join(', ')}`,
      );
    table[r]![c]! += 1;
  }

  const p = table.map((row) => row.map((x) => x / n));
  const rows = p.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = levels.map((_, j) => p.reduce((s, row) => s + row[j]!, 0));
  const w = kappaWeightMatrix(k, weights);
  let po = 0;
  let pc = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      po += w[i]![j]! * p[i]![j]!;
      pc += w[i]![j]! * rows[i]! * cols[j]!;
    }
  if (!(pc < 1))
    throw new AgreementError(
      'kappa is undefined: chance agreement is 1 (both raters gave every person the same one category)',
    );
  const kappa = (po - pc) / (1 - pc);

  // psych's colw and roww (see the module comment for how roww differs from Fleiss et al.).
  const colw = levels.map((_, j) => levels.reduce((s, _l, i) => s + w[i]![j]! * cols[i]!, 0));
  const roww = levels.map((_, i) => rows[i]! * w[i]!.reduce((s, x) => s + x, 0));
  let sum = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const d = w[i]![j]! * (1 - pc) - (colw[i]! + roww[j]!) * (1 - po);
      sum += p[i]![j]! * d * d;
    }
  const raw = (sum - (po * pc - 2 * pc + po) ** 2) / (n * (1 - pc) ** 4);
  const varianceClamped = !(raw >= 0);
  const variance = varianceClamped ? 0 : raw;
  const se = Math.sqrt(variance);
  const z = -normalQuantile(0.025);
  const lower = kappa - z * se;
  const upper = kappa + z * se;
  return {
    weights,
    kappa,
    variance,
    se,
    lower: Math.max(-1, lower),
    upper: Math.min(1, upper),
    n,
    levels,
    observed: po,
    expected: pc,
    table,
    weightMatrix: w,
    varianceClamped,
    boundsClipped: lower < -1 || upper > 1,
  };
}
