/**
 * The only way user-supplied text reaches a reply (message markdown or an Adaptive Card TextBlock). Anything a
 * person typed, a display name, a recording topic, an error text from Webex: every piece goes through `escapeMarkdown`
 * (or `quote`/`bold`, which use it), so it shows literally and can never become a mention (`<@all>`), a link, code,
 * a heading or a list.
 *
 * Never put user text inside a code span (`` `…` ``): backslash escapes do not work there, so a backtick in the text
 * would close the span early and whatever follows would be live markdown. Code spans are for the bot's own words.
 */
/** Collapses line breaks and runs of white space to single spaces: user text must never start a new markdown block. */
export function oneLine(text) {
    return text.replace(/\s+/gu, ' ').trim();
}
/** At most `max` code points (never splits a surrogate pair); the last one becomes "…" when cut. */
export function truncate(text, max) {
    const points = Array.from(text);
    if (points.length <= max)
        return text;
    return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}
const isWordChar = (ch) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
/** Characters that open markup anywhere in a line: emphasis, code, strike, links/images, mentions/HTML, tables, entities. */
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '~', '[', ']', '<', '>', '|', '&']);
/**
 * Escapes user text for the CommonMark subset of Webex message markdown and Adaptive Card TextBlocks, so
 * `**Q3** [draft] _wip_ <@all>` shows literally. Text is first folded to one line. Underscores inside a word
 * (`team_sync_notes`) can't open emphasis in CommonMark, so they are left alone to keep the text readable on renderers
 * that show backslashes literally.
 */
export function escapeMarkdown(text) {
    // Block syntax only matters at the start of the text (it is one line): headings, list items, quotes, rules.
    return escapeInline(text)
        .replace(/^([#+=-])/u, '\\$1')
        .replace(/^(\d+)([.)])/u, '$1\\$2');
}
/** Escapes inline markup only: for text that never starts a line (it follows a quote mark or `**`). */
function escapeInline(text) {
    const chars = Array.from(oneLine(text));
    let out = '';
    chars.forEach((ch, i) => {
        if (ch === '_') {
            out += isWordChar(chars[i - 1]) && isWordChar(chars[i + 1]) ? '_' : '\\_';
        }
        else if (ALWAYS_ESCAPED.has(ch)) {
            out += `\\${ch}`;
        }
        else {
            out += ch;
        }
    });
    return out;
}
/**
 * Like {@link escapeMarkdown}, and also defuses Adaptive Cards' `{{DATE(…)}}`/`{{TIME(…)}}` text functions with a
 * zero-width space, so a topic can't make the client rewrite it.
 */
export function escapeCardText(text) {
    return escapeMarkdown(text).replace(/\{\{/gu, '{\u200B{');
}
const MAX_QUOTED_CHARS = 40;
/** A word someone typed, for an answer about it: cut to 40 characters, escaped, in single quotes. */
export function quote(word, maxChars = MAX_QUOTED_CHARS) {
    return `'${escapeInline(truncate(word, maxChars))}'`;
}
/** User text in bold. */
export function bold(text) {
    return `**${escapeInline(text)}**`;
}
//# sourceMappingURL=markdown.js.map