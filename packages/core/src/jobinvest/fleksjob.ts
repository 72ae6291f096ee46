/**
 * The fleksjob case (DESIGN.md, "a first-class scenario"): what it costs the municipality, year by
 * year, to have a person in a flex job at given hours and wage rather than on the path they would
 * otherwise be on (ledighedsydelse, ressourceforløb or førtidspension), and at which wage or hours
 * the two paths cost the municipality the same over the horizon.
 *
 * Each path is priced week by week:
 * - fleksjob: the monthly fleksløntilskud of `flexSubsidy` (RULES.md §3) for the year, 12/52 of it
 *   a week, plus the ATP contribution beside it;
 * - the alternative: the year's statutory rate from the rate table, or the municipality's own gross
 *   cost per person-year, 1/52 of it a week.
 * The municipality's share of each week follows the benefit's financing in the catalogue
 * (benefits.ts) down the staircase of LBK 221/2021 § 5 (`municipalShare`), the person's count
 * continuing from the weeks already on the staircase when the case starts.
 *
 * The break-even is sought on the discounted totals by bisection. Fleksjob's cost falls with more
 * hours at a given hourly wage, so the hours have one crossing. At given hours it does not always
 * fall with a higher wage: where the ceiling (wage + subsidy ≤ the full-time wage for the job)
 * binds, a higher hourly wage raises the full-time wage and the subsidy with it; the break-even wage
 * is therefore the crossing above which fleksjob is the cheaper path, found on a grid and refined.
 *
 * Every value the table lacks for a year is the last earlier one regulated forward by the
 * satsregulering (rates.ts `priceRate`; the fleksløntilskud threshold likewise, as an estimate), or
 * for a year before the table's first the first one as it is; each is said in `assumptions`, and a
 * case that rests on them carries one line saying so in `notices`. Nothing is carried silently.
 */

import {
  benefitOf,
  isOnStaircase,
  SOURCE_STATUS_WORDS,
  type Benefit,
  type BenefitCode,
  type SourceStatus,
} from '../benefits.ts';
import { discountFactor, netPresentValue, presentValues } from '../finance.ts';
import {
  FLEX_REDUCTION_ABOVE_THRESHOLD,
  FLEX_REDUCTION_BELOW_THRESHOLD,
  FLEX_THRESHOLDS,
  flexSubsidy,
  priceFlexThreshold,
  type FlexSubsidy,
  type FlexThreshold,
} from '../flexjob.ts';
import { formatKr, formatNumber, formatPercent, formatYearList } from '../format.ts';
import { capitalize, sayIn, type Language, type Sentence } from '../language.ts';
import {
  FLEX_SUBSIDY_SHARE_OF_DAGPENGE,
  priceRate,
  pricesNotice,
  regulationOf,
  SHIPPED_RATES,
  WEEKS_PER_YEAR,
  type PricedRate,
  type Rate,
  type RateBasis,
  type RateTable,
} from '../rates.ts';
import { REFUSION_2016, municipalShare, type RefusionRules } from '../refusion.ts';
import {
  rateBenefitName,
  rateName,
  rateTableName,
  rateVariantName,
  sourceName,
  STAIRCASE_RESET,
  stateName,
} from '../names.ts';
import { yearWeekOf } from '../weeks.ts';

export const FLEKSJOB_ALTERNATIVES = ['ledighedsydelse', 'ressourceforloeb', 'foertidspension'] as const;
export type FleksjobAlternative = (typeof FLEKSJOB_ALTERNATIVES)[number];

export const FLEKSJOB_DEFAULTS = { horizonYears: 5, staircaseWeeks: 0, fullTimeHours: 37 } as const;

/** Weekly hours to hours a month: 52/12 weeks a month, so 37 hours a week are 160.33 a month. */
const WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12;

export interface FleksjobCaseInput {
  /** The path the person is on if not in fleksjob. */
  readonly alternative: FleksjobAlternative;
  /** Calendar year the case starts in (week 1). */
  readonly startYear: number;
  /** Years of 52 weeks; default 5. */
  readonly horizonYears?: number;
  /** The person's weeks on the staircase when the case starts; default 0. */
  readonly staircaseWeeks?: number;
  /** Hours a week in the fleksjob. */
  readonly hours: number;
  /** Kroner an hour including the employer's pension contribution; give this or `monthlyWage`. */
  readonly hourlyWage?: number;
  /** Kroner a month for `hours` including pension; give this or `hourlyWage`. */
  readonly monthlyWage?: number;
  /** Full-time hours a week for the job; default 37. */
  readonly fullTimeHours?: number;
  /** Rate table; default the shipped one. */
  readonly rates?: RateTable;
  /** Rate variant of the alternative (`forsoerger`, `samlevende`, …); default per path, listed as an assumption. */
  readonly alternativeVariant?: string;
  /** The municipality's own gross cost of the alternative, kroner per person-year before refusion, instead of the rate. */
  readonly alternativeCostPerYear?: number;
  /** Annual discount rate as a fraction (0.035). */
  readonly discountRate: number;
  /** Fleksløntilskud thresholds; default FLEX_THRESHOLDS. */
  readonly thresholds?: readonly FlexThreshold[];
}

/** A bad input, naming the field of `FleksjobCaseInput`, what was expected and what was found. */
export class FleksjobError extends Error {
  override readonly name = 'FleksjobError';
  /** The value found, as text (a string without quotes). */
  readonly found: string;

  constructor(
    readonly field: keyof FleksjobCaseInput,
    readonly expected: string,
    found: unknown,
  ) {
    super(
      `${field}: expected ${expected}, found ${typeof found === 'string' ? `"${found}"` : String(found)}`,
    );
    this.found = String(found);
  }
}

