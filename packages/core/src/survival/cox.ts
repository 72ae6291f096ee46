/**
 * Cox proportional hazards regression with R's conventions (survival package: `coxph`,
 * `summary.coxph`, `basehaz(fit, centered = FALSE)`), so that every number can be checked against R.
 *
 * Model: the hazard of row i at time t is λ_s(t) exp(βᵀx_i), with a separate baseline λ_s for each
 * stratum s and β shared. β maximises the log partial likelihood ℓ(β) by Newton-Raphson from β = 0.
 *
 * Counting-process rows: a row is at risk on (entry, time], as in R's `Surv(start, stop, event)`, so
 * delayed entry (left truncation) and time-varying covariates (one row per interval) need nothing
 * more. At an event time t in stratum s, R(t) is the set of rows of s with entry < t ≤ time, D(t) the
 * rows with an event at t. With row weights w_i and r_i = w_i exp(βᵀx_i) write
 *
 *   S0 = Σ_{R(t)} r_i,   S1 = Σ_{R(t)} r_i x_i,   S2 = Σ_{R(t)} r_i x_i x_iᵀ,
 *   e0, e1, e2 the same sums over D(t),   W = Σ_{D(t)} w_i,   d = |D(t)|,   w̄ = W / d.
 *
 * Breslow's approximation to the partial likelihood of tied events (`ties = "breslow"`):
 *
 *   ℓ = Σ_t [ Σ_{D(t)} w_i βᵀx_i − W log S0 ]
 *   U = ∂ℓ/∂β = Σ_t [ Σ_{D(t)} w_i x_i − W S1/S0 ]                               (the score)
 *   I = −∂²ℓ/∂β∂βᵀ = Σ_t W [ S2/S0 − S1 S1ᵀ/S0² ]                                (the information)
 *
 * Efron's approximation (`ties = "efron"`, R's default) removes the tied events from the denominator
 * in d equal steps, as if they had happened one after another in an unknown order: with
 * c_k = k/d for k = 0, …, d − 1 and S0_k = S0 − c_k e0, S1_k = S1 − c_k e1, S2_k = S2 − c_k e2,
 *
 *   ℓ = Σ_t [ Σ_{D(t)} w_i βᵀx_i − w̄ Σ_k log S0_k ]
 *   U = Σ_t [ Σ_{D(t)} w_i x_i − w̄ Σ_k S1_k/S0_k ]
 *   I = Σ_t w̄ Σ_k [ S2_k/S0_k − S1_k S1_kᵀ/S0_k² ].
 *
 * With one event at t both are the same. Expanding S1_k S1_kᵀ shows that the k-sums need only the five
 * scalars Σ 1/S0_k, Σ c_k/S0_k, Σ 1/S0_k², Σ c_k/S0_k², Σ c_k²/S0_k², so a time with thousands of tied
 * events costs O(d + p²), not O(d p²).
 *
 * Weights: `weight` are R's case weights (`coxph(weights = )`). Under Efron, R takes d as the number of
 * event rows and w̄ as their mean weight, so a row of weight 2 is not the same as two rows of weight 1
 * (R's documentation calls the weighted fit "arguably the correct one"). `count` says instead that a
 * row stands for that many identical subjects: it multiplies the row's weight and adds to d, so data
 * with identical (entry, time, event, covariates, stratum) rows collapsed into counts gives exactly
 * the fit of the uncollapsed rows. For Breslow the two coincide. The variance is always the
 * model-based I(β̂)⁻¹; with fractional weights R reports a robust sandwich variance by default instead
 * (its `naive.var` is this one), which this module does not compute.
 *
 * Cost: the rows are sorted once, by stratum and descending time (and, with entry times, a second
 * order by descending entry). Each Newton-Raphson iteration is then one backward pass that adds rows
 * to S0, S1, S2 as the time decreases past their exit and subtracts them as it passes their entry,
 * O(n p²) with typed arrays. Covariates are centred at their weighted means first, which leaves ℓ, U
 * and I unchanged but keeps exp(βᵀx) and the sums well scaled.
 */

