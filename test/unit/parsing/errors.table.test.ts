import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
import type { ParseErrorCode } from '../../../src/parsing/recordings-query.js';

const NOW = new Date('2026-11-04T12:00:00-08:00'); // Wed
const ZONE = 'America/Los_Angeles';

interface ErrorRow {
  phrase: string;
  code: ParseErrorCode;
  /** Must appear in the message (the offending word, as shown). */
  mentions: string;
  /** The exact message, where the product issue fixes it. */
  message?: string;
  zone?: string;
  now?: Date;
}

const EXAMPLE = 'try e.g. `recordings last week topic sync`';

const ROWS: ErrorRow[] = [
  // too_long: a range longer than the API serves, and a question longer than the parser reads
  { phrase: 'since 2010-01-01', code: 'too_long', mentions: 'at most 3650 days' },
  { phrase: `topic ${'x'.repeat(1001)}`, code: 'too_long', mentions: 'under 1000 characters' },
  // bad_date
  {
    phrase: '2025-13-45',
    code: 'bad_date',
    mentions: '2025-13-45',
    message: "I can't read the date '2025-13-45'",
  },
  { phrase: 'on 2025-13-45', code: 'bad_date', mentions: '2025-13-45' },
  { phrase: 'Feb 30', code: 'bad_date', mentions: 'Feb 30', message: "I can't read the date 'Feb 30'" },
  { phrase: 'since Feb 30 2024', code: 'bad_date', mentions: 'Feb 30 2024' },
  { phrase: '2026-02-29', code: 'bad_date', mentions: '2026-02-29' },
  { phrase: '31 April', code: 'bad_date', mentions: '31 April' },
  { phrase: 'on someday', code: 'bad_date', mentions: 'someday' },
  { phrase: 'since nov', code: 'bad_date', mentions: 'nov' },
  { phrase: 'from 2026-11-01 to 2026-11-99', code: 'bad_date', mentions: '2026-11-99' },
  { phrase: 'on 2026-11', code: 'bad_date', mentions: '2026-11' },
  { phrase: 'on 1800-01-01', code: 'bad_date', mentions: '1800-01-01' },
  // ambiguous_date
  { phrase: '11/03', code: 'ambiguous_date', mentions: '11/03' },
  { phrase: 'since 03/11/2026', code: 'ambiguous_date', mentions: '03/11/2026' },
  { phrase: 'on 3.11.2026', code: 'ambiguous_date', mentions: '3.11.2026' },
  // unknown_word
  {
    phrase: 'blah',
    code: 'unknown_word',
    mentions: 'blah',
    message: `I didn't understand 'blah' — ${EXAMPLE}.`,
  },
  { phrase: 'last week blah', code: 'unknown_word', mentions: 'blah' },
  { phrase: 'yesterdy', code: 'unknown_word', mentions: "'yesterdy'" },
  { phrase: '"quoted"', code: 'unknown_word', mentions: 'quoted' },
  { phrase: '42', code: 'unknown_word', mentions: '42' },
  // bad_value
  {
    phrase: 'format mov',
    code: 'bad_value',
    mentions: 'mov',
    message: "I don't know the format 'mov' — use mp4 or arf",
  },
  { phrase: 'type webinar', code: 'bad_value', mentions: 'webinar' },
  { phrase: 'max 500', code: 'bad_value', mentions: '500' },
  { phrase: 'max 0', code: 'bad_value', mentions: 'max must be a number from 1 to 100' },
  { phrase: 'top 2.5', code: 'bad_value', mentions: '2.5' },
  { phrase: 'max lots', code: 'bad_value', mentions: 'lots' },
  { phrase: 'last 0 days', code: 'bad_value', mentions: "'0'" },
  { phrase: 'last 3651 days', code: 'bad_value', mentions: '3651' },
  { phrase: 'last 521 weeks', code: 'bad_value', mentions: '521' },
  { phrase: 'last 121 months', code: 'bad_value', mentions: '121' },
  { phrase: 'last 99999999999999999999 days', code: 'bad_value', mentions: '99999999999999999999' },
  { phrase: 'last 1.5 weeks', code: 'bad_value', mentions: '1.5' },
  { phrase: 'last year', code: 'bad_value', mentions: 'year' },
  { phrase: 'this year', code: 'bad_value', mentions: 'this year' },
  { phrase: 'meeting notes', code: 'bad_value', mentions: 'notes' },
  { phrase: 'site foo', code: 'bad_value', mentions: 'foo' },
  // missing_value
  { phrase: 'topic', code: 'missing_value', mentions: 'topic' },
  { phrase: 'topic last week', code: 'missing_value', mentions: 'topic' },
  { phrase: 'topic ""', code: 'missing_value', mentions: 'topic' },
  { phrase: 'format', code: 'missing_value', mentions: 'format' },
  { phrase: 'type', code: 'missing_value', mentions: 'type' },
  { phrase: 'max', code: 'missing_value', mentions: 'max' },
  { phrase: 'meeting', code: 'missing_value', mentions: 'meeting' },
  { phrase: 'site', code: 'missing_value', mentions: 'site' },
  { phrase: 'tag', code: 'missing_value', mentions: 'tag' },
  { phrase: 'since', code: 'missing_value', mentions: 'since' },
  { phrase: 'on', code: 'missing_value', mentions: 'on' },
  { phrase: 'from Nov 3', code: 'missing_value', mentions: 'from Nov 3' },
  { phrase: 'from Nov 3 topic x', code: 'missing_value', mentions: 'from Nov 3' },
  { phrase: 'between Nov 1 to Nov 3', code: 'missing_value', mentions: 'between Nov 1' },
  { phrase: 'from Nov 1 to', code: 'missing_value', mentions: 'to' },
  { phrase: 'last', code: 'missing_value', mentions: 'last' },
  { phrase: 'last 3', code: 'missing_value', mentions: 'last 3' },
  { phrase: 'this', code: 'missing_value', mentions: 'this' },
  // duplicate
  {
    phrase: 'last week today',
    code: 'duplicate',
    mentions: 'today',
    message: "you gave two time ranges: 'last week' and 'today'",
  },
  { phrase: 'monday since Nov 1', code: 'duplicate', mentions: 'since Nov 1' },
  { phrase: 'format mp4 format arf', code: 'duplicate', mentions: 'format arf' },
  { phrase: 'topic a topic b', code: 'duplicate', mentions: 'topic b' },
  { phrase: 'deleted deleted', code: 'duplicate', mentions: 'deleted' },
  { phrase: 'max 3 top 4', code: 'duplicate', mentions: 'top 4' },
  // bad_range
  {
    phrase: 'from Nov 20 to Nov 3',
    code: 'bad_range',
    mentions: 'Nov 20',
    message: 'the start (Nov 20) is after the end (Nov 3)',
  },
  {
    phrase: 'between 2026-11-20 and 2026-11-03',
    code: 'bad_range',
    mentions: 'Nov 20',
    message: 'the start (Nov 20) is after the end (Nov 3)',
  },
  { phrase: 'from 2026-01-02 to 2025-12-30', code: 'bad_range', mentions: 'Jan 2, 2026' },
  // Pacific/Apia skipped Dec 30 2011 entirely: that day is an empty range.
  {
    phrase: 'on 2011-12-30',
    code: 'bad_range',
    mentions: '2011-12-30',
    zone: 'Pacific/Apia',
    now: new Date('2012-01-05T12:00:00Z'),
  },
  // future_range
  { phrase: 'since tomorrow', code: 'future_range', mentions: 'since tomorrow' },
  { phrase: 'tomorrow', code: 'future_range', mentions: 'tomorrow' },
  { phrase: 'on 2027-01-01', code: 'future_range', mentions: '2027-01-01' },
  { phrase: 'since Nov 5 2026', code: 'future_range', mentions: 'Nov 5 2026' },
  { phrase: 'from 2026-12-01 to 2026-12-05', code: 'future_range', mentions: '2026-12-01' },
  // unclosed_quote
  { phrase: 'topic "weekly sync', code: 'unclosed_quote', mentions: 'weekly sync' },
  { phrase: 'topic \u201Cweekly sync', code: 'unclosed_quote', mentions: 'weekly sync' },
  // bad_zone
  { phrase: 'today', code: 'bad_zone', mentions: 'Mars/Olympus', zone: 'Mars/Olympus' },
  { phrase: 'today', code: 'bad_zone', mentions: "''", zone: '' },
  // bad_input
  { phrase: 'today', code: 'bad_input', mentions: 'current time', now: new Date(NaN) },
];

