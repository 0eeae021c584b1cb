/**
 * The recordings answer as an Adaptive Card (1.3, the newest Webex renders) plus its markdown fallback.
 * Pure: same input, same output; every time shown is in the asker's zone.
 *
 * Webex constraints honoured here: no Media / Action.ToggleVisibility / Action.Execute / anything newer than 1.3;
 * cards can't be edited, so "Show more" posts a new card; the fallback markdown is ≤ 7439 UTF-8 bytes and is what
 * notifications and card-less clients show. Passwords appear only when `showPasswords` (1:1 spaces).
 */
import { CARD_SCHEMA, CARD_VERSION, WEBEX_MARKDOWN_MAX_BYTES, describeRange, formatDuration, formatSize, formatWhen, formatWhenShort, markdownLinkUrl, parseInstant, safeHttpUrl, truncateBytes, utf8Bytes, yearIn, } from '../../cards/format.js';
import { escapeCardText, escapeMarkdown, truncate } from '../../core/markdown.js';
export { describeRange } from '../../cards/format.js';
/** Longest topic shown on the card; longer ones end in "…". */
export const MAX_TOPIC_CHARS = 200;
/**
 * Card JSON budget in UTF-8 bytes. Webex rejects large attachments; when 10 recordings with long multibyte topics
 * and long urls would exceed this, topics are shortened further (urls can't be).
 */
