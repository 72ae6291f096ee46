/**
 * The grundbudget and the investeringskalkule on KL's budget model ("Principper for budgettering"):
 * for each benefit group and year (the budget year and three overslagsår) the full-time persons,
 * the income support before and after the state's refusion (or the municipal co-financing),
 * the activities (activation) and the administration (caseworkers); an investment case enters on the
 * same lines, "without" and "with" side by side.
 *
 * Pure: the forecast's figures by year and group (server jobinvest/forecast.ts, priced by
 * costing.ts), the rate table, the municipality's activation and caseload history and the
 * economist's adjustments in, the lines out. Every line keeps the model's figure beside the adopted
 * one (model × the adjustments), so a reader sees what was changed.
 *
 * Price level: the forecast prices each year in its own prices (costing.ts). A budget is in the
 * budget year's prices (KL; the overslagsår "i budgetårets priser"), so each group's income support
 * in year y is multiplied by the group's weekly rate in the budget year over its weekly rate in y
 * (the same rate, regulated by the satsregulering, regulation.ts). In the budget year the factor is
 * 1 and the lines are the forecast's costing exactly. Activity prices and the cost per caseworker
 * are not transfers and are not regulated: they are kroner as given (the budget year's prices).
 *
 * Beskæftigelsestilskud (udligningsloven § 23 a) and the budgetgaranti are set by the state from
 * the landsdel's and the country's figures, which the store does not hold. Each is a separate line,
 * never netted into the municipal net: the municipal net it concerns (its groups' income support and
 * activities, with the forecast's bands), the grant as estimated (or as announced by the state,
 * where the economist types it in) and the balance between them with its uncertainty.
 */

import { benefitOf, isBenefitCode, type BenefitCode, type SourceStatus } from '../benefits.ts';
import { CostTable } from '../jobinvest/costing.ts';
import { formatKr } from '../format.ts';
import { sayIn, type Language, type Sentence } from '../language.ts';
import type { RateTable } from '../rates.ts';
import { monthWeeks, toYyyyww, weeksInIsoYear } from '../weeks.ts';
import type { BudgetAmounts, MonthlyAmounts } from './types.ts';

export type { BudgetAmounts, MonthlyAmounts } from './types.ts';

/** The overslagsår after the budget year. */
export const OVERSLAGSAAR = 3;

/** One group's forecast in one ISO year: the fields of the server's `ForecastRow` the budget reads. */
export interface ForecastYearFigures {
  readonly year: number;
  /** Weeks of the year inside the forecast. */
  readonly weeks: number;
  readonly state: string;
  readonly fullTimePersons: number;
  readonly gross: number;
  readonly stateRefusion: number;
  readonly cofinancing: number;
  readonly municipalNet: number;
  readonly fullTimePersonsInterval80: readonly [number, number] | null;
  readonly fullTimePersonsInterval95: readonly [number, number] | null;
  readonly municipalNetInterval80: readonly [number, number] | null;
  readonly municipalNetInterval95: readonly [number, number] | null;
}

/** Activation of one type among a group's persons over a history period (the last year of data). */
export interface ActivityHistory {
  readonly benefit: string;
  readonly type: string;
  /** Activation weeks of the type among persons on the group in the period. */
  readonly weeks: number;
  /** Kroner recorded on those weeks, or `null` when no cost was recorded. */
  readonly cost: number | null;
}

/** What the model's activities and administration rest on, from the municipality's history. */
export interface BudgetHistory {
  /** The history period, YYYYWW. */
  readonly from: number;
  readonly to: number;
  /** Full-time persons of each group in the period (person-weeks / weeks). */
  readonly fullTimePersons: Readonly<Record<string, number>>;
  readonly activities: readonly ActivityHistory[];
  /** Persons on public support per caseworker in the period's last week, or `null` without caseworker data. */
  readonly caseload: number | null;
  /**
   * The share of each group's persons in the period's last week who had a caseworker then: the part
   * of its full-time persons the administration line counts (a group the job centre does not follow,
   * førtidspension for one, has none). A group without persons that week counts 0.
   */
  readonly followedShare: Readonly<Record<string, number>>;
}

/** The economist's changes on top of the model; every field optional. */
export interface BudgetAdjustments {
  /** Expected change in full-time persons by group, as a share: −0.05 is 5 % fewer in every year. */
  readonly fullTimePersonsChange?: Readonly<Record<string, number>>;
  /** Price per activation week by type, kroner in the budget year's prices. */
  readonly activityPricePerWeek?: Readonly<Record<string, number>>;
  /** Persons per caseworker. */
  readonly caseload?: number;
  /** Kroner per caseworker per year (salary, overhead), in the budget year's prices; default `defaultCostPerCaseworker`. */
  readonly costPerCaseworker?: number;
  /**
   * The beskæftigelsestilskud and the municipality's share of the budgetgaranti as the state
   * announced them (udmeldingen), kroner by year (`"2027"`), in the budget year's prices; a year
   * without one keeps the model's estimate.
   */
  readonly announced?: Partial<Readonly<Record<SeparateKey, Readonly<Record<string, number>>>>>;
}

