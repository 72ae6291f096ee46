import { join } from 'node:path';
import { fromYyyyww } from '@jobinvest/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { closeStore } from './db.ts';
import { DEMO_SIZE, ensureDemoData } from './demo.ts';
import { storeOf } from './import.ts';
import { dataSummary } from './summary.ts';

describe('the demo data', () => {
  const dir = tempDir();
  const db = join(dir, 'store.duckdb');
  afterAll(() => closeStore(db));

  it('reach the week they are given, mid-year: every file imports and the data end in 2026-W48', async () => {
    const config = await loadConfig({ cwd: dir, overrides: { db } });
    let err = '';
    const size = { ...DEMO_SIZE, persons: 400, toWeek: 202648 };
    expect(await ensureDemoData(config, { err: (t) => (err += t) }, size)).toBe('created');
    expect(err).toContain('400 persons, 201601-202648');
    const store = await storeOf(config);
    const summary = await dataSummary(store);
    expect(summary.window).toEqual({ first: 201601, last: 202648 });
    expect(summary.persons).toBe(400);
    expect(summary.lastImports.map((i) => [i.kind, i.outcome]).sort()).toEqual(
      [
        'caseworkers',
        'contacts',
        'dream',
        'framework',
        'interventions',
        'jobindsats',
        'measurements',
        'municipalities',
        'persons',
        'ydelsesrefusion',
      ].map((k) => [k, 'ok']),
    );
    // The Ydelsesrefusion lines cover the year before the last and the last year to its last week.
    const [refusion] = await store.query<{ first: number; last: number }>(
      'SELECT min(week) AS first, max(week) AS last FROM refusion_lines',
    );
    expect(refusion).toEqual({ first: fromYyyyww(202501), last: fromYyyyww(202648) });
    // The municipal rows reach 2026, the part-year that ends in W48.
    const years = await store.query<{ year: number }>('SELECT DISTINCT year FROM municipality_years ORDER BY year');
    expect(years.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    // The new kontanthjælp is in the register data, the groups it replaced end before 2025-W27.
    const groups = await store.query<{ benefit: string; last: number }>(
      `SELECT c.benefit, max(r.last_week) AS last FROM runs r JOIN code_map c ON c.code = r.code GROUP BY c.benefit`,
    );
    const lastOf = new Map(groups.map((g) => [g.benefit, g.last]));
    expect(lastOf.has('kontanthjaelp_forhoejet')).toBe(true);
    for (const old of ['kontanthjaelp_jobparat', 'kontanthjaelp_aktivitetsparat', 'uddannelseshjaelp'])
      expect(lastOf.get(old)).toBeLessThan(fromYyyyww(202527));
  }, 60_000);
});
