/**
 * BIP's indicators linked to outcomes, against the store (issue 16): the final measurements of a
 * municipality's citizens, their register spells, interventions and caseworker assignments read in
 * SQL into core's plain `OutcomePerson`s (the answers pivoted per measurement in SQL), the models
 * fitted in a worker (outcome-tasks.ts), kept per data version and state of the measurements; and
 * what one step up on an indicator is worth, through Jobinvestering's investment-case engine.
 *
 * "In work" is the register's: a spell on public support (a benefit of the catalogue that is public
 * income support) whose next state is `job` (facts.ts: weeks without a benefit inside an observed
 * stretch). Education (`su`), leaving the population (`out`) and the data's end censor. Spells are
 * cut where the recorded benefit changes (SPELLS_SQL), so that scores do not carry into another
 * visitation category.
 */

import {
  benefitOf,
  CASEWORKER_INDICATORS,
  INDICATOR_NAMES,
  caseFigures,
  isBenefitCode,
  toYyyyww,
  yearWeekOf,
  type CaseArm,
  type CaseTerms,
  type Indicator,
  type InterventionEffect,
  type OutcomeAnalysis,
  type OutcomeMeasurement,
  type OutcomePerson,
  type RateTable,
  type StepValue,
  type ValueFigures,
} from '@jobinvest/core';
import { currentFacts, dataVersion, DataError, Recent, type Store } from '../data/index.ts';
import { measurementsKey } from './state.ts';
import { caseGroup, type InvestmentCaseDocument } from '../jobinvest/index.ts';
import { workPool, type Priority } from '../workers/index.ts';
import { outcomeTasks } from './outcome-tasks.ts';

/** Whether a state of the spells table is public income support (the catalogue's flag). */
function onSupport(state: string): boolean {
  return isBenefitCode(state) && benefitOf(state).publicSupport;
}

const INDICATOR_COLUMNS = CASEWORKER_INDICATORS.map(
  (k) => `max(a.score) FILTER (WHERE a.respondent = 'caseworker' AND a.item = '${k}') AS "${k}"`,
).join(',\n  ');

/** The final measurements of a municipality, one row per measurement with the caseworker's scores. */
const MEASUREMENTS_SQL = `
SELECT m.person_id, m.week, m.caseworker,
  ${INDICATOR_COLUMNS},
  count(a.score) FILTER (WHERE a.respondent = 'citizen' AND a.item LIKE 'channel:%' AND a.score = 1) AS channels,
  count(a.score) FILTER (WHERE a.respondent = 'citizen' AND a.item LIKE 'channel:%' AND a.item <> 'channel:notSearching' AND a.score = 1) AS searching
FROM measurements m LEFT JOIN measurement_answers a USING (measurement_id)
WHERE m.municipality = $1 AND m.status = 'final'
GROUP BY m.measurement_id, m.person_id, m.week, m.caseworker, m.updated_at
ORDER BY m.person_id, m.week, m.updated_at`;

const MEASURED = `SELECT DISTINCT person_id FROM measurements WHERE municipality = $1 AND status = 'final'`;

/**
 * The measured persons' spells on support as recorded: facts.ts's spells (today's groups, whose ends
 * say where a person went) cut where the recorded benefit changes (benefit_runs), so that a move
 * between groups that today are one (kontanthjælp aktivitetsparat → jobparat, both kontanthjælp since
 * the 2025 reform) starts a new spell, as a change of visitation does; only the last piece of a spell
 * ends where the spell went (`job`: in work the week after), the others in another benefit.
 */
const SPELLS_SQL = `
WITH s AS (
  SELECT person_id, first_week, last_week, destination FROM spells
  WHERE person_id IN (${MEASURED}) AND benefit NOT IN ('job', 'su', 'out', '(unmapped)')
), r AS (
  SELECT s.person_id, b.benefit, greatest(b.first_week, s.first_week) AS f, least(b.last_week, s.last_week) AS l,
         s.first_week AS sf, s.last_week AS sl, s.destination
  FROM s JOIN benefit_runs b
    ON b.person_id = s.person_id AND b.first_week <= s.last_week AND b.last_week >= s.first_week
  WHERE b.benefit IS NOT NULL
), marked AS (
  SELECT *, CASE WHEN benefit = lag(benefit) OVER w AND f <= lag(l) OVER w + 1 THEN 0 ELSE 1 END AS new_piece
  FROM r WINDOW w AS (PARTITION BY person_id, sf ORDER BY f, l)
), numbered AS (
  SELECT *, sum(new_piece) OVER (PARTITION BY person_id, sf ORDER BY f, l) AS piece FROM marked
)
SELECT person_id, any_value(benefit) AS benefit, min(f) AS first_week, max(l) AS last_week,
       CASE WHEN max(l) = any_value(sl) THEN any_value(destination) ELSE 'benefit' END AS destination
FROM numbered GROUP BY person_id, sf, piece
ORDER BY person_id, first_week`;

