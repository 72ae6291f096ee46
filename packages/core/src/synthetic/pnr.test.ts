import { describe, expect, it } from 'vitest';
import { epochDay } from '../weeks.ts';
import { PnrIssuer, birthYearOfPnr, centuryDigits } from './pnr.ts';

describe('synthetic CPR-like person numbers', () => {
  // CPR-kontoret's table: digit 7 of 0-3 is 1900-1999; 4 and 9 are 2000-2036 (else 1937-1999); 5-8 are 2000-2057 (else 1858-1899).
  it('reads the birth year from DDMMYY and the century digit as CPR does', () => {
    expect(birthYearOfPnr('0101503001')).toBe(1950);
    expect(birthYearOfPnr('0101104001')).toBe(2010);
    expect(birthYearOfPnr('0101504001')).toBe(1950);
    expect(birthYearOfPnr('0101369001')).toBe(2036);
    expect(birthYearOfPnr('0101605001')).toBe(1860);
    expect(birthYearOfPnr('010150300')).toBeNull();
  });

  it('uses the century digits 0-3 for births in the 1900s and 4 or 9 for 2000-2036', () => {
    expect(centuryDigits(1950)).toEqual([0, 1, 2, 3]);
    expect(centuryDigits(2009)).toEqual([4, 9]);
    expect(() => centuryDigits(1899)).toThrow(RangeError);
  });

  it('starts with the birth date as DDMMYY and ends in an odd digit for men, even for women', () => {
    const issuer = new PnrIssuer();
    const man = issuer.issue(epochDay(1985, 4, 29), true);
    const woman = issuer.issue(epochDay(2009, 2, 23), false);
    expect(man.slice(0, 6)).toBe('290485');
    expect(Number(man[9]) % 2).toBe(1);
    expect(woman.slice(0, 6)).toBe('230209');
    expect(Number(woman[9]) % 2).toBe(0);
    expect(birthYearOfPnr(man)).toBe(1985);
    expect(birthYearOfPnr(woman)).toBe(2009);
  });

  it('hands out 2,000 different numbers for men born on one day of 1970, then refuses', () => {
    const issuer = new PnrIssuer();
    const day = epochDay(1970, 6, 1);
    const numbers = new Set(Array.from({ length: 2000 }, () => issuer.issue(day, true)));
    expect(numbers.size).toBe(2000);
    expect([...numbers].every((n) => /^010670\d{3}[13579]$/.test(n) && birthYearOfPnr(n) === 1970)).toBe(
      true,
    );
    expect(() => issuer.issue(day, true)).toThrow(RangeError);
  });
});
