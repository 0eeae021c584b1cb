import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSdkTransport } from '../../../src/bot/sdk-transport.js';
import type { NewMessage, WebexMessage, WebexPerson, WebexWebhook } from '../../../src/webex/types.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

const BOT: WebexPerson = { id: 'bot', emails: ['rec@webex.bot'], displayName: 'Rec' };

/** A tiny in-memory Webex answering the few GETs the framework makes; every request is recorded. */
function fakeWebex() {
  const requests: string[] = [];
  const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    const body = (() => {
      if (url.pathname === '/v1/people/ann') return { id: 'ann', emails: ['ann@example.com'] };
      if (url.pathname === '/v1/messages/m1')
        return {
          id: 'm1',
          roomId: 'dm',
          roomType: 'direct',
          personId: 'ann',
          personEmail: 'ann@example.com',
        };
      if (url.pathname === '/v1/memberships') return { items: [{ id: 'from-webex' }] };
      return undefined;
    })();
    return body
      ? new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      : new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const client = new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 't',
    timeoutMs: 1000,
    maxRetries: 0,
    logger: memoryLogger('fatal').logger,
    fetch: fetchImpl,
  });
  return { client, requests };
}

function transport(registered: WebexWebhook[] = []) {
  const webex = fakeWebex();
  const posted: NewMessage[] = [];
  const fetched: WebexMessage[] = [];
  const t = createSdkTransport(webex.client, {
    messenger: {
      post: async (body) => (posted.push(body), { id: 'new', roomId: body.roomId ?? '', personId: 'bot' }),
    },
    registeredWebhooks: () => registered,
    botPerson: () => BOT,
    logger: memoryLogger('fatal').logger,
    observer: { onMessageFetched: (m) => fetched.push(m) },
  });
  return { t, requests: webex.requests, posted, fetched };
}

describe('the SDK transport (the framework’s Webex calls through our client)', () => {
  it('when the framework looks the same person up twice, then Webex is asked once and `email` is filled in', async () => {
    const { t, requests } = transport();
    const [a, b] = [await t.people.get('ann'), await t.people.get({ id: 'ann' })];
    assert.equal(a.email, 'ann@example.com');
    assert.deepEqual(b, a);
    assert.deepEqual(requests, ['GET /v1/people/ann']);
  });

  it('when the framework asks about memberships of a 1:1 space it just read a message in, then no call is made', async () => {
    const { t, requests, fetched } = transport();
    await t.messages.get('m1');
    assert.deepEqual(
      fetched.map((m) => m.id),
      ['m1'],
    );
    const mine = await t.memberships.list({ roomId: 'dm', personId: 'bot' });
    const both = await t.memberships.list({ roomId: 'dm' });
    assert.deepEqual(
      mine.items.map((m) => m.personId),
      ['bot'],
    );
    assert.deepEqual(both.items.map((m) => m.personId).sort(), ['ann', 'bot']);
    assert.deepEqual(requests, ['GET /v1/messages/m1']);
    await t.memberships.list({ roomId: 'unknown-space' });
    assert.equal(requests.at(-1), 'GET /v1/memberships?roomId=unknown-space');
  });

  it('when the framework manages webhooks, then it sees none to delete, gets ours back, and deletes nothing', async () => {
    const hook: WebexWebhook = {
      id: 'h1',
      name: 'bot',
      targetUrl: 'http://127.0.0.1/webhooks',
      resource: 'messages',
      event: 'created',
    };
    const { t, requests } = transport([hook]);
    assert.equal((await t.webhooks.list()).items.length, 0);
    assert.equal(await t.webhooks.create({ resource: 'messages', event: 'created' }), hook);
    await t.webhooks.remove(hook);
    assert.deepEqual(requests, []);
    await assert.rejects(transport([]).t.webhooks.create({ resource: 'messages', event: 'created' }));
  });

  it('when the framework posts a message, then it goes through the messenger', async () => {
    const { t, posted, requests } = transport();
    const m = await t.messages.create({ roomId: 'dm', markdown: 'hi' });
    assert.equal(m.id, 'new');
    assert.deepEqual(posted, [{ roomId: 'dm', markdown: 'hi' }]);
    assert.deepEqual(requests, []);
  });
});
