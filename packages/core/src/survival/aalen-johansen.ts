/**
 * Aalen-Johansen estimator of state occupation probabilities, for competing risks (everyone starts in
 * one state and leaves it for one of k causes) and for general multi-state data with recovery (a
 * person can go benefit → job → benefit), with R's conventions so that every number can be checked
 * against `survfit` in the survival package (3.5.3) — multi-state `survfit`, C routine `survfitci`.
 *
 * The estimate is the product integral of transition matrices over the distinct times t₁ < t₂ < …:
 *
 *   p(t) = p₀ · Π_{tᵢ ≤ t} (I + dA(tᵢ)),   dA_hj(tᵢ) = dN_hj(tᵢ) / Y_h(tᵢ) (h ≠ j),   dA_hh = −Σ_{j≠h} dA_hj,
 *
 * where Y_h is the weighted number at risk in state h just before tᵢ and dN_hj the weighted number of
 * h → j transitions at tᵢ. It depends on the data only through those counts, so the estimator runs on
 * a count table ({@link MultiStateCounts}); per-subject data is reduced to one first. For competing
 * risks the probability of cause state j is the cumulative incidence of cause j,
 * F_j(t) = Σ_{tᵢ ≤ t} S(tᵢ−) dN_j(tᵢ)/Y(tᵢ) — not 1 − Kaplan-Meier with the other causes censored,
 * which treats people who left for another cause as if they could still leave for this one.
 *
 * Two variances:
 * - **Infinitesimal jackknife** (per-subject input; R's `std.err`, which multi-state survfit always
 *   computes this way). The influence of subject i on p(t) follows the recursion
 *   Uᵢ(tₖ) = Uᵢ(tₖ₋₁) · H(tₖ) + [i at risk in h at tₖ] · p_h(tₖ−)/Y_h(tₖ) · (e_d − H_h·(tₖ)),
 *   with H = I + dA, d the state i is in just after tₖ and H_h· row h of H; then
 *   var p_j(t) = Σᵢ wᵢ² U_ij(t)². A subject with frequency weight w is one cluster of weight w, so it
 *   adds w²·U², not w·U² as w separate subjects would. Subjects whose histories coincide share one
 *   influence vector, so the computation runs on groups of identical histories (cohorts), not on
 *   subjects: it touches a subject only when one of its rows starts or ends.
 * - **Greenwood type** (count-table input, which cannot carry per-subject influence): the delta
 *   method with multinomial increments, as in Andersen, Borgan, Gill & Keiding (1993) §IV.4:
 *   V(tₖ) = H(tₖ)ᵀ V(tₖ₋₁) H(tₖ) + Σ_h p_h(tₖ−)²/Y_h(tₖ) · (diag(H_h·) − H_h·ᵀ H_h·), V(0) = 0,
 *   treating weighted counts as numbers of people. The jackknife recursion differs from this only by
 *   the covariance between a subject's past influence and its current move; that term vanishes when
 *   everyone at risk in a state has the same history. So for competing risks with unit weights and no
 *   delayed entry the two variances are the same number, and the count table gives R's `std.err`
 *   exactly; with delayed entry, recovery or non-unit weights only per-subject input does.
 *
 * R's conventions kept here, and why they matter:
 * - A row (start, stop] is at risk at times t with start < t ≤ stop, as in `Surv(start, stop, state)`.
 * - `time` holds every distinct stop time, censorings included (the curve is reported where it is
 *   flat too). As survfit does, a censored row followed without a gap by another row of the same
 *   subject is a split, not a censoring, and is merged with the next row — except a subject's first
 *   row, which survfit 3.5.3 does not merge (its end is then reported as a censoring time, with no
 *   effect on the estimates).
 * - p₀ is the weighted distribution of states among those at risk at the first transition time; its
 *   own sampling variation is left out of the variance, as in survfit's default
 *   (`influence = FALSE`; with `influence = TRUE` R adds it, so std.err then differs when people start
 *   in different states).
 * - Unlike survfit, a gap between two rows of a subject is allowed (the subject is simply not at risk
 *   in between); survfit refuses such data.
 * - `nRisk`, `nEvent` and `nCensor` are weighted; survfit's multi-state counts are unweighted.
 */

import { normalQuantile } from '../distributions.ts';
import { compareGroups, SurvivalError, type GroupValue } from './counts.ts';
import type { ConfidenceType } from './kaplan-meier.ts';

/** Subject identifier in multi-state data. */
export type SubjectId = string | number;

/**
 * Aggregated multi-state data: at each distinct time, the (weighted) number at risk in each state
 * and the transitions between states. States are indices into `states`.
 */
export interface MultiStateCounts {
  readonly states: readonly string[];
  /** Distinct times, strictly increasing. Include censoring-only times to have the curve reported there. */
  readonly time: readonly number[];
  /** `nRisk[i][h]`: weighted number at risk in state h just before `time[i]` (start < t ≤ stop). */
  readonly nRisk: readonly (readonly number[])[];
  /** `nTransition[i][h][j]`: weighted number moving h → j at `time[i]`; the diagonal is 0. */
  readonly nTransition: readonly (readonly (readonly number[])[])[];
  /** Weighted number whose observation ends at `time[i]` without a transition. Default 0. */
  readonly nCensor?: readonly number[];
}

