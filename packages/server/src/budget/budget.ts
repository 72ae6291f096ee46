/**
 * The grundbudget and the investeringskalkule of a municipality over the store: jobinvest's
 * Prognose forecast (the same job the page and the server's preparation share, with its bands when
 * they are ready), the municipality's activation and caseload over the last year of data, the
 * saved investment cases chosen, and the economist's adjustments, handed to core's `buildBudget`.
 * Saved budgets are numbered versions (migration 8): saving adds version max + 1 with its
 * adjustments in one transaction, never overwriting.
 */

import {
  budgetMonths as monthsOfBudget,
  buildBudget,
  BudgetError,
  isFew,
  toYyyyww,
  weekIndexOf,
  weeksInIsoYear,
  yearWeekOf,
  type Budget,
  type BudgetAdjustments,
  type BudgetCase,
  type BudgetHistory,
  type Language,
  type MonthlyAmounts,
  type RateTable,
  SEPARATE_LINE_GROUPS,
  SHIPPED_RATES,
  type SeparateKey,
} from '@jobinvest/core';
import {
  checkMunicipality,
  DataError,
  dataVersion,
  dataWindow,
  Recent,
  rows,
  type Store,
} from '../data/index.ts';
import {
  evaluateCase,
  forecastNow,
  getCase,
  PAGE_FORECAST_WEEKS,
  parseCase,
  type BandsState,
  type ForecastOptions,
  type InvestmentCaseDocument,
} from '../jobinvest/index.ts';

/** The longest forecast a budget asks for: the overslagsår must lie within ten years of the data. */
const MAX_BUDGET_HORIZON = 520;

export interface BudgetRequest {
  readonly municipality: number;
  readonly year: number;
  readonly rates: RateTable;
  readonly adjustments?: BudgetAdjustments;
  /** Saved investment cases (case ids) to show "with". */
  readonly cases?: readonly number[];
  /** The latest week a case may start in (jobinvest's `latestCaseStart`, read at the edge); needed with `cases`. */
  readonly latestStart?: number;
  readonly language?: Language;
  /** The forecast's replications (default: the forecast's 200; 0: the expected values only). */
  readonly replications?: number;
  /**
   * What a caller (a route) checks of each chosen case, as jobinvest's routes do: `admit` may refuse
   * it (a person list the role may not pick) and gives the case as the caller may compute it;
   * `groupSize` refuses a target group too small for the role's figures.
   */
  readonly guard?: {
    readonly admit: (doc: InvestmentCaseDocument) => Promise<InvestmentCaseDocument>;
    readonly groupSize: (persons: number) => void;
  };
}

export interface BudgetAnswer extends Budget {
  readonly municipality: number;
  /** The forecast's stock week (the last week of data), YYYYWW. */
  readonly stockWeek: number;
  readonly dataVersion: number;
  /** What the forecast's figures are: expected values, or the replications' mean with bands. */
  readonly engine: 'expected' | 'microsimulation';
  readonly bands: BandsState;
  /** Persons in each group in the stock week: what suppression looks at. */
  readonly stockByState: Readonly<Record<string, number | null>>;
  /** The rates the forecast rests on, when regulated or carried. */
  readonly notices: readonly string[];
}

/** The default budget year on a day: the calendar year after it. */
export function defaultBudgetYear(now: Date): number {
  return now.getFullYear() + 1;
}

/**
 * The week the budget of `year` is forecast from: the data's last week; or, for a year the data
 * already reach into (a budget being followed up), the last week of the year before: the budget
 * as the model would have made it then, from the persons on support then.
 */
export function budgetStockWeek(
  window: { readonly first: number; readonly last: number },
  year: number,
): number {
  const yearBefore = weekIndexOf(year - 1, weeksInIsoYear(year - 1));
  if (yearBefore >= window.last) return window.last;
  if (yearBefore < window.first)
    throw new DataError(
      `year: expected a year whose year before lies in the data (${toYyyyww(window.first)}-${toYyyyww(window.last)}), found ${year}`,
    );
  return yearBefore;
}

