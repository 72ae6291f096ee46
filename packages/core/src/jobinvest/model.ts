/**
 * The Jobinvestering duration model: for each origin state s (a benefit group, `job`, `su`), the
 * weekly cause-specific hazards of moving to every destination j, depending on the spell week, age
 * group, sex, origin, weeks on public support before the spell, season, period and municipality.
 *
 * Form: piecewise-exponential competing risks. Within a person-week the causes act as constant
 * rates h_j; with H = Σ_j h_j the person leaves for j with probability p_j = (h_j / H)(1 − e^{−H})
 * and stays with e^{−H}. Each cause is a Poisson log-linear model of its exits in a cell of person-
 * weeks, with log exposure as offset:
 *
 *   log h_j(x) = β_j0 + β_j,band(d) + β_j,age + β_j,sex + β_j,origin + β_j,prior + β_j,quarter + β_j,period.
 *
 * Why this form: (1) the coefficients are log hazard ratios, so an intervention's effect given as a
 * hazard ratio on exits to job multiplies exactly one factor of the model, and the effect of
 * composition (who is in the stock) is a sum of terms; (2) the causes separate: the likelihood of the
 * competing-risks model factorises into one Poisson likelihood per cause, so each destination gets its
 * own covariate effects (young people leave for education, older for førtidspension) from a GLM on a
 * few thousand cells, counted in SQL, never on person-weeks; (3) left truncation and censoring only
 * change which person-weeks are in the cells (the count tables leave out weeks whose outcome is
 * unknown and spells of unknown elapsed duration). A discrete-time logit per cause would estimate
 * p_j with the other causes as censoring, which is not the cause's hazard once exits are frequent.
 * The exposure of a cell is its trials × p / −log(1 − p), with p the weekly move probability of its
 * duration band: then a band's fitted rate gives back its observed weekly probability, also where
 * nearly everyone moves; for small p this is trials minus half the exits.
 *
 * Sparse cells: for each cause, levels of a factor with fewer than `minEvents` exits share the
 * coefficient of a neighbour (ordered factors: the next level; unordered: the reference level), so
 * that no coefficient is estimated from nothing; a cause with few exits keeps only its intercept.
 * A level with no exit at all where ten or more were expected is a structural zero (hazard 0): rules
 * make them, and merging would smear the neighbour's exits over it.
 *
 * Municipalities: the cause models are pooled over all municipalities in the store (so a
 * municipality's expected durations follow from its own citizens' composition), and each
 * municipality has a multiplier per origin state for exits to job and for other exits, shrunk towards
 * 1 by empirical Bayes: with O observed and E expected exits and a gamma prior of mean 1 and variance
 * τ² estimated by the method of moments (E[(O − E)²] = E + τ²E²), the multiplier is
 * (O + 1/τ²) / (E + 1/τ²). Small municipalities borrow strength from the pool; large ones are
 * close to their own O/E.
 */

import { FactorFitError, fitPoissonFactors } from './poisson-factors.ts';
import { INTERCEPT } from '../regression/design.ts';
import { MAX_PERIOD, MODEL_AGE_GROUPS, MODEL_DURATION_BANDS, PRIOR_SUPPORT_BANDS } from './covariates.ts';
import type { TransitionCell } from './data.ts';

/** Changes whenever estimation changes, so that a model saved by an older version is estimated again. */
export const MODEL_VERSION = 'jobinvest-duration-2';

/** The factors of every cause model, in the order of the design. */
export const FACTORS = ['band', 'ageGroup', 'sex', 'origin', 'priorBand', 'quarter', 'period'] as const;
export type Factor = (typeof FACTORS)[number];

/** Factors whose levels have an order, so sparse levels merge with the next one. */
const ORDERED: ReadonlySet<Factor> = new Set(['band', 'ageGroup', 'priorBand', 'period']);

