import { describe, expect, it } from 'vitest';
import {
  WeekError,
  civilOf,
  epochDay,
  firstWeekOnOrAfter,
  isoDate,
  mondayOfWeek,
  weekIndexOfDay,
  fromDreamColumn,
  fromYyyyww,
  mondayOf,
  toDreamColumn,
  toYyyyww,
  weekIndexOf,
  weekIndexOfDate,
  weekIndexOfInstant,
  budgetYear,
  weeksInIsoYear,
  yearWeekOf,
  budgetYearEndWeek,
  copenhagenDateOf,
  monthWeeks,
  quarterWeeks,
  yearWeeks,
} from './weeks.ts';

describe('ISO weeks', () => {
  it('counts week index 0 from 1970-W01, the week of Monday 29 December 1969', () => {
    expect(weekIndexOf(1970, 1)).toBe(0);
    expect(mondayOf(0)).toBe('1969-12-29');
    expect(weekIndexOfDate('1970-01-04')).toBe(0);
    expect(weekIndexOfDate('1970-01-05')).toBe(1);
  });

  it('knows that 2020 and 2015 have a week 53 and 2025 does not', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2015)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(mondayOf(fromYyyyww(202053))).toBe('2020-12-28');
    expect(mondayOf(fromYyyyww(201553))).toBe('2015-12-28');
    expect(() => fromYyyyww(202553)).toThrow(/week 53 does not exist in 2025, which has weeks 1-52/);
  });

  it('puts the days after 2020-W53 into 2021-W01 and 1 January 2021 into 2020-W53', () => {
    expect(toYyyyww(weekIndexOfDate('2021-01-01'))).toBe(202053);
    expect(toYyyyww(weekIndexOfDate('2021-01-03'))).toBe(202053);
    expect(toYyyyww(weekIndexOfDate('2021-01-04'))).toBe(202101);
    expect(fromYyyyww(202101) - fromYyyyww(202053)).toBe(1);
  });

  it('crosses the 2025/2026 boundary: Monday 29 December 2025 opens 2026-W01', () => {
    expect(toYyyyww(weekIndexOfDate('2025-12-28'))).toBe(202552);
    expect(toYyyyww(weekIndexOfDate('2025-12-29'))).toBe(202601);
    expect(toYyyyww(weekIndexOfDate('2026-01-01'))).toBe(202601);
    expect(fromYyyyww(202601) - fromYyyyww(202552)).toBe(1);
    expect(yearWeekOf(fromYyyyww(202601))).toEqual({ year: 2026, week: 1 });
  });

  it('round-trips every week from 1990 to 2040 through YYYYWW and the Monday date', () => {
    for (let i = weekIndexOf(1990, 1); i <= weekIndexOf(2040, 52); i++) {
      expect(fromYyyyww(toYyyyww(i))).toBe(i);
      expect(weekIndexOfDate(mondayOf(i))).toBe(i);
    }
  });

  it('reads "2026-W05" as well as 202605 and rejects what is not a week', () => {
    expect(fromYyyyww('2026-W05')).toBe(fromYyyyww(202605));
    expect(() => fromYyyyww('2026-5')).toThrow(WeekError);
    expect(() => fromYyyyww(202600)).toThrow(/week 0 does not exist in 2026/);
    expect(() => weekIndexOfDate('2026-02-30')).toThrow(/not a date in the calendar/);
  });

  it('places an instant in the Copenhagen calendar week, across daylight saving', () => {
    // Sunday 23:30 UTC is Monday 00:30 CET (winter) and Monday 01:30 CEST (summer).
    expect(toYyyyww(weekIndexOfInstant(new Date('2026-01-04T23:30:00Z')))).toBe(202602);
    expect(toYyyyww(weekIndexOfInstant(new Date('2026-06-28T22:30:00Z')))).toBe(202627);
    expect(toYyyyww(weekIndexOfInstant(new Date('2026-06-28T21:59:00Z')))).toBe(202626);
  });

  it('gives the budget year: the Copenhagen calendar year after the instant', () => {
    expect(budgetYear(new Date('2026-12-06T12:00:00Z'))).toBe(2027);
    // New Year's Eve 23:30 UTC is already 1 January in Copenhagen.
    expect(budgetYear(new Date('2026-12-31T23:30:00Z'))).toBe(2028);
    expect(budgetYear(new Date('2026-12-31T22:59:00Z'))).toBe(2027);
  });
});

describe('DREAM week columns', () => {
  it('reads y_9152 as 1991-W52 (YY >= 90 is 19YY)', () => {
    expect(toYyyyww(fromDreamColumn('y_9152'))).toBe(199152);
    expect(mondayOf(fromDreamColumn('y_9152'))).toBe('1991-12-23');
  });

  it('reads y_1701 as 2017-W01, which starts on Monday 2 January 2017', () => {
    expect(mondayOf(fromDreamColumn('y_1701'))).toBe('2017-01-02');
  });

  it('reads y_2601 as 2026-W01 (YY < 90 is 20YY), which starts in December 2025', () => {
    expect(toYyyyww(fromDreamColumn('y_2601'))).toBe(202601);
    expect(mondayOf(fromDreamColumn('y_2601'))).toBe('2025-12-29');
  });

  it('writes the column names back and refuses weeks DREAM cannot name', () => {
    expect(toDreamColumn(fromYyyyww(202053))).toBe('y_2053');
    expect(toDreamColumn(fromYyyyww(199901))).toBe('y_9901');
    expect(() => toDreamColumn(fromYyyyww(198952))).toThrow(/1990-2089/);
    expect(() => fromDreamColumn('y_2553')).toThrow(/week 53 does not exist in 2025/);
    expect(() => fromDreamColumn('branche_2020_01')).toThrow(/y_YYWW/);
  });
});

