/**
 * Pure time-zone math: calendar ranges ("today", "last week", "on Nov 3") and rolling ranges ("last 3 days")
 * as half-open `[from, to)` instants, computed in an IANA zone.
 *
 * Zone data comes only from core/time.ts (the runtime's tz database through Intl; see there why not date-fns-tz).
 * Calendar arithmetic is done on plain wall-clock fields (plain-date.ts) and converted back with
 * {@link instantFromWallTime}; tests check both against fixed expectations under several `TZ` values.
 */
import { instantFromWallTime, wallTimeAt } from '../core/time.js';
import { addDays, addMonths, dayOfWeek, toPlainDate, type PlainDate } from './plain-date.js';
import type { WeekStartsOn } from './recordings-query.js';

export { instantFromWallTime, isValidTimeZone, wallTimeAt } from '../core/time.js';

export interface InstantRange {
  from: Date;
  to: Date;
}

const MS_PER_DAY = 86_400_000;

/** The local calendar date in `timeZone` at `instant`. */
export function dateInZone(instant: Date, timeZone: string): PlainDate {
  return toPlainDate(wallTimeAt(instant, timeZone));
}

/**
 * The first instant of local day `date` in `timeZone`: local midnight, or, where midnight doesn't exist
 * (spring-forward at 00:00, e.g. America/Santiago, historic America/Sao_Paulo), the first instant that exists.
 * If the whole day was skipped (Pacific/Apia, 2011-12-30), this equals the start of the next day.
 */
export function startOfDayInZone(date: PlainDate, timeZone: string): Date {
  return instantFromWallTime(toPlainDate(date), timeZone);
}

/** `[start of date, start of date + days)`. Lengths follow the zone: a day may be 23 or 25 hours. */
export function daysRange(date: PlainDate, days: number, timeZone: string): InstantRange {
  return { from: startOfDayInZone(date, timeZone), to: startOfDayInZone(addDays(date, days), timeZone) };
}

/** The whole local day `date`. */
export function dayRange(date: PlainDate, timeZone: string): InstantRange {
  return daysRange(date, 1, timeZone);
}

/** Whole local days `first` … `last` inclusive: `[first 00:00, last + 1 00:00)`. */
export function inclusiveDaysRange(first: PlainDate, last: PlainDate, timeZone: string): InstantRange {
  return { from: startOfDayInZone(first, timeZone), to: startOfDayInZone(addDays(last, 1), timeZone) };
}

/**
 * `instant` moved by `days` calendar days in `timeZone`, keeping the wall-clock time (date-fns `addDays`
 * semantics on the zoned wall time). Across a DST change one day is 23 or 25 hours. If the target wall time
 * doesn't exist or is ambiguous, see {@link instantFromWallTime}.
 */
export function addDaysInZone(instant: Date, days: number, timeZone: string): Date {
  const wall = wallTimeAt(instant, timeZone);
  return instantFromWallTime({ ...wall, ...addDays(wall, days) }, timeZone);
}

/** Like {@link addDaysInZone} for calendar months; the day is clamped to the month's length (Mar 31 − 1 → Feb 28). */
export function addMonthsInZone(instant: Date, months: number, timeZone: string): Date {
  const wall = wallTimeAt(instant, timeZone);
  return instantFromWallTime({ ...wall, ...addMonths(wall, months) }, timeZone);
}

/** The local date of the first day of the week containing `date`. */
export function startOfWeekDate(date: PlainDate, weekStartsOn: WeekStartsOn): PlainDate {
  return addDays(date, -((dayOfWeek(date) - weekStartsOn + 7) % 7));
}

/**
 * The calendar week containing `now` in `timeZone`, shifted by `weeksOffset` (−1 = last week):
 * `[week start 00:00, next week start 00:00)`, local midnights, so 167 or 169 hours across a DST change.
 */
export function weekRange(
  now: Date,
  timeZone: string,
  weekStartsOn: WeekStartsOn = 1,
  weeksOffset = 0,
): InstantRange {
  const start = addDays(startOfWeekDate(dateInZone(now, timeZone), weekStartsOn), 7 * weeksOffset);
  return daysRange(start, 7, timeZone);
}

/** The calendar month containing `now` in `timeZone`, shifted by `monthsOffset` (−1 = last month). */
export function monthRange(now: Date, timeZone: string, monthsOffset = 0): InstantRange {
  const today = dateInZone(now, timeZone);
  const first = addMonths({ year: today.year, month: today.month, day: 1 }, monthsOffset);
  return { from: startOfDayInZone(first, timeZone), to: startOfDayInZone(addMonths(first, 1), timeZone) };
}

/**
 * Splits `[from, to)` into consecutive windows of at most `maxMs` (default 30 days), newest first — for APIs
 * that cap the interval (the Webex admin recordings list requires `to − from` ≤ 30 days).
 */
export function splitRange(range: InstantRange, maxMs = 30 * MS_PER_DAY): InstantRange[] {
  const out: InstantRange[] = [];
  const step = Math.max(1, Math.floor(maxMs));
  for (let end = range.to.getTime(); end > range.from.getTime(); end -= step) {
    out.push({ from: new Date(Math.max(range.from.getTime(), end - step)), to: new Date(end) });
  }
  return out;
}