describe('recordings errors (table)', () => {
  for (const row of ROWS) {
    it(`${JSON.stringify(row.phrase)} → ${row.code}`, () => {
      const r = parseRecordingsQuery(row.phrase, row.now ?? NOW, row.zone ?? ZONE);
      assert.equal(r.ok, false, JSON.stringify(r));
      if (r.ok) return;
      assert.equal(r.error.code, row.code, r.error.message);
      assert.ok(
        r.error.message.includes(row.mentions),
        `"${r.error.message}" should mention "${row.mentions}"`,
      );
      if (row.message !== undefined) assert.equal(r.error.message, row.message);
    });
  }

  it('has a row for every error code except internal', () => {
    const codes = new Set(ROWS.map((r) => r.code));
    // Keyed by the type itself: a new ParseErrorCode does not compile here until it is listed (and given a row).
    const every: Record<Exclude<ParseErrorCode, 'internal'>, true> = {
      bad_zone: true,
      bad_input: true,
      bad_date: true,
      ambiguous_date: true,
      unknown_word: true,
      bad_value: true,
      missing_value: true,
      duplicate: true,
      bad_range: true,
      future_range: true,
      unclosed_quote: true,
      too_long: true,
    };
    for (const c of Object.keys(every)) assert.ok(codes.has(c as ParseErrorCode), c);
  });

  it('suggests the closest keyword for a typo', () => {
    const r = parseRecordingsQuery('yesterdy', NOW, ZONE);
    assert.ok(!r.ok && r.error.message.includes("Did you mean 'yesterday'?"));
  });

  it('sets `word` to the offending word, unescaped', () => {
    const r = parseRecordingsQuery('format *mov*', NOW, ZONE);
    assert.ok(!r.ok);
    assert.equal(r.error.word, '*mov*');
    assert.ok(r.error.message.includes('\\*mov\\*'), r.error.message);
  });

  it('escapes markdown and truncates long words in messages', () => {
    const long = `x${'_'.repeat(100)}`;
    const r = parseRecordingsQuery(long, NOW, ZONE);
    assert.ok(!r.ok);
    assert.equal(r.error.word, long);
    assert.ok(!/(^|[^\\])_/u.test(r.error.message.replace(/`[^`]*`/gu, '')), r.error.message);
    assert.ok(r.error.message.length < 200);
  });

  it('rejects a bad weekStartsOn and never throws on odd input', () => {
    const r = parseRecordingsQuery('this week', NOW, ZONE, { weekStartsOn: 9 as 0 });
    assert.ok(!r.ok && r.error.code === 'bad_input');
    const odd = parseRecordingsQuery(undefined as unknown as string, NOW, ZONE);
    assert.ok(odd.ok && odd.query.range.isDefault);
    const oddZone = parseRecordingsQuery('today', NOW, 42 as unknown as string);
    assert.ok(!oddZone.ok && oddZone.error.code === 'bad_zone');
  });
});
