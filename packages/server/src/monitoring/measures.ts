/**
 * jobindsats' measures counted in SQL on the store (core's monitoring/measures.ts says what each
 * counts; core's kpi.ts makes the measures of the counts and withholds small numbers).
 *
 * A unit is a municipality, a department or a caseworker: the weeks a person belongs to it are the
 * weeks they live in the municipality (person_municipalities, each row until the next), and at the
 * lower levels also the weeks they are assigned to the caseworker (caseworker_assignments). A week
 * on the benefit, a conversation or an activation week counts for the unit of that week; a spell's
 * start for the unit of its first week, its end for that of its last, the stocks for the units of the
 * period's first and last weeks. The target group (age group, origin, duration band) is a filter on
 * the spells by jobindsats' rule (data/facts.ts' `jobindsats_spells`): age on the spell's last day or,
 * while it runs, the period's; duration band at the same day; and the weeks counted are those of the
 * spells kept.
 *
 * Every count is one part of one statement: the units, the spells and their weeks are made once
 * (MATERIALIZED) and each count's rows come back as a JSON array. An answer is kept, per store,
 * until the data change (its key holds the data version).
 */

import {
  kpiMeasures,
  withheldMeasures,
  withheldUnits,
  SPELL_DURATION_BANDS,
  STATUS_MONTHS,
  type JobindsatsAgeGroup,
  type KpiCounts,
  type KpiMeasures,
  type SpellDurationBand,
  groupBenefits,
  NOT_PUBLIC_SUPPORT,
} from '@jobinvest/core';
import {
  ageGroupSql,
  currentFacts,
  dataVersion,
  dataWindow,
  dateInWeek,
  isoYearOfWeek,
  Recent,
  weekOfDate,
  type Store,
} from '../data/index.ts';

export const KPI_LEVELS = ['municipality', 'department', 'caseworker'] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];

export interface KpiQuery {
  readonly municipality: number;
  /** A group in force, or `all` for all public support. */
  readonly benefit: string;
  /** The period's first and last weeks (week indices). */
  readonly from: number;
  readonly to: number;
  readonly level: KpiLevel;
  /** Only this caseworker's caseload (at the caseworker level). */
  readonly caseworker?: string | null;
  /** Only the weeks persons are assigned in this department ('' for none), below the municipality. */
  readonly department?: string | null;
  readonly ageGroup?: JobindsatsAgeGroup | null;
  readonly origin?: string | null;
  readonly durationBand?: SpellDurationBand | null;
  /** Suppression threshold, or null for figures as they are. */
  readonly threshold: number | null;
}

export interface KpiRow {
  readonly level: KpiLevel;
  readonly key: string;
  readonly measures: KpiMeasures;
}

export interface KpiResult {
  readonly rows: KpiRow[];
  readonly withheld: number;
  /** The last week in the data: statuses and spell ends after it are not yet known. */
  readonly dataLast: number;
}

const FOREVER = 2_147_483_647;
const notSupport = NOT_PUBLIC_SUPPORT.map((state) => `'${state}'`).join(', ');
/** SQL: the week that holds the day `months` calendar months after the Sunday (or Monday) of `week`. */
const weekMonthsAfter = (week: string, months: string, day: number) =>
  weekOfDate(`CAST(${dateInWeek(week, day)} + to_months(CAST(${months} AS INTEGER)) AS DATE)`);

/**
 * SQL: the weeks each person who ever lived in municipality `$m` lived where: a row of
 * person_municipalities holds from its week until the week before the person's next row.
 */
export const RESIDENCE_SQL = `
  SELECT person_id, municipality, from_week,
         coalesce(lead(from_week) OVER (PARTITION BY person_id ORDER BY from_week) - 1, ${FOREVER}) AS to_week
  FROM person_municipalities
  WHERE person_id IN (SELECT person_id FROM person_municipalities WHERE municipality = $m)`;

