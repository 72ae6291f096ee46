/**
 * The investment case as a report for the council: an HTML page rendered here, with the same charts
 * as the web app (@jobinvest/web/case-charts, drawn as SVG by ECharts on the server), the figures, the
 * uncertainty, the assumptions and the data version, printed to PDF by Debian's Chromium.
 */

import { existsSync } from 'node:fs';
import { formatKr, formatNumber, formatPercent, formatWeeks, formatYyyyww } from '@jobinvest/core';
import {
  cumulativeOption,
  DANISH_CASE_LABELS,
  effectOption,
  PALETTE,
  yearsOption,
} from '@jobinvest/web/case-charts';
import * as echarts from 'echarts';
import { chromium } from 'playwright-core';
import type { CaseEvaluation, InvestmentCaseDocument } from '../jobinvest/index.ts';

export const CHROMIUM = '/usr/bin/chromium';

export class ReportError extends Error {
  override readonly name = 'ReportError';
}

/** An ECharts option as an SVG string. */
export function svgChart(option: object, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, color: PALETTE, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A payback week with its years: "189 uger (3 år og 33 uger)". */
function weeks(n: number | null): string {
  if (n === null) return 'ikke inden for horisonten';
  return n < 52 ? formatWeeks(n) : `${n} uger (${formatWeeks(n)})`;
}

const interval = (i: readonly [number, number] | null) =>
  i ? `${formatKr(i[0])} til ${formatKr(i[1])}` : '–';

export function caseReportHtml(doc: InvestmentCaseDocument, r: CaseEvaluation, created: string): string {
  const steps = ['Uden for trappen', 'Uge 1-4', 'Uge 5-26', 'Uge 27-52', 'Uge 53+'];
  const rows = (cells: string[][]) =>
    cells
      .map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th>${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
      .join('');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>${escape(r.name)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #14213d; }
  h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 12pt; margin: 18px 0 6px; }
  .meta { color: #475569; margin-bottom: 10px; }
  .notice { border-left: 4px solid #b45309; background: #fef3c7; padding: 4px 8px; margin: 6px 0; }
  table { border-collapse: collapse; width: 100%; } th, td { padding: 3px 6px; border-bottom: 1px solid #d6dde8; text-align: left; }
  td { text-align: right; font-variant-numeric: tabular-nums; } .figures th { width: 45%; }
  .chart { margin: 4px 0; } ul { padding-left: 16px; } li { margin-bottom: 3px; color: #334155; }
  section { break-inside: avoid; }
</style></head><body>
<h1>${escape(r.name)}</h1>
${r.notices.map((n) => `<p class="notice">${escape(n)}</p>`).join('\n')}
<div class="meta">Kommune ${String(r.municipality).padStart(3, '0')} · målgruppe ${r.targetGroupSize} personer i ${formatYyyyww(r.stockWeek)} · start ${formatYyyyww(r.startWeek)} · ${doc.participants} deltagere · horisont ${doc.horizonWeeks} uger · diskonteringsrente ${formatPercent(doc.discountRate, 1)}<br>
Data version ${r.dataVersion} · satser ${escape(r.ratesVersion)} · dannet ${escape(created)}</div>
<section><h2>Resultat</h2><table class="figures">${rows([
    ['Nutidsværdi (kommunens nettogevinst)', formatKr(r.npv)],
    ['Tilbagebetaling', weeks(r.paybackWeek)],
    ['Tilbagebetaling, diskonteret', weeks(r.discountedPaybackWeek)],
    ['Valgt effekt (hazard ratio mod job)', formatNumber(r.hazardRatio, 3)],
    [
      'Break-even-effekt',
      r.breakEvenEffect === null ? 'ingen op til 20' : formatNumber(r.breakEvenEffect, 3),
    ],
    ['Fuldtidspersoner flyttet i alt', formatNumber(r.fullTimePersonsMoved, 1)],
  ])}</table></section>
<section><h2>Usikkerhed (${r.replications} mikrosimulationer)</h2><table class="figures">${rows([
    [
      'Sandsynlighed for tilbagebetaling',
      r.probabilityOfPayback === null ? '–' : formatPercent(r.probabilityOfPayback, 0),
    ],
    ['Nutidsværdi, 80 %-interval', interval(r.npvInterval80)],
    ['Nutidsværdi, 95 %-interval', interval(r.npvInterval95)],
  ])}</table></section>
<section><h2>Akkumuleret nettogevinst</h2><div class="chart">${svgChart(cumulativeOption(r, DANISH_CASE_LABELS), 680, 260)}</div></section>
<section><h2>Kommunens nettoudgift pr. år</h2><div class="chart">${svgChart(yearsOption(r, DANISH_CASE_LABELS), 680, 240)}</div>
<table><tr><th>År</th><td>Uden indsats</td><td>Med indsats</td><td>Forskel</td><td>80 %-interval for forskellen</td></tr>${r.years
    .map(
      (y) =>
        `<tr><th>${y.year}</th><td>${formatKr(y.without)}</td><td>${formatKr(y.with)}</td><td>${formatKr(y.difference)}</td><td>${interval(y.differenceInterval80)}</td></tr>`,
    )
    .join('')}</table></section>
<section><h2>Break-even-effekt mod valgt effekt</h2><div class="chart">${svgChart(effectOption(r, DANISH_CASE_LABELS), 680, 110)}</div></section>
<section><h2>Refusionstrappen: kommunens nettoudgift pr. trin over horisonten</h2><table><tr><th>Trin</th><td>Uden indsats</td><td>Med indsats</td></tr>${r.staircase
    .map(
      (s) => `<tr><th>${steps[s.step]}</th><td>${formatKr(s.without)}</td><td>${formatKr(s.with)}</td></tr>`,
    )
    .join('')}</table></section>
<section><h2>Forudsætninger</h2><ul>${r.assumptions.map((a) => `<li>${escape(a)}</li>`).join('')}</ul></section>
</body></html>`;
}

/** Print HTML to an A4 PDF with Debian's Chromium, page numbers at the foot. */
export async function printPdf(html: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!existsSync(CHROMIUM))
    throw new ReportError(`PDF reports need Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#475569"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
