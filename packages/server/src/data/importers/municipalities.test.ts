import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStore, windows1252, type TestStore } from './import-test-helpers.ts';

const HEADER = 'code,name,year,population_16_66,labour_force_16_66';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const contents = async () => ({
  municipalities: await t.store.query('SELECT code, name FROM municipalities ORDER BY code'),
  years: await t.store.query(
    'SELECT code, year, population_16_66, labour_force_16_66 FROM municipality_years ORDER BY code, year',
  ),
});

describe('municipalities import', () => {
  it('stores names and yearly counts, reading Danish thousands dots and Windows-1252', async () => {
    const file = t.file(
      'm.csv',
      windows1252(
        `${HEADER.replaceAll(',', ';')}\n101;København;2023;"450.123";300.000\n101;København;2024;455.000;305.500\n492;Ærø;2024;3.301;\n`,
      ),
    );
    const summary = await t.importFile('municipalities', file);
    expect(summary).toMatchObject({ outcome: 'imported', rows: 3, firstWeek: null, lastWeek: null });
    expect(summary.notes[0]).toBe('2 municipalities, years 2023-2024; read as windows-1252');
    expect(await contents()).toEqual({
      municipalities: [
        { code: 101, name: 'København' },
        { code: 492, name: 'Ærø' },
      ],
      years: [
        { code: 101, year: 2023, population_16_66: 450123, labour_force_16_66: 300000 },
        { code: 101, year: 2024, population_16_66: 455000, labour_force_16_66: 305500 },
        { code: 492, year: 2024, population_16_66: 3301, labour_force_16_66: null },
      ],
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('m.csv', `${HEADER}\n101,København,2024,455000,305500\n`);
    await t.importFile('municipalities', file);
    const before = await t.snapshot();
    expect((await t.importFile('municipalities', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it('replaces the same code and year and the name, and keeps other years', async () => {
    await t.importFile(
      'municipalities',
      t.file('old.csv', `${HEADER}\n101,København,2023,450000,300000\n101,København,2024,1,1\n`),
    );
    await t.importFile(
      'municipalities',
      t.file('new.csv', `${HEADER}\n101,Københavns Kommune,2024,455000,305500\n`),
    );
    await t.importFile(
      'municipalities',
      t.file('again.csv', `${HEADER}\r\n101,Københavns Kommune,2024,455000,305500\r\n`),
    );
    expect(await contents()).toEqual({
      municipalities: [{ code: 101, name: 'Københavns Kommune' }],
      years: [
        { code: 101, year: 2023, population_16_66: 450000, labour_force_16_66: 300000 },
        { code: 101, year: 2024, population_16_66: 455000, labour_force_16_66: 305500 },
      ],
    });
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile(
        'municipalities',
        t.file('good.csv', `${HEADER}\n101,København,2024,455000,305500\n`),
      );
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `${HEADER}\n101,København,2024,455000\n`);
      expect((await t.rejects('municipalities', file)).message).toBe(
        `${file}, line 2: expected 5 fields separated by "," as in the header, found "4 fields"`,
      );
    });

    it('names a bad code, year and count', async () => {
      const file = t.file('bad.csv', `${HEADER}\nKBH,København,24,"455.000,5",1\n`);
      const error = await t.rejects('municipalities', file);
      expect(error.problems.map((p) => [p.column, p.expected, p.found])).toEqual([
        ['code', 'a municipality code such as 101', 'KBH'],
        ['year', 'a year such as 2024', '24'],
        ['population_16_66', 'a whole number of persons such as 42.317 or 42317', '455.000,5'],
      ]);
    });

    it('refuses two rows of one code and year, and two names of one code', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\n101,København,2024,1,1\n101,København,2024,2,2\n101,Kbh,2023,1,1\n`,
      );
      const error = await t.rejects('municipalities', file);
      expect(error.message).toBe(
        `${file}, line 3, column year: expected one row per municipality and year (line 2 has the same code and year), found "2024" (and 1 more problem)`,
      );
      expect(error.problems[1]).toEqual({
        file,
        line: 4,
        column: 'name',
        expected: 'the same name on every row of a municipality code (line 2 gives another)',
        found: 'Kbh',
      });
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', `${HEADER}\n`);
      expect((await t.rejects('municipalities', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
