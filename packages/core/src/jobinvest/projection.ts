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
 * - `projectExpected`: expected persons, by propagating the distribution over (s, d, staircase class)
 *   of each covariate profile (persons of one profile share one distribution). Spell weeks from 157 on
 *   are pooled (the hazards no longer change). Tracking the exact count k alongside d multiplies the
 *   states by 54 (a group of 50 persons needed 19 million state-weeks over 5 years, 1.6 s), so the
 *   chain keeps k exactly only on the first step (0-4) and as two blocks after it: a covered week
 *   moves a person on from the block 5-26 to 27-52 with probability 1/22 and from 27-52 to 53+ with
 *   1/26 (the exact count needs 22 and 26 weeks). The restart is simplified too: after 52
 *   *consecutive* weeks of self-support (the rule counts 52 within the last 156), so the chain
 *   restarts less often than the rule and puts more persons on the higher steps. Persons and their
 *   moves are exact; only the split of a state's persons over the staircase steps is approximate,
 *   which only moves the municipal share.
 * - `simulate`: microsimulation of individual persons, with the exact staircase of refusion.ts
 *   (StaircaseTracker, restart after 52 weeks of self-support within 156) and Poisson inflow. Its
 *   mean agrees with `projectExpected` within simulation error for persons in every state and week;
 *   municipal costs differ by the staircase simplification above (on the demo model the chain's
 *   municipal net was 0.8-1.5 % higher than the simulated mean).
 *   Replications give intervals.
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
import { DURATION_CAP, durationBandOf, quarterOfWeekNumber } from './covariates.ts';
import type { Inflow } from './data.ts';
import {
  BAND_COUNT,
  type EffectMultipliers,
  type HazardModifier,
  type Hazards,
  type Profile,
} from './hazards.ts';
import { StaircaseTracker } from './staircase-tracker.ts';

/** Staircase steps in the output: 0 = not on the staircase, then the four steps. */
export const STEPS = 5;
/** Staircase classes of the expected-value chain: counts 0-4 exactly, then the blocks 5-26, 27-52, 53+. */
const K_SIZE = 8;
const BLOCK_26 = 5;
const BLOCK_52 = 6;
const BLOCK_53 = 7;
const STEP_OF_CLASS = [0, 1, 1, 1, 1, 2, 3, 4];
/** Self-support weeks in a row after which the expected-value chain restarts the count. */
const RESTART_WEEKS = 52;

function classOfCount(count: number): number {
  return count <= 4 ? Math.max(0, count) : count <= 26 ? BLOCK_26 : count <= 52 ? BLOCK_52 : BLOCK_53;
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

function ageGroupIndex(age: number): number {
  return age < 20 ? 0 : age >= 65 ? 10 : Math.floor(age / 5) - 3;
}

/** Week index from which a person born in `birthYear` is out (the week of 1 January of the year they turn 67). */
export function exitWeekOf(birthYear: number): number {
  return weekIndexOfDay(epochDay(birthYear + 67, 1, 1));
}

/** Probability vectors of one profile, cached by state, band, age group and season. */
class ProfileTable {
  /** By key ((s · bands + band) · 11 + age group) · 4 + quarter − 1: a flat array, looked up every simulated week. */
  private readonly cache: (Float64Array | undefined)[];
  private readonly rates = new Map<number, Float64Array>();
  private readonly effectTo: Uint8Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly hazards: Hazards,
    readonly profile: Profile,
    modifier: HazardModifier | null,
  ) {
    this.effectTo = hazards.destinationMask(modifier?.destinations ?? []);
    this.scratch = new Float64Array(hazards.states.length);
    this.cache = new Array<Float64Array | undefined>(hazards.states.length * BAND_COUNT * 11 * 4);
  }

  /** Next week's probabilities; with an effect the vector is scratch space, valid until the next call. */
  get(s: number, band: number, age: number, quarter: number, effect: EffectMultipliers | null): Float64Array {
    const key = ((s * BAND_COUNT + band) * 11 + age) * 4 + quarter - 1;
    if (!effect) {
      const hit = this.cache[key];
      if (hit) return hit;
    }
    let rates = this.rates.get(key);
    if (!rates) {
      rates = new Float64Array(this.hazards.states.length);
      this.hazards.rates(s, band, age, quarter, this.profile, rates);
      this.rates.set(key, rates);
    }
    const p = effect ? this.scratch : new Float64Array(rates.length);
    p.set(rates);
    this.hazards.probabilities(s, p, effect, this.effectTo);
    if (!effect) this.cache[key] = p;
    return p;
  }
}

interface WeekContext {
  readonly quarter: number;
  readonly isoYear: number;
}

function weekContexts(startWeek: number, horizon: number): WeekContext[] {
  const out: WeekContext[] = [];
  for (let t = 0; t <= horizon; t++) {
    const { year, week } = yearWeekOf(startWeek + t);
    out.push({ quarter: quarterOfWeekNumber(week), isoYear: year });
  }
  return out;
}

