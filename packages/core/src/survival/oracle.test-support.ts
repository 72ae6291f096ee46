/**
 * Reading the R oracle's fixtures (tools/oracle/fixtures/*.json) in tests. The fixtures are JSON
 * written by tools/oracle/json.R: NA is null, and NaN, Inf and -Inf are the strings "NaN", "Inf" and
 * "-Inf". Values are read as `unknown` and checked, so a fixture of the wrong shape fails loudly.
 */

/** The agreement with R that the statistics engine promises (issue 4): relative error ≤ 1e-8. */
export const AGREEMENT = 1e-8;

export type Json = Record<string, unknown>;

export function object(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what}: expected an object`);
  return v as Json;
}

export function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${what}: expected an array`);
  return v;
}

/** A fixture number: null (R's NA) and "NaN" read as NaN, "Inf" and "-Inf" as ±Infinity. */
export function num(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (v === null || v === 'NaN') return NaN;
  if (v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  throw new Error(`${what}: expected a number, found ${JSON.stringify(v)}`);
}

export function nums(v: unknown, what: string): number[] {
  return list(v, what).map((x, i) => num(x, `${what}[${i}]`));
}

/** A number, or null where R gives NA (a median not reached). */
export function numOrNull(v: unknown, what: string): number | null {
  return v === null ? null : num(v, what);
}

export function groupValue(v: unknown, what: string): string | number | null {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  throw new Error(`${what}: expected a group value, found ${JSON.stringify(v)}`);
}

/** Relative difference |a − e| / max(|a|, |e|); 0 when both are equal, NaN or the same infinity. */
export function relativeDifference(actual: number, expected: number): number {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Infinity;
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}

/** Every place where `actual` and `expected` differ by more than `tolerance`, as readable lines. */
export function mismatches(
  label: string,
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  tolerance = AGREEMENT,
): string[] {
  if (actual.length !== expected.length)
    return [`${label}: ${actual.length} values, R has ${expected.length}`];
  const out: string[] = [];
  actual.forEach((a, i) => {
    const e = expected[i] ?? null;
    const agree = a === null || e === null ? a === e : relativeDifference(a, e) <= tolerance;
    if (!agree) out.push(`${label}[${i}]: ${a}, R ${e}`);
  });
  return out;
}