const bandSql = (weeks: string) =>
  `CASE ${SPELL_DURATION_BANDS.map((band) =>
    Number.isFinite(band.to) ? `WHEN ${weeks} <= ${band.to} THEN '${band.id}'` : `ELSE '${band.id}'`,
  ).join(' ')} END`;

/** The CTEs every count shares: the units' weeks, the target group's spells, their weeks on the benefit. */
function shared(query: KpiQuery): string {
  const units =
    query.level === 'municipality'
      ? `SELECT person_id, CAST($m AS VARCHAR) AS key, from_week, to_week FROM res WHERE municipality = $m`
      : `SELECT r.person_id, ${query.level === 'department' ? "coalesce(a.department, '')" : 'a.caseworker'} AS key,
                greatest(r.from_week, a.from_week) AS from_week, least(r.to_week, coalesce(a.to_week, ${FOREVER})) AS to_week
         FROM res r JOIN caseworker_assignments a
           ON a.person_id = r.person_id AND a.from_week <= r.to_week AND coalesce(a.to_week, ${FOREVER}) >= r.from_week
         WHERE r.municipality = $m${query.caseworker != null ? ' AND a.caseworker = $caseworker' : ''}${
           query.department != null ? " AND coalesce(a.department, '') = $department" : ''
         }`;
  const weekly = `benefit IN (${groupBenefits(query.benefit)
    .map((b) => `'${b}'`)
    .join(', ')})`;
  const at = 'least(j.last_week, $t)';
  const filters = [
    query.ageGroup ? `${ageGroupSql(`(${isoYearOfWeek(at)} - p.birth_year)`)} = $ageGroup` : null,
    query.origin ? 'p.origin = $origin' : null,
    query.durationBand ? `${bandSql(`(${at} - j.first_week + 1)`)} = $durationBand` : null,
  ].filter((f): f is string => f !== null);
  return `
res AS (${RESIDENCE_SQL}),
units AS MATERIALIZED (${units}),
js AS MATERIALIZED (
  SELECT j.* FROM jobindsats_spells j${filters.length > 0 ? ' JOIN persons p USING (person_id)' : ''}
  WHERE j.benefit = $group AND j.first_week <= $t AND (j.last_week >= $f OR NOT j.ended)
    AND j.person_id IN (SELECT person_id FROM units)${filters.map((f) => ` AND ${f}`).join('')}
),
ws AS (
  SELECT s.person_id, s.first_week, s.last_week FROM spells s
  JOIN js ON js.person_id = s.person_id AND s.first_week BETWEEN js.first_week AND js.last_week
  WHERE s.${weekly} AND s.first_week <= $t AND s.last_week >= $f
),
wk AS MATERIALIZED (
  SELECT u.key, ws.person_id, greatest(ws.first_week, u.from_week, $f) AS f, least(ws.last_week, u.to_week, $t) AS l
  FROM ws JOIN units u ON u.person_id = ws.person_id AND ws.first_week <= u.to_week AND ws.last_week >= u.from_week
  WHERE greatest(ws.first_week, u.from_week, $f) <= least(ws.last_week, u.to_week, $t)
),
pts AS (
  SELECT *, 'start' AS point, first_week AS at FROM js WHERE first_week BETWEEN $f AND $t AND NOT open_at_start
  UNION ALL SELECT *, 'end', last_week FROM js WHERE ended AND last_week BETWEEN $f AND $t
  UNION ALL SELECT *, 'primo', $f FROM js WHERE (first_week < $f OR open_at_start) AND NOT (ended AND last_week < $f)
  UNION ALL SELECT *, 'ultimo', $t FROM js WHERE NOT (ended AND last_week <= $t)
  UNION ALL SELECT *, 'unsettled', last_week FROM js WHERE NOT ended AND last_week BETWEEN $f AND $t AND last_week < $last
),
pu AS MATERIALIZED (
  SELECT u.key, pts.* FROM pts JOIN units u ON u.person_id = pts.person_id AND pts.at BETWEEN u.from_week AND u.to_week
)`;
}

type Row = Record<string, unknown>;
const n = (value: unknown) => (value == null ? 0 : Number(value));

