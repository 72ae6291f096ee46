/**
 * Prognose, Overblik and Modelkontrol in Debian's Chromium (through playwright-core) on a generated
 * store of a large municipality and Læsø, the smallest: the forecast's bands as they come from the
 * background (the expected values first), tick labels that never read alike on Læsø's few persons,
 * kroner by benefit group and year with the rate year and an Excel export, fleksjob beside public
 * support, withheld kroner for a role with suppression, and each municipality's own survival
 * curves. Screenshots go to test-output/screenshots-forecast/ (look at them).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rateTableName, SHIPPED_RATES, type Role } from '@jobinvest/core';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, sessionCookie, logIn } from './browser-test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { GENERATED_FILES, generatedStore, importFile } from '../data/index.ts';
import type { Forecast } from '../jobinvest/forecast.ts';
import { startServer, type RunningServer } from './serve.ts';

const LAESOE = 825;
const root = fileURLToPath(new URL('../../../..', import.meta.url));
const shots = join(root, 'test-output', 'screenshots-forecast');
const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let largest = 0;
let cookie = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'pipe' });
  const { config, store } = await generatedStore({
    persons: 4000,
    municipalities: 2,
    fromYear: 2019,
    toYear: 2024,
    seed: 7,
    outDir: dir,
    db: join(dir, 'store.duckdb'),
  });
  const [row] = await store.query<{ m: number }>(
    'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  largest = row!.m;
  // The municipalities' names, which the pages write with their codes.
  await importFile(config, 'municipalities', join(dir, GENERATED_FILES.municipalities));
  for (const role of ['analyst', 'economist'] as const) await testUser(store, role);
  // The server prepares the pages' answers in the background from here on.
  server = await startServer({
    config: { ...config, server: { ...config.server, host: '127.0.0.1', port: 0 } },
    rates: SHIPPED_RATES,
    store,
  });
  cookie = await sessionCookie(server.url);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The test's own read of the API, as the analyst. */
async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie, 'accept-language': 'da' } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** A page of the app for `municipality`, logged in as `role`. */
async function open(path: string, municipality: number, role: Role = 'analyst', width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 }, acceptDownloads: true });
  page.on('console', (m) => {
    // Asking who is logged in before the login answers 401: that is the question, not an error.
    if (m.type() === 'error' && !m.location().url.endsWith('/api/session'))
      consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${String(e)}`));
  await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${municipality}')`);
  await page.goto(`${server.url}/#/${path}`);
  await logIn(page, role);
  return page;
}

