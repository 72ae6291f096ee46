/**
 * The lines of a synthetic Ydelsesrefusion file (KOMBIT's weekly refusion calculation, RULES.md §4):
 * for one person's weekly history, one line per week on a benefit the municipality pays with state
 * refusion or co-finances (the names of budget/kombit-ydelser.ts), priced and placed on the
 * staircase exactly as the rules say, so the demo's realised figures are right under the rules.
 *
 * - Gross: the week's amount of the group's rate in the rate table for the week's ISO year (the
 *   costing's `groupPrice`: a missing year regulated forward by the satsregulering; a year before
 *   the table's first, in a window reaching back that far, at the first amount as it is, as the
 *   costing carries it), rounded to øre.
 *   Both the reported and the calculated payment are this amount (the file has no corrections).
 * - Staircase: core's `StaircaseTracker` over the person's whole history from the first week given
 *   (the same rules as `staircase()`, LBK 221/2021 §§ 5-6), so the step of a week in the file
 *   counts every earlier week, also those before the file's first.
 * - Refusion (benefits the municipality pays): Refusionssats = the step's state refusion,
 *   Refusionsbeløb = gross × sats rounded to øre, no co-financing. Co-financing (benefits others pay):
 *   Medfinansieringssats = the step's municipal co-financing, Medfinansieringsbeløb = gross × sats,
 *   no refusion. The co-financing of a-dagpenge is on the amount before tax and after ATP (§ 5
 *   stk. 4); the synthetic file takes the full rate as that amount.
 */

import { benefitOf, type BenefitCode } from '../benefits.ts';
import { kombitYdelseOf } from '../budget/kombit-ydelser.ts';
import { StaircaseTracker } from '../jobinvest/staircase-tracker.ts';
import { groupPrice } from '../jobinvest/costing.ts';
import type { RateTable } from '../rates.ts';
import { REFUSION_2016, rulesForWeek, staircaseStep } from '../refusion.ts';
import { yearWeekOf } from '../weeks.ts';

export interface RefusionLine {
  readonly weekIndex: number;
  /** KOMBIT's name of the benefit (`Ydelse`). */
  readonly ydelse: string;
  /** Kroner: the week's payment. */
  readonly gross: number;
  /** Fractions 0..1. */
  readonly refusionRate: number;
  readonly refusionAmount: number;
  readonly cofinancingRate: number;
  readonly cofinancingAmount: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The weekly gross of each group and ISO year, priced once. */
export class RefusionPrices {
  private readonly cache = new Map<string, number>();

  constructor(private readonly table: RateTable) {}

  /** Kroner per week of `code` in ISO year `year`, rounded to øre; throws where the table has no rate. */
  weekly(code: BenefitCode, year: number): number {
    const key = `${code}|${year}`;
    let amount = this.cache.get(key);
    if (amount === undefined) {
      const price = groupPrice(this.table, code, year, { carry: true });
      if (!price.found?.ok)
        throw new Error(
          `the rate table ${this.table.version} prices no week on ${code} in ${year}` +
            (price.found && !price.found.ok ? ` (${price.found.gap.reason})` : ' (the group has no rate)'),
        );
      amount = round2(price.found.rate.weeklyAmount);
      this.cache.set(key, amount);
    }
    return amount;
  }
}

/**
 * The file's lines of one person: `benefits[i]` is the person's benefit in week `firstWeekIndex + i`
 * (`null`: none), walked from the first week for the staircase; lines are written for the weeks
 * from `fromWeek` on.
 */
export function refusionLines(
  firstWeekIndex: number,
  benefits: ArrayLike<BenefitCode | null>,
  fromWeek: number,
  prices: RefusionPrices,
): RefusionLine[] {
  const tracker = new StaircaseTracker(REFUSION_2016);
  const lines: RefusionLine[] = [];
  for (let i = 0; i < benefits.length; i++) {
    const weekIndex = firstWeekIndex + i;
    const code = benefits[i] ?? null;
    const benefit = code === null ? null : benefitOf(code);
    if (tracker.week(weekIndex, benefit) === null || weekIndex < fromWeek || code === null) continue;
    const ydelse = kombitYdelseOf(code);
    if (!ydelse) continue;
    const rules = rulesForWeek(weekIndex);
    if (!rules) continue;
    const step = staircaseStep(tracker.count, rules);
    const gross = prices.weekly(code, yearWeekOf(weekIndex).year);
    const refusionRate = ydelse.financing === 'refusion' ? step.stateRefusion : 0;
    const cofinancingRate = ydelse.financing === 'cofinancing' ? step.municipalCofinancing : 0;
    lines.push({
      weekIndex,
      ydelse: ydelse.name,
      gross,
      refusionRate,
      refusionAmount: round2(gross * refusionRate),
      cofinancingRate,
      cofinancingAmount: round2(gross * cofinancingRate),
    });
  }
  return lines;
}
