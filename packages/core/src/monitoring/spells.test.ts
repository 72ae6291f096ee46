import { describe, expect, it } from 'vitest';
import { epochDay, fromYyyyww, toYyyyww, weeksInIsoYear } from '../weeks.ts';
import {
  calendarWeeks,
  holdsWholeMonth,
  monthsAfter,
  jobindsatsSpells,
  statusWeekAfter,
  weeksHoldWholeMonth,
  type JobindsatsSpell,
} from './spells.ts';

const w = (code: number) => fromYyyyww(code);
const window = { first: w(202001), last: w(202252) };
/** Spells with their weeks as YYYYWW, for reading against the hand count. */
const spells = (codes: number[], within = window) =>
  jobindsatsSpells(codes.map(w), within).map((s: JobindsatsSpell) => ({
    ...s,
    first: toYyyyww(s.first),
    last: toYyyyww(s.last),
  }));

describe('holdsWholeMonth', () => {
  it('is true exactly when the days hold every day of some calendar month', () => {
    expect(holdsWholeMonth(epochDay(2021, 2, 1), epochDay(2021, 2, 28))).toBe(true);
    expect(holdsWholeMonth(epochDay(2021, 2, 1), epochDay(2021, 2, 27))).toBe(false);
    expect(holdsWholeMonth(epochDay(2021, 1, 2), epochDay(2021, 2, 28))).toBe(true);
    expect(holdsWholeMonth(epochDay(2021, 4, 5), epochDay(2021, 5, 16))).toBe(false);
    // December into January, and a leap February.
    expect(holdsWholeMonth(epochDay(2021, 12, 1), epochDay(2021, 12, 31))).toBe(true);
    expect(holdsWholeMonth(epochDay(2024, 2, 1), epochDay(2024, 2, 28))).toBe(false);
    expect(holdsWholeMonth(epochDay(2024, 2, 1), epochDay(2024, 2, 29))).toBe(true);
    expect(holdsWholeMonth(epochDay(2021, 3, 5), epochDay(2021, 3, 4))).toBe(false);
  });

  it('on weeks: a 4-week gap covering 1-28 February 2021 holds a month, and 5 April to 16 May 2021 does not', () => {
    // 2021-W05 starts on Monday 1 February, W08 ends on Sunday 28 February.
    expect(weeksHoldWholeMonth(w(202105), w(202108))).toBe(true);
    // Six weeks, Monday 5 April (W14) to Sunday 16 May (W19).
    expect(weeksHoldWholeMonth(w(202114), w(202119))).toBe(false);
    expect(weeksHoldWholeMonth(w(202106), w(202105))).toBe(false);
  });
});

describe('jobindsatsSpells (jobindsats: a spell ends after a whole calendar month without the benefit)', () => {
  it('ends a spell at a 4-week gap covering 1-28 February 2021', () => {
    expect(spells([202103, 202104, 202109, 202110])).toEqual([
      { first: 202103, last: 202104, benefitWeeks: 2, openAtStart: false, ended: true },
      { first: 202109, last: 202110, benefitWeeks: 2, openAtStart: false, ended: true },
    ]);
  });

  it('keeps one spell over a 6-week gap from the 5th of one month to the 16th of the next', () => {
    const [spell, ...rest] = jobindsatsSpells([w(202113), w(202120)], window);
    expect(rest).toEqual([]);
    expect(spell).toMatchObject({ first: w(202113), last: w(202120), benefitWeeks: 2 });
    // Its calendar duration counts the weeks between: 29 March to 23 May, 8 weeks.
    expect(calendarWeeks(spell!)).toBe(8);
  });

  it('runs through week 53 of a 53-week year', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(spells([202052, 202053, 202101])).toEqual([
      { first: 202052, last: 202101, benefitWeeks: 3, openAtStart: false, ended: true },
    ]);
  });

  it('marks a spell open at the start unless a whole month without the benefit lies in the data before it', () => {
    const from2021 = { first: w(202101), last: w(202252) };
    // The data start on Monday 4 January 2021.
    expect(spells([202101, 202102], from2021)[0]!.openAtStart).toBe(true);
    // 4 January to 7 February holds no whole month (January began on the 1st).
    expect(spells([202106], from2021)[0]!.openAtStart).toBe(true);
    // 4 January to 7 March holds February.
    expect(spells([202110], from2021)[0]!.openAtStart).toBe(false);
  });

  it('leaves unsettled a spell that may still end inside the data, and ends it once the month is in', () => {
    // The last week with the benefit ends on Sunday 31 January 2021.
    const to = (last: number) => ({ first: w(202001), last: w(last) });
    // Data to Sunday 21 February: February is not yet whole in them.
    expect(spells([202103, 202104], to(202107))[0]!.ended).toBe(false);
    // Data to Sunday 28 February: it is.
    expect(spells([202103, 202104], to(202108))[0]!.ended).toBe(true);
    // A spell with the benefit in the data's last week.
    expect(spells([202251, 202252])[0]!.ended).toBe(false);
  });

  it('gives no spell for no weeks, and one of one week', () => {
    expect(jobindsatsSpells([], window)).toEqual([]);
    expect(spells([202130])).toEqual([
      { first: 202130, last: 202130, benefitWeeks: 1, openAtStart: false, ended: true },
    ]);
  });

  it('refuses weeks out of order, twice, or outside the data, saying which', () => {
    expect(() => jobindsatsSpells([w(202110), w(202105)], window)).toThrow(
      /weeks\[1\]: expected weeks in ascending order/,
    );
    expect(() => jobindsatsSpells([w(202110), w(202110)], window)).toThrow(/weeks\[1\]/);
    expect(() => jobindsatsSpells([w(201952)], window)).toThrow(/weeks\[0\]: expected a week index from/);
  });
});

describe('status after k months', () => {
  it("takes the same day k calendar months on, or the month's last day", () => {
    const day = (y: number, m: number, d: number) => epochDay(y, m, d);
    expect(monthsAfter(day(2021, 1, 31), 1)).toBe(day(2021, 2, 28));
    expect(monthsAfter(day(2024, 1, 31), 1)).toBe(day(2024, 2, 29));
    expect(monthsAfter(day(2021, 3, 31), 1)).toBe(day(2021, 4, 30));
    expect(monthsAfter(day(2021, 11, 15), 3)).toBe(day(2022, 2, 15));
    expect(monthsAfter(day(2021, 12, 31), 12)).toBe(day(2022, 12, 31));
    expect(monthsAfter(day(2021, 8, 31), 6)).toBe(day(2022, 2, 28));
  });

  it("counts from the Sunday of the spell's last week, in the week holding that day", () => {
    // 2021-W04 ends on Sunday 31 January; one month on is Sunday 28 February, in W08.
    expect(toYyyyww(statusWeekAfter(w(202104), 1))).toBe(202108);
    // Three months on is Friday 30 April (April has no 31st), in W17.
    expect(toYyyyww(statusWeekAfter(w(202104), 3))).toBe(202117);
    // Twelve months on is Monday 31 January 2022, the first day of W05.
    expect(toYyyyww(statusWeekAfter(w(202104), 12))).toBe(202205);
  });
});
