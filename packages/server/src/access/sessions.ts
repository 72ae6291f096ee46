/**
 * Server-side sessions: the cookie holds an opaque random id (32 bytes), the store holds its
 * SHA-256 with who logged in, so a copy of the store lets nobody in. A session ends after
 * `sessionIdleMinutes` without a request and `sessionAbsoluteHours` after the login, at logout, and
 * when its user is disabled. The sessions in use are kept in memory as well (the server is the one
 * process on its store); the last request's time reaches the store at most once a minute.
 *
 * Logins are limited: after `loginAttempts` failures in a row a username is locked for
 * `lockoutMinutes` (known or not, so the lock says nothing about whether it exists), and one
 * address may try at most 30 times a minute.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '@jobinvest/core';
import type { Config } from '../config.ts';
import type { Store } from '../data/index.ts';
import { AccessError } from '../http/principal.ts';

export const SESSION_COOKIE = 'jobinvest_session';

interface Held {
  readonly principal: Principal;
  readonly createdAt: number;
  lastSeen: number;
  savedSeen: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const TOUCH_EVERY_MS = 60_000;
const ADDRESS_ATTEMPTS_PER_MINUTE = 30;
const MAX_TRACKED = 10_000;

export class Sessions {
  private readonly held = new Map<string, Held>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly store: Store,
    private readonly access: Config['access'],
    /** Milliseconds since the epoch; tests move it. */
    private readonly now: () => number = Date.now,
  ) {}

  get idleMs(): number {
    return this.access.sessionIdleMinutes * 60_000;
  }

  get absoluteMs(): number {
    return this.access.sessionAbsoluteHours * 3_600_000;
  }

  /** A new session for `principal`; its cookie value. */
  async create(principal: Principal, source: 'password' | 'oidc'): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const codes = principal.municipalities;
    await this.store.transaction((c) =>
      c.run(
        `INSERT INTO sessions VALUES ($1, $2, $3, ${codes === null ? 'NULL' : codes.length === 0 ? '[]::INTEGER[]' : `[${codes.map(Number).join(', ')}]::INTEGER[]`}, $4, $5, make_timestamp($6::BIGINT * 1000), make_timestamp($6::BIGINT * 1000))`,
        [hashOf(token), principal.username, principal.role, principal.caseworker, source, now],
      ),
    );
    this.held.set(hashOf(token), { principal, createdAt: now, lastSeen: now, savedSeen: now });
    return token;
  }

  /** Who holds the session `token`, or null when there is none or it has expired. */
  async principal(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const key = hashOf(token);
    let held = this.held.get(key);
    if (!held) {
      const [row] = await this.store.query<{
        username: string;
        role: string;
        municipalities: number[] | null;
        caseworker: string | null;
        created_ms: bigint | number;
        seen_ms: bigint | number;
      }>(
        `SELECT s.username, s.role, s.municipalities, s.caseworker,
                epoch_ms(s.created_at) AS created_ms, epoch_ms(s.last_seen) AS seen_ms
         FROM sessions s JOIN users u ON u.username = s.username
         WHERE s.token_hash = $1 AND NOT u.disabled`,
        [key],
      );
      if (!row) return null;
      const principal: Principal = {
        username: row.username,
        role: row.role as Role,
        municipalities: row.municipalities === null ? null : [...row.municipalities].map(Number),
        caseworker: row.caseworker,
      };
      held = {
        principal,
        createdAt: Number(row.created_ms),
        lastSeen: Number(row.seen_ms),
        savedSeen: Number(row.seen_ms),
      };
      this.held.set(key, held);
    }
    const now = this.now();
    if (now - held.lastSeen > this.idleMs || now - held.createdAt > this.absoluteMs) {
      await this.endKey(key);
      return null;
    }
    held.lastSeen = now;
    if (now - held.savedSeen > TOUCH_EVERY_MS) {
      held.savedSeen = now;
      const seen = now;
      void this.store
        .transaction((c) =>
          c.run('UPDATE sessions SET last_seen = make_timestamp($1::BIGINT * 1000) WHERE token_hash = $2', [
            seen,
            key,
          ]),
        )
        .catch(() => undefined);
    }
    return held.principal;
  }

  /** End the session `token` (logout). */
  async end(token: string | undefined): Promise<void> {
    if (token) await this.endKey(hashOf(token));
  }

  /** End every session of `username` (the user was disabled). */
  async endFor(username: string): Promise<void> {
    for (const [key, held] of this.held) if (held.principal.username === username) this.held.delete(key);
    await this.store.transaction((c) => c.run('DELETE FROM sessions WHERE username = $1', [username]));
  }

  private async endKey(key: string): Promise<void> {
    this.held.delete(key);
    await this.store.transaction((c) => c.run('DELETE FROM sessions WHERE token_hash = $1', [key]));
  }

  /**
   * Refuse a login attempt that comes too soon: the username is locked, or the address too busy.
   * An attempt let through counts as failed until `loginSucceeded` says otherwise, so that attempts
   * sent at once (each waiting for its password check) cannot outrun the lock.
   */
  checkLogin(username: string, address: string): void {
    const now = this.now();
    const failed = this.failures.get(username.toLowerCase());
    if (failed && failed.lockedUntil > now)
      throw new AccessError(
        `this username is locked after ${this.access.loginAttempts} failed logins: try again in ${Math.ceil((failed.lockedUntil - now) / 60_000)} minutes`,
        429,
        Math.ceil((failed.lockedUntil - now) / 1000),
      );
    const recent = (this.attempts.get(address) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= ADDRESS_ATTEMPTS_PER_MINUTE)
      throw new AccessError('too many logins from this address: try again in a minute', 429, 60);
    recent.push(now);
    if (!this.attempts.has(address) && this.attempts.size >= MAX_TRACKED)
      this.attempts.delete(this.attempts.keys().next().value!);
    this.attempts.set(address, recent);
    this.countFailure(username, now);
  }

  /** Count a failed login of `username`; the last one allowed locks it. */
  private countFailure(username: string, now: number): void {
    const key = username.toLowerCase();
    const failed = this.failures.get(key);
    // After a lock has run out the count starts again.
    const count = (failed && failed.lockedUntil === 0 ? failed.count : 0) + 1;
    const locked = count >= this.access.loginAttempts;
    // Bounded: a stream of made-up usernames cannot fill the memory.
    if (!failed && this.failures.size >= MAX_TRACKED)
      this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, {
      count: locked ? 0 : count,
      lockedUntil: locked ? now + this.access.lockoutMinutes * 60_000 : 0,
    });
  }

  /** The attempt let through by `checkLogin` was the right password: the count starts again. */
  loginSucceeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}
