import { fromYyyyww as w, weekIndexOfDate } from '@jobinvest/core';
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
    'SELECT benefit, first_week, last_week FROM runs WHERE person_id = $1 ORDER BY first_week',
  );

describe('spells import', () => {
  it('stores spells as runs, reading weeks and dates, merging adjacent spells of one benefit', async () => {
    const file = t.file(
      'spells.csv',
      [
        'person,benefit,start,end',
        `${A},adagpenge,202001,202004`,
        // Monday 27 January 2020 starts week 202005, right after the first spell; Friday 7 February is in 202006.
        `${A},adagpenge,27-01-2020,07.02.2020`,
        `${A},sygedagpenge,2020-03-02,`,
        `${B},kontanthjaelp_aktivitetsparat,202010,202012`,
      ].join('\n'),
    );
    const summary = await t.importFile('spells', file);
    expect(summary).toMatchObject({
      outcome: 'imported',
      rows: 4,
      firstWeek: w(202001),
      lastWeek: w(202012),
    });
    expect(summary.notes[0]).toBe(
      '4 spells of 2 persons, weeks 202001-202012; 1 spells without an end run to 202012; read as utf-8',
    );
    expect(weekIndexOfDate('2020-01-27')).toBe(w(202005));
    expect(weekIndexOfDate('2020-02-07')).toBe(w(202006));
    expect(await runsOf(A)).toEqual([
      { benefit: 'adagpenge', first_week: w(202001), last_week: w(202006) },
      { benefit: 'sygedagpenge', first_week: w(202010), last_week: w(202012) },
    ]);
    expect(await runsOf(B)).toEqual([
      { benefit: 'kontanthjaelp_aktivitetsparat', first_week: w(202010), last_week: w(202012) },
    ]);
    for (const cpr of [A, B])
      expect(await t.windowsOf(cpr)).toEqual([{ first_week: w(202001), last_week: w(202012) }]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = t.file('spells.csv', `person,benefit,start,end\n${A},su,202001,202010\n`);
    await t.importFile('spells', file);
    const before = await t.snapshot();
    expect((await t.importFile('spells', file)).outcome).toBe('unchanged');
    expect(await t.snapshot()).toEqual(before);
  });

  it('replaces what an earlier extract said about the same persons inside its weeks', async () => {
    await t.importFile(
      'spells',
      t.file('old.csv', `person,benefit,start,end\n${A},adagpenge,202001,202020\n${B},su,202001,202020\n`),
    );
    const newer = t.file(
      'new.csv',
      `person,benefit,start,end\n${A},adagpenge,202005,202008\n${A},fleksjob,202010,\n`,
    );
    await t.importFile('spells', newer);
    await t.importFile(
      'spells',
      t.file('same.csv', `Person,Benefit,Start,End\n${A},adagpenge,202005,202008\n${A},fleksjob,202010,\n`),
    );
    expect(await runsOf(A)).toEqual([
      { benefit: 'adagpenge', first_week: w(202001), last_week: w(202004) },
      { benefit: 'adagpenge', first_week: w(202005), last_week: w(202008) },
      { benefit: 'fleksjob', first_week: w(202010), last_week: w(202010) },
      { benefit: 'adagpenge', first_week: w(202011), last_week: w(202020) },
    ]);
    expect(await t.windowsOf(A)).toEqual([
      { first_week: w(202001), last_week: w(202004) },
      { first_week: w(202005), last_week: w(202010) },
      { first_week: w(202011), last_week: w(202020) },
    ]);
    expect(await runsOf(B)).toEqual([{ benefit: 'su', first_week: w(202001), last_week: w(202020) }]);
  });

  describe('refuses a bad file and leaves the store as it was', () => {
    beforeEach(async () => {
      await t.importFile('spells', t.file('good.csv', `person,benefit,start,end\n${A},su,202001,202010\n`));
    });

    it('names the line with the wrong number of fields', async () => {
      const file = t.file('bad.csv', `person,benefit,start,end\n${A},su,202001,202002,x\n`);
      expect((await t.rejects('spells', file, [A])).message).toBe(
        `${file}, line 2: expected 4 fields separated by "," as in the header, found "5 fields"`,
      );
    });

    it('names a bad week and a bad date', async () => {
      const file = t.file(
        'bad.csv',
        `person,benefit,start,end\n${A},su,202000,\n${B},su,202001,30-02-2020\n`,
      );
      const error = await t.rejects('spells', file, [A, B]);
      expect(error.problems.map((p) => [p.line, p.column, p.found])).toEqual([
        [2, 'start', '202000'],
        [3, 'end', '30-02-2020'],
      ]);
      expect(error.message).toBe(
        `${file}, line 2, column start: expected an ISO week as YYYYWW (e.g. 202601) or a date as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, that exists, found "202000" (and 1 more problem)`,
      );
    });

    it('refuses an end before the start', async () => {
      const file = t.file('bad.csv', `person,benefit,start,end\n${A},su,202005,202004\n`);
      expect((await t.rejects('spells', file, [A])).message).toBe(
        `${file}, line 2, column end: expected an end not before the start (week 202005), found "202004"`,
      );
    });

    it('refuses an invalid CPR number without showing it', async () => {
      const file = t.file('bad.csv', `person,benefit,start,end\n0113801234,su,202001,202002\n`);
      expect((await t.rejects('spells', file, ['0113801234'])).message).toBe(
        `${file}, line 2, column person: expected a CPR number: 10 digits, the first six a real date DDMMYY (the value is not shown)`,
      );
    });

    it('refuses an unknown benefit code and "none"', async () => {
      const file = t.file(
        'bad.csv',
        `person,benefit,start,end\n${A},dagpenge,202001,202002\n${B},none,202001,202002\n`,
      );
      const error = await t.rejects('spells', file, [A, B]);
      expect(error.message).toBe(
        `${file}, line 2, column benefit: expected a benefit code of the catalogue (see jobinvest benefits), found "dagpenge" (and 1 more problem)`,
      );
      expect(error.problems[1]?.found).toBe('none');
    });

    it('refuses overlapping spells of one person, naming both lines', async () => {
      const file = t.file(
        'bad.csv',
        `person,benefit,start,end\n${A},su,202001,202030\n${B},su,202001,202030\n${A},job,202010,202012\n${A},job,202040,\n`,
      );
      expect((await t.rejects('spells', file, [A, B])).message).toBe(
        `${file}, line 4, column start: expected spells of one person that do not overlap (this spell overlaps the spell on line 2)`,
      );
    });

    it('refuses a file with only a header', async () => {
      const file = t.file('bad.csv', 'person,benefit,start,end\r\n');
      expect((await t.rejects('spells', file)).message).toBe(
        `${file}, line 2: expected at least one row of data after the header, found "only the header"`,
      );
    });
  });
});
