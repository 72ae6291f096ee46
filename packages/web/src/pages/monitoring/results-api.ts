/**
 * What the Resultater, Mål and Sammenligning pages read and send: the answers of /api/scorecard,
 * /api/peers, /api/benchmark, /api/goals and /api/clusters (the server's monitoring/scorecard.ts and
 * goals.ts, as JSON), the requests' paths, the names of municipalities and benefit groups, and each
 * scorecard figure in its unit, and the scorecard's sentences and tables as both the Resultater page
 * and the server's PDF of it (monitoring/scorecard-report.ts) show them. Pure: the pages say it in
 * words.
 */

import {
  civilOf,
  FRAMEWORK_VARIABLES,
  formatYyyyww,
  fromYyyyww,
  mondayOfWeek,
  JOBINDSATS_GROUPS,
  MEASURE_BENEFITS,
  MUNICIPALITIES,
  formatKr,
  formatNumber,
  formatPercent,
  stateName,
  type Assessment,
  type FrameworkVariable,
  type Scorecard,
  type ScorecardDimension,
  type ScorecardDimensionInfo,
  type ScorecardFigures,
  type SimilarMunicipality,
  type SupportBenchmark,
} from '@jobinvest/core';
import type { Language } from '@jobinvest/core';
import { withheldText } from '../../ui/withheld.ts';
import { wordsIn } from '../../words.ts';

export type PeerKind = 'similar' | 'cluster';

/** GET /api/peers. */
export interface PeersAnswer {
  kind: PeerKind;
  codes: readonly number[];
  similar: readonly SimilarMunicipality[];
  cluster: string | null;
  year: number | null;
}

/** GET /api/scorecard. */
export interface ScorecardAnswer {
  municipality: number;
  benefit: string;
  /** The running year and the one before, YYYYWW. */
  period: { from: number; to: number };
  yearBefore: { from: number; to: number };
  peers: PeersAnswer & { withFigures: readonly number[] };
  netCostPerFullTimePerson: { kroner: number; year: number } | null;
  netCostError: string | null;
  own: ScorecardFigures;
  cluster: ScorecardFigures;
  scorecard: Scorecard;
  dimensions: readonly ScorecardDimensionInfo[];
  suppressed: { threshold: number | null; withheld: number };
  /** The months' last weeks (YYYYWW) a scorecard of the group can end with, newest first. */
  endWeeks: readonly number[];
}

/** GET /api/benchmark. */
export interface BenchmarkAnswer {
  period: { from: number; to: number };
  year: number;
  benchmark: SupportBenchmark;
}

/** One goal of GET /api/goals, with its status now. */
export interface Goal {
  goalId: number;
  municipality: number;
  benefit: string;
  measure: GoalMeasure;
  name: string;
  baseline: { from: number; to: number; value: number };
  target: { value: number; week: number };
  direction: 'down' | 'up';
  latest: { from: number; to: number; value: number | null };
  concreteGoal: number;
  status: number | null;
  realised: number | null;
  /** Where the forecast puts the goal on its target date (only full-time persons are forecast). */
  forecast:
    | {
        state: 'ready';
        median: number;
        band80: [number, number];
        probabilityOfReaching: number;
        replications: number;
      }
    | {
        state:
          'pending' | 'failed' | 'none' | 'withheld' | 'reached-data' | 'beyond-forecast' | 'not-forecast';
      }
    | null;
  createdBy: string;
  createdAt: string;
}

/** POST /api/goals. */
export interface NewGoal {
  municipality: string;
  benefit: string;
  measure: GoalMeasure;
  name: string;
  baselineFrom: string;
  baselineTo: string;
  baselineValue: number | null;
  targetValue: number;
  targetWeek: string;
}

export interface ClusterRow {
  municipality: number;
  cluster: string;
}

/**
 * The measures a goal may be set on (the server's GOAL_MEASURES), and how each is written: shares
 * are fractions in the API and typed and shown in per cent, their differences in percentage points.
 */
