/**
 * Digests end to end: the real bot (its ticker every QUICK_DIGEST_TICK_MS, its SQLite file) against the emulator,
 * with the bot's clock driven by the test, so "a minute from now" takes a few real seconds.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { RecordingObject, WebexMessage } from '../../dev/emulator/index.js';
import { openStore } from '../../src/store/open-store.js';
import { repositoriesOf } from '../store/repositories.js';
import { validateAdaptiveCard } from '../helpers/validate-card.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  actionsOf,
  askBot,
  botMessagesIn,
  QUICK_DIGEST_TICK_MS,
  startBot,
  startWorld,
  tempDataDir,
  type RunningBot,
  type World,
} from './harness.js';

/** Digest cards (not the `digest list` card). */
const cards = (world: World, roomId: string) =>
  botMessagesIn(world, roomId).filter(
    (m) => m.attachments?.length && !(m.markdown ?? '').startsWith('Digests in this space'),
  );
const cardOf = (m: WebexMessage | undefined) =>
  (m?.attachments?.[0] as { content?: Record<string, unknown> } | undefined)?.content ?? {};

/** 09:00 on Wed 25 Nov 2026 in Los Angeles (Ann's profile zone), when her daily 09:00 digest is first due. */
const NINE_AM = Date.parse('2026-11-25T17:00:00Z');