type Num = number | bigint;

/**
 * The measured persons of `municipality` as core's outcome analysis takes them: one read of each
 * table, restricted in SQL to the persons with a final measurement there.
 */
export async function outcomePersons(store: Store, municipality: number): Promise<OutcomePerson[]> {
  await currentFacts(store);
  const [measurements, persons, spells, observed, interventions, assignments] = await Promise.all([
    store.query<Record<string, unknown>>(MEASUREMENTS_SQL, [municipality]),
    store.query<{ person_id: number; birth_year: number | null; sex: string | null; origin: string | null }>(
      `SELECT person_id, birth_year, sex, origin FROM persons WHERE person_id IN (${MEASURED})`,
      [municipality],
    ),
    store.query<{
      person_id: number;
      benefit: string;
      first_week: number;
      last_week: number;
      destination: string | null;
    }>(SPELLS_SQL, [municipality]),
    store.query<{ person_id: number; until: number }>(
      `SELECT person_id, max(last_week) AS until FROM observed WHERE person_id IN (${MEASURED}) GROUP BY person_id`,
      [municipality],
    ),
    store.query<{ person_id: number; type: string; start_week: number; end_week: number | null }>(
      `SELECT person_id, type, start_week, end_week FROM interventions WHERE person_id IN (${MEASURED})`,
      [municipality],
    ),
    store.query<{
      person_id: number;
      caseworker: string;
      department: string | null;
      from_week: number;
      to_week: number | null;
    }>(
      `SELECT person_id, caseworker, department, from_week, to_week FROM caseworker_assignments WHERE person_id IN (${MEASURED})`,
      [municipality],
    ),
  ]);
  const byPerson = new Map<number, OutcomePerson & { measurements: OutcomeMeasurement[] }>();
  for (const p of persons)
    byPerson.set(p.person_id, {
      id: p.person_id,
      birthYear: p.birth_year,
      sex: p.sex,
      origin: p.origin,
      spells: [],
      observedUntil: -Infinity,
      measurements: [],
      interventions: [],
      assignments: [],
    });
  const mutable = (id: number) =>
    byPerson.get(id) as unknown as
      | {
          spells: OutcomePerson['spells'][number][];
          observedUntil: number;
          measurements: OutcomeMeasurement[];
          interventions: OutcomePerson['interventions'][number][];
          assignments: OutcomePerson['assignments'][number][];
        }
      | undefined;
  for (const m of measurements) {
    const p = mutable(Number(m.person_id));
    if (!p) continue;
    const channels = Number(m.channels as Num);
    p.measurements.push({
      week: Number(m.week as Num),
      caseworker: (m.caseworker as string | null) ?? null,
      scores: Object.fromEntries(
        CASEWORKER_INDICATORS.map((k) => [
          k,
          m[k] === null || m[k] === undefined ? null : Number(m[k] as Num),
        ]),
      ) as Partial<Record<Indicator, number | null>>,
      searching: channels === 0 ? null : Number(m.searching as Num) > 0,
    });
  }
  for (const s of spells)
    mutable(s.person_id)?.spells.push({
      first: s.first_week,
      last: s.last_week,
      onSupport: onSupport(s.benefit),
      benefit: s.benefit,
      toJob: s.destination === 'job',
    });
  for (const o of observed) {
    const p = mutable(o.person_id);
    if (p) p.observedUntil = Number(o.until);
  }
  for (const i of interventions)
    mutable(i.person_id)?.interventions.push({ type: i.type, start: i.start_week, end: i.end_week });
  for (const a of assignments)
    mutable(a.person_id)?.assignments.push({
      caseworker: a.caseworker,
      department: a.department,
      from: a.from_week,
      to: a.to_week,
    });
  // A person measured but not in the register's weeks has no weeks at risk and no follow-up.
  return [...byPerson.values()].map((p) =>
    Number.isFinite(p.observedUntil)
      ? p
      : { ...p, observedUntil: Math.max(...p.measurements.map((m) => m.week)) },
  );
}

const analyses = new Recent<Promise<OutcomeAnalysis>>(16);

/**
 * The outcome analysis of a municipality's measurements, fitted in a worker once per data version and
 * state of the measurements (a new or changed final measurement fits again).
 */
