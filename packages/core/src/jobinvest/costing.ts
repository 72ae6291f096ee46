/**
 * Costing of a projection: persons by week, state and staircase step (projection.ts) times the
 * weekly amount of the state's benefit and the municipality's share of it (refusion.ts).
 *
 * Amounts come from the rate table (the rate each catalogue group names, `Benefit.rate`) or, as
 * municipal economists usually prefer, from the municipality's own average cost per full-time
 * person per year. A year the table lacks is priced by the last earlier amount regulated forward by
 * the satsregulering (rates.ts `priceRate`); a year before the table's first by the first amount as
 * it is, said so. A group ended by a merge (benefit-rules.ts) is priced, after its rate has ended,
 * as the group its persons continue on. Each year's amounts are in that year's prices.
 * Per benefit and week:
 * - gross: the benefit paid, whoever pays it;
 * - refusion regime (the municipality pays): state refusion = gross × (1 − municipal share);
 * - co-financing regime (an a-kasse or Udbetaling Danmark pays): municipal co-financing = gross × share;
 * - municipal net = gross × municipal share (fixed regimes: their fixed share; no scheme: all of it
 *   if the municipality pays the benefit, else nothing).
 * Every rate regulated or carried, every stand-in and every state left unpriced is listed in
 * `assumptions`, and a result that rests on regulated or carried rates carries one line saying so
 * in `notices`, for the top of the screen, the workbook and the report.
 */

import { currentGroup } from '../benefit-rules.ts';
import {
  benefitOf,
  danishName,
  isBenefitCode,
  isOnStaircase,
  SOURCE_STATUS_WORDS,
  type Benefit,
  type BenefitCode,
  type BenefitRate,
} from '../benefits.ts';
import { formatKr, formatNumber, formatYearList } from '../format.ts';
import { capitalize, sayIn, type Language, type Sentence } from '../language.ts';
import {
  priceRate,
  pricesNotice,
  WEEKS_PER_YEAR,
  type PricedRate,
  type RateLookup,
  type RateTable,
  type RateUnit,
} from '../rates.ts';
import { stateName } from '../names.ts';
import type { RegulationStep } from '../regulation.ts';
import { municipalShare, REFUSION_2016, type RefusionRules } from '../refusion.ts';
import { yearWeekOf } from '../weeks.ts';
import { STEPS, type Occupancy } from './projection.ts';

/**
 * Groups the catalogue gives no rate, priced like another (assumed, and said so). Revalidering is
 * paid at up to the highest dagpenge rate; efterløn is not the municipality's expense (the state
 * pays it), so it only enters the gross.
 */
const PRICED_LIKE: Partial<Record<BenefitCode, BenefitCode>> = {
  revalidering: 'adagpenge',
  efterloen: 'adagpenge',
};

export interface WeeklyCost {
  /** Kroner per week, in the prices of `priceYear`. */
  readonly amount: number;
  readonly priceYear: number;
  readonly source: string;
}

export interface CostOptions {
  readonly rates: RateTable;
  /** The municipality's own average cost per full-time person per year, by state; replaces the rate. */
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
  readonly rules?: RefusionRules;
  /** The language of `assumptions` and `notices`; default English. */
  readonly language?: Language;
}

const UNIT_WORDS: Readonly<Record<RateUnit, Sentence>> = {
  week: { da: 'uge', en: 'week' },
  month: { da: 'md.', en: 'month' },
  year: { da: 'år', en: 'year' },
};

/** A group's name as a sentence starts with it, in `language`. */
function groupName(benefit: Benefit, language: Language): string {
  return language === 'da' ? benefit.nameDa : benefit.nameEn;
}

/** The decimals a percentage is written with: 4 → 0, 4.5 → 1, 1.95 → 2. */
function decimalsOf(percent: number): number {
  return Number.isInteger(percent) ? 0 : Number.isInteger(percent * 10) ? 1 : 2;
}

