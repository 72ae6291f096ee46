/**
 * Where the forecast takes the measures: full-time persons of a group month by month with bands,
 * against the forecast's own mean (the same replications, averaged by another way), and a result
 * goal's outlook on its target date, on a generated store of two municipalities.
 */

import {
  civilOf,
  fromYyyyww,
  groupBenefits,
  mondayOfWeek,
  monthWeeks,
  SHIPPED_RATES,
  toYyyyww,
} from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { join } from 'node:path';
import {
  closeStore,
  dataWindow,
  GENERATED_FILES,
  generatedStore,
  importFile,
  type Store,
} from '../data/index.ts';
import { forecast, PAGE_FORECAST_WEEKS } from '../jobinvest/index.ts';
import { kpi } from './kpi.ts';
import { fullTimeOutlook, goalForecast } from './outlook.ts';

let store: Store;
let municipality = 0;

beforeAll(async () => {
  const outDir = tempDir();
  let config;
  ({ config, store } = await generatedStore({
    persons: 3000,
    municipalities: 2,
    fromYear: 2020,
    toYear: 2024,
    seed: 5,
    outDir,
    db: ':memory:',
  }));
  // The labour force of the municipality file, for a goal on the share of the labour force.
  await importFile(config, 'municipalities', join(outDir, GENERATED_FILES.municipalities));
  const [largest] = await store.query<{ m: number }>(
    'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  municipality = largest!.m;
}, 120_000);

afterAll(() => closeStore(':memory:'));

describe('full-time persons ahead', () => {
  it('are the replications’ mean month by month, inside their bands, after the data’s last week', async () => {
    const whole = await forecast(store, { municipality, horizon: PAGE_FORECAST_WEEKS, rates: SHIPPED_RATES });
    const outlook = await fullTimeOutlook(
      store,
      { municipality, benefit: 'kontanthjaelp', rates: SHIPPED_RATES, threshold: null },
      { waitForBandsMs: 600_000 },
    );
    expect(outlook.state).toBe('ready');
    expect(outlook.stockWeek).toBe(whole.stockWeek);
    expect(outlook.months).toHaveLength(12);
    const benefits = groupBenefits('kontanthjaelp');
    expect(benefits.length).toBeGreaterThan(1);
    for (const m of outlook.months) {
      // The forecast's weekly mean persons in the group's states, averaged over the month's weeks.
      const weeks = whole.weekly.filter((w) => w.week >= m.from && w.week <= m.to);
      const mean =
        weeks.reduce((sum, w) => sum + benefits.reduce((s, b) => s + (w.persons[b] ?? 0), 0), 0) /
        weeks.length;
      expect(m.mean).toBeCloseTo(mean, 3);
      expect(m.band95[0]).toBeLessThanOrEqual(m.band80[0]);
      expect(m.band80[1]).toBeLessThanOrEqual(m.band95[1]);
      expect(m.band95[0]).toBeLessThanOrEqual(m.mean);
      expect(m.mean).toBeLessThanOrEqual(m.band95[1]);
    }
    const { last } = await dataWindow(store);
    // The first month holds the week after the data's last (2024-W52 ends December: January 2025).
    const next = civilOf(mondayOfWeek(last + 1) + 3);
    expect(outlook.months[0]!.from).toBe(toYyyyww(Math.max(monthWeeks(next.year, next.month).first, last)));
    expect(outlook.months[0]).toMatchObject({ year: 2025, month: 1, from: 202501 });
    // The months follow each other, a month's last week the week before the next one's first.
    for (let i = 1; i < outlook.months.length; i++)
      expect(fromYyyyww(outlook.months[i]!.from)).toBe(fromYyyyww(outlook.months[i - 1]!.to) + 1);
  }, 600_000);

  it('is withheld from a role with suppression where the group’s stock has few persons', async () => {
    const whole = await forecast(store, { municipality, horizon: PAGE_FORECAST_WEEKS, rates: SHIPPED_RATES });
    const few = Object.entries(whole.stockByState).find(
      ([s, n]) => n > 0 && n < 5 && s !== 'out' && s !== 'job',
    );
    expect(few).toBeDefined();
    const outlook = await fullTimeOutlook(store, {
      municipality,
      benefit: few![0],
      rates: SHIPPED_RATES,
      threshold: 5,
    });
    expect(outlook).toMatchObject({ state: 'withheld', months: [] });
  }, 600_000);
});

describe('a goal’s outlook', () => {
  it('adds the observed weeks to the forecast’s and says how likely the target is', async () => {
    const { last } = await dataWindow(store);
    const goal = (target: number) => ({
      municipality,
      benefit: 'all',
      measure: 'fullTimePersons',
      // 13 weeks ending 8 weeks after the data: 5 observed, 8 forecast.
      period: { from: last - 4, to: last + 8 },
      target,
      direction: 'down' as const,
    });
    const outlook = await goalForecast(store, goal(0), SHIPPED_RATES, null);
    if (outlook.state !== 'ready') throw new Error(`expected a ready outlook, found ${outlook.state}`);
    expect(outlook.probabilityOfReaching).toBe(0);
    expect(outlook.band80[0]).toBeLessThanOrEqual(outlook.median);
    expect(outlook.median).toBeLessThanOrEqual(outlook.band80[1]);
    // Near the observed level: the last whole month's full-time persons, within a tenth.
    const span = monthWeeks(2024, 11);
    const observed = (
      await kpi(store, {
        municipality,
        benefit: 'all',
        from: span.first,
        to: span.last,
        level: 'municipality',
        threshold: null,
      })
    ).measures!.fullTimePersons!;
    expect(Math.abs(outlook.median - observed) / observed).toBeLessThan(0.1);
    const easy = await goalForecast(store, goal(outlook.band80[1] * 2), SHIPPED_RATES, null);
    expect(easy).toMatchObject({ state: 'ready', probabilityOfReaching: 1 });
    // On the share of the labour force: the same replications over the latest labour force the
    // municipality file gives (the generated file ends with 2024; the target lies in 2025).
    const [{ lf }] = (await store.query<{ lf: number }>(
      'SELECT labour_force_16_66 AS lf FROM municipality_years WHERE code = $1 ORDER BY year DESC LIMIT 1',
      [municipality],
    )) as [{ lf: number }];
    const share = await goalForecast(
      store,
      { ...goal(0), measure: 'shareOfLabourForce' },
      SHIPPED_RATES,
      null,
    );
    if (share.state !== 'ready') throw new Error(`expected a ready outlook, found ${share.state}`);
    expect(share.median).toBeCloseTo(outlook.median / Number(lf), 12);
    expect(share.band80[1]).toBeCloseTo(outlook.band80[1] / Number(lf), 12);
    // A goal on another measure, or whose period ends inside the data, has no outlook.
    expect(
      await goalForecast(store, { ...goal(1), measure: 'averageDurationEndedWeeks' }, SHIPPED_RATES, null),
    ).toEqual({
      state: 'not-forecast',
    });
    expect(
      await goalForecast(store, { ...goal(1), period: { from: last - 12, to: last } }, SHIPPED_RATES, null),
    ).toEqual({ state: 'reached-data' });
    expect(
      await goalForecast(store, { ...goal(1), period: { from: last, to: last + 400 } }, SHIPPED_RATES, null),
    ).toEqual({ state: 'beyond-forecast' });
  }, 600_000);
});
