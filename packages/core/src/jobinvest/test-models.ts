/** Hand-made models with constant weekly rates, for tests of the projection and investment engine. */

import { FACTORS, MODEL_VERSION, type CauseModel, type Factor, type TransitionModel } from './model.ts';

const NO_LEVELS = Object.fromEntries(FACTORS.map((f) => [f, {}])) as Record<Factor, Record<string, number>>;

/** A model in which state s moves to j at the constant rate rates[s][j] per week, for everyone. */
export function constantRateModel(
  rates: Readonly<Record<string, Readonly<Record<string, number>>>>,
): TransitionModel {
  return {
    version: MODEL_VERSION,
    until: null,
    minEvents: 10,
    states: Object.entries(rates).map(([state, to]) => ({
      state,
      trials: 0,
      exits: 0,
      causes: Object.entries(to).map(([destination, rate]): CauseModel => ({
        destination,
        exits: 0,
        names: ['(Intercept)'],
        coefficients: [Math.log(rate)],
        covariance: [[0]],
        levels: NO_LEVELS,
        dropped: [],
        converged: true,
      })),
      municipalities: [],
      tau2: { job: 0, other: 0 },
    })),
  };
}

/** The weekly probabilities of competing constant rates: p_j = (h_j / H)(1 − e^{−H}), stay e^{−H}. */
export function competingProbabilities(rates: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(rates).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  for (const [j, h] of Object.entries(rates)) out[j] = (h / total) * (1 - Math.exp(-total));
  return out;
}
