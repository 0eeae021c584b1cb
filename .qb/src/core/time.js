/**
 * Every zone computation and every time shown to a person goes through here.
 *
 * The only source of zone data is the runtime's tz database, read through `Intl.DateTimeFormat` ("which wall-clock
 * time does zone Z show at instant T?"). No offset is computed from the process's local `Date` fields, which is why
 * date-fns-tz is not used: its `toZonedTime`, `formatInTimeZone` and `getTimezoneOffset` go through the *process*
 * zone, so their answers depend on `TZ` and are wrong near transitions (`getTimezoneOffset('America/Los_Angeles',
 * 2026-03-08T08:00Z)` is −7 h under TZ=UTC, though PST (−8 h) is in force until 10:00Z; `formatInTimeZone` shows
 * 00:30 UTC as "01:30" under TZ=America/Sao_Paulo on 2018-11-04).
 *
 * Intl formatters are expensive to build (tens of µs) and cheap to reuse, so there is one per zone, and each display
 * pattern is compiled once. Names (Mon, Nov) are English, as in the rest of the bot's replies.
 */
const MS_PER_DAY = 86_400_000;
/** Bounded: zone names come from people and profiles; a few hundred real zones exist. */
const MAX_CACHED_ZONES = 1000;
const fieldFormatters = new Map();
const invalidZones = new Set();
function fieldFormatter(timeZone) {
    let f = fieldFormatters.get(timeZone);
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
        if (fieldFormatters.size >= MAX_CACHED_ZONES)
            fieldFormatters.clear();
        fieldFormatters.set(timeZone, f);
    }
    return f;
}
/** True if `timeZone` is a zone the runtime's Intl knows (IANA names such as `Asia/Kolkata`). Never throws. */
export function isValidTimeZone(timeZone) {
    if (typeof timeZone !== 'string' || timeZone.trim() === '')
        return false;
    if (fieldFormatters.has(timeZone))
        return true;
    if (invalidZones.has(timeZone))
        return false;
    try {
        fieldFormatter(timeZone);
        return true;
    }
    catch {
        if (invalidZones.size >= MAX_CACHED_ZONES)
            invalidZones.clear();
        invalidZones.add(timeZone);
        return false;
    }
}
/** The runtime's canonical spelling of a zone name (`europe/berlin` → `Europe/Berlin`), or undefined. */
export function canonicalTimeZone(name) {
    if (!isValidTimeZone(name))
        return undefined;
    try {
        return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    }
    catch {
        return undefined;
    }
}
/** `timeZone` when this runtime knows it, else UTC (so a bad zone degrades to a labelled UTC instead of a crash). */
export function safeTimeZone(timeZone) {
    return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}
/** The wall-clock date and time shown in `timeZone` at `instant`. */
export function wallTimeAt(instant, timeZone) {
    const t = instant.getTime();
    let year = NaN;
    let month = NaN;
    let day = NaN;
    let hour = NaN;
    let minute = NaN;
    let second = NaN;
    let bc = false;
    for (const part of fieldFormatter(timeZone).formatToParts(t)) {
        switch (part.type) {
            case 'era':
                bc = part.value.startsWith('B');
                break;
            case 'year':
                year = Number(part.value);
                break;
            case 'month':
                month = Number(part.value);
                break;
            case 'day':
                day = Number(part.value);
                break;
            case 'hour':
                hour = Number(part.value) % 24;
                break;
            case 'minute':
                minute = Number(part.value);
                break;
            case 'second':
                second = Number(part.value);
                break;
            default:
                break;
        }
    }
    return {
        year: bc ? 1 - year : year,
        month,
        day,
        hour,
        minute,
        second,
        millisecond: ((t % 1000) + 1000) % 1000,
    };
}
/** Milliseconds of a wall-clock time read as if it were UTC (a "wall epoch"). Years 0..99 are handled. */
export function wallEpoch(d) {
    const t = 'hour' in d ? d : { ...d, hour: 0, minute: 0, second: 0, millisecond: 0 };
    const date = new Date(0);
    date.setUTCFullYear(t.year, t.month - 1, t.day);
    date.setUTCHours(t.hour, t.minute, t.second, t.millisecond);
    return date.getTime();
}
/** The zone's UTC offset in force at epoch ms `t` (wall clock minus UTC). */
export function offsetAt(timeZone, t) {
    return wallEpoch(wallTimeAt(new Date(t), timeZone)) - t;
}
/**
 * The instant at which `timeZone` shows the wall time `wall`. Disambiguation follows Temporal's `'compatible'` rule:
 * - a wall time that occurs twice (clocks go back) → the earlier instant;
 * - a wall time that doesn't exist (clocks go forward) → moved forward by the length of the gap
 *   (02:30 on a US spring-forward day → 03:30 PDT), so a midnight that doesn't exist becomes the first
 *   instant of that day.
 */
