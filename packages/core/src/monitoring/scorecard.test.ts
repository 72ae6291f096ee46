import { describe, expect, it } from 'vitest';
import { SCORECARD_DIMENSIONS, clusterFigures, scorecard, type ScorecardFigures } from './scorecard.ts';

const p = (now: number | null, yearBefore: number | null) => ({ now, yearBefore });

/**
 * Egedal on sygedagpenge as in KL's scorecard (September 2009 against September 2008): 496 full-time
 * persons against 471, 2.2 % and 2.1 % of the labour force (labour forces chosen to give those shares).
 */
const egedal: ScorecardFigures = {
  fullTimePersons: p(496, 471),
  labourForce: p(22_545, 22_430),
  averageSpellWeeks: p(20.5, 19.0),
  shareInWorkAfterThreeMonths: p(0.6, 0.55),
  fullTimeActivated: p(200, 180),
};

/**
 * The cluster's two members: 400 + 528 = 928 full-time persons against 450 + 550 = 1,000, −7.2 %;
 * labour force 20,000 + 28,842 = 48,842 (928 of it is 1.9 %) against 21,000 + 29,000 = 50,000 (2.0 %).
 */
const memberA: ScorecardFigures = {
  fullTimePersons: p(400, 450),
  labourForce: p(20_000, 21_000),
  averageSpellWeeks: p(18, 18.5),
  spells: p(300, 320),
  shareInWorkAfterThreeMonths: p(0.62, 0.6),
  endedSpells: p(100, 100),
  fullTimeActivated: p(120, 130),
};
const memberB: ScorecardFigures = {
  fullTimePersons: p(528, 550),
  labourForce: p(28_842, 29_000),
  averageSpellWeeks: p(22, 21),
  spells: p(100, 80),
  shareInWorkAfterThreeMonths: p(0.58, 0.6),
  endedSpells: p(300, 100),
  fullTimeActivated: p(160, 170),
};

describe('clusterFigures (the cluster as one larger municipality)', () => {
  const cluster = clusterFigures([memberA, memberB]);

  it('sums the counts, so the share is Σ full-time persons ÷ Σ labour force', () => {
    expect(cluster.fullTimePersons).toEqual(p(928, 1000));
    expect(cluster.labourForce).toEqual(p(48_842, 50_000));
    expect(cluster.fullTimeActivated).toEqual(p(280, 300));
    expect(cluster.spells).toEqual(p(400, 400));
  });

  it('weighs the average duration by spells and the share in work by ended spells', () => {
    // Now (18 × 300 + 22 × 100) / 400 = 19; a year before (18.5 × 320 + 21 × 80) / 400 = 19.
    expect(cluster.averageSpellWeeks.now).toBeCloseTo(19, 12);
    expect(cluster.averageSpellWeeks.yearBefore).toBeCloseTo(19, 12);
    // Now (0.62 × 100 + 0.58 × 300) / 400 = 0.59; a year before 0.6.
    expect(cluster.shareInWorkAfterThreeMonths.now).toBeCloseTo(0.59, 12);
    expect(cluster.shareInWorkAfterThreeMonths.yearBefore).toBeCloseTo(0.6, 12);
  });

  it('takes plain means where a member does not say what its average is over', () => {
    const withoutSpells: ScorecardFigures = { ...memberB, spells: undefined };
    // (18 + 22) / 2 = 20.
    expect(clusterFigures([memberA, withoutSpells]).averageSpellWeeks.now).toBe(20);
  });

  it('leaves a figure missing when any member misses it, and refuses an empty cluster', () => {
    const missing = { ...memberB, fullTimePersons: p(null, 550) };
    expect(clusterFigures([memberA, missing]).fullTimePersons).toEqual(p(null, 1000));
    expect(() => clusterFigures([])).toThrow(
      'members: expected at least one municipality in the cluster, found none',
    );
  });
});

