/**
 * Generalised linear models by iteratively reweighted least squares, step for step as R's `glm.fit`
 * (R 4.2.2), so that coefficients, standard errors, deviance, log-likelihood and even the number of
 * iterations agree with R's `glm()` and `summary.glm()`:
 *
 * - families binomial (links logit, cloglog) and Poisson (link log), with prior weights and an offset;
 * - starting values from the family's `initialize` (mustart): (w·y + ½)/(w + 1) for the binomial,
 *   y + 0.1 for the Poisson, and η₀ = g(mustart);
 * - each iteration solves the weighted least squares problem of the working response
 *   z = η − offset + (y − μ)/μ′(η) with working weights W = w·μ′(η)²/V(μ) by a Householder QR of
 *   √W·X (R uses LINPACK's dqrdc2; both are backward stable, so they agree to rounding);
 * - convergence when |D − D_old|/(|D| + 0.1) < ε with ε = 1e-8, at most 25 iterations (`glm.control`),
 *   with R's step halving when the deviance is infinite or μ leaves its domain;
 * - standard errors from (RᵀR)⁻¹ of the last QR, dispersion 1 (`summary.glm`), z = β/se and
 *   p = 2(1 − Φ(|z|)). That QR holds the working weights of the iterate before the final one, so
 *   standard errors are those of a point about √ε from the optimum; R's convention, kept to agree
 *   with R to 1e-10 rather than to be 1e-9 closer to the limit.
 *
 * Aggregated cells are ordinary rows with a count response: binomial `{events, trials}` is R's
 * `cbind(events, trials − events)`, Poisson `{events, exposure}` is `events ~ … + offset(log(exposure))`.
 * The binomial likelihood depends on the data only through the events and trials of each covariate
 * pattern and the Poisson one through the events and total exposure, so cells counted by DuckDB give
 * the same coefficients and standard errors as the person-period rows they summarise.
 */
import { logGamma, twoSidedP } from '../distributions.ts';
import { INTERCEPT } from './design.ts';

export type GlmFamily = 'binomial' | 'poisson';
export type GlmLink = 'logit' | 'cloglog' | 'log';

/**
 * The response. `y`: for the binomial 0/1 outcomes, or proportions with the numbers of trials as
 * prior weights; for the Poisson counts. `events`/`trials`: binomial counts per row or cell.
 * `events`/`exposure`: Poisson counts with log(exposure) added to the offset.
 */
export type GlmResponse =
  | { y: ArrayLike<number> }
  | { events: ArrayLike<number>; trials: ArrayLike<number> }
  | { events: ArrayLike<number>; exposure: ArrayLike<number> };

/** The model matrix; {@link designMatrix} builds one. `hasIntercept` means column 0 is all ones. */
export interface GlmDesign {
  names: readonly string[];
  columns: readonly ArrayLike<number>[];
  hasIntercept: boolean;
}

export interface GlmSpec {
  x: GlmDesign;
  response: GlmResponse;
  family: GlmFamily;
  /** Default: the canonical link (logit for the binomial, log for the Poisson). */
  link?: GlmLink;
  /** Prior weights, as frequency weights: a row with weight 3 counts as three identical rows. */
  weights?: ArrayLike<number>;
  offset?: ArrayLike<number>;
  /** `glm.control`: epsilon 1e-8, maxit 25. */
  control?: { epsilon?: number; maxit?: number };
}

export interface GlmCoefficient {
  name: string;
  coef: number;
  se: number;
  z: number;
  p: number;
}

export type GlmWarningCode =
  | 'not-converged'
  | 'boundary'
  | 'step-truncated'
  | 'fitted-probabilities-0-or-1'
  | 'fitted-rates-0'
  | 'non-integer-counts'
  | 'null-deviance-not-converged';

/** A condition R reports as a warning; the message is R's, so it can be looked up. */
export interface GlmWarning {
  code: GlmWarningCode;
  message: string;
}

