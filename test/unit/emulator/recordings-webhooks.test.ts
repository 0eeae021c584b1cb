import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifySparkSignature, type WebexEmulator } from '../../../dev/emulator/index.js';
import { asRecord, call, itemsOf, seed, startEmulator, WebhookReceiver, type Seed } from './helpers.js';
import { OpenApiValidator } from './openapi.js';

/**
 * Webhook `data` of `recordings:created`: the documents define no payload, so it is checked against the
 * RecordingObject schema's own field definitions, closed, without the fields Webex keeps out of a webhook (password
 * and links: they are read with GET /recordings/{id}), plus the host fields the event identifies the host with.
 */
function recordingEventSchema(validator: OpenApiValidator): Record<string, unknown> {
  const schemas = asRecord(asRecord(validator.docs.recordings['components'])['schemas']);
  const recording = asRecord(schemas['RecordingObject']);
  return {
    type: 'object',
    properties: {
      ...asRecord(recording['properties']),
      hostEmail: { type: 'string' },
      hostUserId: { type: 'string' },
    },
    required: ['id', 'meetingId', 'topic', 'createTime', 'timeRecorded', 'format', 'serviceType', 'status'],
    additionalProperties: false,
  };
}

describe('emulator: recordings webhooks', () => {
  let emu: WebexEmulator;
  let s: Seed;
  let receiver: WebhookReceiver;
  let validator: OpenApiValidator;
  let admin: ReturnType<WebexEmulator['addPerson']>;
  let outsider: ReturnType<WebexEmulator['addPerson']>;

  before(async () => {
    validator = new OpenApiValidator();
    emu = await startEmulator({ now: () => new Date('2026-11-20T12:00:00Z') });
    receiver = await WebhookReceiver.start();
    s = seed(emu);
    admin = emu.addPerson({
      displayName: 'Org Admin',
      email: 'admin@example.com',
      scopes: ['spark:all', 'meeting:admin_recordings_read'],
    });
    outsider = emu.addPerson({
      displayName: 'Other Org',
      email: 'x@other.org',
      orgId: Buffer.from('ciscospark://us/ORGANIZATION/other-org').toString('base64'),
    });
  });

  after(async () => {
    await emu.stop();
    await receiver.stop();
  });

  const create = (token: string, body: Record<string, unknown>) =>
    call(emu, token, 'POST', '/webhooks', {
      body: { name: 'rec', targetUrl: receiver.url, resource: 'recordings', event: 'created', ...body },
    });

  it('refuses recordings webhooks for bot tokens, org-level ones without the admin scope, bad ownedBy', async () => {
    // Counted from here: other tests give Alice webhooks of her own.
    const hooks = () => emu.webhooksOf(s.bot.id).length + emu.webhooksOf(s.alice.id).length;
    const hooksBefore = hooks();
    const bot = await create(s.bot.token, {});
    assert.equal(bot.status, 403);
    assert.match(bot.text, /Bots cannot access meeting recordings/);
    assert.equal((await create(s.bot.token, { ownedBy: 'org' })).status, 403);
    const userOrg = await create(s.alice.token, { ownedBy: 'org' });
    assert.equal(userOrg.status, 403);
    assert.match(userOrg.text, /meeting:admin_recordings_read/);
    assert.equal((await create(s.alice.token, { ownedBy: 'everyone' })).status, 400);
    const messagesOrg = await call(emu, admin.token, 'POST', '/webhooks', {
      body: { name: 'm', targetUrl: receiver.url, resource: 'messages', event: 'created', ownedBy: 'org' },
    });
    assert.equal(messagesOrg.status, 403);
    assert.equal(hooks(), hooksBefore, 'none of them was created');
  });

  it('delivers a ready recording, signed, to the org webhook and to the host’s own webhook only', async () => {
    const org = asRecord((await create(admin.token, { ownedBy: 'org', secret: 'org-secret' })).body);
    assert.equal(org['ownedBy'], 'org');
    const alices = asRecord((await create(s.alice.token, { secret: 'alice-secret' })).body);
    assert.equal(alices['ownedBy'], 'creator');
    const bobs = asRecord((await create(s.bob.token, { secret: 'bob-secret' })).body);
    const outsiders = asRecord(
      (
        await call(emu, outsider.token, 'POST', '/webhooks', {
          body: { name: 'o', targetUrl: receiver.url, resource: 'recordings', event: 'created' },
        })
      ).body,
    );

    const listed = await call(emu, admin.token, 'GET', '/webhooks', { query: { ownedBy: 'org' } });
    assert.deepEqual(
      itemsOf(listed.body).map((w) => w['id']),
      [org['id']],
    );
    assert.equal(
      validator.check(
        'messaging#/paths/~1webhooks/get/responses/200/content/application~1json/schema',
        listed.body,
      ),
      undefined,
    );

    receiver.received.length = 0;
    const recording = await emu.recordingReady({
      hostEmail: s.alice.email,
      topic: 'Quarterly review',
      createTime: '2026-11-20T11:00:00Z',
      durationSeconds: 3600,
    });
    const got = receiver.received.filter((r) => r.body['resource'] === 'recordings');
    assert.deepEqual(new Set(got.map((r) => r.body['id'])), new Set([org['id'], alices['id']]));
    assert.ok(!got.some((r) => r.body['id'] === bobs['id'] || r.body['id'] === outsiders['id']));
    const schema = recordingEventSchema(validator);
    for (const r of got) {
      const secret = r.body['id'] === org['id'] ? 'org-secret' : 'alice-secret';
      assert.ok(verifySparkSignature(secret, r.rawBody, String(r.headers['x-spark-signature'])));
      assert.equal(r.body['event'], 'created');
      assert.equal(r.body['ownedBy'], r.body['id'] === org['id'] ? 'org' : 'creator');
      const data = asRecord(r.body['data']);
      assert.equal(data['id'], recording.id);
      assert.equal(data['hostUserId'], s.alice.id);
      assert.equal(data['password'], undefined, 'no password in a webhook');
      const validate = validator.ajv.compile(schema);
      assert.ok(validate(data), validator.ajv.errorsText(validate.errors));
      const envelope = { ...r.body };
      delete envelope['data'];
      delete envelope['actorId'];
      delete envelope['targetUrl'];
      assert.equal(
        validator.check('messaging#/components/schemas/Webhook', { ...envelope, targetUrl: 'x' }),
        undefined,
      );
    }

    // The recording is there for the host (own token) and for the admin with hostEmail.
    const own = await call(emu, s.alice.token, 'GET', `/recordings/${recording.id}`);
    assert.equal(own.status, 200);
    assert.equal(
      validator.check(
        'recordings#/paths/~1recordings~1{recordingId}/get/responses/200/content/application~1json;charset=UTF-8/schema',
        own.body,
      ),
      undefined,
    );
    const byAdmin = await call(emu, admin.token, 'GET', `/recordings/${recording.id}`, {
      query: { hostEmail: s.alice.email },
    });
    assert.equal(byAdmin.status, 200);
    const wrongHost = await call(emu, admin.token, 'GET', `/recordings/${recording.id}`, {
      query: { hostEmail: s.bob.email },
    });
    assert.equal(wrongHost.status, 404);
  });
});
