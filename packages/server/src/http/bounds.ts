/**
 * Numbers a request can give and still be computed with. JSON cannot carry Infinity, but 1e308 is
 * finite and valid, and kroner × participants × weeks overflows long before it: an amount too large
 * to compute with is refused with 422 naming the field and its maximum, where a malformed document
 * (a negative amount, a string for a number) is refused with 400. And, as the last guard, an answer
 * whose figures are not finite numbers is refused with 422 naming the figure, rather than sent with
 * nulls (JSON.stringify writes Infinity and NaN as null) or failing with 500.
 */

import { z } from '@hono/zod-openapi';
import { formatNumber } from '@jobinvest/core';
import { DataError } from '../data/errors.ts';

/** The range a number must keep for the computation; beyond it the request is answered 422. */
export interface ComputableRange {
  readonly min?: number;
  readonly max?: number;
}

/** The key of a zod issue's params that marks it as a number beyond its computable range. */
const RANGE = 'computableRange';

/**
 * `schema` limited to `range`, in `unit` (e.g. "kr per participant"): a value beyond it is a zod
 * issue marked as such, which app.ts answers 422 with `{ field, max | min, found }`, and parseCase
 * and the CLI report as "field: at most …". The range is in the OpenAPI description.
 */
export function computable(schema: z.ZodNumber, range: ComputableRange, unit: string): z.ZodNumber {
  return schema
    .superRefine((x, ctx) => {
      const bound =
        range.max !== undefined && x > range.max
          ? `at most ${formatNumber(range.max)} ${unit}`
          : range.min !== undefined && x < range.min
            ? `at least ${formatNumber(range.min, decimalsOf(range.min))} ${unit}`
            : null;
      if (bound)
        ctx.addIssue({
          code: 'custom',
          message: `${bound} (a number beyond it cannot be computed with), found ${x}`,
          params: { [RANGE]: range, found: x },
        });
    })
    .openapi({
      ...(range.max === undefined ? {} : { maximum: range.max }),
      // The bound is inclusive, whatever the schema's own minimum was (positive() is exclusive).
      ...(range.min === undefined ? {} : { minimum: range.min, exclusiveMinimum: false }),
    });
}

/** The decimals `x` is written with: 0.1 → 1, -0.5 → 1, 1e9 → 0. */
function decimalsOf(x: number): number {
  return String(x).split('.')[1]?.length ?? 0;
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly params?: Record<string, unknown>;
}

/**
 * The 422 answer of a request whose only problems are numbers beyond their computable range, or
 * null when it has other problems (a malformed document is a 400, whatever else it has).
 */
export function outOfRange(
  issues: readonly Issue[],
): { error: string; details: Record<string, unknown>[] } | null {
  if (issues.length === 0) return null;
  const details: Record<string, unknown>[] = [];
  for (const issue of issues) {
    const range =
      issue.code === 'custom' ? (issue.params?.[RANGE] as ComputableRange | undefined) : undefined;
    if (!range) return null;
    details.push({ field: issue.path.join('.'), ...range, found: issue.params?.found });
  }
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return { error: `${first.path.join('.')}: ${first.message}${more}`, details };
}

/**
 * `value`, checked to hold only finite numbers: the first figure that is not (Infinity, NaN) is a
 * DataError (422) naming it by its path, e.g. `years.3.difference`.
 */
export function finiteFigures<T>(value: T): T {
  const path: (string | number)[] = [];
  const found = firstNonFinite(value, path);
  if (found !== null) {
    const field = path.join('.');
    throw new DataError(
      `${field}: the figure is not a finite number (${found}); the inputs are too large to compute with, ask for smaller amounts or a shorter horizon`,
      { details: [{ field, found: String(found) }] },
    );
  }
  return value;
}

/** The first number in `value` that is not finite, with `path` left at where it is; else null. */
function firstNonFinite(value: unknown, path: (string | number)[]): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : value;
  if (value === null || typeof value !== 'object') return null;
  const entries: Iterable<[string | number, unknown]> = Array.isArray(value)
    ? value.entries()
    : Object.entries(value);
  for (const [key, item] of entries) {
    path.push(key);
    const found = firstNonFinite(item, path);
    if (found !== null) return found;
    path.pop();
  }
  return null;
}
