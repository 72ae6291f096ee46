/**
 * The scorecard as the committee's PDF: one A4 page, written here as HTML and printed by the exports
 * room's printer (Debian's Chromium in the worker pool, as the council's case report is). The page
 * says what the Resultater page says, in its words and with its figures (the web app's
 * results-api.ts, the same functions the page shows them with): the five dimensions on level and
 * development against the peers, each marked better or worse with a symbol and a word as well as
 * its colour; the background table of Flere i job; the peers; the data's last week, the sources and
 * rules. Figures withheld from the role show as "<5", as on the screen. Numbers are written the
 * Danish way in both languages (core's format.ts).
 */

import { formatNumber, formatYyyyww, toYyyyww, type Language } from '@jobinvest/core';
import {
  ASSESSMENT_SYMBOL,
  backgroundLines,
  groupName,
  mostApart,
  municipalityName as knownMunicipalityName,
  scorecardCellText,
  scorecardSentences,
} from '@jobinvest/web/results-api';
import { wordsIn } from '@jobinvest/web/words';
import { dataVersion, dataWindow, municipalityName, type Store } from '../data/index.ts';
import { escapeHtml, printHtmlReport } from '../exports/index.ts';
import type { ScorecardAnswer } from './scorecard.ts';

/** What the scorecard's page is made of: the answer of /api/scorecard and what the store says around it. */
export interface ScorecardReport {
  readonly answer: ScorecardAnswer;
  /** The municipality's name as people read it. */
  readonly name: string;
  readonly language: Language;
  /** The data's last week (YYYYWW). */
  readonly dataLast: number;
  readonly dataVersion: number;
  /** When the report was made, as people read it (Danish time). */
  readonly printedAt: string;
}

/**
 * A dimension's name with a place to break it: a column of a fifth of the page is narrower than
 * "Besparelsespotentiale", and Chromium has no Danish hyphenation offline.
 */
const breakable = (name: string) => name.replace('Besparelsespotentiale', 'Besparelses&shy;potentiale');

