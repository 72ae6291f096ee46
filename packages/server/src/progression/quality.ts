/**
 * The quality of a municipality's measurements (`GET /api/progression/quality`): its final
 * measurements read with their answers pivoted in SQL (one row per measurement, a column per
 * respondent and indicator), the figures computed by core's measurementQuality (weighted kappa and
 * ICC of citizen against caseworker, alpha per respondent, floor, ceiling and missing shares).
 *
 * For roles without unsuppressed figures, a municipality whose measurements rest on fewer persons
 * than the threshold gets no figures, only that they are withheld: every figure here is a summary
 * of the same persons.
 */

import {
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  measurementQuality,
  type Answers,
  type QualityAnswer,
  type QualityMeasurement,
} from '@jobinvest/core';
import type { Store } from '../data/index.ts';

export type { QualityAnswer };

const column = (respondent: 'c' | 'w', indicator: string) => `${respondent}_${indicator}`;

/** One row per final measurement of `$1`, a column per respondent and indicator (NULL: unanswered). */
const PIVOT = `SELECT m.person_id, ${[
  ...CITIZEN_INDICATORS.map(
    (k) => `max(a.score) FILTER (WHERE a.respondent = 'citizen' AND a.item = '${k}') AS ${column('c', k)}`,
  ),
  ...CASEWORKER_INDICATORS.map(
    (k) => `max(a.score) FILTER (WHERE a.respondent = 'caseworker' AND a.item = '${k}') AS ${column('w', k)}`,
  ),
].join(', ')}
  FROM measurements m LEFT JOIN measurement_answers a USING (measurement_id)
  WHERE m.municipality = $1 AND m.status = 'final'
  GROUP BY m.measurement_id, m.person_id`;

export async function progressionQuality(
  store: Store,
  options: { readonly municipality: number; readonly threshold: number | null },
): Promise<QualityAnswer> {
  const rows = await store.query<Record<string, number | null>>(PIVOT, [options.municipality]);
  const persons = new Set(rows.map((r) => r.person_id)).size;
  const suppression = { threshold: options.threshold ?? 0, applied: options.threshold !== null };
  if (options.threshold !== null && persons > 0 && persons < options.threshold)
    return { municipality: options.municipality, persons: null, quality: null, suppression };
  const answers = (prefix: 'c' | 'w', indicators: readonly string[], row: Record<string, number | null>) =>
    Object.fromEntries(indicators.map((k) => [k, row[column(prefix, k)] ?? null])) as Answers;
  const measurements: QualityMeasurement[] = rows.map((row) => ({
    citizen: answers('c', CITIZEN_INDICATORS, row),
    caseworker: answers('w', CASEWORKER_INDICATORS, row),
  }));
  return {
    municipality: options.municipality,
    persons,
    quality: rows.length === 0 ? null : measurementQuality(measurements),
    suppression,
  };
}
