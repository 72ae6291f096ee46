/**
 * The overview of one municipality, for the web app's first page (`GET /api/overview`): persons by
 * benefit group week by week over the whole data window, full-time persons by year, and the spells
 * starting and ending each year (inflow and outflow). A person counts where they live in the week
 * (person_municipalities), as everywhere in the store.
 *
 * Full-time persons (fuldtidspersoner) of a year: the persons on a benefit summed over the year's
 * observed weeks, divided by the number of those weeks (Jobindsats' definition on weekly data).
 */

import { toYyyyww, yearWeekOf } from '@jobinvest/core';
import type { Store } from './db.ts';
import { actualWeeks, checkMunicipality, dataWindow } from './model-data.ts';

export interface Overview {
  readonly municipality: { readonly code: number; readonly name: string | null };
  /** First and last week observed, YYYYWW. */
  readonly window: { readonly first: number; readonly last: number };
  readonly lastImport: { readonly finished: string; readonly file: string; readonly kind: string } | null;
  /** YYYYWW of each week of the window. */
  readonly weeks: number[];
  /** Persons in each state (benefit code, `job`, `su`) in each week, in the order of `weeks`. */
  readonly persons: Record<string, number[]>;
  readonly years: {
    readonly year: number;
    /** Weeks of the year inside the window. */
    readonly weeks: number;
    /** Full-time persons by state. */
    readonly fullTime: Record<string, number>;
    /** Spells that started (inflow) and ended (outflow) in the year, by state. */
    readonly inflow: Record<string, number>;
    readonly outflow: Record<string, number>;
  }[];
}

export async function overview(store: Store, municipality: number): Promise<Overview> {
  const { first, last } = await dataWindow(store);
  await checkMunicipality(store, municipality);
  const [named] = await store.query<{ name: string | null }>(
    'SELECT name FROM municipalities WHERE code = $1',
    [municipality],
  );
  const [latest] = await store.query<{ finished: string; file: string; kind: string }>(
    `SELECT strftime(finished, '%Y-%m-%dT%H:%M:%S') AS finished, file, kind FROM imports
     WHERE outcome = 'ok' ORDER BY import_id DESC LIMIT 1`,
  );
  const weekly = await actualWeeks(store, { municipality, fromWeek: first, toWeek: last });
  const weeks = Array.from({ length: last - first + 1 }, (_, i) => toYyyyww(first + i));
  const persons: Record<string, number[]> = {};
  for (const row of weekly) {
    const series = (persons[row.state] ??= new Array<number>(weeks.length).fill(0));
    series[Number(row.week) - first] = Number(row.persons);
  }
  const flows = await store.query<{ week: number; state: string; inflow: number; outflow: number }>(
    `
WITH residence AS (
  SELECT person_id, municipality, from_week,
         coalesce(lead(from_week) OVER (PARTITION BY person_id ORDER BY from_week) - 1, 2147483647) AS to_week
  FROM person_municipalities
),
starts AS (
  SELECT s.benefit AS state, s.first_week AS week FROM spells s JOIN residence r
    ON r.person_id = s.person_id AND s.first_week BETWEEN r.from_week AND r.to_week
  WHERE r.municipality = $1 AND NOT s.left_truncated AND s.first_week BETWEEN $2 AND $3
),
ends AS (
  SELECT s.benefit AS state, s.last_week AS week FROM spells s JOIN residence r
    ON r.person_id = s.person_id AND s.last_week BETWEEN r.from_week AND r.to_week
  WHERE r.municipality = $1 AND s.last_week BETWEEN $2 AND $3 - 1
)
SELECT week, state, sum(inflow) AS inflow, sum(outflow) AS outflow FROM (
  SELECT week, state, 1 AS inflow, 0 AS outflow FROM starts
  UNION ALL SELECT week, state, 0, 1 FROM ends
) GROUP BY ALL`,
    [municipality, first, last],
  );
  type Year = { year: number; weeks: number } & Pick<
    Overview['years'][number],
    'fullTime' | 'inflow' | 'outflow'
  >;
  const years = new Map<number, { -readonly [K in keyof Year]: Year[K] }>();
  const yearOf = (year: number) => {
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, weeks: 0, fullTime: {}, inflow: {}, outflow: {} }));
    return y;
  };
  for (let w = first; w <= last; w++) yearOf(yearWeekOf(w).year).weeks += 1;
  for (const [state, series] of Object.entries(persons))
    series.forEach((n, i) => {
      const y = yearOf(yearWeekOf(first + i).year);
      y.fullTime[state] = (y.fullTime[state] ?? 0) + n;
    });
  for (const y of years.values())
    for (const state of Object.keys(y.fullTime)) y.fullTime[state] = y.fullTime[state]! / y.weeks;
  for (const row of flows) {
    const y = yearOf(yearWeekOf(Number(row.week)).year);
    y.inflow[row.state] = (y.inflow[row.state] ?? 0) + Number(row.inflow);
    y.outflow[row.state] = (y.outflow[row.state] ?? 0) + Number(row.outflow);
  }
  return {
    municipality: { code: municipality, name: named?.name ?? null },
    window: { first: toYyyyww(first), last: toYyyyww(last) },
    lastImport: latest ?? null,
    weeks,
    persons,
    years: [...years.values()].sort((a, b) => a.year - b.year),
  };
}
