/**
 * The inputs of the Jobinvestering engine, read from the store as small aggregated arrays: the
 * person-weeks at risk by covariate cell with their outcomes (for the duration model), the stock of a
 * municipality in a week with each person's history (the projection's starting point), the inflow of
 * new persons (its entrants) and the persons by state week by week (plan versus actual). The types
 * are core's (jobinvest/data.ts) and a week is put in its cell by core's covariate definitions
 * (jobinvest/covariates.ts): the SQL here is generated from those tables, so there is one definition.
 *
 * States are the spells' states (facts.ts): benefit codes of the catalogue, `job` and `su`. `out`
 * (left the population) is a destination only, and `(unmapped)` (register codes missing from the code
 * map) cannot be modelled: weeks in either are left out everywhere here. So are persons without a
 * birth year (their age is unknown); a missing sex or origin is the value `(unknown)`.
 *
 * Municipality of residence is the person's municipality row in force (the latest `from_week` not
 * after the week), as in facts.ts.
 */

import { DataError } from './errors.ts';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import {
  BENEFITS,
  closedToNewIn,
  MODEL_AGE_GROUPS,
  MODEL_DURATION_BANDS,
  PRIOR_SUPPORT_BANDS,
  PRIOR_SUPPORT_WINDOW,
  ageGroupIndexOf,
  ageGroupOf,
  fromYyyyww,
  periodOf,
  quarterOfWeekNumber,
  toYyyyww,
  yearWeekOf,
  type ActualWeek,
  type HistoryRun,
  type Inflow,
  type StockPerson,
  type TransitionCell,
} from '@jobinvest/core';
import { rows, type Store } from './db.ts';
import { currentFacts, isoYearOfWeek, weekOfDate } from './facts.ts';

/** States that are never an origin or a state of the population (see the module comment). */
const NOT_STATES = `('out', '(unmapped)')`;

/** 2016-W01, the week the refusion reform took effect: a stock person's history starts here at the earliest. */
const HISTORY_FROM = fromYyyyww(201601);

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Index in MODEL_DURATION_BANDS of a spell-week expression `d` (d ≥ 1). */
export function durationBandSql(d: string): string {
  const whens = MODEL_DURATION_BANDS.map((b, i) =>
    b.lastWeek === null
      ? `WHEN ${d} >= ${b.firstWeek} THEN ${i}`
      : `WHEN ${d} BETWEEN ${b.firstWeek} AND ${b.lastWeek} THEN ${i}`,
  );
  return `(CASE ${whens.join(' ')} END)`;
}

/** Index in PRIOR_SUPPORT_BANDS of an expression counting weeks of prior public support. */
export function priorBandSql(weeks: string): string {
  const whens = PRIOR_SUPPORT_BANDS.map(
    (b, i) => `WHEN ${weeks} BETWEEN ${b.fromWeeks} AND ${b.toWeeks} THEN ${i}`,
  );
  return `(CASE ${whens.join(' ')} END)`;
}

/**
 * Index in MODEL_AGE_GROUPS of `ageGroupOf` of an age expression, as a CASE over the ages where the
 * group changes, found by evaluating `ageGroupOf` itself over 0-130 so that the SQL cannot drift
 * from it.
 */
export function ageGroupSql(age: string): string {
  const index = (a: number) => {
    const i = ageGroupIndexOf(a);
    if (i < 0) throw new DataError(`ageGroupOf(${a}) = ${ageGroupOf(a)} is not in MODEL_AGE_GROUPS`);
    return i;
  };
  const whens: string[] = [];
  for (let a = 0; a < 130; a++)
    if (index(a) !== index(a + 1)) whens.push(`WHEN ${age} <= ${a} THEN ${index(a)}`);
  return `(CASE ${whens.join(' ')} ELSE ${index(130)} END)`;
}

const PUBLIC_SUPPORT = BENEFITS.filter((b) => b.publicSupport)
  .map((b) => quote(b.code))
  .join(', ');

