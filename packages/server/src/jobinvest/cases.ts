/**
 * An investment case evaluated against the store: its target group read in SQL, then projected,
 * priced and appraised in the worker pool in parts that are kept between requests (case-work.ts):
 * the arms without and with the intervention, from which the figures are worked out here; the
 * break-even effect; and the replications' arms, in chunks of one parameter draw. The figures are
 * core's `evaluateInvestment`'s for the same case, however they were put together. A case whose
 * caller has gone stops at its next step.
 */

import {
  budgetYearEndWeek,
  CASE_REPLICATIONS,
  caseFigures,
  caseNotes,
  CostTable,
  danishName,
  MAX_PROJECTION_WEEKS,
  MERGED_INTO,
  validityOf,
  yearWeekOf,
  formatNumber,
  formatYyyyww,
  fromYyyyww,
  sayIn,
  stateNameInSentence,
  toYyyyww,
  withReplications,
  type CaseTerms,
  type InterventionEffect,
  type InvestmentResult,
  type Language,
  type RateTable,
  type StockPerson,
} from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { DataError, stockAt, type Store, dataWindow } from '../data/index.ts';
import { PROJECTION_ASSUMPTIONS } from './assumptions.ts';
import { MAX_HORIZON_WEEKS, type InvestmentCaseDocument } from './case-schema.ts';
import { modelFor, type ModelEntry } from './models.ts';
import { targetGroup } from './persons.ts';
import type { CaseBase } from './case-work.ts';

export interface CaseEvaluation extends InvestmentResult {
  readonly name: string;
  readonly municipality: number;
  readonly stockWeek: number;
  /** The hazard ratio used: given, or converted from extra percentage points in work. */
  readonly hazardRatio: number;
  readonly dataVersion: number;
  readonly ratesVersion: string;
  readonly assumptions: readonly string[];
  /** Lines for the top of the result, the workbook and the report: the rates it rests on, when regulated or carried. */
  readonly notices: readonly string[];
}

export interface CaseOptions {
  readonly rates: RateTable;
  /** The latest week (index) a case may start in: the end of the budget year (`latestCaseStart`). */
  readonly latestStart: number;
  readonly replications?: number;
  readonly language?: Language;
  /** Aborted when the answer is no longer wanted (the client went away, the time ran out): the work stops. */
  readonly signal?: AbortSignal;
}

/** The target as JSON, with a count in place of its person list (pseudonyms are not echoed). */
function describeTarget(target: InvestmentCaseDocument['target']): string {
  const { persons, ...rest } = target;
  return JSON.stringify(persons ? { ...rest, persons: `${persons.length} listed` } : rest);
}

/** The persons of a case's target group in the stock week. */
async function caseTargetGroup(
  store: Store,
  target: InvestmentCaseDocument['target'],
  municipality: number,
  stockWeek: number,
): Promise<StockPerson[]> {
  const states = target.benefit ? [target.benefit] : undefined;
  const stock = await stockAt(store, { week: stockWeek, municipality, ...(states ? { states } : {}) });
  const group = targetGroup(stock, target, stockWeek);
  if (group.length === 0)
    throw new DataError(
      `target: no person in municipality ${municipality} matches ${describeTarget(target)} in week ${toYyyyww(stockWeek)}`,
    );
  return group;
}

/** Where a case stands in the data: its stock week, the weeks from there to its start, its target group. */
export interface CaseGroup {
  readonly municipality: number;
  /** The weeks a case may start in (YYYYWW): from the week after the data's first to `latest`. */
  readonly startWeeks: { readonly first: number; readonly last: number };
  readonly stockWeek: number;
  readonly startOffset: number;
  readonly entry: ModelEntry;
  readonly group: readonly StockPerson[];
}

/**
 * The latest week a case may start in on the date of the instant `now` (milliseconds, read at the
 * edge): the last week of the budget year, the calendar year after today's.
 */
export function latestCaseStart(now: number): number {
  return budgetYearEndWeek(new Date(now));
}

/** The latest start of a case on the server's clock (the date read at the edge). */
export function serverLatestStart(context: Pick<AppContext, 'now'>): number {
  return latestCaseStart((context.now ?? Date.now)());
}

/** The most weeks a case's start may lie after the data's last week (projected without data). */
export const MAX_START_OFFSET = MAX_PROJECTION_WEEKS - MAX_HORIZON_WEEKS;

