/**
 * Wires a `recordings:created` delivery to handleRecordingDelivery: which token reads the recording (the org token
 * naming the host, else the host's own sign-in), the one detail call, and the post as the bot.
 */
import type { Messenger } from '../../core/messenger.js';
import type { SeenEvents } from '../../core/seen-events.js';
import type { Logger } from '../../logger.js';
import type { WebexRecording, WebhookEnvelope } from '../../webex/types.js';
import type { WebexClient } from '../../webex/webex-client.js';
import type { NotificationRepository } from './notification-repository.js';
import type { NotificationWebhooks } from './notification-webhooks.js';
import { handleRecordingDelivery, type DeliveryDeps, type HostAccess } from './recording-delivery.js';

export interface NotificationDeliveriesDeps {
  repo: NotificationRepository;
  seen: Pick<SeenEvents, 'firstTime' | 'forget'>;
  client: WebexClient;
  messenger: Messenger;
  tokens: Pick<NotificationWebhooks, 'orgToken' | 'userToken'>;
  /** WEBEX_ADMIN_TOKEN is configured: the org token reads every host's recordings. */
  orgTokenConfigured: boolean;
  settingZone(personId: string): Promise<string | undefined>;
  now(): Date;
  log: Logger;
  /** Told how many notifications a delivery posted (the notifications-delivered metric). */
  onDelivered(posted: number): void;
}

function deliveryDeps(deps: NotificationDeliveriesDeps): DeliveryDeps {
  return {
    repo: deps.repo,
    seen: deps.seen,
    now: deps.now,
    logger: deps.log,
    settingZone: deps.settingZone,
    async accessFor(host) {
      if (deps.orgTokenConfigured) {
        const org = await deps.tokens.orgToken();
        if (org) return { ...org, hostEmail: host.email };
      }
      return deps.tokens.userToken(host);
    },
    async getRecording(id: string, access: HostAccess, timeZone: string) {
      const res = await deps.client.request<WebexRecording>('GET', `/recordings/${encodeURIComponent(id)}`, {
        token: access.token,
        headers: { timezone: timeZone },
        ...(access.hostEmail ? { query: { hostEmail: access.hostEmail } } : {}),
      });
      return res.data;
    },
    async postCard(roomId, card, markdown) {
      await deps.messenger.sendCard(roomId, card, markdown);
    },
  };
}

/** Handles one delivery to its end (the caller tracks the promise); the outcome is logged at debug. */
export function createDeliveryHandler(
  deps: NotificationDeliveriesDeps,
): (envelope: WebhookEnvelope) => Promise<void> {
  const handlerDeps = deliveryDeps(deps);
  return async (envelope) => {
    const o = await handleRecordingDelivery(handlerDeps, envelope);
    deps.log.debug({ outcome: o.status, recordingId: envelope.data.id }, 'recordings delivery outcome');
    if (o.status === 'done' && o.posted > 0) deps.onDelivered(o.posted);
  };
}
