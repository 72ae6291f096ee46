/**
 * The quality of the measurements over HTTP: twelve citizens of municipality 101 measured once each
 * through the import (the caseworker one step above the citizen on health, the same elsewhere), and
 * the figures compared with core's measurementQuality on the same answers.
 */

import { join } from 'node:path';
import {
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  SHIPPED_RATES,
  measurementQuality,
  type Answers,
} from '@jobinvest/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';
import { loadConfig } from '../config.ts';
import { importFile, storeOf } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import type { QualityAnswer } from './quality.ts';

const dir = tempDir();
const cprs = Array.from(
  { length: 12 },
  (_, i) => `${String(i + 1).padStart(2, '0')}0180${String(1000 + i * 7)}`,
);
const expected: { citizen: Answers; caseworker: Answers }[] = [];
let analyst: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  const config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  const persons = ['person,birth_year,sex,origin,municipality', ...cprs.map((c) => `${c},1980,K,Dansk,101`)];
  await importFile(config, 'persons', writeTemp(dir, 'persons.csv', persons.join('\n')));
  const rows = ['person,date,questionnaire,respondent,item,score,caseworker'];
  cprs.forEach((cpr, i) => {
    const citizen: Answers = {};
    const caseworker: Answers = {};
    CITIZEN_INDICATORS.forEach((k, j) => (citizen[k] = ((i + j) % 5) + 1));
    CASEWORKER_INDICATORS.forEach((k, j) => (caseworker[k] = ((i + j) % 5) + 1));
    caseworker.health = Math.min(5, (citizen.health as number) + 1);
    if (i === 0) citizen.network = null;
    expected.push({ citizen, caseworker });
    for (const [respondent, answers] of [
      ['citizen', citizen],
      ['caseworker', caseworker],
    ] as const)
      for (const [item, score] of Object.entries(answers))
        rows.push(`${cpr},2026-02-0${(i % 5) + 2},bip-1,${respondent},${item},${score ?? ''},cw-1`);
  });
  await importFile(config, 'measurements', writeTemp(dir, 'measurements.csv', rows.join('\n')));
  const store = await storeOf(config);
  const app = createApp({ config, rates: SHIPPED_RATES, store });
  analyst = await signIn(app, store, 'analyst', { municipalities: [101] });
  viewer = await signIn(app, store, 'viewer', { municipalities: [101] });
}, 60_000);

function expectClose(actual: unknown, expected: unknown, at = 'quality'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, at).toBe('number');
    expect(Math.abs((actual as number) - expected), at).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected)),
    );
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), at).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
  } else expect(actual, at).toEqual(expected);
}

describe('GET /api/progression/quality', () => {
  it("gives core's figures on the municipality's final measurements, answers pivoted in SQL", async () => {
    const res = await analyst.request('/api/progression/quality?municipality=101');
    expect(res.status).toBe(200);
    const answer = (await res.json()) as QualityAnswer;
    expect(answer.persons).toBe(12);
    expect(answer.suppression).toEqual({ threshold: 0, applied: false });
    // The same figures; the store's row order may differ from ours, so to rounding only.
    expectClose(answer.quality, JSON.parse(JSON.stringify(measurementQuality(expected))));
    const health = answer.quality!.agreement.find((a) => a.indicator === 'health')!;
    expect(health.pairs).toBe(12);
    const network = answer.quality!.respondents[0]!.items.find((i) => i.indicator === 'network')!;
    expect(network.missing).toBeCloseTo(1 / 12, 12);
  });

  it('shows figures on twelve persons to a role with suppression (threshold 5), and refuses other municipalities', async () => {
    const answer = (await (
      await viewer.request('/api/progression/quality?municipality=101')
    ).json()) as QualityAnswer;
    expect(answer.suppression).toEqual({ threshold: 5, applied: true });
    expect(answer.persons).toBe(12);
    expect((await viewer.request('/api/progression/quality?municipality=147')).status).toBe(403);
  });
});