/**
 * Aggregated competing-risks data (everyone starts in one state): at each time, the weighted number
 * leaving for each cause, censored, and (with delayed entry) entering. Times may come in any order
 * and repeat; repeated times are added together. The number at risk is derived as for Kaplan-Meier:
 * Y(t) = Σ_{s ≥ t} (Σ_j d_js + c_s) − Σ_{s ≥ t} e_s.
 */
export interface CompetingRisksCounts {
  readonly time: readonly number[];
  /** `nEvent[i][j − 1]`: weighted number leaving for cause j at `time[i]`. */
  readonly nEvent: readonly (readonly number[])[];
  readonly nCensor: readonly number[];
  /** Entries at `time[i]`, at risk from just after it. Absent: everyone is at risk from the origin. */
  readonly nEnter?: readonly number[];
}

/** Competing-risks data, one element per subject, column by column. */
export interface CompetingRisksData {
  /** Time of the exit or censoring. */
  readonly time: readonly number[];
  /** 0 if censored, otherwise the cause j = 1 … k (the name is `causes[j − 1]`). */
  readonly status: readonly number[];
  /** Frequency (case) weights, default 1. */
  readonly weight?: readonly number[];
  /** Group column: one curve per distinct value. */
  readonly group?: readonly GroupValue[];
}

/**
 * Multi-state data, one element per (start, stop] row, column by column; a subject may have many
 * rows (one per stay in a state, or more if a stay is split), which must not overlap.
 */
export interface MultiStateData {
  readonly id: readonly SubjectId[];
  readonly start: readonly number[];
  readonly stop: readonly number[];
  /** State during (start, stop] (R's `istate`), an index into `states`. */
  readonly from: readonly number[];
  /** State entered at `stop`, or `null` if the row ends without a transition (censored or split). */
  readonly to: readonly (number | null)[];
  /** Frequency (case) weights, default 1. R uses the weight of a subject's latest row. */
  readonly weight?: readonly number[];
  /** Group column: one curve per distinct value. */
  readonly group?: readonly GroupValue[];
}

export interface AalenJohansenOptions {
  /** Default 'log', as R. */
  readonly confType?: ConfidenceType;
  /** Default 0.95. */
  readonly confLevel?: number;
  /**
   * Initial state occupation probabilities (R's `p0`). Default: the weighted distribution of states
   * among those at risk at the first transition time, as R.
   */
  readonly initialProbabilities?: readonly number[];
}

export interface CompetingRisksOptions extends AalenJohansenOptions {
  /** Names of causes 1 … k. */
  readonly causes: readonly string[];
  /** Name of the state everyone starts in; default '(s0)', as R. */
  readonly initialState?: string;
}

export interface MultiStateOptions extends AalenJohansenOptions {
  /** Names of the states that `from` and `to` index. */
  readonly states: readonly string[];
}

