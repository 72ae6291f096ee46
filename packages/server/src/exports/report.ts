/**
 * The investment case as a report for the council: an HTML page rendered here, with the same charts
 * as the web app (@jobinvest/web/case-charts, drawn as SVG by ECharts on the server), the figures the
 * screen shows (the case is evaluated with the screen's replications and seed, so the probability
 * and the intervals are the screen's), every input of the case in words, the uncertainty, the
 * assumptions and the data version, printed to PDF by Debian's Chromium.
 */

import { existsSync } from 'node:fs';
import {
  formatKr,
  formatNumber,
  formatPercent,
  formatWeeks,
  formatYyyyww,
  rateTableName,
  stateNameInSentence,
  targetGroupName,
} from '@jobinvest/core';
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

/** Text as HTML: the five characters that could open a tag or end an attribute, escaped. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A payback week with its years: "189 uger (3 år og 33 uger)". */
function weeks(n: number | null): string {
  if (n === null) return 'ikke inden for horisonten';
  return n < 52 ? formatWeeks(n) : `${n} uger (${formatWeeks(n)})`;
}

const interval = (i: readonly [number, number] | null) =>
  i ? `${formatKr(i[0])} til ${formatKr(i[1])}` : '–';

/** A number as the case gave it: whole numbers without decimals, others with up to three. */
const given = (x: number) => formatNumber(x, Number.isInteger(x) ? 0 : Number.isInteger(x * 10) ? 1 : 3);

/** What the council's report is made of: the case, its result, and what the store says around them. */
export interface CaseReport {
  readonly doc: InvestmentCaseDocument;
  /** The case evaluated exactly as the screen asks for it (the same replications and seed). */
  readonly result: CaseEvaluation;
  /** The municipality's name from the store, or `null` when the store has none. */
  readonly municipalityName: string | null;
  /** The weeks of data the model was estimated on (YYYYWW). */
  readonly dataWindow: { readonly first: number; readonly last: number };
  /** When the report was printed, as people read it. */
  readonly printedAt: string;
  /**
   * Lines that must be seen before the figures (the rates a result rests on, synthetic data): each
   * shown as a line of its own under the title.
   */
  readonly notices?: readonly string[];
}

/** Every input of the case, in the words of the report: what the council needs to judge the figures. */
export function caseInputs(report: CaseReport): [string, string][] {
  const { doc, result: r } = report;
  const code = String(r.municipality).padStart(3, '0');
  const e = doc.effect;
  const perParticipant = doc.cost.perParticipant ?? 0;
  const perWeek = doc.cost.perWeek ?? 0;
  const costWeeks = doc.cost.weeks ?? 0;
  const total = doc.participants * (perParticipant + perWeek * costWeeks);
  const to = (e.to ?? ['job']).map((s) => stateNameInSentence(s, 'da')).join(', ');
  const effect = e.extraPointsInWork
    ? `${given(e.extraPointsInWork.points)} procentpoint flere i beskæftigelse efter ${given(e.extraPointsInWork.afterMonths)} måneder (omregnet til hazard ratio ${formatNumber(r.hazardRatio, 3)})`
    : `hazard ratio ${formatNumber(r.hazardRatio, 3)}`;
  const own = Object.entries(doc.ownCostPerYear ?? {});
  const { first, last } = report.dataWindow;
  return [
    ['Kommune', report.municipalityName ? `${report.municipalityName} (${code})` : `kommunekode ${code}`],
    ['Målgruppe', targetGroupName(doc.target, 'da')],
    ['Personer i målgruppen', `${formatNumber(r.targetGroupSize)} i ${formatYyyyww(r.stockWeek)}`],
    ['Deltagere', formatNumber(doc.participants)],
    ['Start', formatYyyyww(r.startWeek)],
    ['Udgift pr. deltager', formatKr(perParticipant)],
    [
      'Løbende udgift',
      perWeek > 0 && costWeeks > 0
        ? `${formatKr(perWeek)} pr. deltager pr. uge i ${costWeeks === 1 ? '1 uge' : `${costWeeks} uger`}`
        : 'ingen',
    ],
    ['Udgift til indsatsen i alt', formatKr(total)],
    ['Effekt', `${effect}, på overgange til ${to}`],
    [
      'Indlåsning',
      e.lockIn && e.lockIn.weeks > 0
        ? `de første ${e.lockIn.weeks === 1 ? 'uge' : `${e.lockIn.weeks} uger`} med hazard ratio ${formatNumber(e.lockIn.hazardRatio, 3)}`
        : 'ingen',
    ],
    [
      'Indfasning',
      (e.phaseInWeeks ?? 0) > 0 ? `${e.phaseInWeeks} uger til fuld effekt` : 'ingen: fuld effekt fra start',
    ],
    [
      'Halveringstid for effekten',
      e.halfLifeWeeks ? `${given(e.halfLifeWeeks)} uger` : 'ingen: effekten er varig',
    ],
    [
      'Tilbagefald fra job',
      `hazard ratio ${formatNumber(e.relapseHazardRatio ?? 1, 3)}${(e.relapseHazardRatio ?? 1) === 1 ? ' (uændret)' : ''}`,
    ],
    ['Horisont', `${doc.horizonWeeks} uger (${formatWeeks(doc.horizonWeeks)})`],
    ['Diskonteringsrente', `${formatPercent(doc.discountRate, 1)} om året`],
    ...own.map(([state, kr]): [string, string] => [
      `Kommunens egen udgift, ${stateNameInSentence(state, 'da')}`,
      `${formatKr(kr)} pr. fuldtidsperson pr. år`,
    ]),
    ['Mikrosimulationer', `${formatNumber(r.replications)} (startværdi ${doc.seed ?? 1})`],
    ['Satstabel', rateTableName(r.ratesVersion, 'da')],
    [
      'Prisår',
      'hvert års beløb i det års priser; år, som tabellen ikke har en sats for, står under forudsætningerne',
    ],
    ['Data', `${formatYyyyww(first)} – ${formatYyyyww(last)}`],
    ['Data version', String(r.dataVersion)],
  ];
}

