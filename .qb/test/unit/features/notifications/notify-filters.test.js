import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filtersKey, matchesFilters, } from '../../../../src/features/notifications/notify-filters.js';
const rec = {
    id: 'r1',
    topic: 'Weekly Sync — Falcon',
    createTime: '2026-11-25T10:00:00Z',
    format: 'MP4',
    serviceType: 'MeetingCenter',
    meetingId: 'm-instance',
    scheduledMeetingId: 'm-scheduled',
    meetingSeriesId: 'm-series',
    siteUrl: 'acme.webex.com',
    integrationTags: ['JIRA-1'],
};
describe('matchesFilters: the rules GET /recordings applies to the same filters', () => {
    const table = [
        [{}, true],
        [{ topic: 'sync' }, true],
        [{ topic: 'SYNC — falcon' }, true],
        [{ topic: 'standup' }, false],
        [{ format: 'MP4' }, true],
        [{ format: 'ARF' }, false],
        [{ serviceType: 'MeetingCenter' }, true],
        [{ serviceType: 'EventCenter' }, false],
        [{ meetingId: 'm-series' }, true],
        [{ meetingId: 'm-scheduled' }, true],
        [{ meetingId: 'm-instance' }, true],
        [{ meetingId: 'm-other' }, false],
        [{ siteUrl: 'ACME.webex.com' }, true],
        [{ siteUrl: 'other.webex.com' }, false],
        [{ integrationTag: 'JIRA-1' }, true],
        [{ integrationTag: 'jira-1' }, false],
        [{ topic: 'sync', format: 'ARF' }, false],
    ];
    for (const [filters, expected] of table) {
        it(`${JSON.stringify(filters)} → ${expected}`, () => assert.equal(matchesFilters(filters, rec), expected));
    }
    it('a recording without the filtered field does not match', () => {
        assert.equal(matchesFilters({ format: 'MP4' }, { id: 'x', topic: 't', createTime: '' }), false);
        assert.equal(matchesFilters({ integrationTag: 'A' }, { id: 'x', topic: 't', createTime: '' }), false);
    });
    it('the duplicate key ignores order and topic case', () => {
        assert.equal(filtersKey({ topic: 'Sync', format: 'MP4' }), filtersKey({ format: 'MP4', topic: 'sync' }));
        assert.notEqual(filtersKey({ topic: 'sync' }), filtersKey({ topic: 'sync', format: 'MP4' }));
    });
});
//# sourceMappingURL=notify-filters.test.js.map