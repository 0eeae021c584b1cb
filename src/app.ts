import { setMaxListeners } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebexBot, type WebexBot } from './bot/webex-adapter.js';
import { createChatRouter } from './commands/chat-router.js';
import type { Config } from './config.js';
import { describeCapabilities, recordingsAccess, type Capabilities } from './core/capabilities.js';
import { CommandRegistry } from './core/command-registry.js';
import { combineModules, type FeatureModule, type Features } from './core/feature-module.js';
import type { Infrastructure } from './core/infrastructure.js';
import { createMessenger } from './core/messenger.js';
import { createMetrics, type Metrics } from './core/metrics.js';
import { emailDomainFilter } from './core/middleware.js';
import { KyselySeenEventRepository } from './core/seen-event-repository.js';
import { seenEventPruning } from './core/seen-event-pruning.js';
import { createSeenEvents } from './core/seen-events.js';
import { listenStartupError, storeStartupError } from './core/startup-error.js';
import { appVersion } from './core/version.js';
import { createDigestsModule } from './features/digests/index.js';
import { createHelpModule } from './features/help/index.js';
import { createNotificationsModule } from './features/notifications/index.js';
import { createRecordingsModule } from './features/recordings/index.js';
import { createSignInModule, type TokenRecords } from './features/sign-in/index.js';
import { createTimeZoneModule } from './features/timezone/index.js';
import type { Logger } from './logger.js';
import { createServer } from './server/create-server.js';
import { metricsRoute } from './server/metrics-route.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import type { WebexPerson } from './webex/types.js';
import { WebexClient, type WebexClientOptions } from './webex/webex-client.js';

