/**
 * Fleksløntilskud, the wage subsidy of a flex job (jobs from 2013; RULES.md §3):
 *
 *   subsidy = 98 % × highest dagpenge rate − 30 % × min(W, T) − 55 % × max(0, W − T)
 *
 * per month, where W is the wage including pension and T the year's threshold (beløbsgrænse);
 * wage plus subsidy may not exceed the full-time wage for the job (the hours-wage ceiling), and the
 * subsidy is never negative. The employer's extra ATP contribution is 5 % of the subsidy, at most
 * 500 kr a month, and is reported beside it.
 */

import type { SourceStatus } from './benefits.ts';
import {
  FLEX_SUBSIDY_SHARE_OF_DAGPENGE,
  findRate,
  priceRate,
  type PricedRate,
  type RateLookup,
  type RateTable,
} from './rates.ts';
import type { RegulationPercentage } from './regulation.ts';

export interface FlexThreshold {
  readonly year: number;
  /** Kroner per month. */
  readonly threshold: number;
  readonly source: string;
  readonly status: SourceStatus;
}

export const FLEX_THRESHOLDS: readonly FlexThreshold[] = [
  { year: 2017, threshold: 14_116, source: 'RULES.md §3 (non-official source)', status: 'secondary' },
  { year: 2022, threshold: 15_401, source: 'RULES.md §3 (non-official source)', status: 'secondary' },
  { year: 2024, threshold: 16_323, source: 'RULES.md §3 (non-official source)', status: 'secondary' },
];

/**
 * The threshold of `year`: the list's own, else the last earlier one regulated forward by the
 * satsregulering, marked `estimated` (the law's indexation of the threshold was not read, and from
 * 2022 to 2024 it rose 6.0 % where the satsregulering gave 5.2 %), else a gap (or, with `carry`,
 * the nearest one as it is). The amount is kroner per month, as `PricedRate.amount`.
 */
export function priceFlexThreshold(
  thresholds: readonly FlexThreshold[],
  year: number,
  regulation: readonly RegulationPercentage[],
  options: { readonly carry?: boolean } = {},
): RateLookup {
  const table: RateTable = {
    version: 'fleksløntilskud thresholds',
    rates: thresholds.map((t) => ({
      year: t.year,
      benefit: 'fleksloentilskud',
      variant: 'threshold',
      amount: t.threshold,
      unit: 'month',
      source: t.source,
      status: t.status === 'assumed' ? 'estimated' : t.status,
    })),
    regulation,
  };
  const found = priceRate(table, 'fleksloentilskud', 'threshold', year, { ...options, periods: [] });
  if (!found.ok || found.rate.basis !== 'regulated') return found;
  const rate: PricedRate = {
    ...found.rate,
    status: 'estimated',
    source: `${found.rate.source}; assumed to follow the satsregulering`,
  };
  return { ok: true, rate };
}

export const FLEX_REDUCTION_BELOW_THRESHOLD = 0.3;
export const FLEX_REDUCTION_ABOVE_THRESHOLD = 0.55;
export const FLEX_ATP_SHARE = 0.05;
export const FLEX_ATP_MAX_PER_MONTH = 500;

export interface FlexSubsidyInput {
  readonly year: number;
  /** The person's wage for the hours worked, kroner per month, without pension. */
  readonly wage: number;
  /** The employer's pension contribution on that wage, kroner per month. */
  readonly pension: number;
  /** The wage including pension for a full-time job at the same hourly wage, kroner per month. */
  readonly fullTimeWage: number;
}

export interface FlexSubsidy {
  readonly year: number;
  /** 98 % of the highest dagpenge rate. */
  readonly maxSubsidy: number;
  readonly threshold: number;
  /** 30 % of wage incl. pension up to the threshold plus 55 % above it. */
  readonly reduction: number;
  /** Subsidy after the reduction, before the ceiling. */
  readonly subsidyBeforeCeiling: number;
  /** Kroner per month the municipality pays (before refusion). */
  readonly subsidy: number;
  readonly ceilingBinding: boolean;
  /** Extra ATP contribution, kroner per month. */
  readonly atp: number;
  readonly sources: readonly string[];
}

export class FlexSubsidyError extends Error {
  override readonly name = 'FlexSubsidyError';
}

/**
 * The monthly fleksløntilskud for a wage, from the year's highest dagpenge rate in `rates` and the
 * year's threshold. Throws `FlexSubsidyError` when either is missing for the year or an input is
 * not a non-negative amount.
 */
export function flexSubsidy(
  input: FlexSubsidyInput,
  rates: RateTable,
  thresholds: readonly FlexThreshold[] = FLEX_THRESHOLDS,
): FlexSubsidy {
  for (const field of ['wage', 'pension', 'fullTimeWage'] as const) {
    const value = input[field];
    if (!Number.isFinite(value) || value < 0) {
      throw new FlexSubsidyError(
        `${field} must be a non-negative amount in kroner per month, found ${value}`,
      );
    }
  }
  const dagpenge = findRate(rates, 'adagpenge', 'fuldtid', input.year);
  if (!dagpenge || dagpenge.unit !== 'month') {
    throw new FlexSubsidyError(
      `no monthly full-time dagpenge rate for ${input.year} in rate table ${rates.version}`,
    );
  }
  const threshold = thresholds.find((t) => t.year === input.year);
  if (!threshold) {
    const years = thresholds.map((t) => t.year).join(', ');
    throw new FlexSubsidyError(
      `no fleksløntilskud threshold for ${input.year}; thresholds are known for ${years}`,
    );
  }
  const w = input.wage + input.pension;
  const t = threshold.threshold;
  const maxSubsidy = FLEX_SUBSIDY_SHARE_OF_DAGPENGE * dagpenge.amount;
  const reduction =
    FLEX_REDUCTION_BELOW_THRESHOLD * Math.min(w, t) + FLEX_REDUCTION_ABOVE_THRESHOLD * Math.max(0, w - t);
  const subsidyBeforeCeiling = Math.max(0, maxSubsidy - reduction);
  const room = Math.max(0, input.fullTimeWage - w);
  const subsidy = Math.min(subsidyBeforeCeiling, room);
  return {
    year: input.year,
    maxSubsidy,
    threshold: t,
    reduction,
    subsidyBeforeCeiling,
    subsidy,
    ceilingBinding: room < subsidyBeforeCeiling,
    atp: Math.min(FLEX_ATP_SHARE * subsidy, FLEX_ATP_MAX_PER_MONTH),
    sources: [
      `dagpenge ${input.year}: ${dagpenge.source} (${dagpenge.status})`,
      `threshold ${input.year}: ${threshold.source} (${threshold.status})`,
    ],
  };
}