export async function outcomeAnalysis(
  store: Store,
  municipality: number,
  priority: Priority = 'batch',
): Promise<OutcomeAnalysis & { dataVersion: number }> {
  const key = await measurementsKey(store, municipality);
  // Shared by every request for the same key: no one request's signal stops it (withinBudget does).
  const analysis = await analyses.get(key, async () => {
    const persons = await outcomePersons(store, municipality);
    if (!persons.some((p) => p.measurements.length > 0))
      throw new DataError(`municipality ${String(municipality).padStart(3, '0')} has no final measurement`);
    return workPool().run(outcomeTasks, 'progression.outcomes', { persons }, { priority });
  });
  return { ...analysis, dataVersion: JSON.parse(key)[1] as number };
}

/** What one step up is asked for: on which indicator, for whom, how many steps, for what share. */
export interface ValueRequest {
  readonly municipality: number;
  readonly indicator: Indicator;
  /** Steps up on the indicator's 1-5 scale (1-4). */
  readonly steps: number;
  /** Share of the participants whose score rises, (0, 1]. */
  readonly share: number;
  /** Participants; default the whole target group. */
  readonly participants?: number;
  readonly target: InvestmentCaseDocument['target'];
  /** YYYYWW; default the week after the data's last. */
  readonly startWeek: string;
  readonly horizonWeeks: number;
  readonly discountRate: number;
  /** A hazard ratio per step given instead of the municipality's outcome model's. */
  readonly hazardRatio?: number;
}

/**
 * The arm of a share of participants: each arm is per participant and in expected values, so the
 * group with a share s raised is s · withArm + (1 − s) · without, exactly.
 */
function mixedArm(without: CaseArm, withArm: CaseArm, share: number): CaseArm {
  const mix = (a: Float64Array, b: Float64Array) => a.map((v, i) => (1 - share) * v + share * b[i]!);
  return {
    ...withArm,
    municipalNet: mix(without.municipalNet, withArm.municipalNet),
    gross: mix(without.gross, withArm.gross),
    publicSupport: mix(without.publicSupport, withArm.publicSupport),
    municipalNetByStep: without.municipalNetByStep.map(
      (v, i) => (1 - share) * v + share * withArm.municipalNetByStep[i]!,
    ),
    priced: [...without.priced, ...withArm.priced],
  };
}

function figuresOf(terms: CaseTerms, without: CaseArm, withArm: CaseArm): ValueFigures {
  const H = terms.horizonWeeks;
  const o = terms.startOffset;
  let supportWithout = 0;
  let supportWith = 0;
  let netWithout = 0;
  let netWith = 0;
  for (let u = 1; u <= H; u++) {
    supportWithout += without.publicSupport[o + u]!;
    supportWith += withArm.publicSupport[o + u]!;
    netWithout += without.municipalNet[o + u - 1]!;
    netWith += withArm.municipalNet[o + u - 1]!;
  }
  const P = terms.participants;
  return {
    weeksOnSupport: { without: supportWithout, with: supportWith, fewer: supportWithout - supportWith },
    municipalNet: { without: netWithout, with: netWith, saved: netWithout - netWith },
    total: {
      weeksFewer: P * (supportWithout - supportWith),
      saved: P * (netWithout - netWith),
      npv: caseFigures(terms, without, withArm).npv,
    },
  };
}

/**
 * What `steps` steps up on `indicator` for a share of a target group are worth: the hazard ratio per
 * point of the municipality's outcome model (or one given) raised to the number of steps, applied to
 * moves from public support to work of the participants whose score rises, as an investment case's
 * effect (Jobinvestering's arms, projected and priced with the refusion staircase in the worker
 * pool, kept between requests); no cost, a lasting effect.
 */
