/**
 * Seeded pseudo-random numbers for the synthetic population: xoshiro128** (Blackman & Vigna 2018),
 * seeded through splitmix32. The core has no `Math.random`: every draw comes from a stream that a
 * seed and a stream number fix, so the same options and seed give the same population bit for bit.
 *
 * Every person has a stream of their own (`streamRng(seed, stream, index)`), so a person's history
 * does not depend on how many draws the persons before them used, nor on how the writer chunks them.
 */

/** The output function of splitmix32 (MurmurHash3's fmix32): a well-mixed unsigned 32-bit value of `x`. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const GOLDEN = 0x9e3779b9;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator in the given state (four 32-bit words, not all zero); `Rng.seeded` is the usual way in. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0)
      throw new RangeError('xoshiro128** needs a state that is not all zero');
  }

  /** The four words of state from four successive splitmix32 outputs of `seed`. */
  static seeded(seed: number): Rng {
    let s = seed >>> 0;
    const next = () => {
      s = (s + GOLDEN) | 0;
      return mix32(s);
    };
    const words = [next(), next(), next(), next()] as const;
    return words.every((w) => w === 0) ? new Rng(1, 0, 0, 0) : new Rng(...words);
  }

  /** The next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer on 0..n-1. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Uniform integer on min..max, both included. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Standard normal by Box-Muller (one of the pair; the other is discarded for simplicity). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1], so the logarithm is finite
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Index drawn from probabilities that sum to 1 (the last index takes any rounding remainder). */
  pick(probabilities: readonly number[]): number {
    const u = this.uniform();
    let cumulative = 0;
    for (let k = 0; k < probabilities.length - 1; k++) {
      cumulative += probabilities[k]!;
      if (u < cumulative) return k;
    }
    return probabilities.length - 1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Stream numbers: one per kind of draw, so adding a kind never shifts another's numbers. */
export const STREAM = {
  person: 1,
  municipality: 2,
  peers: 3,
  /** The peer extract's spell and activation figures (durations, status after, activation rate). */
  peerOutcomes: 4,
  /** The progression measurements of person i: readiness, scores, channels, cadence (model synthetic-3). */
  progression: 5,
  /** The job orientation of caseworker n of municipality m: index m · 1,000,000 + n. */
  caseworkerOrientation: 6,
} as const;

/** The generator of item `index` of stream `stream` under `seed`: independent of all other items. */
export function streamRng(seed: number, stream: number, index: number): Rng {
  return Rng.seeded(mix32(mix32(seed ^ mix32(Math.imul(stream, GOLDEN))) + Math.imul(index + 1, GOLDEN)));
}
