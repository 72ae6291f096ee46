/**
 * Derived facts, in SQL, rebuilt from the stored runs after every import:
 *
 * - `observed`: the weeks each person is observed, i.e. the import windows merged and clipped to
 *   ages 16-66 (from the week of 1 January of the year the person turns 16 to the week before
 *   1 January of the year they turn 67; birth dates are known to the year only).
 * - `spells` (forløb): maximal stretches of consecutive observed weeks in one state, the state being
 *   today's group (`currentGroupSql`: a group merged into another is read as its successor). Weeks without
 *   a benefit inside an observed stretch are the state `job` (job / self-support). A new spell
 *   starts when the state changes (jobindsats: a spell ends with at least one week without it).
 *   Flags: `left_truncated` when the spell is running in the first week of the data window (its
 *   elapsed duration at that point is unknown, `entry_duration` NULL); `right_censored` when it is
 *   running in the window's last week. Every ended spell has a `destination`: the next spell's state
 *   (another benefit, `job`, `su` for education, `out`); a spell that ends at age 67 goes to `out`.
 * - `duration_at_risk` and `duration_events`: count tables by state, duration week and covariate
 *   cell (age group at spell start, sex, origin, municipality at spell start), so that duration
 *   estimators read a few thousand cells instead of millions of rows. Spells are counted from
 *   duration week 1; left-truncated spells of unknown elapsed duration cannot be placed on the
 *   duration axis and are left out of these two tables (they are in `spells`).
 * - `jobindsats_spells`: the spells of resultatstyring, by jobindsats' month rule (core's
 *   monitoring/spells.ts): a person's weekly spells of a group are one unless the weeks between two
 *   of them cover every day of a calendar month; per group, and per jobindsats group of several
 *   (`kontanthjaelp`, `fleksjob`, `foertidspension`, and `all` public support: core's
 *   JOBINDSATS_GROUPS), whose weeks on any of its groups make one history. `open_at_start`: no whole month without the benefit lies in the data before it;
 *   `ended`: a whole month without it lies in the data after it (else it may go on: unsettled);
 *   `destination`: the state after its last weekly spell.
 *
 * The facts are a cache of the imports: `facts_state` records the last import they were built from,
 * and `ensureFacts` rebuilds them when a newer import exists. They are rebuilt statement by
 * statement, not in one transaction: DuckDB is slow to join a table created earlier in the same
 * open transaction (over 100 s instead of 2 s here for 50 million person-weeks), and a rebuild that
 * is cut short leaves `facts_state` behind, so the next `ensureFacts` simply builds them again.
 *
 * Week arithmetic follows weeks.ts: week index w has its Monday on day 7w − 3 after 1970-01-01 and
 * its Thursday, which decides the ISO year, on day 7w.
 */

import type { DuckDBConnection } from '@duckdb/node-api';
import { currentGroup, MERGED_INTO, multiCodeGroups, NOT_PUBLIC_SUPPORT } from '@jobinvest/core';
import { rows, type Store } from './db.ts';

/** Week index of the ISO week holding a DATE expression. */
export const weekOfDate = (date: string) =>
  `CAST(floor((date_diff('day', DATE '1970-01-01', ${date}) + 3) / 7) AS INTEGER)`;
/** The DATE `day` days after the Monday of a week index expression (0 Monday … 6 Sunday): the inverse of `weekOfDate`. */
export const dateInWeek = (week: string, day = 0) =>
  `(DATE '1970-01-01' + CAST(7 * (${week}) - 3 + ${day} AS INTEGER))`;
/** ISO year of a week index expression: the year of its Thursday. */
export const isoYearOfWeek = (week: string) => `year(${dateInWeek(week, 3)})`;

