/**
 * Danish formatting for the screen (1.234,5; 12,3 %; 1.234 kr.; uge 2026-12), the same functions the
 * server's reports use (core's format.ts), plus the API's YYYYWW weeks.
 */

import { formatKr, formatNumber, formatPercent } from '@jobinvest/core';

export { formatKr, formatNumber, formatPercent };

/** 202612 → "uge 2026-12" */
export function formatYyyyww(yyyyww: number): string {
  return `uge ${Math.floor(yyyyww / 100)}-${String(yyyyww % 100).padStart(2, '0')}`;
}

/** Kroner in millions for chart axes: 12345678 → "12,3 mio. kr." */
export function formatMillions(kr: number, decimals = 1): string {
  return `${formatNumber(kr / 1e6, decimals)} mio. kr.`;
}

/** A number of weeks as years and weeks: 60 → "1 år og 8 uger". */
export function formatWeeks(weeks: number): string {
  const years = Math.floor(weeks / 52);
  const rest = weeks - years * 52;
  if (years === 0) return `${rest} uger`;
  return rest === 0 ? `${years} år` : `${years} år og ${rest} ${rest === 1 ? 'uge' : 'uger'}`;
}
