/**
 * Who may compute what with a case: the caller's municipalities only; persons picked by pseudonym
 * only for a role with person-level access, or a caseworker for the citizens of their own
 * caseload; a CPR number in that list is pseudonymised on the way in and never stored or echoed;
 * and for roles whose figures are suppressed, no case on a target group of fewer persons than the
 * threshold (its figures would price those persons).
 */

import { fromYyyyww, may, type Principal } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { dataWindow, pseudonymiserFor } from '../data/index.ts';
import { AccessError, requireMunicipality, suppressionFor } from '../http/principal.ts';
import { looksLikeCpr } from '../input/cpr.ts';
import type { InvestmentCaseDocument } from './case-schema.ts';

type Targeted = Pick<InvestmentCaseDocument, 'municipality' | 'startWeek' | 'target'>;

/** The stock week of a case starting in `startWeek` (YYYYWW): its start, or the data's last week. */
async function stockWeekOf(context: AppContext, startWeek: string): Promise<number> {
  const window = await dataWindow(context.store);
  return Math.min(fromYyyyww(startWeek), window.last);
}

/**
 * `doc` as the caller may compute it (CPR numbers in its person list replaced by their
 * pseudonyms), and the pseudonyms it reads; refused with 403 where the caller may not.
 */
export async function admitCase<T extends Targeted>(
  context: AppContext,
  principal: Principal,
  doc: T,
): Promise<{ doc: T; persons: string[] }> {
  requireMunicipality(principal, Number(doc.municipality));
  const listed = doc.target.persons;
  if (!listed) return { doc, persons: [] };
  const everyone = may(principal.role, 'read:persons');
  const own = may(principal.role, 'read:own-caseload') && principal.caseworker !== null;
  if (!everyone && !own)
    throw new AccessError(
      `the role ${principal.role} may not pick persons: choose the target group by benefit, weeks on it and age`,
      403,
    );
  const pseudonymise = await pseudonymiserFor(context.config, context.store);
  const persons = [...new Set(listed.map((p) => (looksLikeCpr(p) ? pseudonymise(p.trim()) : p.trim())))];
  if (!everyone) {
    // The same answer whether a pseudonym exists or is someone else's: nothing is learnt from it.
    const week = await stockWeekOf(context, doc.startWeek);
    const [row] = await context.store.query<{ n: bigint | number }>(
      `SELECT count(DISTINCT p.pseudonym) AS n FROM persons p JOIN caseworker_assignments a USING (person_id)
       WHERE a.caseworker = $1 AND a.from_week <= $2 AND coalesce(a.to_week, 2147483647) >= $2
         AND p.pseudonym IN (SELECT unnest(from_json($3, '["VARCHAR"]')))`,
      [principal.caseworker, week, JSON.stringify(persons)],
    );
    if (Number(row?.n ?? 0) !== persons.length)
      throw new AccessError(
        `a caseworker can pick only the citizens assigned to them (caseworker ${principal.caseworker}) in the week the case starts`,
        403,
      );
  }
  return { doc: { ...doc, target: { ...doc.target, persons } }, persons };
}

/** Refuse a target group too small for the caller's role to see figures on. */
export function checkGroupSize(context: AppContext, principal: Principal, persons: number): void {
  const threshold = suppressionFor(principal, context.config);
  if (threshold !== null && persons < threshold)
    throw new AccessError(
      `the target group has fewer than ${threshold} persons: figures on so few persons are withheld from the role ${principal.role} (diskretionering); widen the target group`,
      403,
    );
}

/** A saved case's document as the caller may see it: without its person list unless they may read it. */
export function shownDocument<T extends { target?: { persons?: string[] } }>(
  principal: Principal,
  doc: T,
): T {
  if (!doc.target?.persons || may(principal.role, 'read:persons')) return doc;
  const { persons, ...target } = doc.target;
  return { ...doc, target: { ...target, personsWithheld: persons.length } };
}
