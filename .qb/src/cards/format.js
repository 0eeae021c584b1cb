/**
 * Small pure formatters and guards shared by the card builders. No I/O, no clock: every time is formatted from the
 * instant and IANA zone it is given.
 */
import { formatInZone, safeTimeZone } from '../core/time.js';
/** Every card the bot posts: Webex renders Adaptive Cards up to 1.3. */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.3';
/** Webex's limit for a message's `text`/`markdown`, in UTF-8 bytes. */
export const WEBEX_MARKDOWN_MAX_BYTES = 7439;
export const utf8Bytes = (s) => Buffer.byteLength(s, 'utf8');
/** Cuts a string to at most `maxBytes` UTF-8 bytes on a code point boundary, ending in "…" when cut. */
export function truncateBytes(text, maxBytes) {
    if (utf8Bytes(text) <= maxBytes)
        return text;
    let out = '';
    let used = 0;
    const budget = maxBytes - utf8Bytes('…');
    for (const ch of text) {
        const n = utf8Bytes(ch);
        if (used + n > budget)
            break;
        out += ch;
        used += n;
    }
    return `${out}…`;
}
/** The URL when it is an absolute http(s) URL, else undefined (no `javascript:` buttons). */
export function safeHttpUrl(url) {
    if (!url)
        return undefined;
    try {
        const u = new URL(url);
        return u.protocol === 'https:' || u.protocol === 'http:' ? url : undefined;
    }
    catch {
        return undefined;
    }
}
/** A URL usable inside a markdown link's `( )`: characters that would end or break the destination are %-encoded. */
export function markdownLinkUrl(url) {
    return url.replace(/[()<>\s[\]]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** "45 min", "1 h", "1 h 05 min", "< 1 min"; undefined when unknown. Minutes are rounded to the nearest. */
export function formatDuration(seconds) {
    if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
        return undefined;
    if (seconds < 60)
        return '< 1 min';
    const minutes = Math.round(seconds / 60);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0)
        return `${m} min`;
    return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}
/**
 * "152 MB", "1.2 GB". Decimal (SI) units — 1 MB = 1,000,000 bytes — because that is what Webex's own pages and
 * most download managers show for recordings; one decimal below 10, whole numbers above.
 */
export function formatSize(bytes) {
    if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0)
        return undefined;
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    const shown = (v, i) => i === 0 ? Math.round(v) : v < 10 ? Math.round(v * 10) / 10 : Math.round(v);
    let v = bytes;
    let i = 0;
    while (i < units.length - 1 && shown(v, i) >= 1000) {
        v /= 1000;
        i++;
    }
    return `${shown(v, i)} ${units[i] ?? 'B'}`;
}
const validDate = (d) => !Number.isNaN(d.getTime());
/** The instant of a Webex timestamp string, or undefined when missing/unreadable. */
export function parseInstant(s) {
    if (!s)
        return undefined;
    const d = new Date(s);
    return validDate(d) ? d : undefined;
}
const dayKey = (d, tz) => formatInZone(d, tz, 'yyyy-MM-dd');
/**
 * True when `d` is the first instant of its calendar day in `tz`. Compares with the instant 1 ms earlier instead of
 * testing for 00:00, so zones whose day starts at 01:00 on a DST change still count as "whole days".
 */
function isStartOfDay(d, tz) {
    return dayKey(d, tz) !== dayKey(new Date(d.getTime() - 1), tz);
}
/**
 * The half-open range `[from, to)` in words, in `timeZone`, ending with the zone's name:
 * - whole days: "Mon 16 Nov – Sun 22 Nov 2026, America/Los_Angeles" (the last day is the one containing `to − 1 ms`);
 *   one day: "Tue 3 Nov 2026, …"; years on both sides when they differ.
 * - otherwise (rolling ranges) with times, `to` shown as is: "Thu 26 Nov 14:05 – Sun 29 Nov 14:05 2026, …".
 */
export function describeRange(range, timeZone) {
    const tz = safeTimeZone(timeZone);
    const { from, to } = range;
    if (!validDate(from) || !validDate(to))
        return `an unknown period, ${tz}`;
    const f = (d, pattern) => formatInZone(d, tz, pattern);
    const wholeDays = to.getTime() > from.getTime() && isStartOfDay(from, tz) && isStartOfDay(to, tz);
    let text;
    if (wholeDays) {
        const last = new Date(to.getTime() - 1);
        if (dayKey(from, tz) === dayKey(last, tz))
            text = f(from, 'EEE d MMM yyyy');
        else if (f(from, 'yyyy') === f(last, 'yyyy'))
            text = `${f(from, 'EEE d MMM')} – ${f(last, 'EEE d MMM yyyy')}`;
        else
            text = `${f(from, 'EEE d MMM yyyy')} – ${f(last, 'EEE d MMM yyyy')}`;
    }
    else if (dayKey(from, tz) === dayKey(to, tz)) {
        text = `${f(from, 'EEE d MMM yyyy HH:mm')} – ${f(to, 'HH:mm')}`;
    }
    else if (f(from, 'yyyy') === f(to, 'yyyy')) {
        text = `${f(from, 'EEE d MMM HH:mm')} – ${f(to, 'EEE d MMM HH:mm yyyy')}`;
    }
    else {
        text = `${f(from, 'EEE d MMM yyyy HH:mm')} – ${f(to, 'EEE d MMM yyyy HH:mm')}`;
    }
    return `${text}, ${tz}`;
}
/** "Tue 17 Nov 2026, 09:30" in `timeZone`. */
export function formatWhen(d, timeZone) {
    return formatInZone(d, timeZone, 'EEE d MMM yyyy, HH:mm');
}
/** The calendar year of `d` in `timeZone` ("2026"), or undefined for an invalid date. */
export function yearIn(d, timeZone) {
    return validDate(d) ? formatInZone(d, timeZone, 'yyyy') : undefined;
}
/** "Tue 17 Nov 09:30" in `timeZone`; the year is added when it differs from `contextYear`. */
export function formatWhenShort(d, timeZone, contextYear) {
    const tz = safeTimeZone(timeZone);
    return formatInZone(d, tz, yearIn(d, tz) === contextYear ? 'EEE d MMM HH:mm' : 'EEE d MMM yyyy HH:mm');
}
//# sourceMappingURL=format.js.map