export interface StateOccupationRow {
  readonly time: number;
  /** Weighted number at risk in each state just before `time`. */
  readonly nRisk: readonly number[];
  /** Weighted number entering each state at `time`. */
  readonly nEvent: readonly number[];
  /** Weighted number whose observation ends at `time` without a transition. */
  readonly nCensor: number;
  /** Probability of being in each state at `time` (R's `pstate`). */
  readonly probability: readonly number[];
  /** Standard error of each probability (R's `std.err`, for per-subject input). */
  readonly stdErr: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** `cumulativeHazard[h][j]`: Nelson-Aalen cumulative hazard of h → j (R's `cumhaz`); diagonal 0. */
  readonly cumulativeHazard: readonly (readonly number[])[];
}

export type StateOccupationVariance = 'infinitesimal-jackknife' | 'greenwood';

export interface StateOccupationCurve {
  readonly states: readonly string[];
  /** p₀ (R's `p0`). */
  readonly initialProbabilities: readonly number[];
  readonly rows: readonly StateOccupationRow[];
  readonly variance: StateOccupationVariance;
  readonly confType: ConfidenceType;
  readonly confLevel: number;
}

export interface StateOccupationStratum extends StateOccupationCurve {
  /** The group's value, `null` when the data has no group column. */
  readonly group: GroupValue | null;
}

export interface CumulativeIncidenceRow {
  readonly time: number;
  readonly estimate: number;
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Competing risks from per-subject data, one curve per group: R
 * `survfit(Surv(time, factor(status, 0:k, c("censor", causes))) ~ group, weights = weight)`.
 * States are `[initialState, ...causes]`; the probability of cause j's state is its cumulative
 * incidence (see {@link cumulativeIncidence}). Standard errors: infinitesimal jackknife, as R.
 */
export function competingRisks(
  data: CompetingRisksData,
  options: CompetingRisksOptions,
): StateOccupationStratum[] {
  const { time, status, weight, group } = data;
  const n = time.length;
  checkLength('status', status, n);
  checkLength('weight', weight, n);
  checkLength('group', group, n);
  const states = competingStates(options);
  const segments: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    const s = status[i] as number;
    const w = weight === undefined ? 1 : (weight[i] as number);
    if (!Number.isFinite(t))
      throw new SurvivalError(`row ${i + 1}: time must be a finite number, found ${t}`);
    if (!(Number.isInteger(s) && s >= 0 && s < states.length))
      throw new SurvivalError(
        `row ${i + 1}: status must be 0 (censored) or a cause 1 … ${states.length - 1}, found ${s}`,
      );
    checkWeight(i, w);
    segments.push({
      row: i,
      person: i,
      start: -Infinity,
      stop: t,
      from: 0,
      to: s === 0 ? -1 : s,
      weight: w,
      last: true,
    });
  }
  if (group === undefined) return [{ ...subjectCurve(states, segments, options), group: null }];
  return splitByGroup(segments, group).map(({ group, items }) => ({
    ...subjectCurve(
      states,
      items.map((s, person) => ({ ...s, person })),
      options,
    ),
    group,
  }));
}

/**
 * Multi-state data with recovery, one curve per group: R
 * `survfit(Surv(start, stop, factor(to, c("censor", states))) ~ group, id = id, istate = from,
 * weights = weight)`. Standard errors: infinitesimal jackknife, as R.
 */
export function aalenJohansen(data: MultiStateData, options: MultiStateOptions): StateOccupationStratum[] {
  return multiStateSegments(data, options.states).map(({ group, segments }) => ({
    ...subjectCurve(options.states, segments, options),
    group,
  }));
}

/**
 * State occupation probabilities from a count table, with Greenwood-type standard errors (see the
 * module comment: equal to R's `std.err` for competing risks with unit weights and no delayed
 * entry, otherwise an approximation to it). Point estimates are R's `pstate` in every case.
 */
export function aalenJohansenFromCounts(
  counts: MultiStateCounts,
  options: AalenJohansenOptions = {},
): StateOccupationCurve {
  const steps = productIntegral(counts, options.initialProbabilities);
  return curveOf(
    counts,
    steps.steps,
    steps.initial,
    greenwoodVariance(steps.steps, counts.states.length),
    'greenwood',
    options,
  );
}

/**
 * Cumulative incidence from a competing-risks count table (what DuckDB counts by time and cause),
 * with Greenwood-type standard errors: R's `pstate` and, without delayed entry and with unit
 * weights, R's `std.err` too.
 */
export function competingRisksFromCounts(
  counts: CompetingRisksCounts,
  options: CompetingRisksOptions,
): StateOccupationCurve {
  return aalenJohansenFromCounts(competingRisksTable(counts, competingStates(options)), options);
}

/**
 * Reduce multi-state data to one count table per group: the form {@link aalenJohansenFromCounts}
 * runs on, and the form a database produces (number in each state at each time, transitions
 * between states). Rows are merged and checked as in {@link aalenJohansen}.
 */
export function multiStateCountsByGroup(
  data: MultiStateData,
  options: { readonly states: readonly string[] },
): { group: GroupValue | null; counts: MultiStateCounts }[] {
  return multiStateSegments(data, options.states).map(({ group, segments }) => ({
    group,
    counts: countSegments(options.states, segments).counts,
  }));
}

/** The cumulative incidence of one state (a cause, in competing risks): its column of the curve. */
export function cumulativeIncidence(curve: StateOccupationCurve, state: string): CumulativeIncidenceRow[] {
  const j = curve.states.indexOf(state);
  if (j < 0) throw new SurvivalError(`no state "${state}"; the states are ${curve.states.join(', ')}`);
  return curve.rows.map((r) => ({
    time: r.time,
    estimate: r.probability[j] as number,
    stdErr: r.stdErr[j] as number,
    lower: r.lower[j] as number,
    upper: r.upper[j] as number,
  }));
}

// ---------------------------------------------------------------------------------------------
// Per-subject data

/** A validated input row of multi-state data. */
interface Row {
  readonly row: number;
  readonly id: SubjectId;
  readonly start: number;
  readonly stop: number;
  readonly from: number;
  readonly to: number | null;
  readonly weight: number;
}

/** A stretch of a subject at risk in one state, after merging split rows. `to` is −1 for none. */
interface Segment {
  readonly row: number;
  readonly person: number;
  readonly start: number;
  readonly stop: number;
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  /** The subject's last segment: after it the subject's influence only evolves with H. */
  readonly last: boolean;
}

function checkLength(name: string, column: readonly unknown[] | undefined, n: number): void {
  if (column !== undefined && column.length !== n)
    throw new SurvivalError(`${name} has ${column.length} values but the first column has ${n}`);
}

function checkWeight(i: number, w: number): void {
  if (!(Number.isFinite(w) && w >= 0))
    throw new SurvivalError(`row ${i + 1}: weight must be a finite number ≥ 0, found ${w}`);
}

function competingStates(options: CompetingRisksOptions): string[] {
  if (options.causes.length === 0) throw new SurvivalError('competing risks need at least one cause');
  return [options.initialState ?? '(s0)', ...options.causes];
}

/** Split items by group, groups in `compareGroups` order; one part with group null without a column. */
function splitByGroup<T>(
  items: readonly T[],
  groupOf: readonly GroupValue[] | undefined,
): { group: GroupValue | null; items: T[] }[] {
  if (groupOf === undefined) return [{ group: null, items: [...items] }];
  const parts = new Map<GroupValue, T[]>();
  items.forEach((item, i) => {
    const g = groupOf[i] as GroupValue;
    const part = parts.get(g);
    if (part === undefined) parts.set(g, [item]);
    else part.push(item);
  });
  return [...parts.keys()].sort(compareGroups).map((g) => ({ group: g, items: parts.get(g) as T[] }));
}

/** Check multi-state rows and turn each group's rows into segments. */
function multiStateSegments(
  data: MultiStateData,
  states: readonly string[],
): { group: GroupValue | null; segments: Segment[] }[] {
  const { id, start, stop, from, to, weight, group } = data;
  const n = id.length;
  checkLength('start', start, n);
  checkLength('stop', stop, n);
  checkLength('from', from, n);
  checkLength('to', to, n);
  checkLength('weight', weight, n);
  checkLength('group', group, n);
  const k = states.length;
  if (k === 0) throw new SurvivalError('multi-state data needs at least one state name');
  const isState = (s: number) => Number.isInteger(s) && s >= 0 && s < k;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const a = start[i] as number;
    const b = stop[i] as number;
    const f = from[i] as number;
    const t = to[i] ?? null;
    const w = weight === undefined ? 1 : (weight[i] as number);
    if (!(Number.isFinite(a) && Number.isFinite(b) && a < b))
      throw new SurvivalError(
        `row ${i + 1}: start and stop must be finite with start < stop, found (${a}, ${b}]`,
      );
    if (!isState(f))
      throw new SurvivalError(`row ${i + 1}: from must be a state index 0 … ${k - 1}, found ${f}`);
    if (t !== null && !isState(t))
      throw new SurvivalError(`row ${i + 1}: to must be null or a state index 0 … ${k - 1}, found ${t}`);
    if (t === f)
      throw new SurvivalError(
        `row ${i + 1}: to equals from (${states[f]}); a row that ends without a transition has to = null`,
      );
    checkWeight(i, w);
    rows.push({ row: i, id: id[i] as SubjectId, start: a, stop: b, from: f, to: t, weight: w });
  }
  return splitByGroup(rows, group).map(({ group, items }) => ({
    group,
    segments: segmentsOf(items, states),
  }));
}

