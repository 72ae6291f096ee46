/**
 * Maximum-likelihood fit of a Poisson log-linear model whose design is an intercept plus dummy
 * columns of factors, on cells with exposure: log μ_r = log exposure_r + β_0 + Σ_f β_{code(r, f)}.
 *
 * The same estimates as `fitGlm` (family poisson, log link, offset log exposure; validated against R),
 * by Newton-Raphson on the sparse design: a row has at most one active column per factor, so the
 * gradient and the information matrix XᵀWX cost (active columns)² per row, not p². On the duration
 * model's cells (tens of thousands of rows, ~40 columns) that is some 25 times less work than a dense
 * QR per iteration. Steps that raise the deviance are halved, as glm.fit does. The covariance is the
 * inverse information at the estimate (dispersion 1).
 */

export interface FactorRows {
  /** Column indices (1 … p − 1) of each row's active dummies; −1 entries are skipped (reference levels). */
  readonly codes: readonly (readonly number[])[];
  readonly events: ArrayLike<number>;
  readonly exposure: ArrayLike<number>;
  /** Number of coefficients, the intercept included. */
  readonly p: number;
}

export interface FactorFit {
  readonly coefficients: number[];
  readonly covariance: number[][];
  readonly deviance: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export class FactorFitError extends Error {
  override readonly name = 'FactorFitError';
}

/** Solve A x = b for symmetric positive definite A by Cholesky; `null` if A is not positive definite. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(sum > 1e-12 * Math.max(1, Math.abs(a[i * p + i]!)))) return null;
        l[i * p + i] = Math.sqrt(sum);
      } else l[i * p + j] = sum / l[j * p + j]!;
    }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * y[k]!;
    y[i] = sum / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * x[k]!;
    x[i] = sum / l[i * p + i]!;
  }
  return x;
}

export function fitPoissonFactors(rows: FactorRows, control = { epsilon: 1e-10, maxit: 50 }): FactorFit {
  const { p, events, exposure } = rows;
  const n = rows.codes.length;
  const active = rows.codes.map((c) => Int32Array.from([0, ...c.filter((i) => i >= 0)]));
  for (const a of active)
    for (const i of a) if (i >= p) throw new FactorFitError(`column ${i} is outside the ${p} coefficients`);
  let totalEvents = 0;
  let totalExposure = 0;
  for (let r = 0; r < n; r++) {
    totalEvents += events[r]!;
    totalExposure += exposure[r]!;
  }
  if (!(totalEvents > 0) || !(totalExposure > 0))
    throw new FactorFitError('a Poisson model needs events and exposure');
  const beta = new Float64Array(p);
  beta[0] = Math.log(totalEvents / totalExposure);
  const mu = new Float64Array(n);
  const deviance = (b: Float64Array) => {
    let dev = 0;
    for (let r = 0; r < n; r++) {
      let eta = 0;
      for (const i of active[r]!) eta += b[i]!;
      const m = exposure[r]! * Math.exp(eta);
      mu[r] = m;
      const y = events[r]!;
      dev += 2 * ((y > 0 ? y * Math.log(y / m) : 0) - (y - m));
    }
    return dev;
  };
  let dev = deviance(beta);
  const information = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const fillInformation = () => {
    information.fill(0);
    gradient.fill(0);
    for (let r = 0; r < n; r++) {
      const a = active[r]!;
      const m = mu[r]!;
      const resid = events[r]! - m;
      for (let x = 0; x < a.length; x++) {
        const i = a[x]!;
        gradient[i] = gradient[i]! + resid;
        for (let z = 0; z <= x; z++) {
          const j = a[z]!;
          const [hi, lo] = i >= j ? [i, j] : [j, i];
          information[hi * p + lo] = information[hi * p + lo]! + m;
        }
      }
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) information[j * p + i] = information[i * p + j]!;
  };
  let iterations = 0;
  let converged = false;
  while (iterations < control.maxit) {
    iterations++;
    fillInformation();
    const step = choleskySolve(information, gradient, p);
    if (!step)
      throw new FactorFitError(
        'the information matrix is singular: a column has no exposure or is collinear',
      );
    let scale = 1;
    let trial = beta.map((b, i) => b + step[i]!);
    let trialDev = deviance(trial);
    while (!(trialDev <= dev + 1e-12 * Math.abs(dev)) && scale > 1e-8) {
      scale /= 2;
      trial = beta.map((b, i) => b + scale * step[i]!);
      trialDev = deviance(trial);
    }
    beta.set(trial);
    const change = Math.abs(trialDev - dev) / (Math.abs(trialDev) + 0.1);
    dev = trialDev;
    if (change < control.epsilon) {
      converged = true;
      break;
    }
  }
  deviance(beta);
  fillInformation();
  const covariance: number[][] = [];
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    const column = choleskySolve(information, e, p);
    if (!column) throw new FactorFitError('the information matrix is singular at the estimate');
    covariance.push(Array.from(column));
  }
  return { coefficients: Array.from(beta), covariance, deviance: dev, iterations, converged };
}
