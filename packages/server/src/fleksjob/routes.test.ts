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
    expect(body.years[0]?.difference).toBeCloseTo(21_010.272, 6);
    expect(body.years[0]?.alternative.municipalShare).toBeCloseTo(0.8, 12);
    // Fleksjob costs 21.010 kr. a year more: the municipality loses, so the net present value is
    // negative, with the sign of the investment calculator's.
    expect(body.totals.npv).toBeLessThan(0);
    expect(body.breakEven.wage.monthlyWage).toBeCloseTo(21_979.2182, 3);
    // 207.69 kr an hour (18,000 at 20 hours); the ceiling binds at the break-even:
    // 33,300 − W = 11,944, W = 21,356 = 207.69 × 52/12 × h, h = 23.7289.
    expect(body.breakEven.hours.hours).toBeCloseTo(23.7289, 3);
    expect(body.assumptions.some((a) => a.includes('the 2023 value'))).toBe(true);
    expect(body.rateTable).toBe('shipped-2026-11');
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
      (await (await post(CASE, headers)).json()) as { assumptions: string[]; totals: { npv: number } };
    const [da, en] = [await ask({ 'accept-language': 'da-DK,da;q=0.9' }), await ask({})];
    expect(da.assumptions).toContain(
      'Sats for ressourceforløbsydelse, ikke-forsørger: 2023-værdien (sekundær kilde) er brugt for 2024, det nærmeste år tabellen har: der er ikke antaget satsregulering, så det år er i 2023-priser.',
    );
    expect(en.assumptions).toContain(
      'For 2024 the rate of resource programme benefit (ressourceforløbsydelse), without children is the 2023 value (secondary), the nearest year the table has: no regulation of rates is assumed, so that year is in 2023 prices.',
    );
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
