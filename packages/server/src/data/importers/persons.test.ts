import { fromYyyyww } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, windows1252, type TestStore } from './import-test-helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

async function personOf(cpr: string) {
  const id = (await t.personId(cpr)) ?? -1;
  const [person] = await t.store.query('SELECT birth_year, sex, origin FROM persons WHERE person_id = $1', [
    id,
  ]);
  const municipalities = await t.store.query(
    'SELECT from_week, municipality FROM person_municipalities WHERE person_id = $1 ORDER BY from_week',
    [id],
  );
  return { ...person, municipalities };
}

describe('persons import', () => {
  it('stores attributes and the municipality, from week index 0 when no from_week is given', async () => {
    const file = t.file(
      'persons.csv',
      windows1252(
        `person;birth_year;sex;origin;municipality\n${A};1980;K;Dansk;101\n${B};;M;Øvrige vestlige;\n`,
      ),
    );
    const summary = await t.importFile('persons', file);
    expect(summary).toMatchObject({ outcome: 'imported', rows: 2, firstWeek: null, lastWeek: null });
    expect(await personOf(A)).toEqual({
      birth_year: 1980,
      sex: 'K',
      origin: 'Dansk',
      municipalities: [{ from_week: 0, municipality: 101 }],
    });
    expect(await personOf(B)).toEqual({
      birth_year: null,
      sex: 'M',
      origin: 'Øvrige vestlige',
      municipalities: [],
    });
  });

  it('adds moves by from_week, keeps known values for empty ones and replaces given ones', async () => {
    await t.importFile(
      'persons',
      t.file('p1.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n`),
    );
    await t.importFile(
      'persons',
      t.file(
        'p2.csv',
        `person,birth_year,sex,origin,municipality,from_week\n${A},,,Indvandrer,147,202010\n${A},,,,851,2021-03-01\n`,
      ),
    );
    expect(await personOf(A)).toEqual({
      birth_year: 1980,
      sex: 'K',
      origin: 'Indvandrer',
      municipalities: [
        { from_week: 0, municipality: 101 },
        { from_week: fromYyyyww(202010), municipality: 147 },
        { from_week: fromYyyyww(202109), municipality: 851 },
      ],
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('p.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n`);
    await t.importFile('persons', file);
    const before = await t.snapshot();
    expect((await t.importFile('persons', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it('replaces the municipality of the same person and from_week, without duplicates', async () => {
    await t.importFile(
      'persons',
      t.file('p1.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n`),
    );
    await t.importFile(
      'persons',
      t.file('p2.csv', `person,birth_year,sex,origin,municipality\n${A},1981,K,Dansk,102\n`),
    );
    await t.importFile(
      'persons',
      t.file('p3.csv', `PERSON,birth_year,sex,origin,municipality\n${A},1981,K,Dansk,102\n`),
    );
    expect(await personOf(A)).toEqual({
      birth_year: 1981,
      sex: 'K',
      origin: 'Dansk',
      municipalities: [{ from_week: 0, municipality: 102 }],
    });
    const [count] = await t.store.query('SELECT count(*) AS n FROM persons');
    expect(count).toEqual({ n: 1 });
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile(
        'persons',
        t.file('good.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n`),
      );
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `person,birth_year,sex,origin,municipality\n${A},1980,K,101\n`);
      expect((await t.rejects('persons', file, [A])).message).toBe(
        `${file}, line 2: expected 5 fields separated by "," as in the header, found "4 fields"`,
      );
    });

    it('names a bad birth year, municipality and from_week', async () => {
      const file = t.file(
        'bad.csv',
        `person,birth_year,sex,origin,municipality,from_week\n${A},80,K,Dansk,KBH,202099\n`,
      );
      const error = await t.rejects('persons', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column birth_year: expected a birth year such as 1980, found "80" (and 2 more problems)`,
      );
      expect(error.problems.slice(1)).toEqual([
        { file, line: 2, column: 'municipality', expected: 'a municipality code such as 101', found: 'KBH' },
        {
          file,
          line: 2,
          column: 'from_week',
          expected:
            'an ISO week as YYYYWW (e.g. 202601) or a date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, that exists',
          found: '202099',
        },
      ]);
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file(
        'bad.csv',
        `person,birth_year,sex,origin,municipality\n0101801234567,1980,K,Dansk,101\n`,
      );
      expect((await t.rejects('persons', file, ['0101801234567'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('refuses rows of one person that disagree, naming both lines', async () => {
      const file = t.file(
        'bad.csv',
        `person,birth_year,sex,origin,municipality,from_week\n${A},1980,K,Dansk,101,\n${B},1990,M,,101,\n${A},1980,M,Dansk,147,202010\n`,
      );
      expect((await t.rejects('persons', file, [A, B])).message).toBe(
        `${file}, line 4, column sex: expected the same sex on every row of a person (line 2 gives another), found "M"`,
      );
    });

    it('refuses two municipalities of one person from the same week', async () => {
      const file = t.file(
        'bad.csv',
        `person,birth_year,sex,origin,municipality\n${A},1980,K,Dansk,101\n${A},1980,K,Dansk,147\n`,
      );
      expect((await t.rejects('persons', file, [A])).message).toBe(
        `${file}, line 3, column municipality: expected one municipality per person and from_week (line 2 gives this person's municipality from the same week)`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', 'person,birth_year,sex,origin,municipality\n');
      expect((await t.rejects('persons', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
