/**
 * Costing of a projection: persons by week, state and staircase step (projection.ts) times the
 * weekly amount of the state's benefit and the municipality's share of it (refusion.ts).
 *
 * Amounts come from the rate table (one statutory variant per benefit, named below) or, as municipal
 * economists usually prefer, from the municipality's own average cost per full-time person per year.
 * Per benefit and week:
 * - gross: the benefit paid, whoever pays it;
 * - refusion regime (the municipality pays): state refusion = gross × (1 − municipal share);
 * - co-financing regime (an a-kasse or Udbetaling Danmark pays): municipal co-financing = gross × share;
 * - municipal net = gross × municipal share (fixed regimes: their fixed share; no scheme: all of it
 *   if the municipality pays the benefit, else nothing).
 * Every rate used, every fallback (a year the table lacks) and every state left unpriced is listed
 * in `assumptions`, so a result says what it rests on.
 */

import { benefitOf, danishName, isBenefitCode, isOnStaircase, type BenefitCode } from '../benefits.ts';
import { formatKr } from '../format.ts';
import { capitalize, sayIn, type Language, type Sentence } from '../language.ts';
import { findRate, rateYears, weeklyAmount, WEEKS_PER_YEAR, type RateTable } from '../rates.ts';
import { municipalShare, REFUSION_2016, type RefusionRules } from '../refusion.ts';
import { yearWeekOf } from '../weeks.ts';
import { STEPS, type Occupancy } from './projection.ts';

/**
 * Benefits the rate table has no rate for, priced like another (assumed, and said so). Revalidering
 * and ledighedsydelse are paid at up to the highest dagpenge rate; efterløn is not the
 * municipality's expense (the state pays it), so it only enters the gross.
 */
const PRICED_LIKE: Partial<Record<BenefitCode, BenefitCode>> = {
  revalidering: 'adagpenge',
  ledighedsydelse: 'adagpenge',
  efterloen: 'adagpenge',
};

export interface WeeklyCost {
  /** Kroner per week. */
  readonly amount: number;
  readonly source: string;
  /** The year of the rate table's rate used (its price level); `null` for the municipality's own cost. */
  readonly rateYear: number | null;
}

export interface CostOptions {
  readonly rates: RateTable;
  /** The municipality's own average cost per full-time person per year, by state; replaces the rate. */
  readonly ownCostPerYear?: Readonly<Record<string, number>>;
  readonly rules?: RefusionRules;
  /** The language of `assumptions`; default English. */
  readonly language?: Language;
}

/** A state's Danish name as the start of a sentence. */
function startingDa(state: string): string {
  return capitalize(danishName(state));
}

export class CostTable {
  private readonly cache = new Map<string, WeeklyCost | null>();
  private readonly notes = new Set<string>();
  /** Years priced with another year's rate, by state, year used and rate. */
  private readonly fallbacks = new Map<
    string,
    { state: string; used: number; rate: string; years: number[] }
  >();

  private readonly say: (sentence: Sentence) => string;

  constructor(readonly options: CostOptions) {
    for (const [state, amount] of Object.entries(options.ownCostPerYear ?? {}))
      if (!(amount >= 0))
        throw new RangeError(`own cost of ${state} must be 0 or more kr per year, found ${amount}`);
    this.say = sayIn(options.language ?? 'en');
  }

  /** What the prices used rest on, in words: own costs, stand-in rates, years priced with another year's rate. */
  get assumptions(): string[] {
    const fallbacks = [...this.fallbacks.values()].map(({ state, used, rate, years }) => {
      const span = years.length === 1 ? String(years[0]) : `${Math.min(...years)}-${Math.max(...years)}`;
      const one = years.length === 1;
      return this.say({
        da: `${startingDa(state)} i ${span}: ${used}-satsen for ${rate} (tabellen har ingen for ${one ? 'det år' : 'de år'}; ingen satsregulering).`,
        en: `${state} in ${span}: the ${used} rate of ${rate} (the table has none for ${one ? 'that year' : 'those years'}; no indexation).`,
      });
    });
    return [...this.notes, ...fallbacks];
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
    const own = this.options.ownCostPerYear?.[state];
    if (own !== undefined) {
      this.notes.add(
        this.say({
          da: `${startingDa(state)}: kommunens egen udgift, ${formatKr(own)} pr. fuldtidsperson pr. år.`,
          en: `${state}: the municipality's own cost, ${own} kr per full-time person per year.`,
        }),
      );
      return { amount: own / WEEKS_PER_YEAR, source: 'own cost per full-time person', rateYear: null };
    }
    if (!isBenefitCode(state)) return null;
    const benefit = benefitOf(state);
    const like = PRICED_LIKE[state];
    const priced = like ? benefitOf(like).rate : benefit.rate;
    if (!priced) {
      if (benefit.publicSupport)
        this.notes.add(
          this.say({
            da: `${startingDa(state)}: ikke prissat (tabellen har ingen sats); regnet som 0 kr.`,
            en: `${state}: not priced (no rate in the table); counted at 0 kr.`,
          }),
        );
      return null;
    }
    const { benefit: rateBenefit, variant } = priced;
    if (rateBenefit === 'fleksloentilskud')
      this.notes.add(
        this.say({
          da: `${startingDa(state)}: prissat til det højeste fleksløntilskud (98 % af den højeste dagpengesats); tilskuddet falder med lønnen (se fleksjobberegningen).`,
          en: `${state}: priced at the highest fleksløntilskud (98 % of the highest dagpenge rate); the subsidy falls with the wage (jobinvest fleksjob).`,
        }),
      );
    const years = rateYears(this.options.rates).filter((y) =>
      findRate(this.options.rates, rateBenefit, variant, y),
    );
    if (years.length === 0) {
      this.notes.add(
        this.say({
          da: `${startingDa(state)}: satstabellen har ingen sats for ${rateBenefit} ${variant}; regnet som 0 kr.`,
          en: `${state}: the rate table has no ${rateBenefit} ${variant}; counted at 0 kr.`,
        }),
      );
      return null;
    }
    const used = years.filter((y) => y <= year).pop() ?? years[0]!;
    const rate = findRate(this.options.rates, rateBenefit, variant, used)!;
    if (like)
      this.notes.add(
        this.say({
          da: `${startingDa(state)}: prissat med satsen for ${danishName(like)} (${rateBenefit} ${variant}), en antagelse.`,
          en: `${state}: priced at the rate of ${like} (${rateBenefit} ${variant}), assumed.`,
        }),
      );
    if (used !== year) {
      const key = `${state}|${used}|${rateBenefit}|${variant}`;
      const fallback = this.fallbacks.get(key) ?? {
        state,
        used,
        rate: `${rateBenefit} ${variant}`,
        years: [],
      };
      fallback.years.push(year);
      this.fallbacks.set(key, fallback);
    }
    return {
      amount: weeklyAmount(rate),
      source: `${rateBenefit} ${variant} ${used}: ${rate.source} (${rate.status})`,
      rateYear: used,
    };
  }
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
