/**
 * The audit trail: what the actions append, and the hash chain that finds an edited or deleted
 * entry, through `verifyAudit`, GET /api/audit/verify and `jobinvest audit verify`; and
 * `jobinvest audit --json --since`.
 */

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SHIPPED_RATES } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { audit, auditEntries, closeStore, openStore, verifyAudit, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { signIn, TEST_PASSWORD } from './test-helpers.ts';

let db: string;
let store: Store;

beforeEach(async () => {
  db = join(tempDir(), 'store.duckdb');
  store = await openStore(db);
});

afterEach(() => closeStore(db));

const run = (sql: string) => store.transaction((c) => c.run(sql));

/** Six entries: a login, a user added, a read of person-level data, a logout and two older ones. */
async function someEntries(): Promise<void> {
  await audit(store, {
    username: 'anna',
    role: 'analyst',
    action: 'login',
    resource: 'password',
    persons: [],
    at: new Date('2026-01-10T08:00:00.000Z'),
  });
  await audit(store, {
    username: 'anna',
    role: 'analyst',
    action: 'read.persons',
    resource: 'POST /api/invest',
    persons: ['p-aaaa', 'p-bbbb'],
    at: new Date('2026-01-10T08:05:00.000Z'),
  });
  await audit(store, {
    username: 'anna',
    role: 'analyst',
    action: 'logout',
    resource: 'session',
    persons: [],
    at: new Date('2026-02-01T09:00:00.000Z'),
  });
  await audit(store, {
    username: 'root',
    role: 'admin',
    action: 'users.add',
    resource: 'bo (viewer)',
    persons: [],
    at: new Date('2026-02-03T10:00:00.000Z'),
  });
  await audit(store, {
    username: 'bo',
    role: null,
    action: 'login.failed',
    resource: 'password',
    persons: [],
    at: new Date('2026-02-04T11:00:00.000Z'),
  });
  await audit(store, {
    username: 'bo',
    role: 'viewer',
    action: 'login',
    resource: 'password',
    persons: [],
    at: new Date('2026-02-04T11:01:00.000Z'),
  });
}

describe('the entries', () => {
  it('are appended by the actions of the API: logins, users added and disabled, logouts', async () => {
    const app = createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store });
    const admin = await signIn(app, store, 'admin');
    const added = await admin.request('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bo', role: 'viewer', password: TEST_PASSWORD }),
    });
    expect(added.status).toBe(201);
    expect((await admin.request('/api/users/bo/disable', { method: 'POST' })).status).toBe(200);
    await admin.request('/api/session', { method: 'DELETE' });
    const entries = await auditEntries(store);
    expect(entries.map((e) => [e.seq, e.username, e.role, e.action, e.resource])).toEqual([
      [4, 'test-admin', 'admin', 'logout', 'session'],
      [3, 'test-admin', 'admin', 'users.disable', 'bo'],
      [2, 'test-admin', 'admin', 'users.add', 'bo (viewer)'],
      [1, 'test-admin', 'admin', 'login', 'password'],
    ]);
    for (const e of entries) expect(Date.now() - Date.parse(e.at)).toBeLessThan(60_000);
    expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD);
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 4, problems: [] });
  });

  it('keep the persons read, and filter by time, user and action', async () => {
    await someEntries();
    const [read] = await auditEntries(store, { action: 'read.persons' });
    expect(read).toEqual({
      seq: 2,
      at: '2026-01-10T08:05:00.000Z',
      username: 'anna',
      role: 'analyst',
      action: 'read.persons',
      resource: 'POST /api/invest',
      persons: ['p-aaaa', 'p-bbbb'],
    });
    expect((await auditEntries(store, { since: '2026-02-01' })).map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    expect((await auditEntries(store, { username: 'BO' })).map((e) => e.seq)).toEqual([6, 5]);
    expect((await auditEntries(store, { limit: 2 })).map((e) => e.seq)).toEqual([6, 5]);
  });
});

