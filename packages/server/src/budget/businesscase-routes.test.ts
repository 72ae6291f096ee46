/**
 * The business case over HTTP: the contract's result for a case computed by hand, the refusal of a
 * bad field by its path in the request's language, and the committee's PDF read back with pdfinfo
 * and pdftotext, audited as an export.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RAW_IDENTIFIER, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { auditEntries, openStore, type Store } from '../data/index.ts';
import { readPdf, requirePdfTools } from '../exports/test-helpers.ts';
import { createApp } from '../http/app.ts';

const dir = tempDir();
let store: Store;
let analyst: SignedIn;

// Monday 7 December 2026, noon in Copenhagen: week 2026-50, the 2016 rules.
const NOW = Date.parse('2026-12-07T11:00:00Z');

/** Before: kontanthjælp at step 4 (net 80 % of 12.326 = 9.860,80); after: reduced kontanthjælp and a mentor. */
const CASE = {
  name: 'Kontanthjælpsmodtagere i småjobs',
  before: [{ label: 'Kontanthjælp', monthlyGross: '12.326', benefit: 'kontanthjaelp_forhoejet', step: 4 }],
  after: [
    { label: 'Kontanthjælp, nedsat', monthlyGross: 6000, refusionRate: '0,2' },
    { label: 'Mentor', monthlyGross: 1500, refusionRate: 0 },
  ],
  oneOffCost: '100.000',
  citizens: 10,
};

const post = (path: string, body: unknown, language = 'da') =>
  analyst.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  store = await openStore(':memory:');
  const app = createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store, now: () => NOW });
  analyst = await signIn(app, store, 'analyst');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('POST /api/budget/businesscase', () => {
  it('answers the contract: per citizen per month, the saving and the payback computed by hand', async () => {
    const res = await post('/api/budget/businesscase', CASE);
    expect(res.status, await res.clone().text()).toBe(200);
    const r = (await res.json()) as Record<string, unknown>;
    expect(r).toMatchObject({
      before: { gross: 12_326, refusion: 2_465.2, net: 9_860.8 },
      after: { gross: 7_500, refusion: 1_200, net: 6_300 },
      savingPerMonth: 3_560.8,
      savingPerYear: 42_729.6,
      // 100.000 / (10 × 3.560,80)
      paybackMonths: 2.81,
      citizensToPayBackIn12Months: 3,
      rules: { id: 'refusion-2016', status: 'verified' },
      asOfWeek: 202650,
      date: '2026-12-07',
    });
  });

  it('refuses a rate above 1 naming its field, in Danish when asked in Danish and in English otherwise', async () => {
    const bad = { ...CASE, after: [CASE.after[0], { ...CASE.after[1], refusionRate: 1.5 }] };
    const da = await post('/api/budget/businesscase', bad, 'da');
    expect(da.status).toBe(422);
    expect(await da.json()).toEqual({
      error: 'after[1].refusionRate: forventede en andel fra 0 til 1, fandt 1.5',
      details: [{ field: 'after[1].refusionRate', expected: 'en andel fra 0 til 1', found: '1.5' }],
    });
    const en = await post('/api/budget/businesscase', bad, 'en');
    expect(((await en.json()) as { error: string }).error).toBe(
      'after[1].refusionRate: expected a share from 0 to 1, found 1.5',
    );
  });
});

describe('POST /api/budget/businesscase/report', { timeout: 120_000 }, () => {
  it('prints the case for the committee on one A4 page, with its table, saving, payback, rates and date, and audits it', async () => {
    requirePdfTools();
    const res = await post('/api/budget/businesscase/report', CASE);
    expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent('businesscase-Kontanthjælpsmodtagere-i-småjobs.pdf'),
    );
    const { pages, text, rows } = readPdf(join(dir, 'case.pdf'), new Uint8Array(await res.arrayBuffer()));
    expect(pages).toBe(1);
    expect(text).toContain('Businesscase: Kontanthjælpsmodtagere i småjobs');
    expect(rows).toMatch(/Kontanthjælp\s+12\.326 kr\.\s+20 %\s+2\.465,20 kr\.\s+9\.860,80 kr\./);
    expect(rows).toMatch(/Mentor\s+1\.500 kr\.\s+0 %\s+0 kr\.\s+1\.500 kr\./);
    expect(rows).toMatch(/I alt\s+7\.500 kr\.\s+1\.200 kr\.\s+6\.300 kr\./);
    expect(rows).toMatch(/Besparelse pr\. måned\s+3\.560,80 kr\./);
    expect(rows).toMatch(/Besparelse pr\. år\s+42\.729,60 kr\./);
    expect(text).toContain('2,81 måneder for 10 borgere');
    expect(text).toContain(
      'Kontanthjælp, forhøjet sats, trin 4: kommunen betaler 80 % (statsrefusion); refusionsreformen fra 2016 (LBK nr. 221 af 12/02/2021 §§ 5-6), verificeret',
    );
    expect(text).toContain(
      'Refusionsregler: refusionsreformen fra 2016 (LBK nr. 221 af 12/02/2021 §§ 5-6), verificeret.',
    );
    // No code, rule id or ASCII stand-in for æ/ø reaches the committee.
    expect(text.match(RAW_IDENTIFIER)?.[0] ?? null).toBeNull();
    expect(text).toContain('Beregnet 2026-12-07 med refusionsreglerne for uge 2026-50');
    const [entry] = await auditEntries(store, { action: 'export.pdf' });
    expect(entry).toMatchObject({
      username: analyst.username,
      resource: 'business case report: Kontanthjælpsmodtagere i småjobs',
    });
  });

  it('refuses a bad case with 422 before printing anything', async () => {
    const res = await post('/api/budget/businesscase/report', { ...CASE, citizens: 0 });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^citizens: forventede et helt antal borgere/,
    );
  });
});
