/**
 * The rates in use as `jobinvest rates` and GET /api/rates give them: the table's own rows, or for
 * one year every rate the table prices in that year (its own, or regulated forward by the
 * satsregulering, with the base year and the percentages), the price of every catalogue group
 * with a rate as the costing uses it, the rates with no amount in that year and why, and the
 * satsregulering. Every amount states its price year.
 */

import {
  BENEFITS,
  groupPrice,
  rateYears,
  ratesOfYear,
  regulationOf,
  regulationStep,
  weeklyAmount,
  type PricedRate,
  type RateGapReason,
  type RateTable,
  type RegulationPercentage,
  type SourceStatus,
} from '@jobinvest/core';

export interface RateAnswer {
  readonly year: number;
  readonly benefit: string;
  readonly variant: string;
  readonly amount: number;
  readonly unit: 'week' | 'month' | 'year';
  readonly weeklyAmount: number;
  /** The year whose prices the amounts are in. */
  readonly priceYear: number;
  readonly source: string;
  readonly status: SourceStatus;
  /** `table`: the table's own; `regulated`: from `baseYear` by `percentages`; `carried`: another year's as it is. */
  readonly basis: 'table' | 'regulated' | 'carried';
  readonly baseYear: number | null;
  readonly baseAmount: number | null;
  readonly baseStatus: SourceStatus | null;
  readonly baseSource: string | null;
  readonly percentages: {
    readonly year: number;
    readonly percent: number;
    readonly status: SourceStatus;
  }[];
}

export interface GroupRateAnswer {
  /** The catalogue group. */
  readonly code: string;
  readonly nameDa: string;
  readonly nameEn: string;
  /** The rate table's rate that prices it. */
  readonly benefit: string;
  readonly variant: string;
  /** The group whose rate it is priced like (it has none of its own), or `null`. */
  readonly like: string | null;
  /** The group it is priced as because its own rate has ended, or `null`. */
  readonly successor: string | null;
  /** The rate, or `null` with `gap` saying why there is none. */
  readonly rate: RateAnswer | null;
  readonly gap: RateGapReason | null;
}

export interface RatesAnswer {
  readonly version: string;
  /** The years the table has amounts for. */
  readonly years: number[];
  /** The year asked for, or `null` for the table's own rows. */
  readonly year: number | null;
  readonly rates: RateAnswer[];
  /** For a year: every catalogue group with a rate, priced as the costing prices it. */
  readonly groups: GroupRateAnswer[];
  /** For a year: the rates with no amount in it, and why. */
  readonly gaps: {
    readonly benefit: string;
    readonly variant: string;
    readonly reason: RateGapReason;
    readonly boundYear: number | null;
  }[];
  /** The satsregulering, with any year up to the one asked for that carries the last percentage. */
  readonly regulation: (RegulationPercentage & { readonly carriedFrom: number | null })[];
}

/** No rate at all for the year asked: the message names the table and the years it has. */
export class NoRatesError extends Error {
  override readonly name = 'NoRatesError';
}

function answer(rate: PricedRate): RateAnswer {
  return {
    year: rate.year,
    benefit: rate.benefit,
    variant: rate.variant,
    amount: rate.amount,
    unit: rate.unit,
    weeklyAmount: rate.weeklyAmount,
    priceYear: rate.priceYear,
    source: rate.source,
    status: rate.status,
    basis: rate.basis,
    baseYear: rate.base?.year ?? null,
    baseAmount: rate.base?.amount ?? null,
    baseStatus: rate.base?.status ?? null,
    baseSource: rate.base?.source ?? null,
    percentages: rate.percentages.map((p) => ({ year: p.year, percent: p.percent, status: p.status })),
  };
}

/** The rates of `table`, all its own rows or, for `year`, every rate and group price of that year. */
export function ratesAnswer(table: RateTable, year?: number): RatesAnswer {
  const years = rateYears(table);
  const own = regulationOf(table).map((p) => ({ ...p, carriedFrom: null }));
  if (year === undefined) {
    const rates = table.rates.map((r) =>
      answer({
        ...r,
        weeklyAmount: weeklyAmount(r),
        priceYear: r.year,
        basis: 'table',
        base: null,
        percentages: [],
      }),
    );
    return { version: table.version, years, year: null, rates, groups: [], gaps: [], regulation: own };
  }
  const { rates, gaps } = ratesOfYear(table, year);
  if (rates.length === 0)
    throw new NoRatesError(
      `no rates for ${year} in rate table ${table.version}; it has ${years.join(', ')}, and rates are regulated forward from the last year a rate has, never backwards`,
    );
  const last = Math.max(...own.map((p) => p.year));
  const carried = [];
  for (let y = last + 1; y <= year; y++) {
    const step = regulationStep(regulationOf(table), y);
    if (step)
      carried.push({
        year: y,
        percent: step.percent,
        source: step.source,
        status: step.status,
        carriedFrom: step.carriedFrom,
      });
  }
  const groups = BENEFITS.flatMap((b): GroupRateAnswer[] => {
    const price = groupPrice(table, b.code, year);
    if (!price.rate || !price.found) return [];
    return [
      {
        code: b.code,
        nameDa: b.nameDa,
        nameEn: b.nameEn,
        benefit: price.rate.benefit,
        variant: price.rate.variant,
        like: price.like,
        successor: price.successor,
        rate: price.found.ok ? answer(price.found.rate) : null,
        gap: price.found.ok ? null : price.found.gap.reason,
      },
    ];
  });
  return {
    version: table.version,
    years,
    year,
    rates: rates.map(answer),
    groups,
    gaps: gaps.map(({ benefit, variant, reason, boundYear }) => ({ benefit, variant, reason, boundYear })),
    regulation: [...own, ...carried],
  };
}