export function caseReportHtml(report: CaseReport): string {
  const { doc, result: r } = report;
  const steps = ['Uden for trappen', 'Uge 1-4', 'Uge 5-26', 'Uge 27-52', 'Uge 53+'];
  const rows = (cells: string[][]) =>
    cells
      .map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th>${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
      .join('');
  const inputs = caseInputs(report);
  // The municipality as the inputs name it: by name, or by its code where the store has no name.
  const municipality = inputs[0]![1];
  // The result's own notices (the rates it rests on) first, then any the caller adds.
  const notices = [...r.notices, ...(report.notices ?? [])];
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(r.name)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #14213d; }
  h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 12pt; margin: 18px 0 6px; }
  .meta { color: #475569; margin-bottom: 10px; }
  .notice { border-left: 4px solid #b45309; background: #fef3c7; padding: 4px 8px; margin: 6px 0; }
  table { border-collapse: collapse; width: 100%; } th, td { padding: 3px 6px; border-bottom: 1px solid #d6dde8; text-align: left; }
  td { text-align: right; font-variant-numeric: tabular-nums; } .figures th { width: 45%; }
  .inputs th { width: 32%; } .inputs td { text-align: left; }
  .chart { margin: 4px 0; } ul { padding-left: 16px; } li { margin-bottom: 3px; color: #334155; }
  section { break-inside: avoid; }
</style></head><body>
<h1>${escapeHtml(r.name)}</h1>
${notices.map((n) => `<p class="notice">${escapeHtml(n)}</p>`).join('\n')}
<div class="meta">${escapeHtml(municipality)} · ${escapeHtml(targetGroupName(doc.target, 'da'))} · start ${formatYyyyww(r.startWeek)} · ${formatNumber(doc.participants)} deltagere · dannet ${escapeHtml(report.printedAt)}</div>
<section><h2>Resultat</h2><table class="figures">${rows([
    ['Nutidsværdi (kommunens nettogevinst)', formatKr(r.npv)],
    ['Tilbagebetaling', weeks(r.paybackWeek)],
    ['Tilbagebetaling, diskonteret', weeks(r.discountedPaybackWeek)],
    [
      'Break-even-effekt (hazard ratio)',
      r.breakEvenEffect === null ? 'ingen op til 20' : formatNumber(r.breakEvenEffect, 3),
    ],
    [
      'Sandsynlighed for tilbagebetaling',
      r.probabilityOfPayback === null ? '–' : formatPercent(r.probabilityOfPayback, 0),
    ],
    ['Fuldtidspersoner flyttet i alt', formatNumber(r.fullTimePersonsMoved, 1)],
  ])}</table>
<p>${formatNumber(r.targetGroupSize)} personer i målgruppen i ${formatYyyyww(r.stockWeek)}; start ${formatYyyyww(r.startWeek)}; ${formatNumber(doc.participants)} deltagere.</p></section>
<section><h2>Usikkerhed (${formatNumber(r.replications)} mikrosimulationer)</h2><table class="figures">${rows(
    [
      ['Nutidsværdi, 80 %-interval', interval(r.npvInterval80)],
      ['Nutidsværdi, 95 %-interval', interval(r.npvInterval95)],
    ],
  )}</table></section>
<section><h2>Indsatsen og forudsætningerne for beregningen</h2><table class="inputs">${rows(
    inputs.map(([label, value]) => [escapeHtml(label), escapeHtml(value)]),
  )}</table></section>
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
<section><h2>Forudsætninger</h2><ul>${r.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul></section>
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