/**
 * Segments of multi-state rows: each subject's rows in time order, checked for overlaps and for
 * state continuity (a row starts in the state the previous one ended in), with split rows merged as
 * survfit merges them (see the module comment).
 */
function segmentsOf(rows: readonly Row[], states: readonly string[]): Segment[] {
  const bySubject = new Map<SubjectId, Row[]>();
  for (const r of rows) {
    const own = bySubject.get(r.id);
    if (own === undefined) bySubject.set(r.id, [r]);
    else own.push(r);
  }
  const segments: Segment[] = [];
  let person = 0;
  for (const [id, own] of bySubject) {
    own.sort((a, b) => a.start - b.start || a.stop - b.stop);
    let mergedStart: number | null = null;
    own.forEach((r, i) => {
      const before = own[i - 1];
      const after = own[i + 1];
      if (before !== undefined) {
        if (r.start < before.stop)
          throw new SurvivalError(
            `subject ${id}: rows ${before.row + 1} (${before.start}, ${before.stop}] and ` +
              `${r.row + 1} (${r.start}, ${r.stop}] overlap`,
          );
        const ended = before.to ?? before.from;
        if (r.from !== ended)
          throw new SurvivalError(
            `subject ${id}: row ${r.row + 1} starts in ${states[r.from]} but row ${before.row + 1} ` +
              `ended in ${states[ended]}`,
          );
      }
      const split =
        r.to === null &&
        before !== undefined &&
        before.stop === r.start &&
        after !== undefined &&
        r.stop === after.start;
      if (split) {
        mergedStart ??= r.start;
        return;
      }
      segments.push({
        row: r.row,
        person,
        start: mergedStart ?? r.start,
        stop: r.stop,
        from: r.from,
        to: r.to ?? -1,
        weight: r.weight,
        last: after === undefined,
      });
      mergedStart = null;
    });
    person++;
  }
  return segments;
}

/**
 * Segment indices by start time (stable). Competing-risks segments all start at −∞, where a
 * subtracting comparator would give NaN.
 */
