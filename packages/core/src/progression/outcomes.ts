/**
 * BIP's indicators linked to outcomes (issue 16, "Linking to outcomes"): plain arrays in, estimates
 * out, no I/O. The server reads the measurements, the register's spells, interventions and caseworker
 * assignments into {@link OutcomePerson}s; {@link analyseOutcomes} fits everything the outcome page
 * shows.
 *
 * **Indicators → job.** A discrete-time hazard of entering work: in each spell on public support (a
 * benefit; facts.ts's spells, one state each) a person is at risk in each week from the spell's first
 * final measurement on, until the week they leave the spell for work (the event: in work the week
 * after) or the spell ends otherwise (another benefit, education, out, the data's end: censored). The
 * covariates of a week are the caseworker's scores of the latest final measurement in the spell, per
 * scale point (time-varying: a new measurement changes them; a new spell starts without scores, as the
 * synthetic truth has it), and the register's: the spell's benefit (target group), age group, sex, origin, the band of the spell's
 * weeks so far (a spell already running when the data begin counts from the data's first week), the
 * calendar year, and the week's activity (an intervention running, or in the year after its end:
 * interventions raise the indicators and change the job hazard themselves, lock-in first).
 * A person has as many episodes as measured spells. The model is a binomial GLM with the complementary log-log link, so
 * exp(β) is the hazard ratio of a continuous-time proportional-hazards model observed weekly
 * (Prentice & Gloeckler 1978). Weeks with identical covariates are grouped into one binomial row of
 * (events, trials): the binomial likelihood of a group equals the product of its weeks' Bernoulli
 * likelihoods up to the constant log C(trials, events), so the estimates and their standard errors
 * are those of the person-week fit, from a few rows per measurement instead of a row per week.
 *
 * **How much the indicators add.** Per measurement on support: "in work within 26 weeks" (a
 * measurement without 26 weeks of follow-up and no job is left out) by a logistic GLM on the register
 * covariates, and on them plus the indicators; discrimination as the area under the ROC curve with
 * DeLong's standard error, the paired DeLong test of the difference, and McFadden's and Nagelkerke's
 * R². The same for job search: whether the citizen searches (any channel but `notSearching`) at the
 * next measurement, from this one, so that the citizen's own answer is not on both sides. The AUC is
 * in-sample and its standard error treats measurements as independent; a person measured often
 * weighs more.
 *
 * **Interventions → indicators.** Within person (fixed effects: every variable demeaned per person):
 * each caseworker score, and their mean, on dummies for the weeks since the latest start of each
 * intervention type (bins 0-12, 13-25, 26+; before a first start or never is the reference) and the
 * years since the person's first measurement (the drift every person has); OLS with standard errors
 * clustered by person (CR1, Stata's small-sample factor).
 *
 * **The caseworker.** The share in work within 52 weeks by the caseworker's belief answer (BIP's
 * 1.1 / 2.7 / 4.9 / 10.4 / 26.8 %). A change of caseworker within the last 26 weeks (an assignment
 * to another caseworker of the same department than the one before; a new department's caseworker is
 * a handover with the case, as the synthetic truth has it) and the current caseworker's job orientation (the mean
 * belief answer over their other citizens' measurements, the person's own left out, each answer taken
 * against the mean answer for its target group so that a caseload far from work does not pass for
 * pessimism; at or above the median of caseworkers' means = high) as time-varying covariates of the hazard, with the register
 * covariates alone and with the indicators too.
 *
 * **Validity over time.** The indicators' model fitted again on the weeks whose latest measurement
 * was taken in each half-year (or year), so that a municipality sees if its measurements stop
 * predicting.
 */

import { normalCdf } from '../distributions.ts';
import { designMatrix, type Table } from '../regression/design.ts';
import { fitGlm, GlmError, type GlmFit } from '../regression/glm.ts';
import { isFew } from '../access/suppression.ts';
import { yearWeekOf } from '../weeks.ts';
import {
  BELIEF_ANSWERS,
  BIP_SHARE_IN_WORK_BY_BELIEF,
  CASEWORKER_INDICATORS,
  type Indicator,
} from './indicators.ts';

/** One register spell of a person: consecutive weeks in one state. */
export interface OutcomeSpell {
  readonly first: number;
  readonly last: number;
  /** On public income support (a benefit), rather than in work, education or out. */
  readonly onSupport: boolean;
  /** The spell ended with work the week after (destination `job`). */
  readonly toJob: boolean;
  /**
   * The benefit (target group) recorded for the spell, if known: the groups differ in how near work
   * their citizens are and in how fast they leave, so the models hold it.
   */
  readonly benefit?: string | null;
}

/** One final measurement: the caseworker's scores, and whether the citizen searches for work. */
export interface OutcomeMeasurement {
  /** Week index of the day measured. */
  readonly week: number;
  /** Who measured (register id), if known. */
  readonly caseworker: string | null;
  /** The caseworker's answers, 1-5; absent or null where left unanswered. */
  readonly scores: Readonly<Partial<Record<Indicator, number | null>>>;
  /** Any channel other than notSearching chosen: true; only notSearching: false; no channel answered: null. */
  readonly searching: boolean | null;
}

export interface OutcomeIntervention {
  readonly type: string;
  readonly start: number;
  /** The last week, or null while it runs. */
  readonly end: number | null;
}

export interface OutcomeAssignment {
  readonly caseworker: string;
  /** The caseworker's department, if known: a new department's caseworker is a handover, not a change. */
  readonly department: string | null;
  readonly from: number;
  readonly to: number | null;
}

/** Everything the analysis needs of one person, weeks as week indices. */
export interface OutcomePerson {
  readonly id: number;
  readonly birthYear: number | null;
  readonly sex: string | null;
  readonly origin: string | null;
  /** Oldest first. */
  readonly spells: readonly OutcomeSpell[];
  /** The last week the person is observed: the end of follow-up. */
  readonly observedUntil: number;
  /** Final measurements, any order. */
  readonly measurements: readonly OutcomeMeasurement[];
  readonly interventions: readonly OutcomeIntervention[];
  readonly assignments: readonly OutcomeAssignment[];
}

export interface OutcomeOptions {
  /** The indicators of the model (the caseworker's scores); default all eleven. */
  readonly indicators?: readonly Indicator[];
  /** "In work within" for discrimination; default 26 weeks. */
  readonly jobWithinWeeks?: number;
  /** "Later in work" for the belief table; default 52 weeks. */
  readonly beliefWithinWeeks?: number;
  /** A caseworker change counts this many weeks; default 26. */
  readonly changeWindowWeeks?: number;
  /** Validity re-estimated per half-year (default) or year of measurement. */
  readonly validityPeriod?: 'half-year' | 'year';
  /** A period's model needs this many events; default 20. */
  readonly minEvents?: number;
  /** A caseworker's orientation needs this many measurements of other citizens; default 5. */
  readonly minCaseworkerMeasurements?: number;
  /** IRLS convergence (glm.control's epsilon); default R's 1e-8. */
  readonly epsilon?: number;
}

export interface OutcomeEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
}

/** One coefficient of a hazard model as a hazard ratio with its 95 % interval. */
export interface HazardRatio {
  readonly term: string;
  readonly coef: number;
  readonly se: number;
  readonly hazardRatio: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
}

