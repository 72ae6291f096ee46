// Child process of the benchmark: how long the investment calculator's "probability of paying back"
// and "break-even" tiles take after a control change, in Debian's Chromium on the demo data (the
// population `npm start` generates), for the default case on the largest municipality; and the API
// times of the requests behind them for the default case, a 520-week horizon and participants = the
// whole target group.
//
// `tiles.ts DIR [TREE]`: TREE is the root of a checkout of this repository (default: this one), so
// that one run can measure two commits on the same machine state; its web app is built, its store
// generated in DIR and its server started in this process.
//
// In the page, a MutationObserver records every change of the two tiles with its time; a change of a
// control marks `control-changed` (Invest.tsx). "Filled" is the first moment after the mark at which
// both tiles show a figure; "final" the moment from which they show the figure the report prints
// (a tile still showing a first estimate carries data-provisional). Beside the times, the CPU this
// process (the server's thread and its workers) used until then: on a shared machine the times grow
// with the load, the CPU much less.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

type ServerModules = typeof import('../packages/server/src/http/serve.ts') &
  typeof import('../packages/server/src/data/index.ts') &
  typeof import('../packages/server/src/jobinvest/index.ts') &
  typeof import('../packages/server/src/access/index.ts') &
  typeof import('@jobinvest/core');

const [dir, treeArg] = process.argv.slice(2) as [string, string?];
const tree = resolve(treeArg ?? fileURLToPath(new URL('../', import.meta.url)));
const load = async <T>(path: string) => (await import(join(tree, path))) as T;
const m = {
  ...(await load<object>('packages/server/src/http/serve.ts')),
  ...(await load<object>('packages/server/src/data/index.ts')),
  ...(await load<object>('packages/server/src/jobinvest/index.ts')),
  ...(await load<object>('packages/server/src/access/index.ts')),
  ...(await load<object>('packages/core/src/index.ts')),
} as ServerModules;
const { defaultCase } = await load<typeof import('@jobinvest/web/default-case')>(
  'packages/web/src/pages/jobinvest/default-case.ts',
);

