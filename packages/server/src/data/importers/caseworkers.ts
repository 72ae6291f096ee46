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
import { ProblemList } from '../../input/input-error.ts';
import type { Stager } from './import-run.ts';
import {
  endsBeforeStart,
  field,
  optional,
  parseWeekOrDate,
  periodSpan,
  readNotes,
  replacePersonRows,
  required,
  stagePersonRows,
} from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_assignments',
  columns: { caseworker: 'VARCHAR', department: 'VARCHAR', from_week: 'INTEGER', to_week: 'INTEGER' },
  person: 'person',
  required: ['person', 'caseworker', 'from_week'],
  optional: ['department', 'to_week'],
} as const;

export function caseworkersStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const caseworker = field(problems, row, 'caseworker', required('the caseworker'));
      const from = field(problems, row, 'from_week', parseWeekOrDate);
      const to = field(problems, row, 'to_week', optional(parseWeekOrDate));
      if (endsBeforeStart(problems, row, 'to_week', from, to, 'a to_week not before the from_week'))
        return undefined;
      if (caseworker === undefined || from === undefined || to === undefined) return undefined;
      return [caseworker, row.get('department') || null, from, to];
    });
    problems.throwIfAny();

    const span = await periodSpan(connection, STAGE.table, 'from_week', 'to_week');
    return {
      rows: read.rows,
      firstWeek: span.first,
      lastWeek: span.last,
      notes: readNotes(
        read,
        `${read.rows} caseworker assignments of ${span.persons} persons, beginning in weeks ${toYyyyww(span.first)}-${toYyyyww(span.lastStart)}`,
      ),
      commit: (c, importId) =>
        replacePersonRows(c, importId, STAGE, 'caseworker_assignments', {
          column: 'from_week',
          first: span.first,
          last: span.lastStart,
        }),
    };
  };
}