/** The scorecard as one A4 page of HTML. */
export function scorecardReportHtml(report: ScorecardReport): string {
  const { answer, name, language } = report;
  const words = wordsIn(language);
  const e = escapeHtml;
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const benefit = groupName(answer.benefit, language);
  const title = words('resultsReportTitle', { benefit, municipality: name });
  // The lead's period and peers: the period under the title, the peers as a sentence of their own.
  const sentences = scorecardSentences(answer, name, language);
  const notes = [sentences.cost, sentences.unknown, sentences.withheld].filter((n) => n !== null);
  const rows = [
    { row: 'level' as const, word: words('resultsLevel'), note: words('resultsLevelNote') },
    { row: 'development' as const, word: words('resultsDevelopment'), note: words('resultsDevelopmentNote') },
  ];
  const scorecard = `<table class="scorecard"><thead><tr><td></td>${answer.dimensions
    .map(
      (d) =>
        `<th scope="col"><span class="name">${breakable(e(d.name[language]))}</span><span class="definition">${e(d.level[language])}</span></th>`,
    )
    .join('')}</tr></thead><tbody>${rows
    .map(
      ({ row, word, note }) =>
        `<tr><th scope="row">${e(word)}<span class="definition">${e(note)}</span></th>${answer.dimensions
          .map((d) => {
            const c = answer.scorecard.dimensions[d.id][row];
            const assessment = c.assessment ?? 'unknown';
            const own = scorecardCellText(answer, d.id, row, c.own, true, language);
            const cluster = scorecardCellText(answer, d.id, row, c.cluster, false, language);
            return `<td class="assessment ${assessment}"><span class="mark"><span class="symbol">${ASSESSMENT_SYMBOL[assessment]}</span> ${e(words(`assessment_${assessment}`))}</span><span class="figure">${e(words('resultsOwn'))}: <span class="value">${e(own)}</span></span><span class="figure">${e(words('resultsCluster'))}: <span class="value">${e(cluster)}</span></span>${row === 'development' ? `<span class="definition">${e(d.development[language])}</span>` : ''}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
  const background = `<table class="background"><thead><tr><th scope="col">${e(words('resultsMeasure'))}</th><th scope="col" class="num">${e(name)}</th><th scope="col" class="num">${e(words('resultsCluster'))}</th></tr></thead><tbody>${backgroundLines(
    answer,
    language,
  )
    .map(
      (l) =>
        `<tr${l.measure ? ' class="first"' : ''}><th scope="row">${l.measure ? `<span class="measure">${e(l.measure)}</span>` : ''}<span class="period">${e(l.period)}</span></th><td class="num">${e(l.own)}</td><td class="num">${e(l.cluster)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const withFigures = new Set(answer.peers.withFigures);
  const yesNo = (code: number) => e(withFigures.has(code) ? words('yes') : words('no'));
  const peersTitle =
    answer.peers.kind === 'cluster'
      ? `${words('resultsPeerList')}: ${answer.peers.cluster ?? ''}`
      : words('resultsPeerList');
  const peers =
    answer.peers.kind === 'similar'
      ? `<table class="peers"><thead><tr><th scope="col">${e(words('municipality'))}</th><th scope="col" class="num">${e(words('resultsDistance'))}</th><th scope="col">${e(words('resultsMostApart'))}</th><th scope="col">${e(words('resultsWithFigures'))}</th></tr></thead><tbody>${answer.peers.similar
          .map(
            (s) =>
              `<tr><td>${e(knownMunicipalityName(s.code))}</td><td class="num">${formatNumber(s.distance, 2)}</td><td>${e(mostApart(s.contributions, language))}</td><td>${yesNo(s.code)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<table class="peers"><thead><tr><th scope="col">${e(words('municipality'))}</th><th scope="col">${e(words('resultsWithFigures'))}</th></tr></thead><tbody>${answer.peers.codes
          .map((code) => `<tr><td>${e(knownMunicipalityName(code))}</td><td>${yesNo(code)}</td></tr>`)
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
  @page { size: A4; margin: 12mm 12mm 14mm; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; color: #14213d; margin: 0; }
  h1 { font-size: 15pt; margin: 0 0 2px; } h2 { font-size: 10.5pt; margin: 12px 0 4px; }
  .meta { color: #475569; margin: 0 0 4px; } .lead { margin: 0 0 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 2px 5px; text-align: left; vertical-align: top; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .definition { display: block; font-weight: 400; font-size: 7pt; color: #475569; }
  table.scorecard { table-layout: fixed; border-collapse: separate; border-spacing: 3px; }
  table.scorecard thead td, table.scorecard th[scope='row'] { width: 21mm; }
  table.scorecard th[scope='col'] { vertical-align: bottom; border-bottom: 1.5px solid #cbd5e1; }
  table.scorecard .name { display: block; font-size: 9.5pt; }
  td.assessment { border-radius: 5px; padding: 5px 6px; }
  td.assessment .mark { display: block; font-weight: 700; margin-bottom: 3px; }
  td.assessment .symbol { font-size: 11pt; }
  td.assessment .figure { display: block; font-variant-numeric: tabular-nums; }
  td.assessment .value { white-space: nowrap; }
  td.assessment .definition { color: inherit; opacity: 0.85; margin-top: 3px; }
  td.better { background: #dcfce7; color: #14532d; } td.worse { background: #fee2e2; color: #7f1d1d; }
  td.same { background: #e0e7ff; color: #1e3a8a; } td.unknown { background: #f1f5f9; color: #334155; }
  ul.notes { margin: 4px 0 0; padding-left: 14px; color: #475569; } ul.notes li { margin-bottom: 2px; }
  table.background th, table.background td, table.peers th, table.peers td { border-bottom: 1px solid #e2e8f0; }
  table.background thead th, table.peers thead th { border-bottom: 1.5px solid #cbd5e1; }
  table.background th[scope='row'] { font-weight: 400; }
  table.background .measure { display: block; font-weight: 700; }
  table.background .period { display: block; padding-left: 10px; }
  .sources { margin-top: 12px; color: #475569; font-size: 7.5pt; border-top: 1px solid #cbd5e1; padding-top: 4px; }
  .sources p { margin: 0 0 2px; }
</style></head><body>
<h1>${e(title)}</h1>
<p class="meta">${e(words('resultsReportPeriod', { from: week(answer.period.from), to: week(answer.period.to), beforeFrom: week(answer.yearBefore.from), beforeTo: week(answer.yearBefore.to) }))} · ${e(words('resultsReportDataTo', { week: week(report.dataLast) }))}</p>
<p class="lead">${e(words('resultsReportPeers', { peers: sentences.peers }))}</p>
${scorecard}
<ul class="notes">${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>
<h2>${e(words('resultsBackground'))}</h2>
${background}
<h2>${e(peersTitle)}</h2>
${peers}
<div class="sources"><p>${e(words('resultsReportSources'))}</p><p>${e(words('resultsDistanceDefinition'))}</p><p>${e(words('resultsReportMade', { at: report.printedAt, version: report.dataVersion }))}</p></div>
</body></html>`;
}

/**
 * The scorecard `answer` as the committee's one-page PDF in `language`, printed in the worker pool
 * (`signal`: the request's budget, or its client gone).
 */
export async function scorecardPdf(
  store: Store,
  answer: ScorecardAnswer,
  language: Language,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const [window, version, stored] = await Promise.all([
    dataWindow(store),
    dataVersion(store),
    municipalityName(store, answer.municipality),
  ]);
  const html = scorecardReportHtml({
    answer,
    name: stored ?? knownMunicipalityName(answer.municipality),
    language,
    dataLast: toYyyyww(window.last),
    dataVersion: version,
    // Danish time, as the committee reads it.
    printedAt: new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Copenhagen',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date()),
  });
  return printHtmlReport(html, signal ? { signal } : {});
}