import { chiSquareUpper, normalQuantile, twoSidedP } from '../distributions.ts';
import { compareGroups, SurvivalError, type GroupValue } from './counts.ts';

/** How tied event times enter the partial likelihood, as R's `ties`. */
export type CoxTies = 'efron' | 'breslow';

/** Covariates column by column (`columns[j][i]` is row i of `names[j]`), as a design matrix holds them. */
export interface CoxCovariates {
  readonly names: readonly string[];
  readonly columns: readonly ArrayLike<number>[];
}

/** Per-row Cox data, column by column. */
export interface CoxData {
  /** Exit time: the event or censoring time (the `stop` of `Surv(start, stop, event)`). */
  readonly time: ArrayLike<number>;
  /** 1 if the row ends in the event, 0 if censored. */
  readonly event: ArrayLike<number>;
  /** Entry time (the `start` of `Surv(start, stop, event)`): at risk on (entry, time]. Default: from −∞. */
  readonly entry?: ArrayLike<number>;
  readonly covariates: CoxCovariates;
  /** Stratum of each row: each stratum has its own baseline hazard. */
  readonly strata?: readonly GroupValue[];
  /** Case weights, > 0, as `coxph(weights = )` (see the module comment for ties). Default 1. */
  readonly weight?: ArrayLike<number>;
  /** Number of identical subjects the row stands for, a whole number ≥ 1. Default 1. */
  readonly count?: ArrayLike<number>;
}

/** Options; the defaults are those of R's `coxph` and `coxph.control`. */
export interface CoxOptions {
  /** Default 'efron'. */
  ties?: CoxTies;
  /** Convergence when |1 − ℓ_old/ℓ_new| ≤ eps (R's `eps`, default 1e-9). */
  eps?: number;
  /** Maximum Newton-Raphson iterations (R's `iter.max`, default 20); 0 reports the fit at β = 0. */
  iterMax?: number;
  /** Relative pivot below which the information matrix is singular (R's `toler.chol`, default ε^0.75). */
  tolerChol?: number;
  /** Level of the confidence interval of exp(coef) (default 0.95). */
  confLevel?: number;
}

/** One row of `summary.coxph`'s coefficient table and its `conf.int` table. */
export interface CoxCoefficient {
  name: string;
  coef: number;
  /** exp(coef): the hazard ratio for one unit of the covariate. */
  expCoef: number;
  se: number;
  /** coef / se. */
  z: number;
  /** Two-sided p of z, `Pr(>|z|)`. */
  p: number;
  /** Confidence interval of exp(coef): exp(coef ∓ z_{1−α/2} se). */
  lower: number;
  upper: number;
}

export interface CoxTest {
  statistic: number;
  df: number;
  p: number;
}

/** The baseline cumulative hazard Λ_s(t) at x = 0 of one stratum, as `basehaz(fit, centered = FALSE)`. */
export interface CoxBaselineHazard {
  /** The stratum value, or null without strata. */
  stratum: GroupValue | null;
  /** Every distinct exit time of the stratum, ascending (censoring times included, as survfit). */
  time: number[];
  cumulativeHazard: number[];
}

export interface CoxConvergence {
  /** Newton-Raphson iterations, R's `fit$iter`. */
  iterations: number;
  converged: boolean;
  /** Times a step made ℓ worse and was shortened (R's `fit$info["step halving"]`). */
  stepHalvings: number;
  /** R's warnings: out of iterations, or a coefficient that may be infinite. */
  warnings: string[];
}

export interface CoxFit {
  ties: CoxTies;
  /** Subjects (rows times counts), R's `n`. */
  n: number;
  /** Events (rows times counts, not weighted), R's `nevent`. */
  nEvents: number;
  coefficients: CoxCoefficient[];
  /** The variance matrix of the coefficients, I(β̂)⁻¹ (R's `fit$var`). */
  variance: number[][];
  /** Log partial likelihood at β = 0 and at β̂ (R's `fit$loglik`). */
  loglik: [number, number];
  tests: {
    /** 2 (ℓ(β̂) − ℓ(0)), χ² on p df. */
    likelihoodRatio: CoxTest;
    /** β̂ᵀ I(β̂) β̂, χ² on p df (exact; `summary.coxph` prints it rounded to 2 decimals). */
    wald: CoxTest;
    /** U(0)ᵀ I(0)⁻¹ U(0), χ² on p df; for one binary covariate and no ties the log-rank test. */
    score: CoxTest;
  };
  /** One baseline cumulative hazard per stratum, strata in `compareGroups` order. */
  baselineHazard: CoxBaselineHazard[];
  convergence: CoxConvergence;
}

