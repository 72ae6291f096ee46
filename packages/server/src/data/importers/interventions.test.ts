import { fromYyyyww as w } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, windows1252, type TestStore } from './import-test-helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const interventionsOf = (cpr: string) =>
  t.personRows(
    cpr,
    'SELECT type, start_week, end_week, cost FROM interventions WHERE person_id = $1 ORDER BY start_week, type',
  );

describe('interventions import', () => {
  it('stores interventions with weeks or dates, open ends and Danish costs', async () => {
    const file = t.file(
      'i.csv',
      windows1252(
        `person;type;start_week;end_week;cost\n${A};Virksomhedspraktik;202010;202019;12.500,00\n${A};Løntilskud;2020-06-01;;\n${B};Mentor;01.02.2021;28.02.2021;1234.5\n`,
      ),
    );
    const summary = await t.importFile('interventions', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 3,
      firstWeek: w(202010),
      lastWeek: w(202108),
    });
    expect(await interventionsOf(A)).toEqual([
      { type: 'Virksomhedspraktik', start_week: w(202010), end_week: w(202019), cost: 12500 },
      { type: 'Løntilskud', start_week: w(202023), end_week: null, cost: null },
    ]);
    expect(await interventionsOf(B)).toEqual([
      { type: 'Mentor', start_week: w(202105), end_week: w(202108), cost: 1234.5 },
    ]);
  });

  it('reads a file without the optional end_week and cost columns', async () => {
    await t.importFile('interventions', t.file('i.csv', `person,type,start_week\n${A},Mentor,202001\n`));
    expect(await interventionsOf(A)).toEqual([
      { type: 'Mentor', start_week: w(202001), end_week: null, cost: null },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('i.csv', `person,type,start_week,end_week,cost\n${A},Mentor,202001,202005,1000\n`);
    await t.importFile('interventions', file);
    const before = await t.snapshot();
    expect((await t.importFile('interventions', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it("replaces the persons' interventions starting within the newer file's start weeks", async () => {
    const header = 'person,type,start_week,end_week,cost';
    await t.importFile(
      'interventions',
      t.file(
        'old.csv',
        `${header}\n${A},Mentor,202001,202005,1\n${A},Praktik,202010,202012,2\n${A},Kursus,202030,,3\n${B},Mentor,202010,,4\n`,
      ),
    );
    const newer = `${header}\n${A},Praktik,202008,202012,20\n${A},Kursus,202020,202025,30\n`;
    await t.importFile('interventions', t.file('new.csv', newer));
    await t.importFile('interventions', t.file('again.csv', newer.replace('cost', 'Cost')));
    expect((await interventionsOf(A)).map((i) => [i['type'], i['cost']])).toEqual([
      ['Mentor', 1],
      ['Praktik', 20],
      ['Kursus', 30],
      ['Kursus', 3],
    ]);
    expect((await interventionsOf(B)).map((i) => i['cost'])).toEqual([4]);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    const header = 'person,type,start_week,end_week,cost';
    beforeEach(async () => {
      await t.importFile('interventions', t.file('good.csv', `${header}\n${A},Mentor,202001,202005,1000\n`));
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `${header}\n${A},Mentor,202001,202005,1,000\n`);
      expect((await t.rejects('interventions', file, [A])).message).toBe(
        `${file}, line 2: expected 5 fields separated by "," as in the header, found "6 fields"`,
      );
    });

    it('names a bad week, an end before the start and a negative cost', async () => {
      const file = t.file(
        'bad.csv',
        `${header}\n${A},Mentor,2020-13,,\n${A},Mentor,202005,202004,\n${A},Mentor,202005,,-5\n${A},,202005,,\n`,
      );
      const error = await t.rejects('interventions', file, [A]);
      expect(error.problems.map((p) => [p.line, p.column, p.found])).toEqual([
        [2, 'start_week', '2020-13'],
        [3, 'end_week', '202004'],
        [4, 'cost', '-5'],
        [5, 'type', ''],
      ]);
      expect(error.problems[2]?.expected).toBe('a cost in kroner that is not negative');
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file('bad.csv', `${header}\n010180-12345,Mentor,202001,,\n`);
      expect((await t.rejects('interventions', file, ['010180-12345'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', `${header}\n\n`);
      expect((await t.rejects('interventions', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
