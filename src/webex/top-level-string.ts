const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The string value of member `key` of the JSON object in `bytes` (UTF-8), read without parsing anything else; undefined
 * when the text is not an object, has no such member, or the member is not a string.
 *
 * Webex answers a posted message with the whole message, card included (8 KB or more), while the bot needs only its
 * id: parsing all of it for that was a large share of the bot's garbage on every reply. Working on the bytes is exact:
 * in UTF-8 every byte of a multi-byte character is 0x80 or above, so none is taken for a quote, a bracket or a
 * backslash. Nested objects and arrays are skipped by depth, so an `id` inside the card is never the answer.
 */
export function topLevelString(bytes: Uint8Array, key: string): string | undefined {
  const wanted = Buffer.from(key, 'utf8');
  let i = 0;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== OPEN_OBJECT) return undefined;
  let depth = 0;
  /** The last byte outside strings that is not white space: a string right after `{` or `,` at depth 1 is a key. */
  let last = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === QUOTE) {
      const s = endOfString(bytes, i);
      if (!s) return undefined;
      const isKey = depth === 1 && (last === OPEN_OBJECT || last === COMMA);
      if (
        isKey &&
        !s.escaped &&
        s.end - i - 2 === wanted.length &&
        wanted.equals(bytes.subarray(i + 1, s.end - 1))
      ) {
        return stringValueAfterKey(bytes, s.end);
      }
      i = s.end;
      last = QUOTE;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return undefined;
    }
    if (!isSpace(c)) last = c ?? 0;
    i++;
  }
  return undefined;
}

/** The end (exclusive) of the string whose opening quote is at `start`, and whether it holds escapes. */
function endOfString(bytes: Uint8Array, start: number): { end: number; escaped: boolean } | undefined {
  let escaped = false;
  for (let j = start + 1; j < bytes.length; j++) {
    const c = bytes[j];
    if (c === BACKSLASH) {
      escaped = true;
      j++;
    } else if (c === QUOTE) return { end: j + 1, escaped };
  }
  return undefined;
}

/** After a key's closing quote: `: "value"`, decoded (escapes through JSON.parse); undefined for any other value. */
function stringValueAfterKey(bytes: Uint8Array, from: number): string | undefined {
  let i = from;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== COLON) return undefined;
  i++;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] !== QUOTE) return undefined;
  const s = endOfString(bytes, i);
  if (!s) return undefined;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset + i, s.end - i).toString('utf8');
  if (!s.escaped) return raw.slice(1, -1);
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
