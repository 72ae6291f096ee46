import { describe, expect, it } from 'vitest';
import { formatKr, formatNumber } from '../format.ts';
import { RAW_IDENTIFIER } from '../names.ts';
import { SHIPPED_RATES, type RateTable } from '../rates.ts';
import { FleksjobError, fleksjobCase, type FleksjobCaseInput } from './fleksjob.ts';

// 2024: highest dagpenge 20,359 kr/month, so 98 % = 19,951.82; threshold 16,323 kr/month (RULES.md §2-3).
// At 20 hours a week and 18,000 kr a month incl. pension: reduction 0.30 × 16,323 + 0.55 × 1,677 = 5,819.25,
// subsidy 19,951.82 − 5,819.25 = 14,132.57 kr/month; the full-time wage 18,000 × 37/20 = 33,300 leaves room
// of 15,300, so the ceiling does not bind. A week is 12/52 of a month: 3,261.3623 kr.
const SUBSIDY_2024 = 14_132.57;
const WEEKLY_2024 = (SUBSIDY_2024 * 12) / 52;
// Ressourceforløbsydelse, ikke-forsørger, 2024 (RULES.md §8, verified): 12,326 kr/month.
const RFY_2024 = 12_326;

const base: FleksjobCaseInput = {
  alternative: 'ressourceforloeb',
  startYear: 2024,
  horizonYears: 1,
  staircaseWeeks: 53,
  hours: 20,
  monthlyWage: 18_000,
  discountRate: 0.035,
};

describe('the fleksjob case: costs per year', () => {
  it('computes the fleksløntilskud month by hand from RULES.md §3', () => {
    const c = fleksjobCase(base);
    const month = c.years[0]?.fleksjob.monthly;
    expect(month?.reduction).toBeCloseTo(5_819.25, 6);
    expect(month?.subsidy).toBeCloseTo(SUBSIDY_2024, 6);
    expect(month?.ceilingBinding).toBe(false);
    expect(month?.atp).toBe(500);
    expect(c.years[0]?.fleksjob.subsidy).toBeCloseTo(12 * SUBSIDY_2024, 6);
    expect(c.input.fullTimeMonthlyWage).toBeCloseTo(33_300, 9);
  });

  it('gives the municipality 20 % of the subsidy in weeks 1-4, 60 % in 5-26, 70 % in 27-52 and 80 % from 53', () => {
    const c = fleksjobCase({ ...base, staircaseWeeks: 0, horizonYears: 2 });
    const [first, second] = c.years;
    // 4 × 20 % + 22 × 60 % + 26 × 70 % = 32.2 weeks' worth in the first year.
    expect(first?.fleksjob.municipal).toBeCloseTo(WEEKLY_2024 * 32.2, 6);
    expect([first?.fleksjob.staircaseFrom, first?.fleksjob.staircaseTo]).toEqual([1, 52]);
    // 2025: the threshold 16,323 × 1.036 = 16,910.6 → 16,911 (regulated); 98 % of 21,092 = 20,670.16, minus
    // 0.30 × 16,911 + 0.55 × 1,089 = 5,672.25, is 14,997.91.
    expect(second?.fleksjob.monthly.threshold).toBe(16_911);
    expect(second?.fleksjob.municipal).toBeCloseTo(0.8 * 12 * 14_997.91, 6);
    expect([second?.fleksjob.staircaseFrom, second?.fleksjob.staircaseTo]).toEqual([53, 104]);
    // The alternative walks the same staircase from the same count.
    expect(first?.alternative.municipal).toBeCloseTo(((RFY_2024 * 12) / 52) * 32.2, 6);
  });

  it('charges the municipality 80 % all along when the count is 53 at the start', () => {
    const c = fleksjobCase({ ...base, horizonYears: 3 });
    for (const y of c.years) {
      expect(y.fleksjob.municipal / y.fleksjob.subsidy).toBeCloseTo(0.8, 12);
      expect(y.alternative.municipalShare).toBeCloseTo(0.8, 12);
    }
    expect(c.years[0]?.fleksjob.staircaseFrom).toBe(54);
  });

  it('counts the ATP contribution as public expenditure the state refunds in full', () => {
    const y = fleksjobCase(base).years[0];
    expect(y?.fleksjob.atp).toBeCloseTo(6_000, 9);
    expect(y?.fleksjob.gross).toBeCloseTo(12 * SUBSIDY_2024 + 6_000, 6);
    expect(y?.fleksjob.state).toBeCloseTo(0.2 * 12 * SUBSIDY_2024 + 6_000, 6);
  });

  it('gives the difference against ressourceforløb: 0.8 × 12 × (14,132.57 − 12,326) = 17,343.07 a year', () => {
    const c = fleksjobCase(base);
    expect(c.years[0]?.alternative.municipal).toBeCloseTo(0.8 * 12 * RFY_2024, 6);
    expect(c.years[0]?.difference).toBeCloseTo(17_343.072, 6);
    expect(c.totals.difference).toBeCloseTo(17_343.072, 6);
    // Discounted week by week: Σ_{t<52} d/52 · 1.035^(−t/52) with d the yearly difference. Fleksjob
    // costs the municipality more, so its net present value is negative, as the calculator's would be.
    const pv = Array.from({ length: 52 }, (_, t) => (17_343.072 / 52) * Math.pow(1.035, -t / 52)).reduce(
      (a, b) => a + b,
    );
    expect(c.totals.npv).toBeCloseTo(-pv, 6);
    expect(c.years[0]?.presentValue).toBeCloseTo(-pv, 6);
    expect(c.years[0]?.cumulativePresentValue).toBeCloseTo(-pv, 6);
    expect(c.alternativePricedAs).toBe('ressourceforloebsydelse, ikke-forsoerger');
  });

  it('prices førtidspension with the municipal co-financing down the staircase', () => {
    // 2022: 232,320 kr/year (enlig); weeks 1-52 from count 0 cost the municipality 32.2/52 of it.
    const c = fleksjobCase({ ...base, alternative: 'foertidspension', startYear: 2022, staircaseWeeks: 0 });
    expect(c.years[0]?.alternative.gross).toBeCloseTo(232_320, 6);
    expect(c.years[0]?.alternative.municipal).toBeCloseTo((232_320 / 52) * 32.2, 6);
    expect(c.assumptions.some((a) => a.includes('strongly indicated'))).toBe(true);
  });

  it("uses the municipality's own yearly cost for the alternative instead of the rate", () => {
    const c = fleksjobCase({ ...base, staircaseWeeks: 0, alternativeCostPerYear: 200_000 });
    expect(c.years[0]?.alternative.gross).toBeCloseTo(200_000, 6);
    expect(c.years[0]?.alternative.municipal).toBeCloseTo((200_000 / 52) * 32.2, 6);
    expect(c.alternativePricedAs).toBe('own cost');
    expect(c.sources.every((s) => s.path === 'fleksjob')).toBe(true);
  });
});

