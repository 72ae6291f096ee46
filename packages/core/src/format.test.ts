import { describe, expect, it } from 'vitest';
import { formatKr, formatNumber, formatPercent, formatWeek, formatYearList } from './format.ts';
import { fromYyyyww } from './weeks.ts';

describe('Danish formatting', () => {
  it('groups thousands with a dot and decimals with a comma', () => {
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatNumber(-1234567)).toBe('-1.234.567');
  });

  it('writes shares as percentages with a space before the sign', () => {
    expect(formatPercent(0.123)).toBe('12,3 %');
    expect(formatPercent(0.8, 0)).toBe('80 %');
  });

  it('writes kroner with "kr." and weeks as "uge YYYY-WW"', () => {
    expect(formatKr(1234.4)).toBe('1.234 kr.');
    expect(formatWeek(fromYyyyww(202612))).toBe('uge 2026-12');
    expect(formatWeek(fromYyyyww(202612), 'en')).toBe('week 2026-12');
  });

  it('lists years as runs, the last joined with "og" ("and")', () => {
    expect(formatYearList([2028, 2024, 2025, 2026])).toBe('2024-2026 og 2028');
    expect(formatYearList([2027, 2029, 2031], 'en')).toBe('2027, 2029 and 2031');
    expect(formatYearList([2027, 2027])).toBe('2027');
  });
});
