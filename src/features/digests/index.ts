/**
 * The digests feature: the `digest` command and its Stop button, DigestService, the scheduler and the ticker that
 * drives it, and what stops digests (their creator left the space or disconnected, the bot was removed).
 */
import { randomUUID } from 'node:crypto';
import type { FeatureModule } from '../../core/feature-module.js';
import type { Infrastructure } from '../../core/infrastructure.js';
import type { RecordingsCredentials } from '../../webex/recordings-access.js';
import type { WebexPerson } from '../../webex/types.js';
import { createRecordingsService } from '../recordings/index.js';
import { DIGEST_STOP_ACTION, digestCommand, digestStopAction } from './digest-command.js';
import { createDigestService, type DigestService } from './digest-service.js';
import { KyselyDigestRepository } from './kysely-digest-repository.js';
import { createDigestScheduler, startTicker } from './scheduler.js';

export interface DigestsModuleDeps {
  credentials: RecordingsCredentials;
  /** The zone a new digest uses when the request names none (the timezone feature's). */
  timeZoneFor(person: WebexPerson): Promise<string>;
  /** Names this instance in digest leases and run history; made up unless given. */
  instanceId?: string | undefined;
  /** How often the ticker runs; the config's DIGEST_TICK_SECONDS unless given (tests go below its 1 s minimum). */
  tickMs?: number | undefined;
}

export interface DigestsModule extends FeatureModule {
  /** Her digests showed her recordings because she let the bot read them: that permission is gone now. */
  afterDisconnect(personId: string): Promise<void>;
}

type DigestsInfrastructure = Pick<
  Infrastructure,
  'config' | 'store' | 'client' | 'messenger' | 'metrics' | 'now' | 'logger' | 'signal'
>;

/** Lists the creator's recordings without the answer cache (a digest must never get a stale list), as the bot posts. */
function digestScheduler(
  infra: DigestsInfrastructure,
  deps: DigestsModuleDeps,
  repository: KyselyDigestRepository,
) {
  const { config, messenger } = infra;
  const recordings = createRecordingsService({
    client: infra.client,
    credentials: deps.credentials,
    logger: infra.logger,
    ttlMs: 0,
    // Nothing kept: a digest's listing is never asked for again, and a cache would fill with dead entries.
    maxCacheBytes: 0,
    signal: infra.signal,
  });
  return createDigestScheduler({
    repository,
    now: infra.now,
    instanceId: deps.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: config.digestLeaseMs,
    overlapMs: config.digestOverlapMs,
    logger: infra.logger.child({ component: 'digests' }),
    metrics: infra.metrics,
    list: (sub, range) =>
      recordings.list(
        { personId: sub.creatorPersonId, email: sub.creatorEmail },
        {
          range: { ...range, kind: 'rolling', label: 'digest', isDefault: false },
          timeZone: sub.schedule.timeZone,
          ...sub.filters,
        },
        { hostedOnly: sub.roomType === 'group' },
      ),
    poster: { postCard: messenger.sendCard, say: messenger.say },
  });
}

function digestService(infra: DigestsInfrastructure, deps: DigestsModuleDeps): DigestService {
  const repository = new KyselyDigestRepository(infra.store.kysely, infra.store.backend);
  const scheduler = digestScheduler(infra, deps, repository);
  return createDigestService({
    repository,
    scheduler,
    timeZoneFor: deps.timeZoneFor,
    admins: new Set(infra.config.botAdmins),
    say: infra.messenger.say,
    now: infra.now,
    logger: infra.logger.child({ component: 'digests' }),
  });
}

export function createDigestsModule(infra: DigestsInfrastructure, deps: DigestsModuleDeps): DigestsModule {
  const { logger } = infra;
  const service = digestService(infra, deps);
  const command = digestCommand({ service });
  let ticker: { stop(): Promise<void> } | undefined;
  // Stops started by a membership deletion: answered after the webhook's 200, and waited for in stop().
  const stops = new Set<Promise<unknown>>();
  const trackStop = (p: Promise<unknown>) => {
    const tracked = p.catch((err: unknown) => logger.error({ err }, "stopping a creator's digests failed"));
    stops.add(tracked);
    void tracked.finally(() => stops.delete(tracked));
  };
  return {
    name: 'digests',
    commands: [command],
    actions: { [DIGEST_STOP_ACTION]: digestStopAction(command, infra.now) },
    async start() {
      ticker = startTicker(
        { tick: () => service.runDue() },
        deps.tickMs ?? infra.config.digestTickMs,
        logger,
      );
    },
    async stop() {
      await ticker?.stop();
      await Promise.allSettled([...stops]);
    },
    onMemberLeft(left) {
      // The bot's own removal comes through onBotRemoved (the framework decides it from the same delivery).
      if (!left.isBot) trackStop(service.creatorGone(left.personId, 'left', left.roomId));
    },
    async onBotRemoved(roomId) {
      await service.botRemoved(roomId);
    },
    async afterDisconnect(personId) {
      await service.creatorGone(personId, 'disconnected');
    },
  };
}
