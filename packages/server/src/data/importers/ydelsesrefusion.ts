/**
 * KOMBIT Ydelsesrefusion import: the weekly refusion calculation file municipalities download
 * (RULES.md §4). `;`-separated, decimal comma, UTF-8 or Windows-1252, with the columns
 *
 *   Uge; CPR nummer; Ydelse; Finansiering Kommunenavn; Indberetning udbetalingsbeløb;
 *   Beregnet udbetalingsbeløb; Refusionssats; Refusionsbeløb; Medfinansieringssats;
 *   Medfinansieringsbeløb
 *
 * `Uge` is the Monday of the week (`DD-MM-YYYY`, `DD.MM.YYYY` or `YYYY-MM-DD`); a date that is not a
 * Monday is refused, because a day and month read the wrong way round would otherwise pass
 * unnoticed. `Ydelse` is the benefit's name as KOMBIT writes it and is stored as text (the file's
 * names are not the catalogue's codes). Amounts are kroner, Danish ("1.234,50") or plain; negative
 * amounts (corrections) are kept; an empty amount is unknown.
 *
 * Rates are stored as fractions 0..1, read by this rule: with a percent sign the number is a
 * percentage ("80 %", "80,00%"); without one, a number above 1 is a percentage ("80", "80,00") and
 * a number from 0 to 1 is a fraction already ("0,8", "0.2", "1"). The statutory rates are 0, 20,
 * 30, 40, 60, 70, 80 and 100 %, so a rate of 1 % never occurs and "1" can only mean 100 %.
 *
 * A person has several lines in a week (several benefits, corrections), so lines are not unique.
 * A newer file replaces, for each person in it, the lines the store held for that person in the
 * file's weeks (its first to its last `Uge`).
 */

import { formatKr, mondayOf, toYyyyww, weekIndexOfDate } from '@jobinvest/core';
import { ProblemList } from '../../input/input-error.ts';
import { rows } from '../db.ts';
import type { Stager } from './import-run.ts';
import {
  field,
  FieldError,
  optional,
  parseAmount,
  parseDate,
  readNotes,
  replacePersonRows,
  required,
  stagePersonRows,
} from './staging.ts';

/** The file's columns and the stage table they are read into (see `stagePersonRows`). */
const STAGE = {
  table: 'stage_refusion',
  columns: {
    week: 'INTEGER',
    week_date: 'VARCHAR',
    benefit_text: 'VARCHAR',
    municipality_name: 'VARCHAR',
    reported_amount: 'DOUBLE',
    calculated_amount: 'DOUBLE',
    refusion_rate: 'DOUBLE',
    refusion_amount: 'DOUBLE',
    cofinancing_rate: 'DOUBLE',
    cofinancing_amount: 'DOUBLE',
  },
  person: 'CPR nummer',
  required: [
    'Uge',
    'CPR nummer',
    'Ydelse',
    'Finansiering Kommunenavn',
    'Indberetning udbetalingsbeløb',
    'Beregnet udbetalingsbeløb',
    'Refusionssats',
    'Refusionsbeløb',
    'Medfinansieringssats',
    'Medfinansieringsbeløb',
  ],
} as const;

const MONDAY = 'the Monday of the week as DD-MM-YYYY or YYYY-MM-DD';
const RATE = 'a rate from 0 to 100 %, such as 80, 80,00, 80 % or 0,8';

/** The date of a week's Monday. */
export function parseMonday(text: string): string {
  let date: string;
  try {
    date = parseDate(text);
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(MONDAY);
    throw error;
  }
  if (mondayOf(weekIndexOfDate(date)) !== date) throw new FieldError(MONDAY);
  return date;
}

/** A refusion or co-financing rate as a fraction 0..1, by the rule in the module comment; '' is null. */
export function parseRate(text: string): number | null {
  if (text === '') return null;
  const percent = text.endsWith('%');
  const number = percent ? text.slice(0, -1).trim() : text;
  if (!/^[\d.,]+$/.test(number)) throw new FieldError(RATE);
  const x = Number(number.replace(',', '.'));
  if (!Number.isFinite(x) || (number.match(/[.,]/g)?.length ?? 0) > 1) throw new FieldError(RATE);
  const fraction = percent || x > 1 ? x / 100 : x;
  if (fraction > 1) throw new FieldError(RATE);
  return fraction;
}

export function ydelsesrefusionStager(): Stager {
  return async (connection, context) => {
    const problems = new ProblemList();
    const read = await stagePersonRows(connection, context, problems, STAGE, (row) => {
      const monday = field(problems, row, 'Uge', parseMonday);
      const benefit = field(problems, row, 'Ydelse', required('the name of the benefit'));
      const amounts = [
        field(problems, row, 'Indberetning udbetalingsbeløb', parseAmount),
        field(problems, row, 'Beregnet udbetalingsbeløb', parseAmount),
        field(problems, row, 'Refusionssats', optional(parseRate)),
        field(problems, row, 'Refusionsbeløb', parseAmount),
        field(problems, row, 'Medfinansieringssats', optional(parseRate)),
        field(problems, row, 'Medfinansieringsbeløb', parseAmount),
      ];
      if (monday === undefined || benefit === undefined || amounts.includes(undefined)) return undefined;
      return [
        weekIndexOfDate(monday),
        monday,
        benefit,
        row.get('Finansiering Kommunenavn') || null,
        ...(amounts as (number | null)[]),
      ];
    });
    problems.throwIfAny();

    const [summary] = await rows<{
      first: number;
      last: number;
      persons: number;
      refusion: number | null;
      cofinancing: number | null;
    }>(
      connection,
      `SELECT min(week) AS first, max(week) AS last,
              (SELECT count(DISTINCT pseudonym) FROM temp.stage_persons) AS persons,
              sum(refusion_amount) AS refusion, sum(cofinancing_amount) AS cofinancing
       FROM temp.stage_refusion`,
    );
    const first = summary?.first ?? 0;
    const last = summary?.last ?? 0;
    return {
      rows: read.rows,
      firstWeek: first,
      lastWeek: last,
      notes: readNotes(
        read,
        `${read.rows} lines of ${summary?.persons ?? 0} persons, weeks ${toYyyyww(first)}-${toYyyyww(last)}; ` +
          `Refusionsbeløb ${formatKr(summary?.refusion ?? 0, 2)}, Medfinansieringsbeløb ${formatKr(summary?.cofinancing ?? 0, 2)} in total`,
      ),
      commit: (c, importId) =>
        replacePersonRows(c, importId, STAGE, 'refusion_lines', { column: 'week', first, last }),
    };
  };
}
