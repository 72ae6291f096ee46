import { describe, expect, it } from 'vitest';
import { SHIPPED_RATES } from '../rates.ts';
import { fromYyyyww } from '../weeks.ts';
import { CostTable } from './costing.ts';
import { evaluateInvestment } from './evaluate.ts';
import {
  CASE_REPLICATIONS,
  chunkReplications,
  PARAMETER_DRAWS,
  preciseEnough,
  QUICK_REPLICATIONS,
  REPLICATION_STAGES,
  replicationStages,
  quickReplications,
  replicationArmSteps,
  replicationChunks,
  replicationDraws,
  withReplications,
  type ReplicationChunk,
} from './replications.ts';
import { StaircaseTracker } from './staircase-tracker.ts';
import { constantRateModel } from './test-models.ts';

const covered = (chunks: readonly ReplicationChunk[]) => chunks.flatMap(chunkReplications);

describe('replicationChunks', () => {
  it('covers replications 0 … n − 1 once each, in chunks of one parameter draw (r mod 20)', () => {
    for (const n of [1, 7, 20, 33, 100, 200, 640, 1000]) {
      const rs = covered(replicationChunks(n));
      expect([...rs].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, r) => r));
      for (const chunk of replicationChunks(n))
        for (const r of chunkReplications(chunk)) expect(r % PARAMETER_DRAWS).toBe(chunk.draw);
    }
  });

  it('takes fewer replications for a first estimate of a larger or longer case, in whole rounds of the draws', () => {
    expect(quickReplications(CASE_REPLICATIONS, 100, 260)).toBe(100);
    expect(quickReplications(CASE_REPLICATIONS, 100, 520)).toBe(40);
    expect(quickReplications(CASE_REPLICATIONS, 517, 260)).toBe(20);
    expect(quickReplications(CASE_REPLICATIONS, 5000, 520)).toBe(20);
    expect(quickReplications(CASE_REPLICATIONS, 10, 52)).toBe(100);
    expect(quickReplications(30, 100, 260)).toBe(30);
    const first = replicationChunks(40);
    expect(replicationChunks(CASE_REPLICATIONS, 40).slice(0, first.length)).toEqual(
      replicationChunks(40, 40),
    );
    expect(first.every((c) => c.to - c.from === 2)).toBe(true);
  });

  it("begins the full count's chunks with the first estimate's, so that the estimate's replications are computed once", () => {
    const quick = replicationChunks(QUICK_REPLICATIONS);
    expect(replicationChunks(CASE_REPLICATIONS).slice(0, quick.length)).toEqual(quick);
    expect(quick).toHaveLength(PARAMETER_DRAWS);
    // Every draw has its share of the first estimate.
    expect(quick.every((c) => c.to - c.from === QUICK_REPLICATIONS / PARAMETER_DRAWS)).toBe(true);
  });
});

const START = fromYyyyww(202601);
const model = constantRateModel({
  kontanthjaelp_aktivitetsparat: { job: 0.01, sygedagpenge: 0.002 },
  sygedagpenge: { job: 0.08, kontanthjaelp_aktivitetsparat: 0.01 },
  job: { kontanthjaelp_aktivitetsparat: 0.02 },
});
const targetGroup = Array.from({ length: 30 }, (_, i) => {
  const staircase = new StaircaseTracker();
  for (let w = START - 60 - (i % 20); w <= START; w++)
    staircase.weekOfState(w, 'kontanthjaelp_aktivitetsparat');
  return {
    state: 'kontanthjaelp_aktivitetsparat',
    spellWeek: 60 + (i % 20),
    birthYear: 1975 + (i % 20),
    profile: { sex: i % 2 ? 'K' : 'M', origin: 'dansk', priorBand: '79-156' },
    staircase,
  };
});
const setup = {
  model,
  municipality: null,
  stockWeek: START,
  startOffset: 3,
  targetGroup,
  participants: 12,
  cost: { perParticipant: 10_000, perWeek: 200, weeks: 10 },
  effect: { hazardRatio: 1.5, to: ['job'] },
  horizonWeeks: 104,
  discountRate: 0.035,
  costs: new CostTable({ rates: SHIPPED_RATES }),
  replications: 45,
  seed: 4,
  breakEven: false,
};

