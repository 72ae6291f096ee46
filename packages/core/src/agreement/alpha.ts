/**
 * Internal consistency of a scale: Cronbach's alpha, standardised alpha, Guttman's lambda 6 and the
 * same with each item left out, as R's `psych::alpha` (psych 2.2.9) reports them in `total` and
 * `alpha.drop`, for complete data without reversed items (keys all 1).
 *
 * From the items' sample covariance matrix C (denominator n − 1) and correlation matrix R of k items:
 *
 *   raw alpha          α = k/(k − 1) · (1 − tr C / ΣC)  (= k/(k − 1) · (1 − Σ var_i / var_total))
 *   standardised       α_std = k/(k − 1) · (1 − k / ΣR)
 *   Guttman's λ6       1 − (k − Σ smc_i) / ΣR, smc_i = 1 − 1/(R⁻¹)_ii the squared multiple
 *                      correlation of item i on the others, set into [0, 1] as psych does
 *   average r          (ΣR − k) / (k (k − 1)), the mean inter-item correlation
 *   signal/noise       k r̄ / (1 − r̄)
 *   se                 √(Q/n), Q = 2k²/((k − 1)² (ΣC)³) · (ΣC (tr C² + (tr C)²) − 2 tr C · Σ(C²))
 *                      (Duhachek and Iacobucci 2004, psych's `ase`)
 *   mean, sd           of the persons' mean item scores
 *   median r           of the inter-item correlations.
 *
 * Dropping an item recomputes all of these from C and R without it (se only when there are more
 * persons than items, as psych); for two items psych instead reports, for item 1, C₁₂/C₂₂ as alpha
 * and r₁₂ as the standardised alpha and average r, r₁₂² as λ6 (and C₁₂/C₁₁ for item 2), no se,
 * variance of r 0; that convention is kept.
 *
 * psych deletes a constant item with a warning (and still counts it in the mean score); here it is
 * an error.
 */
import { AgreementError, checkTable } from './error.ts';

export interface AlphaStatistics {
  /** Cronbach's (raw) alpha. */
  alpha: number;
  standardizedAlpha: number;
  /** Guttman's lambda 6 from squared multiple correlations (psych's `G6(smc)`). */
  lambda6: number;
  averageR: number;
  signalNoise: number;
  /** Standard error of alpha; null when psych gives none (dropping from two items, or n ≤ k). */
  se: number | null;
  /** Median inter-item correlation. */
  medianR: number;
}

export interface AlphaIfDropped extends AlphaStatistics {
  /** The item's column (0-based). */
  item: number;
  /** Variance of the inter-item correlations of the remaining items (null for one pair). */
  varianceR: number | null;
}

export interface CronbachAlpha extends AlphaStatistics {
  /** Persons. */
  n: number;
  /** Items. */
  items: number;
  /** Mean and standard deviation of the persons' mean item scores. */
  mean: number;
  sd: number;
  /** Alpha if item `item` is dropped, one per item in column order. */
  drop: AlphaIfDropped[];
}

/** Cronbach's alpha of `items`: rows = persons, columns = items. */
export function cronbachAlpha(items: readonly (readonly number[])[]): CronbachAlpha {
  const { rows: n, columns: k } = checkTable(items, {
    rows: 'persons (rows)',
    columns: 'items (columns)',
    minRows: 2,
    minColumns: 2,
  });
  const means = Array.from({ length: k }, (_, j) => items.reduce((s, row) => s + row[j]!, 0) / n);
  const c = means.map((mi, i) =>
    means.map((mj, j) => items.reduce((s, row) => s + (row[i]! - mi) * (row[j]! - mj), 0) / (n - 1)),
  );
  c.forEach((row, i) => {
    if (!(row[i]! > 0))
      throw new AgreementError(`item ${i + 1} is constant: every person has ${items[0]![i]}`);
  });
  const r = c.map((row, i) => row.map((x, j) => (i === j ? 1 : x / Math.sqrt(c[i]![i]! * c[j]![j]!))));
  const total = statistics(c, r, n);

  const drop: AlphaIfDropped[] =
    k === 2
      ? [0, 1].map((item) => {
          const r12 = r[0]![1]!;
          return {
            item,
            alpha: c[0]![1]! / c[1 - item]![1 - item]!,
            standardizedAlpha: r12,
            lambda6: squaredMultipleCorrelations(r)[0]!,
            averageR: r12,
            signalNoise: r12 / (1 - r12),
            se: null,
            medianR: r12,
            varianceR: 0,
          };
        })
      : means.map((_, item) => {
          const keep = (m: number[][]) =>
            m.filter((_row, i) => i !== item).map((row) => row.filter((_x, j) => j !== item));
          const s = statistics(keep(c), keep(r), n);
          return { item, ...s, se: n > k ? s.se : null, varianceR: correlationVariance(keep(r)) };
        });

  const scores = items.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const mean = scores.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { ...total, n, items: k, mean, sd, drop };
}