function orderByStart(segments: readonly Segment[]): number[] {
  return segments
    .map((_, g) => g)
    .sort((a, b) => {
      const sa = (segments[a] as Segment).start;
      const sb = (segments[b] as Segment).start;
      return sa < sb ? -1 : sa > sb ? 1 : a - b;
    });
}

/** Reduce segments to a count table, sweeping the risk set as survfitci does. */
function countSegments(
  states: readonly string[],
  segments: readonly Segment[],
): { counts: MultiStateCounts; endingAt: number[][] } {
  const k = states.length;
  const time = [...new Set(segments.map((s) => s.stop))].sort((a, b) => a - b);
  const index = new Map(time.map((t, i) => [t, i]));
  const endingAt: number[][] = time.map(() => []);
  segments.forEach((s, g) => (endingAt[index.get(s.stop) as number] as number[]).push(g));
  const byStart = orderByStart(segments);

  const atRisk = new Array<number>(k).fill(0);
  const nRisk: number[][] = [];
  const nTransition: number[][][] = [];
  const nCensor: number[] = [];
  let next = 0;
  time.forEach((t, i) => {
    for (; next < byStart.length; next++) {
      const s = segments[byStart[next] as number] as Segment;
      if (!(s.start < t)) break;
      atRisk[s.from] = (atRisk[s.from] as number) + s.weight;
    }
    nRisk.push([...atRisk]);
    const moves = states.map(() => new Array<number>(k).fill(0));
    let censored = 0;
    for (const g of endingAt[i] as number[]) {
      const s = segments[g] as Segment;
      if (s.to >= 0)
        (moves[s.from] as number[])[s.to] = ((moves[s.from] as number[])[s.to] as number) + s.weight;
      else censored += s.weight;
    }
    nTransition.push(moves);
    nCensor.push(censored);
    for (const g of endingAt[i] as number[]) {
      const s = segments[g] as Segment;
      atRisk[s.from] = (atRisk[s.from] as number) - s.weight;
    }
  });
  return { counts: { states, time, nRisk, nTransition, nCensor }, endingAt };
}

/** Fit one curve of per-subject data: counts → product integral; influence → jackknife variance. */
function subjectCurve(
  states: readonly string[],
  segments: readonly Segment[],
  options: AalenJohansenOptions,
): StateOccupationCurve {
  if (segments.length === 0) throw new SurvivalError('the data has no rows');
  const { counts, endingAt } = countSegments(states, segments);
  const { steps, initial } = productIntegral(counts, options.initialProbabilities);
  const persons = segments.reduce((m, s) => Math.max(m, s.person + 1), 0);
  const variance = jackknifeVariance(segments, endingAt, steps, states.length, persons);
  return curveOf(counts, steps, initial, variance, 'infinitesimal-jackknife', options);
}

// ---------------------------------------------------------------------------------------------
// The product integral and its variances

/** One time of the product integral. Matrices are k × k, row-major. */
interface Step {
  readonly time: number;
  readonly nRisk: readonly number[];
  /** H = I + dA at this time, or null when nobody moved (p is unchanged). */
  readonly transition: Float64Array | null;
  /** p(t−) and p(t). */
  readonly before: Float64Array;
  readonly after: Float64Array;
  readonly cumulativeHazard: Float64Array;
}

/**
 * p(t) = p₀ Π (I + dA) with dA_hj = dN_hj / Y_h, in survfitci's order of operations, after checking
 * the count table.
 */
