/**
 * The council's PDF report, read back with pdftotext: the figures the API gives for the same case
 * (the same replications and seed, so the same probability of paying back), every input of the case
 * in words, the municipality by its name, the notices under the title, and no raw identifier.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatKr, formatPercent, RAW_IDENTIFIER, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import type { CaseEvaluation, InvestmentCaseDocument } from '../jobinvest/index.ts';
import { caseReportHtml, printPdf } from './report.ts';
import { readPdf, requirePdfTools } from './test-helpers.ts';

const dir = tempDir();
let store: Store;
let app: SignedIn;
let municipality = '';
let name = '';

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The text of a PDF in reading order (a table's label, then its value), its runs of white space made one space. */
const pdfText = (bytes: Uint8Array, file: string): string => readPdf(join(dir, file), bytes).text;

/** The report of `doc` as text, after checking that a PDF came back. */
async function reportText(doc: unknown, file: string): Promise<string> {
  const res = await post('/api/invest/report', doc);
  expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
  return pdfText(new Uint8Array(await res.arrayBuffer()), file);
}

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
  // The municipalities' names, as the demo imports them.
  await importFile(generated.config, 'municipalities', join(dir, 'data', GENERATED_FILES.municipalities));
  const [row] = await store.query<{ code: number; name: string }>(
    `SELECT m.code, m.name FROM person_municipalities p JOIN municipalities m ON m.code = p.municipality
     GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
  );
  municipality = String(row!.code).padStart(3, '0');
  name = row!.name;
  app = await signIn(createApp({ config: generated.config, rates: SHIPPED_RATES, store }), store, 'analyst');
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the council’s PDF report', () => {
  it('shows the API’s figures for the same case and every input, the municipality by name', async () => {
    const doc = {
      name: 'Mentor til langvarige',
      municipality,
      target: { benefit: 'kontanthjaelp_forhoejet', minWeeks: 26 },
      participants: 20,
      startWeek: '202501',
      cost: { perParticipant: 25_000, perWeek: 400, weeks: 12 },
      effect: {
        extraPointsInWork: { points: 5, afterMonths: 12 },
        lockIn: { weeks: 8, hazardRatio: 0.7 },
        phaseInWeeks: 4,
        halfLifeWeeks: 104,
        relapseHazardRatio: 0.9,
      },
      horizonWeeks: 156,
      discountRate: 0.04,
      replications: 40,
    };
    const api = await post('/api/invest', doc);
    expect(api.status, await api.clone().text()).toBe(200);
    const result = (await api.json()) as CaseEvaluation;
    expect(result.probabilityOfPayback).not.toBeNull();
    const text = await reportText(doc, 'case.pdf');

    // The result as the API gives it, to the krone and the percent.
    expect(text).toContain(`Nutidsværdi (kommunens nettogevinst) ${formatKr(result.npv)}`);
    expect(text).toContain(
      `Sandsynlighed for tilbagebetaling ${formatPercent(result.probabilityOfPayback!, 0)}`,
    );
    expect(text).toContain(`Usikkerhed (40 mikrosimulationer)`);
    expect(text).toContain(`${formatKr(result.npvInterval80![0])} til ${formatKr(result.npvInterval80![1])}`);
    // Every input, in words.
    expect(text).toContain(`Kommune ${name} (${municipality})`);
    expect(text).not.toContain(`Kommune ${municipality}`);
    expect(text).toContain('Målgruppe Kontanthjælp, forhøjet sats; mindst 26 uger i forløbet');
    expect(text).toContain('Deltagere 20');
    expect(text).toContain('Start uge 2025-01');
    expect(text).toContain('Udgift pr. deltager 25.000 kr.');
    expect(text).toContain('Løbende udgift 400 kr. pr. deltager pr. uge i 12 uger');
    // 20 × (25.000 + 400 × 12) = 596.000 kr.
    expect(text).toContain('Udgift til indsatsen i alt 596.000 kr.');
    expect(text).toMatch(
      /Effekt 5 procentpoint flere i beskæftigelse efter 12 måneder \(omregnet til hazard ratio \d,\d{3}\), på overgange til job \/ selvforsørgelse/,
    );
    expect(text).toContain('Indlåsning de første 8 uger med hazard ratio 0,700');
    expect(text).toContain('Indfasning 4 uger til fuld effekt');
    expect(text).toContain('Halveringstid for effekten 104 uger');
    expect(text).toContain('Tilbagefald fra job hazard ratio 0,900');
    expect(text).toContain('Horisont 156 uger (3 år)');
    expect(text).toContain('Diskonteringsrente 4,0 % om året');
    expect(text).toContain('Mikrosimulationer 40 (startværdi 1)');
    expect(text).toMatch(/Satstabel medfølgende satser, [a-z]+ 2026/);
    expect(text).toContain('Prisår hvert års beløb i det års priser');
    expect(text).toMatch(/Data uge 2021-01 – uge 2024-52 Data version \d+/);
    expect(text).not.toMatch(/Fastholdelse/);
    // No code, note or placeholder of the product's own.
    expect(text.match(RAW_IDENTIFIER)).toBeNull();
  }, 300_000);

  it('gives the same probability for the same case every time, whoever asks first', async () => {
    const doc = {
      name: 'Samme case',
      municipality,
      target: { benefit: 'kontanthjaelp_forhoejet' },
      participants: 10,
      startWeek: '202440',
      cost: { perParticipant: 20_000 },
      effect: { hazardRatio: 1.3 },
      replications: 60,
      // A live answer's shortcut: the report searches for the break-even effect all the same.
      breakEven: false,
    };
    const texts = [await reportText(doc, 'a.pdf'), await reportText(doc, 'b.pdf')];
    const probability = (t: string) => /Sandsynlighed for tilbagebetaling (\d+ %)/.exec(t)?.[1];
    const api = (await (await post('/api/invest', doc)).json()) as CaseEvaluation;
    expect(probability(texts[0]!)).toBe(formatPercent(api.probabilityOfPayback!, 0));
    expect(probability(texts[1]!)).toBe(probability(texts[0]!));
    expect(texts[0]).toMatch(/Break-even-effekt \(hazard ratio\) \d+,\d{3}/);
  }, 300_000);

  it('shows each notice it is given as a line of its own under the title', async () => {
    const doc = {
      name: 'Med besked',
      municipality,
      target: { benefit: 'kontanthjaelp_forhoejet' },
      participants: 10,
      startWeek: '202440',
      cost: { perParticipant: 20_000 },
      effect: { hazardRatio: 1.2 },
      replications: 0,
    };
    // The report is printed in Danish, from an answer in Danish (as the report route asks for it).
    const result = (await (
      await post('/api/invest', doc, { 'accept-language': 'da' })
    ).json()) as CaseEvaluation;
    expect(result.notices.length).toBeGreaterThan(0);
    const bytes = await printPdf(
      caseReportHtml({
        doc: { ...doc, horizonWeeks: 260, discountRate: 0.035, version: 1 } as InvestmentCaseDocument,
        result,
        municipalityName: name,
        dataWindow: { first: 202101, last: 202452 },
        printedAt: '2026-12-06 10:00',
        notices: ['Satser for 2027 er fremskrevet fra 2025 med satsreguleringen.'],
      }),
    );
    // The result's own notices, then the one given, each under the title, before the municipality's
    // line and the figures.
    const text = pdfText(bytes, 'notice.pdf');
    const given = 'Satser for 2027 er fremskrevet fra 2025 med satsreguleringen.';
    expect(text.startsWith(`Med besked ${result.notices.join(' ')} ${given} København (`)).toBe(true);
  }, 120_000);
});
