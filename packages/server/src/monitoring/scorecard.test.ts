/**
 * The scorecard and the peers on the hand-counted store (test-helpers.ts: municipality 101, its
 * sygedagpenge full-time persons 88/52 in 2021 and 37/52 in 2022) beside a small jobindsats extract
 * of three peers and framework conditions of five municipalities, computed by hand.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromYyyyww, SHIPPED_RATES, toYyyyww } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../access/test-helpers.ts';
import { runCli, tempDir, writeTemp } from '../cli/test-helpers.ts';
import { readPdf } from '../exports/test-helpers.ts';
import { loadConfig, type Config } from '../config.ts';
import { importFile, storeOf, type Store } from '../data/index.ts';
import { createApp } from '../http/app.ts';
import {
  benchmarkOf,
  peersOf,
  runningYears,
  scorecardEnds,
  scorecardOf,
  wholeRunningYears,
} from './scorecard.ts';
import { importHandCounted } from './test-helpers.ts';

const dir = tempDir();
let store: Store;
let config: Config;

/** Peers' full-time persons a month and their share of the labour force in per cent: labour force 1000 each. */
const PEERS = { 147: [2, '0,2'], 151: [1, '0,1'], 153: [3, '0,3'] } as const;

beforeAll(async () => {
  config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  await importHandCounted(config, dir);
  const lines = ['Område;Periode;Ydelsesgrupper;Fuldtidspersoner;Andel af arbejdsstyrken (pct.)'];
  for (const [code, [fullTime, share]] of Object.entries(PEERS))
    for (const year of [2021, 2022])
      for (let month = 1; month <= 12; month++)
        lines.push(`${code};${year}M${String(month).padStart(2, '0')};Sygedagpenge;${fullTime};${share}`);
  await importFile(config, 'jobindsats', writeTemp(dir, 'jobindsats.csv', lines.join('\n')));
  // 101 is nearest 151 (only ageOver50 differs by 0.01), then 147, 153; 155 is far on everything.
  const conditions: Record<number, number[]> = {
    101: [0.3, 0.2, 0.1, 0.05, 0.8, 0.04],
    147: [0.32, 0.2, 0.1, 0.05, 0.8, 0.04],
    151: [0.31, 0.2, 0.1, 0.05, 0.8, 0.04],
    153: [0.3, 0.25, 0.1, 0.05, 0.8, 0.04],
    155: [0.5, 0.4, 0.3, 0.2, 0.3, 0.1],
  };
  const variables = [
    'ageOver50',
    'lowEducation',
    'nonWesternOrigin',
    'publicSupport',
    'localJobs',
    'unemployment',
  ];
  const framework = ['kommune;år;variabel;værdi'];
  for (const [code, values] of Object.entries(conditions))
    values.forEach((v, i) => framework.push(`${code};2022;${variables[i]};${String(v).replace('.', ',')}`));
  await importFile(config, 'framework', writeTemp(dir, 'framework.csv', framework.join('\n')));
  store = await storeOf(config);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runningYears', () => {
  it('ends with the month of the week’s Thursday and compares with the twelve months before', () => {
    // 2022-W48's Thursday is 1 December 2022.
    const years = runningYears(fromYyyyww(202248));
    expect([years.now.from, years.now.to].map(toYyyyww)).toEqual([202201, 202252]);
    expect([years.yearBefore.from, years.yearBefore.to].map(toYyyyww)).toEqual([202101, 202152]);
    // 2022-W30's Thursday is 28 July: August 2021 to July 2022.
    const july = runningYears(fromYyyyww(202230));
    expect([july.now.from, july.now.to].map(toYyyyww)).toEqual([202131, 202230]);
  });

  it('ends with the month before where the data end inside the month', () => {
    // Data to 2022-W49 (Thursday 8 December): December is not whole, so December 2021 to November 2022.
    const years = wholeRunningYears(fromYyyyww(202250), fromYyyyww(202249));
    expect([years.now.from, years.now.to].map(toYyyyww)).toEqual([202148, 202247]);
    expect(wholeRunningYears(fromYyyyww(202252), fromYyyyww(202252)).now.to).toBe(fromYyyyww(202252));
  });
});

describe('peers', () => {
  it('finds the most similar municipalities nearest first, and weights change the order', async () => {
    const peers = await peersOf(store, 101, { kind: 'similar' });
    expect(peers.codes).toEqual([151, 147, 153, 155]);
    expect(peers.year).toBe(2022);
    const byEducation = await peersOf(store, 101, {
      kind: 'similar',
      weights: { ageOver50: 0, lowEducation: 1 },
    });
    expect(byEducation.codes.slice(0, 2)).toEqual([147, 151]);
  });

  it('says how to get a cluster when the municipality is in none', async () => {
    await expect(peersOf(store, 101, { kind: 'cluster' })).rejects.toThrow(/101 is in no cluster/);
  });
});