/** The forecast's horizon for a budget: the page's 260 weeks when they reach the last overslagsår, else as far as needed. */
function horizonFor(stockWeek: number, year: number): number {
  const last = weekIndexOf(year + 3, weeksInIsoYear(year + 3));
  const needed = last - stockWeek;
  if (year <= yearWeekOf(stockWeek).year)
    throw new DataError(
      `year: expected a budget year after the data's last week ${toYyyyww(stockWeek)} (the budget year's weeks are forecast), found ${year}`,
    );
  if (needed > MAX_BUDGET_HORIZON)
    throw new DataError(
      `year: the overslagsår of ${year} end ${needed} weeks after the data's last week ${toYyyyww(stockWeek)}; at most ${MAX_BUDGET_HORIZON} can be forecast`,
    );
  return Math.max(needed, PAGE_FORECAST_WEEKS);
}

/**
 * The question of the forecast the budget of `year` rests on, as jobinvest's forecast jobs are kept
 * under it (forecast.ts): from `budgetStockWeek`, as far as the last overslagsår. A year after the
 * data's last week asks the Prognose page's question (no `from`, its 260 weeks when they reach), so
 * the two share one job; a year the data already reach into (the follow-up's) asks its own, from the
 * stock of the year before. The preparation (prepare.ts) asks through this too, so that a request
 * finds the job it made.
 */
export function budgetForecast(
  window: { readonly first: number; readonly last: number },
  request: Pick<BudgetRequest, 'municipality' | 'year' | 'rates' | 'replications'>,
): ForecastOptions & { readonly stockWeek: number } {
  const stockWeek = budgetStockWeek(window, request.year);
  return {
    municipality: request.municipality,
    stockWeek,
    horizon: horizonFor(stockWeek, request.year),
    ...(stockWeek === window.last ? {} : { from: stockWeek }),
    rates: request.rates,
    ...(request.replications === undefined ? {} : { replications: request.replications }),
  };
}

const NOT_GROUPS = "('job', 'out', 'su', '(unmapped)')";

/**
 * The histories asked for last, by store, data version, municipality and week: each adjustment typed
 * on the Grundbudget page, and the follow-up, read the same three aggregations over the spells.
 */
const histories = new Recent<Promise<BudgetHistory>>(64);

/** `budgetHistory`, kept per data version (new data ask again); what requests and the preparation read. */
export async function keptBudgetHistory(
  store: Store,
  municipality: number,
  last: number,
): Promise<BudgetHistory> {
  const key = [store.path, await dataVersion(store), municipality, last].join('|');
  return histories.get(key, () => budgetHistory(store, municipality, last));
}

/**
 * The municipality's last 52 weeks of data as the budget's activities and administration rest on
 * them: full-time persons per group (person-weeks / 52), activation weeks and recorded cost by type
 * among persons while on each group (an intervention's cost spread evenly over its weeks), and the
 * caseload (persons with a caseworker per caseworker in the last week, and the share of each group's
 * persons who had one). A person belongs
 * to the municipality they last lived in by the period's end, as in the forecast's stock.
 */
