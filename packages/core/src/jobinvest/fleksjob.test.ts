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
// Ressourceforløbsydelse, ikke-forsørger, 2023 (the only year shipped): 11,944 kr/month.
const RFY_2023 = 11_944;

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
    // 2025: 98 % of 21,092 = 20,670.16, minus the same 5,819.25 (the 2024 threshold carried over) = 14,850.91.
    expect(second?.fleksjob.municipal).toBeCloseTo(0.8 * 12 * 14_850.91, 6);
    expect([second?.fleksjob.staircaseFrom, second?.fleksjob.staircaseTo]).toEqual([53, 104]);
    // The alternative walks the same staircase from the same count.
    expect(first?.alternative.municipal).toBeCloseTo(((RFY_2023 * 12) / 52) * 32.2, 6);
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

  it('gives the difference against ressourceforløb: 0.8 × 12 × (14,132.57 − 11,944) = 21,010.27 a year', () => {
    const c = fleksjobCase(base);
    expect(c.years[0]?.alternative.municipal).toBeCloseTo(0.8 * 12 * RFY_2023, 6);
    expect(c.years[0]?.difference).toBeCloseTo(21_010.272, 6);
    expect(c.totals.difference).toBeCloseTo(21_010.272, 6);
    // Discounted week by week: Σ_{t<52} d/52 · 1.035^(−t/52) with d the yearly difference. Fleksjob
    // costs the municipality more, so its net present value is negative, as the calculator's would be.
    const pv = Array.from({ length: 52 }, (_, t) => (21_010.272 / 52) * Math.pow(1.035, -t / 52)).reduce(
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
  it('carries values to years the table lacks from the nearest year, and says so', () => {
    const c = fleksjobCase({ ...base, startYear: 2026, horizonYears: 3 });
    const threshold = c.sources.find((s) => s.item === 'threshold of the flex-job wage subsidy');
    expect(threshold).toMatchObject({ year: 2024, amount: 16_323, usedFor: [2026, 2027, 2028] });
    expect(c.assumptions).toContain(
      'For 2026-2028 the threshold of the flex-job wage subsidy is the 2024 value (secondary), the nearest year the table has: no regulation of rates is assumed, so those years are in 2024 prices.',
    );
    expect(c.assumptions).toContain(
      'For 2027-2028 the highest a-dagpenge rate for the full-time insured behind the flex-job wage subsidy is the 2026 value (secondary), the nearest year the table has: no regulation of rates is assumed, so those years are in 2026 prices.',
    );
    expect(
      c.assumptions.some((a) => a.startsWith('In 2026-2028 the paths are priced from different years')),
    ).toBe(true);
    // 2027 is priced exactly as 2026.
    expect(c.years[1]?.fleksjob.subsidy).toBe(c.years[0]?.fleksjob.subsidy);
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
      'Grænsebeløb for fleksløntilskud: 2024-værdien (sekundær kilde) er brugt for 2026-2028, det nærmeste år tabellen har: der er ikke antaget satsregulering, så de år er i 2024-priser.',
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
    const figures = (c: typeof en) => ({
      ...c,
      assumptions: null,
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
  it('finds the break-even wage by hand: 11,944 = 19,951.82 − 4,896.90 − 0.55 (W − 16,323), W = 21,979.22', () => {
    const c = fleksjobCase(base);
    expect(c.breakEven.wage.monthlyWage).toBeCloseTo(21_979.2182, 3);
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

  it('finds the break-even hours at a given hourly wage: 21,979.22 / (250 × 52/12) = 20.2885 hours', () => {
    const c = fleksjobCase({ ...base, monthlyWage: undefined, hourlyWage: 250 });
    expect(c.breakEven.hours.hours).toBeCloseTo(20.28851, 4);
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
    // In 2026 (98 % of 22,041 = 21,600.18) the ceiling binds up to 18,343 kr at 20 hours: start above it.
    const start = fleksjobCase({ ...base, staircaseWeeks: 0, horizonYears: 3, monthlyWage: 18_500 });
    expect(start.years.map((y) => y.fleksjob.monthly.ceilingBinding)).toEqual([false, false, false]);
    const costs = Array.from({ length: 66 }, (_, i) => fleksjobPv({ monthlyWage: 18_500 + i * 500 }));
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
    expect(low.breakEven.wage.ceilingMonthlyWage).toBeCloseTo(RFY_2023 / (17 / 20), 3);
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
      'alternativeVariant: expected one of the ressourceforloebsydelse variants in rate table shipped-2026-11: forsoerger, ikke-forsoerger, found "enlig"',
    );
    expect(error({ alternativeVariant: 'forsoerger', alternativeCostPerYear: 1 }).field).toBe(
      'alternativeVariant',
    );
  });
});