/** Regulated or carried prices of one group from one base year: said once for all the years they priced. */
interface PriceUse {
  readonly state: BenefitCode;
  readonly rate: PricedRate;
  readonly years: number[];
}

export class CostTable {
  private readonly cache = new Map<string, WeeklyCost | null>();
  private readonly notes = new Set<string>();
  private readonly regulated = new Map<string, PriceUse>();
  private readonly carried = new Map<string, PriceUse>();
  private readonly steps = new Map<number, RegulationStep>();
  private pricedFromTable = false;
  /** Every rate priced, once per state and year. */
  private readonly used: PricedRate[] = [];

  private readonly language: Language;
  private readonly say: (sentence: Sentence) => string;

  constructor(readonly options: CostOptions) {
    for (const [state, amount] of Object.entries(options.ownCostPerYear ?? {}))
      if (!(amount >= 0))
        throw new RangeError(`own cost of ${state} must be 0 or more kr per year, found ${amount}`);
    this.language = options.language ?? 'en';
    this.say = sayIn(this.language);
  }

  /**
   * What the prices used rest on, in words: own costs, stand-in rates, groups priced as their
   * successor, rates regulated forward (with the percentages) or carried, and the price years.
   */
  get assumptions(): string[] {
    const say = this.say;
    const years = (list: readonly number[]) => formatYearList(list, this.language);
    const amount = (r: Pick<PricedRate, 'amount' | 'unit'>) =>
      `${formatKr(r.amount)} ${say({ da: 'pr.', en: 'per' })} ${say(UNIT_WORDS[r.unit])}`;
    const regulated = [...this.regulated.values()].map(({ state, rate, years: priced }) => {
      const base = rate.base!;
      const name = groupName(benefitOf(state), this.language);
      const status = say(SOURCE_STATUS_WORDS[base.status]);
      return say({
        da: `${name} i ${years(priced)}: ${base.year}-satsen (${amount(base)}, ${status}) fremskrevet med satsreguleringen til hvert års priser.`,
        en: `${name} in ${years(priced)}: the ${base.year} rate (${amount(base)}, ${status}) regulated forward by the satsregulering to each year's prices.`,
      });
    });
    const carried = [...this.carried.values()].map(({ state, rate, years: priced }) => {
      const name = groupName(benefitOf(state), this.language);
      const one = priced.length === 1;
      const before = rate.priceYear > Math.max(...priced);
      return say(
        before
          ? {
              da: `${name} i ${years(priced)}: ${rate.priceYear}-satsen (${amount(rate)}) uden regulering, da tabellen ingen tidligere sats har og der ikke reguleres bagud, så ${one ? 'det år er' : 'de år er'} i ${rate.priceYear}-priser.`,
              en: `${name} in ${years(priced)}: the ${rate.priceYear} rate (${amount(rate)}) unregulated, as the table has no earlier one and nothing is regulated backwards, so ${one ? 'that year is' : 'those years are'} in ${rate.priceYear} prices.`,
            }
          : {
              da: `${name} i ${years(priced)}: ${rate.priceYear}-satsen (${amount(rate)}) uden regulering, da der ingen satsregulering er for årene imellem, så ${one ? 'det år er' : 'de år er'} i ${rate.priceYear}-priser.`,
              en: `${name} in ${years(priced)}: the ${rate.priceYear} rate (${amount(rate)}) unregulated, as there is no satsregulering for the years between, so ${one ? 'that year is' : 'those years are'} in ${rate.priceYear} prices.`,
            },
      );
    });
    const percentages =
      this.steps.size === 0
        ? []
        : [
            say({
              da: `Satsreguleringen: ${this.percentagesText()}; hvert års beløb afrundes til hele kroner.`,
              en: `The satsregulering: ${this.percentagesText()}; each year's amount is rounded to whole kroner.`,
            }),
          ];
    const prices = this.pricedFromTable
      ? [
          say({
            da: 'Beløbene er i løbende priser: hvert års beløb er i det års priser (fx 2027-beløb i 2027-priser).',
            en: "Amounts are in current prices: each year's amounts are in that year's prices (2027 amounts in 2027 prices).",
          }),
        ]
      : [];
    return [...this.notes, ...regulated, ...carried, ...percentages, ...prices];
  }

