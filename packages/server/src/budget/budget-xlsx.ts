/**
 * The budget as an Excel workbook in the layout economists use: lines × years, one sheet per benefit
 * group and a summary ("Oversigt") in front. The cells that are sums are formulas (SUM over the
 * lines above, or the groups' sheets' cells), written with their computed value cached, so the
 * workbook shows the figures on opening and stays alive when someone edits a line. The price level
 * and the notices stand above the figures; the assumptions on their own sheet.
 */

import { benefitOf, isBenefitCode, sayIn, type Language, type Sentence } from '@jobinvest/core';
import ExcelJS from 'exceljs';
import type { BudgetAnswer } from './budget.ts';

const KR = '#,##0';
const PERSONS = '#,##0.0';

const W = {
  line: { da: 'Linje', en: 'Line' },
  fullTimeModel: { da: 'Fuldtidspersoner, model', en: 'Full-time persons, model' },
  fullTime: { da: 'Fuldtidspersoner, vedtaget', en: 'Full-time persons, adopted' },
  gross: { da: 'Forsørgelse, brutto', en: 'Income support, gross' },
  refusion: { da: 'Statsrefusion', en: 'State refusion' },
  cofinancing: { da: 'Kommunal medfinansiering', en: 'Municipal co-financing' },
  supportNet: { da: 'Forsørgelse, kommunal netto', en: 'Income support, municipal net' },
  activity: { da: 'Aktivitet', en: 'Activity' },
  activities: { da: 'Aktiviteter i alt', en: 'Activities, total' },
  administration: { da: 'Administration (sagsbehandlere)', en: 'Administration (caseworkers)' },
  caseworkers: { da: 'Sagsbehandlere, antal', en: 'Caseworkers, number' },
  total: { da: 'Kommunal nettoudgift i alt', en: 'Municipal net, total' },
  modelTotal: { da: 'Kommunal nettoudgift i alt, model', en: 'Municipal net, total, model' },
  summary: { da: 'Oversigt', en: 'Summary' },
  without: { da: 'Uden investering, netto', en: 'Without the investment, net' },
  with: { da: 'Med investering, netto', en: 'With the investment, net' },
  caseLine: { da: 'Investering', en: 'Investment' },
  assumptions: { da: 'Forudsætninger', en: 'Assumptions' },
  covered: { da: 'kommunal nettoudgift omfattet', en: 'the municipal net it concerns' },
  grant: { da: 'tilskud (skøn eller udmeldt)', en: 'grant (estimate or announced)' },
  balance: { da: 'tilskud − nettoudgift', en: 'grant − net' },
  balanceLow: { da: 'tilskud − nettoudgift, 80 %-bånd fra', en: 'grant − net, 80 % band from' },
  balanceHigh: { da: 'tilskud − nettoudgift, 80 %-bånd til', en: 'grant − net, 80 % band to' },
} satisfies Record<string, Sentence>;

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
function sheetName(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
}

const column = (i: number) => String.fromCharCode('B'.charCodeAt(0) + i);

/** A sheet's reference in a formula: 'Name'!B7. */
const ref = (sheet: string, cell: string) => `'${sheet.replaceAll("'", "''")}'!${cell}`;

function groupLabel(state: string, language: Language): string {
  return isBenefitCode(state)
    ? language === 'da'
      ? benefitOf(state).nameDa
      : benefitOf(state).nameEn
    : state;
}

/** Header rows (title, price level, notices) and the column header; the row the lines start at. */
function head(ws: ExcelJS.Worksheet, title: string, b: BudgetAnswer, say: (s: Sentence) => string): void {
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([b.priceLevel.note]);
  for (const n of b.notices) ws.addRow([n]).font = { bold: true, color: { argb: 'FF92400E' } };
  const header = ws.addRow([say(W.line), ...b.years.map(String)]);
  header.font = { bold: true };
  ws.getColumn(1).width = 46;
  b.years.forEach((_, i) => (ws.getColumn(i + 2).width = 16));
}

