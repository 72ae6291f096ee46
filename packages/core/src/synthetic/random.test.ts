import { describe, expect, it } from 'vitest';
import { Rng, STREAM, streamRng } from './random.ts';

describe('the seeded random source (xoshiro128**)', () => {
  // Worked by hand from Blackman & Vigna's reference next(): result = rotl(s1 * 5, 7) * 9, then the state update.
  it('gives 11520, 0, 5927040, 70819200 from the state (1, 2, 3, 4), as the reference algorithm does', () => {
    const rng = new Rng(1, 2, 3, 4);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      11520, 0, 5927040, 70819200,
    ]);
  });

  it('refuses the all-zero state, from which xoshiro never leaves', () => {
    expect(() => new Rng(0, 0, 0, 0)).toThrow(RangeError);
  });

  it('repeats a stream for the same seed, stream and index and differs for another index or seed', () => {
    const draw = (seed: number, index: number) => {
      const rng = streamRng(seed, STREAM.person, index);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(42, 7)).toEqual(draw(42, 7));
    expect(draw(42, 8)).not.toEqual(draw(42, 7));
    expect(draw(43, 7)).not.toEqual(draw(42, 7));
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12 (200,000 draws, 5 standard errors)', () => {
    const rng = Rng.seeded(2024);
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      sumSquares += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.001);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('picks index k with probability p_k (chi-square, 3 degrees of freedom, below the 99.9 % point 16.27)', () => {
    const rng = Rng.seeded(7);
    const p = [0.1, 0.2, 0.3, 0.4];
    const n = 100_000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[rng.pick(p)]!++;
    const chiSquare = counts.reduce((sum, c, k) => sum + (c - n * p[k]!) ** 2 / (n * p[k]!), 0);
    expect(chiSquare).toBeLessThan(16.27);
  });

  it('draws standard normals with mean 0 and variance 1 (100,000 draws)', () => {
    const rng = Rng.seeded(11);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });
});
