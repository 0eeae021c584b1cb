import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sparkSignature } from '../../dev/emulator/index.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  WEBHOOK_SECRET,
  actionsOf,
  askBot,
  botMessagesIn,
  cardOf,
  freePort,
  startBot,
  startWorld,
  type RunningBot,
  type World,
} from './harness.js';

const NOW = new Date('2026-11-25T20:00:00Z');

/** How many recordings deliveries the bot has finished handling (each logs its outcome). */
const outcomes = (bot: RunningBot) =>
  bot.logs
    .lines()
    .filter((l) => l['msg'] === 'recordings delivery outcome')
    .map((l) => String(l['outcome']));

async function settled(bot: RunningBot, count: number): Promise<string[]> {
  await waitFor(() => outcomes(bot).length >= count, `${count} recordings deliveries handled`, 8000);
  return outcomes(bot);
}

const detailCalls = (world: World) =>
  world.emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/recordings/'));

/** POSTs a delivery to the bot as Webex would, signed with `secret`. */
const deliver = (bot: RunningBot, body: string, secret: string) =>
  fetch(bot.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-spark-signature': sparkSignature(secret, body) },
    body,
  });

const cardText = (m: { attachments?: unknown } | undefined) => JSON.stringify(m?.attachments ?? '');

describe('notifications with the org token: notify me / here / list / stop, deliveries', () => {
  // Each test has its own world and bot and subscribes what it needs: none relies on another having run.
  let world: World;
  let bot: RunningBot;
  let handled = 0;

  beforeEach(async () => {
    handled = 0;
    world = await startWorld();
    bot = await startBot(world, { WEBEX_ADMIN_TOKEN: world.admin.token, BOT_ADMINS: '' }, { now: () => NOW });
  });
  afterEach(async () => {
    await bot?.stop();
    await world?.emulator.stop();
  });

  const say = async (roomId: string, personId: string, text: string, mention = false) =>
    (await askBot(world, roomId, personId, text, mention)).at(-1);

  /** A meeting of `hostEmail` ends with a recording; resolves when the bot has handled the delivery. */
  async function ready(hostEmail: string, topic: string, extra: Record<string, unknown> = {}) {
    const rec = await world.emulator.recordingReady({
      hostEmail,
      topic,
      createTime: '2026-11-25T19:00:00Z',
      timeRecorded: '2026-11-25T18:00:00Z',
      durationSeconds: 3600,
      password: 'pw-secret-1',
      ...extra,
    });
    handled += 1;
    await settled(bot, handled);
    return rec;
  }

  /** Ann's `notify me`: notification #1 in her 1:1 space (and the org-level recordings webhook). */
  async function annNotified() {
    const reply = await say(world.annDm.id, world.ann.id, 'notify me');
    assert.match(reply?.markdown ?? '', /notification \*\*#1\*\*/);
    return reply;
  }

  /** Ann's `notify here` in the group: notification #1 there. */
  async function groupNotified() {
    const reply = await say(world.group.id, world.ann.id, 'notify here', true);
    assert.match(reply?.markdown ?? '', /notification \*\*#1\*\*/);
    return reply;
  }

  it('when Ann says `notify me`, then one org-level recordings webhook exists and the reply names #1', async () => {
    const reply = await annNotified();
    assert.match(reply?.markdown ?? '', /America\/Los_Angeles/);
    const hooks = world.emulator.webhooksOf(world.admin.id);
    assert.equal(hooks.length, 1);
    assert.equal(hooks[0]?.resource, 'recordings');
    assert.equal(hooks[0]?.ownedBy, 'org');
    assert.equal(hooks[0]?.secret, WEBHOOK_SECRET);
    assert.equal(hooks[0]?.targetUrl, bot.webhookUrl);
    // The bot's own token never asks for a recordings webhook.
    assert.ok(world.emulator.webhooksOf(world.bot.id).every((w) => w.resource !== 'recordings'));
  });

  it('when her recording is ready, then one card arrives in her 1:1 with topic, her time, duration, Play and password', async () => {
    await annNotified();
    world.emulator.clearLog();
    const before = botMessagesIn(world, world.annDm.id).length;
    const rec = await ready('ann@example.com', 'Quarterly planning');
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the notification', 5000);
    const msgs = botMessagesIn(world, world.annDm.id).slice(before);
    assert.equal(msgs.length, 1);
    const text = JSON.stringify(cardOf(msgs[0]));
    assert.match(text, /Quarterly planning/);
    assert.match(text, /Wed 25 Nov 2026, 10:00 PST/); // 18:00 UTC in Los Angeles
    assert.match(text, /1 h/);
    assert.match(text, /pw-secret-1/);
    assert.ok(
      actionsOf(msgs[0]).some((a) => a.title === 'Play Quarterly planning' && a.url === rec.playbackUrl),
    );
    const calls = detailCalls(world);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.query.hostEmail, 'ann@example.com');
    assert.equal(calls[0]?.headers.authorization, `Bearer ${world.admin.token}`);
  });

  it('when Ann says `notify here` in the group, then a card goes to both spaces after ONE detail call, without the password in the group', async () => {
    await annNotified();
    const reply = await groupNotified();
    assert.match(reply?.markdown ?? '', /everyone here sees \*\*your\*\* recordings/);
    world.emulator.clearLog();
    const [dm, group] = [
      botMessagesIn(world, world.annDm.id).length,
      botMessagesIn(world, world.group.id).length,
    ];
    await ready('ann@example.com', 'Design review');
    await waitFor(
      () =>
        botMessagesIn(world, world.annDm.id).length > dm &&
        botMessagesIn(world, world.group.id).length > group,
      'both cards',
      5000,
    );
    const groupCard = botMessagesIn(world, world.group.id).slice(group);
    assert.equal(groupCard.length, 1);
    assert.match(cardText(groupCard[0]), /Ann Lee's recording is ready/);
    assert.doesNotMatch(cardText(groupCard[0]) + (groupCard[0]?.markdown ?? ''), /pw-secret-1/);
    assert.equal(botMessagesIn(world, world.annDm.id).slice(dm).length, 1);
    assert.equal(detailCalls(world).length, 1, 'one detail call whatever the number of subscriptions');
    // /metrics counts every notification posted: two, one in each space.
    await waitFor(
      async () => (await bot.app.metrics.notificationsDelivered.get()).values[0]?.value === 2,
      'two notifications counted',
      5000,
    );
  });

  it('when the same delivery arrives twice, then no second card is posted', async () => {
    await annNotified();
    const first = botMessagesIn(world, world.annDm.id).length;
    await ready('ann@example.com', 'Delivered twice');
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > first, 'the first card', 5000);
    const delivery = world.emulator.deliveries.filter((d) => d.resource === 'recordings').at(-1);
    assert.ok(delivery?.signature);
    const before = botMessagesIn(world, world.annDm.id).length;
    const res = await fetch(bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': delivery.signature },
      body: delivery.rawBody,
    });
    assert.equal(res.status, 200);
    handled += 1;
    const all = await settled(bot, handled);
    assert.equal(all.at(-1), 'duplicate');
    assert.equal(botMessagesIn(world, world.annDm.id).length, before);
  });

  it('when a delivery is forged (bad signature), then it is refused with 401 and nothing is looked up or posted', async () => {
    world.emulator.clearLog();
    const before = botMessagesIn(world, world.annDm.id).length;
    const body = JSON.stringify({
      id: 'forged',
      name: 'x',
      resource: 'recordings',
      event: 'created',
      ownedBy: 'org',
      data: { id: 'deadbeef', hostEmail: 'ann@example.com' },
    });
    const res = await fetch(bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': sparkSignature('wrong', body) },
      body,
    });
    assert.equal(res.status, 401);
    assert.equal(detailCalls(world).length, 0);
    assert.equal(botMessagesIn(world, world.annDm.id).length, before);
  });

  it('when a delivery names Ann as host of Bob’s recording, then the detail call as Ann finds nothing and nothing is announced', async () => {
    await annNotified();
    await groupNotified();
    const bobs = world.emulator.addRecording({
      hostEmail: 'bob@example.com',
      topic: 'Bob private 1:1',
      createTime: '2026-11-25T19:30:00Z',
    });
    world.emulator.clearLog();
    const before = botMessagesIn(world, world.annDm.id).length;
    const body = JSON.stringify({
      id: world.emulator.webhooksOf(world.admin.id)[0]?.id,
      name: 'x',
      resource: 'recordings',
      event: 'created',
      ownedBy: 'org',
      data: { id: bobs.id, hostEmail: 'ann@example.com' },
    });
    const res = await deliver(bot, body, WEBHOOK_SECRET);
    assert.equal(res.status, 200);
    handled += 1;
    assert.equal((await settled(bot, handled)).at(-1), 'not-host');
    assert.equal(detailCalls(world)[0]?.status, 404);
    assert.equal(botMessagesIn(world, world.annDm.id).length, before);
    assert.doesNotMatch(JSON.stringify(world.emulator.messagesIn(world.group.id)), /Bob private/);
  });

  it('when someone who subscribed nothing has a recording ready, then no detail call is made and nothing is posted', async () => {
    await annNotified(); // the org webhook, through which Webex tells the bot of everyone's recordings
    world.emulator.clearLog();
    const before = [world.annDm.id, world.bobDm.id, world.group.id].map(
      (r) => botMessagesIn(world, r).length,
    );
    await ready('bob@example.com', 'Bob planning');
    assert.equal(outcomes(bot).at(-1), 'ignored');
    assert.equal(detailCalls(world).length, 0);
    assert.deepEqual(
      [world.annDm.id, world.bobDm.id, world.group.id].map((r) => botMessagesIn(world, r).length),
      before,
    );
  });

  it('when Bob subscribes with a topic filter, then only matching recordings are announced', async () => {
    const reply = await say(world.bobDm.id, world.bob.id, 'notify me topic standup format mp4');
    assert.match(reply?.markdown ?? '', /topic “standup”, format MP4/);
    const before = botMessagesIn(world, world.bobDm.id).length;
    await ready('bob@example.com', 'Budget review');
    assert.equal(botMessagesIn(world, world.bobDm.id).length, before);
    await ready('bob@example.com', 'Daily Standup');
    await waitFor(() => botMessagesIn(world, world.bobDm.id).length > before, 'the standup card', 5000);
    assert.match(cardText(botMessagesIn(world, world.bobDm.id).at(-1)), /Daily Standup/);
  });

  it('when the same notification is asked for twice, then the answer is "you already have this (#n)"', async () => {
    const first = await say(world.bobDm.id, world.bob.id, 'notify me topic standup format mp4');
    assert.match(first?.markdown ?? '', /notification \*\*#1\*\*/);
    const reply = await say(world.bobDm.id, world.bob.id, 'notify me format mp4 topic Standup');
    assert.match(reply?.markdown ?? '', /You already have this: notification \*\*#1\*\*/);
  });

  it('lists the notifications of a space, and answers every bad input with a clear reply', async () => {
    await groupNotified();
    const list = await say(world.group.id, world.bob.id, 'notify list', true);
    assert.match(list?.markdown ?? '', /#1\*\* Ann Lee's recordings/);
    const cases: [string, string, string, boolean, RegExp][] = [
      [world.group.id, world.bob.id, 'notify me', true, /say it there.*`notify here`/s],
      [world.annDm.id, world.ann.id, 'notify me last week', false, /time range/],
      [world.annDm.id, world.ann.id, 'notify me format mov', false, /format/i],
      [world.annDm.id, world.ann.id, 'notify me deleted', false, /`deleted` can't be used/],
      [world.annDm.id, world.ann.id, 'notify me max 5', false, /`max`\/`top` can't be used/],
      [world.annDm.id, world.ann.id, 'notify stop 9', false, /no notification #9/],
      [world.annDm.id, world.ann.id, 'notify stop soon', false, /isn't a notification number/],
      [world.annDm.id, world.ann.id, 'notify stop', false, /Which one\?/],
      [world.annDm.id, world.ann.id, 'notify sometimes', false, /I don't know 'notify sometimes'/],
      [world.annDm.id, world.ann.id, 'notify', false, /tell you when a new recording/],
      [world.group.id, world.bob.id, 'notify stop 1', true, /Only Ann Lee .* or a bot admin can stop it/],
    ];
    for (const [room, person, text, mention, expected] of cases) {
      const reply = await say(room, person, text, mention);
      assert.match(reply?.markdown ?? '', expected, text);
    }
    const help = await say(world.annDm.id, world.ann.id, 'help');
    assert.match(help?.markdown ?? '', /\*\*notify\*\*/);
    assert.match(help?.markdown ?? '', /`notify me`/);
  });

  it('when Ann leaves the group, then her group notification stops with one notice and later recordings reach only her 1:1', async () => {
    await annNotified();
    await groupNotified();
    const before = botMessagesIn(world, world.group.id).length;
    await world.emulator.removeMember(world.group.id, world.ann.id);
    await waitFor(() => botMessagesIn(world, world.group.id).length > before, 'the notice', 5000);
    const notices = botMessagesIn(world, world.group.id).slice(before);
    assert.equal(notices.length, 1);
    assert.match(notices[0]?.markdown ?? '', /Ann Lee left this space, so I stopped notification #1/);
    const list = await say(world.group.id, world.bob.id, 'notify list', true);
    assert.match(list?.markdown ?? '', /no notifications in this space/);
    const [dm, group] = [
      botMessagesIn(world, world.annDm.id).length,
      botMessagesIn(world, world.group.id).length,
    ];
    await ready('ann@example.com', 'After leaving');
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > dm, 'the 1:1 card', 5000);
    assert.equal(botMessagesIn(world, world.group.id).length, group);
  });

  it('when Ann stops her notification, then her next recording is not announced', async () => {
    await annNotified();
    const reply = await say(world.annDm.id, world.ann.id, 'notify stop 1');
    assert.match(reply?.markdown ?? '', /Stopped notification #1/);
    const again = await say(world.annDm.id, world.ann.id, 'notify stop 1');
    assert.match(again?.markdown ?? '', /already stopped/);
    const before = botMessagesIn(world, world.annDm.id).length;
    await ready('ann@example.com', 'Not announced');
    assert.equal(botMessagesIn(world, world.annDm.id).length, before);
    // The org webhook serves everyone and stays.
    assert.equal(world.emulator.webhooksOf(world.admin.id).length, 1);
  });
});

describe('notifications with per-person sign-in: a webhook with her own token', () => {
  // Each test has its own world and bot, and signs in and subscribes what it needs.
  let world: World;
  let bot: RunningBot;

  beforeEach(async () => {
    world = await startWorld();
    const port = await freePort();
    const integration = world.emulator.addIntegration({
      redirectUris: [`http://127.0.0.1:${port}/oauth/callback`],
      scopes: ['spark:people_read', 'meeting:recordings_read'],
    });
    bot = await startBot(
      world,
      {
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WEBEX_CLIENT_ID: integration.clientId,
        WEBEX_CLIENT_SECRET: integration.clientSecret,
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      { now: () => NOW },
    );
  });
  afterEach(async () => {
    await bot?.stop();
    await world?.emulator.stop();
  });

  const say = async (roomId: string, personId: string, text: string, mention = false) =>
    (await askBot(world, roomId, personId, text, mention)).at(-1);

  /** Ann signed in and subscribed: `notify me` is #1, made with her token (her recordings webhook). */
  async function annSubscribed() {
    await signIn(world.ann.id, world.annDm.id, 'ann@example.com');
    const reply = await say(world.annDm.id, world.ann.id, 'notify me');
    assert.match(reply?.markdown ?? '', /notification \*\*#1\*\*/);
    assert.equal(recordingsHooks(world.ann.id).length, 1);
  }

  async function signIn(personId: string, dmId: string, email: string) {
    const card = await say(dmId, personId, 'connect');
    const link = actionsOf(card).find((a) => a.title === 'Sign in with Webex')?.url;
    assert.ok(link);
    const start = await fetch(link, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('as', email);
    const back = await fetch(authorize.href, { redirect: 'manual' });
    const before = botMessagesIn(world, dmId).length;
    const done = await fetch(back.headers.get('location') ?? '', { redirect: 'manual' });
    assert.equal(done.status, 200);
    await waitFor(() => botMessagesIn(world, dmId).length > before, 'the sign-in confirmation', 5000);
  }

  const recordingsHooks = (personId: string) =>
    world.emulator.webhooksOf(personId).filter((w) => w.resource === 'recordings');

  it('when Bob is not signed in, then `notify me` offers the sign-in card and creates nothing', async () => {
    const reply = await say(world.bobDm.id, world.bob.id, 'notify me');
    assert.ok(actionsOf(reply).some((a) => a.title === 'Sign in with Webex'));
    assert.equal(recordingsHooks(world.bob.id).length, 0);
    const list = await say(world.bobDm.id, world.bob.id, 'notify list');
    assert.match(list?.markdown ?? '', /no notifications/);
  });

  it('when Ann signs in and subscribes, then a webhook made with her token brings her card, read with her token', async () => {
    await signIn(world.ann.id, world.annDm.id, 'ann@example.com');
    const reply = await say(world.annDm.id, world.ann.id, 'notify me');
    assert.match(reply?.markdown ?? '', /notification \*\*#1\*\*/);
    const hooks = recordingsHooks(world.ann.id);
    assert.equal(hooks.length, 1);
    assert.equal(hooks[0]?.secret, WEBHOOK_SECRET);
    // Subscribing again with other filters reuses the same webhook.
    await say(world.annDm.id, world.ann.id, 'notify me type event');
    assert.equal(recordingsHooks(world.ann.id).length, 1);

    world.emulator.clearLog();
    const before = botMessagesIn(world, world.annDm.id).length;
    await world.emulator.recordingReady({
      hostEmail: 'ann@example.com',
      topic: 'Roadmap',
      createTime: '2026-11-25T19:00:00Z',
      durationSeconds: 5400,
    });
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the card', 5000);
    await settled(bot, 1);
    const cards = botMessagesIn(world, world.annDm.id).slice(before);
    assert.equal(cards.length, 1, 'only the matching notification (#1, not #2 type event)');
    assert.match(cardText(cards[0]), /Roadmap/);
    assert.match(cardText(cards[0]), /1 h 30 min/);
    const calls = detailCalls(world);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.query.hostEmail, undefined);
    assert.notEqual(calls[0]?.headers.authorization, `Bearer ${world.bot.token}`);
  });

  it('when a delivery on her webhook is for a recording only shared with her, then nothing is announced', async () => {
    await annSubscribed();
    const shared = world.emulator.addRecording({
      hostEmail: 'bob@example.com',
      topic: 'Bob shares',
      createTime: '2026-11-25T19:40:00Z',
      sharedWith: ['ann@example.com'],
    });
    const hook = recordingsHooks(world.ann.id)[0];
    const before = botMessagesIn(world, world.annDm.id).length;
    const body = JSON.stringify({
      id: hook?.id,
      name: hook?.name,
      resource: 'recordings',
      event: 'created',
      ownedBy: 'creator',
      data: { id: shared.id },
    });
    const res = await deliver(bot, body, WEBHOOK_SECRET);
    assert.equal(res.status, 200);
    assert.equal((await settled(bot, 1)).at(-1), 'not-host');
    assert.equal(botMessagesIn(world, world.annDm.id).length, before);
  });

  it('when she stops one, the webhook stays; when she stops all, it is removed', async () => {
    await annSubscribed();
    assert.match((await say(world.annDm.id, world.ann.id, 'notify me type event'))?.markdown ?? '', /#2/);
    await say(world.annDm.id, world.ann.id, 'notify stop 2');
    assert.equal(recordingsHooks(world.ann.id).length, 1);
    const reply = await say(world.annDm.id, world.ann.id, 'notify stop all');
    assert.match(reply?.markdown ?? '', /Stopped #1/);
    assert.equal(recordingsHooks(world.ann.id).length, 0);
  });

  it('when she disconnects, then her webhook is removed and her notifications stop with a note', async () => {
    await annSubscribed();
    const before = botMessagesIn(world, world.annDm.id).length;
    await world.emulator.userSays(world.ann.id, world.annDm.id, 'disconnect');
    await waitFor(
      () => botMessagesIn(world, world.annDm.id).length >= before + 2,
      'the note and the reply',
      5000,
    );
    const texts = botMessagesIn(world, world.annDm.id)
      .slice(before)
      .map((m) => m.markdown ?? '')
      .join('\n');
    assert.match(texts, /notifications \(#1\) are stopped too/);
    assert.match(texts, /deleted your sign-in/);
    assert.equal(recordingsHooks(world.ann.id).length, 0);
    const list = await say(world.annDm.id, world.ann.id, 'notify list');
    assert.match(list?.markdown ?? '', /no notifications/);
  });
});