/** The two lines of the state's compensation shown beside the budget, never netted. */
export type SeparateKey = 'beskaeftigelsestilskud' | 'budgetgaranti';

/**
 * The benefit groups whose municipal net each separate line concerns (their income support and
 * activities).
 * - Beskæftigelsestilskud: a-dagpenge and the activation of the insured unemployed (udligningsloven
 *   § 23 a; RULES.md §1, verified).
 * - Budgetgaranti: kontanthjælp, revalidering, ledighedsydelse, førtidspension, kommunal aktivering
 *   and the integration benefits (fm.dk's list, secondary), with the benefits that have since
 *   replaced or joined them: uddannelseshjælp, selvforsørgelses- og hjemrejseydelse, fleksløntilskud,
 *   ressourceforløbsydelse also under jobafklaring (derived).
 * - Sygedagpenge are in neither: the municipality bears their development alone.
 */
export const SEPARATE_LINE_GROUPS: Readonly<Record<SeparateKey, readonly BenefitCode[]>> = {
  beskaeftigelsestilskud: ['adagpenge'],
  budgetgaranti: [
    'kontanthjaelp_forhoejet',
    'kontanthjaelp_grundsats',
    'kontanthjaelp_mindstesats',
    'kontanthjaelp_jobparat',
    'kontanthjaelp_aktivitetsparat',
    'uddannelseshjaelp',
    'selvforsoergelsesydelse',
    'jobafklaring',
    'ressourceforloeb',
    'revalidering',
    'ledighedsydelse',
    'fleksjob',
    'fleksjob_foer2013',
    'foertidspension',
    'foertidspension_foer2014',
  ],
};

/**
 * The default cost of a caseworker a year, salary with pension and overhead: an average
 * socialrådgiver's 482,946 kr. a year with pension in April 2022 (Dansk Socialrådgiverforening,
 * secondary), carried forward by an assumed wage growth of 3 % a year, plus 15 % overhead (management,
 * premises, IT; an assumption). Derived; the economist replaces it with the municipality's own.
 */
export const CASEWORKER_COST = {
  amount: 482_946,
  year: 2022,
  wageGrowth: 0.03,
  overhead: 0.15,
  status: 'derived' as SourceStatus,
  source:
    'socialraadgiverne.dk: an average socialrådgiver 482,946 kr. a year with pension, April 2022 (secondary); + 3 % wage growth a year and 15 % overhead (assumptions)',
} as const;

/** `CASEWORKER_COST` in `year`'s prices, rounded to 1,000 kr. */
export function defaultCostPerCaseworker(year: number): number {
  const c = CASEWORKER_COST;
  return Math.round((c.amount * (1 + c.wageGrowth) ** (year - c.year) * (1 + c.overhead)) / 1000) * 1000;
}

/** A figure as the model has it and as adopted; `null` where it cannot be estimated. */
export interface Pair<T> {
  readonly model: T;
  readonly adopted: T;
}

export interface ActivityLine {
  readonly type: string;
  readonly weeks: Pair<number>;
  /** Kroner per activation week; `null` when no price is known or given. */
  readonly pricePerWeek: Pair<number | null>;
  readonly kr: Pair<number | null>;
}

export interface AdministrationLine {
  readonly caseload: Pair<number | null>;
  readonly caseworkers: Pair<number | null>;
  readonly costPerCaseworker: Pair<number | null>;
  readonly kr: Pair<number | null>;
  /** Why the kroner are not estimated, or `null`. */
  readonly notEstimated: string | null;
}

export interface GroupYear {
  readonly year: number;
  /** ISO weeks of the year inside the forecast; `complete` when all of them are. */
  readonly weeks: number;
  readonly complete: boolean;
  /** Budget-year price over the year's own price of the group's rate (1 in the budget year). */
  readonly priceFactor: number;
  readonly fullTimePersons: Pair<number> & {
    readonly band80: readonly [number, number] | null;
    readonly band95: readonly [number, number] | null;
  };
  readonly incomeSupport: Pair<BudgetAmounts> & {
    /** The model's municipal net's bands (the adopted net is the model's scaled by the adjustment). */
    readonly netBand80: readonly [number, number] | null;
    readonly netBand95: readonly [number, number] | null;
  };
  readonly activities: readonly ActivityLine[];
  /** The priced activities' kroner (unpriced types count 0, and `unpricedActivities` names them). */
  readonly activitiesKr: Pair<number>;
  readonly unpricedActivities: readonly string[];
  readonly administration: AdministrationLine;
  /** Income support net + activities + administration (where estimated). */
  readonly net: Pair<number>;
}

export interface BudgetGroup {
  readonly benefit: string;
  readonly years: readonly GroupYear[];
}

