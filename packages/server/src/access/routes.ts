/**
 * The session (`POST/GET/DELETE /api/session`, the identity provider's `GET /api/session/oidc` and
 * its callback), what the login page shows (`GET /api/session/demo`), and the admin's reads: users
 * (`GET /api/users`) and the audit trail (`GET /api/audit`, `GET /api/audit/verify`).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { PERMISSION_MATRIX, ROLES, type Principal } from '@jobinvest/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.ts';
import type { Store } from '../data/index.ts';
import { errorJson, errorResponses, json } from '../http/schemas.ts';
import { audit, auditEntries, verifyAudit } from '../data/index.ts';
import { DEMO_PASSWORDS, isDemoStore } from './demo-users.ts';
import { AccessError, principalOf, requirePrincipal } from '../http/principal.ts';
import { looksLikeCpr } from '../input/cpr.ts';
import type { Access } from './guard.ts';
import { OidcLogin, rememberOidcUser } from './oidc.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { addUser, checkPassword, disableUser, users, type User } from './users.ts';

const SessionSchema = z
  .object({
    username: z.string(),
    role: z.enum(ROLES),
    municipalities: z
      .array(z.number().int())
      .openapi({ description: 'Codes the user sees (all, for a national user)' }),
    national: z.boolean(),
    caseworker: z.string().nullable(),
    permissions: z.array(z.string()),
  })
  .openapi('Session');

const LoginSchema = z
  .object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) })
  .openapi('Login');

const LoginPageSchema = z
  .object({
    demo: z.boolean().openapi({ description: 'The store holds synthetic demo data' }),
    demoUsers: z.array(z.object({ username: z.string(), role: z.enum(ROLES), password: z.string() })),
    oidc: z.boolean().openapi({ description: 'Users can log in through the identity provider' }),
    noUsers: z
      .boolean()
      .openapi({ description: 'The store has no users yet: the first admin is to be added' }),
  })
  .openapi('LoginPage');

const UserSchema = z
  .object({
    username: z.string(),
    role: z.enum(ROLES),
    municipalities: z.array(z.number().int()).nullable(),
    caseworker: z.string().nullable(),
    disabled: z.boolean(),
    local: z.boolean(),
    demo: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    username: z.string(),
    role: z.string().nullable(),
    action: z.string(),
    resource: z.string(),
    persons: z.array(z.string()),
  })
  .openapi('AuditEntry');

const routes = {
  login: createRoute({
    method: 'post',
    path: '/api/session',
    request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
    responses: {
      200: json(SessionSchema, 'Logged in; the session cookie is set'),
      401: errorJson('Wrong username or password'),
      429: errorJson('Too many failed logins: locked for a while'),
      ...errorResponses,
    },
  }),
  session: createRoute({
    method: 'get',
    path: '/api/session',
    responses: { 200: json(SessionSchema, 'Who is logged in'), 401: errorJson('Nobody is logged in') },
  }),
  logout: createRoute({
    method: 'delete',
    path: '/api/session',
    responses: { 200: json(z.object({ ended: z.boolean() }), 'The session has ended') },
  }),
  loginPage: createRoute({
    method: 'get',
    path: '/api/session/demo',
    responses: { 200: json(LoginPageSchema, 'What the login page shows') },
  }),
  oidcStart: createRoute({
    method: 'get',
    path: '/api/session/oidc',
    responses: {
      302: { description: "To the identity provider's login" },
      404: errorJson('No identity provider is set up'),
    },
  }),
  oidcCallback: createRoute({
    method: 'get',
    path: '/api/session/oidc/callback',
    responses: { 302: { description: 'Logged in; back to the app' } },
  }),
  users: createRoute({
    method: 'get',
    path: '/api/users',
    responses: { 200: json(z.array(UserSchema), 'The users of the store') },
  }),
  addUser: createRoute({
    method: 'post',
    path: '/api/users',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z
              .object({
                username: z.string().max(200),
                role: z.string().max(50),
                municipalities: z.array(z.number().int()).max(200).optional(),
                caseworker: z.string().max(200).nullable().optional(),
                password: z.string().max(1000).optional(),
              })
              .openapi('NewUser'),
          },
        },
        required: true,
      },
    },
    responses: {
      201: json(UserSchema, 'The user is added'),
      409: errorJson('The name is taken'),
      ...errorResponses,
    },
  }),
  disableUser: createRoute({
    method: 'post',
    path: '/api/users/{username}/disable',
    request: { params: z.object({ username: z.string().max(200) }) },
    responses: {
      200: json(UserSchema, 'The user is disabled'),
      409: errorJson('No such user, or the last active admin'),
    },
  }),
  audit: createRoute({
    method: 'get',
    path: '/api/audit',
    request: {
      query: z.object({
        since: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'a date YYYY-MM-DD or an ISO 8601 instant')
          .optional(),
        username: z.string().max(200).optional(),
        action: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(100_000).optional(),
      }),
    },
    responses: { 200: json(z.array(AuditEntrySchema), 'Audit entries, newest first'), ...errorResponses },
  }),
  verify: createRoute({
    method: 'get',
    path: '/api/audit/verify',
    responses: {
      200: json(
        z.object({ ok: z.boolean(), entries: z.number().int(), problems: z.array(z.string()) }),
        'Whether the chain of the audit trail holds',
      ),
    },
  }),
};

/** The municipality codes of the store, for a national user's session. */
async function allMunicipalities(store: Store): Promise<number[]> {
  return (await store.query<{ code: number }>('SELECT code FROM municipalities ORDER BY code')).map((r) =>
    Number(r.code),
  );
}

