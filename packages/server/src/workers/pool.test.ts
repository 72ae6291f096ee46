import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../data/index.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { registerTaskError, WorkerPool } from './pool.ts';
import { testTasks as tasks } from './pool.test-body.ts';
import { WORKER_NICENESS } from './worker.ts';

const body = new URL('./pool.test-body.ts', import.meta.url);
let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('the worker pool', () => {
  it('runs a task in a worker and answers with its result', async () => {
    pool = new WorkerPool({ size: 2, body });
    expect(await pool.run(tasks, 'test.add', { a: 2, b: 40 })).toBe(42);
  });

  it('runs tasks on every worker at once', async () => {
    pool = new WorkerPool({ size: 2, body });
    const [a, b] = await Promise.all([
      pool.run(tasks, 'test.span', { ms: 300 }),
      pool.run(tasks, 'test.span', { ms: 300 }),
    ]);
    expect(a.thread).not.toBe(b.thread);
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end));
  });

  it.runIf(process.platform === 'linux')('runs the work below the request thread in priority', async () => {
    pool = new WorkerPool({ size: 1, body });
    expect(await pool.run(tasks, 'test.niceness', undefined as never)).toBe(WORKER_NICENESS);
  });

  it('starts a live task before batch tasks that were queued earlier', async () => {
    pool = new WorkerPool({ size: 1, body });
    const done: string[] = [];
    const note = (p: Promise<string>) => p.then((name) => done.push(name));
    await Promise.all([
      note(pool.run(tasks, 'test.busy', { name: 'batch 1', ms: 100 })),
      note(pool.run(tasks, 'test.busy', { name: 'batch 2', ms: 10 })),
      note(pool.run(tasks, 'test.busy', { name: 'live', ms: 10 }, { priority: 'live' })),
    ]);
    expect(done).toEqual(['batch 1', 'live', 'batch 2']);
  });

  it('keeps a worker free of background work: a task asked for later starts at once, and batch goes before background', async () => {
    pool = new WorkerPool({ size: 2, body });
    // Both workers up first (a worker takes a moment to start).
    await Promise.all([pool.run(tasks, 'test.span', { ms: 50 }), pool.run(tasks, 'test.span', { ms: 50 })]);
    const background = (name: string) =>
      pool!.run(tasks, 'test.busy', { name, ms: 400 }, { priority: 'background' });
    const started = performance.now();
    const backgrounds = [background('bg 1'), background('bg 2'), background('bg 3')];
    const firstDone = backgrounds[0]!.then(() => performance.timeOrigin + performance.now());
    // Two background tasks queued before it, and yet the batch task runs on the worker kept free:
    // it starts before the first background task ends (with both workers on background work it
    // could not), however slow the machine.
    const batch = await pool.run(tasks, 'test.span', { ms: 50 });
    expect(batch.start).toBeLessThan(await firstDone);
    const order: string[] = [];
    await Promise.all(backgrounds.map((p) => p.then((name) => order.push(name))));
    // One at a time: each background task after the one before.
    expect(order).toEqual(['bg 1', 'bg 2', 'bg 3']);
    expect(performance.now() - started).toBeGreaterThan(1190);
  });

  it('drops a queued task whose signal aborts, and stops a running one at its next step', async () => {
    pool = new WorkerPool({ size: 1, body });
    const running = new AbortController();
    const queued = new AbortController();
    const first = pool.run(tasks, 'test.busy', { name: 'long', ms: 30_000 }, { signal: running.signal });
    const second = pool.run(tasks, 'test.busy', { name: 'never', ms: 10 }, { signal: queued.signal });
    queued.abort();
    await expect(second).rejects.toThrow(/abort/i);
    const started = performance.now();
    running.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(2_000);
    // The worker is free again.
    expect(await pool.run(tasks, 'test.add', { a: 1, b: 1 })).toBe(2);
  });

  it('gives the caller the error a task threw, as its own class when registered', async () => {
    registerTaskError(DataError);
    pool = new WorkerPool({ size: 1, body });
    const failed = pool.run(tasks, 'test.refuse', {
      message: 'municipality 999 has no persons in the store',
    });
    await expect(failed).rejects.toBeInstanceOf(DataError);
    await expect(failed).rejects.toThrow('municipality 999 has no persons in the store');
  });

  it('fails only the task of a worker that runs out of memory, and shares its values with the next worker', async () => {
    pool = new WorkerPool({ size: 1, body, maxHeapMb: 64 });
    pool.share('answer', 42);
    await expect(pool.run(tasks, 'test.exhaust', undefined as never)).rejects.toThrow(
      /more memory than a worker may use \(64 MB\)/,
    );
    expect(await pool.run(tasks, 'test.shared', { key: 'answer' })).toBe(42);
  });

  it('lets the process end once its tasks are done (idle workers keep nothing alive)', () => {
    const script = `
      import { WorkerPool } from ${JSON.stringify(new URL('./pool.ts', import.meta.url).href)};
      import { testTasks } from ${JSON.stringify(body.href)};
      const pool = new WorkerPool({ size: 2, body: new URL(${JSON.stringify(body.href)}) });
      pool.share('answer', 42);
      console.log(await pool.run(testTasks, 'test.shared', { key: 'answer' }));`;
    const file = join(tempDir(), 'idle.mts');
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.trim()).toBe('42');
    // A child process that compiles TypeScript and starts two workers: seconds on a loaded machine.
  }, 90_000);
});