/** Whether the weeks `from` … `to` (week index expressions) cover every day of a calendar month (core's weeksHoldWholeMonth). */
export function weeksHoldWholeMonthSql(from: string, to: string): string {
  const monday = dateInWeek(from);
  const sunday = dateInWeek(to, 6);
  const monthStart = `(CASE WHEN day(${monday}) = 1 THEN ${monday} ELSE CAST(date_trunc('month', ${monday}) + INTERVAL 1 MONTH AS DATE) END)`;
  return `((${to}) >= (${from}) AND CAST(${monthStart} + INTERVAL 1 MONTH AS DATE) - 1 <= ${sunday})`;
}


/**
 * A benefit column read as the group that carries its persons today (benefit-rules.ts): history
 * recorded on a group merged into another (uddannelseshjælp into the kontanthjælp of 1 July 2025,
 * say) is its successor's, so that a person's spell goes on across the merge, the duration model of
 * today's groups is estimated on their predecessors' history too, and an old code met after its end
 * is read as the group it became.
 */
export function currentGroupSql(column: string): string {
  const merged = Object.keys(MERGED_INTO);
  return `CASE ${column} ${merged.map((from) => `WHEN '${from}' THEN '${currentGroup(from)}'`).join(' ')} ELSE ${column} END`;
}

/** jobindsats age groups of an age expression: 16-19, 20-24, …, 60-64, 65+ (core's ageGroupOf). */
export const ageGroupSql = (age: string) =>
  `CASE WHEN ${age} IS NULL THEN NULL WHEN ${age} < 20 THEN '16-19' WHEN ${age} >= 65 THEN '65+'
   ELSE CAST(5 * floor(${age} / 5) AS INTEGER) || '-' || CAST(5 * floor(${age} / 5) + 4 AS INTEGER) END`;

/** Every table the facts consist of: a store whose facts lack one (made by an older version) builds them again. */
const FACT_TABLES = ['observed', 'spells', 'spell_cells', 'duration_events', 'duration_at_risk', 'jobindsats_spells'];

const STALE_FACTS = `SELECT (SELECT max(import_id) FROM imports WHERE outcome = 'ok') AS latest,
            CASE WHEN (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'
                         AND table_name IN (${FACT_TABLES.map((t) => `'${t}'`).join(', ')})) = ${FACT_TABLES.length}
                 THEN (SELECT max(import_id) FROM facts_state) END AS built`;

/**
 * The facts brought up to date before a read: checked on a read connection, and only when an
 * import is newer than them rebuilt by the writer (which checks again: another read may have
 * queued the rebuild first).
 */
export async function currentFacts(store: Store): Promise<void> {
  const [state] = await store.query<{ latest: number | null; built: number | null }>(STALE_FACTS);
  if (state?.latest != null && state.latest !== state.built) await store.write(ensureFacts);
}

/** Rebuild the facts if an import is newer than them (on the writer connection). */
export async function ensureFacts(connection: DuckDBConnection): Promise<void> {
  const [state] = await rows<{ latest: number | null; built: number | null }>(
    connection,
    STALE_FACTS,
  );
  if (state?.latest != null && state.latest !== state.built) await refreshFacts(connection);
}

