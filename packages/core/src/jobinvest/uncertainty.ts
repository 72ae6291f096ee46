/**
 * Estimation uncertainty for the microsimulation: one draw of the model's parameters from their
 * approximate sampling distribution. The coefficients of each cause model are drawn from the normal
 * distribution with the estimated covariance (the usual large-sample approximation of a GLM's
 * estimates); the municipality multipliers from their gamma posterior, shape O + 1/τ² and rate
 * E + 1/τ² (model.ts). A replication that uses its own draw carries both the chance of individual
 * paths and the uncertainty of the estimates into intervals and the probability of paying back.
 */

import type { Rng } from '../synthetic/random.ts';
import type { HazardOptions } from './hazards.ts';
import type { TransitionModel } from './model.ts';

/** Lower-triangular L with L Lᵀ = A (A symmetric positive semi-definite; tiny negative pivots are taken as 0). */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = a.map(() => Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) l[i]![i] = sum > 0 ? Math.sqrt(sum) : 0;
      else l[i]![j] = l[j]![j]! > 0 ? sum / l[j]![j]! : 0;
    }
  return l;
}

/** A gamma variate of shape `shape` and rate `rate` (Marsaglia and Tsang, 2000). */
export function gammaVariate(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gammaVariate(rng, shape + 1, rate) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
      return (d * v) / rate;
  }
}

/** Cholesky factors of every cause model's covariance, computed once per model. */
export class ParameterSampler {
  private readonly factors = new Map<string, number[][]>();

  constructor(
    readonly model: TransitionModel,
    readonly municipality: number | null,
  ) {
    for (const s of model.states)
      for (const c of s.causes) this.factors.set(`${s.state}|${c.destination}`, cholesky(c.covariance));
  }

  /** Hazard options with one draw of every coefficient vector and of the municipality's multipliers. */
  draw(rng: Rng): HazardOptions {
    const coefficients = new Map<string, number[]>();
    const multipliers = new Map<string, { job: number; other: number }>();
    for (const s of this.model.states) {
      for (const c of s.causes) {
        const l = this.factors.get(`${s.state}|${c.destination}`)!;
        const z = c.coefficients.map(() => rng.normal());
        coefficients.set(
          `${s.state}|${c.destination}`,
          c.coefficients.map((b, i) => b + l[i]!.reduce((a, lij, j) => a + lij * z[j]!, 0)),
        );
      }
      const m = s.municipalities.find((x) => x.municipality === this.municipality);
      if (m) {
        const draw = (o: number, e: number, tau2: number, point: number) =>
          tau2 > 0 ? gammaVariate(rng, o + 1 / tau2, e + 1 / tau2) : point;
        multipliers.set(s.state, {
          job: draw(m.observedJob, m.expectedJob, s.tau2.job, m.job),
          other: draw(m.observedOther, m.expectedOther, s.tau2.other, m.other),
        });
      }
    }
    return {
      municipality: this.municipality,
      coefficients: (state, destination) => coefficients.get(`${state}|${destination}`),
      multipliers: (state) => multipliers.get(state),
    };
  }
}