describe('scorecard (KL: level and development against the cluster)', () => {
  const cost = 230_000;
  const card = scorecard({
    own: egedal,
    cluster: clusterFigures([memberA, memberB]),
    netCostPerFullTimePerson: cost,
  });
  const d = card.dimensions;

  it('gives KL’s background table for Egedal: +5.3 % against the cluster’s −7.2 %, 2.2 % against 1.9 %', () => {
    // 496 / 471 − 1 = 0.053079…
    expect(card.background.development.own).toBeCloseTo(0.05308, 5);
    expect(card.background.development.cluster).toBeCloseTo(-0.072, 12);
    expect(card.background.share.own.now).toBeCloseTo(0.022, 4);
    expect(card.background.share.own.yearBefore).toBeCloseTo(0.021, 4);
    expect(card.background.share.cluster.now).toBeCloseTo(0.019, 4);
    expect(card.background.share.cluster.yearBefore).toBe(0.02);
    expect(card.background.fullTimePersons.own).toEqual(p(496, 471));
  });

  it('finds Egedal worse than its cluster on more-in-work, on level and on development', () => {
    expect(d.flereIJob.level.assessment).toBe('worse');
    expect(d.flereIJob.development).toEqual({
      own: expect.closeTo(0.05308, 5),
      cluster: expect.closeTo(-0.072, 12),
      assessment: 'worse',
    });
  });

  it('judges duration lower-is-better and staying in work higher-is-better', () => {
    // 20.5 weeks against 19: worse; +1.5 weeks against 0: worse.
    expect(d.hurtigereIJob.level).toEqual({
      own: 20.5,
      cluster: expect.closeTo(19, 12),
      assessment: 'worse',
    });
    expect(d.hurtigereIJob.development.own).toBeCloseTo(1.5, 12);
    expect(d.hurtigereIJob.development.assessment).toBe('worse');
    // 0.60 against 0.59: better; +5 points against −1 point: better.
    expect(d.fastholdelse.level.assessment).toBe('better');
    expect(d.fastholdelse.development.own).toBeCloseTo(0.05, 12);
    expect(d.fastholdelse.development.cluster).toBeCloseTo(-0.01, 12);
    expect(d.fastholdelse.development.assessment).toBe('better');
  });

  it('gives the activation rate as full-time activated ÷ full-time persons', () => {
    // 200 / 496 = 0.4032 against 280 / 928 = 0.3017: better.
    expect(d.aktiveringsgrad.level.own).toBeCloseTo(200 / 496, 12);
    expect(d.aktiveringsgrad.level.cluster).toBeCloseTo(280 / 928, 12);
    expect(d.aktiveringsgrad.level.assessment).toBe('better');
    // 200/496 − 180/471 = +0.0211 against 280/928 − 300/1000 = +0.0017: better.
    expect(d.aktiveringsgrad.development.assessment).toBe('better');
  });

  it('prices the full-time persons above the cluster’s share at the net cost a year', () => {
    // Now (496/22,545 − 928/48,842) × 22,545 = 496 − 928 × 22,545 / 48,842 = 67.65 full-time persons.
    const now = (496 - (928 * 22_545) / 48_842) * cost;
    // A year before (471/22,430 − 0.02) × 22,430 = 471 − 448.6 = 22.4 full-time persons.
    const before = (471 - 0.02 * 22_430) * cost;
    expect(d.besparelsespotentiale.level).toEqual({
      own: expect.closeTo(now, 4),
      cluster: 0,
      assessment: 'worse',
    });
    expect(d.besparelsespotentiale.development.own).toBeCloseTo(now - before, 4);
    expect(d.besparelsespotentiale.development.assessment).toBe('worse');
  });

  it('has no savings potential where the municipality is below the cluster’s share', () => {
    const small = { ...egedal, fullTimePersons: p(400, 471) };
    const better = scorecard({
      own: small,
      cluster: clusterFigures([memberA, memberB]),
      netCostPerFullTimePerson: cost,
    });
    expect(better.dimensions.besparelsespotentiale.level).toEqual({
      own: 0,
      cluster: 0,
      assessment: 'better',
    });
    expect(better.dimensions.flereIJob.level.assessment).toBe('better');
  });

  it('leaves an assessment unknown where a figure is missing', () => {
    const partial = { ...egedal, shareInWorkAfterThreeMonths: p(0.6, null), fullTimePersons: p(496, 0) };
    const card2 = scorecard({
      own: partial,
      cluster: clusterFigures([memberA, memberB]),
      netCostPerFullTimePerson: cost,
    });
    expect(card2.dimensions.fastholdelse.level.assessment).toBe('better');
    expect(card2.dimensions.fastholdelse.development).toEqual({
      own: null,
      cluster: expect.closeTo(-0.01, 12),
      assessment: null,
    });
    // A change from 0 full-time persons has no percentage.
    expect(card2.dimensions.flereIJob.development.assessment).toBeNull();
    expect(card2.dimensions.aktiveringsgrad.development.own).toBeNull();
  });

  it('calls equal figures the same', () => {
    const same = scorecard({ own: egedal, cluster: egedal, netCostPerFullTimePerson: cost });
    for (const { id } of SCORECARD_DIMENSIONS) {
      expect(same.dimensions[id].level.assessment).toBe('same');
      expect(same.dimensions[id].development.assessment).toBe('same');
    }
  });

  it('refuses a negative count, a share above 1 and a labour force of 0, naming the field', () => {
    const run = (own: ScorecardFigures) => () =>
      scorecard({ own, cluster: egedal, netCostPerFullTimePerson: cost });
    expect(run({ ...egedal, fullTimePersons: p(-1, 471) })).toThrow(
      'own.fullTimePersons.now: expected a finite number ≥ 0 or null, found -1',
    );
    expect(run({ ...egedal, shareInWorkAfterThreeMonths: p(60, 55) })).toThrow(
      'own.shareInWorkAfterThreeMonths.now: expected a share from 0 to 1, found 60',
    );
    expect(run({ ...egedal, labourForce: p(22_545, 0) })).toThrow(
      'own.labourForce.yearBefore: expected a labour force above 0, found 0',
    );
  });
});