export const GOAL_MEASURES = {
  persons: { unit: 'count', decimals: 0 },
  fullTimePersons: { unit: 'count', decimals: 1 },
  shareOfLabourForce: { unit: 'share', decimals: 1 },
  averageDurationEndedWeeks: { unit: 'weeks', decimals: 1 },
  stockAtEnd: { unit: 'count', decimals: 0 },
  workAfter3Months: { unit: 'share', decimals: 1 },
  activationRate: { unit: 'share', decimals: 1 },
  timelyShare: { unit: 'share', decimals: 1 },
} as const;

export type GoalMeasure = keyof typeof GOAL_MEASURES;
export const GOAL_MEASURE_IDS = Object.keys(GOAL_MEASURES) as GoalMeasure[];

/** The jobindsats groups a scorecard can be made for (peers' figures exist for these), `all` first. */
export const SCORECARD_BENEFITS: readonly string[] = [
  'all',
  ...JOBINDSATS_GROUPS.map((g) => g.code).filter((c) => c !== 'all' && MEASURE_BENEFITS.includes(c)),
];

/** A municipality's name from its code (core's MUNICIPALITIES), or the code when unknown. */
export function municipalityName(code: number): string {
  return MUNICIPALITIES.find((m) => m.code === code)?.name ?? String(code).padStart(3, '0');
}

/**
 * A benefit group's name: all public support, jobindsats' groups of several of the catalogue's
 * groups (kontanthjælp, fleksjob, førtidspension) by their own words, any other by the catalogue.
 */
export function groupName(code: string, language: Language): string {
  const words = wordsIn(language);
  switch (code) {
    case 'all':
      return words('kpiAllBenefits');
    case 'kontanthjaelp':
      return words('groupKontanthjaelp');
    case 'fleksjob':
      return words('groupFleksjob');
    case 'foertidspension':
      return words('groupFoertidspension');
    default:
      return stateName(code, language);
  }
}

/** The weights as /api/scorecard reads them (`ageOver50:1,localJobs:2.5`); null when all are 1 (the default). */
export function weightsParam(weights: Readonly<Record<FrameworkVariable, number>>): string | null {
  if (FRAMEWORK_VARIABLES.every((v) => weights[v.id] === 1)) return null;
  return FRAMEWORK_VARIABLES.map((v) => `${v.id}:${weights[v.id]}`).join(',');
}

/** Every framework variable weighted 1. */
export const EQUAL_WEIGHTS = Object.fromEntries(FRAMEWORK_VARIABLES.map((v) => [v.id, 1])) as Record<
  FrameworkVariable,
  number
>;

export function scorecardPath(choice: ScorecardChoice): string {
  return `/api/scorecard?${scorecardParams(choice).toString()}`;
}

/** The scorecard of `choice` as the committee's one-page A4 PDF, in `language`. */
export function scorecardReportPath(choice: ScorecardChoice, language: Language): string {
  const params = scorecardParams(choice);
  params.set('language', language);
  return `/api/scorecard/report?${params.toString()}`;
}

/** The calendar month a week (YYYYWW) belongs to: the one its Thursday falls in. */
export function monthOfWeek(yyyyww: number): { year: number; month: number } {
  const { year, month } = civilOf(mondayOfWeek(fromYyyyww(yyyyww)) + 3);
  return { year, month };
}

export interface ScorecardChoice {
  municipality: number;
  benefit: string;
  to: number;
  peers: PeerKind;
  weights: Readonly<Record<FrameworkVariable, number>>;
}

function scorecardParams(choice: ScorecardChoice): URLSearchParams {
  const params = new URLSearchParams({
    municipality: String(choice.municipality).padStart(3, '0'),
    benefit: choice.benefit,
    to: String(choice.to),
    peers: choice.peers,
  });
  const weights = choice.peers === 'similar' ? weightsParam(choice.weights) : null;
  if (weights) params.set('weights', weights);
  return params;
}

const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text.replace(/^-/, '−'));

/**
 * A scorecard figure in its unit: the level of Flere i job and Fastholdelse as per cent, its
 * development in per cent (Flere i job, the change in full-time persons) or percentage points; weeks
 * with one decimal; kroner whole. Developments carry their sign.
 */
