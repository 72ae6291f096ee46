/**
 * What the commands share in reading their options and writing their answers: parsers for option
 * values (each a commander InvalidArgumentError with what was expected), the usage error, and JSON.
 */

import { fromYyyyww, toYyyyww, WeekError, weekIndexOfInstant } from '@jobinvest/core';
import { InvalidArgumentError } from 'commander';

/** A user error that is not about a file: a bad option value or a missing year. */
export class UsageError extends Error {}

/** An annual discount rate: "0.035", "3.5%" or "3,5 %". */
export function parseRate(text: string): number {
  const s = text.replace(/\s/g, '').replace(',', '.');
  const percent = s.endsWith('%');
  const x = Number(percent ? s.slice(0, -1) : s);
  if (s === '' || s === '%' || !Number.isFinite(x)) {
    throw new InvalidArgumentError(`expected a rate such as 0.035 or 3.5%, found "${text}"`);
  }
  if (!percent && Math.abs(x) >= 1) {
    throw new InvalidArgumentError(
      `expected a rate as a fraction (0.035) or with a percent sign (3.5%), found "${text}"`,
    );
  }
  return percent ? x / 100 : x;
}

/** Yearly flows "F0,F1,…" with a decimal point: "-100,30,30". */
export function parseFlows(text: string): number[] {
  const parts = text.split(',');
  return parts.map((part, t) => {
    const x = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(x)) {
      throw new InvalidArgumentError(
        `expected comma-separated numbers such as -100,30,30; flow ${t} is "${part}"`,
      );
    }
    return x;
  });
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, found "${text}"`);
  return port;
}

export function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError(`expected a whole number above 0, found "${text}"`);
  return Number(text);
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError(`expected a year such as 2025, found "${text}"`);
  return Number(text);
}

/**
 * The ISO week (`YYYYWW`) of the day before `now` in Copenhagen: the week the data can reach on that
 * day, the current one but on a Monday (whose week has no day behind it yet). The command line's
 * edge reads the clock and passes it in. (24 hours back is the day before, or on the morning after a
 * 23-hour Sunday the Saturday: a day of the same week.)
 */
export function weekOfYesterday(now: Date): number {
  return toYyyyww(weekIndexOfInstant(new Date(now.getTime() - 86_400_000)));
}

/** A command's answer as indented JSON with a final newline. */
export const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** A week as YYYYWW (202601), as its week index. */
export function parseWeek(text: string): number {
  if (!/^\d{6}$/.test(text))
    throw new InvalidArgumentError(`expected a week as YYYYWW, e.g. 202601, found "${text}"`);
  try {
    return fromYyyyww(text);
  } catch (error) {
    if (error instanceof WeekError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** A 3-digit municipality code. */
export function parseMunicipality(text: string): number {
  if (!/^\d{3}$/.test(text))
    throw new InvalidArgumentError(`expected a 3-digit municipality code, found "${text}"`);
  return Number(text);
}
