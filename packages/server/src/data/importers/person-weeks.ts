/**
 * Person-weeks import: CSV `person,week,benefit`, one row per person and ISO week. `person` is a CPR
 * number; `week` is `YYYYWW`; `benefit` is a code of the benefit catalogue (`jobinvest benefits`),
 * or `none` or empty for a week without benefit. A week of a person may also be left out: inside
 * the file's weeks, a week without a row is a week without benefit.
 *
 * A municipality's file runs to 50 million rows, and the CPR numbers must be pseudonymised before
 * anything is written, so DuckDB cannot read the file itself: it is streamed, each row staged as
 * (person, line, week, benefit index) in 13 bytes, and DuckDB folds consecutive weeks of equal
 * benefit into runs with the gaps-and-islands trick: within one person and benefit, `week -
 * row_number()` is constant exactly along a stretch of consecutive weeks.
 *
 * Every person of the file is observed over the file's whole span (its first to its last week);
 * what the store held for them inside that span is replaced.
 */

import { toYyyyww } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import {
  benefitCodeSql,
  benefitIndex,
  commitRuns,
  field,
  parseWeek,
  readNotes,
  stagePersonKeys,
  stagePersonRows,
  UnknownValues,
} from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_weeks',
  columns: { week: 'INTEGER', benefit: 'TINYINT' },
  person: 'person',
  required: ['person', 'week', 'benefit'],
} as const;

export function personWeeksStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const unknown = new UnknownValues();
    const weekOf = new Map<string, number>();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const weekText = row.get('week');
      let week = weekOf.get(weekText);
      if (week === undefined) {
        week = field(problems, row, 'week', parseWeek);
        if (week !== undefined && weekOf.size < 10_000) weekOf.set(weekText, week);
      }
      const benefitText = row.get('benefit');
      let benefit: number | null = null;
      if (benefitText !== '' && benefitText.toLowerCase() !== 'none') {
        benefit = benefitIndex(benefitText);
        if (benefit < 0) {
          unknown.add(benefitText, row.line);
          return undefined;
        }
      }
      if (week === undefined) return undefined;
      return [week, benefit];
    });
    unknown.report(
      problems,
      context.file,
      read.column('benefit'),
      'a benefit code of the catalogue (see jobinvest benefits), or "none" or empty for no benefit',
    );
    problems.throwIfAny();

    await stagePersonKeys(connection);
    const duplicates = await rows<{ line: number; first: number; week: number }>(
      connection,
      `SELECT max(w.line) AS line, min(w.line) AS first, w.week
       FROM temp.stage_weeks w JOIN temp.stage_person_keys k USING (local_id)
       GROUP BY k.person, w.week HAVING count(*) > 1 ORDER BY 1 LIMIT 100`,
    );
    for (const d of duplicates) {
      problems.add({
        file: context.file,
        line: d.line,
        column: read.column('week'),
        expected: `one row per person and week (this person and week ${toYyyyww(d.week)} are on line ${d.first} too)`,
      });
    }
    problems.throwIfAny();

    await connection.run(`
      CREATE TEMP TABLE stage_runs AS
      SELECT person AS local_id, ${benefitCodeSql('b')} AS benefit, min(week) AS first_week, max(week) AS last_week
      FROM (
        SELECT k.person, w.benefit AS b, w.week,
               w.week - row_number() OVER (PARTITION BY k.person, w.benefit ORDER BY w.week) AS island
        FROM temp.stage_weeks w JOIN temp.stage_person_keys k USING (local_id)
        WHERE w.benefit IS NOT NULL)
      GROUP BY person, b, island`);
    const [span] = await rows<{ first: number; last: number; persons: number; runs: number }>(
      connection,
      `SELECT min(week) AS first, max(week) AS last,
              (SELECT count(DISTINCT person) FROM temp.stage_person_keys) AS persons,
              (SELECT count(*) FROM temp.stage_runs) AS runs
       FROM temp.stage_weeks`,
    );
    await connection.run('DROP TABLE temp.stage_weeks');
    const first = span?.first ?? 0;
    const last = span?.last ?? 0;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${read.rows} person-weeks of ${span?.persons ?? 0} persons, weeks ${toYyyyww(first)}-${toYyyyww(last)}, ${span?.runs ?? 0} runs of equal benefit`,
      ),
      commit: (c, importId) => commitRuns(c, importId, first, last),
    };
  };
}
