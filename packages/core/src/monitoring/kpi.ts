/**
 * The measures of one municipality, department or caseworker (measures.ts says what each counts),
 * made from the counts the server's monitoring room takes in SQL, with small numbers withheld for
 * roles that see suppressed figures (access/suppression.ts):
 *
 * - a count of 1 to threshold − 1 persons or spells is withheld, and so is every figure resting on
 *   it: a share whose numerator or denominator is few, an average over few spells, the persons'
 *   full-time figures when the persons are few;
 * - a distribution (spells by duration band, status after k months, destinations, persons by spells
 *   started) is protected with its total by secondary suppression, so that no withheld cell can be
 *   recovered from the total and the other cells; and the flow identity (stock at the start +
 *   started − ended = stock at the end) likewise, as a line whose total is the stock at the end.
 */

import { isFew, suppressionMask } from '../access/suppression.ts';
import {
  SPELL_DURATION_BANDS,
  STATUS_CLASSES,
  STATUS_MONTHS,
  type MeasureId,
  type SpellDurationBand,
  type StatusClass,
  type StatusMonth,
} from './measures.ts';

type Figure = number | null;
type Month = `${StatusMonth}`;
export type SpellsStartedBucket = '1' | '2' | '3+';
const STARTED_BUCKETS: readonly SpellsStartedBucket[] = ['1', '2', '3+'];

/** What the monitoring room counts for one unit (a municipality, department or caseworker). */
export interface KpiCounts {
  readonly persons: number;
  /** Person-weeks on the benefit in the period. */
  readonly benefitWeeks: number;
  /** The labour force and population 16-66 averaged over the period's weeks (null where unknown). */
  readonly labourForce: number | null;
  readonly population: number | null;
  readonly stockAtStart: number;
  readonly stockAtEnd: number;
  readonly spellsStarted: number;
  readonly spellsEnded: number;
  readonly spellsUnsettled: number;
  /** Calendar weeks summed over the ended spells that began inside the data, and their number. */
  readonly endedDurationWeeks: number;
  readonly endedWithDuration: number;
  readonly endedByDuration: Readonly<Partial<Record<SpellDurationBand, number>>>;
  readonly stockAtEndByDuration: Readonly<Partial<Record<SpellDurationBand, number>>>;
  readonly personsBySpellsStarted: Readonly<Partial<Record<SpellsStartedBucket, number>>>;
  /** Ended spells by status class k months on, of those whose week k months on is in the data. */
  readonly statusAfter: Readonly<Record<Month, Readonly<Partial<Record<StatusClass, number>>>>>;
  readonly relapseSpells: number;
  readonly relapsed: number;
  readonly destinations: Readonly<Record<string, number>>;
  readonly activatedPersons: number;
  readonly activationWeeks: number;
  readonly activationCost: number;
  readonly activationsStarted: number;
  readonly activationsEnded: number;
  readonly endedActivationWeeks: number;
  readonly activationByType: Readonly<
    Record<string, { readonly started: number; readonly ended: number; readonly weeks: number }>
  >;
  readonly conversations: number;
  readonly noShows: number;
  readonly timelySpells: number;
  readonly timelyWithConversation: number;
  readonly caseworkers: number;
}

/** The measures: the contract of `jobinvest kpi` and `/api/kpi`. Null: withheld, or nothing to divide by. */
export interface KpiMeasures {
  readonly persons: Figure;
  readonly fullTimePersons: Figure;
  readonly shareOfLabourForce: Figure;
  readonly shareOfPopulation: Figure;
  readonly averageWeeksPerPerson: Figure;
  readonly stockAtStart: Figure;
  readonly stockAtEnd: Figure;
  readonly spellsStarted: Figure;
  readonly spellsEnded: Figure;
  /**
   * Spells whose last week with the benefit is in the period, followed by weeks without it in the
   * data but not yet a whole month: they may have ended or may go on. A spell with the benefit in
   * the data's last week is running, not unsettled.
   */
  readonly spellsUnsettled: Figure;
  readonly averageDurationEndedWeeks: Figure;
  readonly endedByDuration: Readonly<Record<SpellDurationBand, Figure>>;
  readonly stockAtEndByDuration: Readonly<Record<SpellDurationBand, Figure>>;
  readonly personsBySpellsStarted: Readonly<Record<SpellsStartedBucket, Figure>>;
  /** Shares (0-1) of the ended spells whose status k months on is in the data. */
  readonly statusAfter: Readonly<Record<Month, Readonly<Record<StatusClass, Figure>>>>;
  /** The ended spells each month's shares rest on. */
  readonly statusAfterSpells: Readonly<Record<Month, Figure>>;
  readonly relapse: Figure;
  readonly relapseSpells: Figure;
  readonly destinations: Readonly<Record<string, Figure>>;
  readonly activatedPersons: Figure;
  readonly fullTimeActivated: Figure;
  readonly activationRate: Figure;
  readonly activationsStarted: Figure;
  readonly activationsEnded: Figure;
  readonly averageActivationWeeks: Figure;
  readonly activationByType: Readonly<
    Record<string, { readonly started: Figure; readonly ended: Figure; readonly fullTime: Figure }>
  >;
  readonly pricePerFullTimeActivated: Figure;
  readonly conversations: Figure;
  readonly conversationsPerPerson: Figure;
  readonly timelyShare: Figure;
  readonly timelySpells: Figure;
  readonly noShowShare: Figure;
  readonly caseworkers: Figure;
  readonly personsPerCaseworker: Figure;
}