export interface GlmFit {
  family: GlmFamily;
  link: GlmLink;
  coefficients: GlmCoefficient[];
  /** Covariance of the coefficients, (RᵀR)⁻¹ (dispersion 1), rows and columns in coefficient order. */
  covariance: number[][];
  /** `logLik(fit)`: for binomial counts it includes the log binomial coefficients, as R's does. */
  logLik: number;
  deviance: number;
  /** Deviance of the intercept-only model (with the offset, refitted, as `glm()` does when there is one). */
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  /** −2 logLik + 2 × number of coefficients. */
  aic: number;
  iterations: number;
  converged: boolean;
  /** The last step was halved to keep the deviance finite or μ valid (`fit$boundary`). */
  boundary: boolean;
  /** Fitted means μ per row: probabilities for the binomial, expected counts for the Poisson. */
  fitted: Float64Array;
  warnings: GlmWarning[];
}

export class GlmError extends Error {
  override name = 'GlmError';
}

const DOUBLE_EPS = Number.EPSILON;

/** The pieces of R's `family` objects that glm.fit uses. */
interface Link {
  linkfun(mu: number): number;
  linkinv(eta: number): number;
  muEta(eta: number): number;
}

/** R's C implementations (family.c) and R functions of `make.link`, thresholds included. */
const LINKS: Record<GlmLink, Link> = {
  logit: {
    linkfun: (mu) => Math.log(mu / (1 - mu)),
    linkinv: (eta) => {
      const t = eta < -30 ? DOUBLE_EPS : eta > 30 ? 1 / DOUBLE_EPS : Math.exp(eta);
      return t / (1 + t);
    },
    muEta: (eta) => {
      const opexp = 1 + Math.exp(eta);
      return eta > 30 || eta < -30 ? DOUBLE_EPS : Math.exp(eta) / (opexp * opexp);
    },
  },
  cloglog: {
    linkfun: (mu) => Math.log(-Math.log(1 - mu)),
    linkinv: (eta) => Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - DOUBLE_EPS), DOUBLE_EPS),
    muEta: (eta) => {
      const e = Math.min(eta, 700);
      return Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), DOUBLE_EPS);
    },
  },
  log: {
    linkfun: (mu) => Math.log(mu),
    linkinv: (eta) => Math.max(Math.exp(eta), DOUBLE_EPS),
    muEta: (eta) => Math.max(Math.exp(eta), DOUBLE_EPS),
  },
};

const yLogY = (y: number, mu: number) => (y !== 0 ? y * Math.log(y / mu) : 0);

interface Family {
  variance(mu: number): number;
  validMu(mu: number): boolean;
  /** Unit deviance contribution of one row, `dev.resids`. */
  devResid(y: number, mu: number, w: number): number;
}

const FAMILIES: Record<GlmFamily, Family> = {
  binomial: {
    variance: (mu) => mu * (1 - mu),
    validMu: (mu) => Number.isFinite(mu) && mu > 0 && mu < 1,
    devResid: (y, mu, w) => 2 * w * (yLogY(y, mu) + yLogY(1 - y, 1 - mu)),
  },
  poisson: {
    variance: (mu) => mu,
    validMu: (mu) => Number.isFinite(mu) && mu > 0,
    devResid: (y, mu, w) => 2 * (y > 0 ? w * (y * Math.log(y / mu) - (y - mu)) : mu * w),
  },
};

/** The response and weights after the family's `initialize`: y on the mean scale, n and mustart. */
interface Prepared {
  y: Float64Array;
  /** Prior weights times trials for binomial counts (R's `weights` after initialize). */
  weights: Float64Array;
  /** Trials per row (R's `n`), 1 unless the response is binomial counts. */
  n: Float64Array;
  offset: Float64Array;
  mustart: Float64Array;
  hasOffset: boolean;
  warnings: GlmWarning[];
}

