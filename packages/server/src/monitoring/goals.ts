/**
 * Result goals of the beskæftigelsesplan (seed 003, KL's follow-up of goals): a goal on one of
 * jobindsats' measures for a municipality and benefit group, with its baseline period and value, the
 * target and the week it is to be reached by. Its status is counted from the store whenever it is
 * read: the measure over the latest period as long as the baseline's, ending at the data's last week
 * (or at the target week, once the data pass it); core's goalProgress says how much of the goal is
 * realised (concrete goal = target − baseline, status = now − baseline, realised = status ÷ goal).
 */

import {
  goalDirection,
  goalProgress,
  toYyyyww,
  type KpiMeasures,
  type RateTable,
  type Sentence,
} from '@jobinvest/core';
import { dataWindow, DataError, rows, type Store } from '../data/index.ts';
import { kpi, KPI_BENEFITS } from './kpi.ts';
import { goalForecast, type GoalForecast } from './outlook.ts';

/** The measures a goal may be set on, and how each is read from the measures. */
export const GOAL_MEASURES: Readonly<
  Record<string, { readonly name: Sentence; readonly of: (m: KpiMeasures) => number | null }>
> = {
  persons: { name: { da: 'Personer', en: 'Persons' }, of: (m) => m.persons },
  fullTimePersons: {
    name: { da: 'Fuldtidspersoner', en: 'Full-time persons' },
    of: (m) => m.fullTimePersons,
  },
  shareOfLabourForce: {
    name: { da: 'Andel af arbejdsstyrken', en: 'Share of the labour force' },
    of: (m) => m.shareOfLabourForce,
  },
  averageDurationEndedWeeks: {
    name: { da: 'Gennemsnitlig varighed (uger)', en: 'Average duration (weeks)' },
    of: (m) => m.averageDurationEndedWeeks,
  },
  stockAtEnd: { name: { da: 'Forløb ultimo', en: 'Spells at the end' }, of: (m) => m.stockAtEnd },
  workAfter3Months: {
    name: { da: 'I beskæftigelse 3 måneder efter', en: 'In work 3 months after' },
    of: (m) => m.statusAfter['3'].work,
  },
  activationRate: { name: { da: 'Aktiveringsgrad', en: 'Activation rate' }, of: (m) => m.activationRate },
  timelyShare: { name: { da: 'Rettidighed', en: 'Timeliness' }, of: (m) => m.timelyShare },
};

export interface NewGoal {
  readonly municipality: number;
  readonly benefit: string;
  readonly measure: string;
  readonly name: string;
  /** Week indices. */
  readonly baselineFrom: number;
  readonly baselineTo: number;
  /** The baseline's value; counted from the store over the baseline period when not given. */
  readonly baselineValue?: number | null;
  readonly targetValue: number;
  readonly targetWeek: number;
}

