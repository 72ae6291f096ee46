/**
 * Kaplan-Meier survival curves with R's conventions (survival package, `survfit` and
 * `print.survfit`), so that every number can be checked against R to the last digits.
 *
 * - `stdErr` is R's `std.err`: the Greenwood standard error of the cumulative hazard −log S(t),
 *   sqrt(Σ d/(n(n − d))), not of S(t) itself. The standard error of S(t) is S(t) · stdErr.
 * - The default confidence interval is on the log scale (R's `conf.type = "log"`), which stays inside
 *   (0, 1] where the "plain" interval S ± z S·stdErr can leave it. Where R gives NA (log scale at
 *   S = 0, log-log scale at S = 0 or 1) the limits are NaN.
 * - Frequency weights: n and d are weighted sums, so a row of weight w counts as w identical rows.
 *   For whole-number weights this is what R does; for fractional weights R switches to a robust
 *   (infinitesimal jackknife) variance, which this module does not compute.
 * - Rows are reported at every distinct time with an event or a censoring, as in survfit's `time`.
 */

import { normalQuantile } from '../distributions.ts';
import {
  countsByGroup,
  riskTable,
  SurvivalError,
  type GroupValue,
  type SurvivalCounts,
  type SurvivalData,
} from './counts.ts';

/** Scale of the pointwise confidence interval, as R's `conf.type`. */
export type ConfidenceType = 'log' | 'log-log' | 'plain';

export interface KaplanMeierOptions {
  /** Default 'log', as R. */
  readonly confType?: ConfidenceType;
  /** Default 0.95. */
  readonly confLevel?: number;
  /**
   * Upper limit τ of the restricted mean. Default: each curve's last time (R's
   * `print(fit, rmean = "individual")`); pass the same τ to every stratum for `rmean = τ`.
   */
  readonly rmeanTau?: number;
}

export interface KaplanMeierRow {
  readonly time: number;
  /** Weighted number at risk just before `time`. */
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly survival: number;
  /** Greenwood standard error of the cumulative hazard (R's `std.err`). */
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
}

/** Median survival time and its confidence limits; `null` where the curve never comes down to 0.5. */
export interface MedianSurvival {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Area under the curve up to τ, with its standard error. */
export interface RestrictedMean {
  readonly tau: number;
  readonly estimate: number;
  readonly stdErr: number;
}

export interface KaplanMeierCurve {
  readonly rows: readonly KaplanMeierRow[];
  /** Weighted number of events. */
  readonly events: number;
  readonly median: MedianSurvival;
  readonly restrictedMean: RestrictedMean;
  readonly confType: ConfidenceType;
  readonly confLevel: number;
}

export interface KaplanMeierStratum extends KaplanMeierCurve {
  /** The group's value, `null` when the data has no group column. */
  readonly group: GroupValue | null;
}

/**
 * Kaplan-Meier curves of per-subject data, one per group (like `survfit(Surv(time, status) ~ g)`,
 * or `Surv(entry, time, status)` with delayed entry, `weights =` for frequency weights). The data is
 * reduced to count tables and each is passed to `kaplanMeierFromCounts`.
 */
export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierStratum[] {
  return countsByGroup(data).map(({ group, counts }) => ({
    group,
    ...kaplanMeierFromCounts(counts, options),
  }));
}

/**
 * Kaplan-Meier curve of one count table; R `survfit` with `print.survfit`'s median and restricted
 * mean.
 *
 * S(t) = Π_{tᵢ ≤ t} (nᵢ − dᵢ)/nᵢ; stdErr(t) = sqrt(Σ_{tᵢ ≤ t} dᵢ/(nᵢ(nᵢ − dᵢ))) (Greenwood, on the
 * cumulative-hazard scale; infinite once everyone at risk has died). With z = Φ⁻¹(1 − (1 − level)/2):
 * log: S·exp(∓z·se), upper capped at 1; log-log: S^exp(∓z·se/log S); plain: S ∓ z·S·se within [0, 1].
 */
export function kaplanMeierFromCounts(
  counts: SurvivalCounts,
  options: KaplanMeierOptions = {},
): KaplanMeierCurve {
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1))
    throw new SurvivalError(`the confidence level must be between 0 and 1, found ${confLevel}`);
  const table = riskTable(counts);
  if (table.time.length === 0) throw new SurvivalError('the count table has no events and no censorings');
  const z = normalQuantile(1 - (1 - confLevel) / 2);

  const rows: KaplanMeierRow[] = [];
  let survival = 1;
  let greenwood = 0;
  let events = 0;
  table.time.forEach((time, i) => {
    const nRisk = table.nRisk[i] as number;
    const nEvent = table.nEvent[i] as number;
    const nCensor = table.nCensor[i] as number;
    if (nEvent > 0) {
      survival *= (nRisk - nEvent) / nRisk;
      greenwood += nEvent / (nRisk * (nRisk - nEvent));
    }
    events += nEvent;
    const stdErr = Math.sqrt(greenwood);
    const [lower, upper] = confidenceLimits(survival, stdErr, z, confType);
    rows.push({ time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper });
  });

  const times = rows.map((r) => r.time);
  const firstAtHalf = (curve: 'survival' | 'lower' | 'upper') =>
    medianTime(
      times,
      rows.map((r) => r[curve]),
    );
  const median = {
    estimate: firstAtHalf('survival'),
    lower: firstAtHalf('lower'),
    upper: firstAtHalf('upper'),
  };
  const tau = options.rmeanTau ?? (times.at(-1) as number);
  return { rows, events, median, restrictedMean: restrictedMean(rows, tau), confType, confLevel };
}

