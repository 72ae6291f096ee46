import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeDreamFile } from '../../../../../bench/dream-file.ts';
import { tempDir } from '../../cli/test-helpers.ts';
import { closeStore, openStore } from '../db.ts';

const BIN = fileURLToPath(new URL('../../../bin/jobinvest.js', import.meta.url));

/** Start an import in a child process; kill it with SIGKILL once `when` says so. */
function importAndKill(
  file: string,
  db: string,
  cwd: string,
  when: (stderr: string, ms: number) => boolean,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'import', 'dream', file, '--db', db], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    const check = () => {
      if (!killed && child.exitCode === null && when(stderr, Date.now() - started)) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    const timer = setInterval(check, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ killed, code });
    });
  });
}

async function storeState(db: string) {
  const store = await openStore(db);
  const [state] = await store.query<{ imports: number; runs: number; persons: number; windows: number }>(
    `SELECT (SELECT count(*) FROM imports WHERE outcome = 'ok') AS imports, (SELECT count(*) FROM runs) AS runs,
            (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM observation_windows) AS windows`,
  );
  await closeStore(db);
  return state;
}

describe('an import killed with SIGKILL', () => {
  it('leaves the store as it was, and the next import works', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.duckdb');
    const first = join(dir, 'first.csv');
    const second = join(dir, 'second.csv');
    await writeDreamFile(first, 2_000, 2016, 2025);
    await writeDreamFile(second, 60_000, 2016, 2025);

    const { code } = await importAndKill(first, db, dir, () => false);
    expect(code).toBe(0);
    const before = await storeState(db);
    expect(before).toMatchObject({ imports: 1, persons: 2_000, windows: 2_000 });

    // Killed while reading: the first progress line is printed after the first block is staged.
    const reading = await importAndKill(second, db, dir, (stderr) => stderr.includes('import dream ['));
    expect(reading.killed).toBe(true);
    expect(await storeState(db)).toEqual(before);

    // Killed at other moments, up to and including the commit: never half-written. A kill that lands
    // after the commit but before the process exits finds the import complete, which is also whole.
    const complete = { imports: 2, runs: expect.any(Number) as number, persons: 60_000, windows: 60_000 };
    for (const ms of [1500, 3000, 4500]) {
      await importAndKill(second, db, dir, (_stderr, elapsed) => elapsed >= ms);
      const state = await storeState(db);
      if (state?.imports === 1) expect(state).toEqual(before);
      else expect(state).toEqual(complete);
    }

    const done = await importAndKill(second, db, dir, () => false);
    expect(done.code).toBe(0);
    expect(await storeState(db)).toMatchObject({ imports: 2, persons: 60_000, windows: 60_000 });
  }, 180_000);
});