/** One year of one path. Amounts are kroner in the year (nominal, in the prices of the values used). */
export interface FleksjobPathYear {
  /** Public expenditure before refusion or co-financing. */
  readonly gross: number;
  /** The state's part: refusion of what the municipality pays, or what the state pays beyond the co-financing. */
  readonly state: number;
  /** The municipality's net cost. */
  readonly municipal: number;
  /** municipal / gross; `null` when nothing was paid. */
  readonly municipalShare: number | null;
  /** The person's staircase count in the first and last week paid this year; `null` when nothing was paid. */
  readonly staircaseFrom: number | null;
  readonly staircaseTo: number | null;
}

export interface FleksjobYearFleksjob extends FleksjobPathYear {
  /** Fleksløntilskud of the year (12 months). */
  readonly subsidy: number;
  /** ATP contribution of the year, fully refunded by the state. */
  readonly atp: number;
  /** The monthly calculation of `flexSubsidy` for the year. */
  readonly monthly: FlexSubsidy;
}

export interface FleksjobYearAlternative extends FleksjobPathYear {
  /** Gross kroner a week of the alternative this year. */
  readonly weeklyAmount: number;
}

export interface FleksjobYear {
  readonly year: number;
  readonly fleksjob: FleksjobYearFleksjob;
  readonly alternative: FleksjobYearAlternative;
  /**
   * Municipal net cost of fleksjob minus the alternative's (as the calculator's yearly difference,
   * with minus without): negative when fleksjob costs the municipality less.
   */
  readonly difference: number;
  /**
   * The municipality's gain of the year, discounted to the first week of the case: the alternative's
   * net cost minus fleksjob's, so positive when fleksjob saves, as the calculator's net present value.
   */
  readonly presentValue: number;
  /** The gains so far, discounted: the last year's is `totals.npv`. */
  readonly cumulativePresentValue: number;
}

export interface FleksjobPathTotal {
  readonly gross: number;
  readonly state: number;
  readonly municipal: number;
  /** The municipal net cost discounted to the first week. */
  readonly presentValue: number;
}

export interface FleksjobBreakEvenWage {
  /** Monthly wage incl. pension at the case's hours above which fleksjob costs the municipality less; `null` if none. */
  readonly monthlyWage: number | null;
  /** The same wage per hour. */
  readonly hourlyWage: number | null;
  /**
   * Monthly wage below which fleksjob is cheaper too, because there the ceiling (wage + subsidy at most
   * the full-time wage) keeps the subsidy small; `null` if there is no such wage.
   */
  readonly ceilingMonthlyWage: number | null;
  readonly reason: string;
}

export interface FleksjobBreakEvenHours {
  /** Weekly hours at the case's hourly wage above which fleksjob costs the municipality less; `null` if none. */
  readonly hours: number | null;
  readonly reason: string;
}

/** A value the case used: what it is, the year it belongs to and the years of the case it priced. */
export interface FleksjobSource {
  /** The path the value priced. */
  readonly path: 'fleksjob' | 'alternative';
  readonly item: string;
  /** The year the value is for. */
  readonly year: number;
  readonly usedFor: readonly number[];
  readonly amount: number;
  readonly unit: Rate['unit'];
  /** The year whose prices `amount` is in: `year`, except for a value carried from another year. */
  readonly priceYear: number;
  /** The table's own value, regulated forward from `baseYear`, or carried as it is from `priceYear`. */
  readonly basis: RateBasis;
  /** The year of the table's value a regulated one rests on; `null` for the table's own. */
  readonly baseYear: number | null;
  /** The satsregulering applied, year by year (empty unless regulated). */
  readonly percentages: readonly {
    readonly year: number;
    readonly percent: number;
    readonly status: SourceStatus;
  }[];
  readonly source: string;
  readonly status: SourceStatus;
}

export interface FleksjobCase {
  readonly input: {
    readonly alternative: FleksjobAlternative;
    readonly startYear: number;
    readonly horizonYears: number;
    readonly staircaseWeeks: number;
    readonly hours: number;
    readonly fullTimeHours: number;
    readonly hourlyWage: number;
    readonly monthlyWage: number;
    readonly fullTimeMonthlyWage: number;
    readonly alternativeVariant: string | null;
    readonly alternativeCostPerYear: number | null;
    readonly discountRate: number;
  };
  /** What priced the alternative: `ressourceforloebsydelse, ikke-forsoerger`, `adagpenge, fuldtid` or `own cost`. */
  readonly alternativePricedAs: string;
  readonly rateTable: string;
  readonly refusionRules: string;
  readonly years: readonly FleksjobYear[];
  readonly totals: {
    readonly fleksjob: FleksjobPathTotal;
    readonly alternative: FleksjobPathTotal;
    /** Undiscounted sum of the yearly differences (fleksjob minus the alternative). */
    readonly difference: number;
    /**
     * The municipality's net present value of moving the person into fleksjob: the weekly savings
     * (the alternative's net cost minus fleksjob's) discounted. Positive when the municipality gains,
     * the sign of the investment calculator's net present value.
     */
    readonly npv: number;
  };
  readonly breakEven: { readonly wage: FleksjobBreakEvenWage; readonly hours: FleksjobBreakEvenHours };
  /** Everything the result assumes, in words, including every value regulated or carried from another year. */
  readonly assumptions: readonly string[];
  /** One line for the top of the result when it rests on regulated values or values of another year; else empty. */
  readonly notices: readonly string[];
  readonly sources: readonly FleksjobSource[];
}

interface AlternativePricing {
  readonly benefit: BenefitCode;
  readonly nameDa: string;
  /** The rate table's benefit and the default variant. */
  readonly rateBenefit: string;
  readonly defaultVariant: string;
}

const PRICING: Record<FleksjobAlternative, AlternativePricing> = {
  ledighedsydelse: {
    benefit: 'ledighedsydelse',
    nameDa: 'ledighedsydelse',
    rateBenefit: 'ledighedsydelse',
    defaultVariant: 'max',
  },
  ressourceforloeb: {
    benefit: 'ressourceforloeb',
    nameDa: 'ressourceforløbsydelse',
    rateBenefit: 'ressourceforloebsydelse',
    defaultVariant: 'ikke-forsoerger',
  },
  foertidspension: {
    benefit: 'foertidspension',
    nameDa: 'førtidspension',
    rateBenefit: 'foertidspension',
    defaultVariant: 'enlig',
  },
};

