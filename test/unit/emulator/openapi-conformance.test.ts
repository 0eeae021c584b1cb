import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebexEmulator } from '../../../dev/emulator/index.js';
import type { RouteContext } from '../../../dev/emulator/http.js';
import { API_ROUTES } from '../../../dev/emulator/webex-emulator.js';
import {
  asRecord,
  call,
  itemsOf,
  seed,
  startEmulator,
  WebhookReceiver,
  type ApiResponse,
  type Seed,
} from './helpers.js';
import { OpenApiValidator, type DocName } from './openapi.js';

const CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    version: '1.3',
    body: [{ type: 'Input.Text', id: 'Name' }],
    actions: [{ type: 'Action.Submit', title: 'Go' }],
  },
};

/** Every `method /path` the emulator's API routers declare, with `:param` written as the documents write `{param}`. */
function emulatorOperations(): string[] {
  type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> } };
  const ops: string[] = [];
  for (const routes of API_ROUTES) {
    // Building a router runs none of its handlers: the context is never read here.
    const router = routes({} as RouteContext) as unknown as { stack: Layer[] };
    for (const layer of router.stack) {
      if (!layer.route) continue;
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const method of Object.keys(layer.route.methods)) {
          ops.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
        }
      }
    }
  }
  return ops;
}

interface Case {
  doc: DocName;
  template: string;
  method: 'get' | 'post' | 'put';
  run: () => Promise<ApiResponse>;
  /** Why the body is not checked against the document's schema (status, media type and trackingid still are). */
  schemaGap?: string;
}

