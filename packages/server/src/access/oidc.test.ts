/**
 * The OIDC login against a real identity provider: `oidc-provider` on a loopback port, jobinvest
 * as a real HTTP server on another, and a "browser" of fetch calls that follows the redirects by
 * hand, keeps each site's cookies and submits the provider's login and consent forms. What the
 * provider's claims say becomes the session's role and municipalities, or a refusal without one.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { SHIPPED_RATES } from '@jobinvest/core';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig, type Config } from '../config.ts';
import { auditEntries, Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { OidcLogin } from './oidc.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { addUser, userNamed } from './users.ts';

const CLIENT = { id: 'jobinvest-test', secret: 'a client secret of the test provider' };

/** The provider's users: their claims as the municipality's identity provider would send them. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  mette: { preferred_username: 'mette', roles: ['Medarbejder', 'JobinvestOekonom'], municipalities: ['101'] },
  lars: { preferred_username: 'lars', roles: 'analyst', municipalities: '101 825' },
  nina: { preferred_username: 'nina', roles: ['viewer'], municipalities: ['national'] },
  karin: { preferred_username: 'karin', roles: ['caseworker'], municipalities: ['825'], caseworker: 'cw-17' },
  // A role jobinvest does not know, and one without the municipality claim.
  gaest: { preferred_username: 'gaest', roles: ['Gæst'], municipalities: ['101'] },
  homeless: { preferred_username: 'homeless', roles: ['economist'] },
  // A caseworker without the caseworker id.
  anon: { preferred_username: 'anon', roles: ['caseworker'], municipalities: ['101'] },
  // A name that is a local account here.
  local: { preferred_username: 'test-admin', roles: ['admin'], municipalities: ['101'] },
};

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

let idp: Server;
let web: Server;
let issuer = '';
let base = '';
let store: Store;
let config: Config;

beforeAll(async () => {
  idp = createServer();
  issuer = await listen(idp);
  web = createServer();
  base = await listen(web);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${base}/api/session/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx, id) =>
      ACCOUNTS[id] && { accountId: id, claims: () => ({ sub: `sub-${id}`, ...ACCOUNTS[id] }) },
    claims: {
      openid: ['sub'],
      profile: ['preferred_username'],
      jobinvest: ['roles', 'municipalities', 'caseworker'],
    },
    // The claims of the scopes in the ID token, as Entra ID sends roles (jobinvest reads the ID token).
    conformIdTokenClaims: false,
    cookies: { keys: ['a cookie key of the test provider'] },
    features: { devInteractions: { enabled: true } },
  });
  idp.on('request', provider.callback());

  store = await Store.open(':memory:');
  await store.write((c) => c.run("INSERT INTO municipalities VALUES (101, 'København'), (825, 'Læsø')"));
  config = normalizeConfig(
    {
      access: {
        oidc: {
          issuer,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          redirectUri: `${base}/api/session/oidc/callback`,
          scope: 'openid profile jobinvest',
          roleMap: { JobinvestOekonom: 'economist' },
          allowHttp: true,
        },
      },
    },
    'test',
  );
  const app = createApp({ config, rates: SHIPPED_RATES, store });
  web.on('request', getRequestListener(app.fetch));
  // A local account whose name the provider also sends.
  await addUser(store, { username: 'test-admin', role: 'admin', password: 'correct horse battery' });
});

afterAll(async () => {
  await Promise.all([idp && close(idp), web && close(web)]);
  store?.close();
});

/** A browser's cookies, per host (paths are ignored: every cookie goes back to its host). */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();

  store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const host = this.cookies.get(url.host) ?? new Map<string, string>();
      this.cookies.set(url.host, host);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) host.delete(name);
      else host.set(name, value);
    }
  }

  header(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  get(url: URL, name: string): string | undefined {
    return this.cookies.get(url.host)?.get(name);
  }
}

async function go(jar: Jar, url: URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, res);
  return res;
}