export interface HazardModel {
  readonly covariates: readonly string[];
  /** Binomial rows after grouping. */
  readonly rows: number;
  readonly personWeeks: number;
  readonly events: number;
  readonly persons: number;
  /** Every coefficient but the intercept. */
  readonly terms: readonly HazardRatio[];
  readonly logLik: number;
  readonly aic: number;
  readonly converged: boolean;
}

export interface IndicatorHazard {
  readonly indicator: Indicator;
  /** Per scale point, adjusted for the other indicators and the register covariates. */
  readonly hazardRatio: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
}

export interface ExplainedVariation {
  readonly auc: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly mcFadden: number;
  readonly nagelkerke: number;
}

export interface Discrimination {
  readonly outcome: 'job' | 'jobSearch';
  /** job: in work within this many weeks; jobSearch: searching at the next measurement. */
  readonly withinWeeks: number | null;
  readonly observations: number;
  readonly persons: number;
  readonly positives: number;
  readonly register: ExplainedVariation;
  readonly indicators: ExplainedVariation;
  /** AUC with the indicators minus without, DeLong's paired test. */
  readonly aucDifference: OutcomeEstimate;
}

export interface InterventionBinChange {
  readonly type: string;
  /** Weeks since the latest start: `0-12`, `13-25`, `26+`. */
  readonly bin: string;
  readonly measurements: number;
  readonly persons: number;
  /** Change in each indicator's score (and `mean`, of all of them) against before the start, within person. */
  readonly change: Readonly<Partial<Record<Indicator | 'mean', OutcomeEstimate>>>;
}

export interface InterventionEffects {
  readonly persons: number;
  readonly measurements: number;
  readonly bins: readonly string[];
  readonly rows: readonly InterventionBinChange[];
}

export interface BeliefRow {
  readonly answer: number;
  readonly label: (typeof BELIEF_ANSWERS)[number];
  readonly measurements: number;
  readonly persons: number;
  readonly inWork: number;
  readonly share: number | null;
  /** BIP's published share. */
  readonly bip: number;
}

export interface CaseworkerEffects {
  readonly withinWeeks: number;
  readonly belief: readonly BeliefRow[];
  readonly changeWindowWeeks: number;
  /** Hazard ratio of a caseworker change: with the register covariates, and with the indicators too. */
  readonly change: { readonly register: HazardRatio | null; readonly adjusted: HazardRatio | null };
  /**
   * Hazard ratio of a high against a low job orientation of the current caseworker. The models hold
   * the orientation as a number (the caseworker's mean relative belief in standard deviations of the
   * caseworkers' means); high against low is that coefficient times `gap`.
   */
  readonly orientation: {
    /** Median of the caseworkers' mean relative belief answers: at or above it is high. */
    readonly threshold: number | null;
    readonly caseworkers: number;
    /** Mean orientation (in standard deviations) of the high half minus that of the low half. */
    readonly gap: number | null;
    readonly register: HazardRatio | null;
    readonly adjusted: HazardRatio | null;
  };
}

export interface ValidityPeriod {
  /** `2025H1`, `2025H2` or `2025`. */
  readonly period: string;
  readonly persons: number;
  readonly personWeeks: number;
  readonly events: number;
  /** Null when the period has fewer events than minEvents or the fit fails. */
  readonly perPoint: readonly IndicatorHazard[] | null;
}

export interface OutcomeAnalysis {
  readonly indicators: readonly Indicator[];
  readonly sample: {
    readonly persons: number;
    readonly measurements: number;
    /** Measurements with every indicator answered, the ones the models use. */
    readonly completeMeasurements: number;
    readonly personWeeks: number;
    readonly events: number;
    /** Weeks at risk left out because their latest measurement lacks an indicator. */
    readonly incompleteWeeks: number;
    /** Binomial rows of the indicators' model. */
    readonly rows: number;
  };
  readonly hazard: {
    readonly register: HazardModel | null;
    readonly indicators: HazardModel | null;
    readonly perPoint: readonly IndicatorHazard[];
  };
  readonly discrimination: { readonly job: Discrimination | null; readonly jobSearch: Discrimination | null };
  readonly interventions: InterventionEffects | null;
  readonly caseworker: CaseworkerEffects;
  readonly validity: readonly ValidityPeriod[];
  /** What could not be estimated, and why. */
  readonly notes: readonly string[];
}

const Z95 = 1.959963984540054;

/** The age groups of the outcome models: coarser than jobindsats', as the groups are small. */
export const OUTCOME_AGE_GROUPS = ['16-29', '30-39', '40-49', '50+'] as const;
/** Bands of the spell's weeks so far. */
export const SUPPORT_BANDS = ['1-13', '14-26', '27-52', '53-104', '105-156', '157+'] as const;
/** Weeks after an intervention's end that it is still the week's activity (its after-effect). */
export const AFTER_INTERVENTION_WEEKS = 52;
/** Bins of weeks since an intervention's start. */
export const INTERVENTION_BINS = ['0-12', '13-25', '26+'] as const;

function ageGroupIndex(birthYear: number | null, week: number): number {
  if (birthYear === null) return OUTCOME_AGE_GROUPS.length;
  const age = yearWeekOf(week).year - birthYear;
  return age < 30 ? 0 : age < 40 ? 1 : age < 50 ? 2 : 3;
}

function ageGroupLabel(index: number): string {
  return OUTCOME_AGE_GROUPS[index] ?? 'unknown';
}

function bandIndex(weeksOnSupport: number): number {
  const d = weeksOnSupport;
  return d <= 13 ? 0 : d <= 26 ? 1 : d <= 52 ? 2 : d <= 104 ? 3 : d <= 156 ? 4 : 5;
}

/**
 * The week's activity: the most recent intervention started by `week`, `running` until its end and
 * `after` for AFTER_INTERVENTION_WEEKS weeks after it (lock-in, then the effect), else `none`.
 * Interventions move the indicators and the job hazard both, so the hazard model holds them; not by
 * type, which would double the model's columns and its time for a few events each.
 */
function activityAt(interventions: readonly OutcomeIntervention[], week: number): string {
  let latest: OutcomeIntervention | null = null;
  for (const i of interventions) if (i.start <= week && (!latest || i.start > latest.start)) latest = i;
  if (!latest) return 'none';
  if (latest.end === null || week <= latest.end) return 'running';
  return week - latest.end <= AFTER_INTERVENTION_WEEKS ? 'after' : 'none';
}

function binIndex(weeksSince: number): number {
  return weeksSince < 13 ? 0 : weeksSince < 26 ? 1 : 2;
}

function periodOf(week: number, by: 'half-year' | 'year'): string {
  const { year, week: w } = yearWeekOf(week);
  return by === 'year' ? String(year) : `${year}H${w <= 26 ? 1 : 2}`;
}

/** A person made ready: measurements sorted, spells on support, caseworker change weeks. */
interface Prepared {
  readonly person: OutcomePerson;
  readonly measurements: readonly OutcomeMeasurement[];
  /** The spells on public support, oldest first. */
  readonly spells: readonly OutcomeSpell[];
  /** Weeks in which the person enters work: the week after a spell on support ending in work. */
  readonly jobEntries: readonly number[];
  readonly changes: readonly number[];
  readonly assignments: readonly OutcomeAssignment[];
  readonly sex: string;
  readonly origin: string;
}

