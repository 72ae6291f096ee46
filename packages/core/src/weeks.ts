/**
 * ISO weeks, the product's unit of time.
 *
 * A week is stored as an integer **week index**: the number of ISO weeks since 1970-W01 (the week of
 * Monday 29 December 1969), so week arithmetic is integer arithmetic and a span of weeks is a
 * subtraction. Everything else (`YYYYWW`, the Monday's date, DREAM's `y_YYWW`) is converted here and
 * nowhere else.
 *
 * Calendar dates are handled as `YYYY-MM-DD` strings and converted with `Date.UTC`, which has no time
 * zone and no daylight saving, so a date never slips into the neighbouring day. A week runs Monday to
 * Sunday in Europe/Copenhagen; only `weekIndexOfInstant` meets a point in time, and it asks for the
 * Copenhagen calendar date of that instant before anything else.
 */

/** An ISO year and week number, e.g. `{ year: 2020, week: 53 }`. */
export interface YearWeek {
  readonly year: number;
  readonly week: number;
}

/** Raised for a week or date that does not exist or is written in a form we do not read. */
export class WeekError extends Error {
  override readonly name = 'WeekError';
}

/*
 * Calendar days as integers (days since 1970-01-01), with Howard Hinnant's `days_from_civil`
 * arithmetic: no `Date`, every year alike, fast enough for the generator's hot loops (birthdays,
 * ages and contact dates of a million persons). The ISO week of day `d` is `floor((d + 3) / 7)`
 * (1970-01-01 was a Thursday) and its Monday is day `7w - 3`.
 *
 * Day overflow is linear: `epochDay(2023, 2, 29)` is 1 March 2023, which is the legal birthday in
 * a common year of a person born on 29 February (they come of age on 1 March).
 */