export async function refreshFacts(connection: DuckDBConnection): Promise<void> {
  const [latest] = await rows<{ id: number | null }>(
    connection,
    "SELECT max(import_id) AS id FROM imports WHERE outcome = 'ok'",
  );
  await connection.run('DELETE FROM facts_state');
  await connection.run(`
CREATE OR REPLACE TABLE observed AS
WITH clipped AS (
  SELECT o.person_id, o.first_week AS window_first, o.last_week AS window_last,
         greatest(o.first_week, coalesce(${weekOfDate('make_date(p.birth_year + 16, 1, 1)')}, o.first_week)) AS first_week,
         least(o.last_week, coalesce(${weekOfDate('make_date(p.birth_year + 67, 1, 1)')} - 1, o.last_week)) AS last_week
  FROM observation_windows o JOIN persons p USING (person_id)
),
marked AS (
  SELECT *, CASE WHEN first_week <= max(last_week) OVER (PARTITION BY person_id ORDER BY first_week
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1 THEN 0 ELSE 1 END AS starts_stretch
  FROM clipped WHERE first_week <= last_week
),
numbered AS (
  SELECT *, sum(starts_stretch) OVER (PARTITION BY person_id ORDER BY first_week) AS stretch FROM marked
)
SELECT person_id, min(first_week) AS first_week, max(last_week) AS last_week,
       min(window_first) = min(first_week) AS starts_with_window,
       max(window_last) = max(last_week) AS ends_with_window
FROM numbered GROUP BY person_id, stretch`);

  await connection.run(`
CREATE OR REPLACE TABLE spells AS
WITH r AS (
  SELECT o.person_id, o.first_week AS sf, o.last_week AS sl,
         greatest(b.first_week, o.first_week) AS f, least(b.last_week, o.last_week) AS l,
         ${currentGroupSql('b.benefit')} AS benefit
  FROM observed o JOIN benefit_runs b
    ON b.person_id = o.person_id AND b.first_week <= o.last_week AND b.last_week >= o.first_week
),
ordered AS (
  SELECT *, lag(l) OVER (PARTITION BY person_id, sf ORDER BY f) AS prev_l FROM r
),
segments AS (
  SELECT person_id, sf, sl, f, l, benefit FROM r
  UNION ALL
  SELECT person_id, sf, sl, coalesce(prev_l + 1, sf), f - 1, 'job' FROM ordered WHERE f > coalesce(prev_l + 1, sf)
  UNION ALL
  SELECT person_id, sf, sl, max(l) + 1, sl, 'job' FROM r GROUP BY person_id, sf, sl HAVING max(l) < sl
  UNION ALL
  SELECT o.person_id, o.first_week, o.last_week, o.first_week, o.last_week, 'job' FROM observed o
  WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.person_id = o.person_id AND r.sf = o.first_week)
),
marked AS (
  SELECT *, CASE WHEN benefit IS NOT DISTINCT FROM lag(benefit) OVER w AND f = lag(l) OVER w + 1 THEN 0 ELSE 1 END AS new_spell
  FROM segments WINDOW w AS (PARTITION BY person_id, sf ORDER BY f)
),
numbered AS (
  SELECT *, sum(new_spell) OVER (PARTITION BY person_id, sf ORDER BY f) AS spell_no FROM marked
),
merged AS (
  SELECT person_id, sf, sl, spell_no, any_value(benefit) AS benefit, min(f) AS first_week, max(l) AS last_week
  FROM numbered GROUP BY person_id, sf, sl, spell_no
)
SELECT m.person_id, coalesce(m.benefit, '(unmapped)') AS benefit, m.first_week, m.last_week,
       m.last_week - m.first_week + 1 AS weeks,
       m.first_week = m.sf AND o.starts_with_window AS left_truncated,
       m.last_week = m.sl AND o.ends_with_window AS right_censored,
       CASE WHEN m.first_week = m.sf AND o.starts_with_window THEN NULL ELSE 0 END AS entry_duration,
       CASE WHEN m.last_week = m.sl THEN (CASE WHEN o.ends_with_window THEN NULL ELSE 'out' END)
            ELSE lead(coalesce(m.benefit, '(unmapped)')) OVER (PARTITION BY m.person_id, m.sf ORDER BY m.first_week) END AS destination
FROM merged m JOIN observed o ON o.person_id = m.person_id AND o.first_week = m.sf`);

  await connection.run(`
CREATE OR REPLACE TABLE spell_cells AS
SELECT s.benefit, s.weeks, s.destination,
       ${ageGroupSql(`(${isoYearOfWeek('s.first_week')} - p.birth_year)`)} AS age_group,
       p.sex, p.origin AS herkomst, m.municipality
FROM spells s JOIN persons p USING (person_id)
ASOF LEFT JOIN person_municipalities m ON m.person_id = s.person_id AND m.from_week <= s.first_week
WHERE NOT s.left_truncated`);

  await connection.run(`
CREATE OR REPLACE TABLE duration_events AS
SELECT benefit, age_group, sex, herkomst, municipality, weeks AS duration, destination, count(*) AS events
FROM spell_cells WHERE destination IS NOT NULL
GROUP BY ALL`);

  // At risk in duration week d: the spells of the cell that last at least d weeks.
  await connection.run(`
CREATE OR REPLACE TABLE duration_at_risk AS
WITH ends AS (
  SELECT benefit, age_group, sex, herkomst, municipality, weeks, count(*) AS n,
         count(*) FILTER (WHERE destination IS NULL) AS censored
  FROM spell_cells GROUP BY ALL
),
cells AS (
  SELECT benefit, age_group, sex, herkomst, municipality, max(weeks) AS max_weeks FROM ends GROUP BY ALL
),
grid AS (
  SELECT c.benefit, c.age_group, c.sex, c.herkomst, c.municipality, d.duration
  FROM cells c, LATERAL (SELECT unnest(range(1, c.max_weeks + 1)) AS duration) d
)
SELECT g.benefit, g.age_group, g.sex, g.herkomst, g.municipality, g.duration,
       sum(coalesce(e.n, 0)) OVER w AS at_risk,
       coalesce(e.n, 0) - coalesce(e.censored, 0) AS exits,
       coalesce(e.censored, 0) AS censored
FROM grid g LEFT JOIN ends e
  ON e.benefit = g.benefit AND e.weeks = g.duration
 AND e.age_group IS NOT DISTINCT FROM g.age_group AND e.sex IS NOT DISTINCT FROM g.sex
 AND e.herkomst IS NOT DISTINCT FROM g.herkomst AND e.municipality IS NOT DISTINCT FROM g.municipality
WINDOW w AS (PARTITION BY g.benefit, g.age_group, g.sex, g.herkomst, g.municipality ORDER BY g.duration DESC)`);
  // Spells by jobindsats' month rule, per group and for all public support together ('all').
  const window = (end: 'min' | 'max') =>
    `(SELECT ${end}(${end === 'min' ? 'first_week' : 'last_week'}) FROM observation_windows)`;
  const notSupport = NOT_PUBLIC_SUPPORT.map((state) => `'${state}'`).join(', ');
  const groupOf = multiCodeGroups()
    .flatMap((g) => g.benefits.map((b) => `('${g.code}', '${b}')`))
    .join(', ');
  await connection.run(`
CREATE OR REPLACE TABLE jobindsats_spells AS
WITH w AS (
  SELECT person_id, benefit, first_week, last_week, weeks, destination FROM spells
  WHERE benefit NOT IN (${notSupport}) AND benefit NOT IN (${multiCodeGroups()
    .map((g) => `'${g.code}'`)
    .join(', ')})
  UNION ALL
  SELECT s.person_id, g.grp, s.first_week, s.last_week, s.weeks, s.destination
  FROM spells s JOIN (VALUES ${groupOf}) g(grp, benefit) ON g.benefit = s.benefit
),
s AS (
  SELECT *, lag(last_week) OVER (PARTITION BY person_id, benefit ORDER BY first_week) AS prev_last FROM w
),
marked AS (
  SELECT *, CASE WHEN prev_last IS NULL OR ${weeksHoldWholeMonthSql('prev_last + 1', 'first_week - 1')} THEN 1 ELSE 0 END AS starts
  FROM s
),
numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY person_id, benefit ORDER BY first_week) AS spell FROM marked
)
SELECT person_id, benefit, min(first_week) AS first_week, max(last_week) AS last_week,
       CAST(sum(weeks) AS INTEGER) AS benefit_weeks,
       NOT ${weeksHoldWholeMonthSql(window('min'), 'min(first_week) - 1')} AS open_at_start,
       ${weeksHoldWholeMonthSql('max(last_week) + 1', window('max'))} AS ended,
       arg_max(destination, last_week) AS destination
FROM numbered GROUP BY person_id, benefit, spell`);
  await connection.run('INSERT INTO facts_state VALUES ($1)', [latest?.id ?? null]);
}