function prepare(person: OutcomePerson): Prepared {
  // Two measurements in one week: the later in the input is kept.
  const byWeek = new Map<number, OutcomeMeasurement>();
  for (const m of person.measurements) byWeek.set(m.week, m);
  const measurements = [...byWeek.values()].sort((a, b) => a.week - b.week);
  const spells = person.spells.filter((s) => s.onSupport).sort((a, b) => a.first - b.first);
  const assignments = [...person.assignments].sort((a, b) => a.from - b.from);
  const changes: number[] = [];
  for (let k = 1; k < assignments.length; k++) {
    const [before, after] = [assignments[k - 1]!, assignments[k]!];
    const sameDepartment =
      before.department === null || after.department === null || before.department === after.department;
    if (after.caseworker !== before.caseworker && sameDepartment) changes.push(after.from);
  }
  return {
    person,
    measurements,
    spells,
    jobEntries: spells.filter((s) => s.toJob).map((s) => s.last + 1),
    changes,
    assignments,
    sex: person.sex ?? 'unknown',
    origin: person.origin ?? 'unknown',
  };
}

/** The spell on support holding `week`, or null. */
function spellAt(p: Prepared, week: number): OutcomeSpell | null {
  for (const s of p.spells) if (s.first <= week && week <= s.last) return s;
  return null;
}

/** The benefit of the spell on support holding `week`, `unknown` if none is recorded. */
function benefitAt(p: Prepared, week: number): string {
  return spellAt(p, week)?.benefit ?? 'unknown';
}

/** The caseworker assigned in `week`, or null. */
function caseworkerAt(p: Prepared, week: number): string | null {
  let found: string | null = null;
  for (const a of p.assignments) if (a.from <= week && (a.to === null || week <= a.to)) found = a.caseworker;
  return found;
}

/** Whether the person entered work within (week, week + within], or null when follow-up is too short to say. */
function inWorkWithin(p: Prepared, week: number, within: number): boolean | null {
  for (const e of p.jobEntries) if (e > week && e <= week + within) return true;
  return p.person.observedUntil >= week + within ? false : null;
}

function isComplete(m: OutcomeMeasurement, indicators: readonly Indicator[]): boolean {
  return indicators.every((k) => {
    const v = m.scores[k];
    return typeof v === 'number' && Number.isFinite(v);
  });
}

/**
 * The caseworkers' job orientation: per caseworker the sum and count of belief answers of the
 * measurements they made (the measurement's caseworker, else the one assigned that week), per person
 * too so that a person's own answers can be left out.
 */
interface Orientation {
  readonly threshold: number | null;
  readonly caseworkers: number;
  readonly gap: number | null;
  /**
   * The orientation of `caseworker` for person `p` (their other citizens' answers), in standard
   * deviations of the caseworkers' means around their mean; null when unknown.
   */
  value(p: Prepared, caseworker: string | null): number | null;
}

function orientationOf(prepared: readonly Prepared[], minMeasurements: number): Orientation {
  // The mean belief of each target group: a caseworker of citizens far from work is not pessimistic
  // for answering as their colleagues do for the same citizens.
  const groups = new Map<string, { sum: number; n: number }>();
  const beliefs: { p: Prepared; c: string; belief: number; group: string }[] = [];
  for (const p of prepared)
    for (const m of p.measurements) {
      const belief = m.scores.caseworkerBelief;
      if (typeof belief !== 'number') continue;
      const c = m.caseworker ?? caseworkerAt(p, m.week);
      if (c === null) continue;
      const group = benefitAt(p, m.week);
      const g = groups.get(group) ?? { sum: 0, n: 0 };
      groups.set(group, { sum: g.sum + belief, n: g.n + 1 });
      beliefs.push({ p, c, belief, group });
    }
  const total = new Map<string, { sum: number; n: number }>();
  const own = new Map<string, { sum: number; n: number }>();
  for (const { p, c, belief, group } of beliefs) {
    const g = groups.get(group)!;
    const relative = belief - g.sum / g.n;
    const t = total.get(c) ?? { sum: 0, n: 0 };
    total.set(c, { sum: t.sum + relative, n: t.n + 1 });
    const key = `${p.person.id}|${c}`;
    const o = own.get(key) ?? { sum: 0, n: 0 };
    own.set(key, { sum: o.sum + relative, n: o.n + 1 });
  }
  const means = [...total.values()]
    .filter((t) => t.n >= minMeasurements)
    .map((t) => t.sum / t.n)
    .sort((a, b) => a - b);
  const threshold =
    means.length === 0
      ? null
      : means.length % 2 === 1
        ? means[(means.length - 1) / 2]!
        : (means[means.length / 2 - 1]! + means[means.length / 2]!) / 2;
  const centre = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - centre) ** 2, 0) / (means.length - 1));
  const usable = means.length >= 2 && sd > 0;
  const half = (list: number[]) => list.reduce((a, b) => a + (b - centre) / sd, 0) / list.length;
  const high = means.filter((m) => m >= threshold!);
  const low = means.filter((m) => m < threshold!);
  return {
    threshold,
    caseworkers: means.length,
    gap: usable && low.length > 0 ? half(high) - half(low) : null,
    value(p, caseworker) {
      if (caseworker === null || !usable) return null;
      const t = total.get(caseworker);
      if (!t) return null;
      const o = own.get(`${p.person.id}|${caseworker}`) ?? { sum: 0, n: 0 };
      const n = t.n - o.n;
      if (n < minMeasurements) return null;
      return ((t.sum - o.sum) / n - centre) / sd;
    },
  };
}

/**
 * The person-weeks at risk of entering work, grouped: one row per measurement and combination of the
 * week's other covariates (age group, support band, caseworker change, orientation), with its events
 * and weeks. `group: false` gives one row per week (for checking that grouping changes nothing).
 */
export interface RiskRows {
  readonly n: number;
  /** Index into `measurements`. */
  readonly measurement: readonly number[];
  readonly ageGroup: readonly number[];
  readonly band: readonly number[];
  readonly changed: readonly number[];
  /** The current caseworker's orientation (0 when unknown). */
  readonly orientation: readonly number[];
  /** 1 where the current caseworker's orientation is unknown. */
  readonly orientationUnknown: readonly number[];
  /** Index into `activities`. */
  readonly activity: readonly number[];
  readonly activities: readonly string[];
  /** ISO year of the weeks. */
  readonly year: readonly number[];
  readonly events: readonly number[];
  readonly trials: readonly number[];
  /** The measurements the rows refer to, with their person. */
  readonly measurements: readonly { readonly m: OutcomeMeasurement; readonly p: Prepared }[];
  readonly incompleteWeeks: number;
}

