/**
 * Nelson-Aalen cumulative hazard, as R's survfit reports it in `cumhaz` and `std.chaz` (default
 * `ctype = 1`): tied events at a time count as one step d/n, not as d successive steps (the
 * Fleming-Harrington correction, `ctype = 2`, is not computed).
 */

import {
  countsByGroup,
  riskTable,
  type GroupValue,
  type SurvivalCounts,
  type SurvivalData,
} from './counts.ts';

export interface NelsonAalenRow {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly cumHazard: number;
  /** Standard error of the cumulative hazard (R's `std.chaz`). */
  readonly stdErr: number;
}

export interface NelsonAalenStratum {
  /** The group's value, `null` when the data has no group column. */
  readonly group: GroupValue | null;
  readonly rows: readonly NelsonAalenRow[];
}

/**
 * Nelson-Aalen curves of per-subject data, one per group; `survfit(Surv(time, status) ~ g)`'s
 * `cumhaz` and `std.chaz`, with delayed entry and frequency weights as in `kaplanMeier`.
 */
export function nelsonAalen(data: SurvivalData): NelsonAalenStratum[] {
  return countsByGroup(data).map(({ group, counts }) => ({ group, rows: nelsonAalenFromCounts(counts) }));
}

/**
 * Nelson-Aalen estimate of one count table: H(t) = Σ_{tᵢ ≤ t} dᵢ/nᵢ with standard error
 * sqrt(Σ_{tᵢ ≤ t} dᵢ/nᵢ²), the Poisson-type variance R's survfit reports as `std.chaz`.
 */
export function nelsonAalenFromCounts(counts: SurvivalCounts): NelsonAalenRow[] {
  const table = riskTable(counts);
  let cumHazard = 0;
  let variance = 0;
  return table.time.map((time, i) => {
    const nRisk = table.nRisk[i] as number;
    const nEvent = table.nEvent[i] as number;
    const nCensor = table.nCensor[i] as number;
    if (nEvent > 0) {
      cumHazard += nEvent / nRisk;
      variance += nEvent / (nRisk * nRisk);
    }
    return { time, nRisk, nEvent, nCensor, cumHazard, stdErr: Math.sqrt(variance) };
  });
}