/**
 * Weeks of public support (benefits with `publicSupport` in core's catalogue) in the
 * PRIOR_SUPPORT_WINDOW weeks before each spell start of `starts` (a relation with `person_id` and
 * `first_week`): the overlap of each benefit run with [first_week − 156, first_week − 1]. Runs of a
 * person never overlap (imports replace the weeks they cover), so the sum is at most 156. Spell
 * starts without such a run are absent (0 weeks).
 */
function priorWeeksSql(starts: string): string {
  return `SELECT a.person_id, a.first_week,
    sum(least(r.last_week, a.first_week - 1) - greatest(r.first_week, a.first_week - ${PRIOR_SUPPORT_WINDOW}) + 1) AS weeks
  FROM ${starts} a JOIN benefit_runs r
    ON r.person_id = a.person_id AND r.first_week < a.first_week AND r.last_week >= a.first_week - ${PRIOR_SUPPORT_WINDOW}
  WHERE r.benefit IN (${PUBLIC_SUPPORT})
  GROUP BY a.person_id, a.first_week`;
}

interface Calendar {
  /** `VALUES (week, iso_year, quarter, period, piece), …`, `period` an index in `periods`. */
  readonly values: string;
  readonly periods: readonly string[];
}

/**
 * The calendar covariates of weeks `first`..`last`, computed by core (yearWeekOf,
 * quarterOfWeekNumber, and periodOf with the data ending before week `end`). `piece` numbers the
 * maximal stretches of weeks with one ISO year, quarter and period: within a piece only the spell
 * week changes, so a spell is cut into pieces (of at most 13 weeks) instead of weeks.
 */
function calendarOf(first: number, last: number, end: number): Calendar {
  const values: string[] = [];
  const periods: string[] = [];
  let piece = 0;
  let previous = '';
  for (let week = first; week <= last; week++) {
    const { year, week: number } = yearWeekOf(week);
    const quarter = quarterOfWeekNumber(number);
    const label = periodOf(end - 1 - week);
    if (!periods.includes(label)) periods.push(label);
    const key = `${year} ${quarter} ${label}`;
    if (key !== previous) piece++;
    previous = key;
    values.push(`(${week}, ${year}, ${quarter}, ${periods.indexOf(label)}, ${piece})`);
  }
  return { values: `VALUES ${values.join(', ')}`, periods };
}

const BAND_VALUES = `VALUES ${MODEL_DURATION_BANDS.map((b, i) => `(${i}, ${b.firstWeek}, ${b.lastWeek ?? 'NULL'})`).join(', ')}`;

/**
 * Run a query and read its result by column: several times faster than row objects for the
 * hundreds of thousands of cells of `transitionCells`. BIGINT columns become numbers here, at the
 * edge (cast counts to INTEGER or DOUBLE in SQL to spare the conversion).
 */
