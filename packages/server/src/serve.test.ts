import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/jobinvest.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
});

/** Start a command in its own process group and wait for the address it prints. */
function start(command: string, args: string[], cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening: ${out}${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
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

  it('is what npm start runs', async () => {
    const { child, url } = await start('npm', ['start', '--silent', '--', '--port', '0'], ROOT);
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited(child);
  }, 30_000);
});
