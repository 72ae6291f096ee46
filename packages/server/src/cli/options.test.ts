import { describe, expect, it } from 'vitest';
import { weekBefore } from './options.ts';

describe('weekBefore', () => {
  it('is 2026-W48 on Sunday 6 December 2026, the last day of 2026-W49', () => {
    expect(weekBefore(new Date('2026-12-06T12:00:00+01:00'))).toBe(202648);
  });

  it('reads the day in Copenhagen: Sunday 23:30 UTC is already Monday 7 December there, so 2026-W49', () => {
    expect(weekBefore(new Date('2026-12-06T23:30:00Z'))).toBe(202649);
  });

  it('goes back over the turn of the year: on Monday 4 January 2027 (2027-W01) it is 2026-W53', () => {
    expect(weekBefore(new Date('2027-01-04T09:00:00+01:00'))).toBe(202653);
  });
});
