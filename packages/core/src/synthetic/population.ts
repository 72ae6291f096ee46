/**
 * The synthetic population engine: persons drawn and simulated one at a time, week by week, under a
 * `SyntheticModel`, so a writer can stream a million of them without holding more than one.
 *
 * Time runs from the start of the burn-in (`model.initial.burnInWeeks` before the first ISO week of
 * `fromYear`) to the window's last week: `toWeek` (`YYYYWW`, any week, e.g. the week of yesterday,
 * which the caller passes: core reads no clock) or the last ISO week of `toYear`. Only the window from
 * `fromYear` is reported. A person's week is one call of `advanceWeek` on their `PersonState`
 * (caseworker, contacts, interventions, hazards and rules); only the age rules (entry at 16, leaving
 * at 67) and the initial draw live outside it, in `simulatePerson`.
 *
 * The benefit rules (benefit-rules.ts, `model.reforms.rules`) act by calendar week without touching
 * the model's states or hazards, which are the persons' situations:
 * - a merge changes the code written: from its first week a person in a merged state is written
 *   with the code of the state's successor (`groupInWeek`), in the same spell with the same duration
 *   and hazards, so no merged group's code appears after its last week (the kontanthjælp of 2025-W27:
 *   jobparat and aktivitetsparat → forhøjet sats 135, uddannelseshjælp → grundsats 136,
 *   selvforsørgelsesydelse → mindstesats 137);
 * - a closure to new cases (`closedToNewIn`) makes its states destinations no one is eligible for
 *   from its first week: no hazard into them, a forced move into one falls back to job, and no
 *   initial draw; persons on them run out (ressourceforløb and revalidering from 2026-W06).
 * The calendar is cut into segments at the rules' first weeks; each segment has its compiled hazard
 * tables (with the closed destinations removed) and its code table, found by the week in O(1).
 *
 * Progression (model synthetic-3): in the states of `model.progression.states` a person's readiness
 * moves weekly, they are measured about every 13 weeks, and their exits to job depend on the latest
 * measurement's caseworker scores, a recent change of caseworker and the caseworker's job orientation
 * (`progressionWeek`). Its draws come from a stream of their own (STREAM.progression per person,
 * STREAM.caseworkerOrientation per caseworker), so persons never in those states are simulated
 * exactly as before.
 *
 * Everything random comes from the person's own stream (`streamRng(seed, person, index)`), so person
 * i's history depends only on the seed, the options and i; a rule changes which draws decide what,
 * never the order of the stream before its first week.
 */

import { BENEFIT_CODES, type BenefitCode } from '../benefits.ts';
import { closedToNewIn, groupInWeek } from '../benefit-rules.ts';
import { DEFAULT_DREAM_CODES } from '../dream-codes.ts';
import { fromYyyyww, toYyyyww, weekIndexOf, weeksInIsoYear, yearWeekOf } from '../weeks.ts';
import { civilOf, epochDay, firstWeekOnOrAfter, mondayOfWeek } from '../weeks.ts';
import {
  AGE_GROUPS,
  DEFAULT_MODEL,
  DESTINATION_CLASSES,
  DURATION_BANDS,
  INTERVENTION_TYPES,
  ORIGINS,
  SEXES,
  SIM_STATES,
  type Destination,
  type InterventionType,
  type Origin,
  type Sex,
  type SimState,
  type SyntheticModel,
} from './model.ts';
import { allocatePersons, selectMunicipalities, MUNICIPALITIES } from './municipalities.ts';
import { CITIZEN_INDICATORS, INDICATORS, SEARCH_CHANNELS } from '../progression/indicators.ts';
import { PnrIssuer } from './pnr.ts';
import { Rng, STREAM, streamRng } from './random.ts';

/** Where the window ends: the last week `YYYYWW`, or a last year meaning its last ISO week. */
export type PopulationEnd =
  | {
      /** Last ISO week of the window as `YYYYWW` (e.g. 202648). */
      readonly toWeek: number;
      readonly toYear?: undefined;
    }
  | {
      /** Last year of the window, which then ends in the year's last ISO week. */
      readonly toYear: number;
      readonly toWeek?: undefined;
    };

export type PopulationOptions = {
  readonly persons: number;
  readonly municipalities: number;
  readonly fromYear: number;
  readonly seed: number;
  readonly model?: SyntheticModel;
} & PopulationEnd;

/** The options as simulated: the window's end always as its last week `YYYYWW`. */
export interface ResolvedPopulationOptions {
  readonly persons: number;
  readonly municipalities: number;
  readonly fromYear: number;
  readonly toWeek: number;
  readonly seed: number;
}

/** Limits of the options, shared with the command line. */
export const POPULATION_LIMITS = {
  persons: { min: 1, max: 10_000_000 },
  municipalities: { min: 1, max: MUNICIPALITIES.length },
  // DREAM columns cover 1990-2089; the person numbers cover births to 2057 (= 2073 - 16).
  year: { min: 1990, max: 2073 },
  seed: { min: 0, max: 4_294_967_295 },
} as const;

export class SyntheticOptionsError extends Error {
  override readonly name = 'SyntheticOptionsError';
}

export interface InterventionRecord {
  readonly type: InterventionType;
  /** Week indices (see `weeks.ts`), first and last week of participation. */
  readonly startWeek: number;
  readonly endWeek: number;
  readonly costKr: number;
}

export interface CaseworkerRecord {
  readonly caseworker: string;
  readonly department: string;
  readonly fromWeek: number;
  /** `null` while the assignment runs at the end of the window. */
  readonly toWeek: number | null;
}

export interface ContactRecord {
  /** Days since 1970-01-01, a weekday. */
  readonly day: number;
  readonly kind: 'samtale' | 'udeblivelse';
  readonly caseworker: string;
}

/**
 * One progression measurement (model synthetic-3): the citizen's and the caseworker's answers on a
 * day. Scores are 1-5, channels 0/1, `null` where the item was left unanswered.
 */
export interface MeasurementRecord {
  /** Days since 1970-01-01, a weekday. */
  readonly day: number;
  /** Week index (see `weeks.ts`). */
  readonly week: number;
  /** The state the person was measured in. */
  readonly state: Destination;
  /** The caseworker who measured (register id). */
  readonly caseworker: string;
  /** One per `CITIZEN_INDICATORS`, in that order. */
  readonly citizenScores: readonly (number | null)[];
  /** One per `CASEWORKER_INDICATORS` (= `INDICATORS`), in that order. */
  readonly caseworkerScores: readonly (number | null)[];
  /** One per `SEARCH_CHANNELS`, in that order: 1 used, 0 not. */
  readonly channels: readonly (number | null)[];
}

export interface SyntheticPerson {
  readonly index: number;
  readonly pnr: string;
  /** Days since 1970-01-01. */
  readonly birthDay: number;
  readonly birthYear: number;
  readonly sex: Sex;
  readonly origin: Origin;
  readonly municipality: number;
  /** One entry per window week: an index into `SyntheticPopulation.codeTable` (0 = empty cell). */
  readonly weekCodes: Uint8Array;
  /** Every intervention, including those of the burn-in (their after-effects act in the window). */
  readonly interventions: readonly InterventionRecord[];
  /** Assignments that overlap the window. */
  readonly caseworkers: readonly CaseworkerRecord[];
  /** Contacts in the window. */
  readonly contacts: readonly ContactRecord[];
  /** Progression measurements in the window (in the states of `model.progression.states`). */
  readonly measurements: readonly MeasurementRecord[];
}

export interface SelectedMunicipality {
  readonly code: number;
  readonly name: string;
  readonly population: number;
  readonly persons: number;
  /** u_m, the municipality's log effect on exits to job. */
  readonly logEffect: number;
}

export interface StateFigures {
  readonly state: Destination;
  readonly targetStockShare: number | null;
  /** Share of the population 16-66 in the state in the last week of the window. */
  readonly stockShareLastWeek: number;
  /** Person-weeks in the state over person-weeks in the population, whole window. */
  readonly stockShareWindowAverage: number;
  readonly targetMedianWeeks: number | null;
  /** Spells that started inside the window (not left-truncated). */
  readonly spellsStarted: number;
  /** Of those, the spells that ended inside the window other than by reaching 67. */
  readonly spellsCompleted: number;
  readonly medianCompletedWeeks: number | null;
  /** Kaplan-Meier median of the spells started in the window, censored at its end or at 67. */
  readonly kaplanMeierMedianWeeks: number | null;
}

/**
 * One benefit group in one period, as the written DREAM cells show it: the periods are the window's
 * calendar years, cut where a benefit rule takes effect (2025-W27, 2026-W06).
 */