export function formatScorecardFigure(
  dimension: ScorecardDimension,
  row: 'level' | 'development',
  value: number,
  language: Language,
): string {
  const words = wordsIn(language);
  const points = (v: number) => `${formatNumber(v * 100, 1)} ${words('percentagePoints')}`;
  if (row === 'level')
    switch (dimension) {
      case 'flereIJob':
      case 'fastholdelse':
      case 'aktiveringsgrad':
        return formatPercent(value);
      case 'hurtigereIJob':
        return `${formatNumber(value, 1)} ${words('kpiUnit_weeks')}`;
      case 'besparelsespotentiale':
        return formatKr(value);
    }
  switch (dimension) {
    case 'flereIJob':
      return signed(formatPercent(value), value);
    case 'fastholdelse':
    case 'aktiveringsgrad':
      return signed(points(value), value);
    case 'hurtigereIJob':
      return signed(`${formatNumber(value, 1)} ${words('kpiUnit_weeks')}`, value);
    case 'besparelsespotentiale':
      return signed(formatKr(value), value);
  }
}

/**
 * A figure of the scorecard's table as the page and the PDF show it: in its unit; an own figure the
 * role did not get (null with figures withheld) as "<5"; any other missing figure as "–". Only the
 * own figures are ever withheld (the peers' are published aggregates): a missing cluster figure is
 * missing from the extract.
 */
export function scorecardCellText(
  answer: ScorecardAnswer,
  dimension: ScorecardDimension,
  row: 'level' | 'development',
  value: number | null,
  own: boolean,
  language: Language,
): string {
  if (value !== null) return formatScorecardFigure(dimension, row, value, language);
  return own ? withheldOrDash(answer) : '–';
}

/** "<5" where the answer withheld figures from the role, "–" otherwise. */
function withheldOrDash(answer: ScorecardAnswer): string {
  const { threshold, withheld } = answer.suppressed;
  return threshold !== null && withheld > 0 ? withheldText({ threshold, withheld }) : '–';
}

/** The scorecard's sentences: its lead, the peers it compares with, the net cost the savings are priced with, and the notes under it. */
export function scorecardSentences(
  answer: ScorecardAnswer,
  name: string,
  language: Language,
): { lead: string; peers: string; cost: string; unknown: string | null; withheld: string | null } {
  const words = wordsIn(language);
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const peers =
    answer.peers.kind === 'cluster'
      ? words('resultsPeersCluster', { cluster: answer.peers.cluster ?? '' })
      : words('resultsPeersSimilar', { count: answer.peers.codes.length, year: answer.peers.year ?? '' });
  const { threshold, withheld } = answer.suppressed;
  const cost = answer.netCostPerFullTimePerson;
  const unknown = answer.dimensions.some(
    (d) =>
      answer.scorecard.dimensions[d.id].level.assessment === null ||
      answer.scorecard.dimensions[d.id].development.assessment === null,
  );
  return {
    lead: words('resultsLead', {
      benefit: groupName(answer.benefit, language),
      municipality: name,
      from: week(answer.period.from),
      to: week(answer.period.to),
      beforeFrom: week(answer.yearBefore.from),
      beforeTo: week(answer.yearBefore.to),
      peers,
    }),
    peers,
    cost: cost
      ? words('resultsNetCost', { kroner: formatKr(cost.kroner), year: cost.year })
      : words('resultsNoNetCost', { reason: answer.netCostError ?? '' }),
    unknown: unknown ? words('resultsUnknownWhy') : null,
    withheld: threshold !== null && withheld > 0 ? words('withheldNote', { threshold, withheld }) : null,
  };
}

/** One line of KL's background table of Flere i job: its words, its figures as shown, and its numbers. */
export interface BackgroundLine {
  readonly key: 'share-now' | 'share-before' | 'persons-now' | 'persons-before' | 'change';
  /** The measure, on the first line of each (empty on the lines that continue it). */
  readonly measure: string;
  readonly period: string;
  readonly own: string;
  readonly cluster: string;
  readonly unit: '%' | '';
  /** Own and cluster as numbers (shares and changes as fractions); null where missing or withheld. */
  readonly values: readonly [number | null, number | null];
}

