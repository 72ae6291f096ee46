/**
 * Intervention import (indsatser: aktivering, tilbud): CSV `person,type,start_week,end_week,cost`.
 * `person` is a CPR number; `type` the intervention's type as the municipality names it;
 * `start_week` and `end_week` ISO weeks `YYYYWW` or dates (`YYYY-MM-DD`, `DD-MM-YYYY`,
 * `DD.MM.YYYY`) standing for the week that holds them, both weeks included; `end_week` empty (or
 * no such column) for an intervention still running; `cost` in kroner, Danish ("12.500,00") or
 * plain, empty (or no such column) when unknown.
 *
 * A newer file replaces, for each person in it, the interventions the store held that start within
 * the file's first to last start week; interventions starting outside those weeks are kept.
 */

import { toYyyyww } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import type { Stager } from './import-run.ts';
import {
  endsBeforeStart,
  field,
  FieldError,
  optional,
  parseAmount,
  parseWeekOrDate,
  periodSpan,
  readNotes,
  replacePersonRows,
  required,
  stagePersonRows,
} from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_interventions',
  columns: { type: 'VARCHAR', start_week: 'INTEGER', end_week: 'INTEGER', cost: 'DOUBLE' },
  person: 'person',
  required: ['person', 'type', 'start_week'],
  optional: ['end_week', 'cost'],
} as const;

function parseCost(text: string): number | null {
  const cost = parseAmount(text);
  if (cost !== null && cost < 0) throw new FieldError('a cost in kroner that is not negative');
  return cost;
}

export function interventionsStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const type = field(problems, row, 'type', required('the type of intervention'));
      const start = field(problems, row, 'start_week', parseWeekOrDate);
      const end = field(problems, row, 'end_week', optional(parseWeekOrDate));
      const cost = field(problems, row, 'cost', parseCost);
      if (endsBeforeStart(problems, row, 'end_week', start, end, 'an end not before the start'))
        return undefined;
      if (type === undefined || start === undefined || end === undefined || cost === undefined)
        return undefined;
      return [type, start, end, cost];
    });
    problems.throwIfAny();

    const span = await periodSpan(connection, STAGE.table, 'start_week', 'end_week');
    return {
      rows: read.rows,
      firstWeek: span.first,
      lastWeek: span.last,
      notes: readNotes(
        read,
        `${read.rows} interventions of ${span.persons} persons, starting in weeks ${toYyyyww(span.first)}-${toYyyyww(span.lastStart)}`,
      ),
      commit: (c, importId) =>
        replacePersonRows(c, importId, STAGE, 'interventions', {
          column: 'start_week',
          first: span.first,
          last: span.lastStart,
        }),
    };
  };
}
