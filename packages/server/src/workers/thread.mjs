// A worker thread of the pool (pool.ts): TypeScript through tsx, as the bin runs it, then the tasks.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
