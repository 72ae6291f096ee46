/**
 * A weekly benefit history as people give it to the refusion calculation: records of
 * `person, week, benefit`, from a CSV file or a JSON request. Validated here, once, into the core's
 * `HistoryRow`s; every problem names where it is.
 */

import { fromYyyyww, isBenefitCode, WeekError, type HistoryRow } from '@jobinvest/core';
import { looksLikeCpr } from '../input/cpr.ts';
import { ProblemList, type InputProblem } from '../input/input-error.ts';

export interface HistoryRecord {
  readonly person: string;
  readonly week: string;
  readonly benefit: string;
}

/** Where a record came from, for error messages: a file and line, or a field path in a request. */
export type RecordLocation = Pick<InputProblem, 'file' | 'line'> & { readonly prefix?: string };

/** The benefit spelling for "no benefit this week" (the cell may also be empty). */
export const NO_BENEFIT = 'none';

/**
 * Validate records into history rows. Throws an `InputError` listing the problems (up to 100)
 * if any record is bad; nothing is returned half-validated.
 */
export function historyRows(
  records: readonly { readonly location: RecordLocation; readonly record: HistoryRecord }[],
): HistoryRow[] {
  const problems = new ProblemList();
  const rows: HistoryRow[] = [];
  for (const { location, record } of records) {
    const at = (column: string): Pick<InputProblem, 'file' | 'line' | 'column'> => ({
      file: location.file,
      ...(location.line === undefined ? {} : { line: location.line }),
      column: location.prefix === undefined ? column : `${location.prefix}.${column}`,
    });
    const person = record.person.trim();
    let ok = true;
    if (person === '') {
      problems.add({ ...at('person'), expected: 'a person id', found: '' });
      ok = false;
    } else if (looksLikeCpr(person)) {
      problems.add({
        ...at('person'),
        expected: 'a pseudonymous person id, not a CPR number (the value is not shown)',
      });
      ok = false;
    }
    let weekIndex = 0;
    try {
      weekIndex = fromYyyyww(record.week);
    } catch (error) {
      if (!(error instanceof WeekError)) throw error;
      problems.add({
        ...at('week'),
        expected: 'an ISO week as YYYYWW that exists (e.g. 202601)',
        found: record.week,
      });
      ok = false;
    }
    const code = record.benefit.trim();
    const benefit = code === '' || code === NO_BENEFIT ? null : isBenefitCode(code) ? code : undefined;
    if (benefit === undefined) {
      problems.add({
        ...at('benefit'),
        expected: `a benefit code of the catalogue (jobinvest benefits) or "${NO_BENEFIT}"`,
        found: code,
      });
      ok = false;
    }
    if (ok && benefit !== undefined) rows.push({ person, weekIndex, benefit });
  }
  problems.throwIfAny();
  return rows;
}