export interface GroupPeriodFigures {
  /** First and last week of the period, `YYYYWW`. */
  readonly fromWeek: number;
  readonly toWeek: number;
  readonly weeks: number;
  /** The group of the written code (the code map's), 'job' for the empty cell of a person aged 16-66. */
  readonly group: BenefitCode;
  readonly stockFirstWeek: number;
  readonly stockLastWeek: number;
  /** Person-weeks in the group over the period; / weeks is the mean weekly stock. */
  readonly personWeeks: number;
  /**
   * Spells of the group that started in the period as the data show them: a move between two states
   * written with the same group's code, and a merged group's persons continuing on its successor,
   * start none.
   */
  readonly entries: number;
}

export interface SyntheticSummary {
  readonly persons: number;
  readonly municipalities: readonly { code: number; name: string; persons: number }[];
  /** YYYYWW */
  readonly firstWeek: number;
  readonly lastWeek: number;
  readonly weeks: number;
  readonly burnInWeeks: number;
  /** Person-weeks in the population that were simulated, burn-in included. */
  readonly personWeeksSimulated: number;
  /** DREAM cells written: persons × window weeks. */
  readonly personWeeksInWindow: number;
  readonly populationLastWeek: number;
  /** The model's states (the persons' situations, whatever code a rule writes for them). */
  readonly states: readonly StateFigures[];
  /** Every group written in the window, in every period (zeros included). */
  readonly groups: readonly GroupPeriodFigures[];
  readonly interventions: {
    readonly startedInWindow: number;
    readonly byType: Readonly<Record<InterventionType, number>>;
    readonly costKrInWindow: number;
  };
  readonly caseworkerAssignments: number;
  readonly contacts: number;
  /** Progression measurements in the window (model synthetic-3; rows in measurements.csv ÷ 27). */
  readonly measurements: number;
}

export interface MunicipalityYear {
  readonly code: number;
  readonly name: string;
  readonly year: number;
  readonly population16to66: number;
  readonly labourForce16to66: number;
}

const NS = SIM_STATES.length; // 16
const ND = NS - 1; // destinations: every state but 'out'
const JOB = SIM_STATES.indexOf('job');
const OUT = SIM_STATES.indexOf('out');
const PRE = -1; // not yet 16
const NAG = AGE_GROUPS.length;
const NB = DURATION_BANDS.length;
const NO = ORIGINS.length;
const NSO = SEXES.length * ORIGINS.length;
const CLASS_JOB = DESTINATION_CLASSES.indexOf('job');
const CLASS_UNEMPLOYMENT = DESTINATION_CLASSES.indexOf('unemployment');
const OUT_EMIGRATION = 0;
const OUT_DEATH = 1;
const OUT_AGE = 2;
const LN2 = Math.LN2;

const stateIndex = (s: SimState): number => SIM_STATES.indexOf(s);

/**
 * Everything the weekly step reads and changes for one person. The progression part (synthetic-3:
 * readiness, the spell's measurements, the latest scores' factor, the last caseworker change) has its
 * fields here and its rules in `progressionWeek`, drawing from `progressionRng` only.
 */
export class PersonState {
  /** State index into `SIM_STATES`, or -1 before entry at 16. */
  state = PRE;
  /** Week of the current spell, 1 in its first week. */
  duration = 0;
  spellStart = 0;
  /** The job spell followed another state, so the relapse multipliers apply. */
  jobAfterBenefit = false;
  ageGroup = 0;
  /** DREAM code index of the current spell. */
  codeId = 0;
  /** Running intervention type (index into `INTERVENTION_TYPES`) or -1. */
  intervention = -1;
  interventionStart = 0;
  interventionPlannedEnd = 0;
  /** The most recent ended intervention, whose after-effect acts, or -1. */
  lastIntervention = -1;
  lastInterventionEnd = 0;
  /** Caseworker (index into the municipality's id list) and department index, or -1. */
  caseworker = -1;
  department = -1;
  caseworkerFrom = 0;
  readonly interventions: InterventionRecord[] = [];
  readonly caseworkers: CaseworkerRecord[] = [];
  readonly contacts: ContactRecord[] = [];
  /** Week of the latest change of caseworker within a department. */
  lastCaseworkerChange = -1e9;
  /** Latent readiness (model.progression.readiness); NaN until the first week in a measured state. */
  readiness = Number.NaN;
  /** Spell start of the spell whose measurements are scheduled, or NaN. */
  progressionSpell = Number.NaN;
  nextMeasurement = 0;
  /** exp(Σ β_k (score_k − 3)) of the latest measurement of the spell; 1 before its first. */
  scoreFactor = 1;
  readonly measurements: MeasurementRecord[] = [];
  /** The person's progression stream (STREAM.progression), apart from `rng` so other draws stay put. */
  progressionRng: Rng | null = null;

  constructor(
    readonly rng: Rng,
    readonly municipality: number,
    readonly sex: number,
    readonly origin: number,
    /** Week from which each age group applies (index NAG: the week of leaving at 67). */
    readonly ageGroupStart: Int32Array,
  ) {}
}

interface Compiled {
  dest: Int32Array[];
  destClass: Int32Array[];
  /** base[s][band * nd + k] */
  base: Float64Array[];
  /** ((sex * NO + origin) * NAG + ageGroup) * ND + destination */
  destMultiplier: Float64Array;
  /**
   * Sum of base × covariate multiplier over a state's destinations of class job, unemployment and
   * the rest, at [(((state * NB + band) * NSO + sex * NO + origin) * NAG + ageGroup) * 3 + k]: the
   * week's total hazard is three products away, and single hazards are needed only in the weeks a
   * person leaves.
   */
  classSums: Float64Array;
  /** (origin * NAG + ageGroup) * ND + destination: 1 if eligible */
  eligible: Uint8Array;
  /** (state * NAG + ageGroup) * NO + origin */
  deathHazard: Float64Array;
  emigrationHazard: Float64Array;
  relapse: Float64Array;
  bandOf: Uint8Array;
  forcedAt: Int32Array;
  forcedStay: Float64Array;
  forcedTo: number[][];
  forcedProbabilities: number[][];
  startProbability: Float64Array;
  startMinWeek: Int32Array;
  typeProbabilities: number[][];
  typeMinWeeks: Int32Array;
  typeMaxWeeks: Int32Array;
  typeCost: Float64Array;
  typeLockIn: Float64Array;
  typeLogEffect: Float64Array;
  typeHalfLife: Float64Array;
  departmentOf: Int32Array;
  contactProbability: Float64Array;
  noShow: Float64Array;
  initialStates: number[][];
  initialProbabilities: number[][];
  maxElapsed: Int32Array;
}

/**
 * The model's tables for the weeks in which the states `closed` take no new persons: a closed state
 * is a destination no one is eligible for (no hazard into it, a forced move into it falls back to
 * job) and is never drawn as an initial state.
 */
