import { fromYyyyww as w } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, windows1252, type TestStore } from './import-test-helpers.ts';
import { parseRate } from './ydelsesrefusion.ts';

const HEADER =
  'Uge;CPR nummer;Ydelse;Finansiering Kommunenavn;Indberetning udbetalingsbeløb;Beregnet udbetalingsbeløb;' +
  'Refusionssats;Refusionsbeløb;Medfinansieringssats;Medfinansieringsbeløb';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const linesOf = (cpr: string) =>
  t.personRows(
    cpr,
    `SELECT week, strftime(week_date, '%Y-%m-%d') AS week_date, benefit_text, municipality_name, reported_amount,
            calculated_amount, refusion_rate, refusion_amount, cofinancing_rate, cofinancing_amount
     FROM refusion_lines WHERE person_id = $1 ORDER BY week, benefit_text, refusion_amount`,
  );

describe('Ydelsesrefusion import', () => {
  it('reads a Windows-1252 file with Danish letters, decimal commas, thousands dots and rates in every form', async () => {
    const file = t.file(
      'refusion.csv',
      windows1252(
        [
          HEADER,
          `06-01-2020;${A};Kontanthjælp;Høje-Taastrup;3.456,78;3.456,78;80;2.765,42;;`,
          `06-01-2020;${B};A-dagpenge;Ærø;4.500,00;4.400,00;;;80,00;3.520,00`,
          `2020-01-13;${A};Kontanthjælp;Høje-Taastrup;3.456,78;3.456,78;0,8;2.765,42;;`,
          `13.01.2020;${B};Ressourceforløbsydelse;Ærø;1.234.567,5;-12,5;80 %;-10;20 %;0`,
        ].join('\r\n') + '\r\n',
      ),
    );
    const summary = await t.importFile('ydelsesrefusion', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 4,
      firstWeek: w(202002),
      lastWeek: w(202003),
    });
    expect(summary.notes[0]).toBe(
      '4 lines of 2 persons, weeks 202002-202003; Refusionsbeløb 5.520,84 kr., Medfinansieringsbeløb 3.520,00 kr. in total; read as windows-1252',
    );
    const line = (week: string, week_date: string, benefit_text: string, municipality_name: string) => ({
      week: w(week),
      week_date,
      benefit_text,
      municipality_name,
    });
    expect(await linesOf(A)).toEqual([
      {
        ...line('202002', '2020-01-06', 'Kontanthjælp', 'Høje-Taastrup'),
        reported_amount: 3456.78,
        calculated_amount: 3456.78,
        refusion_rate: 0.8,
        refusion_amount: 2765.42,
        cofinancing_rate: null,
        cofinancing_amount: null,
      },
      {
        ...line('202003', '2020-01-13', 'Kontanthjælp', 'Høje-Taastrup'),
        reported_amount: 3456.78,
        calculated_amount: 3456.78,
        refusion_rate: 0.8,
        refusion_amount: 2765.42,
        cofinancing_rate: null,
        cofinancing_amount: null,
      },
    ]);
    expect(await linesOf(B)).toEqual([
      {
        ...line('202002', '2020-01-06', 'A-dagpenge', 'Ærø'),
        reported_amount: 4500,
        calculated_amount: 4400,
        refusion_rate: null,
        refusion_amount: null,
        cofinancing_rate: 0.8,
        cofinancing_amount: 3520,
      },
      {
        ...line('202003', '2020-01-13', 'Ressourceforløbsydelse', 'Ærø'),
        reported_amount: 1234567.5,
        calculated_amount: -12.5,
        refusion_rate: 0.8,
        refusion_amount: -10,
        cofinancing_rate: 0.2,
        cofinancing_amount: 0,
      },
    ]);
  });

  it('reads rates as percentages or fractions by the documented rule', () => {
    expect(['80', '80,00', '0,8', '0.8', '80 %', '80,00%'].map(parseRate)).toEqual([
      0.8, 0.8, 0.8, 0.8, 0.8, 0.8,
    ]);
    expect(['1', '100', '0', '0 %', '', '20'].map(parseRate)).toEqual([1, 1, 0, 0, null, 0.2]);
    for (const bad of ['120', '-20', '80 pct', '1,2,3', '%'])
      expect(() => parseRate(bad)).toThrow(/a rate from 0/);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('r.csv', `${HEADER}\n06-01-2020;${A};Kontanthjælp;København;100;100;80;80;;\n`);
    await t.importFile('ydelsesrefusion', file);
    const before = await t.snapshot();
    expect((await t.importFile('ydelsesrefusion', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it("replaces the lines of the newer file's persons in its weeks, and keeps the rest", async () => {
    await t.importFile(
      'ydelsesrefusion',
      t.file(
        'old.csv',
        [
          HEADER,
          `06-01-2020;${A};Kontanthjælp;København;100;100;80;80;;`,
          `06-01-2020;${A};Kontanthjælp;København;50;50;80;40;;`,
          `13-01-2020;${A};Kontanthjælp;København;100;100;80;80;;`,
          `20-01-2020;${A};Kontanthjælp;København;100;100;80;80;;`,
          `13-01-2020;${B};Sygedagpenge;København;200;200;80;160;;`,
        ].join('\n'),
      ),
    );
    // A corrected extract of weeks 202002-202003 for A only.
    const newer = [
      HEADER,
      `06-01-2020;${A};Kontanthjælp;København;120;120;80;96;;`,
      `13-01-2020;${A};Kontanthjælp;København;0;0;80;0;;`,
    ];
    await t.importFile('ydelsesrefusion', t.file('new.csv', newer.join('\n')));
    const amounts = async (cpr: string) => (await linesOf(cpr)).map((l) => [l['week'], l['refusion_amount']]);
    expect(await amounts(A)).toEqual([
      [w(202002), 96],
      [w(202003), 0],
      [w(202004), 80],
    ]);
    expect(await amounts(B)).toEqual([[w(202003), 160]]);
    await t.importFile('ydelsesrefusion', t.file('again.csv', newer.join('\r\n')));
    expect(await amounts(A)).toHaveLength(3);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile(
        'ydelsesrefusion',
        t.file('good.csv', `${HEADER}\n06-01-2020;${A};Kontanthjælp;København;100;100;80;80;;\n`),
      );
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `${HEADER}\n06-01-2020;${A};Kontanthjælp;København;100;100;80;80;\n`);
      expect((await t.rejects('ydelsesrefusion', file, [A])).message).toBe(
        `${file}, line 2: expected 10 fields separated by ";" as in the header, found "9 fields"`,
      );
    });

    it('refuses a date that does not exist and a date that is not a Monday', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\n30-02-2020;${A};Kontanthjælp;København;100;100;80;80;;\n07-01-2020;${A};Kontanthjælp;København;100;100;80;80;;\n`,
      );
      const error = await t.rejects('ydelsesrefusion', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column Uge: expected the Monday of the week as DD-MM-YYYY or YYYY-MM-DD, found "30-02-2020" (and 1 more problem)`,
      );
      expect(error.problems[1]).toMatchObject({ line: 3, column: 'Uge', found: '07-01-2020' });
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\n06-01-2020;123456789;Kontanthjælp;København;100;100;80;80;;\n`,
      );
      expect((await t.rejects('ydelsesrefusion', file, ['123456789'])).message).toBe(
        `${file}, line 2, column CPR nummer: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('names an amount and a rate it cannot read', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\n06-01-2020;${A};Kontanthjælp;København;1.234,5x;100;120;80;;\n`,
      );
      const error = await t.rejects('ydelsesrefusion', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column Indberetning udbetalingsbeløb: expected an amount such as 1.234,50 or 1234.50, found "1.234,5x" (and 1 more problem)`,
      );
      expect(error.problems[1]).toEqual({
        file,
        line: 2,
        column: 'Refusionssats',
        expected: 'a rate from 0 to 100 %, such as 80, 80,00, 80 % or 0,8',
        found: '120',
      });
    });

    it('names a missing column', async () => {
      const file = t.file('bad.csv', `${HEADER.replace(';Refusionssats', '')}\n`);
      expect((await t.rejects('ydelsesrefusion', file)).message).toMatch(
        new RegExp(
          `^${file}, line 1, column Refusionssats: expected a column named "Refusionssats" \\(columns needed: Uge, CPR nummer, `,
        ),
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', windows1252(`${HEADER}\r\n`));
      expect((await t.rejects('ydelsesrefusion', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
