/**
 * The one mention parser, for each way a mention is written:
 * - `<@personId:ID|Name>`, `<@personEmail:a@b.c|Name>` and `<@all>`: the markup a sender puts in `markdown`;
 * - `<spark-mention data-object-type="person" data-object-id="ID">Name</spark-mention>`: the `html` Webex renders
 *   from it, which is what the bot reads;
 * - `@Name` as a person types it in a client (the demo's page), given who may be mentioned.
 *
 * Message text is hostile and up to 7439 bytes (more for html), so nothing here backtracks: every scan moves forward
 * with indexOf, and each "next delimiter" lookup is remembered, so a thousand unclosed `<spark-mention` cost one pass
 * to the end, not a thousand.
 */

export type MentionPart =
  | { kind: 'text'; text: string }
  /** `by` says what `value` holds: a person id (from markup or html) or an email (markup only). */
  | {
      kind: 'person';
      form: 'markup' | 'html';
      by: 'id' | 'email';
      value: string;
      name: string;
      source: string;
    }
  | { kind: 'all'; form: 'markup' | 'html'; name: string; source: string };

const MARKUP_PERSON_ID = '<@personid:';
const MARKUP_PERSON_EMAIL = '<@personemail:';
const MARKUP_ALL = '<@all>';
const HTML_OPEN = '<spark-mention';
const HTML_CLOSE = '</spark-mention>';

/** ASCII-only lower case keeps every index where it was (String#toLowerCase may not, e.g. for 'İ'). */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (run) => run.toLowerCase());

/** indexOf that remembers its last answer per needle, so repeated lookups from growing positions stay linear. */
function forwardFinder(haystack: string) {
  const memo = new Map<string, { from: number; at: number }>();
  return (needle: string, from: number): number => {
    const last = memo.get(needle);
    if (last && last.from <= from && (last.at === -1 || last.at >= from)) return last.at;
    const at = haystack.indexOf(needle, from);
    memo.set(needle, { from, at });
    return at;
  };
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};
const decodeEntities = (s: string) => s.replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e);

/** Drops markup tags (`<b>Ann</b>` → `Ann`); an unclosed `<` ends the tag run at the end of the string. */
function textOfHtml(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt === -1) return out + s.slice(i);
    out += s.slice(i, lt);
    const gt = s.indexOf('>', lt);
    if (gt === -1) return out;
    i = gt + 1;
  }
  return out;
}

/** The value of `name="…"` inside one opening tag (attribute names compared in ASCII lower case). */
function attribute(tag: string, lowerTag: string, name: string): string | undefined {
  const key = ` ${name}="`;
  const at = lowerTag.indexOf(key);
  if (at === -1) return undefined;
  const start = at + key.length;
  const end = tag.indexOf('"', start);
  return end === -1 ? undefined : decodeEntities(tag.slice(start, end));
}

/**
 * Splits a message's markdown or html into text and mentions, in order. Anything that does not complete a mention
 * stays text, as Webex leaves markup it cannot read.
 */
export function splitMentions(source: string): MentionPart[] {
  const lower = asciiLower(source);
  const next = forwardFinder(lower);
  const parts: MentionPart[] = [];
  let textFrom = 0;
  const flushText = (until: number) => {
    if (until > textFrom) parts.push({ kind: 'text', text: source.slice(textFrom, until) });
  };
  let i = next('<', 0);
  while (i !== -1) {
    const found = mentionAt(source, lower, i, next);
    if (found) {
      flushText(i);
      parts.push(found.part);
      textFrom = found.end;
      i = next('<', found.end);
    } else {
      i = next('<', i + 1);
    }
  }
  flushText(source.length);
  return parts;
}

