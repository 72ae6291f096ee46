/**
 * Logging in and staying logged in: the session cookie, wrong passwords, disabled users, the
 * lockout, idle and absolute expiry (on a clock the test moves), logout, the audit of logins, and
 * what every request must show and every response carries (Origin, JSON bodies, Host, headers).
 */

import { SHIPPED_RATES, type Role } from '@jobinvest/core';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { registerWebApp } from '../http/static.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { signIn, TEST_PASSWORD, testUser, withSession } from './test-helpers.ts';
import type { NewUser } from './users.ts';

const MINUTE = 60_000;
const stores: Store[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A fresh store and app on a clock of their own (`clock.now` moves it). */
async function setup(spec: Record<string, unknown> = {}) {
  const store = await Store.open(':memory:');
  stores.push(store);
  const clock = { now: Date.parse('2026-03-02T08:00:00Z') };
  const config = normalizeConfig(spec, 'test');
  const app = createApp({ config, rates: SHIPPED_RATES, store, now: () => clock.now });
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
  const user = (role: Role, extra: Partial<NewUser> = {}) => testUser(store, role, extra);
  return { store, app, clock, config, login, user };
}

const cookieOf = (res: Response) =>
  new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(res.headers.get('set-cookie') ?? '')?.[1];

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

/** GET /api/session with `cookie`: its status. */
async function sessionStatus(app: ReturnType<typeof createApp>, cookie: string): Promise<number> {
  return (await app.request('/api/session', withSession(cookie))).status;
}

describe('POST /api/session', () => {
  it('logs in with a session cookie that scripts cannot read and other sites do not send', async () => {
    const { app, login, user } = await setup();
    await user('analyst');
    const res = await login('test-analyst', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    // The absolute limit (10 hours by default).
    expect(cookie).toContain('Max-Age=36000');
    // Over plain http a Secure cookie would never come back.
    expect(cookie).not.toMatch(/secure/i);
    expect(await res.json()).toMatchObject({ username: 'test-analyst', role: 'analyst', national: true });
    expect(await sessionStatus(app, cookieOf(res)!)).toBe(200);
  });

  it('sets a Secure cookie when the server serves https', async () => {
    const { login, user } = await setup({ server: { tls: { cert: 'cert.pem', key: 'key.pem' } } });
    await user('viewer');
    const res = await login('test-viewer', TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers a wrong password as it answers an unknown user', async () => {
    const { login, user } = await setup();
    await user('viewer');
    const wrong = await login('test-viewer', 'not the password at all');
    const unknown = await login('nobody-at-all', TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const message = await errorOf(wrong);
    expect(message).toBe('wrong username or password');
    expect(await errorOf(unknown)).toBe(message);
  });

  it('refuses a disabled user, and ends the sessions they had', async () => {
    const { app, store, login, user } = await setup();
    const admin = await signIn(app, store, 'admin');
    await user('economist');
    const before = await login('test-economist', TEST_PASSWORD);
    expect(before.status).toBe(200);
    const disabled = await admin.request('/api/users/test-economist/disable', { method: 'POST' });
    expect(disabled.status).toBe(200);
    expect(await sessionStatus(app, cookieOf(before)!)).toBe(401);
    const after = await login('test-economist', TEST_PASSWORD);
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toBe('wrong username or password');
  });

  it('refuses a body that is not a username and a password', async () => {
    const { login, app } = await setup();
    expect((await login('', 'x')).status).toBe(400);
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "a"}',
    });
    expect(res.status).toBe(400);
  });
});

describe('the lockout', () => {
  const spec = { access: { loginAttempts: 3, lockoutMinutes: 10 } };

  it('locks a username after loginAttempts failures, even against the right password, for lockoutMinutes', async () => {
    const { clock, login, user } = await setup(spec);
    await user('manager');
    for (let i = 0; i < 3; i++) expect((await login('test-manager', 'wrong wrong wrong')).status).toBe(401);
    const locked = await login('test-manager', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('600');
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await errorOf(locked)).toBe(
      'this username is locked after 3 failed logins: try again in 10 minutes',
    );
    // In any letter case.
    expect((await login('TEST-MANAGER', TEST_PASSWORD)).status).toBe(429);
    clock.now += 9 * MINUTE;
    const later = await login('test-manager', TEST_PASSWORD);
    expect(later.status).toBe(429);
    expect(await errorOf(later)).toMatch(/try again in 1 minutes$/);
    clock.now += MINUTE + 1000;
    expect((await login('test-manager', TEST_PASSWORD)).status).toBe(200);
  });

  it('locks an unknown username alike, so the lock says nothing about who exists', async () => {
    const { login } = await setup(spec);
    for (let i = 0; i < 3; i++) expect((await login('no-such-user', 'wrong wrong wrong')).status).toBe(401);
    const locked = await login('no-such-user', 'wrong wrong wrong');
    expect(locked.status).toBe(429);
    expect(await errorOf(locked)).toMatch(/^this username is locked after 3 failed logins/);
  });

  it('counts failures in a row: a successful login starts the count again', async () => {
    const { login, user } = await setup(spec);
    await user('viewer');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) expect((await login('test-viewer', 'wrong wrong wrong')).status).toBe(401);
      expect((await login('test-viewer', TEST_PASSWORD)).status).toBe(200);
    }
  });

  it('lets no more than loginAttempts guesses through when they are sent at once', async () => {
    const { login, user } = await setup(spec);
    await user('viewer');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => login('test-viewer', 'wrong wrong wrong')),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('allows one address 30 logins a minute, whatever the usernames', async () => {
    const { clock, login } = await setup();
    for (let i = 0; i < 30; i++) expect((await login(`user-${i}`, 'wrong wrong wrong')).status).toBe(401);
    const busy = await login('user-30', 'wrong wrong wrong');
    expect(busy.status).toBe(429);
    expect(await errorOf(busy)).toBe('too many logins from this address: try again in a minute');
    clock.now += MINUTE + 1;
    expect((await login('user-30', 'wrong wrong wrong')).status).toBe(401);
  });
});

