/**
 * Progression per group: the mean score on each indicator per calendar quarter, and the share of
 * persons whose mean score moved up, stayed or moved down between their last two final
 * measurements (core's movementOf: half a step on the mean). Only final measurements count.
 *
 * A measurement belongs to the group its person was in the week it was made: the benefit group of
 * the register (`benefit_runs`), the department or caseworker of the assignment covering the week,
 * or the type of each intervention running that week ("none" where there is none; a person in two
 * interventions counts in both). For movement, the group of the later of the two measurements.
 *
 * For roles without unsuppressed figures a quarter's means on fewer persons than the threshold are
 * withheld, and the up/same/down counts are protected as one row with its total (core's
 * suppressionMask, secondary suppression included), so a withheld count cannot be worked back.
 */

import {
  INDICATORS,
  movementOf,
  suppressionMask,
  type GroupBy,
  type GroupProgress,
  type GroupQuarter,
  type GroupsAnswer,
  type Indicator,
  type Respondent,
} from '@jobinvest/core';
import type { Store } from '../data/index.ts';

const NONE = 'none';

const FINALS = `measurements m WHERE m.municipality = $1 AND m.status = 'final'`;

/**
 * SQL: each final measurement of municipality `$1` with its group key(s) under `by`. Joins, not
 * correlated subqueries: DuckDB hash-joins on the person and filters the weeks, which is what keeps
 * 27,000 measurements within the page's time.
 */
function groupedSql(by: GroupBy): string {
  switch (by) {
    case 'benefit':
      return `SELECT m.measurement_id, m.person_id, m.measured_on, coalesce(arg_max(b.benefit, b.first_week), '${NONE}') AS grp
        FROM (SELECT * FROM ${FINALS}) m
        LEFT JOIN benefit_runs b ON b.person_id = m.person_id AND b.first_week <= m.week AND b.last_week >= m.week
        GROUP BY m.measurement_id, m.person_id, m.measured_on`;
    case 'department':
    case 'caseworker': {
      const key =
        by === 'department'
          ? 'arg_max(a.department, a.from_week)'
          : 'coalesce(arg_max(a.caseworker, a.from_week), any_value(m.caseworker))';
      return `SELECT m.measurement_id, m.person_id, m.measured_on, coalesce(${key}, '${NONE}') AS grp
        FROM (SELECT * FROM ${FINALS}) m
        LEFT JOIN caseworker_assignments a ON a.person_id = m.person_id AND a.from_week <= m.week
          AND coalesce(a.to_week, 2147483647) >= m.week
        GROUP BY m.measurement_id, m.person_id, m.measured_on`;
    }
    case 'intervention':
      return `SELECT DISTINCT m.measurement_id, m.person_id, m.measured_on, coalesce(i.type, '${NONE}') AS grp
        FROM (SELECT * FROM ${FINALS}) m
        LEFT JOIN interventions i ON i.person_id = m.person_id
          AND i.start_week <= m.week AND coalesce(i.end_week, 2147483647) >= m.week`;
  }
}

export interface GroupsRequest {
  readonly municipality: number;
  readonly by: GroupBy;
  readonly respondent: Respondent;
  /** Null: figures as they are. */
  readonly threshold: number | null;
}

