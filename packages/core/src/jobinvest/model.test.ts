import { describe, expect, it } from 'vitest';
import { MODEL_DURATION_BANDS } from './covariates.ts';
import type { TransitionCell } from './data.ts';
import { Hazards } from './hazards.ts';
import { estimateModel } from './model.ts';

/** Cells of one state in every duration band: `exits(band)` moves out of `trials` person-weeks. */
function cells(
  state: string,
  trials: number,
  exits: (band: number) => Record<string, number>,
): TransitionCell[] {
  return MODEL_DURATION_BANDS.map((_, band) => ({
    state,
    band,
    ageGroup: '30-34',
    sex: 'K',
    origin: 'dansk',
    priorBand: '0',
    quarter: 1,
    period: '0',
    municipality: 101,
    trials,
    exits: exits(band),
  }));
}

function weeklyProbabilities(model: ReturnType<typeof estimateModel>, state: string, band: number) {
  const hazards = new Hazards(model, { municipality: 101 });
  const p = new Float64Array(hazards.states.length);
  const s = hazards.stateIndex(state);
  hazards.rates(s, band, 3, 1, { sex: 'K', origin: 'dansk', priorBand: '0' }, p, 0);
  hazards.probabilities(s, p, 0, null, new Uint8Array(p.length));
  return (state2: string) => p[hazards.stateIndex(state2)]!;
}

describe('estimateModel', () => {
  const band22 = MODEL_DURATION_BANDS.findIndex((b) => b.label === '22');
  const band104 = MODEL_DURATION_BANDS.findIndex((b) => b.label === '104');

  it('keeps a move that rules allow in one week only in that week (a structural zero elsewhere)', () => {
    const model = estimateModel(
      cells('sygedagpenge', 10_000, (band): Record<string, number> =>
        band === band22 ? { job: 500, jobafklaring: 4000 } : { job: 500 },
      ),
    );
    expect(weeklyProbabilities(model, 'sygedagpenge', band22)('jobafklaring')).toBeCloseTo(0.4, 3);
    expect(weeklyProbabilities(model, 'sygedagpenge', 0)('jobafklaring')).toBe(0);
    expect(weeklyProbabilities(model, 'sygedagpenge', 0)('job')).toBeCloseTo(0.05, 4);
  });

  it('gives back a weekly probability near 1 where nearly everyone moves', () => {
    const model = estimateModel(
      cells('adagpenge', 10_000, (band): Record<string, number> =>
        band === band104 ? { job: 3000, kontanthjaelp_jobparat: 6999 } : { job: 300 },
      ),
    );
    const p = weeklyProbabilities(model, 'adagpenge', band104);
    expect(p('job') + p('kontanthjaelp_jobparat')).toBeCloseTo(0.9999, 4);
    expect(p('kontanthjaelp_jobparat')).toBeCloseTo(0.7, 3);
  });
});
