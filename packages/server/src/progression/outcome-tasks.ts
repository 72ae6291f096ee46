/**
 * The outcome analysis as a task of the worker pool (workers/pool.ts): the measured persons of a
 * municipality, read in SQL (outcomes.ts), go in as plain data; core's `analyseOutcomes` fits the
 * hazard, discrimination, intervention and caseworker models in the worker.
 */

import {
  analyseOutcomes,
  type OutcomeAnalysis,
  type OutcomeOptions,
  type OutcomePerson,
} from '@jobinvest/core';

export const outcomeTasks = {
  'progression.outcomes': (input: {
    readonly persons: readonly OutcomePerson[];
    readonly options?: OutcomeOptions;
  }): OutcomeAnalysis => analyseOutcomes(input.persons, input.options),
};
