import { describe, expect, it } from 'vitest';
import { Rng } from '../synthetic/random.ts';
import { gridSearch, gridSearchStep, type Grid } from './grid-search.ts';
import { BREAK_EVEN_GRID, extraPointsGrid } from './invest.ts';

/** Rising functions of the hazard ratio with a known root, like an NPV in the log of it. */
const shapes: [string, (r: number) => number, number][] = [
  ['linear in log', (r) => 1e5 * Math.log(r) - 3.6e4, Math.exp(0.36)],
  ['bending down', (r) => 2e5 * (1 - r ** -1.5) - 7.6e4, (1 - 7.6e4 / 2e5) ** (-1 / 1.5)],
  ['bending up', (r) => 1e4 * (r * r - 1) - 2.5e4, Math.sqrt(3.5)],
  ['far out', (r) => 1e4 * Math.log(r) - 2.9e4, Math.exp(2.9)],
  ['below 1', (r) => 5e4 * Math.log(r) + 2e4, Math.exp(-0.4)],
];

/** The exact answer: the root rounded up to the grid. */
const onGrid = (root: number, grid: Grid) => Math.ceil(root / grid.step - 1e-9) * grid.step;

describe('gridSearch', () => {
  it('finds the root rounded up to the grid, in at most 4 rounds of 2 values from the values at 1 and 1.3', () => {
    for (const [name, f, root] of shapes) {
      const values = new Map([
        [1, f(1)],
        [1.3, f(1.3)],
      ]);
      let round = 0;
      for (; ; round++) {
        const step = gridSearchStep(values, BREAK_EVEN_GRID, round);
        if (step.done) {
          expect(step.ratio, name).toBeCloseTo(onGrid(root, BREAK_EVEN_GRID), 10);
          break;
        }
        expect(step.ask.length).toBeLessThanOrEqual(2);
        for (const r of step.ask) values.set(r, f(r));
      }
      expect(round, name).toBeLessThanOrEqual(4);
    }
  });

  it('mostly settles in one round after a change of the cost, from the values a session left', () => {
    // Far out, the effects tried lie too far apart on its curve for the round to be foreseen.
    for (const [name, f, root] of shapes.filter(([name]) => name !== 'far out')) {
      // What a calculator's session left: the effects tried (the arms of each), and one search's pair.
      const near = onGrid(root, BREAK_EVEN_GRID);
      const tried = [1, 0.8, 0.9, 1.1, 1.2, 1.3, 1.5].map((x) => Math.round(x * root * 1e4) / 1e4);
      const known = [...tried, near - BREAK_EVEN_GRID.step, near];
      const rounds: number[] = [];
      for (let i = 1; i <= 40; i++) {
        const shift = Math.sin(i * 7.3) * 0.15 * Math.abs(f(root * 1.3) - f(root));
        const g = (r: number) => f(r) - shift;
        const asked = new Map(known.map((r) => [r, g(r)]));
        let round = 0;
        for (; ; round++) {
          const step = gridSearchStep(asked, BREAK_EVEN_GRID, round);
          if (step.done) break;
          for (const r of step.ask) asked.set(r, g(r));
        }
        rounds.push(round);
      }
      // Two rounds where the root lies too near a grid point for the estimate to say on which side;
      // the inverse quadratic alone took 1.8 on average on the curve that bends up.
      expect(rounds.reduce((a, b) => a + b) / rounds.length, name).toBeLessThanOrEqual(1.6);
    }
  });

  it('gives the same answer whatever values were known before', () => {
    const rng = Rng.seeded(7);
    for (const [name, f] of shapes) {
      const fresh = gridSearch(BREAK_EVEN_GRID, f);
      for (let trial = 0; trial < 20; trial++) {
        const known = new Map<number, number>();
        for (let i = 0; i < 1 + rng.int(6); i++) {
          const r = Math.exp(Math.log(0.001) + rng.uniform() * Math.log(20_000));
          known.set(r, f(r));
        }
        expect(gridSearch(BREAK_EVEN_GRID, f, known), name).toBe(fresh);
      }
    }
  });

  it('settles at the grid point whose neighbour below is known to fall short', () => {
    const values = new Map([
      [1.4401, -0.5],
      [1.4402, 3],
    ]);
    expect(gridSearchStep(values, BREAK_EVEN_GRID, 0)).toEqual({ done: true, ratio: 1.4402 });
    // A root between two points that are not on the grid: the grid point between them.
    expect(
      gridSearchStep(
        new Map([
          [1.44013, -1],
          [1.44017, 2],
        ]),
        BREAK_EVEN_GRID,
        0,
      ),
    ).toEqual({
      done: true,
      ratio: 1.4402,
    });
  });

  it('answers the lowest ratio when even it reaches 0 (or none, as the grid says), and none when the highest does not', () => {
    expect(gridSearch(BREAK_EVEN_GRID, () => 5)).toBe(0.001);
    expect(gridSearch(extraPointsGrid(-10), () => 5)).toBeNull();
    expect(gridSearch(BREAK_EVEN_GRID, () => -5)).toBeNull();
    expect(gridSearch(BREAK_EVEN_GRID, (r) => (r < 19.99995 ? -1 : 1))).toBe(20);
  });

  it('ends, by bisection, on a function that jumps', () => {
    let calls = 0;
    const answer = gridSearch(BREAK_EVEN_GRID, (r) => {
      calls += 1;
      return r < 5.00003 ? -1e4 : 1e4;
    });
    expect(answer).toBe(5.0001);
    expect(calls).toBeLessThan(80);
  });
});
