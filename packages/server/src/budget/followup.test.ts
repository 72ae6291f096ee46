/**
 * Budget against realised on the hand-made Ydelsesrefusion file (followup-test-helpers.ts) and a
 * hand-made budget, computed by hand: the server's follow-up, the route (409 without a budget, the
 * figures with a provider, withheld for a role that sees suppressed figures) and the command.
 */

import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { fromYyyyww, SHIPPED_RATES, type MonthlyAmounts } from '@jobinvest/core';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessGuard, AccessError, registerAccessRoutes, Sessions } from '../access/index.ts';
import { signIn } from '../access/test-helpers.ts';
import { runCli, tempDir } from '../cli/test-helpers.ts';
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { closeStore, storeOf, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { addFollowUpCommand } from './followup-commands.ts';
import { registerFollowUpRoutes } from './followup-routes.ts';
import { importHandMadeRefusion } from './followup-test-helpers.ts';
import { followUp, lastWholeMonth, type BudgetMonthsProvider } from './followup.ts';

/** Wednesday 15 April 2026: week 16, so weeks through 15 are whole; the file's last week is 14. */
const TODAY = new Date('2026-04-15T10:00:00Z');

/** Every month of 2026: kontanthjælp 4,000 gross, 2,000 refusion; a-dagpenge 5,000 gross, 3,500 co-financing. */
const BUDGET: MonthlyAmounts[] = Array.from({ length: 12 }, (_, k) => {
  const month = `2026-${String(k + 1).padStart(2, '0')}`;
  return [
    { benefit: 'kontanthjaelp_forhoejet', month, gross: 4000, refusion: 2000, cofinancing: 0, net: 2000 },
    { benefit: 'adagpenge', month, gross: 5000, refusion: 0, cofinancing: 3500, net: 3500 },
  ];
}).flat();

const provider: BudgetMonthsProvider = async (_store, municipality, year) =>
  municipality === 101 && year === 2026 ? BUDGET : null;

let dir: string;
let db: string;
let config: Config;
let store: Store;
beforeAll(async () => {
  dir = tempDir();
  db = join(dir, 'store.duckdb');
  config = await loadConfig({ cwd: dir, overrides: { db } });
  await importHandMadeRefusion(config, dir);
  store = await storeOf(config);
}, 60_000);
afterAll(() => closeStore(db));

describe('lastWholeMonth', () => {
  it("is the month of the week's Thursday when the week is that month's last, else the month before", () => {
    expect(lastWholeMonth(fromYyyyww(202614))).toBe('2026-03'); // Thursday 2 April; April ends in week 18
    expect(lastWholeMonth(fromYyyyww(202618))).toBe('2026-04'); // Thursday 30 April
    expect(lastWholeMonth(fromYyyyww(202601))).toBe('2025-12'); // Thursday 1 January
    expect(lastWholeMonth(fromYyyyww(202552))).toBe('2025-12'); // Thursday 25 December, December's last
  });
});

describe('followUp on the hand-made file', () => {
  it('compares January to March and projects the year by the realised share of the budget so far', async () => {
    const report = await followUp(store, 101, 2026, BUDGET, TODAY);
    expect(report).toMatchObject({ throughMonth: '2026-03', lastWeek: 202614, threshold: 0.05 });
    expect(report.lines.map((l) => l.benefit)).toEqual(['kontanthjaelp', 'adagpenge', 'sygedagpenge']);
    const [kh, ad, syg] = report.lines;
    // Kontanthjælp: budget to date 12,000 / 6,000 / 6,000; paid 8,500 / 4,350 / 4,150; ratio 4,150 / 6,000.
    expect(kh!.budget.net).toBe(24_000);
    expect(kh!.realisedToDate).toEqual({ gross: 8500, refusion: 4350, cofinancing: 0, net: 4150 });
    expect(kh!.projectedYearEnd!.net).toBeCloseTo(4150 + 18_000 * (4150 / 6000), 6); // 16,600
    expect(kh!.projectedYearEnd!.gross).toBeCloseTo(33_400, 6);
    expect(kh!.deviation).toBeCloseTo(-7400, 6);
    expect(kh!.deviationShare).toBeCloseTo(-7400 / 24_000, 12);
    expect(kh!.flagged).toBe(true);
    expect(kh!.months.map((m) => m.realised?.net ?? null)).toEqual([
      2400,
      1750,
      0,
      ...Array<null>(9).fill(null),
    ]);
    // A-dagpenge: co-financed 3,000 + 4,000 of 10,500 budgeted; the 31,500 left × 2/3 = 21,000.
    expect(ad!.projectedYearEnd!.net).toBeCloseTo(28_000, 6);
    expect(ad!.projectedYearEnd!.cofinancing).toBeCloseTo(28_000, 6);
    expect(ad!.deviation).toBeCloseTo(-14_000, 6);
    // Sygedagpenge was paid only in April, after the last whole month: nothing compared yet.
    expect(syg).toMatchObject({ deviation: 0, deviationShare: null, flagged: false });
    expect(report.unmapped).toEqual([
      { name: 'Boligstøtte', lines: 1, persons: 1, gross: 1000, refusion: 0, cofinancing: 0 },
    ]);
    expect(report.suppressed).toEqual({ threshold: null, withheld: 0 });
  });

  it('stops at the week before today when the file reaches further', async () => {
    const report = await followUp(store, 101, 2026, BUDGET, new Date('2026-03-03T10:00:00Z'));
    expect(report.throughMonth).toBe('2026-02'); // week 10 is today's, week 9 (Thursday 26 February) the last whole
    expect(report.lines[0]!.realisedToDate!.net).toBe(4150);
  });

  it('withholds realised figures on fewer persons than the threshold, and shows the budget', async () => {
    const report = await followUp(store, 101, 2026, BUDGET, TODAY, { suppression: 5 });
    const [kh] = report.lines;
    expect(kh).toMatchObject({
      withheld: true,
      realisedToDate: null,
      projectedYearEnd: null,
      deviation: null,
      flagged: null,
    });
    expect(kh!.budget.net).toBe(24_000);
    expect(kh!.months.every((m) => m.realised === null)).toBe(true);
    expect(kh!.months[0]!.withheld).toBe(true);
    expect(report.unmapped[0]).toMatchObject({ name: 'Boligstøtte', gross: null });
    expect(report.suppressed.withheld).toBeGreaterThanOrEqual(2);
  });
});

describe('GET /api/budget/followup', () => {
  const context = (): AppContext => ({ config, rates: SHIPPED_RATES, store, now: () => TODAY.getTime() });

  /** The route with a budget provider behind the access guard, as app.ts composes it. */
  function appWith(budgetMonths: BudgetMonthsProvider): OpenAPIHono {
    const app = new OpenAPIHono();
    const access = { sessions: new Sessions(store, config.access, context().now), localToken: null, config };
    app.use('/api/*', accessGuard(access));
    registerAccessRoutes(app, context(), access);
    registerFollowUpRoutes(app, context(), budgetMonths);
    app.onError((error, c) =>
      error instanceof AccessError
        ? c.json({ error: error.message }, error.status)
        : c.json({ error: String(error) }, 500),
    );
    return app;
  }

  it('says why when the budget cannot be made: payments imported, but no register data to forecast from', async () => {
    const signedIn = await signIn(createApp(context()), store, 'economist');
    const res = await signedIn.request('/api/budget/followup?municipality=101&year=2026');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toBe(
      'municipality 101 has no persons in the store',
    );
  });

  it("answers the follow-up with a provider's budget, for today's year by default", async () => {
    const signedIn = await signIn(appWith(provider), store, 'admin');
    const res = await signedIn.request('/api/budget/followup?municipality=101');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      year: number;
      throughMonth: string;
      lines: { benefit: string; deviation: number }[];
    };
    expect(body).toMatchObject({ year: 2026, throughMonth: '2026-03' });
    expect(body.lines[0]!.deviation).toBeCloseTo(-7400, 6);
    const other = await signedIn.request('/api/budget/followup?municipality=101&year=2025');
    expect(other.status).toBe(409);
  });

  it('withholds the figures on few persons from an economist', async () => {
    const signedIn = await signIn(appWith(provider), store, 'economist');
    const res = await signedIn.request('/api/budget/followup?municipality=101&year=2026');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      lines: { benefit: string; withheld: boolean; realisedToDate: unknown }[];
      suppressed: { threshold: number };
    };
    expect(body.suppressed.threshold).toBe(config.access.suppressionThreshold);
    // One person each on kontanthjælp and a-dagpenge; sygedagpenge has no one to date, and nothing to withhold.
    expect(body.lines.map((l) => [l.benefit, l.withheld, l.realisedToDate])).toEqual([
      ['kontanthjaelp', true, null],
      ['adagpenge', true, null],
      ['sygedagpenge', false, { gross: 0, refusion: 0, cofinancing: 0, net: 0 }],
    ]);
  });
});

