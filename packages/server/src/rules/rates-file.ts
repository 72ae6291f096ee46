/**
 * A user's own rate table, replacing the shipped one: a CSV with the columns
 * `year, benefit, variant, amount, unit, source, status`. `benefit` is a rate-table benefit
 * (`kontanthjaelp`) or a catalogue code (`ledighedsydelse`); amounts may be written the Danish way.
 * The table's version names the file and the first 12 hex digits of its SHA-256, so every result
 * says exactly which table it used.
 */

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  BENEFIT_CODES,
  RATE_BENEFITS,
  RATE_STATUSES,
  RATE_UNITS,
  SHIPPED_RATES,
  type Rate,
  type RateStatus,
  type RateTable,
  type RateUnit,
} from '@jobinvest/core';
import { parseCsvBytes, readFileBytes, requireColumns } from '../input/csv.ts';
import { InputError, ProblemList } from '../input/input-error.ts';
import { parseNumber } from '../input/numbers.ts';
import type { Config } from '../config.ts';

export const RATE_COLUMNS = ['year', 'benefit', 'variant', 'amount', 'unit', 'source', 'status'] as const;

const BENEFIT_NAMES: readonly string[] = [...RATE_BENEFITS, ...BENEFIT_CODES];

export async function readRatesFile(path: string): Promise<RateTable> {
  const bytes = await readFileBytes(path, 'a readable rates CSV file');
  const records = requireColumns(parseCsvBytes(bytes, path), RATE_COLUMNS);
  const problems = new ProblemList();
  const rates: Rate[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const at = (column: string) => ({ file: path, line, column });
    const year = Number(fields.year);
    if (!/^\d{4}$/.test(fields.year))
      problems.add({ ...at('year'), expected: 'a year such as 2026', found: fields.year });
    if (!BENEFIT_NAMES.includes(fields.benefit)) {
      problems.add({
        ...at('benefit'),
        expected: `one of ${RATE_BENEFITS.join(', ')} or a catalogue code`,
        found: fields.benefit,
      });
    }
    const amount = parseNumber(fields.amount);
    if (amount === null || amount < 0)
      problems.add({ ...at('amount'), expected: 'a non-negative amount in kroner', found: fields.amount });
    if (!(RATE_UNITS as readonly string[]).includes(fields.unit)) {
      problems.add({ ...at('unit'), expected: RATE_UNITS.join(', '), found: fields.unit });
    }
    if (!(RATE_STATUSES as readonly string[]).includes(fields.status)) {
      problems.add({ ...at('status'), expected: RATE_STATUSES.join(', '), found: fields.status });
    }
    if (fields.source === '')
      problems.add({ ...at('source'), expected: 'where the amount comes from', found: '' });
    const key = `${fields.year}|${fields.benefit}|${fields.variant}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.add({
        ...at('variant'),
        expected: `one row per year, benefit and variant (line ${earlier} has the same)`,
        found: fields.variant,
      });
    }
    seen.set(key, line);
    if (amount !== null) {
      rates.push({
        year,
        benefit: fields.benefit as Rate['benefit'],
        variant: fields.variant,
        amount,
        unit: fields.unit as RateUnit,
        source: fields.source,
        status: fields.status as RateStatus,
      });
    }
  }
  problems.throwIfAny();
  if (rates.length === 0)
    throw new InputError({ file: path, line: 2, expected: 'at least one rate', found: 'no rows' });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return { version: `${basename(path)}#${hash}`, rates };
}

/** The rate table of a configuration: its rates file, or the shipped table. */
export async function ratesFor(config: Config): Promise<RateTable> {
  return config.ratesFile === null ? SHIPPED_RATES : readRatesFile(config.ratesFile);
}
