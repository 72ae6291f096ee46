/**
 * The outcome analysis and the measurement's quality as tasks of the worker pool (workers/pool.ts): the measured persons of a
 * municipality, read in SQL (outcomes.ts), go in as plain data; core's `analyseOutcomes` fits the
 * hazard, discrimination, intervention and caseworker models in the worker.
 */

import {
  analyseOutcomes,
  measurementQuality,
  type MeasurementQuality,
  type QualityMeasurement,
  type OutcomeAnalysis,
  type OutcomeOptions,
  type OutcomePerson,
} from '@jobinvest/core';

export const outcomeTasks = {
  'progression.outcomes': (input: {
    readonly persons: readonly OutcomePerson[];
    readonly options?: OutcomeOptions;
  }): OutcomeAnalysis => analyseOutcomes(input.persons, input.options),
  /** The measurement's quality (quality.ts): about a second for the largest municipality's 50,000 measurements. */
  'progression.quality': (input: {
    readonly measurements: readonly QualityMeasurement[];
  }): MeasurementQuality => measurementQuality(input.measurements),
};