/** The order of each factor's levels where it has one. */
const LEVEL_ORDER: Partial<Record<Factor, readonly string[]>> = {
  band: MODEL_DURATION_BANDS.map((_, i) => String(i)),
  ageGroup: MODEL_AGE_GROUPS,
  priorBand: PRIOR_SUPPORT_BANDS.map((b) => b.label),
  period: [...Array.from({ length: MAX_PERIOD }, (_, i) => String(i)), `${MAX_PERIOD}+`],
  quarter: ['1', '2', '3', '4'],
};

/** Weekly move probabilities are taken as at most this in the exposure (a rate of about 9.2). */
const MAX_WEEKLY_PROBABILITY = 0.9999;

/** Level code of a structural zero: the cause's hazard is 0 there. */
export const STRUCTURAL_ZERO = -2;
/** Exits a level must have been expected to have, at the cause's overall rate, for none to be a structural zero. */
const STRUCTURAL_ZERO_EXPECTED = 10;

/** Destinations whose exits are "to job" for the municipality multipliers and the effects of interventions. */
export const JOB_DESTINATIONS: readonly string[] = ['job'];

export interface EstimationOptions {
  /** Exits a level needs to keep a coefficient of its own. Default 10. */
  readonly minEvents?: number;
  /** Week index the data were cut at (for the record). */
  readonly until?: number | null;
}

/** One cause's log-linear model. `levels[f][level]` is the coefficient index of the level, −1 for the reference. */
export interface CauseModel {
  readonly destination: string;
  readonly exits: number;
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
  /** Covariance of the coefficients (dispersion 1). */
  readonly covariance: readonly (readonly number[])[];
  readonly levels: Readonly<Record<Factor, Readonly<Record<string, number>>>>;
  /** Factors left out because the fit with them failed, with the reason. */
  readonly dropped: readonly string[];
  readonly converged: boolean;
}

export interface MunicipalityMultiplier {
  readonly municipality: number;
  readonly job: number;
  readonly other: number;
  readonly observedJob: number;
  readonly expectedJob: number;
  readonly observedOther: number;
  readonly expectedOther: number;
}

export interface StateModel {
  readonly state: string;
  readonly trials: number;
  readonly exits: number;
  readonly causes: readonly CauseModel[];
  readonly municipalities: readonly MunicipalityMultiplier[];
  /** Variance of the municipality multipliers' prior, for job and other exits (0 = no municipal variation beyond chance). */
  readonly tau2: { readonly job: number; readonly other: number };
}

export interface TransitionModel {
  readonly version: typeof MODEL_VERSION;
  readonly until: number | null;
  readonly minEvents: number;
  readonly states: readonly StateModel[];
  /**
   * The week index from which no one may move into each group when the model projects, for every
   * closure past or future (benefit-rules.ts `closedToNewWeeks`: groups closed to new cases and
   * groups ended by a merge). A projection applies each from its own week (hazards.ts's eras); the
   * estimated hazards stay in the model, for the diagnostics of the history they came from.
   */
  readonly closedFrom?: Readonly<Record<string, number>>;
}

export class ModelError extends Error {
  override readonly name = 'ModelError';
}

interface BaseRow {
  readonly values: Record<Factor, string>;
  trials: number;
  exposure: number;
  readonly exits: Map<string, number>;
  readonly municipality: number | null;
}

/** The factor levels of a count cell, as the cause models look them up. */
export function cellValues(cell: TransitionCell): Record<Factor, string> {
  return {
    band: String(cell.band),
    ageGroup: cell.ageGroup,
    sex: cell.sex,
    origin: cell.origin,
    priorBand: cell.priorBand,
    quarter: String(cell.quarter),
    period: cell.period,
  };
}

