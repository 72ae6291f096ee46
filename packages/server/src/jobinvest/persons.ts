/** The persons of a stock as the projection takes them, and a case's target group among them. */

import {
  benefitOf,
  isBenefitCode,
  StaircaseTracker,
  yearWeekOf,
  type ProjectionPerson,
  type StockPerson,
} from '@jobinvest/core';
import type { InvestmentCaseDocument } from './case-schema.ts';

/** A stock person as the projection takes them: the staircase walked over their history since 2016. */
export function projectionPerson(person: StockPerson): ProjectionPerson {
  const staircase = new StaircaseTracker();
  const out = benefitOf('out');
  for (const [first, last, code] of person.history) {
    const benefit = code === null ? null : isBenefitCode(code) ? benefitOf(code) : out;
    for (let w = first; w <= last; w++) staircase.advance(w, benefit);
  }
  return {
    state: person.state,
    spellWeek: person.spellWeek,
    birthYear: person.birthYear,
    profile: { sex: person.sex, origin: person.origin, priorBand: person.priorBand },
    staircase,
  };
}

/** The target group of a case in the stock week (of `week`, for the age bounds). */
export function targetGroup(
  stock: readonly StockPerson[],
  target: InvestmentCaseDocument['target'],
  week: number,
): StockPerson[] {
  const persons = target.persons ? new Set(target.persons) : null;
  const year = yearWeekOf(week).year;
  return stock.filter((p) => {
    if (persons && !persons.has(p.pseudonym)) return false;
    if (target.benefit && p.state !== target.benefit) return false;
    if (target.minWeeks !== undefined && p.spellWeek < target.minWeeks) return false;
    if (target.maxWeeks !== undefined && p.spellWeek > target.maxWeeks) return false;
    if (target.minAge !== undefined && year - p.birthYear < target.minAge) return false;
    if (target.maxAge !== undefined && year - p.birthYear > target.maxAge) return false;
    return true;
  });
}
