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

/**
 * A case whose effect is what steps up on an indicator are worth (the citizen page's
 * POST /api/progression/value with share 1): the target group by benefit, every participant with
 * the hazard ratio applied on moves to work; the cost is `base`'s, for the user to set.
 */
export function stepValueCase(
  base: CaseDocument,
  value: { benefit: string; hazardRatio: number; participants: number; startWeek: number; name: string },
): CaseDocument {
  return {
    ...base,
    name: value.name,
    target: { benefit: value.benefit },
    participants: value.participants,
    startWeek: String(value.startWeek),
    effect: {
      hazardRatio: Math.round(value.hazardRatio * 1000) / 1000,
      to: ['job'],
      phaseInWeeks: 0,
      halfLifeWeeks: null,
    },
  };
}