export const CARD_TARGET_BYTES = 16_000;
/** Longest filter value echoed back (they come from the user's message). */
const MAX_FILTER_CHARS = 100;
const SERVICE_TYPE_WORDS = {
    MeetingCenter: 'Meetings',
    EventCenter: 'Events',
    TrainingCenter: 'Training',
    SupportCenter: 'Support',
};
/** The filters in words, each already escaped with `esc`: `topic “sync”`, `format MP4`, `type Events`, … */
function filterWords(filters, esc) {
    const v = (s) => esc(truncate(s, MAX_FILTER_CHARS));
    const words = [];
    if (filters.topic)
        words.push(`topic “${v(filters.topic)}”`);
    if (filters.format)
        words.push(`format ${v(filters.format)}`);
    if (filters.serviceType)
        words.push(`type ${v(SERVICE_TYPE_WORDS[filters.serviceType] ?? filters.serviceType)}`);
    if (filters.siteUrl)
        words.push(`site ${v(filters.siteUrl)}`);
    if (filters.integrationTag)
        words.push(`tag “${v(filters.integrationTag)}”`);
    if (filters.meetingId)
        words.push(`meeting id ${v(filters.meetingId)}`);
    return words;
}
const titleOf = (filters) => filters.status === 'deleted' ? 'Deleted recordings (recycle bin)' : 'Recordings';
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "Showing 1–10 of 37 recordings". */
function countText(offset, shown, total) {
    if (shown === 0)
        return total > 0 ? `No recordings on this page (${total} in total)` : 'No recordings';
    const first = offset + 1;
    const last = offset + shown;
    const all = Math.max(total, last);
    return first === last
        ? `Showing ${first} of ${plural(all, 'recording')}`
        : `Showing ${first}–${last} of ${plural(all, 'recording')}`;
}
const topicOf = (r, max = MAX_TOPIC_CHARS) => truncate(r.topic.trim() || '(no topic)', max);
const whenOf = (r) => parseInstant(r.timeRecorded) ?? parseInstant(r.createTime);
function recordingItem(r, input, topicChars) {
    const when = whenOf(r);
    const meta = [
        when ? formatWhen(when, input.timeZone) : 'time unknown',
        formatDuration(r.durationSeconds),
        formatSize(r.sizeBytes),
        r.format ? escapeCardText(truncate(r.format, 20)) : undefined,
    ].filter((s) => Boolean(s));
    const items = [
        { type: 'TextBlock', text: escapeCardText(topicOf(r, topicChars)), weight: 'Bolder', wrap: true },
    ];
    if (r.shareToMe) {
        const by = r.hostEmail ? ` by ${escapeCardText(truncate(r.hostEmail, MAX_FILTER_CHARS))}` : '';
        items.push({
            type: 'TextBlock',
            text: `Shared with you${by}`,
            color: 'Accent',
            size: 'Small',
            spacing: 'None',
            wrap: true,
        });
    }
    items.push({ type: 'TextBlock', text: meta.join(' · '), isSubtle: true, spacing: 'None', wrap: true });
    if (input.showPasswords && r.password) {
        items.push({
            type: 'TextBlock',
            text: `Password: ${escapeCardText(r.password)}`,
            spacing: 'None',
            wrap: true,
        });
    }
    const play = safeHttpUrl(r.playbackUrl);
    const download = safeHttpUrl(r.downloadUrl);
    const actions = [];
    // The topic in each title lets a screen reader tell the buttons of ten recordings apart.
    const label = truncate(topicOf(r, topicChars), 16);
    if (play)
        actions.push({ type: 'Action.OpenUrl', title: `Play ${label}`, url: play });
    if (download)
        actions.push({ type: 'Action.OpenUrl', title: `Download ${label}`, url: download });
    // Each recording's buttons sit in their own ActionSet right under it.
    if (actions.length > 0)
        items.push({ type: 'ActionSet', actions });
    return { type: 'Container', separator: true, spacing: 'Medium', items };
}
function cardHeader(input) {
    const header = [
        { type: 'TextBlock', text: titleOf(input.filters), weight: 'Bolder', size: 'Medium', wrap: true },
        {
            type: 'TextBlock',
            text: escapeCardText(describeRange(input.range, input.timeZone)),
            spacing: 'None',
            wrap: true,
        },
    ];
    const words = filterWords(input.filters, escapeCardText);
    if (words.length > 0) {
        header.push({ type: 'TextBlock', text: words.join(' · '), isSubtle: true, spacing: 'None', wrap: true });
    }
    header.push({
        type: 'TextBlock',
        text: countText(input.offset, input.recordings.length, input.total),
        isSubtle: true,
        spacing: 'Small',
        wrap: true,
    });
    return header;
}
/** One fallback line: `- **Topic** — Tue 17 Nov 09:30 · 45 min · [Play](url) · [Download](url)`. */
function markdownLine(r, input, topicChars, year) {
    const when = whenOf(r);
    const parts = [
        when ? formatWhenShort(when, input.timeZone, year) : 'time unknown',
        formatDuration(r.durationSeconds),
    ];
    const play = safeHttpUrl(r.playbackUrl);
    const download = safeHttpUrl(r.downloadUrl);
    if (play)
        parts.push(`[Play](${markdownLinkUrl(play)})`);
    if (download)
        parts.push(`[Download](${markdownLinkUrl(download)})`);
    if (r.shareToMe)
        parts.push('shared with you');
    if (input.showPasswords && r.password)
        parts.push(`password: ${escapeMarkdown(r.password)}`);
    const topic = escapeMarkdown(truncate(topicOf(r), topicChars));
    return `- **${topic}** — ${parts.filter(Boolean).join(' · ')}`;
}
function fallbackMarkdown(input) {
    // Lines omit the year when it is the year the range ends in (the header shows it).
    const yearOfRange = yearIn(new Date(input.range.to.getTime() - 1), input.timeZone);
    const headParts = [
        `**${titleOf(input.filters)}**`,
        escapeMarkdown(describeRange(input.range, input.timeZone)),
        ...filterWords(input.filters, escapeMarkdown),
    ];
    const head = [headParts.join(' · '), `${countText(input.offset, input.recordings.length, input.total)}:`];
    const tail = input.moreData ? ['More recordings match: press **Show more** on the card.'] : [];
    const assemble = (lines) => [...head, ...lines, ...tail].join('\n');
    const fits = (s) => utf8Bytes(s) <= WEBEX_MARKDOWN_MAX_BYTES;
    // First shorten topics (keeps every recording in notifications), then drop lines from the end.
    let lines = [];
    for (const topicChars of [MAX_TOPIC_CHARS, 80, 40]) {
        lines = input.recordings.map((r) => markdownLine(r, input, topicChars, yearOfRange));
        const text = assemble(lines);
        if (fits(text))
            return text;
    }
    for (let keep = lines.length - 1; keep >= 0; keep--) {
        const omitted = lines.length - keep;
        const text = assemble([...lines.slice(0, keep), `…and ${omitted} more (see the card)`]);
        if (fits(text))
            return text;
    }
    return truncateBytes(assemble([]), WEBEX_MARKDOWN_MAX_BYTES);
}
/** The card for one page of recordings and the markdown fallback to send with it. */
export function buildRecordingsCard(input) {
    const header = cardHeader(input);
    const build = (topicChars) => {
        const card = {
            $schema: CARD_SCHEMA,
            type: 'AdaptiveCard',
            version: CARD_VERSION,
            body: [...header, ...input.recordings.map((r) => recordingItem(r, input, topicChars))],
        };
        if (input.moreData)
            card.actions = [{ type: 'Action.Submit', title: 'Show more', data: input.moreData }];
        return card;
    };
    let card = build(MAX_TOPIC_CHARS);
    for (const topicChars of [100, 50]) {
        if (utf8Bytes(JSON.stringify(card)) <= CARD_TARGET_BYTES)
            break;
        card = build(topicChars);
    }
    return { card, markdown: fallbackMarkdown(input) };
}
/**
 * Markdown for "nothing matched": restates the question (range in the asker's zone, filters) and suggests widening.
 * `suggestion` is a command to try, e.g. `recordings last month`; it is shown as code.
 */
export function buildNoRecordingsMessage(input, suggestion) {
    const what = input.filters.status === 'deleted' ? 'deleted recordings (recycle bin)' : 'recordings';
    const words = filterWords(input.filters, escapeMarkdown);
    const withFilters = words.length > 0 ? ` with ${words.join(', ')}` : '';
    const range = escapeMarkdown(describeRange(input.range, input.timeZone));
    const widen = words.length > 0 ? 'Try fewer filters or a wider range' : 'Try a wider range';
    const command = suggestion ? oneLineCommand(suggestion) : '';
    const hint = command ? `${widen}, e.g. \`${command}\`.` : `${widen}.`;
    const text = `I found no ${what} for **${range}**${withFilters}.\n${hint}`;
    return truncateBytes(text, WEBEX_MARKDOWN_MAX_BYTES);
}
const oneLineCommand = (s) => truncate(s.replace(/[`\r\n]+/gu, ' ').trim(), MAX_FILTER_CHARS);
//# sourceMappingURL=recordings-card.js.map