/** A year's sums over the groups. */
export interface SummaryYear {
  readonly year: number;
  readonly fullTimePersons: Pair<number>;
  readonly incomeSupport: Pair<BudgetAmounts>;
  readonly activitiesKr: Pair<number>;
  readonly administrationKr: Pair<number>;
  readonly net: Pair<number>;
}

/** A separate line in one year; kroner in the budget year's prices. */
export interface SeparateYear {
  readonly year: number;
  /** The municipal net the grant concerns: its groups' income support net and activities. */
  readonly covered: Pair<number>;
  /** The bands of the adopted covered net (the forecast's, of the groups' sum); `null` while none. */
  readonly coveredBand80: readonly [number, number] | null;
  readonly coveredBand95: readonly [number, number] | null;
  /** The grant: the model's estimate, and adopted (the announced figure where given, else the estimate). */
  readonly grant: Pair<number>;
  readonly announced: boolean;
  /** Adopted grant − adopted covered net: positive, the grant exceeds the net it concerns. */
  readonly balance: number;
  /** The balance's bands (the grant less the covered net's bands). */
  readonly balanceBand80: readonly [number, number] | null;
  readonly balanceBand95: readonly [number, number] | null;
}

/** A line the budget shows beside the municipal net but never nets into it: beskæftigelsestilskud, budgetgaranti. */
export interface SeparateLine {
  readonly key: SeparateKey;
  readonly label: string;
  /** The budget's groups the line concerns. */
  readonly groups: readonly string[];
  readonly years: readonly SeparateYear[];
  /** How the grant is estimated, in words. */
  readonly basis: string;
  readonly uncertainty: string;
}

/** The bands of the sum of a separate line's groups' municipal net in one year, in the forecast's own prices. */
export interface CoveredBand {
  readonly key: SeparateKey;
  readonly year: number;
  readonly band80: readonly [number, number];
  readonly band95: readonly [number, number];
}

/** One investment case's figures in one year (core invest.ts `InvestmentYear`'s fields the budget reads). */
export interface CaseYearFigures {
  readonly year: number;
  /** Municipal net on the participants without the intervention. */
  readonly without: number;
  /** The same with it, its cost included. */
  readonly with: number;
  readonly interventionCost: number;
  /** Change in the state's net expenditure, with − without. */
  readonly stateDifference: number;
  /** Full-time persons on public support fewer with the intervention. */
  readonly fullTimePersonsMoved: number;
}

export interface BudgetCase {
  readonly id: number;
  readonly name: string;
  /** The case's target group, whose rate's price factor brings its income support to the budget year's prices; `null`: none. */
  readonly benefit: string | null;
  readonly years: readonly CaseYearFigures[];
}

/** A case on the budget's lines in one year: changes, with − without. */
export interface CaseBudgetYear {
  readonly year: number;
  readonly activitiesKr: number;
  readonly incomeSupport: BudgetAmounts;
  readonly fullTimePersons: number;
  /** Change in administration: fewer persons need fewer caseworkers; `null` when administration is not estimated. */
  readonly administrationKr: number | null;
  readonly net: number;
}

export interface CaseLines {
  readonly id: number;
  readonly name: string;
  readonly benefit: string | null;
  readonly years: readonly CaseBudgetYear[];
}

/** The adopted budget's sums of one year, without or with the chosen cases. */
export interface SideTotals {
  readonly fullTimePersons: number;
  readonly incomeSupport: BudgetAmounts;
  readonly activitiesKr: number;
  readonly administrationKr: number;
  readonly net: number;
}

/** Without and with the chosen cases, year by year, on the adopted budget. */
export interface WithCasesYear {
  readonly year: number;
  readonly without: SideTotals;
  readonly with: SideTotals;
}

export interface Budget {
  readonly budgetYear: number;
  readonly years: readonly number[];
  /** The price level all kroner are in: the budget year's, and the sentence that says so. */
  readonly priceLevel: { readonly year: number; readonly note: string };
  readonly ratesVersion: string;
  readonly groups: readonly BudgetGroup[];
  readonly summary: readonly SummaryYear[];
  readonly separate: readonly SeparateLine[];
  readonly cases: readonly CaseLines[];
  readonly withCases: readonly WithCasesYear[];
  readonly adjustments: BudgetAdjustments;
  readonly history: BudgetHistory;
  readonly assumptions: readonly string[];
}

export interface BudgetInput {
  readonly budgetYear: number;
  readonly forecast: readonly ForecastYearFigures[];
  readonly rates: RateTable;
  readonly history: BudgetHistory;
  readonly adjustments?: BudgetAdjustments;
  readonly cases?: readonly BudgetCase[];
  /** The forecast's bands of each separate line's groups together (`SEPARATE_LINE_GROUPS`), by year. */
  readonly coveredBands?: readonly CoveredBand[];
  readonly language?: Language;
}

export class BudgetError extends Error {
  override name = 'BudgetError';
}

const ZERO: BudgetAmounts = { gross: 0, refusion: 0, cofinancing: 0, net: 0 };

