/**
 * Benefit rates (satser): a versioned table of statutory amounts, each with its year, unit, source
 * and status, shipped from RULES.md §2 and §8 and replaceable by a user's own table (municipalities
 * often prefer their own average net cost per full-time person from their accounts).
 *
 * A year the table lacks is priced from the last year it has, regulated forward by the
 * satsregulering (regulation.ts) and marked `derived` (`estimated` where a percentage is), naming
 * the base year and the percentages (`priceRate`). Nothing is regulated backwards: a year before a
 * rate's first is a gap, or, where a caller asks for it, the first amount carried back unregulated
 * and marked so. A rate that applies only from or until a year (the kontanthjælp of 1 July 2025,
 * the old kontanthjælp and uddannelseshjælp until then) is not invented outside its years
 * (`RATE_PERIODS`).
 *
 * Every amount is in the prices of its year (`priceYear`): a 2027 amount is in 2027 prices.
 *
 * Weekly amounts use 52 weeks a year (12 months = 52 weeks), the convention of full-time-person
 * counts on jobindsats.dk, so a year's weekly amounts add back up to the yearly amount.
 */

import type { BenefitCode, RateBenefit, SourceStatus } from './benefits.ts';
import { formatYearList } from './format.ts';
import { capitalize, sayIn, type Language } from './language.ts';
import {
  regulate,
  regulatedStatus,
  SATSREGULERING,
  type RegulationPercentage,
  type RegulationStep,
} from './regulation.ts';

export const WEEKS_PER_YEAR = 52;

