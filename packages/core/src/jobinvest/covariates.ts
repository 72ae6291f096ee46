/**
 * The covariates of the Jobinvestering duration model, defined once so that the SQL that counts
 * person-weeks (packages/server, store/model-data.ts) and the estimator and projection here put a
 * week in the same cell.
 *
 * A person-week at risk is one week of a spell whose outcome (still in the state, or moved) is known
 * in the next week. Its covariates:
 * - `durationBand`: the spell week d (1 = the first week of the spell) in bands: weekly for the first
 *   four weeks, where exits change fastest, then widening; with boundaries of their own at the
 *   durations where Danish rules move people (sygedagpenge are reassessed after 22 weeks,
 *   sygedagpengeloven § 24; a-dagpenge end after 104 weeks, two years within three).
 * - `ageGroup`: jobindsats' groups 16-19, 20-24, …, 60-64, 65+ of the age in the week (ISO year of
 *   the week minus the birth year).
 * - `sex`, `origin` (herkomst) as stored.
 * - `priorBand`: weeks on public support in the 156 weeks before the spell's first week (weeks
 *   observed; weeks before the data window are unknown and count as none).
 * - `quarter`: the season, from the ISO week number (weeks 1-13, 14-26, 27-39, 40-53).
 * - `period`: years (52-week steps) before the end of the estimation data: 0 is the last 52 weeks.
 *   A projection uses period 0, i.e. the labour market of the last year observed.
 * - `municipality` of residence in the week.
 */

import type { DurationBand } from '../synthetic/model.ts';

export const MODEL_DURATION_BANDS: readonly DurationBand[] = [
  { label: '1', firstWeek: 1, lastWeek: 1 },
  { label: '2', firstWeek: 2, lastWeek: 2 },
  { label: '3', firstWeek: 3, lastWeek: 3 },
  { label: '4', firstWeek: 4, lastWeek: 4 },
  { label: '5-8', firstWeek: 5, lastWeek: 8 },
  { label: '9-13', firstWeek: 9, lastWeek: 13 },
  { label: '14-17', firstWeek: 14, lastWeek: 17 },
  { label: '18-21', firstWeek: 18, lastWeek: 21 },
  { label: '22', firstWeek: 22, lastWeek: 22 },
  { label: '23-26', firstWeek: 23, lastWeek: 26 },
  { label: '27-39', firstWeek: 27, lastWeek: 39 },
  { label: '40-52', firstWeek: 40, lastWeek: 52 },
  { label: '53-78', firstWeek: 53, lastWeek: 78 },
  { label: '79-103', firstWeek: 79, lastWeek: 103 },
  { label: '104', firstWeek: 104, lastWeek: 104 },
  { label: '105-156', firstWeek: 105, lastWeek: 156 },
  { label: '157+', firstWeek: 157, lastWeek: null },
];

/** The first spell week of the open last band: durations from here on behave alike. */
export const DURATION_CAP = MODEL_DURATION_BANDS[MODEL_DURATION_BANDS.length - 1]!.firstWeek;

const BAND_OF_WEEK: Int8Array = (() => {
  const out = new Int8Array(DURATION_CAP + 1).fill(-1);
  MODEL_DURATION_BANDS.forEach((band, i) => {
    for (let d = band.firstWeek; d <= (band.lastWeek ?? DURATION_CAP); d++) out[d] = i;
  });
  return out;
})();

/** Index in MODEL_DURATION_BANDS of spell week `d` (d ≥ 1). */
export function durationBandOf(d: number): number {
  if (!(d >= 1)) throw new RangeError(`a spell week is 1 or more, found ${d}`);
  return BAND_OF_WEEK[Math.min(d, DURATION_CAP)]!;
}

export const MODEL_AGE_GROUPS = [
  '16-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65+',
] as const;

/** jobindsats' age group of an age in years (the store's ages are 16-66). */
export function ageGroupOf(age: number): string {
  if (age < 20) return '16-19';
  if (age >= 65) return '65+';
  const from = 5 * Math.floor(age / 5);
  return `${from}-${from + 4}`;
}

/** Index in MODEL_AGE_GROUPS of `ageGroupOf(age)`. */
export function ageGroupIndexOf(age: number): number {
  return (MODEL_AGE_GROUPS as readonly string[]).indexOf(ageGroupOf(age));
}

export interface PriorBand {
  readonly label: string;
  readonly fromWeeks: number;
  readonly toWeeks: number;
}

export const PRIOR_SUPPORT_BANDS: readonly PriorBand[] = [
  { label: '0', fromWeeks: 0, toWeeks: 0 },
  { label: '1-26', fromWeeks: 1, toWeeks: 26 },
  { label: '27-78', fromWeeks: 27, toWeeks: 78 },
  { label: '79-156', fromWeeks: 79, toWeeks: 156 },
];

/** Weeks of public support looked back over at a spell's start. */
export const PRIOR_SUPPORT_WINDOW = 156;

export function priorBandOf(weeks: number): string {
  const band = PRIOR_SUPPORT_BANDS.find((b) => weeks >= b.fromWeeks && weeks <= b.toWeeks);
  if (!band) throw new RangeError(`weeks of prior support must be 0-156, found ${weeks}`);
  return band.label;
}

/** Season of an ISO week number (1-53): 1 for weeks 1-13, 2 for 14-26, 3 for 27-39, 4 for 40-53. */
export function quarterOfWeekNumber(weekNumber: number): number {
  return Math.min(4, Math.floor((weekNumber - 1) / 13) + 1);
}

/** The oldest period kept apart; older weeks share it. */
export const MAX_PERIOD = 4;

/** Period label of a week `weeksBeforeEnd` weeks before the end of the estimation data (0 = the last week). */
export function periodOf(weeksBeforeEnd: number): string {
  const p = Math.floor(weeksBeforeEnd / 52);
  return p >= MAX_PERIOD ? `${MAX_PERIOD}+` : String(p);
}
