import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { KyselyTokenRecords } from '../../src/features/sign-in/kysely-token-records.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  WEBHOOK_SECRET,
  botMessagesIn,
  freePort,
  startBot,
  startWorld,
  type RunningBot,
  actionsOf,
  askBot,
} from './harness.js';

const get = (url: string) => fetch(url, { redirect: 'manual' });

/** The usual world, plus Eve from outside the allowed domains and recordings hosted by Ann and by Bob. */
async function seededWorld() {
  const world = await startWorld();
  const eve = world.emulator.addPerson({ displayName: 'Eve Out', email: 'eve@outside.org' });
  const eveDm = world.emulator.addRoom({ type: 'direct', memberIds: [eve.id, world.bot.id] });
  world.emulator.addRecording({
    hostEmail: 'ann@example.com',
    topic: 'Ann hosts',
    createTime: '2026-11-18T10:00:00Z',
    password: 'pw-ann-hosted',
  });
  world.emulator.addRecording({
    hostEmail: 'bob@example.com',
    topic: 'Shared to Ann',
    createTime: '2026-11-19T10:00:00Z',
    sharedWith: ['ann@example.com'],
  });
  world.emulator.addRecording({
    hostEmail: 'bob@example.com',
    topic: 'Bob only',
    createTime: '2026-11-19T11:00:00Z',
  });
  return { ...world, eve, eveDm };
}

