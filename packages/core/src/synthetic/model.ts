/**
 * The "true" model of the synthetic population: a weekly discrete-time multi-state model of the
 * benefit groups of the catalogue, written out as data so that `truth.json` carries every number the
 * generator simulated from, and estimators can be checked against it.
 *
 * The hazard of moving from state s to destination j in calendar week t, for a person in spell week d
 * (d = 1 in the first week of the spell), is
 *
 *   h_sj = base_sj[band(d)] · exp(β_c[age group] + β_c[sex] + β_c[origin]) · eligible_j(age group, origin)
 *          · calendar_c(t) · (c = job ? municipality_m · intervention(t) : 1)
 *          · (s = job and the job spell followed another state ? relapse[band(d)] : 1)
 *
 * where c is the destination class of j. Leaving the population competes with these:
 * h_death = mortality[age group] · exp(mortality.stateLogHazardRatio[s]) and
 * h_emigration = emigration[origin] · exp(emigration.ageGroupLogHazardRatio[age group]).
 * The week's probability of leaving is the complementary log-log form 1 − exp(−Σh), split over the
 * destinations in proportion to their hazards: P(j) = h_j / Σh · (1 − exp(−Σh)). The state of week
 * t + 1 is the destination. Rules (`forced`) act after the hazards, at a fixed spell week, on those
 * who did not leave; the age rules act first (entry in the week whose Monday is on or after the 16th
 * birthday, leaving for good in the week whose Monday is on or after the 67th).
 *
 * From model version synthetic-3, persons in the states far from work (`progression.states`) are
 * measured with BIP's questionnaire about every 13 weeks, and their exits to job are further
 * multiplied by exp(Σ_k β_k (s_k − 3)) · exp(γ · caseworker changed in the last 26 weeks) · exp(θ o_c),
 * s_k the caseworker's scores of the latest measurement and o_c the caseworker's job orientation
 * (`progression`, every number in truth.json's `progression`).
 *
 * Parameters were chosen, not estimated: base hazards from approximate Danish levels and then
 * tuned by simulation so that the stock shares and median durations come near `TARGETS`.
 */

import type { BenefitCode } from '../benefits.ts';
import { BENEFIT_RULES, type BenefitRule } from '../benefit-rules.ts';
import { INITIAL_SHARES } from './initial-shares.ts';
import type { Indicator, SearchChannel } from '../progression/indicators.ts';

export { SIM_STATES, type Destination, type SimState } from './states.ts';
import { SIM_STATES, type Destination, type SimState } from './states.ts';

export const SEXES = ['M', 'K'] as const;
export type Sex = (typeof SEXES)[number];
export const ORIGINS = ['dansk', 'vestlig', 'ikke-vestlig'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface DurationBand {
  readonly label: string;
  readonly firstWeek: number;
  /** Last spell week in the band; `null` for the open last band. */
  readonly lastWeek: number | null;
}

/** Spell-week bands of the piecewise-constant baseline: weeks 1-4, 5-13, 14-26, 27-52, 53-104, 105+. */
export const DURATION_BANDS: readonly DurationBand[] = [
  { label: '1-4', firstWeek: 1, lastWeek: 4 },
  { label: '5-13', firstWeek: 5, lastWeek: 13 },
  { label: '14-26', firstWeek: 14, lastWeek: 26 },
  { label: '27-52', firstWeek: 27, lastWeek: 52 },
  { label: '53-104', firstWeek: 53, lastWeek: 104 },
  { label: '105+', firstWeek: 105, lastWeek: null },
];

export interface AgeGroup {
  readonly label: string;
  /** Age in completed years on the week's Monday at which the group starts. */
  readonly fromAge: number;
}

/** Age groups in completed years on the Monday of the week; the last ends at 66 (67 leaves). */
export const AGE_GROUPS: readonly AgeGroup[] = [
  { label: '16-17', fromAge: 16 },
  { label: '18-24', fromAge: 18 },
  { label: '25-29', fromAge: 25 },
  { label: '30-39', fromAge: 30 },
  { label: '40-49', fromAge: 40 },
  { label: '50-59', fromAge: 50 },
  { label: '60-61', fromAge: 60 },
  { label: '62-66', fromAge: 62 },
];

export const DESTINATION_CLASSES = [
  'job',
  'unemployment',
  'sickness',
  'disability',
  'education',
  'retirement',
] as const;
export type DestinationClass = (typeof DESTINATION_CLASSES)[number];

export const INTERVENTION_TYPES = [
  'virksomhedspraktik',
  'loentilskud',
  'vejledning_opkvalificering',
  'mentor',
] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];

/** Log hazard ratios against the reference person (30-39, M, dansk). */
export interface CovariateEffects {
  /** One per age group, in `AGE_GROUPS` order. */
  readonly ageGroup: readonly number[];
  readonly sex: Readonly<Record<Sex, number>>;
  readonly origin: Readonly<Record<Origin, number>>;
}

export interface Eligibility {
  /** Age-group labels from which the destination can be reached; elsewhere its hazard is 0. */
  readonly ageGroups: readonly string[];
  readonly origins: readonly Origin[];
}

export interface Transition {
  readonly from: Destination;
  readonly to: Destination;
  /** Weekly hazard of the reference person, one per duration band. */
  readonly hazard: readonly number[];
}

export interface ForcedTransition {
  readonly from: Destination;
  /** At the end of this spell week, a person still in the state is moved (unless they stay). */
  readonly atSpellWeek: number;
  readonly stayProbability: number;
  /** Where the moved go; a destination the person is not eligible for falls back to 'job'. */
  readonly to: readonly { readonly state: Destination; readonly probability: number }[];
  readonly rule: string;
}

export interface InterventionTypeParameters {
  readonly type: InterventionType;
  readonly minWeeks: number;
  readonly maxWeeks: number;
  readonly weeklyCostKr: number;
  /** Multiplies exits to job during participation (< 1: lock-in). */
  readonly lockIn: number;
  /** Multiplies exits to job just after the end (> 1), fading: exp(ln(effect) · 0.5^(weeks since end / half-life)). */
  readonly effect: number;
  readonly halfLifeWeeks: number;
}

export interface InterventionStart {
  readonly state: Destination;
  /** Probability of starting an intervention in a week on the benefit, from `minSpellWeek` on. */
  readonly weeklyProbability: number;
  readonly minSpellWeek: number;
  readonly typeProbabilities: Readonly<Record<InterventionType, number>>;
}

