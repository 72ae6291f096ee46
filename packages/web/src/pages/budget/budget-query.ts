/** The Budget page's request: what the economist has typed, as GET /api/budget and POST /api/budget/versions take it. */

import type { BudgetAdjustments, SeparateKey } from '@jobinvest/core';

/** What the economist has typed: the adjustments and the cases chosen. */
export interface Adjustments {
  fullTimePersonsChange: Record<string, number>;
  /** Kroner per activation week by type; a type not here keeps the price of the data. */
  activityPricePerWeek: Record<string, number>;
  caseload: number | null;
  costPerCaseworker: number | null;
  /** The grant and the guarantee as the state announced them, kroner by year ("2027"). */
  announced: Record<SeparateKey, Record<string, number>>;
}

export const NO_ADJUSTMENTS: Adjustments = {
  fullTimePersonsChange: {},
  activityPricePerWeek: {},
  caseload: null,
  costPerCaseworker: null,
  announced: { beskaeftigelsestilskud: {}, budgetgaranti: {} },
};

/** The adjustments as the API takes them. */
export function adjustmentsBody(a: Adjustments): Record<string, unknown> {
  const change = Object.fromEntries(Object.entries(a.fullTimePersonsChange).filter(([, v]) => v !== 0));
  const announced = Object.entries(a.announced).filter(([, byYear]) => Object.keys(byYear).length > 0);
  return {
    ...(Object.keys(change).length > 0 ? { fullTimePersonsChange: change } : {}),
    ...(Object.keys(a.activityPricePerWeek).length > 0
      ? { activityPricePerWeek: a.activityPricePerWeek }
      : {}),
    ...(a.caseload === null ? {} : { caseload: a.caseload }),
    ...(a.costPerCaseworker === null ? {} : { costPerCaseworker: a.costPerCaseworker }),
    ...(announced.length > 0 ? { announced: Object.fromEntries(announced) } : {}),
  };
}

/** The query of GET /api/budget (and its workbook). */
export function budgetQuery(
  municipality: number,
  year: number,
  adjustments: Adjustments,
  cases: readonly number[],
): string {
  const body = adjustmentsBody(adjustments);
  const params = new URLSearchParams({
    municipality: String(municipality).padStart(3, '0'),
    year: String(year),
  });
  if (Object.keys(body).length > 0) params.set('adjustments', JSON.stringify(body));
  if (cases.length > 0) params.set('cases', cases.join(','));
  return params.toString();
}

/** A saved version's adjustments (as GET /api/budget/versions gives them) as the page holds them. */
export function adjustmentsOf(saved: BudgetAdjustments): Adjustments {
  return {
    fullTimePersonsChange: { ...(saved.fullTimePersonsChange ?? {}) },
    activityPricePerWeek: { ...(saved.activityPricePerWeek ?? {}) },
    caseload: saved.caseload ?? null,
    costPerCaseworker: saved.costPerCaseworker ?? null,
    announced: {
      beskaeftigelsestilskud: { ...(saved.announced?.beskaeftigelsestilskud ?? {}) },
      budgetgaranti: { ...(saved.announced?.budgetgaranti ?? {}) },
    },
  };
}
