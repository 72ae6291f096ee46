import { SHIPPED_RATES } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { registerWebApp } from './static.ts';
import { normalizeConfig } from '../config.ts';
import { closeStore, openStore } from '../data/db.ts';
import { importFile, storeOf } from '../data/import.ts';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';
import { join } from 'node:path';
import { signIn } from '../access/test-helpers.ts';

const memory = await openStore(':memory:');
const app = await signIn(
  createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store: memory }),
  memory,
);

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('GET /api/health', () => {
  it('answers ok with the rules and rate table in use', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      refusionRules: ['refusion-2016'],
      rates: 'shipped-2026-12',
    });
  });
});

describe('GET /api/benefits and /api/rates', () => {
  it('lists the catalogue', async () => {
    const list = (await (await app.request('/api/benefits')).json()) as {
      code: string;
      financing: { kind: string; municipalShare?: number };
    }[];
    expect(list.find((b) => b.code === 'foertidspension_foer2014')?.financing).toEqual({
      kind: 'fixed',
      municipalShare: 0.65,
    });
  });

  it("gives each note in the request's language", async () => {
    const note = async (headers: Record<string, string>) => {
      const list = (await (await app.request('/api/benefits', { headers })).json()) as {
        code: string;
        note?: string;
      }[];
      return list.find((b) => b.code === 'ressourceforloeb')?.note;
    };
    expect(await note({ 'accept-language': 'da-DK,da;q=0.9,en;q=0.8' })).toBe(
      'Ressourceforløbsydelse er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten.',
    );
    expect(await note({})).toBe(
      'The resource programme benefit (ressourceforløbsydelse) is covered by the refusion staircase "very likely"; not checked in the text of the law.',
    );
  });

  it('filters rates by year and gives weekly amounts', async () => {
    const body = (await (await app.request('/api/rates?year=2025')).json()) as {
      years: number[];
      rates: { year: number; variant: string; weeklyAmount: number; priceYear: number }[];
    };
    expect(body.years).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(body.rates.every((r) => r.year === 2025 && r.priceYear === 2025)).toBe(true);
    expect(body.rates.find((r) => r.variant === 'fuldtid')?.weeklyAmount).toBeCloseTo((21_092 * 12) / 52, 9);
  });

  it('regulates a year the table lacks, naming the base year and the percentages', async () => {
    const body = (await (await app.request('/api/rates?year=2027')).json()) as {
      year: number;
      rates: {
        benefit: string;
        variant: string;
        amount: number;
        priceYear: number;
        status: string;
        basis: string;
        baseYear: number | null;
        percentages: { year: number; percent: number; status: string }[];
      }[];
      groups: { code: string; rate: { amount: number } | null }[];
    };
    expect(body.year).toBe(2027);
    // 7,205 (2025) × 1.045 = 7,529.2 → 7,529; × 1.045 = 7,867.8 → 7,868.
    expect(body.rates.find((r) => r.benefit === 'kontanthjaelp' && r.variant === 'grundsats')).toMatchObject({
      amount: 7_868,
      priceYear: 2027,
      status: 'estimated',
      basis: 'regulated',
      baseYear: 2025,
      percentages: [
        { year: 2026, percent: 4.5, status: 'derived' },
        { year: 2027, percent: 4.5, status: 'estimated' },
      ],
    });
    expect(body.groups.find((g) => g.code === 'kontanthjaelp_grundsats')?.rate?.amount).toBe(7_868);
    expect(body.groups.every((g) => g.rate !== null)).toBe(true);
  });

  it('rejects a year that is not a year and one before the table, as JSON', async () => {
    const bad = await app.request('/api/rates?year=abc');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { path: string }[] }).details[0]?.path).toBe('year');
    const missing = await app.request('/api/rates?year=2019');
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      error:
        'no rates for 2019 in rate table shipped-2026-12; it has 2022, 2023, 2024, 2025, 2026, and rates are regulated forward from the last year a rate has, never backwards',
    });
  });
});

