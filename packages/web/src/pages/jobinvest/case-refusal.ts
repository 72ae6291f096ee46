/**
 * A case the server refused (422 from POST /api/invest or /api/invest/target-group), said in the
 * user's language on the field it names: the server writes "field: what was expected, what was
 * found" in English for every client; the calculator knows its fields and says it in Danish.
 */

import { formatYyyyww, fromYyyyww, toYyyyww, type Language } from '@jobinvest/core';
import type { CaseDocument } from '../../api.ts';
import type { WeekRange } from '../../ui/danish-input.ts';
import { wordsIn } from '../../words.ts';

export interface Refusal {
  /** The form's field the refusal is about (its input's name), or null for the case as a whole. */
  readonly field: string | null;
  readonly message: string;
  /** The start weeks the server takes, as far as its answer says them. */
  readonly startRange?: Partial<WeekRange>;
}

interface Refused {
  readonly message: string;
  readonly details?: readonly Readonly<Record<string, unknown>>[];
}

const number = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * The start weeks the server's answer names: `details` with `field: 'startWeek'` and `min`/`max`
 * (YYYYWW), or the limits its message states ("at most 52 weeks after the last week of data
 * (202552)", "a week after the data start 201601").
 */
function startRangeOf(refused: Refused): Partial<WeekRange> {
  const detail = refused.details?.find((d) => d.field === 'startWeek');
  const range: { first?: number; last?: number } = {};
  const min = number(detail?.min);
  const max = number(detail?.max);
  if (min !== undefined) range.first = min;
  if (max !== undefined) range.last = max;
  // A week in the message that is no week leaves that end unknown.
  const plus = (yyyyww: string, weeks: number) => {
    try {
      return toYyyyww(fromYyyyww(yyyyww) + weeks);
    } catch {
      return undefined;
    }
  };
  const after = /at most (\d+) weeks? after the last week of data \((\d{6})\)/.exec(refused.message);
  if (range.last === undefined && after) {
    const last = plus(after[2]!, Number(after[1]));
    if (last !== undefined) range.last = last;
  }
  const start = /after the data start (\d{6})/.exec(refused.message);
  if (range.first === undefined && start) {
    const first = plus(start[1]!, 1);
    if (first !== undefined) range.first = first;
  }
  return range;
}

/**
 * What the calculator says of `refused`, for `doc` as it was sent, in `language`, naming benefit
 * groups by `name` (the catalogue's).
 */
export function refusalOf(
  refused: Refused,
  doc: CaseDocument,
  language: Language,
  name: (code: string) => string = (code) => code,
): Refusal {
  const words = wordsIn(language);
  // A week the server names that is no week (it should not be) is shown as it came.
  const week = (yyyyww: number) => {
    try {
      return formatYyyyww(yyyyww, language);
    } catch {
      return String(yyyyww);
    }
  };
  // "startWeek: …", "effect.extraPointsInWork: …", "request effect.hazardRatio: …" (400).
  const named = /^(?:request )?([A-Za-z]+(?:\.[A-Za-z]+)*): (.*)$/s.exec(refused.message);
  const field = named?.[1] ?? null;
  const rest = named?.[2] ?? refused.message;
  if (field === 'startWeek') {
    const startRange = startRangeOf(refused);
    if (startRange.first !== undefined || startRange.last !== undefined)
      return {
        field: 'startWeek',
        startRange,
        message: words('startRangeServer', {
          first: startRange.first === undefined ? '…' : week(startRange.first),
          last: startRange.last === undefined ? '…' : week(startRange.last),
        }),
      };
    return { field: 'startWeek', message: words('startRefused', { found: doc.startWeek, message: rest }) };
  }
  if (field === 'participants') {
    const detail = refused.details?.find((d) => d.field === 'participants');
    const persons = number(detail?.max) ?? number(Number(/at most (\d+) participants/.exec(rest)?.[1]));
    const stockWeek = /in (\d{6})/.exec(rest)?.[1];
    if (persons !== undefined && stockWeek)
      return {
        field: 'participants',
        message: words('participantsAboveGroup', {
          persons,
          stockWeek: week(Number(stockWeek)),
          found: doc.participants,
        }),
      };
  }
  if (field === 'effect.extraPointsInWork' || field === 'effect.afterMonths') {
    const extra = doc.effect.extraPointsInWork;
    if (extra)
      return {
        field: field === 'effect.afterMonths' ? 'afterMonths' : 'extraPoints',
        message:
          field === 'effect.afterMonths'
            ? words('numberAtMost', {
                max: Math.floor((doc.horizonWeeks * 12) / 52),
                found: extra.afterMonths,
              })
            : words('pointsNoRatio', { points: extra.points, months: extra.afterMonths }),
      };
  }
  if (field === 'target' && /no person/.test(rest))
    return { field: 'minWeeks', message: words('targetEmpty') };
  if (field === 'target.benefit') {
    const detail = refused.details?.find((d) => d.field === 'target.benefit');
    if (typeof detail?.expected === 'string' && doc.target.benefit)
      return {
        field: 'benefit',
        message: words('benefitEnded', { found: name(doc.target.benefit), expected: name(detail.expected) }),
      };
  }
  return { field: null, message: words('serverRefusedCase', { message: refused.message }) };
}