/** Days since 1970-01-01 of year-month-day (proleptic Gregorian). */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Year, month and day of an epoch day (inverse of `epochDay`). */
export function civilOf(epochDayNumber: number): CivilDate {
  const z = epochDayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of an epoch day. */
export function isoDate(epochDayNumber: number): string {
  const { year, month, day } = civilOf(epochDayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Week index (as in `weeks.ts`) of the ISO week holding an epoch day. */
export function weekIndexOfDay(epochDayNumber: number): number {
  return Math.floor((epochDayNumber + 3) / 7);
}

/** Epoch day of the Monday of a week index. */
export function mondayOfWeek(weekIndex: number): number {
  return weekIndex * 7 - 3;
}

/** The first week whose Monday falls on or after an epoch day: the week from which a birthday has passed. */
export function firstWeekOnOrAfter(epochDayNumber: number): number {
  return Math.ceil((epochDayNumber + 3) / 7);
}

/** The week index of the ISO week that holds 4 January of `year`, which is always week 1. */
function firstWeekIndex(year: number): number {
  return weekIndexOfDay(epochDay(year, 1, 4));
}

/** Number of ISO weeks in an ISO year: 53 when the year starts on a Thursday (or a leap year on a Wednesday), else 52. */
export function weeksInIsoYear(year: number): number {
  return firstWeekIndex(year + 1) - firstWeekIndex(year);
}

/** Week index of ISO `year`-W`week`; throws `WeekError` if the week does not exist in that year. */
export function weekIndexOf(year: number, week: number): number {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new WeekError(`ISO year must be a whole number from 1 to 9999, found ${year}`);
  }
  const weeks = weeksInIsoYear(year);
  if (!Number.isInteger(week) || week < 1 || week > weeks) {
    throw new WeekError(`week ${week} does not exist in ${year}, which has weeks 1-${weeks}`);
  }
  return firstWeekIndex(year) + week - 1;
}

/** ISO year and week of a week index. The ISO year is the calendar year of the week's Thursday. */
export function yearWeekOf(weekIndex: number): YearWeek {
  const thursday = civilOf(mondayOfWeek(weekIndex) + 3);
  return { year: thursday.year, week: weekIndex - firstWeekIndex(thursday.year) + 1 };
}

/** `YYYYWW` as a number, e.g. 202053 for 2020-W53. */
export function toYyyyww(weekIndex: number): number {
  const { year, week } = yearWeekOf(weekIndex);
  return year * 100 + week;
}

/**
 * Week index of a `YYYYWW` code (`202053` or `"202053"`; `"2020-W53"` is read too).
 * Throws `WeekError` with what was expected when the text is not a week that exists.
 */
export function fromYyyyww(code: number | string): number {
  const text = String(code).trim();
  const match = /^(\d{4})-?W?(\d{2})$/.exec(text);
  if (!match) throw new WeekError(`expected a week as YYYYWW (e.g. 202601), found "${text}"`);
  return weekIndexOf(Number(match[1]), Number(match[2]));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The Monday of a week as `YYYY-MM-DD`. */
export function mondayOf(weekIndex: number): string {
  const { year, month, day } = civilOf(mondayOfWeek(weekIndex));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Week index of the ISO week holding a calendar date `YYYY-MM-DD`; throws `WeekError` for a date that does not exist. */
export function weekIndexOfDate(date: string): number {
  return weekIndexOfDay(epochDayOfDate(date));
}

/** Epoch day of a calendar date `YYYY-MM-DD`; throws `WeekError` for a date that does not exist. */
function epochDayOfDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) throw new WeekError(`expected a date as YYYY-MM-DD, found "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = epochDay(year, month, day);
  const back = civilOf(d);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new WeekError(`${date} is not a date in the calendar`);
  }
  return d;
}

const copenhagenDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Copenhagen calendar date (`YYYY-MM-DD`) of an instant: the date the product reads at its edges. */
export function copenhagenDateOf(instant: Date): string {
  return copenhagenDate.format(instant);
}

/**
 * Week index of the Copenhagen calendar week an instant falls in. Sunday 23:30 UTC in winter is
 * already Monday 00:30 in Copenhagen, so it belongs to the next week.
 */
export function weekIndexOfInstant(instant: Date): number {
  return weekIndexOfDate(copenhagenDate.format(instant));
}

/**
 * The budget year at an instant: the calendar year after the one the instant falls in, in
 * Copenhagen, the year `budgetYearEndWeek` gives the end of. In December 2026 a municipality prepares its budget
 * for 2027. The instant is read at the edge (the server's or the browser's clock), never here.
 */
export function budgetYear(instant: Date): number {
  return Number(copenhagenDateOf(instant).slice(0, 4)) + 1;
}

/**
 * The last ISO week of the budget year at an instant: the end of the budget an economist prepares
 * then (in December 2026, the 2027 budget), and so the latest week an investment case may start in.
 */
export function budgetYearEndWeek(instant: Date): number {
  const year = budgetYear(instant);
  return weekIndexOf(year, weeksInIsoYear(year));
}

/**
 * Week index of a DREAM weekly column name `y_YYWW`. DREAM starts in 1991: `YY < 90` means 20YY and
 * `YY >= 90` means 19YY (so `y_9152` is 1991-W52 and `y_2601` is 2026-W01).
 */
export function fromDreamColumn(column: string): number {
  const match = /^y_(\d{2})(\d{2})$/.exec(column.trim());
  if (!match) throw new WeekError(`expected a DREAM week column y_YYWW (e.g. y_2601), found "${column}"`);
  const yy = Number(match[1]);
  return weekIndexOf(yy < 90 ? 2000 + yy : 1900 + yy, Number(match[2]));
}

/** DREAM column name `y_YYWW` of a week; only weeks of 1990-2089 have one. */
export function toDreamColumn(weekIndex: number): string {
  const { year, week } = yearWeekOf(weekIndex);
  if (year < 1990 || year > 2089) {
    throw new WeekError(`DREAM week columns cover 1990-2089, ${year}-W${pad2(week)} has none`);
  }
  return `y_${pad2(year % 100)}${pad2(week)}`;
}

/** The first and last week index of a calendar month, quarter or year (both included). */
export interface WeekSpan {
  readonly first: number;
  readonly last: number;
}

/**
 * The weeks of calendar month `month` (1-12) of `year`: the weeks whose Thursday falls in the month.
 * Every week then belongs to exactly one month, as it belongs to exactly one ISO year (the year of
 * its Thursday), so the months of a year tile its ISO weeks: a month has 4 or 5 weeks, January's
 * first week is ISO week 1 and December's last is the year's last ISO week. Thursday is day
 * `7w` (1970-01-01, a Thursday, is day 0 of week 0), so the first week is the one holding the
 * month's first day plus 3 days and the last the one holding its last day minus 3.
 */
export function monthWeeks(year: number, month: number): WeekSpan {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new WeekError(`a month must be a whole number from 1 to 12, found ${month}`);
  }
  const firstDay = epochDay(year, month, 1);
  const nextFirst = month === 12 ? epochDay(year + 1, 1, 1) : epochDay(year, month + 1, 1);
  return { first: weekIndexOfDay(firstDay + 3), last: weekIndexOfDay(nextFirst - 1 - 3) };
}

/** The weeks of quarter `quarter` (1-4) of `year`: those of its three months (see `monthWeeks`). */
export function quarterWeeks(year: number, quarter: number): WeekSpan {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new WeekError(`a quarter must be a whole number from 1 to 4, found ${quarter}`);
  }
  return { first: monthWeeks(year, 3 * quarter - 2).first, last: monthWeeks(year, 3 * quarter).last };
}

/** The weeks of ISO year `year`, which are those of its twelve months (see `monthWeeks`). */
export function yearWeeks(year: number): WeekSpan {
  return { first: weekIndexOf(year, 1), last: weekIndexOf(year, weeksInIsoYear(year)) };
}