function productIntegral(
  counts: MultiStateCounts,
  initialProbabilities: readonly number[] | undefined,
): { steps: Step[]; initial: Float64Array } {
  const { states, time, nRisk, nTransition } = counts;
  const k = states.length;
  const n = time.length;
  if (k === 0) throw new SurvivalError('the count table has no states');
  if (n === 0) throw new SurvivalError('the count table has no times');
  checkLength('nRisk', nRisk, n);
  checkLength('nTransition', nTransition, n);
  checkLength('nCensor', counts.nCensor, n);
  const count = (v: number | undefined, where: string): number => {
    if (!(v !== undefined && Number.isFinite(v) && v >= 0))
      throw new SurvivalError(`count table, ${where}: expected a finite number ≥ 0, found ${v}`);
    return v;
  };
  let firstMove = -1;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t) || (i > 0 && !(t > (time[i - 1] as number))))
      throw new SurvivalError(
        `count table row ${i + 1}: times must be finite and strictly increasing, found ${t}`,
      );
    const risk = nRisk[i] as readonly number[];
    const moves = nTransition[i] as readonly (readonly number[])[];
    if (risk.length !== k || moves.length !== k || moves.some((m) => m.length !== k))
      throw new SurvivalError(
        `count table row ${i + 1} (time ${t}): nRisk and nTransition must have ${k} states`,
      );
    for (let h = 0; h < k; h++) {
      const y = count(risk[h], `time ${t}, nRisk of ${states[h]}`);
      let out = 0;
      for (let j = 0; j < k; j++) {
        const d = count(moves[h]?.[j], `time ${t}, nTransition ${states[h]} → ${states[j]}`);
        if (h === j && d !== 0)
          throw new SurvivalError(
            `count table, time ${t}: a transition ${states[h]} → ${states[h]} is not a move`,
          );
        out += d;
      }
      if (out > y * (1 + 1e-9))
        throw new SurvivalError(
          `count table, time ${t}: ${out} leave ${states[h]} but only ${y} are at risk there`,
        );
      if (out > 0 && firstMove < 0) firstMove = i;
    }
  }

  const initial = initialDistribution(counts, firstMove < 0 ? n - 1 : firstMove, initialProbabilities);
  const steps: Step[] = [];
  let p = initial;
  const cumulativeHazard = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const risk = nRisk[i] as readonly number[];
    const moves = nTransition[i] as readonly (readonly number[])[];
    let moved = false;
    for (const row of moves) for (const d of row) if (d > 0) moved = true;
    let transition: Float64Array | null = null;
    const before = p;
    if (moved) {
      const H = new Float64Array(k * k);
      for (let h = 0; h < k; h++) {
        const y = risk[h] as number;
        if (y > 0) {
          let out = 0;
          for (let j = 0; j < k; j++) {
            const d = (moves[h] as readonly number[])[j] as number;
            out += d;
            H[h * k + j] = d / y;
            cumulativeHazard[h * k + j] = (cumulativeHazard[h * k + j] as number) + (h === j ? 0 : d / y);
          }
          H[h * k + h] = 1 - out / y;
        } else H[h * k + h] = 1;
      }
      transition = H;
      p = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let h = 0; h < k; h++) s += (before[h] as number) * (H[h * k + j] as number);
        p[j] = s;
      }
    }
    steps.push({
      time: time[i] as number,
      nRisk: risk,
      transition,
      before,
      after: p,
      cumulativeHazard: cumulativeHazard.slice(),
    });
  }
  return { steps, initial };
}

/** p₀: given, or R's default (the distribution at risk at the first transition time). */
function initialDistribution(
  counts: MultiStateCounts,
  first: number,
  given: readonly number[] | undefined,
): Float64Array {
  const k = counts.states.length;
  if (given !== undefined) {
    const total = given.reduce((a, b) => a + b, 0);
    if (given.length !== k || given.some((q) => !(q >= 0)) || Math.abs(total - 1) > Math.sqrt(Number.EPSILON))
      throw new SurvivalError(
        `initialProbabilities must be ${k} numbers ≥ 0 that add up to 1, found [${given.join(', ')}]`,
      );
    return Float64Array.from(given);
  }
  const risk = counts.nRisk[first] as readonly number[];
  const total = risk.reduce((a, b) => a + b, 0);
  if (!(total > 0))
    throw new SurvivalError(`nobody is at risk at time ${counts.time[first]}, the first transition time`);
  return Float64Array.from(risk, (y) => y / total);
}

/** Greenwood-type variance of p(t) (diagonal of V, see the module comment), one vector per step. */
function greenwoodVariance(steps: readonly Step[], k: number): Float64Array[] {
  let V: Float64Array = new Float64Array(k * k);
  return steps.map((step) => {
    const H = step.transition;
    if (H !== null) {
      V = sandwich(H, V, k);
      for (let h = 0; h < k; h++) {
        const y = step.nRisk[h] as number;
        const p = step.before[h] as number;
        if (!(y > 0) || p === 0) continue;
        const c = (p * p) / y;
        for (let a = 0; a < k; a++) {
          const ha = H[h * k + a] as number;
          V[a * k + a] = (V[a * k + a] as number) + c * ha;
          for (let b = 0; b < k; b++)
            V[a * k + b] = (V[a * k + b] as number) - c * ha * (H[h * k + b] as number);
        }
      }
    }
    return Float64Array.from({ length: k }, (_, j) => V[j * k + j] as number);
  });
}

/** Hᵀ V H for k × k row-major matrices. */
function sandwich(H: Float64Array, V: Float64Array, k: number): Float64Array {
  const VH = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += (V[a * k + c] as number) * (H[c * k + b] as number);
      VH[a * k + b] = s;
    }
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += (H[c * k + a] as number) * (VH[c * k + b] as number);
      out[a * k + b] = s;
    }
  return out;
}

/**
 * Subjects that share an influence vector U: same history so far, and either all at risk in `state`
 * or all out of the risk set (between rows) with `state` their current state. `weightSquared` is
 * Σ w² over the members, `members` their number.
 */
interface Cohort {
  readonly influence: Float64Array;
  readonly atRisk: boolean;
  readonly state: number;
  weightSquared: number;
  members: number;
}

/**
 * Infinitesimal-jackknife variance of p(t), one vector per step: survfitci's per-subject recursion
 * (module comment) run on cohorts. At each step every cohort is multiplied by H, and cohorts at risk
 * get the stayer's term p_h/Y_h (e_h − H_h·); a subject whose row ends at the step leaves its cohort
 * and, if it moved to d, takes the extra p_h/Y_h (e_d − e_h). Subjects whose observation is over
 * are folded into one matrix Σ w² U Uᵀ, which evolves as Hᵀ (·) H.
 */
