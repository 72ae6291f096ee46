import { describe, expect, it } from 'vitest';
import { fitGlm } from '../regression/glm.ts';
import { Rng } from '../synthetic/random.ts';
import { fitPoissonFactors } from './poisson-factors.ts';

describe('fitPoissonFactors', () => {
  // fitGlm stops at glm.control's relative deviance change of 1e-8, so agreement is to ~1e-8.
  it('gives the estimates and covariance of fitGlm (validated against R) on a sparse factor design', () => {
    const rng = Rng.seeded(21);
    // Two factors with 4 and 3 levels (reference level 0 of each): columns 1-3 and 4-5.
    const truth = [-3, 0.4, -0.3, 0.8, 0.2, -0.5];
    const codes: number[][] = [];
    const events: number[] = [];
    const exposure: number[] = [];
    for (let r = 0; r < 300; r++) {
      const a = rng.int(4);
      const b = rng.int(3);
      const row = [a > 0 ? a : -1, b > 0 ? 3 + b : -1];
      const e = 20 + rng.int(200);
      const mu = e * Math.exp(truth[0]! + (a > 0 ? truth[a]! : 0) + (b > 0 ? truth[3 + b]! : 0));
      let y = 0;
      for (let k = 0; k < e; k++) if (rng.uniform() < mu / e) y++;
      codes.push(row);
      events.push(y);
      exposure.push(e);
    }
    const fit = fitPoissonFactors({ codes, events, exposure, p: 6 });
    const columns = truth.map((_, j) => codes.map((row) => (j === 0 || row.includes(j) ? 1 : 0)));
    const glm = fitGlm({
      x: { names: ['(Intercept)', 'a1', 'a2', 'a3', 'b1', 'b2'], columns, hasIntercept: true },
      response: { events, exposure },
      family: 'poisson',
    });
    expect(fit.converged).toBe(true);
    fit.coefficients.forEach((c, j) => expect(c).toBeCloseTo(glm.coefficients[j]!.coef, 7));
    fit.covariance.forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(glm.covariance[i]![j]!, 7)),
    );
    expect(fit.deviance).toBeCloseTo(glm.deviance, 6);
  });

  it('refuses a column without exposure instead of returning nonsense', () => {
    expect(() =>
      fitPoissonFactors({ codes: [[-1], [-1]], events: [3, 4], exposure: [10, 10], p: 2 }),
    ).toThrow(/singular/);
  });
});
