/**
 * The words after `notify`. Pure and total: never throws, every failure is a message to show as is.
 *
 * - `notify me [filters]` (1:1) / `notify here [filters]` (group): subscribe.
 * - `notify list`, `notify stop <n>`, `notify stop all`, `notify` / `notify help`.
 * - Filters are those of `recordings` and read by its parser: `topic`, `format`, `type`, `meeting`, `site`, `tag`.
 *   A time range, `deleted`, `host` or `max` is refused: a notification is about each new recording as it is ready.
 */
import { escapeMarkdown, quote as quoteWord } from '../../core/markdown.js';
import { parseRecordingsQuery } from '../../parsing/parse-recordings-query.js';
export const NOTIFY_EXAMPLES = [
    'notify me',
    'notify me topic standup format mp4',
    'notify here type event',
    'notify list',
    'notify stop 1',
    'notify stop all',
];
export const NOTIFY_USAGE = [
    'I can tell you when a new recording of yours is ready:',
    '- `notify me` (in our 1:1 space) or `notify here` (in a group space: your recordings, shown to everyone here)',
    '- add filters as for `recordings`: `topic standup`, `format mp4`, `type event`, `meeting <id>`, `site <site>`, `tag <key>`',
    '- `notify list` · `notify stop 1` · `notify stop all`',
].join('\n');
const FILTER_KEYS = ['topic', 'format', 'serviceType', 'meetingId', 'siteUrl', 'integrationTag'];
const REFUSED = {
    status: '`deleted`',
    hostEmail: '`host`',
    max: '`max`/`top`',
};
const fail = (message) => ({ ok: false, message });
function readFilters(text, now) {
    if (!text.trim())
        return { ok: true, filters: {} };
    // The zone only matters for a time range, which is refused anyway.
    const parsed = parseRecordingsQuery(text, now, 'UTC');
    if (!parsed.ok)
        return { ok: false, message: parsed.error.message };
    return checkFilters(parsed.query);
}
function checkFilters(q) {
    if (!q.range.isDefault) {
        return {
            ok: false,
            message: `A notification is about each new recording as it becomes ready, so a time range (${quoteWord(q.range.label)}) can't be used. Filters: \`topic\`, \`format\`, \`type\`, \`meeting\`, \`site\`, \`tag\`.`,
        };
    }
    const filters = {};
    for (const [key, value] of Object.entries(q)) {
        if (key === 'range' || key === 'timeZone' || value === undefined)
            continue;
        if (!FILTER_KEYS.includes(key)) {
            const word = REFUSED[key] ?? `\`${escapeMarkdown(key)}\``;
            return {
                ok: false,
                message: `${word} can't be used in a notification. Filters: \`topic\`, \`format\`, \`type\`, \`meeting\`, \`site\`, \`tag\`.`,
            };
        }
        filters[key] = value;
    }
    return { ok: true, filters };
}
export function parseNotify(text, now) {
    const trimmed = text.trim();
    const m = /^(\S+)(?:\s+([\s\S]*))?$/u.exec(trimmed);
    const verb = (m?.[1] ?? '').toLowerCase();
    const rest = m?.[2]?.trim() ?? '';
    switch (verb) {
        case '':
        case 'help':
            return { ok: true, request: { kind: 'help' } };
        case 'me':
        case 'here': {
            const r = readFilters(rest, now);
            return r.ok
                ? { ok: true, request: { kind: 'subscribe', where: verb, filters: r.filters } }
                : fail(r.message);
        }
        case 'list':
        case 'ls':
            if (rest)
                return fail(`\`notify list\` takes nothing after it (I read ${quoteWord(rest)}).`);
            return { ok: true, request: { kind: 'list' } };
        case 'stop':
        case 'off':
        case 'cancel': {
            if (rest.toLowerCase() === 'all')
                return { ok: true, request: { kind: 'stop', which: 'all' } };
            const n = /^#?(\d{1,6})$/u.exec(rest);
            if (!n) {
                return fail(rest
                    ? `${quoteWord(rest)} isn't a notification number. Say e.g. \`notify stop 1\` or \`notify stop all\` (\`notify list\` shows the numbers).`
                    : 'Which one? Say e.g. `notify stop 1` or `notify stop all` (`notify list` shows the numbers).');
            }
            return { ok: true, request: { kind: 'stop', which: Number(n[1]) } };
        }
        default:
            return fail(`I don't know ${quoteWord(`notify ${verb}`)}.\n\n${NOTIFY_USAGE}`);
    }
}
//# sourceMappingURL=parse-notify.js.map