/**
 * The forecast's bands on a generated store of a large and a small municipality (Læsø, where most
 * groups have a handful of persons): for every benefit group and year, the 95 % band holds the 80 %
 * band and the mean; the bands come from 200 replications computed after the expected values,
 * which a request gets at once.
 */

import { closedToNewFrom, fromYyyyww, SEPARATE_LINE_GROUPS, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { closeStore, generatedStore, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { forecast, type Forecast } from './forecast.ts';

const LAESOE = 825;
let store: Store;
let municipalities: number[] = [];
let app: SignedIn;

beforeAll(async () => {
  let config;
  ({ config, store } = await generatedStore({
    persons: 3000,
    municipalities: 2,
    fromYear: 2020,
    toYear: 2024,
    seed: 5,
    outDir: tempDir(),
    db: ':memory:',
  }));
  municipalities = (
    await store.query<{ m: number }>(
      'SELECT DISTINCT municipality AS m FROM person_municipalities ORDER BY 1',
    )
  ).map((r) => r.m);
  app = await signIn(createApp({ config, rates: SHIPPED_RATES, store }), store, 'analyst');
}, 120_000);

afterAll(() => closeStore(':memory:'));

/** Every way a row's bands can break: "2029 efterloen persons: mean 0.6 outside [1, 2]". */
function brokenBands(f: Forecast): string[] {
  const broken: string[] = [];
  for (const r of f.years)
    for (const [what, mean, b80, b95] of [
      ['persons', r.fullTimePersons, r.fullTimePersonsInterval80, r.fullTimePersonsInterval95],
      ['net', r.municipalNet, r.municipalNetInterval80, r.municipalNetInterval95],
    ] as const) {
      const at = `${r.year} ${r.state} ${what}`;
      if (!b80 || !b95) broken.push(`${at}: no bands`);
      else if (!(b95[0] <= b80[0] && b80[0] <= b80[1] && b80[1] <= b95[1]))
        broken.push(`${at}: 80 % [${b80.join(', ')}] not inside 95 % [${b95.join(', ')}]`);
      else if (!(b95[0] <= mean && mean <= b95[1]))
        broken.push(`${at}: mean ${mean} outside 95 % [${b95.join(', ')}]`);
    }
  return broken;
}

describe('the forecast bands', { timeout: 300_000 }, () => {
  it('nest, with the mean inside the 95 % band, for every group and year of both municipalities', async () => {
    expect(municipalities).toContain(LAESOE);
    for (const municipality of municipalities) {
      const f = await forecast(store, { municipality, horizon: 156, rates: SHIPPED_RATES });
      expect(f.replications).toBe(200);
      expect(f.bands).toBe('ready');
      expect(f.engine).toBe('microsimulation');
      expect(f.years.length).toBeGreaterThan(20);
      expect(brokenBands(f)).toEqual([]);
    }
  });

  it('bands the separate lines’ groups together: one group’s band is its own, a sum’s is no sum of bands', async () => {
    const f = await forecast(store, { municipality: municipalities[0]!, horizon: 156, rates: SHIPPED_RATES });
    const years = [...new Set(f.years.map((r) => r.year))];
    for (const year of years) {
      // Beskæftigelsestilskud concerns a-dagpenge alone: its band is the group's.
      const grant = f.coveredBands.find((b) => b.key === 'beskaeftigelsestilskud' && b.year === year);
      const dagpenge = f.years.find((r) => r.year === year && r.state === 'adagpenge');
      if (dagpenge) {
        expect(grant?.band80).toEqual(dagpenge.municipalNetInterval80);
        expect(grant?.band95).toEqual(dagpenge.municipalNetInterval95);
      }
      // The budgetgaranti's groups together: the band holds their summed mean, and the 80 % band is
      // narrower than the groups' bands laid end to end (their variation partly cancels out).
      const guarantee = f.coveredBands.find((b) => b.key === 'budgetgaranti' && b.year === year)!;
      const rows = f.years.filter(
        (r) => r.year === year && (SEPARATE_LINE_GROUPS.budgetgaranti as readonly string[]).includes(r.state),
      );
      const mean = rows.reduce((a, r) => a + r.municipalNet, 0);
      expect(guarantee.band95[0]).toBeLessThanOrEqual(mean);
      expect(guarantee.band95[1]).toBeGreaterThanOrEqual(mean);
      const endToEnd = rows.reduce(
        (a, r) => a + (r.municipalNetInterval80![1] - r.municipalNetInterval80![0]),
        0,
      );
      expect(guarantee.band80[1] - guarantee.band80[0]).toBeLessThan(endToEnd);
    }
  });

  it('answers the expected values at once, and the bands when they are ready', async () => {
    // A question not asked before: a new job.
    const path = `/api/forecast?municipality=${LAESOE}&horizon=208`;
    const first = (await (await app.request(path)).json()) as Forecast;
    expect(first.engine).toBe('expected');
    expect(first.bands).toBe('pending');
    expect(first.replications).toBe(200);
    expect(first.years.every((r) => r.fullTimePersonsInterval95 === null)).toBe(true);
    let banded = first;
    for (let i = 0; i < 30 && banded.bands === 'pending'; i++)
      banded = (await (await app.request(`${path}&wait=bands`)).json()) as Forecast;
    expect(banded.bands).toBe('ready');
    expect(banded.engine).toBe('microsimulation');
    expect(brokenBands(banded)).toEqual([]);
    // The replications' mean is close to the expected values: full-time persons of the whole stock.
    const sum = (f: Forecast, year: number) =>
      f.years.filter((r) => r.year === year).reduce((a, r) => a + r.fullTimePersons, 0);
    const year = first.years[0]!.year;
    expect(Math.abs(sum(banded, year) - sum(first, year)) / sum(first, year)).toBeLessThan(0.02);
  });

  it('answers without bands when no replications are asked for', async () => {
    const res = await app.request(`/api/forecast?municipality=${LAESOE}&horizon=52&replications=0`);
    const f = (await res.json()) as Forecast;
    expect([f.bands, f.replications, f.engine]).toEqual(['none', 0, 'expected']);
  });
});

describe('a forecast from data that end before a closure', { timeout: 300_000 }, () => {
  // The store ends in 2024-W52; ressourceforløb closes to new cases in 2026-W06, inside the horizon.
  it('lets ressourceforløb only shrink from 2026-W06, in the expected values and the mean of the replications', async () => {
    const closure = closedToNewFrom('ressourceforloeb')!;
    expect(closure).toBe(202606);
    const municipality = municipalities.find((m) => m !== LAESOE)!;
    for (const replications of [0, 10]) {
      const f = await forecast(store, { municipality, horizon: 104, rates: SHIPPED_RATES, replications });
      expect(f.engine).toBe(replications === 0 ? 'expected' : 'microsimulation');
      const weeks = f.weekly.map((w) => w.week);
      const series = f.weekly.map((w) => w.persons.ressourceforloeb ?? 0);
      const from = weeks.indexOf(closure);
      expect(from).toBe(fromYyyyww(closure) - fromYyyyww(weeks[0]!));
      // Before the closure persons still enter (the group grows in some week), from it on none do.
      expect(series.slice(0, from).some((x, i) => i > 0 && x > series[i - 1]! + 1e-9)).toBe(true);
      for (let i = from; i < series.length; i++)
        expect(series[i]!, `${replications} replications, week ${weeks[i]}`).toBeLessThanOrEqual(
          series[i - 1]! + 1e-9,
        );
    }
  });
});
