/**
 * Pure time-zone math: calendar ranges ("today", "last week", "on Nov 3") and rolling ranges ("last 3 days")
 * as half-open `[from, to)` instants, computed in an IANA zone.
 *
 * No offset is known or computed by hand here: the only source of zone data is the runtime's tz database,
 * read through `Intl.DateTimeFormat` ("which wall-clock time does zone Z show at instant T?"). We don't use
 * date-fns-tz 3.2 for this: its `toZonedTime`, `formatInTimeZone` and `getTimezoneOffset` all go through the
 * *process* zone's local `Date` fields, so their answers depend on `TZ` and are wrong near transitions
 * (`getTimezoneOffset('America/Los_Angeles', 2026-03-08T08:00Z)` is −7 h under TZ=UTC, though PST (−8 h) is
 * in force until 10:00Z; `formatInTimeZone` shows 00:30 UTC as "01:30" under TZ=America/Sao_Paulo on
 * 2018-11-04). Calendar arithmetic is done on plain wall-clock fields (plain-date.ts) and converted back
 * with {@link instantFromWallTime}; tests check both against fixed expectations under several `TZ` values.
 */
import {
  addDays,
  addMonths,
  dayOfWeek,
  toPlainDate,
  wallEpoch,
  type PlainDate,
  type PlainDateTime,
} from './plain-date.js';
import type { WeekStartsOn } from './recordings-query.js';

export interface InstantRange {
  from: Date;
  to: Date;
}

const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True if `timeZone` is a zone the runtime's Intl knows (IANA names such as `Asia/Kolkata`). Never throws. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone).format(0);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time shown in `timeZone` at `instant` (from the runtime's tz database via Intl). */
export function wallTimeAt(instant: Date, timeZone: string): PlainDateTime {
  const t = instant.getTime();
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(t)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = fields['year'] ?? NaN;
  return {
    year: bc ? 1 - year : year,
    month: fields['month'] ?? NaN,
    day: fields['day'] ?? NaN,
    hour: (fields['hour'] ?? NaN) % 24,
    minute: fields['minute'] ?? NaN,
    second: fields['second'] ?? NaN,
    millisecond: ((t % 1000) + 1000) % 1000,
  };
}

/** The zone's UTC offset in force at epoch ms `t` (wall clock minus UTC), derived from {@link wallTimeAt}. */
function offsetAt(timeZone: string, t: number): number {
  return wallEpoch(wallTimeAt(new Date(t), timeZone)) - t;
}

/** The local calendar date in `timeZone` at `instant`. */
export function dateInZone(instant: Date, timeZone: string): PlainDate {
  return toPlainDate(wallTimeAt(instant, timeZone));
}

/**
 * The instant at which `timeZone` shows the wall time `wall`. Disambiguation follows Temporal's
 * `'compatible'` rule:
 * - a wall time that occurs twice (clocks go back) → the earlier instant;
 * - a wall time that doesn't exist (clocks go forward) → moved forward by the length of the gap
 *   (02:30 on a US spring-forward day → 03:30 PDT), so a midnight that doesn't exist becomes the first
 *   instant of that day.
 */
export function instantFromWallTime(wall: PlainDate | PlainDateTime, timeZone: string): Date {
  const w = wallEpoch(wall);
  // The offsets in force a day either side: at most one transition happens in between in real zones.
  const before = offsetAt(timeZone, w - MS_PER_DAY);
  const after = offsetAt(timeZone, w + MS_PER_DAY);
  const candidates = [w - before, w - after]
    .filter((t) => t + offsetAt(timeZone, t) === w)
    .sort((a, b) => a - b);
  const first = candidates[0];
  // No candidate: `wall` is in a gap. Reading it with the pre-gap offset lands after the gap.
  return new Date(first ?? w - before);
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
