/**
 * Projection of a stock of persons (and a modelled inflow) week by week through the duration model,
 * with each person's place on the refusion staircase carried along.
 *
 * The chain. A person is in state s, spell week d, and has staircase count k (the place on the
 * staircase of the last covered week; 0 before the count starts). Next week they stay (d + 1) or move
 * to j (d = 1) with the probabilities of hazards.ts for their profile and the season; a week on a
 * covered benefit adds 1 to k. They leave for `out` in the week of 1 January of the year they turn
 * 67, as the store's observation does.
 *
 * Two ways to run it:
 * - `projectExpected`: expected persons, by propagating the distribution over (s, d) of each
 *   covariate profile (persons of one profile share one distribution); spell weeks are handled in
 *   segments of constant hazards, so a week's work is per segment, not per spell week. Persons and
 *   their moves are exact. The staircase is carried in classes beside the persons rather than with
 *   every profile (see the function): the count k exactly, 0-53 (53 standing for 53 and more, where
 *   the step no longer changes), so the steps change in the week refusion.ts changes them. The
 *   restart is approximate: a week of self-support after the count started restarts it with
 *   probability 1/52 (a wait of 52 self-support weeks on average, counted across spells, where the
 *   rule restarts after exactly 52 within the last 156). Only the split of a state's persons over
 *   the steps is approximate, which only moves the municipal share: on the demo data the chain's
 *   municipal net is within 0.2 % of the mean of 1,000 microsimulations each year (bench/RESULTS.md,
 *   `staircase`), and without self-support it agrees with refusion.ts exactly (projection.test.ts).
 *   Where many persons go from benefits to short jobs and back, the early restarts put too few of
 *   them on the high steps: in a test population with 4-8 % a week into jobs and 1 % back, the
 *   first year's municipal net was 2.8 % below the simulated mean (0.6 % over four years).
 * - `simulate`: microsimulation of individual persons, with the exact staircase of refusion.ts
 *   (StaircaseTracker, restart after 52 weeks of self-support within 156) and Poisson inflow. Its
 *   mean agrees with `projectExpected` within simulation error for persons in every state and week,
 *   and for the municipal net up to the restart above.
 *   Replications give intervals.
 *
 * Closures: the move into week w and the inflow of week w follow the rules of week w (hazards.ts's
 * eras): nobody moves into a group closed by then and no one enters it, and before its week moves and
 * inflow go on as estimated.
 *
 * Age: a person's age group is held at its value in the start week (as sex, origin and prior
 * support are), so that persons of a profile can share one distribution; the exit at 67 is exact.
 *
 * Output: persons by week, state and staircase step (0 = not on the staircase, 1-4 = weeks 1-4,
 * 5-26, 27-52, 53+), which costing.ts prices.
 */

import { benefitOf, isBenefitCode } from '../benefits.ts';
import { Rng } from '../synthetic/random.ts';
import { epochDay, weekIndexOfDay, yearWeekOf } from '../weeks.ts';
import {
  ageGroupIndexOf,
  DURATION_CAP,
  durationBandOf,
  MODEL_DURATION_BANDS,
  quarterOfWeekNumber,
} from './covariates.ts';
import type { Inflow } from './data.ts';
import {
  BAND_COUNT,
  EFFECTS_KEPT,
  type EffectMultipliers,
  type HazardModifier,
  type Hazards,
  type ProbabilityTable,
  type Profile,
} from './hazards.ts';
import { StaircaseTracker } from './staircase-tracker.ts';

/** Staircase steps in the output: 0 = not on the staircase, then the four steps. */
export const STEPS = 5;
/**
 * Staircase classes of the expected-value chain: 0 = the count has not started (or was restarted),
 * then for each count k = 1 … 53 (53 standing for 53 and more, where the step no longer changes)
 * PHASES classes of the self-support weeks since the count started: phase f holds those with about
 * f · 52 / PHASES to (f + 1) · 52 / PHASES of the 52 weeks that restart the count, and a week of
 * self-support moves a person on one phase with probability PHASES / 52 (an Erlang wait of 52 weeks on
 * average). Class of count k and phase f: 1 + (k − 1) · PHASES + f. One phase: on the demo data 2 and
 * 4 phases moved the municipal net by less than 0.015 % and made the chain 1.5 and 2 times slower; in
 * populations that go in and out of short jobs they come closer to the rule (projection.ts's header).
 */
const PHASES = 1;
const TOP = 53;
const K_SIZE = 1 + TOP * PHASES;
/** The first class of count 53. */
const TOP_CLASS = 1 + (TOP - 1) * PHASES;
/** The first class of each step (step 0: the count not started), and the end of the last. */
const STEP_FIRST_CLASS = [0, 1, 1 + 4 * PHASES, 1 + 26 * PHASES, TOP_CLASS, K_SIZE];
/** A self-support week moves a person on to the next phase (the last: to a restart) with this probability. */
const PHASE_MOVE = PHASES / 52;
/** What a week on a state does to the classes: nothing, a covered week, a week of self-support. */
const NEUTRAL = 0;
const COVERED = 1;
const SELF_SUPPORT = 2;

/** The class of a person with staircase `tracker` (the count, and the self-support weeks towards a restart). */
function classOfTracker(tracker: StaircaseTracker): number {
  if (!tracker.started || tracker.count <= 0) return 0;
  const phase = Math.floor((tracker.selfSupportWeeks * PHASES) / 52);
  // A count whose self-support weeks have reached 52 restarts in the next week.
  if (phase >= PHASES) return 0;
  return 1 + (Math.min(tracker.count, TOP) - 1) * PHASES + phase;
}

export function stepOfCount(count: number): number {
  return count <= 0 ? 0 : count <= 4 ? 1 : count <= 26 ? 2 : count <= 52 ? 3 : 4;
}

