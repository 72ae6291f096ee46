/**
 * The budget on a generated store of two municipalities (2020-2024): its income-support lines
 * against the forecast's costing, the months against the year, saved versions, a case without
 * effect, the routes as an economist and a viewer, and the workbook read back.
 */

import { formatNumber, SHIPPED_RATES, weekIndexOf } from '@jobinvest/core';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../access/test-helpers.ts';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import {
  auditEntries,
  closeStore,
  GENERATED_FILES,
  generatedStore,
  importFile,
  type Store,
} from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { forecastNow } from '../jobinvest/index.ts';
import {
  budgetFor,
  budgetMonths,
  budgetVersions,
  saveBudgetVersion,
  suppressBudget,
  type BudgetAnswer,
} from './budget.ts';
import { budgetWorkbook } from './budget-xlsx.ts';
import { readPdf, requirePdfTools } from '../exports/test-helpers.ts';

let store: Store;
let municipality = 0;
let db = '';
/** A case may start up to the end of 2025 (the budget year after the data's last). */
const LATEST_START = weekIndexOf(2025, 52);

beforeAll(async () => {
  const outDir = tempDir();
  db = join(outDir, 'budget.duckdb');
  let config;
  ({ config, store } = await generatedStore({
    persons: 3000,
    municipalities: 2,
    fromYear: 2020,
    toYear: 2024,
    seed: 5,
    outDir,
    db,
  }));
  // The activation and the caseworkers the activities and administration rest on.
  await importFile(config, 'interventions', join(outDir, GENERATED_FILES.interventions));
  await importFile(config, 'caseworkers', join(outDir, GENERATED_FILES.caseworkers));
  const [largest] = await store.query<{ m: number }>(
    'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  municipality = Number(largest!.m);
}, 180_000);

afterAll(() => closeStore(db));

const request = { year: 2025, rates: SHIPPED_RATES, latestStart: LATEST_START, replications: 0 } as const;

describe('the grundbudget of a municipality', () => {
  it('has income-support lines equal to the forecast’s costing of the same weeks in the budget year', async () => {
    const budget = await budgetFor(store, { ...request, municipality });
    const forecast = await forecastNow(store, {
      municipality,
      horizon: 260,
      rates: SHIPPED_RATES,
      replications: 0,
    });
    expect(budget.years).toEqual([2025, 2026, 2027, 2028]);
    expect(budget.groups.length).toBeGreaterThan(3);
    for (const g of budget.groups) {
      const row = forecast.years.find((r) => r.state === g.benefit && r.year === 2025)!;
      const y = g.years[0]!;
      expect(y.complete).toBe(true);
      expect(y.fullTimePersons.model).toBe(row.fullTimePersons);
      expect(y.incomeSupport.model).toEqual({
        gross: row.gross,
        refusion: row.stateRefusion,
        cofinancing: row.cofinancing,
        net: row.municipalNet,
      });
    }
    const net = budget.summary[0]!.incomeSupport.model.net;
    const fromForecast = forecast.years
      .filter((r) => r.year === 2025)
      .reduce((s, r) => s + r.municipalNet, 0);
    expect(net).toBeCloseTo(fromForecast, 4);
  }, 120_000);

  it('takes activities and the caseload from the last year of data', async () => {
    const budget = await budgetFor(store, { ...request, municipality });
    expect(budget.history.to).toBe(202452);
    expect(budget.history.activities.length).toBeGreaterThan(0);
    // The generator assigns caseworkers: a caseload of some tens of persons each.
    expect(budget.history.caseload).toBeGreaterThan(5);
    expect(budget.history.caseload).toBeLessThan(500);
    const [types] = await store.query<{ n: number }>(
      `SELECT count(DISTINCT i.type)::INTEGER AS n FROM interventions i`,
    );
    expect(new Set(budget.history.activities.map((a) => a.type)).size).toBeLessThanOrEqual(types!.n);
  }, 120_000);

  it('shares the budget year’s income support out over its months, adding up to the year', async () => {
    const months = await budgetMonths(store, municipality, 2025, { rates: SHIPPED_RATES, replications: 0 });
    const budget = await budgetFor(store, { ...request, replications: undefined, municipality });
    for (const g of budget.groups) {
      const own = months.filter((m) => m.benefit === g.benefit);
      expect(own.map((m) => m.month)).toEqual(
        Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      );
      expect(own.reduce((s, m) => s + m.net, 0)).toBeCloseTo(g.years[0]!.incomeSupport.adopted.net, 2);
      expect(own.reduce((s, m) => s + m.gross, 0)).toBeCloseTo(g.years[0]!.incomeSupport.adopted.gross, 2);
    }
  }, 120_000);

  it('makes the budget of a year the data reach into as at the turn of the year, for the follow-up; refuses one without a year before in the data', async () => {
    const past = await budgetFor(store, { ...request, year: 2024, municipality });
    expect(past.stockWeek).toBe(202352);
    expect(past.notices[0]).toMatch(
      /^The budget of 2024 is made as at the turn of the year: the forecast from the stock of week 202352/,
    );
    expect(past.groups.length).toBeGreaterThan(0);
    const months = await budgetMonths(store, municipality, 2024, { rates: SHIPPED_RATES, replications: 0 });
    expect(months.some((m) => m.month === '2024-01' && m.net > 0)).toBe(true);
    const next = await budgetFor(store, { ...request, municipality });
    expect(next.stockWeek).toBe(202452);
    await expect(budgetFor(store, { ...request, year: 2020, municipality })).rejects.toThrow(
      /year: expected a year whose year before lies in the data \(202001-202452\), found 2020/,
    );
  }, 180_000);
});

describe('saved budget versions', () => {
  it('adds a version on each save, with its adjustments, never overwriting', async () => {
    const base = { municipality, year: 2026, cases: [], note: null, savedBy: 'økonom', ratesVersion: 'x' };
    const first = await saveBudgetVersion(store, { ...base, adjustments: { caseload: 40 } });
    const second = await saveBudgetVersion(store, {
      ...base,
      adjustments: {
        fullTimePersonsChange: { sygedagpenge: -0.05 },
        costPerCaseworker: 650_000,
        announced: { beskaeftigelsestilskud: { '2026': 120_000_000 }, budgetgaranti: { '2027': -1_500_000 } },
      },
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    const list = await budgetVersions(store, { municipality, year: 2026 });
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    expect(list[0]!.adjustments).toEqual({
      fullTimePersonsChange: { sygedagpenge: -0.05 },
      costPerCaseworker: 650_000,
      announced: { beskaeftigelsestilskud: { '2026': 120_000_000 }, budgetgaranti: { '2027': -1_500_000 } },
    });
    expect(list[1]!.adjustments).toEqual({ caseload: 40 });
    expect(list[0]!.savedBy).toBe('økonom');
  });
});

describe('jobinvest budget', () => {
  it('prints the budget, saves a version and takes it up again with --saved; refuses an adjustment out of range', async () => {
    const dir = tempDir();
    writeTemp(dir, 'adj.json', JSON.stringify({ caseload: 20 }));
    writeTemp(dir, 'bad.json', JSON.stringify({ caseload: 0 }));
    const base = ['budget', '--municipality', String(municipality), '--replications', '0', '--db', db];
    const saved = await runCli(
      [...base, '--year', '2028', '--adjustments', 'adj.json', '--save', '--json'],
      dir,
    );
    expect(saved.code).toBe(0);
    const id = /Saved as version 1 \(id (\d+)\) of the 2028 budget/.exec(saved.err)?.[1];
    expect(id).toBeDefined();
    const printed = JSON.parse(saved.out) as BudgetAnswer;
    const direct = await budgetFor(store, {
      ...request,
      year: 2028,
      municipality,
      adjustments: { caseload: 20 },
    });
    expect(printed.summary).toEqual(direct.summary);
    const again = await runCli([...base, '--saved', id!, '--json'], dir);
    const taken = JSON.parse(again.out) as BudgetAnswer;
    expect(taken.budgetYear).toBe(2028);
    expect(taken.adjustments).toEqual({ caseload: 20 });
    const table = await runCli([...base, '--year', '2028'], dir);
    expect(table.out).toContain('municipal net, total');
    expect(table.out).toContain(`Budget 2028-2031, municipality ${municipality}`);
    const bad = await runCli([...base, '--year', '2028', '--adjustments', 'bad.json'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/caseload/);
  }, 180_000);
});

/** Evaluate a workbook formula of the forms the budget writes: terms joined by + and -, each SUM(range), a cell or 'Sheet'!cell. */
function evaluate(wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, formula: string): number {
  const valueOf = (ws: ExcelJS.Worksheet, address: string): number => {
    const cell = ws.getCell(address);
    const v = cell.value;
    if (v && typeof v === 'object' && 'formula' in v) return evaluate(wb, ws, String(v.formula));
    return typeof v === 'number' ? v : 0;
  };
  let total = 0;
  for (const match of formula.matchAll(
    /([+-]?)(SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)|(?:'((?:[^']|'')+)'!)?([A-Z]+\d+)|(\d+))/g,
  )) {
    const sign = match[1] === '-' ? -1 : 1;
    if (match[3]) {
      for (let r = Number(match[4]); r <= Number(match[6]); r++)
        total += sign * valueOf(sheet, `${match[3]}${r}`);
    } else if (match[8]) {
      const ws = match[7] ? wb.getWorksheet(match[7].replaceAll("''", "'"))! : sheet;
      total += sign * valueOf(ws, match[8]);
    } else total += sign * Number(match[9]);
  }
  return total;
}

describe('the routes and the workbook', () => {
  const config = normalizeConfig({}, 'test');
  const app = () => createApp({ config, rates: SHIPPED_RATES, store });

  it('answers an analyst the budget with a case of no effect adding exactly its cost, and the workbook equals it', async () => {
    const analyst = await signIn(app(), store, 'analyst');
    const budget0 = await budgetFor(store, { ...request, municipality });
    const target = budget0.groups.reduce((a, g) =>
      g.years[0]!.fullTimePersons.model > a.years[0]!.fullTimePersons.model ? g : a,
    ).benefit;
    const saved = await analyst.request('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Uden effekt',
        municipality: String(municipality),
        target: { benefit: target },
        participants: 5,
        startWeek: 202510,
        cost: { perParticipant: 10_000 },
        effect: { hazardRatio: 1 },
        replications: 0,
      }),
    });
    expect(saved.status).toBe(201);
    const { caseId } = (await saved.json()) as { caseId: number };
    const adjustments = encodeURIComponent(JSON.stringify({ costPerCaseworker: 600_000 }));
    const res = await analyst.request(
      `/api/budget?municipality=${municipality}&year=2025&cases=${caseId}&adjustments=${adjustments}`,
    );
    expect(res.status).toBe(200);
    const b = (await res.json()) as BudgetAnswer;
    // Exactly its cost, to a thousandth of a krone (the case's with includes its cost in floating point).
    const added = b.withCases.map((y) => y.with.net - y.without.net);
    [50_000, 0, 0, 0].forEach((cost, i) => expect(added[i]).toBeCloseTo(cost, 3));
    for (const y of b.cases[0]!.years)
      for (const v of Object.values(y.incomeSupport)) expect(v).toBeCloseTo(0, 3);
    expect(b.summary[0]!.administrationKr.adopted).toBeGreaterThan(0);

    const bytes = await budgetWorkbook(b, 'da');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer);
    const summary = wb.getWorksheet('Oversigt')!;
    const rowOf = (ws: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      if (!found) throw new Error(`no row "${label}" in ${ws.name}`);
      return found;
    };
    const total = rowOf(summary, 'Kommunal nettoudgift i alt');
    const withRow = rowOf(summary, 'Med investering, netto');
    b.years.forEach((_, i) => {
      const cell = total.getCell(i + 2);
      expect(cell.formula).toMatch(/^SUM\(/);
      expect(cell.result).toBeCloseTo(b.summary[i]!.net.adopted, 4);
      expect(evaluate(wb, summary, cell.formula!)).toBeCloseTo(b.summary[i]!.net.adopted, 2);
      expect(evaluate(wb, summary, withRow.getCell(i + 2).formula!)).toBeCloseTo(b.withCases[i]!.with.net, 2);
      const gross = rowOf(summary, 'Forsørgelse, brutto').getCell(i + 2);
      expect(evaluate(wb, summary, gross.formula!)).toBeCloseTo(b.summary[i]!.incomeSupport.adopted.gross, 2);
    });
    expect(wb.worksheets.length).toBe(b.groups.length + 2);

    const xlsx = await analyst.request(`/api/budget/xlsx?municipality=${municipality}&year=2025`);
    expect(xlsx.status).toBe(200);
    const exported = await auditEntries(store, { action: 'export.xlsx' });
    expect(exported.some((e) => e.username === analyst.username && e.resource.startsWith('budget'))).toBe(
      true,
    );
  }, 120_000);

  it('saves a version over HTTP, audited with the adjustments; a viewer may do neither', async () => {
    const economist = await signIn(app(), store, 'economist');
    const body = JSON.stringify({
      municipality: String(municipality),
      year: 2027,
      adjustments: { caseload: 30 },
      cases: [],
    });
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const saved = await economist.request('/api/budget/versions', post);
    expect(saved.status).toBe(201);
    expect((await saved.json()) as { version: number }).toMatchObject({
      version: 1,
      adjustments: { caseload: 30 },
    });
    const audited = await auditEntries(store, { action: 'budget.save' });
    const entry = audited.find((e) => e.resource.startsWith(`budget ${municipality} 2027 version 1`));
    expect(entry?.username).toBe(economist.username);
    expect(entry?.resource).toContain(`{"caseload":30}`);
    const bad = await economist.request('/api/budget/versions', { ...post, body: body.replace('30', '0') });
    expect(bad.status).toBe(400);
    const viewer = await signIn(app(), store, 'viewer');
    expect((await viewer.request('/api/budget/versions', post)).status).toBe(403);
    expect((await viewer.request(`/api/budget?municipality=${municipality}`)).status).toBe(403);
  }, 120_000);

  it('withholds a group whose stock has fewer persons than the threshold, and the sums that would give it back', async () => {
    const budget = await budgetFor(store, { ...request, municipality });
    const few = Object.entries(budget.stockByState).filter(([, n]) => n !== null && n > 0 && n < 5);
    const shown = suppressBudget(budget, 5);
    expect(shown.groups.every((g) => !few.some(([s]) => s === g.benefit))).toBe(true);
    expect(shown.suppressed.groups.sort()).toEqual(
      few
        .map(([s]) => s)
        .filter((s) => budget.groups.some((g) => g.benefit === s))
        .sort(),
    );
    const high = suppressBudget(budget, 1_000_000);
    expect(high.groups.every((g) => !budget.stockByState[g.benefit])).toBe(true);
    expect(high.summary).toEqual([]);
  }, 120_000);
  it('refuses a case that picks persons to a role that may not read them, and audits the read of one that may', async () => {
    const budget = await budgetFor(store, { ...request, municipality });
    const target = budget.groups.reduce((a, g) =>
      g.years[0]!.fullTimePersons.model > a.years[0]!.fullTimePersons.model ? g : a,
    ).benefit;
    const last = weekIndexOf(2024, 52);
    const found = await store.query<{ pseudonym: string }>(
      `SELECT p.pseudonym FROM spells s JOIN persons p USING (person_id)
       WHERE s.benefit = $b AND s.first_week <= $w AND s.last_week >= $w
         AND (SELECT arg_max(municipality, from_week) FROM person_municipalities m
              WHERE m.person_id = s.person_id AND m.from_week <= $w) = $m
       ORDER BY p.pseudonym LIMIT 6`,
      { b: target, w: last, m: municipality },
    );
    expect(found.length).toBe(6);
    const analyst = await signIn(app(), store, 'analyst');
    const saved = await analyst.request('/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Udvalgte borgere',
        municipality: String(municipality),
        target: { benefit: target, persons: found.map((f) => f.pseudonym) },
        participants: 2,
        startWeek: 202510,
        cost: { perParticipant: 1_000 },
        effect: { hazardRatio: 1.2 },
      }),
    });
    expect(saved.status).toBe(201);
    const { caseId } = (await saved.json()) as { caseId: number };
    const path = `/api/budget?municipality=${municipality}&year=2025&cases=${caseId}`;
    const economist = await signIn(app(), store, 'economist');
    const refused = await economist.request(path);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/may not pick persons/);
    expect((await analyst.request(path)).status).toBe(200);
    const reads = await auditEntries(store, { action: 'read.persons' });
    const read = reads.find(
      (e) => e.username === analyst.username && e.resource.startsWith('GET /api/budget'),
    );
    expect(read?.persons.slice().sort()).toEqual(found.map((f) => f.pseudonym).sort());
  }, 180_000);

  it("prints the committee's PDF with the summary's figures and the price level, audited", async () => {
    requirePdfTools();
    const analyst = await signIn(app(), store, 'analyst');
    const json = (await (
      await analyst.request(`/api/budget?municipality=${municipality}&year=2025`)
    ).json()) as BudgetAnswer;
    const res = await analyst.request(`/api/budget/report?municipality=${municipality}&year=2025`, {
      headers: { 'accept-language': 'da' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = readPdf(join(tempDir(), 'budget.pdf'), new Uint8Array(await res.arrayBuffer()));
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.text).toContain('Prisniveau 2025.');
    expect(pdf.text).toContain('Alle beløb er i 2025-priser');
    expect(pdf.text).toContain('Beskæftigelsestilskud');
    // The summary's municipal net of each year as the screen writes it.
    for (const y of json.summary) expect(pdf.rows).toContain(formatNumber(Math.round(y.net.adopted)));
    const printed = await auditEntries(store, { action: 'export.pdf' });
    expect(printed.some((e) => e.username === analyst.username && e.resource.startsWith('budget'))).toBe(
      true,
    );
  }, 180_000);
});
