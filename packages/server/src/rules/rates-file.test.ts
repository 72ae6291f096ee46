import { describe, expect, it } from 'vitest';
import { InputError } from '../input/input-error.ts';
import { priceRate, SHIPPED_RATES } from '@jobinvest/core';
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

  it("takes a year's satsreguleringsprocent from a satsregulering row, keeping the shipped other years", async () => {
    const file = writeTemp(
      tempDir(),
      'rates.csv',
      `${HEADER}2026,ledighedsydelse,egen,4000,week,Regnskab 2025,estimated\n2027,satsregulering,,"3,0",percent,Vores skøn,estimated\n`,
    );
    const table = await readRatesFile(file);
    expect(table.rates).toHaveLength(1);
    expect(table.regulation?.find((p) => p.year === 2027)).toEqual({
      year: 2027,
      percent: 3,
      source: 'Vores skøn',
      status: 'estimated',
    });
    expect(table.regulation?.find((p) => p.year === 2026)?.percent).toBe(4.5);
    // 4,000 × 1.03 = 4,120 a week in 2027; 4,120 × 1.03 = 4,243.6 → 4,244 in 2028 (the 2027 percentage carried).
    const at = (year: number) => {
      const found = priceRate(table, 'ledighedsydelse', 'egen', year);
      return found.ok ? found.rate.amount : null;
    };
    expect([at(2027), at(2028)]).toEqual([4_120, 4_244]);
  });

  it('keeps the shipped amounts when the file only gives percentages', async () => {
    const file = writeTemp(
      tempDir(),
      'satsreg.csv',
      `${HEADER}2027,satsregulering,,4.05,percent,L 161,estimated\n`,
    );
    const table = await readRatesFile(file);
    expect(table.rates).toBe(SHIPPED_RATES.rates);
    expect(table.version).toMatch(/^shipped-2026-12 \+ satsreg\.csv#[0-9a-f]{12}$/);
    // Grundsats 7,529 (2026) × 1.0405 = 7,833.9 → 7,834.
    const found = priceRate(table, 'kontanthjaelp', 'grundsats', 2027);
    expect(found.ok && found.rate.amount).toBe(7_834);
  });

  it('refuses a percentage in another unit and a rate in percent', async () => {
    const file = writeTemp(
      tempDir(),
      'rates.csv',
      `${HEADER}2027,satsregulering,,4.5,month,s,estimated\n2027,kontanthjaelp,x,4.5,percent,s,estimated\n`,
    );
    const error: unknown = await readRatesFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as InputError).problems.map((p) => `${p.line}:${p.column}:${p.expected}`)).toEqual([
      '2:unit:percent for satsregulering',
      '3:unit:week, month, year (percent only for satsregulering)',
    ]);
  });
});