/**
 * Fit a generalised linear model as R's `glm(…, family = family(link))` does.
 *
 * The log-likelihood is R's `logLik.glm`, −aic/2 from the family: binomial
 * Σ (wᵢ/mᵢ) log dbinom(mᵢyᵢ; mᵢ, μᵢ) with mᵢ the trials when any exceed 1 and the prior weights
 * otherwise, so binomial counts include log C(trials, events), and 0/1 rows with integer weights
 * count as that many rows; Poisson Σ wᵢ log dpois(yᵢ; μᵢ), which is −∞ for a count that is not a
 * whole number, as in R.
 *
 * Throws {@link GlmError} for invalid input and for aliased (linearly dependent) design columns,
 * where R would return NA coefficients; separation and non-convergence are {@link GlmWarning}s.
 */
export function fitGlm(spec: GlmSpec): GlmFit {
  const { x } = spec;
  const link = spec.link ?? (spec.family === 'binomial' ? 'logit' : 'log');
  const allowed: Record<GlmFamily, readonly GlmLink[]> = { binomial: ['logit', 'cloglog'], poisson: ['log'] };
  if (!allowed[spec.family].includes(link))
    throw new GlmError(
      `link "${link}" is not available for the ${spec.family} family (use ${allowed[spec.family].join(' or ')})`,
    );
  const p = x.names.length;
  if (x.columns.length !== p) throw new GlmError(`the design has ${p} names but ${x.columns.length} columns`);
  if (p === 0) throw new GlmError('the design has no columns');
  const nObs = (x.columns[0] as ArrayLike<number>).length;
  for (let j = 0; j < p; j++) {
    const column = x.columns[j] as ArrayLike<number>;
    if (column.length !== nObs)
      throw new GlmError(`design column "${x.names[j]}" has ${column.length} rows, expected ${nObs}`);
    for (let i = 0; i < nObs; i++)
      if (!Number.isFinite(column[i]))
        throw new GlmError(
          `design column "${x.names[j]}", row ${i + 1}: expected a finite number, found ${column[i]}`,
        );
  }
  if (x.hasIntercept && x.names[0] !== INTERCEPT)
    throw new GlmError(`hasIntercept is set but column 0 is "${x.names[0]}", not "${INTERCEPT}"`);

  const prepared = prepare(spec, nObs);
  const family = FAMILIES[spec.family];
  const linkFns = LINKS[link];
  const control = { epsilon: spec.control?.epsilon ?? 1e-8, maxit: spec.control?.maxit ?? 25 };
  const warnings = [...prepared.warnings];

  const fit = irls(x.columns, x.names, prepared, prepared.mustart, family, linkFns, control);
  warnings.push(...fit.warnings);
  const { mu } = fit;

  const eps = 10 * DOUBLE_EPS;
  if (spec.family === 'binomial' && mu.some((m) => m > 1 - eps || m < eps))
    warnings.push({
      code: 'fitted-probabilities-0-or-1',
      message: 'fitted probabilities numerically 0 or 1 occurred',
    });
  if (spec.family === 'poisson' && mu.some((m) => m < eps))
    warnings.push({ code: 'fitted-rates-0', message: 'fitted rates numerically 0 occurred' });

  // Null deviance: glm.fit's closed form, unless there is an offset and an intercept, when glm()
  // refits the intercept-only model with the offset starting from the fitted values.
  const { y, weights, offset } = prepared;
  let nullDeviance = 0;
  if (x.hasIntercept && prepared.hasOffset) {
    const nullFit = irls(
      [x.columns[0] as ArrayLike<number>],
      [INTERCEPT],
      prepared,
      mu,
      family,
      linkFns,
      control,
    );
    if (!nullFit.converged)
      warnings.push({
        code: 'null-deviance-not-converged',
        message: "fitting to calculate the null deviance did not converge -- increase 'maxit'?",
      });
    nullDeviance = nullFit.deviance;
  } else {
    let sumWY = 0;
    let sumW = 0;
    for (let i = 0; i < nObs; i++) {
      sumWY += (weights[i] as number) * (y[i] as number);
      sumW += weights[i] as number;
    }
    for (let i = 0; i < nObs; i++) {
      const m = x.hasIntercept ? sumWY / sumW : linkFns.linkinv(offset[i] as number);
      nullDeviance += family.devResid(y[i] as number, m, weights[i] as number);
    }
  }

  const nOk = nObs - weights.filter((w) => w === 0).length;
  const familyAic =
    spec.family === 'binomial' ? binomialAic(y, prepared.n, mu, weights) : poissonAic(y, mu, weights);
  const covariance = unscaledCovariance(fit.r, p);
  const coefficients = x.names.map((name, j) => {
    const coef = fit.coef[j] as number;
    const se = Math.sqrt((covariance[j] as number[])[j] as number);
    const z = coef / se;
    return { name, coef, se, z, p: twoSidedP(z) };
  });
  return {
    family: spec.family,
    link,
    coefficients,
    covariance,
    // As logLik.glm computes it, from the AIC: the same value as −familyAic/2 up to R's own rounding,
    // which matters only for a log-likelihood near 0 (complete separation).
    logLik: p - (familyAic + 2 * p) / 2,
    deviance: fit.deviance,
    nullDeviance,
    dfResidual: nOk - p,
    dfNull: nOk - (x.hasIntercept ? 1 : 0),
    aic: familyAic + 2 * p,
    iterations: fit.iterations,
    converged: fit.converged,
    boundary: fit.boundary,
    fitted: mu,
    warnings,
  };
}

