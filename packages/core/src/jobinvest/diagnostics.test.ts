import { describe, expect, it } from 'vitest';
import { MODEL_AGE_GROUPS, MODEL_DURATION_BANDS } from './covariates.ts';
import type { TransitionCell } from './data.ts';
import { ownDiagnostics } from './diagnostics.ts';
import { constantRateModel } from './test-models.ts';

const RATE = 0.05;
const model = constantRateModel({ sygedagpenge: { job: RATE }, kontanthjaelp_jobparat: { job: 0.01 } });

/** A cell of sick-pay weeks in band `band` of municipality 825. */
function cell(band: number, trials: number): TransitionCell {
  return {
    state: 'sygedagpenge',
    band,
    ageGroup: MODEL_AGE_GROUPS[2]!,
    sex: 'K',
    origin: 'dansk',
    priorBand: '0',
    quarter: 1,
    period: '0',
    municipality: 825,
    trials,
    exits: { job: 1 },
  };
}

describe('ownDiagnostics', () => {
  it("gives the Kaplan-Meier curve of the municipality's own spells, with those at risk", () => {
    // Three spells: a move after 1 week, one censored after 2, a move after 3. R:
    // survfit(Surv(c(1, 2, 3), c(1, 0, 1)) ~ 1) has S = 2/3 at 1 and 0 at 3.
    const [d] = ownDiagnostics(
      model,
      [cell(0, 6)],
      [
        { state: 'sygedagpenge', weeks: 1, events: 1, censored: 0 },
        { state: 'sygedagpenge', weeks: 2, events: 0, censored: 1 },
        { state: 'sygedagpenge', weeks: 3, events: 1, censored: 0 },
      ],
    );
    expect(d!.state).toBe('sygedagpenge');
    expect(d!.spells).toBe(3);
    expect(d!.moves).toBe(2);
    const observed = d!.survival.slice(0, 5).map((p) => p.observed);
    expect(observed[0]).toBe(1);
    expect(observed[1]).toBeCloseTo(2 / 3, 12);
    expect(observed[2]).toBeCloseTo(2 / 3, 12);
    expect(observed[3]).toBe(0);
    expect(observed[4]).toBeNull();
    expect(d!.survival.slice(0, 5).map((p) => p.atRisk)).toEqual([3, 3, 2, 1, 0]);
  });

  it("predicts with the model on the municipality's own weeks, and leaves out states it has no spell in", () => {
    const cells = MODEL_DURATION_BANDS.map((_, band) => cell(band, 100));
    const diagnostics = ownDiagnostics(model, cells, [
      { state: 'sygedagpenge', weeks: 10, events: 5, censored: 5 },
    ]);
    expect(diagnostics.map((d) => d.state)).toEqual(['sygedagpenge']);
    // A constant rate of 0.05 a week leaves exp(−0.05 · 26) on the benefit after 26 weeks.
    expect(diagnostics[0]!.survival[26]!.predicted).toBeCloseTo(Math.exp(-RATE * 26), 12);
  });
});
