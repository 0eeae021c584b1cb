import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
import type { RecordingsQuery } from '../../../src/parsing/recordings-query.js';

const NOW = new Date('2026-11-04T12:00:00-08:00');
const ZONE = 'America/Los_Angeles';
const ID = 'f91b6edce9864428af084977b7c68291_I_166641849979635652';

function parse(text: string): RecordingsQuery {
  const r = parseRecordingsQuery(text, NOW, ZONE);
  assert.ok(r.ok, JSON.stringify(r));
  return r.query;
}

function filtersOf(q: RecordingsQuery): Omit<RecordingsQuery, 'range' | 'timeZone'> {
  const { range: _range, timeZone: _zone, ...rest } = q;
  return rest;
}

describe('recordings filters', () => {
  it('reads every filter', () => {
    const q = parse(
      `topic "weekly sync" format mp4 type event deleted meeting ${ID} site https://Example.webex.com/ tag abc max 10`,
    );
    assert.deepEqual(filtersOf(q), {
      topic: 'weekly sync',
      format: 'MP4',
      serviceType: 'EventCenter',
      status: 'deleted',
      meetingId: ID,
      siteUrl: 'example.webex.com',
      integrationTag: 'abc',
      max: 10,
    });
    assert.equal(q.range.isDefault, true);
  });

  it('maps format and type words', () => {
    assert.equal(parse('format ARF').format, 'ARF');
    assert.equal(parse('format .mp4').format, 'MP4');
    assert.equal(parse('type meeting').serviceType, 'MeetingCenter');
    assert.equal(parse('type meetings').serviceType, 'MeetingCenter');
    assert.equal(parse('type training').serviceType, 'TrainingCenter');
    assert.equal(parse('type Support').serviceType, 'SupportCenter');
    assert.equal(parse('type EventCenter').serviceType, 'EventCenter');
  });

  it('reads max/top, including number words', () => {
    assert.equal(parse('max 1').max, 1);
    assert.equal(parse('max 100').max, 100);
    assert.equal(parse('top 5').max, 5);
    assert.equal(parse('top ten').max, 10);
    assert.equal(parse('last week').max, undefined);
  });

  it('has no filters by default', () => {
    assert.deepEqual(filtersOf(parse('')), {});
    assert.deepEqual(filtersOf(parse('   ')), {});
  });

  it('ends a topic at the next clause that parses', () => {
    assert.equal(parse('topic weekly sync last week').topic, 'weekly sync');
    assert.equal(parse('topic weekly sync last week').range.label, 'last week');
    assert.equal(parse('topic Weekly Sync format mp4').topic, 'Weekly Sync');
    assert.equal(parse('topic sync monday').range.label, 'monday');
    assert.equal(parse('topic sync 2026-11-03').range.label, 'on 2026-11-03');
    // Words that only look like keywords stay in the topic.
    assert.equal(parse('topic on call review').topic, 'on call review');
    assert.equal(parse('topic may planning').topic, 'may planning');
    assert.equal(parse('topic sun microsystems today').topic, 'sun microsystems');
    assert.equal(parse('topic type safety').topic, 'type safety');
    assert.equal(parse('topic top priorities').topic, 'top priorities');
    assert.equal(parse('topic weekly meeting notes').topic, 'weekly meeting notes');
    assert.equal(parse('topic from zero to hero').topic, 'from zero to hero');
    assert.equal(parse('topic budget, Q3, format arf').topic, 'budget, Q3');
  });

  it('takes quoted topics verbatim (straight and curly quotes)', () => {
    assert.equal(parse('topic "deleted scenes" last week').topic, 'deleted scenes');
    assert.equal(parse('topic \u201Cweekly   sync\u201D, today').topic, 'weekly sync');
    assert.equal(parse('topic \u201Elast week\u201C').topic, 'last week');
    assert.equal(parse('tag "my tag"').integrationTag, 'my tag');
  });

  it('is case-insensitive and order-free, and tolerates the command word', () => {
    const a = parse('RECS LAST WEEK TOPIC Sync');
    const b = parse('topic Sync deleted last week');
    const c = parse('recordings format MP4 topic Sync last week');
    assert.equal(a.topic, 'Sync');
    assert.equal(b.status, 'deleted');
    assert.equal(c.format, 'MP4');
    for (const q of [a, b, c]) assert.equal(q.range.label, 'last week');
  });

  it('ignores trailing punctuation', () => {
    assert.equal(parse('last week?').range.label, 'last week');
    assert.equal(parse('since Nov 3, format mp4.').format, 'MP4');
  });

  it('normalises sites', () => {
    assert.equal(parse('site EXAMPLE.webex.com').siteUrl, 'example.webex.com');
    assert.equal(parse('site http://example.webex.com/meet/x').siteUrl, 'example.webex.com');
  });
});