/**
 * The target group of a case in its stock week: the start week, or the last week of data when the
 * case starts after it (the weeks between are projected). Kept with the model between requests: a
 * live calculator changes the effect, the cost and the discount rate far more often than the group.
 */
export async function caseGroup(
  store: Store,
  doc: Pick<InvestmentCaseDocument, 'municipality' | 'startWeek' | 'target'>,
  latestStart: number,
): Promise<CaseGroup> {
  const window = await dataWindow(store);
  const municipality = Number(doc.municipality);
  const start = fromYyyyww(doc.startWeek);
  const stockWeek = Math.min(start, window.last);
  const startOffset = start - stockWeek;
  const latest = Math.min(latestStart, window.last + MAX_START_OFFSET);
  if (start < window.first + 1)
    throw new DataError(
      `startWeek: expected a week after the data start ${toYyyyww(window.first)}, found ${doc.startWeek}`,
      { details: [{ field: 'startWeek', min: toYyyyww(window.first + 1), max: toYyyyww(latest) }] },
    );
  if (start > latest)
    throw new DataError(
      latest === latestStart
        ? `startWeek: expected at most ${toYyyyww(latest)}, the last week of the budget year ${yearWeekOf(latest).year}, found ${doc.startWeek}`
        : `startWeek: expected at most ${toYyyyww(latest)}, ${MAX_START_OFFSET} weeks after the last week of data (${toYyyyww(window.last)}), found ${doc.startWeek}`,
      { details: [{ field: 'startWeek', min: toYyyyww(window.first + 1), max: toYyyyww(latest) }] },
    );
  // The store reads history in today's groups (facts.ts): a group merged into another has no persons
  // of its own, at any start.
  const merged = doc.target.benefit && MERGED_INTO[doc.target.benefit];
  if (merged) {
    const { validTo } = validityOf(doc.target.benefit!);
    throw new DataError(
      `target.benefit: ${doc.target.benefit} ended in ${validTo}, and its persons, history included, are on ${merged}: expected a group in force, found ${doc.target.benefit}`,
      { details: [{ field: 'target.benefit', expected: merged, found: doc.target.benefit }] },
    );
  }
  const entry = await modelFor(store);
  const group = await entry.groups.get(JSON.stringify([municipality, stockWeek, doc.target]), () =>
    caseTargetGroup(store, doc.target, municipality, stockWeek),
  );
  const startWeeks = { first: toYyyyww(window.first + 1), last: toYyyyww(latest) };
  return { municipality, startWeeks, stockWeek, startOffset, entry, group };
}