/** Rows sorted once by stratum and descending exit time; everything an iteration needs. */
interface SortedRows {
  n: number;
  p: number;
  time: Float64Array;
  event: Uint8Array;
  /** Case weight × count. */
  weight: Float64Array;
  /** Subjects the row stands for (adds to d in Efron's approximation). */
  count: Float64Array;
  /** Covariates centred at their weighted means, row-major (row i at i·p). */
  x: Float64Array;
  means: Float64Array;
  /** Sorted rows of stratum k are strataStart[k] … strataStart[k + 1] − 1. */
  strataStart: Int32Array;
  strataValues: (GroupValue | null)[];
  /** Sorted-row positions by stratum and descending entry time, or null without entry times. */
  leaving: Int32Array | null;
  /** Entry time of leaving[j]. */
  leavingEntry: Float64Array | null;
}

/** Per-iteration scratch space, allocated once per fit. */
interface Workspace {
  eta: Float64Array;
  risk: Float64Array;
  score: Float64Array;
  /** p × p, lower triangle filled by the pass, then mirrored. */
  information: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  e1: Float64Array;
  e2: Float64Array;
}

/** Receives the baseline hazard increment at each distinct exit time, in descending time per stratum. */
type HazardVisitor = (stratum: number, time: number, increment: number) => void;

/**
 * Fit a Cox proportional hazards model; matches R's `coxph` (coefficients, `var`, `loglik`, `iter`),
 * `summary.coxph` (z, p, exp(coef) and its interval, the likelihood-ratio, Wald and score tests) and
 * `basehaz(fit, centered = FALSE)` (Breslow's estimator for Breslow ties, its Efron (Fleming-Harrington)
 * analogue for Efron ties, as `survfit.coxph` chooses by the ties method).
 *
 * Newton-Raphson as R's `agfit4`/`coxfit6`: from β = 0, step β ← β + I⁻¹U; converged when
 * |1 − ℓ_best/ℓ_new| ≤ eps; a step that lowers ℓ (or makes it non-finite) is shortened towards the
 * last good β, by 1/2, then 1/3, … of the step on successive failures. If the iterations run out, the
 * best β found is returned with `converged: false`.
 *
 * @throws SurvivalError for malformed input (naming row and field), no events, or covariates that
 * are collinear (information matrix of lower rank than the number of covariates).
 */