/**
 * KL's background table (baggrundstal) of Flere i job: the share of the labour force and the
 * full-time persons now and a year before, and the change in per cent, own and cluster; an own
 * figure the role did not get as "<5".
 */
export function backgroundLines(answer: ScorecardAnswer, language: Language): BackgroundLine[] {
  const words = wordsIn(language);
  const b = answer.scorecard.background;
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const now = `${words('resultsNow')} (${week(answer.period.from)} – ${week(answer.period.to)})`;
  const before = `${words('resultsYearBefore')} (${week(answer.yearBefore.from)} – ${week(answer.yearBefore.to)})`;
  const line = (
    key: BackgroundLine['key'],
    measure: string,
    period: string,
    unit: BackgroundLine['unit'],
    [own, cluster]: readonly [number | null, number | null],
  ): BackgroundLine => {
    const text = (v: number) =>
      key === 'change' ? signed(formatPercent(v), v) : unit === '%' ? formatPercent(v) : formatNumber(v, 1);
    return {
      key,
      measure,
      period,
      own: own === null ? withheldOrDash(answer) : text(own),
      cluster: cluster === null ? '–' : text(cluster),
      unit,
      values: [own, cluster],
    };
  };
  return [
    line('share-now', words('resultsShareRow'), now, '%', [b.share.own.now, b.share.cluster.now]),
    line('share-before', '', before, '%', [b.share.own.yearBefore, b.share.cluster.yearBefore]),
    line('persons-now', words('resultsFullTimeRow'), now, '', [
      b.fullTimePersons.own.now,
      b.fullTimePersons.cluster.now,
    ]),
    line('persons-before', '', before, '', [
      b.fullTimePersons.own.yearBefore,
      b.fullTimePersons.cluster.yearBefore,
    ]),
    line('change', '', words('resultsChange'), '%', [b.development.own, b.development.cluster]),
  ];
}

/** The framework condition a similar municipality differs most on (the largest part of its distance). */
export function mostApart(
  contributions: Readonly<Record<FrameworkVariable, number>>,
  language: Language,
): string {
  const top = FRAMEWORK_VARIABLES.reduce((a, b) => (contributions[b.id] > contributions[a.id] ? b : a));
  return top.name[language];
}

/** An assessment's symbol, shown beside its word so that colour is never the only sign. */
export const ASSESSMENT_SYMBOL: Readonly<Record<Assessment | 'unknown', string>> = {
  better: '⊕',
  worse: '⊖',
  same: '=',
  unknown: '?',
};

/** A goal's value as typed and shown: shares in per cent. */
export function goalValueShown(measure: GoalMeasure, value: number): number {
  return GOAL_MEASURES[measure].unit === 'share' ? value * 100 : value;
}

/** A value typed for a goal as the API takes it: per cent back to a fraction. */
export function goalValueSent(measure: GoalMeasure, typed: number): number {
  return GOAL_MEASURES[measure].unit === 'share' ? typed / 100 : typed;
}

/** A goal's value in its unit: "1.234,5", "8,5 uger", "74,3 %". */
export function formatGoalValue(measure: GoalMeasure, value: number, language: Language): string {
  const { unit, decimals } = GOAL_MEASURES[measure];
  if (unit === 'share') return formatPercent(value);
  const text = formatNumber(value, decimals);
  return unit === 'weeks' ? `${text} ${wordsIn(language)('kpiUnit_weeks')}` : text;
}

/** A difference of a goal's value (concrete goal, status), with its sign: "−53", "+0,3 uger", "−2,1 pct.-point". */
export function formatGoalChange(measure: GoalMeasure, change: number, language: Language): string {
  const { unit, decimals } = GOAL_MEASURES[measure];
  const words = wordsIn(language);
  const text =
    unit === 'share'
      ? `${formatNumber(change * 100, 1)} ${words('percentagePoints')}`
      : unit === 'weeks'
        ? `${formatNumber(change, 1)} ${words('kpiUnit_weeks')}`
        : formatNumber(change, decimals);
  return signed(text, change);
}
