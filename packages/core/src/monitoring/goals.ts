/**
 * Result goals (resultatmål) of the employment plan (beskæftigelsesplanen), followed up as KL's
 * scorecard does it ("Udvikling i forhold til resultatmål i beskæftigelsesplan", KL, Styring af
 * beskæftigelsesindsatsen, 2010): a goal has a baseline (nulpunkt, e.g. December 2008) and a target
 * (resultatmål, e.g. December 2009); the concrete goal is target − baseline, the status is the
 * measure now − baseline, and the share realised is status ÷ concrete goal. KL's two examples:
 * 535 → 482 full-time persons, now 496: concrete goal −53, status −39, 74 % realised; an average
 * duration of 9.5 → 8.5 weeks, now 9.8: −1.0, +0.3, −30 % realised (moving away from the goal gives
 * a negative share).
 *
 * The outlook asks where a forecast puts the measure on the target date, from the replications of
 * the microsimulation: their median, the central 80 % band (the 10th and 90th percentiles, R's
 * default type-7 quantiles, as the forecast bands in jobinvest/bands.ts), and the probability of
 * reaching the target, the share of replications at or beyond it in the goal's direction. A goal
 * points down when its target lies below the baseline (fewer on the benefit, shorter spells) and up
 * otherwise (more in work after a spell); a target equal to the baseline, a goal of holding the
 * level, counts as up, so holding means not falling below it.
 */

import { sampleQuantile } from '../distributions.ts';

/** Whether a goal wants the measure to fall ('down') or to rise or hold ('up'). */
export type GoalDirection = 'down' | 'up';

export interface GoalProgress {
  /** target − baseline (konkret resultatmål), in the measure's unit. */
  readonly concreteGoal: number;
  /** now − baseline (status på resultatmål), in the measure's unit. */
  readonly status: number;
  /** status ÷ concreteGoal (realiseret resultatmål) as a fraction, 0.74 for 74 %; null when the goal is to hold the baseline (concrete goal 0). */
  readonly realised: number | null;
}

export interface GoalOutlook {
  readonly direction: GoalDirection;
  /** The median of the replications: where the forecast puts the measure on the target date. */
  readonly median: number;
  /** The central 80 % of the replications: their 10th and 90th percentiles (type-7). */
  readonly band80: readonly [number, number];
  /** The share of replications at or beyond the target in the goal's direction, 0 to 1. */
  readonly probabilityOfReaching: number;
  readonly replications: number;
}

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${field}: expected a finite number, found ${value}`);
}

/**
 * KL's follow-up of a result goal: concrete goal = target − baseline, status = now − baseline,
 * realised = status ÷ concrete goal (null when the concrete goal is 0, where a share is undefined).
 */
export function goalProgress(goal: { baseline: number; target: number; now: number }): GoalProgress {
  requireFinite(goal.baseline, 'baseline');
  requireFinite(goal.target, 'target');
  requireFinite(goal.now, 'now');
  const concreteGoal = goal.target - goal.baseline;
  const status = goal.now - goal.baseline;
  return { concreteGoal, status, realised: concreteGoal === 0 ? null : status / concreteGoal };
}

/** 'down' when the target lies below the baseline, otherwise 'up' (a goal of holding the level counts as up). */
export function goalDirection(baseline: number, target: number): GoalDirection {
  requireFinite(baseline, 'baseline');
  requireFinite(target, 'target');
  return target < baseline ? 'down' : 'up';
}

/**
 * Where the forecast replications of a measure put it on the target date, and the probability of
 * reaching `target` in `direction`: the share of replications ≤ target for a goal down, ≥ target for
 * a goal up.
 */
export function goalOutlook(
  target: number,
  direction: GoalDirection,
  replications: readonly number[],
): GoalOutlook {
  requireFinite(target, 'target');
  if (direction !== 'down' && direction !== 'up')
    throw new RangeError(`direction: expected 'down' or 'up', found ${String(direction)}`);
  if (replications.length === 0)
    throw new RangeError('replications: expected at least one forecast replication, found none');
  replications.forEach((value, i) => requireFinite(value, `replications[${i}]`));
  const sorted = [...replications].sort((a, b) => a - b);
  const reached = sorted.filter((value) => (direction === 'down' ? value <= target : value >= target)).length;
  return {
    direction,
    median: sampleQuantile(sorted, 0.5),
    band80: [sampleQuantile(sorted, 0.1), sampleQuantile(sorted, 0.9)],
    probabilityOfReaching: reached / sorted.length,
    replications: sorted.length,
  };
}
