import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from './import-test-helpers.ts';

const HEADER = 'kommune;år;variabel;værdi';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const stored = () =>
  t.store.query('SELECT municipality, year, variable, value FROM framework_conditions ORDER BY municipality, year, variable');

describe('framework conditions import', () => {
  it('reads municipalities by code or name, Danish decimals, and skips the whole country', async () => {
    const file = t.file(
      'f.csv',
      `${HEADER}\n240;2024;unemployment;0,031\nEgedal Kommune;2024;localJobs;0,62\n` +
        `Hele landet;2024;unemployment;0,029\n825;2023;AGEOVER50;0,48\n`,
    );
    const summary = await t.importFile('framework', file);
    expect(summary.notes).toEqual([
      '2 municipalities, years 2023-2024; read as utf-8',
      '1 rows of the whole country or a region skipped',
    ]);
    expect(await stored()).toEqual([
      { municipality: 240, year: 2024, variable: 'localJobs', value: 0.62 },
      { municipality: 240, year: 2024, variable: 'unemployment', value: 0.031 },
      { municipality: 825, year: 2023, variable: 'ageOver50', value: 0.48 },
    ]);
  });

  it('replaces the same municipality, year and variable and keeps the rest', async () => {
    await t.importFile('framework', t.file('a.csv', `${HEADER}\n240;2024;unemployment;0,031\n240;2023;unemployment;0,035\n`));
    await t.importFile('framework', t.file('b.csv', `${HEADER}\n240;2024;unemployment;0,028\n`));
    expect(await stored()).toEqual([
      { municipality: 240, year: 2023, variable: 'unemployment', value: 0.035 },
      { municipality: 240, year: 2024, variable: 'unemployment', value: 0.028 },
    ]);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('framework', t.file('good.csv', `${HEADER}\n240;2024;unemployment;0,031\n`));
    });

    it('names each bad municipality, year, variable and value, and a percentage given for a fraction', async () => {
      const file = t.file(
        'bad.csv',
        `${HEADER}\nAtlantis;2024;unemployment;0,1\n240;24;unemployment;0,1\n240;2024;ledighed;0,1\n240;2024;lowEducation;12,3\n240;2024;localJobs;-1\n`,
      );
      const error = await t.rejects('framework', file);
      expect(error.problems.map((p) => [p.line, p.column, p.expected, p.found])).toEqual([
        [
          2,
          'kommune',
          'one of the 98 municipalities by name or code, such as "Egedal", "Egedal Kommune", "101 København" or "101" ("Hele landet" and regions are skipped)',
          'Atlantis',
        ],
        [3, 'år', 'a year such as 2024', '24'],
        [4, 'variabel', 'one of ageOver50, lowEducation, nonWesternOrigin, publicSupport, localJobs, unemployment', 'ledighed'],
        [5, 'værdi', 'a fraction from 0 to 1 such as 0,123 (not percent: 12,3 % is 0,123)', '12,3'],
        [6, 'værdi', 'a ratio of 0 or more, such as 0,85', '-1'],
      ]);
    });

    it('refuses two rows of one municipality, year and variable', async () => {
      const file = t.file('bad.csv', `${HEADER}\n240;2024;unemployment;0,03\nEgedal;2024;unemployment;0,04\n`);
      expect((await t.rejects('framework', file)).message).toBe(
        `${file}, line 3, column variabel: expected one row per municipality, year and variable (line 2 has the same), found "unemployment"`,
      );
    });
  });
});