describe('digests, end to end against the emulator', () => {
  // Each test has its own world, bot, SQLite file and clock, and makes the digests it needs: none relies on another.
  let world: World;
  let bot: RunningBot;
  let env: Record<string, string>;
  let dataDir: string;
  let syncA: RecordingObject;
  /** The bot's clock, moved by the test: starts at 08:59 on the day, a minute before the digest is due. */
  let t: number;
  const now = () => new Date(t);

  beforeEach(async () => {
    t = NINE_AM - 60_000;
    dataDir = tempDataDir();
    world = await startWorld();
    const { admin } = world;
    const ann = 'ann@example.com';
    syncA = world.emulator.addRecording({
      hostEmail: ann,
      topic: 'Sync A',
      createTime: '2026-11-25T10:00:00Z',
      password: 'pw-ann-a',
    });
    world.emulator.addRecording({ hostEmail: ann, topic: 'Budget', createTime: '2026-11-25T11:00:00Z' });
    world.emulator.addRecording({ hostEmail: ann, topic: 'Sync old', createTime: '2026-11-20T10:00:00Z' });
    world.emulator.addRecording({
      hostEmail: 'bob@example.com',
      topic: 'Team sync',
      createTime: '2026-11-25T10:00:00Z',
    });
    env = {
      WEBEX_ADMIN_TOKEN: admin.token,
      DATA_DIR: dataDir,
      BOT_ADMINS: 'admin@example.com',
    };
    bot = await startBot(world, env, { now, digestTickMs: QUICK_DIGEST_TICK_MS });
  });
  afterEach(async () => {
    await bot?.stop();
    await world?.emulator.stop();
  });

  /** Waits until the digest scheduler has finished `n` more ticks (each logs one line). */
  async function ticks(n: number) {
    const count = () => bot.logs.lines().filter((l) => l.msg === 'digest tick').length;
    const target = count() + n;
    await waitFor(() => count() >= target, `${n} digest ticks`, 15_000);
  }

  async function ask(roomId: string, personId: string, text: string, mention = false) {
    const reply = (await askBot(world, roomId, personId, text, mention)).at(-1);
    // Markdown-escaped characters (America/Los\_Angeles) compared as shown.
    return (reply?.markdown ?? '').replace(/\\([_*~`\\])/g, '$1');
  }

  /** Ann subscribes the group space to her daily 09:00 digest about "sync": digest #1 there. */
  async function subscribed() {
    const reply = await ask(world.group.id, world.ann.id, 'digest daily at 9:00 topic sync', true);
    assert.match(reply, /digest \*\*#1\*\*/);
    return reply;
  }

  /** Digest #1 is subscribed and has been posted once (at 09:00), so its next run is tomorrow. */
  async function postedOnce() {
    await subscribed();
    t = NINE_AM;
    await waitFor(() => cards(world, world.group.id).length > 0, 'the digest card', 5000);
  }

  it('subscribes a group space to a daily digest and confirms it in words, in the creator’s zone', async () => {
    const reply = await subscribed();
    assert.match(reply, /digest \*\*#1\*\*: every day at 09:00 \(America\/Los_Angeles\)/);
    assert.match(reply, /topic “sync”/);
    assert.match(reply, /First one: \*\*Wed 25 Nov 2026, 09:00 PST\*\*/);
    assert.match(reply, /shows \*\*your\*\* recordings to everyone here \(never their passwords\)/);
  });

  it('posts the digest card in the space when the minute comes: the creator’s matching recordings, no passwords', async () => {
    await subscribed();
    await ticks(2);
    assert.equal(cards(world, world.group.id).length, 0, 'not before 09:00');
    t = NINE_AM;
    await waitFor(() => cards(world, world.group.id).length > 0, 'the digest card', 5000);
    const [message] = cards(world, world.group.id);
    const card = cardOf(message);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = JSON.stringify(card) + (message?.markdown ?? '');
    assert.match(text, /Sync A/);
    assert.match(text, new RegExp(syncA.playbackUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    assert.doesNotMatch(text, /Budget|Sync old|Team sync/);
    assert.doesNotMatch(text, /pw-ann/);
    assert.match(text, /Digest #1 \(every day at 09:00, America\/Los_Angeles\) · Ann Lee's recordings/);
    const call = world.emulator.requests.filter((r) => r.path === '/recordings').at(-1);
    assert.equal(call?.query.hostEmail, 'ann@example.com');
    assert.equal(call?.query.topic, 'sync');
  });

  it('lets anyone list the space’s digests, but only the creator or a bot admin stop one', async () => {
    // Subscribed just after 09:00, so that its next run is tomorrow's without waiting for today's to be posted.
    t = NINE_AM + 60_000;
    await subscribed();
    const list = await ask(world.group.id, world.bob.id, 'digest list', true);
    assert.match(
      list,
      /\*\*#1\*\* every day at 09:00 \(America\/Los_Angeles\) · Ann Lee's recordings · topic “sync” — next: Thu 26 Nov 2026, 09:00 PST/,
    );
    assert.match(
      await ask(world.group.id, world.bob.id, 'digest stop 1', true),
      /Only Ann Lee .* can stop it/,
    );
    assert.match(await ask(world.group.id, world.bob.id, 'digest stop 7', true), /no digest #7/);
  });

  it('answers the same digest asked for twice with "you already have this (#n)"', async () => {
    await subscribed();
    assert.match(
      await ask(world.group.id, world.ann.id, 'digest daily at 09:00 topic SYNC', true),
      /You already have this: digest \*\*#1\*\*/,
    );
  });

  it('puts a Stop button on each digest of `digest list`, checked like `digest stop <n>`; forged data is refused', async () => {
    await subscribed();
    await askBot(world, world.group.id, world.bob.id, 'digest list', true);
    const listCard = botMessagesIn(world, world.group.id).at(-1);
    const stop = actionsOf(listCard).find((a) => a.title === 'Stop #1');
    assert.ok(listCard && stop?.data);
    assert.deepEqual(validateAdaptiveCard(cardOf(listCard)), []);
    const press = async (personId: string, data: Record<string, unknown>) => {
      const before = botMessagesIn(world, world.group.id).length;
      await world.emulator.userSubmits(personId, listCard.id, data);
      await waitFor(() => botMessagesIn(world, world.group.id).length > before, 'the answer', 5000);
      return botMessagesIn(world, world.group.id).at(-1)?.markdown ?? '';
    };
    assert.match(await press(world.bob.id, stop.data), /Only Ann Lee .* can stop it/);
    assert.match(
      await press(world.bob.id, { action: 'digest.stop', n: '1 or 1=1' }),
      /couldn't read that button's data/,
    );
    assert.equal(
      (await ask(world.group.id, world.bob.id, 'digest list', true)).includes('#1'),
      true,
      'still running',
    );
  });

  it('keeps the subscription across a restart and does not send the digest again', async () => {
    await postedOnce();
    await bot.stop();
    t += 5 * 60_000;
    bot = await startBot(world, env, { now, digestTickMs: QUICK_DIGEST_TICK_MS });
    const list = await ask(world.group.id, world.ann.id, 'digest list', true);
    assert.match(list, /#1\*\* every day at 09:00/);
    await ticks(2);
    assert.equal(cards(world, world.group.id).length, 1, 'not resent');
    // The next morning: only what is new.
    const syncB = world.emulator.addRecording({
      hostEmail: 'ann@example.com',
      topic: 'Sync B',
      createTime: '2026-11-26T12:00:00Z',
    });
    t = Date.parse('2026-11-26T17:00:00Z');
    await waitFor(() => cards(world, world.group.id).length > 1, 'the second digest', 5000);
    const text = JSON.stringify(cardOf(cards(world, world.group.id)[1]));
    assert.match(text, /Sync B/);
    assert.ok(text.includes(syncB.playbackUrl));
    assert.doesNotMatch(text, /Sync A/);
  });

  it('shows, sets and resets a person’s time zone, and new digests use it', async () => {
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'timezone'),
      /\*\*America\/Los_Angeles\*\* \(from your Webex profile/,
    );
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'timezone Europe/Berln'),
      /isn't a time zone I know\. Did you mean `Europe\/Berlin`\?/,
    );
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'timezone europe/berlin'),
      /I'll use \*\*Europe\/Berlin\*\*/,
    );
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'timezone'),
      /\*\*Europe\/Berlin\*\* \(you set it here/,
    );
    const reply = await ask(world.annDm.id, world.ann.id, 'digest weekly on monday at 8:00');
    assert.match(reply, /every Monday at 08:00 \(Europe\/Berlin\)/);
    assert.match(reply, /Mon 30 Nov 2026, 08:00 CET/);
    assert.doesNotMatch(reply, /group space/);
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'timezone reset'),
      /America\/Los_Angeles\*\* for you again, from your Webex profile/,
    );
  });

  it('stops a space’s digests when the bot is removed from it', async () => {
    await subscribed();
    assert.match(
      await ask(world.annDm.id, world.ann.id, 'digest weekly on monday at 8:00'),
      /digest \*\*#1\*\*/,
    );
    await world.emulator.removeMember(world.group.id, world.bot.id, { actorId: world.ann.id });
    const store = openStore({ dataDir });
    const digests = repositoriesOf(store).digests;
    try {
      await waitFor(
        async () => (await digests.listSubscriptions(world.group.id)).length === 0,
        'the digest to stop',
        5000,
      );
      assert.equal((await digests.getSubscriptionByNumber(world.group.id, 1))?.active, false);
      assert.equal((await digests.listSubscriptions(world.annDm.id)).length, 1, 'other spaces keep theirs');
    } finally {
      await store.close();
    }
  });
});
