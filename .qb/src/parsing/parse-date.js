/**
 * Date words → a local calendar date. Accepted:
 * - `2026-11-03` (also `2026/11/03`, `2026.11.03`)
 * - `Nov 3`, `November 3rd`, `3 Nov`, `3rd of November`, each optionally followed by a year: `Nov 3 2026`,
 *   `Nov 3, 2026`, `3 Nov 2026`. Without a year: the most recent such date that is not in the future
 *   (today counts); `Feb 29` goes back to the last leap year.
 * - `today`, `yesterday`, `tomorrow`
 * - weekday names (`monday`, `mon`): the most recent such day that has started, i.e. today counts —
 *   on a Monday, `monday` is today.
 * Refused: `11/03`, `03/11/2026` (day/month order unknown) → `ambiguous_date`; dates that don't exist
 * (`2025-13-45`, `Feb 30`) → `bad_date`.
 */
import { quote as quoteWord } from '../core/markdown.js';
import { stripTrailing } from './tokenize.js';
import { addDays, compareDates, dayOfWeek, isValidPlainDate } from './plain-date.js';
import { tokenize } from './tokenize.js';
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2999;
const MONTHS = new Map([
    ['jan', 1],
    ['january', 1],
    ['feb', 2],
    ['february', 2],
    ['mar', 3],
    ['march', 3],
    ['apr', 4],
    ['april', 4],
    ['may', 5],
    ['jun', 6],
    ['june', 6],
    ['jul', 7],
    ['july', 7],
    ['aug', 8],
    ['august', 8],
    ['sep', 9],
    ['sept', 9],
    ['september', 9],
    ['oct', 10],
    ['october', 10],
    ['nov', 11],
    ['november', 11],
    ['dec', 12],
    ['december', 12],
]);
const MONTH_SHORT = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
];
export const WEEKDAYS_FULL = [
    'sunday',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
];
const WEEKDAYS = new Map([
    ...WEEKDAYS_FULL.map((name, i) => [name, i]),
    ['sun', 0],
    ['mon', 1],
    ['tue', 2],
    ['tues', 2],
    ['wed', 3],
    ['thu', 4],
    ['thur', 4],
    ['thurs', 4],
    ['fri', 5],
    ['sat', 6],
]);
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u;
const AMBIGUOUS_DATE = /^\d{1,2}[-/.]\d{1,2}(?:[-/.](?:\d{2}|\d{4}))?$/u;
const DATE_LIKE = /^\d+(?:[-/.]\d+)+$/u;
const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/u;
const YEAR = /^\d{4}$/u;
/** `Nov 3` or `Nov 3, 2025` — for messages. */
export function formatShortDate(d, withYear) {
    const md = `${MONTH_SHORT[d.month - 1] ?? '?'} ${d.day}`;
    return withYear ? `${md}, ${d.year}` : md;
}
/** A weekday number 0..6 if `word` (lower-case) names one; `fullOnly` rejects abbreviations. */
export function weekdayNumber(word, fullOnly = false) {
    if (fullOnly && !WEEKDAYS_FULL.includes(word))
        return undefined;
    return WEEKDAYS.get(word);
}
/** The most recent `weekday` on or before `onOrBefore`. */
export function mostRecentWeekday(weekday, onOrBefore) {
    return addDays(onOrBefore, -((dayOfWeek(onOrBefore) - weekday + 7) % 7));
}
export function badDate(text) {
    return { code: 'bad_date', message: `I can't read the date ${quoteWord(text)}`, word: text };
}
function yearOk(year) {
    return year >= MIN_YEAR && year <= MAX_YEAR;
}
/** Month/day with an optional year → a date; without a year, the latest one not after `today`. */
function resolveMonthDay(month, day, year, today, text) {
    if (year !== undefined) {
        return yearOk(year) && isValidPlainDate(year, month, day) ? { year, month, day } : badDate(text);
    }
    if (!isValidPlainDate(2000, month, day))
        return badDate(text); // 2000 is a leap year: Feb 29 is fine
    let y = compareDates({ year: today.year, month, day }, today) > 0 ? today.year - 1 : today.year;
    while (!isValidPlainDate(y, month, day))
        y--; // only Feb 29: at most 8 years back
    return { year: y, month, day };
}
/**
 * Tries to read a date starting at `tokens[index]`, resolving relative forms against `today` (the local
 * date in the asker's zone). Returns `null` if the tokens don't look like a date at all.
 */
