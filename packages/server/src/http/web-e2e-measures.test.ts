/**
 * Nøgletal in Debian's Chromium (through playwright-core) on a generated store with caseworkers,
 * contacts and interventions: the analyst's figures are /api/kpi's in Danish number format, a
 * measure's rule is one click away, the headline table exports to .xlsx, the drill-down goes to the
 * departments and from one to its caseworkers, a refused period is said in Danish; a viewer sees
 * withheld figures as "<5" and no level switch. Every view passes axe-core's WCAG 2.1 A/AA checks.
 * Screenshots go to test-output/screenshots-measures/ and /tmp/noegletal.png (look at them).
 */

import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  formatKr,
  formatNumber,
  formatPercent,
  MEASURES,
  type KpiMeasures,
  type Role,
} from '@jobinvest/core';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import type { CohortCurve, KpiAnswer } from '../monitoring/index.ts';
import { browserTestServer, launchChromium, logIn, ROOT, sessionCookie } from './browser-test-helpers.ts';
import type { RunningServer } from './serve.ts';

const shots = join(ROOT, 'test-output', 'screenshots-measures');
const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let largest = '';
let smallest = '';
let cookie = '';
const consoleErrors: string[] = [];
/** The page's default period: the last whole ISO year of the data (2024-W01 to 2024-W52). */
const YEAR = 'from=202401&to=202452';

