import { SHIPPED_RATES } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../http/app.ts';
import { normalizeConfig } from '../config.ts';
import { openStore } from '../data/index.ts';
import { signIn } from '../access/test-helpers.ts';

const memory = await openStore(':memory:');
const app = await signIn(
  createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store: memory }),
  memory,
  'economist',
);

function post(body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/fleksjob', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

// See fleksjob-command.test.ts for the hand calculation of these values.
const CASE = {
  alternative: 'ressourceforloeb',
  startYear: 2024,
  horizonYears: 1,
  staircaseWeeks: 53,
  hours: 20,
  monthlyWage: 18_000,
  discountRate: 0.035,
};

describe('POST /api/fleksjob', () => {
  it('answers with the case: the difference, its net present value and the break-even', async () => {
    const res = await post(CASE);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      years: { difference: number; alternative: { municipalShare: number } }[];
      totals: { npv: number };
      breakEven: { wage: { monthlyWage: number }; hours: { hours: number } };
      assumptions: string[];
      rateTable: string;
    };
    expect(body.years[0]?.difference).toBeCloseTo(17_343.072, 6);
    expect(body.years[0]?.alternative.municipalShare).toBeCloseTo(0.8, 12);
    // Fleksjob costs the municipality more a year: it loses, so the net present value is negative,
    // with the sign of the investment calculator's.
    expect(body.totals.npv).toBeLessThan(0);
    expect(body.breakEven.wage.monthlyWage).toBeCloseTo(21_284.6727, 3);
    // 207.69 kr an hour (18,000 at 20 hours); the ceiling binds at the break-even:
    // 33,300 − W = 12,326, W = 20,974 = 207.69 × 52/12 × h, h = 23.3044.
    expect(body.breakEven.hours.hours).toBeCloseTo(23.3044, 3);
    expect(body.rateTable).toBe('shipped-2026-12');
  });

  it('says at the top of a case in 2027 that its rates are regulated forward, in the request language', async () => {
    const ask = async (headers: Record<string, string>) =>
      (await (await post({ ...CASE, startYear: 2027 }, headers)).json()) as {
        assumptions: string[];
        notices: string[];
        sources: { item: string; year: number; amount: number; priceYear: number; basis: string }[];
        totals: { npv: number };
      };
    const [da, en] = [await ask({ 'accept-language': 'da-DK,da;q=0.9' }), await ask({})];
    // Ressourceforløbsydelse from 2024, the threshold from 2024 and dagpenge from 2026; 2027's percentage is an estimate.
    expect(da.notices).toEqual([
      'Satser for 2027 er fremskrevet fra 2024 og 2026 med satsreguleringen, der for 2027 er skønnet.',
    ]);
    expect(en.notices).toEqual([
      'Rates for 2027 are regulated forward from 2024 and 2026 by the satsregulering, estimated for 2027.',
    ]);
    // 12,326 (2024) × 1.036 → 12,770 × 1.045 → 13,345 × 1.045 → 13,946 kr a month in 2027 prices.
    expect(
      en.sources.find(
        (s) => s.item === 'rate of resource programme benefit (ressourceforløbsydelse), without children',
      ),
    ).toMatchObject({
      year: 2027,
      amount: 13_946,
      priceYear: 2027,
      basis: 'regulated',
    });
    expect(da.assumptions).toContain(
      'Sats for ressourceforløbsydelse, ikke-forsørger i 2027: 2024-værdien (12.326 kr. pr. md., verificeret) fremskrevet med satsreguleringen til hvert års priser.',
    );
    expect(da.totals.npv).toBe(en.totals.npv);
  });

  it('starts in the budget year, the year after today, when the start year is left out', async () => {
    const res = await post({ ...CASE, startYear: undefined });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { input: { startYear: number }; years: { year: number }[] };
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(body.input.startYear).toBe(nextYear);
    expect(body.years[0]?.year).toBe(nextYear);
  });

  it('answers in Danish when the request accepts Danish first, with the same figures', async () => {
    const ask = async (headers: Record<string, string>) =>
      (await (await post(CASE, headers)).json()) as {
        assumptions: string[];
        notices: string[];
        totals: { npv: number };
      };
    const [da, en] = [await ask({ 'accept-language': 'da-DK,da;q=0.9' }), await ask({})];
    expect(da.assumptions).toContain(
      'Forskellen diskonteres uge for uge med 3,50 % om året; den første uge diskonteres ikke.',
    );
    expect(en.assumptions).toContain(
      'The difference is discounted week by week at 3,50 % a year, the first week undiscounted.',
    );
    // 2024 is the table's own year for every value: nothing to notice.
    expect(da.notices).toEqual([]);
    expect(da.totals.npv).toBe(en.totals.npv);
  });

  it('rejects an unknown path and negative hours with 400 and the path of the field', async () => {
    const unknown = await post({ ...CASE, alternative: 'kontanthjaelp' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { details: { path: string }[] }).details[0]?.path).toBe('alternative');
    const negative = await post({ ...CASE, hours: -5 });
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { error: string }).error).toBe(
      'request hours: Too small: expected number to be >0',
    );
  });

  it('rejects hours above full time and a missing wage with 422 naming the field', async () => {
    const above = await post({ ...CASE, hours: 40 });
    expect(above.status).toBe(422);
    expect(await above.json()).toEqual({
      error:
        'request body, column hours: expected hours a week above 0 and at most the full-time hours (37), found "40"',
      details: [
        {
          file: 'request body',
          column: 'hours',
          expected: 'hours a week above 0 and at most the full-time hours (37)',
          found: '40',
        },
      ],
    });
    const missing = await post({ ...CASE, monthlyWage: undefined }); // JSON leaves it out
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: string }).error).toContain('column hourlyWage');
  });

  it('is in the OpenAPI document with its request and response schemas', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/api/fleksjob']?.post?.responses ?? {})).toEqual(['200', '400', '422']);
    expect(doc.components.schemas).toHaveProperty('FleksjobRequest');
    expect(doc.components.schemas).toHaveProperty('FleksjobCase');
  });
});
