/**
 * The smallest hazard ratio on a grid at which a rising function of it reaches 0: the break-even
 * effect (the NPV, invest.ts) and the effect that gives N percentage points more in work.
 *
 * Each value costs a projection, so the search is a sequence of rounds, each asking for the values
 * at a few ratios (at most two, which two workers compute side by side) given all values known so
 * far, from whatever source: a server that keeps the projections of earlier searches hands them in
 * and is asked for fewer. The answer does not depend on which values were known: it is the smallest
 * ratio k · step of the grid with f ≥ 0, settled once f < 0 is known at or above the grid point
 * below it (f rises with the ratio). So the answer is the exact root rounded up to the grid: at
 * most one step above it.
 *
 * A round: from the bracket [lo, hi] of the known values nearest the root (f(lo) < 0 ≤ f(hi)),
 * estimate the root in log ratio (where these functions are nearly linear) by the secant through the
 * two known points of smallest |f|, or, when those two lie on one side of the root, by the inverse
 * quadratic through them and the bracket's other end; with four or more values known (a server keeps
 * the projections of a session: a change of the cost searches again among them), by the inverse
 * cubic through the four of smallest |f|; kept inside the bracket. Ask for the two grid
 * points around the estimate: they settle the answer when they straddle the root and, when not, give
 * the slope there for the next round: two or three rounds usually do. Without a bracket the secant
 * extrapolates, and the grid's ends are asked for once the estimate passes them. From round 8 on the
 * estimate is the bracket's middle instead (bisection), which always ends.
 */

export interface Grid {
  /** Grid spacing of the ratio: the answer is a multiple of it. */
  readonly step: number;
  /** Smallest and largest grid index considered (ratios lowest · step … highest · step). */
  readonly lowest: number;
  readonly highest: number;
  /**
   * What f ≥ 0 already at the lowest ratio means: that ratio is the answer (`'lowest'`), or there is
   * none in the range (`null`).
   */
  readonly atLowest: 'lowest' | null;
}

export type GridStep =
  | { readonly done: true; readonly ratio: number | null }
  | { readonly done: false; readonly ask: readonly number[] };

/** The ratio of grid index k, computed one way everywhere so that the same ratio is the same number. */
export function gridRatio(grid: Grid, k: number): number {
  return k / Math.round(1 / grid.step);
}

/** The largest grid index whose ratio is at most `ratio`. */
function indexAtOrBelow(grid: Grid, ratio: number): number {
  let k = Math.floor(ratio / grid.step + 1e-9);
  while (gridRatio(grid, k) > ratio) k -= 1;
  while (gridRatio(grid, k + 1) <= ratio) k += 1;
  return k;
}

