import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { signWebexBody } from '../../src/server/verify-signature.js';
import { firedTimeouts, type FiredTimeouts } from '../helpers/fired-timeouts.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  WEBHOOK_SECRET,
  askBot,
  botMessagesIn,
  startBot,
  startWorld,
  type RunningBot,
  type World,
} from './harness.js';

const HELP_HEADER = 'Here is what I understand';
/**
 * How long a "time-out" fault holds a request: past the end of the run (the emulator drops it when it stops). The
 * bot's time-out for it is fired by the test once the emulator holds the request (`timedOut`).
 */
const HELD_MS = 600_000;

describe('foundation, end to end against the emulator', () => {
  let world: World;
  let bot: RunningBot;
  let timeouts: FiredTimeouts;

  before(async () => {
    world = await startWorld();
    timeouts = firedTimeouts();
    bot = await startBot(world, {}, { webexTimeoutSignal: timeouts.timeoutSignal });
  });
  after(async () => {
    await bot.stop();
    await world.emulator.stop();
  });
  beforeEach(() => {
    world.emulator.clearFaults();
    world.emulator.clearLog();
  });
  afterEach(() => world.emulator.clearFaults());

  const replyCount = (roomId: string) => botMessagesIn(world, roomId).length;

  const askAndWait = (roomId: string, personId: string, text: string, mention = false) =>
    askBot(world, roomId, personId, text, mention);

  /** Someone the bot has not met yet (it keeps people it has met for a few minutes), in a 1:1 space with it. */
  let newcomers = 0;
  const newcomer = () => {
    const n = ++newcomers;
    const person = world.emulator.addPerson({ displayName: `New ${n}`, email: `new${n}@example.com` });
    const dm = world.emulator.addRoom({ type: 'direct', memberIds: [person.id, world.bot.id] });
    return { personId: person.id, roomId: dm.id };
  };

  it('when it starts, then it registers one signed webhook per resource pointing at PUBLIC_URL', () => {
    const hooks = world.emulator.webhooksOf(world.bot.id);
    assert.deepEqual(hooks.map((h) => `${h.resource}/${h.event}`).sort(), [
      'attachmentActions/created',
      'memberships/all',
      'messages/created',
    ]);
    for (const h of hooks) {
      assert.equal(h.targetUrl, bot.webhookUrl);
      assert.equal(h.secret, WEBHOOK_SECRET);
    }
  });

  it('when a person says help in a 1:1 space, then the bot answers with the generated help', async () => {
    const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
    assert.match(replies[0]?.markdown ?? '', /\*\*help\*\*/);
  });

  it('when a person @mentions the bot with help in a group space, then the mention is stripped and help is answered there', async () => {
    const dmRepliesBefore = replyCount(world.bobDm.id);
    const replies = await askAndWait(world.group.id, world.bob.id, 'help', true);
    // What Webex delivered starts with the bot's name; only a stripped mention makes it read as `help`.
    const asked = world.emulator
      .messagesIn(world.group.id)
      .filter((m) => m.personId === world.bob.id)
      .at(-1);
    assert.match(asked?.text ?? '', /^Rec Bot help$/);
    assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
    assert.equal(replyCount(world.bobDm.id), dmRepliesBefore, 'the answer stays in the group');
  });

  it('when a group message does not mention the bot, then Webex does not deliver it and the bot stays quiet', async () => {
    const before = replyCount(world.group.id);
    // userSays returns once every webhook delivery for the message has finished, so nothing can arrive later.
    const said = await world.emulator.userSays(world.ann.id, world.group.id, 'help');
    assert.equal(world.emulator.deliveries.filter((d) => d.body.data.id === said.id).length, 0);
    assert.equal(replyCount(world.group.id), before);
  });

  it('when a command is mistyped, then the bot suggests the right one', async () => {
    const replies = await askAndWait(world.annDm.id, world.ann.id, 'hlep');
    assert.match(replies[0]?.markdown ?? '', /Did you mean \*\*help\*\*\?/);
  });

  describe('webhook security and input checks', () => {
    async function post(body: string, headers: Record<string, string>) {
      return fetch(bot.webhookUrl, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    }
    async function realEnvelope() {
      // A genuine delivery captured from the emulator, so only the signature differs.
      await askAndWait(world.annDm.id, world.ann.id, 'help');
      // Ann's message, not the bot's own reply (whose delivery may finish first, and which the bot skips unlogged).
      const delivery = world.emulator.deliveries.find(
        (d) => d.body.resource === 'messages' && d.body.data.personId === world.ann.id,
      );
      assert.ok(delivery);
      world.emulator.clearLog();
      return delivery.rawBody;
    }

    it('when the signature is wrong or missing, then 401 and Webex is not called for that event', async () => {
      const raw = await realEnvelope();
      const wrong = await post(raw, { 'x-spark-signature': signWebexBody(raw, 'not-the-secret-at-all') });
      const missing = await post(raw, {});
      const tampered = await post(raw.replace('"messages"', '"messages" '), {
        'x-spark-signature': signWebexBody(raw, WEBHOOK_SECRET),
      });
      assert.deepEqual([wrong.status, missing.status, tampered.status], [401, 401, 401]);
      assert.ok(bot.logs.lines().some((l) => l.msg === 'webhook rejected: bad or missing signature'));
      // A barrier: the same (already answered) event, signed, goes all the way to the duplicate check. Deliveries
      // are handled in order, so by then a rejected one acted on would have called Webex.
      const duplicates = () =>
        bot.logs.lines().filter((l) => l.msg === 'duplicate webhook delivery ignored').length;
      const duplicatesBefore = duplicates();
      const signed = await post(raw, { 'x-spark-signature': signWebexBody(raw, WEBHOOK_SECRET) });
      assert.equal(signed.status, 200);
      await waitFor(() => duplicates() > duplicatesBefore, 'the signed delivery to reach the bot');
      assert.equal(world.emulator.requests.length, 0, 'no Webex call may follow a rejected delivery');
    });

    it('when the body is not JSON or not a Webex event, then 400; when huge, then 413', async () => {
      const bad = '{"id": "x",';
      const notJson = await post(bad, { 'x-spark-signature': signWebexBody(bad, WEBHOOK_SECRET) });
      const wrongShape = JSON.stringify({ hello: 'world' });
      const notEvent = await post(wrongShape, {
        'x-spark-signature': signWebexBody(wrongShape, WEBHOOK_SECRET),
      });
      const huge = JSON.stringify({ id: 'x', pad: 'x'.repeat(200_000) });
      const tooBig = await post(huge, { 'x-spark-signature': signWebexBody(huge, WEBHOOK_SECRET) });
      assert.deepEqual([notJson.status, notEvent.status, tooBig.status], [400, 400, 413]);
      assert.equal(world.emulator.requests.length, 0);
    });

    it('when Webex delivers the same event twice, then it is answered once', async () => {
      const raw = await realEnvelope();
      const before = replyCount(world.annDm.id);
      const duplicatesBefore = bot.logs
        .lines()
        .filter((l) => l.msg === 'duplicate webhook delivery ignored').length;
      const first = await post(raw, { 'x-spark-signature': signWebexBody(raw, WEBHOOK_SECRET) });
      assert.equal(first.status, 200);
      await waitFor(
        () =>
          bot.logs.lines().filter((l) => l.msg === 'duplicate webhook delivery ignored').length >
          duplicatesBefore,
        'the delivery to be recognised as a duplicate',
      );
      assert.equal(
        replyCount(world.annDm.id),
        before,
        'the duplicate of an answered event gets no second answer',
      );
    });

    it('serves /healthz, and /readyz with what the bot can do', async () => {
      const base = `http://127.0.0.1:${bot.port}`;
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      const ready = (await (await fetch(`${base}/readyz`)).json()) as Record<string, unknown>;
      assert.equal(ready['status'], 'ready');
      assert.match(String(ready['version']), /^\d+\.\d+\.\d+/);
      assert.deepEqual(ready['store'], { backend: 'sqlite', ok: true });
      assert.equal(ready['webhookUrl'], bot.webhookUrl);
      assert.equal(ready['recordingsAccess'], 'none');
      assert.equal(ready['lastError'], undefined);
    });

    it('when no recordings access is configured, then the start-up line and the reply say which variables fix it', async () => {
      const line = bot.logs.lines().find((l) => String(l['msg']).startsWith('webex-recordings-bot '));
      assert.ok(line, 'one start-up line');
      assert.equal(line['level'], 40, 'a warning');
      assert.match(String(line['msg']), /store sqlite/);
      assert.ok(String(line['msg']).includes(bot.webhookUrl));
      assert.match(String(line['msg']), /cannot list recordings.*WEBEX_ADMIN_TOKEN.*WEBEX_CLIENT_ID/);
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'recordings last week');
      assert.equal(replies.length, 1);
      assert.match(replies[0]?.markdown ?? '', /no access to them configured/);
      assert.match(replies[0]?.markdown ?? '', /WEBEX_ADMIN_TOKEN/);
      assert.match(replies[0]?.markdown ?? '', /WEBEX_CLIENT_ID/);
    });
  });

  describe('transient Webex failures: each ends in a retry or a clear reply, and the next message is answered', () => {
    async function helpStillWorks() {
      world.emulator.clearFaults();
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
      assert.match(replies.at(-1)?.markdown ?? '', new RegExp(HELP_HEADER));
    }

    it('people lookup answers 500 once: retried, answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/people\/[^/]+$/, status: 500, count: 1 });
      const { roomId, personId } = newcomer();
      const replies = await askAndWait(roomId, personId, 'help');
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
      const lookups = world.emulator.requests.filter((r) => /^\/people\//.test(r.path));
      assert.deepEqual(
        lookups.slice(0, 2).map((r) => r.status),
        [500, 200],
      );
    });

    it('people lookup keeps failing: the person gets an apology, and the next message is answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/people\/[^/]+$/, status: 500, count: Infinity });
      const { roomId, personId } = newcomer();
      const replies = await askAndWait(roomId, personId, 'help');
      assert.match(replies[0]?.markdown ?? '', /couldn't read your last message/);
      await helpStillWorks();
    });

    it('429 with Retry-After on the reply: waits, retries, answers', async () => {
      world.emulator.injectFault({
        method: 'POST',
        path: '/messages',
        status: 429,
        headers: { 'Retry-After': '1' },
        count: 1,
      });
      const started = Date.now();
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
      const posts = world.emulator.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === '/messages' &&
          r.headers.authorization === `Bearer ${world.bot.token}`,
      );
      assert.deepEqual(
        posts.map((r) => r.status),
        [429, 200],
      );
      assert.ok(Date.now() - started >= 1000, 'Retry-After was honoured');
      await helpStillWorks();
    });

    it('429 with Retry-After on the people lookup: retried (the SDK would not)', async () => {
      world.emulator.injectFault({
        method: 'GET',
        path: /^\/people\/[^/]+$/,
        status: 429,
        headers: { 'Retry-After': '1' },
        count: 1,
      });
      const { roomId, personId } = newcomer();
      const replies = await askAndWait(roomId, personId, 'help');
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
      const lookups = world.emulator.requests.filter((r) => /^\/people\//.test(r.path));
      assert.deepEqual(
        lookups.map((r) => r.status),
        [429, 200],
      );
    });

    it('5xx on the message fetch: retried, answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/messages\//, status: 503, count: 2 });
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
    });

    /** Runs `act` and, once the emulator holds the faulted request, times the bot's call out as its clock would. */
    async function timedOut<T>(act: Promise<T>, method: string, path: string | RegExp): Promise<T> {
      const fire = async () => {
        await waitFor(() => world.emulator.pendingFaults === 0, 'the emulator to hold the request');
        await waitFor(() => timeouts.fire(method, path), 'the call to be in flight');
      };
      const [result] = await Promise.all([act, fire()]);
      return result;
    }

    it('time-out on the message fetch: retried, answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/messages\//, delayMs: HELD_MS, count: 1 });
      const asked = askAndWait(world.annDm.id, world.ann.id, 'help');
      const replies = await timedOut(asked, 'GET', /^\/messages\//);
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
      assert.ok(
        bot.logs.lines().some((l) => l.code === 'webex_timeout'),
        'a time-out is logged as such',
      );
    });

    it('connection reset on the message fetch: retried, answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/messages\//, reset: true, count: 1 });
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
      assert.match(replies[0]?.markdown ?? '', new RegExp(HELP_HEADER));
    });

    it('the message fetch fails every time: an apology instead of silence, then the next message is answered', async () => {
      world.emulator.injectFault({ method: 'GET', path: /^\/messages\//, status: 500, count: Infinity });
      const replies = await askAndWait(world.annDm.id, world.ann.id, 'help');
      assert.match(replies[0]?.markdown ?? '', /couldn't read your last message/);
      await helpStillWorks();
    });

    it('time-out on the reply post: retried, and the next message is answered', async () => {
      // Held and never processed: the bot times out, finds nothing in the 1:1 space and sends it again, once.
      world.emulator.injectFault({ method: 'POST', path: '/messages', delayMs: HELD_MS, count: 1 });
      // userSays bypasses HTTP, so the fault only holds the bot's reply.
      const before = replyCount(world.annDm.id);
      await timedOut(world.emulator.userSays(world.ann.id, world.annDm.id, 'help'), 'POST', '/messages');
      await waitFor(() => replyCount(world.annDm.id) > before, 'a reply after the timed-out post', 8000);
      assert.equal(replyCount(world.annDm.id), before + 1, 'one reply');
      assert.ok(bot.logs.lines().some((l) => l.code === 'webex_timeout' && l.method === 'POST'));
      await helpStillWorks();
    });
  });
});