/** The fleksjob catalogue entry: fleksløntilskud granted after 1 July 2014 follows the staircase. */
const FLEKSJOB: BenefitCode = 'fleksjob';

const DAGPENGE_ITEM: Sentence = {
  da: 'højeste a-dagpengesats for fuldtidsforsikrede bag fleksløntilskuddet',
  en: 'highest a-dagpenge rate for the full-time insured behind the flex-job wage subsidy',
};

const THRESHOLD_ITEM: Sentence = {
  da: 'grænsebeløb for fleksløntilskud',
  en: 'threshold of the flex-job wage subsidy',
};

const ATP_SOURCE: Sentence = {
  da: 'BEK nr. 1344 af 30/11/2015 § 3 stk. 4, læst på elov.dk',
  en: 'BEK nr. 1344 af 30/11/2015 § 3 stk. 4, read on elov.dk',
};

/** Collects the values used, by item and year, so each source, regulation and carry is said once. */
class SourceLog {
  private readonly entries = new Map<
    string,
    Omit<FleksjobSource, 'item' | 'usedFor'> & { item: Sentence; usedFor: number[]; base: Rate | null }
  >();
  /** Every value priced, for the notice. */
  private readonly priced: PricedRate[] = [];

  constructor(
    private readonly say: (sentence: Sentence) => string,
    private readonly language: Language,
  ) {}

  /** `value` priced `forYear` of the case on `path`. */
  use(path: FleksjobSource['path'], item: Sentence, value: PricedRate, forYear: number): void {
    this.priced.push(value);
    // A table's own or carried value is one entry for every year it priced; a regulated one is its year's own.
    const year = value.basis === 'carried' ? value.priceYear : value.year;
    const key = `${path}|${item.en}|${year}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const { amount, unit, source, status, priceYear, basis, base, percentages } = value;
      this.entries.set(
        key,
        (entry = {
          path,
          item,
          year,
          amount,
          unit,
          priceYear,
          basis,
          base,
          baseYear: base?.year ?? null,
          percentages: percentages.map((p) => ({ year: p.year, percent: p.percent, status: p.status })),
          source,
          status,
          usedFor: [],
        }),
      );
    }
    if (!entry.usedFor.includes(forYear)) entry.usedFor.push(forYear);
  }

  get sources(): FleksjobSource[] {
    return [...this.entries.values()].map(({ base: _base, ...entry }) => ({
      ...entry,
      item: this.say(entry.item),
      source: sourceName(entry.source, this.language),
    }));
  }

  get notices(): string[] {
    return pricesNotice(this.priced, this.language);
  }

  /** One sentence per value regulated forward, by item and base year, and per value carried as it is. */
  notes(): string[] {
    const years = (list: readonly number[]) => formatYearList(list, this.language);
    const regulated = new Map<string, { item: Sentence; base: Rate; years: number[] }>();
    for (const e of this.entries.values())
      if (e.basis === 'regulated' && e.base) {
        const key = `${e.path}|${e.item.en}|${e.base.year}`;
        const r = regulated.get(key) ?? { item: e.item, base: e.base, years: [] };
        r.years.push(...e.usedFor);
        regulated.set(key, r);
      }
    const forward = [...regulated.values()].map(({ item, base, years: priced }) => {
      const status = SOURCE_STATUS_WORDS[base.status];
      return this.say({
        da: `${capitalize(item.da)} i ${years(priced)}: ${base.year}-værdien (${formatKr(base.amount)} pr. md., ${status.da}) fremskrevet med satsreguleringen til hvert års priser.`,
        en: `The ${item.en} in ${years(priced)}: the ${base.year} value (${formatKr(base.amount)} a month, ${status.en}) regulated forward by the satsregulering to each year's prices.`,
      });
    });
    const carried = [...this.entries.values()]
      .filter((e) => e.basis === 'carried')
      .map((e) => {
        const one = e.usedFor.length === 1;
        const status = SOURCE_STATUS_WORDS[e.status];
        const before = e.priceYear > Math.max(...e.usedFor);
        const why: Sentence = before
          ? {
              da: 'tabellen har ingen tidligere, og der reguleres ikke bagud',
              en: 'the table has none earlier, and nothing is regulated backwards',
            }
          : {
              da: 'der er ingen satsregulering for årene imellem',
              en: 'there is no satsregulering for the years between',
            };
        return this.say({
          da: `${capitalize(e.item.da)}: ${e.priceYear}-værdien (${status.da}) er brugt uden regulering for ${years(e.usedFor)}, da ${why.da}, så ${one ? 'det år er' : 'de år er'} i ${e.priceYear}-priser.`,
          en: `For ${years(e.usedFor)} the ${e.item.en} is the ${e.priceYear} value (${status.en}) unregulated, as ${why.en}, so ${one ? 'that year is' : 'those years are'} in ${e.priceYear} prices.`,
        });
      });
    return [...forward, ...carried];
  }
}

interface Normalized {
  readonly alternative: FleksjobAlternative;
  readonly startYear: number;
  readonly horizonYears: number;
  readonly staircaseWeeks: number;
  readonly hours: number;
  readonly fullTimeHours: number;
  readonly hourlyWage: number;
  readonly rates: RateTable;
  readonly thresholds: readonly FlexThreshold[];
  readonly alternativeVariant: string | undefined;
  readonly alternativeCostPerYear: number | undefined;
  readonly discountRate: number;
}

