/**
 * Users: local accounts (argon2id password hashes) and users who log in through the municipality's
 * identity provider (no password here). Each has one role (core's PERMISSION_MATRIX), one or more
 * municipalities or none (a national user, who sees all), and for a caseworker the caseworker id of
 * the register data whose assigned citizens are their own caseload.
 *
 * The first user of a store is its admin. Demo users (one per role, listed with their passwords on
 * the login page) exist only in a store that holds synthetic demo data.
 */

import { hash, verify } from '@node-rs/argon2';
import { isRole, MIN_PASSWORD_LENGTH, ROLES, type Principal, type Role } from '@jobinvest/core';
import { rows, type Store } from '../data/index.ts';
import { InputError } from '../input/input-error.ts';
import { AccessError } from '../http/principal.ts';

export interface User extends Principal {
  readonly disabled: boolean;
  readonly demo: boolean;
  readonly local: boolean;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: string;
  readonly role: string;
  /** Municipality codes; empty or absent: a national user. */
  readonly municipalities?: readonly number[];
  readonly caseworker?: string | null;
  /** Absent: the user logs in through OIDC only. */
  readonly password?: string;
  readonly demo?: boolean;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

type UserRow = {
  username: string;
  role: string;
  municipalities: number[] | null;
  caseworker: string | null;
  password_hash: string | null;
  disabled: boolean;
  demo: boolean;
  created_at: string;
};

const SELECT = `SELECT username, role, municipalities, caseworker, password_hash, disabled, demo,
  strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at FROM users`;

function userOf(row: UserRow): User {
  return {
    username: row.username,
    role: row.role as Role,
    municipalities: row.municipalities === null ? null : [...row.municipalities].map(Number),
    caseworker: row.caseworker,
    disabled: row.disabled,
    demo: row.demo,
    local: row.password_hash !== null,
    createdAt: row.created_at,
  };
}

/** The problems with a new user, each naming its field (`source`: the option names' prefix). */
async function check(store: Store, user: NewUser, source: string): Promise<void> {
  const problems: { column: string; expected: string; found?: string }[] = [];
  if (!USERNAME.test(user.username))
    problems.push({
      column: 'username',
      expected: '1 to 64 letters, digits or . _ @ -, starting with a letter or digit',
      found: user.username.slice(0, 64),
    });
  if (!isRole(user.role))
    problems.push({ column: 'role', expected: `one of ${ROLES.join(', ')}`, found: user.role });
  if (user.password !== undefined && [...user.password].length < MIN_PASSWORD_LENGTH)
    problems.push({ column: 'password', expected: `at least ${MIN_PASSWORD_LENGTH} characters` });
  if (user.role === 'caseworker' && !user.caseworker)
    problems.push({
      column: 'caseworker',
      expected: "the caseworker's id in the register data (caseworker assignments), for role caseworker",
    });
  if (user.role !== 'caseworker' && user.caseworker)
    problems.push({
      column: 'caseworker',
      expected: 'a caseworker id only for role caseworker',
      found: user.caseworker,
    });
  const codes = user.municipalities ?? [];
  const known = new Set(
    (await store.query<{ code: number }>('SELECT code FROM municipalities')).map((r) => Number(r.code)),
  );
  for (const code of codes)
    if (!Number.isInteger(code) || code < 100 || code > 999 || (known.size > 0 && !known.has(code)))
      problems.push({
        column: 'municipality',
        expected:
          known.size > 0
            ? `a municipality code of the store (${[...known].slice(0, 5).join(', ')}, …)`
            : 'a three-digit municipality code',
        found: String(code),
      });
  if (problems.length > 0) throw new InputError(problems.map((p) => ({ file: source, ...p })));
}

export async function users(store: Store): Promise<User[]> {
  return (await store.query<UserRow>(`${SELECT} ORDER BY username`)).map(userOf);
}

async function rowNamed(store: Store, username: string): Promise<UserRow | null> {
  const [row] = await store.query<UserRow>(`${SELECT} WHERE lower(username) = lower($1)`, [username]);
  return row ?? null;
}

export async function userNamed(store: Store, username: string): Promise<User | null> {
  const row = await rowNamed(store, username);
  return row ? userOf(row) : null;
}

/**
 * Add `user`. The store's first user must be an admin (unless it is a demo user); a username is
 * taken once, whatever its case.
 */
export async function addUser(store: Store, user: NewUser, source = 'users add'): Promise<User> {
  await check(store, user, source);
  const passwordHash = user.password === undefined ? null : await hash(user.password);
  const codes = [...new Set(user.municipalities ?? [])].sort((a, b) => a - b);
  await store.transaction(async (c) => {
    const existing = await rows<{ username: string; role: string }>(c, 'SELECT username, role FROM users');
    if (existing.some((u) => u.username.toLowerCase() === user.username.toLowerCase()))
      throw new AccessError(`a user named ${user.username} exists already`, 409);
    const admins = existing.filter((u) => u.role === 'admin').length;
    if (!user.demo && user.role !== 'admin' && admins === 0)
      throw new AccessError(
        'the first user of a store must be its admin: add one with --role admin first',
        409,
      );
    await c.run(
      `INSERT INTO users VALUES ($1, $2, ${codes.length === 0 ? 'NULL' : `[${codes.join(', ')}]::INTEGER[]`}, $3, $4, false, $5, now())`,
      [user.username, user.role, user.caseworker ?? null, passwordHash, user.demo === true],
    );
  });
  const added = await userNamed(store, user.username);
  if (!added) throw new Error(`user ${user.username} was not stored`);
  return added;
}

/** Disable `username`: it can no longer log in, and its sessions end (sessions.ts). */
export async function disableUser(store: Store, username: string): Promise<User> {
  const user = await userNamed(store, username);
  if (!user) throw new AccessError(`no user named ${username}`, 409);
  await store.transaction(async (c) => {
    // Someone must be left to manage the users: the last active admin stays.
    const [others] = await rows<{ n: number }>(
      c,
      `SELECT count(*)::INTEGER AS n FROM users WHERE role = 'admin' AND NOT disabled AND username <> $1`,
      [user.username],
    );
    if (user.role === 'admin' && !user.disabled && (others?.n ?? 0) === 0)
      throw new AccessError(
        `${user.username} is the last active admin: add another admin before disabling this one`,
        409,
      );
    await c.run('UPDATE users SET disabled = true WHERE username = $1', [user.username]);
    await c.run('DELETE FROM sessions WHERE username = $1', [user.username]);
  });
  return { ...user, disabled: true };
}

// A hash to verify against when the username is unknown, so that both take the same time.
let decoy: Promise<string> | null = null;

/** The user whose password this is, or null (unknown, disabled, OIDC-only or a wrong password). */
export async function checkPassword(store: Store, username: string, password: string): Promise<User | null> {
  const row = await rowNamed(store, username);
  if (!row || row.password_hash === null) {
    await verify(await (decoy ??= hash('not a password of anyone')), password).catch(() => false);
    return null;
  }
  const ok = await verify(row.password_hash, password).catch(() => false);
  return ok && !row.disabled ? userOf(row) : null;
}
