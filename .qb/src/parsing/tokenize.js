/** Splits the command text into words; double-quoted runs ("…", “…”, „…“, «…») become one token. */
import { quote as quoteWord } from '../core/markdown.js';
const OPEN_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E', '\u00AB']);
const CLOSE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u00BB']);
/**
 * The longest question the parsers read. Webex messages can be ~7.4 KB; no question needs more than a few hundred
 * characters, and a cap keeps a hostile message from buying CPU time.
 */
export const MAX_QUERY_CHARS = 1000;
const PUNCTUATION = ',;:.!?';
/**
 * `text` without trailing characters from `chars`. A loop instead of `/[…]+$/`, which V8 tries from every start
 * position of a long run (quadratic).
 */
export function stripTrailing(text, chars = PUNCTUATION) {
    let end = text.length;
    while (end > 0 && chars.includes(text[end - 1] ?? ''))
        end--;
    return text.slice(0, end);
}
function isSpace(ch) {
    return /\s/u.test(ch);
}
export function tokenize(text) {
    if (text.length > MAX_QUERY_CHARS) {
        return {
            ok: false,
            error: {
                code: 'too_long',
                message: `That's too long for me to read: keep it under ${MAX_QUERY_CHARS} characters, e.g. \`recordings last week topic sync\`.`,
            },
        };
    }
    const tokens = [];
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
            while (j < chars.length && !CLOSE_QUOTES.has(chars[j] ?? ''))
                j++;
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
            while (i < chars.length && PUNCTUATION.includes(chars[i] ?? ''))
                i++;
            continue;
        }
        let j = i;
        while (j < chars.length && !isSpace(chars[j] ?? ''))
            j++;
        const word = chars.slice(i, j).join('');
        const lower = stripTrailing(word.toLowerCase());
        // Pure punctuation (a lone "," or "?") carries nothing.
        if (lower !== '')
            tokens.push({ text: word, lower, quoted: false });
        i = j;
    }
    return { ok: true, tokens };
}
//# sourceMappingURL=tokenize.js.map