describe('the end of a session', () => {
  it('ends after sessionIdleMinutes without a request', async () => {
    const { app, store, clock } = await setup({ access: { sessionIdleMinutes: 20 } });
    const { cookie } = await signIn(app, store, 'viewer');
    clock.now += 19 * MINUTE;
    expect(await sessionStatus(app, cookie)).toBe(200);
    // Idle counts from the last request.
    clock.now += 19 * MINUTE;
    expect(await sessionStatus(app, cookie)).toBe(200);
    clock.now += 20 * MINUTE + 1000;
    expect(await sessionStatus(app, cookie)).toBe(401);
    // For good: it does not come back.
    clock.now -= 30 * MINUTE;
    expect(await sessionStatus(app, cookie)).toBe(401);
  });

  it('ends sessionAbsoluteHours after the login, however busy', async () => {
    const { app, store, clock } = await setup({ access: { sessionAbsoluteHours: 2 } });
    const { cookie } = await signIn(app, store, 'viewer');
    for (let t = 0; t < 11; t++) {
      clock.now += 10 * MINUTE;
      expect(await sessionStatus(app, cookie), `after ${(t + 1) * 10} minutes`).toBe(200);
    }
    clock.now += 10 * MINUTE + 1000;
    expect(await sessionStatus(app, cookie)).toBe(401);
  });

  it('is kept in the store: a restarted server knows it, and its idle limit', async () => {
    const { app, store, clock, config } = await setup();
    const first = await signIn(app, store, 'viewer');
    const second = await signIn(app, store, 'viewer');
    const restarted = () => createApp({ config, rates: SHIPPED_RATES, store, now: () => clock.now });
    clock.now += 10 * MINUTE;
    expect(await sessionStatus(restarted(), first.cookie)).toBe(200);
    clock.now += 21 * MINUTE;
    expect(await sessionStatus(restarted(), second.cookie)).toBe(401);
  });

  it('ends at DELETE /api/session: the old cookie no longer opens anything', async () => {
    const { app, store } = await setup();
    const viewer = await signIn(app, store, 'viewer');
    expect((await viewer.request('/api/benefits')).status).toBe(200);
    const res = await viewer.request('/api/session', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: true });
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect((await viewer.request('/api/benefits')).status).toBe(401);
    expect(await sessionStatus(app, viewer.cookie)).toBe(401);
    // Nobody to log out.
    const again = await app.request('/api/session', { method: 'DELETE' });
    expect(await again.json()).toEqual({ ended: false });
  });
});

describe('GET /api/session', () => {
  it('says who is logged in: role, municipalities, caseworker and permissions', async () => {
    const { app, store } = await setup();
    const local = await signIn(app, store, 'caseworker', { username: 'cw-101', municipalities: [101, 147] });
    const res = await local.request('/api/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      username: 'cw-101',
      role: 'caseworker',
      municipalities: [101, 147],
      national: false,
      caseworker: 'cw-test',
      permissions: ['read:aggregates', 'read:own-caseload', 'write:measurements'],
    });
    const national = await signIn(app, store, 'economist');
    expect(await (await national.request('/api/session')).json()).toMatchObject({
      username: 'test-economist',
      national: true,
      caseworker: null,
    });
  });

  it('answers 401 to nobody, and to a cookie that is no session', async () => {
    const { app } = await setup();
    expect((await app.request('/api/session')).status).toBe(401);
    expect(await sessionStatus(app, 'made-up-token')).toBe(401);
  });
});

