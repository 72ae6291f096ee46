/**
 * The quality of the measurement (issue 16): how far citizen and caseworker agree on the indicators
 * both answer (weighted kappa with its interval, the intraclass correlation), how consistent each
 * respondent's items are (Cronbach's alpha), and how the scale is used (floor and ceiling shares,
 * missing answers). Plain answers in, figures out; the estimators are the agreement engine's, checked
 * against R's psych.
 *
 * Each figure is computed on the measurements that allow it: kappa and ICC on the pairs where both
 * answered the indicator, alpha on the measurements where the respondent answered every item. A figure
 * the data cannot give (too few pairs, no variation) is null with the reason, never an error.
 */

import { AgreementError } from '../agreement/error.ts';
import { cronbachAlpha } from '../agreement/alpha.ts';
import { intraclassCorrelation } from '../agreement/icc.ts';
import { cohenKappa } from '../agreement/kappa.ts';
import type { Answers } from './api.ts';
import {
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  SCORE_MAX,
  SCORE_MIN,
  SHARED_INDICATORS,
  type Indicator,
  type Respondent,
} from './indicators.ts';

/** Fewer complete pairs or rows than this give no agreement figure. */
export const QUALITY_MIN_PAIRS = 10;

/** One final measurement's two parts. */
export interface QualityMeasurement {
  readonly citizen: Answers;
  readonly caseworker: Answers;
}

export interface IndicatorAgreement {
  readonly indicator: Indicator;
  /** Measurements where both answered the indicator. */
  readonly pairs: number;
  /** Quadratic weighted kappa (psych's default weights) with psych's 95 % interval. */
  readonly kappa: { readonly value: number; readonly lower: number; readonly upper: number } | null;
  /** ICC(2,1): two-way random effects, absolute agreement, one rater (Shrout and Fleiss), with its 95 % interval. */
  readonly icc: { readonly value: number; readonly lower: number; readonly upper: number } | null;
  /** Mean caseworker score minus mean citizen score over the pairs. */
  readonly meanDifference: number | null;
  /** Why kappa and ICC are missing: a code the web app says in its language. */
  readonly missing: 'too-few-pairs' | 'no-variation' | null;
}

export interface ItemUse {
  readonly indicator: Indicator;
  readonly answered: number;
  /** Shares of the answers at 1 and at 5, of the answered. */
  readonly floor: number | null;
  readonly ceiling: number | null;
  /** Share of the measurements where the item was left unanswered. */
  readonly missing: number;
}

export interface RespondentQuality {
  readonly respondent: Respondent;
  /** Measurements where every item was answered: the rows alpha rests on. */
  readonly complete: number;
  readonly alpha: {
    readonly raw: number;
    readonly standardized: number;
    /** Null where psych gives no standard error. */
    readonly lower: number | null;
    readonly upper: number | null;
  } | null;
  readonly items: readonly ItemUse[];
}

export interface MeasurementQuality {
  readonly measurements: number;
  readonly agreement: readonly IndicatorAgreement[];
  readonly respondents: readonly RespondentQuality[];
}

const score = (answers: Answers, k: Indicator): number | null => {
  const v = answers[k];
  return typeof v === 'number' && v >= SCORE_MIN && v <= SCORE_MAX ? v : null;
};

const LEVELS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

function agreementOf(measurements: readonly QualityMeasurement[], indicator: Indicator): IndicatorAgreement {
  const a: number[] = [];
  const b: number[] = [];
  for (const m of measurements) {
    const c = score(m.citizen, indicator);
    const w = score(m.caseworker, indicator);
    if (c !== null && w !== null) {
      a.push(c);
      b.push(w);
    }
  }
  const pairs = a.length;
  const meanDifference =
    pairs === 0 ? null : (b.reduce((s, x) => s + x, 0) - a.reduce((s, x) => s + x, 0)) / pairs;
  if (pairs < QUALITY_MIN_PAIRS)
    return { indicator, pairs, kappa: null, icc: null, meanDifference, missing: 'too-few-pairs' };
  try {
    const k = cohenKappa(a, b, { weights: 'quadratic', levels: LEVELS });
    const icc = intraclassCorrelation(a.map((x, i) => [x, b[i]!])).forms.find((f) => f.type === 'ICC2')!;
    return {
      indicator,
      pairs,
      kappa: { value: k.kappa, lower: k.lower, upper: k.upper },
      icc: { value: icc.icc, lower: icc.lower, upper: icc.upper },
      meanDifference,
      missing: null,
    };
  } catch (error) {
    if (!(error instanceof AgreementError)) throw error;
    return { indicator, pairs, kappa: null, icc: null, meanDifference, missing: 'no-variation' };
  }
}

function respondentQuality(
  measurements: readonly QualityMeasurement[],
  respondent: Respondent,
): RespondentQuality {
  const indicators = respondent === 'citizen' ? CITIZEN_INDICATORS : CASEWORKER_INDICATORS;
  const answersOf = (m: QualityMeasurement) => (respondent === 'citizen' ? m.citizen : m.caseworker);
  const rows: number[][] = [];
  for (const m of measurements) {
    const row = indicators.map((k) => score(answersOf(m), k));
    if (row.every((x) => x !== null)) rows.push(row as number[]);
  }
  const items = indicators.map((indicator): ItemUse => {
    let answered = 0;
    let floor = 0;
    let ceiling = 0;
    for (const m of measurements) {
      const s = score(answersOf(m), indicator);
      if (s === null) continue;
      answered++;
      if (s === SCORE_MIN) floor++;
      if (s === SCORE_MAX) ceiling++;
    }
    return {
      indicator,
      answered,
      floor: answered === 0 ? null : floor / answered,
      ceiling: answered === 0 ? null : ceiling / answered,
      missing: measurements.length === 0 ? 0 : (measurements.length - answered) / measurements.length,
    };
  });
  let alpha: RespondentQuality['alpha'] = null;
  if (rows.length >= QUALITY_MIN_PAIRS) {
    try {
      const a = cronbachAlpha(rows);
      // psych's 95 % interval of alpha: ± 1.96 standard errors (Duhachek and Iacobucci 2004).
      alpha = {
        raw: a.alpha,
        standardized: a.standardizedAlpha,
        lower: a.se === null ? null : a.alpha - 1.96 * a.se,
        upper: a.se === null ? null : a.alpha + 1.96 * a.se,
      };
    } catch (error) {
      if (!(error instanceof AgreementError)) throw error;
    }
  }
  return { respondent, complete: rows.length, alpha, items };
}

/** `GET /api/progression/quality`: a municipality's figures, or that they are withheld. */
export interface QualityAnswer {
  readonly municipality: number;
  /** Distinct persons with a final measurement; null where withheld. */
  readonly persons: number | null;
  /** The figures, or null where withheld or there are no final measurements. */
  readonly quality: MeasurementQuality | null;
  readonly suppression: { readonly threshold: number; readonly applied: boolean };
}

/** The quality figures of a set of final measurements. */
export function measurementQuality(measurements: readonly QualityMeasurement[]): MeasurementQuality {
  return {
    measurements: measurements.length,
    agreement: SHARED_INDICATORS.map((k) => agreementOf(measurements, k)),
    respondents: [respondentQuality(measurements, 'citizen'), respondentQuality(measurements, 'caseworker')],
  };
}