function checkSpec(spec: ProjectionSpec): void {
  if (!Number.isInteger(spec.horizon) || spec.horizon < 1 || spec.horizon > 520)
    throw new ProjectionError(`the horizon must be 1-520 weeks, found ${spec.horizon}`);
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
    const ageGroup = ageGroupIndex(ageAtStart);
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
      k: classOfCount(p.staircase.count),
      mass: p.weight ?? 1,
    });
  }
  if (spec.inflow && spec.inflow.weeks > 0)
    for (const cell of spec.inflow.cells) {
      const s = spec.hazards.index.get(cell.state);
      if (s === undefined) continue;
      const mass = cell.persons / spec.inflow.weeks;
      const profile = { sex: cell.sex, origin: cell.origin, priorBand: '0' };
      for (let t = 1; t <= spec.horizon; t++) {
        const birthYear = contexts[t]!.isoYear - cell.age;
        if (exitWeekOf(birthYear) <= spec.startWeek + t) continue;
        groupOf(birthYear, cell.age, profile, false).inflow.push({ t, s, mass });
      }
    }
  return [...groups.values()];
}

/**
 * Expected persons by week, state and staircase step (see the module comment).
 *
 * All profiles move through the same cells (s, d, staircase class), so the chain keeps, for each cell
 * in use, a vector of masses over profiles, and a move is one loop over that vector with the
 * profiles' probabilities: the bookkeeping per cell is paid once, not once per profile.
 */
