/** The demo's seeded org and its @mention reading, without a browser. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatInZone } from '../../src/core/time.js';
import { WebexEmulator } from '../../dev/emulator/index.js';
import { parseMentions } from '../../dev/demo/demo-routes.js';
import { DEMO_PEOPLE, planRecordings, seedDemo } from '../../dev/demo/seed.js';
const DAY = 24 * 3600_000;
describe('the demo seed', () => {
    // A Monday just after midnight in Los Angeles (still Sunday there would be "this week" mistakes' favourite case).
    const now = new Date('2026-11-30T08:30:00Z');
    let emulator;
    let seed;
    before(async () => {
        emulator = await WebexEmulator.start();
        seed = seedDemo(emulator, now, 'http://127.0.0.1:1/_demo/recordings');
    });
    after(() => emulator.stop());
    it('when seeded, then it has people in different zones, a 1:1 each with the bot, and one group space', () => {
        assert.equal(seed.people.length, DEMO_PEOPLE.length);
        assert.equal(new Set(seed.people.map((p) => p.timezone)).size, seed.people.length);
        for (const p of seed.people) {
            const rooms = emulator.roomsOf(p.id);
            assert.deepEqual(rooms.map((r) => r.type).sort(), ['direct', 'group']);
            assert.equal(rooms.find((r) => r.type === 'direct')?.title, seed.bot.displayName);
        }
        assert.equal(emulator.memberIdsOf(seed.group.id).length, seed.people.length + 1);
        assert.ok(seed.admin.scopes.includes('meeting:admin_recordings_read'));
    });
    it('when seeded, then ~80 varied recordings lie in the last two months', () => {
        const rs = seed.recordings;
        assert.ok(rs.length >= 75 && rs.length <= 85, `${rs.length} recordings`);
        for (const r of rs) {
            const t = Date.parse(r.timeRecorded);
            assert.ok(t < now.getTime() && t > now.getTime() - 62 * DAY, r.timeRecorded);
        }
        assert.ok(new Set(rs.map((r) => r.topic)).size >= 20);
        assert.deepEqual([...new Set(rs.map((r) => r.format))].sort(), ['ARF', 'MP4']);
        assert.equal(new Set(rs.map((r) => r.serviceType)).size, 4);
        assert.ok(rs.filter((r) => r.status === 'deleted').length >= 10);
        assert.equal(rs.filter((r) => r.downloadUrl === '').length, 1, 'one with downloads prevented');
        for (const p of seed.people)
            assert.ok(rs.some((r) => r.hostEmail === p.email), p.email);
    });
    it('when Ann asks for last week, then more than a card of hers are there (so "Show more" shows)', () => {
        const ann = DEMO_PEOPLE[0];
        assert.ok(ann);
        // Her previous ISO week in her zone: Mon 23 Nov – Sun 29 Nov 2026.
        const lastWeek = seed.recordings.filter((r) => {
            const day = formatInZone(new Date(r.timeRecorded), ann.timezone, 'yyyy-MM-dd');
            return (r.hostEmail === ann.email && r.status === 'available' && day >= '2026-11-23' && day <= '2026-11-29');
        });
        assert.ok(lastWeek.length > 10, `${lastWeek.length}`);
        assert.ok(lastWeek.filter((r) => /sync/i.test(r.topic)).length >= 3);
    });
    it('when planned twice for the same moment, then the topics are the same', () => {
        const topics = (d) => planRecordings(d).map((p) => `${p.host.email} ${p.spec.topic} ${p.status}`);
        assert.deepEqual(topics(now), topics(now));
    });
});
describe('@mentions typed on the demo page', () => {
    const bot = { id: 'B', displayName: 'Rec Bot', firstName: 'Rec' };
    const bob = { id: 'P', displayName: 'Bob Roy', firstName: 'Bob' };
    for (const [typed, text, ids] of [
        ['@Rec Bot recordings today', 'recordings today', ['B']],
        ['@rec bot, recordings today', 'recordings today', ['B']],
        ['@Rec recordings today', 'recordings today', ['B']],
        ['@RecBot help', 'help', ['B']],
        ['@Bob Roy @Rec Bot help', 'help', ['P', 'B']],
        ['hello @Bobby', 'hello @Bobby', []],
        ['mail me at rec@example.com', 'mail me at rec@example.com', []],
        ['recordings today', 'recordings today', []],
    ]) {
        it(`when "${typed}" is sent, then the text is "${text}" and ${ids.length} mentioned`, () => {
            const out = parseMentions(typed, [bot, bob]);
            assert.equal(out.text, text);
            assert.deepEqual([...out.mentionIds].sort(), [...ids].sort());
        });
    }
});
//# sourceMappingURL=seed.test.js.map