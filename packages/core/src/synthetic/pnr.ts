/**
 * Synthetic CPR-like person numbers (PNR): DDMMYY of the real birth date, then four digits that
 * follow the CPR rules a reader uses to decode them: the 7th digit gives the century (0-3: 1900-1999;
 * 4 or 9: 2000-2036; 5-8: 2037-2057, CPR-kontoret's table) and the last digit is odd for men and even
 * for women. The numbers are made up, not drawn from any register, and do not follow the old
 * modulus-11 check (numbers issued since 2007 need not either), so they can coincide with a real
 * person's number only by accident; they are not personal data of anyone.
 */

import { civilOf } from '../weeks.ts';

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** The 7th digits that CPR uses for a birth year. */
export function centuryDigits(year: number): readonly number[] {
  if (year >= 1900 && year <= 1999) return [0, 1, 2, 3];
  if (year >= 2000 && year <= 2036) return [4, 9];
  if (year >= 2037 && year <= 2057) return [5, 6, 7, 8];
  throw new RangeError(`synthetic person numbers cover births 1900-2057, found ${year}`);
}

/** Birth year of a 10-digit CPR-like number from DDMMYY and the 7th digit; `null` if the digits do not fit the rules. */
export function birthYearOfPnr(pnr: string): number | null {
  const match = /^(\d{2})(\d{2})(\d{2})(\d)\d{3}$/.exec(pnr);
  if (!match) return null;
  const yy = Number(match[3]);
  const d7 = Number(match[4]);
  if (d7 <= 3) return 1900 + yy;
  if (d7 === 4 || d7 === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/**
 * Hands out unique synthetic PNRs. The k-th number for a birth date and sex (k = 0, 1, …) takes
 * century digit `digits[k mod c]` and serial `s = floor(k / c)`, scrambled to `(337 s + day) mod 500`
 * (a bijection on 0..499, so numbers do not run 0001, 0003, …); the last three digits are
 * `2 s' + 1` for men and `2 s'` for women. That gives 500 numbers per century digit, sex and date:
 * far more than a population of ten million needs (about 250 per date and sex).
 */
export class PnrIssuer {
  private readonly issued = new Map<number, number>();

  /** The next unused number for a person born on `birthDay` (days since 1970-01-01). */
  issue(birthDay: number, male: boolean): string {
    const key = birthDay * 2 + (male ? 1 : 0);
    const k = this.issued.get(key) ?? 0;
    this.issued.set(key, k + 1);
    const { year, month, day } = civilOf(birthDay);
    const digits = centuryDigits(year);
    const serial = Math.floor(k / digits.length);
    if (serial >= 500) {
      throw new RangeError(`more than ${500 * digits.length} persons share a birth date and sex`);
    }
    const scrambled = (337 * serial + (((birthDay % 500) + 500) % 500)) % 500;
    const last3 = String(2 * scrambled + (male ? 1 : 0)).padStart(3, '0');
    return `${pad2(day)}${pad2(month)}${pad2(year % 100)}${digits[k % digits.length]}${last3}`;
  }
}
