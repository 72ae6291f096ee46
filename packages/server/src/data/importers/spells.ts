/**
 * Spell import (forløb): CSV `person,benefit,start,end`, one row per spell on a benefit. `person` is
 * a CPR number; `benefit` a code of the benefit catalogue (`jobinvest benefits`); `start` and `end`
 * are ISO weeks `YYYYWW` or dates (`YYYY-MM-DD`, `DD-MM-YYYY`, `DD.MM.YYYY`), a date standing for
 * the week that holds it; both weeks belong to the spell. An empty `end` is a spell still running
 * when the file was extracted: it runs to the file's last week (the latest start or end in the
 * file), as far as the file can see.
 *
 * Spells of one person must not overlap. They are stored as runs, spells of the same benefit that
 * follow each other without a gap merged into one (a run is a maximal stretch of one benefit).
 * Every person of the file is observed over the file's span (its first to its last week): weeks of
 * the span outside their spells are weeks without benefit, and what the store held for them inside
 * the span is replaced.
 */

import { toYyyyww } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import {
  benefitCodeSql,
  benefitIndex,
  commitRuns,
  endsBeforeStart,
  field,
  optional,
  parseWeekOrDate,
  readNotes,
  stagePersonKeys,
  stagePersonRows,
  UnknownValues,
} from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_spells',
  columns: { benefit: 'TINYINT', first_week: 'INTEGER', last_week: 'INTEGER' },
  person: 'person',
  required: ['person', 'benefit', 'start', 'end'],
} as const;

export function spellsStager(): Stager {
  return async (connection, context) => {
    const { file } = context;
    const problems = new ProblemList();
    const unknown = new UnknownValues();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const benefit = benefitIndex(row.get('benefit'));
      if (benefit < 0) unknown.add(row.get('benefit'), row.line);
      const start = field(problems, row, 'start', parseWeekOrDate);
      const end = field(problems, row, 'end', optional(parseWeekOrDate));
      if (endsBeforeStart(problems, row, 'end', start, end, 'an end not before the start')) return undefined;
      if (benefit < 0 || start === undefined || end === undefined) return undefined;
      return [benefit, start, end];
    });
    unknown.report(
      problems,
      file,
      read.column('benefit'),
      'a benefit code of the catalogue (see jobinvest benefits)',
    );
    problems.throwIfAny();

    const [span] = await rows<{ first: number; last: number; running: number }>(
      connection,
      `SELECT min(first_week) AS first, max(greatest(first_week, coalesce(last_week, first_week))) AS last,
              count(*) FILTER (WHERE last_week IS NULL) AS running
       FROM temp.stage_spells`,
    );
    const first = span?.first ?? 0;
    const last = span?.last ?? 0;
    await connection.run('UPDATE temp.stage_spells SET last_week = $1 WHERE last_week IS NULL', [last]);
    await stagePersonKeys(connection);

    // Sorted by start, a person's spells overlap somewhere exactly when one starts before the one
    // before it ends, so comparing neighbours finds every file with an overlap.
    const overlaps = await rows<{ line: number; previous: number }>(
      connection,
      `SELECT line, previous FROM (
         SELECT s.line, s.first_week, lag(s.line) OVER w AS previous, lag(s.last_week) OVER w AS previous_end
         FROM temp.stage_spells s JOIN temp.stage_person_keys k USING (local_id)
         WINDOW w AS (PARTITION BY k.person ORDER BY s.first_week, s.line))
       WHERE first_week <= previous_end ORDER BY line LIMIT 100`,
    );
    for (const o of overlaps) {
      problems.add({
        file,
        line: o.line,
        column: read.column('start'),
        expected: `spells of one person that do not overlap (this spell overlaps the spell on line ${o.previous})`,
      });
    }
    problems.throwIfAny();

    await connection.run(`
      CREATE TEMP TABLE stage_runs AS
      SELECT person AS local_id, ${benefitCodeSql('b')} AS benefit, min(first_week) AS first_week, max(last_week) AS last_week
      FROM (
        SELECT person, b, first_week, last_week,
               sum(CASE WHEN b = previous_b AND first_week = previous_end + 1 THEN 0 ELSE 1 END)
                 OVER (PARTITION BY person ORDER BY first_week) AS island
        FROM (
          SELECT k.person, s.benefit AS b, s.first_week, s.last_week,
                 lag(s.benefit) OVER w AS previous_b, lag(s.last_week) OVER w AS previous_end
          FROM temp.stage_spells s JOIN temp.stage_person_keys k USING (local_id)
          WINDOW w AS (PARTITION BY k.person ORDER BY s.first_week)))
      GROUP BY person, b, island`);
    const [count] = await rows<{ persons: number }>(
      connection,
      'SELECT count(DISTINCT person) AS persons FROM temp.stage_person_keys',
    );
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${read.rows} spells of ${count?.persons ?? 0} persons, weeks ${toYyyyww(first)}-${toYyyyww(last)}` +
          (span?.running ? `; ${span.running} spells without an end run to ${toYyyyww(last)}` : ''),
      ),
      commit: (c, importId) => commitRuns(c, importId, first, last),
    };
  };
}
