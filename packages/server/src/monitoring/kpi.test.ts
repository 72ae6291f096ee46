/**
 * The measures against hand-counted histories: six persons of municipality 101 on sygedagpenge,
 * imported through the importers as a municipality's files would be, observed 2020-W01 to 2022-W52.
 *
 * - P1: W01-W04 2021, W09-W12, W25-W27. The gap W05-W08 is 1-28 February 2021, a whole month: two
 *   spells. W13-W24 holds all of April and May: a third. So three spells, all started and ended in
 *   2021; the first ends on Sunday 31 January, and 1 month on is 28 February (W08, without the
 *   benefit: work), not 3 March (W09, back on it).
 * - P2: W10-W13 2021 and W20-W30. The gap W14-W19 runs from Monday 5 April to Sunday 16 May, no
 *   whole month: one spell of 21 calendar weeks and 15 weeks on the benefit.
 * - P3: 2020-W01 to 2021-W10, from the data's first week: it may have begun before the data (open
 *   at the start), so it is in the stock at the start of 2021 and not in the average duration. Born
 *   1955: observed until the week before 1 January 2022 (67), so 12 months on it is out of the
 *   population.
 * - P4: 2022-W40 to W52, the data's last week; P5: 2022-W45 to W48, then Monday 5 December to
 *   Sunday 1 January without it, no whole month: P5's spell may have ended or may go on (unsettled);
 *   P4's is simply running.
 * - P6: 2020-W40 to 2022-W20 (origin "vestlig", the others "dansk"); in the stock at both ends of
 *   2021; in virksomhedspraktik W10-W19 2021 (10.000 kr), with caseworker cw1.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromYyyyww } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_RATES } from '@jobinvest/core';
import { signIn } from '../access/test-helpers.ts';
import { runCli, tempDir } from '../cli/test-helpers.ts';
import { loadConfig, type Config } from '../config.ts';
import { createApp } from '../http/app.ts';
import { storeOf, type Store } from '../data/index.ts';
import { survivalByCohort } from './survival.ts';
import { importHandCounted } from './test-helpers.ts';
import { kpi, type KpiRequest } from './kpi.ts';
import { kpiSeries } from './outlook.ts';

const dir = tempDir();
let store: Store;
let config: Config;

beforeAll(async () => {
  config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  await importHandCounted(config, dir);
  store = await storeOf(config);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (overrides: Partial<KpiRequest> = {}): KpiRequest => ({
  municipality: 101,
  benefit: 'sygedagpenge',
  from: fromYyyyww(202101),
  to: fromYyyyww(202152),
  level: 'municipality',
  threshold: null,
  ...overrides,
});

describe('kpi on hand-counted histories', () => {
  it('counts persons, full-time persons and spells by the month rule in 2021', async () => {
    const m = (await kpi(store, request())).measures!;
    // Weeks: P1 4 + 4 + 3, P2 4 + 11, P3 10, P6 52.
    expect(m.persons).toBe(4);
    expect(m.fullTimePersons).toBeCloseTo(88 / 52, 12);
    expect(m.shareOfLabourForce).toBeCloseTo(88 / 52 / 1000, 12);
    expect(m.shareOfPopulation).toBeCloseTo(88 / 52 / 1300, 12);
    expect(m.averageWeeksPerPerson).toBe(22);
    // Stock at the start P3, P6; started P1 ×3, P2; ended P1 ×3, P2, P3; at the end P6.
    expect(m).toMatchObject({
      stockAtStart: 2,
      spellsStarted: 4,
      spellsEnded: 5,
      stockAtEnd: 1,
      spellsUnsettled: 0,
    });
    // 4, 4, 3 and 21 calendar weeks; P3's may have begun before the data.
    expect(m.averageDurationEndedWeeks).toBe(8);
    expect(m.endedByDuration).toEqual({
      '1-4': 3,
      '5-13': 0,
      '14-26': 1,
      '27-52': 0,
      '53-104': 1,
      '105+': 0,
    });
    // P6 at the end of 2021: 14 weeks of 2020 (a 53-week year) and 52 of 2021.
    expect(m.stockAtEndByDuration).toEqual({
      '1-4': 0,
      '5-13': 0,
      '14-26': 0,
      '27-52': 0,
      '53-104': 1,
      '105+': 0,
    });
    expect(m.personsBySpellsStarted).toEqual({ '1': 1, '2': 0, '3+': 1 });
  });

  it('finds the status 1, 3 and 12 months after, month ends clamped, and relapse', async () => {
    const m = (await kpi(store, request())).measures!;
    expect(m.statusAfter['1']).toEqual({ work: 1, education: 0, publicSupport: 0, outOfPopulation: 0 });
    // 3 months after P1's second spell (28 March → 28 June, W26) P1 is back on it.
    expect(m.statusAfter['3']).toEqual({ work: 0.8, education: 0, publicSupport: 0.2, outOfPopulation: 0 });
    // 12 months after P3's (14 March 2022) P3 is 67 and out of the population.
    expect(m.statusAfter['12']).toEqual({ work: 0.8, education: 0, publicSupport: 0, outOfPopulation: 0.2 });
    expect(m.statusAfterSpells).toEqual({ '1': 5, '3': 5, '6': 5, '12': 5 });
    // All five ended for work; P1's first two came back within 3 months.
    expect(m.relapse).toBe(0.4);
    expect(m.destinations).toEqual({ job: 5 });
  });

  it('counts activation, conversations and caseworkers', async () => {
    const m = (await kpi(store, request())).measures!;
    expect(m.activatedPersons).toBe(2);
    expect(m.fullTimeActivated).toBeCloseTo(20 / 52, 12);
    expect(m.activationRate).toBeCloseTo(20 / 88, 12);
    expect(m).toMatchObject({ activationsStarted: 2, activationsEnded: 2, averageActivationWeeks: 10 });
    expect(m.pricePerFullTimeActivated).toBeCloseTo(15_000 / (20 / 52), 6);
    expect(m.conversations).toBe(2);
    expect(m.conversationsPerPerson).toBe(0.5);
    expect(m.noShowShare).toBeCloseTo(1 / 3, 12);
    // P2's conversation in W11 is within 3 months of W10; P1's spells had none.
    expect(m.timelySpells).toBe(4);
    expect(m.timelyShare).toBe(0.25);
    expect(m.caseworkers).toBe(2);
    expect(m.personsPerCaseworker).toBe(2);
  });

  it('divides by 53 weeks in 2020', async () => {
    const answer = await kpi(store, request({ from: fromYyyyww(202001), to: fromYyyyww(202053) }));
    // P3 all 53 weeks, P6 W40-W53.
    expect(answer.measures!.fullTimePersons).toBeCloseTo(67 / 53, 12);
    expect(answer.measures!.stockAtStart).toBe(1);
  });

  it('reports the spells at the data’s end as unsettled, not ended', async () => {
    const m = (await kpi(store, request({ from: fromYyyyww(202201), to: fromYyyyww(202252) }))).measures!;
    // P6 ended in W20; P4 runs to the last week; P5's month without it is not whole in the data.
    expect(m).toMatchObject({ spellsEnded: 1, spellsUnsettled: 1, stockAtEnd: 2 });
  });

  it('keeps to the target group and splits by caseworker', async () => {
    expect((await kpi(store, request({ origin: 'vestlig' }))).measures!.persons).toBe(1);
    expect((await kpi(store, request({ durationBand: '1-4' }))).measures!.spellsEnded).toBe(3);
    const byCaseworker = await kpi(store, request({ level: 'caseworker' }));
    expect(byCaseworker.rows.map((r) => [r.key, r.measures.persons])).toEqual([
      ['cw1', 1],
      ['cw2', 1],
    ]);
    const own = await kpi(store, request({ level: 'caseworker', caseworker: 'cw2' }));
    expect(own.rows.map((r) => r.key)).toEqual(['cw2']);
  });

  it("keeps to one department's caseworkers, and refuses a department at the municipality level", async () => {
    const syg = await kpi(store, request({ level: 'caseworker', department: 'Syg' }));
    expect(syg.department).toBe('Syg');
    expect(syg.rows.map((r) => [r.key, r.measures.persons])).toEqual([
      ['cw1', 1],
      ['cw2', 1],
    ]);
    expect((await kpi(store, request({ level: 'caseworker', department: 'Job' }))).rows).toEqual([]);
    const department = await kpi(store, request({ level: 'department', department: 'Syg' }));
    expect(department.rows.map((r) => [r.key, r.measures.persons])).toEqual([['Syg', 2]]);
    await expect(kpi(store, request({ department: 'Syg' }))).rejects.toThrow(
      /department: expected only with level department or caseworker/,
    );
  });

  it('withholds figures on few persons', async () => {
    const answer = await kpi(store, request({ threshold: 5 }));
    expect(answer.measures!.persons).toBeNull();
    expect(answer.measures!.fullTimePersons).toBeNull();
    expect(answer.suppressed.withheld).toBeGreaterThan(10);
  });

  it('refuses what the data cannot answer', async () => {
    await expect(kpi(store, request({ benefit: 'kontanthjælp' }))).rejects.toThrow(
      /benefit: expected all or/,
    );
    // jobindsats' group of the kontanthjælp groups is known: nobody here has had it.
    expect((await kpi(store, request({ benefit: 'kontanthjaelp' }))).measures!.persons).toBe(0);
    await expect(kpi(store, request({ to: fromYyyyww(202301) }))).rejects.toThrow(
      /inside the data, 2020.* to 2022/,
    );
    await expect(kpi(store, request({ municipality: 147 }))).rejects.toThrow(/147 has no persons/);
  });
});

describe('GET /api/kpi', () => {
  const path = (query: string) =>
    `/api/kpi?municipality=101&benefit=sygedagpenge&from=202101&to=202152${query}`;
  const app = () => createApp({ config, rates: SHIPPED_RATES, store });

  it('answers the analyst as the command line does, and withholds few persons from a viewer', async () => {
    const analyst = await signIn(app(), store, 'analyst');
    const answer = (await (await analyst.request(path(''))).json()) as { measures: { persons: number } };
    expect(answer.measures).toEqual((await kpi(store, request())).measures);
    const viewer = await signIn(app(), store, 'viewer');
    const shown = (await (await viewer.request(path(''))).json()) as {
      measures: { persons: number | null };
      suppressed: { threshold: number };
    };
    expect(shown.measures.persons).toBeNull();
    expect(shown.suppressed.threshold).toBe(config.access.suppressionThreshold);
  });

  it('shows departments and caseworkers to a manager, only their own caseload to a caseworker', async () => {
    const viewer = await signIn(app(), store, 'viewer');
    expect((await viewer.request(path('&level=department'))).status).toBe(403);
    const manager = await signIn(app(), store, 'manager');
    const rows = (
      (await (await manager.request(path('&level=caseworker'))).json()) as { rows: { key: string }[] }
    ).rows;
    expect(rows.map((r) => r.key)).toEqual(['cw1', 'cw2']);
    const caseworker = await signIn(app(), store, 'caseworker', { username: 'cw2-user', caseworker: 'cw2' });
    const own = (await (await caseworker.request(path('&level=caseworker'))).json()) as {
      rows: { key: string }[];
    };
    expect(own.rows.map((r) => r.key)).toEqual(['cw2']);
    expect((await caseworker.request(path('&level=department'))).status).toBe(403);
    const none = (await (await manager.request(path('&level=caseworker&department=Job'))).json()) as {
      rows: unknown[];
    };
    expect(none.rows).toEqual([]);
  });

  it('answers a bad parameter with 400 and one the data cannot answer with 422', async () => {
    const analyst = await signIn(app(), store, 'analyst');
    expect((await analyst.request(path('&level=team'))).status).toBe(400);
    const late = await analyst.request(
      '/api/kpi?municipality=101&benefit=sygedagpenge&from=202101&to=202301',
    );
    expect(late.status).toBe(422);
    expect(((await late.json()) as { error: string }).error).toMatch(/inside the data/);
  });
});

describe('jobinvest kpi', () => {
  const args = [
    'kpi',
    '--municipality',
    '101',
    '--benefit',
    'sygedagpenge',
    '--from',
    '202101',
    '--to',
    '202152',
  ];

  it('prints the contract as JSON: the rule and the measures, shares as fractions', async () => {
    const { code, out } = await runCli([...args, '--db', config.db, '--json'], dir);
    expect(code).toBe(0);
    const answer = JSON.parse(out) as { rule: { id: string }; measures: Record<string, unknown> };
    expect(answer.rule.id).toBe('jobindsats-month');
    expect(Object.keys(answer.measures)).toEqual(
      expect.arrayContaining([
        'persons',
        'fullTimePersons',
        'shareOfLabourForce',
        'stockAtStart',
        'stockAtEnd',
        'spellsStarted',
        'spellsEnded',
        'averageDurationEndedWeeks',
        'statusAfter',
      ]),
    );
    expect(answer.measures.statusAfter).toMatchObject({ '3': { work: 0.8, publicSupport: 0.2 } });
  });

  it('prints an array of { level, key, measures } below the municipality, and a table without --json', async () => {
    const rows = JSON.parse(
      (await runCli([...args, '--db', config.db, '--json', '--level', 'caseworker'], dir)).out,
    );
    expect(rows.map((r: { level: string; key: string }) => [r.level, r.key])).toEqual([
      ['caseworker', 'cw1'],
      ['caseworker', 'cw2'],
    ]);
    const table = await runCli([...args, '--db', config.db], dir);
    expect(table.out).toMatch(/Fuldtidspersoner\s+1,7/);
    const bad = await runCli(
      [
        ...args.slice(0, 3),
        '--benefit',
        'kontanthjælp',
        '--from',
        '202101',
        '--to',
        '202152',
        '--db',
        config.db,
      ],
      dir,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/expected all or one of kontanthjaelp, fleksjob, foertidspension, adagpenge/);
  });
});

describe('survival curves by inflow cohort', () => {
  it('are Kaplan-Meier curves of the spells started each year, ended spells events, running ones censored', async () => {
    const { cohorts } = await survivalByCohort(store, {
      municipality: 101,
      benefit: 'sygedagpenge',
      from: fromYyyyww(202101),
      to: fromYyyyww(202252),
      cohort: 'year',
      threshold: null,
    });
    // 2021: P1's three spells of 4, 4 and 3 weeks and P2's of 21, all ended: at 3 weeks 3/4 left,
    // at 4 weeks 1/4, at 21 none.
    const y2021 = cohorts.find((c) => c.cohort === '2021')!;
    expect(y2021.curve).toEqual([
      { weeks: 3, survival: 0.75, atRisk: 4 },
      { weeks: 4, survival: 0.25, atRisk: 3 },
      { weeks: 21, survival: 0, atRisk: 1 },
    ]);
    expect(y2021).toMatchObject({ spells: 4, ended: 4, medianWeeks: 4 });
    expect(y2021.survivalAt).toEqual({ '4': 0.25, '13': 0.25, '26': 0, '52': 0, '104': 0 });
    // 2022: P4 and P5 have not ended: censored at the data's last week, no event.
    const y2022 = cohorts.find((c) => c.cohort === '2022')!;
    expect(y2022).toMatchObject({ spells: 2, ended: 0, medianWeeks: null });
    expect(y2022.survivalAt['4']).toBe(1);
  });

  it('withholds a cohort of few spells from a role with suppression, and answers over HTTP', async () => {
    const viewer = await signIn(createApp({ config, rates: SHIPPED_RATES, store }), store, 'viewer');
    const answer = (await (
      await viewer.request('/api/kpi/survival?municipality=101&benefit=sygedagpenge&from=202101&to=202252')
    ).json()) as {
      cohorts: { cohort: string; spells: number | null }[];
      suppressed: { threshold: number | null; withheld: number };
    };
    expect(answer.cohorts.map((c) => [c.cohort, c.spells])).toEqual([
      ['2021', null],
      ['2022', null],
    ]);
    expect(answer.suppressed).toEqual({ threshold: 5, withheld: 2 });
  });
});

describe('the measures month by month', () => {
  it('counts each of the last whole months as any period', async () => {
    // The data end in 2022-W52 (Thursday 29 December): December is whole. October is W40-W43 (P4:
    // 4 weeks), November W44-W47 (P4 4, P5 W45-W47 3: 7 person-weeks of 2 persons), December
    // W48-W52 (P4 5, P5 W48 1: 6 of 2).
    const { months } = await kpiSeries(
      store,
      { municipality: 101, benefit: 'sygedagpenge', level: 'municipality', threshold: null },
      null,
      3,
    );
    expect(
      months.map((m) => [m.year, m.month, m.from, m.to, m.figures.persons, m.figures.fullTimePersons]),
    ).toEqual([
      [2022, 10, 202240, 202243, 1, 1],
      [2022, 11, 202244, 202247, 2, 7 / 4],
      [2022, 12, 202248, 202252, 2, 6 / 5],
    ]);
    // As many months as the data hold, no more: 2020-W01 (Thursday 2 January) begins January 2020.
    const all = await kpiSeries(
      store,
      { municipality: 101, benefit: 'sygedagpenge', level: 'municipality', threshold: null },
      null,
      60,
    );
    expect(all.months).toHaveLength(36);
    expect(all.months[0]).toMatchObject({ year: 2020, month: 1, from: 202001 });
  }, 60_000);

  it('answers over HTTP with small figures withheld, a caseworker their own caseload only', async () => {
    const app = createApp({ config, rates: SHIPPED_RATES, store });
    const viewer = await signIn(app, store, 'viewer');
    const shown = (await (
      await viewer.request('/api/kpi/series?municipality=101&benefit=sygedagpenge&months=3&ageGroup=40-44')
    ).json()) as { months: { figures: Record<string, number | null> }[]; forecast: unknown };
    expect(shown.months.map((m) => m.figures.persons)).toEqual([null, null, null]);
    // A target group has no forecast: the forecast is of the whole municipality's groups.
    expect(shown.forecast).toBeNull();
    const caseworker = await signIn(app, store, 'caseworker');
    const refused = await caseworker.request(
      '/api/kpi/series?municipality=101&benefit=sygedagpenge&level=department',
    );
    expect(refused.status).toBe(403);
    for (const months of [0, 61])
      expect(
        (await viewer.request(`/api/kpi/series?municipality=101&benefit=sygedagpenge&months=${months}`))
          .status,
      ).toBe(400);
  }, 60_000);
});
