// First visits of Prognose and Modelkontrol on the demo data (`npm start`'s 60,000 persons, 5
// municipalities), each on a server started fresh (`jobinvest serve`, a process of its own, on a copy
// of one demo store whose transition models are already estimated and saved, as after a first
// start): the time from the login to the page's ready selector in Debian's Chromium, and the time of
// the API requests the pages make, for the largest and the smallest municipality.
//
//   node --import tsx bench/first-visit.ts DIR [--bin path/to/bin/jobinvest.js] [--prepared]
//
// DIR holds the demo store (made with `serve --demo` on its first use). `--bin` measures another
// tree's server with the same script; `--prepared` waits, before visiting, for the server's line that
// the pages' first answers are ready (the background preparation after a start), and reports how
// long that took. Without it the visits come the moment the server says where to open the app (it
// listens at once, and says so once the largest municipality's pages have their first answers: how
// long after the start is openAfterSeconds). Prints one JSON line.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromYyyyww, toYyyyww } from '@jobinvest/core';
import { chromium, type Browser } from 'playwright-core';
import { closeStore, openStore } from '../packages/server/src/data/index.ts';
import { addBenchUser, BENCH_USER } from './session.ts';

const args = process.argv.slice(2);
const dir = args[0]!;
const option = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const bin = option('--bin') ?? fileURLToPath(new URL('../packages/server/bin/jobinvest.js', import.meta.url));
const prepared = args.includes('--prepared');
let password = '';

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly started: number;
  /** Seconds from the start to the line that says where to open the app. */
  readonly openAfter: number;
  /** Resolves with the seconds from the start to the server's "first answers ready" line. */
  readonly preparedAfter: Promise<number>;
}

function serve(db: string, demo = false): Promise<Server> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--db', db, '--port', '0', ...(demo ? ['--demo'] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let readyLine: (seconds: number) => void = () => {};
  const preparedAfter = new Promise<number>((resolve) => (readyLine = resolve));
  child.stderr!.on('data', (chunk: Buffer) => {
    if (/first answers .* ready/.test(chunk.toString())) readyLine((performance.now() - started) / 1000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+)\/ in a browser/.exec(out);
      if (match?.[1])
        resolve({
          child,
          url: match[1],
          started,
          openAfter: (performance.now() - started) / 1000,
          preparedAfter,
        });
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code} before listening: ${out}`)));
  });
}

/** Stop the server process started here: SIGTERM, and SIGKILL if it has not gone after 30 s. */
async function stop(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await gone;
  clearTimeout(timer);
}

async function cookieOf(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER, password }),
  });
  if (res.status !== 200) throw new Error(`the login answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function timed(url: string, cookie: string, path: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}${path}`, { headers: { cookie, 'accept-language': 'da' } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return Math.round(performance.now() - started);
}

const READY: Record<string, readonly string[]> = {
  prognose: ['[data-chart="forecast-steps"] svg path'],
  modelkontrol: ['table[data-table="backtest"] tbody tr', '[data-chart="model-survival"] svg path'],
};

/** Log in on the page, open `page` for `municipality`: milliseconds from the login to its ready selectors. */
async function visit(browser: Browser, url: string, municipality: number, page: string): Promise<number> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await tab.addInitScript(`localStorage.setItem('jobinvest.municipality', '${municipality}')`);
  await tab.goto(`${url}/#/${page}`);
  await tab.locator('input[name="username"]').fill(BENCH_USER);
  await tab.locator('input[name="password"]').fill(password);
  const started = performance.now();
  await tab.locator('form.login-form button[type="submit"]').click();
  await Promise.all(
    READY[page]!.map((selector) => tab.waitForSelector(selector, { state: 'attached', timeout: 900_000 })),
  );
  const ms = Math.round(performance.now() - started);
  await tab.close();
  return ms;
}

