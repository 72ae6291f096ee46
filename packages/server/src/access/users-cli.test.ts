/**
 * Users on the command line: `jobinvest users add --password-stdin` (the first user is the admin),
 * `users list`, `users disable`, their errors, and that a password goes nowhere but into its hash;
 * and `jobinvest serve` on an address other than loopback without TLS.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PERMISSION_MATRIX, ROLES, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/program.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { auditEntries, closeStore, openStore, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';

const BIN = fileURLToPath(new URL('../../bin/jobinvest.js', import.meta.url));
const PASSWORD = 'Tr0ub4dor&3-staple';

/** The CLI in-process, with `stdin` as its standard input (none when undefined). */
async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    cwd: dir,
    out: (t) => (out += t),
    err: (t) => (err += t),
    ...(stdin === undefined ? {} : { readStdin: () => Promise.resolve(stdin) }),
  });
  printed += out + err;
  return { code, out, err };
}

const add = (
  username: string,
  role: string,
  stdin: string | undefined = `${PASSWORD}\n`,
  ...more: string[]
) =>
  cli(
    ['users', 'add', '--username', username, '--role', role, ...more, '--password-stdin', '--db', db],
    stdin,
  );

let dir: string;
let db: string;
/** Everything the commands printed in a test. */
let printed: string;

beforeEach(() => {
  dir = tempDir();
  db = join(dir, 'store.duckdb');
  printed = '';
});

afterEach(async () => {
  expect(printed).not.toContain(PASSWORD);
  await closeStore(db);
});

async function login(store: Store, username: string, password: string): Promise<number> {
  const app = createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store });
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

