import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type {
  EmulatedPerson,
  IntegrationCredentials,
  OAuthTokenResponse,
  WebexEmulator,
} from '../../../dev/emulator/index.js';
import { asRecord, call, itemsOf, startEmulator } from './helpers.js';

const NOW = new Date('2024-06-15T12:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const REDIRECT = 'https://app.example.com/oauth/callback';
const SECRET = 'integration-secret-0123456789abcdef';
const AUTH_FAILED = 'The request requires a valid access token set in the Authorization request header.';

describe('OAuth (Webex Integrations)', () => {
  let emu: WebexEmulator;
  let clock: Date;
  let alice: EmulatedPerson;
  let bob: EmulatedPerson;
  let admin: EmulatedPerson;
  let client: IntegrationCredentials;
  let other: IntegrationCredentials;
  const recordingIds: Record<string, string> = {};

  before(async () => {
    clock = NOW;
    emu = await startEmulator({ now: () => clock });
    emu.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
    alice = emu.addPerson({ displayName: 'Alice Andersen', email: 'alice@example.com' });
    bob = emu.addPerson({ displayName: 'Bob Brown', email: 'bob@example.com' });
    admin = emu.addPerson({
      displayName: 'Ada Admin',
      email: 'admin@example.com',
      scopes: ['spark:all', 'meeting:admin_recordings_read'],
    });
    client = emu.addIntegration({
      clientSecret: SECRET,
      redirectUris: [REDIRECT, 'http://localhost:8080/cb'],
      scopes: ['spark:people_read', 'meeting:recordings_read', 'spark:messages_write'],
    });
    other = emu.addIntegration({ redirectUris: ['https://other.example.com/cb'], scopes: ['spark:all'] });
    const createTime = new Date(NOW.getTime() - DAY_MS).toISOString();
    recordingIds['aliceOwn'] = emu.addRecording({
      hostEmail: alice.email,
      topic: 'Alice sync',
      createTime,
    }).id;
    recordingIds['bobShared'] = emu.addRecording({
      hostEmail: bob.email,
      topic: 'Bob shares',
      createTime,
      sharedWith: [alice.email],
    }).id;
    recordingIds['bobOwn'] = emu.addRecording({ hostEmail: bob.email, topic: 'Bob private', createTime }).id;
  });

  after(() => emu.stop());

  beforeEach(() => {
    clock = NOW;
    emu.setSignInAs(undefined);
    emu.setTokenLifetimes({ accessSeconds: 14 * 86400, refreshSeconds: 90 * 86400 });
    emu.clearLog();
  });

  const authorizeUrl = (params: Record<string, string> = {}) => {
    const url = new URL(`${emu.baseUrl}/authorize`);
    const all: Record<string, string> = {
      client_id: client.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'spark:people_read meeting:recordings_read',
      state: 'st 1/2&x=y',
      ...params,
    };
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    return url;
  };

  const authorize = (url: URL | string) => fetch(url, { redirect: 'manual' });

  /** Runs /authorize as the person and returns the code from the redirect. */
  const codeFor = async (as: string, params: Record<string, string> = {}): Promise<string> => {
    const res = await authorize(authorizeUrl({ as, ...params }));
    assert.equal(res.status, 302, await res.text());
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
    assert.ok(code);
    return code;
  };

  const tokenRequest = async (
    params: Record<string, string>,
    init: { json?: boolean; basic?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.basic !== undefined) headers['authorization'] = `Basic ${init.basic}`;
    if (init.json) headers['content-type'] = 'application/json';
    const res = await fetch(`${emu.baseUrl}/access_token`, {
      method: 'POST',
      headers,
      body: init.json ? JSON.stringify(params) : new URLSearchParams(params),
    });
    return { status: res.status, headers: res.headers, body: asRecord(await res.json()) };
  };

  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    tokenRequest({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: SECRET,
      code,
      redirect_uri: REDIRECT,
      ...overrides,
    });

  const refresh = (refreshToken: string, creds: IntegrationCredentials = client) =>
    tokenRequest({
      grant_type: 'refresh_token',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      refresh_token: refreshToken,
    });

  const tokensOf = (body: Record<string, unknown>) => body as unknown as OAuthTokenResponse;

  it('runs the authorization-code flow; the token acts as the user with the granted scopes', async () => {
    const res = await authorize(authorizeUrl({ as: alice.email }));
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'st 1/2&x=y');
    const code = location.searchParams.get('code');
    assert.ok(code);

    const token = await exchange(code);
    assert.equal(token.status, 200);
    assert.equal(token.headers.get('cache-control'), 'no-store');
    const t = tokensOf(token.body);
    assert.deepEqual(Object.keys(t).sort(), [
      'access_token',
      'expires_in',
      'refresh_token',
      'refresh_token_expires_in',
      'scope',
      'token_type',
    ]);
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.expires_in, 14 * 86400);
    assert.equal(t.refresh_token_expires_in, 90 * 86400);
    assert.equal(t.scope, 'spark:people_read meeting:recordings_read');
    assert.notEqual(t.access_token, alice.token);

    const me = await call(emu, t.access_token, 'GET', '/people/me');
    assert.equal(me.status, 200);
    assert.equal(asRecord(me.body)['id'], alice.id);

    const recordings = await call(emu, t.access_token, 'GET', '/recordings');
    assert.equal(recordings.status, 200);
    const ids = itemsOf(recordings.body).map((r) => r['id']);
    assert.deepEqual(new Set(ids), new Set([recordingIds['aliceOwn'], recordingIds['bobShared']]));

    // Without meeting:recordings_read granted, the same user gets 403 on /recordings.
    const narrow = tokensOf(
      (await exchange(await codeFor('alice@example.com', { scope: 'spark:people_read' }))).body,
    );
    assert.equal((await call(emu, narrow.access_token, 'GET', '/recordings')).status, 403);

    // `as` also takes a person id; the requests log records both endpoints without /v1.
    assert.ok(await codeFor(bob.id));
    const paths = emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.ok(paths.includes('GET /authorize 302'), paths.join('\n'));
    assert.ok(paths.includes('POST /access_token 200'), paths.join('\n'));
  });

  it('codes are single-use, expire after 5 minutes and are bound to client and redirect_uri', async () => {
    const code = await codeFor(alice.email);
    const wrongUri = await exchange(code, { redirect_uri: 'http://localhost:8080/cb' });
    assert.equal(wrongUri.status, 400);
    assert.equal(wrongUri.body['error'], 'invalid_grant');
    assert.equal(typeof wrongUri.body['error_description'], 'string');
    const otherClient = await exchange(code, {
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    assert.equal(otherClient.body['error'], 'invalid_grant');
    assert.equal((await exchange(code)).status, 200);
    const again = await exchange(code);
    assert.equal(again.status, 400);
    assert.equal(again.body['error'], 'invalid_grant');

    const late = await codeFor(alice.email);
    clock = new Date(NOW.getTime() + 5 * 60 * 1000 + 1);
    assert.equal((await exchange(late)).body['error'], 'invalid_grant');
  });

  it('rejects bad authorize requests with a readable 400 page', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ redirect_uri: 'https://evil.example.com/cb' }, /not registered/],
      [{ redirect_uri: `${REDIRECT}/` }, /not registered/],
      [{ client_id: 'Cnope' }, /Unknown client_id/],
      [{ response_type: 'token' }, /response_type/],
      [{ scope: 'spark:people_read spark:all' }, /spark:all/],
      [{ as: 'nobody@example.com' }, /nobody@example\.com/],
      [{ as: 'recbot@webex.bot' }, /bot/],
    ];
    for (const [params, message] of cases) {
      const res = await authorize(authorizeUrl({ as: alice.email, ...params }));
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await res.text(), message);
    }
  });

  it('authenticates the client on /access_token and never records the secret', async () => {
    const code = await codeFor(alice.email);
    const wrong = await exchange(code, { client_secret: 'not-the-secret' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body['error'], 'invalid_client');
    const unknown = await exchange(code, { client_id: 'Cunknown' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body['error'], 'invalid_client');
    const missing = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      code,
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body['error'], 'invalid_request');
    const unsupported = await tokenRequest({ grant_type: 'password', client_id: client.clientId });
    assert.equal(unsupported.body['error'], 'unsupported_grant_type');

    // JSON bodies and HTTP Basic client credentials work too.
    const viaJson = await codeFor(alice.email);
    const json = await tokenRequest(
      {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        client_secret: SECRET,
        code: viaJson,
        redirect_uri: REDIRECT,
      },
      { json: true },
    );
    assert.equal(json.status, 200);
    const basic = await tokenRequest(
      { grant_type: 'authorization_code', code: await codeFor(alice.email), redirect_uri: REDIRECT },
      { basic: Buffer.from(`${client.clientId}:${SECRET}`).toString('base64') },
    );
    assert.equal(basic.status, 200);

    const logged = emu.requests.filter((r) => r.path === '/access_token');
    assert.ok(logged.length >= 6);
    assert.ok(!JSON.stringify(emu.requests).includes(SECRET), 'the client secret leaked into requests');
    assert.ok(!JSON.stringify(emu.requests).includes('not-the-secret'));
    assert.equal(asRecord(logged[0]?.body)['client_secret'], '[redacted]');
    assert.equal(asRecord(logged[0]?.body)['grant_type'], 'authorization_code');
    assert.equal(logged.at(-1)?.headers['authorization'], 'Basic [redacted]');
  });

  it('rotates refresh tokens; the old refresh token stops working, the old access token does not', async () => {
    const first = tokensOf((await exchange(await codeFor(alice.email))).body);
    clock = new Date(NOW.getTime() + DAY_MS);
    const res = await refresh(first.refresh_token);
    assert.equal(res.status, 200);
    const second = tokensOf(res.body);
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(second.scope, first.scope);

    const reused = await refresh(first.refresh_token);
    assert.equal(reused.status, 400);
    assert.equal(reused.body['error'], 'invalid_grant');
    assert.equal((await refresh(second.refresh_token, other)).body['error'], 'invalid_grant');

    for (const token of [first.access_token, second.access_token]) {
      const me = await call(emu, token, 'GET', '/people/me');
      assert.equal(asRecord(me.body)['id'], alice.id);
    }
    assert.equal((await refresh(second.refresh_token)).status, 200);
  });

  it('expired access tokens answer 401 on every route; refresh still works until it expires too', async () => {
    emu.setTokenLifetimes({ accessSeconds: 60, refreshSeconds: 3600 });
    const t = tokensOf((await exchange(await codeFor(alice.email))).body);
    assert.equal(t.expires_in, 60);
    assert.equal((await call(emu, t.access_token, 'GET', '/people/me')).status, 200);

    clock = new Date(NOW.getTime() + 61 * 1000);
    for (const [method, path] of [
      ['GET', '/people/me'],
      ['GET', '/recordings'],
      ['GET', '/rooms'],
    ] as const) {
      const res = await call(emu, t.access_token, method, path);
      assert.equal(res.status, 401, path);
      const body = asRecord(res.body);
      assert.equal(body['message'], AUTH_FAILED);
      assert.ok(Array.isArray(body['errors']));
      assert.equal(body['trackingId'], res.headers.get('trackingid'));
    }
    const renewed = tokensOf((await refresh(t.refresh_token)).body);
    assert.equal((await call(emu, renewed.access_token, 'GET', '/people/me')).status, 200);

    emu.expireToken(renewed.access_token);
    assert.equal((await call(emu, renewed.access_token, 'GET', '/people/me')).status, 401);

    clock = new Date(clock.getTime() + 3601 * 1000);
    assert.equal((await refresh(renewed.refresh_token)).body['error'], 'invalid_grant');
  });

  it('shows a chooser page when nobody is chosen, and honours setSignInAs', async () => {
    const url = authorizeUrl();
    const res = await authorize(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
    // Everyone who is not a bot, whoever else other tests added.
    const offered = hrefs.map((h) => new URL(h, url).searchParams.get('as'));
    for (const p of [alice, bob, admin]) assert.ok(offered.includes(p.email), html);
    assert.equal(new Set(offered).size, hrefs.length, 'each person once');
    assert.ok(html.includes('Alice Andersen'));
    assert.ok(!html.includes('recbot@webex.bot'), 'bots are not offered');
    const aliceLink = hrefs.find((h) => h.endsWith(`&as=${encodeURIComponent(alice.email)}`));
    assert.ok(aliceLink);
    const followed = await authorize(new URL(aliceLink, url));
    assert.equal(followed.status, 302);
    assert.equal(new URL(followed.headers.get('location') ?? '').searchParams.get('state'), 'st 1/2&x=y');

    emu.setSignInAs(bob.id);
    const chosen = await authorize(authorizeUrl());
    assert.equal(chosen.status, 302);
    const code = new URL(chosen.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const t = tokensOf((await exchange(code)).body);
    assert.equal(asRecord((await call(emu, t.access_token, 'GET', '/people/me')).body)['id'], bob.id);
  });

  it('issueToken sets up tokens directly; admin refresh tokens work with any integration', async () => {
    const issued = emu.issueToken(admin.id, {
      scopes: ['meeting:admin_recordings_read'],
      expiresInSeconds: 30,
    });
    assert.equal(issued.expires_in, 30);
    const hostQuery = { query: { hostEmail: bob.email } };
    const listed = await call(emu, issued.access_token, 'GET', '/recordings', hostQuery);
    assert.equal(listed.status, 200);
    assert.equal(itemsOf(listed.body).length, 2);

    clock = new Date(NOW.getTime() + 31 * 1000);
    assert.equal((await call(emu, issued.access_token, 'GET', '/recordings', hostQuery)).status, 401);
    const renewed = await refresh(issued.refresh_token, other);
    assert.equal(renewed.status, 200);
    const t = tokensOf(renewed.body);
    assert.equal(t.scope, 'meeting:admin_recordings_read');
    assert.equal((await call(emu, t.access_token, 'GET', '/recordings', hostQuery)).status, 200);

    // Admin scopes are only granted by people who hold them.
    const adminApp = emu.addIntegration({
      redirectUris: [REDIRECT],
      scopes: ['meeting:admin_recordings_read'],
    });
    const adminScope = { client_id: adminApp.clientId, scope: 'meeting:admin_recordings_read' };
    const denied = await authorize(authorizeUrl({ ...adminScope, as: alice.email }));
    const deniedAt = new URL(denied.headers.get('location') ?? '');
    assert.equal(deniedAt.searchParams.get('error'), 'access_denied');
    assert.equal(deniedAt.searchParams.get('state'), 'st 1/2&x=y');
    assert.ok(await codeFor(admin.email, adminScope));

    // A person's own token can be expired too.
    const carol = emu.addPerson({ displayName: 'Carol Chen', email: 'carol@example.com' });
    emu.expireToken(carol.token);
    assert.equal((await call(emu, carol.token, 'GET', '/people/me')).status, 401);
    assert.throws(() => emu.expireToken('no-such-token'));
  });
});