function mentionAt(
  source: string,
  lower: string,
  i: number,
  next: (needle: string, from: number) => number,
): { part: MentionPart; end: number } | undefined {
  // Neither markup nor a tag holds another '<': without this, an opener far before a real mention would swallow it.
  const opensBefore = (end: number) => {
    const lt = next('<', i + 1);
    return lt !== -1 && lt < end;
  };
  if (lower.startsWith(MARKUP_ALL, i)) {
    const end = i + MARKUP_ALL.length;
    return { part: { kind: 'all', form: 'markup', name: 'All', source: source.slice(i, end) }, end };
  }
  const prefix = lower.startsWith(MARKUP_PERSON_ID, i)
    ? MARKUP_PERSON_ID
    : lower.startsWith(MARKUP_PERSON_EMAIL, i)
      ? MARKUP_PERSON_EMAIL
      : undefined;
  if (prefix) {
    const close = next('>', i);
    if (close === -1 || opensBefore(close)) return undefined;
    const pipe = next('|', i);
    const valueEnd = pipe !== -1 && pipe < close ? pipe : close;
    const value = source.slice(i + prefix.length, valueEnd).trim();
    if (value === '') return undefined;
    const name = valueEnd === pipe ? source.slice(pipe + 1, close).trim() : '';
    const by = prefix === MARKUP_PERSON_ID ? 'id' : 'email';
    const end = close + 1;
    return { part: { kind: 'person', form: 'markup', by, value, name, source: source.slice(i, end) }, end };
  }
  if (lower.startsWith(HTML_OPEN, i)) {
    const after = lower[i + HTML_OPEN.length];
    if (after !== ' ' && after !== '>') return undefined;
    const openEnd = next('>', i);
    const closeAt = next(HTML_CLOSE, i);
    if (openEnd === -1 || closeAt === -1 || closeAt < openEnd || opensBefore(openEnd)) return undefined;
    const tag = source.slice(i, openEnd);
    const lowerTag = lower.slice(i, openEnd);
    const type = attribute(tag, lowerTag, 'data-object-type');
    const id = attribute(tag, lowerTag, 'data-object-id');
    if (type !== 'groupMention' && (type !== 'person' || !id)) return undefined;
    const name = decodeEntities(textOfHtml(source.slice(openEnd + 1, closeAt))).trim();
    const end = closeAt + HTML_CLOSE.length;
    const whole = source.slice(i, end);
    if (type === 'groupMention' || !id)
      return { part: { kind: 'all', form: 'html', name, source: whole }, end };
    return { part: { kind: 'person', form: 'html', by: 'id', value: id, name, source: whole }, end };
  }
  return undefined;
}

/** Someone who can be @mentioned by typing one of their names. */
export interface MentionCandidate {
  id: string;
  names: readonly string[];
}

const TYPED_NAME_END = new Set([' ', '\t', '\n', '\r', ',', ':', ';', '.', '!', '?']);
const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);

/**
 * Finds `@Name` as a person types it: after the start or a space, any case, the longest name first, followed by the
 * end, a space or punctuation. Returns the text with those mentions taken out and the ids mentioned, in order.
 */
export function takeTypedMentions(
  text: string,
  candidates: readonly MentionCandidate[],
): { text: string; mentionIds: string[] } {
  const names = candidates
    .flatMap((c) =>
      c.names
        .filter((n) => n.trim() !== '')
        .map((name) => ({ lower: name.toLowerCase(), length: name.length, id: c.id })),
    )
    .sort((a, b) => b.length - a.length);
  const mentionIds: string[] = [];
  let out = '';
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at < from || !isSpace(at === 0 ? undefined : text[at - 1])) continue;
    const hit = names.find(({ lower, length }) => {
      const end = at + 1 + length;
      const after = text[end];
      return (
        (after === undefined || TYPED_NAME_END.has(after)) && text.slice(at + 1, end).toLowerCase() === lower
      );
    });
    if (!hit) continue;
    if (!mentionIds.includes(hit.id)) mentionIds.push(hit.id);
    out += text.slice(from, at);
    from = at + 1 + hit.length;
  }
  out += text.slice(from);
  return {
    text: out
      .replace(/\s+/g, ' ')
      .replace(/^[\s,:;]+/, '')
      .trim(),
    mentionIds,
  };
}
