/**
 * The answer of `jobinvest kpi` and `GET /api/kpi` (a stable contract: outside checks read it): the
 * request checked against the store (a municipality with persons, a group in force or `all`, a
 * period inside the data), the measures counted (measures.ts), and the rule they follow.
 */

import { JOBINDSATS_SPELL_RULE, MEASURE_BENEFITS, toYyyyww, type KpiMeasures } from '@jobinvest/core';
import { checkMunicipality, dataWindow, DataError, type Store } from '../data/index.ts';
import { kpiOf, type KpiLevel, type KpiQuery, type KpiRow } from './measures.ts';

/** The groups a measure may be asked for (core's MEASURE_BENEFITS). */
export const KPI_BENEFITS = MEASURE_BENEFITS;

/** The longest period one answer covers: ten years of weeks. */
const MAX_PERIOD_WEEKS = 530;

/** What `jobinvest kpi` and `/api/kpi` ask: measures.ts' query. */
export type KpiRequest = KpiQuery;

export interface KpiAnswer {
  readonly rule: typeof JOBINDSATS_SPELL_RULE;
  readonly municipality: number;
  readonly benefit: string;
  /** The period, YYYYWW. */
  readonly from: number;
  readonly to: number;
  readonly level: KpiLevel;
  /** The department the rows keep to (below the municipality), or null for all. */
  readonly department: string | null;
  readonly targetGroup: {
    readonly ageGroup: string | null;
    readonly origin: string | null;
    readonly durationBand: string | null;
  };
  /** The municipality level's measures (null at the other levels). */
  readonly measures: KpiMeasures | null;
  /** The departments' or caseworkers' measures (empty at the municipality level). */
  readonly rows: readonly KpiRow[];
  /** The data's last week, YYYYWW: statuses and spell ends after it are not known yet. */
  readonly dataLast: number;
  readonly suppressed: { readonly threshold: number | null; readonly withheld: number };
}

/** Refuse a municipality without persons, or a period that is not inside the data or is too long. */
export async function checkPeriod(
  store: Store,
  municipality: number,
  from: number,
  to: number,
): Promise<void> {
  await checkMunicipality(store, municipality);
  const window = await dataWindow(store);
  const week = (w: number) => String(toYyyyww(w));
  if (from > to)
    throw new DataError(`from: expected a week no later than to (${week(to)}), found ${week(from)}`);
  if (from < window.first || to > window.last)
    throw new DataError(
      `from/to: expected weeks inside the data, ${week(window.first)} to ${week(window.last)}, found ${week(from)} to ${week(to)}`,
    );
  if (to - from + 1 > MAX_PERIOD_WEEKS)
    throw new DataError(
      `from/to: expected a period of at most ${MAX_PERIOD_WEEKS} weeks, found ${to - from + 1}`,
    );
}

export async function kpi(store: Store, request: KpiRequest): Promise<KpiAnswer> {
  if (!KPI_BENEFITS.includes(request.benefit))
    throw new DataError(
      `benefit: expected all or a benefit group in force (${KPI_BENEFITS.slice(1).join(', ')}), found "${request.benefit}"`,
    );
  if (request.department != null && request.level === 'municipality')
    throw new DataError(
      `department: expected only with level department or caseworker, found level municipality`,
    );
  await checkPeriod(store, request.municipality, request.from, request.to);
  const result = await kpiOf(store, request);
  return {
    rule: JOBINDSATS_SPELL_RULE,
    municipality: request.municipality,
    benefit: request.benefit,
    from: toYyyyww(request.from),
    to: toYyyyww(request.to),
    level: request.level,
    department: request.department ?? null,
    targetGroup: {
      ageGroup: request.ageGroup ?? null,
      origin: request.origin ?? null,
      durationBand: request.durationBand ?? null,
    },
    measures: request.level === 'municipality' ? (result.rows[0]?.measures ?? null) : null,
    rows: request.level === 'municipality' ? [] : result.rows,
    dataLast: toYyyyww(result.dataLast),
    suppressed: { threshold: request.threshold, withheld: result.withheld },
  };
}
