import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseIsoDateTime, parseRecordingsQuery } from '../../../dev/emulator/recordings.js';
import { asRecord, call, itemsOf, nextLink, startEmulator } from './helpers.js';
import { loadDoc } from './openapi.js';
const NOW = new Date('2024-06-15T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const iso = (ms) => new Date(ms).toISOString();
describe('recordings query parsing (pure)', () => {
    it('reads ISO 8601 dates, with or without offsets, in the given zone', () => {
        assert.equal(parseIsoDateTime('2020-07-12T09:30:00+08:00', 'UTC')?.toISOString(), '2020-07-12T01:30:00.000Z');
        assert.equal(parseIsoDateTime('2020-07-12T09:30:00Z', 'Asia/Tokyo')?.toISOString(), '2020-07-12T09:30:00.000Z');
        assert.equal(parseIsoDateTime('2020-07-12', 'UTC')?.toISOString(), '2020-07-12T00:00:00.000Z');
        assert.equal(parseIsoDateTime('2020-07-12T09:30', 'Europe/Berlin')?.toISOString(), '2020-07-12T07:30:00.000Z');
        assert.equal(parseIsoDateTime('2020-07-12T09:30:00.5-0130', 'UTC')?.toISOString(), '2020-07-12T11:00:00.500Z');
        for (const bad of ['yesterday', '2020-13-01', '2020-02-30', '2020-07-12T25:00:00Z', '12/07/2020', '']) {
            assert.equal(parseIsoDateTime(bad, 'UTC'), undefined, bad);
        }
    });
    it('defaults the window to 7 days around whichever bound is given', () => {
        const both = parseRecordingsQuery({}, undefined, NOW);
        assert.equal(both.to.toISOString(), NOW.toISOString());
        assert.equal(both.from.toISOString(), iso(NOW.getTime() - 7 * DAY));
        const onlyFrom = parseRecordingsQuery({ from: '2024-01-01T00:00:00Z' }, undefined, NOW);
        assert.equal(onlyFrom.to.toISOString(), '2024-01-08T00:00:00.000Z');
        const onlyTo = parseRecordingsQuery({ to: '2024-01-08T00:00:00Z' }, undefined, NOW);
        assert.equal(onlyTo.from.toISOString(), '2024-01-01T00:00:00.000Z');
        assert.equal(parseRecordingsQuery({}, undefined, NOW).max, 10);
    });
});
describe('GET /recordings', () => {
    let emu;
    let alice;
    let bob;
    let admin;
    let noScope;
    let bot;
    const list = (who, query = {}, headers = {}) => call(emu, who.token, 'GET', '/recordings', { query, headers });
    const topics = (body) => itemsOf(body).map((r) => r['topic']);
    before(async () => {
        emu = await startEmulator({ now: () => NOW });
        alice = emu.addPerson({ displayName: 'Alice A', email: 'alice@example.com' });
        bob = emu.addPerson({ displayName: 'Bob B', email: 'bob@example.com' });
        admin = emu.addPerson({
            displayName: 'Ada Admin',
            email: 'ada@example.com',
            scopes: ['spark:all', 'meeting:admin_recordings_read'],
        });
        noScope = emu.addPerson({ displayName: 'No Scope', email: 'ns@example.com', scopes: ['spark:all'] });
        bot = emu.addPerson({ displayName: 'Bot', email: 'bot@webex.bot', type: 'bot' });
        const at = (topic, createTime, extra = {}) => emu.addRecording({ hostEmail: alice.email, topic, createTime, ...extra });
        at('exactly now-7d', iso(NOW.getTime() - 7 * DAY));
        at('just before now-7d', iso(NOW.getTime() - 7 * DAY - 1));
        at('exactly now', NOW.toISOString());
        at('one ms before now', iso(NOW.getTime() - 1));
        at('Weekly SYNC', '2024-06-14T09:00:00Z', { format: 'ARF', integrationTags: ['JIRA-7'] });
        at('Training', '2024-06-13T09:00:00Z', { serviceType: 'TrainingCenter', siteUrl: 'train.webex.com' });
        at('Deleted one', '2024-06-13T10:00:00Z', { status: 'deleted' });
        at('Series A', '2024-06-12T10:00:00Z', { meetingSeriesId: 'f'.repeat(32) });
        emu.addRecording({ hostEmail: bob.email, topic: 'Bob weekly sync', createTime: '2024-06-14T10:00:00Z' });
        emu.addRecording({
            hostEmail: bob.email,
            topic: 'Shared with Alice',
            createTime: '2024-06-14T11:00:00Z',
            sharedWith: [alice.email],
        });
    });
    after(() => emu.stop());
    it('applies from inclusive and to exclusive, on createTime', async () => {
        const res = await list(alice, { from: iso(NOW.getTime() - 7 * DAY), to: NOW.toISOString(), max: 100 });
        assert.equal(res.status, 200);
        const got = topics(res.body);
        assert.ok(got.includes('exactly now-7d'));
        assert.ok(got.includes('one ms before now'));
        assert.ok(!got.includes('exactly now'));
        assert.ok(!got.includes('just before now-7d'));
    });
    it('defaults to the 7 days before now, newest first, and includes shared recordings', async () => {
        const res = await list(alice, { max: 100 });
        assert.deepEqual(topics(res.body), [
            'one ms before now',
            'Shared with Alice',
            'Weekly SYNC',
            'Training',
            'Series A',
            'exactly now-7d',
        ]);
        const shared = itemsOf(res.body).find((r) => r['topic'] === 'Shared with Alice');
        assert.equal(shared?.['shareToMe'], true);
        assert.equal(itemsOf(res.body).find((r) => r['topic'] === 'Training')?.['shareToMe'], false);
    });
    it('defaults `to` to 7 days after `from` and `from` to 7 days before `to`', async () => {
        const onlyFrom = await list(alice, { from: iso(NOW.getTime() - 7 * DAY - 1), max: 100 });
        assert.ok(topics(onlyFrom.body).includes('just before now-7d'));
        assert.ok(!topics(onlyFrom.body).includes('one ms before now'), 'to = from + 7d excludes it');
        const onlyTo = await list(alice, { to: iso(NOW.getTime() + 1), max: 100 });
        assert.ok(topics(onlyTo.body).includes('exactly now'));
        assert.ok(!topics(onlyTo.body).includes('exactly now-7d'), 'from = to - 7d, 1 ms later');
    });
    it('enforces max between 1 and 100, default 10', async () => {
        for (const max of ['0', '101', '-1', '1.5', 'ten']) {
            const res = await list(alice, { max });
            assert.equal(res.status, 400, `max=${max}`);
        }
        assert.equal(itemsOf((await list(alice, { max: 1 })).body).length, 1);
        assert.equal((await list(alice, { max: 100 })).status, 200);
        for (let i = 0; i < 12; i += 1) {
            emu.addRecording({
                hostEmail: bob.email,
                topic: `bulk ${i}`,
                createTime: iso(NOW.getTime() - (i + 1) * 60_000),
            });
        }
        assert.equal(itemsOf((await list(bob)).body).length, 10);
    });
    it('walks Link rel="next" and returns every recording exactly once', async () => {
        const host = emu.addPerson({ displayName: 'Pager', email: 'pager@example.com' });
        const expected = new Set();
        for (let i = 0; i < 23; i += 1) {
            // Pairs share a createTime, so paging must break ties consistently.
            const r = emu.addRecording({
                hostEmail: host.email,
                topic: `Page item ${i}`,
                createTime: iso(NOW.getTime() - Math.floor(i / 2) * 3_600_000 - 1000),
            });
            expected.add(r.id);
        }
        emu.addRecording({ hostEmail: host.email, topic: 'other', createTime: iso(NOW.getTime() - 1000) });
        const seen = [];
        const times = [];
        let url = `${emu.baseUrl}/recordings?max=4&topic=page+item`;
        let pages = 0;
        while (url) {
            const res = await call(emu, host.token, 'GET', url);
            assert.equal(res.status, 200, res.text);
            const items = itemsOf(res.body);
            assert.ok(items.length <= 4);
            seen.push(...items.map((r) => String(r['id'])));
            times.push(...items.map((r) => Date.parse(String(r['createTime']))));
            url = nextLink(res.headers);
            if (url) {
                assert.match(url, new RegExp(`^${emu.baseUrl}/recordings\\?`));
                const params = new URL(url).searchParams;
                assert.equal(params.get('topic'), 'page item', 'keeps the other query parameters');
                assert.equal(params.get('max'), '4');
            }
            pages += 1;
            assert.ok(pages < 20, 'pagination terminates');
        }
        assert.equal(pages, 6);
        assert.equal(seen.length, 23);
        assert.deepEqual(new Set(seen), expected);
        assert.ok(times.every((t, i) => i === 0 || t <= (times[i - 1] ?? t)), 'newest first across pages');
    });
    it('filters by topic (case-insensitive substring), format, serviceType, status, meetingId, siteUrl, integrationTag', async () => {
        assert.deepEqual(topics((await list(alice, { topic: 'weekly sync' })).body), ['Weekly SYNC']);
        assert.deepEqual(topics((await list(alice, { format: 'ARF' })).body), ['Weekly SYNC']);
        assert.deepEqual(topics((await list(alice, { serviceType: 'TrainingCenter' })).body), ['Training']);
        assert.deepEqual(topics((await list(alice, { status: 'deleted' })).body), ['Deleted one']);
        assert.deepEqual(topics((await list(alice, { meetingId: 'f'.repeat(32) })).body), ['Series A']);
        assert.deepEqual(topics((await list(alice, { siteUrl: 'TRAIN.webex.com' })).body), ['Training']);
        assert.deepEqual(topics((await list(alice, { integrationTag: 'JIRA-7' })).body), ['Weekly SYNC']);
    });
    it('answers 400 with a Webex error for bad values', async () => {
        const bad = [
            { from: 'yesterday' },
            { to: '2024-13-01T00:00:00Z' },
            { from: '2024-06-10T00:00:00Z', to: '2024-06-09T00:00:00Z' },
            { from: '2024-06-10T00:00:00Z', to: '2024-06-10T00:00:00Z' },
            { format: 'MOV' },
            { format: 'UPLOADED' },
            { serviceType: 'Webinar' },
            { status: 'gone' },
            { cursor: 'not-a-cursor' },
        ];
        for (const query of bad) {
            const res = await list(alice, query);
            assert.equal(res.status, 400, JSON.stringify(query));
            const body = asRecord(res.body);
            assert.equal(typeof body['message'], 'string');
            assert.equal(body['trackingId'], res.headers.get('trackingid'));
        }
        assert.equal((await list(alice, {}, { timezone: 'Mars/Olympus_Mons' })).status, 400);
    });
    it('accepts every documented query parameter with its documented example', async () => {
        const doc = loadDoc('recordings');
        const op = asRecord(asRecord(asRecord(doc['paths'])['/recordings'])['get']);
        const params = op['parameters'].map(asRecord).filter((p) => p['in'] === 'query');
        const query = {};
        for (const p of params) {
            const name = String(p['name']);
            const example = p['example'] ?? asRecord(p['schema'])['default'];
            query[name] = name === 'max' ? '10' : name === 'hostEmail' ? alice.email : String(example);
        }
        assert.deepEqual(Object.keys(query).sort(), [
            'format',
            'from',
            'hostEmail',
            'integrationTag',
            'max',
            'meetingId',
            'serviceType',
            'siteUrl',
            'status',
            'to',
            'topic',
        ]);
        const res = await list(admin, query, { timezone: 'UTC' });
        assert.equal(res.status, 200, res.text);
    });
    it('refuses bot tokens with 403', async () => {
        const res = await list(bot);
        assert.equal(res.status, 403);
        assert.equal(asRecord(res.body)['trackingId'], res.headers.get('trackingid'));
        assert.equal((await call(emu, bot.token, 'GET', '/recordings/0123')).status, 403);
    });
    it('applies the hostEmail scope rules', async () => {
        assert.equal((await list(noScope)).status, 403, 'meeting:recordings_read is needed');
        assert.equal((await list(alice, { hostEmail: bob.email })).status, 403, 'a user cannot list others');
        const own = await list(alice, { hostEmail: alice.email, max: 100 });
        assert.equal(own.status, 200);
        assert.ok(!topics(own.body).includes('Shared with Alice'), 'hostEmail means hosted by');
        const asAdmin = await list(admin, { hostEmail: bob.email, max: 100 });
        assert.equal(asAdmin.status, 200);
        assert.ok(topics(asAdmin.body).includes('Bob weekly sync'));
        assert.ok(!topics(asAdmin.body).includes('Weekly SYNC'));
        assert.deepEqual(topics((await list(admin)).body), [], 'without hostEmail an admin sees their own');
    });
    it('renders times in the timezone header and reads offset-less from/to in it', async () => {
        const utc = itemsOf((await list(alice, { topic: 'weekly sync' })).body)[0];
        assert.equal(utc?.['createTime'], '2024-06-14T09:00:00Z');
        const berlin = itemsOf((await list(alice, { topic: 'weekly sync' }, { timezone: 'Europe/Berlin' })).body)[0];
        assert.equal(berlin?.['createTime'], '2024-06-14T11:00:00+02:00');
        const inWindow = await list(alice, { from: '2024-06-14T11:00:00', to: '2024-06-14T11:00:01', topic: 'weekly' }, { timezone: 'Europe/Berlin' });
        assert.deepEqual(topics(inWindow.body), ['Weekly SYNC']);
        const recorded = emu.requests.filter((r) => r.path === '/recordings').at(-1);
        assert.equal(recorded?.headers['timezone'], 'Europe/Berlin');
    });
    it('returns the documented media type', async () => {
        const res = await list(alice);
        assert.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8');
    });
});
describe('GET /recordings/{recordingId}', () => {
    let emu;
    before(async () => {
        emu = await startEmulator({ now: () => NOW });
    });
    after(() => emu.stop());
    beforeEach(() => emu.clearLog());
    it('shows a recording to its host and admins with hostEmail, 404 to others', async () => {
        const host = emu.addPerson({ displayName: 'Host', email: 'host@example.com' });
        const other = emu.addPerson({ displayName: 'Other', email: 'other@example.com' });
        const admin = emu.addPerson({
            displayName: 'Admin',
            email: 'admin@example.com',
            scopes: ['meeting:admin_recordings_read'],
        });
        const r = emu.addRecording({ hostEmail: host.email, topic: 'Retro', createTime: '2024-06-14T09:00:00Z' });
        assert.match(r.id, /^[0-9a-f]{32}$/);
        const mine = await call(emu, host.token, 'GET', `/recordings/${r.id}`);
        assert.equal(mine.status, 200);
        const body = asRecord(mine.body);
        assert.equal(body['topic'], 'Retro');
        assert.equal(body['hostEmail'], undefined, 'the RecordingObject schema has no host fields');
        assert.equal(typeof asRecord(body['temporaryDirectDownloadLinks'])['recordingDownloadLink'], 'string');
        assert.equal((await call(emu, other.token, 'GET', `/recordings/${r.id}`)).status, 404);
        assert.equal((await call(emu, host.token, 'GET', `/recordings/${'0'.repeat(32)}`)).status, 404);
        const asAdmin = await call(emu, admin.token, 'GET', `/recordings/${r.id}`, {
            query: { hostEmail: host.email },
        });
        assert.equal(asAdmin.status, 200);
    });
});
//# sourceMappingURL=recordings.test.js.map