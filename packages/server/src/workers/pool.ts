/**
 * A pool of worker threads for the heavy work: projections, microsimulation, model estimation,
 * break-even searches and PDF printing run here, so that the HTTP thread only routes, validates and
 * reads, and stays responsive while they run.
 *
 * A task is a named function of a room (jobinvest/tasks.ts, exports/tasks.ts), run in a worker on
 * structured-cloned input. Three queues: `live` tasks (what a person waits for while moving a control)
 * go before `batch` tasks (a case's replications, a page's answer), and those before `background`
 * tasks (a forecast's bands, the pages' answers made after a start or an import, which nobody waits
 * for). Background tasks run on at most all workers but one, so that a person's task starts at once
 * however much background work there is; a batch task that is split into small ones lets a live one
 * in between them. A task whose signal aborts is dropped from the queue, or, when
 * running, sees its cancel flag at its next step and stops (TaskContext.checkCancelled).
 *
 * Values shared by every task (a transition model, tens of megabytes to clone) are sent to each
 * worker once with `share` and replayed to a worker that replaces one that died. A worker that runs
 * out of memory or crashes fails its own task only; the pool starts another.
 */

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export type Priority = 'live' | 'batch' | 'background';

/** What a task sees of the worker it runs in. */
export interface TaskContext {
  /** A value given to `WorkerPool.share`; throws if the key was never shared. */
  shared<T>(key: string): T;
  /** Throws an AbortError once the task's signal has aborted; call it between steps. */
  checkCancelled(): void;
}

// The input is contravariant: `never` admits every task's input type.
export type Task<I = never, O = unknown> = (input: I, context: TaskContext) => O | Promise<O>;
export type TaskTable = Readonly<Record<string, Task>>;
export type TaskInput<T> = T extends Task<infer I, unknown> ? I : never;
export type TaskOutput<T> = T extends Task<never, infer O> ? Awaited<O> : never;

export interface RunOptions {
  readonly priority?: Priority;
  readonly signal?: AbortSignal;
}

/** Messages from the pool to a worker. */
export type ToWorker =
  | {
      readonly type: 'task';
      readonly id: number;
      readonly task: string;
      readonly input: unknown;
      readonly cancel: Int32Array;
    }
  | { readonly type: 'share'; readonly key: string; readonly value: unknown }
  | { readonly type: 'unshare'; readonly key: string };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: TaskFailure };

export interface TaskFailure {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

interface Job {
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
  readonly cancel: Int32Array;
  readonly signal?: AbortSignal;
  readonly background: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Error classes that cross the thread boundary by name, so that callers can tell them apart. */
const errorKinds = new Map<string, new (message: string) => Error>();

/** Let errors named `kind.name` thrown in a task reach the caller as `kind` (DataError, say). */
export function registerTaskError(kind: new (message: string) => Error): void {
  errorKinds.set(kind.name, kind);
}

function revive(failure: TaskFailure): Error {
  if (failure.name === 'AbortError') return new DOMException(failure.message, 'AbortError');
  const Kind = errorKinds.get(failure.name);
  const error = Kind ? new Kind(failure.message) : new Error(`${failure.name}: ${failure.message}`);
  if (failure.stack) error.stack = failure.stack;
  return error;
}

export interface PoolOptions {
  /** Worker threads; default the machine's cores. */
  readonly size?: number;
  /** Heap limit of each worker in MB: a task beyond it fails, the server lives on. */
  readonly maxHeapMb?: number;
  /** The module a worker runs (default body.ts: the rooms' tasks); tests give their own. */
  readonly body?: URL;
}

const ENTRY = new URL('./thread.mjs', import.meta.url);
const BODY = new URL('./body.ts', import.meta.url);

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queues: Record<Priority, Job[]> = { live: [], batch: [], background: [] };
  /** Background tasks running now: at most `size − 1` (at least 1). */
  private background = 0;
  private readonly sharedValues = new Map<string, unknown>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    for (let i = 0; i < this.size; i++) this.slots.push({ worker: this.spawn(), job: null });
  }