export function coxRegression(data: CoxData, options: CoxOptions = {}): CoxFit {
  const ties = options.ties ?? 'efron';
  const eps = options.eps ?? 1e-9;
  const iterMax = options.iterMax ?? 20;
  const tolerChol = options.tolerChol ?? Math.pow(Number.EPSILON, 0.75);
  const confLevel = options.confLevel ?? 0.95;
  if (!(eps > 0)) throw new SurvivalError(`eps must be > 0, found ${eps}`);
  if (!(Number.isInteger(iterMax) && iterMax >= 0))
    throw new SurvivalError(`iterMax must be a whole number ≥ 0, found ${iterMax}`);
  if (!(confLevel > 0 && confLevel < 1))
    throw new SurvivalError(`confLevel must be in (0, 1), found ${confLevel}`);

  const rows = sortRows(data);
  const { p } = rows;
  const names = data.covariates.names;
  const work: Workspace = {
    eta: new Float64Array(rows.n),
    risk: new Float64Array(rows.n),
    score: new Float64Array(p),
    information: new Float64Array(p * p),
    s1: new Float64Array(p),
    s2: new Float64Array(p * p),
    e1: new Float64Array(p),
    e2: new Float64Array(p * p),
  };

  let beta: Float64Array = new Float64Array(p);
  const loglikNull = riskSetPass(rows, beta, ties, work);
  const nullFactor = choleskyLdl(work.information, p, tolerChol);
  if (nullFactor.rank < p) {
    const aliased = nullFactor.singular.map((j) => names[j]).join(', ');
    throw new SurvivalError(
      `the covariates are collinear: the information matrix at β = 0 has rank ${nullFactor.rank} < ${p}; ` +
        `drop or recode ${aliased} (each is a combination of the columns before it, or constant)`,
    );
  }
  const nullStep = solveLdl(nullFactor, work.score);
  const scoreStatistic = dot(work.score, nullStep);

  let loglik = loglikNull;
  let factor = nullFactor;
  let iterations = 0;
  let converged = false;
  let stepHalvings = 0;
  if (iterMax > 0) {
    let best = loglikNull;
    let lastGood = beta;
    beta = add(beta, nullStep);
    let halving = 0;
    for (iterations = 1; iterations <= iterMax; iterations++) {
      const candidate = riskSetPass(rows, beta, ties, work);
      const candidateFactor = choleskyLdl(work.information, p, tolerChol);
      const failed = !Number.isFinite(candidate) || candidateFactor.rank !== p;
      if (!failed && halving === 0 && Math.abs(1 - best / candidate) <= eps) {
        converged = true;
        loglik = candidate;
        factor = candidateFactor;
        break;
      }
      if (iterations === iterMax) {
        if (failed || candidate < best) {
          // The last step made things worse: report the best β, with its own score and information.
          beta = lastGood;
          loglik = riskSetPass(rows, beta, ties, work);
          factor = choleskyLdl(work.information, p, tolerChol);
        } else {
          loglik = candidate;
          factor = candidateFactor;
        }
        break;
      }
      if (failed || candidate < best) {
        halving++;
        stepHalvings++;
        const h = halving;
        beta = beta.map((b, j) => ((lastGood[j] as number) * h + b) / (h + 1));
      } else {
        halving = 0;
        best = candidate;
        lastGood = beta;
        beta = add(beta, solveLdl(candidateFactor, work.score));
      }
    }
  }
  if (factor.rank < p) {
    throw new SurvivalError(
      `the information matrix is singular at the final estimate (rank ${factor.rank} < ${p}); ` +
        `coefficients ${factor.singular.map((j) => names[j]).join(', ')} may be infinite`,
    );
  }

  const information = work.information.slice();
  const variance = inverseLdl(factor);
  const warnings: string[] = [];
  if (!converged && iterMax > 0) warnings.push('Ran out of iterations and did not converge');
  else if (iterMax > 0) {
    // R's check for a coefficient drifting to ±∞ while ℓ has converged: |U V|_j > sqrt(eps)(1 + |β_j|).
    const tolerInf = Math.sqrt(eps);
    const infinite: string[] = [];
    for (let j = 0; j < p; j++) {
      let uv = 0;
      for (let k = 0; k < p; k++) uv += (work.score[k] as number) * (variance[k * p + j] as number);
      if (
        !Number.isFinite(work.score[j] as number) ||
        Math.abs(uv) > tolerInf * (1 + Math.abs(beta[j] as number))
      )
        infinite.push(names[j] as string);
    }
    if (infinite.length > 0)
      warnings.push(`Loglik converged before variable ${infinite.join(', ')}; beta may be infinite`);
  }

  const zCrit = normalQuantile(1 - (1 - confLevel) / 2);
  const coefficients = Array.from({ length: p }, (_, j): CoxCoefficient => {
    const coef = beta[j] as number;
    const se = Math.sqrt(variance[j * p + j] as number);
    const z = coef / se;
    return {
      name: names[j] as string,
      coef,
      expCoef: Math.exp(coef),
      se,
      z,
      p: twoSidedP(z),
      lower: Math.exp(coef - zCrit * se),
      upper: Math.exp(coef + zCrit * se),
    };
  });
  let wald = 0;
  for (let j = 0; j < p; j++)
    for (let k = 0; k < p; k++)
      wald += (beta[j] as number) * (information[j * p + k] as number) * (beta[k] as number);
  const test = (statistic: number): CoxTest => ({ statistic, df: p, p: chiSquareUpper(statistic, p) });

  let n = 0;
  let nEvents = 0;
  for (let i = 0; i < rows.n; i++) {
    n += rows.count[i] as number;
    if (rows.event[i] === 1) nEvents += rows.count[i] as number;
  }

  return {
    ties,
    n,
    nEvents,
    coefficients,
    variance: Array.from({ length: p }, (_, j) => Array.from(variance.subarray(j * p, (j + 1) * p))),
    loglik: [loglikNull, loglik],
    tests: {
      likelihoodRatio: test(2 * (loglik - loglikNull)),
      wald: test(wald),
      score: test(scoreStatistic),
    },
    baselineHazard: baselineHazard(rows, beta, ties, work),
    convergence: { iterations, converged, stepHalvings, warnings },
  };
}

