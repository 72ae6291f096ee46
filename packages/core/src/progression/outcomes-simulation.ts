/**
 * Measured persons with a known truth, for the outcome analysis' recovery tests and its benchmark
 * (issue 16: 27,000 measurements of 4,000 persons). Not the synthetic population (synthetic/): a
 * small world made to fit the model of outcomes.ts exactly, so that its estimates can be checked
 * against the coefficients that made the data.
 *
 * Each person is on public support from some week before the first measurement, measured every 13
 * weeks while on support. A latent readiness (person level, plus `placementShift` from the start of a
 * company placement on) drives the caseworker's eleven scores, each 3 + readiness + noise rounded to
 * 1-5. In each week from the first measurement on, the person enters work with the cloglog
 * probability 1 − exp(−exp(η)), η = log(−log(1 − baseline)) + Σ hazardPerPoint[k]·(score_k − 3) of the
 * latest measurement + `male` for men + `caseworkerChange` within 26 weeks of a change of caseworker
 * + `orientationPerSd` · o of the current caseworker, and leaves for education (censored) with
 * probability 0.002. Each of the 40 caseworkers has a job orientation o ~ Normal(0, 1)
 * ({@link simulatedOrientations}), which also shifts the caseworker's belief score by
 * `beliefPerOrientation` · o: the confounding that BIP's caseworker questions bring. The citizen searches for work with the
 * logistic probability of −0.5 + 1.2 · readiness.
 */

import { Rng } from '../synthetic/random.ts';
import { weekIndexOf } from '../weeks.ts';
import { INDICATORS, type Indicator } from './indicators.ts';
import type { OutcomeMeasurement, OutcomePerson } from './outcomes.ts';

export interface SimulatedOutcomeTruth {
  readonly persons: number;
  readonly seed: number;
  /** Weekly probability of entering work with every score at 3, a woman, no change. */
  readonly baseline: number;
  readonly hazardPerPoint: Readonly<Partial<Record<Indicator, number>>>;
  readonly male: number;
  /** Log hazard ratio of a caseworker change within the last 26 weeks. */
  readonly caseworkerChange: number;
  /** Log hazard ratio per standard deviation of the current caseworker's job orientation. */
  readonly orientationPerSd: number;
  /** Added to the caseworker's latent belief score per standard deviation of their orientation. */
  readonly beliefPerOrientation: number;
  /** Readiness added from a company placement's start on. */
  readonly placementShift: number;
  /** Weeks the data run. */
  readonly weeks: number;
}

export const DEFAULT_OUTCOME_TRUTH: SimulatedOutcomeTruth = {
  persons: 4000,
  seed: 16,
  baseline: 0.004,
  hazardPerPoint: { jobSearch: 0.2, health: 0.15, selfBelief: 0.1, caseworkerBelief: 0.25 },
  male: 0.1,
  caseworkerChange: 0,
  // BIP's +32 % for a caseworker above the mean against one below, as synthetic-3 has it.
  orientationPerSd: Math.log(1.32) / (2 * Math.sqrt(2 / Math.PI)),
  beliefPerOrientation: 0.4,
  placementShift: 0.8,
  weeks: 180,
};

const clampScore = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

const CASEWORKERS = 40;

/**
 * The true job orientation of the caseworkers `cw1`…`cw40` of the world of `truth.seed`, from a
 * stream of its own (the persons' draws do not depend on it).
 */
export function simulatedOrientations(truth: Pick<SimulatedOutcomeTruth, 'seed'>): Map<string, number> {
  const rng = Rng.seeded(truth.seed * 7919 + 17);
  return new Map(Array.from({ length: CASEWORKERS }, (_, i) => [`cw${i + 1}`, rng.normal()]));
}

