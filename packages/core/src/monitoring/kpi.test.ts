import { describe, expect, it } from 'vitest';
import { kpiMeasures, withheldUnits, type KpiCounts } from './kpi.ts';

const COUNTS: KpiCounts = {
  persons: 40,
  benefitWeeks: 1040,
  labourForce: 2000,
  population: 2600,
  stockAtStart: 20,
  stockAtEnd: 22,
  spellsStarted: 6,
  spellsEnded: 4,
  spellsUnsettled: 0,
  endedDurationWeeks: 40,
  endedWithDuration: 4,
  endedByDuration: { '1-4': 2, '5-13': 0, '14-26': 2 },
  stockAtEndByDuration: { '27-52': 10, '105+': 12 },
  personsBySpellsStarted: { '1': 6 },
  statusAfter: { '1': { work: 3, publicSupport: 1 }, '3': { work: 4 }, '6': {}, '12': {} },
  relapseSpells: 3,
  relapsed: 1,
  destinations: { job: 3, out: 1 },
  activatedPersons: 10,
  activationWeeks: 104,
  activationCost: 52_000,
  activationsStarted: 10,
  activationsEnded: 8,
  endedActivationWeeks: 80,
  activationByType: { mentor: { started: 10, ended: 8, weeks: 104 } },
  conversations: 60,
  noShows: 6,
  timelySpells: 6,
  timelyWithConversation: 3,
  caseworkers: 4,
};

describe('kpiMeasures', () => {
  it('makes the measures of the counts as they are without a threshold', () => {
    const { measures, withheld } = kpiMeasures(COUNTS, { periodWeeks: 52, threshold: null });
    expect(withheld).toBe(0);
    expect(measures.fullTimePersons).toBe(20);
    expect(measures.shareOfLabourForce).toBe(0.01);
    expect(measures.averageWeeksPerPerson).toBe(26);
    expect(measures.averageDurationEndedWeeks).toBe(10);
    expect(measures.statusAfter['1']).toEqual({
      work: 0.75,
      education: 0,
      publicSupport: 0.25,
      outOfPopulation: 0,
    });
    expect(measures.statusAfter['6'].work).toBeNull();
    expect(measures.activationRate).toBe(0.1);
    expect(measures.pricePerFullTimeActivated).toBe(26_000);
    expect(measures.noShowShare).toBeCloseTo(6 / 66, 12);
    expect(measures.personsPerCaseworker).toBe(10);
  });

  it('withholds few, and one more figure where the total would give a withheld one back', () => {
    const { measures, withheld } = kpiMeasures(COUNTS, { periodWeeks: 52, threshold: 5 });
    // The flow line 20 + 6 − 4 = 22: the 4 ended is few, and with the stock at the end published the
    // smallest other figure (6 started) is withheld too.
    expect([
      measures.stockAtStart,
      measures.spellsStarted,
      measures.spellsEnded,
      measures.stockAtEnd,
    ]).toEqual([20, null, null, 22]);
    // Bands of the ended spells: 2 and 2 are both few; their total 4 is too.
    expect(measures.endedByDuration['1-4']).toBeNull();
    expect(measures.stockAtEndByDuration).toMatchObject({ '27-52': 10, '105+': 12 });
    // Status after 1 month rests on 4 spells: withheld whole.
    expect(measures.statusAfter['1'].work).toBeNull();
    expect(measures.relapse).toBeNull();
    expect(measures.persons).toBe(40);
    expect(withheld).toBeGreaterThan(5);
  });

  it('withholds every figure on the persons when they are few', () => {
    const { measures } = kpiMeasures({ ...COUNTS, persons: 3 }, { periodWeeks: 52, threshold: 5 });
    expect([
      measures.persons,
      measures.fullTimePersons,
      measures.shareOfLabourForce,
      measures.activationRate,
    ]).toEqual([null, null, null, null]);
  });

  it('refuses a period without weeks', () => {
    expect(() => kpiMeasures(COUNTS, { periodWeeks: 0, threshold: null })).toThrow(/periodWeeks/);
  });
});

describe('withheldUnits', () => {
  it('withholds a unit on few persons and the smallest other, so the total does not give it back', () => {
    expect(withheldUnits([40, 3, 12, 9], 5)).toEqual([false, true, false, true]);
    expect(withheldUnits([40, 3, 12, 9], null)).toEqual([false, false, false, false]);
  });
});
