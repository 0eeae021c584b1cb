/**
 * Small pure formatters and guards shared by the card builders. No I/O, no clock. Times, ranges and durations are
 * formatted by src/core/time.ts (one style each, everywhere).
 */

/** Every card the bot posts: Webex renders Adaptive Cards up to 1.3. */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.3';

/** Webex's limit for a message's `text`/`markdown`, in UTF-8 bytes. */
export const WEBEX_MARKDOWN_MAX_BYTES = 7439;

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts a string to at most `maxBytes` UTF-8 bytes on a code point boundary, ending in "…" when cut. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  const budget = maxBytes - utf8Bytes('…');
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

/**
 * Longest URL a button or link gets. Browsers and servers commonly refuse longer ones, and a Webex answer with such a
 * URL is broken or hostile; each one would also cost its whole length in a card with a byte budget.
 */
export const MAX_URL_CHARS = 2048;

/**
 * The URL when it is an absolute http(s) URL of at most MAX_URL_CHARS, else undefined: no `javascript:` buttons and
 * no button whose URL nobody can open (the recording is still shown, without it).
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > MAX_URL_CHARS) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Longest password shown. Webex's are short; a longer one is not a password, and cutting it would make it wrong. */
export const MAX_PASSWORD_CHARS = 128;

/** The password when it is one a person could type, else undefined (not shown). */
export const shownPassword = (password: string | undefined): string | undefined =>
  password && password.length <= MAX_PASSWORD_CHARS ? password : undefined;

/** A URL usable inside a markdown link's `( )`: characters that would end or break the destination are %-encoded. */
export function markdownLinkUrl(url: string): string {
  return url.replace(
    /[()<>\s[\]]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * "152 MB", "1.2 GB". Decimal (SI) units — 1 MB = 1,000,000 bytes — because that is what Webex's own pages and
 * most download managers show for recordings; one decimal below 10, whole numbers above.
 */
export function formatSize(bytes: number | undefined): string | undefined {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  const shown = (v: number, i: number) =>
    i === 0 ? Math.round(v) : v < 10 ? Math.round(v * 10) / 10 : Math.round(v);
  let v = bytes;
  let i = 0;
  while (i < units.length - 1 && shown(v, i) >= 1000) {
    v /= 1000;
    i++;
  }
  return `${shown(v, i)} ${units[i] ?? 'B'}`;
}

/** The instant of a Webex timestamp string, or undefined when missing/unreadable. */
export function parseInstant(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
