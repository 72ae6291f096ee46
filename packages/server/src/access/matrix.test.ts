/**
 * The permission matrix as the server enforces it, generated from the API's own description: every
 * operation of GET /api/openapi.json, called anonymously and as each of the six roles, answers as
 * its rule in ROUTE_RULES and the role's permissions in PERMISSION_MATRIX say. A new route without a
 * rule, or a rule without a route, fails here.
 */

import { PERMISSION_MATRIX, ROLES, SHIPPED_RATES, type Role } from '@jobinvest/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../config.ts';
import { openStore, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { mayUse, ROUTE_RULES, ruleText } from './route-rules.ts';
import { signIn, withSession } from './test-helpers.ts';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: { example?: unknown };
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly responses: Record<string, unknown>;
}
interface Call {
  /** `METHOD /path` as in ROUTE_RULES. */
  readonly key: string;
  readonly method: string;
  /** With its path parameters and required query parameters filled in. */
  readonly url: string;
  readonly documented: readonly number[];
}

/** Values for the parameters an operation requires: enough to pass validation, naming nothing real. */
const VALUES: Record<string, string> = {
  municipality: '101',
  at: '202301',
  id: '1',
  // Not a user of the store: POST /api/users/{username}/disable must not disable anyone here.
  username: 'nobody-here',
};

function valueOf(p: Parameter): string {
  return VALUES[p.name] ?? (p.schema?.example === undefined ? 'x' : String(p.schema.example));
}

function callsOf(doc: { paths: Record<string, Record<string, Operation>> }): Call[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      let url = path;
      for (const p of parameters.filter((x) => x.in === 'path'))
        url = url.replace(`{${p.name}}`, encodeURIComponent(valueOf(p)));
      const query = new URLSearchParams(
        parameters
          .filter((p) => p.in === 'query' && p.required)
          .map((p): [string, string] => [p.name, valueOf(p)]),
      );
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        url: query.size > 0 ? `${url}?${query}` : url,
        documented: Object.keys(op.responses).map(Number),
      };
    }),
  );
}

/** The request as a browser page of this server would send it: state changes with Origin and `{}`. */
function init(call: Call): RequestInit {
  if (call.method === 'GET') return {};
  return {
    method: call.method,
    headers: { origin: 'http://localhost', 'content-type': 'application/json' },
    body: '{}',
  };
}

let store: Store;
let app: ReturnType<typeof createApp>;
let calls: Call[];
const cookies = new Map<Role, string>();

beforeAll(async () => {
  store = await openStore(':memory:');
  app = createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store });
  for (const role of ROLES) {
    // National users (no municipality), the caseworker with a caseworker id (testUser gives one).
    const signedIn = await signIn(app, store, role);
    cookies.set(role, signedIn.cookie);
  }
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  calls = callsOf((await res.json()) as { paths: Record<string, Record<string, Operation>> });
}, 60_000);

/** As `role`; a logout gets a session of its own, so that the role's other calls keep theirs. */
async function callAs(role: Role | null, call: Call): Promise<Response> {
  if (role === null) return app.request(call.url, init(call));
  const cookie =
    call.key === 'DELETE /api/session' ? (await signIn(app, store, role)).cookie : cookies.get(role)!;
  return app.request(call.url, withSession(cookie, init(call)));
}

describe('the routes of the OpenAPI description and ROUTE_RULES', () => {
  it('describes many operations, among them the session and the audit trail', () => {
    expect(calls.length).toBeGreaterThan(25);
    expect(calls.map((c) => c.key)).toEqual(
      expect.arrayContaining(['POST /api/session', 'GET /api/audit', 'POST /api/imports']),
    );
  });

  it('has a rule for every operation', () => {
    expect(calls.map((c) => c.key).filter((key) => !(key in ROUTE_RULES))).toEqual([]);
  });

  it('has an operation for every rule but that of the description itself', async () => {
    const described = new Set(calls.map((c) => c.key));
    expect(Object.keys(ROUTE_RULES).filter((key) => !described.has(key))).toEqual(['GET /api/openapi.json']);
    expect((await app.request('/api/openapi.json')).status).toBe(200);
  });

  it('answers 404 to an /api route that has no rule, logged in or not', async () => {
    expect((await app.request('/api/nothing-here')).status).toBe(404);
    const admin = await app.request('/api/nothing-here', withSession(cookies.get('admin')!));
    expect(admin.status).toBe(404);
  });
});

describe('every operation, anonymously and as each role', () => {
  it('lets anyone call a public route (401 only where the route documents it)', async () => {
    const failures: string[] = [];
    for (const call of calls.filter((c) => ROUTE_RULES[c.key] === 'public'))
      for (const role of [null, ...ROLES]) {
        const { status } = await callAs(role, call);
        const refused = status === 403 || (status === 401 && !call.documented.includes(401));
        if (refused) failures.push(`${call.key} as ${role ?? 'anonymous'}: ${status}`);
      }
    expect(failures).toEqual([]);
  });

  it('tells who is logged in to each role, and 401 to nobody', async () => {
    expect((await app.request('/api/session')).status).toBe(401);
    for (const role of ROLES) {
      const res = await app.request('/api/session', withSession(cookies.get(role)!));
      expect(res.status, role).toBe(200);
      expect(await res.json()).toMatchObject({ role, permissions: [...PERMISSION_MATRIX[role]] });
    }
  });

  it('answers 401 to an anonymous call of every other route', async () => {
    const failures: string[] = [];
    for (const call of calls.filter((c) => ROUTE_RULES[c.key] !== 'public')) {
      const res = await callAs(null, call);
      if (res.status !== 401) failures.push(`${call.key}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a role without the permission, and neither 401 nor 403 to one with it', async () => {
    const failures: string[] = [];
    let refused = 0;
    let admitted = 0;
    for (const call of calls) {
      const rule = ROUTE_RULES[call.key];
      if (rule === undefined || rule === 'public') continue;
      for (const role of ROLES) {
        const res = await callAs(role, call);
        if (mayUse(role, rule)) {
          admitted++;
          if (res.status === 401 || res.status === 403)
            failures.push(`${call.key} as ${role} (has ${rule}): ${res.status} ${await res.text()}`);
        } else {
          refused++;
          const body = (await res.json().catch(() => ({}))) as { error?: string };
          if (res.status !== 403 || !body.error?.includes(ruleText(rule)))
            failures.push(`${call.key} as ${role} (lacks ${rule}): ${res.status} ${JSON.stringify(body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Both sides of the matrix were exercised.
    expect(refused).toBeGreaterThan(50);
    expect(admitted).toBeGreaterThan(50);
  });
});