/** The shipped table without its ledighedsydelse rate: a table that lacks one. */
const noLedighedsydelse: RateTable = {
  version: SHIPPED_RATES.version,
  rates: SHIPPED_RATES.rates.filter((r) => r.benefit !== 'ledighedsydelse'),
};

describe('the fleksjob case: rates and assumptions', () => {
  it('regulates values to years the table lacks by the satsregulering, and says so', () => {
    const c = fleksjobCase({ ...base, startYear: 2026, horizonYears: 3 });
    // The threshold 16,323 (2024) × 1.036 → 16,911 × 1.045 → 17,672 (2026) → 18,467 (2027) → 19,298 (2028).
    expect(c.years.map((y) => y.fleksjob.monthly.threshold)).toEqual([17_672, 18_467, 19_298]);
    // Dagpenge 22,041 (2026) × 1.045 = 23,032.8 → 23,033 (2027); × 1.045 = 24,069.5 → 24,069 (2028).
    expect(c.years.map((y) => y.fleksjob.monthly.maxSubsidy)).toEqual([
      0.98 * 22_041,
      0.98 * 23_033,
      0.98 * 24_069,
    ]);
    // Ressourceforløbsydelse 12,326 (2024) → 12,770 → 13,345 (2026) → 13,946 (2027) → 14,574 (2028).
    [13_345, 13_946, 14_574].forEach((month, k) =>
      expect(c.years[k]?.alternative.gross).toBeCloseTo(12 * month, 6),
    );
    const threshold = c.sources.find(
      (s) => s.item === 'threshold of the flex-job wage subsidy' && s.year === 2027,
    );
    expect(threshold).toMatchObject({
      amount: 18_467,
      priceYear: 2027,
      basis: 'regulated',
      baseYear: 2024,
      status: 'estimated',
      usedFor: [2027],
    });
    expect(threshold?.percentages.map((p) => p.percent)).toEqual([3.6, 4.5, 4.5]);
    expect(c.assumptions).toContain(
      "The threshold of the flex-job wage subsidy in 2026-2028: the 2024 value (16.323 kr. a month, secondary) regulated forward by the satsregulering to each year's prices.",
    );
    expect(c.assumptions).toContain(
      "The highest a-dagpenge rate for the full-time insured behind the flex-job wage subsidy in 2027-2028: the 2026 value (22.041 kr. a month, secondary) regulated forward by the satsregulering to each year's prices.",
    );
    // Both paths are in each year's own prices.
    expect(c.assumptions.some((a) => a.includes('priced from different years'))).toBe(false);
    expect(c.notices).toEqual([
      'Rates for 2026-2028 are regulated forward from 2024 and 2026 by the satsregulering, estimated for 2027-2028.',
    ]);
  });

  it('carries the first value back unregulated to a year before the table, and says so', () => {
    const c = fleksjobCase({ ...base, startYear: 2021 });
    expect(c.years[0]?.fleksjob.monthly.maxSubsidy).toBeCloseTo(0.98 * 19_351, 9);
    expect(c.assumptions).toContain(
      'For 2021 the highest a-dagpenge rate for the full-time insured behind the flex-job wage subsidy is the 2022 value (secondary) unregulated, as the table has none earlier, and nothing is regulated backwards, so that year is in 2022 prices.',
    );
    expect(c.notices).toEqual(['Rates for 2021 are the 2022-2023 rates unregulated.']);
  });

  it('prices ledighedsydelse at the highest dagpenge rate when the table has no ledighedsydelse rate, and says so', () => {
    const c = fleksjobCase({ ...base, alternative: 'ledighedsydelse', rates: noLedighedsydelse });
    expect(c.years[0]?.alternative.gross).toBeCloseTo(12 * 20_359, 6);
    expect(c.alternativePricedAs).toBe('adagpenge, fuldtid');
    expect(
      c.assumptions.some((a) => a.startsWith('Ledighedsydelse is priced at the highest a-dagpenge rate')),
    ).toBe(true);
  });

  it("uses a ledighedsydelse rate from the user's table when there is one", () => {
    const rates: RateTable = {
      version: 'own.csv',
      rates: [
        ...noLedighedsydelse.rates,
        {
          year: 2024,
          benefit: 'ledighedsydelse',
          variant: 'max',
          amount: 18_000,
          unit: 'month',
          source: 'own accounts',
          status: 'estimated',
        },
      ],
    };
    const c = fleksjobCase({ ...base, alternative: 'ledighedsydelse', rates });
    expect(c.years[0]?.alternative.gross).toBeCloseTo(216_000, 6);
    expect(c.alternativePricedAs).toBe('ledighedsydelse, max');
    expect(c.rateTable).toBe('own.csv');
  });

  it('says the assumptions, the break-even reasons and the items in Danish when asked, with the same figures', () => {
    const input = { ...base, startYear: 2026, horizonYears: 3 };
    const en = fleksjobCase(input);
    const da = fleksjobCase(input, { language: 'da' });
    expect(da.assumptions).toContain(
      'Grænsebeløb for fleksløntilskud i 2026-2028: 2024-værdien (16.323 kr. pr. md., sekundær kilde) fremskrevet med satsreguleringen til hvert års priser.',
    );
    expect(da.assumptions).toContain(
      'Ressourceforløb: Ressourceforløbsydelse er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten.',
    );
    expect(da.assumptions).toContain(
      'Ressourceforløbsydelse er prissat med satsen for ikke-forsørger; satstabellen har også forsørger.',
    );
    for (const text of [
      ...da.assumptions,
      ...en.assumptions,
      da.breakEven.wage.reason,
      en.breakEven.wage.reason,
    ])
      expect(text).not.toMatch(RAW_IDENTIFIER);
    expect(da.assumptions).toContain(
      'Forskellen diskonteres uge for uge med 3,50 % om året; den første uge diskonteres ikke.',
    );
    expect(da.assumptions).toHaveLength(en.assumptions.length);
    // The lead sentence says the amount it speaks of.
    expect(da.breakEven.wage.reason).toMatch(
      `Ved 20 timer om ugen koster fleksjob kommunen mindre end ressourceforløbsydelse ved en månedsløn inkl. pension over ${formatKr(da.breakEven.wage.monthlyWage!)}, over 3 år, diskonteret.`,
    );
    expect(da.breakEven.hours.reason).toContain(
      `over ${formatNumber(da.breakEven.hours.hours!, 1)} timer om ugen`,
    );
    expect(da.sources.map((s) => s.item)).toContain('grænsebeløb for fleksløntilskud');
    expect(da.notices).toEqual([
      'Satser for 2026-2028 er fremskrevet fra 2024 og 2026 med satsreguleringen, der for 2027-2028 er skønnet.',
    ]);
    const figures = (c: typeof en) => ({
      ...c,
      assumptions: null,
      notices: null,
      sources: c.sources.map((s) => ({ ...s, item: null, source: null })),
      breakEven: {
        wage: { ...c.breakEven.wage, reason: null },
        hours: { ...c.breakEven.hours, reason: null },
      },
    });
    expect(figures(da)).toEqual(figures(en));
  });
});

