/**
 * Comparing a municipality with others: who its peers are (the user's cluster table, or the
 * municipalities most like it on framework conditions: core's peers.ts), KL's scorecard against the
 * peers (core's scorecard.ts), and expected against actual support across all municipalities (core's
 * benchmark.ts, as STAR/VIVE's Y30R21).
 *
 * The municipality's own figures are counted from its register data (kpi.ts); the peers' come from
 * the imported jobindsats extracts (`peer_figures`), as jobindsats publishes them, month by month.
 * The scorecard's period is the running year: the twelve months ending with the month that holds
 * `to` (a month's weeks are those whose Thursday falls in it), against the twelve months before.
 * A peer's figure of the period is the months' figures averaged over their weeks: for full-time
 * persons and the labour force only when the extract covers every month; for the averages (duration,
 * share in work 3 months after, activation rate) when it covers at least half, as the latest months
 * have no ended spells, or no status 3 months on, yet (jobindsats leaves those cells empty). Our own
 * averages leave out the same spells: those not yet ended, or whose status is not yet known.
 */

import {
  civilOf,
  clusterFigures,
  clusterOf,
  expectedSupport,
  FRAMEWORK_VARIABLES,
  mondayOfWeek,
  monthWeeks,
  scorecard,
  SCORECARD_DIMENSIONS,
  similarMunicipalities,
  toYyyyww,
  yearWeekOf,
  type FrameworkVariable,
  type MunicipalityConditions,
  type RateTable,
  type Scorecard,
  type ScorecardFigures,
  type SimilarMunicipality,
  type SupportBenchmark,
  groupBenefits,
} from '@jobinvest/core';
import { dataWindow, DataError, type Store } from '../data/index.ts';
import { forecastNow } from '../jobinvest/index.ts';
import { kpi } from './kpi.ts';

export type PeerKind = 'similar' | 'cluster';

export interface PeerChoice {
  readonly kind: PeerKind;
  readonly weights?: Readonly<Partial<Record<FrameworkVariable, number>>>;
  /** How many similar municipalities (default 10). */
  readonly count?: number;
}

export interface Peers {
  readonly kind: PeerKind;
  readonly codes: readonly number[];
  /** The similar municipalities with their distances (kind 'similar'). */
  readonly similar: readonly SimilarMunicipality[];
  /** The cluster's name (kind 'cluster'). */
  readonly cluster: string | null;
  /** The year of the framework conditions compared. */
  readonly year: number | null;
}

/** Every municipality's framework conditions of the latest year that has them for `municipality`. */
export async function frameworkConditions(
  store: Store,
  municipality: number,
): Promise<{ year: number; rows: MunicipalityConditions[] }> {
  const found = await store.query<{ municipality: number; year: number; variable: string; value: number }>(
    `SELECT municipality, year, variable, value FROM framework_conditions
     WHERE year = (SELECT max(year) FROM framework_conditions WHERE municipality = $1)`,
    [municipality],
  );
  if (found.length === 0)
    throw new DataError(
      `municipality ${municipality} has no framework conditions: import a framework file (jobinvest import framework FILE)`,
    );
  const byCode = new Map<number, Record<string, number>>();
  for (const r of found) byCode.set(r.municipality, { ...byCode.get(r.municipality), [r.variable]: r.value });
  return {
    year: found[0]!.year,
    rows: [...byCode].map(([code, values]) => ({ code, values })),
  };
}

/**
 * Core's refusal of what it was given (a weight of an unknown variable, a variable without spread,
 * too few municipalities) as the data's answer: 422 with core's words, not a server error.
 */
function refusedAsData<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) throw new DataError(`${what}: ${error.message}`);
    throw error;
  }
}

/** The cluster table: which named cluster each municipality is in. */
export async function clusterTable(store: Store): Promise<{ municipality: number; cluster: string }[]> {
  return store.query<{ municipality: number; cluster: string }>(
    'SELECT municipality, cluster FROM clusters ORDER BY cluster, municipality',
  );
}

