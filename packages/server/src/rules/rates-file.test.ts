import { describe, expect, it } from 'vitest';
import { InputError } from '../input/input-error.ts';
import { readRatesFile } from './rates-file.ts';
import { tempDir, writeTemp } from '../cli/test-helpers.ts';

const HEADER = 'year,benefit,variant,amount,unit,source,status\n';

describe("a user's rates file", () => {
  it('replaces the shipped table and names itself by file and hash', async () => {
    const file = writeTemp(
      tempDir(),
      'rates.csv',
      `${HEADER}2026,ledighedsydelse,egen,4100,week,Regnskab 2025,estimated\n`,
    );
    const table = await readRatesFile(file);
    expect(table.rates).toEqual([
      {
        year: 2026,
        benefit: 'ledighedsydelse',
        variant: 'egen',
        amount: 4100,
        unit: 'week',
        source: 'Regnskab 2025',
        status: 'estimated',
      },
    ]);
    expect(table.version).toMatch(/^rates\.csv#[0-9a-f]{12}$/);
  });

  it('names every bad field with its line', async () => {
    const file = writeTemp(
      tempDir(),
      'rates.csv',
      `${HEADER}26,kontanthjaelp,x,1,month,s,verified\n2026,kontanthjaelp,x,-5,fortnight,s,guess\n`,
    );
    await expect(readRatesFile(file)).rejects.toThrow(
      `${file}, line 2, column year: expected a year such as 2026, found "26" (and 3 more problems)`,
    );
    const error: unknown = await readRatesFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      '2:year',
      '3:amount',
      '3:unit',
      '3:status',
    ]);
  });

  it('refuses the same year, benefit and variant twice', async () => {
    const file = writeTemp(
      tempDir(),
      'rates.csv',
      `${HEADER}2026,kontanthjaelp,x,1,month,s,verified\n2026,kontanthjaelp,x,2,month,s,verified\n`,
    );
    await expect(readRatesFile(file)).rejects.toThrow(
      /line 3, column variant: expected one row per year, benefit and variant \(line 2 has the same\)/,
    );
  });
});