function add(a: BudgetAmounts, b: BudgetAmounts): BudgetAmounts {
  return {
    gross: a.gross + b.gross,
    refusion: a.refusion + b.refusion,
    cofinancing: a.cofinancing + b.cofinancing,
    net: a.net + b.net,
  };
}

function scale(a: BudgetAmounts, k: number): BudgetAmounts {
  return { gross: a.gross * k, refusion: a.refusion * k, cofinancing: a.cofinancing * k, net: a.net * k };
}

const scaleBand = (band: readonly [number, number] | null, k: number): readonly [number, number] | null =>
  band ? [band[0] * k, band[1] * k] : null;

/** The budget year and its overslagsår. */
export function budgetYears(budgetYear: number): number[] {
  return Array.from({ length: OVERSLAGSAAR + 1 }, (_, i) => budgetYear + i);
}

function checkAdjustments(adjustments: BudgetAdjustments, years: readonly number[]): void {
  for (const [key, byYear] of Object.entries(adjustments.announced ?? {})) {
    if (!(key in SEPARATE_LINE_GROUPS))
      throw new BudgetError(`announced.${key}: expected beskaeftigelsestilskud or budgetgaranti`);
    for (const [year, kr] of Object.entries(byYear ?? {})) {
      if (!years.includes(Number(year)))
        throw new BudgetError(
          `announced.${key}.${year}: expected one of the budget's years ${years.join(', ')}`,
        );
      if (!(Math.abs(kr) <= 1e11))
        throw new BudgetError(
          `announced.${key}.${year}: expected kroner from −100,000,000,000 to 100,000,000,000, found ${kr}`,
        );
    }
  }
  for (const [group, change] of Object.entries(adjustments.fullTimePersonsChange ?? {}))
    if (!(change >= -1 && change <= 10))
      throw new BudgetError(
        `fullTimePersonsChange.${group}: expected a share from −1 to 10, found ${change}`,
      );
  for (const [type, price] of Object.entries(adjustments.activityPricePerWeek ?? {}))
    if (!(price >= 0 && price <= 1e7))
      throw new BudgetError(
        `activityPricePerWeek.${type}: expected 0 to 10,000,000 kr per week, found ${price}`,
      );
  if (adjustments.caseload !== undefined && !(adjustments.caseload > 0 && adjustments.caseload <= 10_000))
    throw new BudgetError(
      `caseload: expected more than 0 and at most 10,000 persons per caseworker, found ${adjustments.caseload}`,
    );
  if (
    adjustments.costPerCaseworker !== undefined &&
    !(adjustments.costPerCaseworker >= 0 && adjustments.costPerCaseworker <= 1e8)
  )
    throw new BudgetError(
      `costPerCaseworker: expected 0 to 100,000,000 kr per year, found ${adjustments.costPerCaseworker}`,
    );
}

/**
 * The factor that brings a group's kroner of `year` to the budget year's prices: its weekly rate in
 * the budget year over its weekly rate in `year` (both as costing.ts prices them); 1 where the group
 * has no rate (unpriced groups have no kroner to convert).
 */
export function priceFactor(costs: CostTable, state: string, year: number, budgetYear: number): number {
  if (year === budgetYear) return 1;
  const own = costs.weekly(state, year);
  const target = costs.weekly(state, budgetYear);
  return own && target && own.amount > 0 ? target.amount / own.amount : 1;
}

/**
 * The grundbudget (and, with `cases`, the investeringskalkule) of `input`:
 * - income support (model) = the forecast's gross, refusion, co-financing and net of the group and
 *   year × the price factor; adopted = model × (1 + the group's full-time persons change);
 * - activities: each type's weeks per full-time person in the history × the year's full-time
 *   persons, × the price per week (the history's recorded cost per week, or the adjusted price);
 * - administration: caseworkers = full-time persons × the share followed / caseload, × the cost per
 *   caseworker (`defaultCostPerCaseworker` unless given); without a caseload "not estimated";
 * - separate lines (beskæftigelsestilskud, budgetgaranti): the covered net of their groups, the grant
 *   estimated as that net (or as announced), and the balance with the forecast's bands;
 * - a case: activity cost = its intervention cost; income support change: net = with − cost −
 *   without, refusion = the state's change, gross = their sum; administration = − moved full-time
 *   persons / caseload × cost per caseworker.
 */