function compile(model: SyntheticModel, closed: ReadonlySet<number>): Compiled {
  const ageIndex = new Map(model.ageGroups.map((g, i) => [g.label, i]));
  const dest: number[][] = Array.from({ length: ND }, () => []);
  const baseRows: number[][][] = Array.from({ length: ND }, () => []);
  for (const tr of model.transitions) {
    const s = stateIndex(tr.from);
    const j = stateIndex(tr.to);
    if (s === j) throw new Error(`transition from ${tr.from} to itself`);
    if (dest[s]!.includes(j)) throw new Error(`transition ${tr.from} -> ${tr.to} is given twice`);
    if (tr.hazard.length !== NB) throw new Error(`transition ${tr.from} -> ${tr.to} needs ${NB} hazards`);
    dest[s]!.push(j);
    baseRows[s]!.push([...tr.hazard]);
  }
  const base = dest.map((list, s) => {
    const out = new Float64Array(NB * list.length);
    for (let b = 0; b < NB; b++)
      for (let k = 0; k < list.length; k++) out[b * list.length + k] = baseRows[s]![k]![b]!;
    return out;
  });
  const classOf = (j: number) =>
    DESTINATION_CLASSES.indexOf(model.destinationClass[SIM_STATES[j] as Destination]);
  const destClass = dest.map((list) => Int32Array.from(list, classOf));

  const eligible = new Uint8Array(NO * NAG * ND);
  for (let j = 0; j < ND; j++) {
    const e = model.eligibility[SIM_STATES[j] as Destination];
    for (const label of e.ageGroups) {
      const g = ageIndex.get(label);
      if (g === undefined) throw new Error(`unknown age group "${label}"`);
      for (const origin of e.origins)
        eligible[(ORIGINS.indexOf(origin) * NAG + g) * ND + j] = closed.has(j) ? 0 : 1;
    }
  }
  const destMultiplier = new Float64Array(SEXES.length * NO * NAG * ND);
  for (let sex = 0; sex < SEXES.length; sex++)
    for (let o = 0; o < NO; o++)
      for (let g = 0; g < NAG; g++)
        for (let j = 0; j < ND; j++) {
          const c = model.covariates[DESTINATION_CLASSES[classOf(j)]!];
          const log = c.ageGroup[g]! + c.sex[SEXES[sex]!] + c.origin[ORIGINS[o]!];
          destMultiplier[((sex * NO + o) * NAG + g) * ND + j] =
            eligible[(o * NAG + g) * ND + j]! * Math.exp(log);
        }

  const classSums = new Float64Array(ND * NB * NSO * NAG * 3);
  for (let s = 0; s < ND; s++)
    for (let b = 0; b < NB; b++)
      for (let so = 0; so < NSO; so++)
        for (let g = 0; g < NAG; g++) {
          const at = (((s * NB + b) * NSO + so) * NAG + g) * 3;
          const n = dest[s]!.length;
          for (let k = 0; k < n; k++) {
            const cls = destClass[s]![k]!;
            const slot = cls === CLASS_JOB ? 0 : cls === CLASS_UNEMPLOYMENT ? 1 : 2;
            classSums[at + slot]! +=
              base[s]![b * n + k]! * destMultiplier[(so * NAG + g) * ND + dest[s]![k]!]!;
          }
        }

  const deathHazard = new Float64Array(ND * NAG * NO);
  const emigrationHazard = new Float64Array(ND * NAG * NO);
  for (let s = 0; s < ND; s++)
    for (let g = 0; g < NAG; g++)
      for (let o = 0; o < NO; o++) {
        const stateLog = model.mortality.stateLogHazardRatio[SIM_STATES[s] as Destination] ?? 0;
        deathHazard[(s * NAG + g) * NO + o] = model.mortality.weeklyHazardByAgeGroup[g]! * Math.exp(stateLog);
        emigrationHazard[(s * NAG + g) * NO + o] =
          model.emigration.weeklyHazardByOrigin[ORIGINS[o]!] *
          Math.exp(model.emigration.ageGroupLogHazardRatio[g]!);
      }

  const bandOf = new Uint8Array(DURATION_BANDS[NB - 1]!.firstWeek + 1);
  for (let d = 1; d < bandOf.length; d++) {
    bandOf[d] = model.durationBands.findIndex(
      (b) => d >= b.firstWeek && (b.lastWeek === null || d <= b.lastWeek),
    );
  }

  const forcedAt = new Int32Array(ND);
  const forcedStay = new Float64Array(ND);
  const forcedTo: number[][] = Array.from({ length: ND }, () => []);
  const forcedProbabilities: number[][] = Array.from({ length: ND }, () => []);
  for (const f of model.forced) {
    const s = stateIndex(f.from);
    forcedAt[s] = f.atSpellWeek;
    forcedStay[s] = f.stayProbability;
    forcedTo[s] = f.to.map((x) => stateIndex(x.state));
    forcedProbabilities[s] = f.to.map((x) => x.probability);
  }

  const types = INTERVENTION_TYPES.map((type) => {
    const t = model.interventions.types.find((x) => x.type === type);
    if (!t) throw new Error(`intervention type ${type} has no parameters`);
    return t;
  });
  const startProbability = new Float64Array(ND);
  const startMinWeek = new Int32Array(ND);
  const typeProbabilities: number[][] = Array.from({ length: ND }, () => []);
  for (const st of model.interventions.starts) {
    const s = stateIndex(st.state);
    startProbability[s] = st.weeklyProbability;
    startMinWeek[s] = st.minSpellWeek;
    typeProbabilities[s] = INTERVENTION_TYPES.map((type) => st.typeProbabilities[type]);
  }

  const departmentOf = new Int32Array(NS).fill(-1);
  model.caseworkers.departments.forEach((d, k) => {
    for (const s of d.states) departmentOf[stateIndex(s)] = k;
  });
  const noShow = new Float64Array(ND);
  for (let s = 0; s < ND; s++)
    noShow[s] = model.caseworkers.noShowProbability[SIM_STATES[s] as Destination] ?? 0;

  const initialStates: number[][] = [];
  const initialProbabilities: number[][] = [];
  for (const g of model.ageGroups)
    for (const sex of SEXES)
      for (const origin of ORIGINS) {
        const group = model.initial.sharesByGroup[initialGroupKey(g.label, sex, origin)] ?? { job: 1 };
        const shares = Object.entries(group).filter(
          ([s, x]) => x! > 0 && !closed.has(stateIndex(s as Destination)),
        );
        const total = shares.reduce((sum, [, x]) => sum + x!, 0);
        initialStates.push(shares.map(([s]) => stateIndex(s as Destination)));
        initialProbabilities.push(shares.map(([, x]) => x! / total));
      }

  return {
    dest: dest.map((list) => Int32Array.from(list)),
    destClass,
    base,
    destMultiplier,
    classSums,
    eligible,
    deathHazard,
    emigrationHazard,
    relapse: Float64Array.from(model.relapse.multiplierByBand),
    bandOf,
    forcedAt,
    forcedStay,
    forcedTo,
    forcedProbabilities,
    startProbability,
    startMinWeek,
    typeProbabilities,
    typeMinWeeks: Int32Array.from(types, (t) => t.minWeeks),
    typeMaxWeeks: Int32Array.from(types, (t) => t.maxWeeks),
    typeCost: Float64Array.from(types, (t) => t.weeklyCostKr),
    typeLockIn: Float64Array.from(types, (t) => t.lockIn),
    typeLogEffect: Float64Array.from(types, (t) => Math.log(t.effect)),
    typeHalfLife: Float64Array.from(types, (t) => t.halfLifeWeeks),
    departmentOf,
    contactProbability: Float64Array.from(model.caseworkers.departments, (d) => d.weeklyContactProbability),
    noShow,
    initialStates,
    initialProbabilities,
    maxElapsed: Int32Array.from(
      SIM_STATES.slice(0, ND),
      (s) => model.initial.maxElapsedWeeks[s as Destination],
    ),
  };
}

/** Key of `model.initial.sharesByGroup`: "age group/sex/origin". */
export function initialGroupKey(ageGroup: string, sex: Sex, origin: Origin): string {
  return `${ageGroup}/${sex}/${origin}`;
}

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SyntheticOptionsError(`${name} must be a whole number from ${min} to ${max}, found ${value}`);
  }
}

/** The calendar multipliers of exits to job and of inflow to unemployment, per week index. */
export function calendarMultipliers(
  model: SyntheticModel,
  weekIndex: number,
): { job: number; unemployment: number } {
  const { businessCycle: cycle, season, shocks } = model.calendar;
  const phase = (2 * Math.PI * (weekIndex - fromYyyyww(cycle.peakWeek))) / cycle.periodWeeks;
  const weekOfYear = yearWeekOf(weekIndex).week;
  let job =
    Math.exp(cycle.jobAmplitudeLog * Math.cos(phase)) *
    Math.exp(season.jobAmplitudeLog * Math.cos((2 * Math.PI * (weekOfYear - season.jobPeakWeekOfYear)) / 52));
  let unemployment =
    Math.exp(-cycle.unemploymentAmplitudeLog * Math.cos(phase)) *
    Math.exp(
      season.unemploymentAmplitudeLog *
        Math.cos((2 * Math.PI * (weekOfYear - season.unemploymentPeakWeekOfYear)) / 52),
    );
  for (const shock of shocks) {
    if (weekIndex >= fromYyyyww(shock.fromWeek) && weekIndex <= fromYyyyww(shock.toWeek)) {
      job *= shock.jobMultiplier;
      unemployment *= shock.unemploymentMultiplier;
    }
  }
  return { job, unemployment };
}

/** Week index of the window's last week: `toWeek`, or the last ISO week of `toYear`; checked. */
function lastWeekOf(options: {
  readonly fromYear: number;
  readonly toYear?: number | undefined;
  readonly toWeek?: number | undefined;
}): number {
  const L = POPULATION_LIMITS;
  if (options.toYear !== undefined && options.toWeek !== undefined) {
    throw new SyntheticOptionsError(
      `give the last year or the last week of the window, not both (found ${options.toYear} and ${options.toWeek})`,
    );
  }
  if (options.toYear !== undefined) {
    checkWhole('the last year', options.toYear, L.year.min, L.year.max);
    if (options.toYear < options.fromYear) {
      throw new SyntheticOptionsError(
        `the last year (${options.toYear}) must not be before the first year (${options.fromYear})`,
      );
    }
    return weekIndexOf(options.toYear, weeksInIsoYear(options.toYear));
  }
  if (options.toWeek === undefined) {
    throw new SyntheticOptionsError('give the last week (YYYYWW) or the last year of the window');
  }
  const year = Math.floor(options.toWeek / 100);
  const week = options.toWeek % 100;
  if (
    !Number.isInteger(options.toWeek) ||
    year < L.year.min ||
    year > L.year.max ||
    week < 1 ||
    week > weeksInIsoYear(year)
  ) {
    throw new SyntheticOptionsError(
      `the last week must be an ISO week YYYYWW of ${L.year.min}-${L.year.max} (e.g. 202648), found ${options.toWeek}`,
    );
  }
  if (year < options.fromYear) {
    throw new SyntheticOptionsError(
      `the last week (${options.toWeek}) must not be before the first week of the first year (${options.fromYear}01)`,
    );
  }
  return weekIndexOf(year, week);
}