export interface ProjectionPerson {
  readonly state: string;
  /** Spell week in the start week (1 = the spell started then). */
  readonly spellWeek: number;
  readonly birthYear: number;
  readonly profile: Profile;
  /** The person's staircase after the start week; the projection copies it, never changes it. */
  readonly staircase: StaircaseTracker;
  /** Subject to the modifier (an intervention's participant). */
  readonly treated?: boolean;
  /** Persons this one stands for in `projectExpected` (default 1); `simulate` always counts one. */
  readonly weight?: number;
}

export interface ProjectionSpec {
  readonly hazards: Hazards;
  /** Week index of the stock; projected weeks are startWeek + 1 … startWeek + horizon. */
  readonly startWeek: number;
  readonly horizon: number;
  readonly persons: readonly ProjectionPerson[];
  /** New persons per week: each cell's persons / weeks, entering in their state with spell week 1. */
  readonly inflow?: Inflow | null;
  readonly modifier?: HazardModifier | null;
}

export interface Occupancy {
  readonly states: readonly string[];
  readonly startWeek: number;
  readonly horizon: number;
  /** Persons at index ((t · states) + s) · STEPS + step, for t = 0 (the start week) … horizon. */
  readonly persons: Float64Array;
}

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';
}

/** Band of each spell week 0 … DURATION_CAP (0 for week 0, which never occurs). */
const BAND_OF_WEEK = Int8Array.from({ length: DURATION_CAP + 1 }, (_, d) =>
  d === 0 ? 0 : durationBandOf(d),
);

/** Week index from which a person born in `birthYear` is out (the week of 1 January of the year they turn 67). */
export function exitWeekOf(birthYear: number): number {
  return weekIndexOfDay(epochDay(birthYear + 67, 1, 1));
}

interface WeekContext {
  readonly quarter: number;
  readonly isoYear: number;
}

/** The era of each projected week t = 0 … horizon (the week a move into t lands in, hazards.ts). */
function erasOf(spec: ProjectionSpec): Int32Array {
  return Int32Array.from({ length: spec.horizon + 1 }, (_, t) => spec.hazards.eraOf(spec.startWeek + t));
}

/** The last projected week in which persons enter state `s`: none from the week it closes to new cases. */
function lastInflowWeek(spec: ProjectionSpec, s: number): number {
  return Math.min(spec.horizon, spec.hazards.closedFrom[s]! - 1 - spec.startWeek);
}

function weekContexts(startWeek: number, horizon: number): WeekContext[] {
  const out: WeekContext[] = [];
  for (let t = 0; t <= horizon; t++) {
    const { year, week } = yearWeekOf(startWeek + t);
    out.push({ quarter: quarterOfWeekNumber(week), isoYear: year });
  }
  return out;
}

/**
 * Ten years from a start up to five years after the stock week: the longest an investment case
 * projects (a case may start up to the end of the budget year, and the data may be some years old).
 */
export const MAX_PROJECTION_WEEKS = 780;

function checkSpec(spec: ProjectionSpec): void {
  if (!Number.isInteger(spec.horizon) || spec.horizon < 1 || spec.horizon > MAX_PROJECTION_WEEKS)
    throw new ProjectionError(`the horizon must be 1-${MAX_PROJECTION_WEEKS} weeks, found ${spec.horizon}`);
  for (const p of spec.persons) spec.hazards.stateIndex(p.state);
}

interface ProfileGroup {
  readonly ageGroup: number;
  /** Projection week from which the profile is out (67), or `null` if after the horizon. */
  readonly exitT: number | null;
  readonly profile: Profile;
  readonly treated: boolean;
  readonly initial: { s: number; d: number; k: number; mass: number }[];
  readonly inflow: { t: number; s: number; mass: number }[];
}