/** Check the inputs and run the family's `initialize`. */
function prepare(spec: GlmSpec, nObs: number): Prepared {
  const warnings: GlmWarning[] = [];
  const vector = (values: ArrayLike<number> | undefined, what: string, fallback: number) => {
    if (values === undefined) return new Float64Array(nObs).fill(fallback);
    if (values.length !== nObs)
      throw new GlmError(`${what} has ${values.length} values, expected ${nObs} (the design rows)`);
    const out = Float64Array.from(values);
    out.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new GlmError(`${what}, row ${i + 1}: expected a finite number, found ${v}`);
    });
    return out;
  };
  const weights = vector(spec.weights, 'weights', 1);
  weights.forEach((w, i) => {
    if (w < 0) throw new GlmError(`weights, row ${i + 1}: negative weight ${w}`);
  });
  const offset = vector(spec.offset, 'offset', 0);
  let hasOffset = spec.offset !== undefined;
  const n = new Float64Array(nObs).fill(1);
  const { response } = spec;
  let y: Float64Array;
  let mustart: Float64Array;

  if (spec.family === 'binomial') {
    if ('exposure' in response)
      throw new GlmError('exposure is for the Poisson family; binomial counts are {events, trials}');
    if ('trials' in response) {
      const events = vector(response.events, 'events', 0);
      const trials = vector(response.trials, 'trials', 0);
      for (let i = 0; i < nObs; i++) {
        const e = events[i] as number;
        const t = trials[i] as number;
        if (e < 0 || e > t)
          throw new GlmError(`row ${i + 1}: events must lie between 0 and trials, found ${e} events of ${t}`);
      }
      if (
        [...events, ...trials.map((t, i) => t - (events[i] as number))].some(
          (c) => Math.abs(c - Math.round(c)) > 0.001,
        )
      )
        warnings.push({ code: 'non-integer-counts', message: 'non-integer counts in a binomial glm!' });
      n.set(trials);
      y = events.map((e, i) => (trials[i] === 0 ? 0 : e / (trials[i] as number)));
      for (let i = 0; i < nObs; i++) weights[i] = (weights[i] as number) * (trials[i] as number);
      mustart = y.map((yi, i) => ((n[i] as number) * yi + 0.5) / ((n[i] as number) + 1));
    } else {
      y = vector(response.y, 'y', 0).map((yi, i) => (weights[i] === 0 ? 0 : yi));
      y.forEach((yi, i) => {
        if (yi < 0 || yi > 1)
          throw new GlmError(`y, row ${i + 1}: binomial y must lie in [0, 1], found ${yi}`);
      });
      mustart = y.map((yi, i) => ((weights[i] as number) * yi + 0.5) / ((weights[i] as number) + 1));
      if (
        y.some(
          (yi, i) => Math.abs((weights[i] as number) * yi - Math.round((weights[i] as number) * yi)) > 0.001,
        )
      )
        warnings.push({ code: 'non-integer-counts', message: 'non-integer #successes in a binomial glm!' });
    }
  } else {
    if ('trials' in response)
      throw new GlmError('trials are for the binomial family; Poisson cells are {events, exposure}');
    y = 'y' in response ? vector(response.y, 'y', 0) : vector(response.events, 'events', 0);
    y.forEach((yi, i) => {
      if (yi < 0)
        throw new GlmError(`row ${i + 1}: negative values not allowed for the Poisson family, found ${yi}`);
    });
    if ('exposure' in response) {
      const exposure = vector(response.exposure, 'exposure', 1);
      exposure.forEach((e, i) => {
        if (!(e > 0))
          throw new GlmError(
            `exposure, row ${i + 1}: expected a positive exposure, found ${e} (drop empty cells)`,
          );
        offset[i] = (offset[i] as number) + Math.log(e);
      });
      hasOffset = true;
    }
    mustart = y.map((yi) => yi + 0.1);
  }
  return { y, weights, n, offset, mustart, hasOffset, warnings };
}

