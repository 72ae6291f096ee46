import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES, allocatePersons, selectMunicipalities } from './municipalities.ts';

describe('the municipality table', () => {
  it('holds the 98 municipalities, each code once, and not Christiansø (411)', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(MUNICIPALITIES.some((m) => m.code === 411)).toBe(false);
  });

  it('names the municipalities by their Danmarks Statistik codes', () => {
    const name = (code: number) => MUNICIPALITIES.find((m) => m.code === code)?.name;
    expect([101, 147, 151, 175, 461, 561, 630, 751, 791, 825, 851].map(name)).toEqual([
      'København',
      'Frederiksberg',
      'Ballerup',
      'Rødovre',
      'Odense',
      'Esbjerg',
      'Vejle',
      'Aarhus',
      'Viborg',
      'Læsø',
      'Aalborg',
    ]);
  });

  // Danmarks Statistik: 5,961,249 inhabitants on 1 January 2024.
  it('adds up to within 1 % of the Danish population on 1 January 2024', () => {
    const total = MUNICIPALITIES.reduce((sum, m) => sum + m.population, 0);
    expect(Math.abs(total / 5_961_249 - 1)).toBeLessThan(0.01);
  });
});

describe('choosing municipalities', () => {
  it('takes København for one, København and Læsø (largest and smallest) for two, all for 98', () => {
    expect(selectMunicipalities(1).map((m) => m.code)).toEqual([101]);
    expect(selectMunicipalities(2).map((m) => m.code)).toEqual([101, 825]);
    expect(selectMunicipalities(98)).toHaveLength(98);
  });

  it('takes size ranks 1, 25, 49, 74 and 98 for five, in code order', () => {
    expect(selectMunicipalities(5).map((m) => `${m.code} ${m.name}`)).toEqual([
      '101 København',
      '376 Guldborgsund',
      '575 Vejen',
      '825 Læsø',
      '840 Rebild',
    ]);
  });

  it('refuses 0 and 99 municipalities', () => {
    expect(() => selectMunicipalities(0)).toThrow(RangeError);
    expect(() => selectMunicipalities(99)).toThrow(RangeError);
  });
});

describe('allocating persons', () => {
  const mun = (code: number, population: number) => ({ code, name: String(code), population });

  it('gives exact quotas when they are whole: 750 and 250 of 1,000 for populations 3:1', () => {
    expect(allocatePersons(1000, [mun(1, 300), mun(2, 100)])).toEqual([750, 250]);
  });

  it('gives the leftover persons to the largest remainders (Hamilton): 10 over 1:1:1 is 4, 3, 3', () => {
    expect(allocatePersons(10, [mun(1, 5), mun(2, 5), mun(3, 5)])).toEqual([4, 3, 3]);
    expect(allocatePersons(10, [mun(1, 1), mun(2, 2), mun(3, 7)])).toEqual([1, 2, 7]);
  });

  it('stays within one person of the exact quota for every municipality and sums to the total', () => {
    const chosen = selectMunicipalities(17);
    const counts = allocatePersons(12_345, chosen);
    const total = chosen.reduce((sum, m) => sum + m.population, 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12_345);
    chosen.forEach((m, k) => expect(Math.abs(counts[k]! - (12_345 * m.population) / total)).toBeLessThan(1));
  });
});
