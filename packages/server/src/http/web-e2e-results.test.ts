/**
 * Resultater, Mål and Sammenligning in Debian's Chromium (through playwright-core) on a generated
 * store with the synthetic jobindsats extract and framework conditions of all 98 municipalities:
 * the scorecard's five dimensions show /api/scorecard's assessments and figures in Danish format,
 * the weights take Danish decimals, the background table exports, the scorecard prints on one A4
 * page; a manager adds a goal typed the Danish way and sees it listed, a viewer sees no form; the
 * comparison says the server's refusal and draws a (mocked) benchmark. Every view passes axe-core's
 * WCAG 2.1 A/AA checks. Screenshots: /tmp/resultater.png, /tmp/maal.png, /tmp/sammenligning.png and
 * test-output/screenshots-results/ (look at them).
 */

import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  formatKr,
  formatNumber,
  formatPercent,
  MUNICIPALITIES,
  SCORECARD_DIMENSIONS,
  type Role,
} from '@jobinvest/core';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import type { ScorecardAnswer } from '../monitoring/index.ts';
import { browserTestServer, launchChromium, logIn, ROOT, sessionCookie } from './browser-test-helpers.ts';
import type { RunningServer } from './serve.ts';

const shots = join(ROOT, 'test-output', 'screenshots-results');
const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let largest = 0;
let cookie = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  let municipalities: number[];
  ({ server, municipalities } = await browserTestServer({
    dir,
    shots,
    population: { persons: 3000, municipalities: 3, fromYear: 2021, toYear: 2024, seed: 11 },
    imports: ['municipalities', 'jobindsats', 'framework', 'interventions', 'caseworkers'],
    roles: ['analyst', 'viewer', 'manager'],
  }));
  largest = municipalities[0]!;
  cookie = await sessionCookie(server.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const code3 = () => String(largest).padStart(3, '0');
const nameOf = (code: number) => MUNICIPALITIES.find((m) => m.code === code)!.name;

/** The test's own read of the API, as `role`. */
async function api<T>(path: string, role: Role = 'analyst'): Promise<T> {
  const session = role === 'analyst' ? cookie : await sessionCookie(server.url, role);
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: session } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** `path` of the app for the largest municipality, logged in as `role`. */
async function open(path: string, role: Role = 'analyst', language: 'da' | 'en' = 'da'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('console', (m) => {
    const url = m.location().url;
    // Asking who is logged in before the login answers 401; the benchmark's refusal the test asks for, 422.
    const expected =
      url.endsWith('/api/session') || (url.includes('/api/benchmark') && m.text().includes('422'));
    if (m.type() === 'error' && !expected) consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${String(e)}`));
  await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${largest}')`);
  if (language === 'en') await page.addInitScript(`localStorage.setItem('jobinvest.language', 'en')`);
  await page.goto(`${server.url}/#/${path}`);
  await logIn(page, role);
  return page;
}

/** The scorecard of `benefit` shown, and no answer on its way. */
async function scorecardShown(page: Page, benefit = 'sygedagpenge'): Promise<void> {
  await page
    .locator(`.results[data-scorecard="${benefit}"][aria-busy="false"]`)
    .waitFor({ timeout: 120_000 });
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
      r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

const sign = (text: string, v: number) => (v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text);

/** A scorecard figure as the page must write it, from its unit in KL's card. */
function expectedFigure(dimension: string, row: 'level' | 'development', v: number | null): string {
  if (v === null) return '–';
  if (row === 'level')
    return dimension === 'hurtigereIJob'
      ? `${formatNumber(v, 1)} uger`
      : dimension === 'besparelsespotentiale'
        ? formatKr(v)
        : formatPercent(v);
  switch (dimension) {
    case 'flereIJob':
      return sign(formatPercent(v), v);
    case 'hurtigereIJob':
      return sign(`${formatNumber(v, 1)} uger`, v);
    case 'besparelsespotentiale':
      return sign(formatKr(v), v);
    default:
      return sign(`${formatNumber(v * 100, 1)} pct.-point`, v);
  }
}

/** Each dimension's cells as shown: assessment, own and cluster figure. */
async function shownCells(page: Page): Promise<string[][]> {
  return page
    .locator('table.scorecard td.assessment')
    .evaluateAll((tds) =>
      tds.map((td) => [
        `${td.getAttribute('data-dimension')}/${td.getAttribute('data-row')}`,
        td.getAttribute('data-assessment')!,
        td.querySelector('[data-figure="own"]')!.textContent!,
        td.querySelector('[data-figure="cluster"]')!.textContent!,
      ]),
    );
}

function expectedCells(answer: ScorecardAnswer): string[][] {
  return (['level', 'development'] as const).flatMap((row) =>
    SCORECARD_DIMENSIONS.map((d) => {
      const c = answer.scorecard.dimensions[d.id][row];
      return [
        `${d.id}/${row}`,
        c.assessment ?? 'unknown',
        `Egen: ${expectedFigure(d.id, row, c.own)}`,
        `Klynge: ${expectedFigure(d.id, row, c.cluster)}`,
      ];
    }),
  );
}

describe('Resultater, Mål and Sammenligning in Chromium', { timeout: 300_000 }, () => {
  it("shows the analyst KL's scorecard of sygedagpenge with /api/scorecard's assessments and figures, its background table in .xlsx, and prints it on one A4 page", async () => {
    const page = await open('resultater');
    await scorecardShown(page);
    const answer = await api<ScorecardAnswer>(
      `/api/scorecard?municipality=${code3()}&benefit=sygedagpenge&to=202452&peers=similar`,
    );
    expect(await shownCells(page)).toEqual(expectedCells(answer));
    // At least one dimension is judged on the synthetic extract (Flere i job has the peers' figures).
    expect(answer.scorecard.dimensions.flereIJob.level.assessment).not.toBeNull();
    expect(
      await page.locator('td[data-dimension="flereIJob"][data-row="level"] .mark').textContent(),
    ).toMatch(/^[⊕⊖=] (Bedre end klyngen|Dårligere end klyngen|Som klyngen)$/);
    expect(await page.locator('[data-results-lead]').textContent()).toContain(
      'det løbende år uge 2024-01 – uge 2024-52 mod samme periode året før (uge 2023-01 – uge 2023-52)',
    );
    // The extract covers 2022-2024: a running year can end with December 2023 to December 2024.
    expect(answer.endWeeks).toHaveLength(13);
    expect(answer.endWeeks.slice(0, 2)).toEqual([202452, 202448]);
    expect(answer.endWeeks.at(-1)).toBe(202352);
    expect(
      await page
        .locator('select[name="to"] option')
        .evaluateAll((os) => os.slice(0, 2).map((o) => o.textContent)),
    ).toEqual(['dec. 2024', 'nov. 2024']);
    // June 2024 (W23-W26), against the year before.
    await page.locator('select[name="to"]').selectOption('202426');
    await expect
      .poll(() => page.locator('[data-results-lead]').textContent())
      .toContain(
        'det løbende år uge 2023-27 – uge 2024-26 mod samme periode året før (uge 2022-27 – uge 2023-26)',
      );
    await scorecardShown(page);
    const june = await api<ScorecardAnswer>(
      `/api/scorecard?municipality=${code3()}&benefit=sygedagpenge&to=202426&peers=similar`,
    );
    expect(await shownCells(page)).toEqual(expectedCells(june));
    await page.locator('select[name="to"]').selectOption('202452');
    await expect
      .poll(() => page.locator('[data-results-lead]').textContent())
      .toContain('uge 2024-01 – uge 2024-52');
    await scorecardShown(page);
    // The peers by name, nearest first, with their distance.
    const peers = await page
      .locator('table[data-table="scorecard-peers"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
      );
    expect(peers).toEqual(answer.peers.similar.map((s) => [nameOf(s.code), formatNumber(s.distance, 2)]));
    // Baggrundstal: the share now, own and cluster, as on the screen and in the workbook.
    const shareNow = page.locator('tr[data-line="share-now"]');
    expect(await shareNow.locator('[data-figure="own"]').textContent()).toBe(
      formatPercent(answer.scorecard.background.share.own.now!),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-export="scorecard-background"]').click(),
    ]);
    const file = join(dir, 'background.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const values = sheet.getRows(1, sheet.rowCount)!.map((r) => r.values as unknown[]);
    const shareRow = values.find((v) => String(v[1]).startsWith('Andel fuldtidspersoner'));
    expect(shareRow?.[3]).toBe(Number((answer.scorecard.background.share.own.now! * 100).toFixed(1)));
    await page.screenshot({ path: '/tmp/resultater.png', fullPage: true });
    expect(await violations(page)).toEqual([]);
    // Printed: the frame and the controls are gone, and the scorecard is one A4 page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('form.results-controls').isVisible()).toBe(false);
    await page.screenshot({ path: join(shots, 'resultater-print.png'), fullPage: true });
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    await page.close();
  });

  it('takes weights typed the Danish way (1,5) and compares with the municipalities they make similar', async () => {
    const page = await open('resultater');
    await scorecardShown(page);
    const asked = page.waitForRequest(
      (r) => r.url().includes('weights=') && r.url().includes('localJobs%3A1.5'),
    );
    await page.locator('input[name="weight-localJobs"]').fill('1,5');
    await page.locator('input[name="weight-publicSupport"]').fill('0');
    await asked;
    await scorecardShown(page);
    const answer = await api<ScorecardAnswer>(
      `/api/scorecard?municipality=${code3()}&benefit=sygedagpenge&to=202452&peers=similar&weights=ageOver50:1,lowEducation:1,nonWesternOrigin:1,publicSupport:0,localJobs:1.5,unemployment:1`,
    );
    await expect
      .poll(() =>
        page.locator('table[data-table="scorecard-peers"] tbody tr td:first-child').allTextContents(),
      )
      .toEqual(answer.peers.similar.map((s) => nameOf(s.code)));
    expect(await shownCells(page)).toEqual(expectedCells(answer));
    // An English decimal point is refused in words, and nothing is asked while it stands.
    await page.locator('input[name="weight-localJobs"]').fill('1.5');
    expect(await page.locator('[data-field-problem="weight-localJobs"]').textContent()).toContain(
      'kan læses på to måder',
    );
    await page.close();
  });

  it('shows a viewer the five dimensions, without the Excel button', async () => {
    const page = await open('resultater', 'viewer');
    await scorecardShown(page);
    const answer = await api<ScorecardAnswer>(
      `/api/scorecard?municipality=${code3()}&benefit=sygedagpenge&to=202452&peers=similar`,
      'viewer',
    );
    expect(await page.locator('table.scorecard th[scope="col"]').allTextContents()).toEqual(
      SCORECARD_DIMENSIONS.map((d) => `${d.name.da}${d.level.da}`),
    );
    expect(await shownCells(page)).toEqual(expectedCells(answer));
    expect(await page.locator('button[data-export]').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'resultater-viewer.png'), fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('lets a manager add a goal typed the Danish way (1.234,5) and lists it; a viewer sees it but no form', async () => {
    const page = await open('maal', 'manager');
    await page.locator('form.goal-form').waitFor();
    await page.locator('input[name="name"]').fill('Færre fuldtidspersoner på sygedagpenge');
    await page.locator('select[name="measure"]').selectOption('fullTimePersons');
    // A dot that groups no thousands is refused before anything is sent.
    await page.locator('input[name="targetValue"]').fill('1.5');
    await page.locator('form.goal-form button[type="submit"]').click();
    expect(await page.locator('[data-field-problem="targetValue"]').textContent()).toBe(
      '"1.5" kan læses på to måder: punktum står mellem tusinder (25.000), komma før decimaler (1,5)',
    );
    await page.locator('input[name="baselineValue"]').fill('1.234,5');
    await page.locator('input[name="targetValue"]').fill('1.100');
    await page.locator('form.goal-form button[type="submit"]').click();
    await page.locator('[data-goal-saved]').waitFor({ timeout: 60_000 });
    const goals = await api<{ name: string; baseline: { value: number }; target: { value: number } }[]>(
      `/api/goals?municipality=${code3()}`,
    );
    expect(goals.map((g) => [g.name, g.baseline.value, g.target.value])).toEqual([
      ['Færre fuldtidspersoner på sygedagpenge', 1234.5, 1100],
    ]);
    const row = page.locator('table[data-table="goals"] tbody tr').first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect([cells[0], cells[4], cells[6], cells[7]]).toEqual([
      'Færre fuldtidspersoner på sygedagpenge',
      '1.234,5',
      '1.100,0',
      '−134,5',
    ]);
    // The goal is for the plan's year after the data: the forecast puts it at its target date as
    // soon as the replications are made (the table asks again meanwhile).
    const outlook = page.locator('table[data-table="goal-outlook"] tbody tr').first();
    await expect
      .poll(async () => (await outlook.locator('td').allTextContents())[5], {
        timeout: 300_000,
        interval: 2000,
      })
      .toMatch(/^\d+ %$/);
    const [listed] = await api<
      { forecast: { state: string; median: number; probabilityOfReaching: number; band80: number[] } }[]
    >(`/api/goals?municipality=${code3()}`);
    expect(listed!.forecast.state).toBe('ready');
    const shown = await outlook.locator('td').allTextContents();
    const danish = (x: number) =>
      x.toLocaleString('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(shown.slice(3)).toEqual([
      danish(listed!.forecast.median),
      `${danish(listed!.forecast.band80[0]!)} – ${danish(listed!.forecast.band80[1]!)}`,
      `${Math.round(listed!.forecast.probabilityOfReaching * 100)} %`,
    ]);
    // The cluster table: the own municipality and one more in "Klynge 1".
    await page.locator('button[data-cluster-add]').click();
    await page.locator('input[name="cluster-name-0"]').fill('Klynge 1');
    await page.locator('button[data-cluster-add]').click();
    await page.locator('button[data-cluster-save]').click();
    await expect
      .poll(() => page.locator('[data-cluster-said]').textContent())
      .toBe('Klyngetabellen er gemt: 2 kommuner.');
    expect(await api<{ municipality: number; cluster: string }[]>('/api/clusters')).toHaveLength(2);
    await page.screenshot({ path: '/tmp/maal.png', fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.close();

    const viewer = await open('maal', 'viewer');
    await viewer.locator('table[data-table="goals"] tbody tr').first().waitFor();
    expect(await viewer.locator('form.goal-form').count()).toBe(0);
    expect(await viewer.locator('form.cluster-editor').count()).toBe(0);
    expect(await viewer.locator('table[data-table="clusters"] tbody tr').count()).toBe(2);
    await viewer.screenshot({ path: join(shots, 'maal-viewer.png'), fullPage: true });
    expect(await violations(viewer)).toEqual([]);
    await viewer.close();
  });

  it('compares with the cluster saved on Mål', async () => {
    const page = await open('resultater');
    await scorecardShown(page);
    await page.locator('select[name="peers"]').selectOption('cluster');
    await expect
      .poll(() => page.locator('[data-results-lead]').textContent(), { timeout: 60_000 })
      .toContain('sammenlignet med klyngen Klynge 1');
    const answer = await api<ScorecardAnswer>(
      `/api/scorecard?municipality=${code3()}&benefit=sygedagpenge&to=202452&peers=cluster`,
    );
    await scorecardShown(page);
    expect(await shownCells(page)).toEqual(expectedCells(answer));
    await page.close();
  });

  it("draws the benchmark of every municipality, says a refusal, and draws a benchmark's scatter and ranking", async () => {
    // The generated extract has every municipality's figures and population: the real answer.
    const page = await open('sammenligning');
    const real = page.locator('table[data-table="benchmark"] tbody tr');
    await real.first().waitFor({ timeout: 60_000 });
    const answer = await api<{ benchmark: { rows: { rank: number; code: number }[] } }>(
      `/api/benchmark?municipality=${code3()}&to=202452`,
    );
    expect(await real.count()).toBe(answer.benchmark.rows.length);
    expect(await real.first().locator('td').nth(1).textContent()).toBe(
      nameOf(answer.benchmark.rows[0]!.code),
    );
    await page.close();

    // A refusal, as the server answers a store without an extract (mocked).
    const refused = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    refused.on('pageerror', (e) => consoleErrors.push(`sammenligning: ${String(e)}`));
    await refused.addInitScript(`localStorage.setItem('jobinvest.municipality', '${largest}')`);
    await refused.route('**/api/benchmark?*', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error:
            'the benchmark needs figures of all public support and framework conditions for at least 8 municipalities, found 1: import a jobindsats extract and a framework file',
        }),
      }),
    );
    await refused.goto(`${server.url}/#/sammenligning`);
    await logIn(refused, 'analyst');
    await expect
      .poll(() => refused.locator('main [role="alert"]').textContent(), { timeout: 60_000 })
      .toMatch(/^Fejl: Sammenligningen kan ikke beregnes endnu: .* Serveren svarede: the benchmark needs/);
    await refused.screenshot({ path: join(shots, 'sammenligning-refused.png'), fullPage: true });
    expect(await violations(refused)).toEqual([]);
    await refused.close();

    // A benchmark as the server answers once every municipality has its population (mocked).
    const codes = [largest, ...MUNICIPALITIES.map((m) => m.code).filter((c) => c !== largest)].slice(0, 12);
    const rows = codes
      .map((code, i) => {
        const population = 20_000 + 3_000 * i;
        const expectedShare = 0.1 + 0.004 * i;
        const actualShare = expectedShare + (i % 3 === 0 ? -0.01 : 0.008);
        return {
          code,
          population,
          actualFullTimePersons: actualShare * population,
          expectedFullTimePersons: expectedShare * population,
          differencePersons: (actualShare - expectedShare) * population,
          differenceKroner: (actualShare - expectedShare) * population * 150_000,
          actualShare,
          expectedShare,
        };
      })
      .sort((a, b) => a.actualShare - a.expectedShare - (b.actualShare - b.expectedShare) || a.code - b.code)
      .map((r, i) => ({ ...r, rank: i + 1 }));
    const mocked = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    mocked.on('pageerror', (e) => consoleErrors.push(`sammenligning: ${String(e)}`));
    await mocked.addInitScript(`localStorage.setItem('jobinvest.municipality', '${largest}')`);
    await mocked.route('**/api/benchmark?*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          period: { from: 202401, to: 202452 },
          year: 2024,
          benchmark: {
            rows,
            variables: [],
            coefficients: [],
            standardisation: {},
            deviance: 0,
            nullDeviance: 0,
            converged: true,
            warnings: [],
          },
        }),
      }),
    );
    await mocked.goto(`${server.url}/#/sammenligning`);
    await logIn(mocked, 'analyst');
    const table = mocked.locator('table[data-table="benchmark"] tbody tr');
    await table.first().waitFor({ timeout: 60_000 });
    const shown = await table.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(shown.map((r) => [r[0], r[1], r[5]])).toEqual(
      rows.map((r) => [String(r.rank), nameOf(r.code), formatNumber(r.differencePersons, 1)]),
    );
    expect(shown.find((r) => r[1] === nameOf(largest))?.[2]).toBe('Egen kommune');
    // The scatter: a point per municipality, the own one labelled.
    await mocked.locator('[data-chart="benchmark-scatter"] svg path').first().waitFor({ state: 'attached' });
    expect(await mocked.locator('[data-chart="benchmark-scatter"] svg').textContent()).toContain(
      nameOf(largest),
    );
    const [download] = await Promise.all([
      mocked.waitForEvent('download'),
      mocked.locator('button[data-export="benchmark"]').click(),
    ]);
    const file = join(dir, 'benchmark.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]!.actualRowCount).toBeGreaterThanOrEqual(rows.length + 1);
    await mocked.screenshot({ path: '/tmp/sammenligning.png', fullPage: true });
    expect(await violations(mocked)).toEqual([]);
    await mocked.close();
  });

  it('speaks English on the three pages when asked, and logged no console error', async () => {
    for (const [path, ready] of [
      ['resultater', (p: Page) => scorecardShown(p)],
      ['maal', (p: Page) => p.locator('table[data-table="goals"]').waitFor()],
      [
        'sammenligning',
        (p: Page) => p.locator('table[data-table="benchmark"] tbody tr').first().waitFor({ timeout: 60_000 }),
      ],
    ] as const) {
      const page = await open(path, 'analyst', 'en');
      await ready(page);
      const text = await page.locator('main').innerText();
      for (const danish of ['uge ', ' og ', 'Niveau', 'Udvikling', 'Klynge:', 'Nulpunkt', 'Henter', 'Fejl'])
        expect(text, `${path}: ${danish}`).not.toContain(danish);
      await page.screenshot({ path: join(shots, `${path}-en.png`), fullPage: true });
      await page.close();
    }
    expect(consoleErrors).toEqual([]);
  });
});
