import { fromYyyyww as w } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, type TestStore } from './import-test-helpers.ts';

const HEADER = 'person,caseworker,department,from_week,to_week';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const assignmentsOf = (cpr: string) =>
  t.personRows(
    cpr,
    `SELECT caseworker, department, from_week, to_week FROM caseworker_assignments
     WHERE person_id = $1 ORDER BY from_week, caseworker`,
  );

describe('caseworkers import', () => {
  it('stores assignments, overlapping ones too, with open ends and without a department', async () => {
    const file = t.file(
      'c.csv',
      `${HEADER}\n${A},ABC,Jobcenter Syd,202001,202026\n${A},XYZ,,2020-03-02,\n${B},ABC,Jobcenter Syd,202101,202101\n`,
    );
    const summary = await t.importFile('caseworkers', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 3,
      firstWeek: w(202001),
      lastWeek: w(202101),
    });
    expect(await assignmentsOf(A)).toEqual([
      { caseworker: 'ABC', department: 'Jobcenter Syd', from_week: w(202001), to_week: w(202026) },
      { caseworker: 'XYZ', department: null, from_week: w(202010), to_week: null },
    ]);
    expect(await assignmentsOf(B)).toEqual([
      { caseworker: 'ABC', department: 'Jobcenter Syd', from_week: w(202101), to_week: w(202101) },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('c.csv', `${HEADER}\n${A},ABC,Syd,202001,\n`);
    await t.importFile('caseworkers', file);
    const before = await t.snapshot();
    expect((await t.importFile('caseworkers', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it("replaces the persons' assignments beginning within the newer file's from_weeks", async () => {
    await t.importFile(
      'caseworkers',
      t.file(
        'old.csv',
        `${HEADER}\n${A},ABC,Syd,202001,202009\n${A},DEF,Syd,202010,\n${B},ABC,Syd,202010,\n`,
      ),
    );
    const newer = `${HEADER}\n${A},GHI,Nord,202010,\n`;
    await t.importFile('caseworkers', t.file('new.csv', newer));
    await t.importFile('caseworkers', t.file('again.csv', newer + '\n'));
    expect((await assignmentsOf(A)).map((a) => a['caseworker'])).toEqual(['ABC', 'GHI']);
    expect((await assignmentsOf(B)).map((a) => a['caseworker'])).toEqual(['ABC']);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('caseworkers', t.file('good.csv', `${HEADER}\n${A},ABC,Syd,202001,\n`));
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `${HEADER}\n${A},ABC,202001,\n`);
      expect((await t.rejects('caseworkers', file, [A])).message).toBe(
        `${file}, line 2: expected 5 fields separated by "," as in the header, found "4 fields"`,
      );
    });

    it('names a bad week and a to_week before the from_week', async () => {
      const file = t.file('bad.csv', `${HEADER}\n${A},ABC,Syd,20201,\n${A},ABC,Syd,202010,01-01-2020\n`);
      const error = await t.rejects('caseworkers', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column from_week: expected an ISO week as YYYYWW (e.g. 202601) or a date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, that exists, found "20201" (and 1 more problem)`,
      );
      expect(error.problems[1]).toMatchObject({
        line: 3,
        column: 'to_week',
        expected: 'a to_week not before the from_week (week 202010)',
        found: '01-01-2020',
      });
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file('bad.csv', `${HEADER}\n0000001234,ABC,Syd,202001,\n`);
      expect((await t.rejects('caseworkers', file, ['0000001234'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', `${HEADER}`);
      expect((await t.rejects('caseworkers', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
