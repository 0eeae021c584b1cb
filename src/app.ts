import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAccess } from './features/sign-in/build-access.js';
import { createAnswerMemo } from './features/recordings/answer-memo.js';
import { TokenKeyError, type TokenRecords } from './features/sign-in/user-tokens.js';
import { createWebexBot, type WebexBot } from './bot/webex-adapter.js';
import { connectCommand, disconnectCommand } from './features/sign-in/connect-command.js';
import { DIGEST_STOP_ACTION, digestCommand, digestStopAction } from './features/digests/digest-command.js';
import { createChatRouter } from './commands/chat-router.js';
import { helpCommand } from './features/help/help-command.js';
import {
  recordingsCommand,
  SHOW_MORE_ACTION,
  showMoreAction,
  ShowMoreSigner,
} from './features/recordings/recordings-command.js';
import { CommandRegistry } from './core/command-registry.js';
import { timezoneCommand } from './features/timezone/timezone-command.js';
import { KyselyTimeZoneRepository } from './features/timezone/timezone-repository.js';
import { createTimeZoneSettings } from './features/timezone/timezone-settings.js';
import type { Config } from './config.js';
import { describeCapabilities, recordingsAccess, type Capabilities } from './core/capabilities.js';
import { createMessenger } from './core/messenger.js';
import { createMetrics, type Metrics } from './core/metrics.js';
import { emailDomainFilter } from './core/middleware.js';
import { KyselySeenEventRepository } from './core/seen-event-repository.js';
import { createSeenEvents, SEEN_EVENT_PRUNE_MS } from './core/seen-events.js';
import { EXIT_CONFIG, listenStartupError, StartupError, storeStartupError } from './core/startup-error.js';
import { appVersion } from './core/version.js';
import { createDigestScheduler, startTicker } from './features/digests/scheduler.js';
import { createDigestService } from './features/digests/digest-service.js';
import { KyselyDigestRepository } from './features/digests/kysely-digest-repository.js';
import { KyselyNonceLedger } from './features/sign-in/kysely-nonce-ledger.js';
import { KyselyTokenRecords } from './features/sign-in/kysely-token-records.js';
import { createNotifications } from './features/notifications/index.js';
import type { Logger } from './logger.js';
import { createServer } from './server/create-server.js';
import { metricsRoute } from './server/metrics-route.js';
import { oauthRoutes } from './features/sign-in/oauth-routes.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { createRecordingsService } from './features/recordings/recordings-service.js';
import type { WebexPerson } from './webex/types.js';
import { WebexClient } from './webex/webex-client.js';

export interface AppDeps {
  logger: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Retry pacing; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  startRetryDelayMs?: (attempt: number) => number;
  /** Where encrypted tokens are kept; the durable store unless given. */
  tokenRecords?: TokenRecords;
  /** Durable state; opened from DATABASE_URL / DATA_DIR unless given. */
  store?: Store;
  /** Names this instance in digest leases and run history. */
  instanceId?: string;
  /** How many spaces' framework objects are kept; tests make it small. */
  maxSpaceObjects?: number;
  /** The app's metrics registry; a new one unless given. */
  metrics?: Metrics;
}

export interface App {
  readonly bot: WebexBot;
  /** What this instance can do (logged at start, shown by /readyz). */
  readonly capabilities: Capabilities;
  /** Served on GET /metrics; features increment their counters here (e.g. notificationsDelivered). */
  readonly metrics: Metrics;
  /**
   * Migrates the store and starts listening (rejecting with a StartupError naming the variable to fix), then registers
   * webhooks and starts the bot in the background: botStarted rejects only when no retry can help (a rejected token).
   */
  start(): Promise<{ port: number; botStarted: Promise<void> }>;
  /** Stops taking requests, finishes in-flight work, stops the bot. Leaves the webhooks in place. */
  stop(): Promise<void>;
}

