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