/** Estimate the model from the count cells (all municipalities, all states). */
export function estimateModel(
  cells: readonly TransitionCell[],
  options: EstimationOptions = {},
): TransitionModel {
  const minEvents = options.minEvents ?? 10;
  const byState = new Map<string, TransitionCell[]>();
  for (const cell of cells) {
    if (!(cell.trials >= 0)) throw new ModelError(`a cell of state ${cell.state} has ${cell.trials} trials`);
    let list = byState.get(cell.state);
    if (!list) byState.set(cell.state, (list = []));
    list.push(cell);
  }
  if (byState.size === 0)
    throw new ModelError('there are no person-weeks at risk to estimate the model from');
  const states = [...byState.keys()]
    .sort()
    .map((state) => estimateState(state, byState.get(state)!, minEvents));
  return { version: MODEL_VERSION, until: options.until ?? null, minEvents, states };
}

function estimateState(state: string, cells: readonly TransitionCell[], minEvents: number): StateModel {
  // Exposure of a cell: its trials × g(p_b), with p_b the share of the band's person-weeks (pooled over
  // the state's cells) that end in a move and g(p) = p / −log(1 − p), so that a band's fitted rate H
  // gives back its weekly probability 1 − e^{−H} = p_b. For small p, g(p) ≈ 1 − p/2 (trials minus half
  // the exits); unlike that, it stays right when nearly everyone moves (a-dagpenge end in week 104).
  // Taken per band, not per cell, so that a small cell's own outcome does not set its exposure.
  const bandTrials = new Float64Array(MODEL_DURATION_BANDS.length);
  const bandExits = new Float64Array(MODEL_DURATION_BANDS.length);
  for (const cell of cells) {
    bandTrials[cell.band] = bandTrials[cell.band]! + cell.trials;
    for (const n of Object.values(cell.exits)) bandExits[cell.band] = bandExits[cell.band]! + n;
  }
  const exposureFactor = Array.from(bandTrials, (n, b) => {
    const p = n > 0 ? Math.min(bandExits[b]! / n, MAX_WEEKLY_PROBABILITY) : 0;
    return p > 0 ? p / -Math.log1p(-p) : 1;
  });
  const rows: BaseRow[] = [];
  const index = new Map<string, BaseRow>();
  const destinations = new Map<string, number>();
  for (const cell of cells) {
    const values = cellValues(cell);
    const key = `${FACTORS.map((f) => values[f]).join('|')}|${cell.municipality}`;
    let row = index.get(key);
    if (!row) {
      row = { values, trials: 0, exposure: 0, exits: new Map(), municipality: cell.municipality };
      index.set(key, row);
      rows.push(row);
    }
    let exits = 0;
    for (const [destination, n] of Object.entries(cell.exits)) {
      if (!n) continue;
      if (destination === state) throw new ModelError(`state ${state} has exits to itself`);
      row.exits.set(destination, (row.exits.get(destination) ?? 0) + n);
      destinations.set(destination, (destinations.get(destination) ?? 0) + n);
      exits += n;
    }
    if (exits > cell.trials)
      throw new ModelError(`a cell of state ${state} has ${exits} exits but only ${cell.trials} trials`);
    row.trials += cell.trials;
    row.exposure += cell.trials * exposureFactor[cell.band]!;
  }
  const trials = rows.reduce((a, r) => a + r.trials, 0);
  const causes = [...destinations.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([destination, exits]) => estimateCause(destination, exits, rows, minEvents));
  const exits = [...destinations.values()].reduce((a, b) => a + b, 0);
  const { municipalities, tau2 } = municipalityMultipliers(rows, causes);
  return { state, trials, exits, causes, municipalities, tau2 };
}