/** Persons measured under `truth` (see the module comment); deterministic in the seed. */
export function simulateOutcomePersons(
  truth: SimulatedOutcomeTruth = DEFAULT_OUTCOME_TRUTH,
): OutcomePerson[] {
  const rng = Rng.seeded(truth.seed);
  const first = weekIndexOf(2021, 1);
  const end = first + truth.weeks - 1;
  const eta0 = Math.log(-Math.log(1 - truth.baseline));
  const orientation = simulatedOrientations(truth);
  const caseworkers = [...orientation.keys()];
  const persons: OutcomePerson[] = [];
  for (let id = 1; id <= truth.persons; id++) {
    const male = rng.uniform() < 0.5;
    const readiness = rng.normal() * 0.8;
    const firstMeasured = first + rng.int(Math.floor(truth.weeks / 2));
    const supportStart = firstMeasured - rng.int(104);
    const placement = rng.uniform() < 0.3 ? firstMeasured + rng.int(104) : null;
    const mentor = rng.uniform() < 0.3 ? firstMeasured + rng.int(104) : null;
    let caseworker = caseworkers[rng.int(caseworkers.length)]!;
    const assignments: { caseworker: string; department: string | null; from: number; to: number | null }[] =
      [{ caseworker, department: null, from: supportStart, to: null }];
    const measurements: OutcomeMeasurement[] = [];
    let scores: Partial<Record<Indicator, number>> = {};
    let lastChange = -Infinity;
    let last = end;
    let toJob = false;
    for (let w = firstMeasured; w <= end; w++) {
      if ((w - firstMeasured) % 13 === 0) {
        const r = readiness + (placement !== null && w >= placement ? truth.placementShift : 0);
        const shift = truth.beliefPerOrientation * orientation.get(caseworker)!;
        scores = Object.fromEntries(
          INDICATORS.map((k) => [
            k,
            clampScore(3 + r + (k === 'caseworkerBelief' ? shift : 0) + rng.normal() * 0.9),
          ]),
        );
        const p = 1 / (1 + Math.exp(-(-0.5 + 1.2 * r)));
        measurements.push({ week: w, caseworker, scores, searching: rng.uniform() < p });
        // A change of caseworker now and then, after the measurement.
        if (rng.uniform() < 0.15) {
          const next = caseworkers[rng.int(caseworkers.length)]!;
          if (next !== caseworker) {
            assignments[assignments.length - 1]!.to = w;
            assignments.push({ caseworker: next, department: null, from: w + 1, to: null });
            caseworker = next;
            lastChange = w + 1;
          }
        }
      }
      let eta = eta0 + (male ? truth.male : 0);
      for (const [k, beta] of Object.entries(truth.hazardPerPoint))
        eta += beta * (scores[k as Indicator]! - 3);
      if (lastChange <= w && lastChange > w - 26) eta += truth.caseworkerChange;
      // A change after this week's measurement takes effect next week.
      const current = w < lastChange ? assignments[assignments.length - 2]!.caseworker : caseworker;
      eta += truth.orientationPerSd * orientation.get(current)!;
      if (rng.uniform() < -Math.expm1(-Math.exp(eta))) {
        last = w;
        toJob = true;
        break;
      }
      if (rng.uniform() < 0.002) {
        last = w;
        break;
      }
    }
    persons.push({
      id,
      birthYear: 1960 + rng.int(40),
      sex: male ? 'M' : 'K',
      origin: ['dansk', 'vestlig', 'ikke-vestlig'][rng.pick([0.7, 0.1, 0.2])]!,
      spells: [
        { first: supportStart, last, onSupport: true, toJob },
        ...(last < end ? [{ first: last + 1, last: end, onSupport: false, toJob: false }] : []),
      ],
      observedUntil: end,
      measurements,
      interventions: [
        ...(placement !== null
          ? [{ type: 'virksomhedspraktik', start: placement, end: placement + 12 }]
          : []),
        ...(mentor !== null ? [{ type: 'mentor', start: mentor, end: null }] : []),
      ],
      assignments,
    });
  }
  return persons;
}
