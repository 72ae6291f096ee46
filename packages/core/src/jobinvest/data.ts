/**
 * What the Jobinvestering engine reads from the store: small aggregated arrays, counted in SQL
 * (packages/server/src/store/model-data.ts). States are benefit codes of the catalogue plus `job`
 * (job / self-support) and `su` (education); `out` (left the population) is a destination only.
 */

/** Person-weeks at risk in one cell of the model's covariates (see covariates.ts), with their outcomes. */
export interface TransitionCell {
  /** The state the weeks were spent in (origin of the transitions). */
  readonly state: string;
  /** Index in MODEL_DURATION_BANDS of the spell week. */
  readonly band: number;
  readonly ageGroup: string;
  readonly sex: string;
  readonly origin: string;
  readonly priorBand: string;
  /** 1-4. */
  readonly quarter: number;
  readonly period: string;
  /** Municipality code of residence at the spell's start; `null` if unknown. */
  readonly municipality: number | null;
  /** Person-weeks whose outcome is known: stayed, or moved to a destination in the next week. */
  readonly trials: number;
  /** Moves by destination state (`out` = death or emigration; reaching 67 is censoring, not a move). */
  readonly exits: Readonly<Record<string, number>>;
}

/** A run of equal weeks in a person's history: a benefit code, `null` for observed weeks without benefit, `'out'` for weeks not observed. */
export type HistoryRun = readonly [firstWeek: number, lastWeek: number, code: string | null];

/** A person in the stock at a week: where they are, since when, and who they are. */
export interface StockPerson {
  readonly personId: number;
  readonly pseudonym: string;
  /** State in the stock week. */
  readonly state: string;
  /** Spell week in the stock week (1 = the spell started that week); a lower bound when `leftTruncated`. */
  readonly spellWeek: number;
  readonly leftTruncated: boolean;
  readonly birthYear: number;
  readonly sex: string;
  readonly origin: string;
  /** Prior-support band at the start of the current spell. */
  readonly priorBand: string;
  readonly municipality: number | null;
  /** History from 2016-W01 (the refusion reform) or the person's first observed week, to the stock week, in order. */
  readonly history: readonly HistoryRun[];
}

/** Persons entering the observed population in a window of weeks, by who they are and where they enter. */
export interface InflowCell {
  readonly state: string;
  /** Age in years in the week of entry. */
  readonly age: number;
  readonly sex: string;
  readonly origin: string;
  readonly persons: number;
}

export interface Inflow {
  /** Weeks the cells were counted over. */
  readonly weeks: number;
  readonly cells: readonly InflowCell[];
}

/** Persons in a state in a week (full-time persons of that week). */
export interface ActualWeek {
  readonly week: number;
  readonly state: string;
  readonly persons: number;
}
