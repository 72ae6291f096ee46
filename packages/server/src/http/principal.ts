/**
 * Who is asking, for the rooms: the route guard (access/guard.ts) records the principal of each
 * request, and the rooms ask here to keep to the caller's municipalities and to withhold small
 * numbers. AccessError is the refusal every room throws: 401 (nobody is logged in, or the login
 * failed), 403 (the role may not), 429 (too many failed logins). Its message says what to do; it
 * never says whether a person or a username exists.
 */

import { seesMunicipality, suppressesFor, type Principal } from '@jobinvest/core';
import type { Config } from '../config.ts';

export class AccessError extends Error {
  override readonly name = 'AccessError';
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 409 | 415 | 421 | 429 = 403,
    /** Seconds until a locked login may try again (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const principals = new WeakMap<Request, Principal>();

/** Who made `request`, or null for an anonymous request to a public route. */
export function principalOf(request: Request): Principal | null {
  return principals.get(request) ?? null;
}

/** Who made `request`; a 401 if nobody is logged in. */
export function requirePrincipal(request: Request): Principal {
  const principal = principals.get(request);
  if (!principal) throw new AccessError('log in first', 401);
  return principal;
}

/** Refuse a municipality the caller does not belong to (403, the same whether it exists or not). */
export function requireMunicipality(principal: Principal, code: number): void {
  if (!seesMunicipality(principal, code))
    throw new AccessError(
      `you have access to ${principal.municipalities?.map((m) => String(m).padStart(3, '0')).join(', ') || 'no municipality'}, not to municipality ${String(code).padStart(3, '0')}`,
      403,
    );
}

/** The suppression threshold for this caller, or null when they see figures as they are. */
export function suppressionFor(principal: Principal, config: Config): number | null {
  return suppressesFor(principal.role) ? config.access.suppressionThreshold : null;
}

/** Record who made `request` (the guard does, once it knows). */
export function setPrincipal(request: Request, principal: Principal): void {
  principals.set(request, principal);
}
