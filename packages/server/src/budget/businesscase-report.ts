/**
 * The business case as the committee's PDF: written here as HTML and printed by the exports room's
 * printer (Debian's Chromium in the worker pool). It says what the page says, in its words
 * (the web app's businesscase-text.ts): the case's name, before and after line by line per citizen
 * per month (gross, refusion rate, refusion, municipal net) with their totals, the saving per month
 * and per year, the payback and the citizens that pay the one-off cost back within 12 months, each
 * line's rate with its source and status, and the date whose refusion rules were applied.
 */

import type { BusinessCaseLine, Language } from '@jobinvest/core';
import {
  citizensIn12Text,
  dateText,
  formatAmount,
  formatShare,
  paybackText,
  rateSourceText,
  rulesText,
} from '@jobinvest/web/businesscase-text';
import { wordsIn } from '@jobinvest/web/words';
import { escapeHtml, printHtmlReport } from '../exports/index.ts';
import type { BusinessCaseAnswer } from './businesscase.ts';

/** The business case as one A4 page of HTML; `printedAt` as people read it (Danish time). */
export function businessCaseReportHtml(
  answer: BusinessCaseAnswer,
  language: Language,
  printedAt: string,
): string {
  const { input, result } = answer;
  const words = wordsIn(language);
  const e = escapeHtml;
  const title = words('bcReportTitle', { name: input.name });
  const lineRows = (lines: readonly BusinessCaseLine[]) =>
    lines
      .map(
        (l) =>
          `<tr><th scope="row">${e(l.label)}</th><td class="num">${e(formatAmount(l.gross))}</td><td class="num">${e(formatShare(l.refusionRate))}</td><td class="num">${e(formatAmount(l.refusion))}</td><td class="num">${e(formatAmount(l.net))}</td></tr>`,
      )
      .join('');
  const section = (heading: string, lines: readonly BusinessCaseLine[], total: typeof result.before) =>
    `<tbody><tr class="section"><th scope="rowgroup" colspan="5">${e(heading)}</th></tr>${lineRows(lines)}<tr class="total"><th scope="row">${e(words('bcTotal'))}</th><td class="num">${e(formatAmount(total.gross))}</td><td></td><td class="num">${e(formatAmount(total.refusion))}</td><td class="num">${e(formatAmount(total.net))}</td></tr></tbody>`;
  const table = `<table class="lines"><thead><tr><th scope="col">${e(words('bcLabel'))}</th><th scope="col" class="num">${e(words('bcGross'))}</th><th scope="col" class="num">${e(words('bcRefusionRate'))}</th><th scope="col" class="num">${e(words('bcRefusion'))}</th><th scope="col" class="num">${e(words('bcNet'))}</th></tr></thead>${section(words('bcBefore'), result.lines.before, result.before)}${section(words('bcAfter'), result.lines.after, result.after)}</table>`;
  const summary = [
    [words('bcSavingPerMonth'), formatAmount(result.savingPerMonth)],
    [words('bcSavingPerYear'), formatAmount(result.savingPerYear)],
    [words('bcOneOffCost'), formatAmount(input.oneOffCost)],
    [words('bcPayback'), paybackText(result, input.citizens, language)],
    [words('bcCitizensIn12'), citizensIn12Text(result)],
  ];
  const rates = [...result.lines.before, ...result.lines.after].map(
    (l) =>
      `<li><b>${e(l.label)}</b>: ${e(formatShare(l.refusionRate))} · ${e(rateSourceText(l, language))}</li>`,
  );
  const rules = rulesText(result, language);
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
  @page { size: A4; margin: 15mm 15mm 16mm; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #14213d; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 4px; } h2 { font-size: 11pt; margin: 14px 0 4px; }
  .meta { color: #475569; margin: 0 0 10px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 3px 6px; text-align: left; vertical-align: top; border-bottom: 1px solid #e2e8f0; }
  thead th { border-bottom: 1.5px solid #94a3b8; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tbody th[scope='row'] { font-weight: 400; padding-left: 14px; }
  tr.section th { background: #f1f5f9; font-weight: 700; }
  tr.total th, tr.total td { font-weight: 700; border-bottom: 1.5px solid #94a3b8; }
  tr.total th[scope='row'] { font-weight: 700; }
  table.summary { width: auto; min-width: 60%; }
  table.summary th { font-weight: 400; padding-right: 24px; }
  table.summary td { font-weight: 700; }
  ul.rates { margin: 4px 0 0; padding-left: 16px; } ul.rates li { margin-bottom: 3px; }
  .sources { margin-top: 14px; color: #475569; font-size: 8pt; border-top: 1px solid #cbd5e1; padding-top: 4px; }
  .sources p { margin: 0 0 3px; }
</style></head><body>
<h1>${e(title)}</h1>
<p class="meta">${e(words('bcReportPerCitizen', { citizens: input.citizens }))} ${e(dateText(answer.date, result.asOfWeek, language))}.</p>
${table}
<h2>${e(words('bcSummary'))}</h2>
<table class="summary"><tbody>${summary.map(([k, v]) => `<tr><th scope="row">${e(k!)}</th><td class="num">${e(v!)}</td></tr>`).join('')}</tbody></table>
<h2>${e(words('bcRates'))}</h2>
<ul class="rates">${rates.join('')}</ul>
<div class="sources">${rules ? `<p>${e(rules)}</p>` : ''}<p>${e(words('bcReportMade', { at: printedAt }))}</p></div>
</body></html>`;
}

/** The business case as the committee's PDF in `language`, printed in the worker pool (`signal`: the request's budget). */
export function businessCasePdf(
  answer: BusinessCaseAnswer,
  language: Language,
  now: Date,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const printedAt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(now);
  return printHtmlReport(businessCaseReportHtml(answer, language, printedAt), signal ? { signal } : {});
}