/** Code table slots per rule segment: a code id is a byte. */
const CODE_SLOTS = 256;

/**
 * A synthetic population of `persons` persons in `municipalities` municipalities, simulated from the
 * burn-in to the window's last week. Call `nextPerson()` until it returns `undefined`, then
 * `summary()`, `municipalityYears()` and `truth()`.
 */
export class SyntheticPopulation {
  readonly model: SyntheticModel;
  readonly options: ResolvedPopulationOptions;
  readonly municipalities: readonly SelectedMunicipality[];
  /** Week indices of the first and last week of the window and of the start of the burn-in. */
  readonly firstWeek: number;
  readonly lastWeek: number;
  readonly startWeek: number;
  readonly weeks: number;
  /** DREAM code of each code index; index 0 is the empty cell. */
  readonly codeTable: readonly string[];
  /** Caseworker ids of each municipality (same order as `municipalities`). */
  private readonly caseworkerIds: readonly (readonly string[])[];
  private readonly poolStart: Int32Array;
  private readonly poolSize: Int32Array;
  /** The tables of the first segment: what does not depend on the rules. */
  private readonly c: Compiled;
  /** Segment of each simulated week (index t - startWeek), its tables and its written code per code id. */
  private readonly segmentOf: Uint8Array;
  private readonly segmentStarts: readonly number[];
  private readonly compiled: readonly Compiled[];
  private readonly codeInSegment: Uint8Array;
  /** Index into `groups` of each code id's group. */
  private readonly groupOfCode: Int32Array;
  private readonly groups: readonly BenefitCode[];
  private readonly calendarJob: Float64Array;
  private readonly calendarUnemployment: Float64Array;
  private readonly municipalityJob: Float64Array;
  private readonly municipalityOfPerson: Int32Array;
  private readonly stateCodeId: Int32Array;
  private readonly outCodeId: Int32Array;
  private readonly fpOld: { id: number; before: number };
  private readonly flexOld: { id: number; before: number };
  private readonly birthDayMin: number;
  private readonly birthDayMax: number;
  private readonly pnr = new PnrIssuer();
  private readonly hazards = new Float64Array(ND);
  private nextIndex = 0;
  // accumulators for the summary
  private readonly stock: Float64Array;
  private readonly populationByMunicipality: Float64Array;
  private readonly spellEvents: Float64Array;
  private readonly spellCensored: Float64Array;
  private readonly spellsStarted = new Float64Array(NS);
  /** Person-weeks and spell starts per window week and written code id (stride CODE_SLOTS). */
  private readonly codeStock: Float64Array;
  private readonly codeEntries: Float64Array;
  private readonly interventionsByType = new Float64Array(INTERVENTION_TYPES.length);
  private interventionCost = 0;
  private personWeeks = 0;
  private assignments = 0;
  private contactCount = 0;
  private measurementCount = 0;
  /** Sum and count of the latent readiness at the measurements in the window, by state. */
  private readonly readinessAtMeasurement = new Map<string, { sum: number; n: number }>();
  // progression (model synthetic-3)
  private readonly measured: Uint8Array;
  private readonly initialReadiness: Float64Array;
  private readonly readinessPerInterventionWeek: Float64Array;
  /** λ_k and β_k in `INDICATORS` order. */
  private readonly loadings: Float64Array;
  private readonly perPoint: Float64Array;
  private readonly changeFactor: number;
  /** Job orientation o_c of each caseworker, per municipality (same order as `caseworkerIds`), and exp(θ o_c). */
  private readonly orientation: readonly Float64Array[];
  private readonly orientationFactor: readonly Float64Array[];

