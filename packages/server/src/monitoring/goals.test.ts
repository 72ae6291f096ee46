/**
 * Result goals on the hand-counted store (test-helpers.ts): stored, and their status counted from the
 * store over the latest period as long as the baseline's.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromYyyyww, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../access/test-helpers.ts';
import { runCli, tempDir } from '../cli/test-helpers.ts';
import { loadConfig, type Config } from '../config.ts';
import { auditEntries, storeOf, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { addGoal, listGoals, type NewGoal } from './goals.ts';
import { importHandCounted } from './test-helpers.ts';

const dir = tempDir();
let store: Store;
let config: Config;

beforeAll(async () => {
  config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  await importHandCounted(config, dir);
  store = await storeOf(config);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOAL: NewGoal = {
  municipality: 101,
  benefit: 'sygedagpenge',
  measure: 'fullTimePersons',
  name: 'Færre fuldtidspersoner på sygedagpenge',
  baselineFrom: fromYyyyww(202101),
  baselineTo: fromYyyyww(202152),
  targetValue: 1,
  targetWeek: fromYyyyww(202252),
};

describe('goals', () => {
  it('counts the baseline and the status of the latest year from the store', async () => {
    const id = await addGoal(store, GOAL, 'test', null);
    const goal = (await listGoals(store, [101], null)).find((g) => g.goalId === id)!;
    // 2021: 88 weeks on the benefit; 2022: P4 13, P5 4, P6 20.
    expect(goal.baseline).toEqual({ from: 202101, to: 202152, value: 88 / 52 });
    expect(goal.latest).toEqual({ from: 202201, to: 202252, value: 37 / 52 });
    expect(goal.concreteGoal).toBeCloseTo(1 - 88 / 52, 12);
    expect(goal.status).toBeCloseTo(-51 / 52, 12);
    expect(goal.realised).toBeCloseTo(51 / 36, 12);
    expect(goal.direction).toBe('down');
  });

  it('keeps a given baseline value, and refuses a target week inside the baseline', async () => {
    const id = await addGoal(store, { ...GOAL, baselineValue: 2, measure: 'persons' }, 'test', null);
    const goal = (await listGoals(store, [101], null)).find((g) => g.goalId === id)!;
    expect(goal.baseline.value).toBe(2);
    expect(goal.latest.value).toBe(3);
    await expect(addGoal(store, { ...GOAL, targetWeek: fromYyyyww(202130) }, 'test', null)).rejects.toThrow(
      /targetWeek: expected a week after the baseline's last week 202152/,
    );
    // Withheld for a suppressed role: the status rests on 3 persons.
    const shown = (await listGoals(store, [101], 5)).find((g) => g.goalId === id)!;
    expect([shown.latest.value, shown.status, shown.realised]).toEqual([null, null, null]);
  });

  it('adds and lists on the command line, reading Danish numbers', async () => {
    const base = ['--db', config.db, '--municipality', '101', '--benefit', 'sygedagpenge'];
    const added = await runCli(
      [
        'goals',
        'add',
        ...base,
        '--measure',
        'averageDurationEndedWeeks',
        '--name',
        'Kortere forløb',
        '--baseline-from',
        '202101',
        '--baseline-to',
        '202152',
        '--baseline-value',
        '9,5',
        '--target',
        '8,5',
        '--target-week',
        '202252',
        '--json',
      ],
      dir,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({
      baseline: { value: 9.5 },
      target: { value: 8.5 },
      concreteGoal: -1,
    });
    const list = await runCli(['goals', 'list', '--db', config.db], dir);
    expect(list.out).toMatch(/Kortere forløb/);
    const bad = await runCli(['goals', 'add', ...base, '--measure', 'speed'], dir);
    expect(bad.err).toMatch(/expected one of persons, fullTimePersons/);
  });

  it('lets a manager add a goal over HTTP, recorded in the audit trail, and a viewer only read them', async () => {
    const app = () => createApp({ config, rates: SHIPPED_RATES, store });
    const body = JSON.stringify({
      municipality: '101',
      benefit: 'sygedagpenge',
      measure: 'fullTimePersons',
      name: 'Mål fra siden',
      baselineFrom: '202101',
      baselineTo: '202152',
      // The store's figure rests on 4 persons, withheld from a manager: the plan's figure is given.
      baselineValue: 1.7,
      targetValue: 1.5,
      targetWeek: '202252',
    });
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const viewer = await signIn(app(), store, 'viewer');
    expect((await viewer.request('/api/goals', post)).status).toBe(403);
    const manager = await signIn(app(), store, 'manager');
    const created = await manager.request('/api/goals', post);
    expect(created.status).toBe(201);
    expect((await created.json()) as { name: string }).toMatchObject({ name: 'Mål fra siden' });
    const entries = await auditEntries(store, { action: 'goal.add' });
    expect(entries.some((e) => e.action === 'goal.add' && e.username === manager.username)).toBe(true);
    const listed = (await (await viewer.request('/api/goals?municipality=101')).json()) as { name: string }[];
    expect(listed.map((g) => g.name)).toContain('Mål fra siden');
    const late = await manager.request('/api/goals', { ...post, body: body.replace('"202252"', '"202140"') });
    expect(late.status).toBe(422);
  });
});