describe('access: per-user sign-in, org token, privacy rules', () => {
  let world: Awaited<ReturnType<typeof seededWorld>>;
  let signInBot: RunningBot;
  let orgBot: RunningBot | undefined;
  /** A second connection to the bot's own SQLite file: what is really at rest. */
  let raw: Store;
  const rawRow = (personId: string) => new KyselyTokenRecords(raw.kysely).getToken(personId);
  const encryptionKey = randomBytes(32).toString('base64');
  let clientSecret = '';
  let adminToken = '';
  const secretsSeen = new Set<string>();

  before(async () => {
    world = await seededWorld();
    adminToken = world.admin.token;
    const port = await freePort();
    const integration = world.emulator.addIntegration({
      redirectUris: [`http://127.0.0.1:${port}/oauth/callback`],
      scopes: ['spark:people_read', 'meeting:recordings_read'],
    });
    clientSecret = integration.clientSecret;
    const now = () => new Date('2026-11-25T20:00:00Z');
    signInBot = await startBot(
      world,
      {
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WEBEX_CLIENT_ID: integration.clientId,
        WEBEX_CLIENT_SECRET: clientSecret,
        TOKEN_ENCRYPTION_KEY: encryptionKey,
      },
      { now },
    );
    raw = openStore({ dataDir: signInBot.config.dataDir });
    for (const s of [
      world.bot.token,
      adminToken,
      clientSecret,
      encryptionKey,
      WEBHOOK_SECRET,
      'pw-ann-hosted',
    ])
      secretsSeen.add(s);
  });

  after(async () => {
    await raw?.close();
    await signInBot?.stop();
    await world.emulator.stop();
  });

  // After every test, so that it holds whichever tests ran: the logs contain none of the secrets used so far.
  afterEach(() => {
    const logs = signInBot.logs.text() + (orgBot?.logs.text() ?? '');
    assert.ok(logs.length > 1000);
    for (const secret of secretsSeen) {
      assert.ok(secret.length >= 8);
      assert.ok(!logs.includes(secret), `a secret leaked into the logs: ${secret.slice(0, 4)}…`);
    }
  });

  const recordingsCalls = () => world.emulator.requests.filter((r) => r.path === '/recordings');

  const say = async (roomId: string, personId: string, text: string, mention = false) =>
    (await askBot(world, roomId, personId, text, mention)).at(-1);

  /** The link of the newest sign-in card in the 1:1 space: waits for the card, not for a time. */
  async function signInLinkFor(personId: string, dmId: string): Promise<string> {
    const signInLink = (m: unknown) => actionsOf(m).find((a) => a.title === 'Sign in with Webex')?.url;
    const card = await waitFor(
      () => botMessagesIn(world, dmId).findLast((m) => signInLink(m) !== undefined),
      `a sign-in card for ${personId}`,
      8000,
    );
    const link = signInLink(card);
    assert.ok(link, `no sign-in button for ${personId}`);
    return link;
  }

  /** Browser: start → Webex authorize (as someone) → callback. Returns the callback's response. */
  async function followSignIn(link: string, asEmail: string) {
    const start = await get(link);
    assert.equal(start.status, 302);
    const authorize = new URL(start.headers.get('location') ?? '');
    authorize.searchParams.set('as', asEmail);
    const back = await get(authorize.href);
    assert.equal(back.status, 302);
    const callback = back.headers.get('location') ?? '';
    const code = new URL(callback).searchParams.get('code');
    if (code) secretsSeen.add(code);
    return { callback, response: await get(callback) };
  }

  /** Ann has no stored sign-in: the state a first sign-in starts from. */
  async function annSignedOut() {
    if ((await rawRow(world.ann.id)) === undefined) return;
    assert.match(
      (await say(world.annDm.id, world.ann.id, 'disconnect'))?.markdown ?? '',
      /deleted your sign-in/,
    );
  }

  /** Ann is signed in: through the whole sign-in (`connect`, Webex, callback) unless she already is. */
  async function annSignedIn() {
    if ((await rawRow(world.ann.id)) !== undefined) return;
    await say(world.annDm.id, world.ann.id, 'connect');
    const link = await signInLinkFor(world.ann.id, world.annDm.id);
    const before = botMessagesIn(world, world.annDm.id).length;
    const { response } = await followSignIn(link, 'ann@example.com');
    assert.equal(response.status, 200);
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the confirmation', 5000);
    assert.ok(await rawRow(world.ann.id));
  }

  it('when someone without access asks in a group, then the sign-in card goes to their 1:1 space and Webex is not asked', async () => {
    await annSignedOut();
    world.emulator.clearLog();
    const reply = await say(world.group.id, world.ann.id, 'recordings last week', true);
    assert.match(reply?.markdown ?? '', /sent you a sign-in link in our 1:1 space/);
    assert.equal(actionsOf(reply).length, 0, 'no sign-in button in the group');
    const card = botMessagesIn(world, world.annDm.id).at(-1);
    assert.ok(actionsOf(card).some((a) => a.title === 'Sign in with Webex'));
    assert.equal(recordingsCalls().length, 0);
  });

  it('when Ann signs in through Webex, then the bot confirms and lists with HER token and no hostEmail', async () => {
    await annSignedOut();
    // The sign-in card a question in a group sends to her 1:1 space.
    await say(world.group.id, world.ann.id, 'recordings last week', true);
    const link = await signInLinkFor(world.ann.id, world.annDm.id);
    const before = botMessagesIn(world, world.annDm.id).length;
    const { callback, response } = await followSignIn(link, 'ann@example.com');
    assert.equal(response.status, 200);
    assert.match(await response.text(), /You are connected/);
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the confirmation', 5000);
    assert.match(botMessagesIn(world, world.annDm.id).at(-1)?.markdown ?? '', /You're connected/);

    // the same callback again: single use
    const replay = await get(callback);
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /already used/);

    world.emulator.clearLog();
    const cardMsg = await say(world.annDm.id, world.ann.id, 'recordings last week');
    const call = recordingsCalls()[0];
    assert.ok(call);
    assert.equal(call.query.hostEmail, undefined);
    const bearer = String(call.headers.authorization ?? '').replace(/^Bearer /, '');
    assert.notEqual(bearer, adminToken);
    assert.notEqual(bearer, world.bot.token);
    secretsSeen.add(bearer);
    const text = JSON.stringify(cardMsg?.attachments);
    assert.match(text, /Ann hosts/);
    assert.match(text, /Shared to Ann/);
    assert.match(text, /Shared with you/i);
    assert.doesNotMatch(text, /Bob only/);

    // at rest: ciphertext only
    const row = await rawRow(world.ann.id);
    assert.ok(row);
    assert.match(row.ciphertext, /^v1\./);
    assert.ok(!row.ciphertext.includes(bearer));
  });

  it('when her access token has expired, then it is refreshed transparently and the rotated pair is kept', async () => {
    await annSignedIn();
    world.emulator.clearLog();
    await say(world.annDm.id, world.ann.id, 'recordings last 10 days');
    const used = String(recordingsCalls()[0]?.headers.authorization ?? '').replace(/^Bearer /, '');
    assert.ok(used, 'her token, from a question asked with it');
    secretsSeen.add(used);
    world.emulator.expireToken(used);
    world.emulator.clearLog();
    const reply = await say(world.annDm.id, world.ann.id, 'recordings this month');
    assert.match(JSON.stringify(reply?.attachments), /Ann hosts/);
    // "this month" in Los Angeles is 30 days and an hour (DST ended), so it is asked in two windows.
    const statuses = recordingsCalls().map((r) => r.status);
    assert.equal(statuses[0], 401);
    assert.ok(statuses.length >= 2 && statuses.slice(1).every((s) => s === 200), String(statuses));
    assert.equal(world.emulator.requests.filter((r) => r.path === '/access_token').length, 1);
    const fresh = String(recordingsCalls().at(-1)?.headers.authorization ?? '').replace(/^Bearer /, '');
    secretsSeen.add(fresh);
    assert.notEqual(fresh, used);
    // the rotated refresh token works too: expire again and ask something new
    world.emulator.expireToken(fresh);
    world.emulator.clearLog();
    await say(world.annDm.id, world.ann.id, 'recordings last 5 days');
    assert.deepEqual(
      recordingsCalls().map((r) => r.status),
      [401, 200],
    );
  });

  it('when the account that signs in is someone else, then nothing is stored and the sign-in is refused', async () => {
    await say(world.bobDm.id, world.bob.id, 'connect');
    const link = await signInLinkFor(world.bob.id, world.bobDm.id);
    const { response } = await followSignIn(link, 'ann@example.com');
    assert.equal(response.status, 403);
    assert.match(await response.text(), /different Webex account/);
    assert.equal(await rawRow(world.bob.id), undefined);
  });

  it('when the state is forged or tampered with, then the callback is refused', async () => {
    const base = `http://127.0.0.1:${signInBot.port}/oauth/callback`;
    const forged = Buffer.from(
      JSON.stringify({ personId: world.bob.id, nonce: 'x', expiresAt: Date.now() + 60_000 }),
    ).toString('base64url');
    for (const state of [`${forged}.AAAA`, 'garbage', '']) {
      const res = await get(`${base}?code=whatever&state=${encodeURIComponent(state)}`);
      assert.equal(res.status, 400, state);
    }
    assert.equal(await rawRow(world.bob.id), undefined);
  });

  it('when Ann disconnects, then her tokens are deleted', async () => {
    await annSignedIn();
    const reply = await say(world.annDm.id, world.ann.id, 'disconnect');
    assert.match(reply?.markdown ?? '', /deleted your sign-in/);
    assert.equal(await rawRow(world.ann.id), undefined);
  });

  it('when Ann disconnects while her digest runs in a group, then it stops and the group is told before she is answered', async () => {
    // The digests feature takes part in `disconnect` through sign-in's DisconnectHooks (afterDisconnect).
    await annSignedIn();
    const created = await say(world.group.id, world.ann.id, 'digest daily at 9:00', true);
    assert.match(created?.markdown ?? '', /#\d+/);
    const before = botMessagesIn(world, world.group.id).length;
    const reply = await say(world.annDm.id, world.ann.id, 'disconnect');
    assert.match(reply?.markdown ?? '', /deleted your sign-in/);
    const told = botMessagesIn(world, world.group.id).slice(before);
    assert.equal(told.length, 1);
    assert.match(
      told[0]?.markdown ?? '',
      /took back my access to their recordings \(`disconnect`\), so I stopped digest #\d+ here/,
    );
    assert.match(
      (await say(world.group.id, world.bob.id, 'digest list', true))?.markdown ?? '',
      /no digests/,
    );
  });

  describe('org token mode with BOT_ADMINS and ALLOWED_EMAIL_DOMAINS', () => {
    // Its own world and bot: the sign-in bot above keeps running, and nothing here depends on what it did.
    let org: Awaited<ReturnType<typeof seededWorld>>;
    before(async () => {
      org = await seededWorld();
      secretsSeen.add(org.bot.token);
      secretsSeen.add(org.admin.token);
      orgBot = await startBot(
        org,
        {
          WEBEX_ADMIN_TOKEN: org.admin.token,
          BOT_ADMINS: 'bob@example.com',
          ALLOWED_EMAIL_DOMAINS: 'example.com',
        },
        { now: () => new Date('2026-11-25T20:00:00Z') },
      );
    });
    after(async () => {
      await orgBot?.stop();
      await org?.emulator.stop();
    });
    const recordingsCalls = () => org.emulator.requests.filter((r) => r.path === '/recordings');
    const say = async (roomId: string, personId: string, text: string) =>
      (await askBot(org, roomId, personId, text)).at(-1);

    it("when a non-admin asks for someone else's recordings, then it is refused with no API call", async () => {
      org.emulator.clearLog();
      const reply = await say(org.annDm.id, org.ann.id, 'recordings last week host bob@example.com');
      assert.match(reply?.markdown ?? '', /Only the bot's admins/);
      assert.equal(recordingsCalls().length, 0);
    });

    it("when an admin asks for someone else's recordings, then they are listed with the org token", async () => {
      org.emulator.clearLog();
      const reply = await say(org.bobDm.id, org.bob.id, 'recordings last week host ann@example.com');
      const call = recordingsCalls()[0];
      assert.equal(call?.query.hostEmail, 'ann@example.com');
      assert.equal(call?.headers.authorization, `Bearer ${org.admin.token}`);
      assert.match(JSON.stringify(reply?.attachments), /Ann hosts/);
    });

    it('when someone outside the allowed domains writes, then they get a refusal and the bot makes no API call for them', async () => {
      org.emulator.clearLog();
      const reply = await say(org.eveDm.id, org.eve.id, 'recordings last week');
      assert.match(reply?.markdown ?? '', /allowed email domains/);
      const calls = org.emulator.requests.map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(calls, ['POST /messages'], 'only the refusal itself');
    });
  });
});