/** psych's `alpha.1` on a covariance and correlation matrix of k ≥ 2 items. */
function statistics(c: number[][], r: number[][], n: number): AlphaStatistics {
  const k = c.length;
  const sum = (m: number[][]) => m.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
  const trace = (m: number[][]) => m.reduce((s, row, i) => s + row[i]!, 0);
  const sumC = sum(c);
  const traceC = trace(c);
  const sumR = sum(r);
  const alpha = (1 - traceC / sumC) * (k / (k - 1));
  const standardizedAlpha = (1 - k / sumR) * (k / (k - 1));
  const smc = squaredMultipleCorrelations(r);
  const lambda6 = 1 - (k - smc.reduce((s, x) => s + x, 0)) / sumR;
  const averageR = (sumR - k) / (k * (k - 1));
  const c2 = c.map((row) => row.map((_, j) => row.reduce((s, x, l) => s + x * c[l]![j]!, 0)));
  const q =
    ((2 * k * k) / ((k - 1) ** 2 * sumC ** 3)) * (sumC * (trace(c2) + traceC ** 2) - 2 * traceC * sum(c2));
  return {
    alpha,
    standardizedAlpha,
    lambda6,
    averageR,
    signalNoise: (k * averageR) / (1 - averageR),
    se: Math.sqrt(q / n),
    medianR: median(r.flatMap((row, i) => row.slice(0, i))),
  };
}

/** Sample variance of the inter-item correlations (psych's `var.r`), null for a single pair. */
function correlationVariance(r: number[][]): number | null {
  const below = r.flatMap((row, i) => row.slice(0, i));
  if (below.length < 2) return null;
  const mean = below.reduce((s, x) => s + x, 0) / below.length;
  return below.reduce((s, x) => s + (x - mean) ** 2, 0) / (below.length - 1);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * psych's `smc`: 1 − 1/(R⁺)_ii, set to 0 below 0 and to 1 above 1, where R⁺ is psych's `Pinv`, the
 * Moore-Penrose pseudo-inverse that leaves out singular values below √ε times the largest. R is
 * symmetric, so its singular values are the absolute eigenvalues and R⁺ = Σ q qᵀ/λ over the kept
 * eigenpairs (cyclic Jacobi rotations). With more items than persons R is singular and the inverse
 * does not exist; psych goes on with R⁺ (and its smc then often falls below 0, set to 0).
 */
function squaredMultipleCorrelations(r: number[][]): number[] {
  const k = r.length;
  const { values, vectors } = symmetricEigen(r);
  const largest = Math.max(...values.map(Math.abs));
  const kept = values
    .map((_, l) => l)
    .filter((l) => Math.abs(values[l]!) > Math.sqrt(Number.EPSILON) * largest);
  return Array.from({ length: k }, (_, i) => {
    const inverseDiagonal = kept.reduce((s, l) => s + vectors[i]![l]! ** 2 / values[l]!, 0);
    return Math.min(1, Math.max(0, 1 - 1 / inverseDiagonal));
  });
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by cyclic Jacobi rotations. */
function symmetricEigen(m: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const k = m.length;
  const a = m.map((row) => [...row]);
  const v: number[][] = m.map((_, i) => m.map((_x, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += a[i]![j]! ** 2;
    if (off === 0) break;
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let l = 0; l < k; l++) {
          const alp = a[l]![p]!;
          const alq = a[l]![q]!;
          a[l]![p] = c * alp - s * alq;
          a[l]![q] = s * alp + c * alq;
        }
        for (let l = 0; l < k; l++) {
          const apl = a[p]![l]!;
          const aql = a[q]![l]!;
          a[p]![l] = c * apl - s * aql;
          a[q]![l] = s * apl + c * aql;
        }
        for (let l = 0; l < k; l++) {
          const vlp = v[l]![p]!;
          const vlq = v[l]![q]!;
          v[l]![p] = c * vlp - s * vlq;
          v[l]![q] = s * vlp + c * vlq;
        }
      }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}
