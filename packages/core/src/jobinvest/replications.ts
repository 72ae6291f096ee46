/**
 * The microsimulation behind a case's intervals and its probability of paying back. Replication r
 * draws the model's parameters (uncertainty.ts: draw r mod PARAMETER_DRAWS, of the case's seed),
 * draws the participants from the target group with replacement (its own seed), and simulates them
 * without and with the intervention on common random numbers (projection.ts `simulate`).
 *
 * Every replication depends on the case's seed and its number only, never on how many replications
 * are asked for or how they are shared out, so:
 * - the first replications of a case are a fair sample of all of them (the parameter draws take
 *   turns): a first estimate from QUICK_REPLICATIONS is the start of the CASE_REPLICATIONS, not
 *   other replications;
 * - each arm of a replication can be computed apart and kept (replicationArmSteps): after a change
 *   of the effect only the arm with the intervention is simulated again, after a change of the cost
 *   or the discount rate neither;
 * - the replications are computed in chunks of one parameter draw each (replicationChunks), on any
 *   worker in any order, to the same figures.
 */

import { sampleQuantile } from '../distributions.ts';
import { netPresentValue, paybackPeriods } from '../finance.ts';
import { Rng } from '../synthetic/random.ts';
import { yearWeekOf } from '../weeks.ts';
import { costOccupancy } from './costing.ts';
import { Hazards } from './hazards.ts';
import {
  effectModifier,
  publicSupportByWeek,
  type CaseTerms,
  type InterventionEffect,
  type InvestmentResult,
  type InvestmentSetup,
} from './invest.ts';
import { simulate } from './projection.ts';
import { ParameterSampler } from './uncertainty.ts';

/** Draws of the model's parameters; replication r uses draw r mod PARAMETER_DRAWS. */
export const PARAMETER_DRAWS = 20;

/**
 * The most replications a case's intervals and probability of paying back rest on, on the screen and
 * in the report: enough for the probability to within 2 percentage points (one standard error,
 * √(p(1 − p)/n) ≤ 0.02) whatever p is, 32 per parameter draw. (On the demo case, 40 parameter draws
 * of 50 replications each differed in their share paying back by no more than chance does: the error
 * is the binomial one, and the 20 draws set no floor under it.)
 */
export const CASE_REPLICATIONS = 640;

/** The standard error the probability of paying back is computed to (`preciseEnough`). */
export const PROBABILITY_PRECISION = 0.02;

/**
 * The counts at which a case's replications stop once the probability is precise enough: a
 * probability far from one half needs fewer (at 0.95, 120 give 2 points).
 */
export const REPLICATION_STAGES: readonly number[] = [100, 200, 320, 480, CASE_REPLICATIONS];

/**
 * Whether `paid` of `n` replications paying back give the probability to within
 * PROBABILITY_PRECISION, one standard error, with p taken as (paid + 1) / (n + 2), so that none or all
 * paying back is not taken for certainty.
 */
export function preciseEnough(paid: number, n: number): boolean {
  const p = (paid + 1) / (n + 2);
  return Math.sqrt((p * (1 - p)) / n) <= PROBABILITY_PRECISION;
}

/**
 * The counts at which replications up to `replications` may stop (REPLICATION_STAGES below it, then
 * it): the replications of a case are those of the first count whose probability is precise enough,
 * or all of them.
 */
export function replicationStages(replications: number): number[] {
  return [...REPLICATION_STAGES.filter((n) => n < replications), replications];
}

/** The first estimate the calculator shows while the rest are computed: at most the first 100, 5 per draw. */
export const QUICK_REPLICATIONS = 100;

/**
 * The replications of the first estimate of a case with `participants` over `horizonWeeks`: the first
 * QUICK_REPLICATIONS for the demo case (100 participants, 260 weeks), fewer (in whole rounds of the
 * draws, at least one) where a replication simulates more person-weeks, so that the estimate comes
 * about as soon; never more than `replications`.
 */
export function quickReplications(replications: number, participants: number, horizonWeeks: number): number {
  const perDraw = QUICK_REPLICATIONS / PARAMETER_DRAWS;
  const work = Math.max(1, Math.round(participants)) * horizonWeeks;
  const rounds = Math.max(1, Math.min(perDraw, Math.floor((perDraw * 100 * 260) / work)));
  return Math.min(replications, rounds * PARAMETER_DRAWS);
}

