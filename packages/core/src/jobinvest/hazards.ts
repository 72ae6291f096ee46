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
import { causeLinearPredictor, JOB_DESTINATIONS, type Factor, type TransitionModel } from './model.ts';

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
  /** Log hazard without the band, age and quarter terms, per profile (filled lazily). */
  readonly coefficients: readonly number[];
  readonly cause: TransitionModel['states'][number]['causes'][number];
  readonly multiplier: number;
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
    out.fill(0);
    const causes = this.causes[era]![s];
    if (!causes) return;
    const values: Record<Factor, string> = {
      band: String(band),
      ageGroup: MODEL_AGE_GROUPS[ageGroup]!,
      sex: profile.sex,
      origin: profile.origin,
      priorBand: profile.priorBand,
      quarter: String(quarter),
      period: '0',
    };
    for (const c of causes)
      out[c.to] = out[c.to]! + c.multiplier * Math.exp(causeLinearPredictor(c.cause, values, c.coefficients));
  }

  /**
   * Turn rates into next week's probabilities in place (the stay probability goes to index `s`),
   * after applying an effect's multipliers if given.
   */
  probabilities(
    s: number,
    rates: Float64Array,
    effect: EffectMultipliers | null,
    effectTo: Uint8Array,
  ): void {
    if (effect) {
      if (this.publicSupport[s]) {
        for (let j = 0; j < rates.length; j++) if (effectTo[j]) rates[j]! *= effect.toDestinations;
      } else if (this.selfSupport[s]) {
        for (let j = 0; j < rates.length; j++) if (this.publicSupport[j]) rates[j]! *= effect.relapse;
      }
    }
    let total = 0;
    for (let j = 0; j < rates.length; j++) total += rates[j]!;
    if (total <= 0) {
      rates.fill(0);
      rates[s] = 1;
      return;
    }
    const leave = -Math.expm1(-total);
    for (let j = 0; j < rates.length; j++) rates[j] = (rates[j]! / total) * leave;
    rates[s] = 1 - leave;
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

/**
 * Next week's probabilities for one profile and era, by state, band, age group and season: a flat array
 * looked up every projected week, filled on first use. Under an effect (`fill`) they are kept the
 * same way for the first EFFECTS_KEPT effects a table meets (an effect that stays the same from week
 * to week, the usual one, or a lock-in and then one), and worked out each time into the caller's
 * space for any more: an effect that fades changes every week, and a table per week would not pay for
 * its memory.
 */
const EFFECTS_KEPT = 4;

export class ProbabilityTable {
  private readonly plain: (Float64Array | undefined)[];
  private readonly rates: (Float64Array | undefined)[];
  private readonly effectTo: Uint8Array;
  /** Probabilities kept under effects, by the effect's multipliers; the last one used at hand. */
  private readonly underEffects = new Map<string, (Float64Array | undefined)[]>();
  private last: { toDestinations: number; relapse: number; kept: (Float64Array | undefined)[] } | null = null;

  constructor(
    private readonly hazards: Hazards,
    readonly profile: Profile,
    destinations: readonly string[],
    readonly era: number,
  ) {
    this.effectTo = hazards.destinationMask(destinations);
    const size = hazards.states.length * BAND_COUNT * AGE_GROUPS * 4;
    this.plain = new Array<Float64Array | undefined>(size);
    this.rates = new Array<Float64Array | undefined>(size);
  }

  /** Probabilities of next week's states for state s, band, age group and season (1-4), without an effect. */
  get(s: number, band: number, age: number, quarter: number): Float64Array {
    const key = ((s * BAND_COUNT + band) * AGE_GROUPS + age) * 4 + quarter - 1;
    return (this.plain[key] ??= this.work(
      s,
      band,
      age,
      quarter,
      null,
      new Float64Array(this.hazards.states.length),
    ));
  }

  /**
   * The probabilities under `effect` (or none): kept by the table for its first EFFECTS_KEPT
   * effects, else worked out into `into`. The array answered is only to be read.
   */
  fill(
    s: number,
    band: number,
    age: number,
    quarter: number,
    effect: EffectMultipliers | null,
    into: Float64Array,
  ): Float64Array {
    const kept = effect ? this.keptUnder(effect) : null;
    if (!kept) return this.work(s, band, age, quarter, effect, into);
    const key = ((s * BAND_COUNT + band) * AGE_GROUPS + age) * 4 + quarter - 1;
    return (kept[key] ??= this.work(
      s,
      band,
      age,
      quarter,
      effect,
      new Float64Array(this.hazards.states.length),
    ));
  }

  /** Where the probabilities under `effect` are kept, or `null` once EFFECTS_KEPT others are. */
  private keptUnder(effect: EffectMultipliers): (Float64Array | undefined)[] | null {
    const last = this.last;
    if (last && last.toDestinations === effect.toDestinations && last.relapse === effect.relapse)
      return last.kept;
    const name = `${effect.toDestinations}|${effect.relapse}`;
    let kept = this.underEffects.get(name);
    if (!kept) {
      if (this.underEffects.size >= EFFECTS_KEPT) return null;
      kept = new Array<Float64Array | undefined>(this.plain.length);
      this.underEffects.set(name, kept);
    }
    this.last = { toDestinations: effect.toDestinations, relapse: effect.relapse, kept };
    return kept;
  }

  /** The probabilities under `effect` (or none), worked out into `into`. */
  private work(
    s: number,
    band: number,
    age: number,
    quarter: number,
    effect: EffectMultipliers | null,
    into: Float64Array,
  ): Float64Array {
    const key = ((s * BAND_COUNT + band) * AGE_GROUPS + age) * 4 + quarter - 1;
    let rates = this.rates[key];
    if (!rates) {
      rates = new Float64Array(this.hazards.states.length);
      this.hazards.rates(s, band, age, quarter, this.profile, rates, this.era);
      this.rates[key] = rates;
    }
    into.set(rates);
    this.hazards.probabilities(s, into, effect, this.effectTo);
    return into;
  }
}
