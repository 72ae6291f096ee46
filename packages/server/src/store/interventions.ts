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
import { ProblemList } from '../input-error.ts';
import { rows } from './db.ts';
import { commitPersons, type Stager } from './import-run.ts';
import {
  field,
  FieldError,
  optional,
  parseAmount,
  parseWeekOrDate,
  PersonStage,
  personOf,
  readCsvRows,
  readNotes,
  report,
  required,
  StageTable,
} from './staging.ts';

function parseCost(text: string): number | null {
  const cost = parseAmount(text);
  if (cost !== null && cost < 0) throw new FieldError('a cost in kroner that is not negative');
  return cost;
}

export function interventionsStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const persons = await PersonStage.create(connection, context.pseudonymise);
    const interventions = await StageTable.create(connection, 'stage_interventions', {
      local_id: 'INTEGER',
      line: 'INTEGER',
      type: 'VARCHAR',
      start_week: 'INTEGER',
      end_week: 'INTEGER',
      cost: 'DOUBLE',
    });
    let read;
    try {
      read = await readCsvRows(
        context,
        problems,
        { required: ['person', 'type', 'start_week'], optional: ['end_week', 'cost'] },
        (row) => {
          const local = personOf(problems, persons, row, 'person');
          const type = field(problems, row, 'type', required('the type of intervention'));
          const start = field(problems, row, 'start_week', parseWeekOrDate);
          const end = field(problems, row, 'end_week', optional(parseWeekOrDate));
          const cost = field(problems, row, 'cost', parseCost);
          if (start !== undefined && end !== undefined && end !== null && end < start) {
            report(problems, {
              file: row.file,
              line: row.line,
              column: row.column('end_week'),
              expected: `an end not before the start (week ${toYyyyww(start)})`,
              found: row.get('end_week'),
            });
            return;
          }
          if (local === undefined || type === undefined || start === undefined) return;
          if (end === undefined || cost === undefined) return;
          interventions.add(local, row.line, type, start, end, cost);
        },
      );
    } finally {
      persons.close();
      interventions.close();
    }
    problems.throwIfAny();

    const [span] = await rows<{ first: number; last_start: number; last: number; persons: number }>(
      connection,
      `SELECT min(start_week) AS first, max(start_week) AS last_start,
              max(greatest(start_week, coalesce(end_week, start_week))) AS last,
              (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons
       FROM temp.stage_interventions`,
    );
    const first = span?.first ?? 0;
    const lastStart = span?.last_start ?? 0;
    const last = span?.last ?? 0;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${read.rows} interventions of ${span?.persons ?? 0} persons, starting in weeks ${toYyyyww(first)}-${toYyyyww(lastStart)}`,
      ),
      commit: async (c, importId) => {
        await commitPersons(c);
        await c.run(
          `DELETE FROM interventions
           WHERE person_id IN (SELECT person_id FROM temp.stage_ids) AND start_week BETWEEN $1 AND $2`,
          [first, lastStart],
        );
        await c.run(
          `INSERT INTO interventions (person_id, type, start_week, end_week, cost, import_id)
           SELECT i.person_id, s.type, s.start_week, s.end_week, s.cost, $1
           FROM temp.stage_interventions s JOIN temp.stage_ids i USING (local_id)`,
          [importId],
        );
      },
    };
  };
}