  constructor(options: PopulationOptions) {
    const L = POPULATION_LIMITS;
    checkWhole('the number of persons', options.persons, L.persons.min, L.persons.max);
    checkWhole(
      'the number of municipalities',
      options.municipalities,
      L.municipalities.min,
      L.municipalities.max,
    );
    checkWhole('the first year', options.fromYear, L.year.min, L.year.max);
    checkWhole('the seed', options.seed, L.seed.min, L.seed.max);
    this.lastWeek = lastWeekOf(options);
    this.model = options.model ?? DEFAULT_MODEL;
    this.options = {
      persons: options.persons,
      municipalities: options.municipalities,
      fromYear: options.fromYear,
      toWeek: toYyyyww(this.lastWeek),
      seed: options.seed,
    };
    this.firstWeek = weekIndexOf(options.fromYear, 1);
    this.startWeek = this.firstWeek - this.model.initial.burnInWeeks;
    this.weeks = this.lastWeek - this.firstWeek + 1;

    const selected = selectMunicipalities(options.municipalities);
    const counts = allocatePersons(options.persons, selected);
    // Drawn per municipality code, then centred so that the person-weighted mean is 0: the baseline
    // hazards stay the population average whichever municipalities and seed are chosen.
    const draws = selected.map(
      (m) =>
        this.model.municipalityEffect.sdLog * streamRng(options.seed, STREAM.municipality, m.code).normal(),
    );
    const mean = draws.reduce((sum, u, k) => sum + u * counts[k]!, 0) / options.persons;
    this.municipalities = selected.map((m, k) => ({
      code: m.code,
      name: m.name,
      population: m.population,
      persons: counts[k]!,
      logEffect: draws[k]! - mean,
    }));
    this.municipalityJob = Float64Array.from(this.municipalities, (m) => Math.exp(m.logEffect));
    this.municipalityOfPerson = new Int32Array(options.persons);
    let at = 0;
    this.municipalities.forEach((m, k) => {
      this.municipalityOfPerson.fill(k, at, at + m.persons);
      at += m.persons;
    });

    const span = this.lastWeek - this.startWeek + 1;
    this.calendarJob = new Float64Array(span);
    this.calendarUnemployment = new Float64Array(span);
    for (let w = 0; w < span; w++) {
      const m = calendarMultipliers(this.model, this.startWeek + w);
      this.calendarJob[w] = m.job;
      this.calendarUnemployment[w] = m.unemployment;
    }

    // DREAM codes: one table, each code checked against the default code map.
    const table = [''];
    const idOf = (code: string | null, expected: string): number => {
      if (code === null) return 0;
      const entry = DEFAULT_DREAM_CODES.find((d) => d.code === code);
      if (!entry || entry.benefit !== expected) {
        throw new Error(`DREAM code ${code} is not ${expected} in DEFAULT_DREAM_CODES`);
      }
      if (!table.includes(code)) table.push(code);
      return table.indexOf(code);
    };
    const codes = this.model.codes;
    this.stateCodeId = Int32Array.from(SIM_STATES.slice(0, ND), (s) =>
      idOf(codes.state[s as Destination], s),
    );
    this.outCodeId = Int32Array.from([
      idOf(codes.out.emigration, 'out'),
      idOf(codes.out.death, 'out'),
      idOf(codes.out.age, 'anden_forsoergelse'),
    ]);
    this.fpOld = {
      id: idOf(codes.foertidspensionBefore2014.code, 'foertidspension_foer2014'),
      before: fromYyyyww(codes.foertidspensionBefore2014.spellStartBeforeWeek),
    };
    this.flexOld = {
      id: idOf(codes.fleksjobBefore2013.code, 'fleksjob_foer2013'),
      before: fromYyyyww(codes.fleksjobBefore2013.spellStartBeforeWeek),
    };

    // The rules' segments: a new one at each rule's first week inside the simulated span, or the week
    // after it (the last week's step decides the state of that week).
    const rules = this.model.reforms.rules;
    const starts = [this.startWeek];
    for (const week of [...new Set(rules.map((r) => fromYyyyww(r.fromWeek)))].sort((a, b) => a - b))
      if (week > this.startWeek && week <= this.lastWeek + 1) starts.push(week);
    this.segmentStarts = starts;
    this.segmentOf = new Uint8Array(span + 1);
    starts.forEach((week, k) => this.segmentOf.fill(k, week - this.startWeek));
    const byClosed = new Map<string, Compiled>();
    this.compiled = starts.map((week) => {
      const closedGroups = closedToNewIn(week, rules);
      const closed = new Set<number>();
      for (let j = 0; j < ND; j++)
        if (closedGroups.includes(groupInWeek(SIM_STATES[j]!, week, rules))) closed.add(j);
      if (closed.has(stateIndex(this.model.population.entryState))) {
        throw new Error(
          `the entry state ${this.model.population.entryState} is closed to new persons in ${toYyyyww(week)}`,
        );
      }
      const key = [...closed].join(',');
      if (!byClosed.has(key)) byClosed.set(key, compile(this.model, closed));
      return byClosed.get(key)!;
    });
    this.c = this.compiled[0]!;
    // The code written in each segment for each spell's code: the successor's once a merge applies.
    const benefitOf = (id: number): BenefitCode =>
      id === 0 ? 'job' : DEFAULT_DREAM_CODES.find((d) => d.code === table[id])!.benefit;
    const codeOfGroup = (group: BenefitCode, week: number): string | null => {
      const code = (SIM_STATES as readonly string[]).includes(group)
        ? codes.state[group as Destination]
        : codes.successors[group];
      if (code === undefined) {
        throw new Error(
          `the model has no DREAM code for ${group}, which a merge makes a group in ${toYyyyww(week)}: add it to codes.successors`,
        );
      }
      return code;
    };
    const spellCodes = table.length;
    this.codeInSegment = new Uint8Array(starts.length * CODE_SLOTS);
    starts.forEach((week, k) => {
      for (let id = 0; id < spellCodes; id++) {
        const benefit = benefitOf(id);
        const group = groupInWeek(benefit, week, rules);
        this.codeInSegment[k * CODE_SLOTS + id] =
          group === benefit ? id : idOf(codeOfGroup(group, week), group);
      }
    });
    if (table.length > CODE_SLOTS)
      throw new Error(`the model writes ${table.length} codes, at most ${CODE_SLOTS}`);
    this.codeTable = table;
    const groups: BenefitCode[] = [];
    this.groupOfCode = Int32Array.from(table, (_, id) => {
      const group = benefitOf(id);
      if (!groups.includes(group)) groups.push(group);
      return groups.indexOf(group);
    });
    this.groups = groups;

    // Caseworker pools per municipality and department.
    const departments = this.model.caseworkers.departments;
    this.poolStart = new Int32Array(this.municipalities.length * departments.length);
    this.poolSize = new Int32Array(this.municipalities.length * departments.length);
    this.caseworkerIds = this.municipalities.map((m, k) => {
      const ids: string[] = [];
      departments.forEach((d, dep) => {
        const share = d.states.reduce((sum, s) => sum + (this.model.targets.stockShare[s] ?? 0), 0);
        const size = Math.max(1, Math.ceil((m.persons * share) / this.model.caseworkers.caseload));
        this.poolStart[k * departments.length + dep] = ids.length;
        this.poolSize[k * departments.length + dep] = size;
        for (let n = 0; n < size; n++) ids.push(`cw-${m.code}-${String(ids.length + 1).padStart(3, '0')}`);
      });
      return ids;
    });

    // Progression: the measured states, the true parameters as arrays, each caseworker's orientation.
    const pr = this.model.progression;
    this.measured = new Uint8Array(NS);
    this.initialReadiness = new Float64Array(NS);
    for (const state of pr.states) {
      const mean = pr.readiness.initialMean[state];
      if (mean === undefined) throw new Error(`progression.readiness.initialMean has no ${state}`);
      this.measured[stateIndex(state)] = 1;
      this.initialReadiness[stateIndex(state)] = mean;
    }
    this.readinessPerInterventionWeek = Float64Array.from(
      INTERVENTION_TYPES,
      (type) => pr.readiness.weeklyInterventionEffect[type],
    );
    this.loadings = Float64Array.from(INDICATORS, (k) => pr.scores.loading[k]);
    this.perPoint = Float64Array.from(INDICATORS, (k) => pr.hazard.perPoint[k]);
    this.changeFactor = Math.exp(pr.hazard.caseworkerChange);
    this.orientation = this.municipalities.map((m, k) =>
      Float64Array.from(this.caseworkerIds[k]!, (_, n) =>
        streamRng(options.seed, STREAM.caseworkerOrientation, m.code * 1_000_000 + n).normal(),
      ),
    );
    this.orientationFactor = this.orientation.map((list) =>
      list.map((o) => Math.exp(pr.hazard.orientationPerSd * o)),
    );

    // Birth dates that make a person 16-66 on the Monday of at least one window week.
    const first = civilOf(mondayOfWeek(this.firstWeek));
    const last = civilOf(mondayOfWeek(this.lastWeek));
    this.birthDayMin = epochDay(first.year - this.model.population.exitAge, first.month, first.day) + 1;
    this.birthDayMax = epochDay(last.year - this.model.population.entryAge, last.month, last.day);

    this.stock = new Float64Array(this.weeks * NS);
    this.populationByMunicipality = new Float64Array(this.municipalities.length * this.weeks);
    this.spellEvents = new Float64Array(NS * (this.weeks + 2));
    this.spellCensored = new Float64Array(NS * (this.weeks + 2));
    this.codeStock = new Float64Array(this.weeks * CODE_SLOTS);
    this.codeEntries = new Float64Array(this.weeks * CODE_SLOTS);
  }

  /** The code id written in week `t` for a spell whose code id is `codeId`. */
  private codeAt(codeId: number, t: number): number {
    return this.codeInSegment[this.segmentOf[t - this.startWeek]! * CODE_SLOTS + codeId]!;
  }

  get done(): boolean {
    return this.nextIndex >= this.options.persons;
  }

  /** The next person, or `undefined` when all have been generated. */
  nextPerson(): SyntheticPerson | undefined {
    if (this.done) return undefined;
    return this.simulatePerson(this.nextIndex++);
  }

  private simulatePerson(index: number): SyntheticPerson {
    const model = this.model;
    const rng = streamRng(this.options.seed, STREAM.person, index);
    const sex = rng.uniform() < model.population.maleShare ? 0 : 1;
    const origin = rng.pick(ORIGINS.map((o) => model.population.originShares[o]));
    const birthDay = this.birthDayMin + rng.int(this.birthDayMax - this.birthDayMin + 1);
    const municipality = this.municipalityOfPerson[index]!;
    const birth = civilOf(birthDay);
    const ageWeek = (age: number) => firstWeekOnOrAfter(epochDay(birth.year + age, birth.month, birth.day));
    const ageGroupStart = new Int32Array(NAG + 1);
    for (let g = 0; g < NAG; g++) ageGroupStart[g] = ageWeek(model.ageGroups[g]!.fromAge);
    ageGroupStart[NAG] = ageWeek(model.population.exitAge);
    const p = new PersonState(rng, municipality, sex, origin, ageGroupStart);
    p.progressionRng = streamRng(this.options.seed, STREAM.progression, index);
    const pnr = this.pnr.issue(birthDay, sex === 0);
    const weekCodes = new Uint8Array(this.weeks);

    const entryWeek = ageGroupStart[0]!;
    const exitWeek = ageGroupStart[NAG]!;
    let t = this.startWeek;
    if (t >= entryWeek) this.drawInitialState(p, t, entryWeek);

    while (t <= this.lastWeek) {
      if (p.state === PRE) {
        if (t < entryWeek) {
          t = Math.min(entryWeek, this.lastWeek + 1);
          continue;
        }
        this.updateAgeGroup(p, t);
        p.state = stateIndex(model.population.entryState);
        p.duration = 1;
        p.spellStart = t;
        p.jobAfterBenefit = false;
        p.codeId = this.codeIdFor(p.state, t);
        if (t >= this.firstWeek) {
          this.spellsStarted[p.state]!++;
          this.codeEntries[(t - this.firstWeek) * CODE_SLOTS + this.codeAt(p.codeId, t)]!++;
        }
      }
      if (p.state !== OUT && t >= exitWeek) this.leaveAtExitAge(p, t);
      if (p.state === OUT) {
        this.fillCodes(weekCodes, p.codeId, t);
        break;
      }
      this.updateAgeGroup(p, t);
      if (t >= this.firstWeek) {
        const w = t - this.firstWeek;
        const code = this.codeAt(p.codeId, t);
        weekCodes[w] = code;
        this.codeStock[w * CODE_SLOTS + code]!++;
        this.stock[w * NS + p.state]!++;
        this.populationByMunicipality[municipality * this.weeks + w]!++;
        if (t === this.lastWeek) this.recordSpell(p.state, p.spellStart, p.duration, true);
      }
      this.advanceWeek(p, t);
      t++;
    }
    if (p.intervention >= 0) this.endIntervention(p, this.lastWeek);
    if (p.department >= 0) this.closeAssignment(p, null);

    return {
      index,
      pnr,
      birthDay,
      birthYear: birth.year,
      sex: SEXES[sex]!,
      origin: ORIGINS[origin]!,
      municipality: this.municipalities[municipality]!.code,
      weekCodes,
      interventions: p.interventions,
      caseworkers: p.caseworkers,
      contacts: p.contacts,
      measurements: p.measurements,
    };
  }