export async function budgetHistory(
  store: Store,
  municipality: number,
  last: number,
): Promise<BudgetHistory> {
  const from = last - 51;
  const params = { m: municipality, f: from, t: last };
  const here = `here AS (SELECT person_id FROM person_municipalities WHERE from_week <= $t
                 GROUP BY person_id HAVING arg_max(municipality, from_week) = $m),
    sp AS (SELECT s.person_id, s.benefit, greatest(s.first_week, $f) AS f, least(s.last_week, $t) AS l
           FROM spells s JOIN here USING (person_id)
           WHERE s.first_week <= $t AND s.last_week >= $f AND s.benefit NOT IN ${NOT_GROUPS})`;
  const [groups, activities, caseload] = await Promise.all([
    store.query<{ benefit: string; weeks: number }>(
      `WITH ${here} SELECT benefit, sum(l - f + 1)::DOUBLE AS weeks FROM sp GROUP BY benefit`,
      params,
    ),
    store.query<{ benefit: string; type: string; weeks: number; cost_weeks: number; cost: number | null }>(
      `WITH ${here},
       ov AS (SELECT sp.benefit, i.type, i.cost,
                     coalesce(i.end_week, $t) - i.start_week + 1 AS length,
                     least(coalesce(i.end_week, $t), sp.l) - greatest(i.start_week, sp.f) + 1 AS weeks
              FROM interventions i JOIN sp ON sp.person_id = i.person_id
                AND i.start_week <= sp.l AND coalesce(i.end_week, $t) >= sp.f)
       SELECT benefit, type, sum(weeks)::DOUBLE AS weeks,
              coalesce(sum(weeks) FILTER (WHERE cost IS NOT NULL), 0)::DOUBLE AS cost_weeks,
              sum(cost * weeks / length) FILTER (WHERE cost IS NOT NULL)::DOUBLE AS cost
       FROM ov GROUP BY ALL ORDER BY benefit, type`,
      params,
    ),
    store.query<{ benefit: string | null; persons: number; followed: number; caseworkers: number }>(
      `WITH ${here},
       now AS (SELECT sp.person_id, sp.benefit, a.caseworker
               FROM sp LEFT JOIN caseworker_assignments a ON a.person_id = sp.person_id
                 AND a.from_week <= $t AND coalesce(a.to_week, $t) >= $t
               WHERE sp.l = $t)
       SELECT benefit, count(DISTINCT person_id)::INTEGER AS persons,
              count(DISTINCT person_id) FILTER (WHERE caseworker IS NOT NULL)::INTEGER AS followed,
              count(DISTINCT caseworker)::INTEGER AS caseworkers
       FROM now GROUP BY GROUPING SETS ((benefit), ())`,
      params,
    ),
  ]);
  // The row of all groups (benefit NULL): persons with a caseworker per caseworker.
  const all = caseload.find((r) => r.benefit === null);
  return {
    from: toYyyyww(from),
    to: toYyyyww(last),
    fullTimePersons: Object.fromEntries(groups.map((g) => [g.benefit, Number(g.weeks) / 52])),
    activities: activities.map((a) => ({
      benefit: a.benefit,
      type: a.type,
      weeks: Number(a.weeks),
      // The recorded cost per costed week, over all the type's weeks; null without any cost.
      cost:
        a.cost === null || Number(a.cost_weeks) === 0
          ? null
          : (Number(a.cost) / Number(a.cost_weeks)) * Number(a.weeks),
    })),
    caseload: all && Number(all.caseworkers) > 0 ? Number(all.followed) / Number(all.caseworkers) : null,
    followedShare: Object.fromEntries(
      caseload
        .filter((r) => r.benefit !== null && Number(r.persons) > 0)
        .map((r) => [r.benefit!, Number(r.followed) / Number(r.persons)]),
    ),
  };
}

/** Core's refusal of an adjustment as the data room's error (422 with the field, one line on the command line). */
export function asDataError<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof BudgetError) throw new DataError(error.message);
    throw error;
  }
}

/** The saved cases `ids` evaluated on the store (expected values, no replications), as budget cases. */
async function budgetCases(store: Store, request: BudgetRequest): Promise<BudgetCase[]> {
  const cases: BudgetCase[] = [];
  const ids = request.cases ?? [];
  if (ids.length > 0 && request.latestStart === undefined)
    throw new Error('budgetCases: the latest start of a case (latestStart) is needed with cases');
  for (const id of ids) {
    const found = await getCase(store, id);
    const parsed = found ? parseCase(found.document) : null;
    if (!found || !parsed?.ok || Number(parsed.value.municipality) !== request.municipality)
      throw new DataError(
        `cases: expected saved cases of municipality ${request.municipality}, found no such case ${id}`,
        {
          details: [{ field: 'cases', found: id }],
        },
      );
    const doc = request.guard ? await request.guard.admit(parsed.value) : parsed.value;
    const result = await evaluateCase(store, doc, {
      rates: request.rates,
      latestStart: request.latestStart!,
      replications: 0,
      ...(request.language ? { language: request.language } : {}),
    });
    request.guard?.groupSize(result.targetGroupSize);
    cases.push({ id, name: found.name, benefit: doc.target.benefit ?? null, years: result.years });
  }
  return cases;
}