describe('POST /api/refusion', () => {
  it('computes the staircase like the CLI, with rules and assumptions', async () => {
    const res = await post('/api/refusion', {
      history: [
        { person: 'p1', week: 202601, benefit: 'adagpenge' },
        { person: 'p1', week: '202606', benefit: 'adagpenge' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rules: string[];
      assumptions: string[];
      weeks: { week: number; count: number; municipalShare: number }[];
    };
    expect(body.rules).toEqual(['refusion-2016']);
    expect(body.assumptions.length).toBeGreaterThan(0);
    expect(body.weeks.map((w) => [w.week, w.count, w.municipalShare])).toEqual([
      [202601, 1, 0.2],
      [202602, 0, 0],
      [202603, 0, 0],
      [202604, 0, 0],
      [202605, 0, 0],
      [202606, 2, 0.2],
    ]);
  });

  it('states the assumptions in Danish when the first language the request accepts is Danish', async () => {
    const assumptions = async (language?: string) => {
      const res = await post(
        '/api/refusion',
        { history: [{ person: 'p1', week: 202601, benefit: 'su' }] },
        language === undefined ? {} : { 'accept-language': language },
      );
      return ((await res.json()) as { assumptions: string[] }).assumptions;
    };
    const danish =
      'Alle starter på 0 i uge 2016-01; uger før reformen ligger uden for ordningen og tæller ikke med.';
    const english =
      'Everyone starts at 0 on 2016-W01; weeks before the reform are outside the scheme and do not count.';
    for (const language of ['da', 'da-DK', 'DA-dk;q=0.8, en'])
      expect(await assumptions(language)).toContain(danish);
    for (const language of [undefined, 'en-GB,da;q=0.9', 'de-DE'])
      expect(await assumptions(language)).toContain(english);
  });

  it('names the record and field of a bad value', async () => {
    const res = await post('/api/refusion', {
      history: [
        { person: 'p1', week: 202601, benefit: 'job' },
        { person: 'p1', week: 202699, benefit: 'job' },
      ],
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: string;
      details: { file: string; column: string; found: string }[];
    };
    expect(body.error).toBe(
      'request body, column history.1.week: expected an ISO week as YYYYWW that exists (e.g. 202601), found "202699"',
    );
    expect(body.details).toEqual([
      {
        file: 'request body',
        column: 'history.1.week',
        expected: 'an ISO week as YYYYWW that exists (e.g. 202601)',
        found: '202699',
      },
    ]);
  });

  it('names the duplicate record', async () => {
    const res = await post('/api/refusion', {
      history: [
        { person: 'a', week: 202601, benefit: 'job' },
        { person: 'a', week: 202601, benefit: 'none' },
      ],
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain(
      'column history.1.week: expected one row per person and week, found "a second row for person a in week 202601 (the first is at history.0)"',
    );
  });

  it('rejects a body of the wrong shape with 400 and the path', async () => {
    const res = await post('/api/refusion', { history: [{ person: 'a', week: 202601 }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; details: { path: string }[] };
    expect(body.details[0]?.path).toBe('history.0.benefit');
    expect((await post('/api/refusion', { history: [] })).status).toBe(400);
  });

  it('rejects malformed JSON with a JSON error', async () => {
    const res = await app.request('/api/refusion', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"history": [',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/JSON/);
  });
});

describe('the rest of the API', () => {
  it('describes itself in OpenAPI', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.0.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/audit',
      '/api/audit/verify',
      '/api/backtest',
      '/api/benchmark',
      '/api/benefits',
      '/api/budget',
      '/api/budget/businesscase',
      '/api/budget/businesscase/report',
      '/api/budget/followup',
      '/api/budget/report',
      '/api/budget/versions',
      '/api/budget/xlsx',
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/plan-vs-actual',
      '/api/citizen-link/{token}',
      '/api/clusters',
      '/api/codes',
      '/api/data/summary',
      '/api/export/xlsx',
      '/api/fleksjob',
      '/api/forecast',
      '/api/goals',
      '/api/health',
      '/api/imports',
      '/api/invest',
      '/api/invest/report',
      '/api/invest/target-group',
      '/api/kpi',
      '/api/kpi/series',
      '/api/kpi/survival',
      '/api/model/diagnostics',
      '/api/overview',
      '/api/peers',
      '/api/progression/citizens',
      '/api/progression/citizens/{person}',
      '/api/progression/citizens/{person}/measurements',
      '/api/progression/groups',
      '/api/progression/measurements/{id}',
      '/api/progression/measurements/{id}/link',
      '/api/progression/measurements/{id}/plan',
      '/api/progression/outcomes',
      '/api/progression/quality',
      '/api/progression/questionnaires',
      '/api/progression/value',
      '/api/rates',
      '/api/refusion',
      '/api/scorecard',
      '/api/scorecard/report',
      '/api/session',
      '/api/session/demo',
      '/api/session/oidc',
      '/api/session/oidc/callback',
      '/api/users',
      '/api/users/{username}/disable',
    ]);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await app.request('/api/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such endpoint: GET /api/nothing' });
  });
});

describe('request bodies', () => {
  it('refuses a body that is not declared as JSON with a JSON error', async () => {
    const res = await app.request('/api/refusion', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'person,week,benefit',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toHaveProperty('error');
  });
});

describe('the data endpoints', () => {
  it('summarise an imported DREAM file and list the import', async () => {
    const dir = tempDir();
    const config = normalizeConfig({ db: join(dir, 'store.duckdb') }, 'test');
    const file = writeTemp(
      dir,
      'dream.csv',
      [
        'PNR,kommune,koen,foedselsaar,y_2601,y_2602,y_2603',
        '0101801234,101,K,1980,111,111,',
        '0202902345,751,M,1990,,890,890',
      ].join('\n'),
    );
    await importFile(config, 'dream', file);
    const store = await storeOf(config);
    const withData = await signIn(createApp({ config, rates: SHIPPED_RATES, store }), store);
    const summary = (await (await withData.request('/api/data/summary')).json()) as {
      window: { first: number; last: number };
      persons: number;
      personWeeks: { observed: number; withBenefit: number };
      spells: { benefit: string; spells: number }[];
      municipalities: { code: number; persons: number }[];
    };
    expect(summary.window).toEqual({ first: 202601, last: 202603 });
    expect(summary.persons).toBe(2);
    expect(summary.personWeeks).toEqual({ observed: 6, withBenefit: 4 });
    expect(summary.municipalities.map((m) => m.code).sort()).toEqual([101, 751]);
    expect(summary.spells.find((s) => s.benefit === 'adagpenge')?.spells).toBe(1);
    const imports = (await (await withData.request('/api/imports')).json()) as {
      kind: string;
      outcome: string;
      rows: number;
    }[];
    expect(imports).toMatchObject([{ kind: 'dream', outcome: 'ok', rows: 2 }]);
    await closeStore(config.db);
  });
});

describe('malformed addresses', () => {
  it('answers a broken percent escape with 400, not 500', async () => {
    const withWeb = createApp({
      config: normalizeConfig({}, 'test'),
      rates: SHIPPED_RATES,
      store: await openStore(':memory:'),
    });
    registerWebApp(withWeb, tempDir());
    for (const path of ['/%', '/%zz/index.html']) {
      const res = await withWeb.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^malformed URL: /);
    }
  });
});