/** The composition root shared by main.ts and the tests: everything is built here from Config and injected deps. */
export function createApp(config: Config, deps: AppDeps): App {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics();
  const botClient = new WebexClient({
    baseUrl: config.webexApiUrl,
    token: config.botToken,
    timeoutMs: config.webexTimeoutMs,
    maxRetries: config.webexMaxRetries,
    logger: logger.child({ client: 'bot' }),
    fetch: deps.fetch,
    sleep: deps.sleep,
    postTimeoutMs: config.webexPostTimeoutMs,
    metrics,
  });
  const messenger = createMessenger({ client: botClient, logger, now, metrics });

  // Aborted first thing in stop(): recordings listings in flight end at once instead of holding shutdown up.
  const shuttingDown = new AbortController();
  let store: Store;
  try {
    store =
      deps.store ??
      openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        logger: logger.child({ component: 'store' }),
      });
  } catch (err) {
    throw storeStartupError(err, config);
  }
  const access = buildAccess(config, {
    botClient,
    messenger,
    now,
    logger,
    fetch: deps.fetch,
    tokenRecords: deps.tokenRecords ?? new KyselyTokenRecords(store.kysely),
    nonces: new KyselyNonceLedger(store.kysely),
  });
  const timeZones = createTimeZoneSettings({
    repository: new KyselyTimeZoneRepository(store.kysely),
    defaultTimeZone: config.defaultTimeZone,
    logger,
  });
  const recordings = {
    access: access.policy,
    service: createRecordingsService({
      client: botClient,
      credentials: access.credentials,
      logger,
      ttlMs: config.cacheTtlMs,
      metrics,
      signal: shuttingDown.signal,
    }),
    timeZoneFor: (person: WebexPerson) => timeZones.zoneFor(person),
    weekStartsOn: config.weekStartsOn,
    showMore: new ShowMoreSigner(config.botToken),
    answers: createAnswerMemo(),
  };

  // Digests: the creator's recordings listed without the answer cache (a digest must never get a stale list),
  // posted with the bot's identity; the scheduler is driven by a ticker started in start().
  const digestRecordings = createRecordingsService({
    client: botClient,
    credentials: access.credentials,
    logger,
    ttlMs: 0,
    signal: shuttingDown.signal,
  });
  const digestRepository = new KyselyDigestRepository(store.kysely, store.backend);
  const digestScheduler = createDigestScheduler({
    repository: digestRepository,
    now,
    instanceId: deps.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: config.digestLeaseMs,
    overlapMs: config.digestOverlapMs,
    logger: logger.child({ component: 'digests' }),
    metrics,
    list: (sub, range) =>
      digestRecordings.list(
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
  let digestTicker: { stop(): Promise<void> } | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;

  const webhookUrl = `${config.publicUrl}${config.webhookPath}`;
  // Late-bound: the bot is built below, with the command registry.
  let isBot: (personId: string) => boolean = () => false;
  const seen = createSeenEvents({ ledger: new KyselySeenEventRepository(store.kysely), now, logger });
  const notifications = createNotifications({
    db: store.kysely,
    seen,
    client: botClient,
    messenger,
    credentials: access.credentials,
    access: access.policy,
    orgTokenConfigured: Boolean(config.adminToken),
    webhook: { targetUrl: webhookUrl, secret: config.webhookSecret },
    timeZoneFor: recordings.timeZoneFor,
    settingZone: (personId) => timeZones.setting(personId),
    isBot: (personId) => isBot(personId),
    isSignedIn: access.isSignedIn,
    now,
    logger,
    onDelivered: (posted) => metrics.notificationsDelivered.inc(posted),
  });

  const digests = createDigestService({
    repository: digestRepository,
    scheduler: digestScheduler,
    timeZoneFor: recordings.timeZoneFor,
    admins: new Set(config.botAdmins),
    say: messenger.say,
    now,
    logger: logger.child({ component: 'digests' }),
  });
  const digestStops = new Set<Promise<unknown>>();
  const trackDigestStop = (p: Promise<unknown>) => {
    const tracked = p.catch((err: unknown) => logger.error({ err }, "stopping a creator's digests failed"));
    digestStops.add(tracked);
    void tracked.finally(() => digestStops.delete(tracked));
  };

  const registry = new CommandRegistry();
  registry.add(recordingsCommand(recordings));
  registry.add(connectCommand(access.policy));
  registry.add(
    disconnectCommand({
      ...access.policy,
      disconnect: async (personId) => {
        await notifications.beforeDisconnect(personId);
        const removed = await access.policy.disconnect(personId);
        // Her digests showed her recordings because she let the bot read them; that permission is gone now.
        if (removed) await digests.creatorGone(personId, 'disconnected');
        return removed;
      },
    }),
  );
  const digest = digestCommand({ service: digests });
  registry.add(digest);
  registry.add(timezoneCommand({ settings: timeZones }));
  for (const c of notifications.commands) registry.add(c);
  registry.add(helpCommand(registry));

  const isAllowedEmail = emailDomainFilter(config.allowedEmailDomains);
  const onEvent = createChatRouter({
    registry,
    actions: {
      [SHOW_MORE_ACTION]: showMoreAction(recordings),
      [DIGEST_STOP_ACTION]: digestStopAction(digest, now),
    },
    now,
  });
  const capabilities: Capabilities = {
    version: appVersion(),
    store: store.backend,
    webhookUrl,
    recordingsAccess: recordingsAccess(config),
  };
  const bot = createWebexBot({
    client: botClient,
    messenger,
    logger,
    webhookUrl,
    webhookSecret: config.webhookSecret,
    botToken: config.botToken,
    onEvent,
    metrics,
    isAllowedEmail,
    seen,
    async onAddedToSpace(_roomId, roomType, reply) {
      await reply.say(
        roomType === 'group'
          ? 'Hi! @mention me with `help` to see what I can do with your meeting recordings.'
          : 'Hi! Type `help` to see what I can do with your meeting recordings.',
      );
    },
    async onRemovedFromSpace(roomId) {
      await digests.botRemoved(roomId);
    },
    startRetryDelayMs: deps.startRetryDelayMs,
    maxSpaceObjects: deps.maxSpaceObjects,
  });
  isBot = (personId) => bot.isSelf(personId);

  const server = createServer({
    webhookPath: config.webhookPath,
    webhookSecret: config.webhookSecret,
    logger,
    isReady: () => bot.isReady(),
    readiness: () => ({
      version: capabilities.version,
      webhookUrl,
      recordingsAccess: capabilities.recordingsAccess,
      ...(bot.startError ? { lastError: bot.startError } : {}),
    }),
    storeHealth: async () => ({ backend: store.backend, ...(await store.health()) }),
    onWebhook: (envelope) => {
      const { roomId, personId } = envelope.data;
      if (envelope.resource === 'memberships' && envelope.event === 'deleted' && roomId && personId) {
        // The bot's own removal is handled by the framework (deactivateRoom); anyone else: their digests there stop.
        if (!bot.isSelf(personId)) {
          trackDigestStop(digests.creatorGone(personId, 'left', roomId));
        }
      }
      if (!notifications.onWebhook(envelope)) void bot.handleWebhook(envelope);
    },
    routers: [
      metricsRoute(metrics, config.metricsToken),
      ...(access.signIn ? [oauthRoutes(access.signIn)] : []),
    ],
  });

  let http: Server | undefined;

  return {
    bot,
    capabilities,
    metrics,
    async start() {
      if (!config.webhookSecret) {
        logger.warn(
          'ALLOW_UNSIGNED_WEBHOOKS=true and no WEBHOOK_SECRET: webhook deliveries are accepted unsigned (never do this in production)',
        );
      }
      try {
        await store.migrate();
      } catch (err) {
        await store.close().catch(() => undefined);
        throw storeStartupError(err, config);
      }
      try {
        // Before listening: a wrong TOKEN_ENCRYPTION_KEY must stop the start before anything is served or written.
        await access.init();
      } catch (err) {
        await store.close().catch(() => undefined);
        throw err instanceof TokenKeyError
          ? new StartupError('TOKEN_ENCRYPTION_KEY', err.message, EXIT_CONFIG, { cause: err })
          : err;
      }
      try {
        http = await new Promise<Server>((resolve, reject) => {
          // Express 5 hands a listen error (EADDRINUSE…) to this callback instead of emitting it.
          const s = server.listen(config.port, (err?: Error) => (err ? reject(err) : resolve(s)));
        });
      } catch (err) {
        await store.close().catch(() => undefined);
        throw listenStartupError(err, config.port);
      }
      const port = (http.address() as AddressInfo).port;
      const line = describeCapabilities(capabilities);
      if (capabilities.recordingsAccess === 'none') logger.warn({ ...capabilities, port }, line);
      else logger.info({ ...capabilities, port }, line);
      digestTicker = startTicker({ tick: () => digests.runDue() }, config.digestTickMs, logger);
      const prune = () =>
        void seen
          .prune()
          .catch((err: unknown) => logger.warn({ err }, 'pruning the seen-event ledger failed'));
      prune();
      pruneTimer = setInterval(prune, SEEN_EVENT_PRUNE_MS).unref();
      const botStarted = Promise.all([bot.start(), notifications.start()]).then(() => undefined);
      return { port, botStarted };
    },
    async stop() {
      shuttingDown.abort();
      const closed = http ? new Promise<void>((resolve) => http?.close(() => resolve())) : Promise.resolve();
      http?.closeIdleConnections();
      await bot.stop();
      clearInterval(pruneTimer);
      await notifications.stop();
      await digestTicker?.stop();
      await Promise.allSettled([...digestStops]);
      await closed;
      await store.close();
      logger.info('stopped');
    },
  };
}