  /** The percentages applied, by year: "3,6 % i 2025 (afledt), 4,5 % i 2027-2030 (skønnet)". */
  private percentagesText(): string {
    const say = this.say;
    const runs: { years: number[]; step: RegulationStep }[] = [];
    for (const step of [...this.steps.values()].sort((a, b) => a.year - b.year)) {
      const last = runs.at(-1);
      if (last && last.step.percent === step.percent && last.step.status === step.status)
        last.years.push(step.year);
      else runs.push({ years: [step.year], step });
    }
    return runs
      .map(({ years, step }) => {
        const percent = `${formatNumber(step.percent, decimalsOf(step.percent))} %`;
        return say({
          da: `${percent} i ${formatYearList(years, 'da')} (${SOURCE_STATUS_WORDS[step.status].da})`,
          en: `${percent} in ${formatYearList(years, 'en')} (${SOURCE_STATUS_WORDS[step.status].en})`,
        });
      })
      .join(', ');
  }

  /**
   * One line for the top of a result that rests on regulated rates or rates of another year ("Satser
   * for 2027 er fremskrevet fra 2025 med satsreguleringen."), or none.
   */
  get notices(): string[] {
    return pricesNotice(this.used, this.language);
  }

  get version(): string {
    return this.options.ownCostPerYear
      ? `${this.options.rates.version} + own costs`
      : this.options.rates.version;
  }

  /** Gross kroner per week on `state` in ISO year `year`, or `null` if the state has no benefit to price. */
  weekly(state: string, year: number): WeeklyCost | null {
    const key = `${state}|${year}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    const value = this.lookup(state, year);
    this.cache.set(key, value);
    return value;
  }

  private lookup(state: string, year: number): WeeklyCost | null {
    const say = this.say;
    const own = this.options.ownCostPerYear?.[state];
    if (own !== undefined) {
      this.notes.add(
        say({
          da: `${capitalize(danishName(state))}: kommunens egen udgift, ${formatKr(own)} pr. fuldtidsperson pr. år.`,
          en: `${stateName(state, 'en')}: the municipality's own cost, ${formatKr(own)} per full-time person per year.`,
        }),
      );
      return { amount: own / WEEKS_PER_YEAR, priceYear: year, source: 'own cost per full-time person' };
    }
    if (!isBenefitCode(state)) return null;
    const benefit = benefitOf(state);
    const name = groupName(benefit, this.language);
    const price = groupPrice(this.options.rates, state, year, { carry: true });
    const { rate, like, successor } = price;
    if (!rate || !price.found) {
      if (benefit.publicSupport)
        this.notes.add(
          say({
            da: `${name}: ikke prissat (tabellen har ingen sats); regnet som 0 kr.`,
            en: `${name}: not priced (no rate in the table); counted at 0 kr.`,
          }),
        );
      return null;
    }
    if (like)
      this.notes.add(
        say({
          da: `${name}: prissat med satsen for ${danishName(like)}, en antagelse.`,
          en: `${name}: priced at the rate of ${benefitOf(like).nameEn.toLowerCase()}, assumed.`,
        }),
      );
    if (rate.benefit === 'fleksloentilskud')
      this.notes.add(
        say({
          da: `${name}: prissat til det højeste fleksløntilskud (98 % af den højeste dagpengesats); tilskuddet falder med lønnen (se fleksjobberegningen).`,
          en: `${name}: priced at the highest flex-job wage subsidy (fleksløntilskud, 98 % of the highest dagpenge rate); the subsidy falls with the wage (see the flex-job calculator).`,
        }),
      );
    if (successor)
      this.notes.add(
        say({
          da: `${name}: efter at gruppens sats er ophørt, prissat som ${danishName(successor)}, som gruppens personer fortsætter på.`,
          en: `${name}: after the group's rate has ended, priced as ${benefitOf(successor).nameEn.toLowerCase()}, which the group's persons continue on.`,
        }),
      );
    const found = price.found;
    const pricedAs = successor ?? state;
    if (!found.ok) {
      const { reason, boundYear } = found.gap;
      this.notes.add(
        say(
          reason === 'not-yet'
            ? {
                da: `${name} i ${year}: ikke prissat, da satsen først gælder fra ${boundYear}; regnet som 0 kr.`,
                en: `${name} in ${year}: not priced, as the rate applies only from ${boundYear}; counted at 0 kr.`,
              }
            : reason === 'ended'
              ? {
                  da: `${name} i ${year}: ikke prissat, da satsen ophørte i ${boundYear}; regnet som 0 kr.`,
                  en: `${name} in ${year}: not priced, as the rate ended in ${boundYear}; counted at 0 kr.`,
                }
              : {
                  da: `${name}: satstabellen har ingen sats for gruppen; regnet som 0 kr.`,
                  en: `${name}: the rate table has no rate for the group; counted at 0 kr.`,
                },
        ),
      );
      return null;
    }
    const priced = found.rate;
    this.pricedFromTable = true;
    this.used.push(priced);
    const record = (uses: Map<string, PriceUse>, baseYear: number) => {
      const key = `${pricedAs}|${baseYear}`;
      const use: PriceUse = uses.get(key) ?? { state: pricedAs, rate: priced, years: [] };
      use.years.push(year);
      uses.set(key, use);
    };
    if (priced.basis === 'regulated') {
      record(this.regulated, priced.base!.year);
      for (const step of priced.percentages) this.steps.set(step.year, step);
    } else if (priced.basis === 'carried') record(this.carried, priced.priceYear);
    return {
      amount: priced.weeklyAmount,
      priceYear: priced.priceYear,
      source: `${rate.benefit} ${rate.variant} ${year}: ${priced.source} (${priced.status})`,
    };
  }
}