function riskRows(
  prepared: readonly Prepared[],
  indicators: readonly Indicator[],
  orientation: Orientation,
  changeWindow: number,
  group: boolean,
): RiskRows {
  const measurement: number[] = [];
  const ageGroup: number[] = [];
  const band: number[] = [];
  const changed: number[] = [];
  const orient: number[] = [];
  const orientUnknown: number[] = [];
  const activity: number[] = [];
  const activities: string[] = [];
  const activityIndex = new Map<string, number>();
  const year: number[] = [];
  const events: number[] = [];
  const trials: number[] = [];
  const measurements: { m: OutcomeMeasurement; p: Prepared }[] = [];
  let incompleteWeeks = 0;
  for (const p of prepared) {
    const ms = p.measurements;
    if (ms.length === 0) continue;
    const complete = ms.map((m) => isComplete(m, indicators));
    const index = ms.map((m) => measurements.push({ m, p }) - 1);
    // Rows are grouped within the person: the keys below need only tell the person's own weeks apart.
    const rowOf = new Map<number, number>();
    const caseworkers = new Map<string | null, number>();
    for (const s of p.spells) {
      // The spell's first measurement, and from it the latest in the spell, week by week.
      let k = ms.findIndex((m) => m.week >= s.first);
      if (k < 0 || ms[k]!.week > s.last) continue;
      for (let w = ms[k]!.week; w <= s.last; w++) {
        while (k + 1 < ms.length && ms[k + 1]!.week <= w) k++;
        const event = s.toJob && w === s.last;
        if (!complete[k]) {
          incompleteWeeks++;
          continue;
        }
        const a = ageGroupIndex(p.person.birthYear, w);
        const b = bandIndex(w - s.first + 1);
        const c = p.changes.some((cw) => cw <= w && cw > w - changeWindow) ? 1 : 0;
        const current = caseworkerAt(p, w) ?? ms[k]!.caseworker;
        let cw = caseworkers.get(current);
        if (cw === undefined) caseworkers.set(current, (cw = caseworkers.size));
        const label = activityAt(p.person.interventions, w);
        let act = activityIndex.get(label);
        if (act === undefined) activityIndex.set(label, (act = activities.push(label) - 1));
        const y = yearWeekOf(w).year;
        // The person's k-th measurement and cw-th caseworker; activities are 3, years 2000-2255.
        const key = (((((k * 8 + a) * 8 + b) * 2 + c) * 65536 + cw) * 4 + act) * 256 + (y - 2000);
        let row = group ? rowOf.get(key) : undefined;
        if (row === undefined) {
          row = trials.length;
          if (group) rowOf.set(key, row);
          measurement.push(index[k]!);
          ageGroup.push(a);
          band.push(b);
          changed.push(c);
          const o = orientation.value(p, current);
          orient.push(o ?? 0);
          orientUnknown.push(o === null ? 1 : 0);
          activity.push(act);
          year.push(y);
          events.push(0);
          trials.push(0);
        }
        trials[row]! += 1;
        if (event) events[row]! += 1;
      }
    }
  }
  return {
    n: trials.length,
    measurement,
    ageGroup,
    band,
    changed,
    orientation: orient,
    orientationUnknown: orientUnknown,
    activity,
    activities,
    year,
    events,
    trials,
    measurements,
    incompleteWeeks,
  };
}

/** The covariate columns a model may use, by name. */
const REGISTER = ['benefit', 'ageGroup', 'sex', 'origin', 'band', 'year', 'activity'] as const;

/** The caseworker's covariates: a recent change of caseworker and the current one's job orientation. */
const CASEWORKER = ['caseworkerChange', 'orientation', 'orientationUnknown'] as const;

/**
 * The indicators' hazard model: the indicators on top of the register's covariates and the
 * caseworker's. The caseworker's belief carries the caseworker's own outlook as well as the
 * citizen's chances, and that outlook changes the job chance itself (BIP: +32 %), so a model without
 * it credits the belief with the caseworker's effect.
 */
function indicatorModel(indicators: readonly Indicator[]): string[] {
  return [...REGISTER, ...indicators, ...CASEWORKER];
}

/** The value of covariate `name` in risk row `i`. */
function riskValue(rows: RiskRows, name: string, i: number): number | string {
  const { m, p } = rows.measurements[rows.measurement[i]!]!;
  switch (name) {
    case 'benefit':
      // A measurement's rows lie in the spell that holds it.
      return benefitAt(p, m.week);
    case 'ageGroup':
      return ageGroupLabel(rows.ageGroup[i]!);
    case 'sex':
      return p.sex;
    case 'origin':
      return p.origin;
    case 'band':
      return SUPPORT_BANDS[rows.band[i]!]!;
    case 'year':
      return String(rows.year[i]!);
    case 'activity':
      return rows.activities[rows.activity[i]!]!;
    case 'caseworkerChange':
      return rows.changed[i]!;
    case 'orientation':
      return rows.orientation[i]!;
    case 'orientationUnknown':
      return rows.orientationUnknown[i]!;
    default:
      return m.scores[name as Indicator] as number;
  }
}

/** Levels of the categorical covariates, reference first. */
const LEVELS: Readonly<Record<string, readonly string[]>> = {
  ageGroup: ['30-39', '16-29', '40-49', '50+', 'unknown'],
  activity: ['none', 'running', 'after'],
  band: [...SUPPORT_BANDS],
};

interface ModelTable {
  readonly table: Table;
  readonly covariates: string[];
  readonly levels: Record<string, string[]>;
  readonly rows: number;
}

/**
 * A table of the covariates `wanted` over the rows `use` of a row source, rows with the same values
 * merged (their events and trials added), and covariates that do not vary left out (a model cannot
 * estimate them). `value(name, i)` reads row i.
 */
function modelTable(
  wanted: readonly string[],
  use: readonly number[],
  value: (name: string, i: number) => number | string,
  counts: { events: (i: number) => number; trials: (i: number) => number } | null,
  merge = counts !== null,
): ModelTable & { events: number[]; trials: number[] } {
  const covariates = wanted.filter((name) => {
    const first = use.length > 0 ? value(name, use[0]!) : 0;
    return use.some((i) => value(name, i) !== first);
  });
  const columns: (number | string)[][] = covariates.map(() => []);
  const events: number[] = [];
  const trials: number[] = [];
  const index = new Map<string, number>();
  for (const i of use) {
    const values = covariates.map((name) => value(name, i));
    const key = merge ? values.join('|') : '';
    let row = merge ? index.get(key) : undefined;
    if (row === undefined) {
      row = trials.length;
      if (merge) index.set(key, row);
      values.forEach((v, j) => columns[j]!.push(v));
      events.push(0);
      trials.push(0);
    }
    events[row]! += counts ? counts.events(i) : 0;
    trials[row]! += counts ? counts.trials(i) : 0;
  }
  const table: Record<string, number[] | string[]> = {};
  const levels: Record<string, string[]> = {};
  covariates.forEach((name, j) => {
    const column = columns[j]!;
    if (typeof column[0] === 'string') {
      const present = new Set(column as string[]);
      // The levels a covariate lists first (its reference first), then the others as they sort.
      const listed = LEVELS[name] ?? [];
      const order = [...listed, ...[...present].filter((l) => !listed.includes(l)).sort()];
      levels[name] = order.filter((l) => present.has(l));
      table[name] = column as string[];
    } else table[name] = column as number[];
  });
  return { table, covariates, levels, rows: trials.length, events, trials };
}

