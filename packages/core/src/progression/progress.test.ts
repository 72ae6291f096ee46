import { describe, expect, it } from 'vitest';
import type { Answers } from './api.ts';
import { indicatorChanges, meanScore, movementOf, quarterOfDate, type Scored } from './progress.ts';

const m = (
  date: string,
  citizen: Answers,
  caseworkerAnswers: Answers,
  status: Scored['status'] = 'final',
): Scored => ({
  date,
  status,
  citizen,
  caseworkerAnswers,
});

describe('indicatorChanges', () => {
  it('gives the latest score and its change since the last and the first final measurement', () => {
    const changes = indicatorChanges([
      m('2026-06-01', { health: 4 }, { health: 3, goalOrientation: 2 }),
      m('2026-01-10', { health: 2 }, { health: 2 }),
      m('2026-03-15', { health: 3 }, { health: null }),
      m('2026-09-01', { health: 1 }, {}, 'draft'),
    ]);
    expect(changes).toEqual([
      { indicator: 'health', respondent: 'citizen', latest: 4, sinceLast: 1, sinceFirst: 2 },
      // The caseworker left health unanswered in March: June is compared with January.
      { indicator: 'health', respondent: 'caseworker', latest: 3, sinceLast: 1, sinceFirst: 1 },
      {
        indicator: 'goalOrientation',
        respondent: 'caseworker',
        latest: 2,
        sinceLast: null,
        sinceFirst: null,
      },
    ]);
  });

  it('has nothing to say without a final measurement', () => {
    expect(indicatorChanges([m('2026-01-10', { health: 2 }, {}, 'draft')])).toEqual([]);
  });
});

describe('meanScore, movementOf and quarterOfDate', () => {
  it('averages the scores given and leaves unanswered items out', () => {
    expect(meanScore({ health: 2, network: 5, contact: null })).toBe(3.5);
    expect(meanScore({ contact: null })).toBeNull();
  });

  it('counts a move of half a step or more on the mean as up or down', () => {
    expect(movementOf(2.5, 3)).toBe('up');
    expect(movementOf(3, 3.4)).toBe('same');
    expect(movementOf(3, 2.5)).toBe('down');
  });

  it('names the calendar quarter of a day', () => {
    expect(quarterOfDate('2026-05-14')).toBe('2026-Q2');
    expect(quarterOfDate('2026-12-31')).toBe('2026-Q4');
    expect(() => quarterOfDate('14-05-2026')).toThrow('YYYY-MM-DD');
  });
});
