/**
 * One answer per event, fleet-wide: Webex may deliver an event again, to any instance behind the URL and after a
 * restart, and a person may press the same card button twice. The ledger lives in the store (shared by every
 * instance on Postgres, kept across restarts on SQLite); a small in-process cache answers repeats without a round
 * trip. When the store can't be reached the event is answered (a rare duplicate beats silence) and that is logged.
 */
import { LRUCache } from 'lru-cache';
import { errorMessage } from '../errors.js';
/** Long past any redelivery Webex makes; also how long a card button stays answered. */
export const SEEN_EVENT_TTL_MS = 24 * 60 * 60_000;
/** How often expired ledger rows are deleted. */
export const SEEN_EVENT_PRUNE_MS = 10 * 60_000;
export function createSeenEvents(deps) {
    const ttl = deps.ttlMs ?? SEEN_EVENT_TTL_MS;
    const local = new LRUCache({ max: 5000, ttl });
    return {
        async firstTime(key) {
            if (local.has(key))
                return false;
            local.set(key, true);
            try {
                return await deps.ledger.claimEvent(key, deps.now(), ttl);
            }
            catch (err) {
                deps.logger.warn({ key, err: errorMessage(err) }, 'seen-event ledger unavailable; answering (another instance may answer too)');
                return true;
            }
        },
        async forget(key) {
            local.delete(key);
            await deps.ledger
                .releaseEvent(key)
                .catch((err) => deps.logger.warn({ key, err: errorMessage(err) }, 'could not release a seen event'));
        },
        prune: () => deps.ledger.pruneEvents(deps.now()),
    };
}
//# sourceMappingURL=seen-events.js.map