/** Evaluate an investment case document against the store. */
export async function evaluateCase(
  store: Store,
  doc: InvestmentCaseDocument,
  options: CaseOptions,
): Promise<CaseEvaluation> {
  if (doc.rateTable !== undefined && doc.rateTable !== options.rates.version)
    throw new DataError(
      `rateTable: the case asks for rate table ${doc.rateTable}, and the server uses ${options.rates.version}; load that table (--rates) or remove the field`,
    );
  const { municipality, stockWeek, startOffset, entry, group } = await caseGroup(
    store,
    doc,
    options.latestStart,
  );
  // The participants are drawn from the target group: a case cannot have more of them than there
  // are persons in it (and its figures, kroner times participants, stay within what can be computed).
  if (doc.participants > group.length)
    throw new DataError(
      `participants: the target group has ${group.length} ${group.length === 1 ? 'person' : 'persons'} in ${toYyyyww(stockWeek)}${doc.target.persons ? ' (the listed persons found in the stock)' : ''}; a case can have at most ${group.length} participants, found ${doc.participants}`,
      { details: [{ field: 'participants', max: group.length, found: doc.participants }] },
    );
  const language = options.language ?? 'en';
  const say = sayIn(language);
  const effect = doc.effect;
  // A count asked for is that count; else as many as make the probability precise enough.
  const asked = options.replications ?? doc.replications;
  const replications = asked ?? CASE_REPLICATIONS;
  const base: CaseBase = {
    municipality,
    stockWeek,
    startOffset,
    group,
    groupKey: JSON.stringify([municipality, stockWeek, doc.target]),
    horizonWeeks: doc.horizonWeeks ?? 260,
    rates: options.rates,
    ...(doc.ownCostPerYear ? { ownCostPerYear: doc.ownCostPerYear } : {}),
  };
  const terms: CaseTerms = {
    stockWeek,
    startOffset,
    participants: doc.participants,
    cost: {
      perParticipant: doc.cost.perParticipant ?? 0,
      perWeek: doc.cost.perWeek ?? 0,
      weeks: doc.cost.weeks ?? 0,
    },
    horizonWeeks: base.horizonWeeks,
    discountRate: doc.discountRate ?? 0.035,
  };
  const shape: InterventionEffect = {
    hazardRatio: effect.hazardRatio ?? 1,
    to: effect.to ?? ['job'],
    lockIn: effect.lockIn ?? null,
    phaseInWeeks: effect.phaseInWeeks ?? 0,
    halfLifeWeeks: effect.halfLifeWeeks ?? null,
    relapseHazardRatio: effect.relapseHazardRatio ?? 1,
  };
  const { signal } = options;
  const work = entry.work;
  const extra = effect.extraPointsInWork;
  const converted = extra
    ? await work.hazardRatioForExtraPoints(
        base,
        shape,
        extra.points,
        Math.round((extra.afterMonths * 52) / 12),
        signal,
      )
    : shape.hazardRatio;
  if (converted === null)
    throw new DataError(
      `effect.extraPointsInWork: no hazard ratio up to 20 gives ${extra!.points} points more in work after ${extra!.afterMonths} months for this target group`,
    );
  const hazardRatio = converted;
  const chosen = { ...shape, hazardRatio };
  // Asked for together: the arms do not wait for each other, nor the first estimate's replications
  // for the arms (those beyond it do: CaseWork.replicate).
  const projected = Promise.all([work.arm(base, null, signal), work.arm(base, chosen, signal)]);
  const draws =
    replications > 0
      ? work.replicate(
          base,
          terms,
          doc.seed ?? 1,
          chosen,
          replications,
          asked === undefined,
          projected,
          signal,
        )
      : null;
  const breakEven = doc.breakEven === false ? null : work.breakEven(base, terms, chosen, signal);
  const [arms, breakEvenEffect, drawn] = await Promise.all([projected, breakEven, draws]);
  const result = withReplications({ ...caseFigures(terms, ...arms), breakEvenEffect }, drawn ? [drawn] : []);
  // What the prices rest on, in the language asked for, as one table pricing both arms says it.
  const notes = caseNotes(
    new CostTable({
      rates: options.rates,
      ...(doc.ownCostPerYear ? { ownCostPerYear: doc.ownCostPerYear } : {}),
      language,
    }),
    arms,
  );

  const assumptions = PROJECTION_ASSUMPTIONS.map(say);
  if (startOffset > 0)
    assumptions.push(
      say({
        da: `Målgruppen er taget fra bestanden i ${formatYyyyww(toYyyyww(stockWeek))}, den sidste uge med data; indsatsen starter ${startOffset === 1 ? '1 uge' : `${startOffset} uger`} senere, og ugerne imellem er ens med og uden indsats.`,
        en: `The target group is taken from the stock in ${toYyyyww(stockWeek)}, the last week of data; the intervention starts ${startOffset === 1 ? '1 week' : `${startOffset} weeks`} later, and the weeks between are the same with and without.`,
      }),
    );
  if (extra) {
    const { points, afterMonths } = extra;
    assumptions.push(
      say({
        da: `Effekten er angivet som ${formatNumber(points, Number.isInteger(points) ? 0 : 1)} procentpoint flere i beskæftigelse efter ${formatNumber(afterMonths, Number.isInteger(afterMonths) ? 0 : 1)} måneder, omregnet til en hazard ratio på ${formatNumber(hazardRatio, 3)} for overgange til ${shape.to.map(danishName).join(', ')}.`,
        en: `Effect given as ${formatNumber(points, Number.isInteger(points) ? 0 : 1)} percentage points more in work after ${formatNumber(afterMonths, Number.isInteger(afterMonths) ? 0 : 1)} months, converted to a hazard ratio of ${formatNumber(hazardRatio, 3)} on moves to ${shape.to.map((s) => stateNameInSentence(s, 'en')).join(', ')}.`,
      }),
    );
  }
  return {
    ...result,
    name: doc.name,
    municipality,
    stockWeek: toYyyyww(stockWeek),
    hazardRatio,
    dataVersion: entry.dataVersion,
    ratesVersion: new CostTable({ rates: options.rates, ownCostPerYear: doc.ownCostPerYear }).version,
    assumptions: [...assumptions, ...notes.assumptions],
    notices: notes.notices,
  };
}