/** A row of numbers, one per year. */
function values(ws: ExcelJS.Worksheet, label: string, figures: readonly (number | null)[], format: string) {
  const row = ws.addRow([label, ...figures.map((v) => (v === null ? null : v))]);
  for (let i = 0; i < figures.length; i++) row.getCell(i + 2).numFmt = format;
  return row;
}

/** A row of formulas, one per year, with the values they compute cached. */
function formulas(
  ws: ExcelJS.Worksheet,
  label: string,
  formulaOf: (col: string) => string,
  results: readonly number[],
  format = KR,
) {
  const row = ws.addRow([label]);
  results.forEach((result, i) => {
    const cell = row.getCell(i + 2);
    cell.value = { formula: formulaOf(column(i)), result };
    cell.numFmt = format;
  });
  return row;
}

/** The workbook's bytes. */
export async function budgetWorkbook(
  b: BudgetAnswer,
  language: Language = 'da',
): Promise<Uint8Array<ArrayBuffer>> {
  const say = sayIn(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jobinvest';
  wb.title = `Budget ${b.municipality} ${b.budgetYear}`;
  const summary = wb.addWorksheet(say(W.summary));
  /** Each group's sheet and the rows of its income-support lines and total. */
  const sheets: {
    name: string;
    rows: Record<'gross' | 'refusion' | 'cofinancing' | 'net' | 'total', number>;
  }[] = [];

  for (const g of b.groups) {
    const name = sheetName(groupLabel(g.benefit, language));
    const ws = wb.addWorksheet(name);
    head(
      ws,
      `${groupLabel(g.benefit, language)} — ${b.municipality}, ${b.budgetYear}-${b.years.at(-1)}`,
      b,
      say,
    );
    const ys = g.years;
    values(
      ws,
      say(W.fullTimeModel),
      ys.map((y) => y.fullTimePersons.model),
      PERSONS,
    );
    values(
      ws,
      say(W.fullTime),
      ys.map((y) => y.fullTimePersons.adopted),
      PERSONS,
    );
    const gross = values(
      ws,
      say(W.gross),
      ys.map((y) => y.incomeSupport.adopted.gross),
      KR,
    ).number;
    const refusion = values(
      ws,
      say(W.refusion),
      ys.map((y) => y.incomeSupport.adopted.refusion),
      KR,
    ).number;
    const cofinancing = values(
      ws,
      say(W.cofinancing),
      ys.map((y) => y.incomeSupport.adopted.cofinancing),
      KR,
    ).number;
    // The municipal net is not a sum of the lines above: gross − refusion for benefits the
    // municipality pays, the co-financing for those others pay, a fixed share for the old schemes.
    const net = values(
      ws,
      say(W.supportNet),
      ys.map((y) => y.incomeSupport.adopted.net),
      KR,
    ).number;
    const types = [...new Set(ys.flatMap((y) => y.activities.map((a) => a.type)))].sort();
    const firstActivity = ws.rowCount + 1;
    for (const type of types)
      values(
        ws,
        `${say(W.activity)}: ${type}`,
        ys.map((y) => y.activities.find((a) => a.type === type)?.kr.adopted ?? null),
        KR,
      );
    const lastActivity = ws.rowCount;
    const activities = formulas(
      ws,
      say(W.activities),
      (c) => (types.length > 0 ? `SUM(${c}${firstActivity}:${c}${lastActivity})` : '0'),
      ys.map((y) => y.activitiesKr.adopted),
    ).number;
    values(
      ws,
      say(W.caseworkers),
      ys.map((y) => y.administration.caseworkers.adopted),
      PERSONS,
    );
    const adminRow = values(
      ws,
      say(W.administration),
      ys.map((y) => y.administration.kr.adopted),
      KR,
    );
    const notEstimated = ys[0]?.administration.notEstimated;
    if (notEstimated) adminRow.getCell(ys.length + 2).value = notEstimated;
    const admin = adminRow.number;
    const total = formulas(
      ws,
      say(W.total),
      (c) => `${c}${net}+${c}${activities}+${c}${admin}`,
      ys.map((y) => y.net.adopted),
    );
    total.font = { bold: true };
    values(
      ws,
      say(W.modelTotal),
      ys.map((y) => y.net.model),
      KR,
    );
    sheets.push({ name, rows: { gross, refusion, cofinancing, net, total: total.number } });
  }

  head(summary, `Budget ${b.municipality}, ${b.budgetYear}-${b.years.at(-1)}`, b, say);
  const groupTotals: number[] = [];
  b.groups.forEach((g, gi) => {
    const s = sheets[gi]!;
    groupTotals.push(
      formulas(
        summary,
        `${groupLabel(g.benefit, language)}: ${say(W.total).toLowerCase()}`,
        (c) => ref(s.name, `${c}${s.rows.total}`),
        g.years.map((y) => y.net.adopted),
      ).number,
    );
  });
  const sumOver = (key: keyof (typeof sheets)[number]['rows']) => (c: string) =>
    sheets.length > 0 ? sheets.map((s) => ref(s.name, `${c}${s.rows[key]}`)).join('+') : '0';
  formulas(
    summary,
    say(W.gross),
    sumOver('gross'),
    b.summary.map((y) => y.incomeSupport.adopted.gross),
  );
  formulas(
    summary,
    say(W.refusion),
    sumOver('refusion'),
    b.summary.map((y) => y.incomeSupport.adopted.refusion),
  );
  formulas(
    summary,
    say(W.cofinancing),
    sumOver('cofinancing'),
    b.summary.map((y) => y.incomeSupport.adopted.cofinancing),
  );
  formulas(
    summary,
    say(W.supportNet),
    sumOver('net'),
    b.summary.map((y) => y.incomeSupport.adopted.net),
  );
  const first = groupTotals[0];
  const last = groupTotals.at(-1);
  const total = formulas(
    summary,
    say(W.total),
    (c) => (first !== undefined ? `SUM(${c}${first}:${c}${last})` : '0'),
    b.summary.map((y) => y.net.adopted),
  );
  total.font = { bold: true };
  for (const line of b.separate) {
    const label = (w: Sentence) => `${line.label}: ${say(w)}`;
    const covered = values(
      summary,
      label(W.covered),
      line.years.map((y) => y.covered.adopted),
      KR,
    );
    const grant = values(
      summary,
      label(W.grant),
      line.years.map((y) => y.grant.adopted),
      KR,
    );
    const balance = formulas(
      summary,
      label(W.balance),
      (c) => `${c}${grant.number}-${c}${covered.number}`,
      line.years.map((y) => y.balance),
    );
    const low = values(
      summary,
      label(W.balanceLow),
      line.years.map((y) => y.balanceBand80?.[0] ?? null),
      KR,
    );
    const high = values(
      summary,
      label(W.balanceHigh),
      line.years.map((y) => y.balanceBand80?.[1] ?? null),
      KR,
    );
    for (const row of [covered, grant, balance, low, high]) row.font = { italic: true };
    summary.addRow([`${line.basis} ${line.uncertainty}`]).font = { italic: true };
  }
  if (b.cases.length > 0 && b.withCases.length > 0) {
    summary.addRow([]);
    const without = formulas(
      summary,
      say(W.without),
      (c) => `${c}${total.number}`,
      b.withCases.map((y) => y.without.net),
    ).number;
    const firstCase = summary.rowCount + 1;
    for (const c of b.cases)
      values(
        summary,
        `${say(W.caseLine)}: ${c.name}`,
        c.years.map((y) => y.net),
        KR,
      );
    const lastCase = summary.rowCount;
    formulas(
      summary,
      say(W.with),
      (c) => `${c}${without}+SUM(${c}${firstCase}:${c}${lastCase})`,
      b.withCases.map((y) => y.with.net),
    ).font = { bold: true };
  }

  const about = wb.addWorksheet(say(W.assumptions));
  about.getColumn(1).width = 120;
  about.addRow([b.priceLevel.note]);
  for (const n of b.notices) about.addRow([n]);
  about.addRow([`Data version ${b.dataVersion}; ${b.ratesVersion}; ${b.engine}, bands: ${b.bands}`]);
  for (const a of b.assumptions) about.addRow([a]);
  about.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