// The demo store, the benchmark's analyst in it, and its models estimated and saved (the whole
// data's, and the backtest's), as after a first start.
mkdirSync(dir, { recursive: true });
const demo = join(dir, 'demo-store');
const passwordFile = join(dir, 'bench-user.txt');
if (!existsSync(join(demo, 'store.duckdb'))) {
  mkdirSync(demo, { recursive: true });
  const first = await serve(join(demo, 'store.duckdb'), true);
  await stop(first);
}
if (!existsSync(passwordFile)) {
  // The benchmark's analyst (a copied store is no demo store: its demo users cannot log in).
  const store = await openStore(join(demo, 'store.duckdb'));
  writeFileSync(passwordFile, await addBenchUser(store), { mode: 0o600 });
  await closeStore(join(demo, 'store.duckdb'));
  const first = await serve(join(demo, 'store.duckdb'));
  password = readFileSync(passwordFile, 'utf8');
  const cookie = await cookieOf(first.url);
  const summary = (await (
    await fetch(`${first.url}/api/data/summary`, { headers: { cookie } })
  ).json()) as Summary;
  const { municipalities, at } = questions(summary);
  await timed(
    first.url,
    cookie,
    `/api/backtest?municipality=${String(municipalities[0][1]).padStart(3, '0')}&at=${at}&horizon=104`,
  );
  await stop(first);
}
password = readFileSync(passwordFile, 'utf8');

/** One start of the server on a fresh copy of the demo store: `measure` on it, then stop it. */
async function onFreshServer(measure: (server: Server, cookie: string, summary: Summary) => Promise<void>) {
  const run = join(dir, 'run');
  rmSync(run, { recursive: true, force: true });
  cpSync(demo, run, { recursive: true });
  const server = await serve(join(run, 'store.duckdb'));
  try {
    const cookie = await cookieOf(server.url);
    const summary = (await (
      await fetch(`${server.url}/api/data/summary`, { headers: { cookie } })
    ).json()) as Summary;
    note('openAfterSeconds', Math.round(server.openAfter * 10) / 10);
    if (prepared) note('preparedAfterSeconds', Math.round((await server.preparedAfter) * 10) / 10);
    await measure(server, cookie, summary);
  } finally {
    await stop(server);
    rmSync(run, { recursive: true, force: true });
  }
}

interface Summary {
  readonly window: { readonly last: number };
  readonly municipalities: readonly { readonly code: number; readonly persons: number }[];
}

/** The largest and the smallest municipality, and the week the Modelkontrol page backtests from. */
function questions(summary: Summary) {
  const withPersons = summary.municipalities.filter((m) => m.persons > 0);
  return {
    municipalities: [
      ['largest', withPersons[0]!.code],
      ['smallest', withPersons.at(-1)!.code],
    ] as const,
    at: toYyyyww(fromYyyyww(summary.window.last) - 104),
  };
}

const out: Record<string, number> = {};
const note = (key: string, value: number) => {
  out[key] = value;
  process.stderr.write(`${key}: ${value}\n`);
};
// The API first: the requests the pages make, in their order, before anything else asked.
await onFreshServer(async (server, cookie, summary) => {
  const { municipalities, at } = questions(summary);
  for (const [label, m] of municipalities) {
    const code = String(m).padStart(3, '0');
    // Modelkontrol's diagnostics are per municipality since issue 14; an older server takes no
    // municipality and answers the check pooled over all.
    note(
      `${label}ApiForecastMs`,
      await timed(server.url, cookie, `/api/forecast?municipality=${code}&horizon=260`),
    );
    note(
      `${label}ApiDiagnosticsMs`,
      await timed(server.url, cookie, `/api/model/diagnostics?municipality=${code}`),
    );
    note(
      `${label}ApiBacktestMs`,
      await timed(server.url, cookie, `/api/backtest?municipality=${code}&at=${at}&horizon=104`),
    );
  }
});
// Then the pages in Chromium, on another fresh start.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  await onFreshServer(async (server, _cookie, summary) => {
    for (const [label, m] of questions(summary).municipalities) {
      note(`${label}PrognoseMs`, await visit(browser, server.url, m, 'prognose'));
      note(`${label}ModelkontrolMs`, await visit(browser, server.url, m, 'modelkontrol'));
    }
  });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
