/**
 * The business case per citizen at the server's edges: the case read from what a person gave us
 * (a file, a request body; numbers as JSON numbers or as Danish text, "25.000", "0,2"), and today,
 * read here, as the date whose refusion rules price the lines that name a benefit and a step.
 */

import {
  businessCase,
  copenhagenDateOf,
  validateBusinessCase,
  weekIndexOfInstant,
  type BusinessCaseInput,
  type BusinessCaseResult,
} from '@jobinvest/core';
import { parseNumber } from '../input/numbers.ts';

export interface BusinessCaseAnswer {
  readonly input: BusinessCaseInput;
  readonly result: BusinessCaseResult;
  /** The day (YYYY-MM-DD, Danish time) the case was computed on; its rules are those of that day's week. */
  readonly date: string;
}

/** `json` checked (a BusinessCaseError names every problem) and computed with the rules in force at `now`. */
export function businessCaseAt(json: unknown, now: Date): BusinessCaseAnswer {
  const input = validateBusinessCase(json, parseNumber);
  return { input, result: businessCase(input, weekIndexOfInstant(now)), date: copenhagenDateOf(now) };
}