function normalize(input: FleksjobCaseInput): Normalized {
  const fail = (field: keyof FleksjobCaseInput, expected: string, value: unknown): never => {
    throw new FleksjobError(field, expected, value);
  };
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

  if (!(FLEKSJOB_ALTERNATIVES as readonly unknown[]).includes(input.alternative))
    fail('alternative', `one of ${FLEKSJOB_ALTERNATIVES.join(', ')}`, input.alternative);
  const firstYear = yearWeekOf(REFUSION_2016.validFromWeek).year;
  if (!Number.isInteger(input.startYear) || input.startYear < firstYear || input.startYear > 2100)
    fail('startYear', `a year from ${firstYear} (the refusion reform) to 2100`, input.startYear);
  const horizonYears = input.horizonYears ?? FLEKSJOB_DEFAULTS.horizonYears;
  if (!Number.isInteger(horizonYears) || horizonYears < 1 || horizonYears > 50)
    fail('horizonYears', 'a whole number of years from 1 to 50', horizonYears);
  const staircaseWeeks = input.staircaseWeeks ?? FLEKSJOB_DEFAULTS.staircaseWeeks;
  if (!Number.isInteger(staircaseWeeks) || staircaseWeeks < 0)
    fail('staircaseWeeks', 'a whole number of weeks, 0 or more', staircaseWeeks);
  const fullTimeHours = input.fullTimeHours ?? FLEKSJOB_DEFAULTS.fullTimeHours;
  if (!finite(fullTimeHours) || fullTimeHours <= 0 || fullTimeHours > 168)
    fail('fullTimeHours', 'hours a week above 0 and at most 168', fullTimeHours);
  if (!finite(input.hours) || input.hours <= 0 || input.hours > fullTimeHours)
    fail('hours', `hours a week above 0 and at most the full-time hours (${fullTimeHours})`, input.hours);

  const hasHourly = input.hourlyWage !== undefined;
  const hasMonthly = input.monthlyWage !== undefined;
  if (hasHourly === hasMonthly)
    throw new FleksjobError(
      'hourlyWage',
      'either an hourly or a monthly wage, not both or neither',
      hasHourly ? 'both' : 'neither',
    );
  let hourlyWage: number;
  if (hasHourly) {
    if (!finite(input.hourlyWage) || input.hourlyWage <= 0)
      fail('hourlyWage', 'kroner an hour incl. pension, above 0', input.hourlyWage);
    hourlyWage = input.hourlyWage as number;
  } else {
    if (!finite(input.monthlyWage) || input.monthlyWage <= 0)
      fail('monthlyWage', 'kroner a month incl. pension, above 0', input.monthlyWage);
    hourlyWage = (input.monthlyWage as number) / (input.hours * WEEKS_PER_MONTH);
  }

  if (
    input.alternativeCostPerYear !== undefined &&
    (!finite(input.alternativeCostPerYear) || input.alternativeCostPerYear < 0)
  )
    fail('alternativeCostPerYear', 'kroner per person-year, 0 or more', input.alternativeCostPerYear);
  if (input.alternativeCostPerYear !== undefined && input.alternativeVariant !== undefined)
    fail(
      'alternativeVariant',
      'no rate variant when the own cost (alternativeCostPerYear) prices the alternative',
      input.alternativeVariant,
    );
  if (!finite(input.discountRate) || input.discountRate <= -1 || input.discountRate >= 1)
    fail(
      'discountRate',
      'an annual rate as a fraction above −1 and below 1, such as 0.035',
      input.discountRate,
    );

  return {
    alternative: input.alternative,
    startYear: input.startYear,
    horizonYears,
    staircaseWeeks,
    hours: input.hours,
    fullTimeHours,
    hourlyWage,
    rates: input.rates ?? SHIPPED_RATES,
    thresholds: input.thresholds ?? FLEX_THRESHOLDS,
    alternativeVariant: input.alternativeVariant,
    alternativeCostPerYear: input.alternativeCostPerYear,
    discountRate: input.discountRate,
  };
}

/** What a year of fleksjob needs for `flexSubsidy`: its dagpenge rate and threshold, labelled with the year. */
interface FlexYearParameters {
  readonly year: number;
  readonly rates: RateTable;
  readonly thresholds: readonly FlexThreshold[];
  /** The price year of the dagpenge rate used. */
  readonly dagpengeYear: number;
  /** Wage incl. pension a month at which the subsidy is 0 (the reduction equals 98 % of dagpenge). */
  readonly zeroSubsidyWage: number;
}

function flexYearParameters(n: Normalized, year: number, log: SourceLog): FlexYearParameters {
  const found = priceRate(n.rates, 'adagpenge', 'fuldtid', year, { carry: true });
  const dagpenge = found.ok && found.rate.unit === 'month' ? found.rate : null;
  if (!dagpenge)
    throw new FleksjobError(
      'rates',
      `a monthly full-time a-dagpenge rate (adagpenge, fuldtid) in rate table ${n.rates.version}: the highest fleksløntilskud is 98 % of it`,
      'none',
    );
  const foundThreshold = priceFlexThreshold(n.thresholds, year, regulationOf(n.rates), { carry: true });
  if (!foundThreshold.ok)
    throw new FleksjobError('thresholds', 'a fleksløntilskud threshold in some year', 'none');
  const threshold = foundThreshold.rate;
  log.use('fleksjob', DAGPENGE_ITEM, dagpenge, year);
  log.use('fleksjob', THRESHOLD_ITEM, threshold, year);
  const s = FLEX_SUBSIDY_SHARE_OF_DAGPENGE * dagpenge.amount;
  const t = threshold.amount;
  const zeroSubsidyWage =
    s <= FLEX_REDUCTION_BELOW_THRESHOLD * t
      ? s / FLEX_REDUCTION_BELOW_THRESHOLD
      : t + (s - FLEX_REDUCTION_BELOW_THRESHOLD * t) / FLEX_REDUCTION_ABOVE_THRESHOLD;
  return {
    year,
    rates: { version: n.rates.version, rates: [{ ...dagpenge, year }] },
    thresholds: [{ year, threshold: t, source: threshold.source, status: threshold.status }],
    dagpengeYear: dagpenge.priceYear,
    zeroSubsidyWage,
  };
}