/** Wait options handed to jobinvest's forecastNow. */
export type BudgetWait = Parameters<typeof forecastNow>[2];

/** The budget of `request` on the store, with the forecast as far as it is ready after `wait`. */
export async function budgetFor(
  store: Store,
  request: BudgetRequest,
  wait: BudgetWait = {},
): Promise<BudgetAnswer> {
  return (await budgetWithWeekly(store, request, wait)).budget;
}

/** The budget and the forecast's persons by week and state it rests on. */
async function budgetWithWeekly(store: Store, request: BudgetRequest, wait: BudgetWait) {
  await checkMunicipality(store, request.municipality);
  const window = await dataWindow(store);
  const { stockWeek, ...question } = budgetForecast(window, request);
  const language = request.language ?? 'en';
  const forecast = await forecastNow(store, { ...question, language }, wait);
  const [history, cases] = await Promise.all([
    keptBudgetHistory(store, request.municipality, stockWeek),
    budgetCases(store, request),
  ]);
  const budget = asDataError(() =>
    buildBudget({
      budgetYear: request.year,
      forecast: forecast.years,
      rates: request.rates,
      history,
      ...(request.adjustments ? { adjustments: request.adjustments } : {}),
      cases,
      coveredBands: forecast.coveredBands,
      language,
    }),
  );
  const answer: BudgetAnswer = {
    ...budget,
    municipality: request.municipality,
    stockWeek: forecast.stockWeek,
    dataVersion: forecast.dataVersion,
    engine: forecast.engine,
    bands: forecast.bands,
    stockByState: forecast.stockByState,
    notices:
      stockWeek === window.last
        ? forecast.notices
        : [
            language === 'da'
              ? `Budgettet for ${request.year} er beregnet som ved årsskiftet: prognosen fra bestanden i uge ${toYyyyww(stockWeek)}, varighedsmodellen estimeret på data til og med den uge, aktiviteter og sagsbehandlere fra året før.`
              : `The budget of ${request.year} is made as at the turn of the year: the forecast from the stock of week ${toYyyyww(stockWeek)}, the duration model estimated on the data through that week, activities and caseworkers from the year before.`,
            ...forecast.notices,
          ],
  };
  return { budget: answer, weekly: forecast.weekly };
}

/** A saved budget version. */
export interface BudgetVersion {
  readonly budgetId: number;
  readonly municipality: number;
  readonly year: number;
  readonly version: number;
  readonly note: string | null;
  readonly cases: readonly number[];
  readonly savedBy: string;
  /** Local time, ISO 8601 without zone. */
  readonly savedAt: string;
  readonly dataVersion: number | null;
  readonly ratesVersion: string;
  readonly adjustments: BudgetAdjustments;
}

/** The adjustments as rows of `budget_adjustments`. */
function adjustmentRows(a: BudgetAdjustments): [string, string, number][] {
  return [
    ...Object.entries(a.fullTimePersonsChange ?? {}).map(([k, v]): [string, string, number] => [
      'fullTimePersonsChange',
      k,
      v,
    ]),
    ...Object.entries(a.activityPricePerWeek ?? {}).map(([k, v]): [string, string, number] => [
      'activityPricePerWeek',
      k,
      v,
    ]),
    ...(a.caseload === undefined ? [] : [['caseload', '', a.caseload] as [string, string, number]]),
    ...(a.costPerCaseworker === undefined
      ? []
      : [['costPerCaseworker', '', a.costPerCaseworker] as [string, string, number]]),
    ...Object.entries(a.announced ?? {}).flatMap(([line, byYear]) =>
      Object.entries(byYear ?? {}).map(([year, kr]): [string, string, number] => [
        `announced.${line}`,
        year,
        kr,
      ]),
    ),
  ];
}

