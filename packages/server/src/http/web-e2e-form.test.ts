/**
 * The calculator's form and the app's frame in a real browser (Debian's Chromium through
 * playwright-core), on a generated store of synthetic demo data as `npm start` makes it: Danish
 * numbers typed into the fields (25.000 is twenty-five thousand kroner in the case sent, 1.5 is
 * refused with a message and the results are marked as not updated), the start week typed and
 * refused outside the weeks allowed, the participants held to the target group's size shown beside
 * the field, the effect as percentage points in work, every field within reach at 1280 × 800, the
 * saved cases by municipality, and the demo banner on every page. Screenshots go to
 * test-output/screenshots/form-*.png (look at them).
 *
 * The app is built into a folder of its own and served by a server of the test's own (the API as
 * `jobinvest serve` composes it), so that this file and web-e2e.test.ts can run side by side.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { formatKr, formatNumber, SHIPPED_RATES, weeksInIsoYear } from '@jobinvest/core';
import { defaultCase } from '@jobinvest/web/default-case';
import { formatForInput } from '@jobinvest/web/danish-input';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, sessionCookie, logIn } from './browser-test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, testUser } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { GENERATED_FILES, generatedStore } from '../data/generate.ts';
import { importFile } from '../data/import.ts';
import { createApp } from './app.ts';
import { registerWebApp } from './static.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const shots = join(root, 'test-output', 'screenshots');
const dir = tempDir();
/** Where `jobinvest serve --demo` generates its data: beside the store, in demo/. */
const demoDir = join(dir, 'demo');
let url = '';
let close: () => Promise<void> = async () => undefined;
let browser: Browser;
/** The larger municipality (3 digits) and the other one. */
let municipality = '';
let other = '';
/** The municipalities' names, as the generator wrote them. */
const names = new Map<string, string>();
/** An analyst's session, for the test's own calls of the API. */
let cookie = '';
const consoleErrors: string[] = [];

/** The test's own call of the API, as the analyst. */
function api(path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  const web = join(dir, 'web');
  execFileSync('npm', ['run', 'build', '-w', 'packages/web', '--', '--outDir', web, '--emptyOutDir'], {
    cwd: root,
    stdio: 'pipe',
  });
  const { config, store } = await generatedStore({
    persons: 4000,
    municipalities: 2,
    fromYear: 2019,
    toYear: 2024,
    seed: 7,
    outDir: demoDir,
    db: join(dir, 'store.duckdb'),
  });
  await importFile(config, 'municipalities', join(demoDir, GENERATED_FILES.municipalities));
  const rows = await store.query<{ m: number; name: string | null }>(
    `SELECT p.municipality AS m, any_value(name) AS name, count(*) AS n FROM person_municipalities p
     LEFT JOIN municipalities ON code = p.municipality GROUP BY 1 ORDER BY n DESC`,
  );
  municipality = String(rows[0]!.m).padStart(3, '0');
  other = String(rows[1]!.m).padStart(3, '0');
  for (const r of rows) names.set(String(r.m).padStart(3, '0'), r.name ?? '');
  await testUser(store, 'analyst');
  const app = createApp({ config, rates: SHIPPED_RATES, store });
  registerWebApp(app, web);
  await new Promise<void>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`;
      close = () =>
        new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      resolve();
    });
    server.once('error', reject);
  });
  cookie = await sessionCookie(url);
  mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await close();
  rmSync(dir, { recursive: true, force: true });
});

/** The case documents the page sent to POST /api/invest for its live answer (no replications). */
type Sent = ReturnType<typeof defaultCase> & { replications?: number };

/**
 * The calculator at `width` × `height` on the larger municipality, logged in as the analyst, with
 * the live cases it sends recorded. The answers the test expects to be refused (422) stay out of
 * the console errors.
 */
async function calculator(
  width = 1280,
  height = 800,
  language: 'da' | 'en' = 'da',
  /** The statuses of /api/invest answers the test expects besides 200. */
  refusals: readonly string[] = ['422'],
): Promise<{ page: Page; sent: Sent[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const sent: Sent[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/invest') {
      const body = r.postDataJSON() as Sent;
      if (body.replications === 0) sent.push(body);
    }
  });
  page.on('console', (m) => {
    const at = m.location().url;
    const expected =
      at.endsWith('/api/session') ||
      (at.includes('/api/invest') && refusals.some((status) => m.text().includes(`status of ${status}`)));
    if (m.type() === 'error' && !expected) consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${String(e)}`));
  await page.addInitScript(
    `localStorage.setItem('jobinvest.language', '${language}'); localStorage.setItem('jobinvest.municipality', '${Number(municipality)}')`,
  );
  await page.goto(`${url}/#/investering`);
  await logIn(page);
  // The first case on a new store waits for the model to be estimated.
  await page.getByTestId('npv').waitFor({ timeout: 240_000 });
  return { page, sent };
}