describe('verifyAudit', () => {
  it('holds on an intact chain, and on an empty one', async () => {
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 0, problems: [] });
    await someEntries();
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 6, problems: [] });
  });

  it("finds an entry whose resource was edited, at that entry's number", async () => {
    await someEntries();
    await run(`UPDATE audit SET resource = 'POST /api/benefits' WHERE seq = 2`);
    expect(await verifyAudit(store)).toEqual({
      ok: false,
      entries: 6,
      problems: ['entry 2 was changed after it was written'],
    });
  });

  it('finds an edited list of persons and an edited user', async () => {
    await someEntries();
    await run(`UPDATE audit SET persons = ['p-aaaa'] WHERE seq = 2`);
    await run(`UPDATE audit SET username = 'someone' WHERE seq = 5`);
    expect((await verifyAudit(store)).problems).toEqual([
      'entry 2 was changed after it was written',
      'entry 5 was changed after it was written',
    ]);
  });

  it('finds an edited entry whose own hash was made to match: the next one no longer follows it', async () => {
    await someEntries();
    const [row] = await store.query<{ at: string; prev_hash: string }>(
      'SELECT entry_at AS at, prev_hash FROM audit WHERE seq = 3',
    );
    const forged = createHash('sha256')
      .update(row!.prev_hash)
      .update('\n')
      .update(JSON.stringify([3, row!.at, 'anna', 'analyst', 'logout', 'nothing to see', []]))
      .digest('hex');
    await run(`UPDATE audit SET resource = 'nothing to see', hash = '${forged}' WHERE seq = 3`);
    const result = await verifyAudit(store);
    expect(result.ok).toBe(false);
    // The forged row is consistent in itself: the break shows at the entry after it.
    expect(result.problems).toEqual([
      'entry 4 does not follow the entry before it (a row before it was deleted or changed)',
    ]);
  });

  it('finds a deleted entry in the middle', async () => {
    await someEntries();
    await run('DELETE FROM audit WHERE seq = 3');
    const result = await verifyAudit(store);
    expect(result.ok).toBe(false);
    expect(result.entries).toBe(5);
    expect(result.problems).toEqual([
      'entries 3 are missing (deleted)',
      'entry 4 does not follow the entry before it (a row before it was deleted or changed)',
    ]);
  });

  it('finds deleted entries at the end, and a deleted record of the last entry', async () => {
    await someEntries();
    await run('DELETE FROM audit WHERE seq >= 5');
    expect((await verifyAudit(store)).problems).toEqual(['entries 5-6 at the end are missing (deleted)']);
    await run(`DELETE FROM settings WHERE key = 'audit_head'`);
    expect((await verifyAudit(store)).problems).toEqual(['the record of the last entry is missing']);
  });

  it('is what GET /api/audit/verify answers the admin', async () => {
    const app = createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store });
    const admin = await signIn(app, store, 'admin');
    await someEntries();
    expect(await (await admin.request('/api/audit/verify')).json()).toEqual({
      ok: true,
      entries: 7,
      problems: [],
    });
    await run(`UPDATE audit SET action = 'login' WHERE seq = 6`);
    expect(await (await admin.request('/api/audit/verify')).json()).toEqual({
      ok: false,
      entries: 7,
      problems: ['entry 6 was changed after it was written'],
    });
  });
});

describe('jobinvest audit', () => {
  it('verify exits 0 on an intact chain and non-zero, naming the entry, on a broken one', async () => {
    await someEntries();
    const intact = await runCli(['audit', 'verify', '--db', db]);
    expect(intact).toEqual({
      code: 0,
      out: 'The audit trail holds: 6 entries, none changed or deleted.\n',
      err: '',
    });
    await run(`UPDATE audit SET resource = 'edited' WHERE seq = 4`);
    const broken = await runCli(['audit', 'verify', '--db', db]);
    expect(broken.code).toBe(1);
    expect(broken.out).toBe(
      'The audit trail is broken (6 entries):\n- entry 4 was changed after it was written\n',
    );
    const json = await runCli(['audit', '--db', db, 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toEqual({
      ok: false,
      entries: 6,
      problems: ['entry 4 was changed after it was written'],
    });
  });

  it('verify exits non-zero on a deleted entry', async () => {
    await someEntries();
    await run('DELETE FROM audit WHERE seq = 2');
    const { code, out } = await runCli(['audit', 'verify', '--db', db]);
    expect(code).toBe(1);
    expect(out).toContain('- entries 2 are missing (deleted)\n');
  });

  it('--json --since lists the entries from that day, newest first', async () => {
    await someEntries();
    const { code, out, err } = await runCli(['audit', '--json', '--since', '2026-02-03', '--db', db]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const entries = JSON.parse(out) as Record<string, unknown>[];
    expect(entries).toEqual([
      {
        seq: 6,
        at: '2026-02-04T11:01:00.000Z',
        username: 'bo',
        role: 'viewer',
        action: 'login',
        resource: 'password',
        persons: [],
      },
      {
        seq: 5,
        at: '2026-02-04T11:00:00.000Z',
        username: 'bo',
        role: null,
        action: 'login.failed',
        resource: 'password',
        persons: [],
      },
      {
        seq: 4,
        at: '2026-02-03T10:00:00.000Z',
        username: 'root',
        role: 'admin',
        action: 'users.add',
        resource: 'bo (viewer)',
        persons: [],
      },
    ]);
    const all = JSON.parse((await runCli(['audit', '--json', '--db', db])).out) as { persons: string[] }[];
    expect(all).toHaveLength(6);
    expect(all[4]!.persons).toEqual(['p-aaaa', 'p-bbbb']);
  });

  it('prints a table for people, and refuses a date that is not one', async () => {
    await someEntries();
    const { code, out } = await runCli(['audit', '--db', db]);
    expect(code).toBe(0);
    expect(out).toMatch(/2\s+2026-01-10 08:05:00\s+anna\s+analyst\s+read\.persons\s+POST \/api\/invest\s+2/);
    const bad = await runCli(['audit', '--since', '2026-13-45', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('expected a date as YYYY-MM-DD, found "2026-13-45"');
  });
});
