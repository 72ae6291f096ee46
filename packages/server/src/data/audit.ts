/**
 * The audit trail: who did what, and whose data they saw. Append only: logins (failed ones too),
 * logouts, every read of person-level data (with the pseudonyms read), exports, imports, saved
 * cases, goals and measurements, and changes to users.
 *
 * Each entry carries the SHA-256 of the one before it and its own (over its content and that
 * previous hash), and the head of the chain (last sequence number and hash) is kept in `settings`
 * in the same transaction, so `verify` finds an edited row (its hash no longer matches), a deleted
 * row (a gap in the sequence or a broken link) and deleted last rows (the head points past them).
 * Someone who can write the store file can still rewrite the whole chain; the trail shows changes
 * made through anything less.
 */

import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { rows, type Store } from './db.ts';

export interface AuditEntry {
  readonly seq: number;
  /** UTC, ISO 8601 with milliseconds. */
  readonly at: string;
  readonly username: string;
  readonly role: string | null;
  /** What was done: `login`, `login.failed`, `logout`, `read.persons`, `export.xlsx`, `import`, … */
  readonly action: string;
  /** What it was done to: a route, a case, a file name, a username. */
  readonly resource: string;
  /** The pseudonyms of the persons whose data were read or written. */
  readonly persons: readonly string[];
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'> & { readonly at?: Date };

const GENESIS = '0'.repeat(64);
const COLUMNS = 'seq, entry_at AS at, username, role, action, resource, persons, prev_hash, hash';

function hashOf(entry: AuditEntry, previous: string): string {
  const content = [
    entry.seq,
    entry.at,
    entry.username,
    entry.role,
    entry.action,
    entry.resource,
    entry.persons,
  ];
  return createHash('sha256').update(previous).update('\n').update(JSON.stringify(content)).digest('hex');
}

/** Append `entry` to the trail (through the store's one writer, so the chain has no forks). */
export async function audit(store: Store, entry: NewAuditEntry): Promise<AuditEntry> {
  return store.transaction(async (c) => {
    const [last] = await rows<{ seq: bigint | number; hash: string }>(
      c,
      'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1',
    );
    const full: AuditEntry = {
      seq: last ? Number(last.seq) + 1 : 1,
      at: (entry.at ?? new Date()).toISOString(),
      username: entry.username.slice(0, 200),
      role: entry.role,
      action: entry.action,
      resource: entry.resource.slice(0, 500),
      persons: [...entry.persons],
    };
    const previous = last?.hash ?? GENESIS;
    const hash = hashOf(full, previous);
    const persons =
      full.persons.length === 0 ? '[]::VARCHAR[]' : `[${full.persons.map((_, i) => `$${i + 9}`).join(', ')}]`;
    await c.run(`INSERT INTO audit VALUES ($1, $2, $3, $4, $5, $6, ${persons}, $7, $8)`, [
      full.seq,
      full.at,
      full.username,
      full.role,
      full.action,
      full.resource,
      previous,
      hash,
      ...full.persons,
    ]);
    await c.run(
      `INSERT INTO settings VALUES ('audit_head', $1::JSON) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify({ seq: full.seq, hash })],
    );
    return full;
  });
}

export interface AuditFilter {
  /** Entries at or after this UTC instant (ISO 8601). */
  readonly since?: string;
  readonly username?: string;
  readonly action?: string;
  readonly limit?: number;
}

type AuditRow = {
  seq: bigint | number;
  at: string;
  username: string;
  role: string | null;
  action: string;
  resource: string;
  persons: string[];
  prev_hash: string;
  hash: string;
};

const entryOf = (row: AuditRow): AuditEntry => ({
  seq: Number(row.seq),
  at: row.at,
  username: row.username,
  role: row.role,
  action: row.action,
  resource: row.resource,
  persons: [...row.persons],
});

/** The entries matching `filter`, newest first. */
export async function auditEntries(store: Store, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.since) where.push(`entry_at >= $${params.push(filter.since)}`);
  if (filter.username) where.push(`lower(username) = lower($${params.push(filter.username)})`);
  if (filter.action) where.push(`action = $${params.push(filter.action)}`);
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 1000)), 100_000);
  const found = await store.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`,
    params,
  );
  return found.map(entryOf);
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** What is wrong, in order of the sequence; empty when the chain holds. */
  readonly problems: string[];
}

/** Walk the chain from the first entry and say where it breaks. */
export async function verifyAudit(store: Store): Promise<AuditVerification> {
  const all = await store.query<AuditRow>(`SELECT ${COLUMNS} FROM audit ORDER BY seq`);
  const problems: string[] = [];
  let previous = GENESIS;
  let expected = 1;
  for (const row of all) {
    const entry = entryOf(row);
    if (entry.seq !== expected)
      problems.push(
        entry.seq > expected
          ? `entries ${expected}${entry.seq - 1 > expected ? `-${entry.seq - 1}` : ''} are missing (deleted)`
          : `entry ${entry.seq} appears twice`,
      );
    if (row.prev_hash !== previous)
      problems.push(
        `entry ${entry.seq} does not follow the entry before it (a row before it was deleted or changed)`,
      );
    if (hashOf(entry, row.prev_hash) !== row.hash)
      problems.push(`entry ${entry.seq} was changed after it was written`);
    previous = row.hash;
    expected = entry.seq + 1;
  }
  const [head] = await store.query<{ value: string }>(
    `SELECT CAST(value AS VARCHAR) AS value FROM settings WHERE key = 'audit_head'`,
  );
  if (head) {
    const { seq, hash } = JSON.parse(head.value) as { seq: number; hash: string };
    if (seq >= expected) problems.push(`entries ${expected}-${seq} at the end are missing (deleted)`);
    else if (seq === expected - 1 && hash !== previous)
      problems.push(`the last entry ${seq} was changed or replaced`);
  } else if (all.length > 0) problems.push('the record of the last entry is missing');
  return { ok: problems.length === 0, entries: all.length, problems };
}

/** The name the command line on this machine acts under: `local:<the OS user>`. */
export function localUsername(): string {
  try {
    return `local:${userInfo().username}`;
  } catch {
    // No user name to be had (a container without passwd).
    return 'local';
  }
}
