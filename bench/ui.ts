// Child process of the benchmark: the investment calculator in Debian's Chromium on the demo data
// (the population `npm start` generates). For the largest municipality and a small one, the effect
// slider is moved five times, each time once the previous answer (and its replications) has come,
// and the time from the change to the redrawn cumulative chart is read from the page's performance
// marks (`control-changed`, `chart-updated:invest-cumulative`). The server's own time for the live
// request is measured beside it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEMO_SIZE } from '../packages/server/src/data/demo.ts';
import { generatedStore } from '../packages/server/src/data/generate.ts';
import { modelFor } from '../packages/server/src/jobinvest/index.ts';
import { weekOfYesterday } from '../packages/server/src/cli/options.ts';
import { startServer } from '../packages/server/src/http/serve.ts';
import { SHIPPED_RATES, toYyyyww } from '@jobinvest/core';
import { defaultCase } from '@jobinvest/web/default-case';
import { addBenchUser, BENCH_USER, benchCookie } from './session.ts';

const [dir] = process.argv.slice(2) as [string];
const root = fileURLToPath(new URL('../', import.meta.url));
execFileSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'pipe' });
const { config, store } = await generatedStore({
  ...DEMO_SIZE,
  toWeek: weekOfYesterday(new Date()),
  outDir: dir,
  db: join(dir, 'store.duckdb'),
});
const sizes = await store.query<{ m: number; n: number }>(
  'SELECT municipality AS m, count(DISTINCT person_id) AS n FROM person_municipalities GROUP BY 1 ORDER BY 2 DESC',
);
const [window] = await store.query<{ last: number }>(
  'SELECT max(last_week) AS last FROM observation_windows',
);
await modelFor(store);
const password = await addBenchUser(store);
const server = await startServer({
  config: { ...config, server: { ...config.server, host: '127.0.0.1', port: 0 } },
  rates: SHIPPED_RATES,
  store,
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const cookie = await benchCookie(server.url, password);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out: Record<string, number> = {};
for (const [label, { m }] of [
  ['largest', sizes[0]!],
  ['small', sizes[Math.min(2, sizes.length - 1)]!],
] as const) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(`localStorage.setItem('jobinvest.municipality', '${m}')`);
  await page.goto(`${server.url}/#/investering`);
  await page.locator('input[name="username"]').fill(BENCH_USER);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form.login-form button[type="submit"]').click();
  // The answer and its replications are in, and nothing is being computed: asked of the page every
  // 20 ms (page.evaluate; waitForFunction compiles its code in the page, which the app's
  // Content-Security-Policy forbids). The times measured are the page's own performance marks.
  const settled = async () => {
    const until = Date.now() + 300_000;
    while (Date.now() < until) {
      const done = await page.evaluate(
        `/\\d/.test(document.querySelector('[data-testid="probability"]')?.textContent ?? '') &&
          !document.querySelector('.results[aria-busy="true"]')`,
      );
      if (done === true) return;
      await page.waitForTimeout(20);
    }
    throw new Error('the calculator did not settle within 300 s');
  };
  await settled();
  const ms: number[] = [];
  for (const hr of [1.35, 1.4, 1.45, 1.5, 1.55]) {
    await page.locator('input[name="hazardRatio"]').fill(String(hr));
    await settled();
    ms.push(
      await page.evaluate(() => {
        const last = performance.getEntriesByName('control-changed').at(-1)!.startTime;
        const drawn = performance
          .getEntriesByName('chart-updated:invest-cumulative')
          .filter((e) => e.startTime > last)
          .at(-1)!;
        return drawn.startTime - last;
      }),
    );
  }
  // The server alone: the same live request (replications 0, no break-even search) with another effect.
  // The case the page opens with (starting the week after the data's last), with the participants the page brought down to the target group (the server refuses more).
  const participants = Number(await page.locator('input[name="participants"]').inputValue());
  const opened = { ...defaultCase(m, toYyyyww(window!.last), 'da'), participants };
  const live = async (hazardRatio: number) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/invest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        ...opened,
        effect: { ...opened.effect, hazardRatio },
        replications: 0,
        breakEven: false,
      }),
    });
    if (res.status !== 200) throw new Error(`the live request answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { targetGroupSize: number };
    return { ms: performance.now() - started, targetGroup: body.targetGroupSize };
  };
  const server1 = await live(1.6);
  const server2 = await live(1.65);
  out[`${label}MunicipalityPersons`] = sizes.find((s) => s.m === m)!.n;
  out[`${label}TargetGroup`] = server1.targetGroup;
  out[`${label}ControlToChartMedianMs`] = median(ms);
  out[`${label}ControlToChartMaxMs`] = Math.max(...ms);
  out[`${label}ServerLiveRequestMs`] = median([server1.ms, server2.ms]);
  await page.close();
}
await browser.close();
await server.close();
process.stdout.write(JSON.stringify(out) + '\n');
