/**
 * The refusion calculation as the CLI and the API give it: validated records in, one output row per
 * person and week out. One way through for both.
 */

import { DuplicateWeekError, REFUSION_RULES, staircaseByPerson, toYyyyww } from '@jobinvest/core';
import { historyRows, NO_BENEFIT, type HistoryRecord, type RecordLocation } from './history.ts';
import { InputError } from '../input/input-error.ts';

export interface RefusionWeekOut {
  readonly person: string;
  /** ISO week as YYYYWW. */
  readonly week: number;
  /** Benefit code, or `none`. */
  readonly benefit: string;
  /** The person's week on the staircase, 0 in a week without a staircase benefit, `null` outside the scheme. */
  readonly count: number | null;
  /** Share of the week's gross benefit the municipality pays, `null` outside the scheme. */
  readonly municipalShare: number | null;
  /** Self-support weeks towards the reset in the 156 weeks ending this week. */
  readonly selfSupportWeeks: number | null;
  /** True in the first staircase week after the count restarted. */
  readonly restarted: boolean;
  /** The rules version applied, `null` outside the scheme. */
  readonly rules: string | null;
}

export function refusionWeeks(
  records: readonly { readonly location: RecordLocation; readonly record: HistoryRecord }[],
): RefusionWeekOut[] {
  const rows = historyRows(records);
  try {
    return staircaseByPerson(rows, REFUSION_RULES).map((w) => ({
      person: w.person,
      week: toYyyyww(w.weekIndex),
      benefit: w.benefit ?? NO_BENEFIT,
      count: w.count,
      municipalShare: w.municipalShare,
      selfSupportWeeks: w.selfSupportWeeks,
      restarted: w.restarted,
      rules: w.rules,
    }));
  } catch (error) {
    if (!(error instanceof DuplicateWeekError)) throw error;
    // Rows were validated one for one, so positions in `rows` are positions in `records`.
    const first = records[error.first]?.location;
    const second = records[error.second]?.location;
    const firstAt = first?.line === undefined ? (first?.prefix ?? 'an earlier row') : `line ${first.line}`;
    throw new InputError({
      file: second?.file ?? '',
      ...(second?.line === undefined ? {} : { line: second.line }),
      column: second?.prefix === undefined ? 'week' : `${second.prefix}.week`,
      expected: 'one row per person and week',
      found: `a second row for person ${error.person} in week ${toYyyyww(error.weekIndex)} (the first is at ${firstAt})`,
    });
  }
}