describe('jobinvest users add', () => {
  it('refuses a first user who is not the admin, and adds nobody', async () => {
    const refused = await add('anna', 'analyst');
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: 'jobinvest: the first user of a store must be its admin: add one with --role admin first\n',
    });
    const listed = await cli(['users', 'list', '--json', '--db', db]);
    expect(JSON.parse(listed.out)).toEqual([]);
  });

  it('makes the first user the admin, from the password on standard input, and then anyone', async () => {
    const first = await add('root', 'admin');
    expect(first).toEqual({ code: 0, out: 'Added root: admin, municipalities all (national).\n', err: '' });
    const second = await add(
      'anna',
      'analyst',
      `${PASSWORD}\n`,
      '--municipality',
      '101',
      '--municipality',
      '147',
    );
    expect(second.code).toBe(0);
    expect(second.out).toBe('Added anna: analyst, municipalities 101, 147.\n');
    const third = await add('carl', 'caseworker', `${PASSWORD}\r\n`, '--caseworker', 'sb-17');
    expect(third.out).toBe('Added carl: caseworker, municipalities all (national), caseworker sb-17.\n');
    // The final newline is not part of the password.
    const store = await openStore(db);
    expect(await login(store, 'root', PASSWORD)).toBe(200);
    expect(await login(store, 'carl', PASSWORD)).toBe(200);
    expect(await login(store, 'root', `${PASSWORD}\n`)).toBe(401);
    // Recorded as done by the command line on this machine.
    const entries = await auditEntries(store, { action: 'users.add' });
    expect(entries.map((e) => [e.username.startsWith('local'), e.role, e.resource])).toEqual([
      [true, 'admin', 'carl (caseworker)'],
      [true, 'admin', 'anna (analyst)'],
      [true, 'admin', 'root (admin)'],
    ]);
  });

  it('names the field and the allowed roles for a role that is none', async () => {
    await add('root', 'admin');
    const { code, out, err } = await add('bo', 'boss');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `jobinvest: users add, column role: expected one of ${ROLES.join(', ')}, found "boss"\n`,
    );
  });

  it('refuses a short password without echoing it, and adds nobody', async () => {
    await add('root', 'admin');
    const { code, err } = await add('bo', 'viewer', 'short-pw\n');
    expect(code).toBe(1);
    expect(err).toBe('jobinvest: users add, column password: expected at least 12 characters\n');
    expect(err).not.toContain('short-pw');
    expect(JSON.parse((await cli(['users', 'list', '--json', '--db', db])).out)).toHaveLength(1);
  });

  it('refuses a caseworker without a caseworker id, a bad municipality and a taken name', async () => {
    await add('root', 'admin');
    expect((await add('carl', 'caseworker')).err).toMatch(
      /^jobinvest: users add, column caseworker: expected the caseworker's id in the register data/,
    );
    expect((await add('bo', 'viewer', undefined, '--municipality', '1011')).err).toMatch(
      /expected a three-digit municipality code such as 101, found "1011"/,
    );
    const taken = await add('ROOT', 'viewer');
    expect(taken.code).toBe(1);
    expect(taken.err).toBe('jobinvest: a user named ROOT exists already\n');
  });

  it('needs a password on standard input when --password-stdin is given', async () => {
    const empty = await add('root', 'admin', '\n');
    expect(empty.code).toBe(1);
    expect(empty.err).toBe('jobinvest: --password-stdin: standard input was empty\n');
    const none = await cli([
      'users',
      'add',
      '--username',
      'root',
      '--role',
      'admin',
      '--password-stdin',
      '--db',
      db,
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toBe('jobinvest: --password-stdin: no standard input to read\n');
  });

  it('keeps only a hash of the password: not in the store file, nor in the listing', async () => {
    await add('root', 'admin');
    await add('anna', 'analyst');
    const listed = await cli(['users', 'list', '--json', '--db', db]);
    expect(listed.out).not.toMatch(/argon2|password_hash|passwordHash/);
    const store = await openStore(db);
    const hashes = await store.query<{ h: string }>('SELECT password_hash AS h FROM users');
    expect(hashes.map((r) => r.h)).toEqual([
      expect.stringMatching(/^\$argon2id\$/),
      expect.stringMatching(/^\$argon2id\$/),
    ]);
    await closeStore(db);
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    const bytes = Buffer.concat(files);
    // The files hold the users (so a password, were it there, would show) but not the password.
    expect(bytes.includes('$argon2id$')).toBe(true);
    expect(bytes.includes(PASSWORD)).toBe(false);
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
  });

  it('reads the password piped into the real command', async () => {
    const { code, out, err } = await new Promise<{ code: number | null; out: string; err: string }>(
      (resolve) => {
        const child = spawn(
          process.execPath,
          [BIN, 'users', 'add', '--username', 'root', '--role', 'admin', '--password-stdin', '--db', db],
          { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
        child.stdin.end(`${PASSWORD}\n`);
      },
    );
    printed += out + err;
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('Added root: admin, municipalities all (national).\n');
    expect(await login(await openStore(db), 'root', PASSWORD)).toBe(200);
  }, 60_000);
});

describe('jobinvest users list and disable', () => {
  it('lists the users as JSON and as a table', async () => {
    await add('root', 'admin');
    await add('anna', 'analyst', undefined, '--municipality', '101');
    const listed = await cli(['users', 'list', '--json', '--db', db]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([
      {
        username: 'anna',
        role: 'analyst',
        municipalities: [101],
        caseworker: null,
        disabled: false,
        demo: false,
        local: true,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      },
      expect.objectContaining({ username: 'root', role: 'admin', municipalities: null }),
    ]);
    const table = await cli(['users', 'list', '--db', db]);
    expect(table.out).toMatch(/anna\s+analyst\s+101\s+password\s+active/);
    expect(table.out).toMatch(/root\s+admin\s+all \(national\)\s+password\s+active/);
  });

  it('prints the permission matrix, as JSON and as a table', async () => {
    const listed = await cli(['users', 'roles', '--json']);
    expect(listed.code).toBe(0);
    const roles = JSON.parse(listed.out) as { role: string; permissions: string[] }[];
    expect(roles.map((r) => r.role)).toEqual([...ROLES]);
    expect(Object.fromEntries(roles.map((r) => [r.role, r.permissions]))).toEqual(PERMISSION_MATRIX);
    const table = await cli(['users', 'roles']);
    expect(table.out).toMatch(/^viewer\s+yes\s*$/m);
    expect(table.out).toMatch(/^economist\s+yes\s+yes\s+yes\s+yes\s*$/m);
    expect(table.out).toContain('viewer: Viewer (the committee): suppressed figures only');
  });

  it('says how to begin on a store without users', async () => {
    const { code, out } = await cli(['users', 'list', '--db', db]);
    expect(code).toBe(0);
    expect(out).toBe('No users yet: add the first admin with jobinvest users add --role admin.\n');
  });

  it('disables a user, who can then no longer log in', async () => {
    await add('root', 'admin');
    await add('anna', 'analyst');
    expect(await login(await openStore(db), 'anna', PASSWORD)).toBe(200);
    const disabled = await cli(['users', 'disable', 'anna', '--db', db]);
    expect(disabled).toEqual({ code: 0, out: 'Disabled anna.\n', err: '' });
    const store = await openStore(db);
    expect(await login(store, 'anna', PASSWORD)).toBe(401);
    expect(await login(store, 'root', PASSWORD)).toBe(200);
    const listed = JSON.parse((await cli(['users', 'list', '--json', '--db', db])).out) as {
      username: string;
      disabled: boolean;
    }[];
    expect(listed.map((u) => [u.username, u.disabled])).toEqual([
      ['anna', true],
      ['root', false],
    ]);
    expect((await auditEntries(store, { action: 'users.disable' })).map((e) => e.resource)).toEqual(['anna']);
    const unknown = await cli(['users', 'disable', 'nobody', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('jobinvest: no user named nobody\n');
  });

  it('keeps the last active admin, and disables an admin once there is another', async () => {
    await add('root', 'admin');
    const last = await cli(['users', 'disable', 'root', '--db', db]);
    expect(last.code).toBe(1);
    expect(last.err).toBe(
      'jobinvest: root is the last active admin: add another admin before disabling this one\n',
    );
    expect(await login(await openStore(db), 'root', PASSWORD)).toBe(200);
    await add('ida', 'admin');
    expect((await cli(['users', 'disable', 'root', '--db', db])).code).toBe(0);
    expect(await login(await openStore(db), 'root', PASSWORD)).toBe(401);
  });
});

describe('jobinvest serve on an address other than loopback', () => {
  const running: ChildProcess[] = [];

  afterAll(() => {
    for (const child of running)
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
  });

  function serve(args: string[]) {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db, ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const output = { out: '', err: '' };
    child.stdout!.on('data', (chunk: Buffer) => (output.out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output.err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, output, exited };
  }

  it('refuses plain http without --insecure-http, and exits', async () => {
    const { output, exited } = serve(['--host', '0.0.0.0']);
    expect(await exited).toBe(1);
    expect(output.out).toBe('');
    expect(output.err).toBe(
      'jobinvest: serving on 0.0.0.0 would send passwords and register data over the network unencrypted: set server.tls (cert and key) in the config file, or pass --insecure-http if something in front of this server encrypts the traffic\n',
    );
  }, 60_000);

  it('serves plain http with --insecure-http, with a warning, at an address that answers', async () => {
    const { child, output, exited } = serve(['--host', '0.0.0.0', '--insecure-http']);
    const url = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        const match = /open (http:\/\/[^/\s]+)\/ in a browser/.exec(output.out);
        if (match?.[1]) {
          clearInterval(poll);
          resolve(match[1]);
        }
      }, 50);
      void exited.then((code) => {
        clearInterval(poll);
        reject(new Error(`exited with ${code}: ${output.out}${output.err}`));
      });
    });
    expect(output.err).toContain(
      'Warning: serving plain http on 0.0.0.0 (--insecure-http): anyone on the network path can read passwords and data.',
    );
    // The address it prints (and gives the command line in its server file) is one it answers at.
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const port = new URL(url).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    // A command against the store goes through the running server.
    const listed = await cli(['users', 'list', '--json', '--db', db]);
    expect(listed.err).toBe('');
    expect(JSON.parse(listed.out)).toEqual([]);
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
