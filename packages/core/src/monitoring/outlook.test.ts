import { describe, expect, it } from 'vitest';
import { monthWeeks, weekIndexOf } from '../weeks.ts';
import { forecastPersonWeeks, monthlyOutlook, periodOutlook, type WeeklyReplications } from './outlook.ts';

// Two replications from week 2026-W51 (inside December 2026: W49-W53) over 8 weeks, to 2027-W06.
// Replication 0: 10 in s0 and 2 in s1 every week; replication 1: 10 + t in s0, 1 in s1 in week t = 4 only.
const start = weekIndexOf(2026, 51);
const S = 3;
const weekly = [new Float32Array(9 * S), new Float32Array(9 * S)];
for (let t = 0; t <= 8; t++) {
  weekly[0]![t * S] = 10;
  weekly[0]![t * S + 1] = 2;
  weekly[0]![t * S + 2] = 500;
  weekly[1]![t * S] = 10 + t;
  weekly[1]![t * S + 1] = t === 4 ? 1 : 0;
}
const runs: WeeklyReplications = { states: ['s0', 's1', 'job'], startWeek: start, horizon: 8, weekly };

describe('the measures over the forecast', () => {
  it('counts a group’s person-weeks in each replication over the forecast’s weeks', () => {
    // W49-W52 clipped to W51-W52: replication 0 12 + 12, replication 1 10 + 11.
    expect(forecastPersonWeeks(runs, ['s0', 's1'], weekIndexOf(2026, 49), weekIndexOf(2026, 52))).toEqual({
      weeks: 2,
      personWeeks: [24, 21],
    });
    expect(forecastPersonWeeks(runs, ['other'], start, start + 8).personWeeks).toEqual([0, 0]);
  });

  it('gives each month from the stock week on, with bands, until the forecast ends inside a month', () => {
    const months = monthlyOutlook(runs, ['s0', 's1']);
    // December from W51: (12 · 3) / 3 = 12 and (10 + 11 + 12) / 3 = 11. January W01-W04 (t 3-6):
    // 12 and (13 + (14 + 1) + 15 + 16) / 4 = 14.75. February (W05-W08) passes the forecast's end (W06).
    expect(months.map((m) => [m.year, m.month, m.from, m.to])).toEqual([
      [2026, 12, start, monthWeeks(2026, 12).last],
      [2027, 1, monthWeeks(2027, 1).first, monthWeeks(2027, 1).last],
    ]);
    expect(months[0]!.mean).toBeCloseTo(11.5, 12);
    // Type-7 quantiles of {11, 12}: 10 % → 11.1, 90 % → 11.9, 2.5 % → 11.025, 97.5 % → 11.975.
    expect(months[0]!.band80[0]).toBeCloseTo(11.1, 12);
    expect(months[0]!.band80[1]).toBeCloseTo(11.9, 12);
    expect(months[0]!.band95[0]).toBeCloseTo(11.025, 12);
    expect(months[0]!.band95[1]).toBeCloseTo(11.975, 12);
    expect(months[1]!.mean).toBeCloseTo((12 + 14.75) / 2, 12);
    expect(monthlyOutlook({ ...runs, weekly: [weekly[0]!] }, ['s0'])).toEqual([]);
    // Data that end with December (2026-W53 its last week) begin the forecast's months with January.
    const fromLast = monthlyOutlook({ ...runs, startWeek: weekIndexOf(2026, 53) }, ['s0']);
    expect(fromLast.map((m) => [m.year, m.month, m.from])).toEqual([
      [2027, 1, weekIndexOf(2027, 1)],
      [2027, 2, weekIndexOf(2027, 5)],
    ]);
  });

  it('adds the observed weeks of a period that begins before the forecast', () => {
    // 2026-W47 … 2027-W02 (2026 has 53 weeks): 9 weeks, 4 observed (40 person-weeks), W51-W02 (t 0-4)
    // from the forecast:
    // replication 0 12 · 5 = 60, replication 1 10 + 11 + 12 + 13 + 14 + 1 = 61.
    const period = { from: weekIndexOf(2026, 47), to: weekIndexOf(2027, 2) };
    const values = periodOutlook(runs, ['s0', 's1'], period, 40);
    expect(values[0]).toBeCloseTo(100 / 9, 12);
    expect(values[1]).toBeCloseTo(101 / 9, 12);
    expect(() => periodOutlook(runs, ['s0'], { from: start, to: start + 9 }, 0)).toThrow(
      /inside the forecast/,
    );
  });
});
