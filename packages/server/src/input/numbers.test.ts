import { describe, expect, it } from 'vitest';
import { parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it('reads Danish numbers with thousands dot and decimal comma', () => {
    expect(parseNumber('1.234,50')).toBe(1234.5);
    expect(parseNumber('21.092')).toBe(21092);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('1234,5')).toBe(1234.5);
    expect(parseNumber('-3,5')).toBe(-3.5);
    expect(parseNumber('12 345')).toBe(12345);
  });

  it('reads plain numbers with a decimal point', () => {
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('0.035')).toBe(0.035);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('1e3')).toBe(1000);
  });

  it('refuses what is not a number', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('1,2,3')).toBeNull();
    expect(parseNumber('12kr')).toBeNull();
  });
});
