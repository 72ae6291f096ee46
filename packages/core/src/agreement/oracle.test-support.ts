/**
 * The agreement cases of tools/oracle/psych.R (tools/oracle/fixtures/psych.json), read and checked
 * with the survival oracle's readers so that a fixture of the wrong shape fails loudly.
 */
import oracle from '../../../../tools/oracle/fixtures/psych.json' with { type: 'json' };
import { list, num, nums, object, type Json } from '../survival/oracle.test-support.ts';

export const psych = object(oracle, 'psych.json');

/** The cases of one estimator ('kappa', 'alpha' or 'icc'), by name. */
export function cases(estimator: 'kappa' | 'alpha' | 'icc'): [string, Json][] {
  return Object.entries(object(psych[estimator], estimator)).map(([name, c]) => [name, object(c, name)]);
}

/** A fixture's data frame (named columns of numbers) as rows × columns. */
export function rowsOf(columns: unknown, what: string): { names: string[]; rows: number[][] } {
  const frame = object(columns, what);
  const names = Object.keys(frame);
  const values = names.map((name) => nums(frame[name], `${what}.${name}`));
  const n = values[0]?.length ?? 0;
  return { names, rows: Array.from({ length: n }, (_, i) => values.map((column) => column[i]!)) };
}

/** A number, or null where R gives NA. */
export const numOrNa = (v: unknown, what: string): number | null => (v === null ? null : num(v, what));

export { list, num, nums, object };
