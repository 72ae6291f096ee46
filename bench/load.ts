// Child process of the benchmark: a bounded load run on loopback against `jobinvest serve` on the
// demo data (the population `npm start` generates), in a process of its own so that the load does
// not share the server's thread: `clients` concurrent clients for `seconds`, a mix of /api/health,
// /api/overview and the calculator's live POST /api/invest (bench/load-client.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { toYyyyww } from '@jobinvest/core';
import { defaultCase } from '@jobinvest/web/default-case';
import { closeStore, DEMO_SIZE, generatedStore } from '../packages/server/src/data/index.ts';
import { modelFor } from '../packages/server/src/jobinvest/index.ts';
import { weekOfYesterday } from '../packages/server/src/cli/options.ts';
import { runLoad } from './load-client.ts';
import { addBenchUser, benchCookie } from './session.ts';

const [dir, clients = '50', seconds = '60'] = process.argv.slice(2) as [string, string?, string?];
const root = fileURLToPath(new URL('../', import.meta.url));
const db = join(dir, 'store.duckdb');
const { store } = await generatedStore({
  ...DEMO_SIZE,
  toWeek: weekOfYesterday(new Date()),
  outDir: dir,
  db,
});
const municipalities = (
  await store.query<{ m: number }>('SELECT DISTINCT municipality AS m FROM person_municipalities ORDER BY 1')
).map((r) => String(r.m).padStart(3, '0'));
const [window] = await store.query<{ last: number }>(
  'SELECT max(last_week) AS last FROM observation_windows',
);
// Estimated and saved here, so that the server starts on a saved model.
await modelFor(store);
const password = await addBenchUser(store);
await closeStore(db);

const server = spawn(
  process.execPath,
  [join(root, 'packages/server/bin/jobinvest.js'), 'serve', '--db', db, '--port', '0'],
  {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      const found = /open (http:\/\/\S+?)\/ in a browser/.exec(line);
      if (found) resolve(found[1]!);
    });
    server.once('exit', (code) => reject(new Error(`jobinvest serve stopped (exit code ${code})`)));
  });
  const lastWeek = toYyyyww(window!.last);
  const cookie = await benchCookie(url, password);
  // The opening case's participants, at most its target group (the server refuses more).
  const opening = (m: string) => defaultCase(Number(m), lastWeek, 'da');
  const groupSize = new Map<string, number>();
  for (const m of municipalities) {
    const { municipality, startWeek, target } = opening(m);
    const res = await fetch(`${url}/api/invest/target-group`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ municipality, startWeek, target }),
    });
    if (res.status !== 200) throw new Error(`target group of ${m}: ${res.status} ${await res.text()}`);
    groupSize.set(m, ((await res.json()) as { persons: number }).persons);
  }
  const result = await runLoad({
    baseUrl: url,
    cookie,
    clients: Number(clients),
    seconds: Number(seconds),
    requestTimeoutMs: 30_000,
    municipalities,
    // The calculator's live request: the opening case, without break-even search or replications.
    investCase: (m) => {
      const doc = opening(m);
      return {
        ...doc,
        participants: Math.min(doc.participants, groupSize.get(m)!),
        breakEven: false,
        replications: 0,
      };
    },
  });
  process.stdout.write(JSON.stringify(result) + '\n');
} finally {
  server.kill('SIGTERM');
}
