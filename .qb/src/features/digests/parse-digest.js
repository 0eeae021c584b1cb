/**
 * The `digest daily at 9:00 [zone] [filters] [even if empty]` phrase (the words after `digest`). Pure; never throws.
 *
 * - Cadence: `daily` / `every day`, `weekdays` / `every weekday`, `weekly on monday` / `every monday` / `mondays`.
 * - Time: `at 9:00`, `at 09:30`, `at 9`, `at 9am`, `at 5:30 pm` (24-hour unless am/pm).
 * - Zone: an IANA name anywhere before the filters (`Europe/Berlin`, `UTC`); else the person's zone.
 * - Filters: the recordings filters `topic`, `format`, `type`, `site`, `tag`, read by the recordings parser. A time
 *   range, `deleted`, `meeting`, `max` or anything else is refused: a digest's window is implicit.
 * - `even if empty`: post a card even when nothing is new.
 */
import { escapeMarkdown, quote as quoteWord } from '../../core/markdown.js';
import { canonicalTimeZone } from '../../core/time.js';
import { weekdayNumber } from '../../parsing/parse-date.js';
import { parseRecordingsQuery } from '../../parsing/parse-recordings-query.js';
import { tokenize } from '../../parsing/tokenize.js';
export const DIGEST_EXAMPLES = [
    'digest daily at 9:00',
    'digest weekdays at 8:30 topic standup',
    'digest weekly on monday at 8:00 Europe/Berlin format mp4',
    'digest daily at 17:00 type event even if empty',
];
const USAGE = 'Say when, e.g. `digest daily at 9:00`, `digest weekdays at 8:30` or `digest weekly on monday at 8:00` — then optionally a time zone (`Europe/Berlin`) and filters (`topic sync`, `format mp4`, `type event`, `site …`, `tag …`).';
/** Query fields a digest filter may set; everything else the recordings parser can produce is refused. */
const ALLOWED_FILTERS = new Set([
    'topic',
    'format',
    'serviceType',
    'siteUrl',
    'integrationTag',
]);
const REFUSED_WORDS = {
    status: '`deleted`',
    meetingId: '`meeting`',
    max: '`max`/`top`',
    hostEmail: '`host`',
};
const ZONE_SHAPE = /^(?:[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT|Etc\/[A-Za-z0-9+-]+)$/u;
function fail(message) {
    return { ok: false, message };
}
/** `9`, `9:30`, `09.30`, `9am`, `9:30pm` (am/pm possibly the next token). */
function readTime(tokens, i) {
    const t = tokens[i];
    if (!t || t.quoted)
        return fail(`'at' needs a time after it, e.g. \`at 9:00\` or \`at 17:30\``);
    let word = t.lower;
    let next = i + 1;
    const following = tokens[i + 1];
    if (following && !following.quoted && /^(am|pm|a\.m\.|p\.m\.)$/u.test(following.lower)) {
        word += following.lower;
        next++;
    }
    const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/u.exec(word.replace(/\.$/u, '.'));
    if (!m)
        return fail(`I can't read the time ${quoteWord(t.text)} — write it like \`9:00\`, \`17:30\` or \`9am\``);
    let hour = Number(m[1]);
    const minute = m[2] === undefined ? 0 : Number(m[2]);
    const half = m[3]?.replace(/\./gu, '');
    if (half) {
        if (hour < 1 || hour > 12)
            return fail(`${quoteWord(t.text)} isn't a time: with am/pm the hour is 1 to 12`);
        hour = (hour % 12) + (half === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59)
        return fail(`${quoteWord(t.text)} isn't a time of day — use 00:00 to 23:59`);
    return { ok: true, hour, minute, next };
}
/** `mondays` → 1. */
function pluralWeekday(word) {
    return word.endsWith('s') ? weekdayNumber(word.slice(0, -1)) : undefined;
}
function quoteToken(t) {
    return t.quoted ? `"${t.text}"` : t.text;
}
function checkFilters(query) {
    if (!query.range.isDefault) {
        return fail(`A digest's time window is implicit (everything new since the previous digest), so ${quoteWord(query.range.label)} can't be used here.`);
    }
    const filters = {};
    for (const [key, value] of Object.entries(query)) {
        if (key === 'range' || key === 'timeZone' || value === undefined)
            continue;
        if (!ALLOWED_FILTERS.has(key)) {
            const word = REFUSED_WORDS[key] ?? `\`${escapeMarkdown(key)}\``;
            return fail(`${word} can't be used in a digest. Digest filters: \`topic\`, \`format\`, \`type\`, \`site\`, \`tag\`.`);
        }
        filters[key] = value;
    }
    return filters;
}
export function parseDigestRequest(text, now) {
    const tokenized = tokenize(text);
    if (!tokenized.ok)
        return fail(tokenized.error.message);
    let tokens = tokenized.tokens;
    if (tokens.length === 0)
        return fail(USAGE);
    // `even if empty` / `even when empty`, wherever it is.
    let evenIfEmpty = false;
    const kept = [];
    for (let i = 0; i < tokens.length; i++) {
        const [a, b, c] = [tokens[i], tokens[i + 1], tokens[i + 2]];
        if (a &&
            b &&
            c &&
            !a.quoted &&
            !b.quoted &&
            !c.quoted &&
            a.lower === 'even' &&
            /^(if|when)$/u.test(b.lower) &&
            c.lower === 'empty') {
            evenIfEmpty = true;
            i += 2;
            continue;
        }
        if (a)
            kept.push(a);
    }
    tokens = kept;
    let cadence;
    let weekday;
    let time;
    let timeZone;
    let i = 0;
    const first = tokens[0];
    const second = tokens[1];
    if (first && !first.quoted) {
        const w = first.lower;
        if (w === 'daily' || w === 'everyday')
            [cadence, i] = ['daily', 1];
        else if (w === 'weekdays' || w === 'workdays')
            [cadence, i] = ['weekdays', 1];
        else if (w === 'weekly')
            [cadence, i] = ['weekly', 1];
        else if (pluralWeekday(w) !== undefined)
            [cadence, weekday, i] = ['weekly', pluralWeekday(w), 1];
        else if (w === 'every' && second && !second.quoted) {
            const v = second.lower;
            if (v === 'day')
                [cadence, i] = ['daily', 2];
            else if (v === 'weekday' || v === 'workday')
                [cadence, i] = ['weekdays', 2];
            else if (weekdayNumber(v) !== undefined)
                [cadence, weekday, i] = ['weekly', weekdayNumber(v), 2];
        }
    }
    if (!cadence) {
        return fail(`I didn't understand ${quoteWord(first ? quoteToken(first) : text)} as a schedule. ${USAGE}`);
    }
    // The schedule words, in any order, up to the first word that isn't one: the rest are filters.
    for (;;) {
        const t = tokens[i];
        if (!t || t.quoted)
            break;
        if (t.lower === 'at') {
            if (time)
                return fail('Give one time only, e.g. `digest daily at 9:00`.');
            const r = readTime(tokens, i + 1);
            if (!r.ok)
                return r;
            time = { hour: r.hour, minute: r.minute };
            i = r.next;
        }
        else if (t.lower === 'on') {
            const d = tokens[i + 1];
            const n = d && !d.quoted ? (weekdayNumber(d.lower) ?? pluralWeekday(d.lower)) : undefined;
            if (n === undefined)
                return fail(`'on' needs a weekday after it, e.g. \`digest weekly on monday at 8:00\`.`);
            if (cadence !== 'weekly')
                return fail(`A ${cadence} digest has no weekday; for one day a week say \`digest weekly on ${d?.lower ?? 'monday'} at …\`.`);
            if (weekday !== undefined && weekday !== n)
                return fail('Give one weekday only.');
            weekday = n;
            i += 2;
        }
        else if (ZONE_SHAPE.test(t.text.replace(/[,;.]$/u, ''))) {
            const name = t.text.replace(/[,;.]$/u, '');
            const zone = canonicalTimeZone(name);
            if (!zone) {
                return fail(`${quoteWord(name)} isn't a time zone I know. Use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`);
            }
            if (timeZone)
                return fail('Give one time zone only.');
            timeZone = zone;
            i++;
        }
        else
            break;
    }
    if (!time)
        return fail(`When should it be sent? Add a time, e.g. \`digest ${cadence === 'weekly' ? 'weekly on monday' : cadence} at 9:00\`.`);
    if (cadence === 'weekly' && weekday === undefined) {
        return fail('On which day? e.g. `digest weekly on monday at 8:00`.');
    }
    const rest = tokens.slice(i).map(quoteToken).join(' ');
    let filters = {};
    if (rest.trim()) {
        const parsed = parseRecordingsQuery(rest, now, timeZone ?? 'UTC');
        if (!parsed.ok)
            return fail(parsed.error.message);
        const checked = checkFilters(parsed.query);
        if ('ok' in checked)
            return checked;
        filters = checked;
    }
    const request = { cadence, hour: time.hour, minute: time.minute, filters, evenIfEmpty };
    if (weekday !== undefined)
        request.weekday = weekday;
    if (timeZone)
        request.timeZone = timeZone;
    return { ok: true, request };
}
//# sourceMappingURL=parse-digest.js.map