/** How a catalogue group is priced in a year. */
export interface GroupPrice {
  /** The rate table's rate used: the group's own, the one it is priced like, or its successor's. */
  readonly rate: BenefitRate | null;
  /** The group whose rate prices it, where it has none of its own (assumed); else `null`. */
  readonly like: BenefitCode | null;
  /** The group it is priced as because its own rate has ended (a merge's successor); else `null`. */
  readonly successor: BenefitCode | null;
  /** The rate for the year, or why there is none; `null` when the group has no rate to price. */
  readonly found: RateLookup | null;
}

/**
 * The price of a week on `state` in `year` as the costing uses it: the group's rate (or, without one,
 * the rate it is priced like), regulated to the year; after the rate has ended (a group merged into
 * another), the successor's rate. `carry` as `priceRate`'s.
 */
export function groupPrice(
  table: RateTable,
  state: BenefitCode,
  year: number,
  options: { readonly carry?: boolean } = {},
): GroupPrice {
  const benefit = benefitOf(state);
  const like = benefit.rate ? null : (PRICED_LIKE[state] ?? null);
  const rate = benefit.rate ?? (like ? benefitOf(like).rate : null);
  if (!rate) return { rate: null, like: null, successor: null, found: null };
  const found = priceRate(table, rate.benefit, rate.variant, year, options);
  if (found.ok || found.gap.reason !== 'ended') return { rate, like, successor: null, found };
  const next = currentGroup(state);
  const successor = isBenefitCode(next) && next !== state ? benefitOf(next) : null;
  if (!successor?.rate) return { rate, like, successor: null, found };
  return {
    rate: successor.rate,
    like,
    successor: successor.code,
    found: priceRate(table, successor.rate.benefit, successor.rate.variant, year, options),
  };
}

/** A representative count on each step (0 = not on the staircase). */
const STEP_COUNT = [0, 1, 5, 27, 53];

