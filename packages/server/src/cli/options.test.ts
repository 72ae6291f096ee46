import { describe, expect, it } from 'vitest';
import { weekOfYesterday } from './options.ts';

describe('weekOfYesterday', () => {
  it('is the current week, 2026-W49, on Sunday 6 December 2026', () => {
    expect(weekOfYesterday(new Date('2026-12-06T12:00:00+01:00'))).toBe(202649);
  });

  it('is the week just ended on a Monday: 2026-W49 on Monday 7 December', () => {
    expect(weekOfYesterday(new Date('2026-12-07T09:00:00+01:00'))).toBe(202649);
    expect(weekOfYesterday(new Date('2026-12-08T09:00:00+01:00'))).toBe(202650);
  });

  it('reads the day in Copenhagen: Monday 00:30 there (Sunday 23:30 UTC) has Sunday behind it', () => {
    expect(weekOfYesterday(new Date('2026-12-06T23:30:00Z'))).toBe(202649);
    expect(weekOfYesterday(new Date('2026-12-07T23:30:00Z'))).toBe(202650);
  });

  it('goes back over the turn of the year: on Monday 4 January 2027 (2027-W01) it is 2026-W53', () => {
    expect(weekOfYesterday(new Date('2027-01-04T09:00:00+01:00'))).toBe(202653);
  });

  it('finds the Sunday behind a Monday after the spring change of the clocks (a 23-hour Sunday)', () => {
    // Sunday 29 March 2026 has 23 hours in Copenhagen; Monday 30 March 00:30 is 22:30 UTC on Sunday.
    expect(weekOfYesterday(new Date('2026-03-29T22:30:00Z'))).toBe(202613);
  });
});