/** Replace the cluster table with `rows` in one transaction (a municipality at most once). */
export async function replaceClusters(
  store: Store,
  rows: readonly { municipality: number; cluster: string }[],
  by: string,
): Promise<void> {
  const seen = new Set<number>();
  rows.forEach((r, i) => {
    if (seen.has(r.municipality))
      throw new DataError(
        `[${i}].municipality: expected each municipality once, found ${r.municipality} again`,
      );
    if (r.cluster.length === 0) throw new DataError(`[${i}].cluster: expected a name, found an empty one`);
    seen.add(r.municipality);
  });
  await store.transaction(async (c) => {
    await c.run('DELETE FROM clusters');
    for (const r of rows)
      await c.run('INSERT INTO clusters VALUES ($1, $2, $3, current_timestamp)', [
        r.municipality,
        r.cluster,
        by,
      ]);
  });
}

/** The peers of `municipality`: its named cluster's other members, or the most similar municipalities. */
export async function peersOf(store: Store, municipality: number, choice: PeerChoice): Promise<Peers> {
  if (choice.kind === 'cluster') {
    const table = await store.query<{ municipality: number; cluster: string }>(
      'SELECT municipality, cluster FROM clusters ORDER BY municipality',
    );
    const own = table.find((r) => r.municipality === municipality);
    if (!own)
      throw new DataError(
        `municipality ${municipality} is in no cluster: put it in one (PUT /api/clusters) or compare with similar municipalities`,
        { code: 'no-cluster' },
      );
    const codes = clusterOf(
      municipality,
      table.map((r) => ({ code: r.municipality, cluster: r.cluster })),
    );
    return { kind: 'cluster', codes, similar: [], cluster: own.cluster, year: null };
  }
  const { year, rows } = await frameworkConditions(store, municipality);
  const similar = refusedAsData('the peers', () =>
    similarMunicipalities({
      own: municipality,
      rows: rows.filter((r) => FRAMEWORK_VARIABLES.every((v) => r.values[v.id] !== undefined)),
      ...(choice.weights ? { weights: choice.weights } : {}),
      count: choice.count ?? 10,
    }),
  );
  return { kind: 'similar', codes: similar.map((s) => s.code), similar, cluster: null, year };
}

/** The running year ending with the month that holds week `to` (its Thursday's month), and the one before it. */
export function runningYears(to: number): {
  now: { from: number; to: number };
  yearBefore: { from: number; to: number };
} {
  const { year, month } = civilOf(mondayOfWeek(to) + 3);
  const span = (y: number) => ({
    from: month === 12 ? monthWeeks(y, 1).first : monthWeeks(y - 1, month + 1).first,
    to: monthWeeks(y, month).last,
  });
  return { now: span(year), yearBefore: span(year - 1) };
}

/**
 * The running years of `to`, or, where the data end inside `to`'s month, of the month before: a
 * running year ends with a whole month.
 */
export function wholeRunningYears(to: number, dataLast: number) {
  const asked = runningYears(Math.min(to, dataLast));
  if (asked.now.to <= dataLast) return asked;
  const { year, month } = civilOf(mondayOfWeek(asked.now.to) + 3);
  return runningYears(monthWeeks(year, month).first - 1);
}

interface PeerPeriodFigures {
  fullTimePersons: number | null;
  labourForce: number | null;
  averageDurationWeeks: number | null;
  shareInWorkAfter3Months: number | null;
  activationRate: number | null;
}

/**
 * Each municipality's measures of `benefit` in the extract, the months inside `period` averaged over
 * their weeks, with the weeks they cover (`codes`: only these municipalities; null: all).
 */
async function monthlyAverages(
  store: Store,
  benefit: string,
  period: { from: number; to: number },
  codes: readonly number[] | null,
): Promise<{ municipality: number; measure: string; value: number; weeks: number }[]> {
  return store.query(
    `SELECT municipality, measure,
            sum(value * (period_to - period_from + 1)) / sum(period_to - period_from + 1) AS value,
            CAST(sum(period_to - period_from + 1) AS INTEGER) AS weeks
     FROM peer_figures
     WHERE benefit = $1 AND period_from >= $2 AND period_to <= $3 AND period_to - period_from < 6
       ${codes === null ? '' : `AND municipality IN (${codes.map(Number).join(', ')})`}
     GROUP BY municipality, measure`,
    [benefit, period.from, period.to],
  );
}

