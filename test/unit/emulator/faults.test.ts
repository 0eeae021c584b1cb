import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { EmulatedPerson, WebexEmulator } from '../../../dev/emulator/index.js';
import { asRecord, call, startEmulator } from './helpers.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('fault injection', () => {
  let emu: WebexEmulator;
  let bot: EmulatedPerson;
  const me = (opts: { signal?: AbortSignal } = {}) => call(emu, bot.token, 'GET', '/people/me', opts);

  before(async () => {
    emu = await startEmulator();
    bot = emu.addPerson({ displayName: 'Bot', email: 'bot@webex.bot', type: 'bot' });
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.clearFaults();
    emu.clearLog();
  });

  it('answers 429 with Retry-After and a Webex error body, `count` times', async () => {
    emu.injectFault({ path: '/people/me', status: 429, headers: { 'Retry-After': '2' }, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await me();
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '2');
      const body = asRecord(res.body);
      assert.equal(body['trackingId'], res.headers.get('trackingid'));
      assert.deepEqual(body['errors'], [{ description: body['message'] }]);
    }
    assert.equal((await me()).status, 200);
    assert.deepEqual(
      emu.requests.map((r) => r.status),
      [429, 429, 200],
    );
  });

  it('matches method and RegExp paths, and applies before auth', async () => {
    emu.injectFault({ method: 'POST', path: /^\/messages/, status: 503, count: Infinity });
    assert.equal((await call(emu, bot.token, 'GET', '/messages', { query: { roomId: 'x' } })).status, 404);
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await call(emu, undefined, 'POST', '/messages', { body: { text: 'x' } })).status, 503);
    }
    emu.clearFaults();
    assert.equal((await call(emu, undefined, 'POST', '/messages', { body: { text: 'x' } })).status, 401);
  });

  it('returns a custom body', async () => {
    emu.injectFault({ path: '/people/me', status: 500, body: { message: 'boom', trackingId: 'T' } });
    const res = await me();
    assert.deepEqual(res.body, { message: 'boom', trackingId: 'T' });
    assert.equal((await me()).status, 200, 'count defaults to 1');
  });

  it('delays then answers normally when no status is given (client timeouts)', async () => {
    emu.injectFault({ path: '/people/me', delayMs: 150 });
    const started = Date.now();
    assert.equal((await me()).status, 200);
    assert.ok(Date.now() - started >= 140);

    emu.injectFault({ path: '/people/me', delayMs: 400 });
    await assert.rejects(me({ signal: AbortSignal.timeout(50) }), { name: 'TimeoutError' });
    assert.equal((await me()).status, 200, 'still healthy after the client gave up');
  });

  it('delays a status fault', async () => {
    emu.injectFault({ path: '/people/me', delayMs: 100, status: 502 });
    const started = Date.now();
    assert.equal((await me()).status, 502);
    assert.ok(Date.now() - started >= 90);
  });

  it('resets the connection', async () => {
    emu.injectFault({ path: '/people/me', reset: true });
    await assert.rejects(
      me(),
      (err: unknown) => err instanceof TypeError && /fetch failed/.test(err.message),
    );
    assert.equal(emu.requests[0]?.status, 0);
    assert.equal((await me()).status, 200);
  });

  describe('processFirst: Webex acted on the request, but its answer is late, lost or an error', () => {
    const post = (text: string, opts: { signal?: AbortSignal } = {}) =>
      call(emu, bot.token, 'POST', '/messages', { body: { roomId: room, text }, ...opts });
    const texts = () => emu.messagesIn(room).map((m) => m.text);
    let room: string;
    before(() => {
      const ann = emu.addPerson({ displayName: 'Ann', email: 'ann-faults@example.com' });
      room = emu.addRoom({ type: 'direct', memberIds: [ann.id, bot.id] }).id;
    });

    it('answers late, after the message was created (a client time-out then means "it may have landed")', async () => {
      emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: 2000 });
      // The client gives up once the message exists (not after a fixed time, which a busy machine can outrun).
      const giveUp = new AbortController();
      const sent = post('late', { signal: giveUp.signal });
      await waitFor(() => texts().includes('late'), 'the emulator to create the message');
      giveUp.abort(new DOMException('the client gave up', 'TimeoutError'));
      await assert.rejects(sent, { name: 'TimeoutError' });
      assert.deepEqual(
        texts().filter((t) => t === 'late'),
        ['late'],
        'created (once) before the answer was due',
      );
    });

    it('drops the connection after creating the message', async () => {
      emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, reset: true });
      await assert.rejects(post('reset'), (err: unknown) => err instanceof TypeError);
      assert.equal(texts().at(-1), 'reset');
    });

    it('answers with an error status after creating the message', async () => {
      emu.injectFault({ method: 'POST', path: '/messages', processFirst: true, status: 502 });
      const res = await post('bad gateway');
      assert.equal(res.status, 502);
      assert.equal(asRecord(res.body)['message'] !== undefined, true);
      assert.equal(texts().at(-1), 'bad gateway');
      assert.equal(emu.requests.at(-1)?.status, 502);
    });
  });
});
