/**
 * Model control: observed against predicted, per origin state, on the cells the model was estimated
 * from. For each duration band the observed weekly exit probability (exits / trials) and the
 * predicted one averaged over the same person-weeks (so composition is the data's own), the survival
 * curves these imply week by week, and moves by destination, observed and predicted, in total and as
 * cumulative incidence curves by spell week. Large gaps say the model misses something the data show.
 *
 * `ownDiagnostics` does this for one municipality: its cells only (the spells that started while the
 * person lived there), so the prediction is the model applied to the municipality's own
 * composition, and its observed survival is the Kaplan-Meier curve of its own spells.
 */

import { kaplanMeierFromCounts } from '../survival/kaplan-meier.ts';
import { durationBandOf, MODEL_DURATION_BANDS } from './covariates.ts';
import type { TransitionCell } from './data.ts';
import { causeLinearPredictor, cellValues, JOB_DESTINATIONS, type TransitionModel } from './model.ts';

export interface BandDiagnostic {
  readonly band: string;
  readonly trials: number;
  readonly observed: number;
  readonly predicted: number;
}

export interface StateDiagnostic {
  readonly state: string;
  readonly bands: readonly BandDiagnostic[];
  /** Survival S(d) for spell weeks d = 0 … 156, from the band probabilities. */
  readonly survival: { readonly week: number; readonly observed: number; readonly predicted: number }[];
  readonly destinations: {
    readonly destination: string;
    readonly observed: number;
    readonly predicted: number;
    /** Cumulative incidence of moves to the destination by spell week 0 … 156, from the band probabilities. */
    readonly curve: { readonly week: number; readonly observed: number; readonly predicted: number }[];
  }[];
}

export function modelDiagnostics(
  model: TransitionModel,
  cells: readonly TransitionCell[],
): StateDiagnostic[] {
  return model.states.map((sm) => {
    const bandTrials = new Float64Array(MODEL_DURATION_BANDS.length);
    const bandExits = new Float64Array(MODEL_DURATION_BANDS.length);
    const bandPredicted = new Float64Array(MODEL_DURATION_BANDS.length);
    const observedTo = new Map<string, number>();
    const predictedTo = new Map<string, number>();
    /** Moves by band and destination, observed and predicted, keyed "band|destination". */
    const observedBand = new Map<string, number>();
    const predictedBand = new Map<string, number>();
    const add = (map: Map<string, number>, key: string, x: number) => map.set(key, (map.get(key) ?? 0) + x);
    for (const cell of cells) {
      if (cell.state !== sm.state || cell.trials === 0) continue;
      const values = cellValues(cell);
      const m = sm.municipalities.find((x) => x.municipality === cell.municipality);
      const rates = sm.causes.map(
        (c) =>
          Math.exp(causeLinearPredictor(c, values)) *
          (m ? (JOB_DESTINATIONS.includes(c.destination) ? m.job : m.other) : 1),
      );
      const total = rates.reduce((a, b) => a + b, 0);
      const leave = total > 0 ? -Math.expm1(-total) : 0;
      let exits = 0;
      for (const [d, n] of Object.entries(cell.exits)) {
        exits += n;
        add(observedTo, d, n);
        add(observedBand, `${cell.band}|${d}`, n);
      }
      sm.causes.forEach((c, i) => {
        const moves = cell.trials * (total > 0 ? (rates[i]! / total) * leave : 0);
        add(predictedTo, c.destination, moves);
        add(predictedBand, `${cell.band}|${c.destination}`, moves);
      });
      bandTrials[cell.band] = bandTrials[cell.band]! + cell.trials;
      bandExits[cell.band] = bandExits[cell.band]! + exits;
      bandPredicted[cell.band] = bandPredicted[cell.band]! + cell.trials * leave;
    }
    const bands = MODEL_DURATION_BANDS.map((b, i) => ({
      band: b.label,
      trials: bandTrials[i]!,
      observed: bandTrials[i]! > 0 ? bandExits[i]! / bandTrials[i]! : 0,
      predicted: bandTrials[i]! > 0 ? bandPredicted[i]! / bandTrials[i]! : 0,
    }));
    const survival = [{ week: 0, observed: 1, predicted: 1 }];
    for (let d = 1; d <= 156; d++) {
      const i = durationBandOf(d);
      const last = survival[survival.length - 1]!;
      survival.push({
        week: d,
        observed: last.observed * (1 - bands[i]!.observed),
        predicted: last.predicted * (1 - bands[i]!.predicted),
      });
    }
    const destinations = [...new Set([...observedTo.keys(), ...predictedTo.keys()])]
      .sort()
      .map((destination) => {
        const share = (map: Map<string, number>, band: number) =>
          bandTrials[band]! > 0 ? (map.get(`${band}|${destination}`) ?? 0) / bandTrials[band]! : 0;
        const curve = [{ week: 0, observed: 0, predicted: 0 }];
        for (let d = 1; d <= 156; d++) {
          const band = durationBandOf(d);
          const last = curve[curve.length - 1]!;
          curve.push({
            week: d,
            observed: last.observed + survival[d - 1]!.observed * share(observedBand, band),
            predicted: last.predicted + survival[d - 1]!.predicted * share(predictedBand, band),
          });
        }
        return {
          destination,
          observed: observedTo.get(destination) ?? 0,
          predicted: predictedTo.get(destination) ?? 0,
          curve,
        };
      });
    return { state: sm.state, bands, survival, destinations };
  });
}

