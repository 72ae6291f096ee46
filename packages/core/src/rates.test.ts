import { describe, expect, it } from 'vitest';
import { datedBenefits } from './benefit-rules.ts';
import { BENEFITS } from './benefits.ts';
import {
  priceRate,
  ratesOfYear,
  SHIPPED_RATES,
  findRate,
  rateYears,
  weeklyAmount,
  type PricedRate,
  type RateTable,
} from './rates.ts';
import { regulate, regulationStep, SATSREGULERING } from './regulation.ts';

/** The shipped rate of a benefit and variant in a year, failing the test where there is none. */
function priced(benefit: string, variant: string, year: number): PricedRate {
  const found = priceRate(SHIPPED_RATES, benefit, variant, year);
  if (!found.ok) throw new Error(`no ${benefit} ${variant} ${year}: ${found.gap.reason}`);
  return found.rate;
}

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
    expect(findRate(SHIPPED_RATES, 'fleksloentilskud', 'max', 2026)).toMatchObject({
      amount: 21_600.18,
      status: 'secondary',
    });
  });

  it('ships the rates of RULES.md §8 with their status', () => {
    const at = (benefit: string, variant: string, year: number) =>
      findRate(SHIPPED_RATES, benefit, variant, year);
    expect(at('adagpenge', 'fuldtid', 2026)).toMatchObject({ amount: 22_041, status: 'secondary' });
    expect(at('sygedagpenge', 'max', 2024)).toMatchObject({ amount: 4_695, status: 'verified' });
    expect(at('sygedagpenge', 'max', 2025)).toMatchObject({ amount: 4_865, status: 'secondary' });
    expect(at('kontanthjaelp', '30+ andre', 2024)).toMatchObject({ amount: 12_326, status: 'verified' });
    expect(at('kontanthjaelp', 'under 30 hjemmeboende', 2024)).toMatchObject({
      amount: 3_834,
      status: 'secondary',
    });
    expect(at('uddannelseshjaelp', 'under 30 udeboende', 2024)).toMatchObject({
      amount: 6_754,
      status: 'secondary',
    });
    expect(at('ressourceforloebsydelse', 'forsoerger', 2024)).toMatchObject({
      amount: 16_382,
      status: 'verified',
    });
    expect(at('ledighedsydelse', 'max', 2024)).toMatchObject({ amount: 4_185, unit: 'week' });
    expect(at('foertidspension', 'enlig', 2024)).toMatchObject({ amount: 20_370, unit: 'month' });
    expect(at('fleksloentilskud', 'max', 2024)).toMatchObject({ amount: 19_952, status: 'secondary' });
    // The kontanthjælp of 1 July 2025: the reform agreement's 2024 figures and the 2025 amounts.
    expect(at('kontanthjaelp', 'forhoejet', 2024)).toMatchObject({ amount: 12_064, status: 'secondary' });
    expect(at('kontanthjaelp', 'grundsats', 2025)).toMatchObject({ amount: 7_205, status: 'secondary' });
    expect(at('kontanthjaelp', 'mindstesats', 2025)).toMatchObject({ amount: 6_789, status: 'secondary' });
    expect(at('kontanthjaelp', 'boernetillaeg', 2025)).toMatchObject({ amount: 2_784 });
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

describe('the satsregulering', () => {
  it('ships 3.2, 3.6 and 4.5 % for 2024-2026 (derived) and carries 4.5 % into 2027 as an estimate', () => {
    expect(SATSREGULERING.filter((p) => p.year >= 2024).map((p) => [p.year, p.percent, p.status])).toEqual([
      [2024, 3.2, 'derived'],
      [2025, 3.6, 'derived'],
      [2026, 4.5, 'derived'],
      [2027, 4.5, 'estimated'],
    ]);
    expect(regulationStep(SATSREGULERING, 2029)).toMatchObject({
      percent: 4.5,
      status: 'estimated',
      carriedFrom: 2027,
    });
    expect(regulationStep(SATSREGULERING, 2022)).toBeNull();
  });

  it("turns the reform agreement's 2024 figures into the published 2025 amounts (× 1.036, whole kroner)", () => {
    // 6,955 × 1.036 = 7,205.38 and 6,553 × 1.036 = 6,788.91: the secondary 2025 amounts of RULES.md §8.
    expect(regulate(6_955, 2024, 2025, SATSREGULERING)).toMatchObject({ ok: true, amount: 7_205 });
    expect(regulate(6_553, 2024, 2025, SATSREGULERING)).toMatchObject({ ok: true, amount: 6_789 });
  });

  it('rounds each year to whole kroner, half up', () => {
    // 6,789 × 1.045 = 7,094.505 → 7,095; then 7,095 × 1.045 = 7,414.275 → 7,414.
    expect(regulate(6_789, 2025, 2026, SATSREGULERING)).toMatchObject({ amount: 7_095 });
    expect(regulate(6_789, 2025, 2027, SATSREGULERING)).toMatchObject({ amount: 7_414 });
  });

  it('never runs backwards, and stops at a year without a percentage', () => {
    expect(() => regulate(100, 2026, 2025, SATSREGULERING)).toThrow(/forward only/);
    expect(regulate(100, 2021, 2024, SATSREGULERING)).toEqual({ ok: false, missingYear: 2022 });
  });
});

describe('a rate for any year', () => {
  it('regulates grundsats 2026 from 2025: 7,205 × 1.045 = 7,529.2 → 7,529 kr, derived, in 2026 prices', () => {
    const r = priced('kontanthjaelp', 'grundsats', 2026);
    expect(r).toMatchObject({
      year: 2026,
      amount: 7_529,
      unit: 'month',
      status: 'derived',
      priceYear: 2026,
      basis: 'regulated',
    });
    expect(r.base).toMatchObject({ year: 2025, amount: 7_205, status: 'secondary' });
    expect(r.percentages.map((p) => [p.year, p.percent])).toEqual([[2026, 4.5]]);
    expect(r.weeklyAmount).toBeCloseTo((7_529 * 12) / 52, 9);
  });

  it('regulates into 2027 by the estimated percentage and says it is an estimate', () => {
    // 7,529 × 1.045 = 7,867.8 → 7,868.
    const r = priced('kontanthjaelp', 'grundsats', 2027);
    expect(r).toMatchObject({ amount: 7_868, status: 'estimated', priceYear: 2027 });
    expect(r.percentages.map((p) => [p.year, p.percent, p.status])).toEqual([
      [2026, 4.5, 'derived'],
      [2027, 4.5, 'estimated'],
    ]);
  });

  it('prices the forhøjet sats from its 2024 figure, and not before the reform', () => {
    // 12,064 × 1.036 = 12,498.3 → 12,498; × 1.045 = 13,060.4 → 13,060; × 1.045 = 13,647.7 → 13,648.
    expect(priced('kontanthjaelp', 'forhoejet', 2025)).toMatchObject({ amount: 12_498, status: 'derived' });
    expect(priced('kontanthjaelp', 'forhoejet', 2026).amount).toBe(13_060);
    expect(priced('kontanthjaelp', 'forhoejet', 2027).amount).toBe(13_648);
    expect(priceRate(SHIPPED_RATES, 'kontanthjaelp', 'forhoejet', 2023)).toEqual({
      ok: false,
      gap: {
        benefit: 'kontanthjaelp',
        variant: 'forhoejet',
        year: 2023,
        reason: 'not-yet',
        boundYear: 2025,
      },
    });
  });

  it('ends the old kontanthjælp and uddannelseshjælp with 2025', () => {
    // 12,326 × 1.036 = 12,769.7 → 12,770 for the first half of 2025.
    expect(priced('kontanthjaelp', '30+ andre', 2025)).toMatchObject({ amount: 12_770, status: 'derived' });
    const ended = priceRate(SHIPPED_RATES, 'uddannelseshjaelp', 'under 30 udeboende', 2026);
    expect(ended.ok ? null : ended.gap).toMatchObject({ reason: 'ended', boundYear: 2025 });
  });

  it('regulates the others by hand', () => {
    // Ressourceforløbsydelse 12,326 (2024) × 1.036 → 12,770 × 1.045 → 13,345 (2026) × 1.045 → 13,946 (2027).
    expect(priced('ressourceforloebsydelse', 'ikke-forsoerger', 2026).amount).toBe(13_345);
    expect(priced('ressourceforloebsydelse', 'ikke-forsoerger', 2027).amount).toBe(13_946);
    // Dagpenge 22,041 (2026) × 1.045 = 23,032.8 → 23,033.
    expect(priced('adagpenge', 'fuldtid', 2027)).toMatchObject({ amount: 23_033, status: 'estimated' });
    // Sygedagpenge 4,865 (2025) × 1.045 = 5,083.9 → 5,084 a week.
    expect(priced('sygedagpenge', 'max', 2026)).toMatchObject({ amount: 5_084, unit: 'week' });
    // Førtidspension 20,370 (2024) → 21,103 → 22,053 (2026) → 23,045 (2027) a month.
    expect(priced('foertidspension', 'enlig', 2027).amount).toBe(23_045);
    // Ledighedsydelse 4,185 (2024) → 4,336 → 4,531 (2026) → 4,735 (2027) a week.
    expect(priced('ledighedsydelse', 'max', 2027).amount).toBe(4_735);
    // Fleksløntilskud 21,600.18 (2026) × 1.045 = 22,572.19 → 22,572.
    expect(priced('fleksloentilskud', 'max', 2027).amount).toBe(22_572);
  });

  it('does not regulate backwards: a year before the first is a gap, or carried as it is when asked', () => {
    const gap = priceRate(SHIPPED_RATES, 'adagpenge', 'fuldtid', 2021);
    expect(gap.ok ? null : gap.gap).toMatchObject({ reason: 'before-first', boundYear: 2022 });
    const carried = priceRate(SHIPPED_RATES, 'adagpenge', 'fuldtid', 2021, { carry: true });
    expect(carried.ok && carried.rate).toMatchObject({
      year: 2021,
      amount: 19_351,
      priceYear: 2022,
      basis: 'carried',
      status: 'secondary',
    });
  });

  it("regulates a user's table by its own percentages and reports a year without one", () => {
    const own: RateTable = {
      version: 'own.csv',
      rates: [
        {
          year: 2020,
          benefit: 'sygedagpenge',
          variant: 'egen',
          amount: 1_000,
          unit: 'week',
          source: 'own',
          status: 'estimated',
        },
      ],
      regulation: [{ year: 2022, percent: 10, source: 'own', status: 'estimated' }],
    };
    const gap = priceRate(own, 'sygedagpenge', 'egen', 2022);
    expect(gap.ok ? null : gap.gap).toMatchObject({ reason: 'no-regulation', boundYear: 2021 });
    const carried = priceRate(own, 'sygedagpenge', 'egen', 2022, { carry: true });
    expect(carried.ok && carried.rate).toMatchObject({ amount: 1_000, priceYear: 2020, basis: 'carried' });
  });

  it('gives a rate in 2026 and 2027 for every catalogue group in force that names one', () => {
    for (const year of [2026, 2027]) {
      const { rates } = ratesOfYear(SHIPPED_RATES, year);
      const has = new Set(rates.map((r) => `${r.benefit}|${r.variant}`));
      // The groups merged into the kontanthjælp of 1 July 2025 end in 2025-W26.
      const inForce = datedBenefits().filter(
        (b) => b.rate && (b.validTo === null || b.validTo >= year * 100),
      );
      expect(inForce.map((b) => b.code)).toContain('kontanthjaelp_grundsats');
      expect(inForce.map((b) => b.code)).not.toContain('uddannelseshjaelp');
      for (const b of inForce) expect(has).toContain(`${b.rate!.benefit}|${b.rate!.variant}`);
      expect(rates.every((r) => r.priceYear === year)).toBe(true);
    }
  });

  it('names the hjemmeboende kontanthjælp as a rate without a known amount', () => {
    const { gaps } = ratesOfYear(SHIPPED_RATES, 2026);
    expect(gaps).toContainEqual({
      benefit: 'kontanthjaelp',
      variant: 'hjemmeboende',
      year: 2026,
      reason: 'unknown',
      boundYear: null,
    });
  });
});

describe('weekly amounts', () => {
  it('turns a month into 12/52 weeks and a year into 52 weeks', () => {
    expect(weeklyAmount({ amount: 21_092, unit: 'month' })).toBeCloseTo(4867.384615, 6);
    expect(weeklyAmount({ amount: 232_320, unit: 'year' })).toBeCloseTo(4467.692308, 6);
    expect(weeklyAmount({ amount: 4_695, unit: 'week' })).toBe(4_695);
  });
});
