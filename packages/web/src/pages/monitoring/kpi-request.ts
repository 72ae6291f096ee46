/**
 * What the Nøgletal page asks GET /api/kpi, and what it says when it cannot ask or is refused: the
 * groups the route answers for, the periods a person can choose (whole ISO years inside the data, or
 * weeks of their own), the request's path, and a refusal in the person's words.
 */

import {
  MEASURE_BENEFITS,
  fromYyyyww,
  weeksInIsoYear,
  yearWeekOf,
  type JobindsatsAgeGroup,
  type KpiMeasures,
  type SpellDurationBand,
} from '@jobinvest/core';
import { ApiError } from '../../api.ts';
import { formatYyyyww } from '../../format.ts';
import type { Language } from '../../i18n.tsx';
import type { WeekRange } from '../../ui/danish-input.ts';
import { wordsIn } from '../../words.ts';

/** The groups /api/kpi answers for (core's MEASURE_BENEFITS, which the server keeps to). */
export const KPI_BENEFITS = MEASURE_BENEFITS;

/** The longest period /api/kpi answers (the server's MAX_PERIOD_WEEKS): ten years of weeks. */
export const MAX_PERIOD_WEEKS = 530;

export type KpiLevel = 'municipality' | 'department' | 'caseworker';

/** A unit's measures below the municipality. */
export interface KpiRow {
  level: KpiLevel;
  key: string;
  measures: KpiMeasures;
}

/** GET /api/kpi's answer (the server's monitoring/kpi.ts). */
export interface KpiAnswer {
  rule: { id: string; da: string; en: string };
  municipality: number;
  benefit: string;
  from: number;
  to: number;
  level: KpiLevel;
  /** Absent from a server without the department filter. */
  department?: string | null;
  targetGroup: { ageGroup: string | null; origin: string | null; durationBand: string | null };
  measures: KpiMeasures | null;
  rows: KpiRow[];
  dataLast: number;
  /** threshold null: the role sees figures as they are. */
  suppressed: { threshold: number | null; withheld: number };
}

/** A period of weeks, YYYYWW, both included. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** ISO year `year`'s weeks: W01 to W52 or W53. */
export function yearPeriod(year: number): Period {
  return { from: year * 100 + 1, to: year * 100 + weeksInIsoYear(year) };
}

/** The ISO years whose every week is inside the data `window`, oldest first. */
export function fullYears(window: WeekRange): number[] {
  const first = yearWeekOf(fromYyyyww(window.first)).year;
  const last = yearWeekOf(fromYyyyww(window.last)).year;
  const years: number[] = [];
  for (let year = first; year <= last; year++) {
    const period = yearPeriod(year);
    if (period.from >= window.first && period.to <= window.last) years.push(year);
  }
  return years;
}

/** Why `period` cannot be asked for on data `window`, in `language`; null when it can. */
export function periodProblem(period: Period, window: WeekRange, language: Language): string | null {
  const words = wordsIn(language);
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  if (period.from > period.to)
    return words('kpiFromAfterTo', { from: week(period.from), to: week(period.to) });
  if (period.from < window.first || period.to > window.last)
    return words('kpiOutsideData', {
      from: week(period.from),
      to: week(period.to),
      first: week(window.first),
      last: week(window.last),
    });
  const weeks = fromYyyyww(period.to) - fromYyyyww(period.from) + 1;
  if (weeks > MAX_PERIOD_WEEKS) return words('kpiTooLong', { weeks, max: MAX_PERIOD_WEEKS });
  return null;
}

export interface KpiChoice {
  readonly municipality: number;
  readonly benefit: string;
  readonly period: Period;
  readonly level: KpiLevel;
  /** The department whose caseworkers to show ('' for the assignments without one). */
  readonly department: string | null;
  readonly ageGroup: JobindsatsAgeGroup | null;
  readonly durationBand: SpellDurationBand | null;
}

/** The path of GET /api/kpi for `choice`. */
export function kpiPath(choice: KpiChoice): string {
  const params = new URLSearchParams({
    municipality: String(choice.municipality).padStart(3, '0'),
    benefit: choice.benefit,
    from: String(choice.period.from),
    to: String(choice.period.to),
    level: choice.level,
  });
  if (choice.department !== null && choice.level !== 'municipality')
    params.set('department', choice.department);
  if (choice.ageGroup) params.set('ageGroup', choice.ageGroup);
  if (choice.durationBand) params.set('durationBand', choice.durationBand);
  return `/api/kpi?${params.toString()}`;
}

/**
 * A refusal of /api/kpi in the person's words. The server writes its 422s in English for any
 * language (`from/to: expected weeks inside the data, 201601 to 202649, found …`): the ones a person
 * can meet here are said again in their language from what was asked and the data's window; any
 * other keeps the server's words inside a sentence of the person's language.
 */
export function refusalText(error: unknown, asked: Period, window: WeekRange, language: Language): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ApiError && error.status === 422) {
    const known = periodProblem(asked, window, language);
    if (known) return known;
    const inside = /^from\/to: expected weeks inside the data, (\d{6}) to (\d{6})/.exec(error.message);
    if (inside)
      // The data changed since the page read its window (an import): say the server's window.
      return (
        periodProblem(asked, { first: Number(inside[1]), last: Number(inside[2]) }, language) ??
        wordsIn(language)('kpiRefused', { message: error.message })
      );
    return wordsIn(language)('kpiRefused', { message: error.message });
  }
  return error.message;
}
