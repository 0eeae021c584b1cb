import type { WebhookEnvelope } from '../../src/webex/types.js';

/** Something that happened in the emulated Webex and may be delivered to webhooks. */
export interface DomainEvent {
  resource: 'messages' | 'memberships' | 'attachmentActions' | 'rooms' | 'recordings';
  event: 'created' | 'updated' | 'deleted';
  actorId: string;
  roomId: string;
  /** The webhook `data` payload (Webex's short form). */
  data: WebhookEnvelope['data'];
  /**
   * Person ids whose webhooks may receive the event, decided when it happens (membership changes right after,
   * e.g. the removed member still learns about its own removal).
   */
  audience: ReadonlySet<string>;
  /** The org the event belongs to: org-level webhooks (`ownedBy: org`) of that org receive it. */
  orgId?: string;
}
