/**
 * The scorecard as the committee's PDF, read back with pdfinfo and pdftotext, on a generated store
 * with the demo's synthetic jobindsats extract and framework conditions: one A4 page, the five
 * dimensions, the figures /api/scorecard gives for the same request, in Danish (and in English when
 * asked); refused as /api/scorecard refuses.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatNumber,
  formatPercent,
  RAW_IDENTIFIER,
  SCORECARD_DIMENSIONS,
  SHIPPED_RATES,
} from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { readPdf, requirePdfTools } from '../exports/test-helpers.ts';
import { GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import type { ScorecardAnswer } from './scorecard.ts';

const dir = tempDir();
let store: Store;
let app: SignedIn;
let municipality = '';
let name = '';

/** A word broken at the end of a line (a soft hyphen, "Besparelses-potentiale") made whole again. */
const unbroken = (text: string) => text.replace(/(\p{Ll})- (\p{Ll})/gu, '$1$2');

beforeAll(async () => {
  requirePdfTools();
  const generated = await generatedStore({
    persons: 1500,
    municipalities: 2,
    fromYear: 2021,
    toYear: 2024,
    seed: 5,
    outDir: join(dir, 'data'),
    db: join(dir, 'store.duckdb'),
  });
  store = generated.store;
  for (const kind of ['municipalities', 'jobindsats', 'framework'] as const)
    await importFile(generated.config, kind, join(dir, 'data', GENERATED_FILES[kind]));
  const [row] = await store.query<{ code: number; name: string }>(
    `SELECT m.code, m.name FROM person_municipalities p JOIN municipalities m ON m.code = p.municipality
     GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
  );
  municipality = String(row!.code).padStart(3, '0');
  name = row!.name;
  app = await signIn(createApp({ config: generated.config, rates: SHIPPED_RATES, store }), store, 'analyst');
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GET /api/scorecard/report', { timeout: 300_000 }, () => {
  it('prints the scorecard of /api/scorecard on one A4 page, in Danish', async () => {
    const query = `municipality=${municipality}&benefit=all&to=202452`;
    const api = await app.request(`/api/scorecard?${query}`);
    expect(api.status, await api.clone().text()).toBe(200);
    const answer = (await api.json()) as ScorecardAnswer;
    const res = await app.request(`/api/scorecard/report?${query}`);
    expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { pages, text, rows } = readPdf(join(dir, 'all.pdf'), bytes);
    expect(pages).toBe(1);

    expect(text).toContain(`Scorecard: Alle offentligt forsørgede, ${name}`);
    expect(text).toContain('Det løbende år uge 2024-01 – uge 2024-52 mod uge 2023-01 – uge 2023-52');
    expect(text).toContain('data til og med uge 2024-52');
    for (const d of SCORECARD_DIMENSIONS) expect(unbroken(text)).toContain(d.name.da);
    // The figures as the API gives them, written the Danish way.
    const more = answer.scorecard.dimensions.flereIJob.level;
    expect(text).toContain(`Egen: ${formatPercent(more.own!)} Klynge: ${formatPercent(more.cluster!)}`);
    // The background's full-time persons now, own and cluster, with a decimal comma.
    const persons = answer.scorecard.background.fullTimePersons;
    expect(formatNumber(persons.cluster.now!, 1)).toMatch(/^[\d.]+,\d$/);
    expect(rows).toContain(
      `Antal fuldtidspersoner (anvendes til udvikling) ${formatNumber(persons.own.now!, 1)} ${formatNumber(persons.cluster.now!, 1)} aktuel måling (uge 2024-01 – uge 2024-52)`,
    );
    // The peers by name, the sources, nothing of the product's own codes.
    expect(text).toContain(`Sammenlignet med de ${answer.peers.codes.length} kommuner`);
    expect(text).toContain('Kilder og regler:');
    expect(text.match(RAW_IDENTIFIER)).toBeNull();
  });

  it('prints in English when asked, the numbers still the Danish way', async () => {
    const res = await app.request(
      `/api/scorecard/report?municipality=${municipality}&benefit=kontanthjaelp&to=202452&language=en`,
    );
    expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
    const { pages, text } = readPdf(join(dir, 'en.pdf'), new Uint8Array(await res.arrayBuffer()));
    expect(pages).toBe(1);
    expect(text).toContain(`Scorecard: Social assistance (all rates), ${name}`);
    for (const d of SCORECARD_DIMENSIONS) expect(unbroken(text)).toContain(d.name.en);
    expect(text).toMatch(/Own: \d+,\d %/);
  });

  it('refuses what /api/scorecard refuses, with its status and words', async () => {
    for (const [query, code] of [
      // Data from 2021: too early for two running years before 2022's end.
      [`municipality=${municipality}&benefit=all&to=202201`, 'too-early'],
      // In no cluster.
      [`municipality=${municipality}&benefit=all&to=202452&peers=cluster`, 'no-cluster'],
    ]) {
      const api = await app.request(`/api/scorecard?${query}`);
      const report = await app.request(`/api/scorecard/report?${query}`);
      expect(report.status).toBe(422);
      expect(report.status).toBe(api.status);
      const body = (await report.json()) as { code?: string };
      // The kind of refusal as a code, for a page to say in its own words.
      expect(body.code).toBe(code);
      expect(body).toEqual(await api.json());
    }
    const bad = await app.request(
      `/api/scorecard/report?municipality=${municipality}&benefit=all&to=202452&language=fr`,
    );
    expect(bad.status).toBe(400);
  });
});
