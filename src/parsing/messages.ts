/** Helpers for user-facing messages (Webex markdown). */

const MAX_WORD_LENGTH = 40;

/** Escapes characters that Webex markdown would interpret, so a user's word is shown as typed. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_~[\]()<>|#]/gu, (c) => `\\${c}`);
}

/** A user's word for a message: truncated, escaped, in single quotes. */
export function quoteWord(word: string): string {
  const chars = Array.from(word);
  const short = chars.length > MAX_WORD_LENGTH ? `${chars.slice(0, MAX_WORD_LENGTH - 1).join('')}…` : word;
  return `'${escapeMarkdown(short)}'`;
}

export const EXAMPLE = '`recordings last week topic sync`';