  /** Writes the code of `codeId` in every window week from `t` on, as each week's segment writes it. */
  private fillCodes(weekCodes: Uint8Array, codeId: number, t: number): void {
    const starts = this.segmentStarts;
    for (let k = this.segmentOf[t - this.startWeek]!; k < starts.length; k++) {
      const from = Math.max(t, starts[k]!) - this.firstWeek;
      const to = k + 1 < starts.length ? starts[k + 1]! - this.firstWeek : this.weeks;
      if (to > 0) weekCodes.fill(this.codeInSegment[k * CODE_SLOTS + codeId]!, Math.max(0, from), to);
    }
  }

  private drawInitialState(p: PersonState, t: number, entryWeek: number): void {
    this.updateAgeGroup(p, t);
    const group = (p.ageGroup * SEXES.length + p.sex) * NO + p.origin;
    const c = this.compiled[this.segmentOf[t - this.startWeek]!]!;
    const k = p.rng.pick(c.initialProbabilities[group]!);
    const s = c.initialStates[group]![k]!;
    const elapsed = p.rng.int(Math.min(c.maxElapsed[s]!, t - entryWeek) + 1);
    p.state = s;
    p.duration = elapsed + 1;
    p.spellStart = t - elapsed;
    p.jobAfterBenefit = false;
    p.codeId = this.codeIdFor(s, p.spellStart);
  }

  private updateAgeGroup(p: PersonState, t: number): void {
    while (p.ageGroup < NAG - 1 && t >= p.ageGroupStart[p.ageGroup + 1]!) p.ageGroup++;
  }

  private codeIdFor(state: number, spellStart: number): number {
    if (state === stateIndex('foertidspension') && spellStart < this.fpOld.before) return this.fpOld.id;
    if (state === stateIndex('fleksjob') && spellStart < this.flexOld.before) return this.flexOld.id;
    return this.stateCodeId[state]!;
  }

  /**
   * One week of one person, `t` being the week index: caseworker and contacts, the start of an
   * intervention, then the competing hazards and the rules decide the state of week t + 1, under the
   * tables of week t + 1: a state closed from week t + 1 is no destination (no one's first week on
   * it is the closure's first week or later).
   */
  advanceWeek(p: PersonState, t: number): void {
    const c = this.compiled[this.segmentOf[t + 1 - this.startWeek]!]!;
    const s = p.state;
    const rng = p.rng;
    this.personWeeks++;

    const department = c.departmentOf[s]!;
    if (department >= 0) {
      if (p.department !== department) this.assignCaseworker(p, department, t);
      else if (rng.uniform() < this.model.caseworkers.weeklyChangeProbability) this.changeCaseworker(p, t);
      if (rng.uniform() < c.contactProbability[department]!) {
        const day = mondayOfWeek(t) + rng.int(5);
        const kind = rng.uniform() < c.noShow[s]! ? 'udeblivelse' : 'samtale';
        if (t >= this.firstWeek) {
          p.contacts.push({ day, kind, caseworker: this.caseworkerIds[p.municipality]![p.caseworker]! });
          this.contactCount++;
        }
      }
    }

    const startProbability = c.startProbability[s]!;
    if (
      startProbability > 0 &&
      p.intervention < 0 &&
      p.duration >= c.startMinWeek[s]! &&
      rng.uniform() < startProbability
    ) {
      const type = rng.pick(c.typeProbabilities[s]!);
      p.intervention = type;
      p.interventionStart = t;
      p.interventionPlannedEnd = t + rng.intBetween(c.typeMinWeeks[type]!, c.typeMaxWeeks[type]!) - 1;
    }

    const progression = this.measured[s] === 1 ? this.progressionWeek(p, t) : 1;

    // Competing hazards, complementary log-log: P(leave) = 1 - exp(-sum h).
    const band = c.bandOf[p.duration < c.bandOf.length ? p.duration : c.bandOf.length - 1]!;
    const w = t - this.startWeek;
    const so = p.sex * NO + p.origin;
    const sums = (((s * NB + band) * NSO + so) * NAG + p.ageGroup) * 3;
    const jobFactor =
      c.classSums[sums]! > 0
        ? this.calendarJob[w]! *
          this.municipalityJob[p.municipality]! *
          this.interventionFactor(p, t) *
          progression
        : 0;
    const unemploymentFactor = this.calendarUnemployment[w]!;
    const relapse = s === JOB && p.jobAfterBenefit ? c.relapse[band]! : 1;
    const outRow = (s * NAG + p.ageGroup) * NO + p.origin;
    const death = c.deathHazard[outRow]!;
    const emigration = c.emigrationHazard[outRow]!;
    const total =
      relapse *
        (c.classSums[sums]! * jobFactor +
          c.classSums[sums + 1]! * unemploymentFactor +
          c.classSums[sums + 2]!) +
      death +
      emigration;
    const leave = 1 - Math.exp(-total);

    let next = s;
    let cause = OUT_EMIGRATION;
    const u = rng.uniform();
    if (u < leave) {
      // The single hazards, in the order of the model's transitions; then death, then emigration.
      const dest = c.dest[s]!;
      const cls = c.destClass[s]!;
      const base = c.base[s]!;
      const nd = dest.length;
      const row = (so * NAG + p.ageGroup) * ND;
      const hazards = this.hazards;
      let sum = death + emigration;
      for (let k = 0; k < nd; k++) {
        const kind = cls[k]!;
        const h =
          base[band * nd + k]! *
          c.destMultiplier[row + dest[k]!]! *
          (kind === CLASS_JOB ? jobFactor : kind === CLASS_UNEMPLOYMENT ? unemploymentFactor : 1) *
          relapse;
        hazards[k] = h;
        sum += h;
      }
      let target = (u / leave) * sum;
      let k = 0;
      while (k < nd && target >= hazards[k]!) target -= hazards[k++]!;
      if (k < nd) next = dest[k]!;
      else {
        next = OUT;
        cause = target < death ? OUT_DEATH : OUT_EMIGRATION;
      }
    } else if (p.duration === c.forcedAt[s] && rng.uniform() >= c.forcedStay[s]!) {
      next = c.forcedTo[s]![rng.pick(c.forcedProbabilities[s]!)]!;
      if (c.eligible[(p.origin * NAG + p.ageGroup) * ND + next] === 0) next = JOB;
    }

    if (p.intervention >= 0 && (next !== s || t === p.interventionPlannedEnd)) this.endIntervention(p, t);
    if (next === s) p.duration++;
    else this.changeState(p, t, next, cause);
  }

  /**
   * A week in a measured state (model.progression): readiness moves, the spell's measurements are
   * scheduled, a measurement is taken in its week; returns the week's multiplier of exits to job.
   * Draws only from the person's progression stream.
   */
  private progressionWeek(p: PersonState, t: number): number {
    const pr = this.model.progression;
    const rng = p.progressionRng!;
    const s = p.state;
    if (Number.isNaN(p.readiness))
      p.readiness = this.initialReadiness[s]! + pr.readiness.initialSd * rng.normal();
    p.readiness += pr.readiness.weeklyDrift + pr.readiness.weeklySd * rng.normal();
    if (p.intervention >= 0) p.readiness += this.readinessPerInterventionWeek[p.intervention]!;
    if (p.lastCaseworkerChange === t) p.readiness += pr.readiness.caseworkerChangeEffect;
    if (p.progressionSpell !== p.spellStart) {
      p.progressionSpell = p.spellStart;
      p.scoreFactor = 1;
      const { first, last } = pr.cadence.firstSpellWeek;
      const scheduled = p.spellStart - 1 + rng.intBetween(first, last);
      p.nextMeasurement = scheduled >= t ? scheduled : t + rng.int(pr.cadence.gapWeeks.max);
    }
    if (t === p.nextMeasurement) {
      this.measure(p, t);
      p.nextMeasurement = t + rng.intBetween(pr.cadence.gapWeeks.min, pr.cadence.gapWeeks.max);
    }
    const changed = t - p.lastCaseworkerChange < pr.hazard.changeWindowWeeks ? this.changeFactor : 1;
    return p.scoreFactor * changed * this.orientationFactor[p.municipality]![p.caseworker]!;
  }

