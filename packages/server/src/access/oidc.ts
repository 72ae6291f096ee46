/**
 * Login through the municipality's identity provider (OpenID Connect, authorization code flow with
 * PKCE, state and nonce): Entra ID, AD FS, or KOMBIT's context handler behind an OIDC bridge. The
 * role, municipalities and caseworker id come from the claims named in `access.oidc`; a user whose
 * claims name no known role is refused. Each login records the user (without a password) so that
 * an admin can see and disable them.
 */

import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  discovery,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  type Configuration,
} from 'openid-client';
import { isRole, type Principal, type Role } from '@jobinvest/core';
import type { Config } from '../config.ts';
import type { Store } from '../data/index.ts';
import { AccessError } from '../http/principal.ts';

type OidcConfig = NonNullable<Config['access']['oidc']>;

interface Pending {
  readonly verifier: string;
  readonly nonce: string;
  readonly at: number;
}

const PENDING_MS = 10 * 60_000;
const MAX_PENDING = 1000;

export class OidcLogin {
  private configuration: Promise<Configuration> | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly settings: OidcConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private client(): Promise<Configuration> {
    this.configuration ??= discovery(
      new URL(this.settings.issuer),
      this.settings.clientId,
      this.settings.clientSecret,
      undefined,
      this.settings.allowHttp ? { execute: [allowInsecureRequests] } : {},
    ).catch((error: unknown) => {
      this.configuration = null;
      throw new AccessError(
        `the identity provider ${this.settings.issuer} could not be reached: ${(error as Error).message}`,
        403,
      );
    });
    return this.configuration;
  }

  /** Where to send the browser to log in. */
  async start(): Promise<URL> {
    const config = await this.client();
    const now = this.now();
    for (const [state, p] of this.pending) if (now - p.at > PENDING_MS) this.pending.delete(state);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const state = randomState();
    const verifier = randomPKCECodeVerifier();
    const nonce = randomNonce();
    this.pending.set(state, { verifier, nonce, at: now });
    return buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scope,
      code_challenge: await calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** The user the provider's answer at `callback` (the full callback URL) names. */
  async finish(callback: URL): Promise<Principal> {
    const state = callback.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (!pending || this.now() - pending.at > PENDING_MS)
      throw new AccessError('the login took too long or was not started here: log in again', 401);
    const config = await this.client();
    // The callback as the provider was told it is, with the answer's parameters.
    const url = new URL(this.settings.redirectUri);
    url.search = callback.search;
    const tokens = await authorizationCodeGrant(config, url, {
      pkceCodeVerifier: pending.verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
    }).catch((error: unknown) => {
      throw new AccessError(`the identity provider refused the login: ${(error as Error).message}`, 401);
    });
    const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    return principalFromClaims(claims, this.settings);
  }
}

const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : String(value).split(/[\s,]+/);

/** Role, municipalities and caseworker from the ID token's claims, as `access.oidc` names them. */
export function principalFromClaims(claims: Record<string, unknown>, settings: OidcConfig): Principal {
  const username = String(claims[settings.usernameClaim] ?? claims.sub ?? '').slice(0, 64);
  if (!username)
    throw new AccessError(`the identity provider sent no ${settings.usernameClaim} or sub claim`, 403);
  const role = asList(claims[settings.roleClaim])
    .map((r) => settings.roleMap[String(r)] ?? String(r))
    .find((r): r is Role => isRole(r));
  if (!role)
    throw new AccessError(
      `the identity provider names no role of jobinvest for ${username} (claim ${settings.roleClaim}); ask your administrator`,
      403,
    );
  const places = asList(claims[settings.municipalityClaim]).map(String);
  // Only an explicit "national" sees every municipality; a missing claim sees none (refused below).
  const national = places.some((p) => p.toLowerCase() === 'national');
  const codes = places.map(Number).filter((n) => Number.isInteger(n) && n >= 100 && n <= 999);
  if (!national && codes.length === 0)
    throw new AccessError(
      `the claim ${settings.municipalityClaim} names no municipality code for ${username}`,
      403,
    );
  const caseworker = claims[settings.caseworkerClaim];
  if (role === 'caseworker' && (caseworker === undefined || caseworker === null || caseworker === ''))
    throw new AccessError(
      `a caseworker needs the claim ${settings.caseworkerClaim} (their caseworker id)`,
      403,
    );
  return {
    username,
    role,
    municipalities: national ? null : [...new Set(codes)].sort((a, b) => a - b),
    caseworker: role === 'caseworker' ? String(caseworker) : null,
  };
}

/** Record (or update) the provider's user; refuse one that is disabled or a local account. */
export async function rememberOidcUser(store: Store, principal: Principal): Promise<void> {
  const [existing] = await store.query<{ disabled: boolean; local: boolean }>(
    'SELECT disabled, password_hash IS NOT NULL AS local FROM users WHERE lower(username) = lower($1)',
    [principal.username],
  );
  if (existing?.disabled) throw new AccessError(`the user ${principal.username} is disabled here`, 403);
  if (existing?.local)
    throw new AccessError(`${principal.username} is a local account here; log in with its password`, 403);
  const codes = principal.municipalities;
  await store.transaction(async (c) => {
    await c.run('DELETE FROM users WHERE lower(username) = lower($1)', [principal.username]);
    await c.run(
      `INSERT INTO users VALUES ($1, $2, ${codes === null ? 'NULL' : `[${codes.join(', ')}]::INTEGER[]`}, $3, NULL, false, false, now())`,
      [principal.username, principal.role, principal.caseworker],
    );
  });
}
