/**
 * The estimated model turned into weekly transition probabilities for one municipality, the form the
 * projection reads: for a person of a covariate profile in state s, spell-week band b, age group a
 * and season q, the probability p_j of being in state j next week (competing rates, model.ts:
 * p_j = (h_j / H)(1 − e^{−H}), stay e^{−H}). Projections use the labour market of the last year of
 * the data (period 0) and the municipality's shrunk multipliers.
 *
 * Closures (the model's `closedFrom`, benefit-rules.ts): a group closed to new cases takes no one in
 * from its week on, and before it moves into it go on as estimated. The weeks between the closures of
 * the model's destinations are eras (usually one or two); each era has its own causes, with those into
 * the groups closed by its first week left out, and its own probability tables. A projection reads the
 * era of the week a move lands in (`eraOf`), so the step taken in week w is taken under the rules of
 * week w + 1, as the generator's (synthetic/population.ts).
 */

import { BENEFIT_CODES, benefitOf, isBenefitCode, isOnStaircase } from '../benefits.ts';
import { MODEL_AGE_GROUPS, MODEL_DURATION_BANDS } from './covariates.ts';
import { JOB_DESTINATIONS, STRUCTURAL_ZERO, type Factor, type TransitionModel } from './model.ts';

/** Multipliers of the hazards of a treated person in one projection week. */
export interface EffectMultipliers {
  /** Multiplies the hazards from a public-support state to the effect's destinations. */
  readonly toDestinations: number;
  /** Multiplies the hazards from a self-support state (job, education) to public-support states. */
  readonly relapse: number;
}

export interface HazardModifier {
  /** The destinations `toDestinations` applies to (e.g. `job`, `su`). */
  readonly destinations: readonly string[];
  /** Multipliers for the move into projection week t (t = 1 is the first week after the start), or `null` for none. */
  at(t: number): EffectMultipliers | null;
}

export interface HazardOptions {
  /** Municipality whose multipliers apply; `null` for the pooled model. */
  readonly municipality: number | null;
  /** Coefficients to use instead of the estimates (a draw from their sampling distribution), by state and destination. */
  readonly coefficients?: (state: string, destination: string) => readonly number[] | undefined;
  /** Municipality multipliers to use instead of the estimates, by state. */
  readonly multipliers?: (state: string) => { readonly job: number; readonly other: number } | undefined;
}

/** A covariate profile: who a person is, apart from state, duration, age and season. */
export interface Profile {
  readonly sex: string;
  readonly origin: string;
  readonly priorBand: string;
}

interface CompiledCause {
  readonly to: number;
  readonly coefficients: readonly number[];
  readonly cause: TransitionModel['states'][number]['causes'][number];
  readonly multiplier: number;
}

/**
 * A cause's log hazard for one profile, split by what a probability table varies: the intercept and
 * the profile's terms (`base`), and the term of each band, age group and quarter (−∞ for a
 * structural zero, 0 for a reference level), so that a rate is one sum and one exponential. The terms
 * of all of a profile's causes lie in one array (`terms`, from `bandAt`, `ageAt` and `quarterAt`):
 * three small arrays per cause made the collector sweep a hundred thousand buffers in a worker that
 * keeps the tables of every parameter draw.
 */
interface ProfileCause {
  readonly to: number;
  readonly multiplier: number;
  readonly base: number;
  readonly terms: Float64Array;
  readonly bandAt: number;
  readonly ageAt: number;
  readonly quarterAt: number;
}

/** A profile's causes in one era, by state (`null` for a state the model has no exits from). */
export type ProfileCauses = readonly (readonly ProfileCause[] | null)[];

/** The coefficient of `factor` at `level` in a cause: 0 at a reference level, −∞ for a structural zero. */
function termOf(cause: CompiledCause, factor: Factor, level: string): number {
  const i = cause.cause.levels[factor][level];
  if (i === STRUCTURAL_ZERO) return -Infinity;
  return i !== undefined && i >= 0 ? cause.coefficients[i]! : 0;
}

/** Weekly rates h_j into `out` (indexed by state) from a profile's causes out of state `s`. */
function fillRates(
  causes: ProfileCauses,
  s: number,
  band: number,
  ageGroup: number,
  quarter: number,
  out: Float64Array,
  at = 0,
): void {
  out.fill(0, at, at + causes.length);
  const list = causes[s];
  if (!list) return;
  for (const c of list) {
    const t = c.terms;
    out[at + c.to] =
      out[at + c.to]! +
      c.multiplier *
        Math.exp(c.base + t[c.bandAt + band]! + t[c.ageAt + ageGroup]! + t[c.quarterAt + quarter - 1]!);
  }
}

