/**
 * Suppression (diskretionering) as the API applies it, on the smallest municipality of a generated
 * population (Læsø beside København): a viewer and an economist see no figure resting on 1 to 4
 * persons, nor one that a published total would give back; an analyst sees every figure; the
 * threshold is a setting; and a case on fewer persons than the threshold is refused to a role whose
 * figures are suppressed.
 */

import { SHIPPED_RATES, SIM_STATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import {
  closeStore,
  generatedStore,
  type Overview,
  type Store,
  type SuppressedOverview,
} from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { signIn, type SignedIn } from './test-helpers.ts';
import type { Config } from '../config.ts';

const LAESOE = 825;

let store: Store;
let config: Config;
const as: Record<'analyst' | 'economist' | 'viewer', SignedIn> = {} as never;

beforeAll(async () => {
  ({ config, store } = await generatedStore({
    persons: 3000,
    municipalities: 2,
    fromYear: 2022,
    toYear: 2024,
    seed: 5,
    outDir: tempDir(),
    db: ':memory:',
  }));
  const app = createApp({ config, rates: SHIPPED_RATES, store });
  for (const role of ['analyst', 'economist', 'viewer'] as const) as[role] = await signIn(app, store, role);
}, 120_000);

afterAll(() => closeStore(':memory:'));

async function overviewAs(who: SignedIn, municipality = LAESOE) {
  const res = await who.request(`/api/overview?municipality=${municipality}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** Every figure of an overview that rests on 1 to 4 persons. */
function fewIn(o: SuppressedOverview | Overview, threshold = 5): string[] {
  const few = (n: number | null | undefined) => typeof n === 'number' && n > 0 && n < threshold;
  const found: string[] = [];
  for (const [state, series] of Object.entries(o.persons))
    series.forEach((n, i) => few(n) && found.push(`${state} week ${o.weeks[i]}: ${n}`));
  for (const y of o.years)
    for (const kind of ['inflow', 'outflow'] as const)
      for (const [state, n] of Object.entries(y[kind]))
        if (few(n)) found.push(`${y.year} ${kind} ${state}: ${n}`);
  return found;
}

describe('the overview of the smallest municipality', () => {
  it('has figures on 1 to 4 persons for the analyst, who sees them as they are', async () => {
    const full = (await overviewAs(as.analyst)) as Overview & { suppressed?: unknown };
    expect(full.suppressed).toBeUndefined();
    expect(fewIn(full).length).toBeGreaterThan(20);
  });

  it('withholds every one of them from the viewer and the economist, and says how many', async () => {
    for (const who of [as.viewer, as.economist]) {
      const o = (await overviewAs(who)) as SuppressedOverview;
      expect(fewIn(o)).toEqual([]);
      expect(o.suppressed.threshold).toBe(5);
      expect(o.suppressed.withheld).toBeGreaterThan(20);
    }
  });

  it('withholds a second week where the full-time figure of the year would give the first back', async () => {
    const full = (await overviewAs(as.analyst)) as Overview;
    const shown = (await overviewAs(as.viewer)) as SuppressedOverview;
    let checked = 0;
    for (const [state, series] of Object.entries(shown.persons))
      for (const y of shown.years) {
        const at = shown.weeks.flatMap((w, i) => (Math.floor(w / 100) === y.year ? [i] : []));
        const hidden = at.filter((i) => series[i] === null);
        const fullTime = y.fullTime[state];
        if (hidden.length === 0 || fullTime === null || fullTime === undefined) continue;
        checked++;
        // The published full-time figure is the mean of the weeks: one hidden week would be its
        // weeks × mean less the weeks shown. Either two or more are hidden, or the one hidden is 0.
        const sumHidden = hidden.reduce((s, i) => s + full.persons[state]![i]!, 0);
        expect(hidden.length > 1 || sumHidden === 0, `${state} ${y.year}`).toBe(true);
        // Two hidden weeks that add up to fewer than the threshold would still give a few away.
        if (hidden.length > 1) expect(sumHidden === 0 || sumHidden >= 5, `${state} ${y.year}`).toBe(true);
      }
    expect(checked).toBeGreaterThan(0);
  });

  it('leaves the large municipality almost as it is', async () => {
    const o = (await overviewAs(as.viewer, 101)) as SuppressedOverview;
    const lae = (await overviewAs(as.viewer)) as SuppressedOverview;
    expect(fewIn(o)).toEqual([]);
    expect(o.suppressed.withheld).toBeLessThan(lae.suppressed.withheld);
  });

  it('withholds at the threshold the settings give', async () => {
    const app = createApp({
      config: { ...config, access: { ...config.access, suppressionThreshold: 20 } },
      rates: SHIPPED_RATES,
      store,
    });
    const viewer = await signIn(app, store, 'viewer');
    const o = (await (
      await viewer.request(`/api/overview?municipality=${LAESOE}`)
    ).json()) as SuppressedOverview;
    expect(o.suppressed.threshold).toBe(20);
    expect(fewIn(o, 20)).toEqual([]);
    const at5 = (await overviewAs(as.viewer)) as SuppressedOverview;
    expect(o.suppressed.withheld).toBeGreaterThan(at5.suppressed.withheld);
  });
});

describe('the data summary', () => {
  it('withholds counts of fewer than 5 persons from the viewer only', async () => {
    const json = (res: Response) => res.json() as Promise<unknown>;
    const full = JSON.stringify(await json(await as.analyst.request('/api/data/summary')));
    const shown = JSON.stringify(await json(await as.viewer.request('/api/data/summary')));
    expect(shown).not.toEqual(full);
    expect(shown).toContain('null');
  });
});

describe('a case on the smallest municipality', { timeout: 120_000 }, () => {
  const onLaesoe = (benefit: string) => ({
    municipality: String(LAESOE),
    startWeek: '202410',
    target: { benefit },
  });
  const investment = (benefit: string) => ({
    name: 'Mentor på Læsø',
    ...onLaesoe(benefit),
    participants: 1,
    cost: { perParticipant: 20_000 },
    effect: { hazardRatio: 1.3 },
  });

  /** A benefit with 1 to 4 persons in Læsø's stock, as the analyst counts it. */
  async function smallGroup(): Promise<{ benefit: string; persons: number }> {
    for (const benefit of SIM_STATES.filter((s) => s !== 'job' && s !== 'out')) {
      const res = await as.analyst.request('/api/invest/target-group', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(onLaesoe(benefit)),
      });
      if (res.status !== 200) continue;
      const { persons } = (await res.json()) as { persons: number };
      if (persons > 0 && persons < 5) return { benefit, persons };
    }
    throw new Error('no benefit group of 1 to 4 persons in Læsø: change the seed');
  }

  it('counts the target group for the analyst, and withholds the count from the economist', async () => {
    const { benefit, persons } = await smallGroup();
    const res = await as.economist.request('/api/invest/target-group', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(onLaesoe(benefit)),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ persons: null, suppressed: true });
    expect(persons).toBeLessThan(5);
  });

  it('prices the few persons for the analyst, and refuses them to the economist: at once, as a report and against what happened', async () => {
    const { benefit } = await smallGroup();
    const body = (method = 'POST') => ({
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(investment(benefit)),
    });
    expect((await as.analyst.request('/api/invest', body())).status).toBe(200);
    // The case may be kept (its document holds no figure), but not evaluated, printed or followed up.
    const saved = await as.economist.request('/api/cases', body());
    expect(saved.status).toBe(201);
    const { caseId } = (await saved.json()) as { caseId: number };
    const refused = [
      ['/api/invest', body()],
      ['/api/invest/report', body()],
      [`/api/cases/${caseId}/plan-vs-actual`, {}],
    ] as const;
    for (const [path, init] of refused) {
      const res = await as.economist.request(path, init);
      expect(res.status, path).toBe(403);
      const { error } = (await res.json()) as { error: string };
      expect(error, path).toMatch(/fewer than 5 persons.*diskretionering/);
    }
  });
});

/** A forecast row's figures: its full-time persons and its kroner. */
const KRONER = ['fullTimePersons', 'gross', 'stateRefusion', 'cofinancing', 'municipalNet'] as const;

describe('the forecast of the smallest municipality', { timeout: 120_000 }, () => {
  type Shown = {
    stockPersons: number | null;
    stockByState: Record<string, number | null>;
    years: ({ year: number; state: string } & Record<(typeof KRONER)[number], number | null>)[];
    totals: { year: number; gross: number | null; municipalNet: number | null }[];
    suppressed?: { withheld: number };
  };
  const forecastAs = async (who: SignedIn): Promise<Shown> => {
    const res = await who.request(`/api/forecast?municipality=${LAESOE}&horizon=104&replications=0`);
    expect(res.status).toBe(200);
    return (await res.json()) as Shown;
  };

  it("sums every group in the years' totals for the analyst", async () => {
    const full = await forecastAs(as.analyst);
    expect(full.suppressed).toBeUndefined();
    for (const t of full.totals) {
      const rows = full.years.filter((r) => r.year === t.year);
      expect(t.gross).toBeCloseTo(
        rows.reduce((s, r) => s + r.gross!, 0),
        6,
      );
    }
  });

  it('withholds small groups, and the totals and stock where they would give those groups back', async () => {
    const full = await forecastAs(as.analyst);
    const shown = await forecastAs(as.economist);
    const small = Object.entries(full.stockByState).filter(([, n]) => n! > 0 && n! < 5);
    expect(small.length).toBeGreaterThan(0);
    for (const [state] of small) {
      expect(shown.stockByState[state], state).toBeNull();
      // Its persons and its kroner, every year: a withheld group hides its money too.
      for (const r of shown.years.filter((x) => x.state === state))
        for (const figure of KRONER) expect(r[figure], `${r.year} ${state} ${figure}`).toBeNull();
    }
    for (const [state, n] of Object.entries(shown.stockByState))
      if (n !== null) expect(n === 0 || n >= 5, state).toBe(true);
    // What the totals less the groups shown would give back: the withheld groups together.
    const given = small.reduce((s, [, n]) => s + n!, 0);
    const protectedTotals = small.length === 1 || given < 5;
    expect(shown.stockPersons === null).toBe(protectedTotals);
    expect(shown.totals.every((t) => (t.gross === null) === protectedTotals)).toBe(true);
    if (!protectedTotals) expect(shown.totals).toEqual(full.totals);
  });
});

describe('the model check of the smallest municipality', { timeout: 120_000 }, () => {
  type Shown = {
    states: {
      state: string;
      spells: number | null;
      survival: { observed: number | null; atRisk: number | null; predicted: number | null }[];
    }[];
    suppressed?: { threshold: number; withheld: number };
  };
  const diagnosticsAs = async (who: SignedIn): Promise<Shown> => {
    const res = await who.request(`/api/model/diagnostics?municipality=${LAESOE}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Shown;
  };

  it('withholds a group of few spells whole, and ends the others where few are at risk', async () => {
    const full = await diagnosticsAs(as.analyst);
    const shown = await diagnosticsAs(as.economist);
    expect(full.suppressed).toBeUndefined();
    const few = full.states.filter((s) => s.spells! > 0 && s.spells! < 5);
    expect(few.length).toBeGreaterThan(0);
    for (const s of few) {
      const seen = shown.states.find((x) => x.state === s.state)!;
      expect(seen.spells).toBeNull();
      expect(seen.survival.every((p) => p.observed === null && p.predicted === null)).toBe(true);
    }
    // Nowhere does a shown point rest on 1 to 4 spells at risk.
    for (const s of shown.states)
      for (const p of s.survival)
        if (p.observed !== null) expect(p.atRisk === 0 || p.atRisk! >= 5, s.state).toBe(true);
    expect(shown.suppressed!.withheld).toBeGreaterThan(few.length);
  });
});
