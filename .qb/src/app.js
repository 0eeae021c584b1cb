import { randomUUID } from 'node:crypto';
import { buildAccess } from './features/sign-in/build-access.js';
import { createAnswerMemo } from './features/recordings/answer-memo.js';
import { TokenKeyError } from './features/sign-in/user-tokens.js';
import { createWebexBot } from './bot/webex-adapter.js';
import { connectCommand, disconnectCommand } from './features/sign-in/connect-command.js';
import { DIGEST_STOP_ACTION, digestCommand, digestStopAction } from './features/digests/digest-command.js';
import { createChatRouter } from './commands/chat-router.js';
import { helpCommand } from './features/help/help-command.js';
import { recordingsCommand, SHOW_MORE_ACTION, showMoreAction, ShowMoreSigner, } from './features/recordings/recordings-command.js';
import { CommandRegistry } from './core/command-registry.js';
import { timezoneCommand } from './features/timezone/timezone-command.js';
import { KyselyTimeZoneRepository } from './features/timezone/timezone-repository.js';
import { createTimeZoneSettings } from './features/timezone/timezone-settings.js';
import { describeCapabilities, recordingsAccess } from './core/capabilities.js';
import { createMessenger } from './core/messenger.js';
import { createMetrics } from './core/metrics.js';
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
import { createServer } from './server/create-server.js';
import { metricsRoute } from './server/metrics-route.js';
import { oauthRoutes } from './features/sign-in/oauth-routes.js';
import { openStore } from './store/open-store.js';
import { createRecordingsService } from './features/recordings/recordings-service.js';
import { WebexClient } from './webex/webex-client.js';
/** The composition root shared by main.ts and the tests: everything is built here from Config and injected deps. */
export function createApp(config, deps) {
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
    let store;
    try {
        store =
            deps.store ??
                openStore({
                    databaseUrl: config.databaseUrl,
                    dataDir: config.dataDir,
                    logger: logger.child({ component: 'store' }),
                });
    }
    catch (err) {
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
        timeZoneFor: (person) => timeZones.zoneFor(person),
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
        list: (sub, range) => digestRecordings.list({ personId: sub.creatorPersonId, email: sub.creatorEmail }, {
            range: { ...range, kind: 'rolling', label: 'digest', isDefault: false },
            timeZone: sub.schedule.timeZone,
            ...sub.filters,
        }, { hostedOnly: sub.roomType === 'group' }),
        poster: { postCard: messenger.sendCard, say: messenger.say },
    });
    let digestTicker;
    let pruneTimer;
    const webhookUrl = `${config.publicUrl}${config.webhookPath}`;
    // Late-bound: the bot is built below, with the command registry.
    let isBot = () => false;
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
    const digestStops = new Set();
    const trackDigestStop = (p) => {
        const tracked = p.catch((err) => logger.error({ err }, "stopping a creator's digests failed"));
        digestStops.add(tracked);
        void tracked.finally(() => digestStops.delete(tracked));
    };
    const registry = new CommandRegistry();
    registry.add(recordingsCommand(recordings));
    registry.add(connectCommand(access.policy));
    registry.add(disconnectCommand({
        ...access.policy,
        disconnect: async (personId) => {
            await notifications.beforeDisconnect(personId);
            const removed = await access.policy.disconnect(personId);
            // Her digests showed her recordings because she let the bot read them; that permission is gone now.
            if (removed)
                await digests.creatorGone(personId, 'disconnected');
            return removed;
        },
    }));
    const digest = digestCommand({ service: digests });
    registry.add(digest);
    registry.add(timezoneCommand({ settings: timeZones }));
    for (const c of notifications.commands)
        registry.add(c);
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
    const capabilities = {
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
            await reply.say(roomType === 'group'
                ? 'Hi! @mention me with `help` to see what I can do with your meeting recordings.'
                : 'Hi! Type `help` to see what I can do with your meeting recordings.');
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
            if (!notifications.onWebhook(envelope))
                void bot.handleWebhook(envelope);
        },
        routers: [
            metricsRoute(metrics, config.metricsToken),
            ...(access.signIn ? [oauthRoutes(access.signIn)] : []),
        ],
    });
    let http;
    return {
        bot,
        capabilities,
        metrics,
        async start() {
            if (!config.webhookSecret) {
                logger.warn('ALLOW_UNSIGNED_WEBHOOKS=true and no WEBHOOK_SECRET: webhook deliveries are accepted unsigned (never do this in production)');
            }
            try {
                await store.migrate();
            }
            catch (err) {
                await store.close().catch(() => undefined);
                throw storeStartupError(err, config);
            }
            try {
                // Before listening: a wrong TOKEN_ENCRYPTION_KEY must stop the start before anything is served or written.
                await access.init();
            }
            catch (err) {
                await store.close().catch(() => undefined);
                throw err instanceof TokenKeyError
                    ? new StartupError('TOKEN_ENCRYPTION_KEY', err.message, EXIT_CONFIG, { cause: err })
                    : err;
            }
            try {
                http = await new Promise((resolve, reject) => {
                    // Express 5 hands a listen error (EADDRINUSE…) to this callback instead of emitting it.
                    const s = server.listen(config.port, (err) => (err ? reject(err) : resolve(s)));
                });
            }
            catch (err) {
                await store.close().catch(() => undefined);
                throw listenStartupError(err, config.port);
            }
            const port = http.address().port;
            const line = describeCapabilities(capabilities);
            if (capabilities.recordingsAccess === 'none')
                logger.warn({ ...capabilities, port }, line);
            else
                logger.info({ ...capabilities, port }, line);
            digestTicker = startTicker({ tick: () => digests.runDue() }, config.digestTickMs, logger);
            const prune = () => void seen
                .prune()
                .catch((err) => logger.warn({ err }, 'pruning the seen-event ledger failed'));
            prune();
            pruneTimer = setInterval(prune, SEEN_EVENT_PRUNE_MS).unref();
            const botStarted = Promise.all([bot.start(), notifications.start()]).then(() => undefined);
            return { port, botStarted };
        },
        async stop() {
            shuttingDown.abort();
            const closed = http ? new Promise((resolve) => http?.close(() => resolve())) : Promise.resolve();
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
//# sourceMappingURL=app.js.map