import { describe, expect, it } from 'vitest';
import {
  FRAMEWORK_VARIABLES,
  clusterOf,
  frameworkWeights,
  similarMunicipalities,
  standardise,
  type MunicipalityConditions,
} from './peers.ts';

/** Only unemployment and local jobs count (and ageOver50, which does not vary). */
const twoVariables = { lowEducation: 0, nonWesternOrigin: 0, publicSupport: 0 };

/**
 * unemployment 1, 3, 1, 3: mean 2, population sd 1, z = −1, +1, −1, +1.
 * localJobs 5, 5, 15, 15: mean 10, population sd 5, z = −1, −1, +1, +1.
 * ageOver50 0.3 everywhere: no spread, z = 0.
 * (With the sample sd, √(4/3), the z-scores would be ±0.866 and every distance below 0.866 times as long.)
 */
const rows: MunicipalityConditions[] = [
  { code: 153, values: { unemployment: 3, localJobs: 15, ageOver50: 0.3 } },
  { code: 151, values: { unemployment: 1, localJobs: 15, ageOver50: 0.3 } },
  { code: 147, values: { unemployment: 3, localJobs: 5, ageOver50: 0.3 } },
  { code: 101, values: { unemployment: 1, localJobs: 5, ageOver50: 0.3 } },
];

describe('standardise', () => {
  it('standardises with the population standard deviation, and gives 0 where nothing varies', () => {
    const { mean, standardDeviation, z } = standardise([1, 3, 1, 3]);
    expect([mean, standardDeviation, ...z]).toEqual([2, 1, -1, 1, -1, 1]);
    expect([...standardise([0.3, 0.3]).z]).toEqual([0, 0]);
    // The mean of three 0.1 is 0.10000000000000002; the values still do not vary.
    expect(standardise([0.1, 0.1, 0.1])).toEqual({
      mean: 0.10000000000000002,
      standardDeviation: 0,
      z: new Float64Array(3),
    });
  });
});

describe('similarMunicipalities (weighted nearest neighbours on framework conditions)', () => {
  it('ranks by distance, equal distances by code, without the own municipality', () => {
    // From 101 at z (−1, −1): 147 at (+1, −1) is √(2²) = 2 away, 151 at (−1, +1) also 2,
    // 153 at (+1, +1) is √(2² + 2²) = √8.
    const peers = similarMunicipalities({ own: 101, rows, weights: twoVariables });
    expect(peers.map((p) => p.code)).toEqual([147, 151, 153]);
    expect(peers[0]!.distance).toBeCloseTo(2, 12);
    expect(peers[1]!.distance).toBeCloseTo(2, 12);
    expect(peers[2]!.distance).toBeCloseTo(Math.sqrt(8), 12);
    expect(peers[0]!.contributions).toEqual({
      ageOver50: 0,
      lowEducation: 0,
      nonWesternOrigin: 0,
      publicSupport: 0,
      localJobs: 0,
      unemployment: 4,
    });
  });

  it('weighs the squared differences: unemployment four times as heavy turns the order', () => {
    // 147: √(4 × 2²) = 4; 151: √(1 × 2²) = 2; 153: √(4 × 4 + 4) = √20.
    const peers = similarMunicipalities({ own: 101, rows, weights: { ...twoVariables, unemployment: 4 } });
    expect(peers.map((p) => [p.code, p.distance])).toEqual([
      [151, 2],
      [147, 4],
      [153, Math.sqrt(20)],
    ]);
    expect(peers[2]!.contributions.unemployment).toBeCloseTo(16, 12);
    expect(peers[2]!.contributions.localJobs).toBeCloseTo(4, 12);
  });

  it('returns the count nearest, and all others when there are fewer', () => {
    expect(
      similarMunicipalities({ own: 153, rows, weights: twoVariables, count: 2 }).map((p) => p.code),
    ).toEqual([147, 151]);
    expect(similarMunicipalities({ own: 153, rows, weights: twoVariables })).toHaveLength(3);
  });

  it('names the municipality and the variable when a weighted value is missing', () => {
    expect(() => similarMunicipalities({ own: 101, rows })).toThrow(
      'municipality 153: no value for lowEducation, whose weight is 1 (give it, or weigh it 0)',
    );
  });

  it('refuses negative weights, all weights 0, an unknown variable, and a missing own row', () => {
    expect(() => frameworkWeights({ localJobs: -1 })).toThrow(
      'weights.localJobs: expected a finite number ≥ 0, found -1',
    );
    expect(() => frameworkWeights(Object.fromEntries(FRAMEWORK_VARIABLES.map((v) => [v.id, 0])))).toThrow(
      'weights: expected at least one weight above 0, found all 0',
    );
    expect(() => frameworkWeights({ income: 1 } as never)).toThrow(
      'weights: "income" is not a framework variable',
    );
    expect(() => similarMunicipalities({ own: 999, rows, weights: twoVariables })).toThrow(
      'rows: expected a row for the own municipality 999, found none',
    );
  });
});

describe('FRAMEWORK_VARIABLES', () => {
  it('names every variable in Danish and English', () => {
    expect(FRAMEWORK_VARIABLES.map((v) => v.id)).toEqual([
      'ageOver50',
      'lowEducation',
      'nonWesternOrigin',
      'publicSupport',
      'localJobs',
      'unemployment',
    ]);
    for (const v of FRAMEWORK_VARIABLES) {
      expect(v.name.da.length).toBeGreaterThan(0);
      expect(v.description.en.length).toBeGreaterThan(0);
    }
  });
});

describe('clusterOf (a cluster table people edit)', () => {
  const table = [
    { code: 240, cluster: 'Klynge 1' },
    { code: 230, cluster: 'Klynge 1' },
    { code: 101, cluster: 'Klynge 2' },
    { code: 223, cluster: 'Klynge 1' },
  ];

  it('gives the other members of the own municipality’s cluster, in code order', () => {
    expect(clusterOf(240, table)).toEqual([223, 230]);
    expect(clusterOf(101, table)).toEqual([]);
  });

  it('refuses a municipality in two clusters and an own municipality not in the table', () => {
    expect(() => clusterOf(240, [...table, { code: 230, cluster: 'Klynge 2' }])).toThrow(
      'cluster table: municipality 230 appears more than once (in Klynge 1 and Klynge 2)',
    );
    expect(() => clusterOf(147, table)).toThrow('expected a row for the own municipality 147');
  });
});
