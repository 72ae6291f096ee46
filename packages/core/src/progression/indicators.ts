/**
 * BIP's eleven indicators of labour-market readiness (RULES.md §7, seeds 002 and 004), the job-search
 * channels and the caseworker's belief answers: the fixed keys every questionnaire version, every
 * stored answer, the import file and the estimators use. The wording people read lives in the
 * questionnaire versions (`questionnaire.ts`), not here.
 */

export const INDICATORS = [
  'jobSearch',
  'health',
  'labourMarketKnowledge',
  'everydayCoping',
  'concentration',
  'network',
  'selfBelief',
  'caseworkerBelief',
  'cooperation',
  'contact',
  'goalOrientation',
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** The caseworker answers all eleven; the citizen all but the caseworker's belief and goal-orientation. */
export const CASEWORKER_INDICATORS: readonly Indicator[] = INDICATORS;
export const CITIZEN_INDICATORS: readonly Indicator[] = INDICATORS.filter(
  (k) => k !== 'caseworkerBelief' && k !== 'goalOrientation',
);
/** The indicators both answer: where citizen and caseworker can be compared (kappa, ICC). */
export const SHARED_INDICATORS: readonly Indicator[] = CITIZEN_INDICATORS;

export const RESPONDENTS = ['citizen', 'caseworker'] as const;
export type Respondent = (typeof RESPONDENTS)[number];

/** How the citizen searches for work (several may be chosen); `notSearching` excludes the others. */
export const SEARCH_CHANNELS = [
  'newspapers',
  'internet',
  'unsolicited',
  'network',
  'placement',
  'tempAgency',
  'notSearching',
] as const;
export type SearchChannel = (typeof SEARCH_CHANNELS)[number];

/** Scores run 1 (lowest) to 5 (highest) on every indicator. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/**
 * "Tror du, at borgeren kommer i job inden for det næste år?": the caseworker's belief indicator's
 * five answers are its scores 1-5, in this order.
 */
export const BELIEF_ANSWERS = ['Nej', 'Tvivler', 'Det svinger', 'Gode chancer', 'Ja'] as const;

/** BIP's published share later in work by the caseworker's belief answer (REFERENCES.md, seed 002). */
export const BIP_SHARE_IN_WORK_BY_BELIEF = [0.011, 0.027, 0.049, 0.104, 0.268] as const;

/** The item key of a job-search channel in stored answers and import files: `channel:internet`. */
export function channelItem(channel: SearchChannel): string {
  return `channel:${channel}`;
}
