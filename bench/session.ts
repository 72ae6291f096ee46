// The benchmarks' way in: an analyst (unsuppressed figures, as an analyst exploring live sees them)
// added to the benchmark's own store, and a session cookie for it from the server under test.
import { randomBytes } from 'node:crypto';
import { addUser, users } from '../packages/server/src/access/index.ts';
import type { Store } from '../packages/server/src/data/index.ts';

export const BENCH_USER = 'bench-analyst';

/** Adds the benchmark's analyst to `store` (before the server opens it); answers its password. */
export async function addBenchUser(store: Store): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  // A store's first user is its admin: the benchmark's store gets one too (no one logs in as it).
  if ((await users(store)).length === 0)
    await addUser(store, {
      username: 'bench-admin',
      role: 'admin',
      password: randomBytes(18).toString('base64url'),
    });
  await addUser(store, { username: BENCH_USER, role: 'analyst', password });
  return password;
}

/** Logs the benchmark's analyst in at `baseUrl`; answers the `cookie` header to send. */
export async function benchCookie(baseUrl: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password }),
  });
  if (res.status !== 200)
    throw new Error(`the benchmark's login answered ${res.status}: ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
