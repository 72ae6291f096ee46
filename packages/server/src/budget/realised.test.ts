import { join } from 'node:path';
import { fromYyyyww } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { loadConfig } from '../config.ts';
import { closeStore, storeOf, type Store } from '../data/index.ts';
import { importHandMadeRefusion } from './followup-test-helpers.ts';
import { realisedMonths, refusionLastWeek } from './realised.ts';

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = tempDir();
  const config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  await importHandMadeRefusion(config, dir);
  store = await storeOf(config);
});
afterAll(() => closeStore(join(dir, 'store.duckdb')));

describe('realisedMonths', () => {
  it('adds up the hand-made file per group and month of the Thursday, net by how the group is financed', async () => {
    const realised = await realisedMonths(store, 101, 2026);
    expect([...realised.names].sort()).toEqual(['København', 'Københavns Kommune']);
    expect(realised.months).toEqual([
      {
        benefit: 'adagpenge',
        month: '2026-01',
        gross: 5000,
        refusion: 0,
        cofinancing: 3000,
        net: 3000,
        persons: 1,
      },
      {
        benefit: 'adagpenge',
        month: '2026-02',
        gross: 5000,
        refusion: 0,
        cofinancing: 4000,
        net: 4000,
        persons: 1,
      },
      {
        benefit: 'kontanthjaelp',
        month: '2026-01',
        gross: 6000,
        refusion: 3600,
        cofinancing: 0,
        net: 2400,
        persons: 1,
      },
      {
        benefit: 'kontanthjaelp',
        month: '2026-02',
        gross: 2500,
        refusion: 750,
        cofinancing: 0,
        net: 1750,
        persons: 1,
      },
      {
        benefit: 'sygedagpenge',
        month: '2026-04',
        gross: 4000,
        refusion: 1600,
        cofinancing: 0,
        net: 2400,
        persons: 1,
      },
    ]);
    expect(realised.personsByBenefit).toEqual({ adagpenge: 1, kontanthjaelp: 1, sygedagpenge: 1 });
    expect(realised.unmapped).toEqual([
      { name: 'Boligstøtte', lines: 1, persons: 1, gross: 1000, refusion: 0, cofinancing: 0 },
    ]);
  });

  it('counts the year by the Thursday: the week of Monday 29 December 2025 is January 2026, 22 December is 2025', async () => {
    const realised = await realisedMonths(store, 101, 2025);
    expect(realised.months).toEqual([
      {
        benefit: 'kontanthjaelp',
        month: '2025-12',
        gross: 3000,
        refusion: 2400,
        cofinancing: 0,
        net: 600,
        persons: 1,
      },
    ]);
  });

  it("keeps to the municipality's lines and counts persons through the month asked", async () => {
    const egedal = await realisedMonths(store, 240, 2026);
    expect(egedal.months).toEqual([
      {
        benefit: 'kontanthjaelp',
        month: '2026-01',
        gross: 9999,
        refusion: 7999.2,
        cofinancing: 0,
        net: 1999.8,
        persons: 1,
      },
    ]);
    expect((await realisedMonths(store, 101, 2026, '2026-02')).personsByBenefit).toEqual({
      adagpenge: 1,
      kontanthjaelp: 1,
    });
    expect((await realisedMonths(store, 825, 2026)).months).toEqual([]);
  });

  it("finds the municipality's last week with lines", async () => {
    expect(await refusionLastWeek(store, 101)).toBe(fromYyyyww(202614));
    expect(await refusionLastWeek(store, 240)).toBe(fromYyyyww(202605));
    expect(await refusionLastWeek(store, 825)).toBeNull();
  });
});
