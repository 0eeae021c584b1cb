import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from '../../../src/core/time.js';
import { formatSize, markdownLinkUrl, safeHttpUrl, truncateBytes } from '../../../src/cards/format.js';
import { escapeMarkdown, truncate } from '../../../src/core/markdown.js';

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    assert.equal(formatDuration(0), '< 1 min');
    assert.equal(formatDuration(59), '< 1 min');
    assert.equal(formatDuration(60), '1 min');
    assert.equal(formatDuration(2700), '45 min');
    assert.equal(formatDuration(3599), '1 h');
    assert.equal(formatDuration(7200), '2 h');
    assert.equal(formatDuration(3900), '1 h 5 min');
    assert.equal(formatDuration(36_000 + 1500), '10 h 25 min');
  });
  it('is undefined when unknown', () => {
    assert.equal(formatDuration(undefined), undefined);
    assert.equal(formatDuration(-1), undefined);
    assert.equal(formatDuration(Number.NaN), undefined);
  });
});

describe('formatSize (decimal units)', () => {
  it('formats bytes to TB', () => {
    assert.equal(formatSize(0), '0 B');
    assert.equal(formatSize(999), '999 B');
    assert.equal(formatSize(1500), '1.5 KB');
    assert.equal(formatSize(152_000_000), '152 MB');
    assert.equal(formatSize(4_560_000), '4.6 MB');
    assert.equal(formatSize(1_234_000_000), '1.2 GB');
    assert.equal(formatSize(999_600_000), '1 GB');
    assert.equal(formatSize(2e12), '2 TB');
  });
  it('is undefined when unknown', () => {
    assert.equal(formatSize(undefined), undefined);
    assert.equal(formatSize(-5), undefined);
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline syntax and leading block syntax, folds to one line', () => {
    assert.equal(
      escapeMarkdown('**a** `b` ~c~ [d](e) <f> g|h \\'),
      '\\*\\*a\\*\\* \\`b\\` \\~c\\~ \\[d\\](e) \\<f\\> g\\|h \\\\',
    );
    assert.equal(escapeMarkdown('# Title'), '\\# Title');
    assert.equal(escapeMarkdown('- item'), '\\- item');
    assert.equal(escapeMarkdown('1. first'), '1\\. first');
    assert.equal(escapeMarkdown(' a\n\n- b\r\nc '), 'a - b c');
  });
  it('leaves intraword underscores alone', () => {
    assert.equal(escapeMarkdown('team_sync_notes'), 'team_sync_notes');
    assert.equal(escapeMarkdown('_wip_ snake_case __x'), '\\_wip\\_ snake_case \\_\\_x');
  });
});

describe('truncation and urls', () => {
  it('truncates by code points and by bytes without splitting characters', () => {
    assert.equal(truncate('abc', 3), 'abc');
    assert.equal(truncate('🎥🎥🎥🎥', 3), '🎥🎥…');
    const cut = truncateBytes('🎥'.repeat(10), 10);
    assert.equal(cut, '🎥…');
    assert.ok(Buffer.byteLength(cut) <= 10);
  });
  it('accepts only http(s) urls and encodes link-breaking characters', () => {
    assert.equal(safeHttpUrl('https://x.test/a'), 'https://x.test/a');
    assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
    assert.equal(safeHttpUrl('not a url'), undefined);
    assert.equal(markdownLinkUrl('https://x.test/a (b)<c>'), 'https://x.test/a%20%28b%29%3Cc%3E');
  });
});