function hazardRatioOf(fit: GlmFit, term: string): HazardRatio | null {
  const c = fit.coefficients.find((x) => x.name === term);
  if (!c || !Number.isFinite(c.se)) return null;
  return {
    term,
    coef: c.coef,
    se: c.se,
    hazardRatio: Math.exp(c.coef),
    lower: Math.exp(c.coef - Z95 * c.se),
    upper: Math.exp(c.coef + Z95 * c.se),
    p: c.p,
  };
}

/** Fit the cloglog hazard on risk rows `use` with `covariates`; null (and a note) when it cannot be fitted. */
function fitHazard(
  rows: RiskRows,
  use: readonly number[],
  covariates: readonly string[],
  epsilon: number,
  notes: string[] | null,
  label: string,
  merge = true,
): { model: HazardModel; fit: GlmFit } | null {
  let events = 0;
  let weeks = 0;
  const persons = new Set<number>();
  for (const i of use) {
    events += rows.events[i]!;
    weeks += rows.trials[i]!;
    persons.add(rows.measurements[rows.measurement[i]!]!.p.person.id);
  }
  if (events === 0) {
    notes?.push(`${label}: no one entered work in the weeks at risk`);
    return null;
  }
  const t = modelTable(
    covariates,
    use,
    (name, i) => riskValue(rows, name, i),
    { events: (i) => rows.events[i]!, trials: (i) => rows.trials[i]! },
    merge,
  );
  try {
    const x = designMatrix(t.table, t.covariates, { levels: t.levels });
    const fit = fitGlm({
      x,
      response: { events: t.events, trials: t.trials },
      family: 'binomial',
      link: 'cloglog',
      control: { epsilon, maxit: 50 },
    });
    for (const warning of fit.warnings) notes?.push(`${label}: ${warning.message}`);
    const terms = fit.coefficients
      .filter((c) => c.name !== '(Intercept)')
      .map((c) => hazardRatioOf(fit, c.name))
      .filter((h): h is HazardRatio => h !== null);
    return {
      fit,
      model: {
        covariates: t.covariates,
        rows: t.rows,
        personWeeks: weeks,
        events,
        persons: persons.size,
        terms,
        logLik: fit.logLik,
        aic: fit.aic,
        converged: fit.converged,
      },
    };
  } catch (error) {
    if (!(error instanceof GlmError) && !(error instanceof Error && error.name === 'DesignError'))
      throw error;
    notes?.push(`${label}: ${error.message}`);
    return null;
  }
}

/** The hazard ratio of a high against a low orientation: the per-SD coefficient times the gap. */
function highVsLow(fit: GlmFit, gap: number | null): HazardRatio | null {
  const h = gap === null ? null : hazardRatioOf(fit, 'orientation');
  if (!h || gap === null) return null;
  const coef = h.coef * gap;
  const se = h.se * gap;
  return {
    term: 'orientation high vs low',
    coef,
    se,
    hazardRatio: Math.exp(coef),
    lower: Math.exp(coef - Z95 * se),
    upper: Math.exp(coef + Z95 * se),
    p: h.p,
  };
}

function perPointOf(fit: GlmFit, indicators: readonly Indicator[]): IndicatorHazard[] {
  return indicators.flatMap((indicator) => {
    const h = hazardRatioOf(fit, indicator);
    return h ? [{ indicator, hazardRatio: h.hazardRatio, lower: h.lower, upper: h.upper, p: h.p }] : [];
  });
}

/**
 * The grouped binomial rows of the hazard of entering work, for checking and benchmarking: `group:
 * false` gives one Bernoulli row per person-week.
 */
export function hazardRows(
  persons: readonly OutcomePerson[],
  options: OutcomeOptions & { readonly group?: boolean } = {},
): RiskRows {
  const indicators = options.indicators ?? CASEWORKER_INDICATORS;
  const prepared = persons.map(prepare);
  const orientation = orientationOf(prepared, options.minCaseworkerMeasurements ?? 5);
  return riskRows(prepared, indicators, orientation, options.changeWindowWeeks ?? 26, options.group ?? true);
}

/**
 * The indicators' hazard model alone (register and caseworker covariates + indicators): the fit the issue's
 * performance target is about. Rows with the same covariates are merged into one binomial row unless
 * `merge` is false (each of `rows` a row of its own: with `hazardRows(…, { group: false })`, the
 * person-week Bernoulli fit).
 */
export function fitIndicatorHazard(
  rows: RiskRows,
  options: {
    readonly indicators?: readonly Indicator[];
    readonly epsilon?: number;
    readonly merge?: boolean;
  } = {},
): { model: HazardModel; perPoint: IndicatorHazard[] } | null {
  const indicators = options.indicators ?? CASEWORKER_INDICATORS;
  const all = Array.from({ length: rows.n }, (_, i) => i);
  const epsilon = options.epsilon ?? 1e-8;
  const result = fitHazard(rows, all, indicatorModel(indicators), epsilon, null, 'hazard', options.merge);
  return result && { model: result.model, perPoint: perPointOf(result.fit, indicators) };
}

/**
 * Area under the ROC curve with DeLong's variance, for one or more scores of the same observations
 * (the structural components by midranks, Sun & Xu 2014): V10ᵢ = (Rᵢ − Tᵢ)/n₀ for a positive with
 * midrank Rᵢ among all and Tᵢ among the positives, V01ⱼ = 1 − (Rⱼ − Tⱼ)/n₁ for a negative; AUC = mean
 * V10; Cov = S10/n₁ + S01/n₀ with S the sample covariances of the components.
 */
export function delongAuc(
  scores: readonly (readonly number[])[],
  outcome: readonly boolean[],
): { auc: number[]; covariance: number[][] } {
  const positives = outcome.flatMap((y, i) => (y ? [i] : []));
  const negatives = outcome.flatMap((y, i) => (y ? [] : [i]));
  const n1 = positives.length;
  const n0 = negatives.length;
  if (n1 < 2 || n0 < 2) throw new RangeError('the AUC needs at least two positives and two negatives');
  const v10 = scores.map((s) => {
    const all = midranks(s);
    const own = midranks(positives.map((i) => s[i]!));
    return positives.map((i, k) => (all[i]! - own[k]!) / n0);
  });
  const v01 = scores.map((s) => {
    const all = midranks(s);
    const own = midranks(negatives.map((i) => s[i]!));
    return negatives.map((j, k) => 1 - (all[j]! - own[k]!) / n1);
  });
  const auc = v10.map((v) => v.reduce((a, b) => a + b, 0) / n1);
  const cov = (a: readonly number[], b: readonly number[]) => {
    const ma = a.reduce((x, y) => x + y, 0) / a.length;
    const mb = b.reduce((x, y) => x + y, 0) / b.length;
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += (a[i]! - ma) * (b[i]! - mb);
    return sum / (a.length - 1);
  };
  const covariance = scores.map((_, r) =>
    scores.map((__, c) => cov(v10[r]!, v10[c]!) / n1 + cov(v01[r]!, v01[c]!) / n0),
  );
  return { auc, covariance };
}

/** Midranks (1-based, ties share their mean rank). */
function midranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

