/**
 * Danish number formatting for people (1.234,5; 12,3 %; 1.234 kr.; uge 2026-12), in English text too:
 * the product writes numbers the Danish way everywhere. Only the words of a duration follow the
 * language. Machine outputs (JSON) carry plain numbers and never go through here.
 */

import type { Language } from './language.ts';
import { fromYyyyww, yearWeekOf } from './weeks.ts';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.NumberFormat('da-DK', options)));
  return format;
}

/** 1234.5 → "1.234,5" with `decimals` decimals. */
export function formatNumber(x: number, decimals = 0): string {
  return numberFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);
}

/** A share as a percentage: 0.123 → "12,3 %". */
export function formatPercent(share: number, decimals = 1): string {
  return `${formatNumber(share * 100, decimals)} %`;
}

/** Kroner: 1234.4 → "1.234 kr." */
export function formatKr(kr: number, decimals = 0): string {
  return `${formatNumber(kr, decimals)} kr.`;
}

/** A week index as "uge 2026-12" ("week 2026-12" in English). */
export function formatWeek(weekIndex: number, language: Language = 'da'): string {
  const { year, week } = yearWeekOf(weekIndex);
  return `${language === 'da' ? 'uge' : 'week'} ${year}-${String(week).padStart(2, '0')}`;
}

/** A week as YYYYWW (the API's form) as "uge 2026-12" ("week 2026-12" in English). */
export function formatYyyyww(yyyyww: number, language: Language = 'da'): string {
  return formatWeek(fromYyyyww(yyyyww), language);
}

const DURATION_WORDS = {
  da: { week: ['uge', 'uger'], year: ['år', 'år'], and: 'og' },
  en: { week: ['week', 'weeks'], year: ['year', 'years'], and: 'and' },
} as const;

/**
 * A number of weeks as years (of 52 weeks) and weeks: 60 → "1 år og 8 uger", in English "1 year and
 * 8 weeks". The words follow the language; the numbers are written the same in both.
 */
export function formatWeeks(weeks: number, language: Language = 'da'): string {
  const words = DURATION_WORDS[language];
  const count = (n: number, [one, many]: readonly [string, string]) => `${n} ${n === 1 ? one : many}`;
  const years = Math.floor(weeks / 52);
  const rest = weeks - years * 52;
  if (years === 0) return count(rest, words.week);
  return rest === 0
    ? count(years, words.year)
    : `${count(years, words.year)} ${words.and} ${count(rest, words.week)}`;
}

/**
 * Years as a sentence lists them: runs of consecutive years as ranges, the last joined with "og"
 * ("and" in English): [2024, 2025, 2026, 2028] → "2024-2026 og 2028".
 */
export function formatYearList(years: readonly number[], language: Language = 'da'): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  if (runs.length <= 1) return runs.join('');
  return `${runs.slice(0, -1).join(', ')} ${DURATION_WORDS[language].and} ${runs.at(-1)}`;
}
