/**
 * Jobinvestering end to end on a small generated store: the CLI and the HTTP API of forecast,
 * invest (the contract's case form), backtest and diagnostics, and their errors.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_VERSION, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { storeOf } from './data.ts';
import { generatedStore } from './generate.ts';
import { runCli, tempDir } from './test-helpers.ts';

const dir = tempDir();
const db = join(dir, 'store.duckdb');
let municipality = '';
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const { config, store } = await generatedStore({
    persons: 2500,
    municipalities: 2,
    fromYear: 2019,
    toYear: 2024,
    seed: 5,
    outDir: dir,
    db,
  });
  const [row] = await store.query<{ m: number }>(
    'SELECT municipality AS m, count(*) AS n FROM person_municipalities GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
  );
  municipality = String(row!.m).padStart(3, '0');
  app = createApp({ config, rates: SHIPPED_RATES, store });
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baseCase = () => ({
  name: 'Virksomhedspraktik for aktivitetsparate',
  municipality,
  target: { benefit: 'kontanthjaelp_aktivitetsparat', minWeeks: 26 },
  participants: 100,
  startWeek: '202501',
  cost: { perParticipant: 25000 },
  effect: { hazardRatio: 1.3, to: ['job'] },
  horizonWeeks: 104,
  discountRate: 0.035,
  replications: 20,
});

describe('jobinvest invest', { timeout: 240_000 }, () => {
  it('evaluates the contract form of a case and prints the contract fields as JSON', async () => {
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(baseCase()));
    const { code, out: stdout, err: stderr } = await runCli(['invest', '--case', file, '--db', db, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const key of [
      'npv',
      'paybackWeek',
      'discountedPaybackWeek',
      'breakEvenEffect',
      'probabilityOfPayback',
    ])
      expect(r).toHaveProperty(key);
    expect(r.years[0]).toEqual(
      expect.objectContaining({ year: 2025, without: expect.any(Number), with: expect.any(Number) }),
    );
    for (const y of r.years) expect(y.difference).toBeCloseTo(y.with - y.without, 6);
    expect(r.years[0].interventionCost).toBe(2_500_000);
    expect(r.probabilityOfPayback).toBeGreaterThanOrEqual(0);
    expect(r.probabilityOfPayback).toBeLessThanOrEqual(1);
  });

  it('gives a difference of exactly zero through the API when the effect is 1 and nothing is spent', async () => {
    const res = await app.request('/api/invest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...baseCase(), cost: {}, effect: { hazardRatio: 1 }, replications: 0 }),
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { npv: number; years: { difference: number }[] };
    expect(r.npv).toBe(0);
    for (const y of r.years) expect(y.difference).toBe(0);
  });

  it('names the field of a bad case, on the command line and over HTTP', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...baseCase(), participants: -5 }));
    const cli = await runCli(['invest', '--case', file, '--db', db]);
    expect(cli.code).toBe(1);
    expect(cli.err).toMatch(/participants/);
    const res = await app.request('/api/invest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...baseCase(),
        target: { benefit: 'kontanthjaelp_aktivitetsparat', minWeeks: 5000 },
      }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/target: no person/);
  });
});

describe('saved cases', { timeout: 240_000 }, () => {
  it('saves a case and follows it up against what happened to its target group', async () => {
    const saved = await app.request('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-jobinvest-user': 'økonom' },
      body: JSON.stringify({ ...baseCase(), startWeek: '202301', replications: 0 }),
    });
    expect(saved.status).toBe(201);
    const { caseId } = (await saved.json()) as { caseId: number };
    const res = await app.request(`/api/cases/${caseId}/plan-vs-actual`);
    expect(res.status).toBe(200);
    const plan = (await res.json()) as {
      targetGroupSize: number;
      years: { year: number; predictedWithout: number; predictedWith: number; realised: number }[];
    };
    expect(plan.years.map((y) => y.year)).toEqual([2023, 2024]);
    for (const y of plan.years) {
      expect(y.predictedWith).toBeLessThan(y.predictedWithout);
      expect(y.realised).toBeGreaterThan(0);
      expect(y.realised).toBeLessThanOrEqual(100);
    }
  });
});

describe('forecast, backtest and diagnostics', { timeout: 240_000 }, () => {
  it('forecasts the stock by year and benefit group, with the persons adding up to the stock', async () => {
    const res = await app.request(`/api/forecast?municipality=${municipality}&horizon=52&replications=3`);
    expect(res.status).toBe(200);
    const f = (await res.json()) as {
      stockPersons: number;
      weekly: { persons: Record<string, number> }[];
      years: { municipalNet: number }[];
    };
    const week0 = Object.values(f.weekly[0]!.persons).reduce((a, b) => a + b, 0);
    expect(week0).toBeCloseTo(f.stockPersons, 6);
    expect(f.years.some((y) => y.municipalNet > 0)).toBe(true);
  });

  it('refuses a municipality the store does not have', async () => {
    const res = await app.request('/api/forecast?municipality=999');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/999/);
  });

  it('backtests from the command line and reports predicted against actual per group', async () => {
    const { code, out: stdout } = await runCli([
      'backtest',
      '--municipality',
      municipality,
      '--at',
      '202252',
      '--horizon',
      '52',
      '--db',
      db,
      '--json',
    ]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { groups: { state: string; predicted52: number; actual52: number }[] };
    const job = r.groups.find((g) => g.state === 'job')!;
    expect(Math.abs(job.predicted52 - job.actual52) / job.actual52).toBeLessThan(0.05);
  });

  it('keeps the estimated model in the store for the next start', async () => {
    const store = await storeOf(await loadConfig({ cwd: dir, overrides: { db } }));
    const rows = await store.query<{ until_week: number; model: string }>(
      'SELECT until_week, CAST(model AS VARCHAR) AS model FROM models ORDER BY until_week',
    );
    expect(rows.map((r) => r.until_week)).toContain(-1);
    expect(JSON.parse(rows.find((r) => r.until_week === -1)!.model).version).toBe(MODEL_VERSION);
  });

  it('shows observed against predicted survival per benefit group', async () => {
    const res = await app.request('/api/model/diagnostics');
    expect(res.status).toBe(200);
    const d = (await res.json()) as {
      states: {
        state: string;
        survival: { observed: number; predicted: number }[];
        destinations: { curve: { observed: number; predicted: number }[] }[];
      }[];
    };
    const s = d.states.find((x) => x.state === 'sygedagpenge')!;
    expect(s.survival[13]!.predicted).toBeCloseTo(s.survival[13]!.observed, 1);
    // Everyone still in the state or gone somewhere: S(d) + Σ_j CIF_j(d) = 1, observed and predicted.
    for (const kind of ['observed', 'predicted'] as const) {
      const gone = s.destinations.reduce((a, dest) => a + dest.curve[156]![kind], 0);
      expect(s.survival[156]![kind] + gone).toBeCloseTo(1, 9);
    }
  });
});
