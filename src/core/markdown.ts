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
export function oneLine(text: string): string {
  // Most text (a topic, a name) has single spaces only and is returned as it is, without new strings.
  return NOT_ONE_LINE.test(text) ? text.replace(/\s+/gu, ' ').trim() : text;
}
/** White space other than a single inner space: what `oneLine` would change. */
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/u;

/** At most `max` code points (never splits a surrogate pair); the last one becomes "…" when cut. */
export function truncate(text: string, max: number): string {
  // UTF-16 units are never fewer than code points: a short enough text needs no counting.
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Characters that open markup anywhere in a line: emphasis, code, strike, links/images, mentions/HTML, tables, entities. */
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '~', '[', ']', '<', '>', '|', '&']);

/**
 * Escapes user text for the CommonMark subset of Webex message markdown and Adaptive Card TextBlocks, so
 * `**Q3** [draft] _wip_ <@all>` shows literally. Text is first folded to one line. Underscores inside a word
 * (`team_sync_notes`) can't open emphasis in CommonMark, so they are left alone to keep the text readable on renderers
 * that show backslashes literally.
 */
export function escapeMarkdown(text: string): string {
  const inline = escapeInline(text);
  // Block syntax only matters at the start of the text (it is one line): headings, list items, quotes, rules.
  return BLOCK_START.test(inline)
    ? inline.replace(/^([#+=-])/u, '\\$1').replace(/^(\d+)([.)])/u, '$1\\$2')
    : inline;
}
const BLOCK_START = /^[#+=\d-]/u;
/** Any character escapeInline may change; text without one (most topics) is returned as it is. */
const INLINE_SPECIAL = /[\\`*~[\]<>|&_]/u;

/** Escapes inline markup only: for text that never starts a line (it follows a quote mark or `**`). */
function escapeInline(text: string): string {
  const line = oneLine(text);
  if (!INLINE_SPECIAL.test(line)) return line;
  const chars = Array.from(line);
  let out = '';
  chars.forEach((ch, i) => {
    if (ch === '_') {
      out += isWordChar(chars[i - 1]) && isWordChar(chars[i + 1]) ? '_' : '\\_';
    } else if (ALWAYS_ESCAPED.has(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  });
  return out;
}

/**
 * Like {@link escapeMarkdown}, and also defuses Adaptive Cards' `{{DATE(…)}}`/`{{TIME(…)}}` text functions with a
 * zero-width space, so a topic can't make the client rewrite it.
 */
export function escapeCardText(text: string): string {
  const escaped = escapeMarkdown(text);
  return escaped.includes('{{') ? escaped.replace(/\{\{/gu, '{\u200B{') : escaped;
}

const MAX_QUOTED_CHARS = 40;

/** A word someone typed, for an answer about it: cut to 40 characters, escaped, in single quotes. */
export function quote(word: string, maxChars = MAX_QUOTED_CHARS): string {
  return `'${escapeInline(truncate(word, maxChars))}'`;
}

/** User text in bold. */
export function bold(text: string): string {
  return `**${escapeInline(text)}**`;
}