describe('the fleksjob case: break-even', () => {
  it('finds the break-even wage by hand: 12,326 = 19,951.82 − 4,896.90 − 0.55 (W − 16,323), W = 21,284.67', () => {
    const c = fleksjobCase(base);
    expect(c.breakEven.wage.monthlyWage).toBeCloseTo(16_323 + (19_951.82 - 4_896.9 - 12_326) / 0.55, 3);
  });

  it('makes the net present value of the difference zero within 1 kr at the break-even wage', () => {
    const input = { ...base, staircaseWeeks: 0, horizonYears: 5 };
    const wage = fleksjobCase(input).breakEven.wage.monthlyWage;
    expect(wage).not.toBeNull();
    const atBreakEven = fleksjobCase({ ...input, monthlyWage: wage ?? 0 });
    expect(Math.abs(atBreakEven.totals.npv)).toBeLessThan(1);
    // Above it the municipality gains (positive, as in the calculator), below it it loses.
    expect(fleksjobCase({ ...input, monthlyWage: (wage ?? 0) + 100 }).totals.npv).toBeGreaterThan(0);
    expect(fleksjobCase({ ...input, monthlyWage: (wage ?? 0) - 100 }).totals.npv).toBeLessThan(0);
  });

  it('finds the break-even hours at a given hourly wage: 21,284.67 / (250 × 52/12) = 19.6474 hours', () => {
    const c = fleksjobCase({ ...base, monthlyWage: undefined, hourlyWage: 250 });
    const wage = 16_323 + (19_951.82 - 4_896.9 - 12_326) / 0.55;
    expect(c.breakEven.hours.hours).toBeCloseTo(wage / ((250 * 52) / 12), 4);
  });

  it('has no break-even against ledighedsydelse priced at dagpenge: the subsidy is at most 98 % of it', () => {
    const c = fleksjobCase({
      ...base,
      alternative: 'ledighedsydelse',
      horizonYears: 5,
      rates: noLedighedsydelse,
    });
    expect(c.breakEven.wage.monthlyWage).toBeNull();
    expect(c.breakEven.wage.reason).toMatch(
      /no more than benefit for unemployed flex-job candidates \(ledighedsydelse\) at any wage/,
    );
    expect(c.breakEven.hours.hours).toBeNull();
    expect(c.totals.npv).toBeGreaterThan(0);
  });
});