export interface CostTotals {
  /** Full-time persons: person-weeks / weeks. */
  fullTimePersons: number;
  gross: number;
  stateRefusion: number;
  cofinancing: number;
  municipalNet: number;
}

export interface StateYearCost extends CostTotals {
  readonly year: number;
  readonly state: string;
  /** Municipal net by staircase step (0 = not on the staircase, 1-4 = 20/60/70/80 % or the co-financing steps). */
  readonly municipalNetByStep: number[];
  readonly grossByStep: number[];
}

export interface CostedProjection {
  /** Weeks 1 … horizon: municipal net expenditure per week. */
  readonly municipalNetByWeek: Float64Array;
  readonly grossByWeek: Float64Array;
  /** One row per ISO year and state with persons or cost. */
  readonly byYearAndState: StateYearCost[];
  /** Weeks of each ISO year inside the projection. */
  readonly weeksByYear: ReadonlyMap<number, number>;
}

function emptyTotals(): CostTotals {
  return { fullTimePersons: 0, gross: 0, stateRefusion: 0, cofinancing: 0, municipalNet: 0 };
}

/** Price weeks 1 … horizon of an occupancy. */
export function costOccupancy(occupancy: Occupancy, costs: CostTable): CostedProjection {
  const rules = costs.options.rules ?? REFUSION_2016;
  const S = occupancy.states.length;
  const H = occupancy.horizon;
  const municipalNetByWeek = new Float64Array(H);
  const grossByWeek = new Float64Array(H);
  const rows = new Map<string, StateYearCost>();
  const weeksByYear = new Map<number, number>();
  const shares = occupancy.states.map((state) =>
    STEP_COUNT.map((count) => {
      if (!isBenefitCode(state)) return 0;
      const benefit = benefitOf(state);
      return count === 0 && isOnStaircase(benefit) ? 0 : municipalShare(benefit, count, rules);
    }),
  );
  const regime = occupancy.states.map((state) =>
    isBenefitCode(state) ? benefitOf(state).financing.kind : 'none',
  );

  for (let t = 1; t <= H; t++) {
    const year = yearWeekOf(occupancy.startWeek + t).year;
    weeksByYear.set(year, (weeksByYear.get(year) ?? 0) + 1);
    for (let s = 0; s < S; s++) {
      const state = occupancy.states[s]!;
      let persons = 0;
      for (let step = 0; step < STEPS; step++) persons += occupancy.persons[(t * S + s) * STEPS + step]!;
      if (persons === 0) continue;
      const key = `${year}|${state}`;
      let row = rows.get(key);
      if (!row)
        rows.set(
          key,
          (row = {
            year,
            state,
            ...emptyTotals(),
            municipalNetByStep: Array<number>(STEPS).fill(0),
            grossByStep: Array<number>(STEPS).fill(0),
          }),
        );
      row.fullTimePersons += persons;
      const price = costs.weekly(state, year);
      if (!price) continue;
      for (let step = 0; step < STEPS; step++) {
        const n = occupancy.persons[(t * S + s) * STEPS + step]!;
        if (n === 0) continue;
        const gross = n * price.amount;
        const municipal = gross * shares[s]![step]!;
        row.gross += gross;
        row.municipalNet += municipal;
        row.grossByStep[step]! += gross;
        row.municipalNetByStep[step]! += municipal;
        if (regime[s] === 'refusion') row.stateRefusion += gross - municipal;
        if (regime[s] === 'cofinancing') row.cofinancing += municipal;
        municipalNetByWeek[t - 1]! += municipal;
        grossByWeek[t - 1]! += gross;
      }
    }
  }
  const byYearAndState = [...rows.values()].sort((a, b) => a.year - b.year || a.state.localeCompare(b.state));
  for (const row of byYearAndState) row.fullTimePersons /= weeksByYear.get(row.year)!;
  return { municipalNetByWeek, grossByWeek, byYearAndState, weeksByYear };
}
