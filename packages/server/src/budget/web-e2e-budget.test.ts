/**
 * Grundbudget in Debian's Chromium (through playwright-core), on a generated store of two
 * municipalities (2020-2024, with activation and caseworkers) and the server's and the browser's
 * clock on 20 December 2024, so that the default budget year is 2025: the economist types a
 * caseload ("45"), a cost per caseworker the Danish way ("625.000") and a change in a group's
 * full-time persons ("-5" %), sees the adopted figures change with the model's kept beside them (as
 * the API computes them for those adjustments), saves a version with a note (audited), finds it
 * listed with who saved it after a reload and takes it up again, and chooses a saved investment case
 * to see "without" and "with" differ by the case's lines. axe-core's WCAG 2.1 A/AA checks pass.
 * Screenshot: /tmp/check/wt-prep-budget.png (look at it).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { formatNumber, SHIPPED_RATES } from '@jobinvest/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { auditEntries, GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { launchChromium, logIn, ROOT, sessionCookie } from '../http/browser-test-helpers.ts';
import { startServer, type RunningServer } from '../http/serve.ts';
import type { BudgetAnswer } from './budget.ts';

/** A Friday in the data's last week (2024-W52): the budget year is 2025. */
const TODAY = new Date('2024-12-20T12:00:00+01:00');
const YEAR = 2025;
const shots = '/tmp/check';
const dir = tempDir();
let server: RunningServer;
let browser: Browser;
let store: Store;
let municipalities: number[] = [];
/** The municipality the economist budgets: one whose sums they may see (below). */
let municipality = 0;
let cookie = '';
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: ROOT, stdio: 'pipe' });
  let config;
  ({ config, store } = await generatedStore({
    persons: 4000,
    municipalities: 2,
    fromYear: 2020,
    toYear: 2024,
    seed: 21,
    outDir: dir,
    db: join(dir, 'store.duckdb'),
  }));
  // The names the page writes, the activation and the caseworkers the budget's lines rest on.
  for (const kind of ['municipalities', 'interventions', 'caseworkers'] as const)
    await importFile(config, kind, join(dir, GENERATED_FILES[kind]));
  municipalities = (
    await store.query<{ m: number }>(
      'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC',
    )
  ).map((r) => Number(r.m));
  await testUser(store, 'economist');
  server = await startServer({
    config: { ...config, server: { ...config.server, host: '127.0.0.1', port: 0 } },
    rates: SHIPPED_RATES,
    store,
    now: () => TODAY.getTime(),
  });
  // The forecasts with their bands, before the page and the test's own requests read them: a
  // forecast's figures change from the expected values to the replications' mean when the bands come.
  await server.prepared();
  cookie = await sessionCookie(server.url, 'economist');
  mkdirSync(shots, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The test's own request to the API, as the economist. */
async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: {
      cookie,
      'accept-language': 'da',
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: server.url }),
    },
  });
  expect(res.status, path).toBe(body === undefined ? 200 : 201);
  return (await res.json()) as T;
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
      r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
}