/** States a projection moves people between: every origin and destination of the model, and `out`. */
export class Hazards {
  readonly states: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Per state: a benefit on the refusion staircase (its weeks count). */
  readonly onStaircase: Uint8Array;
  /** Per state: counts as self-support for the staircase's restart. */
  readonly selfSupport: Uint8Array;
  /** Per state: public income support. */
  readonly publicSupport: Uint8Array;
  readonly out: number;
  /** The first week index of each era (era 0 from −∞), ascending. */
  readonly eraStarts: readonly number[];
  /** Per state: the week index from which no one enters it (moves or inflow), +∞ while it is open. */
  readonly closedFrom: Float64Array;
  /** Per era and state: the causes out of the state, without those into groups closed in the era. */
  private readonly causes: (CompiledCause[] | null)[][];
  /** Probability tables already built, by profile, effect destinations and era. */
  private readonly tables = new Map<string, ProbabilityTable>();
  /** Causes compiled for a profile, by profile and era. */
  private readonly compiled = new Map<string, ProfileCauses>();

  constructor(
    readonly model: TransitionModel,
    readonly options: HazardOptions,
  ) {
    // Every state of the catalogue, so that a person in a state the data had no spells to estimate
    // from (førtidspension before 2014, say) stays there rather than being refused.
    const names = new Set<string>(BENEFIT_CODES);
    for (const s of model.states) {
      names.add(s.state);
      for (const c of s.causes) names.add(c.destination);
    }
    names.delete('out');
    this.states = [...[...names].sort(), 'out'];
    this.index = new Map(this.states.map((s, i) => [s, i]));
    this.out = this.states.length - 1;
    const flag = (f: (code: string) => boolean) => Uint8Array.from(this.states, (s) => (f(s) ? 1 : 0));
    this.onStaircase = flag((s) => isBenefitCode(s) && isOnStaircase(benefitOf(s)));
    this.selfSupport = flag((s) => isBenefitCode(s) && benefitOf(s).selfSupport);
    this.publicSupport = flag((s) => isBenefitCode(s) && benefitOf(s).publicSupport);
    this.closedFrom = Float64Array.from(this.states, (st) => model.closedFrom?.[st] ?? Infinity);
    const all = this.states.map((): CompiledCause[] | null => null);
    for (const s of model.states) {
      const municipal = s.municipalities.find((m) => m.municipality === options.municipality);
      const drawn = options.multipliers?.(s.state);
      const job = drawn?.job ?? municipal?.job ?? 1;
      const other = drawn?.other ?? municipal?.other ?? 1;
      all[this.index.get(s.state)!] = s.causes.map((cause) => ({
        to: this.index.get(cause.destination)!,
        coefficients: options.coefficients?.(s.state, cause.destination) ?? cause.coefficients,
        cause,
        multiplier: JOB_DESTINATIONS.includes(cause.destination) ? job : other,
      }));
    }
    // An era begins at each closure of a destination the model has moves into; a closure of a group
    // no one moves into changes nothing and begins none.
    const closures = new Set<number>();
    for (const causes of all)
      for (const c of causes ?? [])
        if (Number.isFinite(this.closedFrom[c.to]!)) closures.add(this.closedFrom[c.to]!);
    this.eraStarts = [-Infinity, ...[...closures].sort((a, b) => a - b)];
    // A closed group takes no one in: its hazard is left out, so that the persons stay where they are.
    this.causes = this.eraStarts.map((start) =>
      all.map((causes) => causes && causes.filter((c) => !(this.closedFrom[c.to]! <= start))),
    );
  }

  /** The era of week index `week`: the one whose rules a move landing in that week is taken under. */
  eraOf(week: number): number {
    let era = 0;
    while (era + 1 < this.eraStarts.length && this.eraStarts[era + 1]! <= week) era++;
    return era;
  }

  /** The states the model has moves from state `s` to (other than `s`) in era `era`, in index order. */
  destinations(s: number, era: number): number[] {
    const to = new Set((this.causes[era]![s] ?? []).map((c) => c.to));
    to.delete(s);
    return [...to].sort((a, b) => a - b);
  }

  /** Index of a state, or an error naming the states the model knows. */
  stateIndex(state: string): number {
    const i = this.index.get(state);
    if (i === undefined)
      throw new RangeError(`the model has no state "${state}"; it knows ${this.states.join(', ')}`);
    return i;
  }

  /**
   * Weekly rates h_j (into `out`, indexed by state) of a person of `profile` in state `s`, spell-week
   * band `band`, age group `ageGroup` and season `quarter`, in era `era`; a state the model has no
   * exits from has none.
   */
  rates(
    s: number,
    band: number,
    ageGroup: number,
    quarter: number,
    profile: Profile,
    out: Float64Array,
    era: number,
  ): void {
    fillRates(this.profileCauses(profile, era), s, band, ageGroup, quarter, out);
  }