export function projectExpected(spec: ProjectionSpec): Occupancy {
  checkSpec(spec);
  const { hazards, horizon } = spec;
  const S = hazards.states.length;
  const D = DURATION_CAP;
  const stride = (D + 1) * K_SIZE;
  const size = S * stride;
  const out = new Float64Array((horizon + 1) * S * STEPS);
  const contexts = weekContexts(spec.startWeek, horizon);
  const groups = profileGroups(spec, contexts);
  const P = groups.length;
  if (P === 0) return { states: hazards.states, startWeek: spec.startWeek, horizon, persons: out };
  const { onStaircase, selfSupport } = hazards;
  const bandOf = BAND_OF_WEEK;
  const tables = groups.map(
    (g) => new ProfileTable(hazards, g.profile, g.treated ? (spec.modifier ?? null) : null),
  );
  const treatedProfiles = groups.some((g) => g.treated) && spec.modifier != null;

  /** Cells in use: cell index → slot; a slot holds P masses in `pool`. */
  class Buffer {
    slotOf = new Int32Array(size).fill(-1);
    cells: number[] = [];
    pool = new Float64Array(64 * P);
    slot(cell: number): number {
      let slot = this.slotOf[cell]!;
      if (slot < 0) {
        slot = this.cells.length;
        this.slotOf[cell] = slot;
        this.cells.push(cell);
        if ((slot + 1) * P > this.pool.length) {
          const grown = new Float64Array(this.pool.length * 2);
          grown.set(this.pool);
          this.pool = grown;
        }
      }
      return slot * P;
    }
    clear(): void {
      for (const cell of this.cells) this.slotOf[cell] = -1;
      this.pool.fill(0, 0, this.cells.length * P);
      this.cells = [];
    }
  }
  let cur = new Buffer();
  let next = new Buffer();
  const outCell = hazards.out * stride + K_SIZE;

  // Start week and inflow by week.
  groups.forEach((g, q) =>
    g.initial.forEach((e) => {
      const o = next.slot(e.s * stride + e.d * K_SIZE + e.k) + q;
      next.pool[o] = next.pool[o]! + e.mass;
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
  const record = (t: number, buffer: Buffer) => {
    buffer.cells.forEach((cell, slot) => {
      const st = Math.floor(cell / stride);
      let sum = 0;
      const base = slot * P;
      for (let q = 0; q < P; q++) sum += buffer.pool[base + q]!;
      const o = (t * S + st) * STEPS + (onStaircase[st] ? STEP_OF_CLASS[cell % K_SIZE]! : 0);
      out[o] = out[o]! + sum;
    });
  };
  [cur, next] = [next, cur];
  record(0, cur);

  // Probabilities by (state, band): destination-major vectors over profiles, and the destinations in use.
  let moveCache = new Map<number, { to: Int32Array; p: Float64Array }>();
  let cacheQuarter = -1;
  const movesOf = (st: number, band: number, quarter: number, t: number) => {
    const key = st * BAND_COUNT + band;
    let m = moveCache.get(key);
    if (m) return m;
    const p = new Float64Array(S * P);
    const used = new Uint8Array(S);
    groups.forEach((g, q) => {
      const effect = g.treated && spec.modifier ? spec.modifier.at(t) : null;
      const v = tables[q]!.get(st, band, g.ageGroup, quarter, effect);
      for (let j = 0; j < S; j++)
        if (v[j]! > 0) {
          p[j * P + q] = v[j]!;
          used[j] = 1;
        }
    });
    const to = Int32Array.from([...used.keys()].filter((j) => used[j]));
    m = { to, p };
    moveCache.set(key, m);
    return m;
  };

  for (let t = 1; t <= horizon; t++) {
    const previous = contexts[t - 1]!;
    if (treatedProfiles || previous.quarter !== cacheQuarter) {
      moveCache = new Map();
      cacheQuarter = previous.quarter;
    }
    const leaving = exitsAt.get(t);
    const src = cur.pool;
    for (let slot = 0; slot < cur.cells.length; slot++) {
      const cell = cur.cells[slot]!;
      const base = slot * P;
      const st = Math.floor(cell / stride);
      if (leaving)
        for (const q of leaving) {
          const o = next.slot(outCell) + q;
          next.pool[o] = next.pool[o]! + src[base + q]!;
          src[base + q] = 0;
        }
      if (st === hazards.out) {
        const o = next.slot(outCell);
        for (let q = 0; q < P; q++) next.pool[o + q] = next.pool[o + q]! + src[base + q]!;
        continue;
      }
      const d = Math.floor((cell % stride) / K_SIZE);
      const k = selfSupport[st] && d >= RESTART_WEEKS ? 0 : cell % K_SIZE;
      const { to, p } = movesOf(st, bandOf[d]!, previous.quarter, t);
      for (let n = 0; n < to.length; n++) {
        const j = to[n]!;
        const c = j * stride + (j === st ? (d < D ? d + 1 : D) : 1) * K_SIZE;
        const pj = j * P;
        let first = 1;
        let target = c + k;
        let second = -1;
        if (onStaircase[j] && k !== BLOCK_53) {
          if (k < BLOCK_26) target = c + k + 1;
          else {
            const on = k === BLOCK_26 ? 1 / 22 : 1 / 26;
            first = 1 - on;
            second = c + k + 1;
          }
        }
        const o1 = next.slot(target);
        const pool = next.pool;
        for (let q = 0; q < P; q++) pool[o1 + q] = pool[o1 + q]! + src[base + q]! * p[pj + q]! * first;
        if (second >= 0) {
          const o2 = next.slot(second);
          const pool2 = next.pool;
          for (let q = 0; q < P; q++)
            pool2[o2 + q] = pool2[o2 + q]! + src[base + q]! * p[pj + q]! * (1 - first);
        }
      }
    }
    const arrivals = inflowAt.get(t);
    if (arrivals)
      for (const a of arrivals) {
        const o = next.slot(a.s * stride + K_SIZE + (onStaircase[a.s] ? 1 : 0)) + a.q;
        next.pool[o] = next.pool[o]! + a.mass;
      }
    cur.clear();
    [cur, next] = [next, cur];
    record(t, cur);
  }
  return { states: hazards.states, startWeek: spec.startWeek, horizon, persons: out };
}

export interface SimulationOptions {
  readonly replications: number;
  readonly seed: number;
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
  const tables = new Map<string, ProfileTable>();
  const tableOf = (profile: Profile, treated: boolean) => {
    const key = `${profile.sex}|${profile.origin}|${profile.priorBand}|${treated}`;
    let t = tables.get(key);
    if (!t)
      tables.set(key, (t = new ProfileTable(hazards, profile, treated ? (spec.modifier ?? null) : null)));
    return t;
  };
  const inflowCells = (spec.inflow?.cells ?? [])
    .filter((c) => hazards.index.has(c.state))
    .map((c) => ({ ...c, s: hazards.index.get(c.state)!, mean: c.persons / (spec.inflow?.weeks ?? 1) }));
  const results: Occupancy[] = [];
  const benefits = hazards.states.map((state) => benefitOf(isBenefitCode(state) ? state : 'out'));

  for (let r = 0; r < options.replications; r++) {
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
      table: ProfileTable,
      treated: boolean,
      tracker: StaircaseTracker,
      history: string[] | null,
    ) => {
      let s = s0;
      let d = d0;
      const exitWeek = exitWeekOf(birthYear);
      const ageIndex = ageGroupIndex(contexts[t0]!.isoYear - birthYear);
      count(t0, s, tracker);
      for (let t = t0 + 1; t <= horizon; t++) {
        const week = spec.startWeek + t;
        if (s !== hazards.out) {
          if (week >= exitWeek) s = hazards.out;
          else {
            const previous = contexts[t - 1]!;
            const effect = treated && spec.modifier ? spec.modifier.at(t) : null;
            const p = table.get(s, BAND_OF_WEEK[d]!, ageIndex, previous.quarter, effect);
            let u = rng.uniform();
            let j = 0;
            while (j < S - 1 && u >= p[j]!) u -= p[j++]!;
            if (p[j] === 0) j = s; // rounding at the end of the vector
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
