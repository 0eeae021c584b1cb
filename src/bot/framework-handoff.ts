/*
 * Tells what became of a delivery handed to webex-node-bot-framework. The framework reads the message (or card
 * press) and the person, then emits a chat event; when a Webex lookup fails it logs and emits nothing, and the
 * person would never hear back. It also emits nothing, rightly, for a message without text (a file, a card).
 *
 * So each delivery is followed while the framework works on it: the framework's event listener reports the event
 * (`emitted`), the transport reports a message it read (`fetched`). Once the framework's handler has finished,
 * what was reported says whether there is an event to answer, nothing to answer, or an event lost on the way. The
 * framework emits before its handler's promise settles, so nothing needs to be kept after it.
 */
import type { Logger } from '../logger.js';
import type { Resolution } from '../core/middleware.js';
import type { WebexMessage, WebhookEnvelope } from '../webex/types.js';
import type { ChatEvent } from './types.js';

interface Followed {
  event?: ChatEvent;
  /** Set once the framework read the message: whether it had any text. */
  hasText?: boolean;
}

export interface FrameworkHandoff {
  /** Runs `deliver` (the framework's webhook handler) for the delivery and says what became of it. */
  handOff(envelope: WebhookEnvelope, deliver: () => PromiseLike<unknown>, log: Logger): Promise<Resolution>;
  /** The framework emitted a chat event (its message/attachmentAction listeners call this). */
  emitted(id: string, event: ChatEvent): void;
  /** The framework read a message (the transport calls this). */
  fetched(message: Pick<WebexMessage, 'id' | 'text'>): void;
  /** Deliveries being followed now. */
  size(): number;
}

export function createFrameworkHandoff(): FrameworkHandoff {
  const following = new Map<string, Followed>();
  return {
    async handOff(envelope, deliver, log) {
      const id = envelope.data.id;
      const followed: Followed = {};
      following.set(id, followed);
      try {
        await deliver();
      } catch (err) {
        log.error({ err, resource: envelope.resource }, 'framework failed on an event');
      } finally {
        following.delete(id);
      }
      if (followed.event) return { kind: 'event', event: followed.event };
      const { resource, event } = envelope;
      const chat = event === 'created' && (resource === 'messages' || resource === 'attachmentActions');
      if (!chat || followed.hasText === false) return { kind: 'ignored' };
      return { kind: 'dropped' };
    },
    emitted(id, event) {
      const followed = following.get(id);
      if (followed) followed.event = event;
    },
    fetched(message) {
      const followed = following.get(message.id);
      if (followed) followed.hasText = Boolean(message.text?.trim());
    },
    size: () => following.size,
  };
}