/** The next round of the search: the ratios to evaluate, or the answer. */
export function gridSearchStep(known: ReadonlyMap<number, number>, grid: Grid, round: number): GridStep {
  const bottom = gridRatio(grid, grid.lowest);
  const top = gridRatio(grid, grid.highest);
  const points = [...known]
    .filter(([r, f]) => r >= bottom && r <= top && Number.isFinite(f))
    .sort(([a], [b]) => a - b);
  const atBottom = known.get(bottom);
  if (atBottom !== undefined && atBottom >= 0)
    return { done: true, ratio: grid.atLowest === 'lowest' ? bottom : null };
  const atTop = known.get(top);
  if (atTop !== undefined && atTop < 0) return { done: true, ratio: null };

  // The bracket: the first known point with f ≥ 0, and the last one below it with f < 0.
  const hiPoint = points.find(([, f]) => f >= 0);
  const below = points.filter(([r, f]) => f < 0 && (!hiPoint || r < hiPoint[0]));
  const loPoint = below.at(-1);
  // Grid indices that are still open: above lo's (f < 0 at and below it) and below hi (f ≥ 0 from it on).
  const kLo = loPoint ? indexAtOrBelow(grid, loPoint[0]) : grid.lowest - 1;
  const kTop = hiPoint
    ? indexAtOrBelow(grid, hiPoint[0]) -
      (gridRatio(grid, indexAtOrBelow(grid, hiPoint[0])) === hiPoint[0] ? 1 : 0)
    : grid.highest;
  // None open: the next grid point above lo is at or above hi, the answer.
  if (hiPoint && kTop <= kLo) return { done: true, ratio: gridRatio(grid, kLo + 1) };

  const x = Math.log;
  // The secant through the two known points of smallest |f|.
  const nearest = [...points].sort(([, a], [, b]) => Math.abs(a) - Math.abs(b)).slice(0, 2);
  let secant = NaN;
  if (nearest.length === 2) {
    const [[r0, f0], [r1, f1]] = nearest as [[number, number], [number, number]];
    if (f1 !== f0) secant = x(r0) - (f0 * (x(r1) - x(r0))) / (f1 - f0);
  }
  let estimate: number;
  if (loPoint && hiPoint) {
    const [lo, hi] = [x(loPoint[0]), x(hiPoint[0])];
    // Those two and the bracket's end on the other side of 0, if they are on one side: the inverse
    // quadratic through the three follows the curve's bend, which the secant (a Newton step when the
    // two are a grid step apart) misses by the square of its distance.
    const sides = new Set(nearest.map(([, f]) => f >= 0));
    const third = sides.size === 1 ? (sides.has(true) ? loPoint : hiPoint) : null;
    const quadratic = third && nearest.length === 2 ? inverseInterpolation([...nearest, third]) : NaN;
    // With more values known (a server that kept earlier searches' projections: another cost, say),
    // the cubic through the four nearest the root, whose error is of the fourth order.
    const cubic =
      points.length >= 4
        ? inverseInterpolation([...points].sort(([, a], [, b]) => Math.abs(a) - Math.abs(b)).slice(0, 4))
        : NaN;
    const inside = (e: number) => e > lo && e < hi;
    estimate =
      round >= 8
        ? (lo + hi) / 2
        : inside(cubic)
          ? cubic
          : inside(quadratic)
            ? quadratic
            : inside(secant)
              ? secant
              : (lo + hi) / 2;
  } else if (!loPoint && !hiPoint) {
    estimate = x(1.05);
  } else {
    // All known values on one side of 0: a tenth past the secant's crossing, or, without one, as far
    // again as the known points span (at least 0.05 in log ratio), until an end of the grid is passed
    // and asked for.
    const rising = !hiPoint;
    const from = x(rising ? loPoint![0] : hiPoint![0]);
    const span = Math.abs(from - x(rising ? points[0]![0] : points.at(-1)![0]));
    const ahead =
      Number.isFinite(secant) && (rising ? secant > from : secant < from) ? Math.abs(secant - from) * 1.1 : 0;
    const step = ahead > 0 ? Math.max(ahead, 0.01) : Math.max(span, 0.05);
    estimate = rising ? from + step : from - step;
    if (rising && estimate >= x(top)) return { done: false, ask: [top] };
    if (!rising && estimate <= x(bottom)) return { done: false, ask: [bottom] };
  }
  // The two grid points around the estimate, among the open ones.
  const k = Math.min(Math.max(indexAtOrBelow(grid, Math.exp(estimate)) + 1, kLo + 1), kTop);
  const ask = [k - 1, k].filter((i) => i > kLo && i <= kTop && !known.has(gridRatio(grid, i)));
  return { done: false, ask: ask.map((i) => gridRatio(grid, i)) };
}

/**
 * Where the polynomial x(f) through the points (x in log ratio, degree one less than their number)
 * crosses f = 0 (Lagrange's form); NaN if two share a value.
 */
function inverseInterpolation(points: readonly (readonly [number, number])[]): number {
  let x = 0;
  for (const [i, [ri, fi]] of points.entries()) {
    let weight = Math.log(ri);
    for (const [j, [, fj]] of points.entries()) {
      if (j === i) continue;
      if (fi === fj) return NaN;
      weight *= fj / (fj - fi);
    }
    x += weight;
  }
  return x;
}

/** The search run to its end with `valueAt` (one call per ratio asked), from the values in `known`. */
export function gridSearch(
  grid: Grid,
  valueAt: (ratio: number) => number,
  known: ReadonlyMap<number, number> = new Map(),
): number | null {
  const values = new Map(known);
  for (let round = 0; ; round++) {
    const step = gridSearchStep(values, grid, round);
    if (step.done) return step.ratio;
    for (const ratio of step.ask) values.set(ratio, valueAt(ratio));
  }
}
