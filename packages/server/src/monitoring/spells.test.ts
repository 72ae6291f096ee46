/**
 * The room's spells by jobindsats' rule, counted in SQL, against core's definition applied person by
 * person to the same weeks, on a small generated store.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromYyyyww, jobindsatsSpells, weeksHoldWholeMonth, groupBenefits } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { dataWindow, generatedStore, weeksHoldWholeMonthSql, type Store } from '../data/index.ts';
import { jobindsatsSpellsIn } from './spells.ts';

const dir = tempDir();
let store: Store;

beforeAll(async () => {
  ({ store } = await generatedStore({
    persons: 2000,
    municipalities: 2,
    fromYear: 2019,
    toYear: 2024,
    seed: 11,
    outDir: dir,
    db: join(dir, 'store.duckdb'),
  }));
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('weeksHoldWholeMonthSql', () => {
  it('answers as core does for every start week of 2020-2024 and gaps of 0-10 weeks', async () => {
    const first = fromYyyyww(202001);
    const last = fromYyyyww(202452);
    const [row] = await store.query<{ answers: boolean[] }>(
      `SELECT list(${weeksHoldWholeMonthSql('f', 'f + n - 1')} ORDER BY f, n) AS answers
       FROM range(${first}, ${last + 1}) a(f), range(0, 11) b(n)`,
    );
    const expected: boolean[] = [];
    for (let f = first; f <= last; f++)
      for (let n = 0; n <= 10; n++) expected.push(weeksHoldWholeMonth(f, f + n - 1));
    expect(row!.answers).toEqual(expected);
    // Both answers occur: the comparison is not of constants.
    expect(new Set(expected).size).toBe(2);
  });
});

describe('jobindsatsSpellsIn', { timeout: 120_000 }, () => {
  it("gives for every group, jobindsats' groups of several and all the spells core gives for each person's weeks", async () => {
    const window = await dataWindow(store);
    await jobindsatsSpellsIn(store, 'all');
    const groups = await store.query<{ benefit: string }>(
      'SELECT DISTINCT benefit FROM jobindsats_spells ORDER BY 1',
    );
    expect(groups.map((g) => g.benefit)).toEqual(expect.arrayContaining(['all', 'fleksjob', 'sygedagpenge']));
    let merged = 0;
    for (const { benefit } of groups) {
      const weekly = await store.query<{ person_id: number; first_week: number; last_week: number }>(
        `SELECT person_id, first_week, last_week FROM spells WHERE benefit IN (${groupBenefits(benefit)
          .map((b) => `'${b}'`)
          .join(', ')}) ORDER BY person_id, first_week`,
      );
      const weeksOf = new Map<number, number[]>();
      for (const s of weekly) {
        const weeks = weeksOf.get(s.person_id) ?? [];
        for (let w = s.first_week; w <= s.last_week; w++) weeks.push(w);
        weeksOf.set(s.person_id, weeks);
      }
      const expected = [...weeksOf].flatMap(([personId, weeks]) =>
        jobindsatsSpells(weeks, window).map((spell) => ({ personId, ...spell })),
      );
      const counted = await jobindsatsSpellsIn(store, benefit);
      expect(counted, benefit).toEqual(expected);
      merged += weekly.length - counted.length;
    }
    // The month rule joined weekly spells on this store: the rule was exercised, not only the plain case.
    expect(merged).toBeGreaterThan(0);
  });
});