const decodeHtml = (text: string) => text.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/');

/**
 * Log in as `account` from jobinvest's login link: follow the redirects, fill in the provider's
 * login form and confirm its consent form, until the provider sends the browser back to jobinvest.
 * The answer of jobinvest's callback, and where it sends the browser.
 */
async function logIn(account: string, jar = new Jar()) {
  let url = new URL('/api/session/oidc', base);
  let res = await go(jar, url);
  const forms: string[] = [];
  for (let step = 0; step < 20; step++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (url.origin === base && url.pathname === '/api/session/oidc/callback')
        return { res, location: next, jar, forms };
      url = next;
      res = await go(jar, url);
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(url.origin).toBe(issuer);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form of the provider at ${url.href}: ${html.slice(0, 500)}`);
    forms.push(prompt);
    const body = new URLSearchParams(
      prompt === 'login' ? { prompt, login: account, password: 'whatever' } : { prompt },
    );
    url = new URL(decodeHtml(action), url);
    res = await go(jar, url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }
  throw new Error('the login did not come back to jobinvest');
}

async function sessionOf(jar: Jar) {
  const res = await go(jar, new URL('/api/session', base));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /api/session/oidc', () => {
  it("sends the browser to the provider's authorization endpoint with PKCE, state and nonce", async () => {
    const res = await fetch(new URL('/api/session/oidc', base), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(to.pathname).toBe('/auth');
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: CLIENT.id,
      redirect_uri: `${base}/api/session/oidc/callback`,
      response_type: 'code',
      scope: 'openid profile jobinvest',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
    });
    // No session is started by asking.
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });
});

describe('the login through the identity provider', () => {
  it('logs in with the role the roleMap gives and the municipalities of the claims', async () => {
    const { res, location, jar, forms } = await logIn('mette');
    expect(forms).toEqual(['login', 'consent']);
    expect(res.status).toBe(302);
    expect(location.href).toBe(`${base}/`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(jar.get(new URL(base), SESSION_COOKIE)).toMatch(/^[\w-]{43}$/);
    const session = await sessionOf(jar);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      username: 'mette',
      role: 'economist',
      municipalities: [101],
      national: false,
      caseworker: null,
    });
    // The role's permissions, not the provider's other roles.
    expect(session.body.permissions).not.toContain('read:persons');
    const [login] = await auditEntries(store, { action: 'login', username: 'mette' });
    expect(login).toMatchObject({ username: 'mette', role: 'economist', resource: 'oidc', persons: [] });
    expect(await userNamed(store, 'mette')).toMatchObject({
      role: 'economist',
      municipalities: [101],
      local: false,
      disabled: false,
    });
    // The session works for the role's routes and is refused for others.
    expect((await go(jar, new URL('/api/cases', base))).status).toBe(200);
    expect((await go(jar, new URL('/api/users', base))).status).toBe(403);
  });

  it('takes a role and municipalities sent as one string, and the role as it is without a roleMap entry', async () => {
    const { location, jar } = await logIn('lars');
    expect(location.href).toBe(`${base}/`);
    expect((await sessionOf(jar)).body).toMatchObject({
      username: 'lars',
      role: 'analyst',
      municipalities: [101, 825],
      national: false,
    });
  });

  it('sees every municipality only with an explicit "national"', async () => {
    const { jar } = await logIn('nina');
    expect((await sessionOf(jar)).body).toMatchObject({
      username: 'nina',
      role: 'viewer',
      municipalities: [101, 825],
      national: true,
    });
    expect((await userNamed(store, 'nina'))?.municipalities).toBeNull();
  });

  it("gives a caseworker the caseworker id of the claims as their caseload's", async () => {
    const { jar } = await logIn('karin');
    expect((await sessionOf(jar)).body).toMatchObject({
      role: 'caseworker',
      municipalities: [825],
      caseworker: 'cw-17',
    });
  });

  it.each([
    ['gaest', /names no role of jobinvest for gaest/],
    ['homeless', /the claim municipalities names no municipality code for homeless/],
    ['anon', /a caseworker needs the claim caseworker/],
    ['local', /test-admin is a local account here/],
  ])('refuses %s: back to the login page with the reason, and no session', async (account, reason) => {
    const before = (await auditEntries(store, { action: 'login.failed' })).length;
    const { res, location, jar } = await logIn(account);
    expect(res.status).toBe(302);
    expect(location.origin).toBe(base);
    expect(location.pathname).toBe('/');
    expect(location.hash).toMatch(/^#\/login\?error=/);
    expect(decodeURIComponent(location.hash.slice('#/login?error='.length))).toMatch(reason);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect((await sessionOf(jar)).status).toBe(401);
    expect(await auditEntries(store, { action: 'login', username: account })).toEqual([]);
    expect((await auditEntries(store, { action: 'login.failed' })).length).toBe(before + 1);
    // The refused user is not recorded (a local account stays as it was).
    if (account !== 'local') expect(await userNamed(store, account)).toBeNull();
    else expect((await userNamed(store, 'test-admin'))?.local).toBe(true);
  });

  it('refuses a callback it did not start, and the same answer twice', async () => {
    const forged = await fetch(new URL('/api/session/oidc/callback?code=abc&state=forged', base), {
      redirect: 'manual',
    });
    expect(forged.status).toBe(302);
    expect(decodeURIComponent(forged.headers.get('location')!)).toMatch(
      /^\/#\/login\?error=the login took too long or was not started here/,
    );
    expect(forged.headers.getSetCookie()).toEqual([]);

    // Replay the provider's answer of a login that went through.
    const jar = new Jar();
    let url = new URL('/api/session/oidc', base);
    let res = await go(jar, url);
    let callback: URL | null = null;
    for (let step = 0; step < 20 && !callback; step++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        if (url.origin === base) callback = url;
        else res = await go(jar, url);
        continue;
      }
      const html = await res.text();
      const action = decodeHtml(/<form[^>]*action="([^"]+)"/.exec(html)![1]!);
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)![1]!;
      url = new URL(action, url);
      res = await go(jar, url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(prompt === 'login' ? { prompt, login: 'lars', password: 'x' } : { prompt }),
      });
    }
    expect(callback?.pathname).toBe('/api/session/oidc/callback');
    const first = await fetch(callback!, { redirect: 'manual' });
    expect(first.headers.get('location')).toBe('/');
    const again = await fetch(callback!, { redirect: 'manual' });
    expect(again.headers.get('location')).toMatch(/^\/#\/login\?error=/);
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});

describe('the provider over http', () => {
  const settings = (issuerUrl: string, allowHttp: boolean) => ({
    access: {
      oidc: {
        issuer: issuerUrl,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: 'http://127.0.0.1:8080/api/session/oidc/callback',
        allowHttp,
      },
    },
  });

  it('is refused unless access.oidc.allowHttp says otherwise', async () => {
    const strict = new OidcLogin(normalizeConfig(settings(issuer, false), 'test').access.oidc!);
    await expect(strict.start()).rejects.toThrow(/could not be reached/);
    const loose = new OidcLogin(normalizeConfig(settings(issuer, true), 'test').access.oidc!);
    expect((await loose.start()).origin).toBe(issuer);
  });

  it('is allowed only for a provider on loopback', () => {
    for (const host of ['127.0.0.1:9000', 'localhost:9000', '[::1]:9000'])
      expect(() => normalizeConfig(settings(`http://${host}`, true), 'test')).not.toThrow();
    for (const host of ['idp.kommune.dk', '10.0.0.5:8443', '127.0.0.1.nip.io'])
      expect(() => normalizeConfig(settings(`http://${host}`, true), 'test')).toThrow(/allowHttp/);
    // An https provider needs no exception.
    expect(() => normalizeConfig(settings('https://idp.kommune.dk', false), 'test')).not.toThrow();
  });
});