describe('jobinvest budget-followup', () => {
  async function run(args: string[], budgetMonths?: BudgetMonthsProvider) {
    let out = '';
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    addFollowUpCommand(
      program,
      { cwd: dir, out: (t) => (out += t), err: () => undefined },
      budgetMonths,
      () => TODAY,
    );
    await program.parseAsync(['budget-followup', '--municipality', '101', '--db', db, ...args], {
      from: 'user',
    });
    return out;
  }

  it('prints the follow-up as JSON and as a table', async () => {
    const report = JSON.parse(await run(['--year', '2026', '--json'], provider)) as {
      lines: { benefit: string; projectedYearEnd: { net: number } }[];
    };
    expect(report.lines[1]).toMatchObject({ benefit: 'adagpenge' });
    expect(report.lines[1]!.projectedYearEnd.net).toBeCloseTo(28_000, 6);
    const text = await run(['--year', '2026', '--threshold', '50 %'], provider);
    expect(text).toContain('realiseret til og med 2026-03');
    expect(text).toMatch(
      /Kontanthjælp\s+24\.000 kr\.\s+6\.000 kr\.\s+4\.150 kr\.\s+16\.600 kr\.\s+-7\.400 kr\./,
    );
    expect(text).toContain('Boligstøtte (1 linjer)');
  });

  it('refuses a threshold that is no share', async () => {
    await expect(run(['--threshold', 'mange'], provider)).rejects.toThrow(
      /expected a share such as 0,05 or 5 %/,
    );
  });

  it('says in one line why there is no budget, through the program', async () => {
    const { code, err } = await runCli(
      ['budget-followup', '--municipality', '101', '--year', '2026', '--db', db],
      dir,
    );
    expect(code).not.toBe(0);
    expect(err).toBe('jobinvest: municipality 101 has no persons in the store\n');
  });
});
