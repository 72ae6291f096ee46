/**
 * Contact import (samtaler and udeblivelser): CSV `person,date,kind,caseworker`, one row per
 * contact. `person` is a CPR number; `date` the day of the contact (`YYYY-MM-DD`, `DD-MM-YYYY` or
 * `DD.MM.YYYY`), stored with the ISO week that holds it; `kind` is `samtale` (a meeting held) or
 * `udeblivelse` (the citizen did not turn up), read in any case and stored in lower case;
 * `caseworker` may be empty or absent. Several contacts of a person on one day are kept.
 *
 * A newer file replaces, for each person in it, the contacts the store held from the file's first
 * to its last date; contacts on other dates are kept.
 */

import { toYyyyww, weekIndexOfDate } from '@jobinvest/core';
import { ProblemList } from '../input-error.ts';
import { rows } from './db.ts';
import { commitPersons, type Stager } from './import-run.ts';
import {
  field,
  FieldError,
  parseDate,
  PersonStage,
  personOf,
  readCsvRows,
  readNotes,
  StageTable,
} from './staging.ts';

export const CONTACT_KINDS = ['samtale', 'udeblivelse'] as const;

function parseKind(text: string): string {
  const kind = text.toLowerCase();
  if (!(CONTACT_KINDS as readonly string[]).includes(kind)) throw new FieldError('samtale or udeblivelse');
  return kind;
}

export function contactsStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const persons = await PersonStage.create(connection, context.pseudonymise);
    const contacts = await StageTable.create(connection, 'stage_contacts', {
      local_id: 'INTEGER',
      line: 'INTEGER',
      date: 'VARCHAR',
      week: 'INTEGER',
      kind: 'VARCHAR',
      caseworker: 'VARCHAR',
    });
    let read;
    try {
      read = await readCsvRows(
        context,
        problems,
        { required: ['person', 'date', 'kind'], optional: ['caseworker'] },
        (row) => {
          const local = personOf(problems, persons, row, 'person');
          const date = field(problems, row, 'date', parseDate);
          const kind = field(problems, row, 'kind', parseKind);
          if (local === undefined || date === undefined || kind === undefined) return;
          contacts.add(local, row.line, date, weekIndexOfDate(date), kind, row.get('caseworker') || null);
        },
      );
    } finally {
      persons.close();
      contacts.close();
    }
    problems.throwIfAny();

    const [span] = await rows<{ first: string; last: string; persons: number; missed: number }>(
      connection,
      `SELECT min(date) AS first, max(date) AS last,
              (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons,
              count(*) FILTER (WHERE kind = 'udeblivelse') AS missed
       FROM temp.stage_contacts`,
    );
    const first = span?.first ?? '';
    const last = span?.last ?? '';
    return {
      rows: read.rows,
      firstWeek: weekIndexOfDate(first),
      lastWeek: weekIndexOfDate(last),
      notes: readNotes(
        read,
        `${read.rows} contacts (${span?.missed ?? 0} udeblivelser) of ${span?.persons ?? 0} persons, ` +
          `${first} to ${last} (weeks ${toYyyyww(weekIndexOfDate(first))}-${toYyyyww(weekIndexOfDate(last))})`,
      ),
      commit: async (c, importId) => {
        await commitPersons(c);
        await c.run(
          `DELETE FROM contacts
           WHERE person_id IN (SELECT person_id FROM temp.stage_ids) AND date BETWEEN $1::DATE AND $2::DATE`,
          [first, last],
        );
        await c.run(
          `INSERT INTO contacts (person_id, date, week, kind, caseworker, import_id)
           SELECT i.person_id, s.date::DATE, s.week, s.kind, s.caseworker, $1
           FROM temp.stage_contacts s JOIN temp.stage_ids i USING (local_id)`,
          [importId],
        );
      },
    };
  };
}
