/**
 * Spells by jobindsats' month rule (core's monitoring/spells.ts), counted in SQL from the store's
 * weekly spells (data/facts.ts: today's groups, the weeks a person is observed): a person's weekly
 * spells of one group are one spell unless the weeks between two of them cover every day of a
 * calendar month. Whether a spell has ended, or may have begun before the data, is judged against the
 * data's window as core judges it.
 */

import type { JobindsatsSpell } from '@jobinvest/core';
import { dataWindow, dateInWeek, type Store } from '../data/index.ts';

/** SQL: whether the weeks `from` … `to` (week index expressions) cover every day of a calendar month. */
export function weeksHoldWholeMonthSql(from: string, to: string): string {
  const monday = dateInWeek(from);
  const sunday = dateInWeek(to, 6);
  const monthStart = `(CASE WHEN day(${monday}) = 1 THEN ${monday} ELSE CAST(date_trunc('month', ${monday}) + INTERVAL 1 MONTH AS DATE) END)`;
  return `((${to}) >= (${from}) AND CAST(${monthStart} + INTERVAL 1 MONTH AS DATE) - 1 <= ${sunday})`;
}

/** A person's spell by jobindsats' rule. */
export interface PersonSpell extends JobindsatsSpell {
  readonly personId: number;
}

/** Every person's spells of `benefit` (a group in force) by jobindsats' rule, by person and first week. */
export async function jobindsatsSpellsIn(store: Store, benefit: string): Promise<PersonSpell[]> {
  const window = await dataWindow(store);
  const found = await store.query<{
    person_id: number;
    first: number;
    last: number;
    benefit_weeks: number | bigint;
    open_at_start: boolean;
    ended: boolean;
  }>(
    `WITH s AS (
  SELECT person_id, first_week, last_week, weeks,
         lag(last_week) OVER (PARTITION BY person_id ORDER BY first_week) AS prev_last
  FROM spells WHERE benefit = $1
),
marked AS (
  SELECT *, CASE WHEN prev_last IS NULL OR ${weeksHoldWholeMonthSql('prev_last + 1', 'first_week - 1')} THEN 1 ELSE 0 END AS starts
  FROM s
),
numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY person_id ORDER BY first_week) AS spell FROM marked
)
SELECT person_id, min(first_week) AS first, max(last_week) AS last, sum(weeks) AS benefit_weeks,
       NOT ${weeksHoldWholeMonthSql(String(window.first), 'min(first_week) - 1')} AS open_at_start,
       ${weeksHoldWholeMonthSql('max(last_week) + 1', String(window.last))} AS ended
FROM numbered GROUP BY person_id, spell ORDER BY person_id, first`,
    [benefit],
  );
  return found.map((r) => ({
    personId: r.person_id,
    first: r.first,
    last: r.last,
    benefitWeeks: Number(r.benefit_weeks),
    openAtStart: r.open_at_start,
    ended: r.ended,
  }));
}
