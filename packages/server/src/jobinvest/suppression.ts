/**
 * Forecasts and backtests as a role with suppression sees them. A benefit group whose stock (the
 * persons it starts from) has 1 to threshold − 1 persons is withheld whole: its projection starts
 * from those persons and would give them away. In a backtest every actual count of fewer persons
 * is withheld as well. `suppressed` says how many figures were withheld, at which threshold.
 *
 * Secondary suppression: the stock's total and the years' sums over every group, less the groups
 * shown, would give the withheld groups back. They are shown only when what they give back rests
 * on at least threshold persons in at least two groups; otherwise they are withheld too.
 */

import { isFew } from '@jobinvest/core';
import type { Backtest } from './backtest.ts';
import type { MunicipalityDiagnostics } from './diagnostics.ts';
import type { Forecast, ForecastTotal } from './forecast.ts';

type Nullable<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] };

/** A year's figures (of a group, or summed over them), withheld: its full-time persons and kroner. */
function withheldFigures(row: ForecastTotal) {
  return {
    fullTimePersons: null,
    gross: null,
    stateRefusion: null,
    cofinancing: null,
    municipalNet: null,
    municipalNetByStep: row.municipalNetByStep.map(() => null),
  };
}

export function suppressForecast(f: Forecast, threshold: number) {
  const small = new Set(Object.entries(f.stockByState).flatMap(([s, n]) => (isFew(n, threshold) ? [s] : [])));
  let withheld = 0;
  const stockByState = Object.fromEntries(
    Object.entries(f.stockByState).map(([s, n]) => [s, small.has(s) ? (withheld++, null) : n]),
  );
  const weekly = f.weekly.map((w) => ({
    week: w.week,
    persons: Object.fromEntries(
      Object.entries(w.persons).map(([s, n]) => [s, small.has(s) ? (withheld++, null) : n]),
    ),
  }));
  const years = f.years.map((row) => {
    if (!small.has(row.state)) return row;
    withheld++;
    return {
      ...row,
      ...withheldFigures(row),
      fullTimePersonsInterval80: null,
      fullTimePersonsInterval95: null,
      municipalNetInterval80: null,
      municipalNetInterval95: null,
    };
  });
  const withheldStock = [...small].reduce((sum, s) => sum + (f.stockByState[s] ?? 0), 0);
  const protect = small.size === 1 || (small.size > 1 && withheldStock < threshold);
  const stockPersons = protect ? (withheld++, null) : f.stockPersons;
  const totals = f.totals.map((t) => (protect ? (withheld++, { ...t, ...withheldFigures(t) }) : t));
  return { ...f, stockPersons, stockByState, weekly, years, totals, suppressed: { threshold, withheld } };
}

export function suppressBacktest(b: Backtest, threshold: number) {
  let withheld = 0;
  const first = new Map<string, number>();
  for (const w of b.weekly) if (!first.has(w.state)) first.set(w.state, w.actual);
  const small = new Set([...first].flatMap(([s, n]) => (isFew(n, threshold) ? [s] : [])));
  const groups = b.groups.map((g): Nullable<typeof g> => {
    if (!small.has(g.state)) return g;
    withheld++;
    // The prediction starts from those few persons too.
    return {
      ...g,
      predicted52: null,
      actual52: null,
      error52: null,
      predicted104: null,
      actual104: null,
      error104: null,
      actualAtWeek52: null,
    };
  });
  const weekly = b.weekly.map((w): Nullable<typeof w> => {
    // A small group's prediction starts from its first week's actual count, which it repeats.
    if (small.has(w.state)) return (withheld++, { ...w, predicted: null, actual: null });
    return isFew(w.actual, threshold) ? (withheld++, { ...w, actual: null }) : w;
  });
  return { ...b, groups, weekly, suppressed: { threshold, withheld } };
}

/**
 * A municipality's model check as a role with suppression sees it: a benefit group with 1 to
 * threshold − 1 spells is withheld whole (its curve would follow those persons one by one, and the
 * prediction rests on them); in the others the observed curve and its limits end where fewer than
 * threshold spells are still at risk, since each step after that is one of a few persons leaving.
 */
export function suppressDiagnostics(d: MunicipalityDiagnostics, threshold: number) {
  let withheld = 0;
  const states = d.states.map((s) => {
    if (isFew(s.spells, threshold)) {
      withheld++;
      return {
        ...s,
        spells: null,
        moves: null,
        bands: [],
        destinations: [],
        survival: s.survival.map((p) => ({
          ...p,
          observed: null,
          lower: null,
          upper: null,
          atRisk: null,
          predicted: null,
        })),
      };
    }
    return {
      ...s,
      survival: s.survival.map((p) => {
        if (p.observed === null || !isFew(p.atRisk, threshold)) return p;
        withheld++;
        return { ...p, observed: null, lower: null, upper: null, atRisk: null };
      }),
    };
  });
  return { ...d, states, suppressed: { threshold, withheld } };
}
