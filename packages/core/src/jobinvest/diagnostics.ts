/**
 * Model control: observed against predicted, per origin state, on the cells the model was estimated
 * from. For each duration band the observed weekly exit probability (exits / trials) and the
 * predicted one averaged over the same person-weeks (so composition is the data's own), the survival
 * curves these imply week by week, and moves by destination, observed and predicted, in total and as
 * cumulative incidence curves by spell week. Large gaps say the model misses something the data show.
 */

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