export interface Department {
  readonly name: string;
  readonly states: readonly Destination[];
  /** Probability of a contact (samtale or udeblivelse) in a week. */
  readonly weeklyContactProbability: number;
}

export interface SyntheticModel {
  readonly version: string;
  /** The model in words and symbols, as in this module's header. */
  readonly formula: readonly string[];
  readonly states: readonly SimState[];
  readonly durationBands: readonly DurationBand[];
  readonly ageGroups: readonly AgeGroup[];
  readonly referencePerson: { readonly ageGroup: string; readonly sex: Sex; readonly origin: Origin };
  readonly destinationClass: Readonly<Record<Destination, DestinationClass>>;
  readonly covariates: Readonly<Record<DestinationClass, CovariateEffects>>;
  readonly eligibility: Readonly<Record<Destination, Eligibility>>;
  readonly transitions: readonly Transition[];
  readonly relapse: { readonly description: string; readonly multiplierByBand: readonly number[] };
  readonly mortality: {
    readonly weeklyHazardByAgeGroup: readonly number[];
    readonly stateLogHazardRatio: Readonly<Partial<Record<Destination, number>>>;
  };
  readonly emigration: {
    readonly weeklyHazardByOrigin: Readonly<Record<Origin, number>>;
    readonly ageGroupLogHazardRatio: readonly number[];
  };
  readonly municipalityEffect: { readonly description: string; readonly sdLog: number };
  readonly calendar: {
    readonly description: string;
    readonly businessCycle: {
      readonly periodWeeks: number;
      /** YYYYWW of a peak of the cycle (exits to job highest, inflow to unemployment lowest). */
      readonly peakWeek: number;
      readonly jobAmplitudeLog: number;
      readonly unemploymentAmplitudeLog: number;
    };
    readonly season: {
      readonly jobAmplitudeLog: number;
      readonly jobPeakWeekOfYear: number;
      readonly unemploymentAmplitudeLog: number;
      readonly unemploymentPeakWeekOfYear: number;
    };
    readonly shocks: readonly {
      readonly label: string;
      readonly fromWeek: number;
      readonly toWeek: number;
      readonly jobMultiplier: number;
      readonly unemploymentMultiplier: number;
    }[];
  };
  readonly forced: readonly ForcedTransition[];
  readonly interventions: {
    readonly description: string;
    readonly types: readonly InterventionTypeParameters[];
    readonly starts: readonly InterventionStart[];
  };
  readonly population: {
    readonly maleShare: number;
    readonly originShares: Readonly<Record<Origin, number>>;
    readonly entryAge: number;
    readonly entryState: Destination;
    readonly exitAge: number;
    /** Labour force 16-66 as a share of the population 16-66 (the model has no labour-force status). */
    readonly labourForceShare: number;
    readonly description: string;
  };
  readonly initial: {
    readonly description: string;
    readonly burnInWeeks: number;
    /**
     * State shares at the start of the burn-in per group "age group/sex/origin" (e.g. "30-39/K/dansk"):
     * by covariates too, because a draw by age alone would leave the frail in the job pool and the
     * stocks would drift up through the window.
     */
    readonly sharesByGroup: Readonly<Record<string, Readonly<Partial<Record<Destination, number>>>>>;
    /** Elapsed spell weeks at the start of the burn-in are uniform on 0..min(this, weeks since 16). */
    readonly maxElapsedWeeks: Readonly<Record<Destination, number>>;
  };
  readonly caseworkers: {
    readonly description: string;
    readonly departments: readonly Department[];
    /** Cases per caseworker used to size each municipality's pool. */
    readonly caseload: number;
    readonly weeklyChangeProbability: number;
    readonly noShowProbability: Readonly<Partial<Record<Destination, number>>>;
  };
  readonly codes: {
    readonly description: string;
    readonly state: Readonly<Record<Destination, string | null>>;
    readonly foertidspensionBefore2014: { readonly code: string; readonly spellStartBeforeWeek: number };
    readonly fleksjobBefore2013: { readonly code: string; readonly spellStartBeforeWeek: number };
    readonly out: { readonly emigration: string; readonly death: string; readonly age: string };
    /** Codes of the groups that are no state of the model but succeed one through a merge (`reforms`). */
    readonly successors: Readonly<Partial<Record<BenefitCode, string>>>;
  };
  /** The benefit rules (benefit-rules.ts) the simulation applies by calendar week, and how. */
  readonly reforms: { readonly description: string; readonly rules: readonly BenefitRule[] };
  /** BIP's progression measurements of the groups far from work, and how they enter the exit to job. */
  readonly progression: ProgressionModel;
  readonly targets: Targets;
}

/**
 * The progression part (model version synthetic-3): a latent readiness per person, the BIP
 * questionnaire measured about every 13 weeks in the states far from work, and the job hazard's
 * dependence on the latest measurement, on a change of caseworker and on the caseworker's job
 * orientation. Every field is a true parameter that `truth.json` lists.
 */
export interface ProgressionModel {
  readonly description: string;
  /** The questionnaire version the measurements are written with. */
  readonly questionnaire: string;
  /** The states whose persons are measured and whose exits to job depend on the measurements. */
  readonly states: readonly Destination[];
  readonly cadence: {
    readonly description: string;
    /** First measurement of a spell in a spell week drawn uniformly on first..last. */
    readonly firstSpellWeek: { readonly first: number; readonly last: number };
    /** Weeks from one measurement to the next, uniform on min..max. */
    readonly gapWeeks: { readonly min: number; readonly max: number };
  };
  readonly readiness: {
    readonly description: string;
    /** Mean of the readiness drawn in the person's first week in a measured state, by that state. */
    readonly initialMean: Readonly<Partial<Record<Destination, number>>>;
    readonly initialSd: number;
    readonly weeklyDrift: number;
    readonly weeklySd: number;
    /** Added in every week an intervention of the type runs (while in a measured state). */
    readonly weeklyInterventionEffect: Readonly<Record<InterventionType, number>>;
    /** Added once in the week of a change of caseworker (while in a measured state). */
    readonly caseworkerChangeEffect: number;
  };
  readonly scores: {
    readonly description: string;
    /** λ_k: a score's loading on readiness. */
    readonly loading: Readonly<Record<Indicator, number>>;
    readonly caseworkerNoiseSd: number;
    readonly citizenNoiseSd: number;
    /** Added to the citizen's latent score: citizens rate themselves higher than caseworkers do. */
    readonly citizenOffset: number;
    /** Added to the caseworker's latent belief score per standard deviation of their job orientation. */
    readonly beliefPerOrientation: number;
    /** Each answer (score) is left unanswered with this probability. */
    readonly missingShare: number;
  };
  readonly channels: {
    readonly description: string;
    /** P(searching) = logistic(intercept + slope × readiness). */
    readonly searchingIntercept: number;
    readonly searchingSlope: number;
    /** Probability of using each channel, given searching (at least one: internet if none drawn). */
    readonly useGivenSearching: Readonly<Record<Exclude<SearchChannel, 'notSearching'>, number>>;
    /** Probability that the citizen does not answer the channel question (every channel item empty). */
    readonly noAnswerShare: number;
  };
  readonly hazard: {
    readonly description: string;
    /** β_k: log hazard ratio of exits to job per point of the caseworker's score k above 3. */
    readonly perPoint: Readonly<Record<Indicator, number>>;
    /** γ: log hazard ratio of exits to job when the caseworker changed in the last `changeWindowWeeks`. */
    readonly caseworkerChange: number;
    readonly changeWindowWeeks: number;
    /** θ: log hazard ratio of exits to job per standard deviation of the caseworker's job orientation. */
    readonly orientationPerSd: number;
  };
}

