/**
 * The recordings feature's public API (other features never import its internal files): its module (the command
 * and its Show more button), and the service and card digests reuse.
 */
import type { FeatureModule } from '../../core/feature-module.js';
import type { Infrastructure } from '../../core/infrastructure.js';
import type { AccessPolicy, RecordingsCredentials } from '../../webex/recordings-access.js';
import type { WebexPerson } from '../../webex/types.js';
import { createAnswerMemo } from './answer-memo.js';
import { recordingsCommand, SHOW_MORE_ACTION, showMoreAction, ShowMoreSigner } from './recordings-command.js';
import { createRecordingsService } from './recordings-service.js';

export { buildRecordingsCard, type CardRecording } from './recordings-card.js';
export { createRecordingsService, type RecordingsService } from './recordings-service.js';

export interface RecordingsModuleDeps {
  credentials: RecordingsCredentials;
  access: AccessPolicy;
  /** The zone a question is read in (the timezone feature's). */
  timeZoneFor(person: WebexPerson): Promise<string>;
}

export function createRecordingsModule(
  infra: Pick<Infrastructure, 'config' | 'client' | 'logger' | 'metrics' | 'signal'>,
  deps: RecordingsModuleDeps,
): FeatureModule {
  const { config } = infra;
  const recordings = {
    access: deps.access,
    service: createRecordingsService({
      client: infra.client,
      credentials: deps.credentials,
      logger: infra.logger,
      ttlMs: config.cacheTtlMs,
      metrics: infra.metrics,
      signal: infra.signal,
    }),
    timeZoneFor: deps.timeZoneFor,
    weekStartsOn: config.weekStartsOn,
    // Keyed from the bot's token: any instance honours the buttons, and a new token retires the old ones.
    showMore: new ShowMoreSigner(config.botToken),
    // Without the answer cache every listing is new, so a finished card could never be reused.
    answers: config.cacheTtlMs > 0 ? createAnswerMemo() : undefined,
  };
  return {
    name: 'recordings',
    commands: [recordingsCommand(recordings)],
    actions: { [SHOW_MORE_ACTION]: showMoreAction(recordings) },
  };
}