export async function stepValue(
  store: Store,
  request: ValueRequest,
  options: { readonly latestStart: number; readonly rates: RateTable; readonly signal?: AbortSignal },
): Promise<StepValue> {
  const { municipality, indicator, steps, share } = request;
  let perStep: number;
  let lower: number | null = null;
  let upper: number | null = null;
  let source: 'outcome-model' | 'given';
  let version: number;
  if (request.hazardRatio !== undefined) {
    perStep = request.hazardRatio;
    source = 'given';
    version = await dataVersion(store);
  } else {
    const analysis = await outcomeAnalysis(store, municipality);
    const point = analysis.hazard.perPoint.find((p) => p.indicator === indicator);
    if (!point)
      throw new DataError(
        `indicator: the outcome model of municipality ${String(municipality).padStart(3, '0')} has no estimate for ${indicator}; give hazardRatio`,
      );
    ({ hazardRatio: perStep, lower, upper } = point);
    source = 'outcome-model';
    version = analysis.dataVersion;
  }
  const { stockWeek, startOffset, entry, group } = await caseGroup(
    store,
    {
      municipality: String(municipality).padStart(3, '0'),
      startWeek: request.startWeek,
      target: request.target,
    },
    options.latestStart,
  );
  const participants = request.participants ?? group.length;
  if (participants > group.length)
    throw new DataError(
      `participants: the target group has ${group.length} persons in ${toYyyyww(stockWeek)}, found ${participants}`,
      { details: [{ field: 'participants', max: group.length, found: participants }] },
    );
  const base = {
    municipality,
    stockWeek,
    startOffset,
    group,
    groupKey: JSON.stringify([municipality, stockWeek, request.target]),
    horizonWeeks: request.horizonWeeks,
    rates: options.rates,
  };
  const effect = (ratio: number): InterventionEffect => ({
    hazardRatio: Math.pow(ratio, steps),
    to: ['job'],
    lockIn: null,
    phaseInWeeks: 0,
    halfLifeWeeks: null,
    relapseHazardRatio: 1,
  });
  const ratios = [perStep, ...(lower !== null && upper !== null ? [lower, upper] : [])];
  const [without, ...arms] = await Promise.all([
    entry.work.arm(base, null, options.signal),
    ...ratios.map((r) => entry.work.arm(base, effect(r), options.signal)),
  ]);
  const terms: CaseTerms = {
    stockWeek,
    startOffset,
    participants,
    cost: { perParticipant: 0, perWeek: 0, weeks: 0 },
    horizonWeeks: request.horizonWeeks,
    discountRate: request.discountRate,
  };
  const mixed = arms.map((arm) => mixedArm(without!, arm, share));
  const main = figuresOf(terms, without!, mixed[0]!);
  const figures = caseFigures(terms, without!, mixed[0]!);
  return {
    municipality,
    indicator,
    steps,
    share,
    participants,
    targetGroupSize: group.length,
    stockWeek: toYyyyww(stockWeek),
    startWeek: toYyyyww(stockWeek + startOffset),
    horizonWeeks: request.horizonWeeks,
    hazardRatio: { perStep, applied: Math.pow(perStep, steps), lower, upper, source },
    ...main,
    interval:
      mixed.length === 3
        ? { lower: figuresOf(terms, without!, mixed[1]!), upper: figuresOf(terms, without!, mixed[2]!) }
        : null,
    years: figures.years.map((y) => ({
      year: y.year,
      without: y.without,
      with: y.with,
      difference: y.difference,
    })),
    dataVersion: version,
    assumptions: valueAssumptions({
      indicator,
      steps,
      perStep,
      source,
      share,
      stockWeek,
      rates: options.rates.version,
    }),
  };
}

/** What the value of a step assumes, in Danish and English. */
function valueAssumptions(a: {
  indicator: Indicator;
  steps: number;
  perStep: number;
  source: 'outcome-model' | 'given';
  share: number;
  stockWeek: number;
  rates: string;
}): { da: string; en: string }[] {
  const name = INDICATOR_NAMES[a.indicator];
  const applied = Math.pow(a.perStep, a.steps);
  const { year, week } = yearWeekOf(a.stockWeek);
  const stock = `${year}-W${String(week).padStart(2, '0')}`;
  const da = (x: number, digits: number) => x.toFixed(digits).replace('.', ',');
  const percent = Math.round(a.share * 100);
  return [
    {
      da: `${a.steps} trin op på ${name.da.toLowerCase()} ganger chancen (hazard) for at gå fra offentlig forsørgelse til job med ${da(applied, 3)} (${a.steps} × hazard ratio pr. point på ${da(a.perStep, 3)}${a.source === 'outcome-model' ? ' fra kommunens udfaldsmodel, justeret for de øvrige indikatorer, registeroplysningerne og sagsbehandleren' : ', som angivet'}) for ${percent} % af deltagerne, fra start og i hele perioden; overgange fra job tilbage er uændrede.`,
      en: `${a.steps} step${a.steps === 1 ? '' : 's'} up on ${name.en.toLowerCase()} multiplies the hazard of moving from public support to work by ${applied.toFixed(3)} (${a.steps} × the per-point hazard ratio of ${a.perStep.toFixed(3)}${a.source === 'outcome-model' ? ", from the municipality's outcome model, adjusted for the other indicators, the register covariates and the caseworker" : ', as given'}) for ${percent} % of the participants, from the start for the whole horizon; moves back from work are unchanged.`,
    },
    {
      da: `Målgruppens forventede uger fremskrives med Jobinvesteringens varighedsmodel fra bestanden i ${stock} og prissættes med refusionstrappen og satserne i ${a.rates}.`,
      en: `The target group's expected weeks are projected by Jobinvestering's duration model from the stock of ${stock}, priced with the refusion staircase and the rates of ${a.rates}.`,
    },
  ];
}
