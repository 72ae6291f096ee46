/**
 * The budget's preparation on a generated store of two municipalities (2020-2024, today 20 December
 * 2024): after it, the follow-up of 2024 (a budget forecast from the stock of 2023's last week)
 * answers from what it made, without reading a stock, projecting or simulating, or counting the
 * last year's history again; a year it did not prepare is computed on the request.
 */

import { join } from 'node:path';
import { SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { normalizeConfig } from '../config.ts';
import { closeStore, GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { workPool } from '../workers/index.ts';
import { prepareBudget } from './prepare.ts';

/** A Friday in the data's last week, 2024-W52: the follow-up's year is 2024, the default budget year 2025. */
const TODAY = new Date('2024-12-20T12:00:00Z');

let store: Store;
let db = '';
let municipalities: number[] = [];

beforeAll(async () => {
  const outDir = tempDir();
  db = join(outDir, 'prepare.duckdb');
  let config;
  ({ config, store } = await generatedStore({
    persons: 3000,
    municipalities: 2,
    fromYear: 2020,
    toYear: 2024,
    seed: 5,
    outDir,
    db,
  }));
  await importFile(config, 'interventions', join(outDir, GENERATED_FILES.interventions));
  await importFile(config, 'caseworkers', join(outDir, GENERATED_FILES.caseworkers));
  municipalities = (
    await store.query<{ m: number }>(
      'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC',
    )
  ).map((r) => Number(r.m));
}, 180_000);

afterAll(() => closeStore(db));

/** What a request does of the slow work while `work` runs: worker tasks, stock reads, history counts. */
async function slowWorkDuring(work: () => Promise<unknown>) {
  const tasks = vi.spyOn(workPool(), 'run');
  const connections = vi.spyOn(store, 'connect');
  const queries = vi.spyOn(store, 'query');
  try {
    await work();
    return {
      tasks: tasks.mock.calls.map((c) => c[1]),
      stockReads: connections.mock.calls.length,
      historyCounts: queries.mock.calls.filter(([sql]) => sql.includes('caseworker_assignments')).length,
    };
  } finally {
    tasks.mockRestore();
    connections.mockRestore();
    queries.mockRestore();
  }
}

describe('prepareBudget', () => {
  it('makes what the follow-up of the year of the data’s last week reads, so that it answers without computing', async () => {
    const [largest] = municipalities;
    const report = await prepareBudget(store, SHIPPED_RATES, [largest!], TODAY, new AbortController().signal);
    // 2024's forecast and 2025's (the page's), their bands.
    expect(report.steps).toBe(4);

    const config = normalizeConfig({}, 'test');
    const app = createApp({ config, rates: SHIPPED_RATES, store, now: () => TODAY.getTime() });
    const economist = await signIn(app, store, 'economist');
    const followUp = async (year: number) => {
      const res = await economist.request(`/api/budget/followup?municipality=${largest}&year=${year}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { year: number; lines: { budget: { net: number } }[] };
    };

    let report2024: Awaited<ReturnType<typeof followUp>> | undefined;
    const prepared = await slowWorkDuring(async () => (report2024 = await followUp(2024)));
    expect(prepared).toEqual({ tasks: [], stockReads: 0, historyCounts: 0 });
    expect(report2024!.year).toBe(2024);
    expect(report2024!.lines.some((l) => l.budget.net > 0)).toBe(true);

    // 2023 was not prepared: its budget's forecast (from 2022's last week) is made on the request.
    const unprepared = await slowWorkDuring(() => followUp(2023));
    expect(unprepared.tasks).toContain('jobinvest.projectShared');
    expect(unprepared.stockReads).toBeGreaterThan(0);
    expect(unprepared.historyCounts).toBe(1);
  }, 300_000);

  it('stops when new data came', async () => {
    const stopped = new AbortController();
    stopped.abort(new Error('new data'));
    await expect(prepareBudget(store, SHIPPED_RATES, municipalities, TODAY, stopped.signal)).rejects.toThrow(
      'new data',
    );
  });
});