const USER = 'bench-analyst';
const PASSWORD = 'bench-tiles-password-1';
const loadBefore = loadavg()[0]!;
execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: tree, stdio: 'pipe' });
// The demo data run to the week of yesterday, as `npm start`'s do.
const { weekOfYesterday } = await load<typeof import('../packages/server/src/cli/options.ts')>(
  'packages/server/src/cli/options.ts',
);
const { config, store } = await m.generatedStore({
  ...m.DEMO_SIZE,
  toWeek: weekOfYesterday(new Date()),
  outDir: dir,
  db: join(dir, 'store.duckdb'),
});
await m.addUser(store, { username: 'bench-admin', role: 'admin', password: `${PASSWORD}-admin` });
await m.addUser(store, { username: USER, role: 'analyst', password: PASSWORD });
const [largest] = await store.query<{ m: number; n: number }>(
  'SELECT municipality AS m, count(DISTINCT person_id) AS n FROM person_municipalities GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
);
const [window] = await store.query<{ last: number }>(
  'SELECT max(last_week) AS last FROM observation_windows',
);
const lastWeek = m.toYyyyww(window!.last);
await m.modelFor(store);
const server = await m.startServer({
  // A 5,000-participant case took 54 s before this bench was written: the budget is no limit here.
  config: { ...config, server: { ...config.server, host: '127.0.0.1', port: 0, requestBudgetSeconds: 900 } },
  rates: m.SHIPPED_RATES,
  store,
});
// The calculator as a person meets it once the server has made the pages' first answers after its
// start (Prognose's bands and the backtests' models, minutes of work on the demo data that a tree
// with a background queue keeps off one worker); a tree without the preparation starts at once.
const preparing = performance.now();
await (server as { prepared?: () => Promise<unknown> }).prepared?.();
const preparedAfterSeconds = Math.round((performance.now() - preparing) / 100) / 10;
const login = await fetch(`${server.url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: USER, password: PASSWORD }),
});
if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const out: Record<string, number | string> = {
  ...(treeArg ? { tree } : {}),
  loadAverageBefore: loadBefore,
  preparedAfterSeconds,
};

// The API: the requests the page sends after a change, sent together as the page sends them, for a
// case first asked (nothing of it kept) and again after the effect changed.
const doc = defaultCase(largest!.m, lastWeek, 'da');
const group = (await (
  await fetch(`${server.url}/api/invest/target-group`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ municipality: doc.municipality, startWeek: doc.startWeek, target: doc.target }),
  })
).json()) as { persons: number };
out.targetGroup = group.persons;
/** CPU milliseconds of this process (the server's thread and its workers) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return Math.round((u.user + u.system) / 1000);
};
const post = async (body: object) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // node:http rather than fetch, whose 300 s wait for the headers a long case on a busy machine outlasts.
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${server.url}/api/invest`,
      { method: 'POST', headers: { 'content-type': 'application/json', cookie } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
  if (status !== 200) throw new Error(`POST /api/invest answered ${status}: ${text}`);
  const r = JSON.parse(text) as { probabilityOfPayback: number | null; breakEvenEffect: number | null };
  return { ms: performance.now() - started, cpuMs: cpuSince(cpu), ...r };
};
// The requests behind the tiles, as this tree's page sends them: a first estimate and the final
// figures where the tree has quickReplications, else the one request with 100 replications.
const { quickReplications, CASE_REPLICATIONS: total } = m as unknown as {
  quickReplications?: (replications: number, participants: number, horizonWeeks: number) => number;
  CASE_REPLICATIONS?: number;
};
const tileRequests = (d: { participants: number; horizonWeeks: number }): object[] =>
  quickReplications && total
    ? [{ ...d, replications: quickReplications(total, d.participants, d.horizonWeeks) }, d]
    : [{ ...d, replications: 100 }];
for (const [label, variant] of [
  ['default', {}],
  ['horizon520', { horizonWeeks: 520 }],
  ['wholeGroup', { participants: group.persons }],
] as const) {
  for (const [step, hazardRatio] of [
    ['first', 1.3],
    ['effectChanged', 1.4],
  ] as const) {
    const asked = { ...doc, ...variant, effect: { ...doc.effect, hazardRatio } };
    const answers = await Promise.all([
      post({ ...asked, replications: 0, breakEven: false }),
      ...tileRequests(asked).map(post),
    ]);
    out[`api_${label}_${step}_liveMs`] = Math.round(answers[0]!.ms);
    out[`api_${label}_${step}_tilesFirstMs`] = Math.round(Math.min(...answers.slice(1).map((a) => a.ms)));
    out[`api_${label}_${step}_tilesFinalMs`] = Math.round(answers.at(-1)!.ms);
    // The process's CPU from the requests' start to each answer: the work behind it on any thread.
    out[`api_${label}_${step}_tilesFirstCpuMs`] = Math.min(...answers.slice(1).map((a) => a.cpuMs));
    out[`api_${label}_${step}_tilesFinalCpuMs`] = answers.at(-1)!.cpuMs;
    out[`api_${label}_${step}_probability`] = answers.at(-1)!.probabilityOfPayback ?? NaN;
    out[`api_${label}_${step}_breakEven`] = answers.at(-1)!.breakEvenEffect ?? NaN;
    process.stderr.write(`${label} ${step}: ${answers.map((a) => Math.round(a.ms)).join(' / ')} ms\n`);
  }
}

// The page.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${largest!.m}')`);
await page.goto(`${server.url}/#/investering`);
await page.locator('input[name="username"]').fill(USER);
await page.locator('input[name="password"]').fill(PASSWORD);
await page.locator('form.login-form button[type="submit"]').click();
// Polled with page.evaluate (waitForFunction compiles its code in the page, which the app's CSP
// forbids), one call every 100 ms: the times come from the page's own record of the tiles' changes
// (below), and a probe that asks more often takes the CPU the server is measured on.
const TILES = `(() => {
  const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? '';
  const p = document.querySelector('[data-testid="probability"]');
  return {
    be: text('break-even'),
    p: text('probability'),
    provisional: p?.hasAttribute('data-provisional') ?? false,
    busy: !!document.querySelector('.results[aria-busy="true"]'),
  };
})()`;
const filled = (t: { be: string; p: string }) =>
  /\d/.test(t.p) && (/\d/.test(t.be) || /ingen|none/i.test(t.be));
/** Until the tiles show the final figures; the process's CPU (ms) when they were first seen filled, and final. */
const settled = async (what: Page) => {
  const cpu = process.cpuUsage();
  let filledCpuMs: number | null = null;
  const until = Date.now() + 600_000;
  while (Date.now() < until) {
    const t = (await what.evaluate(TILES)) as { be: string; p: string; provisional: boolean; busy: boolean };
    if (filled(t)) filledCpuMs ??= cpuSince(cpu);
    if (filled(t) && !t.provisional && !t.busy)
      return { filledCpuMs: filledCpuMs!, finalCpuMs: cpuSince(cpu) };
    await what.waitForTimeout(100);
  }
  throw new Error('the tiles did not settle within 600 s');
};
await settled(page);
await page.evaluate(`(() => {
  window.__tiles = [];
  const record = () => window.__tiles.push({ t: performance.now(), ...${TILES} });
  new MutationObserver(record).observe(document.querySelector('.results'), {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
})()`);
const changes: [string, string, string][] = [
  ['effect', 'input[name="hazardRatio"]', '1.35'],
  ['effect', 'input[name="hazardRatio"]', '1.4'],
  ['effect', 'input[name="hazardRatio"]', '1.45'],
  ['cost', 'input[name="perParticipant"]', '30000'],
  ['cost', 'input[name="perParticipant"]', '20000'],
  ['discount', 'input[name="discountRate"]', '4'],
];
const times: Record<string, { first: number[]; final: number[]; firstCpu: number[]; finalCpu: number[] }> =
  {};
for (const [kind, selector, value] of changes) {
  await page.locator(selector).fill(value);
  const cpu = await settled(page);
  const { first, final } = (await page.evaluate(`(() => {
    const mark = performance.getEntriesByName('control-changed').at(-1).startTime;
    const after = window.__tiles.filter((e) => e.t > mark);
    const filled = (e) => /\\d/.test(e.p) && (/\\d/.test(e.be) || /ingen|none/i.test(e.be));
    // The last moment from which on the tiles were filled (an earlier figure of the old case is not it).
    let first = null, final = null;
    for (let i = after.length - 1; i >= 0 && filled(after[i]); i--) {
      first = after[i].t - mark;
      if (!after[i].provisional) final = after[i].t - mark;
    }
    return { first, final };
  })()`)) as { first: number | null; final: number | null };
  const entry = (times[kind] ??= { first: [], final: [], firstCpu: [], finalCpu: [] });
  entry.first.push(first ?? NaN);
  entry.final.push(final ?? NaN);
  entry.firstCpu.push(cpu.filledCpuMs);
  entry.finalCpu.push(cpu.finalCpuMs);
  process.stderr.write(
    `${kind} ${value}: filled ${Math.round(first ?? NaN)} ms, final ${Math.round(final ?? NaN)} ms\n`,
  );
}
for (const [kind, { first, final, firstCpu, finalCpu }] of Object.entries(times)) {
  out[`ui_${kind}_tilesFilledMs`] = first.map((x) => Math.round(x)).join('/');
  out[`ui_${kind}_tilesFinalMs`] = final.map((x) => Math.round(x)).join('/');
  out[`ui_${kind}_tilesFilledCpuMs`] = firstCpu.join('/');
  out[`ui_${kind}_tilesFinalCpuMs`] = finalCpu.join('/');
}
out.loadAverageAfter = loadavg()[0]!;
await browser.close();
await server.close();
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