/** The table `table`'s Excel button clicked, the download read back. */
async function exported(page: Page, table: string): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`button[data-export="${table}"]`).click(),
  ]);
  const file = join(dir, `${table}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const personsTicks = (page: Page) =>
  page.locator('[data-chart="forecast-persons"] svg text').allTextContents();

describe('Prognose, Overblik and Modelkontrol in Chromium', { timeout: 600_000 }, () => {
  it('shows the expected values at once and the bands of 200 microsimulations when they come', async () => {
    const page = await open('prognose', largest);
    await page.waitForSelector('[data-chart="forecast-steps"] svg path', {
      state: 'attached',
      timeout: 240_000,
    });
    // Right after the start the bands are usually still being computed: the page says so.
    const pending = await page.locator('[data-bands="pending"]').count();
    if (pending > 0)
      expect(await page.locator('p[data-bands="pending"]').textContent()).toMatch(
        /Viser de forventede værdier\. 80 %- og 95 %-intervallerne beregnes nu i baggrunden ud fra 200 mikrosimulationer/,
      );
    await page.locator('div[data-bands="ready"]').waitFor({ timeout: 540_000 });
    expect(await page.locator('p[data-bands="pending"]').count()).toBe(0);
    expect(await page.locator('.lead').first().textContent()).toMatch(
      /gennemsnit af 200 mikrosimulationer med 80 %- og 95 %-intervaller/,
    );
    await page.screenshot({ path: join(shots, 'prognose-largest.png'), fullPage: true });
    await page.close();
  });

  it('reads the prepared answers on a later first visit: bands at once, no pending note', async () => {
    await server.prepared();
    const f = await api<Forecast>(`/api/forecast?municipality=${LAESOE}&horizon=260`);
    expect(f.bands).toBe('ready');
    const page = await open('prognose', LAESOE);
    await page.locator('div[data-bands="ready"]').waitFor();
    expect(await page.locator('[data-bands="pending"]').count()).toBe(0);
    await page.close();
  });

  it('forecasts in the groups of today: none merged into the kontanthjælp of July 2025, none entering ressourceforløb or revalidering after their closure', async () => {
    const benefits =
      await api<{ code: string; nameDa: string; successor: string | null; closedToNewFrom: number | null }[]>(
        '/api/benefits',
      );
    const merged = benefits.filter((b) => b.successor !== null);
    const closed = benefits.filter((b) => b.closedToNewFrom !== null);
    expect(merged.map((b) => b.code).sort()).toEqual(
      expect.arrayContaining(['uddannelseshjaelp', 'selvforsoergelsesydelse']),
    );
    expect(closed.map((b) => b.code).sort()).toEqual(['ressourceforloeb', 'revalidering']);
    const f = await api<Forecast>(`/api/forecast?municipality=${largest}&horizon=260`);
    // No row, week or table of the forecast holds a merged group (their persons are on the successor).
    for (const b of merged) {
      expect(
        f.years.some((r) => r.state === b.code),
        b.code,
      ).toBe(false);
      expect(
        f.weekly.some((w) => (w.persons[b.code] ?? 0) > 0),
        b.code,
      ).toBe(false);
    }
    // From the closure on, a closed group only shrinks: running cases run out, nobody enters.
    for (const b of closed) {
      const from = Number(b.closedToNewFrom);
      const series = f.weekly.filter((w) => w.week >= from).map((w) => w.persons[b.code] ?? 0);
      expect(series.length, b.code).toBeGreaterThan(100);
      for (let i = 1; i < series.length; i++)
        expect(series[i]!, `${b.code} week ${i}`).toBeLessThanOrEqual(series[i - 1]! + 1e-9);
    }
    // The page's group list and kroner table name no merged group either.
    const page = await open('prognose', largest);
    await page.locator('div[data-bands="ready"]').waitFor({ timeout: 540_000 });
    const text = await page.locator('main').innerText();
    const options = await page.locator('section select').first().locator('option').allTextContents();
    for (const b of merged) {
      expect(options, b.nameDa).not.toContain(b.nameDa);
      expect(text, b.nameDa).not.toContain(b.nameDa);
    }
    expect(options).toContain(benefits.find((b) => b.code === 'kontanthjaelp_forhoejet')!.nameDa);
    await page.close();
  });

  it("labels Læsø's small axes with ticks that never read alike, for every benefit group", async () => {
    const page = await open('prognose', LAESOE);
    await page.locator('div[data-bands="ready"]').waitFor();
    const f = await api<Forecast>(`/api/forecast?municipality=${LAESOE}&horizon=260`);
    const years = new Set(f.years.map((r) => String(r.year)));
    const select = page.locator('section select').first();
    const groups = await select.locator('option').evaluateAll((os) =>
      os.map((o) => ({
        value: (o as unknown as { value: string }).value,
        label: (o as unknown as { textContent: string }).textContent,
      })),
    );
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      await select.selectOption(group.value);
      // Drawn for the group: its name in the legend.
      await expect.poll(async () => (await personsTicks(page)).includes(group.label)).toBe(true);
      const ticks = (await personsTicks(page)).filter((t) => /^-?[\d.,]+$/.test(t) && !years.has(t));
      expect(ticks.length, group.value).toBeGreaterThan(1);
      expect(new Set(ticks).size, `${group.value}: ${ticks.join(' ')}`).toBe(ticks.length);
    }
    await select.selectOption(groups.find((g) => g.value === 'efterloen')?.value ?? groups[0]!.value);
    await page.screenshot({ path: join(shots, 'prognose-laesoe.png'), fullPage: true });
    await page.close();
  });

  it('gives kroner by benefit group and year, with the rate year, fleksjob beside public support, and exports them', async () => {
    const f = await api<Forecast>(`/api/forecast?municipality=${largest}&horizon=260`);
    const page = await open('prognose', largest, 'analyst', 1920);
    await page.locator('div[data-bands="ready"]').waitFor();
    // Fleksjob in the persons table, after the total of public support and not in it.
    const personRows = await page.locator('table[data-table="forecast-table"] tbody tr').allTextContents();
    const total = personRows.findIndex((r) => r.startsWith('Offentlig forsørgelse i alt'));
    const fleksjob = personRows.findIndex((r) => r.startsWith('Fleksjob (fleksløntilskud)'));
    expect(total).toBeGreaterThan(0);
    expect(fleksjob).toBeGreaterThan(total);
    // The money table of the second year, against the API's figures.
    const year = [...new Set(f.years.map((r) => r.year))][1]!;
    await page.locator('select[name="moneyYear"]').selectOption(String(year));
    await page.locator(`[data-price-year="${year}"]`).waitFor();
    expect(await page.locator(`[data-price-year="${year}"]`).textContent()).toMatch(
      new RegExp(
        `^Kroner i ${year} efter satstabellen ${rateTableName(f.ratesVersion, 'da')}\\. Kolonnen Prisår`,
      ),
    );
    const row = f.years.find((r) => r.year === year && r.state === 'fleksjob')!;
    const wb = await exported(page, 'forecast-money-table');
    const sheet = wb.worksheets[0]!;
    // Under the notice lines the export starts with (the rates it rests on), the table's header.
    let headerRow = 0;
    sheet.eachRow((r, n) => {
      if (headerRow === 0 && (r.values as unknown[])[1] === 'Ydelse') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const header = (sheet.getRow(headerRow).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Ydelse',
      'Fuldtidspersoner',
      'Brutto (kr.)',
      'Statsrefusion (kr.)',
      'Kommunal medfinansiering (kr.)',
      'Kommunens nettoudgift (kr.)',
      'Prisår',
    ]);
    const found: unknown[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values[0] === 'Fleksjob (fleksløntilskud)') found.push(values);
    });
    expect(found.length).toBe(1);
    const [, , gross, refusion, , net, rateYear] = found[0]! as [
      string,
      number,
      number,
      number,
      number,
      number,
      string,
    ];
    expect(gross).toBeCloseTo(row.gross, 0);
    expect(refusion).toBeCloseTo(row.stateRefusion, 0);
    expect(net).toBeCloseTo(row.municipalNet, 0);
    expect(String(rateYear)).toBe(String(row.rateYear));
    await page.screenshot({ path: join(shots, 'prognose-money-1920.png'), fullPage: true });
    await page.close();
  });

  it('withholds the kroner of a withheld group from the economist, as "<5"', async () => {
    // The groups of the stock with fewer persons than the economist's threshold (5), as the analyst sees them.
    const f = await api<Forecast>(`/api/forecast?municipality=${largest}&horizon=260`);
    const few = Object.entries(f.stockByState).filter(([, n]) => n > 0 && n < 5);
    expect(few.length, JSON.stringify(f.stockByState)).toBeGreaterThan(0);
    const page = await open('prognose', largest, 'economist');
    await page.waitForSelector('table[data-table="forecast-money-table"] tbody tr');
    const rows = await page.locator('table[data-table="forecast-money-table"] tbody tr').all();
    let withheld = 0;
    for (const r of rows) {
      const cells = await r.locator('td').allTextContents();
      if (cells[1] === '<5') {
        withheld++;
        expect(cells.slice(2, 6), cells[0]).toEqual(['<5', '<5', '<5', '<5']);
      }
    }
    expect(withheld).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'prognose-economist.png'), fullPage: true });
    await page.close();
  });

  it('shows fleksjob in the Overblik table, below the total of public support', async () => {
    const page = await open('overblik', largest);
    await page.waitForSelector('table[data-table="overview-fulltime"] tbody tr');
    const rows = await page.locator('table[data-table="overview-fulltime"] tbody tr').allTextContents();
    const total = rows.findIndex((r) => r.startsWith('Offentlig forsørgelse i alt'));
    expect(total).toBeGreaterThan(0);
    expect(rows.slice(total + 1).some((r) => r.startsWith('Fleksjob (fleksløntilskud)'))).toBe(true);
    expect(rows.slice(0, total).some((r) => r.startsWith('Fleksjob'))).toBe(false);
    await page.screenshot({ path: join(shots, 'overblik.png'), fullPage: true });
    await page.close();
  });

  it("shows each municipality's own survival curves under its own name", async () => {
    const page = await open('modelkontrol', largest);
    const chart = page.locator('[data-chart="model-survival"]');
    await page.waitForSelector('[data-chart="model-survival"] svg path', {
      state: 'attached',
      timeout: 240_000,
    });
    // The name comes from the frame's summary, so it is there with the curves.
    expect(await page.locator('h2').first().textContent()).toMatch(
      new RegExp(`^Andel stadig på ydelsen efter antal uger i .*\\(${String(largest).padStart(3, '0')}\\)`),
    );
    expect(await page.locator(`[data-municipality="${largest}"]`).count()).toBe(1);
    const legend = await chart.locator('svg text').allTextContents();
    expect(legend).toContain('Observeret (Kaplan-Meier, kommunens forløb)');
    expect(legend).toContain('Forudsagt af modellen for de samme forløb');
    await page.screenshot({ path: join(shots, 'modelkontrol-largest.png'), fullPage: true });
    await page.locator('header select').selectOption(String(LAESOE));
    await page.locator(`[data-municipality="${LAESOE}"]`).waitFor();
    expect(await page.locator('h2').first().textContent()).toMatch(/ i Læsø \(825\)/);
    await page.screenshot({ path: join(shots, 'modelkontrol-laesoe.png'), fullPage: true });
    await page.close();
  });

  it('logged no console error on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
