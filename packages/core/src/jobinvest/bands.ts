/**
 * The 80 % and 95 % bands of a forecast, from the replications of the microsimulation.
 *
 * A band is made of one sample: the figure of every replication, a replication in which nobody is
 * in the group that year counting 0 (leaving those out moved the bands of small groups up, above
 * their mean). Both bands are R's type-7 quantiles of that one sorted sample, which rise with the
 * probability, so the 80 % band lies inside the 95 % band by construction.
 *
 * The line drawn with the bands is the mean of the same replications. The mean of a skewed count
 * (a handful of persons, most replications 0 and a few 1 or 2) can lie outside the central 80 %,
 * and, when more than 97.5 % of the replications agree on one value, even outside the central
 * 95 %. The 95 % band is therefore widened to reach the mean where it does not already: it still
 * holds at least 95 % of the replications, and the line never leaves it. The 80 % band is left
 * as the central 80 %; the page says that a mean can lie outside it.
 */

import { sampleInterval } from './replications.ts';

export interface Bands {
  readonly band80: readonly [number, number];
  readonly band95: readonly [number, number];
}

/**
 * The central 80 % and 95 % intervals of `sample` (type-7 quantiles, as R's default), the 95 %
 * widened to `mean` where the mean lies outside it; `null` for fewer than 2 values.
 */
export function nestedBands(sample: readonly number[], mean: number): Bands | null {
  const band80 = sampleInterval(sample, 0.8);
  const band95 = sampleInterval(sample, 0.95);
  if (!band80 || !band95) return null;
  return { band80, band95: [Math.min(band95[0], mean), Math.max(band95[1], mean)] };
}

/** The figures of one benefit group in one year of one replication. */
export interface ReplicationFigures {
  readonly year: number;
  readonly state: string;
  readonly fullTimePersons: number;
  readonly municipalNet: number;
}

/**
 * Each (year, group)'s figures over the replications, in replication order: `fullTimePersons[r]`
 * and `municipalNet[r]` of replication r, 0 where replication r had nobody in the group that year.
 * Keyed `year|state`, for every year and group that any replication has, and any in `alsoKeys`.
 */
export function replicationSamples(
  replications: readonly (readonly ReplicationFigures[])[],
  alsoKeys: readonly string[] = [],
): Map<string, { fullTimePersons: number[]; municipalNet: number[] }> {
  const samples = new Map<string, { fullTimePersons: number[]; municipalNet: number[] }>();
  const R = replications.length;
  const sampleOf = (key: string) => {
    let s = samples.get(key);
    if (!s)
      samples.set(
        key,
        (s = { fullTimePersons: new Array<number>(R).fill(0), municipalNet: new Array<number>(R).fill(0) }),
      );
    return s;
  };
  for (const key of alsoKeys) sampleOf(key);
  replications.forEach((rows, r) => {
    for (const row of rows) {
      const s = sampleOf(`${row.year}|${row.state}`);
      s.fullTimePersons[r] = row.fullTimePersons;
      s.municipalNet[r] = row.municipalNet;
    }
  });
  return samples;
}
