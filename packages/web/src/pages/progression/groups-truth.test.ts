import type { DemoTruth, GroupProgress, GroupsAnswer } from '@jobinvest/core';
import { describe, expect, it } from 'vitest';
import { truthComparison } from './groups-truth.ts';

const truth: DemoTruth = {
  modelVersion: 'synthetic-3',
  hazardRatioPerPoint: {},
  caseworkerChangeHazardRatio: 0.78,
  orientationHighVsLowHazardRatio: 1.32,
  interventionReadiness: { virksomhedspraktik: 0.68, mentor: 0.2 },
  meanReadinessAtMeasurement: {
    kontanthjaelp_aktivitetsparat: -0.8,
    ressourceforloeb: -1.3,
    jobafklaring: -0.6,
  },
};
const group = (
  name: string,
  means: number[],
  movement: GroupProgress['movement'] = { persons: 10, up: 0.3, same: 0.4, down: 0.3 },
): GroupProgress => ({
  group: name,
  label: name,
  quarters: means.map((m, i) => ({
    quarter: `2026-Q${i + 1}`,
    persons: 10,
    means: { health: m, network: null },
  })),
  movement,
});
const answer = (by: GroupsAnswer['by'], groups: GroupProgress[]): GroupsAnswer => ({
  municipality: 101,
  by,
  respondent: 'caseworker',
  groups,
  suppression: { threshold: 5, applied: true },
});

describe("the groups against the demo's truth", () => {
  it('ranks the benefit groups by their mean score and by the true readiness, withheld means left out', () => {
    const rows = truthComparison(
      answer('benefit', [
        group('ressourceforloeb', [2.0, 2.2]),
        group('jobafklaring', [2.9, 3.1]),
        group('kontanthjaelp_aktivitetsparat', [2.6]),
        group('sygedagpenge', [3.5]),
      ]),
      truth,
    )!;
    expect(rows.map((r) => [r.group, r.measured, r.measuredRank, r.trueRank])).toEqual([
      ['jobafklaring', 3, 1, 1],
      ['kontanthjaelp_aktivitetsparat', 2.6, 2, 2],
      ['ressourceforloeb', 2.1, 3, 3],
    ]);
  });

  it('ranks the interventions by up less down, none at zero, and shows a wrong order as such', () => {
    const rows = truthComparison(
      answer('intervention', [
        group('none', [3], { persons: 50, up: 0.2, same: 0.6, down: 0.2 }),
        group('mentor', [3], { persons: 20, up: 0.5, same: 0.3, down: 0.2 }),
        group('virksomhedspraktik', [3], { persons: 20, up: 0.4, same: 0.4, down: 0.2 }),
        group('loentilskud', [3], { persons: null, up: null, same: null, down: null }),
      ]),
      truth,
    )!;
    expect(rows.map((r) => [r.group, r.measuredRank, r.trueRank])).toEqual([
      ['virksomhedspraktik', 2, 1],
      ['mentor', 1, 2],
      ['none', 3, 3],
    ]);
    expect(rows[1]!.measured).toBeCloseTo(0.3, 12);
  });

  it('has nothing to compare for departments or caseworkers', () => {
    expect(truthComparison(answer('department', [group('Jobcenter', [3])]), truth)).toBeNull();
  });
});
