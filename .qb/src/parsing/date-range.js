/**
 * Pure time-zone math: calendar ranges ("today", "last week", "on Nov 3") and rolling ranges ("last 3 days")
 * as half-open `[from, to)` instants, computed in an IANA zone.
 *
 * Zone data comes only from core/time.ts (the runtime's tz database through Intl; see there why not date-fns-tz).
 * Calendar arithmetic is done on plain wall-clock fields (plain-date.ts) and converted back with
 * {@link instantFromWallTime}; tests check both against fixed expectations under several `TZ` values.
 */
import { instantFromWallTime, wallTimeAt } from '../core/time.js';
import { addDays, addMonths, dayOfWeek, toPlainDate } from './plain-date.js';
export { instantFromWallTime, isValidTimeZone, wallTimeAt } from '../core/time.js';
const MS_PER_DAY = 86_400_000;
/** The local calendar date in `timeZone` at `instant`. */
export function dateInZone(instant, timeZone) {
    return toPlainDate(wallTimeAt(instant, timeZone));
}
/**
 * The first instant of local day `date` in `timeZone`: local midnight, or, where midnight doesn't exist
 * (spring-forward at 00:00, e.g. America/Santiago, historic America/Sao_Paulo), the first instant that exists.
 * If the whole day was skipped (Pacific/Apia, 2011-12-30), this equals the start of the next day.
 */
export function startOfDayInZone(date, timeZone) {
    return instantFromWallTime(toPlainDate(date), timeZone);
}
/** `[start of date, start of date + days)`. Lengths follow the zone: a day may be 23 or 25 hours. */
export function daysRange(date, days, timeZone) {
    return { from: startOfDayInZone(date, timeZone), to: startOfDayInZone(addDays(date, days), timeZone) };
}
/** The whole local day `date`. */
export function dayRange(date, timeZone) {
    return daysRange(date, 1, timeZone);
}
/** Whole local days `first` … `last` inclusive: `[first 00:00, last + 1 00:00)`. */
export function inclusiveDaysRange(first, last, timeZone) {
    return { from: startOfDayInZone(first, timeZone), to: startOfDayInZone(addDays(last, 1), timeZone) };
}
/**
 * `instant` moved by `days` calendar days in `timeZone`, keeping the wall-clock time (date-fns `addDays`
 * semantics on the zoned wall time). Across a DST change one day is 23 or 25 hours. If the target wall time
 * doesn't exist or is ambiguous, see {@link instantFromWallTime}.
 */
export function addDaysInZone(instant, days, timeZone) {
    const wall = wallTimeAt(instant, timeZone);
    return instantFromWallTime({ ...wall, ...addDays(wall, days) }, timeZone);
}
/** Like {@link addDaysInZone} for calendar months; the day is clamped to the month's length (Mar 31 − 1 → Feb 28). */
export function addMonthsInZone(instant, months, timeZone) {
    const wall = wallTimeAt(instant, timeZone);
    return instantFromWallTime({ ...wall, ...addMonths(wall, months) }, timeZone);
}
/** The local date of the first day of the week containing `date`. */
export function startOfWeekDate(date, weekStartsOn) {
    return addDays(date, -((dayOfWeek(date) - weekStartsOn + 7) % 7));
}
/**
 * The calendar week containing `now` in `timeZone`, shifted by `weeksOffset` (−1 = last week):
 * `[week start 00:00, next week start 00:00)`, local midnights, so 167 or 169 hours across a DST change.
 */
export function weekRange(now, timeZone, weekStartsOn = 1, weeksOffset = 0) {
    const start = addDays(startOfWeekDate(dateInZone(now, timeZone), weekStartsOn), 7 * weeksOffset);
    return daysRange(start, 7, timeZone);
}
/** The calendar month containing `now` in `timeZone`, shifted by `monthsOffset` (−1 = last month). */
export function monthRange(now, timeZone, monthsOffset = 0) {
    const today = dateInZone(now, timeZone);
    const first = addMonths({ year: today.year, month: today.month, day: 1 }, monthsOffset);
    return { from: startOfDayInZone(first, timeZone), to: startOfDayInZone(addMonths(first, 1), timeZone) };
}
/**
 * Splits `[from, to)` into consecutive windows of at most `maxMs` (default 30 days), newest first — for APIs
 * that cap the interval (the Webex admin recordings list requires `to − from` ≤ 30 days).
 */
export function splitRange(range, maxMs = 30 * MS_PER_DAY) {
    const out = [];
    const step = Math.max(1, Math.floor(maxMs));
    for (let end = range.to.getTime(); end > range.from.getTime(); end -= step) {
        out.push({ from: new Date(Math.max(range.from.getTime(), end - step)), to: new Date(end) });
    }
    return out;
}
//# sourceMappingURL=date-range.js.map