export const RATE_UNITS = ['week', 'month', 'year'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export const RATE_STATUSES = [
  'verified',
  'secondary',
  'derived',
  'estimated',
] as const satisfies readonly SourceStatus[];
export type RateStatus = (typeof RATE_STATUSES)[number];

export interface Rate {
  readonly year: number;
  /** A rate-table benefit (`kontanthjaelp`) or, in a user's table, a catalogue code (`ledighedsydelse`). */
  readonly benefit: RateBenefit | BenefitCode;
  /** Which of the benefit's amounts: `fuldtid`, `30+ forsoerger`, `max`, … */
  readonly variant: string;
  /** Kroner per `unit`, in the prices of `year`. */
  readonly amount: number;
  readonly unit: RateUnit;
  readonly source: string;
  readonly status: RateStatus;
}

export interface RateTable {
  /** Names the table in every result that used it: `shipped-2026-11` or the user's file name and hash. */
  readonly version: string;
  readonly rates: readonly Rate[];
  /** The satsregulering the table regulates missing years by; default `SATSREGULERING`. */
  readonly regulation?: readonly RegulationPercentage[];
}

/** Kroner per week of a rate (a month is 52/12 weeks, a year 52 weeks). */
export function weeklyAmount(rate: Pick<Rate, 'amount' | 'unit'>): number {
  switch (rate.unit) {
    case 'week':
      return rate.amount;
    case 'month':
      return (rate.amount * 12) / WEEKS_PER_YEAR;
    case 'year':
      return rate.amount / WEEKS_PER_YEAR;
  }
}

const BM_2023 = 'bm.dk, satser 2023';
const BM_2024 = 'bm.dk, satser 2024';
const BM_2025 = 'bm.dk, satser 2025';
const SECONDARY = 'RULES.md §2 (non-official source)';
const SECONDARY_8 = 'RULES.md §8 (non-official source)';
const VERIFIED_8 = 'RULES.md §8 (read in the official source)';
const KONTANTHJAELP_2024_TAL =
  'Aftale om et nyt kontanthjælpssystem, 13 October 2023, in 2024 prices ("2024-tal"; lundsteenwiederquist.dk 2023-11-01, citing bm.dk\'s fakta sheet); the rate applies from 1 July 2025';
const TILLAEG_2025 =
  "kalundborg.dk, tillæg til kontanthjælp, satser 2025 (RULES.md §8: a municipality's page)";

type Row = readonly [year: number, benefit: RateBenefit, variant: string, amount: number, unit: RateUnit];

/** Rows of one source and status. */
function rows(source: string, status: RateStatus, list: readonly Row[]): Rate[] {
  return list.map(([year, benefit, variant, amount, unit]) => ({
    year,
    benefit,
    variant,
    amount,
    unit,
    source,
    status,
  }));
}

const STATUTORY: readonly Rate[] = [
  ...rows(SECONDARY, 'secondary', [
    [2022, 'adagpenge', 'fuldtid', 19_351, 'month'],
    [2024, 'adagpenge', 'fuldtid', 20_359, 'month'],
    [2023, 'ressourceforloebsydelse', 'ikke-forsoerger', 11_944, 'month'],
    [2023, 'ressourceforloebsydelse', 'forsoerger', 15_874, 'month'],
    [2022, 'foertidspension', 'enlig', 232_320, 'year'],
    [2022, 'foertidspension', 'samlevende', 197_484, 'year'],
  ]),
  ...rows(BM_2023, 'verified', [
    [2023, 'adagpenge', 'fuldtid', 19_728, 'month'],
    [2023, 'sygedagpenge', 'max', 4_550, 'week'],
    [2023, 'kontanthjaelp', '30+ forsoerger', 15_874, 'month'],
    [2023, 'kontanthjaelp', '30+ andre', 11_944, 'month'],
    [2023, 'kontanthjaelp', 'under 30 udeboende', 7_699, 'month'],
    [2023, 'kontanthjaelp', 'under 30 hjemmeboende', 3_715, 'month'],
    [2023, 'uddannelseshjaelp', 'under 30 udeboende', 6_545, 'month'],
    [2023, 'uddannelseshjaelp', 'under 30 hjemmeboende', 2_820, 'month'],
  ]),
  ...rows(BM_2024, 'verified', [
    [2024, 'kontanthjaelp', '30+ forsoerger', 16_382, 'month'],
    [2024, 'kontanthjaelp', '30+ andre', 12_326, 'month'],
    [2024, 'ressourceforloebsydelse', 'forsoerger', 16_382, 'month'],
    [2024, 'ressourceforloebsydelse', 'ikke-forsoerger', 12_326, 'month'],
  ]),
  ...rows(VERIFIED_8, 'verified', [[2024, 'sygedagpenge', 'max', 4_695, 'week']]),
  ...rows(SECONDARY_8, 'secondary', [
    [2026, 'adagpenge', 'fuldtid', 22_041, 'month'],
    [2025, 'sygedagpenge', 'max', 4_865, 'week'],
    [2024, 'kontanthjaelp', 'under 30 udeboende', 7_945, 'month'],
    [2024, 'kontanthjaelp', 'under 30 hjemmeboende', 3_834, 'month'],
    [2024, 'uddannelseshjaelp', 'under 30 udeboende', 6_754, 'month'],
    [2024, 'uddannelseshjaelp', 'under 30 hjemmeboende', 2_910, 'month'],
    [2024, 'foertidspension', 'enlig', 20_370, 'month'],
    [2024, 'foertidspension', 'samlevende', 17_315, 'month'],
    [2024, 'fleksloentilskud', 'max', 19_952, 'month'],
    [2025, 'kontanthjaelp', 'grundsats', 7_205, 'month'],
    [2025, 'kontanthjaelp', 'mindstesats', 6_789, 'month'],
  ]),
  ...rows(BM_2025, 'verified', [
    [2025, 'adagpenge', 'fuldtid', 21_092, 'month'],
    [2025, 'adagpenge', 'deltid', 14_061, 'month'],
  ]),
  ...rows(KONTANTHJAELP_2024_TAL, 'secondary', [
    [2024, 'kontanthjaelp', 'forhoejet', 12_064, 'month'],
    [2024, 'kontanthjaelp', 'grundsats', 6_955, 'month'],
    [2024, 'kontanthjaelp', 'mindstesats', 6_553, 'month'],
  ]),
  ...rows(TILLAEG_2025, 'verified', [
    [2025, 'kontanthjaelp', 'boernetillaeg', 2_784, 'month'],
    [2025, 'kontanthjaelp', 'tillaeg enlig forsoerger', 1_638, 'month'],
    [2025, 'kontanthjaelp', 'tillaeg enlig ikke-forsoerger', 1_092, 'month'],
    [2025, 'kontanthjaelp', 'saerligt ungetillaeg 18-24', 1_036, 'month'],
    [2025, 'kontanthjaelp', 'saerligt ungetillaeg 25-29', 2_590, 'month'],
    [2025, 'kontanthjaelp', 'saerligt ungetillaeg forsoerger', 2_590, 'month'],
  ]),
  {
    year: 2024,
    benefit: 'ledighedsydelse',
    variant: 'max',
    amount: 4_185,
    unit: 'week',
    source: 'RULES.md §8: 89 % of the highest dagpenge rate, bm.dk satser 2024',
    status: 'verified',
  },
];

/** Share of the highest dagpenge rate that is the highest fleksløntilskud (vejl. 9154/2022, verified). */
export const FLEX_SUBSIDY_SHARE_OF_DAGPENGE = 0.98;

/**
 * The highest fleksløntilskud of each year with a full-time dagpenge rate and no fleksløntilskud of
 * its own, derived as 98 % of it; its status is `derived` only when the dagpenge rate is verified,
 * else it inherits the weaker one.
 */
function derivedFlexSubsidyMaxima(rates: readonly Rate[]): Rate[] {
  const own = new Set(rates.filter((r) => r.benefit === 'fleksloentilskud').map((r) => r.year));
  return rates
    .filter((r) => r.benefit === 'adagpenge' && r.variant === 'fuldtid' && !own.has(r.year))
    .map((r) => ({
      year: r.year,
      benefit: 'fleksloentilskud',
      variant: 'max',
      amount: Math.round(FLEX_SUBSIDY_SHARE_OF_DAGPENGE * r.amount * 100) / 100,
      unit: r.unit,
      source: `98 % of the highest dagpenge rate (vejl. 9154/2022) × ${r.source}`,
      status: r.status === 'verified' ? 'derived' : r.status,
    }));
}

/** The rate table shipped with the product, from RULES.md §2 and §8, with the satsregulering of regulation.ts. */
export const SHIPPED_RATES: RateTable = {
  version: 'shipped-2026-12',
  rates: [...STATUTORY, ...derivedFlexSubsidyMaxima(STATUTORY)].sort(
    (a, b) => a.benefit.localeCompare(b.benefit) || a.year - b.year || a.variant.localeCompare(b.variant),
  ),
  regulation: SATSREGULERING,
};

/** The years a table has rates for, ascending. */
export function rateYears(table: RateTable): number[] {
  return [...new Set(table.rates.map((r) => r.year))].sort((a, b) => a - b);
}

/** The rate of a benefit and variant in a year as the table has it, or `null` if it has none (no regulation). */
export function findRate(table: RateTable, benefit: string, variant: string, year: number): Rate | null {
  return table.rates.find((r) => r.benefit === benefit && r.variant === variant && r.year === year) ?? null;
}

/** The satsregulering a table regulates by. */
export function regulationOf(table: RateTable): readonly RegulationPercentage[] {
  return table.regulation ?? SATSREGULERING;
}

/** The years a rate applies in, where the law bounds them: outside them it is not invented. */
export interface RatePeriod {
  readonly benefit: RateBenefit;
  /** The variants it bounds; `null`: every variant of the benefit. */
  readonly variants: readonly string[] | null;
  /** First calendar year with the rate (it may start during the year); `null`: no bound. */
  readonly firstYear: number | null;
  /** Last calendar year with the rate (it may end during the year); `null`: still in force. */
  readonly lastYear: number | null;
  readonly source: string;
  readonly status: SourceStatus;
}

const REFORM_2025 = 'lov nr. 1655 af 30/12/2024 (L 13 2024-25), aktivloven §§ 16-20, in force 1 July 2025';

/** The variants of the kontanthjælp of 1 July 2025 (the hjemmeboende rate's amount was not found). */
export const KONTANTHJAELP_2025_VARIANTS = [
  'forhoejet',
  'grundsats',
  'mindstesats',
  'hjemmeboende',
  'boernetillaeg',
  'tillaeg enlig forsoerger',
  'tillaeg enlig ikke-forsoerger',
  'saerligt ungetillaeg 18-24',
  'saerligt ungetillaeg 25-29',
  'saerligt ungetillaeg forsoerger',
] as const;

export const RATE_PERIODS: readonly RatePeriod[] = [
  {
    benefit: 'kontanthjaelp',
    variants: KONTANTHJAELP_2025_VARIANTS,
    firstYear: 2025,
    lastYear: null,
    source: REFORM_2025,
    status: 'verified',
  },
  {
    benefit: 'kontanthjaelp',
    variants: ['30+ forsoerger', '30+ andre', 'under 30 udeboende', 'under 30 hjemmeboende'],
    firstYear: null,
    lastYear: 2025,
    source: `${REFORM_2025}: the old kontanthjælp ends on 30 June 2025`,
    status: 'verified',
  },
  {
    benefit: 'uddannelseshjaelp',
    variants: null,
    firstYear: null,
    lastYear: 2025,
    source: `${REFORM_2025}: uddannelseshjælp ends on 30 June 2025`,
    status: 'verified',
  },
];

function periodOf(benefit: string, variant: string, periods: readonly RatePeriod[]): RatePeriod | null {
  return (
    periods.find((p) => p.benefit === benefit && (p.variants === null || p.variants.includes(variant))) ??
    null
  );
}

/** How a priced amount was found. */
export type RateBasis =
  /** The table's own amount for the year. */
  | 'table'
  /** The last earlier amount regulated forward by the satsregulering. */
  | 'regulated'
  /** Another year's amount used as it is (a year before the table's first, or without a percentage): in that year's prices. */
  | 'carried';

/** A rate for a year, however it was found, with its price year. */
export interface PricedRate extends Rate {
  readonly weeklyAmount: number;
  /** The year whose prices the amount is in: the year itself, except for a carried amount. */
  readonly priceYear: number;
  readonly basis: RateBasis;
  /** The table's amount a regulated or carried one rests on; `null` for the table's own. */
  readonly base: Rate | null;
  /** The percentages applied, year by year (empty unless regulated). */
  readonly percentages: readonly RegulationStep[];
}

/** Why a table gives no rate for a year. */
export type RateGapReason =
  /** The table has no amount of the benefit and variant in any year. */
  | 'unknown'
  /** Before the rate's first year in law (RATE_PERIODS). */
  | 'not-yet'
  /** After the rate's last year in law (RATE_PERIODS). */
  | 'ended'
  /** Before the table's first amount: nothing is regulated backwards. */
  | 'before-first'
  /** A year between the last amount and the year has no satsregulering. */
  | 'no-regulation';

export interface RateGap {
  readonly benefit: string;
  readonly variant: string;
  readonly year: number;
  readonly reason: RateGapReason;
  /** The first year the rate applies or the table has it (`not-yet`, `before-first`), or the last (`ended`). */
  readonly boundYear: number | null;
}

export type RateLookup =
  { readonly ok: true; readonly rate: PricedRate } | { readonly ok: false; readonly gap: RateGap };

export interface PriceRateOptions {
  /**
   * Where no regulated amount can be had (a year before the table's first, or without a
   * percentage), use the nearest year's amount as it is (the earlier on a tie), marked `carried`,
   * rather than a gap.
   */
  readonly carry?: boolean;
  readonly periods?: readonly RatePeriod[];
}

function priced(rate: Rate, year: number, basis: RateBasis, base: Rate | null): PricedRate {
  return {
    ...rate,
    year,
    weeklyAmount: weeklyAmount(rate),
    priceYear: basis === 'carried' ? (base?.year ?? year) : year,
    basis,
    base,
    percentages: [],
  };
}

/**
 * The rate of `benefit` and `variant` for `year`: the table's own amount, else the last earlier
 * amount regulated forward by the table's satsregulering (`derived`, or `estimated` where a
 * percentage is), else a gap (or, with `carry`, the nearest amount as it is). No rate outside the
 * years the law gives it (RATE_PERIODS).
 */
export function priceRate(
  table: RateTable,
  benefit: string,
  variant: string,
  year: number,
  options: PriceRateOptions = {},
): RateLookup {
  const gap = (reason: RateGapReason, boundYear: number | null): RateLookup => ({
    ok: false,
    gap: { benefit, variant, year, reason, boundYear },
  });
  const period = periodOf(benefit, variant, options.periods ?? RATE_PERIODS);
  if (period?.firstYear != null && year < period.firstYear) return gap('not-yet', period.firstYear);
  if (period?.lastYear != null && year > period.lastYear) return gap('ended', period.lastYear);
  const known = table.rates
    .filter((r) => r.benefit === benefit && r.variant === variant)
    .sort((a, b) => a.year - b.year);
  const first = known[0];
  if (!first) return gap('unknown', null);
  const exact = known.find((r) => r.year === year);
  if (exact) return { ok: true, rate: priced(exact, year, 'table', null) };
  // Carried: the nearest year's amount as it is (the earlier on a tie).
  const nearest = known.reduce((a, r) => (Math.abs(r.year - year) < Math.abs(a.year - year) ? r : a));
  const before = known.filter((r) => r.year < year).pop();
  if (!before)
    return options.carry
      ? { ok: true, rate: priced(nearest, year, 'carried', nearest) }
      : gap('before-first', first.year);
  const regulated = regulate(before.amount, before.year, year, regulationOf(table));
  if (!regulated.ok)
    return options.carry
      ? { ok: true, rate: priced(nearest, year, 'carried', nearest) }
      : gap('no-regulation', regulated.missingYear);
  const steps = regulated.steps;
  const rate: Rate = {
    ...before,
    year,
    amount: regulated.amount,
    source: `the ${before.year} amount (${before.source}, ${before.status}) regulated by the satsregulering ${steps
      .map((s) => `${s.percent} % (${s.year}${s.status === 'estimated' ? ', estimated' : ''})`)
      .join(', ')}, rounded to whole kroner each year`,
    status: regulatedStatus(steps),
  };
  return { ok: true, rate: { ...priced(rate, year, 'regulated', before), percentages: steps } };
}

/** The benefits and variants a table prices, with the variants the law names for its benefits. */
export function rateKeys(
  table: RateTable,
  periods: readonly RatePeriod[] = RATE_PERIODS,
): { benefit: string; variant: string }[] {
  const keys = new Map<string, { benefit: string; variant: string }>();
  const add = (benefit: string, variant: string) => keys.set(`${benefit}|${variant}`, { benefit, variant });
  for (const r of table.rates) add(r.benefit, r.variant);
  const benefits = new Set(table.rates.map((r) => r.benefit));
  for (const p of periods) if (benefits.has(p.benefit)) for (const v of p.variants ?? []) add(p.benefit, v);
  return [...keys.values()].sort(
    (a, b) => a.benefit.localeCompare(b.benefit) || a.variant.localeCompare(b.variant),
  );
}

/** Every rate of a year (the table's own or regulated), and the gaps where there is none. */
export function ratesOfYear(
  table: RateTable,
  year: number,
  periods: readonly RatePeriod[] = RATE_PERIODS,
): { rates: PricedRate[]; gaps: RateGap[] } {
  const rates: PricedRate[] = [];
  const gaps: RateGap[] = [];
  for (const { benefit, variant } of rateKeys(table, periods)) {
    const found = priceRate(table, benefit, variant, year, { periods });
    if (found.ok) rates.push(found.rate);
    else gaps.push(found.gap);
  }
  return { rates, gaps };
}

/**
 * One line for the top of a result priced with `rates` when any of them was regulated forward or
 * carried from another year: "Satser for 2027 er fremskrevet fra 2025 med satsreguleringen, der
 * for 2027 er skønnet." Empty when every rate is the table's own for its year.
 */
export function pricesNotice(rates: readonly PricedRate[], language: Language): string[] {
  const say = sayIn(language);
  const list = (years: readonly number[]) => formatYearList(years, language);
  const parts: string[] = [];
  const regulated = rates.filter((r) => r.basis === 'regulated');
  if (regulated.length > 0) {
    const years = regulated.map((r) => r.year);
    const bases = regulated.map((r) => r.base?.year ?? r.year);
    const estimated = regulated.flatMap((r) => r.percentages.filter((p) => p.status === 'estimated'));
    const estimate =
      estimated.length === 0
        ? { da: '', en: '' }
        : {
            da: `, der for ${list(estimated.map((p) => p.year))} er skønnet`,
            en: `, estimated for ${list(estimated.map((p) => p.year))}`,
          };
    parts.push(
      say({
        da: `Satser for ${list(years)} er fremskrevet fra ${list(bases)} med satsreguleringen${estimate.da}`,
        en: `Rates for ${list(years)} are regulated forward from ${list(bases)} by the satsregulering${estimate.en}`,
      }),
    );
  }
  const carried = rates.filter((r) => r.basis === 'carried');
  if (carried.length > 0) {
    const years = list(carried.map((r) => r.year));
    const from = list(carried.map((r) => r.priceYear));
    parts.push(
      say({
        da: `satser for ${years} er ${from}-satser uden regulering`,
        en: `rates for ${years} are the ${from} rates unregulated`,
      }),
    );
  }
  return parts.length === 0 ? [] : [`${capitalize(parts.join('; '))}.`];
}
