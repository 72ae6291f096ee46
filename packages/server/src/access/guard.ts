/**
 * The guard in front of every /api route: finds the route's rule (route-rules.ts), who is asking
 * (the session cookie, or the local command line's token from `<db>.server.json`), refuses
 * cross-site and non-JSON state changes, and lets the request through only if the caller's role has
 * the rule's permission. The rooms then ask `principalOf(request)` who it is, to keep to their
 * municipalities, withhold small numbers and record person-level reads.
 */

import { timingSafeEqual } from 'node:crypto';
import type { Principal } from '@jobinvest/core';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Config } from '../config.ts';
import { localUsername } from '../data/index.ts';
import { setPrincipal } from '../http/principal.ts';
import { mayUse, ruleOf, ruleText } from './route-rules.ts';
import { SESSION_COOKIE, type Sessions } from './sessions.ts';

export interface Access {
  readonly sessions: Sessions;
  /** The token a `jobinvest` command on this machine sends (the server file is owner-only). */
  readonly localToken: string | null;
  readonly config: Config;
}

/** The command line on this machine, through a running server. */
export function localPrincipal(): Principal {
  return { username: localUsername(), role: 'admin', municipalities: null, caseworker: null };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The state changes that carry a body other than JSON: uploads. */
const NOT_JSON = new Set(['POST /api/imports', 'POST /api/codes']);

function hostOf(value: string): string {
  return value.toLowerCase().replace(/:\d+$/, '');
}

export function allowedHost(config: Config, host: string | undefined): boolean {
  if (!host) return false;
  return config.server.allowedHosts.map((h) => h.toLowerCase()).includes(hostOf(host));
}

/**
 * Whether a page at `origin` is one of this server's: an allowed host, and the host and port the
 * request was sent to (a page of another server on the same machine, e.g. localhost:3000, is
 * another site's page even though the cookie, which knows no ports, goes with it).
 */
function sameOrigin(config: Config, origin: string, host: string): boolean {
  try {
    const page = new URL(origin);
    // The Host header read with the page's scheme, so that a default port (:443, :80) reads alike.
    return allowedHost(config, page.host) && page.host === new URL(`${page.protocol}//${host}`).host;
  } catch {
    // "null" or garbage: not a page of ours.
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function accessGuard(access: Access): MiddlewareHandler {
  const local = localPrincipal();
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const found = ruleOf(method, path);
    if (!found) return c.json({ error: `no such endpoint: ${method} ${path}` }, 404);
    if (STATE_CHANGING.has(method)) {
      // A browser names the page a request comes from; a page of another site may not change anything.
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        if (!sameOrigin(access.config, origin, c.req.header('host') ?? new URL(c.req.url).host))
          return c.json(
            { error: `a request from ${origin.slice(0, 100)} may not change anything here` },
            403,
          );
      }
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const hasBody =
        (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
      if (hasBody && type !== 'application/json' && !NOT_JSON.has(found.key))
        return c.json(
          { error: `expected a JSON body (Content-Type: application/json), found ${type || 'none'}` },
          415,
        );
    }
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const principal =
      bearer !== undefined && access.localToken !== null && sameText(bearer, access.localToken)
        ? local
        : await access.sessions.principal(getCookie(c, SESSION_COOKIE));
    if (principal) setPrincipal(c.req.raw, principal);
    if (found.rule !== 'public') {
      if (!principal) return c.json({ error: 'log in first (POST /api/session)' }, 401);
      if (!mayUse(principal.role, found.rule))
        return c.json(
          {
            error: `the role ${principal.role} may not use ${method} ${path} (it needs ${ruleText(found.rule)})`,
          },
          403,
        );
    }
    await next();
  };
}