/**
 * Baseline cumulative hazard at x = 0 per stratum, as `basehaz(fit, centered = FALSE)`. At each exit
 * time the increment is W/S0 (Breslow) or w̄ Σ_k 1/S0_k (Efron ties: the Fleming-Harrington-type
 * estimator `survfit.coxph` uses), with S0 from the centred covariates; the centring is undone by the
 * factor exp(−βᵀx̄), as R's basehaz does.
 */
function baselineHazard(
  rows: SortedRows,
  beta: Float64Array,
  ties: CoxTies,
  work: Workspace,
): CoxBaselineHazard[] {
  const nStrata = rows.strataValues.length;
  const times: number[][] = Array.from({ length: nStrata }, () => []);
  const increments: number[][] = Array.from({ length: nStrata }, () => []);
  riskSetPass(rows, beta, ties, work, (stratum, time, increment) => {
    (times[stratum] as number[]).push(time);
    (increments[stratum] as number[]).push(increment);
  });
  const uncentre = Math.exp(-dot(beta, rows.means));
  return rows.strataValues.map((stratum, k) => {
    const time = (times[k] as number[]).reverse();
    const increment = (increments[k] as number[]).reverse();
    let sum = 0;
    const cumulativeHazard = increment.map((dh) => (sum += dh) * uncentre);
    return { stratum, time, cumulativeHazard };
  });
}

/**
 * One backward pass over the sorted rows at β: returns ℓ(β) and leaves U(β) in `work.score` and I(β)
 * in `work.information` (formulas in the module comment). Within a stratum, times are visited in
 * descending order; at each distinct exit time t the rows leaving at t join S0, S1, S2 and the rows
 * entering at or after t (no longer at risk at t) leave them. When the risk set empties the sums are
 * reset to exact zeros rather than left with the round-off of the subtractions, as R's agfit4 does.
 */
