import { fromYyyyww as w } from '@jobinvest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, B, testStore, type TestStore } from './import-test-helpers.ts';

let t: TestStore;
beforeEach(async () => {
  t = await testStore();
});
afterEach(() => t.close());

const runsOf = (cpr: string) =>
  t.personRows(
    cpr,
    'SELECT code, benefit, first_week, last_week FROM runs WHERE person_id = $1 ORDER BY first_week',
  );

describe('person-weeks import', () => {
  it('folds consecutive weeks of one benefit into runs, split by "none", a missing week and a new benefit', async () => {
    const file = t.file(
      'pw.csv',
      [
        'person,week,benefit',
        `${A},202001,adagpenge`,
        `${A},202002,adagpenge`,
        `${A},202003,none`,
        `${A},202004,adagpenge`,
        `${A},202005,sygedagpenge`,
        `${A},202007,sygedagpenge`,
        `${B},202003,`,
        `${B},202101,kontanthjaelp_jobparat`,
        `${B},202052,kontanthjaelp_jobparat`,
        `${B},202053,KONTANTHJAELP_JOBPARAT`,
      ].join('\n') + '\n',
    );
    const summary = await t.importFile('person-weeks', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 10,
      firstWeek: w(202001),
      lastWeek: w(202101),
    });
    expect(summary.notes[0]).toBe(
      '10 person-weeks of 2 persons, weeks 202001-202101, 5 runs of equal benefit; read as utf-8',
    );
    expect(await runsOf(A)).toEqual([
      { code: null, benefit: 'adagpenge', first_week: w(202001), last_week: w(202002) },
      { code: null, benefit: 'adagpenge', first_week: w(202004), last_week: w(202004) },
      { code: null, benefit: 'sygedagpenge', first_week: w(202005), last_week: w(202005) },
      { code: null, benefit: 'sygedagpenge', first_week: w(202007), last_week: w(202007) },
    ]);
    // 2020 has 53 ISO weeks: 202052, 202053 and 202101 are consecutive.
    expect(await runsOf(B)).toEqual([
      { code: null, benefit: 'kontanthjaelp_jobparat', first_week: w(202052), last_week: w(202101) },
    ]);
    for (const cpr of [A, B])
      expect(await t.windowsOf(cpr)).toEqual([{ first_week: w(202001), last_week: w(202101) }]);
    const [persons] = await t.store.query('SELECT count(*) AS n FROM persons');
    expect(persons).toEqual({ n: 2 });
  });

  it('reads semicolons, CRLF, a byte-order mark, quoted fields and columns in any order and case', async () => {
    const file = t.file(
      'pw.csv',
      `\uFEFFWeek;Benefit;PERSON;note\r\n"202001";adagpenge;"${A}";"a; b"\r\n202002;"adagpenge";${A};"two\r\nlines"\r\n`,
    );
    const summary = await t.importFile('person-weeks', file);
    expect(summary.rows).toBe(2);
    expect(summary.notes).toContain('columns read past and not stored: note');
    expect(await runsOf(A)).toEqual([
      { code: null, benefit: 'adagpenge', first_week: w(202001), last_week: w(202002) },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('pw.csv', `person,week,benefit\n${A},202001,adagpenge\n${B},202002,su\n`);
    const first = await t.importFile('person-weeks', file);
    const before = await t.snapshot();
    const again = await t.importFile('person-weeks', file);
    expect(again.outcome).toBe('unchanged');
    expect(again.importId).toBe(first.importId);
    expect(await t.snapshot()).toEqual(before);
  });

  it('replaces what an earlier extract said about the same persons and weeks, and keeps the rest', async () => {
    const weeks = (from: number, to: number, benefit: string, cpr = A) =>
      Array.from({ length: to - from + 1 }, (_, k) => `${cpr},${from + k},${benefit}`);
    await t.importFile(
      'person-weeks',
      t.file(
        'old.csv',
        [
          'person,week,benefit',
          ...weeks(202001, 202010, 'adagpenge'),
          ...weeks(202001, 202010, 'su', B),
        ].join('\n'),
      ),
    );
    const newer = t.file(
      'new.csv',
      [
        'person,week,benefit',
        ...weeks(202005, 202006, 'sygedagpenge'),
        ...weeks(202007, 202008, 'none'),
      ].join('\n'),
    );
    await t.importFile('person-weeks', newer);
    expect(await runsOf(A)).toEqual([
      { code: null, benefit: 'adagpenge', first_week: w(202001), last_week: w(202004) },
      { code: null, benefit: 'sygedagpenge', first_week: w(202005), last_week: w(202006) },
      { code: null, benefit: 'adagpenge', first_week: w(202009), last_week: w(202010) },
    ]);
    expect(await t.windowsOf(A)).toEqual([
      { first_week: w(202001), last_week: w(202004) },
      { first_week: w(202005), last_week: w(202008) },
      { first_week: w(202009), last_week: w(202010) },
    ]);
    // B is not in the newer file: untouched.
    expect(await runsOf(B)).toEqual([
      { code: null, benefit: 'su', first_week: w(202001), last_week: w(202010) },
    ]);
    // The same weeks again, in a file that differs only in an extra column: no duplicates.
    const content = async () => [
      await t.store.query('SELECT person_id, code, benefit, first_week, last_week FROM runs ORDER BY ALL'),
      await t.store.query('SELECT person_id, first_week, last_week FROM observation_windows ORDER BY ALL'),
    ];
    const before = await content();
    const same = t.file(
      'same.csv',
      [
        'person,week,benefit,extra',
        ...weeks(202005, 202006, 'sygedagpenge'),
        ...weeks(202007, 202008, 'none'),
      ]
        .map((r, k) => (k === 0 ? r : `${r},x`))
        .join('\n'),
    );
    expect((await t.importFile('person-weeks', same)).outcome).toBe('imported');
    expect(await content()).toEqual(before);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('person-weeks', t.file('good.csv', `person,week,benefit\n${A},202001,adagpenge\n`));
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `person,week,benefit\n${A},202002\n`);
      expect((await t.rejects('person-weeks', file, [A])).message).toBe(
        `${file}, line 2: expected 3 fields separated by "," as in the header, found "2 fields"`,
      );
    });

    it('names a week that does not exist', async () => {
      const file = t.file('bad.csv', `person,week,benefit\n${A},202001,su\n${A},202153,su\n`);
      expect((await t.rejects('person-weeks', file, [A])).message).toBe(
        `${file}, line 3, column week: expected an ISO week as YYYYWW that exists (e.g. 202601), found "202153"`,
      );
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file('bad.csv', `person,week,benefit\n3102801234,202001,su\n`);
      expect((await t.rejects('person-weeks', file, ['3102801234'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('does not show a CPR number found in another column', async () => {
      const file = t.file('bad.csv', `week,person,benefit\n${A},202001,su\n`);
      const error = await t.rejects('person-weeks', file, [A]);
      expect(error.message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown) (and 1 more problem)`,
      );
      expect(error.problems[1]).toEqual({
        file,
        line: 2,
        column: 'week',
        expected: 'an ISO week as YYYYWW that exists (e.g. 202601) (the value is not shown)',
      });
    });

    it('counts an unknown benefit code once, at its first line', async () => {
      const file = t.file(
        'bad.csv',
        `person,week,benefit\n${A},202001,kontanthjælp\n${A},202002,kontanthjælp\n${A},202003,job\n`,
      );
      expect((await t.rejects('person-weeks', file, [A])).message).toBe(
        `${file}, line 2, column benefit: expected a benefit code of the catalogue (see jobinvest benefits), or "none" or empty for no benefit (2 rows have this value), found "kontanthjælp"`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', 'person,week,benefit\n');
      expect((await t.rejects('person-weeks', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });

    it('names a missing column', async () => {
      const file = t.file('bad.csv', `person,uge,benefit\n${A},202001,su\n`);
      expect((await t.rejects('person-weeks', file)).message).toBe(
        `${file}, line 1, column week: expected a column named "week" (columns needed: person, week, benefit), found "person,uge,benefit"`,
      );
    });

    it('refuses two rows for the same person and week, naming both lines', async () => {
      const file = t.file(
        'bad.csv',
        `person,week,benefit\n${A},202001,su\n${B},202001,su\n${A.slice(0, 6)}-${A.slice(6)},202001,none\n`,
      );
      expect((await t.rejects('person-weeks', file, [A, B])).message).toBe(
        `${file}, line 4, column week: expected one row per person and week (this person and week 202001 are on line 2 too)`,
      );
    });

    it('names the line of a quote that is never closed', async () => {
      const file = t.file('bad.csv', `person,week,benefit\n${A},"202001,su\n${A},202002,su\n`);
      expect((await t.rejects('person-weeks', file, [A])).message).toBe(
        `${file}, line 2: expected a closing quote (") for the quoted field opened on this line`,
      );
    });
  });
});