function jackknifeVariance(
  segments: readonly Segment[],
  endingAt: readonly (readonly number[])[],
  steps: readonly Step[],
  k: number,
  persons: number,
): Float64Array[] {
  const byStart = orderByStart(segments);
  const cohortOf = new Array<Cohort | undefined>(persons);
  const weightOf = new Float64Array(persons);
  const live = new Set<Cohort>();
  let finished: Float64Array = new Float64Array(k * k);

  const create = (influence: Float64Array, atRisk: boolean, state: number): Cohort => {
    const c: Cohort = { influence, atRisk, state, weightSquared: 0, members: 0 };
    live.add(c);
    return c;
  };
  const join = (c: Cohort, person: number, w: number) => {
    c.weightSquared += w * w;
    c.members++;
    cohortOf[person] = c;
    weightOf[person] = w;
  };
  const leave = (c: Cohort, person: number) => {
    const w = weightOf[person] as number;
    c.weightSquared -= w * w;
    c.members--;
    if (c.members === 0) live.delete(c);
    cohortOf[person] = undefined;
  };

  let next = 0;
  return steps.map((step, i) => {
    // Rows starting before this time enter the risk set.
    const fresh = new Map<number, Cohort>();
    const resumed = new Map<Cohort, Cohort>();
    for (; next < byStart.length; next++) {
      const s = segments[byStart[next] as number] as Segment;
      if (!(s.start < step.time)) break;
      const old = cohortOf[s.person];
      let target: Cohort | undefined;
      if (old === undefined) {
        target = fresh.get(s.from);
        if (target === undefined) {
          target = create(new Float64Array(k), true, s.from);
          fresh.set(s.from, target);
        }
      } else {
        leave(old, s.person);
        target = resumed.get(old);
        if (target === undefined) {
          target = create(old.influence.slice(), true, s.from);
          resumed.set(old, target);
        }
      }
      join(target, s.person, s.weight);
    }

    // U ← U H, plus the stayer's term for those at risk.
    const H = step.transition;
    const shift = (h: number) => {
      const y = step.nRisk[h] as number;
      return H !== null && y > 0 ? (step.before[h] as number) / y : 0;
    };
    if (H !== null) {
      finished = sandwich(H, finished, k);
      for (const c of live) {
        const U = c.influence;
        const UH = new Float64Array(k);
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let h = 0; h < k; h++) s += (U[h] as number) * (H[h * k + j] as number);
          UH[j] = s;
        }
        if (c.atRisk) {
          const h = c.state;
          const f = shift(h);
          for (let j = 0; j < k; j++) UH[j] = (UH[j] as number) - f * (H[h * k + j] as number);
          UH[h] = (UH[h] as number) + f;
        }
        U.set(UH);
      }
    }

    // Rows ending now leave the risk set; movers take their own influence.
    const moved = new Map<Cohort, Map<number, Cohort>>();
    const done: Cohort[] = [];
    for (const g of endingAt[i] as readonly number[]) {
      const s = segments[g] as Segment;
      const c = cohortOf[s.person] as Cohort;
      const w = weightOf[s.person] as number;
      leave(c, s.person);
      const dest = s.to >= 0 ? s.to : s.from;
      const key = 2 * dest + (s.last ? 1 : 0);
      let byDest = moved.get(c);
      if (byDest === undefined) {
        byDest = new Map();
        moved.set(c, byDest);
      }
      let target = byDest.get(key);
      if (target === undefined) {
        const U = c.influence.slice();
        if (s.to >= 0) {
          const f = shift(s.from);
          U[s.to] = (U[s.to] as number) + f;
          U[s.from] = (U[s.from] as number) - f;
        }
        target = create(U, false, dest);
        byDest.set(key, target);
        if (s.last) done.push(target);
      }
      join(target, s.person, w);
    }
    for (const c of done) {
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++)
          finished[a * k + b] =
            (finished[a * k + b] as number) +
            c.weightSquared * (c.influence[a] as number) * (c.influence[b] as number);
      live.delete(c);
    }

    const variance = Float64Array.from({ length: k }, (_, j) => finished[j * k + j] as number);
    for (const c of live)
      for (let j = 0; j < k; j++)
        variance[j] = (variance[j] as number) + c.weightSquared * (c.influence[j] as number) ** 2;
    return variance;
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function curveOf(
  counts: MultiStateCounts,
  steps: readonly Step[],
  initial: Float64Array,
  variance: readonly Float64Array[],
  kind: StateOccupationVariance,
  options: AalenJohansenOptions,
): StateOccupationCurve {
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1))
    throw new SurvivalError(`the confidence level must be between 0 and 1, found ${confLevel}`);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const k = counts.states.length;
  const rows = steps.map((step, i): StateOccupationRow => {
    const probability = [...step.after];
    const stdErr = [...(variance[i] as Float64Array)].map((v) => Math.sqrt(v));
    const limits = probability.map((p, j) => confidenceLimits(p, stdErr[j] as number, z, confType));
    const moves = counts.nTransition[i] as readonly (readonly number[])[];
    return {
      time: step.time,
      nRisk: [...step.nRisk],
      nEvent: counts.states.map((_, j) => moves.reduce((s, row) => s + (row[j] as number), 0)),
      nCensor: counts.nCensor?.[i] ?? 0,
      probability,
      stdErr,
      lower: limits.map((l) => l[0]),
      upper: limits.map((l) => l[1]),
      cumulativeHazard: counts.states.map((_, h) => [...step.cumulativeHazard.subarray(h * k, h * k + k)]),
    };
  });
  return {
    states: [...counts.states],
    initialProbabilities: [...initial],
    rows,
    variance: kind,
    confType,
    confLevel,
  };
}