function riskSetPass(
  rows: SortedRows,
  beta: Float64Array,
  ties: CoxTies,
  work: Workspace,
  visitHazard?: HazardVisitor,
): number {
  const { n, p, time, event, weight, count, x, strataStart, leaving, leavingEntry } = rows;
  const { eta, risk, score, information, s1, s2, e1, e2 } = work;
  const efron = ties === 'efron';

  for (let i = 0; i < n; i++) {
    let lp = 0;
    const row = i * p;
    for (let a = 0; a < p; a++) lp += (beta[a] as number) * (x[row + a] as number);
    eta[i] = lp;
    risk[i] = (weight[i] as number) * Math.exp(lp);
  }
  score.fill(0);
  information.fill(0);
  let loglik = 0;

  for (let stratum = 0; stratum + 1 < strataStart.length; stratum++) {
    const end = strataStart[stratum + 1] as number;
    let i = strataStart[stratum] as number;
    let j = i; // next row of `leaving` to remove; the leaving order has the same stratum blocks
    let s0 = 0;
    let atRisk = 0;
    s1.fill(0);
    s2.fill(0);
    while (i < end) {
      const t = time[i] as number;
      let e0 = 0;
      let deaths = 0;
      let deathWeight = 0;
      e1.fill(0);
      e2.fill(0);
      for (; i < end && time[i] === t; i++) {
        const r = risk[i] as number;
        const row = i * p;
        s0 += r;
        atRisk++;
        for (let a = 0; a < p; a++) {
          const rxa = r * (x[row + a] as number);
          s1[a] = (s1[a] as number) + rxa;
          const ap = a * p;
          for (let b = 0; b <= a; b++) s2[ap + b] = (s2[ap + b] as number) + rxa * (x[row + b] as number);
        }
        if (event[i] === 1) {
          const w = weight[i] as number;
          deaths += count[i] as number;
          deathWeight += w;
          loglik += w * (eta[i] as number);
          e0 += r;
          for (let a = 0; a < p; a++) {
            const xa = x[row + a] as number;
            score[a] = (score[a] as number) + w * xa;
            const rxa = r * xa;
            e1[a] = (e1[a] as number) + rxa;
            const ap = a * p;
            for (let b = 0; b <= a; b++) e2[ap + b] = (e2[ap + b] as number) + rxa * (x[row + b] as number);
          }
        }
      }
      if (leaving !== null && leavingEntry !== null) {
        for (; j < end && (leavingEntry[j] as number) >= t; j++) {
          const k = leaving[j] as number;
          atRisk--;
          if (atRisk === 0) {
            s0 = 0;
            s1.fill(0);
            s2.fill(0);
            continue;
          }
          const r = risk[k] as number;
          const row = k * p;
          s0 -= r;
          for (let a = 0; a < p; a++) {
            const rxa = r * (x[row + a] as number);
            s1[a] = (s1[a] as number) - rxa;
            const ap = a * p;
            for (let b = 0; b <= a; b++) s2[ap + b] = (s2[ap + b] as number) - rxa * (x[row + b] as number);
          }
        }
      }
      if (deaths === 0) {
        visitHazard?.(stratum, t, 0);
        continue;
      }

      // Scalar sums over Efron's d steps; one step with c = 0 is Breslow.
      const steps = efron ? deaths : 1;
      const stepWeight = efron ? deathWeight / deaths : deathWeight;
      let logSum = 0;
      let a0 = 0; // Σ 1/S0_k
      let a1 = 0; // Σ c_k/S0_k
      let b0 = 0; // Σ 1/S0_k²
      let b1 = 0; // Σ c_k/S0_k²
      let b2 = 0; // Σ c_k²/S0_k²
      for (let k = 0; k < steps; k++) {
        const c = k / steps;
        const denominator = s0 - c * e0;
        const inv = 1 / denominator;
        const inv2 = inv * inv;
        logSum += Math.log(denominator);
        a0 += inv;
        a1 += c * inv;
        b0 += inv2;
        b1 += c * inv2;
        b2 += c * c * inv2;
      }
      loglik -= stepWeight * logSum;
      for (let a = 0; a < p; a++) {
        const s1a = s1[a] as number;
        const e1a = e1[a] as number;
        score[a] = (score[a] as number) - stepWeight * (s1a * a0 - e1a * a1);
        const ap = a * p;
        for (let b = 0; b <= a; b++) {
          const s1b = s1[b] as number;
          const e1b = e1[b] as number;
          information[ap + b] =
            (information[ap + b] as number) +
            stepWeight *
              ((s2[ap + b] as number) * a0 -
                (e2[ap + b] as number) * a1 -
                s1a * s1b * b0 +
                (s1a * e1b + e1a * s1b) * b1 -
                e1a * e1b * b2);
        }
      }
      visitHazard?.(stratum, t, stepWeight * a0);
    }
  }
  for (let a = 0; a < p; a++)
    for (let b = 0; b < a; b++) information[b * p + a] = information[a * p + b] as number;
  return loglik;
}

