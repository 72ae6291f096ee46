import { describe, expect, it } from 'vitest';
import { closedToNewWeeks } from '../benefit-rules.ts';
import { fromYyyyww } from '../weeks.ts';
import { Hazards } from './hazards.ts';
import { competingProbabilities, constantRateModel } from './test-models.ts';

const profile = { sex: 'K', origin: 'dansk', priorBand: '0' };

const closedModel = {
  ...constantRateModel({ sygedagpenge: { job: 0.05, ressourceforloeb: 0.01, jobafklaring: 0.02 } }),
  closedFrom: closedToNewWeeks(),
};

/** Next week's probabilities from `state` for a move landing in `week` (YYYYWW). */
function nextWeek(week: number, state: string): Record<string, number> {
  const hazards = new Hazards(closedModel, { municipality: null });
  const s = hazards.stateIndex(state);
  const p = new Float64Array(hazards.states.length);
  hazards.rates(s, 1, 3, 1, profile, p, hazards.eraOf(fromYyyyww(week)));
  hazards.probabilities(s, p, 0, null, new Uint8Array(hazards.states.length));
  return Object.fromEntries(hazards.states.map((name, j) => [name, p[j]!]).filter(([, v]) => v !== 0));
}

describe('hazards under the benefit rules', () => {
  it('has an era before and one from 2026-W06 (the merges close no destination of the model)', () => {
    const hazards = new Hazards(closedModel, { municipality: null });
    expect(hazards.eraStarts).toEqual([-Infinity, fromYyyyww(202606)]);
    expect(hazards.eraOf(fromYyyyww(202605))).toBe(0);
    expect(hazards.eraOf(fromYyyyww(202606))).toBe(1);
    expect(hazards.closedFrom[hazards.stateIndex('ressourceforloeb')]).toBe(fromYyyyww(202606));
    expect(hazards.closedFrom[hazards.stateIndex('jobafklaring')]).toBe(Infinity);
  });

  it('moves persons into ressourceforløb in the weeks before 2026-W06', () => {
    const p = nextWeek(202605, 'sygedagpenge');
    const expected = competingProbabilities({ job: 0.05, ressourceforloeb: 0.01, jobafklaring: 0.02 });
    expect(p.ressourceforloeb).toBeCloseTo(expected.ressourceforloeb!, 12);
  });

  it('moves no one into ressourceforløb from 2026-W06 on: the persons stay, the other moves are as before', () => {
    const p = nextWeek(202606, 'sygedagpenge');
    const expected = competingProbabilities({ job: 0.05, jobafklaring: 0.02 });
    expect(p.ressourceforloeb).toBeUndefined();
    expect(p.job).toBeCloseTo(expected.job!, 12);
    expect(p.jobafklaring).toBeCloseTo(expected.jobafklaring!, 12);
    expect(p.sygedagpenge).toBeCloseTo(Math.exp(-0.07), 12);
  });
});

describe('probability tables under an effect', () => {
  const model = constantRateModel({ kontanthjaelp_forhoejet: { job: 0.01, sygedagpenge: 0.002 } });
  const hazards = new Hazards(model, { municipality: null });
  const s = hazards.stateIndex('kontanthjaelp_forhoejet');
  const job = hazards.stateIndex('job');

  it('gives under each effect what competing rates with the job rate multiplied give, kept or worked out', () => {
    const table = hazards.table(profile, ['job'], 0);
    const scratch = new Float64Array(hazards.states.length);
    // More effects than a table keeps (EFFECTS_KEPT = 4), each asked for twice, in turns, kept and worked out.
    const ratios = [1.3, 0.7, 2, 1.1, 1.6, 3];
    for (let round = 0; round < 4; round++)
      for (const ratio of ratios) {
        const effect = { toDestinations: ratio, relapse: 1 };
        // Kept by the table, or worked out into scratch space (`at` answers where in `values`).
        let p: Float64Array;
        if (round % 2) {
          const o = table.at(s, 1, 3, 2, effect, scratch);
          expect(table.values).toBe(scratch);
          p = scratch.subarray(o);
        } else p = table.get(s, 1, 3, 2, effect);
        const expected = competingProbabilities({ job: 0.01 * ratio, sygedagpenge: 0.002 });
        expect(p[job]).toBeCloseTo(expected.job!, 14);
        expect(p[s]).toBeCloseTo(Math.exp(-(0.01 * ratio + 0.002)), 14);
      }
    // Without an effect, as before any effect was asked for.
    expect(table.get(s, 1, 3, 2)[job]).toBeCloseTo(
      competingProbabilities({ job: 0.01, sygedagpenge: 0.002 }).job!,
      14,
    );
  });
});
