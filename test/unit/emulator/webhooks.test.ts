import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { WebexEmulator } from '../../../dev/emulator/index.js';
import { asRecord, call, seed, startEmulator, WebhookReceiver, type Seed } from './helpers.js';
import { waitFor } from '../../helpers/wait-for.js';

const CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    version: '1.3',
    body: [],
    actions: [{ type: 'Action.Submit', title: 'OK' }],
  },
};

describe('webhooks', () => {
  let emu: WebexEmulator;
  let s: Seed;
  let receiver: WebhookReceiver;

  const createHook = async (token: string, body: Record<string, unknown>) => {
    const res = await call(emu, token, 'POST', '/webhooks', {
      body: { name: 'hook', targetUrl: receiver.url, ...body },
    });
    assert.equal(res.status, 200, res.text);
    return asRecord(res.body);
  };
  const receivedBy = (webhookId: unknown) => receiver.received.filter((r) => r.body['id'] === webhookId);

  before(async () => {
    receiver = await WebhookReceiver.start();
  });
  after(() => receiver.stop());

  beforeEach(async () => {
    emu = await startEmulator();
    s = seed(emu);
    receiver.received.length = 0;
    receiver.status = 200;
    receiver.delayMs = 0;
    receiver.holdReply = undefined;
  });
  afterEach(() => emu.stop());

  it('delivers the Webex envelope with a valid X-Spark-Signature over the raw body', async () => {
    const hook = await createHook(s.bot.token, {
      resource: 'messages',
      event: 'created',
      secret: 'top-secret',
    });
    const message = await emu.userSays(s.alice.id, s.dmAlice, 'list my recordings');
    const [got] = receivedBy(hook['id']);
    assert.ok(got, 'delivered before userSays resolved');
    const expected = createHmac('sha1', 'top-secret').update(got.rawBody).digest('hex');
    assert.equal(got.headers['x-spark-signature'], expected);
    assert.notEqual(createHmac('sha1', 'wrong').update(got.rawBody).digest('hex'), expected);
    assert.equal(got.headers['content-type'], 'application/json');
    const { data, ...envelope } = got.body;
    assert.deepEqual(envelope, {
      id: hook['id'],
      name: 'hook',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
      orgId: s.bot.orgId,
      createdBy: s.bot.id,
      appId: hook['appId'],
      ownedBy: 'creator',
      status: 'active',
      created: hook['created'],
      actorId: s.alice.id,
    });
    // Webhook data is the short form: the bot must GET the message to read its text.
    assert.deepEqual(data, {
      id: message.id,
      roomId: s.dmAlice,
      roomType: 'direct',
      personId: s.alice.id,
      personEmail: s.alice.email,
      created: message.created,
    });
    const delivery = emu.deliveries.find((d) => d.webhookId === hook['id']);
    assert.equal(delivery?.status, 200);
    assert.equal(delivery?.rawBody, got.rawBody.toString('utf8'));
    assert.equal(delivery?.signature, expected);
    // The framework re-serialises the parsed body to verify; that must give the same bytes.
    assert.equal(JSON.stringify(JSON.parse(got.rawBody.toString('utf8'))), got.rawBody.toString('utf8'));
  });

  it('sends no signature without a secret', async () => {
    const hook = await createHook(s.bot.token, { resource: 'messages', event: 'created' });
    await emu.userSays(s.alice.id, s.dmAlice, 'hi');
    assert.equal(receivedBy(hook['id'])[0]?.headers['x-spark-signature'], undefined);
  });

  it('only tells a bot about group-room messages that mention it; people hear everything', async () => {
    const botHook = await createHook(s.bot.token, { resource: 'all', event: 'all' });
    const aliceHook = await createHook(s.alice.token, { resource: 'messages', event: 'created' });
    await emu.userSays(s.bob.id, s.group, 'no mention here');
    assert.equal(receivedBy(botHook['id']).length, 0);
    assert.equal(receivedBy(aliceHook['id']).length, 1);
    const mentioned = await emu.userSays(s.bob.id, s.group, 'help', { mention: [s.bot.id] });
    const [got] = receivedBy(botHook['id']);
    assert.deepEqual(asRecord(got?.body['data'])['mentionedPeople'], [s.bot.id]);
    assert.equal(asRecord(got?.body['data'])['id'], mentioned.id);
    // ...and the bot may read that one, but not the other.
    assert.equal((await call(emu, s.bot.token, 'GET', `/messages/${mentioned.id}`)).status, 200);
    const unmentioned = emu.messagesIn(s.group)[0];
    assert.equal((await call(emu, s.bot.token, 'GET', `/messages/${unmentioned?.id}`)).status, 404);
  });

  it("delivers the bot's own direct-room messages to it, and honours roomId filters", async () => {
    const filtered = await createHook(s.bot.token, {
      resource: 'messages',
      event: 'created',
      filter: `roomId=${s.dmBob}`,
    });
    const all = await createHook(s.bot.token, { resource: 'messages', event: 'created' });
    const res = await call(emu, s.bot.token, 'POST', '/messages', {
      body: { roomId: s.dmAlice, text: 'Here you go' },
    });
    assert.equal(res.status, 200);
    await emu.waitForDeliveries();
    assert.equal(receivedBy(all['id']).length, 1);
    assert.equal(asRecord(receivedBy(all['id'])[0]?.body['data'])['personId'], s.bot.id);
    assert.equal(receivedBy(filtered['id']).length, 0);
    await emu.userSays(s.bob.id, s.dmBob, 'hello');
    assert.equal(receivedBy(filtered['id']).length, 1);
  });

  it('answers the API before delivering (asynchronous delivery)', async () => {
    receiver.delayMs = 300;
    const hook = await createHook(s.bot.token, { resource: 'messages', event: 'created' });
    const started = Date.now();
    const res = await call(emu, s.alice.token, 'POST', '/messages', {
      body: { roomId: s.dmAlice, text: 'slow' },
    });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started < 250, 'POST /messages did not wait for the webhook');
    assert.equal(emu.deliveries.length, 0);
    await emu.waitForDeliveries();
    assert.equal(emu.deliveries.filter((d) => d.webhookId === hook['id']).length, 1);
  });

  it('keeps the events of one space in order, and does not make other spaces wait for it', async () => {
    const hook = await createHook(s.alice.token, { resource: 'messages', event: 'created' });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const roomOf = (h: { body: Record<string, unknown> }) => asRecord(h.body['data'])['roomId'];
    receiver.holdReply = (h) => (roomOf(h) === s.group ? gate : undefined);
    const seen = () => receivedBy(hook['id']).map((h) => roomOf(h));
    const first = emu.userSays(s.bob.id, s.group, 'first');
    const second = emu.userSays(s.bob.id, s.group, 'second');
    await waitFor(() => seen().length === 1, "the group's first delivery, held");
    // Alice's direct space is delivered while the group's first delivery is still unanswered...
    await emu.userSays(s.alice.id, s.dmAlice, 'elsewhere');
    assert.deepEqual(seen(), [s.group, s.dmAlice]);
    // ...and the group's second event waits for its first.
    release();
    const [one, two] = await Promise.all([first, second]);
    const ids = receivedBy(hook['id'])
      .filter((h) => roomOf(h) === s.group)
      .map((h) => asRecord(h.body['data'])['id']);
    assert.deepEqual(ids, [one.id, two.id]);
  });

  it('sends card submissions to the card author via attachmentActions webhooks (not the firehose)', async () => {
    const firehose = await createHook(s.bot.token, { resource: 'all', event: 'all' });
    const cards = await createHook(s.bot.token, {
      resource: 'attachmentActions',
      event: 'created',
      secret: 'k',
    });
    const posted = await call(emu, s.bot.token, 'POST', '/messages', {
      body: { roomId: s.group, markdown: 'Choose', attachments: [CARD] },
    });
    const messageId = String(asRecord(posted.body)['id']);
    const action = await emu.userSubmits(s.alice.id, messageId, { recordingId: 'abc', Name: 'x' });
    const [got] = receivedBy(cards['id']);
    assert.ok(got);
    assert.equal(got.headers['x-spark-signature'], createHmac('sha1', 'k').update(got.rawBody).digest('hex'));
    assert.deepEqual(got.body['data'], {
      id: action.id,
      type: 'submit',
      messageId,
      personId: s.alice.id,
      roomId: s.group,
      created: action.created,
    });
    assert.equal(
      receivedBy(firehose['id']).filter((r) => r.body['resource'] === 'attachmentActions').length,
      0,
    );
    const read = await call(emu, s.bot.token, 'GET', `/attachment/actions/${action.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(asRecord(read.body)['inputs'], { recordingId: 'abc', Name: 'x' });
  });

  it('tells a removed bot about its own removal (memberships/deleted)', async () => {
    const hook = await createHook(s.bot.token, { resource: 'memberships', event: 'all' });
    await emu.removeMember(s.group, s.bot.id, { actorId: s.alice.id });
    const [got] = receivedBy(hook['id']);
    assert.equal(got?.body['event'], 'deleted');
    assert.equal(got?.body['actorId'], s.alice.id);
    assert.equal(asRecord(got?.body['data'])['personId'], s.bot.id);
    assert.equal((await call(emu, s.bot.token, 'GET', `/rooms/${s.group}`)).status, 404);
    await emu.addMember(s.group, s.bot.id);
    assert.equal(receivedBy(hook['id'])[1]?.body['event'], 'created');
  });

  it('records failed deliveries and skips inactive webhooks', async () => {
    const hook = await createHook(s.bot.token, { resource: 'messages', event: 'created' });
    receiver.status = 500;
    await emu.userSays(s.alice.id, s.dmAlice, 'one');
    assert.equal(emu.deliveries.at(-1)?.status, 500);
    emu.setWebhookStatus(String(hook['id']), 'inactive');
    await emu.userSays(s.alice.id, s.dmAlice, 'two');
    assert.equal(emu.deliveries.length, 1);
    const put = await call(emu, s.bot.token, 'PUT', `/webhooks/${String(hook['id'])}`, {
      body: { name: 'x', targetUrl: 'http://127.0.0.1:1/nothing-listens', status: 'active' },
    });
    assert.equal(put.status, 200);
    await emu.userSays(s.alice.id, s.dmAlice, 'three');
    const last = emu.deliveries.at(-1);
    assert.equal(last?.status, undefined);
    assert.match(last?.error ?? '', /fetch failed|ECONNREFUSED/);
  });

  it('manages webhooks per owner: list, max, get, update, delete, validation', async () => {
    const a = await createHook(s.bot.token, { resource: 'messages', event: 'created' });
    await createHook(s.bot.token, { resource: 'memberships', event: 'deleted' });
    await createHook(s.alice.token, { resource: 'messages', event: 'created' });
    const listed = await call(emu, s.bot.token, 'GET', '/webhooks');
    assert.equal((asRecord(listed.body)['items'] as unknown[]).length, 2);
    const limited = await call(emu, s.bot.token, 'GET', '/webhooks', { query: { max: 1 } });
    assert.equal((asRecord(limited.body)['items'] as unknown[]).length, 1);
    assert.match(limited.headers.get('link') ?? '', /rel="next"/);
    assert.equal(
      (await call(emu, s.alice.token, 'GET', `/webhooks/${String(a['id'])}`)).status,
      404,
      "others' webhooks",
    );
    const bad = [
      { name: 'x', targetUrl: 'not a url', resource: 'messages', event: 'created' },
      { name: 'x', targetUrl: receiver.url, resource: 'recordingz', event: 'created' },
      { name: 'x', targetUrl: receiver.url, resource: 'messages', event: 'exploded' },
      { targetUrl: receiver.url, resource: 'messages', event: 'created' },
    ];
    for (const body of bad) {
      assert.equal(
        (await call(emu, s.bot.token, 'POST', '/webhooks', { body })).status,
        400,
        JSON.stringify(body),
      );
    }
    const deactivate = await call(emu, s.bot.token, 'PUT', `/webhooks/${String(a['id'])}`, {
      body: { name: 'x', targetUrl: receiver.url, status: 'inactive' },
    });
    assert.equal(deactivate.status, 400, 'the document only allows status "active"');
    assert.equal((await call(emu, s.bot.token, 'DELETE', `/webhooks/${String(a['id'])}`)).status, 204);
    assert.equal((await call(emu, s.bot.token, 'GET', `/webhooks/${String(a['id'])}`)).status, 404);
    assert.equal(emu.webhooksOf(s.bot.id).length, 1);
  });
});
