/**
 * Tests' way in: a user of `role` in the store and a logged-in session in the app, and a `request`
 * like the app's own that sends the session cookie (and, for a state change, this server's Origin,
 * as a browser would).
 */

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Role } from '@jobinvest/core';
import type { Store } from '../data/index.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { addUser, userNamed, type NewUser } from './users.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface SignedIn {
  readonly username: string;
  readonly cookie: string;
  /** The app itself, to sign someone else in. */
  readonly app: OpenAPIHono;
  /** As `app.request`, with the session. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** `headers` with the session `cookie` and, unless it is a read, the Origin of http://localhost. */
export function withSession(cookie: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('cookie', `${SESSION_COOKIE}=${cookie}`);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin'))
    headers.set('origin', 'http://localhost');
  return { ...init, headers };
}

/** Make sure the store has a user `test-<role>` (and the admin every store starts with). */
export async function testUser(store: Store, role: Role, extra: Partial<NewUser> = {}): Promise<string> {
  if (!(await userNamed(store, 'test-admin')))
    await addUser(store, { username: 'test-admin', role: 'admin', password: TEST_PASSWORD });
  const username = extra.username ?? `test-${role}`;
  if (!(await userNamed(store, username)))
    await addUser(store, {
      username,
      role,
      password: TEST_PASSWORD,
      ...(role === 'caseworker' ? { caseworker: 'cw-test' } : {}),
      ...extra,
    });
  return username;
}

export async function signIn(
  app: OpenAPIHono,
  store: Store,
  role: Role = 'admin',
  extra: Partial<NewUser> = {},
): Promise<SignedIn> {
  const username = await testUser(store, role, extra);
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200)
    throw new Error(`test login of ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = /jobinvest_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('test login set no session cookie');
  return {
    username,
    cookie,
    app,
    request: (path, init) => Promise.resolve(app.request(path, withSession(cookie, init))),
  };
}
