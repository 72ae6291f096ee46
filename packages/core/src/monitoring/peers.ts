/**
 * Municipalities like us: the peers a job centre compares its results with, chosen on framework
 * conditions (rammevilkår), the things a job centre does not control. KL's scorecard compares a
 * municipality with its cluster (klynge) of job centres with similar framework conditions; Sweden's
 * Kolada ("liknande kommuner") lets the user pick the most similar municipalities with weights of
 * their own, and Germany's IAB groups job centres into comparison types (Vergleichstypen) on the
 * same kind of variables. This module gives both: weighted nearest neighbours, and a cluster table
 * that people edit themselves.
 *
 * Nearest neighbours: each variable is standardised across all the rows given (the municipality's
 * own row included) to a z-score with the population standard deviation, z = (x − mean) / sd, so
 * that a share and a ratio weigh alike; a variable with no spread has every z 0 and contributes
 * nothing. The distance of municipality i from our own is the weighted Euclidean
 * √Σ wᵥ·(zᵢᵥ − z_own,ᵥ)², and the nearest `count` other municipalities are returned, nearest first,
 * equal distances by code so that the list does not depend on the order of the rows. Weights
 * default to 1; a weight of 0 leaves a variable out (its values may then be missing).
 *
 * `publicSupport` is itself a result of the job centre's work as well as a framework condition; it
 * is offered because Kolada and the IAB types use the level of support among their variables, and
 * can be weighted 0 when peers should be chosen on conditions alone.
 */

import type { Sentence } from '../language.ts';

export type FrameworkVariable =
  'ageOver50' | 'lowEducation' | 'nonWesternOrigin' | 'publicSupport' | 'localJobs' | 'unemployment';

export interface FrameworkVariableInfo {
  readonly id: FrameworkVariable;
  readonly name: Sentence;
  readonly description: Sentence;
}

/** The framework conditions, in the order they are shown. Shares are fractions (0.25 for 25 %). */
export const FRAMEWORK_VARIABLES: readonly FrameworkVariableInfo[] = [
  {
    id: 'ageOver50',
    name: { da: 'andel 50-66-årige', en: 'share aged 50-66' },
    description: {
      da: 'De 50-66-årige som andel af indbyggerne på 16-66 år.',
      en: 'Residents aged 50-66 as a share of the residents aged 16-66.',
    },
  },
  {
    id: 'lowEducation',
    name: { da: 'andel med grundskole som højeste uddannelse', en: 'share with basic schooling only' },
    description: {
      da: 'De 25-66-årige, hvis højeste fuldførte uddannelse er grundskolen, som andel af alle 25-66-årige.',
      en: 'Residents aged 25-66 whose highest completed education is basic schooling, as a share of all aged 25-66.',
    },
  },
  {
    id: 'nonWesternOrigin',
    name: { da: 'andel med ikke-vestlig oprindelse', en: 'share of non-Western origin' },
    description: {
      da: 'Indvandrere og efterkommere fra ikke-vestlige lande som andel af indbyggerne på 16-66 år.',
      en: 'Immigrants and descendants from non-Western countries as a share of the residents aged 16-66.',
    },
  },
  {
    id: 'publicSupport',
    name: { da: 'andel på offentlig forsørgelse', en: 'share on public support' },
    description: {
      da: 'Fuldtidspersoner på offentlig forsørgelse som andel af indbyggerne på 16-66 år.',
      en: 'Full-time persons on public support as a share of the residents aged 16-66.',
    },
  },
  {
    id: 'localJobs',
    name: { da: 'arbejdspladser pr. indbygger', en: 'local jobs per resident' },
    description: {
      da: 'Arbejdspladser i kommunen pr. indbygger på 16-66 år.',
      en: 'Jobs at workplaces in the municipality per resident aged 16-66.',
    },
  },
  {
    id: 'unemployment',
    name: { da: 'bruttoledighed', en: 'gross unemployment rate' },
    description: {
      da: 'Registrerede bruttoledige som andel af arbejdsstyrken.',
      en: 'Registered gross unemployed as a share of the labour force.',
    },
  },
];

const VARIABLE_IDS: readonly FrameworkVariable[] = FRAMEWORK_VARIABLES.map((v) => v.id);

/** One municipality's framework conditions; a variable may be missing where its weight is 0. */
export interface MunicipalityConditions {
  readonly code: number;
  readonly values: Readonly<Partial<Record<FrameworkVariable, number>>>;
}

export interface SimilarMunicipality {
  readonly code: number;
  /** √Σ wᵥ·(zᵥ − z_own,ᵥ)², in weighted standard deviations. */
  readonly distance: number;
  /** Each variable's wᵥ·(zᵥ − z_own,ᵥ)²: they sum to distance², so they show what sets it apart. */
  readonly contributions: Readonly<Record<FrameworkVariable, number>>;
}