function adjustmentsOf(list: readonly { kind: string; key: string; value: number }[]): BudgetAdjustments {
  const of = (kind: string) =>
    Object.fromEntries(list.filter((r) => r.kind === kind).map((r) => [r.key, Number(r.value)]));
  const one = (kind: string) => list.find((r) => r.kind === kind)?.value;
  const fullTimePersonsChange = of('fullTimePersonsChange');
  const activityPricePerWeek = of('activityPricePerWeek');
  const caseload = one('caseload');
  const costPerCaseworker = one('costPerCaseworker');
  const announced = Object.fromEntries(
    (Object.keys(SEPARATE_LINE_GROUPS) as SeparateKey[]).flatMap((line) => {
      const byYear = of(`announced.${line}`);
      return Object.keys(byYear).length > 0 ? [[line, byYear]] : [];
    }),
  );
  return {
    ...(Object.keys(fullTimePersonsChange).length > 0 ? { fullTimePersonsChange } : {}),
    ...(Object.keys(activityPricePerWeek).length > 0 ? { activityPricePerWeek } : {}),
    ...(caseload === undefined ? {} : { caseload: Number(caseload) }),
    ...(costPerCaseworker === undefined ? {} : { costPerCaseworker: Number(costPerCaseworker) }),
    ...(Object.keys(announced).length > 0 ? { announced } : {}),
  };
}

const SAVED_AT = "strftime(saved_at, '%Y-%m-%dT%H:%M:%S') AS saved_at";

/**
 * Save the adjustments and chosen cases of a budget as the next version for the municipality and
 * year, version and adjustments in one transaction. The adjustments are checked by building the
 * budget first (the caller does), so a saved version always builds.
 */
export async function saveBudgetVersion(
  store: Store,
  input: {
    readonly municipality: number;
    readonly year: number;
    readonly adjustments: BudgetAdjustments;
    readonly cases: readonly number[];
    readonly note: string | null;
    readonly savedBy: string;
    readonly ratesVersion: string;
  },
): Promise<BudgetVersion> {
  const version = await dataVersion(store);
  const id = await store.transaction(async (c) => {
    const [row] = await rows<{ budget_id: number }>(
      c,
      `INSERT INTO budget_versions
       SELECT nextval('budget_id_seq'), $1, $2,
              coalesce((SELECT max(version) FROM budget_versions WHERE municipality = $1 AND year = $2), 0) + 1,
              $3, $4::INTEGER[], $5, current_timestamp, $6, $7
       RETURNING budget_id`,
      [
        input.municipality,
        input.year,
        input.note,
        `[${input.cases.join(',')}]`,
        input.savedBy,
        version,
        input.ratesVersion,
      ],
    );
    if (!row) throw new Error(`saving the ${input.year} budget of ${input.municipality} returned no row`);
    for (const [kind, key, value] of adjustmentRows(input.adjustments))
      await c.run('INSERT INTO budget_adjustments VALUES ($1, $2, $3, $4)', [
        row.budget_id,
        kind,
        key,
        value,
      ]);
    return row.budget_id;
  });
  const saved = await budgetVersion(store, id);
  if (!saved) throw new Error(`budget version ${id} was saved but cannot be read back`);
  return saved;
}

/** One saved version, or null. */
export async function budgetVersion(store: Store, budgetId: number): Promise<BudgetVersion | null> {
  const [found] = await budgetVersions(store, { budgetId });
  return found ?? null;
}