/** The case the calculator opens with (the data end in 2024-52), its participants within the group. */
async function openingCase(patch: Partial<Sent> = {}): Promise<Sent> {
  const opened = { ...defaultCase(Number(municipality), 202452, 'da'), ...patch };
  const persons = await groupSize(opened);
  return { ...opened, participants: Math.min(opened.participants, persons) };
}

async function groupSize(doc: Pick<Sent, 'municipality' | 'startWeek' | 'target'>): Promise<number> {
  const res = await api('/api/invest/target-group', {
    municipality: doc.municipality,
    startWeek: doc.startWeek,
    target: doc.target,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { persons: number }).persons;
}

/** The API's net present value of `doc`, as the live answer computes it. */
async function npvOf(doc: Sent): Promise<number> {
  const res = await api('/api/invest', { ...doc, replications: 0, breakEven: false });
  expect(res.status).toBe(200);
  return ((await res.json()) as { npv: number }).npv;
}

const lastSent = (sent: Sent[]) => sent.at(-1);

describe('the calculator form in Chromium', { timeout: 300_000 }, () => {
  it('reads every number the Danish way: 25.000 is 25.000 kr., 1.500.000 is taken, 1.5 is refused and the results marked', async () => {
    const { page, sent } = await calculator();
    const npv = page.getByTestId('npv');
    const opening = await openingCase();
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(opening)));
    const cost = page.locator('input[name="perParticipant"]');
    // Typed as the economist typed it: twenty-five thousand kroner, not 25.
    await cost.fill('25.000');
    await page.waitForTimeout(2000);
    expect(sent.map((s) => s.cost.perParticipant)).not.toContain(25);
    expect(lastSent(sent)?.cost.perParticipant).toBe(25_000);
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(opening)));
    expect(await cost.inputValue()).toBe('25.000');

    await cost.fill('1.500.000');
    await expect.poll(() => lastSent(sent)?.cost.perParticipant, { timeout: 30_000 }).toBe(1_500_000);
    expect(await page.locator('[data-field-problem="perParticipant"]').count()).toBe(0);
    const dear = await npvOf({ ...opening, cost: { ...opening.cost, perParticipant: 1_500_000 } });
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(dear));

    // And back.
    await cost.fill('25.000');
    await expect.poll(() => lastSent(sent)?.cost.perParticipant, { timeout: 30_000 }).toBe(25_000);
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(opening)));
    expect(sent.some((s) => s.cost.perParticipant === 25)).toBe(false);

    // A decimal comma, a plain number and a percentage: what was typed is what is sent.
    await page.locator('input[name="perWeek"]').fill('1.234,5');
    await page.locator('input[name="costWeeks"]').fill('10');
    await page.locator('input[name="discountRate"]').fill('4,5');
    await expect
      .poll(
        () => {
          const s = lastSent(sent);
          return s && [s.cost.perWeek, s.cost.weeks, s.discountRate];
        },
        { timeout: 60_000 },
      )
      .toEqual([1234.5, 10, 0.045]);
    const answered = lastSent(sent)!;
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(answered)));
    await expect.poll(() => page.getByTestId('break-even').textContent(), { timeout: 120_000 }).not.toBe('…');

    // 1.5 could be one and a half or a mistyped thousand: refused, said beside the field, the
    // results marked as not updated, nothing sent, and no tile waiting.
    const before = sent.length;
    await cost.fill('1.5');
    const problem = page.locator('[data-field-problem="perParticipant"]');
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toBe('"1.5" kan læses på to måder: punktum står mellem tusinder (25.000), komma før decimaler (1,5)');
    expect(await cost.getAttribute('aria-invalid')).toBe('true');
    await expect
      .poll(() => page.locator('.results [data-stale-note]').textContent(), { timeout: 10_000 })
      .toMatch(/^Resultaterne herunder er ikke opdateret/);
    expect(await page.locator('.results[data-stale]').count()).toBe(1);
    expect(await page.getByTestId('break-even').textContent()).toBe('–');
    expect(await page.getByTestId('probability').textContent()).toBe('–');
    expect(await page.locator('.results .status.computing').count()).toBe(0);
    for (const [text, message] of [
      ['25.00', /kan læses på to måder/],
      ['1,2,3', /^Ikke et tal: "1,2,3"/],
      ['abc', /^Ikke et tal: "abc"/],
      ['', /^Skriv et tal$/],
    ] as const) {
      await cost.fill(text);
      await expect.poll(() => problem.textContent(), { timeout: 10_000 }).toMatch(message);
    }
    await page.screenshot({ path: join(shots, 'form-number-refused.png') });
    await page.waitForTimeout(1500);
    expect(sent.length).toBe(before);

    // Put right: the results are current again.
    await cost.fill('25000');
    await expect.poll(() => page.locator('.results[data-stale]').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(answered)));
    expect(await cost.inputValue()).toBe('25000');
    await page.close();

    // In English, the same refusal in English.
    const english = await calculator(1280, 800, 'en');
    await english.page.locator('input[name="perParticipant"]').fill('1.5');
    await expect
      .poll(() => english.page.locator('[data-field-problem="perParticipant"]').textContent(), {
        timeout: 10_000,
      })
      .toBe(
        '"1.5" can be read two ways: a dot goes between thousands (25.000), a comma before decimals (1,5)',
      );
    await english.page.close();
  });

  it('takes a start week typed by hand, and refuses one outside the weeks allowed in Danish, marking the results', async () => {
    const { page, sent } = await calculator();
    const npv = page.getByTestId('npv');
    await expect
      .poll(() => npv.textContent(), { timeout: 60_000 })
      .toBe(formatKr(await npvOf(await openingCase())));
    const start = page.locator('input[name="startWeek"]');
    const problem = page.locator('[data-field-problem="startWeek"]');
    expect(await start.inputValue()).toBe('202501');
    // The allowed weeks: from the week after the data's first (2019-W01) to the last week of the
    // budget year, the calendar year after today's (in Copenhagen) — as the server says them.
    const budgetYear =
      Number(
        new Intl.DateTimeFormat('en', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(new Date()),
      ) + 1;
    const lastWeek = budgetYear * 100 + weeksInIsoYear(budgetYear);
    const ww = (yyyyww: number) => `${Math.floor(yyyyww / 100)}-${String(yyyyww % 100).padStart(2, '0')}`;
    await expect
      .poll(() => page.locator('label.field', { has: start }).locator('.hint').textContent(), {
        timeout: 30_000,
      })
      .toBe(`Fra 2019-02 til ${ww(lastWeek)}`);

    // Select all and delete, as a person would: the field is empty, and says what it wants.
    await start.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    expect(await start.inputValue()).toBe('');
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toBe(`Skriv en uge som ÅÅÅÅUU, fx ${budgetYear}01`);
    expect(await page.locator('.results[data-stale]').count()).toBe(1);

    await page.keyboard.type('202410');
    await expect.poll(() => lastSent(sent)?.startWeek, { timeout: 30_000 }).toBe('202410');
    const inside = lastSent(sent)!;
    expect(inside.participants).toBeLessThanOrEqual(await groupSize(inside));
    await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toBe(formatKr(await npvOf(inside)));
    expect(await page.locator('.results[data-stale]').count()).toBe(0);

    // In the budget year, the weeks after the data projected: taken.
    await start.fill(`${budgetYear}10`);
    await expect.poll(() => lastSent(sent)?.startWeek, { timeout: 30_000 }).toBe(`${budgetYear}10`);
    await expect
      .poll(() => npv.textContent(), { timeout: 120_000 })
      .toBe(formatKr(await npvOf(lastSent(sent)!)));

    // After the budget year, and a week that does not exist: refused in Danish, nothing sent.
    const before = sent.length;
    await start.fill(`${budgetYear + 1}01`);
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toBe(
        `Starten kan ligge fra uge 2019-02 til uge ${ww(lastWeek)}; ugerne efter dataenes sidste uge (uge 2024-52) fremskrives.`,
      );
    expect(await page.locator('.results[data-stale]').count()).toBe(1);
    expect(await page.getByTestId('break-even').textContent()).toBe('–');
    await start.fill('202453');
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toBe('Uge 53 findes ikke i 2024: året har uge 1-52');
    await start.fill('201901');
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toMatch(/^Starten kan ligge fra uge 2019-02/);
    await page.waitForTimeout(1500);
    expect(sent.length).toBe(before);
    await page.screenshot({ path: join(shots, 'form-start-refused.png') });

    // A server that takes fewer weeks than it said (an older server: 52 weeks after the data, here
    // 26, in words and without details) refuses in English: the page says it in Danish on the field,
    // marks the results, and leaves no tile computing.
    await page.route('**/api/invest', async (route) => {
      const body = route.request().postDataJSON() as Sent;
      if (body.startWeek !== '202540') return route.continue();
      return route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'startWeek: expected at most 26 weeks after the last week of data (202452), found 202540',
        }),
      });
    });
    await start.fill('202540');
    await expect
      .poll(() => page.locator('.results [role="alert"]').first().textContent(), { timeout: 30_000 })
      .toBe(
        'Fejl: Starten kan ligge fra uge 2019-02 til uge 2025-26; ugerne efter dataenes sidste uge (uge 2024-52) fremskrives. Resultaterne herunder hører til et tidligere input og er ikke opdateret.',
      );
    await expect
      .poll(() => problem.textContent(), { timeout: 10_000 })
      .toBe(
        'Starten kan ligge fra uge 2019-02 til uge 2025-26; ugerne efter dataenes sidste uge (uge 2024-52) fremskrives.',
      );
    expect(await page.locator('.results[data-stale]').count()).toBe(1);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('break-even').textContent()).toBe('–');
    expect(await page.getByTestId('probability').textContent()).toBe('–');
    expect(await page.locator('.results .status.computing, [aria-busy="true"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Beregner');
    await page.screenshot({ path: join(shots, 'form-start-server-refused.png') });
    await page.unroute('**/api/invest');

    // Within what the server takes: current again.
    await start.fill('202520');
    await expect.poll(() => lastSent(sent)?.startWeek, { timeout: 30_000 }).toBe('202520');
    await expect.poll(() => page.locator('.results[data-stale]').count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => npv.textContent(), { timeout: 60_000 })
      .toBe(formatKr(await npvOf(lastSent(sent)!)));
    await page.close();
  });

  it("shows the target group's size beside the participants, refuses more, and brings the case down when the group shrinks", async () => {
    const { page, sent } = await calculator();
    const opening = await openingCase();
    const persons = await groupSize(opening);
    const field = page.locator('label.field', { has: page.locator('input[name="participants"]') });
    const participants = page.locator('input[name="participants"]');
    await expect
      .poll(() => field.locator('.suffix').textContent(), { timeout: 30_000 })
      .toBe(`af ${formatNumber(persons)} i målgruppen`);

    const before = sent.length;
    await participants.fill(formatNumber(persons + 1));
    await expect
      .poll(() => page.locator('[data-field-problem="participants"]').textContent(), { timeout: 10_000 })
      .toBe(
        `Højst ${formatNumber(persons)}: målgruppen har ${formatNumber(persons)} personer i uge 2024-52; fandt ${formatNumber(persons + 1)}`,
      );
    expect(await page.locator('.results[data-stale]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'form-participants-refused.png') });
    await page.waitForTimeout(1500);
    expect(sent.length).toBe(before);

    await participants.fill(String(persons));
    await expect.poll(() => lastSent(sent)?.participants, { timeout: 30_000 }).toBe(persons);

    // A narrower group (more weeks in the spell): fewer persons, the participants brought down to
    // them, and the field says so.
    const narrower = { ...opening.target, minWeeks: 156 };
    const fewer = await groupSize({ ...opening, target: narrower });
    expect(fewer).toBeLessThan(persons);
    await page.locator('input[name="minWeeks"]').fill('156');
    await expect
      .poll(() => field.locator('.suffix').textContent(), { timeout: 30_000 })
      .toBe(`af ${formatNumber(fewer)} i målgruppen`);
    await expect.poll(() => participants.inputValue(), { timeout: 10_000 }).toBe(formatForInput(fewer));
    expect(await field.locator('.hint').textContent()).toBe(
      `Sat ned fra ${formatNumber(persons)} til ${formatNumber(fewer)}: målgruppen har ${formatNumber(fewer)} personer i uge 2024-52`,
    );
    await expect.poll(() => lastSent(sent)?.participants, { timeout: 30_000 }).toBe(fewer);
    expect(sent.every((s) => s.participants <= (s.target.minWeeks === 156 ? fewer : persons))).toBe(true);
    await page.close();
  });

  // The server converts points to a hazard ratio by bisection, a projection each step: tens of
  // seconds for each answer on a busy machine.
  it(
    'takes the effect as percentage points more in work after some months, and writes the break-even axis in Danish decimals',
    { timeout: 900_000 },
    async () => {
      // On a busy machine the answer with replications of a case in points (a conversion, 100
      // replications and a break-even search) may outrun the request's time budget (503): the page
      // then says the break-even and probability could not be computed.
      const { page, sent } = await calculator(1280, 800, 'da', ['422', '503']);
      const npv = page.getByTestId('npv');
      await expect.poll(() => npv.textContent(), { timeout: 60_000 }).toMatch(/kr\./);
      // The break-even chart's axis: 1,2 not 1.2.
      const ticks = page.locator('[data-chart="invest-effect"] svg text');
      await ticks.first().waitFor({ timeout: 120_000 });
      const labels = await ticks.allTextContents();
      expect(labels.filter((t) => /^\d+,\d+$/.test(t)).length).toBeGreaterThan(0);
      expect(labels.filter((t) => /^\d+\.\d+$/.test(t))).toEqual([]);

      await page.locator('input[name="effectKind"][value="extraPoints"]').check();
      await page.locator('input[name="extraPoints"]').fill('7,5');
      await page.locator('input[name="afterMonths"]').fill('18');
      await expect
        .poll(() => lastSent(sent)?.effect, { timeout: 120_000 })
        .toEqual({
          extraPointsInWork: { points: 7.5, afterMonths: 18 },
          to: ['job'],
          phaseInWeeks: 0,
          halfLifeWeeks: null,
        });
      const asked = Date.now();
      const res = await api('/api/invest', { ...lastSent(sent)!, replications: 0, breakEven: false });
      expect(res.status).toBe(200);
      console.log(`extra points in work: the live answer in ${Date.now() - asked} ms`);
      const answer = (await res.json()) as { npv: number; hazardRatio: number };
      await expect.poll(() => npv.textContent(), { timeout: 240_000 }).toBe(formatKr(answer.npv));
      expect(await page.locator('[data-converted-hazard-ratio]').textContent()).toBe(
        `Svarer til hazard ratio ${formatNumber(answer.hazardRatio, 2)} for denne målgruppe`,
      );
      await page.screenshot({ path: join(shots, 'form-extra-points.png') });

      // Back to a hazard ratio: the slider starts at the ratio the points came to.
      await page.locator('input[name="effectKind"][value="hazardRatio"]').check();
      await expect
        .poll(() => lastSent(sent)?.effect.hazardRatio, { timeout: 120_000 })
        .toBe(Math.round(answer.hazardRatio * 100) / 100);
      expect(lastSent(sent)?.effect).not.toHaveProperty('extraPointsInWork');
      await page.close();
    },
  );

  it('keeps every field of the form within reach at 1280 × 800, Horisont and Diskonteringsrente too', async () => {
    const { page } = await calculator(1280, 800);
    await expect.poll(() => page.getByTestId('npv').textContent(), { timeout: 60_000 }).toMatch(/kr\./);
    await page.screenshot({ path: join(shots, 'form-1280x800.png') });
    const fields = page.locator('form.case-form input, form.case-form select');
    const count = await fields.count();
    expect(count).toBeGreaterThan(12);
    // At the page's top and scrolled down into the results, every field can be brought into view
    // (the page or the form scrolled) and is then the element at its own centre, not under another.
    for (const scrollY of [0, 700, 1600]) {
      await page.evaluate(`window.scrollTo(0, ${scrollY})`);
      const hidden: string[] = [];
      for (let i = 0; i < count; i++) {
        const field = fields.nth(i);
        const seen = await field.evaluate((e) => {
          // In the page (the server's types know no DOM): the field brought into view, then the
          // element at its centre.
          type Box = { left: number; top: number; width: number; height: number };
          type Element = {
            scrollIntoView(options: object): void;
            getBoundingClientRect(): Box;
            contains(other: unknown): boolean;
          };
          const element = e as unknown as Element;
          const page = globalThis as unknown as {
            innerHeight: number;
            document: { elementFromPoint(x: number, y: number): (Element & { control?: unknown }) | null };
          };
          element.scrollIntoView({ block: 'nearest' });
          const r = element.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          if (r.height === 0 || y < 0 || y > page.innerHeight) return false;
          const at = page.document.elementFromPoint(x, y);
          return at !== null && (at === element || element.contains(at) || at.control === element);
        });
        if (!seen) hidden.push((await field.getAttribute('name')) ?? `#${i}`);
      }
      expect([scrollY, hidden]).toEqual([scrollY, []]);
    }
    await page.evaluate(`window.scrollTo(0, 0)`);
    await page.locator('select[name="horizonWeeks"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'form-1280x800-bottom.png') });
    await page.close();
  });

  it("lists the saved cases with their municipality's name, the chosen municipality's by default", async () => {
    const { page } = await calculator();
    await expect.poll(() => page.getByTestId('npv').textContent(), { timeout: 60_000 }).toMatch(/kr\./);
    await page.locator('input[name="name"]').fill('Sag i den store kommune');
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    const rows = page.locator('table[data-table="saved-cases"] tbody tr');
    const saved = rows.filter({ hasText: 'Sag i den store kommune' });
    await saved.waitFor();
    expect(await saved.locator('td').nth(2).textContent()).toBe(names.get(municipality));
    expect(names.get(municipality)).toMatch(/\p{L}/u);

    // The other municipality chosen: its own cases only (none), and a way to see every case.
    await page.locator('header select').selectOption(String(Number(other)));
    const every = page.locator('input[name="everyMunicipality"]');
    await every.waitFor({ timeout: 30_000 });
    expect(await page.locator('table[data-table="saved-cases"]').count()).toBe(0);
    expect(await page.locator('label.inline-check').textContent()).toBe(
      'Vis også de andre kommuners cases (1)',
    );
    await every.check();
    await saved.waitFor();
    expect(await saved.locator('td').nth(2).textContent()).toBe(names.get(municipality));
    await page.screenshot({ path: join(shots, 'form-saved-cases.png'), fullPage: true });

    // Opening it chooses its municipality in the frame.
    await saved.getByRole('button', { name: 'Åbn' }).click();
    await expect
      .poll(() => page.locator('header select').inputValue(), { timeout: 30_000 })
      .toBe(String(Number(municipality)));
    await expect
      .poll(() => page.locator('input[name="name"]').inputValue(), { timeout: 30_000 })
      .toBe('Sag i den store kommune');
    await page.close();
  });

  it('says on every page, the login page too, that the data are synthetic demo data', async () => {
    const login = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login.goto(url);
    await login.locator('form.login-form').waitFor();
    const banner = login.locator('[data-demo-banner]');
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toMatch(/^Demodata: syntetiske personer, ikke rigtige borgere\./);
    await login.locator('input[name="username"]').fill('test-analyst');
    await login.locator('input[name="password"]').fill(TEST_PASSWORD);
    await login.locator('form.login-form button[type="submit"]').click();
    for (const path of ['overblik', 'investering', 'fleksjob', 'ordliste', 'data']) {
      await login.goto(`${url}/#/${path}`);
      await login.locator('header nav a[aria-current="page"]').waitFor();
      await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
      expect(await banner.textContent()).toMatch(/^Demodata: syntetiske personer/);
    }
    await login.screenshot({ path: join(shots, 'form-demo-banner.png') });
    // The banner and the form pass the WCAG 2.1 A/AA checks of axe-core.
    await login.goto(`${url}/#/investering`);
    await login.getByTestId('npv').waitFor({ timeout: 60_000 });
    await login.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = (await login.evaluate(
      `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
        r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect(violations).toEqual([]);
    await login.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toMatch(/^Demo data: synthetic persons, not real citizens\./);
    await login.getByRole('button', { name: 'Dansk' }).click();

    // A real file imported (from outside the demo folder): the store is no longer a demo store,
    // and the banner goes.
    // The generator's municipalities, the first one renamed on each of its rows.
    const real = join(dir, 'kommuner.csv');
    const [header, ...lines] = readFileSync(join(demoDir, GENERATED_FILES.municipalities), 'utf8')
      .trimEnd()
      .split('\n');
    const first = lines[0]!.split(',')[0];
    writeFileSync(
      real,
      [
        header,
        ...lines.map((l) => l.replace(new RegExp(`^${first},[^,]*,`), `${first},Rigtig kommune,`)),
      ].join('\n') + '\n',
    );
    await login.goto(`${url}/#/data`);
    await login.locator('select[name="kind"]').selectOption('municipalities');
    await login.setInputFiles('input[name="file"]', real);
    await login.getByRole('button', { name: 'Indlæs', exact: true }).click();
    const outcome = login.locator('[data-import-outcome], main [role="alert"]').first();
    await outcome.waitFor({ timeout: 60_000 });
    expect([await outcome.getAttribute('data-import-outcome'), await outcome.textContent()]).toEqual([
      'imported',
      expect.stringMatching(/^Indlæst som import/),
    ]);
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await login.close();
  });

  it('logged no console error on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
