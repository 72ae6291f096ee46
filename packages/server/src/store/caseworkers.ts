/**
 * Caseworker import (sagsbehandlere): CSV `person,caseworker,department,from_week,to_week`, one row
 * per period a caseworker had the person's case. `person` is a CPR number; `caseworker` and
 * `department` are the municipality's own names or initials (`department` may be empty or absent);
 * `from_week` and `to_week` are ISO weeks `YYYYWW` or dates (`YYYY-MM-DD`, `DD-MM-YYYY`,
 * `DD.MM.YYYY`) standing for the week that holds them, both weeks included; `to_week` empty (or no
 * such column) while the assignment lasts. A person may have several caseworkers at once (a job
 * consultant and a social worker), so assignments may overlap.
 *
 * A newer file replaces, for each person in it, the assignments the store held that begin within
 * the file's first to last `from_week`; assignments beginning outside those weeks are kept.
 */

import { toYyyyww } from '@jobinvest/core';
import { ProblemList } from '../input-error.ts';
import { rows } from './db.ts';
import { commitPersons, type Stager } from './import-run.ts';
import {
  field,
  optional,
  parseWeekOrDate,
  PersonStage,
  personOf,
  readCsvRows,
  readNotes,
  report,
  required,
  StageTable,
} from './staging.ts';

export function caseworkersStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const persons = await PersonStage.create(connection, context.pseudonymise);
    const assignments = await StageTable.create(connection, 'stage_assignments', {
      local_id: 'INTEGER',
      line: 'INTEGER',
      caseworker: 'VARCHAR',
      department: 'VARCHAR',
      from_week: 'INTEGER',
      to_week: 'INTEGER',
    });
    let read;
    try {
      read = await readCsvRows(
        context,
        problems,
        { required: ['person', 'caseworker', 'from_week'], optional: ['department', 'to_week'] },
        (row) => {
          const local = personOf(problems, persons, row, 'person');
          const caseworker = field(problems, row, 'caseworker', required('the caseworker'));
          const from = field(problems, row, 'from_week', parseWeekOrDate);
          const to = field(problems, row, 'to_week', optional(parseWeekOrDate));
          if (from !== undefined && to !== undefined && to !== null && to < from) {
            report(problems, {
              file: row.file,
              line: row.line,
              column: row.column('to_week'),
              expected: `a to_week not before the from_week (week ${toYyyyww(from)})`,
              found: row.get('to_week'),
            });
            return;
          }
          if (local === undefined || caseworker === undefined || from === undefined || to === undefined)
            return;
          assignments.add(local, row.line, caseworker, row.get('department') || null, from, to);
        },
      );
    } finally {
      persons.close();
      assignments.close();
    }
    problems.throwIfAny();

    const [span] = await rows<{ first: number; last_from: number; last: number; persons: number }>(
      connection,
      `SELECT min(from_week) AS first, max(from_week) AS last_from,
              max(greatest(from_week, coalesce(to_week, from_week))) AS last,
              (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons
       FROM temp.stage_assignments`,
    );
    const first = span?.first ?? 0;
    const lastFrom = span?.last_from ?? 0;
    const last = span?.last ?? 0;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${read.rows} caseworker assignments of ${span?.persons ?? 0} persons, beginning in weeks ${toYyyyww(first)}-${toYyyyww(lastFrom)}`,
      ),
      commit: async (c, importId) => {
        await commitPersons(c);
        await c.run(
          `DELETE FROM caseworker_assignments
           WHERE person_id IN (SELECT person_id FROM temp.stage_ids) AND from_week BETWEEN $1 AND $2`,
          [first, lastFrom],
        );
        await c.run(
          `INSERT INTO caseworker_assignments (person_id, caseworker, department, from_week, to_week, import_id)
           SELECT i.person_id, s.caseworker, s.department, s.from_week, s.to_week, $1
           FROM temp.stage_assignments s JOIN temp.stage_ids i USING (local_id)`,
          [importId],
        );
      },
    };
  };
}
