/**
 * What createApp builds before any feature, and every feature module is built from: the configuration, the
 * store's connection (each feature makes its own repositories over it), the bot's Webex client and messenger.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { WebexClient } from '../webex/webex-client.js';
import type { Messenger } from './messenger.js';
import type { Metrics } from './metrics.js';
import type { SeenEvents } from './seen-events.js';

export interface Infrastructure {
  config: Config;
  store: Pick<Store, 'kysely' | 'backend'>;
  /** The bot's client (requests made with a person's token pass it per call). */
  client: WebexClient;
  /** Every post, as the bot. */
  messenger: Messenger;
  metrics: Metrics;
  now: () => Date;
  logger: Logger;
  /** The fleet-wide seen-event ledger: each delivery is handled once. */
  seen: SeenEvents;
  /** Where Webex delivers events: PUBLIC_URL + WEBHOOK_PATH. */
  webhookUrl: string;
  /** Aborted first thing in stop(): work in flight (recordings listings) ends at once instead of holding it up. */
  signal: AbortSignal;
}