  /** A measurement in week t: the scores, the channels, the score factor of the job hazard. */
  private measure(p: PersonState, t: number): void {
    const pr = this.model.progression;
    const sc = pr.scores;
    const rng = p.progressionRng!;
    const r = p.readiness;
    const day = mondayOfWeek(t) + rng.int(5);
    const orientation = this.orientation[p.municipality]![p.caseworker]!;
    const answer = (latent: number): number | null => {
      const score = Math.min(5, Math.max(1, Math.round(latent)));
      return rng.uniform() < sc.missingShare ? null : score;
    };
    let log = 0;
    const caseworkerScores = INDICATORS.map((k, i) => {
      const shift = k === 'caseworkerBelief' ? sc.beliefPerOrientation * orientation : 0;
      const score = answer(3 + this.loadings[i]! * r + shift + sc.caseworkerNoiseSd * rng.normal());
      if (score !== null) log += this.perPoint[i]! * (score - 3);
      return score;
    });
    const citizenScores = CITIZEN_INDICATORS.map((k) =>
      answer(3 + sc.citizenOffset + pr.scores.loading[k] * r + sc.citizenNoiseSd * rng.normal()),
    );
    const ch = pr.channels;
    let channels: (number | null)[];
    if (rng.uniform() < ch.noAnswerShare) channels = SEARCH_CHANNELS.map(() => null);
    else if (rng.uniform() < 1 / (1 + Math.exp(-(ch.searchingIntercept + ch.searchingSlope * r)))) {
      channels = SEARCH_CHANNELS.map((k) =>
        k === 'notSearching' ? 0 : rng.uniform() < ch.useGivenSearching[k] ? 1 : 0,
      );
      if (!channels.includes(1)) channels[SEARCH_CHANNELS.indexOf('internet')] = 1;
    } else channels = SEARCH_CHANNELS.map((k) => (k === 'notSearching' ? 1 : 0));
    p.scoreFactor = Math.exp(log);
    if (t >= this.firstWeek) {
      p.measurements.push({
        day,
        week: t,
        state: SIM_STATES[p.state] as Destination,
        caseworker: this.caseworkerIds[p.municipality]![p.caseworker]!,
        citizenScores,
        caseworkerScores,
        channels,
      });
      this.measurementCount++;
      const state = SIM_STATES[p.state]!;
      const at = this.readinessAtMeasurement.get(state) ?? { sum: 0, n: 0 };
      this.readinessAtMeasurement.set(state, { sum: at.sum + r, n: at.n + 1 });
    }
  }

  /** Multiplier of exits to job from interventions: lock-in while running, fading effect after. */
  private interventionFactor(p: PersonState, t: number): number {
    const c = this.c;
    if (p.intervention >= 0) return c.typeLockIn[p.intervention]!;
    if (p.lastIntervention < 0) return 1;
    const k = p.lastIntervention;
    return Math.exp(
      c.typeLogEffect[k]! * Math.exp((-LN2 * (t - p.lastInterventionEnd)) / c.typeHalfLife[k]!),
    );
  }

  private endIntervention(p: PersonState, t: number): void {
    const type = p.intervention;
    const weeks = t - p.interventionStart + 1;
    const costKr = weeks * this.c.typeCost[type]!;
    p.interventions.push({
      type: INTERVENTION_TYPES[type]!,
      startWeek: p.interventionStart,
      endWeek: t,
      costKr,
    });
    if (p.interventionStart >= this.firstWeek) {
      this.interventionsByType[type]!++;
      this.interventionCost += costKr;
    }
    p.lastIntervention = type;
    p.lastInterventionEnd = t;
    p.intervention = -1;
  }

  private changeState(p: PersonState, t: number, next: number, cause: number): void {
    // A spell running in the last week was censored there; one ending earlier is an observed end.
    if (t < this.lastWeek) this.recordSpell(p.state, p.spellStart, p.duration, false);
    if (next === OUT) {
      if (p.department >= 0) this.closeAssignment(p, t);
      p.state = OUT;
      p.codeId = this.outCodeId[cause]!;
      return;
    }
    if (p.department >= 0 && this.c.departmentOf[next] !== p.department) this.closeAssignment(p, t);
    const before = p.codeId;
    p.jobAfterBenefit = next === JOB;
    p.state = next;
    p.duration = 1;
    p.spellStart = t + 1;
    p.codeId = this.codeIdFor(next, t + 1);
    if (t + 1 >= this.firstWeek && t + 1 <= this.lastWeek && t + 1 < p.ageGroupStart[NAG]!) {
      this.spellsStarted[next]!++;
      // A new spell in the data only where the written group changes.
      const code = this.codeAt(p.codeId, t + 1);
      if (this.groupOfCode[code] !== this.groupOfCode[this.codeAt(before, t + 1)])
        this.codeEntries[(t + 1 - this.firstWeek) * CODE_SLOTS + code]!++;
    }
  }

  /** Reaching 67: the person leaves the population in week t; the running spell is censored. */
  private leaveAtExitAge(p: PersonState, t: number): void {
    if (p.state >= 0 && p.state !== OUT) this.recordSpell(p.state, p.spellStart, p.duration - 1, true);
    if (p.intervention >= 0) this.endIntervention(p, t - 1);
    if (p.department >= 0) this.closeAssignment(p, t - 1);
    p.state = OUT;
    p.codeId = this.outCodeId[OUT_AGE]!;
  }

  /** Adds a spell that started in the window to the duration tables: an end, or a censoring. */
  private recordSpell(state: number, spellStart: number, duration: number, censored: boolean): void {
    if (spellStart < this.firstWeek || duration < 1) return;
    const d = Math.min(duration, this.weeks + 1);
    if (censored) this.spellCensored[state * (this.weeks + 2) + d]!++;
    else this.spellEvents[state * (this.weeks + 2) + d]!++;
  }

  private assignCaseworker(p: PersonState, department: number, t: number): void {
    const k = p.municipality * this.model.caseworkers.departments.length + department;
    p.caseworker = this.poolStart[k]! + p.rng.int(this.poolSize[k]!);
    p.department = department;
    p.caseworkerFrom = t;
  }

  private changeCaseworker(p: PersonState, t: number): void {
    const k = p.municipality * this.model.caseworkers.departments.length + p.department;
    const size = this.poolSize[k]!;
    if (size < 2) return;
    const department = p.department;
    const current = p.caseworker - this.poolStart[k]!;
    let pick = p.rng.int(size - 1);
    if (pick >= current) pick++;
    p.lastCaseworkerChange = t;
    this.closeAssignment(p, t - 1);
    p.caseworker = this.poolStart[k]! + pick;
    p.department = department;
    p.caseworkerFrom = t;
  }

  private closeAssignment(p: PersonState, toWeek: number | null): void {
    if (toWeek === null || toWeek >= this.firstWeek) {
      p.caseworkers.push({
        caseworker: this.caseworkerIds[p.municipality]![p.caseworker]!,
        department: this.model.caseworkers.departments[p.department]!.name,
        fromWeek: p.caseworkerFrom,
        toWeek,
      });
      this.assignments++;
    }
    p.caseworker = -1;
    p.department = -1;
  }

  /** Figures of the generated population beside the targets; call after the last person. */
  summary(): SyntheticSummary {
    const W = this.weeks;
    const last = (W - 1) * NS;
    let populationLast = 0;
    let populationAll = 0;
    for (let s = 0; s < ND; s++) populationLast += this.stock[last + s]!;
    for (let i = 0; i < this.stock.length; i++) if (i % NS !== OUT) populationAll += this.stock[i]!;
    const targets = this.model.targets;
    const states = SIM_STATES.slice(0, ND).map((name, s): StateFigures => {
      let weeksInState = 0;
      for (let w = 0; w < W; w++) weeksInState += this.stock[w * NS + s]!;
      const events = this.spellEvents.subarray(s * (W + 2), (s + 1) * (W + 2));
      const censored = this.spellCensored.subarray(s * (W + 2), (s + 1) * (W + 2));
      const completed = events.reduce((a, b) => a + b, 0);
      return {
        state: name as Destination,
        targetStockShare: targets.stockShare[name as Destination] ?? null,
        stockShareLastWeek: populationLast > 0 ? this.stock[last + s]! / populationLast : 0,
        stockShareWindowAverage: populationAll > 0 ? weeksInState / populationAll : 0,
        targetMedianWeeks: targets.medianSpellWeeks[name as Destination] ?? null,
        spellsStarted: this.spellsStarted[s]!,
        spellsCompleted: completed,
        medianCompletedWeeks: medianOfCounts(events),
        kaplanMeierMedianWeeks: kaplanMeierMedian(events, censored),
      };
    });
    const byType = Object.fromEntries(
      INTERVENTION_TYPES.map((type, k) => [type, this.interventionsByType[k]!]),
    ) as Record<InterventionType, number>;
    return {
      persons: this.options.persons,
      municipalities: this.municipalities.map((m) => ({ code: m.code, name: m.name, persons: m.persons })),
      firstWeek: toYyyyww(this.firstWeek),
      lastWeek: toYyyyww(this.lastWeek),
      weeks: W,
      burnInWeeks: this.model.initial.burnInWeeks,
      personWeeksSimulated: this.personWeeks,
      personWeeksInWindow: this.options.persons * W,
      populationLastWeek: populationLast,
      states,
      groups: this.groupPeriods(),
      interventions: {
        startedInWindow: this.interventionsByType.reduce((a, b) => a + b, 0),
        byType,
        costKrInWindow: this.interventionCost,
      },
      caseworkerAssignments: this.assignments,
      contacts: this.contactCount,
      measurements: this.measurementCount,
    };
  }