/** The Grundbudget page of the municipality, logged in as the economist, on the day of TODAY. */
async function openBudget(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    // Asking who is logged in before the login answers 401: that is the question, not an error.
    if (m.type() === 'error' && !m.location().url.endsWith('/api/session')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.clock.setFixedTime(TODAY);
  await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${municipality}')`);
  await page.goto(`${server.url}/#/budget`);
  await logIn(page, 'economist');
  return page;
}

/** The cells of the row `label` in the table captioned `table`, as the screen writes them. */
function row(page: Page, table: string, label: string): Promise<string[]> {
  return page
    .locator(`table[data-table="${table}"] tr`)
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
    .locator('td')
    .allTextContents();
}

/** A figure of the screen ("1.234.567", "-12,5") as a number. */
const danish = (text: string) => Number(text.replaceAll('.', '').replace(',', '.').replace('−', '-'));

const kr = (v: number) => formatNumber(Math.round(v));
const persons = (v: number) => formatNumber(v, 1);
/** A line's cell as the page writes it: the adopted figure, and the model's beside it when it differs. */
const cell = (pair: { model: number | null; adopted: number | null }, format: (v: number) => string) =>
  pair.model === null || pair.adopted === null || Math.abs(pair.model - pair.adopted) <= 1e-6
    ? format(pair.adopted!)
    : `${format(pair.adopted)} (model ${format(pair.model)})`;

describe('Grundbudget in Chromium', { timeout: 600_000 }, () => {
  it('takes adjustments typed the Danish way, saves a version with a note, lists it after a reload, and shows a saved case without and with', async () => {
    // An economist sees suppressed figures: where one group has 1-4 persons, the sums over the groups
    // (and so "without" and "with") are withheld. The municipality budgeted is one without.
    const answers = await Promise.all(
      municipalities.map((m) => api<BudgetAnswer>(`/api/budget?municipality=${m}&year=${YEAR}`)),
    );
    const model = answers.find((a) => a.summary.length > 0 && a.withCases.length > 0);
    expect(model, 'a municipality whose budget sums an economist may see').toBeDefined();
    municipality = model!.municipality;
    expect(model).toMatchObject({ budgetYear: YEAR, bands: 'ready' });
    // The group the economist adjusts and the case targets: the largest in the budget year.
    const group = model!.groups.reduce((a, g) =>
      g.years[0]!.fullTimePersons.model > a.years[0]!.fullTimePersons.model ? g : a,
    );
    const page = await openBudget();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Grundbudget og investeringskalkule');
    await expect
      .poll(() => page.locator('[data-price-level]').getAttribute('data-price-level'))
      .toBe(String(YEAR));
    // The group's table, captioned by the group's name: the one beside the group's change field.
    const caption = await page
      .locator('section.card')
      .filter({ has: page.locator(`input[name="change-${group.benefit}"]`) })
      .locator('table')
      .getAttribute('data-table');
    expect(caption).not.toBeNull();
    const modelFullTime = model!.groups
      .find((g) => g.benefit === group.benefit)!
      .years.map((y) => persons(y.fullTimePersons.model));
    expect(await row(page, caption!, 'Fuldtidspersoner')).toEqual(modelFullTime);
    const modelCaseworkers = await row(page, caption!, 'Sagsbehandlere');

    // Typed the Danish way: 45 persons per caseworker, 625.000 kr. a caseworker, −5 % full-time persons.
    await page.locator('input[name="caseload"]').fill('45');
    await page.locator('input[name="costPerCaseworker"]').fill('625.000');
    await page.locator(`input[name="change-${group.benefit}"]`).fill('-5');
    const adjustments = {
      fullTimePersonsChange: { [group.benefit]: -0.05 },
      caseload: 45,
      costPerCaseworker: 625_000,
    };
    const adjusted = await api<BudgetAnswer>(
      `/api/budget?municipality=${municipality}&year=${YEAR}&adjustments=${encodeURIComponent(JSON.stringify(adjustments))}`,
    );
    const adjustedGroup = adjusted.groups.find((g) => g.benefit === group.benefit)!;
    // The adopted full-time persons are the model's less 5 %, the model's beside them unchanged.
    const expectedFullTime = adjustedGroup.years.map((y) => cell(y.fullTimePersons, persons));
    await expect.poll(() => row(page, caption!, 'Fuldtidspersoner')).toEqual(expectedFullTime);
    adjustedGroup.years.forEach((y, i) => {
      expect(y.fullTimePersons.adopted).toBeCloseTo(y.fullTimePersons.model * 0.95, 9);
      expect(persons(y.fullTimePersons.model)).toBe(modelFullTime[i]);
    });
    // The caseworkers at 45 persons each; the model's (the data's caseload) beside them as before.
    const caseworkers = await row(page, caption!, 'Sagsbehandlere');
    expect(caseworkers).toEqual(adjustedGroup.years.map((y) => cell(y.administration.caseworkers, persons)));
    caseworkers.forEach((text, i) => {
      expect(text).not.toBe(modelCaseworkers[i]);
      expect(text.endsWith(`(model ${modelCaseworkers[i]})`)).toBe(true);
    });
    // Administration at 625.000 kr. a caseworker: what the server makes of the number typed.
    expect(await row(page, caption!, 'Administration')).toEqual(
      adjustedGroup.years.map((y) => cell(y.administration.kr, kr)),
    );
    expect(adjustedGroup.years[0]!.administration.kr.adopted).toBeCloseTo(
      adjustedGroup.years[0]!.administration.caseworkers.adopted! * 625_000,
      3,
    );
    expect(await page.locator('[data-field-problem]').count()).toBe(0);

    // Saved with a note: version 1, audited with the adjustments.
    await page.locator('input[name="note"]').fill('Budgetforslag til udvalget');
    await page.getByRole('button', { name: 'Gem som ny version' }).click();
    await expect
      .poll(() => page.locator('.actions [role="status"]').textContent())
      .toBe('Gemt som version 1.');
    const [saved] = await api<{ version: number; note: string; savedBy: string; adjustments: unknown }[]>(
      `/api/budget/versions?municipality=${municipality}&year=${YEAR}`,
    );
    expect(saved).toMatchObject({
      version: 1,
      note: 'Budgetforslag til udvalget',
      savedBy: 'test-economist',
      adjustments,
    });
    const audited = await auditEntries(store, { action: 'budget.save' });
    const entry = audited.find((e) => e.resource.startsWith(`budget ${municipality} ${YEAR} version 1`));
    expect(entry?.username).toBe('test-economist');
    expect(entry?.resource).toContain(JSON.stringify(adjustments));

    // After a reload the fields start empty, and version 1 is listed with who saved it and the note.
    await page.reload();
    const version = page.locator('select[name="version"]');
    await expect
      .poll(() => version.locator('option').allTextContents())
      .toEqual([
        'Hent en gemt version …',
        expect.stringMatching(
          /^Version 1, test-economist, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: Budgetforslag til udvalget$/,
        ),
      ]);
    expect(await page.locator('input[name="caseload"]').inputValue()).toBe('');
    // Taken up again: the adjustments as they were typed.
    await version.selectOption({ index: 1 });
    await expect.poll(() => page.locator('input[name="costPerCaseworker"]').inputValue()).toBe('625.000');
    expect(await page.locator('input[name="caseload"]').inputValue()).toBe('45');
    await expect.poll(() => row(page, caption!, 'Fuldtidspersoner')).toEqual(expectedFullTime);
    expect(await page.locator(`input[name="change-${group.benefit}"]`).inputValue()).toBe('-5');

    // A saved investment case on the group: "with" is "without" and the case's lines.
    const { caseId } = await api<{ caseId: number }>('/api/cases', {
      name: 'Virksomhedsrettet indsats',
      municipality: String(municipality),
      target: { benefit: group.benefit },
      participants: 10,
      startWeek: 202510,
      cost: { perParticipant: 25_000 },
      effect: { hazardRatio: 1.5 },
      replications: 0,
    });
    await page.reload();
    await version.selectOption({ index: 1 });
    await expect.poll(() => row(page, caption!, 'Fuldtidspersoner')).toEqual(expectedFullTime);
    await page.getByLabel('Virksomhedsrettet indsats (v1)').check();
    const table = 'Uden og med investering';
    await expect.poll(() => row(page, table, 'Med investering, netto'), { timeout: 120_000 }).toHaveLength(4);
    const without = (await row(page, table, 'Uden investering, netto')).map(danish);
    const line = (await row(page, table, 'Investering: Virksomhedsrettet indsats')).map(danish);
    const withCase = (await row(page, table, 'Med investering, netto')).map(danish);
    // Each year to the krone (each figure is rounded on its own).
    without.forEach((w, i) => expect(Math.abs(withCase[i]! - w - line[i]!)).toBeLessThanOrEqual(1));
    // The case costs 10 × 25.000 kr. in 2025 and moves persons to work: its lines are not nothing.
    expect(line[0]).not.toBe(0);
    expect(withCase).not.toEqual(without);
    // "Without" is the adopted budget: the summary's municipal net total.
    const total = (await row(page, 'Alle ydelsesgrupper', 'Kommunal nettoudgift i alt')).map((t) =>
      danish(t.replace(/ \(model .*\)$/, '')),
    );
    expect(without).toEqual(total);
    const fullTimeWithout = (await row(page, table, 'Fuldtidspersoner uden')).map(danish);
    const fullTimeWith = (await row(page, table, 'Fuldtidspersoner med')).map(danish);
    expect(fullTimeWith.some((w, i) => w < fullTimeWithout[i]!)).toBe(true);
    const withCases = await api<BudgetAnswer>(
      `/api/budget?municipality=${municipality}&year=${YEAR}&cases=${caseId}&adjustments=${encodeURIComponent(JSON.stringify(adjustments))}`,
    );
    expect(withCase).toEqual(withCases.withCases.map((y) => danish(kr(y.with.net))));

    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'wt-prep-budget.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