/** Replications j = from … to − 1 of parameter draw `draw`: replications draw + j · PARAMETER_DRAWS. */
export interface ReplicationChunk {
  readonly draw: number;
  readonly from: number;
  readonly to: number;
}

/** A chunk's replication numbers. */
export function chunkReplications(chunk: ReplicationChunk): number[] {
  return Array.from(
    { length: chunk.to - chunk.from },
    (_, i) => chunk.draw + (chunk.from + i) * PARAMETER_DRAWS,
  );
}

/**
 * Replications 0 … `replications` − 1 in chunks of one draw each: the draw's replications up to the
 * first estimate's `first` (a multiple of PARAMETER_DRAWS), then up to each of REPLICATION_STAGES, then
 * the rest. A chunk builds its draw's probability tables once (the dear part of a short chunk), and
 * the chunks of a first estimate or of a stage are the same whichever total is asked for. The order is
 * every draw's first chunk, then every draw's second, …: the order the replications are combined in,
 * in which those of a stage come before the rest.
 */
export function replicationChunks(replications: number, first = QUICK_REPLICATIONS): ReplicationChunk[] {
  const draws = Math.min(replications, PARAMETER_DRAWS);
  const counts = Array.from({ length: draws }, (_, d) => Math.ceil((replications - d) / PARAMETER_DRAWS));
  const bounds = [
    ...new Set([
      0,
      Math.max(1, Math.floor(first / PARAMETER_DRAWS)),
      ...REPLICATION_STAGES.map((n) => n / PARAMETER_DRAWS),
    ]),
  ].sort((a, b) => a - b);
  const chunks: ReplicationChunk[] = [];
  bounds.forEach((from, i) => {
    for (let d = 0; d < draws; d++) {
      const to = Math.min(bounds[i + 1] ?? Infinity, counts[d]!);
      if (to > from) chunks.push({ draw: d, from, to });
    }
  });
  return chunks;
}

/** One arm of one replication: kroner and persons for the drawn participants, weeks t = 1 … horizon at t − 1. */
export interface ReplicationArm {
  readonly municipalNet: Float64Array;
  /** Persons on public income support (the running cost is paid for them). */
  readonly publicSupport: Float64Array;
}

export type ReplicationSetup = Pick<
  InvestmentSetup,
  | 'model'
  | 'municipality'
  | 'stockWeek'
  | 'startOffset'
  | 'targetGroup'
  | 'participants'
  | 'horizonWeeks'
  | 'costs'
  | 'seed'
>;

/** The hazards of parameter draw `draw` of a case's seed. */
export function drawnHazards(setup: ReplicationSetup, draw: number, sampler?: ParameterSampler): Hazards {
  const s = sampler ?? new ParameterSampler(setup.model, setup.municipality);
  return new Hazards(setup.model, s.draw(Rng.seeded(setup.seed * 999_983 + draw)));
}

/**
 * One arm of the replications of a chunk, one step each: without the intervention (`effect` null),
 * or with `effect`. The participants (max(1, round(participants)) of them) and the simulation's
 * random numbers are the replication's own, the same in both arms.
 */
export function* replicationArmSteps(
  setup: ReplicationSetup,
  effect: InterventionEffect | null,
  chunk: ReplicationChunk,
  hazards?: Hazards,
): Generator<void, ReplicationArm[]> {
  if (setup.targetGroup.length === 0)
    throw new RangeError('target: a target group with at least one person, found 0');
  const drawn = hazards ?? drawnHazards(setup, chunk.draw);
  const horizon = setup.startOffset + setup.horizonWeeks;
  const n = Math.max(1, Math.round(setup.participants));
  const modifier = effect ? effectModifier(effect, setup.startOffset) : null;
  const arms: ReplicationArm[] = [];
  for (const r of chunkReplications(chunk)) {
    const rng = Rng.seeded(setup.seed * 1_000_003 + r);
    const persons = Array.from({ length: n }, () => setup.targetGroup[rng.int(setup.targetGroup.length)]!);
    const [occupancy] = simulate(
      {
        hazards: drawn,
        startWeek: setup.stockWeek,
        horizon,
        persons: persons.map((p) => ({ ...p, treated: modifier !== null })),
        modifier,
      },
      { replications: 1, seed: setup.seed * 7_919 + r },
    );
    arms.push({
      municipalNet: costOccupancy(occupancy!, setup.costs).municipalNetByWeek,
      publicSupport: publicSupportByWeek(occupancy!, drawn.publicSupport).slice(1),
    });
    yield;
  }
  return arms;
}