  /**
   * The groups written, per period: the window's calendar years cut at the weeks a rule takes effect.
   * Every group written somewhere in the window gets a row in every period, in the catalogue's order.
   */
  private groupPeriods(): GroupPeriodFigures[] {
    const W = this.weeks;
    const cuts = new Set<number>([0, W]);
    for (let year = this.options.fromYear + 1; year <= yearWeekOf(this.lastWeek).year; year++)
      cuts.add(weekIndexOf(year, 1) - this.firstWeek);
    for (const start of this.segmentStarts)
      if (start > this.firstWeek && start <= this.lastWeek) cuts.add(start - this.firstWeek);
    const bounds = [...cuts].sort((a, b) => a - b);
    const written = new Set<number>();
    for (let w = 0; w < W; w++)
      for (let id = 0; id < this.codeTable.length; id++)
        if (this.codeStock[w * CODE_SLOTS + id]! > 0 || this.codeEntries[w * CODE_SLOTS + id]! > 0)
          written.add(this.groupOfCode[id]!);
    const order = [...written].sort(
      (a, b) => BENEFIT_CODES.indexOf(this.groups[a]!) - BENEFIT_CODES.indexOf(this.groups[b]!),
    );
    const sumOf = (counts: Float64Array, w: number, group: number) => {
      let sum = 0;
      for (let id = 0; id < this.codeTable.length; id++)
        if (this.groupOfCode[id] === group) sum += counts[w * CODE_SLOTS + id]!;
      return sum;
    };
    const rows: GroupPeriodFigures[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const [from, to] = [bounds[k]!, bounds[k + 1]! - 1];
      for (const group of order) {
        let personWeeks = 0;
        let entries = 0;
        for (let w = from; w <= to; w++) {
          personWeeks += sumOf(this.codeStock, w, group);
          entries += sumOf(this.codeEntries, w, group);
        }
        rows.push({
          fromWeek: toYyyyww(this.firstWeek + from),
          toWeek: toYyyyww(this.firstWeek + to),
          weeks: to - from + 1,
          group: this.groups[group]!,
          stockFirstWeek: sumOf(this.codeStock, from, group),
          stockLastWeek: sumOf(this.codeStock, to, group),
          personWeeks,
          entries,
        });
      }
    }
    return rows;
  }

  /**
   * Population 16-66 of each municipality and year: the average over the year's ISO weeks in the
   * window (up to the last week in the last year) of the persons in the population, rounded; the
   * labour force is that times `labourForceShare`, rounded.
   */
  municipalityYears(): MunicipalityYear[] {
    const rows: MunicipalityYear[] = [];
    const lastYear = yearWeekOf(this.lastWeek).year;
    this.municipalities.forEach((m, k) => {
      for (let year = this.options.fromYear; year <= lastYear; year++) {
        const first = weekIndexOf(year, 1) - this.firstWeek;
        const n = Math.min(weeksInIsoYear(year), this.weeks - first);
        let sum = 0;
        for (let w = first; w < first + n; w++) sum += this.populationByMunicipality[k * this.weeks + w]!;
        const population16to66 = Math.round(sum / n);
        rows.push({
          code: m.code,
          name: m.name,
          year,
          population16to66,
          labourForce16to66: Math.round(population16to66 * this.model.population.labourForceShare),
        });
      }
    });
    return rows;
  }

  /** The progression part's true parameters, each caseworker's job orientation, and the counts. */
  private progressionTruth(): Record<string, unknown> {
    const pr = this.model.progression;
    const byIndicator = (f: (k: (typeof INDICATORS)[number]) => number) =>
      Object.fromEntries(INDICATORS.map((k) => [k, f(k)]));
    return {
      modelVersion: this.model.version,
      description: pr.description,
      questionnaire: pr.questionnaire,
      states: pr.states,
      cadence: {
        ...pr.cadence,
        meanGapWeeks: (pr.cadence.gapWeeks.min + pr.cadence.gapWeeks.max) / 2,
      },
      readiness: {
        description: pr.readiness.description,
        initialMean: pr.readiness.initialMean,
        initialSd: pr.readiness.initialSd,
        weeklyDrift: pr.readiness.weeklyDrift,
        weeklySd: pr.readiness.weeklySd,
      },
      interventionEffect: {
        description:
          'Added to readiness in every week an intervention of the type runs (perWeek), and over a participation of the mean length (meanTotal).',
        perWeek: pr.readiness.weeklyInterventionEffect,
        meanTotal: Object.fromEntries(
          this.model.interventions.types.map((t) => [
            t.type,
            (pr.readiness.weeklyInterventionEffect[t.type] * (t.minWeeks + t.maxWeeks)) / 2,
          ]),
        ),
      },
      caseworkerChangeReadiness: pr.readiness.caseworkerChangeEffect,
      scores: { description: pr.scores.description },
      loadings: pr.scores.loading,
      noise: { caseworkerSd: pr.scores.caseworkerNoiseSd, citizenSd: pr.scores.citizenNoiseSd },
      citizenOffset: pr.scores.citizenOffset,
      beliefPerOrientation: pr.scores.beliefPerOrientation,
      missingShare: pr.scores.missingShare,
      channels: pr.channels,
      hazard: { description: pr.hazard.description },
      hazardPerPoint: pr.hazard.perPoint,
      hazardRatioPerPoint: byIndicator((k) => Math.exp(pr.hazard.perPoint[k])),
      caseworkerChange: pr.hazard.caseworkerChange,
      caseworkerChangeHazardRatio: Math.exp(pr.hazard.caseworkerChange),
      changeWindowWeeks: pr.hazard.changeWindowWeeks,
      orientationPerSd: pr.hazard.orientationPerSd,
      orientationHighVsLowHazardRatio: Math.exp(pr.hazard.orientationPerSd * 2 * Math.sqrt(2 / Math.PI)),
      caseworkerOrientation: this.municipalities.flatMap((_, k) =>
        this.caseworkerIds[k]!.map((caseworker, n) => ({
          caseworker,
          orientation: this.orientation[k]![n]!,
          hazardRatio: this.orientationFactor[k]![n]!,
        })),
      ),
      measurementsInWindow: this.measurementCount,
      meanReadinessAtMeasurement: Object.fromEntries(
        [...this.readinessAtMeasurement].sort().map(([state, { sum, n }]) => [state, sum / n]),
      ),
    };
  }

  /** The exact model simulated from, with the draws that depend on the seed and the calendar series. */
  truth(summary: SyntheticSummary): Record<string, unknown> {
    const calendar = [];
    for (let w = 0; w < this.calendarJob.length; w++) {
      calendar.push({
        week: toYyyyww(this.startWeek + w),
        job: this.calendarJob[w]!,
        unemployment: this.calendarUnemployment[w]!,
      });
    }
    return {
      generator: 'jobinvest synthetic population',
      options: this.options,
      window: {
        firstWeek: toYyyyww(this.firstWeek),
        lastWeek: toYyyyww(this.lastWeek),
        weeks: this.weeks,
        burnInStartWeek: toYyyyww(this.startWeek),
      },
      random: {
        generator: 'xoshiro128** seeded by splitmix32',
        streams:
          'person i draws from stream (seed, 1, i); municipality effects from stream (seed, 2, municipality code); the jobindsats extract of municipality m from stream (seed, 3, m); the progression draws of person i from stream (seed, 5, i); the job orientation of caseworker n of municipality m from stream (seed, 6, m · 1,000,000 + n)',
      },
      model: this.model,
      municipalities: this.municipalities.map((m) => ({ ...m, effect: Math.exp(m.logEffect) })),
      calendarSeries: calendar,
      progression: this.progressionTruth(),
      targets: this.model.targets,
      summary,
    };
  }
}

/** The smallest d at which at least half of the counted durations are d or less; `null` if none. */
function medianOfCounts(counts: Float64Array): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let cumulative = 0;
  for (let d = 0; d < counts.length; d++) {
    cumulative += counts[d]!;
    if (cumulative >= total / 2) return d;
  }
  return null;
}

/** Kaplan-Meier median: the smallest d with S(d) <= 0.5, S(d) = prod over u <= d of (1 - events_u / atRisk_u). */
function kaplanMeierMedian(events: Float64Array, censored: Float64Array): number | null {
  let atRisk = 0;
  for (let d = 0; d < events.length; d++) atRisk += events[d]! + censored[d]!;
  let survival = 1;
  for (let d = 0; d < events.length; d++) {
    if (atRisk > 0) survival *= 1 - events[d]! / atRisk;
    if (survival <= 0.5) return d;
    atRisk -= events[d]! + censored[d]!;
  }
  return null;
}