describe('the fleksjob case: how the cost moves with wage and hours', () => {
  const fleksjobPv = (input: Partial<FleksjobCaseInput>) =>
    fleksjobCase({ ...base, staircaseWeeks: 0, horizonYears: 3, ...input }).totals.fleksjob.presentValue;

  it('never costs the municipality more for more hours at the same hourly wage', () => {
    const costs = Array.from({ length: 37 }, (_, i) =>
      fleksjobPv({ monthlyWage: undefined, hourlyWage: 200, hours: 1 + i }),
    );
    costs.slice(1).forEach((c, i) => expect(c).toBeLessThanOrEqual(costs[i] ?? Infinity));
    expect(costs.at(-1)).toBe(0); // full time: no room under the ceiling
  });

  it('never costs the municipality more for a higher wage at the same hours once the ceiling does not bind', () => {
    // In 2026 (98 % of 22,041 = 21,600.18, threshold 17,672) the ceiling binds at 20 hours up to W with
    // 0.85 W = 21,600.18 − 0.30 × 17,672 − 0.55 (W − 17,672), W = 18,584.41: start above it.
    const start = fleksjobCase({ ...base, staircaseWeeks: 0, horizonYears: 3, monthlyWage: 18_600 });
    expect(start.years.map((y) => y.fleksjob.monthly.ceilingBinding)).toEqual([false, false, false]);
    const binding = fleksjobCase({ ...base, startYear: 2026, monthlyWage: 18_580 });
    expect(binding.years[0]?.fleksjob.monthly.ceilingBinding).toBe(true);
    const costs = Array.from({ length: 66 }, (_, i) => fleksjobPv({ monthlyWage: 18_600 + i * 500 }));
    costs.slice(1).forEach((c, i) => expect(c).toBeLessThanOrEqual(costs[i] ?? Infinity));
    expect(costs.at(-1)).toBe(0);
  });

  it('costs more for a higher wage where the ceiling binds, because the full-time wage rises with it', () => {
    // 20 hours at 14,000 kr: room 14,000 × 17/20 = 11,900 < 19,951.82 − 4,200.
    const low = fleksjobCase({ ...base, monthlyWage: 14_000 });
    const higher = fleksjobCase({ ...base, monthlyWage: 15_000 });
    expect(low.years[0]?.fleksjob.monthly.ceilingBinding).toBe(true);
    expect(low.years[0]?.fleksjob.monthly.subsidy).toBeCloseTo(11_900, 6);
    expect(higher.years[0]?.fleksjob.monthly.subsidy).toBeCloseTo(12_750, 6);
    expect(low.breakEven.wage.ceilingMonthlyWage).toBeCloseTo(RFY_2024 / (17 / 20), 3);
  });
});

