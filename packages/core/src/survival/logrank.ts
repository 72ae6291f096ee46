/**
 * The log-rank test of k groups, as R's `survdiff` (survival package): observed and expected events
 * per group, the variance matrix of O − E, and the chi-square statistic on k − 1 degrees of freedom.
 * Strata are tested within and summed across, as `survdiff(Surv(time, status) ~ g + strata(s))`.
 * `rho` gives the Fleming-Harrington G(ρ) family (ρ = 1 is the Peto-Peto test), weighting each event
 * time by S(t−)^ρ, the left-continuous Kaplan-Meier of the stratum's pooled data.
 *
 * Frequency weights are counted as that many identical rows (survdiff itself takes no weights; with
 * whole-number weights the result equals survdiff on the expanded data). Delayed entry is refused, as
 * survdiff takes right-censored data only.
 */

import { Matrix, solve } from 'ml-matrix';
import { chiSquareUpper } from '../distributions.ts';
import {
  compareGroups,
  countsByGroup,
  riskTable,
  SurvivalError,
  type GroupValue,
  type SurvivalCounts,
} from './counts.ts';

export interface LogRankData {
  /** Event or censoring time. */
  readonly time: readonly number[];
  /** 1 for an event, 0 for censoring. */
  readonly event: readonly number[];
  /** The groups compared. */
  readonly group: readonly GroupValue[];
  /** Strata within which the groups are compared. */
  readonly stratum?: readonly GroupValue[];
  /** Frequency weights, default 1. */
  readonly weight?: readonly number[];
}

/** The count table of one group within one stratum (`stratum` absent or null: a single stratum). */
export interface LogRankCell {
  readonly group: GroupValue;
  readonly stratum?: GroupValue | null;
  readonly counts: SurvivalCounts;
}

export interface LogRankOptions {
  /** Fleming-Harrington ρ; default 0, the log-rank test. */
  readonly rho?: number;
}

export interface LogRankGroup {
  readonly group: GroupValue;
  /** Weighted number of subjects. */
  readonly n: number;
  /** Events (weighted by S(t−)^ρ when ρ ≠ 0), summed over strata. */
  readonly observed: number;
  readonly expected: number;
}

export interface LogRankTest {
  /** Groups in `compareGroups` order; `variance` rows and columns follow it. */
  readonly groups: readonly LogRankGroup[];
  /** Variance matrix of observed − expected, summed over strata (R's `var`). */
  readonly variance: readonly (readonly number[])[];
  readonly chiSquare: number;
  /** Number of groups with expected events, less one. */
  readonly df: number;
  readonly p: number;
  readonly rho: number;
}

/** Log-rank test of per-subject data: `survdiff(Surv(time, event) ~ group [+ strata(stratum)], rho)`. */
export function logRank(data: LogRankData, options: LogRankOptions = {}): LogRankTest {
  const { time, event, group, stratum, weight } = data;
  if (group.length !== time.length)
    throw new SurvivalError(`group has ${group.length} values but time has ${time.length}`);
  if (stratum !== undefined && stratum.length !== time.length)
    throw new SurvivalError(`stratum has ${stratum.length} values but time has ${time.length}`);
  // One count table per (stratum, group) cell: split the rows by stratum, then count each by group.
  const columns = { time, event, group, ...(weight === undefined ? {} : { weight }) };
  const byStratum = new Map<GroupValue | null, typeof columns>();
  if (stratum === undefined) byStratum.set(null, columns);
  else {
    const rowsOf = new Map<GroupValue, number[]>();
    for (let i = 0; i < stratum.length; i++) {
      const s = stratum[i] as GroupValue;
      const rows = rowsOf.get(s);
      if (rows === undefined) rowsOf.set(s, [i]);
      else rows.push(i);
    }
    for (const [s, rows] of rowsOf) {
      const pick = <T>(column: readonly T[]) => rows.map((i) => column[i] as T);
      byStratum.set(s, {
        time: pick(time),
        event: pick(event),
        group: pick(group),
        ...(weight === undefined ? {} : { weight: pick(weight) }),
      });
    }
  }
  const cells = [...byStratum].flatMap(([s, data]) =>
    countsByGroup(data).map(({ group: g, counts }): LogRankCell => ({
      group: g as GroupValue,
      stratum: s,
      counts,
    })),
  );
  return logRankFromCounts(cells, options);
}

/**
 * Log-rank test from count tables, one per group and stratum; R `survdiff`. At each event time t of a
 * stratum, with n at risk of whom n_g in group g, and d events, with w = S(t−)^ρ:
 * E_g += w d n_g/n, V_gh += w² d (n − d)/(n (n − 1)) · n_g (δ_gh − n_h/n) (no variance term when
 * n = 1). Then χ² = (O − E)ᵀ V⁻¹ (O − E) over the groups with E > 0 but the first, on k − 1 df.
 */