export interface AppDeps {
  logger: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Retry pacing; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** The signal that times a Webex call out; tests fire it once the emulator holds the request. */
  webexTimeoutSignal?: WebexClientOptions['timeoutSignal'];
  startRetryDelayMs?: (attempt: number) => number;
  /** Where encrypted tokens are kept; the durable store unless given. */
  tokenRecords?: TokenRecords;
  /** Durable state; opened from DATABASE_URL / DATA_DIR unless given. */
  store?: Store;
  /** Names this instance in digest leases and run history. */
  instanceId?: string;
  /**
   * How often the digest ticker looks for due digests, instead of DIGEST_TICK_SECONDS: tests go below that setting's
   * 1 s minimum (which keeps a misconfigured deployment from hammering the store) so as not to wait a second a tick.
   */
  digestTickMs?: number;
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

/** The composition root shared by main.ts and the tests: infrastructure, then the features, then the bot and server. */
export function createApp(config: Config, deps: AppDeps): App {
  const infra = createInfrastructure(config, deps);
  // Help lists the commands in this order; the seen-event pruning is last so that it starts last and stops first.
  const registry = new CommandRegistry();
  const features = combineModules(
    [
      ...featureModules(infra, deps),
      createHelpModule({ registry }),
      seenEventPruning(infra.seen, infra.logger),
    ],
    infra.logger,
  );
  for (const command of features.commands) registry.add(command);
  const capabilities: Capabilities = {
    version: appVersion(),
    store: infra.store.backend,
    webhookUrl: infra.webhookUrl,
    recordingsAccess: recordingsAccess(config),
  };
  const bot = createBot(infra, features, registry, deps);
  const server = createServer({
    webhookPath: config.webhookPath,
    webhookSecret: config.webhookSecret,
    logger: infra.logger,
    isReady: () => bot.isReady(),
    readiness: () => ({
      version: capabilities.version,
      webhookUrl: infra.webhookUrl,
      recordingsAccess: capabilities.recordingsAccess,
      ...(bot.startError ? { lastError: bot.startError } : {}),
    }),
    storeHealth: async () => ({ backend: infra.store.backend, ...(await infra.store.health()) }),
    // A feature takes the deliveries it owns (recordings); the bot answers the rest.
    onWebhook: (envelope) => {
      if (!features.onWebhook(envelope, bot.isSelf)) void bot.handleWebhook(envelope);
    },
    routers: [metricsRoute(infra.metrics, config.metricsToken), ...features.routes],
  });
  return {
    bot,
    capabilities,
    metrics: infra.metrics,
    ...lifecycle({ infra, features, bot, server, capabilities }),
  };
}

interface AppInfrastructure extends Infrastructure {
  store: Store;
  /** Ends the work in flight that listens to `signal` (first thing in stop). */
  shutDown: AbortController;
}

function createInfrastructure(config: Config, deps: AppDeps): AppInfrastructure {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const metrics = deps.metrics ?? createMetrics();
  const client = new WebexClient({
    baseUrl: config.webexApiUrl,
    token: config.botToken,
    timeoutMs: config.webexTimeoutMs,
    maxRetries: config.webexMaxRetries,
    logger: logger.child({ client: 'bot' }),
    fetch: deps.fetch,
    sleep: deps.sleep,
    timeoutSignal: deps.webexTimeoutSignal,
    postTimeoutMs: config.webexPostTimeoutMs,
    metrics,
  });
  const messenger = createMessenger({ client, logger, now, metrics });
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
  const seen = createSeenEvents({ ledger: new KyselySeenEventRepository(store.kysely), now, logger });
  const shutDown = new AbortController();
  // Every Webex call in flight that shutdown cancels listens to this signal until it ends: no listener limit.
  setMaxListeners(0, shutDown.signal);
  const webhookUrl = `${config.publicUrl}${config.webhookPath}`;
  return {
    config,
    store,
    client,
    messenger,
    metrics,
    now,
    logger,
    seen,
    webhookUrl,
    shutDown,
    signal: shutDown.signal,
  };
}

/** The features, wired to each other through the interfaces they declare (none imports another's internals). */
function featureModules(infra: Infrastructure, deps: AppDeps): FeatureModule[] {
  const timezone = createTimeZoneModule(infra);
  const signIn = createSignInModule(infra, {
    fetch: deps.fetch,
    tokenRecords: deps.tokenRecords,
    // Notifications remove the person's webhook while their token still works; digests stop after.
    disconnectHooks: () => [notifications, digests],
  });
  const zones = { timeZoneFor: (person: WebexPerson) => timezone.zoneFor(person) };
  const access = { credentials: signIn.credentials, access: signIn.policy, ...zones };
  const recordings = createRecordingsModule(infra, access);
  const digests = createDigestsModule(infra, {
    ...access,
    instanceId: deps.instanceId,
    tickMs: deps.digestTickMs,
  });
  const notifications = createNotificationsModule(infra, {
    ...access,
    isSignedIn: signIn.isSignedIn,
    settingZone: (personId) => timezone.setting(personId),
  });
  return [recordings, signIn, digests, timezone, notifications];
}

function createBot(
  infra: Infrastructure,
  features: Features,
  registry: CommandRegistry,
  deps: AppDeps,
): WebexBot {
  const { config } = infra;
  return createWebexBot({
    client: infra.client,
    messenger: infra.messenger,
    logger: infra.logger,
    webhookUrl: infra.webhookUrl,
    webhookSecret: config.webhookSecret,
    botToken: config.botToken,
    onEvent: createChatRouter({ registry, actions: features.actions, now: infra.now }),
    metrics: infra.metrics,
    isAllowedEmail: emailDomainFilter(config.allowedEmailDomains),
    seen: infra.seen,
    onAddedToSpace: features.onAddedToSpace,
    onRemovedFromSpace: features.onBotRemoved,
    startRetryDelayMs: deps.startRetryDelayMs,
    maxSpaceObjects: deps.maxSpaceObjects,
  });
}

interface AppParts {
  infra: AppInfrastructure;
  features: Features;
  bot: WebexBot;
  server: ReturnType<typeof createServer>;
  capabilities: Capabilities;
}

/**
 * Migrates the store and lets each feature check what it needs (a wrong TOKEN_ENCRYPTION_KEY), before anything is
 * served or written; on failure the store is closed and a StartupError names the variable to fix.
 */
async function prepare({ infra, features }: AppParts): Promise<void> {
  const { store, config } = infra;
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw storeStartupError(err, config);
  }
  try {
    await features.init();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}

async function listen({ infra, server }: AppParts): Promise<Server> {
  try {
    return await new Promise<Server>((resolve, reject) => {
      // Express 5 hands a listen error (EADDRINUSE…) to this callback instead of emitting it.
      const s = server.listen(infra.config.port, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (err) {
    await infra.store.close().catch(() => undefined);
    throw listenStartupError(err, infra.config.port);
  }
}

function lifecycle(parts: AppParts): Pick<App, 'start' | 'stop'> {
  const { infra, features, bot, capabilities } = parts;
  const { logger } = infra;
  let http: Server | undefined;
  return {
    async start() {
      if (!infra.config.webhookSecret) {
        logger.warn(
          'ALLOW_UNSIGNED_WEBHOOKS=true and no WEBHOOK_SECRET: webhook deliveries are accepted unsigned (never do this in production)',
        );
      }
      await prepare(parts);
      http = await listen(parts);
      const port = (http.address() as AddressInfo).port;
      const line = describeCapabilities(capabilities);
      if (capabilities.recordingsAccess === 'none') logger.warn({ ...capabilities, port }, line);
      else logger.info({ ...capabilities, port }, line);
      // The features' tickers and timers first, then the bot; neither holds start() up.
      const featuresStarted = features.start();
      const botStarted = Promise.all([bot.start(), featuresStarted]).then(() => undefined);
      return { port, botStarted };
    },
    async stop() {
      infra.shutDown.abort();
      const server = http;
      const closed = server
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      server?.closeIdleConnections();
      await bot.stop();
      await features.stop();
      await closed;
      await infra.store.close();
      logger.info('stopped');
    },
  };
}