/** The weight of every variable: 1 unless given; each must be finite and ≥ 0, and not all 0. */
export function frameworkWeights(
  weights: Readonly<Partial<Record<FrameworkVariable, number>>> = {},
): Record<FrameworkVariable, number> {
  for (const key of Object.keys(weights))
    if (!VARIABLE_IDS.includes(key as FrameworkVariable))
      throw new RangeError(`weights: "${key}" is not a framework variable (${VARIABLE_IDS.join(', ')})`);
  const full = Object.fromEntries(VARIABLE_IDS.map((id) => [id, weights[id] ?? 1])) as Record<
    FrameworkVariable,
    number
  >;
  for (const id of VARIABLE_IDS)
    if (!Number.isFinite(full[id]) || full[id] < 0)
      throw new RangeError(`weights.${id}: expected a finite number ≥ 0, found ${full[id]}`);
  if (VARIABLE_IDS.every((id) => full[id] === 0))
    throw new RangeError('weights: expected at least one weight above 0, found all 0');
  return full;
}

/**
 * The `count` municipalities nearest to `own` on the framework conditions (weighted Euclidean
 * distance of z-scores, population standard deviation), nearest first, equal distances by code.
 * Fewer are returned when `rows` hold fewer other municipalities.
 */
export function similarMunicipalities(input: {
  own: number;
  rows: readonly MunicipalityConditions[];
  weights?: Readonly<Partial<Record<FrameworkVariable, number>>>;
  count?: number;
}): SimilarMunicipality[] {
  const { own, rows } = input;
  const count = input.count ?? 10;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count: expected a whole number ≥ 1, found ${count}`);
  const weights = frameworkWeights(input.weights);
  const seen = new Set<number>();
  for (const row of rows) {
    if (seen.has(row.code)) throw new RangeError(`rows: municipality ${row.code} appears more than once`);
    seen.add(row.code);
  }
  const ownIndex = rows.findIndex((row) => row.code === own);
  if (ownIndex < 0) throw new RangeError(`rows: expected a row for the own municipality ${own}, found none`);

  const used = VARIABLE_IDS.filter((id) => weights[id] > 0);
  const z = new Map<FrameworkVariable, Float64Array>();
  for (const id of used) {
    const values = rows.map((row) => {
      const value = row.values[id];
      if (value === undefined)
        throw new RangeError(
          `municipality ${row.code}: no value for ${id}, whose weight is ${weights[id]} (give it, or weigh it 0)`,
        );
      if (!Number.isFinite(value))
        throw new RangeError(`municipality ${row.code}, ${id}: expected a finite number, found ${value}`);
      return value;
    });
    z.set(id, standardise(values).z);
  }

  const neighbours = rows.flatMap((row, i): SimilarMunicipality[] => {
    if (i === ownIndex) return [];
    const contributions = Object.fromEntries(VARIABLE_IDS.map((id) => [id, 0])) as Record<
      FrameworkVariable,
      number
    >;
    let squared = 0;
    for (const id of used) {
      const column = z.get(id)!;
      const difference = column[i]! - column[ownIndex]!;
      contributions[id] = weights[id] * difference * difference;
      squared += contributions[id];
    }
    return [{ code: row.code, distance: Math.sqrt(squared), contributions }];
  });
  neighbours.sort((a, b) => a.distance - b.distance || a.code - b.code);
  return neighbours.slice(0, count);
}

/** A variable standardised over the rows: its mean, population sd, and z = (x − mean) / sd, all 0 where it does not vary. */
export interface Standardised {
  readonly mean: number;
  readonly standardDeviation: number;
  readonly z: Float64Array;
}

/**
 * Standardise `values` with the population standard deviation (divisor n, not n − 1). Equal values
 * are found by comparing them, not by the computed sd: the mean of 98 values 0.1 is
 * 0.09999999999999981, and the rounding left would otherwise blow up to z-scores of about ±1.
 */
export function standardise(values: readonly number[]): Standardised {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const varies = values.some((v) => v !== values[0]);
  const standardDeviation = varies
    ? Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n)
    : 0;
  const z = Float64Array.from(values, (v) => (standardDeviation > 0 ? (v - mean) / standardDeviation : 0));
  return { mean, standardDeviation, z };
}

/**
 * The other members of `own`'s cluster in a cluster table people edit (as KL's scorecard uses the
 * ministry's clusters of job centres), in code order; each municipality in at most one cluster.
 */
export function clusterOf(
  own: number,
  table: readonly { readonly code: number; readonly cluster: string | number }[],
): number[] {
  const clusterByCode = new Map<number, string | number>();
  for (const row of table) {
    if (clusterByCode.has(row.code))
      throw new RangeError(
        `cluster table: municipality ${row.code} appears more than once (in ${String(clusterByCode.get(row.code))} and ${String(row.cluster)})`,
      );
    clusterByCode.set(row.code, row.cluster);
  }
  const cluster = clusterByCode.get(own);
  if (cluster === undefined)
    throw new RangeError(`cluster table: expected a row for the own municipality ${own}, found none`);
  return table
    .filter((row) => row.cluster === cluster && row.code !== own)
    .map((row) => row.code)
    .sort((a, b) => a - b);
}
