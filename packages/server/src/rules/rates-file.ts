/**
 * A user's own rate table, replacing the shipped one: a CSV with the columns
 * `year, benefit, variant, amount, unit, source, status`. `benefit` is a rate-table benefit
 * (`kontanthjaelp`) or a catalogue code (`ledighedsydelse`); amounts may be written the Danish way.
 * A row with `benefit` `satsregulering` and `unit` `percent` (variant empty) gives the
 * satsreguleringsprocent of its year: it replaces the shipped percentage of that year, and the
 * shipped ones of the other years stay, so a table of 2025 amounts is still regulated to 2027. A
 * file of such rows only keeps the shipped amounts and regulates them by its percentages.
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
  SATSREGULERING,
  SHIPPED_RATES,
  type Rate,
  type RegulationPercentage,
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

/** The `benefit` of a row that gives a year's satsreguleringsprocent, with `unit` `percent`. */
export const REGULATION_BENEFIT = 'satsregulering';
const PERCENT = 'percent';

export async function readRatesFile(path: string): Promise<RateTable> {
  const bytes = await readFileBytes(path, 'a readable rates CSV file');
  const records = requireColumns(parseCsvBytes(bytes, path), RATE_COLUMNS);
  const problems = new ProblemList();
  const rates: Rate[] = [];
  const percentages: RegulationPercentage[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const at = (column: string) => ({ file: path, line, column });
    const year = Number(fields.year);
    if (!/^\d{4}$/.test(fields.year))
      problems.add({ ...at('year'), expected: 'a year such as 2026', found: fields.year });
    const regulation = fields.benefit === REGULATION_BENEFIT;
    if (!regulation && !BENEFIT_NAMES.includes(fields.benefit)) {
      problems.add({
        ...at('benefit'),
        expected: `one of ${RATE_BENEFITS.join(', ')}, a catalogue code or ${REGULATION_BENEFIT}`,
        found: fields.benefit,
      });
    }
    const amount = parseNumber(fields.amount);
    if (regulation) {
      if (amount === null || amount <= -100 || amount > 100)
        problems.add({
          ...at('amount'),
          expected: 'the satsreguleringsprocent in percent, such as 4,5 (above −100, at most 100)',
          found: fields.amount,
        });
      if (fields.unit !== PERCENT)
        problems.add({ ...at('unit'), expected: `${PERCENT} for ${REGULATION_BENEFIT}`, found: fields.unit });
    } else {
      if (amount === null || amount < 0)
        problems.add({ ...at('amount'), expected: 'a non-negative amount in kroner', found: fields.amount });
      if (!(RATE_UNITS as readonly string[]).includes(fields.unit)) {
        problems.add({
          ...at('unit'),
          expected: `${RATE_UNITS.join(', ')} (${PERCENT} only for ${REGULATION_BENEFIT})`,
          found: fields.unit,
        });
      }
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
    if (regulation) {
      if (amount !== null)
        percentages.push({
          year,
          percent: amount,
          source: fields.source,
          status: fields.status as RateStatus,
        });
    } else if (amount !== null) {
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
  if (rates.length === 0 && percentages.length === 0)
    throw new InputError({ file: path, line: 2, expected: 'at least one rate', found: 'no rows' });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const own = new Set(percentages.map((p) => p.year));
  const regulation = [...SATSREGULERING.filter((p) => !own.has(p.year)), ...percentages].sort(
    (a, b) => a.year - b.year,
  );
  const version = `${basename(path)}#${hash}`;
  // Only percentages: the shipped amounts, regulated by them.
  if (rates.length === 0)
    return { version: `${SHIPPED_RATES.version} + ${version}`, rates: SHIPPED_RATES.rates, regulation };
  return { version, rates, regulation };
}

/** The rate table of a configuration: its rates file, or the shipped table. */
export async function ratesFor(config: Config): Promise<RateTable> {
  return config.ratesFile === null ? SHIPPED_RATES : readRatesFile(config.ratesFile);
}