interface IrlsResult {
  coef: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  boundary: boolean;
  /** R factor (p × p, upper triangle, row-major) of the last weighted least squares problem. */
  r: Float64Array;
  warnings: GlmWarning[];
}

/** The loop of R's glm.fit, line for line. */
function irls(
  columns: readonly ArrayLike<number>[],
  names: readonly string[],
  data: Prepared,
  mustart: Float64Array,
  family: Family,
  link: Link,
  control: { epsilon: number; maxit: number },
): IrlsResult {
  const { y, weights, offset } = data;
  const nObs = y.length;
  const p = columns.length;
  const warnings: GlmWarning[] = [];
  const deviance = (mu: Float64Array) => {
    let d = 0;
    for (let i = 0; i < nObs; i++)
      d += family.devResid(y[i] as number, mu[i] as number, weights[i] as number);
    return d;
  };
  const allValid = (mu: Float64Array) => mu.every((m) => family.validMu(m));
  // η = Xβ + offset, summed in that order as R's drop(x %*% start) + offset.
  const predict = (coef: Float64Array, eta: Float64Array, mu: Float64Array) => {
    eta.fill(0);
    for (let j = 0; j < p; j++) {
      const b = coef[j] as number;
      const column = columns[j] as ArrayLike<number>;
      for (let i = 0; i < nObs; i++) eta[i] = (eta[i] as number) + (column[i] as number) * b;
    }
    for (let i = 0; i < nObs; i++) {
      eta[i] = (eta[i] as number) + (offset[i] as number);
      mu[i] = link.linkinv(eta[i] as number);
    }
  };

  const eta = mustart.map((m) => link.linkfun(m));
  const mu = eta.map((e) => link.linkinv(e));
  if (!allValid(mu)) throw new GlmError('cannot find valid starting values');
  let devOld = deviance(mu);
  let coef: Float64Array = new Float64Array(p);
  let coefOld: Float64Array | null = null;
  let converged = false;
  let boundary = false;
  let iterations = 0;
  let r: Float64Array = new Float64Array(p * p);
  let dev = devOld;
  // Rows with positive weight and μ′(η) ≠ 0 (R's `good`), their working responses and √weights.
  const good = new Int32Array(nObs);
  const z = new Float64Array(nObs);
  const w = new Float64Array(nObs);

  for (let iter = 1; iter <= control.maxit; iter++) {
    iterations = iter;
    let nGood = 0;
    for (let i = 0; i < nObs; i++) {
      if (!((weights[i] as number) > 0)) continue;
      const m = mu[i] as number;
      const v = family.variance(m);
      if (Number.isNaN(v)) throw new GlmError('NAs in V(mu)');
      if (v === 0) throw new GlmError(`0s in V(mu) (row ${i + 1})`);
      const d = link.muEta(eta[i] as number);
      if (Number.isNaN(d)) throw new GlmError('NAs in d(mu)/d(eta)');
      if (d === 0) continue;
      good[nGood] = i;
      z[nGood] = (eta[i] as number) - (offset[i] as number) + ((y[i] as number) - m) / d;
      w[nGood] = Math.sqrt(((weights[i] as number) * (d * d)) / v);
      nGood++;
    }
    if (nGood === 0) {
      converged = false;
      warnings.push({ code: 'not-converged', message: `no observations informative at iteration ${iter}` });
      break;
    }
    const ls = weightedLeastSquares(
      columns,
      names,
      good.subarray(0, nGood),
      w.subarray(0, nGood),
      z.subarray(0, nGood),
      control.epsilon,
    );
    r = ls.r;
    coef = ls.coef;
    predict(coef, eta, mu);
    dev = deviance(mu);
    boundary = false;
    if (!Number.isFinite(dev)) {
      if (coefOld === null)
        throw new GlmError('no valid set of coefficients has been found: please supply starting values');
      warnings.push({ code: 'step-truncated', message: 'step size truncated due to divergence' });
      for (let ii = 1; !Number.isFinite(dev); ii++) {
        if (ii > control.maxit) throw new GlmError('inner loop 1; cannot correct step size');
        coef = coef.map((b, j) => (b + (coefOld as Float64Array)[j]!) / 2);
        predict(coef, eta, mu);
        dev = deviance(mu);
      }
      boundary = true;
    }
    if (!allValid(mu)) {
      if (coefOld === null)
        throw new GlmError('no valid set of coefficients has been found: please supply starting values');
      warnings.push({ code: 'step-truncated', message: 'step size truncated: out of bounds' });
      for (let ii = 1; !allValid(mu); ii++) {
        if (ii > control.maxit) throw new GlmError('inner loop 2; cannot correct step size');
        coef = coef.map((b, j) => (b + (coefOld as Float64Array)[j]!) / 2);
        predict(coef, eta, mu);
      }
      boundary = true;
      dev = deviance(mu);
    }
    if (Math.abs(dev - devOld) / (0.1 + Math.abs(dev)) < control.epsilon) {
      converged = true;
      break;
    }
    devOld = dev;
    coefOld = coef;
  }
  if (!converged) warnings.push({ code: 'not-converged', message: 'algorithm did not converge' });
  if (boundary) warnings.push({ code: 'boundary', message: 'algorithm stopped at boundary value' });
  return { coef, mu, deviance: dev, iterations, converged, boundary, r, warnings };
}

