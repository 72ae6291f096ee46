/**
 * Businesscase pr. borger in Debian's Chromium (through playwright-core), on an empty store (the
 * page needs no register data): the analyst opens #/budget/businesscase from the Budget section of
 * the menu, types a gross the Danish way ("25.000") and sees the saving the case gives by hand, a
 * text that is no number refused beside its field with the results withdrawn, a line switched from
 * a benefit to a given rate, and "Hent PDF" saving the committee's PDF. axe-core's WCAG 2.1 A/AA
 * checks pass. Screenshot: /tmp/check/businesscase.png (look at it).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RAW_IDENTIFIER, SHIPPED_RATES } from '@jobinvest/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { openStore, type Store } from '../data/index.ts';
import { launchChromium, logIn, ROOT } from '../http/browser-test-helpers.ts';
import { startServer, type RunningServer } from '../http/serve.ts';

const shots = '/tmp/check';
const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let store: Store;
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: ROOT, stdio: 'pipe' });
  store = await openStore(join(dir, 'store.duckdb'));
  await testUser(store, 'analyst');
  const config = normalizeConfig({ server: { host: '127.0.0.1', port: 0 } }, 'test');
  server = await startServer({ config, rates: SHIPPED_RATES, store });
  mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** axe-core's WCAG 2.1 A/AA violations on the page as it is. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
      r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

const tile = (page: Page, id: string) => page.getByTestId(id).textContent();

describe('Businesscase pr. borger in Chromium', { timeout: 300_000 }, () => {
  it('computes the saving of a gross typed the Danish way, refuses a text beside its field, and prints the PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/api/session')) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(`${server.url}/#/budget/businesscase`);
    await logIn(page, 'analyst');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Businesscase pr. borger');
    // The menu has the Budget section with the page.
    expect(await page.locator('header nav').textContent()).toContain('Budget:');
    expect(await page.locator('header nav a[href="#/budget/businesscase"]').count()).toBe(1);

    // The example: kontanthjælp at step 4, 12.326 kr. (net 9.860,80) before; 6.000 kr. at step 4
    // (4.800) and a mentor at 1.500 kr. (no refusion) after: 3.560,80 kr. saved a month.
    await expect.poll(() => tile(page, 'bc-saving-month')).toBe('3.560,80 kr.');

    // 25.000 kr. before at step 4: net 20.000, saving 20.000 − 6.300 = 13.700 a month, 164.400 a year.
    await page.locator('input[name="before[0].monthlyGross"]').fill('25.000');
    await expect.poll(() => tile(page, 'bc-saving-month')).toBe('13.700 kr.');
    expect(await tile(page, 'bc-saving-year')).toBe('164.400 kr.');
    // 100.000 / (10 × 13.700) = 0,73 months; 100.000 / 164.400 → 1 citizen within 12 months.
    expect(await tile(page, 'bc-payback')).toBe('0,73 måneder for 10 borgere');
    expect(await tile(page, 'bc-citizens-12')).toBe('1');
    expect(await page.locator('tr[data-total="before"]').textContent()).toBe(
      'I alt25.000 kr.5.000 kr.20.000 kr.',
    );

    // The first line after switched to a given rate of 50 %: after net 3.000 + 1.500, saving 15.500.
    await page.locator('input[name="after[0].mode"][value="rate"]').check();
    await page.locator('input[name="after[0].refusionRate"]').fill('50');
    await expect.poll(() => tile(page, 'bc-saving-month')).toBe('15.500 kr.');

    // A rate that is no number: said beside the field, and no results of the last good value.
    await page.locator('input[name="after[1].refusionRate"]').fill('1.5');
    await expect
      .poll(() => page.locator('[data-field-problem="after[1].refusionRate"]').textContent())
      .toContain('1.5');
    expect(await page.getByTestId('bc-saving-month').count()).toBe(0);
    await page.locator('input[name="after[1].refusionRate"]').fill('0');
    await expect.poll(() => tile(page, 'bc-saving-month')).toBe('15.500 kr.');
    // What the case refuses (a line without a label) is said beside the field, by core's words.
    await page.locator('input[name="after[1].label"]').fill('');
    await expect
      .poll(() => page.locator('[data-field-problem="after[1].label"]').textContent())
      .toBe('Forventede en tekst på 1 til 200 tegn');
    expect(await page.getByTestId('bc-saving-month').count()).toBe(0);
    await page.locator('input[name="after[1].label"]').fill('Mentor');
    await expect.poll(() => tile(page, 'bc-saving-month')).toBe('15.500 kr.');
    // The rates' sources in words: no code, rule id or ASCII stand-in for æ/ø.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('refusionsreformen fra 2016');
    expect(main.match(RAW_IDENTIFIER)?.[0] ?? null).toBeNull();
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'businesscase.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Hent PDF' }).click(),
    ]);
    const file = join(dir, 'case.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Besparelse pr. måned 15.500 kr.');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