/**
 * R's survfit_confint with `logse = FALSE` (multi-state survfit): limits from p and the standard
 * error of p itself. log: p·exp(∓z·se/p), upper capped at 1; log-log: p^exp(∓z·se/(p log p));
 * plain: p ∓ z·se within [0, 1]. NaN where R gives NA (log scale at p = 0, log-log at p = 0 or 1).
 */
function confidenceLimits(p: number, se: number, z: number, type: ConfidenceType): [number, number] {
  const relative = se === 0 ? 0 : se / p;
  switch (type) {
    case 'log': {
      if (p === 0) return [NaN, NaN];
      const width = z * relative;
      return [Math.exp(Math.log(p) - width), Math.min(Math.exp(Math.log(p) + width), 1)];
    }
    case 'log-log': {
      if (p === 0 || p === 1) return [NaN, NaN];
      const width = (z * relative) / Math.log(p);
      const logMinusLog = Math.log(-Math.log(p));
      return [Math.exp(-Math.exp(logMinusLog - width)), Math.exp(-Math.exp(logMinusLog + width))];
    }
    case 'plain': {
      const width = z * relative * p;
      return [Math.max(p - width, 0), Math.min(p + width, 1)];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Count-table helpers

/** A competing-risks count table as a multi-state one: everyone at risk is in state 0. */
function competingRisksTable(counts: CompetingRisksCounts, states: readonly string[]): MultiStateCounts {
  const { time, nEvent, nCensor, nEnter } = counts;
  const n = time.length;
  const causes = states.length - 1;
  checkLength('nEvent', nEvent, n);
  checkLength('nCensor', nCensor, n);
  checkLength('nEnter', nEnter, n);
  const merged = new Map<number, { events: number[]; censor: number; enter: number }>();
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    const events = nEvent[i] as readonly number[];
    if (!Number.isFinite(t))
      throw new SurvivalError(`count table row ${i + 1}: time must be finite, found ${t}`);
    if (events.length !== causes)
      throw new SurvivalError(`count table row ${i + 1} (time ${t}): nEvent must have ${causes} causes`);
    const check = (name: string, v: number | undefined) => {
      if (!(v !== undefined && Number.isFinite(v) && v >= 0))
        throw new SurvivalError(
          `count table row ${i + 1} (time ${t}): ${name} must be a finite number ≥ 0, found ${v}`,
        );
    };
    events.forEach((d) => check('nEvent', d));
    check('nCensor', nCensor[i]);
    if (nEnter !== undefined) check('nEnter', nEnter[i]);
    let cell = merged.get(t);
    if (cell === undefined) {
      cell = { events: new Array<number>(causes).fill(0), censor: 0, enter: 0 };
      merged.set(t, cell);
    }
    events.forEach((d, j) => {
      (cell.events as number[])[j] = (cell.events[j] as number) + d;
    });
    cell.censor += nCensor[i] as number;
    cell.enter += nEnter?.[i] ?? 0;
  }
  const all = [...merged.keys()].sort((a, b) => a - b);
  // Y(t) = Σ_{s ≥ t} exits − Σ_{s ≥ t} entries, summed from the last time backwards.
  const atRisk = new Map<number, number>();
  let risk = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    const cell = merged.get(all[i] as number) as { events: number[]; censor: number; enter: number };
    risk += cell.events.reduce((a, b) => a + b, 0) + cell.censor - cell.enter;
    atRisk.set(all[i] as number, risk);
  }
  const reported = all.filter((t) => {
    const cell = merged.get(t) as { events: number[]; censor: number };
    return cell.censor > 0 || cell.events.some((d) => d > 0);
  });
  return {
    states,
    time: reported,
    nRisk: reported.map((t) => [atRisk.get(t) as number, ...new Array<number>(causes).fill(0)]),
    nTransition: reported.map((t) => {
      const cell = merged.get(t) as { events: number[] };
      return states.map((_, h) => (h === 0 ? [0, ...cell.events] : new Array<number>(states.length).fill(0)));
    }),
    nCensor: reported.map((t) => (merged.get(t) as { censor: number }).censor),
  };
}