describe('the audit of logins', () => {
  it('records failed and successful logins and logouts, without passwords', async () => {
    const { app, store, login, user } = await setup();
    await user('analyst');
    expect((await login('test-analyst', 'a wrong password')).status).toBe(401);
    expect((await login('nobody-at-all', 'another wrong one')).status).toBe(401);
    const ok = await login('test-analyst', TEST_PASSWORD);
    expect(ok.status).toBe(200);
    await app.request('/api/session', withSession(cookieOf(ok)!, { method: 'DELETE' }));
    const admin = await signIn(app, store, 'admin');
    const res = await admin.request('/api/audit');
    expect(res.status).toBe(200);
    const entries = (await res.json()) as { username: string; role: string | null; action: string }[];
    const text = JSON.stringify(entries);
    expect(text).not.toContain('wrong password');
    expect(text).not.toContain(TEST_PASSWORD);
    // Newest first.
    expect(entries.map((e) => [e.username, e.role, e.action]).reverse()).toEqual([
      ['test-analyst', null, 'login.failed'],
      ['nobody-at-all', null, 'login.failed'],
      ['test-analyst', 'analyst', 'login'],
      ['test-analyst', 'analyst', 'logout'],
      ['test-admin', 'admin', 'login'],
    ]);
  });

  it('is for the admin only', async () => {
    const { app, store } = await setup();
    const analyst = await signIn(app, store, 'analyst');
    expect((await analyst.request('/api/audit')).status).toBe(403);
  });
});

describe('what every request must show', () => {
  it('refuses a state change from a page of another site, logged in or not', async () => {
    const { app, store, login, user } = await setup();
    await user('viewer');
    expect((await login('test-viewer', TEST_PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    const admin = await signIn(app, store, 'admin');
    const body = JSON.stringify({ username: 'mallory', role: 'admin', password: 'x'.repeat(20) });
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
      const res = await admin.request('/api/users', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body,
      });
      expect(res.status, origin).toBe(403);
      expect(await errorOf(res)).toBe(`a request from ${origin} may not change anything here`);
    }
    const users = (await (await admin.request('/api/users')).json()) as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('mallory');
  });

  it('refuses a page of another server on the same machine (another port)', async () => {
    const { app, store } = await setup();
    const admin = await signIn(app, store, 'admin');
    const logout = (origin: string) =>
      app.request('http://localhost:8080/api/session', {
        method: 'DELETE',
        headers: { host: 'localhost:8080', origin, cookie: `${SESSION_COOKIE}=${admin.cookie}` },
      });
    expect((await logout('http://localhost:3000')).status).toBe(403);
    expect((await logout('http://localhost')).status).toBe(403);
    const ours = await logout('http://localhost:8080');
    expect(ours.status).toBe(200);
    expect(await ours.json()).toEqual({ ended: true });
  });

  it('lets a state change without Origin through (the command line, scripts)', async () => {
    const { login, user } = await setup();
    await user('viewer');
    expect((await login('test-viewer', TEST_PASSWORD)).status).toBe(200);
  });

  it('answers 415 to a state change whose body is not JSON', async () => {
    const { app, store, user } = await setup();
    await user('viewer');
    const admin = await signIn(app, store, 'admin');
    const text = 'username=test-viewer';
    const res = await admin.request('/api/users/test-viewer/disable', {
      method: 'POST',
      // As it comes over the network: app.request sets no Content-Length of its own.
      headers: { 'content-type': 'text/plain', 'content-length': String(text.length) },
      body: text,
    });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toBe(
      'expected a JSON body (Content-Type: application/json), found text/plain',
    );
    const users = (await (await admin.request('/api/users')).json()) as {
      username: string;
      disabled: boolean;
    }[];
    expect(users.find((u) => u.username === 'test-viewer')?.disabled).toBe(false);
    const login = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'test-viewer', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(415);
  });

  it('answers 421 to a Host this server is not', async () => {
    const { app } = await setup();
    for (const path of ['/api/health', '/']) {
      const res = await app.request(`http://evil.example${path}`, { headers: { host: 'evil.example' } });
      expect(res.status, path).toBe(421);
      expect(await errorOf(res)).toMatch(/does not answer to the host evil\.example/);
    }
    const ok = await app.request('http://localhost:8080/api/health', { headers: { host: 'localhost:8080' } });
    expect(ok.status).toBe(200);
  });
});

describe('what every response carries', () => {
  it('has the security headers on the web app and on the API', async () => {
    const { app } = await setup();
    registerWebApp(
      app,
      writeTemp(tempDir(), 'index.html', '<!doctype html><title>jobinvest</title>').replace(
        /\/index\.html$/,
        '',
      ),
    );
    for (const path of ['/', '/api/health']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(directives.get('object-src'), path).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      // Over plain http there is no HSTS (it would lock browsers out of a server without TLS).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    expect((await app.request('/api/health')).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/')).headers.get('content-type')).toMatch(/^text\/html/);
  });
});
