/**
 * The budget as the committee's PDF: A4 pages written here as HTML in the Budget page's words (the
 * web app's words.ts, `bud…`) and printed by the exports room's printer (Chromium in the worker
 * pool). The price level and the notices at the top; the summary over the groups with
 * beskæftigelsestilskud and budgetgaranti on their own lines; without and with the chosen cases;
 * one table per benefit group; the assumptions. Numbers the Danish way in both languages.
 */

import { benefitOf, formatNumber, isBenefitCode, type BudgetAmounts, type Language } from '@jobinvest/core';
import { wordsIn } from '@jobinvest/web/words';
import { escapeHtml, printHtmlReport } from '../exports/index.ts';
import type { BudgetAnswer } from './budget.ts';

const kr = (v: number | null) => (v === null ? '–' : formatNumber(Math.round(v)));
const persons = (v: number | null) => (v === null ? '–' : formatNumber(v, 1));

/** The budget as HTML pages. `printedAt`: when, as the committee reads it. */
export function budgetReportHtml(b: BudgetAnswer, language: Language, printedAt: string): string {
  const words = wordsIn(language);
  const e = escapeHtml;
  const group = (s: string) =>
    isBenefitCode(s) ? (language === 'da' ? benefitOf(s).nameDa : benefitOf(s).nameEn) : s;
  const head = `<tr><th>${e(words('budLine'))}</th>${b.years.map((y) => `<th class="num">${y}</th>`).join('')}</tr>`;
  const row = (
    label: string,
    figures: readonly (number | null)[],
    format: (v: number | null) => string,
    total = false,
  ) =>
    `<tr${total ? ' class="total"' : ''}><th>${e(label)}</th>${figures.map((f) => `<td class="num">${format(f)}</td>`).join('')}</tr>`;
  /** The income support's rows: gross, refusion, co-financing, net. */
  const incomeRows = (amounts: readonly BudgetAmounts[]) =>
    (
      [
        ['budGross', 'gross'],
        ['budRefusion', 'refusion'],
        ['budCofinancing', 'cofinancing'],
        ['budSupportNet', 'net'],
      ] as const
    ).map(([label, key]) =>
      row(
        words(label),
        amounts.map((a) => a[key]),
        kr,
      ),
    );
  const table = (rows: string[]) => `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  const summary =
    b.summary.length === 0
      ? ''
      : `<h2>${e(words('budSummary'))}</h2>${table([
          row(
            words('budFullTime'),
            b.summary.map((y) => y.fullTimePersons.adopted),
            persons,
          ),
          ...incomeRows(b.summary.map((y) => y.incomeSupport.adopted)),
          row(
            words('budActivities'),
            b.summary.map((y) => y.activitiesKr.adopted),
            kr,
          ),
          row(
            words('budAdministration'),
            b.summary.map((y) => y.administrationKr.adopted),
            kr,
          ),
          row(
            words('budNet'),
            b.summary.map((y) => y.net.adopted),
            kr,
            true,
          ),
          ...b.separate.flatMap((s) => [
            row(
              `${s.label}: ${words('budSepCovered')}`,
              s.years.map((y) => y.covered.adopted),
              kr,
            ),
            row(
              `${s.label}: ${words('budSepGrant')}`,
              s.years.map((y) => y.grant.adopted),
              kr,
            ),
            `<tr class="separate"><th>${e(`${s.label}: ${words('budSepBalance')}`)}</th>${s.years
              .map(
                (y) =>
                  `<td class="num">${kr(y.balance)}${
                    y.balanceBand80
                      ? `<br><small>${e(words('budSepBand', { from: kr(y.balanceBand80[0]), to: kr(y.balanceBand80[1]) }))}</small>`
                      : ''
                  }</td>`,
              )
              .join('')}</tr>`,
            `<tr class="separate"><td colspan="${b.years.length + 1}">${e(`${s.basis} ${s.uncertainty}`)}</td></tr>`,
          ]),
        ])}`;
  const cases =
    b.cases.length === 0 || b.withCases.length === 0
      ? ''
      : `<h2>${e(words('budWithout'))}</h2>${table([
          row(
            words('budWithoutNet'),
            b.withCases.map((y) => y.without.net),
            kr,
          ),
          ...b.cases.map((c) =>
            row(
              `${words('budCase')}: ${c.name}`,
              c.years.map((y) => y.net),
              kr,
            ),
          ),
          row(
            words('budWithNet'),
            b.withCases.map((y) => y.with.net),
            kr,
            true,
          ),
        ])}`;
  const groups = b.groups
    .map(
      (g) =>
        `<section class="group"><h2>${e(group(g.benefit))}</h2>${table([
          row(
            words('budFullTime'),
            g.years.map((y) => y.fullTimePersons.adopted),
            persons,
          ),
          ...incomeRows(g.years.map((y) => y.incomeSupport.adopted)),
          row(
            words('budActivities'),
            g.years.map((y) => y.activitiesKr.adopted),
            kr,
          ),
          row(
            words('budCaseworkers'),
            g.years.map((y) => y.administration.caseworkers.adopted),
            persons,
          ),
          row(
            words('budAdministration'),
            g.years.map((y) => y.administration.kr.adopted),
            kr,
          ),
          row(
            words('budNet'),
            g.years.map((y) => y.net.adopted),
            kr,
            true,
          ),
        ])}</section>`,
    )
    .join('');
  const title = `${words('budTitle')}: ${b.municipality}, ${b.budgetYear}-${b.years.at(-1)}`;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${e(title)}</title><style>
@page { size: A4; margin: 16mm 14mm; }
body { font: 9.5pt/1.35 "DejaVu Sans", sans-serif; color: #111; }
h1 { font-size: 15pt; margin: 0 0 4pt; } h2 { font-size: 11pt; margin: 12pt 0 4pt; }
p { margin: 2pt 0; } .price { font-weight: bold; } .notice { color: #92400e; font-weight: bold; }
table { border-collapse: collapse; width: 100%; } th, td { padding: 2pt 4pt; border-bottom: 0.5pt solid #ccc; }
th { text-align: left; font-weight: normal; } thead th { font-weight: bold; border-bottom: 1pt solid #333; }
.num { text-align: right; white-space: nowrap; } .total th, .total td { font-weight: bold; border-top: 1pt solid #333; }
.separate th, .separate td { font-style: italic; } section.group { break-inside: avoid; }
.small { font-size: 8pt; color: #444; } ul { padding-left: 14pt; }
</style></head><body>
<h1>${e(title)}</h1>
<p class="price">${e(words('budPriceLevel', { year: b.priceLevel.year }))}</p>
<p>${e(b.priceLevel.note)}</p>
${b.notices.map((n) => `<p class="notice">${e(n)}</p>`).join('')}
<p class="small">${e(`${printedAt}; data version ${b.dataVersion}; ${b.ratesVersion}`)}</p>
${summary}${cases}${groups}
<h2>${e(words('budAssumptions'))}</h2><ul class="small">${b.assumptions.map((a) => `<li>${e(a)}</li>`).join('')}</ul>
</body></html>`;
}

/** The budget as the committee's PDF. */
export function budgetReport(
  b: BudgetAnswer,
  language: Language,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const printedAt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Copenhagen',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date());
  return printHtmlReport(budgetReportHtml(b, language, printedAt), signal ? { signal } : {});
}