export function instantFromWallTime(wall, timeZone) {
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
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => String(n).padStart(2, '0');
const TOKENS = {
    yyyy: (w) => String(w.year).padStart(4, '0'),
    MMM: (w) => MONTHS[w.month - 1] ?? '?',
    MM: (w) => pad2(w.month),
    dd: (w) => pad2(w.day),
    d: (w) => String(w.day),
    EEE: (w) => WEEKDAYS[new Date(wallEpoch({ year: w.year, month: w.month, day: w.day })).getUTCDay()] ?? '?',
    HH: (w) => pad2(w.hour),
    mm: (w) => pad2(w.minute),
    ss: (w) => pad2(w.second),
};
const TOKEN_RE = /yyyy|MMM|MM|dd|d|EEE|HH|mm|ss|'[^']*'|[A-Za-z]+|[^A-Za-z']+/gu;
const compiledPatterns = new Map();
/** Compiles a display pattern once (the date-fns subset the bot uses: yyyy MM MMM dd d EEE HH mm ss, 'literal'). */
function compile(pattern) {
    let fn = compiledPatterns.get(pattern);
    if (fn)
        return fn;
    const pieces = [];
    for (const m of pattern.match(TOKEN_RE) ?? []) {
        const token = TOKENS[m];
        if (token)
            pieces.push(token);
        else if (m.startsWith("'"))
            pieces.push(m.slice(1, -1));
        else if (/^[A-Za-z]/u.test(m))
            throw new Error(`unsupported date pattern token "${m}" in "${pattern}"`);
        else
            pieces.push(m);
    }
    fn = (w) => {
        let out = '';
        for (const p of pieces)
            out += typeof p === 'string' ? p : p(w);
        return out;
    };
    compiledPatterns.set(pattern, fn);
    return fn;
}
/**
 * `instant` shown in `timeZone` with `pattern` (e.g. `'EEE d MMM yyyy, HH:mm'` → "Tue 17 Nov 2026, 09:30").
 * Unknown zones are shown in UTC (see {@link safeTimeZone}).
 */
export function formatInZone(instant, timeZone, pattern) {
    return compile(pattern)(wallTimeAt(instant, safeTimeZone(timeZone)));
}
/** A wall time (no zone) with `pattern`, for times already converted with {@link wallTimeAt}. */
export function formatWallTime(wall, pattern) {
    return compile(pattern)(wall);
}
const abbreviationFormatters = new Map();
function abbreviationFormatter(locale, timeZone) {
    const key = `${locale}|${timeZone}`;
    let f = abbreviationFormatters.get(key);
    if (!f) {
        f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
        if (abbreviationFormatters.size >= MAX_CACHED_ZONES)
            abbreviationFormatters.clear();
        abbreviationFormatters.set(key, f);
    }
    return f;
}
/** The zone's short name at `instant`: PST, CET… (each locale knows different ones), else GMT+1-style. */
export function zoneAbbreviation(instant, timeZone) {
    const tz = safeTimeZone(timeZone);
    let fallback = '';
    for (const locale of ['en-US', 'en-GB']) {
        const name = abbreviationFormatter(locale, tz)
            .formatToParts(instant)
            .find((p) => p.type === 'timeZoneName')?.value ?? '';
        if (name && !/^(GMT|UTC)[+-−]/u.test(name))
            return name;
        fallback ||= name;
    }
    return fallback;
}
//# sourceMappingURL=time.js.map