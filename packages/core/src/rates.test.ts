import { describe, expect, it } from 'vitest';
import { BENEFITS } from './benefits.ts';
import { SHIPPED_RATES, findRate, rateYears, weeklyAmount } from './rates.ts';

describe('the shipped rate table', () => {
  it('holds the verified 2025 maximum dagpenge of 21,092 kr a month (bm.dk satser 2025)', () => {
    const r = findRate(SHIPPED_RATES, 'adagpenge', 'fuldtid', 2025);
    expect(r).toMatchObject({ amount: 21_092, unit: 'month', status: 'verified' });
  });

  it('derives the highest fleksløntilskud as 98 % of the highest dagpenge, with the weaker status', () => {
    expect(findRate(SHIPPED_RATES, 'fleksloentilskud', 'max', 2025)).toMatchObject({
      amount: 20_670.16,
      status: 'derived',
    });
    expect(findRate(SHIPPED_RATES, 'fleksloentilskud', 'max', 2024)?.status).toBe('secondary');
  });

  it('says the source and status of every rate', () => {
    for (const r of SHIPPED_RATES.rates) {
      expect(r.source.length).toBeGreaterThan(5);
      expect(['verified', 'secondary', 'derived', 'estimated']).toContain(r.status);
    }
  });

  it('has a rate for every rate benefit the catalogue refers to', () => {
    const priced = new Set(SHIPPED_RATES.rates.map((r) => r.benefit));
    for (const b of BENEFITS) if (b.rate) expect(priced).toContain(b.rate.benefit);
  });

  it('lists its years', () => {
    expect(rateYears(SHIPPED_RATES)).toEqual([2022, 2023, 2024, 2025, 2026]);
  });
});

describe('weekly amounts', () => {
  it('turns a month into 12/52 weeks and a year into 52 weeks', () => {
    expect(weeklyAmount({ amount: 21_092, unit: 'month' })).toBeCloseTo(4867.384615, 6);
    expect(weeklyAmount({ amount: 232_320, unit: 'year' })).toBeCloseTo(4467.692308, 6);
    expect(weeklyAmount({ amount: 4_695, unit: 'week' })).toBe(4_695);
  });
});
