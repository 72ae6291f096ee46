/** A worker body for pool.test.ts: small tasks that show what the pool does with them. */

import { DataError } from '../data/index.ts';
import { readFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
import type { TaskContext } from './pool.ts';
import { serveTasks } from './worker.ts';

export const testTasks = {
  'test.add': (input: { a: number; b: number }) => input.a + input.b,
  'test.shared': (input: { key: string }, context: TaskContext) => context.shared<number>(input.key),
  /** Busy for `ms`, checking for cancellation every millisecond; returns its name. */
  'test.busy': (input: { name: string; ms: number }, context: TaskContext) => {
    const until = performance.now() + input.ms;
    let next = performance.now();
    while (performance.now() < until) {
      if (performance.now() >= next) {
        context.checkCancelled();
        next += 1;
      }
    }
    return input.name;
  },
  /** Busy for `ms`; says in which thread and when (ms since the epoch) it started and ended. */
  'test.span': (input: { ms: number }) => {
    const start = performance.timeOrigin + performance.now();
    while (performance.timeOrigin + performance.now() < start + input.ms);
    return { thread: threadId, start, end: performance.timeOrigin + performance.now() };
  },
  /** The nice value of the thread the task runs in (Linux: field 19 of /proc/thread-self/stat). */
  'test.niceness': () =>
    Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16]),
  'test.refuse': (input: { message: string }) => {
    throw new DataError(input.message);
  },
  'test.exhaust': (): never => {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 1e6 }, (_, i) => i));
  },
};

if (!isMainThread) serveTasks(testTasks);
