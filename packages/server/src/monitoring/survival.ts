/**
 * Survival curves by inflow cohort (KL's "overlevelseskurver"): of the spells by jobindsats' month
 * rule that started in a year (or quarter) in the municipality, the share still on the benefit after
 * each number of calendar weeks, by the statistics engine's Kaplan-Meier (core's survival/). A spell
 * that has ended is an event at its calendar duration (first to last week); one that has not (it runs,
 * or may still go on) is censored at the data's last week. Spells that may have begun before the data
 * are left out: their duration is not known. The counting is SQL; the estimate is core's.
 *
 * For a role with suppression, a cohort of fewer spells than the threshold is withheld whole, and a
 * curve ends where fewer than the threshold are still at risk (the steps after it would follow
 * single persons).
 */

import { kaplanMeierFromCounts, toYyyyww } from '@jobinvest/core';
import { currentFacts, dataWindow, dateInWeek, isoYearOfWeek, type Store } from '../data/index.ts';
import { RESIDENCE_SQL } from './measures.ts';

export type Cohort = 'year' | 'quarter';

export interface CohortCurve {
  /** `2024`, or `2024K3` by quarter (the quarter of the first week's Thursday). */
  readonly cohort: string;
  /** Spells started in the cohort (null: withheld). */
  readonly spells: number | null;
  readonly ended: number | null;
  /** Median calendar weeks on the benefit (null: not reached, or withheld). */
  readonly medianWeeks: number | null;
  /** The share still on the benefit after 4, 13, 26, 52 and 104 weeks (null: beyond the curve). */
  readonly survivalAt: Readonly<Record<'4' | '13' | '26' | '52' | '104', number | null>>;
  /** The curve's steps: weeks and the share still on the benefit after them. */
  readonly curve: readonly { readonly weeks: number; readonly survival: number; readonly atRisk: number }[];
}

const MARKS = [4, 13, 26, 52, 104] as const;

export async function survivalByCohort(
  store: Store,
  request: {
    municipality: number;
    benefit: string;
    from: number;
    to: number;
    cohort: Cohort;
    threshold: number | null;
  },
): Promise<{
  cohorts: CohortCurve[];
  dataLast: number;
  /** As /api/kpi's: threshold null when the role sees figures as they are; withheld cohorts. */
  suppressed: { threshold: number | null; withheld: number };
}> {
  await currentFacts(store);
  const window = await dataWindow(store);
  const cohortSql =
    request.cohort === 'year'
      ? `CAST(${isoYearOfWeek('first_week')} AS VARCHAR)`
      : `CAST(year(${dateInWeek('first_week', 3)}) AS VARCHAR) || 'K' || CAST(quarter(${dateInWeek('first_week', 3)}) AS VARCHAR)`;
  const counts = await store.query<{ cohort: string; duration: number; events: number; censored: number }>(
    `WITH res AS (${RESIDENCE_SQL}),
     started AS (
       SELECT j.first_week, j.ended,
              CASE WHEN j.ended THEN j.last_week ELSE $last END - j.first_week + 1 AS duration
       FROM jobindsats_spells j JOIN res r
         ON r.person_id = j.person_id AND j.first_week BETWEEN r.from_week AND r.to_week AND r.municipality = $m
       WHERE j.benefit = $b AND j.first_week BETWEEN $f AND $t AND NOT j.open_at_start
     )
     SELECT ${cohortSql} AS cohort, duration,
            CAST(count(*) FILTER (WHERE ended) AS INTEGER) AS events,
            CAST(count(*) FILTER (WHERE NOT ended) AS INTEGER) AS censored
     FROM started GROUP BY ALL ORDER BY cohort, duration`,
    { m: request.municipality, b: request.benefit, f: request.from, t: request.to, last: window.last },
  );
  const byCohort = new Map<string, typeof counts>();
  for (const row of counts) byCohort.set(row.cohort, [...(byCohort.get(row.cohort) ?? []), row]);
  const threshold = request.threshold;
  let withheld = 0;
  const cohorts = [...byCohort].map(([cohort, rows]): CohortCurve => {
    const spells = rows.reduce((sum, r) => sum + r.events + r.censored, 0);
    const ended = rows.reduce((sum, r) => sum + r.events, 0);
    if (threshold !== null && spells < threshold) {
      withheld++;
      return {
        cohort,
        spells: null,
        ended: null,
        medianWeeks: null,
        survivalAt: { '4': null, '13': null, '26': null, '52': null, '104': null },
        curve: [],
      };
    }
    const km = kaplanMeierFromCounts({
      time: rows.map((r) => r.duration),
      nEvent: rows.map((r) => r.events),
      nCensor: rows.map((r) => r.censored),
    });
    const shown = km.rows.filter((r) => threshold === null || r.nRisk >= threshold);
    const last = shown.at(-1);
    const at = (weeks: number) => {
      if (!last || weeks > last.time) return last && last.survival === 0 ? 0 : null;
      let survival = 1;
      for (const r of shown) if (r.time <= weeks) survival = r.survival;
      return survival;
    };
    const median = km.median.estimate;
    return {
      cohort,
      spells,
      ended,
      medianWeeks: median !== null && last && median <= last.time ? median : null,
      survivalAt: Object.fromEntries(MARKS.map((w) => [String(w), at(w)])) as CohortCurve['survivalAt'],
      curve: shown.map((r) => ({ weeks: r.time, survival: r.survival, atRisk: r.nRisk })),
    };
  });
  return { cohorts, dataLast: toYyyyww(window.last), suppressed: { threshold, withheld } };
}
