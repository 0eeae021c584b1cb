import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeCardText, escapeMarkdown, oneLine, quote, truncate } from '../../../src/core/markdown.js';

/**
 * The escaping rules written the plain way (every character looked at, no shortcut): the module returns text without
 * markup or extra white space as it is, and must give exactly what these give for any text.
 */
const reference = {
  oneLine: (text: string) => text.replace(/\s+/gu, ' ').trim(),
  truncate(text: string, max: number) {
    const points = Array.from(text);
    return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
  },
  inline(text: string) {
    const chars = Array.from(reference.oneLine(text));
    const word = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
    return chars
      .map((ch, i) =>
        ch === '_'
          ? word(chars[i - 1]) && word(chars[i + 1])
            ? '_'
            : '\\_'
          : '\\`*~[]<>|&'.includes(ch)
            ? `\\${ch}`
            : ch,
      )
      .join('');
  },
  escape: (text: string) =>
    reference
      .inline(text)
      .replace(/^([#+=-])/u, '\\$1')
      .replace(/^(\d+)([.)])/u, '$1\\$2'),
};

/** Text with plenty of what matters here: markup characters, every kind of white space, digits, letters, emoji. */
const markdownish = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'\\`*~[]<>|&_#+=-.)0123456789{} \t\n\r\u00a0\u2028\ufeffaZé'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('markdown escaping', () => {
  it('for any text, it escapes, folds and cuts exactly as the plain rules do', () => {
    fc.assert(
      fc.property(markdownish, fc.integer({ min: 0, max: 45 }), (text, max) => {
        assert.equal(oneLine(text), reference.oneLine(text));
        assert.equal(escapeMarkdown(text), reference.escape(text));
        assert.equal(escapeCardText(text), reference.escape(text).replace(/\{\{/gu, '{\u200B{'));
        assert.equal(truncate(text, max), reference.truncate(text, max));
        assert.equal(quote(text), `'${reference.inline(reference.truncate(text, 40))}'`);
      }),
      { numRuns: 2000 },
    );
  });

  it('defuses Adaptive Cards text functions in card text', () => {
    assert.equal(escapeCardText('{{DATE(2026-01-01)}}'), '{\u200B{DATE(2026-01-01)}}');
    assert.equal(escapeCardText('{ {ok} }'), '{ {ok} }');
  });
});