describe('calendar days as integers', () => {
  it('counts days from 1970-01-01 as Date.UTC does, through leap days and centuries', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1900, 3, 1],
      [2000, 2, 29],
      [2024, 12, 31],
      [1949, 6, 15],
      [2057, 1, 1],
    ] as const) {
      expect(epochDay(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });

  it('turns every day of 1900-2100 back into the same date', () => {
    for (let day = epochDay(1900, 1, 1); day <= epochDay(2100, 12, 31); day++) {
      const { year, month, day: dom } = civilOf(day);
      if (epochDay(year, month, dom) !== day)
        throw new Error(`day ${day} round-trips to ${year}-${month}-${dom}`);
    }
    expect(isoDate(epochDay(2020, 2, 29))).toBe('2020-02-29');
  });

  it('puts the birthday of someone born on 29 February on 1 March in a common year', () => {
    expect(isoDate(epochDay(2023, 2, 29))).toBe('2023-03-01');
  });

  it('agrees with weeks.ts on the ISO week of a day and on its Monday', () => {
    for (const date of ['2020-12-31', '2021-01-03', '2021-01-04', '2026-01-01', '1999-12-31']) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const w = weekIndexOfDay(epochDay(y, m, d));
      expect(w).toBe(weekIndexOfDate(date));
      expect(isoDate(mondayOfWeek(w))).toBe(mondayOf(w));
    }
  });

  it('finds the first week whose Monday is on or after a day: the same week for a Monday, the next otherwise', () => {
    const monday = epochDay(2024, 1, 1); // a Monday
    expect(firstWeekOnOrAfter(monday)).toBe(weekIndexOfDate('2024-01-01'));
    expect(firstWeekOnOrAfter(monday + 1)).toBe(weekIndexOfDate('2024-01-08'));
    expect(firstWeekOnOrAfter(monday + 6)).toBe(weekIndexOfDate('2024-01-08'));
  });
});

describe('the budget year', () => {
  it('ends with the last ISO week of the next calendar year', () => {
    expect(toYyyyww(budgetYearEndWeek(new Date('2026-12-06T12:00:00Z')))).toBe(202752);
    expect(toYyyyww(budgetYearEndWeek(new Date('2026-01-01T12:00:00Z')))).toBe(202752);
    expect(toYyyyww(budgetYearEndWeek(new Date('2027-06-30T12:00:00Z')))).toBe(202852);
    expect(toYyyyww(budgetYearEndWeek(new Date('2025-12-31T12:00:00Z')))).toBe(202653);
  });

  it('reads the date in Copenhagen: 31 December 23:30 UTC is already New Year', () => {
    expect(copenhagenDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('the weeks of a month, quarter and year', () => {
  const span = (s: { first: number; last: number }) => [toYyyyww(s.first), toYyyyww(s.last)];

  it('gives a month the weeks whose Thursday falls in it: September 2024 is W36-W39, August 2024 W31-W35', () => {
    // Thursdays 5, 12, 19, 26 September 2024; 1, 8, 15, 22, 29 August 2024.
    expect(span(monthWeeks(2024, 9))).toEqual([202436, 202439]);
    expect(span(monthWeeks(2024, 8))).toEqual([202431, 202435]);
  });

  it('puts 2020-W53 (Thursday 31 December) in December 2020 and starts January 2021 at 2021-W01', () => {
    expect(span(monthWeeks(2020, 12))).toEqual([202049, 202053]);
    expect(span(monthWeeks(2021, 1))).toEqual([202101, 202104]);
  });

  it('tiles every ISO year of 1990-2040 with its twelve months, each of 4 or 5 weeks', () => {
    for (let year = 1990; year <= 2040; year++) {
      let next = yearWeeks(year).first;
      for (let month = 1; month <= 12; month++) {
        const { first, last } = monthWeeks(year, month);
        expect(first).toBe(next);
        expect([4, 5]).toContain(last - first + 1);
        next = last + 1;
      }
      expect(next - 1).toBe(yearWeeks(year).last);
    }
  });

  it('gives a quarter its three months: 2024 Q3 is W27-W39, and refuses month 13 and quarter 5', () => {
    expect(span(quarterWeeks(2024, 3))).toEqual([202427, 202439]);
    expect(span(yearWeeks(2020))).toEqual([202001, 202053]);
    expect(() => monthWeeks(2024, 13)).toThrow(WeekError);
    expect(() => quarterWeeks(2024, 5)).toThrow(WeekError);
  });
});