async function columnsOf(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown[]>> {
  const columns = (await connection.runAndReadAll(sql)).getColumnsObjectJS();
  for (const [name, values] of Object.entries(columns)) {
    if (values.some((v) => typeof v === 'bigint'))
      columns[name] = values.map((v) => (typeof v === 'bigint' ? Number(v) : v));
  }
  return columns;
}

export interface DataWindow {
  readonly first: number;
  readonly last: number;
}

/** First and last week of the data (the import windows), after the facts are brought up to date. */
export async function dataWindow(store: Store): Promise<DataWindow> {
  await currentFacts(store);
  const [window] = await store.query<{ first: number | null; last: number | null }>(
    'SELECT min(first_week) AS first, max(last_week) AS last FROM observation_windows',
  );
  if (window?.first == null || window.last == null) {
    throw new DataError(
      'the store holds no register data: import a DREAM, spells or persons file first',
    );
  }
  return { first: window.first, last: window.last };
}

const showWeek = (week: number) => {
  const yyyyww = toYyyyww(week);
  return `${Math.floor(yyyyww / 100)}-W${String(yyyyww % 100).padStart(2, '0')}`;
};

function checkWeekIndex(name: string, week: number): void {
  if (!Number.isInteger(week))
    throw new DataError(`${name} must be a week index (a whole number), found ${week}`);
}

function checkInWindow(name: string, week: number, window: DataWindow): void {
  checkWeekIndex(name, week);
  if (week < window.first || week > window.last) {
    throw new DataError(
      `${name} ${showWeek(week)} is outside the data, which covers ${showWeek(window.first)} to ${showWeek(window.last)}`,
    );
  }
}

export async function checkMunicipality(store: Store, municipality: number): Promise<void> {
  if (!Number.isInteger(municipality)) {
    throw new DataError(
      `municipality must be a municipality code (a whole number), found ${municipality}`,
    );
  }
  const found = await store.query(
    `SELECT 1 FROM person_municipalities WHERE municipality = ${municipality} LIMIT 1`,
  );
  if (found.length === 0)
    throw new DataError(`municipality ${municipality} has no persons in the store`);
}

export interface TransitionOptions {
  /**
   * Week index where the estimation data end (exclusive): only weeks before it are counted, and a
   * spell still running in it is censored there. Default: the week after the last week of data.
   */
  readonly until?: number;
}

/**
 * Person-weeks at risk by covariate cell, with their exits by destination: the data of the
 * discrete-time duration model.
 *
 * A spell whose start is seen (not left-truncated) in state s, weeks f..l, contributes its week t
 * (spell week d = t − f + 1) as a trial when the outcome of that week is known: t < l (stayed), or
 * t = l and the spell moved to a destination in week l + 1. The last week of a spell running at the
 * end of the data (destination NULL) is not a trial, and neither is the last week before 1 January of
 * the year of turning 67 (facts.ts ends observation there with destination `out`): reaching 67 is
 * censoring, not a move. With `until` = U the data end at U − 1: weeks from U on are not trials, and
 * a spell that ends at U − 1 or later without a known move before U is a stay up to U − 1.
 *
 * Covariates of week t (covariates.ts): `band` of d, `ageGroup` of (ISO year of t − birth year),
 * `quarter` of t's ISO week number, `period` = periodOf(U − 1 − t) with U the end of the data; sex,
 * origin; `priorBand` of the weeks of public support in the 156 weeks before f; and the municipality
 * of residence in week f (the spell's, so that a spell's weeks stay in one cell, as in spell_cells).
 *
 * Counted in DuckDB without a row per person-week: each spell is cut into the calendar pieces it
 * crosses (a piece has one ISO year, quarter and period) and each piece into the duration bands it
 * crosses, and the weeks of each overlap are summed. The grouping runs on integers: the spell's
 * string covariates become one `group_id` per distinct combination, decoded on the small result.
 */
export async function transitionCells(
  store: Store,
  options: TransitionOptions = {},
): Promise<TransitionCell[]> {
  await dataWindow(store);
  if (options.until !== undefined) checkWeekIndex('until', options.until);
  const [span] = await store.query<{ first: number | null; last: number | null }>(
    'SELECT min(first_week) AS first, max(last_week) AS last FROM spells',
  );
  if (span?.first == null || span.last == null) return [];
  const end = options.until ?? span.last + 1;
  /** The last week whose outcome may be counted. */
  const cut = end - 1;
  if (cut < span.first) return [];
  // No trial lies after the last week of data, whatever `until` says.
  const calendar = calendarOf(span.first, Math.min(cut, span.last), end);
  const ageEnd = `${weekOfDate('make_date(p.birth_year + 67, 1, 1)')} - 1`;
  const cell = 'group_id, band, age_group, quarter, period';
  // A connection of its own, so that its temporary tables are private and go with it.
  const connection = await store.connect();
  try {
    await connection.run(
      `CREATE TEMP TABLE calendar(week INTEGER, iso_year SMALLINT, quarter TINYINT, period TINYINT, piece SMALLINT)`,
    );
    await connection.run(`INSERT INTO calendar ${calendar.values}`);
    await connection.run(`
CREATE TEMP TABLE pieces AS
SELECT piece, min(week) AS first_week, max(week) AS last_week,
       any_value(iso_year) AS iso_year, any_value(quarter) AS quarter, any_value(period) AS period
FROM calendar GROUP BY piece`);
    await connection.run(`CREATE TEMP TABLE bands(band TINYINT, first_d INTEGER, last_d INTEGER)`);
    await connection.run(`INSERT INTO bands ${BAND_VALUES}`);
    // The spells at risk with their covariates; the string ones (and the municipality) coded as one
    // group_id per distinct combination, so that the big aggregation below runs on integers.
    await connection.run(`
CREATE TEMP TABLE model_spells AS
WITH at_risk AS MATERIALIZED (
  SELECT s.person_id, s.benefit AS state, s.first_week, s.last_week, s.destination, p.birth_year,
         coalesce(p.sex, '(unknown)') AS sex, coalesce(p.origin, '(unknown)') AS origin,
         s.destination IS NOT NULL AND s.last_week <= ${cut}
           AND NOT (s.destination = 'out' AND s.last_week = ${ageEnd}) AS moves
  FROM spells s JOIN persons p USING (person_id)
  WHERE NOT s.left_truncated AND s.benefit NOT IN ${NOT_STATES} AND s.first_week <= ${cut}
    AND p.birth_year IS NOT NULL
),
prior AS (${priorWeeksSql('at_risk')})
SELECT a.state, a.sex, a.origin, ${priorBandSql('coalesce(pr.weeks, 0)')} AS prior_band, m.municipality,
       a.birth_year, a.first_week, a.last_week, a.destination, a.moves,
       CASE WHEN a.moves THEN a.last_week ELSE least(a.last_week - 1, ${cut}) END AS last_trial
FROM at_risk a
LEFT JOIN prior pr ON pr.person_id = a.person_id AND pr.first_week = a.first_week
ASOF LEFT JOIN person_municipalities m ON m.person_id = a.person_id AND m.from_week <= a.first_week`);
    await connection.run(`
CREATE TEMP TABLE model_groups AS
SELECT *, CAST(row_number() OVER (ORDER BY state, sex, origin, prior_band, municipality NULLS FIRST) AS INTEGER) AS group_id
FROM (SELECT DISTINCT state, sex, origin, prior_band, municipality FROM model_spells)`);
    // Trials: each spell cut into the calendar pieces it crosses, each piece into the duration
    // bands it crosses; the weeks of each overlap are trials of the cell.
    await connection.run(`
CREATE TEMP TABLE model_cells AS
WITH grouped AS (
  SELECT g.group_id, k.birth_year, k.first_week, k.last_trial
  FROM model_spells k JOIN model_groups g
    ON g.state = k.state AND g.sex = k.sex AND g.origin = k.origin AND g.prior_band = k.prior_band
   AND g.municipality IS NOT DISTINCT FROM k.municipality
  WHERE k.last_trial >= k.first_week
),
spell_pieces AS (
  SELECT k.group_id, k.birth_year, k.first_week, k.last_trial, unnest(range(c1.piece, c2.piece + 1)) AS piece
  FROM grouped k JOIN calendar c1 ON c1.week = k.first_week JOIN calendar c2 ON c2.week = k.last_trial
),
piece_weeks AS (
  SELECT sp.group_id, sp.birth_year, pc.iso_year, pc.quarter, pc.period,
         greatest(sp.first_week, pc.first_week) - sp.first_week + 1 AS d_from,
         least(sp.last_trial, pc.last_week) - sp.first_week + 1 AS d_to
  FROM spell_pieces sp JOIN pieces pc USING (piece)
),
band_weeks AS (
  SELECT pw.*, CAST(unnest(range(${durationBandSql('pw.d_from')}, ${durationBandSql('pw.d_to')} + 1)) AS TINYINT) AS band
  FROM piece_weeks pw
),
trials AS (
  SELECT w.group_id, w.band, ${ageGroupSql('w.iso_year - w.birth_year')} AS age_group, w.quarter, w.period,
         CAST(sum(least(w.d_to, coalesce(b.last_d, w.d_to)) - greatest(w.d_from, b.first_d) + 1) AS DOUBLE) AS trials
  FROM band_weeks w JOIN bands b USING (band)
  GROUP BY ALL
)
SELECT *, CAST(row_number() OVER (ORDER BY ${cell}) - 1 AS INTEGER) AS cell FROM trials`);
    const groups = await rows<{
      group_id: number;
      state: string;
      sex: string;
      origin: string;
      prior_band: number;
      municipality: number | null;
    }>(connection, 'SELECT * FROM model_groups ORDER BY group_id');
    const cells = await columnsOf(connection, `SELECT ${cell}, trials FROM model_cells ORDER BY cell`);
    // Exits: a move counts in the cell of the spell's last week, which is a trial of that cell.
    const exits = await columnsOf(
      connection,
      `
SELECT c.cell, e.destination, e.n
FROM (
  SELECT g.group_id, ${durationBandSql('k.last_week - k.first_week + 1')} AS band,
         ${ageGroupSql('cal.iso_year - k.birth_year')} AS age_group, cal.quarter, cal.period, k.destination,
         CAST(count(*) AS INTEGER) AS n
  FROM model_spells k JOIN calendar cal ON cal.week = k.last_week
  JOIN model_groups g
    ON g.state = k.state AND g.sex = k.sex AND g.origin = k.origin AND g.prior_band = k.prior_band
   AND g.municipality IS NOT DISTINCT FROM k.municipality
  WHERE k.moves
  GROUP BY ALL
) e JOIN model_cells c USING (${cell})
ORDER BY c.cell, e.destination`,
    );
    const exitsOf: Record<string, number>[] = (cells.group_id as number[]).map(() => ({}));
    (exits.cell as number[]).forEach((row, i) => {
      exitsOf[row]![exits.destination![i] as string] = exits.n![i] as number;
    });
    const groupOf = new Map(groups.map((g) => [g.group_id, g]));
    return (cells.group_id as number[]).map((groupId, row) => {
      const g = groupOf.get(groupId)!;
      return {
        state: g.state,
        band: cells.band![row] as number,
        ageGroup: MODEL_AGE_GROUPS[cells.age_group![row] as number]!,
        sex: g.sex,
        origin: g.origin,
        priorBand: PRIOR_SUPPORT_BANDS[g.prior_band]!.label,
        quarter: cells.quarter![row] as number,
        period: calendar.periods[cells.period![row] as number]!,
        municipality: g.municipality,
        trials: cells.trials![row] as number,
        exits: exitsOf[row]!,
      };
    });
  } finally {
    connection.closeSync();
  }
}

export interface StockOptions {
  /** Week index of the stock. */
  readonly week: number;
  readonly municipality: number;
  /** Only persons in one of these states (default: every state). */
  readonly states?: readonly string[];
}

/**
 * The persons of a municipality in a week: observed that week (inside an observed stretch, ages
 * 16-66), living in the municipality then, and in a state (not `out`), with the spell they are in,
 * who they are, and their history.
 *
 * `history` covers every week from max(2016-W01, the person's first observed week) to the stock week
 * exactly once, in runs: the benefit code of the spell, `null` for weeks without benefit (`job`),
 * `'out'` for weeks not observed (between observed stretches) or spent out of the population. The
 * refusion staircase needs the weeks on benefits since the reform of 2016-W01 (LBK 221/2021 § 5).
 */
export async function stockAt(store: Store, options: StockOptions): Promise<StockPerson[]> {
  const { week, municipality } = options;
  checkInWindow('the stock week', week, await dataWindow(store));
  await checkMunicipality(store, municipality);
  const connection = await store.connect();
  try {
    await connection.run(`
CREATE TEMP TABLE stock AS
WITH here AS (
  SELECT person_id FROM person_municipalities WHERE from_week <= ${week}
  GROUP BY person_id HAVING arg_max(municipality, from_week) = ${municipality}
)
SELECT s.person_id, s.benefit AS state, s.first_week, s.left_truncated, p.pseudonym, p.birth_year,
       coalesce(p.sex, '(unknown)') AS sex, coalesce(p.origin, '(unknown)') AS origin,
       greatest(${HISTORY_FROM}, (SELECT min(o.first_week) FROM observed o WHERE o.person_id = s.person_id)) AS history_from
FROM spells s JOIN here USING (person_id) JOIN persons p USING (person_id)
WHERE s.first_week <= ${week} AND s.last_week >= ${week} AND s.benefit NOT IN ${NOT_STATES}
  AND p.birth_year IS NOT NULL${options.states ? ` AND s.benefit IN (${options.states.map(quote).join(', ') || 'NULL'})` : ''}`);
    const persons = await columnsOf(
      connection,
      `
WITH prior AS (${priorWeeksSql('stock')})
SELECT st.*, ${priorBandSql('coalesce(pr.weeks, 0)')} AS prior_band
FROM stock st LEFT JOIN prior pr ON pr.person_id = st.person_id AND pr.first_week = st.first_week
ORDER BY st.person_id`,
    );
    // The spells of each person's history, clipped to it, in order: flat rows rather than a list
    // per person, which DuckDB is slow to build and node-api slow to convert; the state as an index
    // in `states`, since converting a string costs node-api several times an integer.
    const states = (
      await rows<{ state: string }>(connection, 'SELECT DISTINCT benefit AS state FROM spells ORDER BY 1')
    ).map((r) => r.state);
    const spells = await columnsOf(
      connection,
      `
SELECT s.person_id, greatest(s.first_week, st.history_from) AS f, least(s.last_week, ${week}) AS l,
       CAST(list_position([${states.map(quote).join(', ')}], s.benefit) - 1 AS INTEGER) AS state
FROM stock st JOIN spells s
  ON s.person_id = st.person_id AND s.last_week >= st.history_from AND s.first_week <= ${week}
ORDER BY s.person_id, s.first_week`,
    );
    const ids = spells.person_id as number[];
    let next = 0;
    return (persons.person_id as number[]).map((personId, row) => {
      const own: { f: number; l: number; state: string }[] = [];
      while (next < ids.length && ids[next]! < personId) next++;
      for (; next < ids.length && ids[next] === personId; next++) {
        own.push({
          f: spells.f![next] as number,
          l: spells.l![next] as number,
          state: states[spells.state![next] as number]!,
        });
      }
      return {
        personId,
        pseudonym: persons.pseudonym![row] as string,
        state: persons.state![row] as string,
        spellWeek: week - (persons.first_week![row] as number) + 1,
        leftTruncated: persons.left_truncated![row] as boolean,
        birthYear: persons.birth_year![row] as number,
        sex: persons.sex![row] as string,
        origin: persons.origin![row] as string,
        priorBand: PRIOR_SUPPORT_BANDS[persons.prior_band![row] as number]!.label,
        municipality,
        history: historyRuns(persons.history_from![row] as number, week, own),
      };
    });
  } finally {
    connection.closeSync();
  }
}

/**
 * Runs covering `from`..`to` from a person's spells clipped to that range, in order: weeks between
 * spells (not observed) become `'out'`, `job` becomes `null`, and neighbouring runs of one code merge.
 */
export function historyRuns(
  from: number,
  to: number,
  spells: readonly { readonly f: number; readonly l: number; readonly state: string }[],
): HistoryRun[] {
  const runs: [number, number, string | null][] = [];
  const push = (first: number, last: number, code: string | null) => {
    const previous = runs[runs.length - 1];
    if (previous && previous[2] === code && previous[1] === first - 1) previous[1] = last;
    else runs.push([first, last, code]);
  };
  let next = from;
  for (const s of spells) {
    if (s.f > next) push(next, s.f - 1, 'out');
    push(s.f, s.l, s.state === 'job' ? null : s.state);
    next = s.l + 1;
  }
  if (next <= to) push(next, to, 'out');
  return runs;
}

export interface InflowOptions {
  /** Week index: the last week of the inflow window. */
  readonly week: number;
  readonly municipality: number;
  /** Length of the window in weeks (default 52). */
  readonly weeks?: number;
}

/**
 * Persons entering the observed population in the `weeks` weeks up to `week`: observed stretches
 * that start in [week − weeks + 1, week], of persons living in the municipality in the stretch's first
 * week, counted by state in that week, age (ISO year − birth year), sex and origin. A stretch that
 * starts with the data window is not an entry (the person was there before the data began), so the
 * window is cut to the weeks after the data's first week and `weeks` in the result says how many
 * weeks were counted: an inflow per week is `persons / weeks`.
 */
export async function inflowBefore(store: Store, options: InflowOptions): Promise<Inflow> {
  const { week, municipality, weeks = 52 } = options;
  const window = await dataWindow(store);
  checkInWindow('the inflow week', week, window);
  if (!Number.isInteger(weeks) || weeks < 1)
    throw new DataError(`weeks must be a whole number ≥ 1, found ${weeks}`);
  await checkMunicipality(store, municipality);
  const first = Math.max(week - weeks + 1, window.first + 1);
  const cells = await store.query<{
    state: string;
    age: number;
    sex: string;
    origin: string;
    persons: number;
  }>(
    `
SELECT s.benefit AS state, ${isoYearOfWeek('o.first_week')} - p.birth_year AS age,
       coalesce(p.sex, '(unknown)') AS sex, coalesce(p.origin, '(unknown)') AS origin, count(*) AS persons
FROM observed o JOIN persons p USING (person_id)
JOIN spells s ON s.person_id = o.person_id AND s.first_week = o.first_week
ASOF JOIN person_municipalities m ON m.person_id = o.person_id AND m.from_week <= o.first_week
WHERE o.first_week BETWEEN ${first} AND ${week} AND NOT o.starts_with_window AND m.municipality = ${municipality}
  AND s.benefit NOT IN ${NOT_STATES} AND p.birth_year IS NOT NULL
GROUP BY ALL
ORDER BY ALL`,
  );
  // A group closed to new cases by the first week projected from here takes no one in (benefit-rules.ts):
  // its cells are left out, so that the inflow per week says what enters. A group that closes later
  // keeps its cells; the projection stops them in its week (core projection.ts).
  const closed = new Set<string>(closedToNewIn(week + 1));
  return { weeks: Math.max(0, week - first + 1), cells: cells.filter((c) => !closed.has(c.state)) };
}

export interface ActualWeeksOptions {
  readonly municipality: number;
  /** First and last week index, both included. */
  readonly fromWeek: number;
  readonly toWeek: number;
  /** Count exactly these persons (wherever they live) instead of the municipality's residents. */
  readonly personIds?: readonly number[];
}

/**
 * Persons by state in each week of [fromWeek, toWeek]: the residents of the municipality in that
 * week, or the persons `personIds` wherever they live. Every state that occurs in the range has a row
 * for every week (0 where nobody is in it), ordered by week and state.
 *
 * Counted from spells without expanding them to weeks: each spell (cut to the residence periods
 * and the range) adds 1 from its first week and removes it after its last, and a running sum over
 * the weeks gives the persons in each state.
 */
export async function actualWeeks(store: Store, options: ActualWeeksOptions): Promise<ActualWeek[]> {
  const { municipality, fromWeek, toWeek, personIds } = options;
  const window = await dataWindow(store);
  checkInWindow('fromWeek', fromWeek, window);
  checkInWindow('toWeek', toWeek, window);
  if (toWeek < fromWeek)
    throw new DataError(`toWeek ${showWeek(toWeek)} is before fromWeek ${showWeek(fromWeek)}`);
  const clipped = (f: string, l: string) => `greatest(${f}, ${fromWeek}) AS f, least(${l}, ${toWeek}) AS l`;
  let pieces: string;
  if (personIds) {
    const bad = personIds.find((id) => !Number.isInteger(id));
    if (bad !== undefined) throw new DataError(`personIds must be whole numbers, found ${bad}`);
    pieces = `
SELECT s.benefit AS state, ${clipped('s.first_week', 's.last_week')}
FROM spells s JOIN (SELECT DISTINCT unnest($1::INTEGER[]) AS person_id) ids USING (person_id)
WHERE s.first_week <= ${toWeek} AND s.last_week >= ${fromWeek} AND s.benefit NOT IN ${NOT_STATES}`;
  } else {
    await checkMunicipality(store, municipality);
    pieces = `
SELECT s.benefit AS state, ${clipped('greatest(s.first_week, r.from_week)', 'least(s.last_week, r.to_week)')}
FROM spells s JOIN (
  SELECT person_id, municipality, from_week,
         coalesce(lead(from_week) OVER (PARTITION BY person_id ORDER BY from_week) - 1, ${2 ** 31 - 1}) AS to_week
  FROM person_municipalities
) r ON r.person_id = s.person_id AND r.from_week <= s.last_week AND r.to_week >= s.first_week
WHERE r.municipality = ${municipality} AND s.first_week <= ${toWeek} AND s.last_week >= ${fromWeek}
  AND s.benefit NOT IN ${NOT_STATES}`;
  }
  return store.query<{ week: number; state: string; persons: number }>(
    `
WITH pieces AS MATERIALIZED (SELECT * FROM (${pieces}) WHERE f <= l),
changes AS (
  SELECT state, week, sum(change) AS change FROM (
    SELECT state, f AS week, count(*) AS change FROM pieces GROUP BY ALL
    UNION ALL
    SELECT state, l + 1 AS week, -count(*) AS change FROM pieces WHERE l < ${toWeek} GROUP BY ALL
  ) GROUP BY ALL
),
grid AS (
  SELECT s.state, CAST(t.week AS INTEGER) AS week
  FROM (SELECT DISTINCT state FROM pieces) s, range(${fromWeek}, ${toWeek} + 1) t(week)
)
SELECT g.week, g.state,
       CAST(sum(coalesce(c.change, 0)) OVER (PARTITION BY g.state ORDER BY g.week) AS BIGINT) AS persons
FROM grid g LEFT JOIN changes c USING (state, week)
ORDER BY g.week, g.state`,
    personIds ? [listValue([...personIds])] : undefined,
  );
}

/** Spells of one municipality and state that lasted `weeks` weeks, ending in a move (`events`) or not. */
export type SpellDurationCount = {
  readonly municipality: number;
  readonly state: string;
  /** Spell weeks whose outcome is known: the spell's weeks up to its move, or up to where it was censored. */
  readonly weeks: number;
  readonly events: number;
  readonly censored: number;
};

/**
 * The count table of Kaplan-Meier curves of spell durations, per municipality of residence in the
 * spell's first week and state: the spells and outcomes `transitionCells` counts its trials and
 * exits from, one spell at a time. A spell whose start is seen lasts to its last trial week (the
 * week it moved in, or the last week whose outcome is known: a spell running at the end of the data
 * is censored at its last week but one, and one ending at 67 at the week before); it ends in the
 * event if it moved. Spells without a trial week are left out, as are persons without a birth year.
 */
export async function spellDurations(store: Store): Promise<SpellDurationCount[]> {
  await dataWindow(store);
  const [span] = await store.query<{ last: number | null }>('SELECT max(last_week) AS last FROM spells');
  if (span?.last == null) return [];
  const cut = span.last;
  const ageEnd = `${weekOfDate('make_date(p.birth_year + 67, 1, 1)')} - 1`;
  return store.query<SpellDurationCount>(`
WITH at_risk AS (
  SELECT s.person_id, s.benefit AS state, s.first_week,
         s.destination IS NOT NULL AND s.last_week <= ${cut}
           AND NOT (s.destination = 'out' AND s.last_week = ${ageEnd}) AS moves,
         s.last_week
  FROM spells s JOIN persons p USING (person_id)
  WHERE NOT s.left_truncated AND s.benefit NOT IN ${NOT_STATES} AND s.first_week <= ${cut}
    AND p.birth_year IS NOT NULL
),
spans AS (
  SELECT a.state, m.municipality, a.moves,
         CASE WHEN a.moves THEN a.last_week ELSE least(a.last_week - 1, ${cut}) END - a.first_week + 1 AS weeks
  FROM at_risk a
  ASOF JOIN person_municipalities m ON m.person_id = a.person_id AND m.from_week <= a.first_week
)
SELECT CAST(municipality AS INTEGER) AS municipality, state, CAST(weeks AS INTEGER) AS weeks,
       CAST(count(*) FILTER (WHERE moves) AS INTEGER) AS events,
       CAST(count(*) FILTER (WHERE NOT moves) AS INTEGER) AS censored
FROM spans WHERE weeks >= 1
GROUP BY ALL
ORDER BY municipality, state, weeks`);
}