export function buildBudget(input: BudgetInput): Budget {
  const language = input.language ?? 'en';
  const say = sayIn(language);
  const adjustments = input.adjustments ?? {};
  const { budgetYear, history } = input;
  if (!Number.isInteger(budgetYear) || budgetYear < 2016 || budgetYear > 2100)
    throw new BudgetError(`budgetYear: expected a year from 2016 to 2100, found ${budgetYear}`);
  const years = budgetYears(budgetYear);
  checkAdjustments(adjustments, years);
  const costs = new CostTable({ rates: input.rates, language });
  const assumptions: string[] = [];

  const forecastStates = [
    ...new Set(input.forecast.filter((r) => years.includes(r.year)).map((r) => r.state)),
  ].sort();
  const states = forecastStates.filter(isBudgetGroup);
  const leftOut = forecastStates.filter(
    (s) => !isBudgetGroup(s) && isBenefitCode(s) && benefitOf(s).publicSupport,
  );
  const caseloadModel = history.caseload;
  const caseloadAdopted = adjustments.caseload ?? caseloadModel;
  const costModel = defaultCostPerCaseworker(budgetYear);
  const costPerCaseworker = adjustments.costPerCaseworker ?? costModel;
  const adminReason: string | null =
    caseloadAdopted === null
      ? say({
          da: 'ikke skønnet: der er ingen sagsbehandlerdata (sagsstamme) og intet givet sagsantal pr. sagsbehandler',
          en: 'not estimated: there are no caseworker data (caseloads) and no caseload given',
        })
      : null;

  const types = [...new Set(history.activities.map((a) => a.type))].sort();

  const groups: BudgetGroup[] = states.map((state) => {
    const change = adjustments.fullTimePersonsChange?.[state] ?? 0;
    const histPersons = history.fullTimePersons[state] ?? 0;
    const followed = history.followedShare[state] ?? 0;
    return {
      benefit: state,
      years: years.map((year): GroupYear => {
        const row = input.forecast.find((r) => r.state === state && r.year === year);
        const factor = priceFactor(costs, state, year, budgetYear);
        const persons = row?.fullTimePersons ?? 0;
        const adoptedPersons = persons * (1 + change);
        const model: BudgetAmounts = row
          ? scale(
              {
                gross: row.gross,
                refusion: row.stateRefusion,
                cofinancing: row.cofinancing,
                net: row.municipalNet,
              },
              factor,
            )
          : ZERO;
        const adopted = scale(model, 1 + change);
        const activities: ActivityLine[] = types.flatMap((type) => {
          const h = history.activities.find((a) => a.benefit === state && a.type === type);
          if (!h || h.weeks <= 0 || histPersons <= 0) return [];
          const perPerson = h.weeks / histPersons;
          const modelPrice = h.cost !== null && h.cost > 0 ? h.cost / h.weeks : null;
          const adoptedPrice = adjustments.activityPricePerWeek?.[type] ?? modelPrice;
          const weeks = { model: perPerson * persons, adopted: perPerson * adoptedPersons };
          return [
            {
              type,
              weeks,
              pricePerWeek: { model: modelPrice, adopted: adoptedPrice },
              kr: {
                model: modelPrice === null ? null : weeks.model * modelPrice,
                adopted: adoptedPrice === null ? null : weeks.adopted * adoptedPrice,
              },
            },
          ];
        });
        const activitiesKr = {
          model: activities.reduce((s, a) => s + (a.kr.model ?? 0), 0),
          adopted: activities.reduce((s, a) => s + (a.kr.adopted ?? 0), 0),
        };
        const caseworkers = {
          model: caseloadModel ? (persons * followed) / caseloadModel : null,
          adopted: caseloadAdopted ? (adoptedPersons * followed) / caseloadAdopted : null,
        };
        const administration: AdministrationLine = {
          caseload: { model: caseloadModel, adopted: caseloadAdopted },
          caseworkers,
          costPerCaseworker: { model: costModel, adopted: costPerCaseworker },
          kr: {
            model: caseworkers.model === null ? null : caseworkers.model * costModel,
            adopted: caseworkers.adopted === null ? null : caseworkers.adopted * costPerCaseworker,
          },
          notEstimated: adminReason,
        };
        const weeks = row?.weeks ?? 0;
        return {
          year,
          weeks,
          complete: weeks === weeksInIsoYear(year),
          priceFactor: factor,
          fullTimePersons: {
            model: persons,
            adopted: adoptedPersons,
            band80: row?.fullTimePersonsInterval80 ?? null,
            band95: row?.fullTimePersonsInterval95 ?? null,
          },
          incomeSupport: {
            model,
            adopted,
            netBand80: scaleBand(row?.municipalNetInterval80 ?? null, factor),
            netBand95: scaleBand(row?.municipalNetInterval95 ?? null, factor),
          },
          activities,
          activitiesKr,
          unpricedActivities: activities.filter((a) => a.kr.adopted === null).map((a) => a.type),
          administration,
          net: {
            model: model.net + activitiesKr.model + (administration.kr.model ?? 0),
            adopted: adopted.net + activitiesKr.adopted + (administration.kr.adopted ?? 0),
          },
        };
      }),
    };
  });

  const summary: SummaryYear[] = years.map((year, i) => {
    const ys = groups.map((g) => g.years[i]!);
    const pair = (f: (y: GroupYear) => Pair<number | null>): Pair<number> => ({
      model: ys.reduce((s, y) => s + (f(y).model ?? 0), 0),
      adopted: ys.reduce((s, y) => s + (f(y).adopted ?? 0), 0),
    });
    return {
      year,
      fullTimePersons: pair((y) => y.fullTimePersons),
      incomeSupport: {
        model: ys.reduce((s, y) => add(s, y.incomeSupport.model), ZERO),
        adopted: ys.reduce((s, y) => add(s, y.incomeSupport.adopted), ZERO),
      },
      activitiesKr: pair((y) => y.activitiesKr),
      administrationKr: pair((y) => y.administration.kr),
      net: pair((y) => y.net),
    };
  });

  const cases: CaseLines[] = (input.cases ?? []).map((c) => ({
    id: c.id,
    name: c.name,
    benefit: c.benefit,
    years: years.map((year): CaseBudgetYear => {
      const y = c.years.find((r) => r.year === year);
      if (!y)
        return {
          year,
          activitiesKr: 0,
          incomeSupport: ZERO,
          fullTimePersons: 0,
          administrationKr: adminReason ? null : 0,
          net: 0,
        };
      const factor = c.benefit ? priceFactor(costs, c.benefit, year, budgetYear) : 1;
      const net = (y.with - y.interventionCost - y.without) * factor;
      const refusion = y.stateDifference * factor;
      const administrationKr =
        caseloadAdopted === null ? null : (-y.fullTimePersonsMoved / caseloadAdopted) * costPerCaseworker;
      return {
        year,
        activitiesKr: y.interventionCost,
        incomeSupport: { gross: net + refusion, refusion, cofinancing: 0, net },
        fullTimePersons: -y.fullTimePersonsMoved,
        administrationKr,
        net: y.interventionCost + net + (administrationKr ?? 0),
      };
    }),
  }));

  const withCases: WithCasesYear[] = summary.map((s, i) => {
    const without: SideTotals = {
      fullTimePersons: s.fullTimePersons.adopted,
      incomeSupport: s.incomeSupport.adopted,
      activitiesKr: s.activitiesKr.adopted,
      administrationKr: s.administrationKr.adopted,
      net: s.net.adopted,
    };
    const withAll = cases.reduce((w, c) => {
      const y = c.years[i]!;
      return {
        fullTimePersons: w.fullTimePersons + y.fullTimePersons,
        incomeSupport: add(w.incomeSupport, y.incomeSupport),
        activitiesKr: w.activitiesKr + y.activitiesKr,
        administrationKr: w.administrationKr + (y.administrationKr ?? 0),
        net: w.net + y.net,
      };
    }, without);
    return { year: s.year, without, with: withAll };
  });

  const separateText: Record<SeparateKey, { label: Sentence; basis: Sentence; uncertainty: Sentence }> = {
    beskaeftigelsestilskud: {
      label: { da: 'Beskæftigelsestilskud', en: 'Beskæftigelsestilskud (employment grant)' },
      basis: {
        da: 'Skøn: tilskuddet (grundtilskud og merudgiftsbehov, udligningsloven § 23 a) dækker landsdelens faktiske nettoudgifter til a-dagpenge og aktivering af forsikrede ledige, fordelt på kommunerne efter ledigheden to år før. Holder kommunen sin andel af landsdelens ledighed, dækker tilskuddet dens egen nettoudgift, så skønnet er modellens nettoudgift. Indtast ministeriets udmelding for at se forskellen.',
        en: "Estimate: the grant (basic grant and extra-cost need, udligningsloven § 23 a) covers the landsdel's actual net spending on a-dagpenge and the activation of the insured unemployed, shared among its municipalities by their unemployment two years before. A municipality that keeps its share of the landsdel's unemployment has its own net covered, so the estimate is the model's net. Type in the ministry's announcement to see the difference.",
      },
      uncertainty: {
        da: 'Tilskuddet følger landsdelen, ikke kommunen: kommunens egen afvigelse bærer den selv. Båndet er prognosens 80 %-bånd for a-dagpengenes nettoudgift (kommunens egen variation); fælles konjunkturudsving, som også flytter landsdelen, udlignes ved midtvejs- og efterreguleringen og er ikke i båndet. Vises for sig og modregnes aldrig i den kommunale nettoudgift.',
        en: "The grant follows the landsdel, not the municipality: the municipality bears its own deviation. The band is the forecast's 80 % band of the a-dagpenge net (the municipality's own variation); a common cyclical swing, which moves the landsdel too, is settled mid-year and after the year and is not in the band. Shown on its own and never netted against the municipal net.",
      },
    },
    budgetgaranti: {
      label: { da: 'Budgetgaranti', en: 'Budgetgaranti (budget guarantee)' },
      basis: {
        da: 'Skøn: budgetgarantien regulerer bloktilskuddet krone for krone med landets udvikling i de omfattede nettoudgifter, fordelt efter indbyggertal. Holder kommunen sin andel af landets udgifter, dækker garantien dens egen nettoudgift på områderne, så skønnet er modellens nettoudgift. Indtast kommunens andel fra udmeldingen for at se forskellen.',
        en: "Estimate: the guarantee moves the block grant krone for krone with the country's development in the covered net spending, shared by population. A municipality that keeps its share of the country's spending has its own net on the areas covered, so the estimate is the model's net. Type in the municipality's share from the announcement to see the difference.",
      },
      uncertainty: {
        da: 'Kommunens afvigelse fra landsudviklingen bærer den selv; båndet er prognosens 80 %-bånd for de omfattede gruppers samlede nettoudgift. Fra 2026 tæller øvrig vejledning og opkvalificering samt mentorstøtte højst med et beløb pr. fuldtidsperson i målgruppen (L 77; 10.602 kr. i 2026-niveau i lovudkastet, sekundær); udgifter derover dækkes ikke. Vises for sig og modregnes aldrig.',
        en: "The municipality bears its deviation from the country's development; the band is the forecast's 80 % band of the covered groups' net together. From 2026 guidance, up-skilling and mentor support count at most an amount per full-time person in the target group (L 77; 10,602 kr. at 2026 level in the draft bill, secondary); spending above it is not covered. Shown on its own and never netted.",
      },
    },
  };
  const separate: SeparateLine[] = (Object.keys(SEPARATE_LINE_GROUPS) as SeparateKey[]).map((key) => {
    const covered = groups.filter((g) =>
      (SEPARATE_LINE_GROUPS[key] as readonly string[]).includes(g.benefit),
    );
    const text = separateText[key];
    return {
      key,
      label: say(text.label),
      groups: covered.map((g) => g.benefit),
      basis: say(text.basis),
      uncertainty: say(text.uncertainty),
      years: years.map((year, i): SeparateYear => {
        const ys = covered.map((g) => g.years[i]!);
        const incomeModel = ys.reduce((sum, y) => sum + y.incomeSupport.model.net, 0);
        const model = ys.reduce((sum, y) => sum + y.incomeSupport.model.net + y.activitiesKr.model, 0);
        const adopted = ys.reduce((sum, y) => sum + y.incomeSupport.adopted.net + y.activitiesKr.adopted, 0);
        // The forecast's band is of the groups' net in each year's own prices: brought to the budget
        // year's by the groups' own factor, then moved by the activities and the adjustment.
        const ownNet = covered.reduce(
          (sum, g) =>
            sum + (input.forecast.find((r) => r.state === g.benefit && r.year === year)?.municipalNet ?? 0),
          0,
        );
        const factor = ownNet !== 0 ? incomeModel / ownNet : 1;
        const found = input.coveredBands?.find((b) => b.key === key && b.year === year);
        const shifted = (band: readonly [number, number] | undefined): readonly [number, number] | null =>
          band ? [band[0] * factor + adopted - incomeModel, band[1] * factor + adopted - incomeModel] : null;
        const coveredBand80 = shifted(found?.band80);
        const coveredBand95 = shifted(found?.band95);
        const announced = adjustments.announced?.[key]?.[String(year)];
        const grant = { model, adopted: announced ?? model };
        const balanceOf = (band: readonly [number, number] | null): readonly [number, number] | null =>
          band ? [grant.adopted - band[1], grant.adopted - band[0]] : null;
        return {
          year,
          covered: { model, adopted },
          coveredBand80,
          coveredBand95,
          grant,
          announced: announced !== undefined,
          balance: grant.adopted - adopted,
          balanceBand80: balanceOf(coveredBand80),
          balanceBand95: balanceOf(coveredBand95),
        };
      }),
    };
  });

  const priceNote = say({
    da: `Alle beløb er i ${budgetYear}-priser: hvert års ydelse er omregnet med gruppens sats i ${budgetYear} i forhold til satsen det år (satstabel ${costs.version} og satsreguleringen). Aktivitetspriser og udgift pr. sagsbehandler er beløb som angivet, ikke reguleret.`,
    en: `All amounts are in ${budgetYear} prices: each year's income support is converted by the group's ${budgetYear} rate over its rate that year (rate table ${costs.version} and the satsregulering). Activity prices and the cost per caseworker are amounts as given, not regulated.`,
  });
  const line = (s: Sentence) => assumptions.push(say(s));
  if (leftOut.length > 0)
    line({
      da: `Uden for budgettet, da kommunen hverken betaler eller medfinansierer ydelsen: ${leftOut.map((s) => benefitOf(s as BenefitCode).nameDa).join(', ')}.`,
      en: `Left out of the budget, as the municipality neither pays nor co-finances the benefit: ${leftOut.map((s) => benefitOf(s as BenefitCode).nameEn).join(', ')}.`,
    });
  line({
    da: `Administration: sagsbehandlere = fuldtidspersoner × andelen af gruppens personer med en sagsbehandler i ${history.to} / sager pr. sagsbehandler.`,
    en: `Administration: caseworkers = full-time persons × the share of the group's persons with a caseworker in ${history.to} / persons per caseworker.`,
  });
  if (adjustments.costPerCaseworker === undefined)
    line({
      da: `Udgift pr. sagsbehandler: ${formatKr(costModel)} om året (standard, afledt): en gennemsnitlig socialrådgivers 482.946 kr. med pension i april 2022 (Dansk Socialrådgiverforening, sekundær), fremskrevet med 3 % lønudvikling om året, plus 15 % overhead (ledelse, lokaler, it; antagelse). Angiv kommunens egen.`,
      en: `Cost per caseworker: ${costModel.toLocaleString('en-GB')} kr. a year (default, derived): an average socialrådgiver's 482,946 kr. with pension in April 2022 (Dansk Socialrådgiverforening, secondary), carried forward at 3 % wage growth a year, plus 15 % overhead (management, premises, IT; an assumption). Give the municipality's own.`,
    });
  line({
    da: 'År er ISO-år (uger fra mandag; et år har 52 eller 53 uger), som prognosen; en måned er de uger, hvis torsdag falder i den.',
    en: 'Years are ISO years (weeks from Monday; a year has 52 or 53 weeks), as the forecast; a month is the weeks whose Thursday falls in it.',
  });
  line({
    da: `Aktiviteter: hver type aktivering har samme antal uger pr. fuldtidsperson som i ${history.from}-${history.to}, og prisen pr. uge er den registrerede udgift pr. uge i den periode, medmindre en pris er angivet.`,
    en: `Activities: each activation type keeps its weeks per full-time person of ${history.from}-${history.to}, at the cost per week recorded in that period unless a price is given.`,
  });
  line({
    da: 'Investeringssager: ændringen i forsørgelse bogføres på sagens målgruppe; statens andel af ændringen står i refusionskolonnen; indsatsens udgift er beløbet i sagen, ikke reguleret.',
    en: "Investment cases: the change in income support is booked on the case's target group; the state's share of the change is in the refusion column; the intervention's cost is the case's amount, not regulated.",
  });
  for (const g of groups)
    for (const y of g.years)
      if (!y.complete && y.weeks > 0)
        line({
          da: `${g.benefit} ${y.year}: prognosen dækker kun ${y.weeks} af årets ${weeksInIsoYear(y.year)} uger.`,
          en: `${g.benefit} ${y.year}: the forecast covers only ${y.weeks} of the year's ${weeksInIsoYear(y.year)} weeks.`,
        });
  assumptions.push(...costs.assumptions);

  return {
    budgetYear,
    years,
    priceLevel: { year: budgetYear, note: priceNote },
    ratesVersion: costs.version,
    groups,
    summary,
    separate,
    cases,
    withCases,
    adjustments,
    history,
    assumptions,
  };
}