function estimateOf(estimate: number, se: number): OutcomeEstimate {
  return {
    estimate,
    se,
    lower: estimate - Z95 * se,
    upper: estimate + Z95 * se,
    p: se > 0 ? 2 * (1 - normalCdf(Math.abs(estimate / se))) : estimate === 0 ? 1 : 0,
  };
}

/** One observation of a discrimination model: a measurement, its outcome. */
interface Observation {
  readonly m: OutcomeMeasurement;
  readonly p: Prepared;
  readonly spell: OutcomeSpell;
  readonly y: boolean;
}

function discrimination(
  outcome: 'job' | 'jobSearch',
  withinWeeks: number | null,
  observations: readonly Observation[],
  indicators: readonly Indicator[],
  epsilon: number,
  notes: string[],
): Discrimination | null {
  const positives = observations.filter((o) => o.y).length;
  if (positives < 2 || observations.length - positives < 2) {
    notes.push(`discrimination (${outcome}): too few observations with and without the outcome`);
    return null;
  }
  const value = (name: string, i: number): number | string => {
    const o = observations[i]!;
    switch (name) {
      case 'ageGroup':
        return ageGroupLabel(ageGroupIndex(o.p.person.birthYear, o.m.week));
      case 'sex':
        return o.p.sex;
      case 'origin':
        return o.p.origin;
      case 'band':
        return SUPPORT_BANDS[bandIndex(o.m.week - o.spell.first + 1)]!;
      case 'year':
        return String(yearWeekOf(o.m.week).year);
      case 'activity':
        return activityAt(o.p.person.interventions, o.m.week);
      default:
        return o.m.scores[name as Indicator] as number;
    }
  };
  const all = observations.map((_, i) => i);
  const y = observations.map((o) => (o.y ? 1 : 0));
  const fitted: Float64Array[] = [];
  const variation: { mcFadden: number; nagelkerke: number }[] = [];
  for (const covariates of [[...REGISTER], [...REGISTER, ...indicators]]) {
    const t = modelTable(covariates, all, value, null);
    try {
      const fit = fitGlm({
        x: designMatrix(t.table, t.covariates, { levels: t.levels }),
        response: { y },
        family: 'binomial',
        control: { epsilon, maxit: 50 },
      });
      const n = y.length;
      const ll = fit.logLik;
      const ll0 = -fit.nullDeviance / 2;
      fitted.push(fit.fitted);
      variation.push({
        mcFadden: 1 - ll / ll0,
        nagelkerke: (1 - Math.exp((2 * (ll0 - ll)) / n)) / (1 - Math.exp((2 * ll0) / n)),
      });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      notes.push(`discrimination (${outcome}): ${error.message}`);
      return null;
    }
  }
  const { auc, covariance } = delongAuc(
    fitted.map((f) => Array.from(f)),
    observations.map((o) => o.y),
  );
  const explained = (k: number): ExplainedVariation => {
    const se = Math.sqrt(covariance[k]![k]!);
    return {
      auc: auc[k]!,
      se,
      lower: auc[k]! - Z95 * se,
      upper: auc[k]! + Z95 * se,
      ...variation[k]!,
    };
  };
  const varDiff = covariance[0]![0]! + covariance[1]![1]! - 2 * covariance[0]![1]!;
  return {
    outcome,
    withinWeeks,
    observations: observations.length,
    persons: new Set(observations.map((o) => o.p.person.id)).size,
    positives,
    register: explained(0),
    indicators: explained(1),
    aucDifference: estimateOf(auc[1]! - auc[0]!, Math.sqrt(Math.max(varDiff, 0))),
  };
}

/** Solve the symmetric positive definite system A x = b for several right-hand sides by Cholesky; null if singular. */
function choleskyInverse(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 1e-10 * Math.max(1, Math.abs(a[i]![i]!)))) return null;
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  const inverse = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
      y[i] = sum / l[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * inverse[k]![c]!;
      inverse[i]![c] = sum / l[i]![i]!;
    }
  }
  return inverse;
}

/**
 * Within-person change of each indicator by weeks since an intervention's start (see the module
 * comment): OLS on person-demeaned data with CR1 cluster-robust standard errors.
 */
function interventionEffects(
  prepared: readonly Prepared[],
  indicators: readonly Indicator[],
  notes: string[],
): InterventionEffects | null {
  const types = [...new Set(prepared.flatMap((p) => p.person.interventions.map((i) => i.type)))].sort();
  if (types.length === 0) {
    notes.push('interventions: none recorded for the measured persons');
    return null;
  }
  const outcomes: (Indicator | 'mean')[] = [...indicators, 'mean'];
  // Per person: rows of [dummies…, trend] and [scores…, mean], demeaned.
  interface Block {
    readonly x: number[][];
    readonly y: number[][];
  }
  const blocks: Block[] = [];
  const K = types.length * INTERVENTION_BINS.length + 1;
  const cellMeasurements = new Array<number>(K - 1).fill(0);
  const cellPersons = new Array<number>(K - 1).fill(0);
  for (const p of prepared) {
    const ms = p.measurements.filter((m) => isComplete(m, indicators));
    if (ms.length < 2) continue;
    const first = ms[0]!.week;
    const seen = new Set<number>();
    const x = ms.map((m) => {
      const row = new Array<number>(K).fill(0);
      types.forEach((type, t) => {
        let latest = -Infinity;
        for (const i of p.person.interventions)
          if (i.type === type && i.start <= m.week && i.start > latest) latest = i.start;
        if (latest === -Infinity) return;
        const cell = t * INTERVENTION_BINS.length + binIndex(m.week - latest);
        row[cell] = 1;
        cellMeasurements[cell]! += 1;
        if (!seen.has(cell)) {
          seen.add(cell);
          cellPersons[cell]! += 1;
        }
      });
      row[K - 1] = (m.week - first) / 52;
      return row;
    });
    const y = ms.map((m) => {
      const scores = indicators.map((k) => m.scores[k] as number);
      return [...scores, scores.reduce((a, b) => a + b, 0) / scores.length];
    });
    const demean = (rows: number[][]) => {
      const means = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
      return rows.map((r) => r.map((v, j) => v - means[j]!));
    };
    blocks.push({ x: demean(x), y: demean(y) });
  }
  // Columns that vary within persons; the others cannot be estimated.
  const keep = Array.from({ length: K }, (_, j) => j).filter((j) =>
    blocks.some((b) => b.x.some((r) => Math.abs(r[j]!) > 1e-12)),
  );
  const N = blocks.reduce((s, b) => s + b.x.length, 0);
  const G = blocks.length;
  if (G < 2 || keep.length === 0 || N - G <= keep.length) {
    notes.push('interventions: too few persons measured more than once');
    return null;
  }
  const k = keep.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = Array.from({ length: k }, () => new Array<number>(outcomes.length).fill(0));
  for (const b of blocks)
    b.x.forEach((r, i) => {
      for (let a = 0; a < k; a++) {
        const va = r[keep[a]!]!;
        if (va === 0) continue;
        for (let c = 0; c < k; c++) xtx[a]![c]! += va * r[keep[c]!]!;
        for (let o = 0; o < outcomes.length; o++) xty[a]![o]! += va * b.y[i]![o]!;
      }
    });
  const inverse = choleskyInverse(xtx);
  if (!inverse) {
    notes.push('interventions: the bins of time since start cannot be told apart in these data');
    return null;
  }
  // Degrees of freedom: N − G (person means) − k; CR1 factor G/(G − 1) · (N − 1)/(N − G − k).
  const factor = (G / (G - 1)) * ((N - 1) / (N - G - k));
  const estimates = outcomes.map((_, o) => {
    const beta = inverse.map((row) => row.reduce((s, v, c) => s + v * xty[c]![o]!, 0));
    const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const b of blocks) {
      const score = new Array<number>(k).fill(0);
      b.x.forEach((r, i) => {
        const e = b.y[i]![o]! - keep.reduce((s, j, a) => s + r[j]! * beta[a]!, 0);
        for (let a = 0; a < k; a++) score[a]! += r[keep[a]!]! * e;
      });
      for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) meat[a]![c]! += score[a]! * score[c]!;
    }
    const variance = (a: number) => {
      let v = 0;
      for (let r = 0; r < k; r++)
        for (let c = 0; c < k; c++) v += inverse[a]![r]! * meat[r]![c]! * inverse[c]![a]!;
      return v * factor;
    };
    return beta.map((b, a) => estimateOf(b, Math.sqrt(Math.max(variance(a), 0))));
  });
  const rows: InterventionBinChange[] = [];
  types.forEach((type, t) =>
    INTERVENTION_BINS.forEach((bin, bIndex) => {
      const cell = t * INTERVENTION_BINS.length + bIndex;
      const a = keep.indexOf(cell);
      const change: Partial<Record<Indicator | 'mean', OutcomeEstimate>> = {};
      if (a >= 0) outcomes.forEach((o, oi) => (change[o] = estimates[oi]![a]!));
      rows.push({
        type,
        bin,
        measurements: cellMeasurements[cell]!,
        persons: cellPersons[cell]!,
        change,
      });
    }),
  );
  return { persons: G, measurements: N, bins: [...INTERVENTION_BINS], rows };
}

