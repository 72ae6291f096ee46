/**
 * Spells by jobindsats' month rule (core's monitoring/spells.ts), as the data room derives them from
 * the store's weekly spells (data/facts.ts' `jobindsats_spells`: today's groups, the weeks a person
 * is observed): a person's weekly spells of one group are one spell unless the weeks between two of
 * them cover every day of a calendar month. Whether a spell has ended, or may have begun before the
 * data, is judged against the data's window as core judges it.
 */

import type { JobindsatsSpell } from '@jobinvest/core';
import { currentFacts, type Store } from '../data/index.ts';

/** A person's spell by jobindsats' rule. */
export interface PersonSpell extends JobindsatsSpell {
  readonly personId: number;
}

/** Every person's spells of `benefit` (a group in force, or `all`) by jobindsats' rule, by person and first week. */
export async function jobindsatsSpellsIn(store: Store, benefit: string): Promise<PersonSpell[]> {
  await currentFacts(store);
  const found = await store.query<{
    person_id: number;
    first: number;
    last: number;
    benefit_weeks: number;
    open_at_start: boolean;
    ended: boolean;
  }>(
    `SELECT person_id, first_week AS first, last_week AS last, benefit_weeks, open_at_start, ended
     FROM jobindsats_spells WHERE benefit = $1 ORDER BY person_id, first`,
    [benefit],
  );
  return found.map((r) => ({
    personId: r.person_id,
    first: r.first,
    last: r.last,
    benefitWeeks: r.benefit_weeks,
    openAtStart: r.open_at_start,
    ended: r.ended,
  }));
}
