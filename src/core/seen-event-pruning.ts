/** Deletes expired seen-event rows now and every SEEN_EVENT_PRUNE_MS, as a module of the app's lifecycle. */
import type { Logger } from '../logger.js';
import type { FeatureModule } from './feature-module.js';
import { SEEN_EVENT_PRUNE_MS, type SeenEvents } from './seen-events.js';

export function seenEventPruning(seen: Pick<SeenEvents, 'prune'>, logger: Logger): FeatureModule {
  let timer: NodeJS.Timeout | undefined;
  // A failed prune only leaves rows for the next one: logged, never thrown.
  const prune = () =>
    void seen.prune().catch((err: unknown) => logger.warn({ err }, 'pruning the seen-event ledger failed'));
  return {
    name: 'seen-events',
    async start() {
      prune();
      timer = setInterval(prune, SEEN_EVENT_PRUNE_MS).unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}