/**
 * Least squares of z·w on X·w (rows `good`) by Householder QR. A column whose norm, after removing
 * the columns before it, falls below tol × its own norm is aliased; R's dqrdc2 (tol = min(1e-7, ε/1000))
 * pivots it to the end and reports an NA coefficient; here it is an error that names every such column.
 */
function weightedLeastSquares(
  columns: readonly ArrayLike<number>[],
  names: readonly string[],
  good: Int32Array,
  w: Float64Array,
  z: Float64Array,
  epsilon: number,
): { coef: Float64Array; r: Float64Array } {
  const m = good.length;
  const p = columns.length;
  const tol = Math.min(1e-7, epsilon / 1000);
  const a = columns.map((column) => {
    const out = new Float64Array(m);
    for (let k = 0; k < m; k++) out[k] = (column[good[k] as number] as number) * (w[k] as number);
    return out;
  });
  const b = new Float64Array(m);
  for (let k = 0; k < m; k++) b[k] = (z[k] as number) * (w[k] as number);
  const originalNorms = a.map((col) => {
    let s = 0;
    for (let k = 0; k < m; k++) s += (col[k] as number) ** 2;
    return Math.sqrt(s);
  });
  const aliased: string[] = [];
  const r = new Float64Array(p * p);
  let row = 0;
  for (let j = 0; j < p; j++) {
    const col = a[j] as Float64Array;
    let norm = 0;
    for (let k = row; k < m; k++) norm += (col[k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (row >= m || norm < tol * (originalNorms[j] || 1)) {
      aliased.push(names[j] as string);
      continue;
    }
    // Reflect col[row:] onto ∓norm·e₁ and apply the same reflection to the later columns and b.
    const alpha = (col[row] as number) > 0 ? -norm : norm;
    col[row] = (col[row] as number) - alpha;
    const vv = -alpha * (col[row] as number); // vᵀv / 2
    const reflect = (target: Float64Array) => {
      let dot = 0;
      for (let k = row; k < m; k++) dot += (col[k] as number) * (target[k] as number);
      const f = dot / vv;
      for (let k = row; k < m; k++) target[k] = (target[k] as number) - f * (col[k] as number);
    };
    for (let l = j + 1; l < p; l++) reflect(a[l] as Float64Array);
    reflect(b);
    r[j * p + j] = alpha;
    for (let l = j + 1; l < p; l++) r[j * p + l] = (a[l] as Float64Array)[row] as number;
    row++;
  }
  if (aliased.length > 0)
    throw new GlmError(
      `aliased coefficients: ${aliased.map((name) => `"${name}"`).join(', ')} ` +
        `${aliased.length === 1 ? 'is a linear combination' : 'are linear combinations'} of the columns before ` +
        '(R reports NA for them); drop the covariate, merge levels, or check for a level with no rows',
    );
  const coef = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = b[j] as number;
    for (let l = j + 1; l < p; l++) s -= (r[j * p + l] as number) * (coef[l] as number);
    coef[j] = s / (r[j * p + j] as number);
  }
  return { coef, r };
}

/** (RᵀR)⁻¹ = R⁻¹R⁻ᵀ, R's `chol2inv(Qr$qr)` in `summary.glm`. */
function unscaledCovariance(r: Float64Array, p: number): number[][] {
  const inv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    inv[j * p + j] = 1 / (r[j * p + j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += (r[i * p + k] as number) * (inv[k * p + j] as number);
      inv[i * p + j] = -s / (r[i * p + i] as number);
    }
  }
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (let k = Math.max(i, j); k < p; k++) s += (inv[i * p + k] as number) * (inv[j * p + k] as number);
      return s;
    }),
  );
}

