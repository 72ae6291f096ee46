/**
 * Figures a role with suppression did not get (diskretionering): the server sends `null` and a
 * `suppressed` marker; the app, its tables and the workbooks show "<5" (the threshold in force).
 * A total of which some parts are withheld shows "≥" the sum of the parts shown: the true total
 * would, with the shown parts, give a withheld one away.
 */

import type { Suppressed } from '../api.ts';
import { formatNumber } from '../format.ts';

/** "<5" for a withheld figure. */
export function withheldText(suppressed: Suppressed): string {
  return `<${suppressed.threshold}`;
}

/** A figure as a table shows it: withheld ones (null in suppressed data) as "<5". */
export function shownFigure(
  value: number | null | undefined,
  suppressed: Suppressed | undefined,
): number | string | null {
  if (value === null && suppressed) return withheldText(suppressed);
  return value ?? null;
}

/** The sum of `values` (absent ones count 0); "≥ sum" when some are withheld (null). */
export function shownTotal(values: readonly (number | null | undefined)[], decimals = 0): number | string {
  const sum = values.reduce<number>((a, v) => a + (v ?? 0), 0);
  return values.some((v) => v === null) ? `≥ ${formatNumber(sum, decimals)}` : sum;
}

/** A chart tooltip's number: "<5" for a withheld one. */
export function tooltipFigure(suppressed: Suppressed | undefined, decimals = 0) {
  return (v: number | null | undefined) =>
    v === null || v === undefined ? (suppressed ? withheldText(suppressed) : '–') : formatNumber(v, decimals);
}