/** Everything the outcome page shows, from the measured persons (see the module comment). */
export function analyseOutcomes(
  persons: readonly OutcomePerson[],
  options: OutcomeOptions = {},
): OutcomeAnalysis {
  const indicators = options.indicators ?? CASEWORKER_INDICATORS;
  const epsilon = options.epsilon ?? 1e-8;
  const jobWithin = options.jobWithinWeeks ?? 26;
  const beliefWithin = options.beliefWithinWeeks ?? 52;
  const changeWindow = options.changeWindowWeeks ?? 26;
  const minEvents = options.minEvents ?? 20;
  const notes: string[] = [];
  const prepared = persons.map(prepare);
  const orientation = orientationOf(prepared, options.minCaseworkerMeasurements ?? 5);
  const rows = riskRows(prepared, indicators, orientation, changeWindow, true);
  const all = Array.from({ length: rows.n }, (_, i) => i);

  const register = fitHazard(rows, all, REGISTER, epsilon, notes, 'register model');
  const withIndicators = fitHazard(rows, all, indicatorModel(indicators), epsilon, notes, 'indicators model');
  const caseworkerModel = fitHazard(
    rows,
    all,
    [...REGISTER, ...CASEWORKER],
    epsilon,
    notes,
    'caseworker model',
  );
  const adjustedModel = withIndicators;

  // Discrimination: measurements on support, with the outcome known.
  const jobObservations: Observation[] = [];
  const searchObservations: Observation[] = [];
  const beliefCounts = BELIEF_ANSWERS.map(() => ({ n: 0, inWork: 0, persons: new Set<number>() }));
  for (const p of prepared) {
    p.measurements.forEach((m, k) => {
      const spell = spellAt(p, m.week);
      if (!spell) return;
      const belief = m.scores.caseworkerBelief;
      if (typeof belief === 'number' && belief >= 1 && belief <= 5) {
        const later = inWorkWithin(p, m.week, beliefWithin);
        if (later !== null) {
          const cell = beliefCounts[belief - 1]!;
          cell.n += 1;
          cell.inWork += later ? 1 : 0;
          cell.persons.add(p.person.id);
        }
      }
      if (!isComplete(m, indicators)) return;
      const job = inWorkWithin(p, m.week, jobWithin);
      if (job !== null) jobObservations.push({ m, p, spell, y: job });
      const next = p.measurements[k + 1];
      if (next && next.searching !== null) searchObservations.push({ m, p, spell, y: next.searching });
    });
  }

  const validity: ValidityPeriod[] = [];
  if (withIndicators) {
    const by = options.validityPeriod ?? 'half-year';
    const periods = new Map<string, number[]>();
    for (let i = 0; i < rows.n; i++) {
      const period = periodOf(rows.measurements[rows.measurement[i]!]!.m.week, by);
      let list = periods.get(period);
      if (!list) periods.set(period, (list = []));
      list.push(i);
    }
    for (const period of [...periods.keys()].sort()) {
      const use = periods.get(period)!;
      let events = 0;
      let weeks = 0;
      const ids = new Set<number>();
      for (const i of use) {
        events += rows.events[i]!;
        weeks += rows.trials[i]!;
        ids.add(rows.measurements[rows.measurement[i]!]!.p.person.id);
      }
      const fitted =
        events >= minEvents ? fitHazard(rows, use, indicatorModel(indicators), epsilon, null, period) : null;
      validity.push({
        period,
        persons: ids.size,
        personWeeks: weeks,
        events,
        perPoint: fitted ? perPointOf(fitted.fit, indicators) : null,
      });
    }
  }

  const complete = prepared.reduce(
    (s, p) => s + p.measurements.filter((m) => isComplete(m, indicators)).length,
    0,
  );
  return {
    indicators,
    sample: {
      persons: prepared.filter((p) => p.measurements.length > 0).length,
      measurements: prepared.reduce((s, p) => s + p.measurements.length, 0),
      completeMeasurements: complete,
      personWeeks: rows.trials.reduce((a, b) => a + b, 0),
      events: rows.events.reduce((a, b) => a + b, 0),
      incompleteWeeks: rows.incompleteWeeks,
      rows: withIndicators?.model.rows ?? 0,
    },
    hazard: {
      register: register?.model ?? null,
      indicators: withIndicators?.model ?? null,
      perPoint: withIndicators ? perPointOf(withIndicators.fit, indicators) : [],
    },
    discrimination: {
      job: discrimination('job', jobWithin, jobObservations, indicators, epsilon, notes),
      jobSearch:
        searchObservations.length === 0
          ? (notes.push('discrimination (jobSearch): no measurement is followed by one with search channels'),
            null)
          : discrimination('jobSearch', null, searchObservations, indicators, epsilon, notes),
    },
    interventions: interventionEffects(prepared, indicators, notes),
    caseworker: {
      withinWeeks: beliefWithin,
      belief: beliefCounts.map((c, i) => ({
        answer: i + 1,
        label: BELIEF_ANSWERS[i]!,
        measurements: c.n,
        persons: c.persons.size,
        inWork: c.inWork,
        share: c.n > 0 ? c.inWork / c.n : null,
        bip: BIP_SHARE_IN_WORK_BY_BELIEF[i]!,
      })),
      changeWindowWeeks: changeWindow,
      change: {
        register: caseworkerModel ? hazardRatioOf(caseworkerModel.fit, 'caseworkerChange') : null,
        adjusted: adjustedModel ? hazardRatioOf(adjustedModel.fit, 'caseworkerChange') : null,
      },
      orientation: {
        threshold: orientation.threshold,
        caseworkers: orientation.caseworkers,
        gap: orientation.gap,
        register: caseworkerModel ? highVsLow(caseworkerModel.fit, orientation.gap) : null,
        adjusted: adjustedModel ? highVsLow(adjustedModel.fit, orientation.gap) : null,
      },
    },
    validity,
    notes,
  };
}

