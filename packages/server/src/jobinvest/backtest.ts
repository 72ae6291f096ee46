/** A backtest: estimate on the data before a week, project its stock, compare with what happened. */

import { formatYyyyww, sayIn, toYyyyww, type Language } from '@jobinvest/core';
import { actualWeeks, DataError, dataVersion, Recent, type Store, dataWindow } from '../data/index.ts';
import { workPool } from '../workers/index.ts';
import { PROJECTION_ASSUMPTIONS } from './assumptions.ts';
import { stockAndInflow } from './forecast.ts';
import { modelFor } from './models.ts';
import { statePersons } from './occupancy.ts';
import { jobinvestTasks } from './tasks.ts';

export interface BacktestGroup {
  readonly state: string;
  /** Full-time persons over the first 52 (104) weeks: predicted, actual, relative error. */
  readonly predicted52: number;
  readonly actual52: number;
  readonly error52: number | null;
  readonly predicted104: number | null;
  readonly actual104: number | null;
  readonly error104: number | null;
  /** Persons in the group in week 52 after the cut: predicted and actual. */
  readonly predictedAtWeek52: number;
  readonly actualAtWeek52: number;
}

export interface Backtest {
  readonly municipality: number;
  readonly at: number;
  readonly horizonWeeks: number;
  readonly groups: readonly BacktestGroup[];
  readonly weekly: readonly { week: number; state: string; predicted: number; actual: number }[];
  readonly assumptions: readonly string[];
}

interface BacktestOptions {
  readonly municipality: number;
  readonly at: number;
  readonly horizon: number;
  readonly language?: Language;
}

/** Backtests change only with an import: kept per store, data version and question, in both languages. */
const backtests = new Recent<Promise<Record<Language, Backtest>>>(32);

/**
 * `backtest` made once per store, data version and question, and shared by every request (and by
 * the preparation after a start or an import) that asks for it.
 */
export async function backtestFor(store: Store, options: BacktestOptions): Promise<Backtest> {
  const { municipality, at, horizon } = options;
  const key = `${store.path}|${await dataVersion(store)}|${municipality}|${at}|${horizon}`;
  const both = await backtests.get(key, async () => {
    const en = await backtest(store, { municipality, at, horizon, language: 'en' });
    return { en, da: { ...en, assumptions: backtestAssumptions(at, 'da') } };
  });
  return both[options.language ?? 'en'];
}

function backtestAssumptions(at: number, language: Language): string[] {
  return [
    {
      da: `Modellen er kun estimeret på data fra før ${formatYyyyww(toYyyyww(at))}; bestand og tilgang er fra den uge.`,
      en: `Model estimated on the data before ${toYyyyww(at)} only; stock and inflow of that week.`,
    },
    ...PROJECTION_ASSUMPTIONS,
  ].map(sayIn(language));
}

/** Estimate on the data before week `at`, project the stock of week `at`, compare with what happened. */
export async function backtest(store: Store, options: BacktestOptions): Promise<Backtest> {
  const window = await dataWindow(store);
  const horizon = Math.min(options.horizon, window.last - options.at);
  if (options.at <= window.first + 104 || horizon < 1)
    throw new DataError(
      `at: expected a week at least two years into the data and before its last week (${toYyyyww(window.first + 105)}-${toYyyyww(window.last - 1)}), found ${toYyyyww(options.at)}`,
    );
  const entry = await modelFor(store, options.at);
  const { stock, inflow } = await stockAndInflow(store, options.municipality, options.at);
  const occupancy = await workPool().run(jobinvestTasks, 'jobinvest.project', {
    model: entry.key,
    municipality: options.municipality,
    startWeek: options.at,
    horizon,
    persons: stock,
    inflow,
  });
  const actual = await actualWeeks(store, {
    municipality: options.municipality,
    fromWeek: options.at + 1,
    toWeek: options.at + horizon,
  });
  const actualBy = new Map<string, number>();
  for (const a of actual) actualBy.set(`${a.week}|${a.state}`, a.persons);
  const states = occupancy.states.filter((s) => s !== 'out');
  const weekly: Backtest['weekly'][number][] = [];
  const groups: BacktestGroup[] = [];
  for (const state of states) {
    const s = occupancy.states.indexOf(state);
    // A group with nobody in it, predicted or seen (one merged into another, one the municipality
    // never had), is left out.
    let anyone = false;
    for (let t = 1; t <= horizon && !anyone; t++)
      anyone = statePersons(occupancy, t, s) > 0 || (actualBy.get(`${options.at + t}|${state}`) ?? 0) > 0;
    if (!anyone) continue;
    const sums = (weeks: number) => {
      if (horizon < weeks) return null;
      let p = 0;
      let a = 0;
      for (let t = 1; t <= weeks; t++) {
        p += statePersons(occupancy, t, s);
        a += actualBy.get(`${options.at + t}|${state}`) ?? 0;
      }
      return { p: p / weeks, a: a / weeks };
    };
    for (let t = 1; t <= horizon; t++)
      weekly.push({
        week: toYyyyww(options.at + t),
        state,
        predicted: statePersons(occupancy, t, s),
        actual: actualBy.get(`${options.at + t}|${state}`) ?? 0,
      });
    const y1 = sums(52) ?? sums(horizon)!;
    const y2 = sums(104);
    const rel = (p: number, a: number) => (a > 0 ? (p - a) / a : null);
    const w52 = Math.min(52, horizon);
    groups.push({
      state,
      predicted52: y1.p,
      actual52: y1.a,
      error52: rel(y1.p, y1.a),
      predicted104: y2?.p ?? null,
      actual104: y2?.a ?? null,
      error104: y2 ? rel(y2.p, y2.a) : null,
      predictedAtWeek52: statePersons(occupancy, w52, s),
      actualAtWeek52: actualBy.get(`${options.at + w52}|${state}`) ?? 0,
    });
  }
  return {
    municipality: options.municipality,
    at: toYyyyww(options.at),
    horizonWeeks: horizon,
    groups,
    weekly,
    assumptions: backtestAssumptions(options.at, options.language ?? 'en'),
  };
}
