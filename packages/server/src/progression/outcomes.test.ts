import { CASEWORKER_INDICATORS, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';
import { normalizeConfig, type Config } from '../config.ts';
import { closeStore, GENERATED_FILES, generatedStore, importFile, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { outcomePersons } from './outcomes.ts';
import { prepareProgression } from './prepare.ts';

let store: Store;
let config: Config;
let outDir = '';
let municipality = 0;
const code = () => String(municipality).padStart(3, '0');

/**
 * Measurements per the contract's tables, written in SQL as an import would: every 13 weeks of each
 * spell on a benefit, the caseworker's eleven scores from a hash (belief answer 1 rare), a search
 * channel on most; a caseworker per person, and company placements for every third person.
 */
async function addMeasurements(): Promise<void> {
  const items = CASEWORKER_INDICATORS.map((k) => `('${k}')`).join(', ');
  await store.write(async (c) => {
    await c.run(`
INSERT INTO measurements
WITH s AS (
  SELECT person_id, first_week, last_week FROM spells
  WHERE benefit NOT IN ('job', 'su', 'out', '(unmapped)') AND weeks >= 13
), w AS (SELECT person_id, unnest(range(first_week, last_week + 1, 13)) AS week FROM s)
SELECT CAST(nextval('measurement_id_seq') AS INTEGER), person_id, ${municipality}, 'bip-1',
       DATE '1970-01-01' + CAST(7 * week - 3 AS INTEGER), week, 'cw' || (person_id % 12),
       CASE WHEN hash(person_id, week) % 20 = 0 THEN 'draft' ELSE 'final' END, 'import', NULL, 'test',
       TIMESTAMP '2026-01-01 00:00:00'
FROM w ORDER BY person_id, week`);
    await c.run(`
INSERT INTO measurement_answers
SELECT m.measurement_id, 'caseworker', i.item,
       CASE WHEN i.item = 'caseworkerBelief' AND hash(m.measurement_id) % 40 <> 0
            THEN 2 + CAST(hash(m.measurement_id, i.item) % 4 AS INTEGER)
            ELSE 1 + CAST(hash(m.measurement_id, i.item) % 5 AS INTEGER) END
FROM measurements m, (VALUES ${items}) i(item)`);
    await c.run(`
INSERT INTO measurement_answers
SELECT measurement_id, 'citizen', CASE WHEN hash(measurement_id) % 3 = 0 THEN 'channel:notSearching' ELSE 'channel:internet' END, 1
FROM measurements WHERE hash(measurement_id) % 5 <> 0`);
    await c.run(`
INSERT INTO caseworker_assignments
SELECT person_id, 'cw' || (person_id % 12), 'Jobcenter', min(week), NULL, 0 FROM measurements GROUP BY person_id`);
    await c.run(`
INSERT INTO interventions
SELECT person_id, 'virksomhedspraktik', min(week) + 5, min(week) + 17, 10000, 0
FROM measurements WHERE person_id % 3 = 0 GROUP BY person_id`);
  });
}

beforeAll(async () => {
  outDir = tempDir();
  ({ store, config } = await generatedStore({
    persons: 2000,
    municipalities: 1,
    fromYear: 2021,
    toYear: 2024,
    seed: 16,
    outDir,
    db: join(outDir, 'outcomes.duckdb'),
  }));
  const [row] = await store.query<{ m: number }>(
    'SELECT municipality AS m FROM person_municipalities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
  );
  municipality = row!.m;
  await addMeasurements();
}, 180_000);

afterAll(() => closeStore(join(outDir, 'outcomes.duckdb')));

async function app(role: Parameters<typeof signIn>[2], threshold = 5): Promise<SignedIn> {
  const config = normalizeConfig({ access: { suppressionThreshold: threshold } }, 'test');
  return signIn(createApp({ config, rates: SHIPPED_RATES, store }), store, role);
}

describe('the measured persons as the outcome analysis takes them', () => {
  it('reads the final measurements only, pivoted, with each person’s spells, placements and caseworker', async () => {
    const persons = await outcomePersons(store, municipality);
    const [counts] = await store.query<{ n: bigint; persons: bigint }>(
      `SELECT count(*) AS n, count(DISTINCT person_id) AS persons FROM measurements WHERE status = 'final'`,
    );
    expect(persons.length).toBe(Number(counts!.persons));
    expect(persons.reduce((s, p) => s + p.measurements.length, 0)).toBe(Number(counts!.n));
    const p = persons.find((x) => x.interventions.length > 0)!;
    expect(p.id % 3).toBe(0);
    expect(p.assignments).toHaveLength(1);
    expect(p.spells.some((s) => s.onSupport)).toBe(true);
    for (const m of p.measurements)
      for (const k of CASEWORKER_INDICATORS) expect(m.scores[k]).toBeGreaterThanOrEqual(1);
    const searching = persons.flatMap((x) => x.measurements.map((m) => m.searching));
    expect(searching).toContain(true);
    expect(searching).toContain(false);
    expect(searching).toContain(null);
  });
});

describe('the spells on support', () => {
  it('are cut where the recorded benefit changes, though today one group holds both, and only the last piece ends in work', async () => {
    const persons = await outcomePersons(store, municipality);
    const [merged] = await store.query<{ n: bigint }>(
      `SELECT count(*) AS n FROM spells WHERE person_id IN (SELECT person_id FROM measurements)
         AND benefit NOT IN ('job', 'su', 'out', '(unmapped)')`,
    );
    const pieces = persons.flatMap((p) => p.spells);
    expect(pieces.length).toBeGreaterThan(Number(merged!.n));
    for (const p of persons)
      p.spells.forEach((s, i) => {
        const next = p.spells[i + 1];
        if (next && next.first === s.last + 1) expect(s.toJob).toBe(false);
      });
  });
});

describe('measurements imported from another system', () => {
  it('are read as the importer stores them: the caseworker’s scores, the search channels, who measured', async () => {
    const [, first] = readFileSync(join(outDir, GENERATED_FILES.persons), 'utf8').split('\n');
    const cpr = first!.split(',')[0]!;
    const lines = ['person,date,questionnaire,respondent,item,score,caseworker,municipality'];
    for (const k of CASEWORKER_INDICATORS)
      lines.push(`${cpr},2022-03-01,bip-1,caseworker,${k},4,cw-imported,${code()}`);
    lines.push(`${cpr},2022-03-01,bip-1,citizen,channel:network,1,cw-imported,${code()}`);
    await importFile(config, 'measurements', writeTemp(tempDir(), 'measurements.csv', lines.join('\n')));
    const [person] = await store.query<{ person_id: number }>(
      `SELECT DISTINCT m.person_id FROM measurements m WHERE m.caseworker = 'cw-imported'`,
    );
    const read = (await outcomePersons(store, municipality)).find((p) => p.id === person!.person_id)!;
    const imported = read.measurements.find((m) => m.caseworker === 'cw-imported')!;
    expect(imported.scores).toEqual(Object.fromEntries(CASEWORKER_INDICATORS.map((k) => [k, 4])));
    expect(imported.searching).toBe(true);
  });
});

describe('the preparation after a start or an import', () => {
  it('fits the outcome models of the measured municipalities only, and stops when new data come', async () => {
    expect(await prepareProgression(store, [999, municipality], new AbortController().signal)).toBe(1);
    const stopped = new AbortController();
    stopped.abort();
    await expect(prepareProgression(store, [municipality], stopped.signal)).rejects.toThrow();
  }, 60_000);
});

describe('GET /api/progression/outcomes', () => {
  it('answers the hazard ratios per point, the discrimination and the belief table', async () => {
    const res = await (await app('analyst')).request(`/api/progression/outcomes?municipality=${code()}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      municipality: number;
      hazard: { perPoint: { indicator: string; hazardRatio: number; lower: number; upper: number }[] };
      discrimination: { job: { register: { auc: number }; indicators: { auc: number } } | null };
      caseworker: { belief: { answer: number; persons: number | null }[] };
      suppression: { threshold: number | null; applied: boolean };
    };
    expect(body.municipality).toBe(municipality);
    expect(body.hazard.perPoint).toHaveLength(11);
    for (const h of body.hazard.perPoint) expect(h.lower).toBeLessThan(h.upper);
    expect(body.discrimination.job?.indicators.auc).toBeGreaterThan(0);
    expect(body.caseworker.belief.map((b) => b.answer)).toEqual([1, 2, 3, 4, 5]);
    expect(body.suppression).toEqual({ threshold: null, applied: false });
  }, 60_000);

  it('withholds the belief cells on fewer persons than the threshold from a role with suppression', async () => {
    const seen = (await (
      await (await app('analyst')).request(`/api/progression/outcomes?municipality=${code()}`)
    ).json()) as { caseworker: { belief: { persons: number | null; share: number | null }[] } };
    const shown = (await (
      await (await app('viewer', 100)).request(`/api/progression/outcomes?municipality=${code()}`)
    ).json()) as {
      caseworker: { belief: { persons: number | null; share: number | null }[] };
      suppression: { threshold: number; applied: boolean };
    };
    const few = seen.caseworker.belief.map((b) => b.persons! > 0 && b.persons! < 100);
    expect(few).toContain(true);
    expect(few).toContain(false);
    expect(shown.caseworker.belief.map((b) => b.share === null)).toEqual(few);
    expect(shown.suppression).toEqual({ threshold: 100, applied: true });
  }, 60_000);

  it("refuses a municipality that is not the caller's, and a route without the role's permission", async () => {
    const config = normalizeConfig({}, 'test');
    const viewer = await signIn(createApp({ config, rates: SHIPPED_RATES, store }), store, 'viewer', {
      username: 'viewer-of-one',
      municipalities: [municipality],
    });
    expect((await viewer.request('/api/progression/outcomes?municipality=999')).status).toBe(403);
    const res = await viewer.request('/api/progression/value', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: code(), indicator: 'health', target: {} }),
    });
    expect(res.status).toBe(403);
  });
});

describe('POST /api/progression/value', () => {
  const post = async (body: unknown) =>
    (await app('economist')).request('/api/progression/value', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('prices a step up through the investment case engine: fewer weeks on support and kroner saved with a hazard ratio above 1', async () => {
    const res = await post({
      municipality: code(),
      indicator: 'health',
      share: 0.6,
      hazardRatio: 1.3,
      target: {},
    });
    expect(res.status).toBe(200);
    const v = (await res.json()) as {
      participants: number;
      targetGroupSize: number;
      hazardRatio: { applied: number; source: string };
      weeksOnSupport: { without: number; with: number; fewer: number };
      municipalNet: { without: number; with: number; saved: number };
      total: { weeksFewer: number; saved: number; npv: number };
      interval: unknown;
      years: unknown[];
      assumptions: { da: string; en: string }[];
    };
    expect(v.hazardRatio).toMatchObject({ applied: 1.3, source: 'given' });
    // Said in both languages, with Danish numbers in the Danish.
    expect(v.assumptions[0]!.da).toMatch(
      /^1 trin op på helbred og mestring af helbred .* 1,300 .* 60 % af deltagerne/,
    );
    expect(v.assumptions[0]!.en).toMatch(
      /^1 step up on health and coping with health .* 1\.300 .* 60 % of the participants/,
    );
    expect(v.participants).toBe(v.targetGroupSize);
    expect(v.weeksOnSupport.fewer).toBeGreaterThan(0);
    expect(v.weeksOnSupport.with).toBeLessThan(v.weeksOnSupport.without);
    expect(v.weeksOnSupport.without).toBeLessThanOrEqual(260);
    expect(v.municipalNet.saved).toBeGreaterThan(0);
    expect(v.total.weeksFewer).toBeCloseTo(v.participants * v.weeksOnSupport.fewer, 6);
    expect(v.total.npv).toBeGreaterThan(0);
    expect(v.interval).toBeNull();
    expect(v.years.length).toBeGreaterThanOrEqual(5);

    // Two steps for all participants move more than one step for 60 % of them; the share is linear.
    const twice = (await (
      await post({
        municipality: code(),
        indicator: 'health',
        steps: 2,
        share: 1,
        hazardRatio: 1.3,
        target: {},
      })
    ).json()) as typeof v;
    expect(twice.hazardRatio.applied).toBeCloseTo(1.69, 12);
    expect(twice.weeksOnSupport.fewer).toBeGreaterThan(v.weeksOnSupport.fewer / 0.6);
    const all = (await (
      await post({ municipality: code(), indicator: 'health', share: 1, hazardRatio: 1.3, target: {} })
    ).json()) as typeof v;
    expect(v.weeksOnSupport.fewer).toBeCloseTo(0.6 * all.weeksOnSupport.fewer, 8);
  }, 120_000);

  it("uses the municipality's outcome model and its interval when no hazard ratio is given", async () => {
    const res = await post({ municipality: code(), indicator: 'caseworkerBelief', target: {} });
    expect(res.status).toBe(200);
    const v = (await res.json()) as {
      hazardRatio: { perStep: number; lower: number; upper: number; source: string };
      interval: {
        lower: { weeksOnSupport: { fewer: number } };
        upper: { weeksOnSupport: { fewer: number } };
      };
      weeksOnSupport: { fewer: number };
    };
    expect(v.hazardRatio.source).toBe('outcome-model');
    expect(v.hazardRatio.lower).toBeLessThan(v.hazardRatio.perStep);
    expect(v.interval.lower.weeksOnSupport.fewer).toBeLessThan(v.weeksOnSupport.fewer);
    expect(v.interval.upper.weeksOnSupport.fewer).toBeGreaterThan(v.weeksOnSupport.fewer);
  }, 120_000);
});

describe('POST /api/progression/value for a caseworker', () => {
  const body = (target: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: code(), indicator: 'health', hazardRatio: 1.2, share: 1, target }),
  });

  it('prices a target group for a caseworker, refuses persons not theirs, and refuses a viewer', async () => {
    const caseworker = await app('caseworker');
    const [row] = await store.query<{ benefit: string }>(
      `SELECT benefit FROM spells WHERE benefit NOT IN ('job', 'su', 'out', '(unmapped)')
       GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const group = await caseworker.request('/api/progression/value', body({ benefit: row!.benefit }));
    expect(group.status).toBe(200);
    expect(
      ((await group.json()) as { weeksOnSupport: { fewer: number } }).weeksOnSupport.fewer,
    ).toBeGreaterThan(0);
    const [someone] = await store.query<{ pseudonym: string }>('SELECT pseudonym FROM persons LIMIT 1');
    const persons = await caseworker.request(
      '/api/progression/value',
      body({ persons: [someone!.pseudonym] }),
    );
    expect(persons.status).toBe(403);
    const viewer = await app('viewer');
    expect((await viewer.request('/api/progression/value', body({}))).status).toBe(403);
  }, 120_000);
});