describe('scorecardOf', { timeout: 120_000 }, () => {
  it('compares the running year with the peers’ figures, computed by hand', async () => {
    const answer = await scorecardOf(store, {
      municipality: 101,
      benefit: 'sygedagpenge',
      to: fromYyyyww(202248),
      peers: { kind: 'similar' },
      rates: SHIPPED_RATES,
      threshold: null,
      forecastReplications: 0,
    });
    expect(answer.period).toEqual({ from: 202201, to: 202252 });
    // The extract holds 2021-2022: only a running year ending with December 2022 has its 24 months.
    expect(answer.endWeeks).toEqual([202252]);
    expect(
      await scorecardEnds(store, 'sygedagpenge', { first: fromYyyyww(202001), last: fromYyyyww(202251) }),
    ).toEqual([]);
    expect(
      await scorecardEnds(store, 'kontanthjaelp', { first: fromYyyyww(202001), last: fromYyyyww(202252) }),
    ).toEqual([]);
    expect(answer.peers.withFigures).toEqual([151, 147, 153]);
    expect(answer.own.fullTimePersons.now).toBeCloseTo(37 / 52, 12);
    expect(answer.own.fullTimePersons.yearBefore).toBeCloseTo(88 / 52, 12);
    expect(answer.cluster.fullTimePersons.now).toBeCloseTo(6, 12);
    expect(answer.cluster.labourForce.now).toBeCloseTo(3000, 9);
    const more = answer.scorecard.dimensions.flereIJob;
    expect(more.level.own).toBeCloseTo(37 / 52 / 1000, 12);
    expect(more.level.cluster).toBeCloseTo(0.002, 12);
    expect(more.level.assessment).toBe('better');
    expect(more.development.own).toBeCloseTo(37 / 88 - 1, 12);
    expect(more.development.cluster).toBeCloseTo(0, 12);
    expect(more.development.assessment).toBe('better');
    // The extract holds no durations: the dimension is unknown, not judged.
    expect(answer.scorecard.dimensions.hurtigereIJob.level.assessment).toBeNull();
  });

  it('is answered over HTTP, own figures on few persons withheld from a viewer', async () => {
    const app = createApp({ config, rates: SHIPPED_RATES, store });
    const path = '/api/scorecard?municipality=101&benefit=sygedagpenge&to=202248';
    const viewer = await signIn(app, store, 'viewer');
    const shown = (await (await viewer.request(path)).json()) as {
      own: { fullTimePersons: { now: number | null } };
      scorecard: { dimensions: { flereIJob: { level: { assessment: string | null } } } };
    };
    expect(shown.own.fullTimePersons.now).toBeNull();
    expect(shown.scorecard.dimensions.flereIJob.level.assessment).toBeNull();
    const analyst = await signIn(app, store, 'analyst');
    const answer = (await (await analyst.request(path)).json()) as { peers: { withFigures: number[] } };
    expect(answer.peers.withFigures).toEqual([151, 147, 153]);
    const peers = (await (
      await analyst.request('/api/peers?municipality=101&weights=ageOver50:0,lowEducation:1')
    ).json()) as {
      codes: number[];
    };
    expect(peers.codes.slice(0, 2)).toEqual([147, 151]);
    const unknown = await analyst.request('/api/peers?municipality=101&weights=height:1');
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string }).error).toMatch(
      /"height" is not a framework variable/,
    );
  });

  it('prints the PDF with the figures withheld from the role as "<5"; a role without export is refused', async () => {
    const app = createApp({ config, rates: SHIPPED_RATES, store });
    const path = '/api/scorecard/report?municipality=101&benefit=sygedagpenge&to=202248';
    // A manager may export but not see small numbers: 37/52 full-time persons are withheld.
    const manager = await signIn(app, store, 'manager');
    const res = await manager.request(path);
    expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
    const { pages, text, rows } = readPdf(join(dir, 'withheld.pdf'), new Uint8Array(await res.arrayBuffer()));
    expect(pages).toBe(1);
    expect(text).toContain('Flere i job');
    // Every own figure withheld, so no dimension judged; the cluster's figures shown.
    expect(text).toContain('Egen: <5 Klynge: 0,2 %');
    expect(text.match(/Egen: <5/g)).toHaveLength(10);
    expect(text.match(/\? Kan ikke/g)).toHaveLength(10);
    expect(text).toContain('75 tal hviler på færre end 5 personer og vises som "<5"');
    // The background table's rows as laid out (the figures on the measure's line): full-time persons
    // now, own withheld, cluster 6,0.
    const now = 'aktuel måling (uge 2022-01 – uge 2022-52)';
    expect(rows).toContain(`Antal fuldtidspersoner (anvendes til udvikling) <5 6,0 ${now}`);
    // The analyst sees them: 37/52 = 0,7 full-time persons.
    const analyst = await signIn(app, store, 'analyst');
    const unwithheld = readPdf(
      join(dir, 'unwithheld.pdf'),
      new Uint8Array(await (await analyst.request(path)).arrayBuffer()),
    );
    expect(unwithheld.rows).toContain(`Antal fuldtidspersoner (anvendes til udvikling) 0,7 6,0 ${now}`);
    // The viewer reads the scorecard but makes no exports.
    const viewer = await signIn(app, store, 'viewer');
    expect(
      (await viewer.request('/api/scorecard?municipality=101&benefit=sygedagpenge&to=202248')).status,
    ).toBe(200);
    expect((await viewer.request(path)).status).toBe(403);
  });

  it('prints the scorecard on the command line', async () => {
    const args = [
      'scorecard',
      '--db',
      config.db,
      '--municipality',
      '101',
      '--benefit',
      'sygedagpenge',
      '--to',
      '202248',
    ];
    const table = await runCli(args, dir);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Flere i job\s+0,1 %\s+0,2 %\s+\+/);
    const json = JSON.parse((await runCli([...args, '--json'], dir)).out) as { period: { from: number } };
    expect(json.period.from).toBe(202201);
    // The committee's PDF, the owner's figures unwithheld.
    const pdf = join(dir, 'scorecard.pdf');
    const written = await runCli([...args, '--pdf', pdf], dir);
    expect(written.code, written.err).toBe(0);
    expect(written.out).toContain(`to ${pdf}`);
    const printed = readPdf(pdf);
    expect(printed.pages).toBe(1);
    expect(printed.text).toContain('Scorecard: Sygedagpenge');
  });
});