/**
 * What replications `from` … `to − 1` of a case give, for `withReplications` to combine. Replication
 * r is the same whichever range holds it (its seeds depend on the case's seed and r only), so the
 * replications of a case can be shared out over workers and give the same result as in one run.
 */
export interface ReplicationDraws {
  readonly npvs: readonly number[];
  readonly paid: readonly boolean[];
  /** For each replication, with − without by calendar year: [year, kroner] pairs. */
  readonly yearDifferences: readonly (readonly (readonly [number, number])[])[];
}

/** The replications' NPVs, payback and yearly differences under the terms, from their two arms (in the same order). */
export function replicationDraws(
  terms: CaseTerms,
  without: readonly ReplicationArm[],
  withArms: readonly ReplicationArm[],
): ReplicationDraws {
  if (without.length !== withArms.length)
    throw new RangeError(
      `replications: ${without.length} without the intervention, ${withArms.length} with it`,
    );
  const H = terms.horizonWeeks;
  const o = terms.startOffset;
  const n = Math.max(1, Math.round(terms.participants));
  const discounting = { rate: terms.discountRate, periodsPerYear: 52 };
  const startWeek = terms.stockWeek + o;
  const yearOfU = Array.from({ length: H + 1 }, (_, u) => yearWeekOf(startWeek + u).year);
  const npvs: number[] = [];
  const paid: boolean[] = [];
  const yearDifferences: [number, number][][] = [];
  without.forEach((a, i) => {
    const b = withArms[i]!;
    const flows = [0 - terms.cost.perParticipant * n];
    const byYear = new Map<number, number>([[yearOfU[0]!, terms.cost.perParticipant * n]]);
    for (let u = 1; u <= H; u++) {
      const t = o + u;
      const running = u <= terms.cost.weeks ? terms.cost.perWeek * b.publicSupport[t - 1]! : 0;
      flows.push(a.municipalNet[t - 1]! - b.municipalNet[t - 1]! - running);
      const year = yearOfU[u]!;
      byYear.set(year, (byYear.get(year) ?? 0) + (b.municipalNet[t - 1]! + running - a.municipalNet[t - 1]!));
    }
    npvs.push(netPresentValue(flows, discounting));
    paid.push(paybackPeriods(flows) !== null);
    yearDifferences.push([...byYear]);
  });
  return { npvs, paid, yearDifferences };
}

/** The central `level` interval of a sample (type-7 quantiles, as R's default); `null` for fewer than 2 values. */
export function sampleInterval(values: readonly number[], level: number): [number, number] | null {
  if (values.length < 2) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return [sampleQuantile(sorted, (1 - level) / 2), sampleQuantile(sorted, 1 - (1 - level) / 2)];
}

/** `result` with the intervals and the probability of paying back from the replications in `draws`. */
export function withReplications(
  result: InvestmentResult,
  draws: readonly ReplicationDraws[],
): InvestmentResult {
  const npvs = draws.flatMap((d) => d.npvs);
  const paid = draws.flatMap((d) => d.paid);
  const byYear = new Map<number, number[]>();
  for (const replication of draws.flatMap((d) => d.yearDifferences))
    for (const [year, difference] of replication) {
      let list = byYear.get(year);
      if (!list) byYear.set(year, (list = []));
      list.push(difference);
    }
  return {
    ...result,
    probabilityOfPayback: paid.length > 0 ? paid.filter(Boolean).length / paid.length : null,
    npvInterval80: sampleInterval(npvs, 0.8),
    npvInterval95: sampleInterval(npvs, 0.95),
    replications: npvs.length,
    years: result.years.map((y) => ({
      ...y,
      differenceInterval80: sampleInterval(byYear.get(y.year) ?? [], 0.8),
      differenceInterval95: sampleInterval(byYear.get(y.year) ?? [], 0.95),
    })),
  };
}
