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
import { firedTimeouts, type FiredTimeouts } from '../../helpers/fired-timeouts.js';
import { waitFor } from '../../helpers/wait-for.js';
import { JsonText } from '../../../src/webex/json-text.js';

/**
 * How long the emulator holds back the answer of a POST that is "answered late": past the end of the run (the
 * emulator drops it when it stops). The client's time-out is fired by the test instead (see `timeOutWhen`).
 */
const HELD_MS = 600_000;

describe('messenger: one message per send, whatever happens to the answer', () => {
  let emu: WebexEmulator;
  let bot: EmulatedPerson;
  let ann: EmulatedPerson;
  let dm: string;
  let group: string;
  let messenger: Messenger;
  let logs: ReturnType<typeof memoryLogger>;
  /** The client's time-outs, fired by `timeOutWhen` instead of a clock. */
  let timeouts: FiredTimeouts;

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
    timeouts = firedTimeouts();
    const client = new WebexClient({
      baseUrl: emu.baseUrl,
      token: bot.token,
      timeoutMs: 5000,
      maxRetries: 3,
      logger: logs.logger,
      sleep: async () => undefined,
      timeoutSignal: timeouts.timeoutSignal,
    });
    messenger = createMessenger({ client, logger: logs.logger });
  });

  /**
   * Sends, and times the POST in flight out once the emulator holds it (`held`), as the client's clock would after
   * its POST time-out, but at a known moment: a fixed time-out either raced the emulator under load (too short) or
   * cost seconds a test (long enough).
   */
  async function timeOutWhen<T>(send: Promise<T>, held: () => boolean): Promise<T> {
    const fire = async () => {
      await waitFor(held, 'the emulator to hold the POST');
      assert.ok(timeouts.fire('POST', '/messages'), 'a POST in flight');
    };
    const [result] = await Promise.all([send, fire()]);
    return result;
  }
  /** The emulator took the injected fault: it has the request and holds it, unprocessed. */
  const faultTaken = () => emu.pendingFaults === 0;

  const texts = (roomId: string) => emu.messagesIn(roomId).map((m) => m.markdown ?? m.text);
  const count = (roomId: string, markdown: string) => texts(roomId).filter((t) => t === markdown).length;

  it('when Webex creates the message but answers after the POST time-out, then it is not posted again (1:1)', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    await timeOutWhen(messenger.say(dm, 'late reply'), () => count(dm, 'late reply') === 1);
    assert.equal(count(dm, 'late reply'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 1, resent: 0, unverifiable: 0 });
    assert.ok(
      emu.requests.some((r) => r.method === 'GET' && r.path === '/messages' && r.query.roomId === dm),
    );
  });

  it('when the same text was posted before, then that earlier message is not mistaken for the one in doubt', async () => {
    await messenger.say(dm, 'same text');
    emu.injectFault({ method: 'POST', path: '/messages', delayMs: HELD_MS }); // not processed: the client gave up
    await timeOutWhen(messenger.say(dm, 'same text'), faultTaken);
    assert.equal(count(dm, 'same text'), 2, 'the second one was sent again, once');
    assert.equal(messenger.counters.resent, 1);
  });

  it('when the connection is reset or Webex answers 5xx after creating it, then it lands once (card, 1:1)', async () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Card' }] };
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, reset: true });
    assert.equal(await messenger.sendCard(dm, card, 'card after reset'), 'posted');
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, status: 502 });
    assert.equal(await messenger.sendCard(dm, card, 'card after 502'), 'posted');
    // A success status with a body that is not JSON (a proxy's page): checked like the others, not taken as failed.
    emu.injectFault({
      method: 'POST',
      path: '/messages',
      processFirst: true,
      status: 200,
      body: '<html>gateway</html>',
    });
    assert.equal(await messenger.sendCard(dm, card, 'card answered with a page'), 'posted');
    assert.equal(count(dm, 'card after reset'), 1);
    assert.equal(count(dm, 'card after 502'), 1);
    assert.equal(count(dm, 'card answered with a page'), 1);
    assert.equal(messenger.counters.landed, 3);
  });

  it('when the card is already JSON, then that JSON is posted as it is, and the landed check still recognises it', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.3',
      body: [{ type: 'TextBlock', text: 'Kept “as JSON”' }],
    };
    const kept = new JsonText(JSON.stringify(card));
    await messenger.sendCard(dm, kept, 'kept card');
    const posted = emu.requests.filter((r) => r.method === 'POST' && r.path === '/messages').at(-1);
    assert.deepEqual(posted?.body, {
      roomId: dm,
      markdown: 'kept card',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, reset: true });
    assert.equal(await messenger.sendCard(dm, kept, 'kept card after reset'), 'posted');
    assert.equal(count(dm, 'kept card after reset'), 1);
    assert.deepEqual(emu.messagesIn(dm).at(-1)?.attachments?.[0]?.content, card);
    await messenger.sendDirect(ann.id, 'kept card, direct', kept);
    assert.deepEqual(emu.messagesIn(dm).at(-1)?.attachments?.[0]?.content, card);
  });

  it('when Webex answers 503 without acting, then the check finds nothing and it is sent again, once', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', status: 503 });
    await messenger.say(dm, 'after a 503');
    assert.equal(count(dm, 'after a 503'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 0, resent: 1, unverifiable: 0 });
  });

  it('when a direct message (toPersonId) is answered late, then it is checked in GET /messages/direct', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    await timeOutWhen(
      messenger.sendDirect(ann.id, 'sign in, please'),
      () => count(dm, 'sign in, please') === 1,
    );
    assert.equal(count(dm, 'sign in, please'), 1);
    assert.equal(messenger.counters.landed, 1);
    assert.ok(emu.requests.some((r) => r.path === '/messages/direct' && r.query.personId === ann.id));
  });

  it('when a group message is answered late, then it is not sent again (at most once) and that is logged and counted', async () => {
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    await timeOutWhen(messenger.say(group, 'group reply'), () => count(group, 'group reply') === 1);
    assert.equal(count(group, 'group reply'), 1);
    assert.deepEqual(messenger.counters, { ambiguous: 1, landed: 0, resent: 0, unverifiable: 1 });
    assert.ok(logs.lines().some((l) => /at most once/.test(String(l.msg)) && l.roomId === group));
  });

  it('when a group card is answered late, then sendCard says its outcome is uncertain (a plain post says posted)', async () => {
    const card = { type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Digest' }] };
    assert.equal(await messenger.sendCard(group, card, 'group card, answered'), 'posted');
    emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    const late = messenger.sendCard(group, card, 'group card, late');
    assert.equal(await timeOutWhen(late, () => count(group, 'group card, late') === 1), 'uncertain');
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