export async function progressionGroups(store: Store, request: GroupsRequest): Promise<GroupsAnswer> {
  const { municipality, by, respondent, threshold } = request;
  const grouped = `WITH g AS MATERIALIZED (${groupedSql(by)})`;
  const cells = await store.query<{
    grp: string;
    quarter: string;
    item: Indicator;
    persons: number;
    mean: number;
  }>(
    `${grouped}
     SELECT g.grp, year(g.measured_on) || '-Q' || quarter(g.measured_on) AS quarter, a.item,
            count(DISTINCT g.person_id) AS persons, avg(a.score) AS mean
     FROM g JOIN measurement_answers a USING (measurement_id)
     WHERE a.respondent = $2 AND a.score IS NOT NULL AND a.item NOT LIKE 'channel:%'
     GROUP BY ALL`,
    [municipality, respondent],
  );
  const quarterPersons = await store.query<{ grp: string; quarter: string; persons: number }>(
    `${grouped}
     SELECT g.grp, year(g.measured_on) || '-Q' || quarter(g.measured_on) AS quarter, count(DISTINCT g.person_id) AS persons
     FROM g GROUP BY ALL`,
    [municipality],
  );
  // Each person's mean score per measurement, newest first; the two newest give the movement.
  const means = await store.query<{ grp: string; person_id: number; k: number; mean: number }>(
    `${grouped},
     scored AS (
       SELECT g.measurement_id, g.person_id, g.measured_on, avg(a.score) AS mean
       FROM (SELECT DISTINCT measurement_id, person_id, measured_on FROM g) g
       JOIN measurement_answers a USING (measurement_id)
       WHERE a.respondent = $2 AND a.score IS NOT NULL AND a.item NOT LIKE 'channel:%'
       GROUP BY ALL),
     ranked AS (
       SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY measured_on DESC, measurement_id DESC) AS k
       FROM scored),
     latest AS (SELECT person_id, measurement_id FROM ranked WHERE k = 1)
     SELECT g.grp, r.person_id, r.k, r.mean
     FROM ranked r JOIN latest l USING (person_id) JOIN g ON g.measurement_id = l.measurement_id
     WHERE r.k <= 2`,
    [municipality, respondent],
  );

  const groups = [...new Set(quarterPersons.map((r) => r.grp))].sort();
  const quarters = [...new Set(quarterPersons.map((r) => r.quarter))].sort();
  const personsAt = new Map(quarterPersons.map((r) => [`${r.grp}|${r.quarter}`, r.persons]));
  const grid = groups.map((g) => quarters.map((q) => personsAt.get(`${g}|${q}`) ?? 0));
  const meanHidden =
    threshold === null
      ? null
      : suppressionMask({ persons: grid, rowTotals: false, columnTotals: false, threshold }).cells;

  const movements = groups.map((g) => {
    const counts = { up: 0, same: 0, down: 0 };
    const byPerson = new Map<number, number[]>();
    for (const r of means.filter((x) => x.grp === g)) {
      const list = byPerson.get(r.person_id) ?? [];
      list[r.k - 1] = r.mean;
      byPerson.set(r.person_id, list);
    }
    for (const [latest, before] of byPerson.values())
      if (latest !== undefined && before !== undefined) counts[movementOf(before, latest)]++;
    return counts;
  });
  const movementHidden =
    threshold === null
      ? null
      : suppressionMask({
          persons: movements.map((m) => [m.up, m.same, m.down]),
          rowTotals: true,
          columnTotals: false,
          threshold,
        });

  const meanAt = new Map(cells.map((c) => [`${c.grp}|${c.quarter}|${c.item}`, c.mean]));
  const answer: GroupProgress[] = groups.map((g, i) => {
    const quarterList: GroupQuarter[] = quarters
      .map((q, j) => ({ q, j, persons: grid[i]![j]! }))
      .filter((x) => x.persons > 0)
      .map(({ q, j, persons }) => {
        const hidden = meanHidden?.[i]?.[j] ?? false;
        const means: Partial<Record<Indicator, number | null>> = {};
        for (const k of INDICATORS) {
          const mean = meanAt.get(`${g}|${q}|${k}`);
          if (mean !== undefined) means[k] = hidden ? null : mean;
        }
        return { quarter: q, persons: hidden ? null : persons, means };
      });
    const m = movements[i]!;
    const total = m.up + m.same + m.down;
    const share = (n: number, k: number) =>
      movementHidden?.cells[i]?.[k] || movementHidden?.rowTotals[i] || total === 0 ? null : n / total;
    return {
      group: g,
      label: g,
      quarters: quarterList,
      movement: {
        persons: movementHidden?.rowTotals[i] ? null : total,
        up: share(m.up, 0),
        same: share(m.same, 1),
        down: share(m.down, 2),
      },
    };
  });
  return {
    municipality,
    by,
    respondent,
    groups: answer,
    suppression: {
      threshold: threshold ?? 0,
      applied: threshold !== null,
    },
  };
}
