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
