/**
 * What the browser tests share: Debian's Chromium driven through playwright-core, a session through
 * the API for the tests' own reads, and the login form as a person fills it in.
 */

import { existsSync } from 'node:fs';
import type { Role } from '@jobinvest/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from '../access/test-helpers.ts';

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