/** Check the input, sort it by stratum and descending exit time, and centre the covariates. */
function sortRows(data: CoxData): SortedRows {
  const { time, event, entry, covariates, strata, weight, count } = data;
  const n = time.length;
  const p = covariates.names.length;
  const lengthError = (name: string, length: number): SurvivalError =>
    new SurvivalError(`${name} has ${length} values but time has ${n}`);
  if (event.length !== n) throw lengthError('event', event.length);
  if (entry !== undefined && entry.length !== n) throw lengthError('entry', entry.length);
  if (strata !== undefined && strata.length !== n) throw lengthError('strata', strata.length);
  if (weight !== undefined && weight.length !== n) throw lengthError('weight', weight.length);
  if (count !== undefined && count.length !== n) throw lengthError('count', count.length);
  if (p === 0) throw new SurvivalError('a Cox model needs at least one covariate');
  if (covariates.columns.length !== p)
    throw new SurvivalError(`covariates has ${p} names but ${covariates.columns.length} columns`);
  covariates.columns.forEach((column, j) => {
    if (column.length !== n) throw lengthError(`covariate ${covariates.names[j]}`, column.length);
  });

  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    const e = event[i] as number;
    if (!Number.isFinite(t))
      throw new SurvivalError(`row ${i + 1}: time must be a finite number, found ${t}`);
    if (e !== 0 && e !== 1) throw new SurvivalError(`row ${i + 1}: event must be 0 or 1, found ${e}`);
    events += e;
    if (entry !== undefined) {
      const s = entry[i] as number;
      if (!(Number.isFinite(s) && s < t))
        throw new SurvivalError(`row ${i + 1}: entry must be a finite number before time ${t}, found ${s}`);
    }
    if (weight !== undefined) {
      const w = weight[i] as number;
      if (!(Number.isFinite(w) && w > 0))
        throw new SurvivalError(`row ${i + 1}: weight must be a finite number > 0, found ${w}`);
    }
    if (count !== undefined) {
      const c = count[i] as number;
      if (!(Number.isInteger(c) && c >= 1))
        throw new SurvivalError(`row ${i + 1}: count must be a whole number ≥ 1, found ${c}`);
    }
  }
  covariates.columns.forEach((values, j) => {
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v))
        throw new SurvivalError(
          `row ${i + 1}: covariate ${covariates.names[j]} must be a finite number, found ${v}`,
        );
    }
  });
  if (events === 0) throw new SurvivalError('no row has an event: a Cox model needs at least one');

  // Strata as codes 0 … K − 1 in compareGroups order.
  const strataValues: (GroupValue | null)[] = [null];
  const code = new Int32Array(n);
  if (strata !== undefined) {
    const distinct = [...new Set(strata)].sort(compareGroups);
    const index = new Map(distinct.map((value, k) => [value, k]));
    for (let i = 0; i < n; i++) code[i] = index.get(strata[i] as GroupValue) as number;
    strataValues.splice(0, 1, ...distinct);
  }

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) => (code[a] as number) - (code[b] as number) || (time[b] as number) - (time[a] as number),
  );

  // Gather one input array at a time: several times faster on large data than gathering whole rows
  // from p + 4 arrays at once, which misses the cache on every one of them.
  const gather = <T extends Float64Array | Uint8Array>(values: ArrayLike<number>, into: T): T => {
    for (let i = 0; i < n; i++) into[i] = values[order[i] as number] as number;
    return into;
  };
  const sortedTime = gather(time, new Float64Array(n));
  const sortedEvent = gather(event, new Uint8Array(n));
  const sortedCount = count === undefined ? new Float64Array(n).fill(1) : gather(count, new Float64Array(n));
  const sortedWeight = weight === undefined ? sortedCount.slice() : gather(weight, new Float64Array(n));
  if (weight !== undefined)
    for (let i = 0; i < n; i++) sortedWeight[i] = (sortedWeight[i] as number) * (sortedCount[i] as number);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += sortedWeight[i] as number;
  const x = new Float64Array(n * p);
  const means = new Float64Array(p);
  covariates.columns.forEach((values, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values[order[i] as number] as number;
      x[i * p + j] = v;
      sum += (sortedWeight[i] as number) * v;
    }
    const mean = sum / totalWeight;
    means[j] = mean;
    for (let i = 0; i < n; i++) x[i * p + j] = (x[i * p + j] as number) - mean;
  });
  const strataStart = new Int32Array(strataValues.length + 1);
  for (let i = 0; i < n; i++)
    strataStart[(code[i] as number) + 1] = (strataStart[(code[i] as number) + 1] as number) + 1;
  for (let k = 1; k < strataStart.length; k++)
    strataStart[k] = (strataStart[k] as number) + (strataStart[k - 1] as number);

  let leaving: Int32Array | null = null;
  let leavingEntry: Float64Array | null = null;
  if (entry !== undefined) {
    const sortedEntry = new Float64Array(n);
    const sortedCode = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      sortedEntry[i] = entry[order[i] as number] as number;
      sortedCode[i] = code[order[i] as number] as number;
    }
    leaving = new Int32Array(n);
    for (let i = 0; i < n; i++) leaving[i] = i;
    leaving.sort(
      (a, b) =>
        (sortedCode[a] as number) - (sortedCode[b] as number) ||
        (sortedEntry[b] as number) - (sortedEntry[a] as number),
    );
    leavingEntry = new Float64Array(n);
    for (let j = 0; j < n; j++) leavingEntry[j] = sortedEntry[leaving[j] as number] as number;
  }

  return {
    n,
    p,
    time: sortedTime,
    event: sortedEvent,
    weight: sortedWeight,
    count: sortedCount,
    x,
    means,
    strataStart,
    strataValues,
    leaving,
    leavingEntry,
  };
}