beforeAll(async () => {
  browser = await launchChromium();
  let municipalities: number[];
  ({ server, municipalities } = await browserTestServer({
    dir,
    shots,
    population: { persons: 3000, municipalities: 3, fromYear: 2021, toYear: 2024, seed: 11 },
    imports: ['municipalities', 'interventions', 'caseworkers', 'contacts'],
    roles: ['analyst', 'viewer'],
  }));
  largest = String(municipalities[0]).padStart(3, '0');
  smallest = String(municipalities.at(-1)).padStart(3, '0');
  cookie = await sessionCookie(server.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The test's own read of /api/kpi, as `role`. */
async function kpi(query: string, role: Role = 'analyst'): Promise<KpiAnswer> {
  const session = role === 'analyst' ? cookie : await sessionCookie(server.url, role);
  const res = await fetch(`${server.url}/api/kpi?${query}`, { headers: { cookie: session } });
  expect(res.status, query).toBe(200);
  return (await res.json()) as KpiAnswer;
}

/** GET /api/kpi/survival's answer (monitoring/survival.ts), as the page reads it. */
interface SurvivalAnswer {
  from: number;
  to: number;
  cohorts: CohortCurve[];
  suppressed: { threshold: number | null; withheld: number };
}

/** GET /api/kpi/series' answer (monitoring/outlook.ts). */
interface SeriesAnswer {
  months: { year: number; month: number; figures: Record<string, number | null> }[];
  forecast: {
    state: string;
    replications: number;
    months: { year: number; month: number; mean: number; band80: number[]; band95: number[] }[];
  } | null;
}

/** The test's own read of /api/kpi/survival, as `role`. */
async function survival(query: string, role: Role = 'analyst'): Promise<SurvivalAnswer> {
  const session = role === 'analyst' ? cookie : await sessionCookie(server.url, role);
  const res = await fetch(`${server.url}/api/kpi/survival?${query}`, { headers: { cookie: session } });
  expect(res.status, query).toBe(200);
  return (await res.json()) as SurvivalAnswer;
}

/** The survival table's rows as the page must show them, from the API's cohorts. */
function expectedSurvivalRows(answer: SurvivalAnswer): string[][] {
  const threshold = answer.suppressed.threshold;
  return answer.cohorts.map((c) => {
    const withheld = (text: string) => (c.spells === null && threshold !== null ? `<${threshold}` : text);
    const percent = (share: number | null) =>
      share === null ? '–' : `${formatNumber(Number((share * 100).toFixed(1)), 1)} %`;
    return [
      c.cohort.replace(/K(\d)$/, ' K$1'),
      withheld(formatNumber(c.spells ?? 0)),
      withheld(c.medianWeeks === null ? '–' : formatNumber(c.medianWeeks, 1)),
      ...(['13', '26', '52'] as const).map((w) => withheld(percent(c.survivalAt[w]))),
    ];
  });
}

/** The survival section's table, once no answer is on its way. */
async function survivalRows(page: Page, cohort: 'year' | 'quarter'): Promise<string[][]> {
  await page.locator(`[data-survival="${cohort}"][aria-busy="false"]`).waitFor({ timeout: 60_000 });
  return page
    .locator('table[data-table="kpi-survival"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/** Nøgletal for `municipality`, logged in as `role`, once its figures are shown. */
async function open(
  municipality: string,
  role: Role = 'analyst',
  language: 'da' | 'en' = 'da',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('console', (m) => {
    const url = m.location().url;
    // Asking who is logged in before the login answers 401; the refusal the test asks for, 422.
    const expected = url.endsWith('/api/session') || (url.includes('/api/kpi') && m.text().includes('422'));
    if (m.type() === 'error' && !expected) consoleErrors.push(`noegletal: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`noegletal: ${String(e)}`));
  await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${Number(municipality)}')`);
  if (language === 'en') await page.addInitScript(`localStorage.setItem('jobinvest.language', 'en')`);
  await page.goto(`${server.url}/#/noegletal`);
  await logIn(page, role);
  await settled(page, 'municipality');
  return page;
}

/** The figures of `level` shown, and no answer on its way. */
async function settled(page: Page, level: string): Promise<void> {
  await page.locator(`.results[data-kpi-level="${level}"][aria-busy="false"]`).waitFor({ timeout: 60_000 });
}

const cell = (page: Page, id: string) => page.locator(`td[data-measure="${id}"]`).textContent();

/** The headline figures as the page must show them, from the API's measures. */
function expectedCells(m: KpiMeasures): Record<string, string> {
  const weeks = (v: number | null) => `${formatNumber(v!, 1)} uger`;
  return {
    persons: formatNumber(m.persons!),
    fullTimePersons: formatNumber(m.fullTimePersons!, 1),
    shareOfLabourForce: formatPercent(m.shareOfLabourForce!),
    spellsEnded: formatNumber(m.spellsEnded!),
    stockAtEnd: formatNumber(m.stockAtEnd!),
    averageDurationEndedWeeks: weeks(m.averageDurationEndedWeeks),
    activationRate: formatPercent(m.activationRate!),
    pricePerFullTimeActivated: formatKr(m.pricePerFullTimeActivated!),
    conversationsPerPerson: formatNumber(m.conversationsPerPerson!, 1),
    timelyShare: formatPercent(m.timelyShare!),
  };
}

async function shownCells(page: Page, ids: string[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await cell(page, id)])));
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the page's Content-Security-Policy refuses inline script.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
      r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

describe('Nøgletal in Chromium', { timeout: 300_000 }, () => {
  it("shows the analyst /api/kpi's figures for the last whole year, each rule one click away, and exports them", async () => {
    const page = await open(largest);
    const all = await kpi(`municipality=${largest}&benefit=all&${YEAR}`);
    const expected = expectedCells(all.measures!);
    expect(await shownCells(page, Object.keys(expected))).toEqual(expected);
    expect(await page.locator('[data-kpi-level] .lead').textContent()).toMatch(/uge 2024-01 – uge 2024-52/);
    // Status after an ended spell: 3 months on, in work, as a percentage with one decimal.
    const status = page.locator('table[data-table="kpi-status"] tbody tr').nth(1);
    expect(await status.locator('td').nth(1).textContent()).toBe(
      formatPercent(all.measures!.statusAfter['3'].work!),
    );
    // The rule of a measure, on a click on its name.
    const rule = page.locator('p[data-rule="persons"]');
    expect(await rule.isVisible()).toBe(false);
    await page.locator('details:has(p[data-rule="persons"]) summary').click();
    expect(await rule.textContent()).toBe(`${MEASURES.persons.rule.da} Lavere er bedre.`);
    // Another benefit group: the page asks again and shows its figures.
    await page.locator('select[name="benefit"]').selectOption('sygedagpenge');
    const sick = await kpi(`municipality=${largest}&benefit=sygedagpenge&${YEAR}`);
    await expect
      .poll(() => cell(page, 'persons'), { timeout: 60_000 })
      .toBe(formatNumber(sick.measures!.persons!));
    await settled(page, 'municipality');
    expect(await shownCells(page, ['fullTimePersons', 'spellsEnded'])).toEqual({
      fullTimePersons: formatNumber(sick.measures!.fullTimePersons!, 1),
      spellsEnded: formatNumber(sick.measures!.spellsEnded!),
    });
    // The headline measures as one sheet: persons rounded as on the screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-export="kpi-measures"]').click(),
    ]);
    const file = join(dir, 'kpi-measures.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const persons = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === 'Personer');
    expect(persons?.getCell(3).value).toBe(sick.measures!.persons);
    await page.locator('select[name="benefit"]').selectOption('all');
    await settled(page, 'municipality');
    await expect.poll(() => cell(page, 'persons')).toBe(expected.persons);
    await page.screenshot({ path: '/tmp/noegletal.png', fullPage: true });
    await page.screenshot({ path: join(shots, 'noegletal-analyst.png'), fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("drills down from the municipality to its departments, and from one to that department's caseworkers", async () => {
    const page = await open(largest);
    await page.locator('button[data-see-departments]').click();
    await settled(page, 'department');
    const departments = await kpi(`municipality=${largest}&benefit=all&${YEAR}&level=department`);
    expect(departments.rows.length).toBeGreaterThan(1);
    const rows = page.locator('table[data-table="kpi-department"] tbody tr');
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)),
    );
    expect(shown).toEqual(
      departments.rows.map((r) => [
        r.key || '(uden afdeling)',
        formatNumber(r.measures.persons!),
        formatNumber(r.measures.fullTimePersons!, 1),
      ]),
    );
    expect(await page.locator('select[name="level"]').inputValue()).toBe('department');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'noegletal-departments.png'), fullPage: true });
    // A department's caseworkers: only theirs.
    const first = departments.rows[0]!;
    await rows.first().locator('button').click();
    await settled(page, 'caseworker');
    const caseworkers = await kpi(
      `municipality=${largest}&benefit=all&${YEAR}&level=caseworker&department=${encodeURIComponent(first.key)}`,
    );
    const all = await kpi(`municipality=${largest}&benefit=all&${YEAR}&level=caseworker`);
    expect(caseworkers.rows.length).toBeLessThan(all.rows.length);
    expect(await page.locator('h2', { hasText: 'Sagsbehandlere i' }).textContent()).toBe(
      `Sagsbehandlere i ${first.key || '(uden afdeling)'}`,
    );
    const workers = await page
      .locator('table[data-table="kpi-caseworker"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('td')!.textContent, tr.querySelectorAll('td')[1]!.textContent]),
      );
    expect(workers).toEqual(caseworkers.rows.map((r) => [r.key, formatNumber(r.measures.persons!)]));
    await page.screenshot({ path: join(shots, 'noegletal-caseworkers.png'), fullPage: true });
    await page.getByRole('button', { name: 'Tilbage til kommunen' }).click();
    await settled(page, 'municipality');
    await page.close();
  });

  it("shows the survival curves of each year's inflow from /api/kpi/survival, their table, and the quarters of the year", async () => {
    const page = await open(largest);
    // By year: every whole year of the data, 2021 to 2024.
    const years = await survival(`municipality=${largest}&benefit=all&from=202101&to=202452&cohort=year`);
    expect(years.cohorts.map((c) => c.cohort)).toEqual(['2021', '2022', '2023', '2024']);
    expect(await survivalRows(page, 'year')).toEqual(expectedSurvivalRows(years));
    // The 2021 cohort has two years behind it: its share after 52 weeks is a figure, not "–".
    expect(years.cohorts[0]!.survivalAt['52']).toBeGreaterThan(0);
    const section = page.locator('section:has([data-survival])');
    expect(await section.locator('.lead').textContent()).toMatch(/hvert år fra uge 2021-01 til uge 2024-52/);
    // One step line per cohort, named in the legend.
    const chart = section.locator('[data-chart="kpi-survival"]');
    await expect
      .poll(() => chart.locator('text').allTextContents())
      .toEqual(expect.arrayContaining(['2021', '2022', '2023', '2024', 'uger siden forløbets start']));
    // The rule, one click away, with the role's suppression: none for the analyst.
    await section.locator('.definition button').click();
    expect(await section.locator('.definition-text').textContent()).toMatch(
      /^Forløb efter jobindsats’ regel: .* Kaplan-Meier: .* censureret ved datas sidste uge \(uge 2024-52\)\. .* Din rolle ser tallene uden diskretionering/,
    );
    // The table as a sheet: spells started as figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export="kpi-survival"]').click(),
    ]);
    const file = join(dir, 'kpi-survival.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const spells = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === '2022');
    expect(spells?.getCell(2).value).toBe(years.cohorts[1]!.spells);
    // By quarter of the page's year, 2024: four cohorts.
    await section.locator('select[name="survivalCohort"]').selectOption('quarter');
    const quarters = await survival(`municipality=${largest}&benefit=all&${YEAR}&cohort=quarter`);
    expect(quarters.cohorts.map((c) => c.cohort)).toEqual(['2024K1', '2024K2', '2024K3', '2024K4']);
    expect(await survivalRows(page, 'quarter')).toEqual(expectedSurvivalRows(quarters));
    expect(await section.locator('h2').textContent()).toBe('Varighed til afgang efter tilgangskvartal');
    await section.screenshot({ path: join(shots, 'noegletal-survival.png') });
    expect(await violations(page)).toEqual([]);
    // Below the municipality the curves, which are the municipality's, are not shown.
    await page.locator('button[data-see-departments]').click();
    await settled(page, 'department');
    expect(await page.locator('[data-survival]').count()).toBe(0);
    await page.close();
  });

  it("draws full-time persons month by month from /api/kpi/series and the forecast's 12 months with bands after them", async () => {
    // The test's own read, waiting for the forecast's replications.
    let series: SeriesAnswer;
    for (;;) {
      const res = await fetch(`${server.url}/api/kpi/series?municipality=${largest}&benefit=all&wait=bands`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      series = (await res.json()) as SeriesAnswer;
      if (series.forecast?.state !== 'pending') break;
    }
    // 24 whole months, the last December 2024 (the data end in 2024-W52); 12 ahead from January 2025.
    expect(series.months).toHaveLength(24);
    expect(series.months.at(-1)).toMatchObject({ year: 2024, month: 12 });
    expect(series.forecast).toMatchObject({ state: 'ready', replications: 200 });
    expect(series.forecast!.months.map((m) => [m.year, m.month])[0]).toEqual([2025, 1]);
    expect(series.forecast!.months).toHaveLength(12);
    const page = await open(largest);
    const section = page.locator('section:has([data-chart="kpi-series"])');
    await section.locator('[data-series-months="24"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => section.locator('[data-forecast]').count(), { timeout: 120_000 }).toBe(0);
    await section.locator('details summary').click();
    const rows = await section
      .locator('table[data-table="kpi-series"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows).toHaveLength(36);
    const one = (x: number) => formatNumber(Number(x.toFixed(1)), 1);
    expect(rows[23]![2]).toBe(one(series.months[23]!.figures.fullTimePersons!));
    const first = series.forecast!.months[0]!;
    expect(rows[24]!.slice(3)).toEqual([first.mean, ...first.band80, ...first.band95].map(one));
    expect(await section.locator('.lead').textContent()).toBe(
      `Fuldtidspersoner i dec. 2024: ${formatNumber(series.months[23]!.figures.fullTimePersons!, 1)}.`,
    );
    // Another measure: its months, without a forecast.
    await section.locator('select[name="seriesMeasure"]').selectOption('spellsStarted');
    expect(await section.locator('table[data-table="kpi-series"] tbody tr').count()).toBe(24);
    await section.screenshot({ path: join(shots, 'noegletal-series.png') });
    expect(await violations(page)).toEqual([]);
    await page.close();
  }, 600_000);

  it('says in Danish that a period is outside the data, from what the server refused', async () => {
    const page = await open(largest);
    await page.route('**/api/kpi?*', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'from/to: expected weeks inside the data, 202101 to 202330, found 202401 to 202452',
        }),
      }),
    );
    await page.locator('select[name="benefit"]').selectOption('sygedagpenge');
    await expect
      .poll(() => page.locator('[data-kpi-error]').textContent(), { timeout: 30_000 })
      .toBe(
        'Fejl: Perioden uge 2024-01 – uge 2024-52 ligger ikke inden for data, der går fra uge 2021-01 til uge 2023-30: vælg en periode inden for.',
      );
    await page.unroute('**/api/kpi?*');
    // Weeks of one's own: a to week before the from week is said before anything is asked.
    await page.locator('select[name="period"]').selectOption('custom');
    await page.locator('input[name="from"]').fill('202410');
    await page.locator('input[name="to"]').fill('202405');
    expect(await page.locator('[data-kpi-problem]').textContent()).toBe(
      'Fra-ugen uge 2024-10 ligger efter til-ugen uge 2024-05: byt om på dem.',
    );
    await page.locator('input[name="to"]').fill('202420');
    await settled(page, 'municipality');
    const custom = await kpi(`municipality=${largest}&benefit=sygedagpenge&from=202410&to=202420`);
    await expect.poll(() => cell(page, 'persons')).toBe(formatNumber(custom.measures!.persons!));
    await page.close();
  });

  it('shows a viewer withheld figures as "<5", how many at which threshold, and no level switch', async () => {
    const page = await open(smallest, 'viewer');
    const answer = await kpi(`municipality=${smallest}&benefit=all&${YEAR}`, 'viewer');
    expect(answer.suppressed.withheld).toBeGreaterThan(0);
    const note = page.locator('p[data-suppressed]');
    expect(await note.getAttribute('data-suppressed')).toBe(String(answer.suppressed.withheld));
    expect(await note.textContent()).toMatch(
      new RegExp(
        `^${answer.suppressed.withheld} tal hviler på færre end ${answer.suppressed.threshold} personer`,
      ),
    );
    const withheld = Object.entries(expectedIds(answer.measures!)).filter(([, v]) => v === null);
    for (const [id] of withheld) expect(await cell(page, id), id).toBe(`<${answer.suppressed.threshold}`);
    expect(await page.locator('td[data-withheld]').count()).toBeGreaterThan(0);
    expect(await page.locator('select[name="level"]').count()).toBe(0);
    expect(await page.locator('button[data-see-departments]').count()).toBe(0);
    expect(await page.locator('button[data-export]').count()).toBe(0);
    // The survival curves by year: cohorts of few spells withheld as "<5" and not drawn, said how many.
    const years = await survival(`municipality=${smallest}&benefit=all&from=202101&to=202452`, 'viewer');
    expect(years.suppressed).toEqual({
      threshold: answer.suppressed.threshold,
      withheld: years.cohorts.filter((c) => c.spells === null).length,
    });
    expect(years.suppressed.withheld).toBeGreaterThan(0);
    expect(await survivalRows(page, 'year')).toEqual(expectedSurvivalRows(years));
    expect(await page.locator('[data-survival-withheld]').getAttribute('data-survival-withheld')).toBe(
      String(years.suppressed.withheld),
    );
    await page.screenshot({ path: join(shots, 'noegletal-viewer.png'), fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('speaks English throughout when asked, and logged no console error', async () => {
    const page = await open(largest, 'analyst', 'en');
    expect(await page.locator('h1').textContent()).toMatch(/^Key figures: /);
    const text = await page.locator('main').innerText();
    for (const danish of ['uge ', ' og ', ' pr. ', 'Personer', 'Forløb', 'Ydelse', 'Henter', 'Afdeling'])
      expect(text, danish).not.toContain(danish);
    await page.screenshot({ path: join(shots, 'noegletal-en.png'), fullPage: true });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});

/** The headline measures a page's table shows, by id. */
function expectedIds(m: KpiMeasures): Record<string, number | null> {
  const ids = [
    'persons',
    'fullTimePersons',
    'shareOfLabourForce',
    'stockAtStart',
    'spellsStarted',
    'spellsEnded',
    'stockAtEnd',
    'spellsUnsettled',
    'averageDurationEndedWeeks',
    'relapse',
    'activatedPersons',
    'fullTimeActivated',
    'activationRate',
    'pricePerFullTimeActivated',
    'conversationsPerPerson',
    'timelyShare',
    'noShowShare',
    'personsPerCaseworker',
  ] as const;
  return Object.fromEntries(ids.map((id) => [id, m[id]]));
}