describe('the fleksjob case: bad input', () => {
  const error = (input: Partial<Record<keyof FleksjobCaseInput, unknown>>) => {
    try {
      fleksjobCase({ ...base, ...input } as FleksjobCaseInput);
    } catch (e) {
      if (e instanceof FleksjobError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  it('names the field of negative hours and of hours above full time', () => {
    expect(error({ hours: -5 }).message).toBe(
      'hours: expected hours a week above 0 and at most the full-time hours (37), found -5',
    );
    expect(error({ hours: 40 }).field).toBe('hours');
    expect(error({ hours: 30, fullTimeHours: 25 }).message).toContain('at most the full-time hours (25)');
  });

  it('names an unknown path and lists the known ones', () => {
    expect(error({ alternative: 'kontanthjaelp' }).message).toBe(
      'alternative: expected one of ledighedsydelse, ressourceforloeb, foertidspension, found "kontanthjaelp"',
    );
  });

  it('refuses both or neither wage, a year before the reform, a negative count and an unknown variant', () => {
    expect(error({ hourlyWage: 200 }).message).toBe(
      'hourlyWage: expected either an hourly or a monthly wage, not both or neither, found "both"',
    );
    expect(error({ monthlyWage: undefined }).message).toContain('found "neither"');
    expect(error({ monthlyWage: 0 }).field).toBe('monthlyWage');
    expect(error({ startYear: 2015 }).message).toBe(
      'startYear: expected a year from 2016 (the refusion reform) to 2100, found 2015',
    );
    expect(error({ staircaseWeeks: -1 }).field).toBe('staircaseWeeks');
    expect(error({ horizonYears: 0 }).field).toBe('horizonYears');
    expect(error({ discountRate: Number.NaN }).field).toBe('discountRate');
    expect(error({ alternativeVariant: 'enlig' }).message).toBe(
      'alternativeVariant: expected one of the ressourceforloebsydelse variants in rate table shipped-2026-12: forsoerger, ikke-forsoerger, found "enlig"',
    );
    expect(error({ alternativeVariant: 'forsoerger', alternativeCostPerYear: 1 }).field).toBe(
      'alternativeVariant',
    );
  });
});
