import { describe, expect, it } from 'vitest';
import { formatKr, formatMillions, formatPercent, formatTick, formatWeeks, formatYyyyww } from './format.ts';

describe('Danish formatting on screen', () => {
  it('writes weeks as "uge YYYY-WW"', () => {
    expect(formatYyyyww(202612)).toBe('uge 2026-12');
    expect(formatYyyyww(202001)).toBe('uge 2020-01');
    expect(formatYyyyww(202053)).toBe('uge 2020-53');
  });

  it('writes amounts and shares the Danish way', () => {
    expect(formatKr(1234567.4)).toBe('1.234.567 kr.');
    expect(formatMillions(12_345_678)).toBe('12,3 mio. kr.');
    expect(formatMillions(-750_000, 2)).toBe('-0,75 mio. kr.');
    expect(formatPercent(0.123)).toBe('12,3 %');
  });

  it('writes a number of weeks as years and weeks', () => {
    expect(formatWeeks(0)).toBe('0 uger');
    expect(formatWeeks(30)).toBe('30 uger');
    expect(formatWeeks(52)).toBe('1 år');
    expect(formatWeeks(53)).toBe('1 år og 1 uge');
    expect(formatWeeks(130)).toBe('2 år og 26 uger');
    expect(formatWeeks(1)).toBe('1 uge');
  });

  it('writes a number of weeks in English words when asked, with the same numbers', () => {
    expect(formatWeeks(1, 'en')).toBe('1 week');
    expect(formatWeeks(30, 'en')).toBe('30 weeks');
    expect(formatWeeks(52, 'en')).toBe('1 year');
    expect(formatWeeks(53, 'en')).toBe('1 year and 1 week');
    expect(formatWeeks(130, 'en')).toBe('2 years and 26 weeks');
  });

  it('writes the ticks of a small axis each as itself, so that no two read alike', () => {
    // Læsø's groups: an axis of 0 to 0,2 full-time persons in steps of 0,05, and 0 to 1 in 0,25.
    expect([0, 0.05, 0.1, 0.15, 0.2].map(formatTick)).toEqual(['0', '0,05', '0,1', '0,15', '0,2']);
    expect([0, 0.25, 0.5, 0.75, 1].map(formatTick)).toEqual(['0', '0,25', '0,5', '0,75', '1']);
    expect([0.1 + 0.2, 1000, 1500].map(formatTick)).toEqual(['0,3', '1.000', '1.500']);
  });
});
