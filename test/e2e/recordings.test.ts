import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RecordingObject } from '../../dev/emulator/index.js';
import { validateAdaptiveCard } from '../helpers/validate-card.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  actionsOf,
  askBot,
  botMessagesIn,
  cardOf,
  startBot,
  startWorld,
  type RunningBot,
  type World,
} from './harness.js';

// Wed 25 Nov 2026, 12:00 in Los Angeles (Ann's profile zone). Last ISO week there: Mon 16 Nov 00:00 PST (08:00Z)
// up to, not including, Mon 23 Nov 00:00 PST.
const NOW = new Date('2026-11-25T20:00:00Z');

describe('recordings, end to end against the emulator', () => {
  let world: World;
  let bot: RunningBot;
  const byPlayUrl = new Map<string, RecordingObject>();
  const add = (r: Parameters<World['emulator']['addRecording']>[0]) => {
    const rec = world.emulator.addRecording(r);
    byPlayUrl.set(rec.playbackUrl, rec);
    return rec;
  };
  let matches: RecordingObject[] = [];

  before(async () => {
    world = await startWorld();
    const { admin } = world;
    const ann = 'ann@example.com';
    matches = [
      add({ hostEmail: ann, topic: 'Weekly sync', createTime: '2026-11-16T08:00:00Z' }), // first instant: in
      add({ hostEmail: ann, topic: 'Design SYNC', createTime: '2026-11-23T07:59:59Z' }), // last second: in
      add({
        hostEmail: ann,
        topic: 'sync with sales',
        createTime: '2026-11-18T17:00:00Z',
        password: 'pw-ann-1',
      }),
    ];
    add({ hostEmail: ann, topic: 'Sync retro', createTime: '2026-11-23T08:00:00Z' }); // == to: out
    add({ hostEmail: ann, topic: 'Early sync', createTime: '2026-11-16T07:59:59Z' }); // before from: out
    add({ hostEmail: ann, topic: 'Budget review', createTime: '2026-11-18T18:00:00Z' }); // no topic match
    add({ hostEmail: 'bob@example.com', topic: 'Team sync', createTime: '2026-11-18T18:00:00Z' }); // not Ann's
    // 37 of Bob's in November (UTC, his default zone), for paging.
    for (let i = 0; i < 37; i++) {
      add({
        hostEmail: 'bob@example.com',
        topic: `Standup ${i + 1}`,
        createTime: new Date(Date.parse('2026-11-02T09:00:00Z') + i * 13 * 3600_000).toISOString(),
        password: `pw-bob-${i}`,
      });
    }
    bot = await startBot(
      world,
      { WEBEX_ADMIN_TOKEN: admin.token, DEFAULT_TIMEZONE: 'UTC' },
      { now: () => NOW },
    );
  });
  after(async () => {
    await bot.stop();
    await world.emulator.stop();
  });
  beforeEach(() => {
    world.emulator.clearFaults();
    world.emulator.clearLog();
  });

  const recordingsCalls = () => world.emulator.requests.filter((r) => r.path === '/recordings');

  const ask = async (roomId: string, personId: string, text: string, mention = false) =>
    (await askBot(world, roomId, personId, text, mention)).at(-1);

  it('when the org token is configured, then the start-up line and /readyz say recordings are reached with it', async () => {
    const line = bot.logs.lines().find((l) => String(l['msg']).startsWith('webex-recordings-bot '));
    assert.equal(line?.['level'], 30, 'info, not a warning');
    assert.match(String(line?.['msg']), /recordings via the org token \(WEBEX_ADMIN_TOKEN\)/);
    const ready = (await (await fetch(`http://127.0.0.1:${bot.port}/readyz`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(ready['recordingsAccess'], 'org-token');
  });

  it('when Ann asks "recordings last week topic sync", then exactly her previous LA week is listed and carded', async () => {
    const reply = await ask(world.annDm.id, world.ann.id, 'recordings last week topic sync');
    const calls = recordingsCalls();
    assert.equal(calls.length, 1);
    const call = calls[0];
    assert.ok(call);
    assert.equal(call.query.from, '2026-11-16T08:00:00.000Z');
    assert.equal(call.query.to, '2026-11-23T08:00:00.000Z');
    assert.equal(call.query.topic, 'sync');
    assert.equal(call.query.hostEmail, 'ann@example.com');
    assert.equal(call.headers.timezone, 'America/Los_Angeles');
    assert.equal(call.status, 200);

    const card = cardOf(reply);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(Buffer.byteLength(reply?.markdown ?? '', 'utf8') <= 7439);
    const plays = actionsOf(card).filter((a) => a.type === 'Action.OpenUrl' && /play/i.test(a.title ?? ''));
    assert.deepEqual(
      plays.map((a) => byPlayUrl.get(a.url ?? '')?.topic).sort(),
      matches.map((m) => m.topic).sort(),
    );
    const text = JSON.stringify(card);
    assert.match(text, /Mon 16 Nov – Sun 22 Nov 2026 \(PST\)/);
    assert.match(text, /pw-ann-1/, 'a 1:1 space shows passwords');
  });

  it('when the same question comes again, phrased differently, then it is answered from the cache', async () => {
    // Bob's question, asked by no other test: the first answer is a miss here, whatever ran before.
    const plays = (m: Parameters<typeof cardOf>[0]) =>
      actionsOf(cardOf(m)).filter((a) => /play/i.test(a.title ?? '')).length;
    const first = await ask(world.bobDm.id, world.bob.id, 'recordings last week topic sync');
    assert.equal(recordingsCalls().length, 1);
    assert.equal(plays(first), 1, "Bob's Team sync");
    world.emulator.clearLog();
    const reply = await ask(world.bobDm.id, world.bob.id, 'recs topic SYNC last week');
    assert.equal(recordingsCalls().length, 0);
    assert.equal(plays(reply), 1);
  });

  it('when Bob walks "show more" through 37 recordings, then he sees each exactly once, and never a password in the group', async () => {
    let reply = await ask(world.group.id, world.bob.id, 'recordings this month topic standup', true);
    const seen: string[] = [];
    for (let page = 0; page < 10; page++) {
      const card = cardOf(reply);
      assert.deepEqual(validateAdaptiveCard(card), []);
      const text = JSON.stringify(card) + (reply?.markdown ?? '');
      assert.doesNotMatch(text, /pw-bob-/, 'no password in a group space');
      const actions = actionsOf(card);
      for (const a of actions)
        if (/play/i.test(a.title ?? '')) seen.push(byPlayUrl.get(a.url ?? '')?.id ?? '?');
      const more = actions.find((a) => a.type === 'Action.Submit');
      if (!more) break;
      const before = botMessagesIn(world, world.group.id).length;
      assert.ok(reply && more.data);
      await world.emulator.userSubmits(world.bob.id, reply.id, more.data);
      await waitFor(() => botMessagesIn(world, world.group.id).length > before, 'the next page', 8000);
      reply = botMessagesIn(world, world.group.id).at(-1);
    }
    const bobs = [...byPlayUrl.values()].filter(
      (r) => r.hostEmail === 'bob@example.com' && r.topic.startsWith('Standup'),
    );
    assert.equal(seen.length, 37);
    assert.deepEqual([...seen].sort(), bobs.map((r) => r.id).sort());
  });

  it('when Webex answers 429 with Retry-After, then the bot waits, retries and answers', async () => {
    world.emulator.injectFault({
      path: '/recordings',
      status: 429,
      headers: { 'Retry-After': '1' },
      count: 1,
    });
    const reply = await ask(world.annDm.id, world.ann.id, 'recordings yesterday topic never-cached');
    assert.deepEqual(
      recordingsCalls().map((c) => c.status),
      [429, 200],
    );
    assert.ok(reply?.markdown);
  });

  it('when Webex refuses with 403, then the person is told clearly and the log has the trackingId', async () => {
    world.emulator.injectFault({ path: '/recordings', status: 403, count: 1 });
    const reply = await ask(world.annDm.id, world.ann.id, 'recordings this week format arf');
    assert.match(reply?.markdown ?? '', /Webex refused to list your recordings \(403\)/);
    const logged = bot.logs.lines().find((l) => l.msg === 'listing recordings failed');
    assert.equal(typeof logged?.trackingId, 'string');
  });

  it('when the phrase cannot be read, then the reply says which word and no API call is made', async () => {
    for (const [phrase, expected] of [
      ['recordings 2025-13-45', /2025-13-45/],
      ['recordings on 11/03', /ambiguous|2026-11-03/i],
      ['recordings format mov', /mov/],
      ['recordings max 500', /max/i],
      ['recordings from Nov 20 to Nov 3', /Nov 20|after/i],
    ] as const) {
      const reply = await ask(world.annDm.id, world.ann.id, phrase);
      assert.match(reply?.markdown ?? '', expected, phrase);
    }
    assert.equal(recordingsCalls().length, 0);
  });

  it('when nothing matches, then it says so and suggests widening', async () => {
    const reply = await ask(world.annDm.id, world.ann.id, 'recordings today topic nothing-like-this');
    assert.match(reply?.markdown ?? '', /recordings last month/);
    assert.equal(reply?.attachments, undefined);
  });
});
