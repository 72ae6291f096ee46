/**
 * What the browser tests share: Debian's Chromium driven through playwright-core, a generated store
 * behind a server with the web app built, a session through the API for the tests' own reads, and
 * the login form as a person fills it in.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_RATES, type Role } from '@jobinvest/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD, testUser } from '../access/test-helpers.ts';
import { GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { startServer, type RunningServer } from './serve.ts';

/** The repository's root, where the web app is built and the screenshots go. */
export const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/**
 * The web app built, a population generated into `dir` and imported (the DREAM and persons files,
 * then `imports`), users of `roles`, and a server on 127.0.0.1 in front of it; `shots` emptied for
 * the test's screenshots. The municipalities come largest first.
 */
export async function browserTestServer(options: {
  readonly dir: string;
  readonly shots: string;
  readonly population: {
    readonly persons: number;
    readonly municipalities: number;
    readonly fromYear: number;
    readonly toYear: number;
    readonly seed: number;
  };
  readonly imports: readonly (keyof typeof GENERATED_FILES & Parameters<typeof importFile>[1])[];
  readonly roles: readonly Role[];
}): Promise<{ server: RunningServer; store: Store; municipalities: number[] }> {
  execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: ROOT, stdio: 'pipe' });
  const { dir } = options;
  const { config, store } = await generatedStore({
    ...options.population,
    outDir: dir,
    db: join(dir, 'store.duckdb'),
  });
  for (const kind of options.imports) await importFile(config, kind, join(dir, GENERATED_FILES[kind]));
  const sizes = await store.query<{ m: number }>(
    'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC',
  );
  for (const role of options.roles) await testUser(store, role);
  // The server prepares the pages' answers in the background from here on.
  const server = await startServer({
    config: { ...config, server: { ...config.server, host: '127.0.0.1', port: 0 } },
    rates: SHIPPED_RATES,
    store,
  });
  rmSync(options.shots, { recursive: true, force: true });
  mkdirSync(options.shots, { recursive: true });
  return { server, store, municipalities: sizes.map((r) => r.m) };
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; an error that says how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`the browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The session cookie (`name=value`) of test user `test-<role>` logged in through the API at `url`. */
export async function sessionCookie(url: string, role: Role = 'analyst'): Promise<string> {
  const login = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: `test-${role}`, password: TEST_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login as test-${role} answered ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Log in on the login page the app shows first, as `test-<role>`, as a browser user would. */
export async function logIn(page: Page, role: Role = 'analyst'): Promise<void> {
  await page.locator('input[name="username"]').fill(`test-${role}`);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.locator(`[data-session-role="${role}"]`).waitFor({ timeout: 30_000 });
}