/** The peers' figures of a period: each measure's months averaged over their weeks, where they cover it. */
async function peerFigures(
  store: Store,
  codes: readonly number[],
  benefit: string,
  period: { from: number; to: number },
): Promise<Map<number, PeerPeriodFigures>> {
  if (codes.length === 0) return new Map();
  const found = await monthlyAverages(store, benefit, period, codes);
  const length = period.to - period.from + 1;
  const result = new Map<number, PeerPeriodFigures>();
  for (const code of codes) {
    /** A count's months must cover the period; an average's need only half of it. */
    const of = (measure: string, cover: 'all' | 'half') => {
      const row = found.find((r) => r.municipality === code && r.measure === measure);
      return row && (cover === 'all' ? row.weeks === length : 2 * row.weeks >= length) ? row.value : null;
    };
    const fullTime = of('fullTimePersons', 'all');
    const share = of('shareOfLabourForce', 'all');
    result.set(code, {
      fullTimePersons: fullTime,
      labourForce: of('labourForce', 'all') ?? (fullTime !== null && share ? fullTime / share : null),
      averageDurationWeeks: of('averageDurationWeeks', 'half'),
      shareInWorkAfter3Months: of('shareInWorkAfter3Months', 'half'),
      activationRate: of('activationRate', 'half'),
    });
  }
  return result;
}

const period = (now: number | null, yearBefore: number | null) => ({ now, yearBefore });

/** The net cost of a full-time person on `benefit` a year to the municipality: its forecast's first whole year. */
async function netCostPerFullTimePerson(
  store: Store,
  municipality: number,
  benefit: string,
  rates: RateTable,
  replications: number | undefined,
): Promise<{ kroner: number; year: number } | null> {
  // The forecast page's own (its expected values, which the server prepares after a start or an
  // import), unless the caller asks for none of its replications (the command line, which would
  // otherwise wait for them before it exits).
  const forecast = await forecastNow(store, {
    municipality,
    horizon: 260,
    rates,
    ...(replications === undefined ? {} : { replications }),
  });
  const states = new Set(groupBenefits(benefit));
  const year = forecast.years.find((r) => r.weeks >= 52)?.year;
  if (year === undefined) return null;
  let net = 0;
  let fullTime = 0;
  for (const row of forecast.years)
    if (row.year === year && states.has(row.state)) {
      net += row.municipalNet;
      fullTime += row.fullTimePersons;
    }
  return fullTime > 0 ? { kroner: net / fullTime, year } : null;
}

export interface ScorecardAnswer {
  readonly municipality: number;
  readonly benefit: string;
  /** The running years compared, YYYYWW. */
  readonly period: { readonly from: number; readonly to: number };
  readonly yearBefore: { readonly from: number; readonly to: number };
  readonly peers: Peers & { readonly withFigures: readonly number[] };
  /** The municipal net cost of a full-time person a year the savings are priced with, and the forecast year. */
  readonly netCostPerFullTimePerson: { readonly kroner: number; readonly year: number } | null;
  /** Why there is no net cost (and so no savings potential), if there is none. */
  readonly netCostError: string | null;
  readonly own: ScorecardFigures;
  readonly cluster: ScorecardFigures;
  readonly scorecard: Scorecard;
  readonly dimensions: typeof SCORECARD_DIMENSIONS;
  readonly suppressed: { readonly threshold: number | null; readonly withheld: number };
  /** The months' last weeks (YYYYWW) a scorecard of the group can end with, newest first (scorecardEnds). */
  readonly endWeeks: readonly number[];
}