/** Group the levels of one factor for one cause, so that every group has at least `minEvents` exits. */
function codeLevels(
  factor: Factor,
  rows: readonly BaseRow[],
  destination: string,
  minEvents: number,
): { levels: Record<string, number>; names: string[] } {
  const events = new Map<string, number>();
  const exposure = new Map<string, number>();
  for (const row of rows) {
    const v = row.values[factor];
    events.set(v, (events.get(v) ?? 0) + (row.exits.get(destination) ?? 0));
    exposure.set(v, (exposure.get(v) ?? 0) + row.exposure);
  }
  const order = LEVEL_ORDER[factor];
  // Structural zeros: a level without a single exit where the cause's overall rate would have
  // expected 10 or more (probability of none below 5e-5). Rules make such zeros (sygedagpenge move
  // to jobafklaring only in week 22); merged with a neighbour they would smear its exits over it.
  const totalEvents = [...events.values()].reduce((a, b) => a + b, 0);
  const totalExposure = [...exposure.values()].reduce((a, b) => a + b, 0);
  const zeros = new Set(
    [...exposure.keys()].filter(
      (l) =>
        (events.get(l) ?? 0) === 0 &&
        (totalEvents / totalExposure) * exposure.get(l)! >= STRUCTURAL_ZERO_EXPECTED,
    ),
  );
  const present = [...exposure.keys()]
    .filter((l) => !zeros.has(l))
    .sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b)));
  // groups: lists of levels sharing one coefficient
  let groups: string[][] = [];
  if (ORDERED.has(factor)) {
    let current: string[] = [];
    let sum = 0;
    for (const level of present) {
      current.push(level);
      sum += events.get(level) ?? 0;
      if (sum >= minEvents) {
        groups.push(current);
        current = [];
        sum = 0;
      }
    }
    if (current.length > 0) {
      if (groups.length > 0) groups[groups.length - 1]!.push(...current);
      else groups.push(current);
    }
  } else {
    const big = present.filter((l) => (events.get(l) ?? 0) >= minEvents);
    const small = present.filter((l) => (events.get(l) ?? 0) < minEvents);
    groups = big.map((l) => [l]);
    if (groups.length === 0) groups.push(small);
    else {
      const largest = groups.reduce((a, g) => (exposure.get(g[0]!)! > exposure.get(a[0]!)! ? g : a));
      largest.push(...small);
    }
  }
  const groupExposure = (g: string[]) => g.reduce((a, l) => a + (exposure.get(l) ?? 0), 0);
  const reference = groups.reduce((a, g) => (groupExposure(g) > groupExposure(a) ? g : a));
  const levels: Record<string, number> = {};
  for (const l of zeros) levels[l] = STRUCTURAL_ZERO;
  const names: string[] = [];
  for (const group of groups) {
    if (group === reference) {
      for (const l of group) levels[l] = -1;
      continue;
    }
    names.push(
      `${factor}=${group.map((l) => (factor === 'band' ? MODEL_DURATION_BANDS[Number(l)]!.label : l)).join('+')}`,
    );
    for (const l of group) levels[l] = names.length - 1;
  }
  return { levels, names };
}

function estimateCause(
  destination: string,
  exits: number,
  rows: readonly BaseRow[],
  minEvents: number,
): CauseModel {
  const dropped: string[] = [];
  let factors: Factor[] = [...FACTORS];
  for (;;) {
    try {
      return fitCause(destination, exits, rows, minEvents, factors, dropped);
    } catch (error) {
      if (!(error instanceof FactorFitError) || factors.length === 0) throw error;
      const drop = factors[factors.length - 1]!;
      dropped.push(`${drop}: ${error.message}`);
      factors = factors.slice(0, -1);
    }
  }
}

