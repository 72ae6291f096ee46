/** A saved case followed up: its prediction against what the data show since its start. */

import {
  benefitOf,
  CostTable,
  costOccupancy,
  effectModifier,
  fromYyyyww,
  isBenefitCode,
  toYyyyww,
  yearWeekOf,
  type ActualWeek,
  type RateTable,
} from '@jobinvest/core';
import { actualWeeks, DataError, stockAt, type Store, dataWindow } from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import type { InvestmentCaseDocument } from './case-schema.ts';
import { modelFor } from './models.ts';
import { statePersons } from './occupancy.ts';
import { targetGroup } from './persons.ts';
import { jobinvestTasks } from './tasks.ts';

export interface PlanActualYear {
  readonly year: number;
  readonly weeks: number;
  /** Full-time persons on public support per 100 participants: predicted without and with, realised. */
  readonly predictedWithout: number;
  readonly predictedWith: number;
  readonly realised: number;
  /** Gross benefit expenditure per 100 participants, predicted (with) and realised, kroner. */
  readonly predictedGross: number;
  readonly realisedGross: number;
}

/** Predicted against realised, for the target group of a case whose start lies inside the data. */
export async function planAgainstActual(
  store: Store,
  doc: InvestmentCaseDocument,
  options: { rates: RateTable },
): Promise<{ stockWeek: number; lastWeek: number; targetGroupSize: number; years: PlanActualYear[] }> {
  const window = await dataWindow(store);
  const start = fromYyyyww(doc.startWeek);
  if (start >= window.last)
    throw new DataError(
      `the case starts in ${doc.startWeek}, and the data end in ${toYyyyww(window.last)}: import newer data to follow it up`,
    );
  const municipality = Number(doc.municipality);
  const entry = await modelFor(store, start);
  const states = doc.target.benefit ? [doc.target.benefit] : undefined;
  const stock = await stockAt(store, { week: start, municipality, ...(states ? { states } : {}) });
  const group = targetGroup(stock, doc.target, start);
  if (group.length === 0) throw new DataError(`target: no person matches in week ${doc.startWeek}`);
  const horizon = Math.min(doc.horizonWeeks ?? 260, window.last - start);
  const scale = 100 / group.length;
  const spec = { model: entry.key, municipality, startWeek: start, horizon, persons: group, weight: scale };
  const effect = { hazardRatio: doc.effect.hazardRatio ?? 1, to: doc.effect.to ?? ['job'] };
  const pool = workPool();
  const [without, withEffect] = await Promise.all([
    pool.run(jobinvestTasks, 'jobinvest.project', spec),
    effectModifier(effect, 0) ? pool.run(jobinvestTasks, 'jobinvest.project', { ...spec, effect }) : null,
  ]);
  const withProjection = withEffect ?? without;
  const realised: ActualWeek[] = await actualWeeks(store, {
    municipality,
    fromWeek: start + 1,
    toWeek: start + horizon,
    personIds: group.map((p) => p.personId),
  });
  const costs = new CostTable({ rates: options.rates });
  const years = new Map<number, PlanActualYear & { weeks: number }>();
  const row = (year: number) => {
    let y = years.get(year);
    if (!y)
      years.set(
        year,
        (y = {
          year,
          weeks: 0,
          predictedWithout: 0,
          predictedWith: 0,
          realised: 0,
          predictedGross: 0,
          realisedGross: 0,
        }),
      );
    return y as { -readonly [K in keyof PlanActualYear]: PlanActualYear[K] };
  };
  const publicSupport = (state: string) => isBenefitCode(state) && benefitOf(state).publicSupport;
  for (let t = 1; t <= horizon; t++) {
    const y = row(yearWeekOf(start + t).year);
    y.weeks += 1;
    without.states.forEach((state, s) => {
      if (!publicSupport(state)) return;
      y.predictedWithout += statePersons(without, t, s);
      y.predictedWith += statePersons(withProjection, t, s);
    });
  }
  const grossWithout = costOccupancy(without, costs).grossByWeek;
  for (let t = 1; t <= horizon; t++) row(yearWeekOf(start + t).year).predictedGross += grossWithout[t - 1]!;
  for (const a of realised) {
    if (!publicSupport(a.state)) continue;
    const y = row(yearWeekOf(a.week).year);
    y.realised += a.persons * scale;
    y.realisedGross += (costs.weekly(a.state, y.year)?.amount ?? 0) * a.persons * scale;
  }
  return {
    stockWeek: toYyyyww(start),
    lastWeek: toYyyyww(start + horizon),
    targetGroupSize: group.length,
    years: [...years.values()].map((y) => ({
      ...y,
      predictedWithout: y.predictedWithout / y.weeks,
      predictedWith: y.predictedWith / y.weeks,
      realised: y.realised / y.weeks,
    })),
  };
}
