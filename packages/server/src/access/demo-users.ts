/**
 * The demo users: on a store of synthetic demo data (`npm start`), one user per role, whose
 * passwords the login page lists so that a newcomer can try each role. A store is a demo store
 * while every file it imported came from its demo folder (`demo/` beside the store, where
 * `jobinvest serve --demo` generates them); once a real file is imported, the demo users can no
 * longer log in and the next start removes them.
 */

import { dirname, join, sep } from 'node:path';
import { ROLES, type Role } from '@jobinvest/core';
import type { Store } from '../data/index.ts';
import { addUser, userNamed } from './users.ts';

export const DEMO_PASSWORDS: Readonly<Record<Role, string>> = Object.fromEntries(
  ROLES.map((role) => [role, `jobinvest-${role}`]),
) as Record<Role, string>;

/** The demo users' caseworker: one of the generator's caseworkers of the first municipality. */
async function demoCaseworker(
  store: Store,
): Promise<{ caseworker: string | null; municipality: number | null }> {
  const [row] = await store.query<{ caseworker: string; municipality: number }>(
    `SELECT a.caseworker, m.municipality FROM caseworker_assignments a
     JOIN person_municipalities m USING (person_id)
     GROUP BY ALL ORDER BY count(*) DESC, a.caseworker LIMIT 1`,
  );
  return { caseworker: row?.caseworker ?? null, municipality: row ? Number(row.municipality) : null };
}

export async function isDemoStore(store: Store): Promise<boolean> {
  if (store.path === ':memory:') return false;
  const folder = join(dirname(store.path), 'demo') + sep;
  const [row] = await store.query<{ imports: bigint | number; outside: bigint | number }>(
    `SELECT count(*) AS imports, count(*) FILTER (WHERE NOT starts_with(file, $1)) AS outside
     FROM imports WHERE outcome = 'ok'`,
    [folder],
  );
  return Number(row?.imports ?? 0) > 0 && Number(row?.outside ?? 0) === 0;
}

/**
 * On a demo store, the demo users (`demo-<role>`, password `jobinvest-<role>`); elsewhere, none.
 * The caseworker's own caseload is one caseworker's citizens of the data.
 */
export async function syncDemoUsers(store: Store): Promise<string[]> {
  if (!(await isDemoStore(store))) {
    await store.transaction((c) => c.run('DELETE FROM users WHERE demo'));
    return [];
  }
  const { caseworker } = await demoCaseworker(store);
  const added: string[] = [];
  for (const role of ROLES) {
    const username = `demo-${role}`;
    if (await userNamed(store, username)) continue;
    if (role === 'caseworker' && caseworker === null) continue;
    await addUser(store, {
      username,
      role,
      password: DEMO_PASSWORDS[role],
      caseworker: role === 'caseworker' ? caseworker : null,
      demo: true,
    });
    added.push(username);
  }
  return added;
}
