/**
 * Jobinvestering end to end on a small generated store: the CLI and the HTTP API of forecast,
 * invest (the contract's case form), backtest and diagnostics, and their errors.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitWeekOf, kaplanMeier, MODEL_VERSION, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { createApp } from '../http/app.ts';
import { loadConfig } from '../config.ts';
import { storeOf } from '../data/index.ts';
import { generatedStore } from '../data/index.ts';
import type { Overview } from '../data/index.ts';
import { runCli, tempDir } from '../cli/test-helpers.ts';

const dir = tempDir();
const db = join(dir, 'store.duckdb');
let municipality = '';
let app: SignedIn;
let context: Parameters<typeof createApp>[0];

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
  context = { config, rates: SHIPPED_RATES, store };
  app = await signIn(createApp(context), store);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baseCase = () => ({
  name: 'Virksomhedspraktik for kontanthjælpsmodtagere på forhøjet sats i 52+ uger',
  municipality,
  target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 26 },
  participants: 30,
  startWeek: '202501',
  cost: { perParticipant: 10000 },
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
    expect(r.years[0].interventionCost).toBe(30 * 10_000);
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

  it('leaves the break-even search out when asked (breakEven: false), with the same other figures', async () => {
    const ask = async (breakEven: boolean) => {
      const res = await app.request('/api/invest', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...baseCase(), replications: 0, breakEven }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        npv: number;
        paybackWeek: number | null;
        breakEvenEffect: number | null;
      };
    };
    const [full, quick] = [await ask(true), await ask(false)];
    expect(full.breakEvenEffect).toBeGreaterThan(0);
    expect(quick.breakEvenEffect).toBeNull();
    expect(quick.npv).toBe(full.npv);
    expect(quick.paybackWeek).toBe(full.paybackWeek);
  });

  it('answers a live request while another computes its replications, and stops work nobody waits for', async () => {
    const finished: string[] = [];
    const ask = (name: string, body: object, signal?: AbortSignal) =>
      Promise.resolve(
        app.request('/api/invest', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...baseCase(), ...body }),
          ...(signal ? { signal } : {}),
        }),
      ).then((res) => {
        finished.push(name);
        return res;
      });
    // Work that takes seconds (as a live answer does not): 300 microsimulations over ten years.
    const long = { replications: 300, horizonWeeks: 520 };
    const slow = ask('replications', long);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const live = await ask('live', { replications: 0, breakEven: false, effect: { hazardRatio: 1.7 } });
    expect(live.status).toBe(200);
    expect(finished).toEqual(['live']);
    expect((await slow).status).toBe(200);

    const controller = new AbortController();
    const abandoned = ask('abandoned', { ...long, seed: 2 }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const res = await abandoned;
    expect(res.status).toBe(499);
  });

  it('states the assumptions in Danish to a request that accepts Danish first, with the same figures', async () => {
    const ask = async (headers: Record<string, string>) => {
      const res = await app.request('/api/invest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...baseCase(), replications: 0, breakEven: false }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { npv: number; assumptions: string[] };
    };
    const [da, en] = [await ask({ 'accept-language': 'da-DK,da;q=0.9,en;q=0.8' }), await ask({})];
    expect(da.assumptions).toContain('Tilgang: nye personer pr. uge som i de 52 uger før startugen.');
    expect(da.assumptions).toContain(
      'Målgruppen er taget fra bestanden i uge 2024-52, den sidste uge med data; indsatsen starter 1 uge senere, og ugerne imellem er ens med og uden indsats.',
    );
    expect(en.assumptions).toContain(
      'Inflow: new persons per week as in the 52 weeks before the start week.',
    );
    expect(en.assumptions).not.toContain('Tilgang: nye personer pr. uge som i de 52 uger før startugen.');
    expect(da.npv).toBe(en.npv);
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
        target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 5000 },
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
      headers: { 'content-type': 'application/json' },
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

  it('keeps forecasts per language: a Danish request after an English one gets Danish assumptions', async () => {
    const ask = async (headers: Record<string, string>) => {
      const res = await app.request(`/api/forecast?municipality=${municipality}&horizon=52&replications=3`, {
        headers,
      });
      return (await res.json()) as { assumptions: string[]; years: unknown[] };
    };
    const en = await ask({});
    const da = await ask({ 'accept-language': 'da' });
    expect(en.assumptions).toContain(
      'Inflow: new persons per week as in the 52 weeks before the start week.',
    );
    expect(da.assumptions).toContain('Tilgang: nye personer pr. uge som i de 52 uger før startugen.');
    expect(da.years).toEqual(en.years);
  });

  it('backtests over HTTP with the assumptions in Danish when asked', async () => {
    const res = await app.request(`/api/backtest?municipality=${municipality}&at=202252&horizon=52`, {
      headers: { 'accept-language': 'da-DK' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { assumptions: string[] }).assumptions[0]).toBe(
      'Modellen er kun estimeret på data fra før uge 2022-52; bestand og tilgang er fra den uge.',
    );
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

  it("shows each municipality its own spells' Kaplan-Meier curve against the model on those spells", async () => {
    const { store } = context;
    const codes = (
      await store.query<{ m: number }>(
        'SELECT DISTINCT municipality AS m FROM person_municipalities ORDER BY 1',
      )
    ).map((r) => r.m);
    expect(codes.length).toBe(2);
    // The spells of each municipality, read and classified here, one row at a time: a seen start,
    // where the person lived then, the weeks with a known outcome, and whether it ended in a move
    // (a spell running at the data's end, or reaching 67, is censored).
    const spells = await store.query<{
      person_id: number;
      benefit: string;
      first_week: number;
      last_week: number;
      destination: string | null;
      birth_year: number;
    }>(`SELECT s.person_id, s.benefit, s.first_week, s.last_week, s.destination, p.birth_year
        FROM spells s JOIN persons p USING (person_id)
        WHERE NOT s.left_truncated AND s.benefit NOT IN ('out', '(unmapped)') AND p.birth_year IS NOT NULL`);
    const homes = await store.query<{ person_id: number; municipality: number; from_week: number }>(
      'SELECT person_id, municipality, from_week FROM person_municipalities ORDER BY from_week',
    );
    const cut = Math.max(...spells.map((x) => x.last_week));
    const homeAt = (person: number, week: number) =>
      homes.filter((h) => h.person_id === person && h.from_week <= week).at(-1)?.municipality;
    const state = 'sygedagpenge';
    const curves = [];
    for (const m of codes) {
      const own = spells.filter((x) => x.benefit === state && homeAt(x.person_id, x.first_week) === m);
      const time: number[] = [];
      const event: number[] = [];
      for (const x of own) {
        const moved =
          x.destination !== null &&
          x.last_week <= cut &&
          !(x.destination === 'out' && x.last_week === exitWeekOf(x.birth_year) - 1);
        const weeks = (moved ? x.last_week : Math.min(x.last_week - 1, cut)) - x.first_week + 1;
        if (weeks < 1) continue;
        time.push(weeks);
        event.push(moved ? 1 : 0);
      }
      const [km] = kaplanMeier({ time, event });
      const at = (week: number) => km!.rows.filter((r) => r.time <= week).at(-1)?.survival ?? 1;
      const res = await app.request(`/api/model/diagnostics?municipality=${m}`);
      expect(res.status).toBe(200);
      const d = (await res.json()) as {
        municipality: number;
        states: {
          state: string;
          spells: number;
          survival: { week: number; observed: number | null; atRisk: number; predicted: number }[];
          destinations: { curve: { predicted: number }[] }[];
        }[];
      };
      expect(d.municipality).toBe(m);
      const s = d.states.find((x) => x.state === state)!;
      expect(s.spells).toBe(time.length);
      expect(s.survival[0]!.atRisk).toBe(time.length);
      for (const week of [4, 13, 26, 52]) expect(s.survival[week]!.observed).toBeCloseTo(at(week), 12);
      // The model on the municipality's own weeks is close to what hundreds of its spells show
      // after a quarter (the small municipality has a spell or two).
      if (time.length >= 100) expect(Math.abs(s.survival[13]!.predicted - at(13))).toBeLessThan(0.05);
      // Everyone predicted still in the state or gone somewhere: S(d) + Σ_j CIF_j(d) = 1.
      const gone = s.destinations.reduce((a, dest) => a + dest.curve[156]!.predicted, 0);
      expect(s.survival[156]!.predicted + gone).toBeCloseTo(1, 9);
      curves.push(s.survival[26]!.observed);
    }
    // Two municipalities, two curves of their own.
    expect(curves[0]).not.toBe(curves[1]);
  });

  it('asks which municipality the model check is for', async () => {
    expect((await app.request('/api/model/diagnostics')).status).toBe(400);
    expect((await app.request('/api/model/diagnostics?municipality=999')).status).toBe(422);
  });
});

describe('GET /api/overview', { timeout: 120_000 }, () => {
  it('gives persons by group week by week, and full-time persons that are their yearly mean', async () => {
    const res = await app.request(`/api/overview?municipality=${municipality}`);
    expect(res.status).toBe(200);
    const o = (await res.json()) as Overview;
    expect(o.window).toEqual({ first: 201901, last: 202452 });
    // 2019-2024: 52 weeks a year and 53 in 2020.
    expect(o.weeks).toHaveLength(6 * 52 + 1);
    expect(o.weeks[0]).toBe(201901);
    expect(o.weeks.at(-1)).toBe(202452);
    // Full-time persons of a year = the weekly persons of the year summed, over its weeks.
    const state = 'kontanthjaelp_forhoejet';
    const series = o.persons[state]!;
    const y2023 = o.years.find((y) => y.year === 2023)!;
    const weeks2023 = o.weeks.map((w, i) => [w, i] as const).filter(([w]) => Math.floor(w / 100) === 2023);
    expect(y2023.weeks).toBe(52);
    const mean = weeks2023.reduce((a, [, i]) => a + series[i]!, 0) / 52;
    expect(y2023.fullTime[state]).toBeCloseTo(mean, 9);
    expect(y2023.inflow[state]).toBeGreaterThan(0);
  });

  it('answers 422 for a municipality with no persons and 400 for a malformed code', async () => {
    const none = await app.request('/api/overview?municipality=999');
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: string }).error).toMatch(/999/);
    expect((await app.request('/api/overview?municipality=12')).status).toBe(400);
  });
});

describe('the web app at /', () => {
  it('serves the built app, index.html for the app routes, and JSON 404s under /api', async () => {
    const web = join(dir, 'web');
    rmSync(web, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>jobinvest</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const { registerWebApp } = await import('../http/static.ts');
    const served = createApp(context);
    registerWebApp(served, web);
    const index = await served.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await served.request('/prognose')).text()).toContain('<title>jobinvest</title>');
    const js = await served.request('/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    expect((await served.request('/../../etc/passwd')).status).toBe(200); // the app's index, not the file
    const missing = await served.request('/api/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/no such endpoint/);
    const unbuilt = createApp(context);
    registerWebApp(unbuilt, join(dir, 'no-build'));
    const page = await unbuilt.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build -w packages\/web/);
  });
});

describe('bounds on a case request', { timeout: 240_000 }, () => {
  const post = (target: SignedIn, body: unknown) =>
    target.request('/api/invest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses more participants than the target group, 1e308 kroner and 1,001 replications, and answers the next case', async () => {
    const counted = await app.request('/api/invest/target-group', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        municipality: baseCase().municipality,
        startWeek: baseCase().startWeek,
        target: baseCase().target,
      }),
    });
    expect(counted.status).toBe(200);
    const { persons } = (await counted.json()) as { persons: number };
    expect(persons).toBeGreaterThanOrEqual(baseCase().participants);
    for (const [body, field, status] of [
      [{ ...baseCase(), participants: persons + 1 }, 'participants', 422],
      [{ ...baseCase(), participants: 1e9 }, 'participants', 422],
      [{ ...baseCase(), participants: 1e308 }, 'participants', 422],
      [{ ...baseCase(), cost: { perParticipant: 1e308 } }, 'cost.perParticipant', 422],
      [{ ...baseCase(), discountRate: -0.999999 }, 'discountRate', 422],
      [{ ...baseCase(), replications: 1001 }, 'replications', 400],
      [{ ...baseCase(), horizonWeeks: 521 }, 'horizonWeeks', 400],
    ] as const) {
      const res = await post(app, body);
      expect(res.status, field).toBe(status);
      const answer = (await res.json()) as { error: string; details?: { field?: string; max?: number }[] };
      expect(answer.error).toContain(`${field}:`);
      if (field === 'participants') {
        expect(answer.error).toContain(`the target group has ${persons} persons`);
        expect(answer.details?.[0]).toMatchObject({ field: 'participants', max: persons });
      }
    }
    const res = await post(app, { ...baseCase(), participants: persons, replications: 0, breakEven: false });
    expect(res.status).toBe(200);
  });

  it('stops a case that runs past the time budget with 503, and answers the next one', async () => {
    const tight = await signIn(
      createApp({
        ...context,
        config: { ...context.config, server: { ...context.config.server, requestBudgetSeconds: 0.2 } },
      }),
      context.store,
    );
    const res = await post(tight, { ...baseCase(), replications: 1000 });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain(
      'the computation took longer than the 0.2 s this server allows a request',
    );
    const live = await post(app, { ...baseCase(), replications: 0, breakEven: false });
    expect(live.status).toBe(200);
  });
});

/**
 * The line at the top of a case starting in 2027-W01 on data ending in 2024-W52: the weeks from 2025 to
 * the horizon's end (2029-W01) are priced from the table's last years (2024-tal of the kontanthjælp,
 * sygedagpenge 2025, dagpenge 2026), and the percentages from 2027 on are estimates.
 */