const run = (effect: typeof setup.effect | null, chunk: ReplicationChunk) => {
  const steps = replicationArmSteps(setup, effect, chunk);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

describe('as many replications as make the probability precise', { timeout: 120_000 }, () => {
  it('takes a probability to within 2 points at one standard error, never as certain from none or all paying back', () => {
    // p = (k + 1)/(n + 2); √(p(1 − p)/n) ≤ 0.02.
    expect(preciseEnough(95, 100)).toBe(false); // p 0.941: 0.0235
    expect(preciseEnough(99, 100)).toBe(true); // p 0.980: 0.0138
    expect(preciseEnough(100, 100)).toBe(true); // p 0.990: 0.0098
    expect(preciseEnough(240, 480)).toBe(false); // p 0.5: 0.0228
    expect(preciseEnough(320, 640)).toBe(true); // p 0.5: 0.0198
    expect(replicationStages(640)).toEqual([100, 200, 320, 480, 640]);
    expect(replicationStages(250)).toEqual([100, 200, 250]);
  });

  it('stops at the first stage whose probability is precise enough, with the figures of exactly that many', () => {
    for (const perParticipant of [2_000, 9_000, 30_000]) {
      const asked = {
        ...setup,
        cost: { perParticipant, perWeek: 0, weeks: 0 },
        replications: CASE_REPLICATIONS,
      };
      const adaptive = evaluateInvestment({ ...asked, untilPrecise: true });
      const n = adaptive.replications;
      expect(REPLICATION_STAGES).toContain(n);
      expect(adaptive).toEqual(evaluateInvestment({ ...asked, replications: n }));
      for (const earlier of REPLICATION_STAGES.filter((m) => m < n)) {
        const p = evaluateInvestment({ ...asked, replications: earlier }).probabilityOfPayback!;
        expect(preciseEnough(Math.round(p * earlier), earlier)).toBe(false);
      }
      if (n < CASE_REPLICATIONS)
        expect(preciseEnough(Math.round(adaptive.probabilityOfPayback! * n), n)).toBe(true);
    }
  });
});

describe('replicationArmSteps', { timeout: 60_000 }, () => {
  it('gives replication r the same whichever chunk holds it', () => {
    const long = run(setup.effect, { draw: 3, from: 0, to: 4 });
    const short = run(setup.effect, { draw: 3, from: 2, to: 3 });
    expect(short[0]!.municipalNet).toEqual(long[2]!.municipalNet);
    expect(short[0]!.publicSupport).toEqual(long[2]!.publicSupport);
  });

  it('gives, arm by arm and chunk by chunk, what the case evaluated in one go gives', () => {
    const figures = evaluateInvestment({ ...setup, replications: 0 });
    const chunks = replicationChunks(setup.replications);
    const draws = replicationDraws(
      setup,
      chunks.flatMap((c) => run(null, c)),
      chunks.flatMap((c) => run(setup.effect, c)),
    );
    expect(withReplications(figures, [draws])).toEqual(evaluateInvestment(setup));
  });

  it('pays the running cost for the participants on public support in the arm with the intervention', () => {
    const chunk = { draw: 0, from: 0, to: 1 };
    const [a] = run(null, chunk);
    const [b] = run(setup.effect, chunk);
    const free = replicationDraws(
      { ...setup, cost: { perParticipant: 0, perWeek: 0, weeks: 0 } },
      [a!],
      [b!],
    );
    const costly = replicationDraws(setup, [a!], [b!]);
    // Undiscounted: the one-off cost for 12, and 200 kr for each of them on public support in weeks 1-10.
    let running = 0;
    for (let u = 1; u <= 10; u++) running += 200 * b!.publicSupport[setup.startOffset + u - 1]!;
    const total = (d: { yearDifferences: readonly (readonly (readonly [number, number])[])[] }) =>
      d.yearDifferences[0]!.reduce((s, [, v]) => s + v, 0);
    expect(total(costly) - total(free)).toBeCloseTo(12 * 10_000 + running, 6);
    expect(b!.publicSupport[setup.startOffset]).toBeGreaterThan(0);
  });
});