interface AlternativePrice {
  /** Gross kroner a week, by year of the case. */
  readonly weekly: readonly number[];
  /** The price year of the value that priced each year of the case; `null` for the own cost. */
  readonly valueYears: readonly (number | null)[];
  /** The variant asked for or defaulted; `null` for the own cost. */
  readonly variant: string | null;
  /** In words: `ressourceforloebsydelse, ikke-forsoerger`, `adagpenge, fuldtid`, `own cost`. */
  readonly pricedAs: string;
  readonly assumptions: readonly string[];
}

function alternativePrice(
  n: Normalized,
  years: readonly number[],
  log: SourceLog,
  say: (sentence: Sentence) => string,
): AlternativePrice {
  const pricing = PRICING[n.alternative];
  const name = capitalize(pricing.nameDa);
  if (n.alternativeCostPerYear !== undefined) {
    const cost = n.alternativeCostPerYear;
    return {
      weekly: years.map(() => cost / WEEKS_PER_YEAR),
      valueYears: years.map(() => null),
      variant: null,
      pricedAs: 'own cost',
      assumptions: [
        say({
          da: `${name} er prissat til kommunens egen bruttoudgift på ${formatKr(cost)} pr. personår (før refusion og medfinansiering), den samme i alle årene i beregningen.`,
          en: `${name} is priced at the municipality's own gross cost of ${formatKr(cost)} per person-year (before refusion or co-financing), the same in every year of the case.`,
        }),
      ],
    };
  }
  const variant = n.alternativeVariant ?? pricing.defaultVariant;
  const variants = [
    ...new Set(n.rates.rates.filter((r) => r.benefit === pricing.rateBenefit).map((r) => r.variant)),
  ];
  const assumptions: string[] = [];
  let rateBenefit = pricing.rateBenefit;
  let rateVariant = variant;
  let item: Sentence = {
    da: `sats for ${rateName(pricing.rateBenefit, variant, 'da')}`,
    en: `rate of ${rateName(pricing.rateBenefit, variant, 'en')}`,
  };
  if (n.alternative === 'ledighedsydelse' && n.alternativeVariant === undefined && variants.length === 0) {
    rateBenefit = 'adagpenge';
    rateVariant = 'fuldtid';
    item = {
      da: 'højeste a-dagpengesats for fuldtidsforsikrede som pris for ledighedsydelse',
      en: 'highest a-dagpenge rate for the full-time insured, pricing ledighedsydelse',
    };
    assumptions.push(
      say({
        da:
          `Ledighedsydelse er prissat til den højeste a-dagpengesats, fordi satstabellen (${rateTableName(n.rates.version, 'da')}) ikke har nogen sats for ledighedsydelse. ` +
          'Den lovbestemte ledighedsydelse er højst dette: 89 % af dagpengesatsen for dem, der har ret til den høje sats, ellers på kontanthjælpsniveau (kk.dk, ikke verificeret her), så alternativets udgift overvurderes; angiv kommunens egen udgift eller en sats for ledighedsydelse i stedet.',
        en:
          `Ledighedsydelse is priced at the highest a-dagpenge rate, because the rate table (${rateTableName(n.rates.version, 'en')}) has no ledighedsydelse rate. ` +
          'The statutory ledighedsydelse is at most that: 89 % of it for those who qualify for the high rate, otherwise at kontanthjælp level (kk.dk, not verified here), so this overstates the alternative; give the own cost or a ledighedsydelse rate to replace it.',
      }),
    );
  } else if (variants.length === 0) {
    throw new FleksjobError(
      'rates',
      `a ${pricing.rateBenefit} rate in rate table ${n.rates.version}, or the own cost (alternativeCostPerYear)`,
      'none',
    );
  } else if (!variants.includes(variant)) {
    throw new FleksjobError(
      'alternativeVariant',
      `one of the ${pricing.rateBenefit} variants in rate table ${n.rates.version}: ${variants.join(', ')}` +
        (n.alternativeVariant === undefined ? ' (none was given and the default is missing)' : ''),
      variant,
    );
  } else if (n.alternativeVariant === undefined && variants.length > 1) {
    const others = (language: Language) =>
      variants
        .filter((v) => v !== variant)
        .map((v) => rateVariantName(v, language))
        .join(', ');
    assumptions.push(
      say({
        da: `${name} er prissat med satsen for ${rateVariantName(variant, 'da')}; satstabellen har også ${others('da')}.`,
        en: `${capitalize(rateBenefitName(pricing.rateBenefit, 'en'))} is priced at the rate for ${rateVariantName(variant, 'en')}; the rate table also has ${others('en')}.`,
      }),
    );
  }
  const rates = years.map((year) => {
    const found = priceRate(n.rates, rateBenefit, rateVariant, year, { carry: true });
    if (!found.ok)
      throw new FleksjobError(
        'rates',
        `a ${rateBenefit} rate (${rateVariant}) in rate table ${n.rates.version} for ${year}`,
        found.gap.reason,
      );
    log.use('alternative', item, found.rate, year);
    return found.rate;
  });
  return {
    weekly: rates.map((r) => r.weeklyAmount),
    valueYears: rates.map((r) => r.priceYear),
    variant,
    pricedAs: `${rateBenefit}, ${rateVariant}`,
    assumptions,
  };
}

interface Walk {
  readonly municipal: number[];
  readonly counts: (number | null)[];
}

/**
 * The municipality's share of each week's gross amount down the staircase, the count continuing from
 * `startCount`; a week counts on the staircase only if something is paid in it (a week with any
 * covered payment is a week with benefits, the working assumption of RULES.md §1).
 */
function walkStaircase(
  benefit: Benefit,
  gross: readonly number[],
  startCount: number,
  rules: RefusionRules,
): Walk {
  let count = startCount;
  const onStaircase = isOnStaircase(benefit);
  const municipal: number[] = [];
  const counts: (number | null)[] = [];
  for (const g of gross) {
    if (g > 0) {
      if (onStaircase) count += 1;
      municipal.push(g * municipalShare(benefit, count, rules));
      counts.push(onStaircase ? count : null);
    } else {
      municipal.push(0);
      counts.push(null);
    }
  }
  return { municipal, counts };
}