  /** Run `name` of `table` with `input` in a worker. */
  run<T extends TaskTable, K extends keyof T & string>(
    table: T,
    name: K,
    input: TaskInput<T[K]>,
    options: RunOptions = {},
  ): Promise<TaskOutput<T[K]>> {
    if (!(name in table)) throw new Error(`no task ${name}`);
    return this.submit(name, input, options) as Promise<TaskOutput<T[K]>>;
  }

  /** Give every worker, now and later, `value` under `key` (TaskContext.shared). */
  share(key: string, value: unknown): void {
    this.sharedValues.set(key, value);
    for (const slot of this.slots) slot.worker.postMessage({ type: 'share', key, value } satisfies ToWorker);
  }

  unshare(key: string): void {
    if (!this.sharedValues.delete(key)) return;
    for (const slot of this.slots) slot.worker.postMessage({ type: 'unshare', key } satisfies ToWorker);
  }

  isShared(key: string): boolean {
    return this.sharedValues.has(key);
  }

  /** Tasks waiting for a worker, by priority. */
  get waiting(): Readonly<Record<Priority, number>> {
    return {
      live: this.queues.live.length,
      batch: this.queues.batch.length,
      background: this.queues.background.length,
    };
  }

  /** Stop the workers; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    const failure = new Error('the worker pool was closed');
    for (const queue of Object.values(this.queues))
      for (const job of queue.splice(0)) this.settle(job, failure);
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) this.settle(slot.job, failure);
        this.release(slot);
        await slot.worker.terminate();
      }),
    );
  }

  private submit(task: string, input: unknown, options: RunOptions): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    options.signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        task,
        input,
        cancel: new Int32Array(new SharedArrayBuffer(4)),
        ...(options.signal ? { signal: options.signal } : {}),
        background: options.priority === 'background',
        resolve,
        reject,
      };
      const queue = this.queues[options.priority ?? 'batch'];
      if (options.signal) {
        job.onAbort = () => {
          const queued = queue.indexOf(job);
          if (queued >= 0) {
            queue.splice(queued, 1);
            this.settle(job, options.signal!.reason ?? new DOMException('aborted', 'AbortError'));
          } else Atomics.store(job.cancel, 0, 1);
        };
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job =
        this.queues.live.shift() ??
        this.queues.batch.shift() ??
        (this.background < Math.max(1, this.size - 1) ? this.queues.background.shift() : undefined);
      if (!job) return;
      if (job.background) this.background++;
      slot.job = job;
      // A worker with a task keeps the process alive (a CLI command awaits it); an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage({
        type: 'task',
        id: job.id,
        task: job.task,
        input: job.input,
        cancel: job.cancel,
      } satisfies ToWorker);
    }
  }

  /** The slot's task has ended: the slot is free. */
  private release(slot: Slot): void {
    if (slot.job?.background) this.background--;
    slot.job = null;
  }

  private settle(job: Job, error: unknown, value?: unknown): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (error === undefined) job.resolve(value);
    else job.reject(error);
  }

  private spawn(): Worker {
    const worker = new Worker(ENTRY, {
      workerData: { body: (this.options.body ?? BODY).href },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 4096 },
    });
    for (const [key, value] of this.sharedValues)
      worker.postMessage({ type: 'share', key, value } satisfies ToWorker);
    worker.on('message', (message: FromWorker) => {
      const slot = this.slots.find((s) => s.worker === worker);
      const job = slot?.job;
      if (!slot || !job || job.id !== message.id) return;
      this.release(slot);
      worker.unref();
      if (message.type === 'result') this.settle(job, undefined, message.value);
      else this.settle(job, revive(message.error));
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(worker, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(worker, new Error(`a worker thread stopped (exit code ${code})`));
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return worker;
  }

  /** A worker died: fail its task, start another in its place. */
  private replace(worker: Worker, error: Error): void {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot || this.closed) return;
    const job = slot.job;
    this.release(slot);
    slot.worker = this.spawn();
    void worker.terminate();
    if (job) {
      const outOfMemory = 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.settle(
        job,
        new Error(
          outOfMemory
            ? `the computation needed more memory than a worker may use (${this.options.maxHeapMb ?? 4096} MB)`
            : `the computation failed in its worker: ${error.message}`,
        ),
      );
    }
    this.dispatch();
  }
}
