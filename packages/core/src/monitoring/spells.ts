/**
 * Spells (forløb) by jobindsats' rule on weekly data (RULES.md §5): two weeks with a benefit belong to
 * one spell unless the weeks between them cover every day of some calendar month. So a spell ends only
 * after a whole calendar month without the benefit, and it has ended, for a measure, only once that
 * month lies inside the data: until then it may go on, and is unsettled. At the data's other edge, a
 * spell may have begun before the data's first week unless a whole month without the benefit lies in
 * the data before it: it is open at the start.
 *
 * On weekly data a week with the benefit counts as a week of it whole (Monday to Sunday), as DREAM
 * codes a week in which the benefit was received on any day.
 */

import { civilOf, epochDay, mondayOfWeek, weekIndexOfDay } from '../weeks.ts';

/** The epoch day of the first day of the month after the one holding `day`. */
function firstOfNextMonth(day: number): number {
  const { year, month } = civilOf(day);
  return month === 12 ? epochDay(year + 1, 1, 1) : epochDay(year, month + 1, 1);
}

/** Whether the days `from` … `to` (epoch days, both included) hold every day of some calendar month. */
export function holdsWholeMonth(from: number, to: number): boolean {
  if (to < from) return false;
  const start = civilOf(from).day === 1 ? from : firstOfNextMonth(from);
  return firstOfNextMonth(start) - 1 <= to;
}

/** Whether the weeks `from` … `to` (week indices, both included) cover every day of some calendar month. */
export function weeksHoldWholeMonth(from: number, to: number): boolean {
  return to >= from && holdsWholeMonth(mondayOfWeek(from), mondayOfWeek(to) + 6);
}

/** A spell of one person on one benefit group. */
export interface JobindsatsSpell {
  /** Its first and last week with the benefit (week indices). */
  readonly first: number;
  readonly last: number;
  /** Weeks with the benefit in it (the weeks between, without it, not counted). */
  readonly benefitWeeks: number;
  /** It may have begun before the data's first week: no whole month without the benefit lies in the data before it. */
  readonly openAtStart: boolean;
  /** A whole month without the benefit after it lies inside the data; otherwise it may still go on (unsettled). */
  readonly ended: boolean;
}

/** Weeks from the first week of a spell to its last, both included: its calendar duration. */
export function calendarWeeks(spell: JobindsatsSpell): number {
  return spell.last - spell.first + 1;
}

/**
 * The spells of one person's weeks with a benefit (week indices, ascending, each once, inside the
 * data's `window`).
 */
export function jobindsatsSpells(
  weeks: readonly number[],
  window: { readonly first: number; readonly last: number },
): JobindsatsSpell[] {
  const spells: JobindsatsSpell[] = [];
  let first = -1;
  let count = 0;
  const close = (last: number, next: number | null) =>
    spells.push({
      first,
      last,
      benefitWeeks: count,
      openAtStart: !weeksHoldWholeMonth(window.first, first - 1),
      ended: next === null ? weeksHoldWholeMonth(last + 1, window.last) : true,
    });
  for (let i = 0; i < weeks.length; i++) {
    const week = weeks[i]!;
    if (!Number.isInteger(week) || week < window.first || week > window.last)
      throw new RangeError(
        `weeks[${i}]: expected a week index from ${window.first} to ${window.last} (the data's window), found ${week}`,
      );
    if (i > 0 && week <= weeks[i - 1]!)
      throw new RangeError(
        `weeks[${i}]: expected weeks in ascending order, each once, found ${week} after ${weeks[i - 1]}`,
      );
    if (i > 0 && weeksHoldWholeMonth(weeks[i - 1]! + 1, week - 1)) {
      close(weeks[i - 1]!, week);
      count = 0;
    }
    if (count === 0) first = week;
    count++;
  }
  if (count > 0) close(weeks.at(-1)!, null);
  return spells;
}

/**
 * The day `months` calendar months after `day` (epoch days), on the same day of the month or, where
 * the month is shorter, its last day: 31 January + 1 month is 28 February (29 in a leap year).
 */
export function monthsAfter(day: number, months: number): number {
  const { year, month, day: d } = civilOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const first = epochDay(y, m, 1);
  return first + Math.min(d, firstOfNextMonth(first) - first) - 1;
}

/**
 * The week whose status counts `months` months after a spell that ended in week `last`: the week that
 * holds the day `months` calendar months after the spell's last day (the Sunday of its last week).
 */
export function statusWeekAfter(last: number, months: number): number {
  return weekIndexOfDay(monthsAfter(mondayOfWeek(last) + 6, months));
}