/** Saved versions, newest first: of a municipality (and year), or one by id. */
export async function budgetVersions(
  store: Store,
  filter: { readonly municipality?: number; readonly year?: number; readonly budgetId?: number },
): Promise<BudgetVersion[]> {
  const where = [
    filter.municipality === undefined ? null : 'municipality = $m',
    filter.year === undefined ? null : 'year = $y',
    filter.budgetId === undefined ? null : 'budget_id = $id',
  ].filter((w) => w !== null);
  const params = {
    ...(filter.municipality === undefined ? {} : { m: filter.municipality }),
    ...(filter.year === undefined ? {} : { y: filter.year }),
    ...(filter.budgetId === undefined ? {} : { id: filter.budgetId }),
  };
  const versions = await store.query<{
    budget_id: number;
    municipality: number;
    year: number;
    version: number;
    note: string | null;
    cases: string;
    saved_by: string;
    saved_at: string;
    data_version: number | null;
    rates_version: string;
  }>(
    `SELECT budget_id, municipality, year, version, note, to_json(cases)::VARCHAR AS cases, saved_by, ${SAVED_AT},
            data_version, rates_version
     FROM budget_versions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY municipality, year, version DESC`,
    params,
  );
  if (versions.length === 0) return [];
  const adjustments = await store.query<{ budget_id: number; kind: string; key: string; value: number }>(
    `SELECT budget_id, kind, key, value FROM budget_adjustments
     WHERE budget_id IN (${versions.map((v) => Number(v.budget_id)).join(', ')})`,
  );
  return versions.map((v) => ({
    budgetId: Number(v.budget_id),
    municipality: Number(v.municipality),
    year: Number(v.year),
    version: Number(v.version),
    note: v.note,
    cases: JSON.parse(v.cases) as number[],
    savedBy: v.saved_by,
    savedAt: v.saved_at,
    dataVersion: v.data_version === null ? null : Number(v.data_version),
    ratesVersion: v.rates_version,
    adjustments: adjustmentsOf(adjustments.filter((a) => Number(a.budget_id) === Number(v.budget_id))),
  }));
}

/**
 * The budget's income support per benefit group and month of `year`: the latest saved version's
 * adopted budget for the municipality and year (its adjustments; the model's without one), shared
 * out over the months by the forecast's persons (core `budgetMonths`), without the chosen cases'
 * changes (a case is booked by year). What the follow-up compares with the realised payments. The
 * rates: the server's table (`context.rates`); without, the shipped one. Waits for the forecast's expected values, not its bands.
 */
export async function budgetMonths(
  store: Store,
  municipality: number,
  year: number,
  options: { readonly rates?: RateTable; readonly replications?: number } = {},
): Promise<MonthlyAmounts[]> {
  const [latest] = await budgetVersions(store, { municipality, year });
  const { budget, weekly } = await budgetWithWeekly(
    store,
    {
      municipality,
      year,
      rates: options.rates ?? SHIPPED_RATES,
      ...(latest ? { adjustments: latest.adjustments } : {}),
      ...(options.replications === undefined ? {} : { replications: options.replications }),
    },
    {},
  );
  return monthsOfBudget(budget, weekly, year);
}

/**
 * The budget as a role with suppression sees it: a group whose stock has 1 to threshold − 1 persons
 * is withheld whole (its lines rest on those persons, as in the forecast's suppression); the sums
 * over groups and the cases' lines are withheld when what they would give back (the withheld
 * groups) rests on fewer than threshold persons; a separate line (beskæftigelsestilskud,
 * budgetgaranti) is withheld with them, or when one of its groups is withheld.
 */
export function suppressBudget(b: BudgetAnswer, threshold: number) {
  const few = new Set(
    Object.entries(b.stockByState).flatMap(([s, n]) => (n !== null && isFew(n, threshold) ? [s] : [])),
  );
  const shown = b.groups.filter((g) => !few.has(g.benefit));
  const withheldGroups = b.groups.filter((g) => few.has(g.benefit)).map((g) => g.benefit);
  const withheldStock = withheldGroups.reduce((s, g) => s + (b.stockByState[g] ?? 0), 0);
  const protect = withheldGroups.length === 1 || (withheldGroups.length > 1 && withheldStock < threshold);
  const stockByState = Object.fromEntries(
    Object.entries(b.stockByState).map(([s, n]) => [s, few.has(s) ? null : n]),
  );
  return {
    ...b,
    stockByState,
    groups: shown,
    summary: protect ? [] : b.summary,
    // A separate line sums its groups: withheld with the sums, or when it holds a withheld group.
    separate: protect ? [] : b.separate.filter((line) => !line.groups.some((g) => few.has(g))),
    withCases: protect ? [] : b.withCases,
    suppressed: {
      threshold,
      withheld: withheldGroups.length + (protect ? 1 : 0),
      groups: withheldGroups,
      sums: protect,
    },
  };
}