describe('OpenAPI conformance of emulator responses', () => {
  let emu: WebexEmulator;
  let s: Seed;
  let receiver: WebhookReceiver;
  let validator: OpenApiValidator;
  const ids: Record<string, string> = {};

  before(async () => {
    validator = new OpenApiValidator();
    emu = await startEmulator({ now: () => new Date('2024-06-15T12:00:00Z') });
    receiver = await WebhookReceiver.start();
    s = seed(emu);
    emu.addPerson({ displayName: 'Carol Chen', email: 'carol@example.com' });
    emu.addRecording({ hostEmail: s.alice.email, topic: 'Weekly sync', createTime: '2024-06-14T09:30:00Z' });
    emu.addRecording({
      hostEmail: s.alice.email,
      topic: 'Design review',
      createTime: '2024-06-13T15:00:00Z',
      format: 'ARF',
      integrationTags: ['JIRA-1'],
    });
    const hook = await call(emu, s.bot.token, 'POST', '/webhooks', {
      body: { name: 'firehose', targetUrl: receiver.url, resource: 'all', event: 'all' },
    });
    ids['firehose'] = String(asRecord(hook.body)['id']);
    // The firehose excludes card submissions; bots register for them separately.
    const cards = await call(emu, s.bot.token, 'POST', '/webhooks', {
      body: { name: 'cards', targetUrl: receiver.url, resource: 'attachmentActions', event: 'created' },
    });
    ids['cards'] = String(asRecord(cards.body)['id']);
  });

  after(async () => {
    await emu.stop();
    await receiver.stop();
  });

  const bot = () => s.bot.token;
  const alice = () => s.alice.token;

  // Ordered: later cases use ids created by earlier ones.
  const cases: Case[] = [
    {
      doc: 'messaging',
      template: '/people/me',
      method: 'get',
      run: () => call(emu, bot(), 'GET', '/people/me'),
    },
    {
      doc: 'messaging',
      template: '/people/{personId}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/people/${s.alice.id}`),
    },
    {
      doc: 'messaging',
      template: '/people',
      method: 'get',
      run: () => call(emu, bot(), 'GET', '/people', { query: { id: `${s.alice.id},${s.bob.id},bogus` } }),
    },
    { doc: 'messaging', template: '/rooms', method: 'get', run: () => call(emu, bot(), 'GET', '/rooms') },
    {
      doc: 'messaging',
      template: '/rooms/{roomId}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/rooms/${s.dmAlice}`),
    },
    {
      doc: 'messaging',
      template: '/rooms',
      method: 'post',
      run: async () => {
        const r = await call(emu, alice(), 'POST', '/rooms', { body: { title: 'Conformance room' } });
        ids['room'] = String(asRecord(r.body)['id']);
        return r;
      },
    },
    {
      doc: 'messaging',
      template: '/memberships',
      method: 'post',
      run: async () => {
        const r = await call(emu, alice(), 'POST', '/memberships', {
          body: { roomId: ids['room'], personId: s.bot.id },
        });
        ids['membership'] = String(asRecord(r.body)['id']);
        return r;
      },
    },
    {
      doc: 'messaging',
      template: '/memberships',
      method: 'get',
      run: () => call(emu, bot(), 'GET', '/memberships', { query: { roomId: s.group } }),
    },
    {
      doc: 'messaging',
      template: '/memberships/{membershipId}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/memberships/${ids['membership']}`),
    },
    {
      doc: 'messaging',
      template: '/webhooks',
      method: 'post',
      run: async () => {
        const r = await call(emu, bot(), 'POST', '/webhooks', {
          body: {
            name: 'conformance',
            targetUrl: receiver.url,
            resource: 'messages',
            event: 'created',
            filter: `roomId=${s.dmAlice}`,
            secret: 's3cret',
          },
        });
        ids['webhook'] = String(asRecord(r.body)['id']);
        return r;
      },
    },
    {
      doc: 'messaging',
      template: '/webhooks',
      method: 'get',
      run: () => call(emu, bot(), 'GET', '/webhooks'),
    },
    {
      doc: 'messaging',
      template: '/webhooks/{webhookId}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/webhooks/${ids['webhook']}`),
    },
    {
      doc: 'messaging',
      template: '/webhooks/{webhookId}',
      method: 'put',
      run: () =>
        call(emu, bot(), 'PUT', `/webhooks/${ids['webhook']}`, {
          body: { name: 'renamed', targetUrl: receiver.url, status: 'active' },
        }),
    },
    {
      doc: 'messaging',
      template: '/messages',
      method: 'post',
      run: async () => {
        const r = await call(emu, bot(), 'POST', '/messages', {
          body: { roomId: s.dmAlice, markdown: 'Pick a **recording**', attachments: [CARD] },
        });
        ids['card'] = String(asRecord(r.body)['id']);
        return r;
      },
    },
    {
      doc: 'messaging',
      template: '/messages',
      method: 'get',
      run: async () => {
        await emu.userSays(s.alice.id, s.dmAlice, 'hello');
        await emu.userSays(s.alice.id, s.group, 'list', { mention: [s.bot.id] });
        return call(emu, bot(), 'GET', '/messages', { query: { roomId: s.dmAlice } });
      },
    },
    {
      doc: 'messaging',
      template: '/messages/direct',
      method: 'get',
      run: () => call(emu, bot(), 'GET', '/messages/direct', { query: { personId: s.alice.id } }),
      schemaGap:
        "the emulator answers with GET /messages' fields (html, attachments), which Cisco's DirectMessage schema does not list: to be settled in the emulator",
    },
    {
      doc: 'messaging',
      template: '/messages/{messageId}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/messages/${ids['card']}`),
    },
    {
      doc: 'messaging',
      template: '/attachment/actions',
      method: 'post',
      run: async () => {
        const r = await call(emu, alice(), 'POST', '/attachment/actions', {
          body: { type: 'submit', messageId: ids['card'], inputs: { Name: 'Weekly', extra: 'x' } },
        });
        ids['action'] = String(asRecord(r.body)['id']);
        return r;
      },
    },
    {
      doc: 'messaging',
      template: '/attachment/actions/{id}',
      method: 'get',
      run: () => call(emu, bot(), 'GET', `/attachment/actions/${ids['action']}`),
    },
    {
      doc: 'recordings',
      template: '/recordings',
      method: 'get',
      run: async () => {
        const r = await call(emu, alice(), 'GET', '/recordings', {
          headers: { timezone: 'America/New_York' },
        });
        ids['recording'] = String(itemsOf(r.body)[0]?.['id']);
        return r;
      },
    },
    {
      doc: 'recordings',
      template: '/recordings/{recordingId}',
      method: 'get',
      run: () => call(emu, alice(), 'GET', `/recordings/${ids['recording']}`),
    },
  ];

  it('covers every GET/POST/PUT operation the emulator implements (read from its routers)', () => {
    const implemented = emulatorOperations().filter((op) => /^(get|post|put) /.test(op));
    assert.ok(implemented.length > 10, `only ${implemented.length} operations found in the routers`);
    assert.deepEqual(new Set(cases.map((c) => `${c.method} ${c.template}`)), new Set(implemented));
  });

  it('answers each operation with its documented status, media type and response schema', async () => {
    for (const c of cases) {
      const label = `${c.method.toUpperCase()} ${c.template}`;
      const res = await c.run();
      const documented = validator.successStatuses(c.doc, c.template, c.method);
      assert.ok(
        documented.includes(res.status),
        `${label}: status ${res.status} not in ${documented.join(',')}: ${res.text}`,
      );
      const { mediaType, ref } = validator.responseSchema(c.doc, c.template, c.method, res.status);
      const contentType = res.headers.get('content-type') ?? '';
      assert.equal(
        contentType.replace(/\s/g, '').toLowerCase(),
        mediaType.replace(/\s/g, '').toLowerCase(),
        label,
      );
      assert.ok(res.headers.get('trackingid'), `${label}: trackingid header`);
      if (c.schemaGap) continue;
      const errors = validator.check(ref, res.body);
      assert.equal(errors, undefined, `${label} does not match ${ref}:\n${errors ?? ''}\n${res.text}`);
    }
  });

  it('sends webhook data for memberships and attachment actions in the documented shapes', async () => {
    // Its own events, so that it holds alone or in any order (not those the operations test happens to create).
    const room = await call(emu, alice(), 'POST', '/rooms', { body: { title: 'Webhook shapes' } });
    const roomId = String(asRecord(room.body)['id']);
    const joined = await call(emu, alice(), 'POST', '/memberships', { body: { roomId, personId: s.bot.id } });
    const card = await call(emu, bot(), 'POST', '/messages', {
      body: { roomId: s.dmAlice, markdown: 'Pick one', attachments: [CARD] },
    });
    const action = await call(emu, alice(), 'POST', '/attachment/actions', {
      body: { type: 'submit', messageId: String(asRecord(card.body)['id']), inputs: { Name: 'Weekly' } },
    });
    for (const r of [room, joined, card, action]) assert.ok(r.status < 300, r.text);
    await emu.waitForDeliveries();
    const dataOf = (resource: string, webhookId: string | undefined) =>
      emu.deliveries
        .filter((d) => d.resource === resource && d.webhookId === webhookId)
        .map((d) => d.body.data);
    const memberships = dataOf('memberships', ids['firehose']);
    const actions = dataOf('attachmentActions', ids['cards']);
    assert.deepEqual(
      dataOf('attachmentActions', ids['firehose']),
      [],
      'the firehose excludes attachmentActions',
    );
    assert.ok(
      memberships.some((d) => d.id === asRecord(joined.body)['id']),
      'the membership event was delivered',
    );
    assert.ok(
      actions.some((d) => d.id === asRecord(action.body)['id']),
      'the attachment action event was delivered',
    );
    for (const data of memberships) {
      assert.equal(validator.check('messaging#/components/schemas/Membership', data), undefined);
    }
    for (const data of actions) {
      assert.equal(validator.check('messaging#/components/schemas/AttachmentActivity', data), undefined);
    }
  });

  describe('the validation itself', () => {
    it('rejects deliberately broken objects', () => {
      const person = 'messaging#/components/schemas/Person';
      assert.equal(validator.check(person, { id: 'x', type: 'bot', emails: ['a@b.c'] }), undefined);
      assert.match(validator.check(person, { id: 'x', type: 'robot' }) ?? '', /allowed values/);
      assert.match(validator.check(person, { id: 'x', emails: 'a@b.c' }) ?? '', /must be array/);
      assert.match(validator.check(person, { id: 'x', invented: true }) ?? '', /additional properties/);
      const room = 'messaging#/components/schemas/Room';
      assert.match(validator.check(room, { id: 'r', isLocked: 'no' }) ?? '', /must be boolean/);
      const list = validator.responseSchema('recordings', '/recordings', 'get', 200).ref;
      const good = {
        id: 'a'.repeat(32),
        meetingId: 'm',
        topic: 't',
        createTime: '2024-06-14T09:30:00Z',
        timeRecorded: '2024-06-14T09:00:00Z',
        siteUrl: 's',
        downloadUrl: 'd',
        playbackUrl: 'p',
        password: 'x',
        format: 'MP4',
        serviceType: 'MeetingCenter',
        durationSeconds: 1,
        sizeBytes: 1,
        shareToMe: false,
        status: 'available',
      };
      assert.equal(validator.check(list, { items: [good] }), undefined);
      const { topic: _topic, ...missingTopic } = good;
      assert.match(
        validator.check(list, { items: [missingTopic] }) ?? '',
        /must have required property 'topic'/,
      );
      assert.match(validator.check(list, { items: [{ ...good, format: 'MOV' }] }) ?? '', /allowed values/);
    });

    it('needs the Attachment override: the documented schema rejects a real card attachment', () => {
      const documented = new OpenApiValidator({ closeSchemas: false, replaceAttachment: false });
      const errors = documented.check('messaging#/components/schemas/Attachment', CARD);
      assert.match(errors ?? '', /fileId|contentUrl/);
      const fixed = new OpenApiValidator();
      assert.equal(fixed.check('messaging#/components/schemas/Attachment', CARD), undefined);
      assert.match(
        fixed.check('messaging#/components/schemas/Attachment', { content: CARD.content }) ?? '',
        /contentType/,
      );
    });
  });
});