  /** The causes of every state compiled for `profile` in era `era` (ProfileCause), made once. */
  profileCauses(profile: Profile, era: number): ProfileCauses {
    const key = `${profile.sex}|${profile.origin}|${profile.priorBand}|${era}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const byState = this.causes[era]!;
      const width = BAND_COUNT + MODEL_AGE_GROUPS.length + 4;
      const terms = new Float64Array(byState.reduce((n, causes) => n + (causes?.length ?? 0) * width, 0));
      let next = 0;
      compiled = byState.map(
        (causes) =>
          causes &&
          causes.map((c) => {
            const bandAt = next;
            const ageAt = bandAt + BAND_COUNT;
            const quarterAt = ageAt + MODEL_AGE_GROUPS.length;
            next += width;
            for (let b = 0; b < BAND_COUNT; b++) terms[bandAt + b] = termOf(c, 'band', String(b));
            MODEL_AGE_GROUPS.forEach((a, i) => (terms[ageAt + i] = termOf(c, 'ageGroup', a)));
            for (let q = 0; q < 4; q++) terms[quarterAt + q] = termOf(c, 'quarter', String(q + 1));
            return {
              to: c.to,
              multiplier: c.multiplier,
              base:
                c.coefficients[0]! +
                termOf(c, 'sex', profile.sex) +
                termOf(c, 'origin', profile.origin) +
                termOf(c, 'priorBand', profile.priorBand) +
                termOf(c, 'period', '0'),
              terms,
              bandAt,
              ageAt,
              quarterAt,
            };
          }),
      );
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  /**
   * Turn rates into next week's probabilities in place (the stay probability goes to index `s`),
   * after applying an effect's multipliers if given; the vector starts at `at` in `rates`.
   */
  probabilities(
    s: number,
    rates: Float64Array,
    at: number,
    effect: EffectMultipliers | null,
    effectTo: Uint8Array,
  ): void {
    const n = this.states.length;
    if (effect) {
      if (this.publicSupport[s]) {
        for (let j = 0; j < n; j++) if (effectTo[j]) rates[at + j]! *= effect.toDestinations;
      } else if (this.selfSupport[s]) {
        for (let j = 0; j < n; j++) if (this.publicSupport[j]) rates[at + j]! *= effect.relapse;
      }
    }
    let total = 0;
    for (let j = 0; j < n; j++) total += rates[at + j]!;
    if (total <= 0) {
      rates.fill(0, at, at + n);
      rates[at + s] = 1;
      return;
    }
    const leave = -Math.expm1(-total);
    for (let j = 0; j < n; j++) rates[at + j] = (rates[at + j]! / total) * leave;
    rates[at + s] = 1 - leave;
  }

  /**
   * The probability table of a profile in era `era`, built once per Hazards and shared by every
   * projection that uses it; `destinations` are those an effect's `toDestinations` multiplier applies to.
   */
  table(profile: Profile, destinations: readonly string[], era: number): ProbabilityTable {
    const key = `${profile.sex}|${profile.origin}|${profile.priorBand}|${destinations.join(',')}|${era}`;
    let table = this.tables.get(key);
    if (!table) this.tables.set(key, (table = new ProbabilityTable(this, profile, destinations, era)));
    return table;
  }

  /** Mask of the states an effect's destinations name. */
  destinationMask(destinations: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.states.length);
    for (const d of destinations) mask[this.stateIndex(d)] = 1;
    return mask;
  }
}

/** Number of duration bands, for sizing tables. */
export const BAND_COUNT = MODEL_DURATION_BANDS.length;

/** Age groups of the tables. */
const AGE_GROUPS = MODEL_AGE_GROUPS.length;

/** Rows of one state: its bands, age groups and seasons. */
const ROWS_PER_STATE = BAND_COUNT * AGE_GROUPS * 4;

/** The row of band, age group and season (1-4) within a state's rows. */
function rowOf(band: number, age: number, quarter: number): number {
  return (band * AGE_GROUPS + age) * 4 + quarter - 1;
}

/**
 * Vectors of one length kept by state and row, one after another in one array that grows: a
 * simulation of a few persons meets a few hundred rows of a table, and an array for each was more
 * work for the collector than filling it (`values` may be replaced as it grows; read it after
 * `offset` or `add`).
 */
class Vectors {
  values: Float64Array;
  private used = 0;
  /** Per state, where each row's vector starts (−1: none yet), made when the state is first met. */
  private readonly starts: (Int32Array | undefined)[];

  constructor(
    states: number,
    private readonly length: number,
  ) {
    this.starts = new Array<Int32Array | undefined>(states);
    this.values = new Float64Array(64 * length);
  }

  /** Where the vector of state s's row starts, −1 if there is none yet. */
  offset(s: number, row: number): number {
    return this.starts[s]?.[row] ?? -1;
  }

  /** Room for the vector of state s's row, zeroed; its offset. */
  add(s: number, row: number): number {
    if (this.used + this.length > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const at = this.used;
    this.used += this.length;
    (this.starts[s] ??= new Int32Array(ROWS_PER_STATE).fill(-1))[row] = at;
    return at;
  }
}

/**
 * Next week's probabilities for one profile and era, by state, band, age group and season, looked up
 * every projected week and filled on first use. Under an effect they are kept the same way for the
 * last EFFECTS_KEPT effects the table met (an effect that stays the same from week to week, the usual
 * one, or a lock-in and then one; and the last few effects tried in the calculator). A caller whose
 * effect changes every week (one that fades) hands `at` scratch space instead: a table per week would
 * not pay for its memory.
 *
 * `at` answers where the vector starts in `values`, the array of the last `at`: read as
 * `const o = table.at(…); const p = table.values;`, p[o + j] the probability of state j.
 */
export const EFFECTS_KEPT = 4;

export class ProbabilityTable {
  /** The array the last `at` answered in. */
  values: Float64Array = new Float64Array(0);
  private readonly plain: Vectors;
  private readonly rates: Vectors;
  private readonly effectTo: Uint8Array;
  private readonly causes: ProfileCauses;
  /** Probabilities kept under effects, by the effect's multipliers, the most recently used last. */
  private readonly underEffects = new Map<string, Vectors>();
  private last: { toDestinations: number; relapse: number; kept: Vectors } | null = null;

  constructor(
    private readonly hazards: Hazards,
    readonly profile: Profile,
    destinations: readonly string[],
    readonly era: number,
  ) {
    this.effectTo = hazards.destinationMask(destinations);
    this.causes = hazards.profileCauses(profile, era);
    this.plain = new Vectors(hazards.states.length, hazards.states.length);
    this.rates = new Vectors(hazards.states.length, hazards.states.length);
  }

  /**
   * Where the probabilities of next week's states for state s, band, age group and season (1-4)
   * start in `values`, without an effect or under `effect`. With `scratch`, those under an effect
   * are worked out into it and not kept (`values` is then `scratch`, from 0): for a caller that keeps
   * them itself (the expected-value chain, once per projection) or whose effect changes every week.
   */
  at(
    s: number,
    band: number,
    age: number,
    quarter: number,
    effect: EffectMultipliers | null,
    scratch?: Float64Array,
  ): number {
    if (effect && scratch) {
      this.fillRates(s, band, age, quarter, scratch, 0);
      this.hazards.probabilities(s, scratch, 0, effect, this.effectTo);
      this.values = scratch;
      return 0;
    }
    const kept = effect ? this.keptUnder(effect) : this.plain;
    const row = rowOf(band, age, quarter);
    let o = kept.offset(s, row);
    if (o < 0) {
      o = kept.add(s, row);
      this.fillRates(s, band, age, quarter, kept.values, o);
      this.hazards.probabilities(s, kept.values, o, effect, this.effectTo);
    }
    this.values = kept.values;
    return o;
  }

  /** The probabilities without an effect or under `effect`, copied out (for a caller off the hot path). */
  get(
    s: number,
    band: number,
    age: number,
    quarter: number,
    effect: EffectMultipliers | null = null,
  ): Float64Array {
    const o = this.at(s, band, age, quarter, effect);
    return this.values.slice(o, o + this.hazards.states.length);
  }

  /** Where the probabilities under `effect` are kept; a new effect takes the place of the least recently used. */
  private keptUnder(effect: EffectMultipliers): Vectors {
    const last = this.last;
    if (last && last.toDestinations === effect.toDestinations && last.relapse === effect.relapse)
      return last.kept;
    const name = `${effect.toDestinations}|${effect.relapse}`;
    let kept = this.underEffects.get(name);
    if (kept) this.underEffects.delete(name);
    else {
      kept = new Vectors(this.hazards.states.length, this.hazards.states.length);
      if (this.underEffects.size >= EFFECTS_KEPT)
        this.underEffects.delete(this.underEffects.keys().next().value!);
    }
    this.underEffects.set(name, kept);
    this.last = { toDestinations: effect.toDestinations, relapse: effect.relapse, kept };
    return kept;
  }

  /** The weekly rates of state s's row, kept, copied into `into` from `at`. */
  private fillRates(
    s: number,
    band: number,
    age: number,
    quarter: number,
    into: Float64Array,
    at: number,
  ): void {
    const row = rowOf(band, age, quarter);
    let o = this.rates.offset(s, row);
    if (o < 0) {
      o = this.rates.add(s, row);
      fillRates(this.causes, s, band, age, quarter, this.rates.values, o);
    }
    const rates = this.rates.values;
    for (let j = 0; j < this.hazards.states.length; j++) into[at + j] = rates[o + j]!;
  }
}