export interface GoalStatus {
  readonly goalId: number;
  readonly municipality: number;
  readonly benefit: string;
  readonly measure: string;
  readonly name: string;
  /** Weeks as YYYYWW. */
  readonly baseline: { readonly from: number; readonly to: number; readonly value: number };
  readonly target: { readonly value: number; readonly week: number };
  readonly direction: 'down' | 'up';
  /** The latest period as long as the baseline's, and the measure in it (null: withheld, or nothing to count). */
  readonly latest: { readonly from: number; readonly to: number; readonly value: number | null };
  readonly concreteGoal: number;
  readonly status: number | null;
  readonly realised: number | null;
  /**
   * Where the forecast puts the measure over the period as long as the baseline's ending on the
   * target week, and the probability of reaching the target (outlook.ts); null when not asked for.
   */
  readonly forecast: GoalForecast | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

async function measureIn(
  store: Store,
  goal: { municipality: number; benefit: string; measure: string },
  from: number,
  to: number,
  threshold: number | null,
): Promise<number | null> {
  const answer = await kpi(store, { ...goal, from, to, level: 'municipality', threshold });
  return answer.measures ? GOAL_MEASURES[goal.measure]!.of(answer.measures) : null;
}

/** Check and store a goal in one transaction; its id. */
export async function addGoal(
  store: Store,
  goal: NewGoal,
  createdBy: string,
  threshold: number | null,
): Promise<number> {
  const name = goal.name.trim();
  if (name.length === 0 || name.length > 200)
    throw new DataError(`name: expected a name of 1 to 200 characters, found ${name.length}`);
  if (!(goal.measure in GOAL_MEASURES))
    throw new DataError(
      `measure: expected one of ${Object.keys(GOAL_MEASURES).join(', ')}, found "${goal.measure}"`,
    );
  if (!KPI_BENEFITS.includes(goal.benefit))
    throw new DataError(`benefit: expected all or a benefit group in force, found "${goal.benefit}"`);
  if (!Number.isFinite(goal.targetValue))
    throw new DataError(`target: expected a number, found ${goal.targetValue}`);
  if (goal.targetWeek <= goal.baselineTo)
    throw new DataError(
      `targetWeek: expected a week after the baseline's last week ${toYyyyww(goal.baselineTo)}, found ${toYyyyww(goal.targetWeek)}`,
    );
  let baselineValue = goal.baselineValue ?? null;
  if (baselineValue !== null && !Number.isFinite(baselineValue))
    throw new DataError(`baselineValue: expected a number, found ${baselineValue}`);
  // The period is checked against the data even when the value is given: the status compares like with like.
  const counted = await measureIn(store, goal, goal.baselineFrom, goal.baselineTo, threshold);
  baselineValue ??= counted;
  if (baselineValue === null)
    throw new DataError(
      'baselineValue: the baseline period has nothing to count, or rests on too few persons to be shown: give the value',
      { code: 'baseline-not-counted' },
    );
  const value = baselineValue;
  return store.transaction(async (c) => {
    const [row] = await rows<{ goal_id: number }>(
      c,
      `INSERT INTO goals VALUES (nextval('goal_id_seq'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, current_timestamp)
       RETURNING goal_id`,
      [
        goal.municipality,
        goal.benefit,
        goal.measure,
        name,
        goal.baselineFrom,
        goal.baselineTo,
        value,
        goal.targetValue,
        goal.targetWeek,
        createdBy,
      ],
    );
    if (!row) throw new Error('storing the goal returned no row');
    return row.goal_id;
  });
}

/**
 * The goals of `municipalities` (null: all), each with its status counted from the store now, and,
 * given `outlook`, its forecast as far as the forecast's replications are made (after waiting up to
 * `waitForBandsMs` for them).
 */
export async function listGoals(
  store: Store,
  municipalities: readonly number[] | null,
  threshold: number | null,
  outlook: { readonly rates: RateTable; readonly waitForBandsMs?: number } | null = null,
): Promise<GoalStatus[]> {
  const found = await store.query<{
    goal_id: number;
    municipality: number;
    benefit: string;
    measure: string;
    name: string;
    baseline_from: number;
    baseline_to: number;
    baseline_value: number;
    target_value: number;
    target_week: number;
    created_by: string;
    created_at: string;
  }>(
    `SELECT * EXCLUDE (created_at), strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at FROM goals
     ${municipalities === null ? '' : `WHERE municipality IN (${municipalities.map(Number).join(', ') || 'NULL'})`}
     ORDER BY municipality, goal_id`,
  );
  if (found.length === 0) return [];
  const window = await dataWindow(store);
  return Promise.all(
    found.map(async (g): Promise<GoalStatus> => {
      const length = g.baseline_to - g.baseline_from + 1;
      const to = Math.max(g.baseline_to, Math.min(window.last, g.target_week));
      const from = to - length + 1;
      const now = await measureIn(store, g, from, to, threshold);
      const progress =
        now === null ? null : goalProgress({ baseline: g.baseline_value, target: g.target_value, now });
      const direction = goalDirection(g.baseline_value, g.target_value);
      const forecast =
        outlook === null
          ? null
          : await goalForecast(
              store,
              {
                municipality: g.municipality,
                benefit: g.benefit,
                measure: g.measure,
                period: { from: g.target_week - length + 1, to: g.target_week },
                target: g.target_value,
                direction,
              },
              outlook.rates,
              threshold,
              outlook.waitForBandsMs ?? 0,
            );
      return {
        goalId: g.goal_id,
        municipality: g.municipality,
        benefit: g.benefit,
        measure: g.measure,
        name: g.name,
        baseline: { from: toYyyyww(g.baseline_from), to: toYyyyww(g.baseline_to), value: g.baseline_value },
        target: { value: g.target_value, week: toYyyyww(g.target_week) },
        direction,
        latest: { from: toYyyyww(from), to: toYyyyww(to), value: now },
        concreteGoal: g.target_value - g.baseline_value,
        status: progress?.status ?? null,
        realised: progress?.realised ?? null,
        forecast,
        createdBy: g.created_by,
        createdAt: g.created_at,
      };
    }),
  );
}
