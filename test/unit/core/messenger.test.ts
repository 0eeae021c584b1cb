/**
 * The messenger against the emulator: a POST whose answer is late, lost or an error after Webex acted on it lands
 * exactly once where the bot can check (1:1 spaces), and at most once where it can't (group spaces).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMessenger, type Messenger } from '../../../src/core/messenger.js';
import { WebexEmulator, type EmulatedPerson } from '../../../dev/emulator/index.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

/**
 * Long enough that the emulator (in this process) has received and processed the POST before the client gives up,
 * even on a machine at load 20: with 300 ms the request sometimes had not arrived yet, so nothing had landed.
 */
const POST_TIMEOUT_MS = 1500;
/**
 * Past the POST time-out, so the bot has given up before Webex answers: the client's timer was set before the
 * emulator's (at send, not at processing) with an earlier deadline, and Node fires timers in deadline order.
 */
const LATE_MS = POST_TIMEOUT_MS + 300;

describe('messenger: one message per send, whatever happens to the answer', () => {
  let emu: WebexEmulator;
  let bot: EmulatedPerson;
  let ann: EmulatedPerson;
  let dm: string;
  let group: string;
  let messenger: Messenger;
  let logs: ReturnType<typeof memoryLogger>;

  before(async () => {
    emu = await WebexEmulator.start();
    bot = emu.addPerson({ displayName: 'Bot', email: 'bot@webex.bot', type: 'bot' });
    ann = emu.addPerson({ displayName: 'Ann', email: 'ann@example.com' });
    const bob = emu.addPerson({ displayName: 'Bob', email: 'bob@example.com' });
    dm = emu.addRoom({ type: 'direct', memberIds: [ann.id, bot.id] }).id;
    group = emu.addRoom({ type: 'group', title: 'Team', memberIds: [ann.id, bob.id, bot.id] }).id;
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.clearFaults();
    logs = memoryLogger();
    const client = new WebexClient({
      baseUrl: emu.baseUrl,
      token: bot.token,
      timeoutMs: 2000,
      postTimeoutMs: POST_TIMEOUT_MS,
      maxRetries: 3,
      logger: logs.logger,
      sleep: async () => undefined,
    });
    messenger = createMessenger({ client, logger: logs.logger });
  });

  const texts = (roomId: string) => emu.messagesIn(roomId).map((m) => m.markdown ?? m.text);
  const count = (roomId: string, markdown: string) => texts(roomId).filter((t) => t === markdown).length;

  it('when Webex creates the message but answers after the POST time-out, then it is not posted again (1:1)', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: LATE_MS });
    await messenger.say(dm, 'late reply');
    assert.equal(count(dm, 'late reply'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 1, resent: 0, unverifiable: 0 });
    assert.ok(
      emu.requests.some((r) => r.method === 'GET' && r.path === '/messages' && r.query.roomId === dm),
    );
  });

  it('when the same text was posted before, then that earlier message is not mistaken for the one in doubt', async () => {
    await messenger.say(dm, 'same text');
    emu.injectFault({ method: 'POST', path: '/messages', delayMs: LATE_MS }); // not processed: the client gave up
    await messenger.say(dm, 'same text');
    assert.equal(count(dm, 'same text'), 2, 'the second one was sent again, once');
    assert.equal(messenger.counters.resent, 1);
  });

  it('when the connection is reset or Webex answers 5xx after creating it, then it lands once (card, 1:1)', async () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Card' }] };
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, reset: true });
    assert.equal(await messenger.sendCard(dm, card, 'card after reset'), 'posted');
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, status: 502 });
    assert.equal(await messenger.sendCard(dm, card, 'card after 502'), 'posted');
    assert.equal(count(dm, 'card after reset'), 1);
    assert.equal(count(dm, 'card after 502'), 1);
    assert.equal(messenger.counters.landed, 2);
  });

  it('when Webex answers 503 without acting, then the check finds nothing and it is sent again, once', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', status: 503 });
    await messenger.say(dm, 'after a 503');
    assert.equal(count(dm, 'after a 503'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 0, resent: 1, unverifiable: 0 });
  });

  it('when a direct message (toPersonId) is answered late, then it is checked in GET /messages/direct', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: LATE_MS });
    await messenger.sendDirect(ann.id, 'sign in, please');
    assert.equal(count(dm, 'sign in, please'), 1);
    assert.equal(messenger.counters.landed, 1);
    assert.ok(emu.requests.some((r) => r.path === '/messages/direct' && r.query.personId === ann.id));
  });

  it('when a group message is answered late, then it is not sent again (at most once) and that is logged and counted', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: LATE_MS });
    await messenger.say(group, 'group reply');
    assert.equal(count(group, 'group reply'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 0, resent: 0, unverifiable: 1 });
    assert.ok(logs.lines().some((l) => /at most once/.test(String(l.msg)) && l.roomId === group));
  });

  it('when a group card is answered late, then sendCard says its outcome is uncertain (a plain post says posted)', async () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Digest' }] };
    assert.equal(await messenger.sendCard(group, card, 'group card, answered'), 'posted');
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: LATE_MS });
    assert.equal(await messenger.sendCard(group, card, 'group card, late'), 'uncertain');
    assert.equal(count(group, 'group card, late'), 1);
    assert.equal(messenger.counters.unverifiable, 1);
  });

  it('when Webex rate-limits the POST (429), then it is sent again after Retry-After and lands once', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', status: 429, headers: { 'Retry-After': '1' } });
    await messenger.say(group, 'after a 429');
    assert.equal(count(group, 'after a 429'), 1);
    assert.equal(messenger.counters.ambiguous, 0);
  });

  it('when Webex rejects the message (400), then it fails without a second try', async () => {
    await assert.rejects(messenger.post({ roomId: dm }), /400/);
    assert.equal(emu.requests.filter((r) => r.method === 'POST').length >= 1, true);
    assert.equal(messenger.counters.ambiguous, 0);
  });
});
