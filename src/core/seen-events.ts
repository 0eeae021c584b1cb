/**
 * One answer per event, fleet-wide: Webex may deliver an event again, to any instance behind the URL and after a
 * restart, and a person may press the same card button twice. The ledger lives in the store (shared by every
 * instance on Postgres, kept across restarts on SQLite); a small in-process cache answers repeats without a round
 * trip. When the store can't be reached the event is answered (a rare duplicate beats silence) and that is logged.
 */
import { LRUCache } from 'lru-cache';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SeenEventRepository } from './seen-event-repository.js';

/** Long past any redelivery Webex makes; also how long a card button stays answered. */
export const SEEN_EVENT_TTL_MS = 24 * 60 * 60_000;
/** How often expired ledger rows are deleted. */
export const SEEN_EVENT_PRUNE_MS = 10 * 60_000;

export interface SeenEvents {
  /** True the first time `key` is claimed, anywhere in the fleet; false for every repeat within the TTL. */
  firstTime(key: string): Promise<boolean>;
  /** The answer failed: a repeat of `key` may be answered. */
  forget(key: string): Promise<void>;
  /** Deletes expired entries; returns how many. */
  prune(): Promise<number>;
}

export function createSeenEvents(deps: {
  ledger: SeenEventRepository;
  now: () => Date;
  logger: Logger;
  ttlMs?: number;
}): SeenEvents {
  const ttl = deps.ttlMs ?? SEEN_EVENT_TTL_MS;
  const local = new LRUCache<string, true>({ max: 5000, ttl });
  return {
    async firstTime(key) {
      if (local.has(key)) return false;
      local.set(key, true);
      try {
        return await deps.ledger.claimEvent(key, deps.now(), ttl);
      } catch (err) {
        deps.logger.warn(
          { key, err: errorMessage(err) },
          'seen-event ledger unavailable; answering (another instance may answer too)',
        );
        return true;
      }
    },
    async forget(key) {
      local.delete(key);
      await deps.ledger
        .releaseEvent(key)
        .catch((err: unknown) =>
          deps.logger.warn({ key, err: errorMessage(err) }, 'could not release a seen event'),
        );
    },
    prune: () => deps.ledger.pruneEvents(deps.now()),
  };
}
