import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
const NOW = new Date('2026-11-04T12:00:00-08:00');
const ZONE = 'America/Los_Angeles';
const ID = 'f91b6edce9864428af084977b7c68291_I_166641849979635652';
function parse(text) {
    const r = parseRecordingsQuery(text, NOW, ZONE);
    assert.ok(r.ok, JSON.stringify(r));
    return r.query;
}
function filtersOf(q) {
    const { range: _range, timeZone: _zone, ...rest } = q;
    return rest;
}
describe('recordings filters', () => {
    it('reads every filter', () => {
        const q = parse(`topic "weekly sync" format mp4 type event deleted meeting ${ID} site https://Example.webex.com/ tag abc max 10`);
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
    it('ends an unquoted topic at a keyword even when its value is bad, and reports that value', () => {
        const table = [
            ['topic sync max 500', /max must be a number from 1 to 100, not '500'.*\*\*topic "sync max 500"\*\*/],
            ['topic sync format mov', /I don't know the format 'mov'/],
            ['topic new type system', /I don't know the type 'system'.*put the topic in quotes/],
            ['topic review site not_a_site!', /I can't read the site/],
        ];
        for (const [text, expected] of table) {
            const r = parseRecordingsQuery(text, NOW, ZONE);
            assert.equal(r.ok, false, text);
            if (!r.ok) {
                assert.equal(r.error.code, 'bad_value', text);
                assert.match(r.error.message, expected, text);
            }
        }
        // A date after the topic ends it too (it was swallowed before).
        const q = parse('topic sync nov 3');
        assert.equal(q.topic, 'sync');
        assert.equal(q.range.label, 'on 2026-11-03');
        assert.equal(parse('topic sync 3 Nov').range.label, 'on 2026-11-03');
        // Missing values and meeting words stay topic words.
        assert.equal(parse('topic sync max').topic, 'sync max');
        assert.equal(parse('topic weekly meeting notes').topic, 'weekly meeting notes');
        assert.equal(parse('topic may review').topic, 'may review');
    });
    it('reads "about X" as topic X and a preposition before a range as the range', () => {
        assert.equal(parse('about onboarding').topic, 'onboarding');
        assert.equal(parse('about onboarding last week').range.label, 'last week');
        assert.equal(parse('about onboarding last week').topic, 'onboarding');
        assert.equal(parse('topic talk about hiring').topic, 'talk about hiring');
        assert.equal(parse('from last week').range.label, 'last week');
        assert.equal(parse('in the last 3 days').range.label, 'last 3 days');
        assert.equal(parse('during this month').range.label, 'this month');
        assert.equal(parse('for yesterday').range.label, 'yesterday');
        // Not followed by a range: an ordinary word (in a topic) or an unknown one.
        assert.equal(parse('topic plans for 2026').topic, 'plans for 2026');
        assert.equal(parseRecordingsQuery('in soon', NOW, ZONE).ok, false);
    });
    it('refuses a carried year that makes a date that does not exist', () => {
        const r = parseRecordingsQuery('from Feb 29 to 2025-03-01', NOW, ZONE);
        assert.equal(r.ok, false);
        if (!r.ok)
            assert.match(r.error.message, /doesn't exist/);
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
        for (const q of [a, b, c])
            assert.equal(q.range.label, 'last week');
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
//# sourceMappingURL=filters.test.js.map