/**
 * The overview of one municipality, for the web app's first page (`GET /api/overview`): persons by
 * benefit group week by week over the whole data window, full-time persons by year, and the spells
 * starting and ending each year (inflow and outflow). A person counts where they live in the week
 * (person_municipalities), as everywhere in the store.
 *
 * Full-time persons (fuldtidspersoner) of a year: the persons on a benefit summed over the year's
 * observed weeks, divided by the number of those weeks (Jobindsats' definition on weekly data).
 */

import { isFew, suppressionMask, toYyyyww, yearWeekOf } from '@jobinvest/core';
import type { Store } from './db.ts';
import { actualWeeks, checkMunicipality, dataWindow } from './model-data.ts';
import { Recent } from './recent.ts';
import { dataVersion } from './summary.ts';

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
    /** Distinct persons in each state during the year (what its full-time figure rests on). */
    readonly persons: Record<string, number>;
  }[];
}

/**
 * The overview as a role with suppression sees it: every figure resting on 1 to threshold − 1
 * persons is null, and so is a second week of a year whose full-time figure (the mean of its
 * weeks) and other weeks would give a withheld week back (or the full-time figure itself).
 * `suppressed` says how many figures were withheld, at which threshold.
 */
export interface SuppressedOverview extends Omit<Overview, 'persons' | 'years'> {
  readonly persons: Record<string, (number | null)[]>;
  readonly years: {
    readonly year: number;
    readonly weeks: number;
    readonly fullTime: Record<string, number | null>;
    readonly inflow: Record<string, number | null>;
    readonly outflow: Record<string, number | null>;
  }[];
  readonly suppressed: { readonly threshold: number; readonly withheld: number };
}

export function suppressOverview(o: Overview, threshold: number): SuppressedOverview {
  let withheld = 0;
  const hide = <T>(value: T, hidden: boolean): T | null => {
    if (!hidden) return value;
    withheld++;
    return null;
  };
  const persons: Record<string, (number | null)[]> = {};
  const years = o.years.map((y) => ({ ...y, fullTime: { ...y.fullTime } as Record<string, number | null> }));
  // The weeks of each year as a row whose total (weeks × full-time persons) is published.
  const yearOfWeek = o.weeks.map((w) => Math.floor(w / 100));
  for (const [state, series] of Object.entries(o.persons)) {
    const shown: (number | null)[] = [...series];
    for (const y of years) {
      const at = yearOfWeek.flatMap((year, i) => (year === y.year ? [i] : []));
      const mask = suppressionMask({
        persons: [at.map((i) => series[i]!)],
        rowTotals: [y.persons[state] ?? 0],
        threshold,
      });
      at.forEach((i, k) => (shown[i] = hide(series[i]!, mask.cells[0]![k]!)));
      if (state in y.fullTime) y.fullTime[state] = hide(y.fullTime[state]!, mask.rowTotals[0]!);
    }
    persons[state] = shown;
  }
  const counts = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).map(([k, n]) => [k, hide(n, isFew(n, threshold))]));
  return {
    ...o,
    persons,
    years: years.map(({ persons: _persons, ...y }) => ({ ...y, inflow: counts(y.inflow), outflow: counts(y.outflow) })),
    suppressed: { threshold, withheld },
  };
}

/** Overviews change only with an import: kept per store, data version and municipality. */
const overviews = new Recent<Promise<Overview>>(128);

/**
 * The overview of `municipality` in the store's current data version: made once, shared by every
 * request (and by the preparation after a start or an import) that asks for it.
 */
export async function overviewFor(store: Store, municipality: number): Promise<Overview> {
  const key = `${store.path}|${await dataVersion(store)}|${municipality}`;
  return overviews.get(key, () => overview(store, municipality));
}

/** A municipality's name from the imported municipalities file, or `null` when it has none. */
export async function municipalityName(store: Store, municipality: number): Promise<string | null> {
  const [named] = await store.query<{ name: string | null }>(
    'SELECT name FROM municipalities WHERE code = $1',
    [municipality],
  );
  return named?.name ?? null;
}

export async function overview(store: Store, municipality: number): Promise<Overview> {
  const { first, last } = await dataWindow(store);
  await checkMunicipality(store, municipality);
  const name = await municipalityName(store, municipality);
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
    'fullTime' | 'inflow' | 'outflow' | 'persons'
  >;
  const years = new Map<number, { -readonly [K in keyof Year]: Year[K] }>();
  const yearOf = (year: number) => {
    let y = years.get(year);
    if (!y) years.set(year, (y = { year, weeks: 0, fullTime: {}, inflow: {}, outflow: {}, persons: {} }));
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
  const spans = [...years.keys()].map((year) => {
    const weeks = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter(
      (w) => yearWeekOf(w).year === year,
    );
    return `(${year}, ${weeks[0]}, ${weeks.at(-1)})`;
  });
  const distinct = await store.query<{ year: number; state: string; persons: bigint | number }>(
    `
WITH residence AS (
  SELECT person_id, municipality, from_week,
         coalesce(lead(from_week) OVER (PARTITION BY person_id ORDER BY from_week) - 1, 2147483647) AS to_week
  FROM person_municipalities
),
pieces AS (
  SELECT s.person_id, s.benefit AS state, greatest(s.first_week, r.from_week) AS f, least(s.last_week, r.to_week) AS l
  FROM spells s JOIN residence r ON r.person_id = s.person_id AND r.from_week <= s.last_week AND r.to_week >= s.first_week
  WHERE r.municipality = $1 AND s.benefit NOT IN ('out', '(unmapped)')
)
SELECT y.year, p.state, count(DISTINCT p.person_id) AS persons
FROM pieces p JOIN (VALUES ${spans.join(', ')}) y(year, f, l) ON p.f <= y.l AND p.l >= y.f AND p.f <= p.l
GROUP BY ALL`,
    [municipality],
  );
  for (const row of distinct) yearOf(Number(row.year)).persons[row.state] = Number(row.persons);
  for (const row of flows) {
    const y = yearOf(yearWeekOf(Number(row.week)).year);
    y.inflow[row.state] = (y.inflow[row.state] ?? 0) + Number(row.inflow);
    y.outflow[row.state] = (y.outflow[row.state] ?? 0) + Number(row.outflow);
  }
  return {
    municipality: { code: municipality, name },
    window: { first: toYyyyww(first), last: toYyyyww(last) },
    lastImport: latest ?? null,
    weeks,
    persons,
    years: [...years.values()].sort((a, b) => a.year - b.year),
  };
}