export function logRankFromCounts(cells: readonly LogRankCell[], options: LogRankOptions = {}): LogRankTest {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw new SurvivalError(`rho must be a finite number, found ${rho}`);
  const groupValues = [...new Set(cells.map((c) => c.group))].sort(compareGroups);
  if (groupValues.length < 2) throw new SurvivalError('the log-rank test needs at least two groups');
  const k = groupValues.length;
  const index = new Map(groupValues.map((g, i) => [g, i]));
  const strata = new Map<GroupValue | null, LogRankCell[]>();
  for (const cell of cells) {
    if (cell.counts.nEnter !== undefined)
      throw new SurvivalError('the log-rank test takes right-censored data: remove nEnter (delayed entry)');
    const s = cell.stratum ?? null;
    const stratumCells = strata.get(s);
    if (stratumCells === undefined) strata.set(s, [cell]);
    else stratumCells.push(cell);
  }

  const n = new Array<number>(k).fill(0);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));

  // Strata in a fixed order, so the sums do not depend on the order the cells come in.
  const stratumOrder = [...strata.keys()].sort((a, b) =>
    a === null || b === null ? 0 : compareGroups(a, b),
  );
  for (const stratumCells of stratumOrder.map((s) => strata.get(s) as LogRankCell[])) {
    const tables = stratumCells.map((cell) => ({
      g: index.get(cell.group) as number,
      table: riskTable(cell.counts),
    }));
    const times = [...new Set(tables.flatMap(({ table }) => table.time))].sort((a, b) => a - b);
    const position = new Map(times.map((t, j) => [t, j]));
    // Each group's exits and events on the stratum's common time axis; at risk at tⱼ is the weight
    // of its spells leaving at or after tⱼ.
    const atRisk = Array.from({ length: k }, () => new Array<number>(times.length).fill(0));
    const deaths = Array.from({ length: k }, () => new Array<number>(times.length).fill(0));
    for (const { g, table } of tables) {
      const exits = atRisk[g] as number[];
      const events = deaths[g] as number[];
      table.time.forEach((t, i) => {
        const j = position.get(t) as number;
        exits[j] = (exits[j] as number) + (table.nEvent[i] as number) + (table.nCensor[i] as number);
        events[j] = (events[j] as number) + (table.nEvent[i] as number);
      });
      n[g] = (n[g] as number) + (table.nRisk[0] ?? 0);
    }
    for (const exits of atRisk)
      for (let j = times.length - 2; j >= 0; j--) exits[j] = (exits[j] as number) + (exits[j + 1] as number);

    const pooledRisk = times.map((_, j) => atRisk.reduce((sum, r) => sum + (r[j] as number), 0));
    const pooledDeaths = times.map((_, j) => deaths.reduce((sum, d) => sum + (d[j] as number), 0));
    // S(t−), left-continuous Kaplan-Meier of the pooled stratum, for the G(ρ) weights.
    const survivalBefore: number[] = [];
    let survival = 1;
    times.forEach((_, j) => {
      survivalBefore.push(survival);
      const nj = pooledRisk[j] as number;
      if (nj > 0) survival *= (nj - (pooledDeaths[j] as number)) / nj;
    });

    for (let j = times.length - 1; j >= 0; j--) {
      let w = rho === 0 ? 1 : Math.pow(survivalBefore[j] as number, rho);
      const d = pooledDeaths[j] as number;
      const nj = pooledRisk[j] as number;
      for (let g = 0; g < k; g++)
        observed[g] = (observed[g] as number) + ((deaths[g] as number[])[j] as number) * w;
      if (!(d > 0)) continue;
      for (let g = 0; g < k; g++)
        expected[g] = (expected[g] as number) + (w * d * ((atRisk[g] as number[])[j] as number)) / nj;
      if (nj === 1) continue;
      w = w * w;
      for (let g = 0; g < k; g++) {
        const rg = (atRisk[g] as number[])[j] as number;
        const term = (w * d * rg * (nj - d)) / (nj * (nj - 1));
        const row = variance[g] as number[];
        row[g] = (row[g] as number) + term;
        for (let h = 0; h < k; h++)
          row[h] = (row[h] as number) - (term * ((atRisk[h] as number[])[j] as number)) / nj;
      }
    }
  }

  const tested = groupValues.map((_, g) => g).filter((g) => (expected[g] as number) > 0);
  let chiSquare = 0;
  if (tested.length >= 2) {
    const free = tested.slice(1);
    const difference = free.map((g) => (observed[g] as number) - (expected[g] as number));
    const v = new Matrix(free.map((g) => free.map((h) => (variance[g] as number[])[h] as number)));
    const x = solve(v, Matrix.columnVector(difference)).getColumn(0);
    chiSquare = difference.reduce((sum, dg, i) => sum + (x[i] as number) * dg, 0);
  }
  const df = tested.length - 1;
  return {
    groups: groupValues.map((group, g) => ({
      group,
      n: n[g] as number,
      observed: observed[g] as number,
      expected: expected[g] as number,
    })),
    variance,
    chiSquare,
    df: Math.max(df, 0),
    p: chiSquareUpper(chiSquare, Math.max(df, 0)),
    rho,
  };
}