describe('benchmarkOf', () => {
  it('fits expected support across the municipalities: the expected add up to the actual, ranks 1 to n', async () => {
    // Ten municipalities: all public support a month and the population 16-66, and their conditions.
    const codes = [101, 147, 151, 153, 155, 157, 159, 161, 163, 165];
    const lines = ['Område;Periode;Ydelsesgrupper;Fuldtidspersoner;Befolkningen 16-66 år'];
    const framework = ['kommune;år;variabel;værdi'];
    const variables = [
      'ageOver50',
      'lowEducation',
      'nonWesternOrigin',
      'publicSupport',
      'localJobs',
      'unemployment',
    ];
    codes.forEach((code, k) => {
      for (let month = 1; month <= 12; month++)
        lines.push(
          `${code};2022M${String(month).padStart(2, '0')};Offentligt forsørgede i alt;${100 + 13 * k + (k % 3) * 20};${2000 + 100 * k}`,
        );
      variables.forEach((v, i) =>
        framework.push(
          `${code};2022;${v};${String((((k + 1) * (i + 2) * 37) % 17) / 100).replace('.', ',')}`,
        ),
      );
    });
    await importFile(config, 'jobindsats', writeTemp(dir, 'all.csv', lines.join('\n')));
    await importFile(config, 'framework', writeTemp(dir, 'framework-all.csv', framework.join('\n')));
    const { benchmark, period } = await benchmarkOf(store, {
      municipality: 101,
      to: fromYyyyww(202248),
      rates: SHIPPED_RATES,
    });
    expect(period).toEqual({ from: 202201, to: 202252 });
    expect(benchmark.rows).toHaveLength(10);
    const sum = (f: (r: (typeof benchmark.rows)[number]) => number) =>
      benchmark.rows.reduce((a, r) => a + f(r), 0);
    // A binomial GLM with an intercept and the canonical link fits the total exactly.
    expect(sum((r) => r.expectedFullTimePersons)).toBeCloseTo(
      sum((r) => r.actualFullTimePersons),
      6,
    );
    expect(benchmark.rows.map((r) => r.rank).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of benchmark.rows) {
      expect(r.differencePersons).toBeCloseTo(r.actualFullTimePersons - r.expectedFullTimePersons, 9);
      expect(r.actualShare).toBeCloseTo(r.actualFullTimePersons / r.population, 12);
    }
    expect(benchmark.rows.find((r) => r.code === 101)!.actualFullTimePersons).toBe(100);
  });
});