function fitCause(
  destination: string,
  exits: number,
  rows: readonly BaseRow[],
  minEvents: number,
  factors: readonly Factor[],
  dropped: readonly string[],
): CauseModel {
  const levels = {} as Record<Factor, Record<string, number>>;
  const names: string[] = [INTERCEPT];
  const offsets: Partial<Record<Factor, number>> = {};
  for (const factor of FACTORS) {
    if (!factors.includes(factor)) {
      levels[factor] = {};
      continue;
    }
    const coded = codeLevels(factor, rows, destination, minEvents);
    offsets[factor] = names.length;
    levels[factor] = Object.fromEntries(
      Object.entries(coded.levels).map(([l, i]) => [l, i < 0 ? i : i + names.length]),
    );
    names.push(...coded.names);
  }
  // Collapse the rows to the coded cells.
  const cells = new Map<string, { codes: number[]; events: number; exposure: number }>();
  for (const row of rows) {
    const codes = FACTORS.map((f) => levels[f][row.values[f]] ?? -1);
    if (codes.includes(STRUCTURAL_ZERO)) continue;
    const key = codes.join(',');
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { codes, events: 0, exposure: 0 }));
    cell.events += row.exits.get(destination) ?? 0;
    cell.exposure += row.exposure;
  }
  const list = [...cells.values()].filter((c) => c.exposure > 0);
  const p = names.length;
  if (p === 1) {
    const exposure = list.reduce((a, c) => a + c.exposure, 0);
    return {
      destination,
      exits,
      names,
      coefficients: [Math.log(exits / exposure)],
      covariance: [[1 / exits]],
      levels,
      dropped,
      converged: true,
    };
  }
  const fit = fitPoissonFactors({
    codes: list.map((c) => c.codes),
    events: list.map((c) => c.events),
    exposure: list.map((c) => c.exposure),
    p,
  });
  return {
    destination,
    exits,
    names,
    coefficients: fit.coefficients,
    covariance: fit.covariance,
    levels,
    dropped,
    converged: fit.converged,
  };
}

/** The linear predictor of a cause for one covariate profile. */
export function causeLinearPredictor(
  cause: CauseModel,
  values: Readonly<Record<Factor, string>>,
  coefficients: readonly number[] = cause.coefficients,
): number {
  let lp = coefficients[0]!;
  for (const factor of FACTORS) {
    const i = cause.levels[factor][values[factor]];
    if (i === STRUCTURAL_ZERO) return -Infinity;
    if (i !== undefined && i >= 0) lp += coefficients[i]!;
  }
  return lp;
}

function municipalityMultipliers(
  rows: readonly BaseRow[],
  causes: readonly CauseModel[],
): { municipalities: MunicipalityMultiplier[]; tau2: { job: number; other: number } } {
  const acc = new Map<number, { oj: number; ej: number; oo: number; eo: number }>();
  for (const row of rows) {
    if (row.municipality === null) continue;
    let a = acc.get(row.municipality);
    if (!a) acc.set(row.municipality, (a = { oj: 0, ej: 0, oo: 0, eo: 0 }));
    for (const cause of causes) {
      const expected = row.exposure * Math.exp(causeLinearPredictor(cause, row.values));
      const observed = row.exits.get(cause.destination) ?? 0;
      if (JOB_DESTINATIONS.includes(cause.destination)) {
        a.oj += observed;
        a.ej += expected;
      } else {
        a.oo += observed;
        a.eo += expected;
      }
    }
  }
  const list = [...acc.entries()].sort(([a], [b]) => a - b);
  const tau = (pairs: [number, number][]) => {
    const num = pairs.reduce((s, [o, e]) => s + (o - e) ** 2 - e, 0);
    const den = pairs.reduce((s, [, e]) => s + e * e, 0);
    return list.length < 2 || den <= 0 ? 0 : Math.max(0, num / den);
  };
  const tau2 = {
    job: tau(list.map(([, a]) => [a.oj, a.ej])),
    other: tau(list.map(([, a]) => [a.oo, a.eo])),
  };
  const shrink = (o: number, e: number, t2: number) => (t2 > 0 ? (o + 1 / t2) / (e + 1 / t2) : 1);
  return {
    tau2,
    municipalities: list.map(([municipality, a]) => ({
      municipality,
      job: shrink(a.oj, a.ej, tau2.job),
      other: shrink(a.oo, a.eo, tau2.other),
      observedJob: a.oj,
      expectedJob: a.ej,
      observedOther: a.oo,
      expectedOther: a.eo,
    })),
  };
}