/**
 * The adopted income support of the budget year month by month for each group: the year's amounts
 * shared out over its months in proportion to the forecast's persons on the group in the month's
 * weeks (monthWeeks: the weeks whose Thursday falls in the month), so that the months add up to the
 * year. `weekly` is the forecast's persons per state by week (YYYYWW).
 */
export function budgetMonths(
  budget: Budget,
  weekly: readonly { readonly week: number; readonly persons: Readonly<Record<string, number>> }[],
  year: number = budget.budgetYear,
): MonthlyAmounts[] {
  const index = budget.years.indexOf(year);
  if (index < 0)
    throw new BudgetError(
      `year: expected one of the budget's years ${budget.years.join(', ')}, found ${year}`,
    );
  const byWeek = new Map(weekly.map((w) => [w.week, w.persons]));
  const months: MonthlyAmounts[] = [];
  for (const group of budget.groups) {
    const amounts = group.years[index]!.incomeSupport.adopted;
    const personsIn = (m: number) => {
      const span = monthWeeks(year, m);
      let sum = 0;
      for (let w = span.first; w <= span.last; w++) sum += byWeek.get(toYyyyww(w))?.[group.benefit] ?? 0;
      return sum;
    };
    const weights = Array.from({ length: 12 }, (_, i) => personsIn(i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      const share = total > 0 ? w / total : 1 / 12;
      months.push({
        benefit: group.benefit,
        month: `${year}-${String(i + 1).padStart(2, '0')}`,
        ...scale(amounts, share),
      });
    });
  }
  return months;
}

/**
 * Whether a state is a line of the municipality's budget: a benefit group of public support or
 * subsidised employment that the municipality pays, co-finances or pays a fixed share of; not work,
 * education (SU) or what the state alone pays (efterløn).
 */
export function isBudgetGroup(state: string): boolean {
  if (!isBenefitCode(state)) return false;
  const benefit = benefitOf(state);
  if (!benefit.publicSupport && !benefit.wageSubsidised) return false;
  return benefit.financing.kind !== 'none' || benefit.financing.paidByMunicipality;
}

/** Whether a group's benefit is one the municipality pays (refusion) or co-finances; for labels. */
export function financingOf(state: string): 'refusion' | 'cofinancing' | 'other' {
  if (!isBenefitCode(state)) return 'other';
  const kind = benefitOf(state).financing.kind;
  return kind === 'refusion' || kind === 'cofinancing' ? kind : 'other';
}