function profileGroups(spec: ProjectionSpec, contexts: readonly WeekContext[]): ProfileGroup[] {
  const groups = new Map<string, ProfileGroup>();
  const groupOf = (birthYear: number, ageAtStart: number, profile: Profile, treated: boolean) => {
    const exit = exitWeekOf(birthYear) - spec.startWeek;
    const exitT = exit <= spec.horizon ? Math.max(exit, 1) : null;
    const ageGroup = ageGroupIndexOf(ageAtStart);
    const key = `${ageGroup}|${exitT}|${profile.sex}|${profile.origin}|${profile.priorBand}|${treated}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ageGroup, exitT, profile, treated, initial: [], inflow: [] }));
    return g;
  };
  for (const p of spec.persons) {
    const g = groupOf(p.birthYear, contexts[0]!.isoYear - p.birthYear, p.profile, p.treated ?? false);
    g.initial.push({
      s: spec.hazards.stateIndex(p.state),
      d: Math.min(Math.max(1, p.spellWeek), DURATION_CAP),
      k: classOfTracker(p.staircase),
      mass: p.weight ?? 1,
    });
  }
  if (spec.inflow && spec.inflow.weeks > 0)
    for (const cell of spec.inflow.cells) {
      const s = spec.hazards.index.get(cell.state);
      if (s === undefined) continue;
      const mass = cell.persons / spec.inflow.weeks;
      const profile = { sex: cell.sex, origin: cell.origin, priorBand: '0' };
      const last = lastInflowWeek(spec, s);
      for (let t = 1; t <= last; t++) {
        const birthYear = contexts[t]!.isoYear - cell.age;
        if (exitWeekOf(birthYear) <= spec.startWeek + t) continue;
        groupOf(birthYear, cell.age, profile, false).inflow.push({ t, s, mass });
      }
    }
  return [...groups.values()];
}

/**
 * Spell-week segments of the expected-value chain: the model's duration bands. Hazards are constant
 * within a segment; `width` 0 is the open last one.
 */
interface Segment {
  readonly band: number;
  readonly first: number;
  readonly width: number;
}

const SEGMENTS: readonly Segment[] = MODEL_DURATION_BANDS.map((b, band) => ({
  band,
  first: b.firstWeek,
  width: b.lastWeek === null ? 0 : b.lastWeek - b.firstWeek + 1,
}));

/** Segment of each spell week 1 … DURATION_CAP. */
const SEGMENT_OF_WEEK = Int8Array.from({ length: DURATION_CAP + 1 }, (_, d) =>
  d === 0 ? 0 : SEGMENTS.findIndex((g) => d >= g.first && (g.width === 0 || d < g.first + g.width)),
);

/**
 * PHASE_POWER[w][from · (PHASES + 1) + to]: the moves between phases (PHASES = a restart) of w weeks
 * of self-support in a row.
 */
const PHASE_POWER: readonly Float64Array[] = (() => {
  const widest = Math.max(...SEGMENTS.map((g) => g.width));
  const n = PHASES + 1;
  const out = [Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0))];
  for (let w = 1; w <= widest; w++) {
    const before = out[w - 1]!;
    const power = new Float64Array(n * n);
    for (let from = 0; from < n; from++)
      for (let via = 0; via < n; via++) {
        const x = before[from * n + via]!;
        if (via === PHASES) power[from * n + via] = power[from * n + via]! + x;
        else {
          power[from * n + via] = power[from * n + via]! + x * (1 - PHASE_MOVE);
          power[from * n + via + 1] = power[from * n + via + 1]! + x * PHASE_MOVE;
        }
      }
    out.push(power);
  }
  return out;
})();

/** Ring slots of a state: one per week of each segment's width, from RING_OFFSET[segment]. */
const RING_OFFSET = Int32Array.from(SEGMENTS, (_, g) =>
  SEGMENTS.slice(0, g).reduce((a, x) => a + x.width, 0),
);
const RING = SEGMENTS.reduce((a, x) => a + x.width, 0);
/**
 * Expected persons by week, state and staircase step (see the module comment).
 *
 * Two chains run side by side over the same cells:
 * - persons by profile (exact): persons of one profile share a distribution over (state, spell week),
 *   and all profiles move through the same cells, so each cell holds a vector over profiles and a
 *   move is one loop over it. Spell weeks are kept as segments of constant hazards: all persons in a
 *   state and segment face the same probabilities whatever their spell week within it, so the chain
 *   moves the segment's total once a week; the persons who entered in one week wait in a ring slot,
 *   stored as they entered, and are scaled by the stay probabilities since then (the cell's product
 *   of stays now over the one when they entered) when they reach the segment's end. A state's segments are moved from the
 *   last to the first, so those moving on can be added to the next segment at once; moves to other
 *   states start there in segment 0 and are added after every state has moved.
 * - persons by staircase class, per stratum of prior support (the profile variable that goes with a
 *   person's place on the staircase): it follows the first chain's flows between cells, which it
 *   splits over classes in proportion to the classes in the cell, and is scaled to the first chain's
 *   persons after every move. A ring slot keeps the classes its persons entered with and moves them
 *   on by the weeks since when they leave (the count shifted, or the phases by PHASE_POWER). This assumes that within one state,
 *   segment and stratum the class does not change the chance of moving, which is what saves the
 *   factor of the 54 classes on every move of every profile.
 *
 * Layout (flat arrays): cell c = s · G + g; persons at c · P + q for profile q; classes at
 * (c · B + b) · K + k for stratum b and class k.
 */
export function projectExpected(spec: ProjectionSpec): Occupancy {
  checkSpec(spec);
  const { hazards, horizon } = spec;
  const S = hazards.states.length;
  const G = SEGMENTS.length;
  const K = K_SIZE;
  const out = new Float64Array((horizon + 1) * S * STEPS);
  const contexts = weekContexts(spec.startWeek, horizon);
  // Profiles of one stratum next to each other, so that a stratum is a range of profiles.
  const strata = [...new Set([...spec.persons.map((p) => p.profile.priorBand), '0'])].sort();
  const groups = profileGroups(spec, contexts).sort(
    (a, b) => strata.indexOf(a.profile.priorBand) - strata.indexOf(b.profile.priorBand),
  );
  const P = groups.length;
  if (P === 0) return { states: hazards.states, startWeek: spec.startWeek, horizon, persons: out };
  const B = strata.length;
  const stratumStart = Int32Array.from({ length: B + 1 }, (_, b) =>
    b === B ? P : groups.findIndex((g) => strata.indexOf(g.profile.priorBand) >= b),
  ).map((v) => (v < 0 ? P : v));
  const stratumOf = Int32Array.from(groups, (g) => strata.indexOf(g.profile.priorBand));
  const { onStaircase, selfSupport } = hazards;
  const OUT = hazards.out;
  const modifier = spec.modifier ?? null;
  // The era of each projected week (the week a move lands in), and each era's tables, made when first used.
  const eraAt = erasOf(spec);
  const eras = hazards.eraStarts.length;
  const tablesByEra: (ProbabilityTable[] | undefined)[] = new Array(eras);
  const tablesIn = (era: number) =>
    (tablesByEra[era] ??= groups.map((g) =>
      hazards.table(g.profile, g.treated && modifier ? modifier.destinations : [], era),
    ));
  const treated = modifier !== null && groups.some((g) => g.treated);
  const BK = B * K;
  const kindOf = Uint8Array.from(hazards.states, (_, s) =>
    onStaircase[s] ? COVERED : selfSupport[s] ? SELF_SUPPORT : NEUTRAL,
  );

  const total = new Float64Array(S * G * P);
  const classes = new Float64Array(S * G * BK);
  /** The product of the cell's stay probabilities since it was last empty, per profile (kept above 1e-200). */
  const cumStay = new Float64Array(S * G * P).fill(1);
  /**
   * Ring slot i (of state s at s · RING + RING_OFFSET[g] + (leave week mod width)) from i · SLOT in
   * `ring`: P persons as they entered, the P products of stays when they entered, then B · K classes
   * as they entered.
   */
  const SLOT = 2 * P + BK;
  const ring = new Float64Array(S * RING * SLOT);
  const slotSince = new Int32Array(S * RING);
  const slotLeave = new Int32Array(S * RING).fill(-1);
  const inUse = new Int32Array(S * G);
  /** Persons starting a spell this week, by state and profile, and by state, stratum and class. */
  const arriving = new Float64Array(S * P);
  const arrivingClasses = new Float64Array(S * BK);
  const arrives = new Uint8Array(S);
  let outPersons = 0;

  /** The offset in `ring` of cell (s, g)'s slot for persons entering in week `since`, to leave in week `leave`. */
  const slotFor = (s: number, g: number, since: number, leave: number): number => {
    const c = s * G + g;
    const i = s * RING + RING_OFFSET[g]! + (leave % SEGMENTS[g]!.width);
    const o = i * SLOT;
    if (slotLeave[i] === leave) return o;
    if (slotLeave[i]! >= 0) throw new ProjectionError(`ring slot ${i} in use in week ${since}`);
    if (inUse[c] === 0) cumStay.fill(1, c * P, (c + 1) * P);
    for (let q = 0; q < P; q++) ring[o + P + q] = cumStay[c * P + q]!;
    slotSince[i] = since;
    slotLeave[i] = leave;
    inUse[c] = inUse[c]! + 1;
    return o;
  };
  /** Keep cell c's product of stays for profile q above 1e-200, and its slots' with it. */
  const renormalise = (s: number, g: number, q: number) => {
    const c = s * G + g;
    cumStay[c * P + q] = cumStay[c * P + q]! * 1e200;
    for (let r = 0; r < SEGMENTS[g]!.width; r++) {
      const o = (s * RING + RING_OFFSET[g]! + r) * SLOT + P + q;
      ring[o] = ring[o]! * 1e200;
    }
  };

  // The stock, each person in the ring slot of the week they reach the end of their segment.
  groups.forEach((g, q) =>
    g.initial.forEach((e) => {
      const segment = SEGMENT_OF_WEEK[e.d]!;
      const { first, width } = SEGMENTS[segment]!;
      const c = e.s * G + segment;
      const k = e.k;
      const o = (c * B + stratumOf[q]!) * K + k;
      total[c * P + q] = total[c * P + q]! + e.mass;
      classes[o] = classes[o]! + e.mass;
      if (width === 0) return;
      const slot = slotFor(e.s, segment, 0, first + width - e.d);
      ring[slot + q] = ring[slot + q]! + e.mass;
      const so = slot + 2 * P + stratumOf[q]! * K + k;
      ring[so] = ring[so]! + e.mass;
    }),
  );
  const inflowAt = new Map<number, { q: number; s: number; mass: number }[]>();
  groups.forEach((g, q) =>
    g.inflow.forEach((e) => {
      let list = inflowAt.get(e.t);
      if (!list) inflowAt.set(e.t, (list = []));
      list.push({ q, s: e.s, mass: e.mass });
    }),
  );
  const exitsAt = new Map<number, number[]>();
  groups.forEach((g, q) => {
    if (g.exitT === null) return;
    let list = exitsAt.get(g.exitT);
    if (!list) exitsAt.set(g.exitT, (list = []));
    list.push(q);
  });
  const record = (t: number) => {
    for (let s = 0; s < S; s++) {
      if (s === OUT) continue;
      const o = (t * S + s) * STEPS;
      for (let g = 0; g < G; g++) {
        const c = s * G + g;
        if (SEGMENTS[g]!.width > 0 && inUse[c] === 0) continue;
        for (let b = 0; b < B; b++) {
          const from = (c * B + b) * K;
          if (!onStaircase[s]) out[o] = out[o]! + sumOf(classes, from, 0, K);
          else
            for (let step = 0; step < STEPS; step++)
              out[o + step] =
                out[o + step]! + sumOf(classes, from, STEP_FIRST_CLASS[step]!, STEP_FIRST_CLASS[step + 1]!);
        }
      }
    }
    out[(t * S + OUT) * STEPS] = outPersons;
  };
  /** Scale cell c's classes in each stratum to its persons in the profile chain. */
  const sumsByStratum = new Float64Array(B);
  const rescale = (c: number) => {
    stratumSums(total, c * P, stratumStart, sumsByStratum);
    for (let b = 0; b < B; b++) {
      const o = (c * B + b) * K;
      let current = 0;
      for (let k = 0; k < K; k++) current += classes[o + k]!;
      const target = sumsByStratum[b]!;
      if (current > 0) {
        const f = target / current;
        for (let k = 0; k < K; k++) classes[o + k] = classes[o + k]! * f;
      } else if (target > 0) classes[o] = target;
    }
  };
  record(0);

  // Probabilities by (state, band, season), filled again when the effect changes: a row of P (one
  // value per profile) for each destination in use (`to`, from `at`), then the stay probabilities
  // (`stayAt`) and the same floored (`floorAt`). The destinations in use are those the model has
  // moves to from the state; an effect only multiplies hazards, so it keeps them. Rows are cut
  // from slabs, one allocation for many keys rather than a full S × P per key (which kept the
  // collector busy).
  const SLAB = 1 << 16;
  let slab = new Float64Array(0);
  let slabUsed = 0;
  interface Moves {
    to: number[];
    p: Float64Array;
    at: number;
    stayAt: number;
    floorAt: number;
    version: number;
  }
  const moveCache: (Moves | null)[] = new Array(eras * S * BAND_COUNT * 4).fill(null);
  let version = 0;
  let cacheKey = '';
  const scratch = new Float64Array(S);
  const destinationsByEra: (number[][] | undefined)[] = new Array(eras);
  const movesOf = (
    st: number,
    band: number,
    quarter: number,
    effect: EffectMultipliers | null,
    era: number,
  ) => {
    const key = ((era * S + st) * BAND_COUNT + band) * 4 + quarter - 1;
    let m = moveCache[key];
    if (m && m.version === version) return m;
    if (!m) {
      const to = (destinationsByEra[era] ??= hazards.states.map((_, j) => hazards.destinations(j, era)))[st]!;
      const size = (to.length + 2) * P;
      if (slabUsed + size > slab.length) {
        slab = new Float64Array(Math.max(SLAB, size));
        slabUsed = 0;
      }
      const at = slabUsed;
      slabUsed += size;
      const stayAt = at + to.length * P;
      moveCache[key] = m = { to, p: slab, at, stayAt, floorAt: stayAt + P, version };
    }
    m.version = version;
    const { to, p, at, stayAt, floorAt } = m;
    const tables = tablesIn(era);
    for (let q = 0; q < P; q++) {
      const g = groups[q]!;
      // Under an effect the vector is worked out into scratch space and kept here, not by the table:
      // a break-even search uses each effect once.
      const table = tables[q]!;
      const o = table.at(st, band, g.ageGroup, quarter, g.treated ? effect : null, scratch);
      const v = table.values;
      for (let n = 0; n < to.length; n++) p[at + n * P + q] = v[o + to[n]!]!;
      p[stayAt + q] = v[o + st]!;
      // Below 1e-100 nobody stays in effect; the floor keeps the products of stays from reaching 0.
      p[floorAt + q] = Math.max(v[o + st]!, 1e-100);
    }
    return m;
  };
  const factor = new Float64Array(P);
  const flows = new Float64Array(B);
  /** Per stratum of the cell being moved: the sum of its classes, and the first and last class held. */
  const scanned = new Float64Array(3 * B);

  for (let t = 1; t <= horizon; t++) {
    const quarter = contexts[t - 1]!.quarter;
    const era = eraAt[t]!;
    const effect = treated ? modifier.at(t) : null;
    const key = `${effect?.toDestinations}|${effect?.relapse}`;
    if (key !== cacheKey) {
      version += 1;
      cacheKey = key;
    }
    // Reaching 67: the profile's persons leave for `out`.
    const leavers = exitsAt.get(t);
    if (leavers) {
      for (let c = 0; c < S * G; c++) {
        for (const q of leavers) {
          outPersons += total[c * P + q]!;
          total[c * P + q] = 0;
        }
        rescale(c);
      }
      for (let i = 0; i < S * RING; i++)
        if (slotLeave[i]! >= 0) for (const q of leavers) ring[i * SLOT + q] = 0;
    }

    for (let s = 0; s < S; s++) {
      if (s === OUT) continue;
      for (let g = G - 1; g >= 0; g--) {
        const c = s * G + g;
        const { band, width } = SEGMENTS[g]!;
        if (width > 0 && inUse[c] === 0) continue;
        const from = c * P;
        if (width === 0 && isZero(total, from, P)) continue;
        const { to, p, at, stayAt, floorAt } = movesOf(s, band, quarter, effect, era);
        // The classes in each stratum (their sum and the range they occupy), which the moves out take
        // with them in proportion.
        for (let b = 0; b < B; b++) scan(classes, (c * B + b) * K, b, scanned);
        // Moves to other states start a spell there (a covered week moves the class on).
        for (let n = 0; n < to.length; n++) {
          const j = to[n]!;
          if (j === OUT) {
            outPersons += dot(total, from, p, at + n * P, P);
            continue;
          }
          moveOut(arriving, j * P, total, from, p, at + n * P, stratumStart, flows);
          for (let b = 0; b < B; b++) {
            const f = flows[b]!;
            const sum = scanned[b * 3]!;
            if (f === 0 || sum === 0) continue;
            addWeekOfClasses(
              arrivingClasses,
              (j * B + b) * K,
              classes,
              (c * B + b) * K,
              f / sum,
              kindOf[j]!,
              scanned[b * 3 + 1]!,
              scanned[b * 3 + 2]!,
            );
          }
          arrives[j] = 1;
        }
        // Stays.
        multiply(total, from, p, stayAt, P);
        for (let q = 0; q < P; q++) {
          const v = cumStay[c * P + q]! * p[floorAt + q]!;
          cumStay[c * P + q] = v;
          if (v < 1e-200) renormalise(s, g, q);
        }
        // The classes follow the persons who stay, and their week here.
        const kind = kindOf[s]!;
        stratumSums(total, from, stratumStart, flows);
        for (let b = 0; b < B; b++) {
          const o = (c * B + b) * K;
          const current = scanned[b * 3]!;
          if (current > 0) weekOfClasses(classes, o, kind, flows[b]! / current);
          else if (flows[b]! > 0) classes[o] = flows[b]!;
        }
        // Those at the end of the segment move on to the next one.
        if (width > 0) {
          const i = s * RING + RING_OFFSET[g]! + (t % width);
          if (slotLeave[i] === t) {
            const slot = i * SLOT;
            const nextWidth = SEGMENTS[g + 1]!.width;
            const next = c + 1;
            const nextSlot = nextWidth > 0 ? slotFor(s, g + 1, t, t + nextWidth) : -1;
            // Persons: scaled by their stay since they entered (one week's in a segment of one week).
            for (let q = 0; q < P; q++) {
              const v =
                ring[slot + q]! * (width === 1 ? p[stayAt + q]! : cumStay[c * P + q]! / ring[slot + P + q]!);
              factor[q] = v;
              total[c * P + q] = total[c * P + q]! - v;
              total[next * P + q] = total[next * P + q]! + v;
              if (nextSlot >= 0) ring[nextSlot + q] = ring[nextSlot + q]! + v;
            }
            // Classes: those the slot entered with, moved on by the weeks since, shared out in each stratum.
            stratumSums(factor, 0, stratumStart, flows);
            for (let b = 0; b < B; b++)
              if (flows[b]! > 0)
                leaveSlot(
                  ring,
                  slot + 2 * P + b * K,
                  t - slotSince[i]!,
                  kind,
                  flows[b]!,
                  classes,
                  (c * B + b) * K,
                  (next * B + b) * K,
                  nextSlot >= 0 ? nextSlot + 2 * P + b * K : -1,
                );
            slotLeave[i] = -1;
            ring.fill(0, slot, slot + SLOT);
            inUse[c] = inUse[c]! - 1;
            if (inUse[c] === 0) {
              total.fill(0, from, from + P);
              classes.fill(0, c * BK, (c + 1) * BK);
            }
          }
        }
      }
    }

    for (const a of inflowAt.get(t) ?? []) {
      arriving[a.s * P + a.q] = arriving[a.s * P + a.q]! + a.mass;
      const o = (a.s * B + stratumOf[a.q]!) * K + (onStaircase[a.s] ? 1 : 0);
      arrivingClasses[o] = arrivingClasses[o]! + a.mass;
      arrives[a.s] = 1;
    }
    for (let s = 0; s < S; s++) {
      if (!arrives[s]) continue;
      arrives[s] = 0;
      const slot = slotFor(s, 0, t, t + SEGMENTS[0]!.width);
      const c = s * G;
      for (let q = 0; q < P; q++) {
        const v = arriving[s * P + q]!;
        total[c * P + q] = total[c * P + q]! + v;
        ring[slot + q] = ring[slot + q]! + v;
      }
      for (let i = 0; i < BK; i++) {
        const v = arrivingClasses[s * BK + i]!;
        classes[c * BK + i] = classes[c * BK + i]! + v;
        ring[slot + 2 * P + i] = ring[slot + 2 * P + i]! + v;
      }
      arriving.fill(0, s * P, (s + 1) * P);
      arrivingClasses.fill(0, s * BK, (s + 1) * BK);
    }
    record(t);
  }
  return { states: hazards.states, startWeek: spec.startWeek, horizon, persons: out };
}

// The loops over a cell's persons, kept small so that the engine optimises them. p[po + q] is
// profile q's probability of the move.

function isZero(total: Float64Array, from: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (total[from + i] !== 0) return false;
  return true;
}

/** m[mo …] ⊙ p[po …], summed over n entries */
function dot(m: Float64Array, mo: number, p: Float64Array, po: number, n: number): number {
  let sum = 0;
  for (let q = 0; q < n; q++) sum += m[mo + q]! * p[po + q]!;
  return sum;
}

/** m[mo …] ⊙= p[po …] over n entries */
function multiply(m: Float64Array, mo: number, p: Float64Array, po: number, n: number): void {
  for (let q = 0; q < n; q++) m[mo + q] = m[mo + q]! * p[po + q]!;
}

/** Persons by stratum: the sums of m[mo …] over each stratum's range of profiles. */
function stratumSums(m: Float64Array, mo: number, start: Int32Array, into: Float64Array): void {
  for (let b = 0; b + 1 < start.length; b++) {
    let sum = 0;
    for (let q = start[b]!; q < start[b + 1]!; q++) sum += m[mo + q]!;
    into[b] = sum;
  }
}

/** a[ao …] += m[mo …] ⊙ p[po …]: the persons moving, with their sums by stratum in `flows`. */
function moveOut(
  a: Float64Array,
  ao: number,
  m: Float64Array,
  mo: number,
  p: Float64Array,
  po: number,
  start: Int32Array,
  flows: Float64Array,
): void {
  for (let b = 0; b + 1 < start.length; b++) {
    let sum = 0;
    for (let q = start[b]!; q < start[b + 1]!; q++) {
      const v = m[mo + q]! * p[po + q]!;
      a[ao + q] = a[ao + q]! + v;
      sum += v;
    }
    flows[b] = sum;
  }
}

/** The sum of c[o + from … o + to − 1]. */
function sumOf(c: Float64Array, o: number, from: number, to: number): number {
  let sum = 0;
  for (let i = o + from; i < o + to; i++) sum += c[i]!;
  return sum;
}

/** The sum of one stratum's classes (from `o`) and the first and last class held, into `into[3b …]`. */
function scan(c: Float64Array, o: number, b: number, into: Float64Array): void {
  let sum = 0;
  let lo = K_SIZE;
  let hi = -1;
  for (let i = 0; i < K_SIZE; i++) {
    const v = c[o + i]!;
    if (v === 0) continue;
    sum += v;
    if (lo === K_SIZE) lo = i;
    hi = i;
  }
  into[3 * b] = sum;
  into[3 * b + 1] = lo;
  into[3 * b + 2] = hi;
}

/**
 * a[ao …] += f · (the classes v[vo + lo … vo + hi] after a week on a state of `kind`): persons moving,
 * with the week they spend where they move to.
 */
function addWeekOfClasses(
  a: Float64Array,
  ao: number,
  v: Float64Array,
  vo: number,
  f: number,
  kind: number,
  lo: number,
  hi: number,
): void {
  if (kind === NEUTRAL) {
    for (let i = lo; i <= hi; i++) a[ao + i] = a[ao + i]! + f * v[vo + i]!;
    return;
  }
  if (kind === COVERED) {
    // Count k → k + 1 in its phase (53 stays), a count not started → 1 in phase 0.
    let i = lo;
    if (i === 0) {
      a[ao + 1] = a[ao + 1]! + f * v[vo]!;
      i = 1;
    }
    const top = Math.min(hi + 1, TOP_CLASS);
    for (; i < top; i++) a[ao + i + PHASES] = a[ao + i + PHASES]! + f * v[vo + i]!;
    for (; i <= hi; i++) a[ao + i] = a[ao + i]! + f * v[vo + i]!;
    return;
  }
  // Self-support: each phase moves on with PHASE_MOVE, the last to a restart (class 0).
  let restarted = lo === 0 ? f * v[vo]! : 0;
  const stay = f * (1 - PHASE_MOVE);
  const move = f * PHASE_MOVE;
  // Whole counts (groups of PHASES classes) from the one holding `lo` to the one holding `hi`.
  for (let base = 1 + Math.floor((Math.max(lo, 1) - 1) / PHASES) * PHASES; base <= hi; base += PHASES) {
    for (let p = 0; p < PHASES - 1; p++) {
      const x = v[vo + base + p]!;
      a[ao + base + p] = a[ao + base + p]! + x * stay;
      a[ao + base + p + 1] = a[ao + base + p + 1]! + x * move;
    }
    const x = v[vo + base + PHASES - 1]!;
    a[ao + base + PHASES - 1] = a[ao + base + PHASES - 1]! + x * stay;
    restarted += x * move;
  }
  a[ao] = a[ao]! + restarted;
}

/** One week on a state of `kind` for one stratum's classes, in place from `o`, all scaled by `f`. */
function weekOfClasses(c: Float64Array, o: number, kind: number, f: number): void {
  if (kind === COVERED) {
    const top = o + TOP_CLASS;
    for (let p = 0; p < PHASES; p++) c[top + p] = (c[top + p]! + c[top - PHASES + p]!) * f;
    for (let i = top - 1; i >= o + 1 + PHASES; i--) c[i] = c[i - PHASES]! * f;
    c[o + 1] = c[o]! * f;
    for (let p = 1; p < PHASES; p++) c[o + 1 + p] = 0;
    c[o] = 0;
    return;
  }
  if (kind === NEUTRAL) {
    for (let i = o; i < o + K_SIZE; i++) c[i] = c[i]! * f;
    return;
  }
  let restarted = 0;
  const stay = (1 - PHASE_MOVE) * f;
  const move = PHASE_MOVE * f;
  for (let base = o + 1; base < o + K_SIZE; base += PHASES) {
    restarted += c[base + PHASES - 1]! * move;
    for (let p = PHASES - 1; p >= 1; p--) c[base + p] = c[base + p]! * stay + c[base + p - 1]! * move;
    c[base] = c[base]! * stay;
  }
  c[o] = c[o]! * f + restarted;
}

/**
 * Persons leaving a ring slot for the next segment: `persons` of one stratum, shared over the classes
 * the slot's persons entered with (slot[so …]) after the `w` weeks since on a state of `kind`; taken
 * from the cell's classes (from `co`) and added to the next cell's (from `no`) and its slot's (from
 * `nso`, if ≥ 0).
 */
function leaveSlot(
  slot: Float64Array,
  so: number,
  w: number,
  kind: number,
  persons: number,
  c: Float64Array,
  co: number,
  no: number,
  nso: number,
): void {
  let entered = 0;
  let lo = K_SIZE;
  let hi = -1;
  for (let i = 0; i < K_SIZE; i++) {
    const x = slot[so + i]!;
    if (x === 0) continue;
    entered += x;
    if (lo === K_SIZE) lo = i;
    hi = i;
  }
  if (entered === 0) return;
  const f = persons / entered;
  if (w === 0 || kind === NEUTRAL) {
    for (let i = lo; i <= hi; i++) moveClass(c, co, no, slot, nso, i, slot[so + i]! * f);
    return;
  }
  if (kind === COVERED) {
    // Count k → min(k + w, 53) in its phase; a count not started → w in phase 0.
    if (lo === 0) moveClass(c, co, no, slot, nso, 1 + (Math.min(w, TOP) - 1) * PHASES, slot[so]! * f);
    // Classes below 53 − w move on by w counts, the rest to 53 in their phase.
    const shifted = Math.min(hi + 1, TOP_CLASS - w * PHASES);
    let i = Math.max(lo, 1);
    for (; i < shifted; i++) moveClass(c, co, no, slot, nso, i + w * PHASES, slot[so + i]! * f);
    for (; i <= hi; i++) moveClass(c, co, no, slot, nso, TOP_CLASS + ((i - 1) % PHASES), slot[so + i]! * f);
    return;
  }
  const n = PHASES + 1;
  const power = PHASE_POWER[w]!;
  if (lo === 0) moveClass(c, co, no, slot, nso, 0, slot[so]! * f);
  for (let i = Math.max(lo, 1); i <= hi; i++) {
    const x = slot[so + i]!;
    if (x === 0) continue;
    const v = x * f;
    const phase = (i - 1) % PHASES;
    for (let p2 = phase; p2 < PHASES; p2++)
      moveClass(c, co, no, slot, nso, i - phase + p2, v * power[phase * n + p2]!);
    moveClass(c, co, no, slot, nso, 0, v * power[phase * n + PHASES]!);
  }
}

/** `v` persons of class `to` from the cell at `co` to the next at `no` and its slot at `nso` (if ≥ 0). */
function moveClass(
  c: Float64Array,
  co: number,
  no: number,
  slot: Float64Array,
  nso: number,
  to: number,
  v: number,
): void {
  c[co + to] = Math.max(0, c[co + to]! - v);
  c[no + to] = c[no + to]! + v;
  if (nso >= 0) slot[nso + to] = slot[nso + to]! + v;
}

export interface SimulationOptions {
  readonly replications: number;
  readonly seed: number;
  /**
   * The number of the first replication (default 0): replication r draws from its own seed, so
   * replications 0-4 and 5-9 in two calls are replications 0-9 of one call.
   */
  readonly first?: number;
  /** Called with each simulated person's states, week by week from the start week, in replication 0 (for tests). */
  readonly onHistory?: (person: number, states: readonly string[]) => void;
}

function poisson(rng: Rng, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let n = 0;
  let product = rng.uniform();
  while (product > limit) {
    n++;
    product *= rng.uniform();
  }
  return n;
}

/** Microsimulated persons by week, state and staircase step, one occupancy per replication. */
export function simulate(spec: ProjectionSpec, options: SimulationOptions): Occupancy[] {
  checkSpec(spec);
  const { hazards, horizon } = spec;
  const S = hazards.states.length;
  const contexts = weekContexts(spec.startWeek, horizon);
  const effectTo = spec.modifier?.destinations ?? [];
  const effects = Array.from({ length: horizon + 1 }, (_, t) => spec.modifier?.at(t) ?? null);
  // The tables keep the probabilities under a few effects; under one that fades (a new one every
  // week) they are worked out each time into scratch space.
  const unkept =
    new Set(effects.map((e) => e && `${e.toDestinations}|${e.relapse}`).filter((e) => e !== null)).size >
    EFFECTS_KEPT
      ? new Float64Array(S)
      : undefined;
  // The era of each projected week (the week a move lands in), and a profile's tables in the eras met.
  const eraAt = erasOf(spec);
  const erasMet = [...new Set(eraAt.subarray(1))];
  const tableOf = (profile: Profile, treated: boolean) => {
    const tables: ProbabilityTable[] = [];
    for (const era of erasMet) tables[era] = hazards.table(profile, treated ? effectTo : [], era);
    return tables;
  };
  const inflowCells = (spec.inflow?.cells ?? [])
    .filter((c) => hazards.index.has(c.state))
    .map((c) => {
      const s = hazards.index.get(c.state)!;
      return { ...c, s, last: lastInflowWeek(spec, s), mean: c.persons / (spec.inflow?.weeks ?? 1) };
    });
  const results: Occupancy[] = [];
  const benefits = hazards.states.map((state) => benefitOf(isBenefitCode(state) ? state : 'out'));

  const first = options.first ?? 0;
  for (let r = first; r < first + options.replications; r++) {
    const rng = Rng.seeded(options.seed * 7919 + r + 1);
    const out = new Float64Array((horizon + 1) * S * STEPS);
    const count = (t: number, s: number, tracker: StaircaseTracker) => {
      const o = (t * S + s) * STEPS + (hazards.onStaircase[s] ? stepOfCount(tracker.count) : 0);
      out[o] = out[o]! + 1;
    };
    const run = (
      s0: number,
      d0: number,
      t0: number,
      birthYear: number,
      tables: readonly ProbabilityTable[],
      treated: boolean,
      tracker: StaircaseTracker,
      history: string[] | null,
    ) => {
      let s = s0;
      let d = d0;
      const exitWeek = exitWeekOf(birthYear);
      const ageIndex = ageGroupIndexOf(contexts[t0]!.isoYear - birthYear);
      count(t0, s, tracker);
      for (let t = t0 + 1; t <= horizon; t++) {
        const week = spec.startWeek + t;
        if (s !== hazards.out) {
          if (week >= exitWeek) s = hazards.out;
          else {
            const previous = contexts[t - 1]!;
            const effect = treated ? effects[t]! : null;
            const table = tables[eraAt[t]!]!;
            const o = table.at(s, BAND_OF_WEEK[d]!, ageIndex, previous.quarter, effect, unkept);
            const p = table.values;
            let u = rng.uniform();
            let j = 0;
            while (j < S - 1 && u >= p[o + j]!) u -= p[o + j++]!;
            if (p[o + j] === 0) j = s; // rounding at the end of the vector
            if (j === s) d = Math.min(d + 1, DURATION_CAP);
            else {
              s = j;
              d = 1;
            }
          }
        }
        tracker.advance(week, benefits[s]!);
        history?.push(hazards.states[s]!);
        count(t, s, tracker);
      }
    };
    spec.persons.forEach((p, n) => {
      const history = r === 0 && options.onHistory ? [p.state] : null;
      run(
        hazards.stateIndex(p.state),
        Math.min(Math.max(1, p.spellWeek), DURATION_CAP),
        0,
        p.birthYear,
        tableOf(p.profile, p.treated ?? false),
        p.treated ?? false,
        p.staircase.clone(),
        history,
      );
      if (history) options.onHistory!(n, history);
    });
    for (let t = 1; t <= horizon; t++)
      for (const cell of inflowCells) {
        if (t > cell.last) continue;
        const n = poisson(rng, cell.mean);
        for (let i = 0; i < n; i++) {
          const tracker = new StaircaseTracker();
          tracker.weekOfState(spec.startWeek + t, cell.state);
          const profile = { sex: cell.sex, origin: cell.origin, priorBand: '0' };
          const birthYear = contexts[t]!.isoYear - cell.age;
          if (spec.startWeek + t >= exitWeekOf(birthYear)) continue;
          run(cell.s, 1, t, birthYear, tableOf(profile, false), false, tracker, null);
        }
      }
    results.push({ states: hazards.states, startWeek: spec.startWeek, horizon, persons: out });
  }
  return results;
}
