/** Splits the command text into words; double-quoted runs ("…", “…”, „…“, «…») become one token. */
import { quote as quoteWord } from '../core/markdown.js';
import type { ParseError } from './recordings-query.js';

export interface Token {
  /** As typed (quotes removed for quoted tokens). */
  readonly text: string;
  /** Lower-cased, trailing `,;:.!?` removed (for keyword matching); for quoted tokens the lower-cased content. */
  readonly lower: string;
  readonly quoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: ParseError };

const OPEN_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB']);
const CLOSE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u00BB']);
const TRAILING_PUNCTUATION = /[,;:.!?]+$/u;

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  const chars = Array.from(text.normalize('NFC'));
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? '';
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(ch)) {
      let j = i + 1;
      while (j < chars.length && !CLOSE_QUOTES.has(chars[j] ?? '')) j++;
      if (j >= chars.length) {
        const rest = chars.slice(i).join('');
        return {
          ok: false,
          error: {
            code: 'unclosed_quote',
            message: `I couldn't find the closing quote after ${quoteWord(rest)} — write e.g. \`topic "weekly sync"\``,
            word: rest,
          },
        };
      }
      const inner = chars
        .slice(i + 1, j)
        .join('')
        .trim()
        .replace(/\s+/gu, ' ');
      tokens.push({ text: inner, lower: inner.toLowerCase(), quoted: true });
      i = j + 1;
      // A comma or full stop glued to the closing quote is punctuation, not a new word.
      while (i < chars.length && /[,;:.!?]/u.test(chars[i] ?? '')) i++;
      continue;
    }
    let j = i;
    while (j < chars.length && !isSpace(chars[j] ?? '')) j++;
    const word = chars.slice(i, j).join('');
    const lower = word.toLowerCase().replace(TRAILING_PUNCTUATION, '');
    // Pure punctuation (a lone "," or "?") carries nothing.
    if (lower !== '') tokens.push({ text: word, lower, quoted: false });
    i = j;
  }
  return { ok: true, tokens };
}
