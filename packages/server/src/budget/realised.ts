/**
 * What a municipality actually paid, from the imported Ydelsesrefusion lines (`refusion_lines`, the
 * KOMBIT weekly file of data/importers/ydelsesrefusion.ts): gross, the state's refusion, the
 * municipality's co-financing and its net, per benefit group of the follow-up and month. One SQL
 * statement aggregates the lines; only the small table of group × month comes back.
 *
 * - The municipality is the file's `Finansiering Kommunenavn`, read as the other extracts read a
 *   municipality's name ("Egedal", "Egedal Kommune", "151 Ballerup", …: data's `parseMunicipality`).
 * - The group is the `Ydelse` through core's one table of KOMBIT's names (`KOMBIT_NAMES`, case and
 *   spacing ignored). Names the table lacks come back in `unmapped` with their amounts, never dropped
 *   silently.
 * - A week belongs to the month of its Thursday (week_date is the Monday, + 3 days), as the forecast,
 *   jobindsats and core's `monthWeeks` count: a year's months hold exactly its ISO weeks, so a budget
 *   made from the forecast's weeks and the realised weeks fall in the same months.
 * - Gross is the calculated payment (`Beregnet udbetalingsbeløb`), the amount refusion is computed
 *   on, or, where the file left it empty, the reported one. Net is gross − refusion for benefits the
 *   municipality pays, the co-financing for benefits others pay (budget/types.ts).
 * - `persons` of a cell are the distinct persons behind it, for suppression.
 * - Sums are rounded to øre, the file's own precision.
 */

import { KOMBIT_NAMES, type UnmappedYdelse } from '@jobinvest/core';
import { municipalityCodeOfName, type Store } from '../data/index.ts';

/** A group's month (core's `MonthlyAmounts`) with the persons behind it. */
export type RealisedMonth = {
  readonly benefit: string;
  readonly month: string;
  readonly gross: number;
  readonly refusion: number;
  readonly cofinancing: number;
  readonly net: number;
  /** Distinct persons with a line of the group in the month. */
  readonly persons: number;
};

export interface Realised {
  readonly municipality: number;
  readonly year: number;
  /** The `Finansiering Kommunenavn` values read as the municipality. */
  readonly names: readonly string[];
  /** One row per group and month with lines, ordered by group and month. */
  readonly months: readonly RealisedMonth[];
  /** Distinct persons of each group over the year's lines through `throughMonth` (the line's total, for suppression). */
  readonly personsByBenefit: Readonly<Record<string, number>>;
  readonly unmapped: readonly UnmappedYdelse[];
}

/** SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The file's names of `municipality` among the names the store holds. */
async function namesOf(store: Store, municipality: number): Promise<string[]> {
  const found = await store.query<{ name: string }>(
    `SELECT DISTINCT municipality_name AS name FROM refusion_lines WHERE municipality_name IS NOT NULL`,
  );
  return found.map((r) => r.name).filter((name) => municipalityCodeOfName(name) === municipality);
}

/** The last week (index) with a line of `municipality`, `null` without lines. */
export async function refusionLastWeek(store: Store, municipality: number): Promise<number | null> {
  const names = await namesOf(store, municipality);
  if (names.length === 0) return null;
  const [last] = await store.query<{ week: number | null }>(
    `SELECT max(week) AS week FROM refusion_lines WHERE municipality_name IN (${names.map(literal).join(', ')})`,
  );
  return last?.week ?? null;
}

/**
 * The realised months of `year` for `municipality` (see the module comment); the persons of each
 * group (`personsByBenefit`) are counted over the months through `throughMonth` (`YYYY-MM`).
 */
export async function realisedMonths(
  store: Store,
  municipality: number,
  year: number,
  throughMonth = `${year}-12`,
): Promise<Realised> {
  if (!/^\d{4}-\d\d$/.test(throughMonth))
    throw new RangeError(`throughMonth must be YYYY-MM, found "${throughMonth}"`);
  const names = await namesOf(store, municipality);
  if (names.length === 0)
    return { municipality, year, names, months: [], personsByBenefit: {}, unmapped: [] };
  const mapping = KOMBIT_NAMES.map(
    (n) => `(${literal(n.key)}, ${literal(n.group)}, ${literal(n.financing)})`,
  ).join(', ');
  const lines = `
    SELECT r.person_id, r.week, r.benefit_text,
           strftime(r.week_date + 3, '%Y-%m') AS month,
           coalesce(r.calculated_amount, r.reported_amount, 0) AS gross,
           coalesce(r.refusion_amount, 0) AS refusion,
           coalesce(r.cofinancing_amount, 0) AS cofinancing,
           m.benefit, m.financing
    FROM refusion_lines r
    LEFT JOIN (VALUES ${mapping}) m(key, benefit, financing)
      ON m.key = lower(trim(regexp_replace(r.benefit_text, '\\s+', ' ', 'g')))
    WHERE r.municipality_name IN (${names.map(literal).join(', ')})
      AND year(r.week_date + 3) = ${Math.trunc(year)}`;
  const [months, persons, unmapped] = await Promise.all([
    store.query<RealisedMonth>(
      `WITH lines AS (${lines})
       SELECT benefit, month, round(sum(gross), 2) AS gross, round(sum(refusion), 2) AS refusion,
              round(sum(cofinancing), 2) AS cofinancing,
              round(sum(CASE WHEN financing = 'cofinancing' THEN cofinancing ELSE gross - refusion END), 2) AS net,
              count(DISTINCT person_id)::INTEGER AS persons
       FROM lines WHERE benefit IS NOT NULL
       GROUP BY benefit, month ORDER BY benefit, month`,
    ),
    store.query<{ benefit: string; persons: number }>(
      `WITH lines AS (${lines})
       SELECT benefit, count(DISTINCT person_id)::INTEGER AS persons
       FROM lines WHERE benefit IS NOT NULL AND month <= ${literal(throughMonth)} GROUP BY benefit`,
    ),
    store.query<UnmappedYdelse>(
      `WITH lines AS (${lines})
       SELECT benefit_text AS name, count(*)::INTEGER AS lines, count(DISTINCT person_id)::INTEGER AS persons,
              round(sum(gross), 2) AS gross, round(sum(refusion), 2) AS refusion,
              round(sum(cofinancing), 2) AS cofinancing
       FROM lines WHERE benefit IS NULL GROUP BY benefit_text ORDER BY benefit_text`,
    ),
  ]);
  return {
    municipality,
    year,
    names,
    months,
    personsByBenefit: Object.fromEntries(persons.map((p) => [p.benefit, p.persons])),
    unmapped,
  };
}
