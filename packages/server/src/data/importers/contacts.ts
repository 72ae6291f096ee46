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
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import { field, FieldError, parseDate, readNotes, replacePersonRows, stagePersonRows } from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_contacts',
  columns: { date: 'VARCHAR', week: 'INTEGER', kind: 'VARCHAR', caseworker: 'VARCHAR' },
  person: 'person',
  required: ['person', 'date', 'kind'],
  optional: ['caseworker'],
} as const;

export const CONTACT_KINDS = ['samtale', 'udeblivelse'] as const;

function parseKind(text: string): string {
  const kind = text.toLowerCase();
  if (!(CONTACT_KINDS as readonly string[]).includes(kind)) throw new FieldError('samtale or udeblivelse');
  return kind;
}

export function contactsStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const date = field(problems, row, 'date', parseDate);
      const kind = field(problems, row, 'kind', parseKind);
      if (date === undefined || kind === undefined) return undefined;
      return [date, weekIndexOfDate(date), kind, row.get('caseworker') || null];
    });
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
      commit: (c, importId) =>
        replacePersonRows(c, importId, STAGE, 'contacts', { column: 'date', first, last }),
    };
  };
}
