import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { queryKey } from '../../../src/parsing/normalize-query.js';
import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
import type { RecordingsQuery } from '../../../src/parsing/recordings-query.js';
import { toApiParams } from '../../../src/parsing/to-api-params.js';

const NOW = new Date('2026-11-04T12:00:00-08:00'); // Wed
const ZONE = 'America/Los_Angeles';
const MINUTE = 60_000;

function parse(text: string, now = NOW, zone = ZONE): RecordingsQuery {
  const r = parseRecordingsQuery(text, now, zone);
  assert.ok(r.ok, JSON.stringify(r));
  return r.query;
}

const key = (text: string, now = NOW, zone = ZONE): string => queryKey(parse(text, now, zone), MINUTE);

describe('toApiParams', () => {
  it('always gives from and to, plus the filters that were set', () => {
    const q = parse(
      'last week topic weekly sync format arf type training deleted site example.webex.com tag t1 max 7',
    );
    assert.deepEqual(toApiParams(q), {
      from: '2026-10-26T07:00:00.000Z',
      to: '2026-11-02T08:00:00.000Z',
      topic: 'weekly sync',
      format: 'ARF',
      serviceType: 'TrainingCenter',
      status: 'deleted',
      siteUrl: 'example.webex.com',
      integrationTag: 't1',
      max: '7',
    });
  });

  it('leaves max out unless asked', () => {
    assert.deepEqual(Object.keys(toApiParams(parse('today'))).sort(), ['from', 'to']);
  });

  it('keeps a calendar range whole, even when it ends in the future', () => {
    assert.equal(toApiParams(parse('today'))['to'], '2026-11-05T08:00:00.000Z');
  });
});

describe('queryKey', () => {
  it('is shared by equivalent phrasings', () => {
    assert.equal(key('recs last week topic Sync'), key('recordings topic sync last week'));
    assert.equal(key('last week topic  Weekly   Sync '), key('topic "weekly sync" last week'));
    // Same instants, different words.
    assert.equal(key('last week'), key('from Oct 26 to Nov 1'));
    assert.equal(key('today'), key('on 2026-11-04'));
    assert.equal(key('today'), key('wednesday'));
    assert.equal(key(''), key('last 7 days'));
    assert.equal(key('format MP4 type meeting'), key('type meetings format mp4'));
    assert.equal(key('site Example.webex.com'), key('site example.webex.com'));
  });

  it('differs when the question differs', () => {
    const keys = [
      'last week',
      'last week topic sync',
      'last week topic standup',
      'last week format mp4',
      'last week format arf',
      'last week type event',
      'last week deleted',
      'last week max 5',
      'last week max 6',
      `last week meeting f91b6edce9864428af084977b7c68291`,
      'last week site example.webex.com',
      'last week tag a',
      'this week',
      'last 7 days',
    ].map((p) => key(p));
    assert.equal(new Set(keys).size, keys.length);
  });

  it('rounds rolling ranges so the key moves with time', () => {
    const t0 = new Date('2026-11-04T12:00:05-08:00');
    const t1 = new Date(t0.getTime() + 30_000); // same minute
    const t2 = new Date(t0.getTime() + 2 * MINUTE);
    assert.equal(key('last 3 days', t0), key('last 3 days', t1));
    assert.notEqual(key('last 3 days', t0), key('last 3 days', t2));
    assert.equal(key('since Nov 1', t0), key('since Nov 1', t1));
    // Calendar ranges don't move during the day.
    assert.equal(key('today', t0), key('today', new Date('2026-11-04T23:59:00-08:00')));
    // roundToMs ≤ 0 means exact.
    const exact = (now: Date) => queryKey(parse('last 3 days', now), 0);
    assert.notEqual(exact(t0), exact(t1));
  });

  it('compares instants, not zones', () => {
    // "yesterday" asked from Kolkata and from Berlin are different questions…
    assert.notEqual(key('yesterday', NOW, 'Asia/Kolkata'), key('yesterday', NOW, 'Europe/Berlin'));
    // …but the same instants from two zones share a key.
    assert.equal(
      key('on 2026-11-03', NOW, 'Asia/Kolkata'),
      queryKey(parse('from 2026-11-03 to 2026-11-03', NOW, 'Asia/Calcutta'), MINUTE),
    );
  });
});