/** Checked when compiled: every headline measure (measures.ts) is a field of the answer. */
const EVERY_HEADLINE_IS_A_FIELD: MeasureId extends keyof KpiMeasures ? true : never = true;
void EVERY_HEADLINE_IS_A_FIELD;

export interface KpiSettings {
  /** Weeks in the period (53 in a 53-week year). */
  readonly periodWeeks: number;
  /** Suppression threshold, or null for a role that sees figures as they are. */
  readonly threshold: number | null;
}

/** The measures and how many figures were withheld. */
export interface KpiAnswer {
  readonly measures: KpiMeasures;
  readonly withheld: number;
}

const ratio = (numerator: number, denominator: number | null): Figure =>
  denominator === null || denominator === 0 ? null : numerator / denominator;

export function kpiMeasures(counts: KpiCounts, settings: KpiSettings): KpiAnswer {
  const { periodWeeks, threshold } = settings;
  if (!Number.isInteger(periodWeeks) || periodWeeks < 1)
    throw new RangeError(`periodWeeks: expected a whole number of weeks of at least 1, found ${periodWeeks}`);
  let withheld = 0;
  /** Whether figures on `n` persons or spells are withheld. */
  const few = (n: number) => threshold !== null && isFew(n, threshold);
  /** `value`, or null (and one more withheld) when `hidden`. */
  const show = (value: Figure, hidden: boolean): Figure => {
    if (!hidden || value === null) return value;
    withheld++;
    return null;
  };
  /** A row of counts with its published total, protected together. */
  const protectedRow = (cells: readonly number[], total: number) =>
    threshold === null
      ? { cells: cells.map(() => false), total: false }
      : (({ cells: [row], rowTotals: [t] }) => ({ cells: row!, total: t! }))(
          suppressionMask({ persons: [cells], rowTotals: [total], threshold }),
        );

  const personsHidden = few(counts.persons);
  const fullTime = counts.benefitWeeks / periodWeeks;
  const onPersons = (value: Figure) => show(value, personsHidden);

  // The flow identity: stock at the start + started − ended = stock at the end.
  const flow = protectedRow(
    [counts.stockAtStart, counts.spellsStarted, counts.spellsEnded],
    counts.stockAtEnd,
  );

  const bands = (given: Readonly<Partial<Record<SpellDurationBand, number>>>, total: number) => {
    const cells = SPELL_DURATION_BANDS.map((band) => given[band.id] ?? 0);
    const mask = protectedRow(cells, total);
    return Object.fromEntries(
      SPELL_DURATION_BANDS.map((band, i) => [band.id, show(cells[i]!, mask.cells[i]!)]),
    ) as Record<SpellDurationBand, Figure>;
  };

  const startedCells = STARTED_BUCKETS.map((bucket) => counts.personsBySpellsStarted[bucket] ?? 0);
  const startedMask = protectedRow(
    startedCells,
    startedCells.reduce((a, b) => a + b, 0),
  );

  const statusAfter = {} as Record<Month, Record<StatusClass, Figure>>;
  const statusAfterSpells = {} as Record<Month, Figure>;
  for (const month of STATUS_MONTHS) {
    const key = `${month}` as Month;
    const cells = STATUS_CLASSES.map((c) => counts.statusAfter[key]?.[c] ?? 0);
    const known = cells.reduce((a, b) => a + b, 0);
    const mask = protectedRow(cells, known);
    statusAfterSpells[key] = show(known, mask.total);
    statusAfter[key] = Object.fromEntries(
      STATUS_CLASSES.map((c, i) => [c, show(ratio(cells[i]!, known), mask.cells[i]! || mask.total)]),
    ) as Record<StatusClass, Figure>;
  }

  const destinationKeys = Object.keys(counts.destinations).sort();
  const destinationCells = destinationKeys.map((k) => counts.destinations[k]!);
  const destinationMask = protectedRow(destinationCells, counts.spellsEnded);

  const activationHidden = few(counts.activatedPersons);
  const fullTimeActivated = counts.activationWeeks / periodWeeks;
  const types = Object.keys(counts.activationByType).sort();

  return {
    measures: {
      persons: onPersons(counts.persons),
      fullTimePersons: onPersons(fullTime),
      shareOfLabourForce: onPersons(ratio(fullTime, counts.labourForce)),
      shareOfPopulation: onPersons(ratio(fullTime, counts.population)),
      averageWeeksPerPerson: onPersons(ratio(counts.benefitWeeks, counts.persons)),
      stockAtStart: show(counts.stockAtStart, flow.cells[0]!),
      spellsStarted: show(counts.spellsStarted, flow.cells[1]!),
      spellsEnded: show(counts.spellsEnded, flow.cells[2]!),
      stockAtEnd: show(counts.stockAtEnd, flow.total),
      spellsUnsettled: show(counts.spellsUnsettled, few(counts.spellsUnsettled)),
      averageDurationEndedWeeks: show(
        ratio(counts.endedDurationWeeks, counts.endedWithDuration),
        few(counts.endedWithDuration),
      ),
      endedByDuration: bands(counts.endedByDuration, counts.spellsEnded),
      stockAtEndByDuration: bands(counts.stockAtEndByDuration, counts.stockAtEnd),
      personsBySpellsStarted: Object.fromEntries(
        STARTED_BUCKETS.map((bucket, i) => [bucket, show(startedCells[i]!, startedMask.cells[i]!)]),
      ) as Record<SpellsStartedBucket, Figure>,
      statusAfter,
      statusAfterSpells,
      relapse: show(
        ratio(counts.relapsed, counts.relapseSpells),
        few(counts.relapseSpells) || few(counts.relapsed),
      ),
      relapseSpells: show(counts.relapseSpells, few(counts.relapseSpells)),
      destinations: Object.fromEntries(
        destinationKeys.map((k, i) => [k, show(destinationCells[i]!, destinationMask.cells[i]!)]),
      ),
      activatedPersons: show(counts.activatedPersons, activationHidden),
      fullTimeActivated: show(fullTimeActivated, activationHidden),
      activationRate: show(ratio(fullTimeActivated, fullTime), activationHidden || personsHidden),
      activationsStarted: show(counts.activationsStarted, few(counts.activationsStarted)),
      activationsEnded: show(counts.activationsEnded, few(counts.activationsEnded)),
      averageActivationWeeks: show(
        ratio(counts.endedActivationWeeks, counts.activationsEnded),
        few(counts.activationsEnded),
      ),
      activationByType: Object.fromEntries(
        types.map((type) => {
          const t = counts.activationByType[type]!;
          return [
            type,
            {
              started: show(t.started, few(t.started)),
              ended: show(t.ended, few(t.ended)),
              fullTime: show(t.weeks / periodWeeks, activationHidden),
            },
          ];
        }),
      ),
      pricePerFullTimeActivated: show(ratio(counts.activationCost, fullTimeActivated), activationHidden),
      conversations: show(counts.conversations, few(counts.conversations) || personsHidden),
      conversationsPerPerson: onPersons(ratio(counts.conversations, counts.persons)),
      timelyShare: show(
        ratio(counts.timelyWithConversation, counts.timelySpells),
        few(counts.timelySpells) || few(counts.timelyWithConversation),
      ),
      timelySpells: show(counts.timelySpells, few(counts.timelySpells)),
      noShowShare: show(
        ratio(counts.noShows, counts.conversations + counts.noShows),
        few(counts.noShows) || few(counts.conversations + counts.noShows),
      ),
      caseworkers: counts.caseworkers,
      personsPerCaseworker: onPersons(ratio(counts.persons, counts.caseworkers)),
    },
    withheld,
  };
}

/** Every figure of `measures` withheld (a unit whose persons are withheld, or that would give one away). */
export function withheldMeasures(measures: KpiMeasures): { measures: KpiMeasures; withheld: number } {
  let withheld = 0;
  const hide = (value: unknown): unknown => {
    if (typeof value === 'number') return (withheld++, null);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
    return value;
  };
  return { measures: hide(measures) as KpiMeasures, withheld };
}

/**
 * Which units of a level (departments, caseworkers) are withheld whole: those on 1 to threshold − 1
 * persons, and, since the municipality's total is published, one more where a single unit would
 * otherwise be recoverable from it (access/suppression.ts' rule on a column with its total).
 */
export function withheldUnits(persons: readonly number[], threshold: number | null): boolean[] {
  if (threshold === null || persons.length === 0) return persons.map(() => false);
  const mask = suppressionMask({ persons: persons.map((p) => [p]), columnTotals: true, threshold });
  return mask.cells.map((row) => row[0]!);
}
