/**
 * The case the calculator opens with: one definition for the app, its browser tests and the
 * benchmark, so that they measure and check the case a person sees.
 */

import { fromYyyyww, toYyyyww, type Language } from '@jobinvest/core';
import type { CaseDocument } from '../../api.ts';
import { wordsIn } from '../../words.ts';

/** Work placement for kontanthjælp recipients on the higher rate (forhøjet sats) for 52+ weeks, starting the week after `lastWeek` (YYYYWW). */
export function defaultCase(municipality: number, lastWeek: number, language: Language): CaseDocument {
  return {
    name: wordsIn(language)('defaultCaseName'),
    municipality: String(municipality).padStart(3, '0'),
    target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 52 },
    participants: 100,
    startWeek: String(toYyyyww(fromYyyyww(lastWeek) + 1)),
    cost: { perParticipant: 25000, perWeek: 0, weeks: 0 },
    effect: { hazardRatio: 1.3, to: ['job'], phaseInWeeks: 0, halfLifeWeeks: null },
    horizonWeeks: 260,
    discountRate: 0.035,
  };
}