export async function scorecardOf(
  store: Store,
  request: {
    municipality: number;
    benefit: string;
    to: number;
    peers: PeerChoice;
    rates: RateTable;
    threshold: number | null;
    /** The forecast's replications (default: the forecast page's); 0 on the command line. */
    forecastReplications?: number;
  },
): Promise<ScorecardAnswer> {
  const window = await dataWindow(store);
  const ends = wholeRunningYears(request.to, window.last);
  if (ends.yearBefore.from < window.first)
    throw new DataError(
      `to: the scorecard compares two running years; the data begin ${toYyyyww(window.first)}, too late for ${toYyyyww(ends.yearBefore.from)}`,
      { code: 'too-early' },
    );
  const ask = (p: { from: number; to: number }) =>
    kpi(store, {
      municipality: request.municipality,
      benefit: request.benefit,
      from: p.from,
      to: p.to,
      level: 'municipality',
      threshold: request.threshold,
    });
  const [now, before, peers, priced] = await Promise.all([
    ask(ends.now),
    ask(ends.yearBefore),
    peersOf(store, request.municipality, request.peers),
    // Without a forecast (too little data for its model) the savings potential is unknown, and says why.
    netCostPerFullTimePerson(
      store,
      request.municipality,
      request.benefit,
      request.rates,
      request.forecastReplications,
    ).then(
      (cost) => ({
        cost,
        error: cost ? null : `the forecast has no full-time persons on ${request.benefit}`,
      }),
      (error: unknown) => ({ cost: null, error: error instanceof Error ? error.message : String(error) }),
    ),
  ]);
  const cost = priced.cost;
  const m = now.measures!;
  const b = before.measures!;
  const labourForce = (x: typeof m) =>
    x.fullTimePersons !== null && x.shareOfLabourForce ? x.fullTimePersons / x.shareOfLabourForce : null;
  const fullTimeActivated = (x: typeof m) =>
    x.fullTimePersons !== null && x.activationRate !== null ? x.fullTimePersons * x.activationRate : null;
  const own: ScorecardFigures = {
    fullTimePersons: period(m.fullTimePersons, b.fullTimePersons),
    labourForce: period(labourForce(m), labourForce(b)),
    averageSpellWeeks: period(m.averageDurationEndedWeeks, b.averageDurationEndedWeeks),
    spells: period(m.spellsEnded, b.spellsEnded),
    shareInWorkAfterThreeMonths: period(m.statusAfter['3'].work, b.statusAfter['3'].work),
    endedSpells: period(m.statusAfterSpells['3'], b.statusAfterSpells['3']),
    fullTimeActivated: period(fullTimeActivated(m), fullTimeActivated(b)),
  };
  const [peerNow, peerBefore] = await Promise.all([
    peerFigures(store, peers.codes, request.benefit, ends.now),
    peerFigures(store, peers.codes, request.benefit, ends.yearBefore),
  ]);
  const withFigures = peers.codes.filter(
    (code) => peerNow.get(code)?.fullTimePersons != null && peerBefore.get(code)?.fullTimePersons != null,
  );
  const members = withFigures.map((code): ScorecardFigures => {
    const n = peerNow.get(code)!;
    const p = peerBefore.get(code)!;
    const activated = (x: PeerPeriodFigures) =>
      x.fullTimePersons !== null && x.activationRate !== null ? x.fullTimePersons * x.activationRate : null;
    return {
      fullTimePersons: period(n.fullTimePersons, p.fullTimePersons),
      labourForce: period(n.labourForce, p.labourForce),
      averageSpellWeeks: period(n.averageDurationWeeks, p.averageDurationWeeks),
      shareInWorkAfterThreeMonths: period(n.shareInWorkAfter3Months, p.shareInWorkAfter3Months),
      fullTimeActivated: period(activated(n), activated(p)),
    };
  });
  if (members.length === 0)
    throw new DataError(
      `no peer of municipality ${request.municipality} has jobindsats figures for ${request.benefit} in ${toYyyyww(ends.yearBefore.from)}-${toYyyyww(ends.now.to)}: import a jobindsats extract (jobinvest import jobindsats FILE)`,
      { code: 'no-peer-figures' },
    );
  const cluster = clusterFigures(members);
  const card = scorecard({ own, cluster, netCostPerFullTimePerson: cost?.kroner ?? 0 });
  const unknown = { own: null, cluster: null, assessment: null };
  return {
    municipality: request.municipality,
    benefit: request.benefit,
    period: { from: toYyyyww(ends.now.from), to: toYyyyww(ends.now.to) },
    yearBefore: { from: toYyyyww(ends.yearBefore.from), to: toYyyyww(ends.yearBefore.to) },
    peers: { ...peers, withFigures },
    netCostPerFullTimePerson: cost,
    netCostError: priced.error,
    own,
    cluster,
    scorecard: cost
      ? card
      : {
          ...card,
          dimensions: { ...card.dimensions, besparelsespotentiale: { level: unknown, development: unknown } },
        },
    dimensions: SCORECARD_DIMENSIONS,
    suppressed: {
      threshold: request.threshold,
      withheld: now.suppressed.withheld + before.suppressed.withheld,
    },
    endWeeks: await scorecardEnds(store, request.benefit, window),
  };
}

