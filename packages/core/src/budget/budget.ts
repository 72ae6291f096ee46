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
 * national figures the store does not hold; they are separate lines that say so, never netted into
 * the municipal net.
 */

import { benefitOf, isBenefitCode, type BenefitCode } from '../benefits.ts';
import { CostTable } from '../jobinvest/costing.ts';
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
  /** Kroner per caseworker per year (salary, overhead), in the budget year's prices. */
  readonly costPerCaseworker?: number;
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

/** A line the budget shows but does not estimate or net: beskæftigelsestilskud, budgetgaranti. */
export interface SeparateLine {
  readonly key: 'beskaeftigelsestilskud' | 'budgetgaranti';
  readonly label: string;
  /** Kroner per year, or `null` when not estimated. */
  readonly years: readonly { readonly year: number; readonly kr: number | null }[];
  readonly notEstimated: string | null;
  readonly uncertainty: string;
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

function checkAdjustments(adjustments: BudgetAdjustments): void {
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
 * - administration: caseworkers = full-time persons / caseload, × the cost per caseworker (there is
 *   no cost per caseworker in the data: without one the kroner are "not estimated");
 * - a case: activity cost = its intervention cost; income support change: net = with − cost −
 *   without, refusion = the state's change, gross = their sum; administration = − moved full-time
 *   persons / caseload × cost per caseworker.
 */
export function buildBudget(input: BudgetInput): Budget {
  const language = input.language ?? 'en';
  const say = sayIn(language);
  const adjustments = input.adjustments ?? {};
  checkAdjustments(adjustments);
  const { budgetYear, history } = input;
  if (!Number.isInteger(budgetYear) || budgetYear < 2016 || budgetYear > 2100)
    throw new BudgetError(`budgetYear: expected a year from 2016 to 2100, found ${budgetYear}`);
  const years = budgetYears(budgetYear);
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
  const costPerCaseworker = adjustments.costPerCaseworker ?? null;
  const adminReason: string | null =
    caseloadAdopted === null
      ? say({
          da: 'ikke skønnet: der er ingen sagsbehandlerdata (sagsstamme) og intet givet sagsantal pr. sagsbehandler',
          en: 'not estimated: there are no caseworker data (caseloads) and no caseload given',
        })
      : costPerCaseworker === null
        ? say({
            da: 'ikke skønnet: data har ingen udgift pr. sagsbehandler; angiv den for at få administrationen i kroner',
            en: 'not estimated: the data hold no cost per caseworker; give one to have the administration in kroner',
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
          costPerCaseworker: { model: costPerCaseworker, adopted: costPerCaseworker },
          kr: {
            model:
              caseworkers.model !== null && costPerCaseworker !== null
                ? caseworkers.model * costPerCaseworker
                : null,
            adopted:
              caseworkers.adopted !== null && costPerCaseworker !== null
                ? caseworkers.adopted * costPerCaseworker
                : null,
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
        adminReason || caseloadAdopted === null || costPerCaseworker === null
          ? null
          : (-y.fullTimePersonsMoved / caseloadAdopted) * costPerCaseworker;
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

  const separate: SeparateLine[] = [
    {
      key: 'beskaeftigelsestilskud',
      label: say({ da: 'Beskæftigelsestilskud', en: 'Beskæftigelsestilskud (employment grant)' }),
      years: years.map((year) => ({ year, kr: null })),
      notEstimated: say({
        da: 'ikke skønnet: tilskuddet (udligningsloven § 23 a: grundtilskud og merudgiftsbehov) fastsættes af staten ud fra landstal for a-dagpenge, som data ikke indeholder; brug Social- og Boligstyrelsens udmelding',
        en: 'not estimated: the grant (udligningsloven § 23 a: basic grant and extra-cost need) is set by the state from national a-dagpenge figures the data do not hold; use the ministry’s announcement',
      }),
      uncertainty: say({
        da: 'Efterreguleres midt i året og efter året; vises for sig og modregnes aldrig i den kommunale nettoudgift.',
        en: 'Settled again mid-year and after the year; shown on its own and never netted against the municipal net.',
      }),
    },
    {
      key: 'budgetgaranti',
      label: say({ da: 'Budgetgaranti', en: 'Budgetgaranti (budget guarantee)' }),
      years: years.map((year) => ({ year, kr: null })),
      notEstimated: say({
        da: 'ikke skønnet: budgetgarantien fordeles af staten efter landsudviklingen i de omfattede udgifter (bloktilskud), som data ikke indeholder',
        en: 'not estimated: the guarantee is distributed by the state from the national development of the covered expenditure (block grant), which the data do not hold',
      }),
      uncertainty: say({
        da: 'Fra 2026 begrænser L 77 hvilke vejlednings-, opkvalificerings- og mentorudgifter der tæller med; vises for sig og modregnes aldrig.',
        en: 'From 2026 L 77 caps what guidance, up-skilling and mentor spending counts; shown on its own and never netted.',
      }),
    },
  ];

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
