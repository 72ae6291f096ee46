/**
 * Danish formatting for the screen (1.234,5; 12,3 %; 1.234 kr.; uge 2026-12), the same functions the
 * server's reports use (core's format.ts), plus the API's YYYYWW weeks.
 */

import { formatKr, formatNumber, formatPercent, formatWeeks, formatYyyyww } from '@jobinvest/core';

export { formatKr, formatNumber, formatPercent, formatWeeks, formatYyyyww };

/** Kroner in millions for chart axes: 12345678 → "12,3 mio. kr." */
export function formatMillions(kr: number, decimals = 1): string {
  return `${formatNumber(kr / 1e6, decimals)} mio. kr.`;
}

const DANISH_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant (ISO 8601 with its offset, e.g. "…Z") as Danish time: "2026-12-04 18:50:53". */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : DANISH_TIME.format(at);
}

/** Kroner on a chart's axis and in its tooltip, in the unit its largest amount needs. */
export function krAxis(max: number): { axis: (v: number) => string; tooltip: (v: number) => string } {
  if (max >= 10e6) return { axis: (v) => formatMillions(v, 0), tooltip: (v) => formatMillions(v) };
  if (max >= 1e6) return { axis: (v) => formatMillions(v, 1), tooltip: (v) => formatMillions(v, 2) };
  if (max >= 100e3) {
    const thousands = (v: number) => `${formatNumber(v / 1e3, 0)} t. kr.`;
    return { axis: thousands, tooltip: thousands };
  }
  return { axis: (v) => formatKr(v), tooltip: (v) => formatKr(v) };
}

/**
 * A chart axis's tick with the decimals it needs to be itself: 2, 0,5, 0,25, 0,05. A chart's ticks
 * are multiples of one step, so two ticks never read alike (with one decimal at most, the ticks 0,05
 * and 0,1 of a small group's axis both read "0,1"; with none, 0,5 and 1 both read "1").
 */
export function formatTick(v: number): string {
  let decimals = 0;
  while (decimals < 6 && Math.abs(v - Number(v.toFixed(decimals))) > 1e-9 * Math.max(1, Math.abs(v)))
    decimals++;
  return formatNumber(v, decimals);
}

/** A calendar month as the pages name it: "nov. 2026" / "Nov 2026". */
export function formatMonth(year: number, month: number, language: 'da' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 15)));
}