/** R's survfit_confint with `logse = TRUE`: pointwise limits from S and the std.err of −log S. */
function confidenceLimits(p: number, se: number, z: number, type: ConfidenceType): [number, number] {
  switch (type) {
    case 'log': {
      if (p === 0) return [NaN, NaN];
      const width = z * se;
      return [Math.exp(Math.log(p) - width), Math.min(Math.exp(Math.log(p) + width), 1)];
    }
    case 'log-log': {
      if (p === 0 || p === 1) return [NaN, NaN];
      const width = (z * se) / Math.log(p);
      const logMinusLog = Math.log(-Math.log(p));
      return [Math.exp(-Math.exp(logMinusLog - width)), Math.exp(-Math.exp(logMinusLog + width))];
    }
    case 'plain': {
      // 0 · ∞ at S = 0 is NaN, as in R (NA).
      const width = se * p * z;
      return [Math.max(p - width, 0), Math.min(p + width, 1)];
    }
  }
}

/**
 * The first time the curve is at or below 0.5, by print.survfit's rule (survmean's `minmin`): values
 * within sqrt(machine epsilon) of 0.5 count as 0.5, and if the curve sits at exactly 0.5 on a flat
 * stretch, the median is the midpoint between the time it reached 0.5 and the time it dropped below,
 * since every time in that stretch has S(t) = 0.5. NaN values (undefined limits) are skipped. Applied
 * to the lower and upper limit curves, it gives the median's confidence limits.
 */
function medianTime(times: readonly number[], values: readonly number[]): number | null {
  const tolerance = Math.sqrt(Number.EPSILON);
  const first = values.findIndex((y) => y < 0.5 + tolerance);
  if (first < 0) return null;
  const reached = values[first] as number;
  if (Math.abs(reached - 0.5) < tolerance) {
    const below = values.findIndex((y, i) => i > first && y < reached);
    if (below >= 0) return ((times[first] as number) + (times[below] as number)) / 2;
  }
  return times[first] as number;
}

/**
 * Restricted mean survival ∫₀^τ S(t) dt and its standard error, as R's print.survfit (survmean):
 * var = Σ_{tᵢ ≤ τ} Aᵢ² dᵢ/(nᵢ(nᵢ − dᵢ)), where Aᵢ = ∫_{tᵢ}^τ S(t) dt (terms with nᵢ = dᵢ are 0). The
 * curve starts at min(0, first time) and is carried flat from its last time to τ when τ lies beyond.
 */
function restrictedMean(rows: readonly KaplanMeierRow[], tau: number): RestrictedMean {
  if (!Number.isFinite(tau)) throw new SurvivalError(`the restricted mean needs a finite τ, found ${tau}`);
  const start = Math.min(0, (rows[0] as KaplanMeierRow).time);
  const kept = rows.filter((r) => r.time <= tau);
  // Rectangles between consecutive times: [start, t₁] at S = 1, then [tᵢ, tᵢ₊₁] at S(tᵢ), then [t_k, τ].
  const areas: number[] = [];
  let previousTime = start;
  let previousSurvival = 1;
  for (const r of kept) {
    areas.push((r.time - previousTime) * previousSurvival);
    previousTime = r.time;
    previousSurvival = r.survival;
  }
  areas.push((tau - previousTime) * previousSurvival);
  const estimate = areas.reduce((a, b) => a + b, 0) + start;

  let variance = 0;
  let after = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    after += areas[i + 1] as number;
    const { nRisk, nEvent } = kept[i] as KaplanMeierRow;
    const h = nRisk - nEvent === 0 ? 0 : nEvent / (nRisk * (nRisk - nEvent));
    variance += after * after * h;
  }
  return { tau, estimate, stdErr: Math.sqrt(variance) };
}
