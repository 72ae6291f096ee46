import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';
import { GENERATED_FILES, generatePopulation } from '../data/index.ts';

const BIN = fileURLToPath(new URL('../../bin/jobinvest.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group has already gone.
    }
  }
});

/** Start a command in its own process group and wait for the address it prints. */
function start(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+)\/ in a browser/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1], stderr: () => err });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening: ${out}${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.on('exit', (code) => resolve(code)),
  );
}

/** Logs in as a demo user and answers the session cookie. */
async function logIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('jobinvest serve', () => {
  it('listens on 127.0.0.1, answers /api/health and stops cleanly on SIGTERM', async () => {
    const { child, url } = await start(process.execPath, [BIN, 'serve', '--port', '0'], tempDir());
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  }, 30_000);

  it('is what npm start runs: demo data into an empty store, reused the second time', async () => {
    const db = join(tempDir(), 'store.duckdb');
    const args = ['start', '--silent', '--', '--port', '0', '--db', db, '--demo-persons', '2000'];
    const first = await start('npm', args, ROOT);
    // It says where to open the app once the largest municipality's pages have their first answers.
    await expect
      .poll(() => first.stderr())
      .toMatch(/The largest municipality's pages ready in [\d,]+ s; the other municipalities' follow/);
    expect((await fetch(`${first.url}/api/data/summary`)).status).toBe(401);
    const cookie = await logIn(first.url, 'demo-analyst', 'jobinvest-analyst');
    const summary = (await (
      await fetch(`${first.url}/api/data/summary`, { headers: { cookie } })
    ).json()) as {
      persons: number;
      lastImports: unknown[];
    };
    expect(summary.persons).toBe(2000);
    expect(summary.lastImports).toHaveLength(10);
    if (first.child.pid) process.kill(-first.child.pid, 'SIGTERM');
    await exited(first.child);

    const second = await start('npm', args, ROOT);
    expect(second.stderr()).toContain('Using the data already in');
    const admin = await logIn(second.url, 'demo-admin', 'jobinvest-admin');
    const imports = (await (
      await fetch(`${second.url}/api/imports`, { headers: { cookie: admin } })
    ).json()) as unknown[];
    expect(imports).toHaveLength(10);
    // The demo's imports are in the audit trail, each once, with the admin's logins after them.
    const trail = (await (
      await fetch(`${second.url}/api/audit?action=import`, { headers: { cookie: admin } })
    ).json()) as { resource: string }[];
    expect(trail.map((e) => e.resource.split(' ')[0]).sort()).toEqual(
      [
        'caseworkers',
        'contacts',
        'dream',
        'framework',
        'interventions',
        'jobindsats',
        'measurements',
        'municipalities',
        'persons',
        'ydelsesrefusion',
      ].sort(),
    );
    if (second.child.pid) process.kill(-second.child.pid, 'SIGTERM');
    await exited(second.child);
  }, 120_000);

  it('answers jobinvest status for the store it holds, and a held store is named in one line', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const run = (args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) =>
        execFile(process.execPath, [BIN, ...args], { cwd: dir, timeout: 30_000 }, (error, out, err) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
        ),
      );
    const { child, url } = await start(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], dir);
    const through = await run(['status', '--db', db]);
    expect(through.code).toBe(0);
    expect(through.out).toContain(`(through jobinvest serve at ${url})`);
    const json = await run(['status', '--db', db, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ persons: 0, window: null });
    const held = await run(['forecast', '--db', db, '--municipality', '101']);
    expect(held.code).toBe(1);
    expect(held.err.trim().split('\n')).toEqual([
      `jobinvest: the store ${db} is in use by jobinvest serve at ${url} (PID ${child.pid}); stop it to use the store from here, or use the server's web app and API while it runs`,
    ]);

    // Import and the code map through the server, with the same outcome and errors as on their own.
    await generatePopulation({
      persons: 200,
      municipalities: 1,
      fromYear: 2023,
      toYear: 2024,
      seed: 2,
      outDir: dir,
    });
    const persons = join(dir, GENERATED_FILES.persons);
    const imported = await run(['import', 'persons', persons, '--db', db, '--json']);
    expect([imported.code, imported.err.split('\n').at(-2)]).toEqual([
      0,
      expect.stringMatching(/^import persons: 200 rows in /),
    ]);
    expect(JSON.parse(imported.out)).toMatchObject({ outcome: 'imported', rows: 200, file: persons });
    const again = await run(['import', 'persons', persons, '--db', db]);
    expect(again.err).toMatch(/import persons: unchanged \(already imported as import \d+\)/);
    const bad = writeTemp(
      dir,
      'bad.csv',
      'person,birth_year,sex,origin,municipality\n0101901234,19x0,M,dansk,101\n',
    );
    const refused = await run(['import', 'persons', bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`jobinvest: ${bad}, line 2, column birth_year: expected`);
    const codes = writeTemp(
      dir,
      'codes.csv',
      'code,benefit,label,status\nZZ1,kontanthjaelp_jobparat,Egen kode,assumed\n',
    );
    const loaded = await run(['codes', '--db', db, '--load', codes, '--json']);
    expect(loaded.code).toBe(0);
    expect(JSON.parse(loaded.out)).toContainEqual({
      code: 'ZZ1',
      benefit: 'kontanthjaelp_jobparat',
      label: 'Egen kode',
      status: 'assumed',
    });
    expect(readdirSync(dir).filter((n) => n.includes('.upload-'))).toEqual([]);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    // The same bad file on its own says the same.
    const alone = await run(['import', 'persons', bad, '--db', db]);
    const said = (err: string) => err.split('\n').filter((l) => l.startsWith('jobinvest:'));
    expect(said(alone.err)).toEqual(said(refused.err));
    expect(said(alone.err)).toHaveLength(1);
    const direct = await run(['status', '--db', db]);
    expect(direct.code).toBe(0);
    expect(direct.out).toContain(`Store: ${db}\n`);
  }, 120_000);
});