export interface Targets {
  readonly source: string;
  /** Share of the population 16-66 on each state. */
  readonly stockShare: Readonly<Partial<Record<Destination, number>>>;
  /** Median spell duration in weeks (Kaplan-Meier over spells starting in the window). */
  readonly medianSpellWeeks: Readonly<Partial<Record<Destination, number>>>;
  readonly notes: readonly string[];
  readonly tolerance: {
    readonly description: string;
    readonly stockShareRelative: number;
    readonly stockShareAbsolute: number;
    readonly medianWeeks: number;
  };
}

const flat = (h: number): number[] => Array<number>(DURATION_BANDS.length).fill(h);
const ALL_AGES = AGE_GROUPS.map((g) => g.label);
const ADULT = ALL_AGES.filter((g) => g !== '16-17');
const FROM_30 = ['30-39', '40-49', '50-59', '60-61', '62-66'];
const UNDER_30 = ['18-24', '25-29'];
const ALL_ORIGINS = [...ORIGINS];

/**
 * Approximate Danish levels, 2016-2024: full-time persons on each benefit as a share of the
 * population 16-66 (jobindsats.dk, rounded) and the median durations a Danish reader expects.
 */
export const TARGETS: Targets = {
  source:
    'Approximate national levels 2016-2024 as shares of the population 16-66 (jobindsats.dk, rounded, as recalled; status assumed). For a realistic demo, not for statistics.',
  stockShare: {
    adagpenge: 0.025,
    kontanthjaelp_jobparat: 0.01,
    kontanthjaelp_aktivitetsparat: 0.02,
    uddannelseshjaelp: 0.01,
    selvforsoergelsesydelse: 0.003,
    sygedagpenge: 0.025,
    jobafklaring: 0.004,
    ressourceforloeb: 0.006,
    revalidering: 0.001,
    ledighedsydelse: 0.004,
    fleksjob: 0.02,
    foertidspension: 0.05,
    efterloen: 0.008,
    su: 0.06,
  },
  medianSpellWeeks: {
    adagpenge: 15,
    sygedagpenge: 8,
    kontanthjaelp_jobparat: 20,
    uddannelseshjaelp: 26,
  },
  notes: [
    'kontanthjælp in total about 3 %: jobparat 1 %, aktivitetsparat 2 %',
    'kontanthjælp aktivitetsparat, ressourceforløb and fleksjob are long: median over a year',
    'førtidspension is absorbing until 67 (leaves only through death or emigration)',
  ],
  tolerance: {
    description:
      'With 20,000 persons or more, the window-average stock share of each state is within the larger of the relative and absolute tolerance of its target, and each median within the given weeks.',
    stockShareRelative: 0.35,
    stockShareAbsolute: 0.002,
    medianWeeks: 4,
  },
};

const K_WEEK = (year: number, week: number) => year * 100 + week;

