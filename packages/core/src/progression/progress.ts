/**
 * Progress on BIP's indicators: per citizen, the change of each indicator since the last and since
 * the first measurement, and the mean score of a part; per group, the quarter a measurement falls in
 * and whether a person's mean score moved up, stayed or moved down. Only final measurements count
 * (a draft is unfinished work), and an item left unanswered (null) is skipped, not read as a score.
 */

import type { Answers, IndicatorChange, Measurement } from './api.ts';
import { INDICATORS, RESPONDENTS, type Indicator, type Respondent } from './indicators.ts';

/** The part of a measurement progress reads: its day, status and both respondents' answers. */
export type Scored = Pick<Measurement, 'date' | 'status' | 'citizen' | 'caseworkerAnswers'>;

/** The answers of `respondent` in `m`. */
export function answersOf(m: Pick<Scored, 'citizen' | 'caseworkerAnswers'>, respondent: Respondent): Answers {
  return respondent === 'citizen' ? m.citizen : m.caseworkerAnswers;
}

/** The score of an item, or null where it was left unanswered or not asked. */
export function scoreOf(answers: Answers, indicator: Indicator): number | null {
  const score = answers[indicator];
  return typeof score === 'number' ? score : null;
}

/** The mean of the scores given in `answers` (unanswered items left out), or null when none is given. */
export function meanScore(answers: Answers): number | null {
  let sum = 0;
  let n = 0;
  for (const k of INDICATORS) {
    const score = scoreOf(answers, k);
    if (score === null) continue;
    sum += score;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** The final measurements of a list, oldest first (by day; the list's order breaks ties). */
export function finalsInOrder<M extends Scored>(measurements: readonly M[]): M[] {
  return measurements
    .map((m, k) => ({ m, k }))
    .filter(({ m }) => m.status === 'final')
    .sort((a, b) => (a.m.date < b.m.date ? -1 : a.m.date > b.m.date ? 1 : a.k - b.k))
    .map(({ m }) => m);
}

/**
 * For each respondent and indicator, over the final measurements where that respondent scored that
 * indicator: the latest score, its change since the score before it (`sinceLast`) and since the
 * first (`sinceFirst`); null where there is nothing to compare with. Indicators a respondent never
 * scored are left out. Citizen first, then caseworker, each in the order of INDICATORS.
 */
export function indicatorChanges(measurements: readonly Scored[]): IndicatorChange[] {
  const finals = finalsInOrder(measurements);
  const changes: IndicatorChange[] = [];
  for (const respondent of RESPONDENTS)
    for (const indicator of INDICATORS) {
      const scores = finals
        .map((m) => scoreOf(answersOf(m, respondent), indicator))
        .filter((s): s is number => s !== null);
      const latest = scores.at(-1);
      if (latest === undefined) continue;
      changes.push({
        indicator,
        respondent,
        latest,
        sinceLast: scores.length > 1 ? latest - scores.at(-2)! : null,
        sinceFirst: scores.length > 1 ? latest - scores[0]! : null,
      });
    }
  return changes;
}

/**
 * How far a person's mean score must move between two measurements to count as moving up or down:
 * half a step. A mean over up to eleven items moves by 1/11 when one item moves one step, which is
 * noise as much as progress; half a step on the mean is, e.g., one step on half the items.
 */
export const MOVEMENT_THRESHOLD = 0.5;

export type Movement = 'up' | 'same' | 'down';

/** Whether a mean score moved up, stayed or moved down from `before` to `after` (MOVEMENT_THRESHOLD). */
export function movementOf(before: number, after: number): Movement {
  const change = after - before;
  if (change >= MOVEMENT_THRESHOLD - 1e-9) return 'up';
  if (change <= -MOVEMENT_THRESHOLD + 1e-9) return 'down';
  return 'same';
}

/** The calendar quarter of a day `YYYY-MM-DD`, as `YYYY-Qn` (2026-05-14 → 2026-Q2). */
export function quarterOfDate(date: string): string {
  const month = Number(date.slice(5, 7));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || month < 1 || month > 12)
    throw new Error(`expected a date as YYYY-MM-DD, found "${date}"`);
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}