/** Whether x is a whole number in the sense of R's `R_nonint` (within 1e-7 relative). */
const isWhole = (x: number) => Math.abs(x - Math.round(x)) <= 1e-7 * Math.max(1, Math.abs(x));

/** log dbinom(k; size, prob) for whole k and size. */
function logBinomialProbability(k: number, size: number, prob: number): number {
  if (k < 0 || k > size) return -Infinity;
  // Exactly 0 at k = 0 and k = size, so 0/1 rows add no rounding from ln Γ to a log-likelihood near 0.
  const logChoose = k === 0 || k === size ? 0 : logGamma(size + 1) - logGamma(k + 1) - logGamma(size - k + 1);
  const success = k === 0 ? 0 : k * Math.log(prob);
  const failure = size - k === 0 ? 0 : (size - k) * Math.log1p(-prob);
  return logChoose + success + failure;
}

/** log dpois(k; lambda); −∞ for a k that is not whole, as R's dpois. */
function logPoissonProbability(k: number, lambda: number): number {
  if (!isWhole(k)) return -Infinity;
  const kk = Math.round(k);
  return (kk === 0 ? 0 : kk * Math.log(lambda)) - lambda - (kk <= 1 ? 0 : logGamma(kk + 1));
}

/** `binomial()$aic`: −2 Σ (w/m) log dbinom(round(m y); round(m), μ), m = n if any n > 1 else w. */
function binomialAic(y: Float64Array, n: Float64Array, mu: Float64Array, weights: Float64Array): number {
  const m = n.some((ni) => ni > 1) ? n : weights;
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const mi = m[i] as number;
    if (!(mi > 0)) continue;
    s +=
      ((weights[i] as number) / mi) *
      logBinomialProbability(Math.round(mi * (y[i] as number)), Math.round(mi), mu[i] as number);
  }
  return -2 * s;
}

/** `poisson()$aic`: −2 Σ w log dpois(y; μ). */
function poissonAic(y: Float64Array, mu: Float64Array, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights[i] as number;
    if (w !== 0) s += logPoissonProbability(y[i] as number, mu[i] as number) * w;
  }
  return -2 * s;
}
