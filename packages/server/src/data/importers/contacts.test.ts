import { fromYyyyww as w } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, type TestStore } from './import-test-helpers.ts';

const HEADER = 'person,date,kind,caseworker';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const contactsOf = (cpr: string) =>
  t.personRows(
    cpr,
    `SELECT strftime(date, '%Y-%m-%d') AS date, week, kind, caseworker FROM contacts
     WHERE person_id = $1 ORDER BY date, kind`,
  );

describe('contacts import', () => {
  it('stores contacts with the ISO week of their date and the kind in lower case', async () => {
    const file = t.file(
      'c.csv',
      `${HEADER}\n${A},2020-12-31,Samtale,ABC\n${A},03.01.2021,udeblivelse,\n${B},4-1-2021,SAMTALE,XYZ\n`,
    );
    const summary = await t.importFile('contacts', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 3,
      firstWeek: w(202053),
      lastWeek: w(202101),
    });
    expect(summary.notes[0]).toBe(
      '3 contacts (1 udeblivelser) of 2 persons, 2020-12-31 to 2021-01-04 (weeks 202053-202101); read as utf-8',
    );
    expect(await contactsOf(A)).toEqual([
      { date: '2020-12-31', week: w(202053), kind: 'samtale', caseworker: 'ABC' },
      { date: '2021-01-03', week: w(202053), kind: 'udeblivelse', caseworker: null },
    ]);
    expect(await contactsOf(B)).toEqual([
      { date: '2021-01-04', week: w(202101), kind: 'samtale', caseworker: 'XYZ' },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('c.csv', `${HEADER}\n${A},2021-01-04,samtale,ABC\n`);
    await t.importFile('contacts', file);
    const before = await t.snapshot();
    expect((await t.importFile('contacts', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it("replaces the persons' contacts within the newer file's dates", async () => {
    await t.importFile(
      'contacts',
      t.file(
        'old.csv',
        `${HEADER}\n${A},2021-01-04,samtale,ABC\n${A},2021-01-11,samtale,ABC\n${A},2021-02-01,samtale,ABC\n${B},2021-01-11,samtale,ABC\n`,
      ),
    );
    const newer = `${HEADER}\n${A},2021-01-05,udeblivelse,ABC\n${A},2021-01-12,samtale,ABC\n`;
    await t.importFile('contacts', t.file('new.csv', newer));
    await t.importFile('contacts', t.file('again.csv', newer.replaceAll('\n', '\r\n')));
    expect((await contactsOf(A)).map((c) => [c['date'], c['kind']])).toEqual([
      ['2021-01-04', 'samtale'],
      ['2021-01-05', 'udeblivelse'],
      ['2021-01-12', 'samtale'],
      ['2021-02-01', 'samtale'],
    ]);
    expect(await contactsOf(B)).toHaveLength(1);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('contacts', t.file('good.csv', `${HEADER}\n${A},2021-01-04,samtale,ABC\n`));
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `${HEADER}\n${A},2021-01-04,samtale\n`);
      expect((await t.rejects('contacts', file, [A])).message).toBe(
        `${file}, line 2: expected 4 fields separated by "," as in the header, found "3 fields"`,
      );
    });

    it('names a date that does not exist and a week given for a date', async () => {
      const file = t.file('bad.csv', `${HEADER}\n${A},2021-02-29,samtale,\n${A},202101,samtale,\n`);
      const error = await t.rejects('contacts', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column date: expected a date that exists as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, found "2021-02-29" (and 1 more problem)`,
      );
      expect(error.problems[1]).toMatchObject({ line: 3, column: 'date', found: '202101' });
    });

    it('refuses an unknown kind', async () => {
      const file = t.file('bad.csv', `${HEADER}\n${A},2021-01-04,telefon,\n`);
      expect((await t.rejects('contacts', file, [A])).message).toBe(
        `${file}, line 2, column kind: expected samtale or udeblivelse, found "telefon"`,
      );
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file('bad.csv', `${HEADER}\n"0101801234x",2021-01-04,samtale,\n`);
      expect((await t.rejects('contacts', file, ['0101801234'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', `${HEADER}\n`);
      expect((await t.rejects('contacts', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
