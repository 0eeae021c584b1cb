import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDigestRequest } from '../../../../src/features/digests/parse-digest.js';
const NOW = new Date('2026-11-25T20:00:00Z');
const ok = (text) => {
    const r = parseDigestRequest(text, NOW);
    assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
    return r.request;
};
const error = (text) => {
    const r = parseDigestRequest(text, NOW);
    assert.ok(!r.ok, `${text} should be refused`);
    return r.message;
};
describe('digest phrase parser', () => {
    it('reads the three cadences with times, zones, filters and "even if empty"', () => {
        assert.deepEqual(ok('daily at 9:00'), {
            cadence: 'daily',
            hour: 9,
            minute: 0,
            filters: {},
            evenIfEmpty: false,
        });
        assert.deepEqual(ok('weekdays at 8:30 topic standup'), {
            cadence: 'weekdays',
            hour: 8,
            minute: 30,
            filters: { topic: 'standup' },
            evenIfEmpty: false,
        });
        assert.deepEqual(ok('weekly on monday at 8:00 europe/berlin format mp4 type event even if empty'), {
            cadence: 'weekly',
            weekday: 1,
            hour: 8,
            minute: 0,
            timeZone: 'Europe/Berlin',
            filters: { format: 'MP4', serviceType: 'EventCenter' },
            evenIfEmpty: true,
        });
        assert.deepEqual(ok('every friday at 5:30pm UTC tag "q4 review" site acme.webex.com'), {
            cadence: 'weekly',
            weekday: 5,
            hour: 17,
            minute: 30,
            timeZone: 'UTC',
            filters: { integrationTag: 'q4 review', siteUrl: 'acme.webex.com' },
            evenIfEmpty: false,
        });
        assert.equal(ok('every day at 12 am').hour, 0);
        assert.equal(ok('daily at 07.45').minute, 45);
        assert.equal(ok('mondays at 9').weekday, 1);
        assert.equal(ok('weekly at 9:00 on tue').weekday, 2);
        assert.deepEqual(ok('daily at 9:00 topic weekly sync even when empty').filters, { topic: 'weekly sync' });
    });
    it('refuses what it cannot keep, saying why', () => {
        assert.match(error(''), /digest daily at 9:00/);
        assert.match(error('hourly at 9:00'), /hourly/);
        assert.match(error('daily'), /Add a time/);
        assert.match(error('daily at 25:00'), /00:00 to 23:59/);
        assert.match(error('daily at 13pm'), /1 to 12/);
        assert.match(error('daily at noonish'), /noonish/);
        assert.match(error('weekly at 9:00'), /which day/i);
        assert.match(error('daily on monday at 9:00'), /weekly on monday/);
        assert.match(error('daily at 9:00 Europe/Berln'), /Europe\/Berln.*isn't a time zone/);
        assert.match(error('daily at 9:00 last week'), /time window is implicit/);
        assert.match(error('daily at 9:00 deleted'), /deleted.*can't be used in a digest/);
        assert.match(error('daily at 9:00 max 5'), /max/);
        assert.match(error('daily at 9:00 format mov'), /mov/);
    });
});
//# sourceMappingURL=parse-digest.test.js.map