/**
 * Calendar arithmetic on plain (zone-less) dates and wall-clock times.
 *
 * Fields are read and written with the `Date.UTC` / `getUTC*` family only, so the results never depend on
 * the process time zone (`TZ`). No time zone offsets are involved here; see date-range.ts for those.
 */
import { wallEpoch } from '../core/time.js';
export { wallEpoch };
const MS_PER_DAY = 86_400_000;
/** Inverse of {@link wallEpoch}. */
export function fromWallEpoch(ms) {
    const d = new Date(ms);
    return {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        millisecond: d.getUTCMilliseconds(),
    };
}
export function toPlainDate(d) {
    return { year: d.year, month: d.month, day: d.day };
}
export function daysInMonth(year, month) {
    // Day 0 of the next month is the last day of this one.
    return fromWallEpoch(wallEpoch({ year, month: month + 1, day: 1 }) - MS_PER_DAY).day;
}
export function isValidPlainDate(year, month, day) {
    return (Number.isInteger(year) &&
        Number.isInteger(month) &&
        Number.isInteger(day) &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= daysInMonth(year, month));
}
export function addDays(d, days) {
    return toPlainDate(fromWallEpoch(wallEpoch(d) + days * MS_PER_DAY));
}
/** Adds calendar months, clamping the day to the target month's length (Mar 31 − 1 month = Feb 28/29), like date-fns. */
export function addMonths(d, months) {
    const index = d.year * 12 + (d.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}
/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d) {
    return new Date(wallEpoch(d)).getUTCDay();
}
export function compareDates(a, b) {
    return a.year - b.year || a.month - b.month || a.day - b.day;
}
/** `yyyy-MM-dd` */
export function formatIsoDate(d) {
    return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
//# sourceMappingURL=plain-date.js.map