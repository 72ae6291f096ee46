import ExcelJS from 'exceljs';
import { PEER_EXTRACT_HEADER, weekIndexOf } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStore, windows1252, type TestStore } from './import-test-helpers.ts';

const HEADER =
  'Område;Periode;Ydelsesgrupper;Fuldtidspersoner;Personer;Fuldtidspersoner i pct. af arbejdsstyrken';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const w = weekIndexOf;
const figures = () =>
  t.store.query(
    `SELECT municipality, benefit, period_from, period_to, measure, value, source FROM peer_figures
     ORDER BY municipality, benefit, period_from, period_to, measure`,
  );

describe('jobindsats import', () => {
  it('reads the download: BOM, title lines, decimal commas, thousands dots, "-" and "..", footnotes', async () => {
    const file = t.file(
      'udtraek.csv',
      '\uFEFFFuldtidspersoner på offentlig forsørgelse\nKilde: Jobindsats.dk\n\n' +
        `${HEADER};Køn\n` +
        'Hele landet;2024M09;Sygedagpenge;60.123,5;90.000;2,1;I alt\n' +
        'Egedal Kommune;2024M09;Sygedagpenge;312,5;1.045;1,3;I alt\n' +
        '101 København;2024K3;A-dagpenge mv.;5.432,25;..;-;I alt\n' +
        'Læsø;2024;I alt;21,75;40;3,5;I alt\n' +
        '\nAnm.: Tal under 5 vises ikke\n',
    );
    const summary = await t.importFile('jobindsats', file);
    expect(summary).toMatchObject({ outcome: 'imported', rows: 4, firstWeek: w(2024, 1), lastWeek: w(2024, 52) });
    expect(summary.notes).toEqual([
      '7 figures of 3 municipalities and 3 benefit groups (source jobindsats); read as utf-8',
      '1 rows of the whole country or a region skipped',
      '2 values not shown by jobindsats ("-" or "..") left out',
      'columns read past and not stored: Køn',
      '2 title and 1 footnote lines read past',
    ]);
    // September 2024 is weeks 36-39 (its Thursdays 5-26 September), the third quarter weeks 27-39.
    const row = (municipality: number, benefit: string, from: number, to: number, measure: string, value: number) => ({
      municipality,
      benefit,
      period_from: from,
      period_to: to,
      measure,
      value,
      source: 'jobindsats',
    });
    expect(await figures()).toEqual([
      row(101, 'adagpenge', w(2024, 27), w(2024, 39), 'fullTimePersons', 5432.25),
      row(240, 'sygedagpenge', w(2024, 36), w(2024, 39), 'fullTimePersons', 312.5),
      row(240, 'sygedagpenge', w(2024, 36), w(2024, 39), 'persons', 1045),
      row(240, 'sygedagpenge', w(2024, 36), w(2024, 39), 'shareOfLabourForce', 0.013),
      row(825, 'all', w(2024, 1), w(2024, 52), 'fullTimePersons', 21.75),
      row(825, 'all', w(2024, 1), w(2024, 52), 'persons', 40),
      row(825, 'all', w(2024, 1), w(2024, 52), 'shareOfLabourForce', 0.035),
    ]);
  });

  it('reads a Windows-1252 download and takes the table id from its title as the source', async () => {
    const file = t.file(
      'x.csv',
      windows1252(`Y30R21: Benchmark\nOmråde;Tid;Ydelse;Faktisk antal\nRødovre;2024Q1;Kontanthjælp mv.;1.204,5\n`),
    );
    await t.importFile('jobindsats', file);
    expect(await figures()).toEqual([
      {
        municipality: 175,
        benefit: 'kontanthjaelp',
        period_from: w(2024, 1),
        period_to: w(2024, 13),
        measure: 'fullTimePersons',
        value: 1204.5,
        source: 'Y30R21',
      },
    ]);
  });

  it('reads the first sheet of an XLSX download, numbers as numbers and text as the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Jobindsats');
    sheet.addRow(['Sygedagpenge: fuldtidspersoner']);
    sheet.addRow([]);
    sheet.addRow(['Område', 'Periode', 'Ydelsesgrupper', 'Fuldtidspersoner', 'Andel af arbejdsstyrken (pct.)']);
    sheet.addRow(['Vejen', '2024M01-2024M03', 'Sygedagpenge', 187.25, 1.5]);
    sheet.addRow(['Guldborgsund', '2024M02', 'Førtidspension', '1.502,5', '..']);
    sheet.addRow(['Kilde: jobindsats.dk']);
    const file = t.file('udtraek.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    const summary = await t.importFile('jobindsats', file);
    expect(summary.notes[0]).toBe('3 figures of 2 municipalities and 2 benefit groups (source jobindsats); read as XLSX');
    expect(await figures()).toEqual([
      // February 2024: Thursdays 1-29 February, weeks 5-9.
      expect.objectContaining({ municipality: 376, benefit: 'foertidspension', period_from: w(2024, 5) }),
      expect.objectContaining({
        municipality: 575,
        period_from: w(2024, 1),
        period_to: w(2024, 13),
        measure: 'fullTimePersons',
        value: 187.25,
      }),
      expect.objectContaining({ municipality: 575, measure: 'shareOfLabourForce', value: 0.015 }),
    ]);
    expect((await figures())[0]).toMatchObject({ period_to: w(2024, 9), value: 1502.5 });
  });

  it("reads the API v2's JSON: the variables' labels as the header, the part after the colon as the measure", async () => {
    const long = 'Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse';
    const file = t.file(
      'y30r21.json',
      JSON.stringify([
        {
          Variables: [
            { Name: 'area', Label: 'Area' },
            { Name: 'period', Label: 'Periode' },
            { Name: '_ygrp_y30r21', Label: 'Ydelsesgrupper' },
            { Name: 'v1', Label: `${long}: Forventet antal` },
            { Name: 'v2', Label: `${long}: Faktisk antal` },
            { Name: 'v3', Label: 'Placering på benchmarkranglisten' },
          ],
          Data: [
            ['Egedal', '2024M01-2024M12', 'Ydelsesgrupper i alt', 2345.6, '2.301,2', 12],
            ['Rebild', '2024', 'Sygedagpenge mv.', 400, '..', 3],
          ],
        },
      ]),
    );
    const summary = await t.importFile('jobindsats', file);
    expect(summary.notes).toContain('columns read past and not stored: Placering på benchmarkranglisten');
    expect(await figures()).toEqual([
      expect.objectContaining({ municipality: 240, benefit: 'all', measure: 'expectedFullTimePersons', value: 2345.6 }),
      expect.objectContaining({ municipality: 240, benefit: 'all', measure: 'fullTimePersons', value: 2301.2 }),
      expect.objectContaining({
        municipality: 840,
        benefit: 'sygedagpenge',
        period_from: w(2024, 1),
        period_to: w(2024, 52),
        measure: 'expectedFullTimePersons',
        value: 400,
        source: 'Y30R21',
      }),
    ]);
  });

  it("reads the generator's extract: spell figures, activation rate, labour force and population, empty cells left out", async () => {
    const file = t.file(
      'jobindsats.csv',
      "Syntetisk udtræk i jobindsats' format: fuldtidspersoner på offentlig forsørgelse 2024M09-2024M10 (jobinvest generate, seed 1)\n\n" +
        `${PEER_EXTRACT_HEADER}\n` +
        'Egedal;2024M09;Sygedagpenge;312,50;330;1,300;14,7;70,6;3,1;24.038;30.818\n' +
        'Egedal;2024M10;Revalidering;0,75;1;0,003;;;0,0;24.038;30.818\n' +
        '\nKilde: syntetiske data, ikke jobindsats.dk\n',
    );
    const summary = await t.importFile('jobindsats', file);
    expect(summary.notes.slice(0, 2)).toEqual([
      '14 figures of 1 municipalities and 2 benefit groups (source synthetic); read as utf-8',
      '2 values not shown by jobindsats ("-" or "..") left out',
    ]);
    const stored = await t.store.query<{ benefit: string; measure: string; value: number }>(
      "SELECT benefit, measure, value FROM peer_figures WHERE benefit = 'sygedagpenge' ORDER BY measure",
    );
    expect(Object.fromEntries(stored.map((r) => [r.measure, r.value]))).toEqual({
      activationRate: 0.031,
      averageDurationWeeks: 14.7,
      fullTimePersons: 312.5,
      labourForce: 24038,
      persons: 330,
      population16to66: 30818,
      shareInWorkAfter3Months: 0.706,
      shareOfLabourForce: 0.013,
    });
    const revalidering = await t.store.query<{ measure: string }>(
      "SELECT measure FROM peer_figures WHERE benefit = 'revalidering' ORDER BY measure",
    );
    expect(revalidering.map((r) => r.measure)).toEqual([
      'activationRate',
      'fullTimePersons',
      'labourForce',
      'persons',
      'population16to66',
      'shareOfLabourForce',
    ]);
  });

  it('replaces the figures of the same municipality, group, period and measure, and keeps the rest', async () => {
    await t.importFile(
      'jobindsats',
      t.file('old.csv', `${HEADER}\nEgedal;2024M09;Sygedagpenge;312,5;1.045;1,3\n`),
    );
    await t.importFile(
      'jobindsats',
      t.file('new.csv', 'Område;Periode;Ydelsesgrupper;Fuldtidspersoner\nEgedal;2024M09;Sygedagpenge;300\nEgedal;2024M10;Sygedagpenge;310\n'),
    );
    const stored = await t.store.query<{ period_from: number; measure: string; value: number }>(
      'SELECT period_from, measure, value FROM peer_figures ORDER BY period_from, measure',
    );
    expect(stored).toEqual([
      { period_from: w(2024, 36), measure: 'fullTimePersons', value: 300 },
      { period_from: w(2024, 36), measure: 'persons', value: 1045 },
      { period_from: w(2024, 36), measure: 'shareOfLabourForce', value: 0.013 },
      // October 2024: Thursdays 3-31 October, weeks 40-44.
      { period_from: w(2024, 40), measure: 'fullTimePersons', value: 310 },
    ]);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('jobindsats', t.file('good.csv', `${HEADER}\nEgedal;2024M09;Sygedagpenge;312,5;1.045;1,3\n`));
    });

    it('names the file, line, column, what was expected and what was found for each bad value', async () => {
      const file = t.file(
        'bad.csv',
        `Titel\n${HEADER}\n` +
          'Atlantis;2024M09;Sygedagpenge;1;1;1\n' +
          'Egedal;2024M13;Sygedagpenge;1;1;1\n' +
          'Egedal;2024M09;Sygedagpenge;mange;-1;120\n',
      );
      const error = await t.rejects('jobindsats', file);
      expect(error.message).toBe(
        `${file}, line 3, column Område: expected one of the 98 municipalities by name or code, such as "Egedal", "Egedal Kommune", "101 København" or "101" ("Hele landet" and regions are skipped), found "Atlantis" (and 4 more problems)`,
      );
      expect(error.problems.slice(1).map((p) => [p.line, p.column, p.expected, p.found])).toEqual([
        [
          4,
          'Periode',
          'a period such as 2024M09 (month), 2024K3 or 2024Q3 (quarter), 2024 (year) or 2024M01-2024M12',
          '2024M13',
        ],
        [5, 'Fuldtidspersoner', 'a number such as 1.234,5 (or "-" or ".." for a value not shown)', 'mange'],
        [5, 'Personer', 'a number of 0 or more', '-1'],
        [5, 'Fuldtidspersoner i pct. af arbejdsstyrken', 'a percentage from 0 to 100', '120'],
      ]);
    });

    it('lists the accepted names for a benefit group it does not know, once per name', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\nEgedal;2024M09;Barselsdagpenge;1;1;1\nVejen;2024M09;Barselsdagpenge;1;1;1\n`,
      );
      const error = await t.rejects('jobindsats', file);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ line: 2, column: 'Ydelsesgrupper', found: 'Barselsdagpenge' });
      expect(error.problems[0]?.expected).toMatch(
        /^a benefit group as jobindsats names it: A-dagpenge mv\., Kontanthjælp, .*Førtidspension, Tilbagetrækning, Offentligt forsørgede i alt \(or "I alt"\) \(2 rows have this value\)$/,
      );
    });

    it('requires a header row, and in it a benefit column and a measure column', async () => {
      const noHeader = t.file('bad.csv', 'a;b;c\n1;2;3\n');
      const error = await t.rejects('jobindsats', noHeader);
      expect(error.problems[0]).toMatchObject({ file: noHeader, line: 1, found: 'a;b;c' });
      expect(error.problems[0]?.expected).toMatch(/^a header row with the columns Område, Periode, Ydelsesgrupper and at least one measure: fuldtidspersoner, /);
      const noMeasure = t.file('bad2.csv', 'Titel\nOmråde;Periode;Ydelsesgrupper;Køn\nEgedal;2024M09;Sygedagpenge;I alt\n');
      const second = await t.rejects('jobindsats', noMeasure);
      expect(second.problems[0]).toMatchObject({ line: 2, found: 'Område;Periode;Ydelsesgrupper;Køn' });
      expect(second.problems[0]?.expected).toMatch(/^at least one measure column \(a header row/);
    });

    it('refuses a row with too few fields and two rows of one municipality, group and period', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\nEgedal;2024M09;Sygedagpenge;1;1\nVejen;2024M09;Sygedagpenge;1;1;1\nVejen;2024M09;Sygedagpenge;2;2;2\n`,
      );
      const error = await t.rejects('jobindsats', file);
      expect(error.message).toBe(
        `${file}, line 2: expected 6 fields separated by ";" as in the header, found "5 fields"`,
      );
      const twice = t.file('twice.csv', `${HEADER}\nVejen;2024M09;Sygedagpenge;1;1;1\nVejen;2024M09;Sygedagpenge;2;2;2\n`);
      expect((await t.rejects('jobindsats', twice)).message).toBe(
        `${twice}, line 3, column Periode: expected one row per municipality, benefit group and period (line 2 has the same), found "2024M09"`,
      );
    });

    it('names the Data row of a bad value in JSON, and refuses JSON of another shape', async () => {
      const json = (data: unknown[][]) =>
        JSON.stringify([{ Variables: ['Area', 'Periode', 'Ydelsesgrupper', 'Personer'].map((Label) => ({ Label })), Data: data }]);
      const file = t.file('bad.json', json([['Egedal', '2024M09', 'Sygedagpenge', 4], ['Egedal', '2024X', 'Sygedagpenge', 4]]));
      const error = await t.rejects('jobindsats', file);
      expect(error.problems[0]).toMatchObject({ file, column: 'Periode (Data row 2)', found: '2024X' });
      expect(error.problems[0]?.line).toBeUndefined();
      const other = t.file('other.json', '{"rows": []}');
      expect((await t.rejects('jobindsats', other)).message).toBe(
        `${other}: expected JSON as the jobindsats API v2 answers: an array whose first element holds "Variables" (each with a "Label") and "Data" (an array of rows), found "keys rows"`,
      );
    });
  });
});