export const DEFAULT_MODEL: SyntheticModel = {
  version: 'synthetic-3',
  formula: [
    'Weekly discrete time. A person in state s, in week d of the current spell (d = 1 in its first week), in calendar week t, has for each destination j of s (transitions) the hazard',
    'h_sj = base_sj[band(d)] · exp(β_c.ageGroup[g] + β_c.sex[sex] + β_c.origin[origin]) · eligible_j(g, origin) · calendar_c(t) · (c = job ? exp(u_m) · intervention(t) : 1) · (s = job and jobAfterBenefit ? relapse[band(d)] : 1)',
    'where c = destinationClass[j], g the age group on the Monday of week t, u_m the municipality effect, calendar_c(t) from calendarSeries (1 for classes other than job and unemployment), intervention(t) as in interventions.description.',
    'Leaving the population competes: h_death = mortality.weeklyHazardByAgeGroup[g] · exp(mortality.stateLogHazardRatio[s]), h_emigration = emigration.weeklyHazardByOrigin[origin] · exp(emigration.ageGroupLogHazardRatio[g]).',
    'H = Σ_j h_sj + h_death + h_emigration; P(leave s in week t) = 1 − exp(−H) (complementary log-log); P(to j) = h_sj / H · (1 − exp(−H)). The destination is the state of week t + 1, where its spell is in week 1.',
    'Rules: forced transitions act at the end of spell week atSpellWeek on those who did not leave through a hazard; entry in the week whose Monday is on or after the 16th birthday (in population.entryState), and leaving for good in the week whose Monday is on or after the 67th.',
    'synthetic-3: in the states of progression.states, exits to job are further multiplied by progression(t) = exp(Σ_k β_k · (score_k − 3)) · exp(γ · changed_26(t)) · exp(θ · o_c), as in progression.hazard.description; in every other state the model is that of synthetic-2.',
  ],
  states: SIM_STATES,
  durationBands: DURATION_BANDS,
  ageGroups: AGE_GROUPS,
  referencePerson: { ageGroup: '30-39', sex: 'M', origin: 'dansk' },
  destinationClass: {
    job: 'job',
    adagpenge: 'unemployment',
    kontanthjaelp_jobparat: 'unemployment',
    uddannelseshjaelp: 'unemployment',
    selvforsoergelsesydelse: 'unemployment',
    sygedagpenge: 'sickness',
    kontanthjaelp_aktivitetsparat: 'disability',
    jobafklaring: 'disability',
    ressourceforloeb: 'disability',
    revalidering: 'disability',
    ledighedsydelse: 'disability',
    fleksjob: 'disability',
    foertidspension: 'disability',
    su: 'education',
    efterloen: 'retirement',
  },
  covariates: {
    job: {
      ageGroup: [0, 0.1, 0.1, 0, -0.05, -0.3, -0.6, -0.9],
      sex: { M: 0, K: -0.05 },
      origin: { dansk: 0, vestlig: -0.1, 'ikke-vestlig': -0.45 },
    },
    unemployment: {
      ageGroup: [0, 0.4, 0.3, 0, -0.15, -0.15, -0.1, -0.3],
      sex: { M: 0, K: -0.05 },
      origin: { dansk: 0, vestlig: 0.3, 'ikke-vestlig': 0.8 },
    },
    sickness: {
      ageGroup: [-1, -0.5, -0.2, 0, 0.15, 0.3, 0.35, 0.3],
      sex: { M: 0, K: 0.35 },
      origin: { dansk: 0, vestlig: -0.1, 'ikke-vestlig': 0.2 },
    },
    disability: {
      ageGroup: [0, -0.3, -0.1, 0, 0.3, 0.6, 0.7, 0.5],
      sex: { M: 0, K: 0.15 },
      origin: { dansk: 0, vestlig: 0, 'ikke-vestlig': 0.4 },
    },
    education: {
      ageGroup: [0, 2.3, 1.1, 0, -1, -2, -3, -3.5],
      sex: { M: 0, K: 0.2 },
      origin: { dansk: 0, vestlig: 0.3, 'ikke-vestlig': 0 },
    },
    retirement: {
      ageGroup: [0, 0, 0, 0, 0, 0, 0, 0],
      sex: { M: 0, K: 0 },
      origin: { dansk: 0, vestlig: -0.5, 'ikke-vestlig': -0.5 },
    },
  },
  eligibility: {
    job: { ageGroups: ALL_AGES, origins: ALL_ORIGINS },
    adagpenge: { ageGroups: ADULT, origins: ALL_ORIGINS },
    kontanthjaelp_jobparat: { ageGroups: FROM_30, origins: ALL_ORIGINS },
    kontanthjaelp_aktivitetsparat: { ageGroups: FROM_30, origins: ALL_ORIGINS },
    uddannelseshjaelp: { ageGroups: UNDER_30, origins: ALL_ORIGINS },
    selvforsoergelsesydelse: { ageGroups: ADULT, origins: ['vestlig', 'ikke-vestlig'] },
    sygedagpenge: { ageGroups: ALL_AGES, origins: ALL_ORIGINS },
    jobafklaring: { ageGroups: ADULT, origins: ALL_ORIGINS },
    ressourceforloeb: { ageGroups: ADULT, origins: ALL_ORIGINS },
    revalidering: { ageGroups: ADULT, origins: ALL_ORIGINS },
    ledighedsydelse: { ageGroups: ADULT, origins: ALL_ORIGINS },
    fleksjob: { ageGroups: ADULT, origins: ALL_ORIGINS },
    foertidspension: { ageGroups: ADULT, origins: ALL_ORIGINS },
    efterloen: { ageGroups: ['62-66'], origins: ALL_ORIGINS },
    su: { ageGroups: ADULT, origins: ALL_ORIGINS },
  },
  transitions: [
    // job / self-support: inflow to benefits (relapse multiplies these early in a job spell)
    { from: 'job', to: 'adagpenge', hazard: flat(0.00078) },
    { from: 'job', to: 'kontanthjaelp_jobparat', hazard: flat(0.00029) },
    { from: 'job', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.000064) },
    { from: 'job', to: 'uddannelseshjaelp', hazard: flat(0.00037) },
    { from: 'job', to: 'selvforsoergelsesydelse', hazard: flat(0.00021) },
    { from: 'job', to: 'sygedagpenge', hazard: flat(0.0015) },
    { from: 'job', to: 'revalidering', hazard: flat(0.0000058) },
    { from: 'job', to: 'efterloen', hazard: flat(0.00058) },
    { from: 'job', to: 'su', hazard: flat(0.00027) },
    // a-dagpenge (median about 15 weeks; exhaustion after 104 weeks is a rule)
    { from: 'adagpenge', to: 'job', hazard: [0.058, 0.048, 0.036, 0.026, 0.018, 0.018] },
    { from: 'adagpenge', to: 'sygedagpenge', hazard: flat(0.003) },
    { from: 'adagpenge', to: 'kontanthjaelp_jobparat', hazard: flat(0.00045) },
    { from: 'adagpenge', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.00016) },
    { from: 'adagpenge', to: 'uddannelseshjaelp', hazard: flat(0.00045) },
    { from: 'adagpenge', to: 'su', hazard: flat(0.00019) },
    { from: 'adagpenge', to: 'efterloen', hazard: flat(0.0049) },
    // kontanthjælp, jobparat
    { from: 'kontanthjaelp_jobparat', to: 'job', hazard: [0.046, 0.037, 0.027, 0.019, 0.014, 0.011] },
    { from: 'kontanthjaelp_jobparat', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.0032) },
    { from: 'kontanthjaelp_jobparat', to: 'adagpenge', hazard: flat(0.0015) },
    { from: 'kontanthjaelp_jobparat', to: 'su', hazard: flat(0.00027) },
    // kontanthjælp, aktivitetsparat (long)
    {
      from: 'kontanthjaelp_aktivitetsparat',
      to: 'job',
      hazard: [0.006, 0.005, 0.004, 0.003, 0.002, 0.0015],
    },
    {
      from: 'kontanthjaelp_aktivitetsparat',
      to: 'kontanthjaelp_jobparat',
      hazard: [0.0045, 0.0039, 0.0034, 0.0022, 0.0016, 0.0011],
    },
    {
      from: 'kontanthjaelp_aktivitetsparat',
      to: 'ressourceforloeb',
      hazard: [0, 0.00056, 0.0011, 0.0016, 0.0016, 0.0016],
    },
    { from: 'kontanthjaelp_aktivitetsparat', to: 'revalidering', hazard: flat(0.000087) },
    { from: 'kontanthjaelp_aktivitetsparat', to: 'ledighedsydelse', hazard: flat(0.00012) },
    {
      from: 'kontanthjaelp_aktivitetsparat',
      to: 'foertidspension',
      hazard: [0, 0, 0.00029, 0.00055, 0.00084, 0.001],
    },
    { from: 'kontanthjaelp_aktivitetsparat', to: 'su', hazard: flat(0.000092) },
    // uddannelseshjælp (under 30)
    { from: 'uddannelseshjaelp', to: 'su', hazard: [0.0014, 0.0019, 0.0014, 0.00095, 0.00071, 0.0006] },
    { from: 'uddannelseshjaelp', to: 'job', hazard: [0.019, 0.016, 0.013, 0.01, 0.0078, 0.0065] },
    { from: 'uddannelseshjaelp', to: 'ressourceforloeb', hazard: flat(0.00032) },
    { from: 'uddannelseshjaelp', to: 'adagpenge', hazard: flat(0.00052) },
    // selvforsørgelses- og hjemrejseydelse / overgangsydelse
    { from: 'selvforsoergelsesydelse', to: 'job', hazard: [0.012, 0.012, 0.01, 0.008, 0.006, 0.005] },
    { from: 'selvforsoergelsesydelse', to: 'kontanthjaelp_jobparat', hazard: flat(0.0022) },
    { from: 'selvforsoergelsesydelse', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.0008) },
    { from: 'selvforsoergelsesydelse', to: 'uddannelseshjaelp', hazard: flat(0.00089) },
    { from: 'selvforsoergelsesydelse', to: 'su', hazard: flat(0.00027) },
    // sygedagpenge (median about 8 weeks; the 22-week limit is a rule)
    { from: 'sygedagpenge', to: 'job', hazard: [0.14, 0.094, 0.056, 0.037, 0.025, 0.019] },
    { from: 'sygedagpenge', to: 'adagpenge', hazard: [0.002, 0.0031, 0.0041, 0.0041, 0.0031, 0.0031] },
    { from: 'sygedagpenge', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.00041) },
    { from: 'sygedagpenge', to: 'foertidspension', hazard: [0, 0, 0, 0.00037, 0.00074, 0.00074] },
    { from: 'sygedagpenge', to: 'fleksjob', hazard: [0, 0, 0, 0.00038, 0.00075, 0.00075] },
    { from: 'sygedagpenge', to: 'revalidering', hazard: flat(0.000029) },
    // jobafklaringsforløb
    { from: 'jobafklaring', to: 'job', hazard: flat(0.012) },
    { from: 'jobafklaring', to: 'sygedagpenge', hazard: flat(0.0059) },
    {
      from: 'jobafklaring',
      to: 'ressourceforloeb',
      hazard: [0.0011, 0.0032, 0.0043, 0.0043, 0.004, 0.0032],
    },
    { from: 'jobafklaring', to: 'fleksjob', hazard: [0, 0.00075, 0.0016, 0.0023, 0.0023, 0.0023] },
    { from: 'jobafklaring', to: 'ledighedsydelse', hazard: flat(0.0003) },
    { from: 'jobafklaring', to: 'foertidspension', hazard: [0, 0.00074, 0.0014, 0.0014, 0.0023, 0.0023] },
    { from: 'jobafklaring', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.0016) },
    { from: 'jobafklaring', to: 'adagpenge', hazard: flat(0.002) },
    // ressourceforløb (long)
    { from: 'ressourceforloeb', to: 'job', hazard: flat(0.0015) },
    { from: 'ressourceforloeb', to: 'fleksjob', hazard: [0, 0, 0.0016, 0.0023, 0.0032, 0.0032] },
    { from: 'ressourceforloeb', to: 'ledighedsydelse', hazard: flat(0.0003) },
    { from: 'ressourceforloeb', to: 'foertidspension', hazard: [0, 0, 0.00074, 0.0014, 0.0023, 0.003] },
    {
      from: 'ressourceforloeb',
      to: 'kontanthjaelp_aktivitetsparat',
      hazard: [0, 0.0016, 0.0025, 0.0025, 0.0032, 0.0032],
    },
    { from: 'ressourceforloeb', to: 'revalidering', hazard: flat(0.000058) },
    { from: 'ressourceforloeb', to: 'su', hazard: flat(0.000046) },
    // revalidering
    { from: 'revalidering', to: 'job', hazard: [0.005, 0.006, 0.008, 0.01, 0.01, 0.008] },
    { from: 'revalidering', to: 'su', hazard: flat(0.00027) },
    { from: 'revalidering', to: 'kontanthjaelp_aktivitetsparat', hazard: flat(0.0016) },
    { from: 'revalidering', to: 'fleksjob', hazard: flat(0.00097) },
    // ledighedsydelse (visiteret til fleksjob, without one)
    { from: 'ledighedsydelse', to: 'fleksjob', hazard: [0.019, 0.019, 0.013, 0.011, 0.0075, 0.0057] },
    { from: 'ledighedsydelse', to: 'foertidspension', hazard: flat(0.00074) },
    { from: 'ledighedsydelse', to: 'efterloen', hazard: flat(0.0049) },
    { from: 'ledighedsydelse', to: 'job', hazard: flat(0.0005) },
    // fleksjob (long)
    { from: 'fleksjob', to: 'ledighedsydelse', hazard: flat(0.0025) },
    { from: 'fleksjob', to: 'foertidspension', hazard: flat(0.00028) },
    { from: 'fleksjob', to: 'efterloen', hazard: flat(0.004) },
    { from: 'fleksjob', to: 'job', hazard: flat(0.0002) },
    // efterløn: back to work is rare; otherwise until 67
    { from: 'efterloen', to: 'job', hazard: flat(0.0005) },
    // SU: education lasts years
    { from: 'su', to: 'job', hazard: [0.004, 0.004, 0.004, 0.006, 0.008, 0.01] },
    { from: 'su', to: 'uddannelseshjaelp', hazard: flat(0.00071) },
    { from: 'su', to: 'adagpenge', hazard: [0, 0, 0, 0.00052, 0.00097, 0.002] },
    { from: 'su', to: 'kontanthjaelp_jobparat', hazard: flat(0.00022) },
  ],
  relapse: {
    description:
      "Exits from 'job' to any destination (not death or emigration) are multiplied by this factor per band of the job spell's weeks when the job spell followed another state (a benefit or SU); job spells at entry at 16 or drawn at the start of the burn-in are not.",
    multiplierByBand: [3, 2, 1.4, 1.15, 1, 1],
  },
  mortality: {
    weeklyHazardByAgeGroup: [0.000005, 0.00001, 0.00001, 0.000015, 0.00003, 0.00008, 0.00016, 0.00022],
    stateLogHazardRatio: {
      foertidspension: 1.2,
      ressourceforloeb: 0.7,
      jobafklaring: 0.7,
      sygedagpenge: 0.8,
      kontanthjaelp_aktivitetsparat: 0.5,
      fleksjob: 0.3,
    },
  },
  emigration: {
    weeklyHazardByOrigin: { dansk: 0.00006, vestlig: 0.0006, 'ikke-vestlig': 0.0002 },
    ageGroupLogHazardRatio: [-1, 0.3, 0.5, 0, -0.5, -1, -1, -1],
  },
  municipalityEffect: {
    description:
      'Each municipality m has a log effect u_m = v_m − (person-weighted mean of v over the chosen municipalities), v_m ~ Normal(0, sdLog^2) drawn from the seed and the municipality code; exp(u_m) multiplies exits to job (destination class job). truth.json lists u_m.',
    sdLog: 0.15,
  },
  calendar: {
    description:
      'calendar_job(t) = exp(jobAmplitudeLog · cos(2π (t − peak) / periodWeeks)) · exp(season.jobAmplitudeLog · cos(2π (weekOfYear − jobPeakWeekOfYear) / 52)) · shock.jobMultiplier; calendar_unemployment(t) = exp(−unemploymentAmplitudeLog · cos(2π (t − peak) / periodWeeks)) · exp(season.unemploymentAmplitudeLog · cos(2π (weekOfYear − unemploymentPeakWeekOfYear) / 52)) · shock.unemploymentMultiplier; t and peak are week indices; other destination classes have no calendar effect. truth.json lists both series week by week.',
    businessCycle: {
      periodWeeks: 417,
      peakWeek: K_WEEK(2019, 26),
      jobAmplitudeLog: 0.15,
      unemploymentAmplitudeLog: 0.15,
    },
    season: {
      jobAmplitudeLog: 0.1,
      jobPeakWeekOfYear: 16,
      unemploymentAmplitudeLog: 0.15,
      unemploymentPeakWeekOfYear: 1,
    },
    shocks: [
      {
        label: 'COVID-19 lockdown, spring 2020',
        fromWeek: K_WEEK(2020, 12),
        toWeek: K_WEEK(2020, 22),
        jobMultiplier: 0.6,
        unemploymentMultiplier: 2,
      },
    ],
  },
  forced: [
    {
      from: 'sygedagpenge',
      atSpellWeek: 22,
      stayProbability: 0.6,
      to: [{ state: 'jobafklaring', probability: 1 }],
      rule: 'Sygedagpengeloven § 24: sygedagpenge stop after 22 weeks within 9 months unless extended (§ 27, stayProbability); the others move to a jobafklaringsforløb. Approximated as spell week 22.',
    },
    {
      from: 'adagpenge',
      atSpellWeek: 104,
      stayProbability: 0,
      to: [
        { state: 'job', probability: 0.55 },
        { state: 'kontanthjaelp_jobparat', probability: 0.35 },
        { state: 'kontanthjaelp_aktivitetsparat', probability: 0.1 },
      ],
      rule: 'Dagpengeperioden: 2 years within 3 (3,848 hours). Those who exhaust it move to kontanthjælp if eligible (30+; under 30 fall back to job, i.e. no benefit) or to self-support.',
    },
  ],
  interventions: {
    description:
      'At the start of a week on an eligible benefit from spell week minSpellWeek on, with no intervention running, one starts with weeklyProbability; its type is drawn with typeProbabilities and its length uniformly on minWeeks..maxWeeks. It ends at its last week or the last week of the spell, whichever is first. During participation (start..end) exits to job are multiplied by lockIn; after it, by exp(ln(effect) · 0.5^((t − end) / halfLifeWeeks)) for the most recent intervention only, in any later spell too. cost = weeks × weeklyCostKr.',
    types: [
      {
        type: 'virksomhedspraktik',
        minWeeks: 4,
        maxWeeks: 13,
        weeklyCostKr: 600,
        lockIn: 0.8,
        effect: 1.5,
        halfLifeWeeks: 26,
      },
      {
        type: 'loentilskud',
        minWeeks: 13,
        maxWeeks: 26,
        weeklyCostKr: 3500,
        lockIn: 0.65,
        effect: 1.6,
        halfLifeWeeks: 39,
      },
      {
        type: 'vejledning_opkvalificering',
        minWeeks: 2,
        maxWeeks: 8,
        weeklyCostKr: 2500,
        lockIn: 0.5,
        effect: 1.1,
        halfLifeWeeks: 13,
      },
      {
        type: 'mentor',
        minWeeks: 8,
        maxWeeks: 26,
        weeklyCostKr: 1000,
        lockIn: 0.95,
        effect: 1.2,
        halfLifeWeeks: 26,
      },
    ],
    starts: [
      {
        state: 'adagpenge',
        weeklyProbability: 0.012,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.25,
          loentilskud: 0.2,
          vejledning_opkvalificering: 0.45,
          mentor: 0.1,
        },
      },
      {
        state: 'kontanthjaelp_jobparat',
        weeklyProbability: 0.015,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.4,
          loentilskud: 0.15,
          vejledning_opkvalificering: 0.35,
          mentor: 0.1,
        },
      },
      {
        state: 'kontanthjaelp_aktivitetsparat',
        weeklyProbability: 0.012,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.4,
          loentilskud: 0.05,
          vejledning_opkvalificering: 0.2,
          mentor: 0.35,
        },
      },
      {
        state: 'uddannelseshjaelp',
        weeklyProbability: 0.015,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.35,
          loentilskud: 0.1,
          vejledning_opkvalificering: 0.4,
          mentor: 0.15,
        },
      },
      {
        state: 'selvforsoergelsesydelse',
        weeklyProbability: 0.02,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.5,
          loentilskud: 0.15,
          vejledning_opkvalificering: 0.25,
          mentor: 0.1,
        },
      },
      {
        state: 'sygedagpenge',
        weeklyProbability: 0.006,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.5,
          loentilskud: 0,
          vejledning_opkvalificering: 0.2,
          mentor: 0.3,
        },
      },
      {
        state: 'ressourceforloeb',
        weeklyProbability: 0.015,
        minSpellWeek: 5,
        typeProbabilities: {
          virksomhedspraktik: 0.4,
          loentilskud: 0.05,
          vejledning_opkvalificering: 0.15,
          mentor: 0.4,
        },
      },
    ],
  },
  population: {
    maleShare: 0.5,
    originShares: { dansk: 0.86, vestlig: 0.05, 'ikke-vestlig': 0.09 },
    entryAge: 16,
    entryState: 'job',
    exitAge: 67,
    labourForceShare: 0.78,
    description:
      'Birth dates are uniform over the days that make a person 16-66 on the Monday of at least one week of the window; sex and origin are independent of age and municipality. The population is closed apart from entry at 16 and leaving at 67, death and emigration: no immigration and no moves between municipalities.',
  },
  initial: {
    description:
      "At the start of the burn-in (burnInWeeks before the first week of the window) a person already 16 is drawn into a state with the shares of their age group, sex and origin (the model's own long-run shares, from a simulation with a 52-year burn-in) and an elapsed spell length; the burn-in is simulated and discarded, so spells running at the window start are left-truncated with realistic elapsed durations.",
    burnInWeeks: 156,
    sharesByGroup: INITIAL_SHARES,
    maxElapsedWeeks: {
      job: 520,
      adagpenge: 52,
      kontanthjaelp_jobparat: 52,
      kontanthjaelp_aktivitetsparat: 260,
      uddannelseshjaelp: 104,
      selvforsoergelsesydelse: 104,
      sygedagpenge: 13,
      jobafklaring: 52,
      ressourceforloeb: 156,
      revalidering: 104,
      ledighedsydelse: 104,
      fleksjob: 520,
      foertidspension: 1040,
      efterloen: 156,
      su: 156,
    },
  },
  caseworkers: {
    description:
      "A person gets a caseworker of the department of their benefit in the first week on it, drawn uniformly from the municipality's pool (size max(1, ceil(persons × target share of the department's benefits / caseload))); they keep the caseworker while the department stays the same, and in each later week change to another with weeklyChangeProbability. Caseworkers affect the hazards only in the states of progression.states (a change of caseworker and the caseworker's job orientation, see progression.hazard).",
    departments: [
      { name: 'Forsikrede ledige', states: ['adagpenge'], weeklyContactProbability: 0.2 },
      {
        name: 'Jobcenter Ydelse',
        states: ['kontanthjaelp_jobparat', 'kontanthjaelp_aktivitetsparat', 'selvforsoergelsesydelse'],
        weeklyContactProbability: 0.2,
      },
      { name: 'Ungeenheden', states: ['uddannelseshjaelp'], weeklyContactProbability: 0.25 },
      { name: 'Sygedagpenge', states: ['sygedagpenge', 'jobafklaring'], weeklyContactProbability: 0.15 },
      { name: 'Rehabilitering', states: ['ressourceforloeb', 'revalidering'], weeklyContactProbability: 0.2 },
      { name: 'Fleksjob', states: ['ledighedsydelse', 'fleksjob'], weeklyContactProbability: 0.04 },
    ],
    caseload: 40,
    weeklyChangeProbability: 0.008,
    noShowProbability: {
      adagpenge: 0.03,
      kontanthjaelp_jobparat: 0.08,
      kontanthjaelp_aktivitetsparat: 0.15,
      uddannelseshjaelp: 0.15,
      selvforsoergelsesydelse: 0.1,
      sygedagpenge: 0.05,
      jobafklaring: 0.05,
      ressourceforloeb: 0.08,
      revalidering: 0.05,
      ledighedsydelse: 0.05,
      fleksjob: 0.03,
    },
  },
  codes: {
    description:
      "DREAM cell of a week: the state's code below (one code per benefit group, from DEFAULT_DREAM_CODES); empty for 'job' and for the weeks before entry at 16 (DREAM has no code for either). Leaving the population: 997 (udvandret) from the week after emigration, 998 (død) from the week after death, and 711 (folkepension) from the week of the 67th birthday, because a DREAM person past pension age is on folkepension: importers should treat age 67+ as outside the population 16-66.",
    state: {
      adagpenge: '111',
      kontanthjaelp_jobparat: '130',
      kontanthjaelp_aktivitetsparat: '131',
      uddannelseshjaelp: '132',
      selvforsoergelsesydelse: '133',
      sygedagpenge: '890',
      jobafklaring: '672',
      ressourceforloeb: '671',
      revalidering: '601',
      ledighedsydelse: '663',
      fleksjob: '661',
      foertidspension: '612',
      efterloen: '621',
      su: '651',
      job: null,
    },
    foertidspensionBefore2014: { code: '611', spellStartBeforeWeek: K_WEEK(2014, 27) },
    fleksjobBefore2013: { code: '662', spellStartBeforeWeek: K_WEEK(2013, 1) },
    out: { emigration: '997', death: '998', age: '711' },
    successors: {
      kontanthjaelp_forhoejet: '135',
      kontanthjaelp_grundsats: '136',
      kontanthjaelp_mindstesats: '137',
    },
  },
  reforms: {
    description:
      "The model's states are the persons' situations, and the hazards stay those of the states whatever the calendar week. The rules change what is written and who may enter. A merge changes the code: from its first week the cell of a person in a merged state holds the code of its successor (codes.state, or codes.successors for a group that is no state), e.g. kontanthjaelp_jobparat and kontanthjaelp_aktivitetsparat → kontanthjaelp_forhoejet (135), uddannelseshjaelp → kontanthjaelp_grundsats (136), selvforsoergelsesydelse → kontanthjaelp_mindstesats (137) from 2025-W27; the spell, its duration and the hazards carry on unchanged (the same person in the same situation), and no merged group's code is written after its last week. A move between two states written with the same code (jobparat to aktivitetsparat after the merge) starts a new spell in the model but none in the data. A closure to new cases makes its groups destinations no one is eligible for from its first week: the hazards into them are 0 (the persons stay where they are and leave by their other hazards), a forced move into one falls back to job, and no initial state is drawn in them; persons already on them run out by their own hazards.",
    rules: BENEFIT_RULES,
  },
  progression: {
    description:
      "BIP (RULES.md §7, seed 002): persons in the states far from work (kontanthjælp aktivitetsparat, ressourceforløb, jobafklaring: the groups BIP measured and their neighbours on the way to fleksjob and førtidspension) are measured with questionnaire bip-1 about every 13 weeks while in them. Each person has a latent readiness r (readiness.description), drawn in their first week in a measured state and kept for life (outside the measured states it stands still). A measurement in week t writes the citizen's nine and the caseworker's eleven scores (scores.description) and the citizen's job-search channels (channels.description), and from then on until the next measurement of the spell sets the job hazard's score factor (hazard.description). Only measurements in the window are written; those of the burn-in act on the hazards all the same. Persons who are never in a measured state are simulated exactly as in synthetic-2: all the new randomness comes from streams of its own (person i: stream (seed, 5, i); caseworker n of municipality m: stream (seed, 6, m · 1,000,000 + n)).",
    questionnaire: 'bip-1',
    states: ['kontanthjaelp_aktivitetsparat', 'ressourceforloeb', 'jobafklaring'],
    cadence: {
      description:
        'In each spell in a measured state, the first measurement is in a spell week drawn uniformly on firstSpellWeek.first..last (a spell already running at the start of the burn-in, or one past that week when first seen, is first measured within the next gapWeeks.max weeks, uniformly), and each next one gapWeeks.min..gapWeeks.max weeks after the previous one (mean 13), while the spell lasts. A measurement is on a weekday of its week drawn uniformly, by the caseworker assigned in that week.',
      firstSpellWeek: { first: 2, last: 6 },
      gapWeeks: { min: 11, max: 15 },
    },
    readiness: {
      description:
        'r ~ Normal(initialMean[state of the first measured spell], initialSd²). In every week in a measured state, after the caseworker step: r ← r + weeklyDrift + weeklySd · ε (ε standard normal) + weeklyInterventionEffect[type] while an intervention of that type runs + caseworkerChangeEffect in the week the caseworker changes (a change to another caseworker of the same department; a new department gives a new caseworker but is no change). The week’s measurement, if any, reads r after this step.',
      initialMean: { kontanthjaelp_aktivitetsparat: -0.8, ressourceforloeb: -1.3, jobafklaring: -0.6 },
      initialSd: 1,
      weeklyDrift: 0,
      weeklySd: 0.05,
      weeklyInterventionEffect: {
        virksomhedspraktik: 0.08,
        loentilskud: 0.025,
        vejledning_opkvalificering: 0.05,
        mentor: 0.012,
      },
      caseworkerChangeEffect: -0.15,
    },
    scores: {
      description:
        "Caseworker's score k = round(clamp(3 + loading_k · r + (k = caseworkerBelief ? beliefPerOrientation · o_c : 0) + caseworkerNoiseSd · ε, 1, 5)) for the eleven indicators, o_c the measuring caseworker's job orientation (hazard.description); the citizen's score k = round(clamp(3 + citizenOffset + loading_k · r + citizenNoiseSd · ε, 1, 5)) for the nine citizen indicators; ε independent standard normals per answer; round half up. Each answer is then left empty with probability missingShare. The caseworker's belief score 1-5 is the answer Nej, Tvivler, Det svinger, Gode chancer, Ja.",
      loading: {
        jobSearch: 1,
        health: 0.9,
        labourMarketKnowledge: 0.8,
        everydayCoping: 0.9,
        concentration: 0.8,
        network: 0.7,
        selfBelief: 1,
        caseworkerBelief: 1,
        cooperation: 0.8,
        contact: 0.8,
        goalOrientation: 0.9,
      },
      caseworkerNoiseSd: 0.4,
      citizenNoiseSd: 0.8,
      citizenOffset: 0.3,
      beliefPerOrientation: 0.4,
      missingShare: 0.02,
    },
    channels: {
      description:
        "The citizen's job-search channels at a measurement: with probability noAnswerShare no answer (every channel item empty); otherwise searching with probability logistic(searchingIntercept + searchingSlope · r); a searcher uses each channel independently with useGivenSearching (internet if none is drawn), and channel:notSearching is 0; a non-searcher has channel:notSearching 1 and every other channel 0. BIP: 64 % not searching, 6 % no answer; newspapers 14 %, internet 18 %, unsolicited 15 %, network 17 %, placement 8 %, temp agency 3 % of all.",
      searchingIntercept: -0.4,
      searchingSlope: 1.2,
      useGivenSearching: {
        newspapers: 0.47,
        internet: 0.6,
        unsolicited: 0.5,
        network: 0.57,
        placement: 0.27,
        tempAgency: 0.1,
      },
      noAnswerShare: 0.06,
    },
    hazard: {
      description:
        "In a measured state, exits to job (class job) are multiplied by exp(Σ_k perPoint_k · (s_k − 3)) · exp(caseworkerChange · changed(t)) · exp(orientationPerSd · o_c). s_k is the caseworker's score k of the latest measurement in the current spell, the week of the measurement included (a measurement in week t already acts on the exit at the end of week t, i.e. on the state of week t + 1); an empty answer counts as 3; before the spell's first measurement the first factor is 1 (a new spell in a measured state, e.g. aktivitetsparat → ressourceforløb, starts without scores; readiness carries over). changed(t) = 1 if the caseworker changed (to another of the same department) in weeks t − changeWindowWeeks + 1..t, else 0 (BIP: a change lowers the job chance by 22 %, γ = ln 0.78). o_c ~ Normal(0, 1) is the job orientation of the caseworker assigned in week t, fixed per caseworker (truth.json lists every caseworker's); a caseworker with orientation above the mean against one below has exp(orientationPerSd · 2 · √(2/π)) = 1.32 times the job hazard (BIP: +32 %). These factors multiply the job hazard of synthetic-2 (base, covariates, calendar, municipality, interventions) and nothing else.",
      perPoint: {
        jobSearch: 0.25,
        health: 0.15,
        labourMarketKnowledge: 0,
        everydayCoping: 0,
        concentration: 0,
        network: 0,
        selfBelief: 0.15,
        caseworkerBelief: 0.5,
        cooperation: 0,
        contact: 0,
        goalOrientation: 0.1,
      },
      caseworkerChange: Math.log(0.78),
      changeWindowWeeks: 26,
      orientationPerSd: Math.log(1.32) / (2 * Math.sqrt(2 / Math.PI)),
    },
  },
  targets: TARGETS,
};
