// A worker thread of the pool (pool.ts): TypeScript through tsx, as the bin runs it, then the body
// module the pool names (body.ts, or a test's).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.body);