/** Spells of one state that lasted `weeks` weeks (their weeks with a known outcome), by outcome. */
export interface SpellDurations {
  readonly state: string;
  readonly weeks: number;
  /** Spells that ended in a move after `weeks` weeks. */
  readonly events: number;
  /** Spells still running (or reaching 67) after `weeks` weeks. */
  readonly censored: number;
}

/** Spell weeks the diagnostics show: 0 … 156 (three years). */
export const DIAGNOSTIC_WEEKS = 156;

export interface OwnSurvivalPoint {
  readonly week: number;
  /** Kaplan-Meier survival of the spells; `null` after the last spell week with anyone at risk. */
  readonly observed: number | null;
  /** Its pointwise 95 % confidence limits (log scale, as R's survfit); `null` where undefined. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Spells at risk in the week (still running at its start). */
  readonly atRisk: number;
  /** The model's survival for the same person-weeks (its own composition). */
  readonly predicted: number;
}

export interface OwnDiagnostic extends Omit<StateDiagnostic, 'survival'> {
  /** Spells in the Kaplan-Meier curve, and how many of them ended in a move. */
  readonly spells: number;
  readonly moves: number;
  readonly survival: readonly OwnSurvivalPoint[];
}

/**
 * One municipality's model check per state: the Kaplan-Meier curve (survival/kaplan-meier.ts, R's
 * survfit conventions) of the municipality's own spells, given as their count table `durations`,
 * against the model's survival for the municipality's own person-weeks `cells` (modelDiagnostics on
 * them: per duration band, the predicted exit probability averaged over the weeks at risk in it).
 * States without a spell are left out.
 */
export function ownDiagnostics(
  model: TransitionModel,
  cells: readonly TransitionCell[],
  durations: readonly SpellDurations[],
): OwnDiagnostic[] {
  const predicted = new Map(modelDiagnostics(model, cells).map((d) => [d.state, d]));
  const out: OwnDiagnostic[] = [];
  for (const sm of model.states) {
    const own = durations.filter((d) => d.state === sm.state && d.events + d.censored > 0);
    const diagnostic = predicted.get(sm.state)!;
    if (own.length === 0) continue;
    const curve = kaplanMeierFromCounts({
      time: own.map((d) => d.weeks),
      nEvent: own.map((d) => d.events),
      nCensor: own.map((d) => d.censored),
    });
    const spells = own.reduce((a, d) => a + d.events + d.censored, 0);
    const lastWeek = Math.max(...own.map((d) => d.weeks));
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    const survival: OwnSurvivalPoint[] = [];
    let row = -1;
    for (let week = 0; week <= DIAGNOSTIC_WEEKS; week++) {
      while (row + 1 < curve.rows.length && curve.rows[row + 1]!.time <= week) row++;
      const at = row >= 0 ? curve.rows[row]! : null;
      const shown = week <= lastWeek;
      survival.push({
        week,
        observed: shown ? (at?.survival ?? 1) : null,
        lower: shown ? (at ? finite(at.lower) : 1) : null,
        upper: shown ? (at ? finite(at.upper) : 1) : null,
        // Week 0 is the spells' start: all of them.
        atRisk: own.reduce((a, d) => (d.weeks >= Math.max(week, 1) ? a + d.events + d.censored : a), 0),
        predicted: diagnostic.survival[week]!.predicted,
      });
    }
    out.push({
      state: diagnostic.state,
      bands: diagnostic.bands,
      destinations: diagnostic.destinations,
      spells,
      moves: own.reduce((a, d) => a + d.events, 0),
      survival,
    });
  }
  return out;
}
