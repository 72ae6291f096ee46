import { describe, expect, it } from 'vitest';
import {
  EQUAL_WEIGHTS,
  SCORECARD_BENEFITS,
  formatGoalChange,
  formatGoalValue,
  formatScorecardFigure,
  goalValueSent,
  groupName,
  municipalityName,
  monthOfWeek,
  scorecardPath,
  weightsParam,
} from './results-api.ts';

describe('the scorecard request', () => {
  it('leaves the weights out while all are 1, and writes them with a decimal point when one is not', () => {
    expect(weightsParam(EQUAL_WEIGHTS)).toBeNull();
    expect(weightsParam({ ...EQUAL_WEIGHTS, ageOver50: 1.5, localJobs: 0 })).toBe(
      'ageOver50:1.5,lowEducation:1,nonWesternOrigin:1,publicSupport:1,localJobs:0,unemployment:1',
    );
  });

  it('asks for the cluster without weights, and pads the municipality code', () => {
    const weights = { ...EQUAL_WEIGHTS, unemployment: 2 };
    expect(
      scorecardPath({ municipality: 27, benefit: 'sygedagpenge', to: 202452, peers: 'cluster', weights }),
    ).toBe('/api/scorecard?municipality=027&benefit=sygedagpenge&to=202452&peers=cluster');
    expect(
      scorecardPath({ municipality: 101, benefit: 'all', to: 202452, peers: 'similar', weights }),
    ).toContain('&weights=ageOver50%3A1%2C');
  });

  it("offers the jobindsats groups with peers' figures, all public support first", () => {
    expect(SCORECARD_BENEFITS.slice(0, 3)).toEqual(['all', 'adagpenge', 'kontanthjaelp']);
    expect(SCORECARD_BENEFITS).toContain('sygedagpenge');
    expect(SCORECARD_BENEFITS).not.toContain('kontanthjaelp_grundsats');
  });
});

describe('names', () => {
  it('names municipalities by code and the groups jobindsats merges in words of its own', () => {
    expect(municipalityName(101)).toBe('København');
    expect(municipalityName(999)).toBe('999');
    expect(groupName('kontanthjaelp', 'da')).toBe('Kontanthjælp (alle satser)');
    expect(groupName('all', 'en')).toBe('All on public support');
    expect(groupName('sygedagpenge', 'da')).toBe('Sygedagpenge');
  });
});

describe('scorecard figures', () => {
  it("writes KL's example in its units: 2.2 %, +5.3 %, weeks and percentage points with their sign", () => {
    expect(formatScorecardFigure('flereIJob', 'level', 0.022, 'da')).toBe('2,2 %');
    expect(formatScorecardFigure('flereIJob', 'development', 0.053, 'da')).toBe('+5,3 %');
    expect(formatScorecardFigure('flereIJob', 'development', -0.072, 'da')).toBe('−7,2 %');
    expect(formatScorecardFigure('hurtigereIJob', 'development', -1, 'en')).toBe('−1,0 weeks');
    expect(formatScorecardFigure('fastholdelse', 'development', 0.021, 'da')).toBe('+2,1 pct.-point');
    expect(formatScorecardFigure('besparelsespotentiale', 'level', 928921.97, 'da')).toBe('928.922 kr.');
  });
});

describe('goal values', () => {
  it("follows KL's goal 1 (535 → 482, status −39) and types shares in per cent", () => {
    expect(formatGoalChange('fullTimePersons', 482 - 535, 'da')).toBe('−53,0');
    expect(formatGoalChange('persons', -39, 'da')).toBe('−39');
    expect(formatGoalChange('averageDurationEndedWeeks', 0.3, 'da')).toBe('+0,3 uger');
    expect(formatGoalValue('workAfter3Months', 0.743, 'da')).toBe('74,3 %');
    expect(goalValueSent('workAfter3Months', 8.5)).toBeCloseTo(0.085, 12);
    expect(goalValueSent('fullTimePersons', 1234.5)).toBe(1234.5);
  });
});

describe('the month of a week', () => {
  it('is the one its Thursday falls in', () => {
    // 2026-W40 runs from Monday 28 September to Sunday 4 October; its Thursday is 1 October.
    expect(monthOfWeek(202640)).toEqual({ year: 2026, month: 10 });
    expect(monthOfWeek(202639)).toEqual({ year: 2026, month: 9 });
    // 2024-W01's Thursday is 4 January; 2026-W53's is 31 December.
    expect(monthOfWeek(202401)).toEqual({ year: 2024, month: 1 });
    expect(monthOfWeek(202653)).toEqual({ year: 2026, month: 12 });
  });
});