function pathYear(gross: number, municipal: number, counts: readonly (number | null)[]): FleksjobPathYear {
  const paid = counts.filter((c): c is number => c !== null);
  return {
    gross,
    state: gross - municipal,
    municipal,
    municipalShare: gross > 0 ? municipal / gross : null,
    staircaseFrom: paid[0] ?? null,
    staircaseTo: paid.at(-1) ?? null,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

interface FleksjobFlows {
  readonly subsidies: readonly FlexSubsidy[];
  /** Weekly gross subsidy (without ATP), weekly ATP, and the municipality's weekly share. */
  readonly subsidyWeekly: readonly number[];
  readonly atpWeekly: readonly number[];
  readonly walk: Walk;
}

/**
 * Fleksjob week by week at `hours` a week and `hourlyWage` incl. pension. The formula sees only the
 * wage including pension, so the whole wage is passed as `wage` and 0 as `pension`.
 */
function fleksjobFlows(
  params: readonly FlexYearParameters[],
  hours: number,
  hourlyWage: number,
  fullTimeHours: number,
  startCount: number,
): FleksjobFlows {
  const subsidies = params.map((p) =>
    flexSubsidy(
      {
        year: p.year,
        wage: hourlyWage * hours * WEEKS_PER_MONTH,
        pension: 0,
        fullTimeWage: hourlyWage * fullTimeHours * WEEKS_PER_MONTH,
      },
      p.rates,
      p.thresholds,
    ),
  );
  const subsidyWeekly = subsidies.flatMap((s) =>
    Array<number>(WEEKS_PER_YEAR).fill(s.subsidy / WEEKS_PER_MONTH),
  );
  const atpWeekly = subsidies.flatMap((s) => Array<number>(WEEKS_PER_YEAR).fill(s.atp / WEEKS_PER_MONTH));
  const walk = walkStaircase(benefitOf(FLEKSJOB), subsidyWeekly, startCount, REFUSION_2016);
  return { subsidies, subsidyWeekly, atpWeekly, walk };
}

/** Bisection of a function that is > 0 at `lo` and ≤ 0 at `hi`, to the last representable step. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Steps of the wage grid: about 470 kr each, far finer than the hump of the ceiling region. */
const GRID_STEPS = 100;

/**
 * The municipality's yearly cost of moving a person from `alternative` into fleksjob, against staying
 * on it, with the break-even wage and hours. Throws `FleksjobError` naming the field of a bad input.
 * The assumptions, the break-even reasons and the sources' items are in `options.language`
 * (default English).
 */
export function fleksjobCase(
  input: FleksjobCaseInput,
  options: { readonly language?: Language } = {},
): FleksjobCase {
  const n = normalize(input);
  const say = sayIn(options.language ?? 'en');
  const pricing = PRICING[n.alternative];
  const altName: Sentence = {
    da: pricing.nameDa,
    en: rateBenefitName(pricing.rateBenefit, 'en'),
  };
  const years = Array.from({ length: n.horizonYears }, (_, k) => n.startYear + k);
  const log = new SourceLog(say, options.language ?? 'en');
  const params = years.map((year) => flexYearParameters(n, year, log));
  const altPrice = alternativePrice(n, years, log, say);
  const altBenefit = benefitOf(pricing.benefit);
  const discounting = { rate: n.discountRate, periodsPerYear: WEEKS_PER_YEAR };

  const altGross = altPrice.weekly.flatMap((w) => Array<number>(WEEKS_PER_YEAR).fill(w));
  const altWalk = walkStaircase(altBenefit, altGross, n.staircaseWeeks, REFUSION_2016);
  const altNpv = netPresentValue(altWalk.municipal, discounting);

  // The searches evaluate the case hundreds of times: discount factors once, not per evaluation.
  const factors = altGross.map((_, t) => discountFactor(t, discounting));
  const fleksNpv = (hours: number, hourlyWage: number) =>
    fleksjobFlows(params, hours, hourlyWage, n.fullTimeHours, n.staircaseWeeks).walk.municipal.reduce(
      (pv, m, t) => pv + m * (factors[t] ?? 0),
      0,
    );

  const flows = fleksjobFlows(params, n.hours, n.hourlyWage, n.fullTimeHours, n.staircaseWeeks);
  const weeklyDifference = flows.walk.municipal.map((m, i) => m - (altWalk.municipal[i] ?? 0));
  // The municipality's gain each week, discounted: the calculator's sign (positive = the municipality gains).
  const pv = presentValues(
    weeklyDifference.map((d) => -d),
    discounting,
  );
  const slice = <T>(xs: readonly T[], k: number) => xs.slice(k * WEEKS_PER_YEAR, (k + 1) * WEEKS_PER_YEAR);

  let cumulativePresentValue = 0;
  const yearRows: FleksjobYear[] = years.map((year, k) => {
    const subsidy = sum(slice(flows.subsidyWeekly, k));
    const atp = sum(slice(flows.atpWeekly, k));
    const fleksMunicipal = sum(slice(flows.walk.municipal, k));
    const altMunicipal = sum(slice(altWalk.municipal, k));
    const presentValue = sum(slice(pv, k));
    cumulativePresentValue += presentValue;
    return {
      year,
      fleksjob: {
        ...pathYear(subsidy + atp, fleksMunicipal, slice(flows.walk.counts, k)),
        subsidy,
        atp,
        monthly: flows.subsidies[k] as FlexSubsidy,
      },
      alternative: {
        ...pathYear(sum(slice(altGross, k)), altMunicipal, slice(altWalk.counts, k)),
        weeklyAmount: altPrice.weekly[k] ?? 0,
      },
      difference: fleksMunicipal - altMunicipal,
      presentValue,
      cumulativePresentValue,
    };
  });

  const total = (rows: readonly FleksjobPathYear[], presentValue: number): FleksjobPathTotal => ({
    gross: sum(rows.map((r) => r.gross)),
    state: sum(rows.map((r) => r.state)),
    municipal: sum(rows.map((r) => r.municipal)),
    presentValue,
  });
  const npv = sum(pv);

  const horizon: Sentence = {
    da: `over ${n.horizonYears} år, diskonteret`,
    en: `over ${n.horizonYears} year${n.horizonYears === 1 ? '' : 's'}, discounted`,
  };
  const hoursText = formatNumber(n.hours, n.hours % 1 === 0 ? 0 : 2);

  // Break-even wage at the case's hours: the grid runs from 0 to the wage at which every year's subsidy is 0.
  const monthlyAt = (hourly: number) => hourly * n.hours * WEEKS_PER_MONTH;
  const wageDiff = (monthly: number) => fleksNpv(n.hours, monthly / (n.hours * WEEKS_PER_MONTH)) - altNpv;
  const zeroWage = Math.max(...params.map((p) => p.zeroSubsidyWage));
  const maxWage = zeroWage * 1.001;
  const grid = Array.from({ length: GRID_STEPS + 1 }, (_, i) => (maxWage * i) / GRID_STEPS);
  const diffs = grid.map(wageDiff);
  const lastPositive = diffs.findLastIndex((d) => d > 0);
  const firstPositive = diffs.findIndex((d) => d > 0);
  let wage: FleksjobBreakEvenWage;
  if (lastPositive < 0) {
    wage = {
      monthlyWage: null,
      hourlyWage: null,
      ceilingMonthlyWage: null,
      reason: say({
        da: `Ved ${hoursText} timer om ugen koster fleksjob ikke kommunen mere end ${altName.da} ved nogen løn op til ${formatKr(zeroWage)} om måneden (hvor tilskuddet er 0), ${horizon.da}.`,
        en: `At ${hoursText} hours a week, flex job costs the municipality no more than ${altName.en} at any wage up to ${formatKr(zeroWage)} a month (where the subsidy is 0), ${horizon.en}.`,
      }),
    };
  } else {
    const monthly = bisect(wageDiff, grid[lastPositive] ?? 0, grid[lastPositive + 1] ?? maxWage);
    const lower =
      firstPositive > 0
        ? bisect((w) => -wageDiff(w), grid[firstPositive - 1] ?? 0, grid[firstPositive] ?? 0)
        : null;
    wage = {
      monthlyWage: monthly,
      hourlyWage: monthly / (n.hours * WEEKS_PER_MONTH),
      ceilingMonthlyWage: lower !== null && lower > 0 ? lower : null,
      reason: say(
        lower !== null && lower > 0
          ? {
              da: `Ved ${hoursText} timer om ugen koster fleksjob kommunen mindre end ${altName.da} ved en månedsløn inkl. pension over ${formatKr(monthly)}, ${horizon.da}. Under ${formatKr(lower)} om måneden er fleksjob også billigere: dér holder loftet (løn + tilskud højst fuldtidslønnen) tilskuddet lavt.`,
              en: `At ${hoursText} hours a week, flex job costs the municipality less than ${altName.en} at a monthly wage incl. pension above ${formatKr(monthly)}, ${horizon.en}. Below ${formatKr(lower)} a month it is cheaper too: there the ceiling (wage + subsidy at most the full-time wage) keeps the subsidy small.`,
            }
          : {
              da: `Ved ${hoursText} timer om ugen koster fleksjob kommunen mindre end ${altName.da} ved en månedsløn inkl. pension over ${formatKr(monthly)}, ${horizon.da}.`,
              en: `At ${hoursText} hours a week, flex job costs the municipality less than ${altName.en} at a monthly wage incl. pension above ${formatKr(monthly)}, ${horizon.en}.`,
            },
      ),
    };
  }

  // Break-even hours at the case's hourly wage: fleksjob's cost never rises with the hours.
  const hoursDiff = (hours: number) => fleksNpv(hours, n.hourlyWage) - altNpv;
  const wageText = formatKr(n.hourlyWage, 2);
  let hoursResult: FleksjobBreakEvenHours;
  if (hoursDiff(0) <= 0) {
    hoursResult = {
      hours: null,
      reason: say({
        da: `Ved ${wageText} i timen inkl. pension koster fleksjob ikke kommunen mere end ${altName.da} ved noget timetal, ${horizon.da}.`,
        en: `At ${wageText} an hour incl. pension, flex job costs the municipality no more than ${altName.en} at any hours, ${horizon.en}.`,
      }),
    };
  } else {
    const hours = bisect(hoursDiff, 0, n.fullTimeHours);
    hoursResult = {
      hours,
      reason: say({
        da: `Ved ${wageText} i timen inkl. pension koster fleksjob kommunen mindre end ${altName.da} over ${formatNumber(hours, 1)} timer om ugen, ${horizon.da}.`,
        en: `At ${wageText} an hour incl. pension, flex job costs the municipality less than ${altName.en} above ${formatNumber(hours, 1)} hours a week, ${horizon.en}.`,
      }),
    };
  }

  const assumptions = [
    say({
      da: `Beregningen starter i uge 1 i ${n.startYear} og løber ${n.horizonYears} år à ${WEEKS_PER_YEAR} uger; et års beløb fordeles ligeligt på årets uger (en måned er 52/12 uger), og personen bliver på samme forløb hele vejen (ingen sygdom, intet jobtab og ingen afgang).`,
      en: `The case starts in week 1 of ${n.startYear} and runs ${n.horizonYears} year${n.horizonYears === 1 ? '' : 's'} of ${WEEKS_PER_YEAR} weeks; a year's amount is spread evenly over its weeks (a month is 52/12 weeks), and the person stays on the path all along (no sickness, job loss or exit).`,
    }),
    say({
      da: `Begge forløb fortsætter personens optælling på refusionstrappen fra ${n.staircaseWeeks === 1 ? '1 uge' : `${formatNumber(n.staircaseWeeks)} uger`} (LBK 221/2021 § 5, én optælling pr. person på tværs af de omfattede ydelser); hver uge med en udbetaling tæller én op. At en uge med blot én udbetaling tæller som en hel uge, er en antagelse: bekendtgørelsens regler for optælling af uger er ikke indarbejdet. Nulstillingen efter ${STAIRCASE_RESET.da} (§ 6) kan ikke ske på nogen af forløbene.`,
      en: `Both paths continue the person's staircase count from ${n.staircaseWeeks} weeks (LBK 221/2021 § 5, one count per person across covered benefits); every week with a payment adds one. That a week with a single payment counts as a whole week is assumed: the executive order's rules for counting weeks are not built in. The reset after ${STAIRCASE_RESET.en} (§ 6) cannot happen on either path.`,
    }),
    say({
      da: 'Fleksløntilskud følger refusionstrappen (fleksjob bevilget efter 1. juli 2014); det beregnes ud fra lønnen inklusive pension, og fuldtidslønnen er timelønnen gange fuldtidstimerne.',
      en: 'The flex-job wage subsidy (fleksløntilskud) follows the refusion staircase (flex jobs granted after 1 July 2014); it is computed from the wage including pension, and the full-time wage is the hourly wage times the full-time hours.',
    }),
    say({
      da: `ATP-bidraget ved siden af tilskuddet er sat til 5 % af tilskuddet, højst 500 kr. om måneden, og regnet som en offentlig udgift, som staten refunderer fuldt ud (${ATP_SOURCE.da}), så det ændrer ikke kommunens nettoudgift. Samme bekendtgørelse sætter dog kommunens del til 1,18 kr. i timen for timerne mellem løntimerne og 37 i stedet for 5 % af tilskuddet; hvilken regel der gælder, er ikke afklaret.`,
      en: `The ATP contribution beside the subsidy is taken as 5 % of the subsidy, at most 500 kr. a month, and counted as public expenditure that the state refunds in full (${ATP_SOURCE.en}), so it does not change the municipality's net cost. The same order sets the municipality's part at 1,18 kr. an hour for the hours between the wage hours and 37 rather than 5 % of the subsidy; which rule applies is not settled.`,
    }),
    say({
      da: 'Kun fleksløntilskuddet og den alternative ydelse indgår: ikke lønnen, skatter, arbejdsgiveren, administration, aktiviteter eller beskæftigelsestilskuddet.',
      en: 'Only the flex-job wage subsidy and the alternative benefit are counted: not the wage, taxes, the employer, administration, activities or the employment grant to municipalities (beskæftigelsestilskud).',
    }),
    ...altPrice.assumptions,
    ...(altBenefit.status === 'verified' || !altBenefit.note
      ? []
      : [`${stateName(altBenefit.code, options.language ?? 'en')}: ${say(altBenefit.note)}`]),
    ...log.notes(),
    ...priceYearNote(
      say,
      years,
      params.map((p) => p.dagpengeYear),
      altPrice.valueYears,
      pricing.nameDa,
    ),
    say({
      da: `Forskellen diskonteres uge for uge med ${formatPercent(n.discountRate, 2)} om året; den første uge diskonteres ikke.`,
      en: `The difference is discounted week by week at ${formatPercent(n.discountRate, 2)} a year, the first week undiscounted.`,
    }),
  ];

  return {
    input: {
      alternative: n.alternative,
      startYear: n.startYear,
      horizonYears: n.horizonYears,
      staircaseWeeks: n.staircaseWeeks,
      hours: n.hours,
      fullTimeHours: n.fullTimeHours,
      hourlyWage: n.hourlyWage,
      monthlyWage: monthlyAt(n.hourlyWage),
      fullTimeMonthlyWage: n.hourlyWage * n.fullTimeHours * WEEKS_PER_MONTH,
      alternativeVariant: altPrice.variant,
      alternativeCostPerYear: n.alternativeCostPerYear ?? null,
      discountRate: n.discountRate,
    },
    alternativePricedAs: altPrice.pricedAs,
    rateTable: n.rates.version,
    refusionRules: REFUSION_2016.id,
    years: yearRows,
    totals: {
      fleksjob: total(
        yearRows.map((y) => y.fleksjob),
        netPresentValue(flows.walk.municipal, discounting),
      ),
      alternative: total(
        yearRows.map((y) => y.alternative),
        altNpv,
      ),
      difference: sum(yearRows.map((y) => y.difference)),
      npv,
    },
    breakEven: { wage, hours: hoursResult },
    assumptions,
    notices: log.notices,
    sources: log.sources,
  };
}

/**
 * A warning for the years whose two paths are priced from different years' values: their difference
 * then mixes price development into the effect of the move.
 */
function priceYearNote(
  say: (sentence: Sentence) => string,
  years: readonly number[],
  flexValueYears: readonly number[],
  altValueYears: readonly (number | null)[],
  altName: string,
): string[] {
  const mixed = years.filter((_, k) => altValueYears[k] !== null && altValueYears[k] !== flexValueYears[k]);
  if (mixed.length === 0) return [];
  const language = say({ da: 'da', en: 'en' }) as Language;
  const yearList = (values: readonly number[]) => formatYearList(values, language);
  const from = (values: readonly (number | null)[]) =>
    yearList([...new Set(values.filter((v): v is number => v !== null))]);
  return [
    say({
      da: `I ${yearList(mixed)} er de to forløb prissat med værdier fra forskellige år (fleksløntilskuddet ud fra dagpengesatsen for ${from(flexValueYears)}, ${altName} ud fra ${from(altValueYears)}), så en del af forskellen er prisudvikling og ikke en følge af skiftet.`,
      en: `In ${yearList(mixed)} the paths are priced from different years' values (fleksløntilskud from the ${from(flexValueYears)} dagpenge rate, ${altName} from ${from(altValueYears)}), so part of the difference is price development, not the move.`,
    }),
  ];
}
