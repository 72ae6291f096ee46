/**
 * The loop of a worker thread: it runs a task of `tasks` for each message from the pool (pool.ts)
 * and answers with its result or its error. Called by the thread's body module (body.ts).
 */

import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { FromWorker, Task, TaskContext, TaskTable, ToWorker } from './pool.ts';

const shared = new Map<string, unknown>();

function contextFor(cancel: Int32Array): TaskContext {
  return {
    shared<T>(key: string): T {
      if (!shared.has(key)) throw new Error(`nothing shared as ${key}`);
      return shared.get(key) as T;
    },
    checkCancelled() {
      if (Atomics.load(cancel, 0) !== 0) throw new DOMException('the task was cancelled', 'AbortError');
    },
  };
}

/** How much lower than the request thread a worker runs (a nice value, 0 … 19). */
export const WORKER_NICENESS = 10;

/**
 * The request thread before the heavy work: with every core busy in the workers, a request that only
 * reads (health, a kept overview) would otherwise wait for a time slice. On Linux each thread has a
 * nice value of its own, set through its thread id (/proc/thread-self names it); elsewhere this is
 * not possible and the workers run at the request thread's priority.
 */
function yieldToRequestThread(): void {
  let threadId: number;
  try {
    threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return;
  }
  setPriority(threadId, WORKER_NICENESS);
}

/** Answer the pool's messages with the tasks of `tasks`. */
export function serveTasks(tasks: TaskTable): void {
  yieldToRequestThread();
  const port = parentPort!;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'share') shared.set(message.key, message.value);
    else if (message.type === 'unshare') shared.delete(message.key);
    else void run(tasks, message).then((answer) => port.postMessage(answer));
  });
}

async function run(tasks: TaskTable, message: Extract<ToWorker, { type: 'task' }>): Promise<FromWorker> {
  let answer: FromWorker;
  try {
    // The pool checked the name against the caller's table, whose types hold the input's.
    const task = tasks[message.task] as Task<unknown> | undefined;
    if (!task) throw new Error(`no task ${message.task} in the worker`);
    answer = { type: 'result', id: message.id, value: await task(message.input, contextFor(message.cancel)) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    answer = {
      type: 'error',
      id: message.id,
      error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) },
    };
  }
  return answer;
}
