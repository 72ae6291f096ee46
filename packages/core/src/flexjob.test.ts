import { describe, expect, it } from 'vitest';
import { FlexSubsidyError, flexSubsidy } from './flexjob.ts';
import { SHIPPED_RATES } from './rates.ts';

// 2024: highest dagpenge 20,359 kr/month, threshold 16,323 kr/month (RULES.md §2-3).
describe('fleksløntilskud', () => {
  it('reduces 98 % of the highest dagpenge by 30 % of a wage below the threshold', () => {
    // 0.98 × 20,359 = 19,951.82; 0.30 × 11,200 = 3,360; 19,951.82 − 3,360 = 16,591.82.
    const s = flexSubsidy({ year: 2024, wage: 10_000, pension: 1_200, fullTimeWage: 40_000 }, SHIPPED_RATES);
    expect(s.maxSubsidy).toBeCloseTo(19_951.82, 6);
    expect(s.reduction).toBeCloseTo(3_360, 6);
    expect(s.subsidy).toBeCloseTo(16_591.82, 6);
    expect(s.ceilingBinding).toBe(false);
    expect(s.atp).toBe(500); // 5 % would be 829.59, capped at 500
  });

  it('reduces by 55 % above the threshold and caps wage plus subsidy at the full-time wage', () => {
    // W = 22,000: 0.30 × 16,323 + 0.55 × 5,677 = 8,019.25; 19,951.82 − 8,019.25 = 11,932.57; room 30,000 − 22,000 = 8,000.
    const s = flexSubsidy({ year: 2024, wage: 20_000, pension: 2_000, fullTimeWage: 30_000 }, SHIPPED_RATES);
    expect(s.reduction).toBeCloseTo(8_019.25, 6);
    expect(s.subsidyBeforeCeiling).toBeCloseTo(11_932.57, 6);
    expect(s.subsidy).toBe(8_000);
    expect(s.ceilingBinding).toBe(true);
    expect(s.atp).toBe(400);
  });

  it('is never negative for a high wage', () => {
    const s = flexSubsidy({ year: 2024, wage: 60_000, pension: 6_000, fullTimeWage: 70_000 }, SHIPPED_RATES);
    expect(s.subsidy).toBe(0);
  });

  it('says which year lacks a threshold instead of guessing one', () => {
    expect(() => flexSubsidy({ year: 2025, wage: 1, pension: 0, fullTimeWage: 2 }, SHIPPED_RATES)).toThrow(
      'no fleksløntilskud threshold for 2025; thresholds are known for 2017, 2022, 2024',
    );
    expect(() => flexSubsidy({ year: 2017, wage: 1, pension: 0, fullTimeWage: 2 }, SHIPPED_RATES)).toThrow(
      /no monthly full-time dagpenge rate for 2017/,
    );
    expect(() => flexSubsidy({ year: 2024, wage: -1, pension: 0, fullTimeWage: 2 }, SHIPPED_RATES)).toThrow(
      FlexSubsidyError,
    );
  });
});