async function sessionOf(store: Store, principal: Principal) {
  return {
    username: principal.username,
    role: principal.role,
    municipalities:
      principal.municipalities === null ? await allMunicipalities(store) : [...principal.municipalities],
    national: principal.municipalities === null,
    caseworker: principal.caseworker,
    permissions: [...PERMISSION_MATRIX[principal.role]],
  };
}

/** The address a request came from (for the login limits), or "local" in tests. */
function addressOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

function setSession(c: Context, config: Config, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: config.server.tls !== null,
    path: '/',
    maxAge: Math.floor(maxAgeSeconds),
  });
}

export function registerAccessRoutes(
  app: OpenAPIHono,
  context: { store: Store; config: Config },
  access: Access,
): void {
  const { store, config } = context;
  const oidc = config.access.oidc ? new OidcLogin(config.access.oidc) : null;

  app.openapi(routes.login, async (c) => {
    const { username, password } = c.req.valid('json');
    access.sessions.checkLogin(username, addressOf(c));
    const found = await checkPassword(store, username, password);
    // A demo user's password is on the login page: it opens nothing once the store holds real data.
    const user = found?.demo && !(await isDemoStore(store)) ? null : found;
    if (!user) {
      // Someone used to logging in with their CPR number types it here: it is not recorded.
      await audit(store, {
        username: looksLikeCpr(username) ? '(a CPR number)' : username,
        role: null,
        action: 'login.failed',
        resource: 'password',
        persons: [],
      });
      throw new AccessError('wrong username or password', 401);
    }
    access.sessions.loginSucceeded(username);
    const token = await access.sessions.create(user, 'password');
    await audit(store, {
      username: user.username,
      role: user.role,
      action: 'login',
      resource: 'password',
      persons: [],
    });
    setSession(c, config, token, access.sessions.absoluteMs / 1000);
    return c.json(await sessionOf(store, user), 200);
  });

  app.openapi(routes.session, async (c) => {
    const principal = principalOf(c.req.raw);
    if (!principal) return c.json({ error: 'nobody is logged in' }, 401);
    return c.json(await sessionOf(store, principal), 200);
  });

  app.openapi(routes.logout, async (c) => {
    const principal = principalOf(c.req.raw);
    const token = getCookie(c, SESSION_COOKIE);
    await access.sessions.end(token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (principal && token)
      await audit(store, {
        username: principal.username,
        role: principal.role,
        action: 'logout',
        resource: 'session',
        persons: [],
      });
    return c.json({ ended: principal !== null && token !== undefined }, 200);
  });

  app.openapi(routes.loginPage, async (c) => {
    const demo = await isDemoStore(store);
    const all = await users(store);
    return c.json(
      {
        demo,
        demoUsers: demo
          ? all
              .filter((u) => u.demo && !u.disabled)
              // In the matrix's order, from the most to the least one may see.
              .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))
              .map((u) => ({ username: u.username, role: u.role, password: DEMO_PASSWORDS[u.role] }))
          : [],
        oidc: oidc !== null,
        noUsers: all.length === 0,
      },
      200,
    );
  });

  app.openapi(routes.oidcStart, async (c) => {
    if (!oidc)
      return c.json({ error: 'no identity provider is set up (access.oidc in the config file)' }, 404);
    return c.redirect((await oidc.start()).href, 302);
  });

  app.openapi(routes.oidcCallback, async (c) => {
    if (!oidc) return c.redirect('/#/login', 302);
    try {
      const principal = await oidc.finish(new URL(c.req.url));
      await rememberOidcUser(store, principal);
      const token = await access.sessions.create(principal, 'oidc');
      await audit(store, {
        username: principal.username,
        role: principal.role,
        action: 'login',
        resource: 'oidc',
        persons: [],
      });
      setSession(c, config, token, access.sessions.absoluteMs / 1000);
      return c.redirect('/', 302);
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      await audit(store, {
        username: '(identity provider)',
        role: null,
        action: 'login.failed',
        resource: 'oidc',
        persons: [],
      });
      return c.redirect(`/#/login?error=${encodeURIComponent(error.message)}`, 302);
    }
  });

  app.openapi(routes.users, async (c) => {
    requirePrincipal(c.req.raw);
    return c.json((await users(store)).map(shown), 200);
  });

  const shown = (u: User) => ({ ...u, municipalities: u.municipalities && [...u.municipalities] });

  app.openapi(routes.addUser, async (c) => {
    const by = requirePrincipal(c.req.raw);
    const body = c.req.valid('json');
    const added = await addUser(
      store,
      {
        username: body.username,
        role: body.role,
        municipalities: body.municipalities ?? [],
        caseworker: body.caseworker ?? null,
        ...(body.password === undefined ? {} : { password: body.password }),
      },
      'request body',
    );
    await audit(store, {
      username: by.username,
      role: by.role,
      action: 'users.add',
      resource: `${added.username} (${added.role})`,
      persons: [],
    });
    return c.json(shown(added), 201);
  });

  app.openapi(routes.disableUser, async (c) => {
    const by = requirePrincipal(c.req.raw);
    const user = await disableUser(store, c.req.valid('param').username);
    await access.sessions.endFor(user.username);
    await audit(store, {
      username: by.username,
      role: by.role,
      action: 'users.disable',
      resource: user.username,
      persons: [],
    });
    return c.json(shown(user), 200);
  });

  app.openapi(routes.audit, async (c) => {
    requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    return c.json(
      (await auditEntries(store, q)).map((e) => ({ ...e, persons: [...e.persons] })),
      200,
    );
  });

  app.openapi(routes.verify, async (c) => {
    requirePrincipal(c.req.raw);
    return c.json(await verifyAudit(store), 200);
  });
}
