import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeWebexId } from '../../../dev/emulator/index.js';
import { asRecord, call, itemsOf, nextLink, seed, startEmulator } from './helpers.js';
describe('auth, ids, people, rooms, memberships, request log', () => {
    let emu;
    let s;
    before(async () => {
        emu = await startEmulator({ now: () => new Date('2024-06-15T12:00:00.000Z') });
        s = seed(emu);
    });
    after(() => emu.stop());
    it('requires a known bearer token and answers Webex-style 401s with a trackingId', async () => {
        for (const token of [undefined, 'nope']) {
            const res = await call(emu, token, 'GET', '/people/me');
            assert.equal(res.status, 401);
            const body = asRecord(res.body);
            assert.match(String(body['message']), /access token/);
            assert.match(String(res.headers.get('trackingid')), /^EMU_[0-9a-f-]{36}$/);
            assert.equal(body['trackingId'], res.headers.get('trackingid'));
        }
        const unknown = await call(emu, s.bot.token, 'GET', '/teams');
        assert.equal(unknown.status, 404);
        assert.equal(asRecord(unknown.body)['trackingId'], unknown.headers.get('trackingid'));
    });
    it('mints ids the way Webex does', async () => {
        const message = await emu.userSays(s.alice.id, s.dmAlice, 'hi');
        const cases = [
            [s.bot.id, 'PEOPLE'],
            [s.bot.orgId, 'ORGANIZATION'],
            [s.group, 'ROOM'],
            [message.id, 'MESSAGE'],
        ];
        for (const [id, kind] of cases) {
            assert.doesNotMatch(id, /=/);
            const decoded = decodeWebexId(id);
            assert.equal(decoded?.kind, kind);
            assert.match(decoded?.suffix ?? '', /^[0-9a-f-]{36}$/);
            assert.equal(Buffer.from(id, 'base64').toString('utf8'), `ciscospark://us/${kind}/${decoded?.suffix ?? ''}`);
        }
    });
    it('serves people: me, by id, by id list, email and displayName prefix', async () => {
        const me = asRecord((await call(emu, s.bot.token, 'GET', '/people/me')).body);
        assert.equal(me['type'], 'bot');
        assert.deepEqual(me['emails'], ['recbot@webex.bot']);
        const alice = asRecord((await call(emu, s.bot.token, 'GET', `/people/${s.alice.id}`)).body);
        assert.equal(alice['timezone'], 'Europe/Berlin');
        assert.equal(alice['firstName'], 'Alice');
        assert.equal(alice['lastName'], 'Andersen');
        assert.equal((await call(emu, s.bot.token, 'GET', '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub25l')).status, 404);
        const byIds = await call(emu, s.bot.token, 'GET', '/people', {
            query: { id: `${s.alice.id},${s.bob.id},missing` },
        });
        assert.deepEqual(itemsOf(byIds.body).map((p) => p['displayName']), ['Alice Andersen', 'Bob Brown']);
        assert.deepEqual(asRecord(byIds.body)['notFoundIds'], ['missing']);
        const byEmail = await call(emu, s.bot.token, 'GET', '/people', { query: { email: 'BOB@example.com' } });
        assert.deepEqual(itemsOf(byEmail.body).map((p) => p['id']), [s.bob.id]);
        const byName = await call(emu, s.bot.token, 'GET', '/people', { query: { displayName: 'ali' } });
        assert.deepEqual(itemsOf(byName.body).map((p) => p['id']), [s.alice.id]);
        assert.equal((await call(emu, s.bot.token, 'GET', '/people')).status, 400);
    });
    it('serves rooms the caller belongs to, with direct rooms titled after the other person', async () => {
        const rooms = itemsOf((await call(emu, s.bot.token, 'GET', '/rooms')).body);
        assert.deepEqual(rooms.map((r) => r['title']).sort(), ['Alice Andersen', 'Bob Brown', 'Falcon']);
        const direct = itemsOf((await call(emu, s.bot.token, 'GET', '/rooms', { query: { type: 'direct' } })).body);
        assert.equal(direct.length, 2);
        const paged = await call(emu, s.bot.token, 'GET', '/rooms', { query: { max: 2 } });
        assert.equal(itemsOf(paged.body).length, 2);
        const next = nextLink(paged.headers);
        assert.ok(next);
        assert.equal(itemsOf((await call(emu, s.bot.token, 'GET', next)).body).length, 1);
        assert.equal((await call(emu, s.bot.token, 'GET', '/rooms', { query: { max: 0 } })).status, 400);
        const fromAlice = asRecord((await call(emu, s.alice.token, 'GET', `/rooms/${s.dmAlice}`)).body);
        assert.equal(fromAlice['title'], 'Rec Bot');
        assert.equal((await call(emu, s.alice.token, 'GET', `/rooms/${s.dmBob}`)).status, 404);
        const created = await call(emu, s.alice.token, 'POST', '/rooms', { body: { title: 'New space' } });
        assert.equal(asRecord(created.body)['type'], 'group');
        assert.equal(asRecord(created.body)['creatorId'], s.alice.id);
        assert.equal((await call(emu, s.alice.token, 'POST', '/rooms', { body: {} })).status, 400);
    });
    it('serves memberships: scoped to the caller, filters, create and delete', async () => {
        const mine = itemsOf((await call(emu, s.bot.token, 'GET', '/memberships')).body);
        assert.equal(mine.length, 3);
        assert.ok(mine.every((m) => m['personId'] === s.bot.id));
        const inGroup = itemsOf((await call(emu, s.bot.token, 'GET', '/memberships', { query: { roomId: s.group } })).body);
        assert.equal(inGroup.length, 3);
        const m = inGroup.find((x) => x['personId'] === s.alice.id);
        assert.equal(m?.['personEmail'], s.alice.email);
        assert.equal(m?.['roomType'], 'group');
        assert.equal(decodeWebexId(String(m?.['id']))?.kind, 'MEMBERSHIP');
        assert.match(decodeWebexId(String(m?.['id']))?.suffix ?? '', /^[0-9a-f-]{36}:[0-9a-f-]{36}$/);
        const filtered = await call(emu, s.bot.token, 'GET', '/memberships', {
            query: { roomId: s.group, personEmail: s.bob.email },
        });
        assert.equal(itemsOf(filtered.body).length, 1);
        assert.equal((await call(emu, s.bot.token, 'GET', '/memberships', { query: { personId: s.bob.id } })).status, 400);
        assert.equal((await call(emu, s.bot.token, 'GET', '/memberships', { query: { roomId: s.dmBob } })).status, 200);
        assert.equal((await call(emu, s.alice.token, 'GET', '/memberships', { query: { roomId: s.dmBob } })).status, 404);
        const carol = emu.addPerson({ displayName: 'Carol Chen', email: 'carol@example.com' });
        const added = await call(emu, s.alice.token, 'POST', '/memberships', {
            body: { roomId: s.group, personEmail: carol.email },
        });
        assert.equal(added.status, 200);
        const dup = await call(emu, s.alice.token, 'POST', '/memberships', {
            body: { roomId: s.group, personId: carol.id },
        });
        assert.equal(dup.status, 409);
        const id = String(asRecord(added.body)['id']);
        assert.equal((await call(emu, s.bot.token, 'GET', `/memberships/${id}`)).status, 200);
        assert.equal((await call(emu, s.alice.token, 'DELETE', `/memberships/${id}`)).status, 204);
        assert.equal((await call(emu, s.bot.token, 'GET', `/memberships/${id}`)).status, 404);
    });
    it('answers the Webex JS SDK service catalog with the emulator as hydra', async () => {
        const res = await call(emu, undefined, 'GET', `${emu.u2cUrl}/limited/catalog`, {
            query: { format: 'hostmap' },
        });
        assert.equal(res.status, 200);
        assert.deepEqual(asRecord(res.body)['serviceLinks'], { hydra: emu.baseUrl });
    });
    it('logs every request without the /v1 prefix, and clears the log', async () => {
        emu.clearLog();
        await call(emu, s.bot.token, 'POST', '/messages', {
            body: { roomId: s.dmAlice, text: 'logged' },
            query: { a: 1 },
        });
        await call(emu, undefined, 'GET', '/people/me');
        const [first, second] = emu.requests;
        assert.equal(first?.method, 'POST');
        assert.equal(first?.path, '/messages');
        assert.deepEqual(first?.query, { a: '1' });
        assert.deepEqual(first?.body, { roomId: s.dmAlice, text: 'logged' });
        assert.equal(first?.headers['authorization'], `Bearer ${s.bot.token}`);
        assert.equal(first?.status, 200);
        assert.ok(first?.at instanceof Date);
        assert.equal(second?.status, 401);
        emu.clearLog();
        assert.equal(emu.requests.length, 0);
        assert.equal(emu.deliveries.length, 0);
    });
});
//# sourceMappingURL=api-basics.test.js.map