import { describe, expect, it } from 'vitest';
import { Rng } from '../synthetic/random.ts';
import { nestedBands, replicationSamples } from './bands.ts';

describe('nestedBands', () => {
  it('gives the central 80 % and 95 % of the sample as R quantile type 7 does', () => {
    // 1 … 11: quantile(1:11, c(.025, .1, .9, .975)) in R is 1.25, 2, 10, 10.75.
    const sample = Array.from({ length: 11 }, (_, i) => i + 1);
    const { band80, band95 } = nestedBands(sample, 6)!;
    [2, 10].forEach((x, i) => expect(band80[i]).toBeCloseTo(x, 12));
    [1.25, 10.75].forEach((x, i) => expect(band95[i]).toBeCloseTo(x, 12));
  });

  it('widens the 95 % band to a mean that a rare tail pulls outside it, and leaves the 80 % band', () => {
    // 196 replications with nobody and 4 with one full-time person: the central 95 % is [0, 0],
    // the mean 0.02.
    const sample = [...new Array<number>(196).fill(0), 1, 1, 1, 1];
    expect(nestedBands(sample, 0.02)).toEqual({ band80: [0, 0], band95: [0, 0.02] });
  });

  it('has no bands for fewer than two replications', () => {
    expect(nestedBands([3], 3)).toBeNull();
  });

  it('nests the bands around the mean for skewed and symmetric samples alike', () => {
    const rng = Rng.seeded(11);
    for (let trial = 0; trial < 500; trial++) {
      const n = 2 + Math.floor(rng.uniform() * 300);
      // Counts from a rare event (mostly 0) to a common one, and a continuous spread.
      const rate = rng.uniform() ** 3 * 5;
      const sample = Array.from({ length: n }, () =>
        trial % 2 === 0 ? Math.floor(-Math.log(rng.uniform()) * rate) : 1000 + 50 * rng.normal(),
      );
      const mean = sample.reduce((a, b) => a + b, 0) / n;
      const { band80, band95 } = nestedBands(sample, mean)!;
      expect(band95[0]).toBeLessThanOrEqual(band80[0]);
      expect(band80[0]).toBeLessThanOrEqual(band80[1]);
      expect(band80[1]).toBeLessThanOrEqual(band95[1]);
      expect(band95[0]).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(band95[1]);
    }
  });
});

describe('replicationSamples', () => {
  it('counts 0 for a replication with nobody in the group that year', () => {
    // Efterløn in 2029 in one replication of three: the others had nobody left on it.
    const samples = replicationSamples(
      [
        [{ year: 2029, state: 'efterloen', fullTimePersons: 2, municipalNet: 0 }],
        [{ year: 2029, state: 'sygedagpenge', fullTimePersons: 1, municipalNet: 5000 }],
        [],
      ],
      ['2030|efterloen'],
    );
    expect(samples.get('2029|efterloen')).toEqual({ fullTimePersons: [2, 0, 0], municipalNet: [0, 0, 0] });
    expect(samples.get('2029|sygedagpenge')).toEqual({
      fullTimePersons: [0, 1, 0],
      municipalNet: [0, 5000, 0],
    });
    expect(samples.get('2030|efterloen')).toEqual({ fullTimePersons: [0, 0, 0], municipalNet: [0, 0, 0] });
  });
});