const NOTICE_DA =
  'Satser for 2025-2029 er fremskrevet fra 2024-2026 med satsreguleringen, der for 2027-2029 er skønnet.';
const NOTICE_EN =
  'Rates for 2025-2029 are regulated forward from 2024-2026 by the satsregulering, estimated for 2027-2029.';

describe('when a case may start', { timeout: 240_000 }, () => {
  /** The answer to a case starting in `startWeek` on a server whose clock reads `date`. */
  const ask = async (date: string, startWeek: string) => {
    const clocked = await signIn(
      createApp({ ...context, now: () => Date.parse(`${date}T12:00:00Z`) }),
      context.store,
    );
    const res = await clocked.request('/api/invest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...baseCase(), startWeek, replications: 0, breakEven: false }),
    });
    return { status: res.status, body: (await res.json()) as { stockWeek: number; error?: string } };
  };

  it('takes a start in the last week of the budget year, projecting the weeks from the data’s end (2024-W52) to it', async () => {
    const { status, body } = await ask('2026-12-06', '202752');
    expect(status).toBe(200);
    expect(body.stockWeek).toBe(202452);
  });

  it('says at the top of a case in 2027 that its rates are regulated forward, in the request language', async () => {
    const ask = async (headers: Record<string, string>) => {
      const res = await app.request('/api/invest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ ...baseCase(), startWeek: '202701', replications: 0, breakEven: false }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { notices: string[]; assumptions: string[] };
    };
    const [da, en] = [await ask({ 'accept-language': 'da-DK,da;q=0.9' }), await ask({})];
    expect(da.notices).toEqual([NOTICE_DA]);
    expect(en.notices).toEqual([NOTICE_EN]);
    expect(da.assumptions).toContain(
      'Satsreguleringen: 3,6 % i 2025 (afledt), 4,5 % i 2026 (afledt), 4,5 % i 2027-2029 (skønnet); hvert års beløb afrundes til hele kroner.',
    );
  });

  it("says with the target group's count which weeks a case may start in, so that a form can hold to them", async () => {
    const clocked = await signIn(
      createApp({ ...context, now: () => Date.parse('2026-12-06T12:00:00Z') }),
      context.store,
    );
    const { municipality: m, startWeek, target } = baseCase();
    const res = await clocked.request('/api/invest/target-group', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: m, startWeek, target }),
    });
    expect(res.status).toBe(200);
    // The data begin in 2019-W01 (the generator's first year): a case from 2019-W02 to the budget year's end.
    expect(((await res.json()) as { startWeeks: unknown }).startWeeks).toEqual({
      first: 201902,
      last: 202752,
    });
  });

  it('refuses a start after the budget year, naming the last week allowed', async () => {
    const { status, body } = await ask('2026-12-06', '202801');
    expect(status).toBe(422);
    expect(body.error).toBe(
      'startWeek: expected at most 202752, the last week of the budget year 2027, found 202801',
    );
  });

  it('refuses a group that was merged into the new kontanthjælp, naming the group that took it over', async () => {
    const clocked = await signIn(createApp(context), context.store);
    const res = await clocked.request('/api/invest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...baseCase(), target: { benefit: 'uddannelseshjaelp' }, replications: 0 }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^target.benefit: uddannelseshjaelp ended in 202526, and its persons, history included, are on kontanthjaelp_grundsats/,
    );
  });
});
