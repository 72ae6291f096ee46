import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_RATES } from '@jobinvest/core';
import { signIn } from '../access/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { openStore } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { numberFormat, workbook } from './xlsx.ts';

const book = {
  title: 'Prognose 101',
  sheets: [
    {
      name: 'Fuldtidspersoner: pr. år',
      columns: [
        { key: 'group', header: 'Ydelse' },
        { key: 'y2026', header: '2026', numeric: true, decimals: 1 },
        { key: 'kr', header: 'Nettoudgift', numeric: true, unit: 'kr.' },
      ],
      rows: [
        { group: 'Kontanthjælp, aktivitetsparat', y2026: 1234.56, kr: 10_953_356.4 },
        { group: 'Sygedagpenge', y2026: null, kr: 0 },
      ],
    },
  ],
  assumptions: ['Satser 2026 uden regulering.'],
  dataVersion: 6,
  ratesVersion: 'shipped-2026-11',
  created: '2026-11-25T18:00:00',
};

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

describe('tables as an Excel workbook', () => {
  it('keeps figures as numbers with Danish display formats, and a sheet of assumptions', async () => {
    const wb = await readBack(await workbook(book));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Fuldtidspersoner pr. år', 'Forudsætninger']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Ydelse', '2026', 'Nettoudgift']);
    expect(ws.getCell('A2').value).toBe('Kontanthjælp, aktivitetsparat');
    expect(ws.getCell('B2').value).toBe(1234.56);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.0');
    expect(ws.getCell('C2').value).toBe(10_953_356.4);
    expect(ws.getCell('C2').numFmt).toBe('#,##0 "kr."');
    expect(ws.getCell('B3').value).toBeNull();
    const about = wb.worksheets[1]!;
    const texts = about.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(texts).toEqual(
      expect.arrayContaining([
        'Prognose 101',
        'Dannet 2026-11-25T18:00:00',
        'Data version 6',
        'Satstabel: medfølgende satser, november 2026',
        'Satser 2026 uden regulering.',
      ]),
    );
  });

  it('puts the notices above every table and at the top of the assumptions', async () => {
    const notice = 'Satser for 2027 er fremskrevet fra 2025 med satsreguleringen, der for 2027 er skønnet.';
    const wb = await readBack(await workbook({ ...book, notices: [notice] }));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(notice);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, 'Ydelse', '2026', 'Nettoudgift']);
    expect(ws.getCell('B3').value).toBe(1234.56);
    expect(ws.getCell('B3').numFmt).toBe('#,##0.0');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(wb.worksheets[1]!.getCell('A2').value).toBe(notice);
  });

  it('writes Excel number formats', () => {
    expect(numberFormat({ key: 'a', header: 'a', numeric: true })).toBe('#,##0');
    expect(numberFormat({ key: 'a', header: 'a', numeric: true, decimals: 2, unit: 'kr.' })).toBe(
      '#,##0.00 "kr."',
    );
  });

  it('answers POST /api/export/xlsx with the workbook, and 400 naming a malformed field', async () => {
    const store = await openStore(':memory:');
    const app = await signIn(
      createApp({ config: normalizeConfig({}, 'test'), rates: SHIPPED_RATES, store }),
      store,
      'economist',
    );
    const res = await app.request('/api/export/xlsx', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(book),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(/Prognose-101\.xlsx/);
    const wb = await readBack(new Uint8Array(await res.arrayBuffer()));
    expect(wb.worksheets[0]!.getCell('C2').value).toBe(10_953_356.4);
    const bad = await app.request('/api/export/xlsx', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...book, sheets: [{ ...book.sheets[0], columns: [] }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/sheets\.0\.columns/);
  });

  it('keeps text that begins like a formula as text', async () => {
    const bytes = await workbook({
      title: 'x',
      created: '2026-12-04T10:00:00',
      assumptions: ['=HYPERLINK("http://evil")'],
      sheets: [
        {
          name: 'a',
          columns: [{ key: 'n', header: 'navn' }],
          rows: [{ n: '=1+1' }, { n: '+45' }, { n: '-2' }, { n: '@SUM(A1)' }, { n: 'almindelig' }],
        },
      ],
    });
    const wb = await readBack(bytes);
    const sheet = wb.worksheets[0]!;
    for (const row of [2, 3, 4, 5]) {
      const cell = sheet.getCell(`A${row}`);
      expect(typeof cell.value, `A${row}`).toBe('string');
      expect(cell.numFmt, `A${row}`).toBe('@');
      expect(cell.formula, `A${row}`).toBeUndefined();
    }
    expect(sheet.getCell('A6').numFmt).not.toBe('@');
    const about = wb.worksheets[1]!;
    const row = [...Array(about.rowCount).keys()]
      .map((i) => about.getCell(`A${i + 1}`))
      .find((c) => String(c.value).startsWith('=HYPER'));
    expect(row?.numFmt).toBe('@');
  });
});
