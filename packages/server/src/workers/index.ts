/**
 * The process's worker pool: made on first use, one per process (as the store is), sized to the
 * machine's cores. Its idle workers do not keep the process alive.
 */

import { WorkerPool } from './pool.ts';

export { registerTaskError, type Priority, type RunOptions, type TaskContext, WorkerPool } from './pool.ts';

let pool: WorkerPool | null = null;

export function workPool(): WorkerPool {
  return (pool ??= new WorkerPool());
}