/** The answers given last, per store, kept until the data change (the key holds the data version). */
const answered = new WeakMap<Store, Recent<Promise<KpiResult>>>();

/** The measures of a municipality (one row) or of its departments or caseworkers (a row each). */
export async function kpiOf(store: Store, query: KpiQuery): Promise<KpiResult> {
  await currentFacts(store);
  const version = await dataVersion(store);
  let recent = answered.get(store);
  if (!recent) answered.set(store, (recent = new Recent(500)));
  return recent.get(`${version}|${JSON.stringify(query)}`, () => countKpi(store, query));
}

async function countKpi(store: Store, query: KpiQuery): Promise<KpiResult> {
  const window = await dataWindow(store);
  const params: Record<string, string | number> = {
    m: query.municipality,
    f: query.from,
    t: query.to,
    group: query.benefit,
    last: window.last,
  };
  if (query.caseworker != null) params.caseworker = query.caseworker;
  if (query.department != null) params.department = query.department;
  if (query.ageGroup) params.ageGroup = query.ageGroup;
  if (query.origin) params.origin = query.origin;
  if (query.durationBand) params.durationBand = query.durationBand;
  // One statement: the units, spells and weeks it shares are counted once (MATERIALIZED), and every
  // count's rows come back as one JSON array in the order asked.
  const statusMonths = `[${STATUS_MONTHS.join(', ')}]`;
  const sqls = [
    `SELECT key, count(DISTINCT person_id) AS persons, sum(l - f + 1) AS weeks FROM wk GROUP BY key`,
    `SELECT key, point, count(*) AS spells,
                  sum(last_week - first_week + 1) FILTER (WHERE NOT open_at_start) AS duration_weeks,
                  count(*) FILTER (WHERE NOT open_at_start) AS with_duration
           FROM pu GROUP BY key, point`,
    `SELECT key, point, ${bandSql(`(CASE WHEN point = 'end' THEN last_week ELSE $t END - first_week + 1)`)} AS band, count(*) AS spells
           FROM pu WHERE point IN ('end', 'ultimo') GROUP BY ALL`,
    `SELECT key, CASE WHEN started >= 3 THEN '3+' ELSE CAST(started AS VARCHAR) END AS bucket, count(*) AS persons
           FROM (SELECT key, person_id, count(*) AS started FROM pu WHERE point = 'start' GROUP BY key, person_id)
           GROUP BY ALL`,
    `SELECT e.key, k.months,
                  CASE WHEN st.benefit IS NULL OR st.benefit = 'out' THEN 'outOfPopulation' WHEN st.benefit = 'job' THEN 'work'
                       WHEN st.benefit = 'su' THEN 'education' ELSE 'publicSupport' END AS class,
                  count(*) AS spells
           FROM (SELECT * FROM pu WHERE point = 'end') e
           CROSS JOIN (SELECT unnest(${statusMonths}) AS months) k
           LEFT JOIN spells st ON st.person_id = e.person_id
             AND ${weekMonthsAfter('e.last_week', 'k.months', 6)} BETWEEN st.first_week AND st.last_week
           WHERE ${weekMonthsAfter('e.last_week', 'k.months', 6)} <= $last
           GROUP BY ALL`,
    `SELECT e.key, count(*) AS spells,
                  count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM spells s WHERE s.person_id = e.person_id AND s.benefit NOT IN (${notSupport})
                      AND s.first_week > e.last_week AND s.first_week <= ${weekMonthsAfter('e.last_week', '3', 6)})) AS relapsed
           FROM pu e WHERE e.point = 'end' AND e.destination = 'job' AND ${weekMonthsAfter('e.last_week', '3', 6)} <= $last
           GROUP BY e.key`,
    `SELECT key, coalesce(destination, '') AS destination, count(*) AS spells FROM pu WHERE point = 'end' GROUP BY ALL`,
    `SELECT key, count(DISTINCT person_id) AS persons, sum(weeks) AS weeks,
                  sum(coalesce(cost, 0) * weeks / length) AS cost
           FROM aw GROUP BY key`,
    `SELECT wk.key, i.type,
                  count(*) FILTER (WHERE i.start_week BETWEEN wk.f AND wk.l) AS started,
                  count(*) FILTER (WHERE i.end_week BETWEEN wk.f AND wk.l) AS ended,
                  sum(i.end_week - i.start_week + 1) FILTER (WHERE i.end_week BETWEEN wk.f AND wk.l) AS ended_weeks,
                  sum(least(coalesce(i.end_week, $last), wk.l) - greatest(i.start_week, wk.f) + 1) AS weeks
           FROM interventions i JOIN wk ON wk.person_id = i.person_id
             AND i.start_week <= wk.l AND coalesce(i.end_week, $last) >= wk.f
           GROUP BY ALL`,
    `SELECT wk.key, count(*) FILTER (WHERE c.kind = 'samtale') AS conversations,
                  count(*) FILTER (WHERE c.kind = 'udeblivelse') AS no_shows
           FROM contacts c JOIN wk ON wk.person_id = c.person_id AND c.week BETWEEN wk.f AND wk.l GROUP BY wk.key`,
    `SELECT s.key, count(*) AS spells,
                  count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM contacts c WHERE c.person_id = s.person_id AND c.kind = 'samtale'
                      AND c.week BETWEEN s.first_week AND ${weekMonthsAfter('s.first_week', '3', 0)})) AS timely
           FROM pu s WHERE s.point = 'start' AND ${weekMonthsAfter('s.first_week', '3', 0)} <= $last
           GROUP BY s.key`,
    `SELECT wk.key, count(DISTINCT a.caseworker) AS caseworkers
           FROM wk JOIN caseworker_assignments a ON a.person_id = wk.person_id
             AND a.from_week <= wk.l AND coalesce(a.to_week, ${FOREVER}) >= wk.f
           GROUP BY wk.key`,
  ];
  const text = `WITH ${shared(query)},
act AS (
  SELECT person_id, type, start_week, coalesce(end_week, $last) AS end_week, cost FROM interventions
  WHERE start_week <= $t AND coalesce(end_week, $last) >= $f
),
aw AS (
  SELECT wk.key, a.person_id, a.type, a.cost, a.end_week - a.start_week + 1 AS length,
         least(a.end_week, wk.l) - greatest(a.start_week, wk.f) + 1 AS weeks
  FROM act a JOIN wk ON wk.person_id = a.person_id AND a.start_week <= wk.l AND a.end_week >= wk.f
)
${sqls.map((sql, i) => `${i === 0 ? '' : 'UNION ALL '}SELECT ${i} AS i, CAST(to_json(list(t)) AS VARCHAR) AS rows FROM (${sql}) t`).join('\n')}`;
  // Only the parameters the statement uses may be bound: DuckDB refuses the others.
  const used = Object.fromEntries(
    Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(text)),
  );
  const [answer, population] = await Promise.all([
    store.query<{ i: number; rows: string | null }>(text, used),
    query.level === 'municipality'
      ? store.query<Row>(
          `SELECT count(y.code) AS years, sum(y.labour_force_16_66) AS labour_force, sum(y.population_16_66) AS population
             FROM range($f, $t + 1) r(w) LEFT JOIN municipality_years y ON y.code = $m AND y.year = ${isoYearOfWeek('r.w')}`,
          { f: query.from, t: query.to, m: query.municipality },
        )
      : Promise.resolve([]),
  ]);
  const tables = sqls.map((_, i) => JSON.parse(answer.find((r) => Number(r.i) === i)?.rows ?? '[]') as Row[]);
  const [
    weeks,
    points,
    bands,
    started,
    status,
    relapse,
    destinations,
    activation,
    byType,
    contacts,
    timely,
    caseworkers,
  ] = tables as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];

  const periodWeeks = query.to - query.from + 1;
  const keys = new Set<string>();
  for (const table of [weeks, points]) for (const r of table) keys.add(String(r.key));
  if (query.level === 'municipality') keys.add(String(query.municipality));
  const of = (table: Row[], key: string) => table.filter((r) => String(r.key) === key);
  const one = (table: Row[], key: string) => of(table, key)[0] ?? {};
  const completeYears = population[0] && n(population[0].years) === periodWeeks;

  const answers = [...keys].sort().map((key) => {
    const pointCount = (point: string) => n(of(points, key).find((r) => r.point === point)?.spells);
    const end = of(points, key).find((r) => r.point === 'end');
    const bandCounts = (point: string) =>
      Object.fromEntries(
        of(bands, key)
          .filter((r) => r.point === point)
          .map((r) => [String(r.band), n(r.spells)]),
      );
    const statusAfter = Object.fromEntries(
      STATUS_MONTHS.map((k) => [
        `${k}`,
        Object.fromEntries(
          of(status, key)
            .filter((r) => n(r.months) === k)
            .map((r) => [String(r.class), n(r.spells)]),
        ),
      ]),
    ) as KpiCounts['statusAfter'];
    const act = one(activation, key);
    const types = of(byType, key);
    const counts: KpiCounts = {
      persons: n(one(weeks, key).persons),
      benefitWeeks: n(one(weeks, key).weeks),
      labourForce: completeYears ? n(population[0]!.labour_force) / periodWeeks : null,
      population: completeYears ? n(population[0]!.population) / periodWeeks : null,
      stockAtStart: pointCount('primo'),
      stockAtEnd: pointCount('ultimo'),
      spellsStarted: pointCount('start'),
      spellsEnded: pointCount('end'),
      spellsUnsettled: pointCount('unsettled'),
      endedDurationWeeks: n(end?.duration_weeks),
      endedWithDuration: n(end?.with_duration),
      endedByDuration: bandCounts('end'),
      stockAtEndByDuration: bandCounts('ultimo'),
      personsBySpellsStarted: Object.fromEntries(
        of(started, key).map((r) => [String(r.bucket), n(r.persons)]),
      ),
      statusAfter,
      relapseSpells: n(one(relapse, key).spells),
      relapsed: n(one(relapse, key).relapsed),
      destinations: Object.fromEntries(
        of(destinations, key).map((r) => [String(r.destination) || 'unknown', n(r.spells)]),
      ),
      activatedPersons: n(act.persons),
      activationWeeks: n(act.weeks),
      activationCost: n(act.cost),
      activationsStarted: types.reduce((sum, r) => sum + n(r.started), 0),
      activationsEnded: types.reduce((sum, r) => sum + n(r.ended), 0),
      endedActivationWeeks: types.reduce((sum, r) => sum + n(r.ended_weeks), 0),
      activationByType: Object.fromEntries(
        types.map((r) => [String(r.type), { started: n(r.started), ended: n(r.ended), weeks: n(r.weeks) }]),
      ),
      conversations: n(one(contacts, key).conversations),
      noShows: n(one(contacts, key).no_shows),
      timelySpells: n(one(timely, key).spells),
      timelyWithConversation: n(one(timely, key).timely),
      caseworkers: n(one(caseworkers, key).caseworkers),
    };
    return {
      key,
      persons: counts.persons,
      ...kpiMeasures(counts, { periodWeeks, threshold: query.threshold }),
    };
  });
  // Below the municipality, a unit on few persons is withheld whole, and one more where the
  // municipality's total would give it back.
  const hidden =
    query.level === 'municipality'
      ? answers.map(() => false)
      : withheldUnits(
          answers.map((a) => a.persons),
          query.threshold,
        );
  let withheld = 0;
  const rows = answers.map((answer, i): KpiRow => {
    const shown = hidden[i] ? withheldMeasures(answer.measures) : { measures: answer.measures, withheld: 0 };
    withheld += answer.withheld + shown.withheld;
    return { level: query.level, key: answer.key, measures: shown.measures };
  });
  return { rows, withheld, dataLast: window.last };
}