/**
 * A symmetric positive semi-definite matrix as L D Lᵀ (L unit lower triangular, row-major in `l`,
 * D in `d`), with R's `cholesky2` rule for rank: a pivot below tolerChol × the largest diagonal
 * element counts as zero, and its column is left out of solves and inverses. ml-matrix's Cholesky
 * has no such tolerance, and this is how coxph tells collinear covariates from merely small ones.
 */
interface LdlFactor {
  p: number;
  l: Float64Array;
  d: Float64Array;
  rank: number;
  /** Columns whose pivot counted as zero. */
  singular: number[];
}

function choleskyLdl(matrix: Float64Array, p: number, tolerChol: number): LdlFactor {
  const l = matrix.slice();
  const d = new Float64Array(p);
  let largest = 0;
  for (let i = 0; i < p; i++) largest = Math.max(largest, l[i * p + i] as number);
  const threshold = largest > 0 ? largest * tolerChol : tolerChol;
  const singular: number[] = [];
  for (let i = 0; i < p; i++) {
    const pivot = l[i * p + i] as number;
    if (!Number.isFinite(pivot) || pivot < threshold) {
      singular.push(i);
      for (let j = i + 1; j < p; j++) l[j * p + i] = 0;
      continue;
    }
    d[i] = pivot;
    for (let j = i + 1; j < p; j++) {
      const ratio = (l[j * p + i] as number) / pivot;
      l[j * p + i] = ratio;
      for (let k = i + 1; k <= j; k++)
        l[j * p + k] = (l[j * p + k] as number) - ratio * (l[k * p + i] as number) * pivot;
    }
  }
  return { p, l, d, rank: p - singular.length, singular };
}

/** Solve (L D Lᵀ) x = b, with x = 0 in the singular columns. */
function solveLdl(factor: LdlFactor, b: Float64Array): Float64Array {
  const { p, l, d } = factor;
  const x = b.slice();
  for (let i = 0; i < p; i++)
    for (let k = 0; k < i; k++) x[i] = (x[i] as number) - (l[i * p + k] as number) * (x[k] as number);
  for (let i = p - 1; i >= 0; i--) {
    const pivot = d[i] as number;
    if (pivot === 0) {
      x[i] = 0;
      continue;
    }
    x[i] = (x[i] as number) / pivot;
    for (let k = i + 1; k < p; k++) x[i] = (x[i] as number) - (l[k * p + i] as number) * (x[k] as number);
  }
  return x;
}

/** The inverse of L D Lᵀ (row-major p × p), column by column. */
function inverseLdl(factor: LdlFactor): Float64Array {
  const { p } = factor;
  const inverse = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = solveLdl(factor, unit);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i] as number;
  }
  // Symmetrise: the two triangles differ by round-off only.
  for (let i = 0; i < p; i++)
    for (let j = 0; j < i; j++) {
      const v = ((inverse[i * p + j] as number) + (inverse[j * p + i] as number)) / 2;
      inverse[i * p + j] = v;
      inverse[j * p + i] = v;
    }
  return inverse;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => v + (b[i] as number));
}
