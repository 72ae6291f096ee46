import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';

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
    const summary = (await (await fetch(`${first.url}/api/data/summary`)).json()) as {
      persons: number;
      lastImports: unknown[];
    };
    expect(summary.persons).toBe(2000);
    expect(summary.lastImports).toHaveLength(6);
    if (first.child.pid) process.kill(-first.child.pid, 'SIGTERM');
    await exited(first.child);

    const second = await start('npm', args, ROOT);
    expect(second.stderr()).toContain('Using the data already in');
    const imports = (await (await fetch(`${second.url}/api/imports`)).json()) as unknown[];
    expect(imports).toHaveLength(6);
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
    const held = await run(['codes', '--db', db]);
    expect(held.code).toBe(1);
    expect(held.err.trim().split('\n')).toEqual([
      `jobinvest: the store ${db} is in use by jobinvest serve at ${url} (PID ${child.pid}); stop it to use the store from here, or use the server's web app and API while it runs`,
    ]);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    const direct = await run(['status', '--db', db]);
    expect(direct.code).toBe(0);
    expect(direct.out).toContain(`Store: ${db}\n`);
  }, 60_000);
});