export function parseDateAt(tokens, index, today, options = {}) {
    const first = tokens[index];
    if (first === undefined || first.quoted)
        return null;
    const w = first.lower;
    const one = (date) => ({ ok: true, date, consumed: 1, text: first.text });
    const iso = ISO_DATE.exec(w);
    if (iso) {
        const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
        return yearOk(year) && isValidPlainDate(year, month, day)
            ? one({ year, month, day })
            : { ok: false, error: badDate(first.text) };
    }
    if (AMBIGUOUS_DATE.test(w)) {
        return {
            ok: false,
            error: {
                code: 'ambiguous_date',
                message: `I can't tell whether ${quoteWord(first.text)} is day/month or month/day — write it like \`2026-11-03\` or \`Nov 3\``,
                word: first.text,
            },
        };
    }
    if (DATE_LIKE.test(w))
        return { ok: false, error: badDate(first.text) };
    if (w === 'today')
        return one(today);
    if (w === 'yesterday')
        return one(addDays(today, -1));
    if (w === 'tomorrow')
        return one(addDays(today, 1));
    const weekday = weekdayNumber(w, options.strict);
    if (weekday !== undefined)
        return one(mostRecentWeekday(weekday, today));
    const readYear = (at) => {
        const t = tokens[at];
        return t && !t.quoted && YEAR.test(t.lower) ? Number(t.lower) : undefined;
    };
    const textOf = (count) => stripTrailing(tokens
        .slice(index, index + count)
        .map((t) => t.text)
        .join(' '));
    const finish = (month, day, yearAt, used) => {
        const year = readYear(yearAt);
        const consumed = year === undefined ? used : used + 1;
        const text = textOf(consumed);
        const r = resolveMonthDay(month, day, year, today, text);
        if ('code' in r)
            return { ok: false, error: r };
        return year === undefined
            ? { ok: true, date: r, consumed, text, monthDay: { month, day } }
            : { ok: true, date: r, consumed, text };
    };
    // Nov 3 [2026]
    const month = MONTHS.get(w);
    if (month !== undefined) {
        const next = tokens[index + 1];
        const dayMatch = next && !next.quoted ? DAY.exec(next.lower) : null;
        if (!dayMatch) {
            // "may review": a month name without a day is an ordinary word in a topic.
            if (options.strict)
                return null;
            return {
                ok: false,
                error: {
                    code: 'bad_date',
                    message: `I can't read the date ${quoteWord(first.text)} — add the day, e.g. \`Nov 3\` or \`2026-11-03\``,
                    word: first.text,
                },
            };
        }
        return finish(month, Number(dayMatch[1]), index + 2, 2);
    }
    // 3 Nov [2026], 3rd of November [2026]
    const dayMatch = DAY.exec(w);
    if (dayMatch) {
        const ofSkip = tokens[index + 1]?.lower === 'of' ? 1 : 0;
        const monthToken = tokens[index + 1 + ofSkip];
        const m = monthToken && !monthToken.quoted ? MONTHS.get(monthToken.lower) : undefined;
        if (m !== undefined)
            return finish(m, Number(dayMatch[1]), index + 2 + ofSkip, 2 + ofSkip);
    }
    return null;
}
/** Reads a whole string as one date (e.g. `"Nov 3, 2026"`), relative to `today`. */
export function parseDate(text, today) {
    const t = tokenize(text);
    if (!t.ok)
        return t;
    const r = parseDateAt(t.tokens, 0, today);
    if (r === null || (r.ok && r.consumed !== t.tokens.length)) {
        return { ok: false, error: badDate(text.trim()) };
    }
    return r.ok ? { ok: true, date: r.date } : r;
}
//# sourceMappingURL=parse-date.js.map