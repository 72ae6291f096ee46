/**
 * Benefit rates (satser): a versioned table of statutory amounts, each with its year, unit, source
 * and status, shipped from RULES.md §2 and replaceable by a user's own table (municipalities often
 * prefer their own average net cost per full-time person from their accounts).
 *
 * Weekly amounts use 52 weeks a year (12 months = 52 weeks), the convention of full-time-person
 * counts on jobindsats.dk, so a year's weekly amounts add back up to the yearly amount.
 */

import type { BenefitCode, RateBenefit, SourceStatus } from './benefits.ts';

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

const BM_2025 = 'bm.dk, satser 2025';
const BM_2023 = 'bm.dk, satser 2023';
const SECONDARY = 'RULES.md §2 (non-official source)';

const STATUTORY: readonly Rate[] = [
  {
    year: 2022,
    benefit: 'adagpenge',
    variant: 'fuldtid',
    amount: 19_351,
    unit: 'month',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2023,
    benefit: 'adagpenge',
    variant: 'fuldtid',
    amount: 19_728,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2024,
    benefit: 'adagpenge',
    variant: 'fuldtid',
    amount: 20_359,
    unit: 'month',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2025,
    benefit: 'adagpenge',
    variant: 'fuldtid',
    amount: 21_092,
    unit: 'month',
    source: BM_2025,
    status: 'verified',
  },
  {
    year: 2025,
    benefit: 'adagpenge',
    variant: 'deltid',
    amount: 14_061,
    unit: 'month',
    source: BM_2025,
    status: 'verified',
  },
  {
    year: 2026,
    benefit: 'adagpenge',
    variant: 'fuldtid',
    amount: 22_041,
    unit: 'month',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2023,
    benefit: 'sygedagpenge',
    variant: 'max',
    amount: 4_550,
    unit: 'week',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2024,
    benefit: 'sygedagpenge',
    variant: 'max',
    amount: 4_695,
    unit: 'week',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2024,
    benefit: 'ledighedsydelse',
    variant: 'max',
    amount: 4_185,
    unit: 'week',
    source: 'RULES.md §8: 89 % of the highest dagpenge rate, bm.dk satser 2024',
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'kontanthjaelp',
    variant: '30+ forsoerger',
    amount: 15_874,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'kontanthjaelp',
    variant: '30+ andre',
    amount: 11_944,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'kontanthjaelp',
    variant: 'under 30 udeboende',
    amount: 7_699,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'kontanthjaelp',
    variant: 'under 30 hjemmeboende',
    amount: 3_715,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'uddannelseshjaelp',
    variant: 'under 30 udeboende',
    amount: 6_545,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'uddannelseshjaelp',
    variant: 'under 30 hjemmeboende',
    amount: 2_820,
    unit: 'month',
    source: BM_2023,
    status: 'verified',
  },
  {
    year: 2023,
    benefit: 'ressourceforloebsydelse',
    variant: 'ikke-forsoerger',
    amount: 11_944,
    unit: 'month',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2023,
    benefit: 'ressourceforloebsydelse',
    variant: 'forsoerger',
    amount: 15_874,
    unit: 'month',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2022,
    benefit: 'foertidspension',
    variant: 'enlig',
    amount: 232_320,
    unit: 'year',
    source: SECONDARY,
    status: 'secondary',
  },
  {
    year: 2022,
    benefit: 'foertidspension',
    variant: 'samlevende',
    amount: 197_484,
    unit: 'year',
    source: SECONDARY,
    status: 'secondary',
  },
];

/** Share of the highest dagpenge rate that is the highest fleksløntilskud (vejl. 9154/2022, verified). */
export const FLEX_SUBSIDY_SHARE_OF_DAGPENGE = 0.98;

/**
 * The highest fleksløntilskud of each year with a full-time dagpenge rate, derived as 98 % of it;
 * its status is `derived` only when the dagpenge rate is verified, else it inherits the weaker one.
 */
function derivedFlexSubsidyMaxima(rates: readonly Rate[]): Rate[] {
  return rates
    .filter((r) => r.benefit === 'adagpenge' && r.variant === 'fuldtid')
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

/** The rate table shipped with the product, from RULES.md §2. */
export const SHIPPED_RATES: RateTable = {
  version: 'shipped-2026-11',
  rates: [...STATUTORY, ...derivedFlexSubsidyMaxima(STATUTORY)].sort(
    (a, b) => a.benefit.localeCompare(b.benefit) || a.year - b.year || a.variant.localeCompare(b.variant),
  ),
};

/** The years a table has rates for, ascending. */
export function rateYears(table: RateTable): number[] {
  return [...new Set(table.rates.map((r) => r.year))].sort((a, b) => a - b);
}

/** The rate of a benefit and variant in a year, or `null` if the table has none. */
export function findRate(table: RateTable, benefit: string, variant: string, year: number): Rate | null {
  return table.rates.find((r) => r.benefit === benefit && r.variant === variant && r.year === year) ?? null;
}
