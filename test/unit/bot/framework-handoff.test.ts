import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFrameworkHandoff } from '../../../src/bot/framework-handoff.js';
import type { ChatMessage } from '../../../src/bot/types.js';
import type { WebhookEnvelope } from '../../../src/webex/types.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

const envelope = (resource: string, event = 'created'): WebhookEnvelope => ({
  id: 'w',
  name: 'bot',
  resource,
  event,
  data: { id: 'm1', roomId: 'r1', personId: 'ann' },
});
const message: ChatMessage = {
  kind: 'message',
  messageId: 'm1',
  roomId: 'r1',
  roomType: 'direct',
  personId: 'ann',
  personEmail: 'ann@example.com',
  person: { id: 'ann', emails: ['ann@example.com'], displayName: 'Ann' },
  text: 'help',
};
const log = () => memoryLogger('warn').logger;

describe('framework handoff (telling a dropped event from a non-event)', () => {
  it('when the framework emits the event while handling the delivery, then it is the answer', async () => {
    const h = createFrameworkHandoff();
    const r = await h.handOff(envelope('messages'), async () => h.emitted('m1', message), log());
    assert.deepEqual(r, { kind: 'event', event: message });
    assert.equal(h.size(), 0, 'nothing is kept after the delivery');
  });

  it('when the framework read a message with no text and emitted nothing, then there is nothing to answer', async () => {
    const h = createFrameworkHandoff();
    const r = await h.handOff(envelope('messages'), async () => h.fetched({ id: 'm1', text: '  ' }), log());
    assert.deepEqual(r, { kind: 'ignored' });
  });

  it('when a lookup failed inside the framework (it threw, or just emitted nothing), then the event was dropped', async () => {
    const h = createFrameworkHandoff();
    const logger = memoryLogger();
    const thrown = await h.handOff(
      envelope('attachmentActions'),
      async () => {
        throw new Error('GET /people failed');
      },
      logger.logger,
    );
    assert.deepEqual(thrown, { kind: 'dropped' });
    assert.ok(logger.lines().some((l) => l['msg'] === 'framework failed on an event'));
    const silent = await h.handOff(
      envelope('messages'),
      async () => h.fetched({ id: 'm1', text: 'help' }),
      log(),
    );
    assert.deepEqual(silent, { kind: 'dropped' });
  });

  it('when the delivery is not a message or a card press, then nothing is owed', async () => {
    const h = createFrameworkHandoff();
    for (const [resource, event] of [
      ['memberships', 'created'],
      ['messages', 'deleted'],
      ['rooms', 'updated'],
    ] as const) {
      assert.deepEqual(await h.handOff(envelope(resource, event), async () => undefined, log()), {
        kind: 'ignored',
      });
    }
  });

  it('when events arrive for deliveries nobody follows, then they are ignored', () => {
    const h = createFrameworkHandoff();
    h.emitted('other', message);
    h.fetched({ id: 'other' });
    assert.equal(h.size(), 0);
  });
});