/**
 * The months a scorecard of `benefit` can end with, as their last weeks (YYYYWW), newest first:
 * those whose running year and the year before lie inside the own data and whose 24 months the
 * imported jobindsats extract holds for some municipality.
 */
export async function scorecardEnds(
  store: Store,
  benefit: string,
  window: { first: number; last: number },
): Promise<number[]> {
  const found = await store.query<{ to: number }>(
    `SELECT DISTINCT period_to AS "to" FROM peer_figures
     WHERE benefit = $1 AND measure = 'fullTimePersons' AND period_to - period_from < 6`,
    [benefit],
  );
  const monthEnds = new Set(found.map((r) => Number(r.to)));
  const ends: number[] = [];
  for (const to of [...monthEnds].sort((a, b) => b - a)) {
    const { now, yearBefore } = runningYears(to);
    if (now.to !== to || now.to > window.last || yearBefore.from < window.first) continue;
    // Each of the 24 months' last weeks in the extract.
    let covered = true;
    let { year, month } = civilOf(mondayOfWeek(to) + 3);
    for (let k = 0; k < 24 && covered; k++) {
      covered = monthEnds.has(monthWeeks(year, month).last);
      [year, month] = month === 1 ? [year - 1, 12] : [year, month - 1];
    }
    if (covered) ends.push(toYyyyww(to));
  }
  return ends;
}

/**
 * Expected against actual full-time persons on all public support across the municipalities with
 * framework conditions and figures of the running year ending with `to`'s month (Y30R21's idea).
 */
export async function benchmarkOf(
  store: Store,
  request: { municipality: number; to: number; rates: RateTable; forecastReplications?: number },
): Promise<{ period: { from: number; to: number }; year: number; benchmark: SupportBenchmark }> {
  const window = await dataWindow(store);
  const ends = wholeRunningYears(request.to, window.last);
  const [{ year, rows }, figures, cost] = await Promise.all([
    frameworkConditions(store, request.municipality),
    monthlyAverages(store, 'all', ends.now, null),
    netCostPerFullTimePerson(store, request.municipality, 'all', request.rates, request.forecastReplications),
  ]);
  const length = ends.now.to - ends.now.from + 1;
  const value = (code: number, measure: string) =>
    figures.find((f) => f.municipality === code && f.measure === measure && f.weeks === length)?.value ??
    null;
  const populations = await store.query<{ code: number; population: number }>(
    'SELECT code, population_16_66 AS population FROM municipality_years WHERE year = $1',
    [yearWeekOf(ends.now.to).year],
  );
  const input = rows.flatMap((r) => {
    const fullTimePersons = value(r.code, 'fullTimePersons');
    const population =
      value(r.code, 'population16to66') ?? populations.find((p) => p.code === r.code)?.population ?? null;
    if (fullTimePersons === null || population === null || population <= 0) return [];
    return [{ code: r.code, population, fullTimePersons, values: r.values }];
  });
  if (input.length < 8)
    throw new DataError(
      `the benchmark needs figures of all public support and framework conditions for at least 8 municipalities, found ${input.length}: import a jobindsats extract and a framework file`,
    );
  return {
    period: { from: toYyyyww(ends.now.from), to: toYyyyww(ends.now.to) },
    year,
    benchmark: refusedAsData('the benchmark', () =>
      expectedSupport({ rows: input, ...(cost ? { netCostPerFullTimePerson: cost.kroner } : {}) }),
    ),
  };
}
