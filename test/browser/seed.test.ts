/** The demo's seeded org and its @mention reading, without a browser. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatInZone } from '../../src/core/time.js';
import { WebexEmulator } from '../../dev/emulator/index.js';
import { parseMentions } from '../../dev/demo/demo-routes.js';
import { DEMO_PEOPLE, planRecordings, seedDemo, type DemoSeed } from '../../dev/demo/seed.js';

const DAY = 24 * 3600_000;

/** Monday to Friday of the week before `at`'s, in `zone`, as yyyy-MM-dd. */
function lastWeekDays(at: Date, zone: string): string[] {
  const [y, m, d] = formatInZone(at, zone, 'yyyy-MM-dd').split('-').map(Number);
  const today = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  const monday = today - (sinceMonday + 7) * DAY;
  return [0, 1, 2, 3, 4].map((i) => new Date(monday + i * DAY).toISOString().slice(0, 10));
}

describe('the demo seed', () => {
  // A Monday just after midnight in Los Angeles (still Sunday there would be "this week" mistakes' favourite case).
  const now = new Date('2026-11-30T08:30:00Z');
  let emulator: WebexEmulator;
  let seed: DemoSeed;
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

  it('when seeded, then ~110 varied recordings lie in the last two months', () => {
    const rs = seed.recordings;
    assert.ok(rs.length >= 100 && rs.length <= 120, `${rs.length} recordings`);
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
      assert.ok(
        rs.some((r) => r.hostEmail === p.email),
        p.email,
      );
  });

  it('when Ann asks for last week, then more than a card of hers are there (so "Show more" shows)', () => {
    const ann = DEMO_PEOPLE[0];
    assert.ok(ann);
    // Her previous ISO week in her zone: Mon 23 Nov – Sun 29 Nov 2026.
    const lastWeek = seed.recordings.filter((r) => {
      const day = formatInZone(new Date(r.timeRecorded), ann.timezone, 'yyyy-MM-dd');
      return (
        r.hostEmail === ann.email && r.status === 'available' && day >= '2026-11-23' && day <= '2026-11-29'
      );
    });
    assert.ok(lastWeek.length > 10, `${lastWeek.length}`);
    assert.ok(lastWeek.filter((r) => /sync/i.test(r.topic)).length >= 3);
  });

  for (const at of [now, new Date('2026-12-05T15:07:00Z'), new Date('2026-12-01T23:50:00Z')]) {
    it(`when planned at ${at.toISOString()}, then everyone has recordings today, yesterday and on working days last week`, () => {
      const plans = planRecordings(at);
      const dayOf = (d: Date, zone: string) => formatInZone(d, zone, 'yyyy-MM-dd');
      const weekdayOf = (d: Date, zone: string) => formatInZone(d, zone, 'EEE');
      for (const p of DEMO_PEOPLE) {
        const own = plans.filter((x) => x.host.email === p.email && x.status === 'available');
        const today = dayOf(at, p.timezone);
        const yesterday = dayOf(new Date(at.getTime() - DAY), p.timezone);
        assert.ok(
          own.some((x) => dayOf(x.start, p.timezone) === today && x.start < at),
          `${p.email} today`,
        );
        assert.ok(
          own.some((x) => dayOf(x.start, p.timezone) === yesterday),
          `${p.email} yesterday`,
        );
        const older = own.filter((x) => x.start.getTime() < at.getTime() - 2 * DAY);
        assert.deepEqual(
          older
            .filter((x) => ['Sat', 'Sun'].includes(weekdayOf(x.start, x.host.timezone)))
            .map((x) => x.start),
          [],
          `${p.email}: only working days before yesterday`,
        );
        const lastWeek = lastWeekDays(at, p.timezone);
        const inLastWeek = own.filter((x) => lastWeek.includes(dayOf(x.start, p.timezone)));
        assert.ok(
          inLastWeek.length >= 3,
          `${p.email} last week (${lastWeek.join(' ')}): ${inLastWeek.length}`,
        );
        const shared = plans.filter((x) => x.sharedWith?.includes(p.email));
        assert.ok(shared.length >= 2 && shared.every((x) => x.host.email !== p.email), `${p.email} shared`);
      }
    });
  }

  it('when planned twice for the same moment, then the topics are the same', () => {
    const topics = (d: Date) => planRecordings(d).map((p) => `${p.host.email} ${p.spec.topic} ${p.status}`);
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
  ] as const) {
    it(`when "${typed}" is sent, then the text is "${text}" and ${ids.length} mentioned`, () => {
      const out = parseMentions(typed, [bot, bob]);
      assert.equal(out.text, text);
      assert.deepEqual([...out.mentionIds].sort(), [...ids].sort());
    });
  }
});