/** `T` with the fields `K` null where withheld. */
export type Withheld<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: T[P] | null };

/**
 * `GET /api/progression/outcomes`: the analysis as the caller may see it (`withholdOutcomes`), for
 * a municipality, with the data version it rests on.
 */
export interface OutcomesAnswer extends Omit<OutcomeAnalysis, 'caseworker' | 'interventions' | 'validity'> {
  readonly municipality: number;
  readonly dataVersion: number;
  readonly caseworker: Omit<CaseworkerEffects, 'belief'> & {
    readonly belief: readonly Withheld<BeliefRow, 'measurements' | 'persons' | 'inWork' | 'share'>[];
  };
  readonly interventions:
    | (Omit<InterventionEffects, 'rows'> & {
        readonly rows: readonly Withheld<InterventionBinChange, 'measurements' | 'persons'>[];
      })
    | null;
  readonly validity: readonly Withheld<ValidityPeriod, 'persons' | 'personWeeks' | 'events'>[];
  readonly suppression: { readonly threshold: number | null; readonly applied: boolean };
  /** On the demo's synthetic store: the true values the estimates should recover; absent elsewhere. */
  readonly truth?: DemoTruth;
}

/** The synthetic model's true values (the generator's truth.json, `progression`), for the demo. */
export interface DemoTruth {
  /** The synthetic model's version, e.g. `synthetic-3`. */
  readonly modelVersion: string;
  /** The true hazard ratio of entering work per point of each caseworker score (1: no effect). */
  readonly hazardRatioPerPoint: Readonly<Partial<Record<Indicator, number>>>;
  /** The true hazard ratio of a caseworker change within the window. */
  readonly caseworkerChangeHazardRatio: number;
  /** The true hazard ratio of a caseworker of high against low job orientation. */
  readonly orientationHighVsLowHazardRatio: number;
  /** Readiness added over a participation of mean length, by intervention type (the order to recover). */
  readonly interventionReadiness: Readonly<Record<string, number>>;
  /**
   * The mean latent readiness at the measurements, by benefit group (the register's code); absent
   * in a demo generated before it was written.
   */
  readonly meanReadinessAtMeasurement?: Readonly<Record<string, number>>;
}

/**
 * The analysis as a role with suppression may see it (diskretionering, access/suppression.ts): the
 * belief table's cells, the intervention bins and the validity periods resting on 1 to threshold − 1
 * persons withheld (null, and an intervention bin's changes empty). No cell has a published total
 * that would give it back, so primary suppression is enough; the models' estimates rest on every
 * measured person. `threshold` null: everything as it is.
 */
export function withholdOutcomes(
  analysis: OutcomeAnalysis,
  threshold: number | null,
  about: { readonly municipality: number; readonly dataVersion: number },
): OutcomesAnswer {
  let applied = false;
  const few = (persons: number) => {
    const hidden = threshold !== null && isFew(persons, threshold);
    applied ||= hidden;
    return hidden;
  };
  return {
    ...analysis,
    ...about,
    caseworker: {
      ...analysis.caseworker,
      belief: analysis.caseworker.belief.map((row) =>
        few(row.persons) ? { ...row, measurements: null, persons: null, inWork: null, share: null } : row,
      ),
    },
    interventions: analysis.interventions && {
      ...analysis.interventions,
      rows: analysis.interventions.rows.map((row) =>
        few(row.persons) ? { ...row, measurements: null, persons: null, change: {} } : row,
      ),
    },
    validity: analysis.validity.map((v) =>
      few(v.persons) ? { ...v, persons: null, personWeeks: null, events: null, perPoint: null } : v,
    ),
    suppression: { threshold, applied },
  };
}

/** `POST /api/progression/value`'s body. */
export interface StepValueRequest {
  /** 3-digit code. */
  readonly municipality: string;
  readonly indicator: Indicator;
  /** Steps up on the 1-5 scale, 1-4 (default 1). */
  readonly steps?: number;
  /** Share of the participants whose score rises, (0, 1] (default 1). */
  readonly share?: number;
  /** Default: the whole target group. */
  readonly participants?: number;
  /** As an investment case's target: benefit, weeks on it, age, or persons by pseudonym. */
  readonly target: {
    readonly benefit?: string;
    readonly minWeeks?: number;
    readonly maxWeeks?: number;
    readonly minAge?: number;
    readonly maxAge?: number;
    readonly persons?: readonly string[];
  };
  /** YYYYWW; default the week after the data's last. */
  readonly startWeek?: string;
  /** Default 260. */
  readonly horizonWeeks?: number;
  /** Default 0.035. */
  readonly discountRate?: number;
  /** A hazard ratio per step instead of the municipality's outcome model's. */
  readonly hazardRatio?: number;
}

export interface ValueFigures {
  /** Expected weeks on public support per participant over the horizon. */
  readonly weeksOnSupport: { readonly without: number; readonly with: number; readonly fewer: number };
  /** Municipal net expenditure per participant over the horizon, kr. */
  readonly municipalNet: { readonly without: number; readonly with: number; readonly saved: number };
  /** For all participants: weeks on support fewer, kroner saved, and the savings' present value. */
  readonly total: { readonly weeksFewer: number; readonly saved: number; readonly npv: number };
}

/** `POST /api/progression/value`: what the steps up are worth. */
export interface StepValue extends ValueFigures {
  readonly municipality: number;
  readonly indicator: Indicator;
  readonly steps: number;
  readonly share: number;
  readonly participants: number;
  readonly targetGroupSize: number;
  /** YYYYWW of the stock the target group is taken from, and of the start. */
  readonly stockWeek: number;
  readonly startWeek: number;
  readonly horizonWeeks: number;
  readonly hazardRatio: {
    readonly perStep: number;
    /** perStep^steps: the ratio on moves to work of those whose score rises. */
    readonly applied: number;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly source: 'outcome-model' | 'given';
  };
  /** The figures at the ends of the hazard ratio's 95 % interval (null when a ratio was given). */
  readonly interval: { readonly lower: ValueFigures; readonly upper: ValueFigures } | null;
  /** Municipal net expenditure on the participants by ISO year, kr. */
  readonly years: readonly {
    readonly year: number;
    readonly without: number;
    readonly with: number;
    readonly difference: number;
  }[];
  readonly dataVersion: number;
  /** In Danish and English. */
  readonly assumptions: readonly { readonly da: string; readonly en: string }[];
}
