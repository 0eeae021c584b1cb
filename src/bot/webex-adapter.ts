/*
 * The only module that touches webex-node-bot-framework (a lint rule keeps it so). Everything the rest of the code
 * sees is our own ChatEvent / Reply.
 *
 * What the framework is still trusted with:
 * - turning a delivery into a message or card press with its sender: it reads the message (or action) and the
 *   person, through our transport, and emits them;
 * - knowing the spaces it has met, and telling when the bot was added to one by someone (the greeting).
 * What it is no longer trusted with, and where that lives instead:
 * - every Webex request: the SDK is never loaded (sdk-stand-in.ts); its calls go through our WebexClient, with our
 *   retries, time-outs, caches and WEBEX_API_URL (sdk-transport.ts);
 * - webhooks: registered by webhook-registrar.ts; the framework is never allowed to delete any;
 * - posting: replies go through the messenger (one retry policy for POSTs), never through its bot.say();
 * - noticing an event it dropped (a Webex lookup failed): framework-handoff.ts follows each delivery;
 * - the bot's removal from a space: decided from the delivery (it only reports spaces it holds an object for);
 * - every cross-cutting check (dedupe, ignore self, allow-list, error net): src/core/middleware.ts;
 * - state: it keeps nothing (NO_STORAGE) and at most maxSpaceObjects space objects.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { runForEvent } from '../core/log-context.js';
import type { Messenger } from '../core/messenger.js';
import type { Metrics } from '../core/metrics.js';
import { createEventChain, type EventContext, type Resolution, type Router } from '../core/middleware.js';
import type { SeenEvents } from '../core/seen-events.js';
import { frameworkLine, type Logger } from '../logger.js';
import { ensureWebhooks, webhookName } from '../webex/webhook-registrar.js';
import type { WebexWebhook, WebhookEnvelope } from '../webex/types.js';
import type { WebexClient } from '../webex/webex-client.js';
import { createFrameworkHandoff, type FrameworkHandoff } from './framework-handoff.js';
import {
  NO_STORAGE,
  type FrameworkBot,
  type FrameworkConstructor,
  type FrameworkInstance,
  type FrameworkTrigger,
  type WebhookHandlerFactory,
} from './framework-types.js';
import { createSdkStandIn, loadWithReplacement } from './sdk-stand-in.js';
import { createSdkTransport, type SdkTransport } from './sdk-transport.js';
import { startWithRetry } from './start-with-retry.js';
import { toChatEvent } from './to-chat-event.js';
import type { Reply } from './types.js';

/** Spaces whose framework object is kept; an evicted space is met again from the transport's caches at no cost. */
export const MAX_SPACE_OBJECTS = 500;

export interface WebexBotOptions {
  client: WebexClient;
  /** Every message the bot posts goes through it (one retry policy for POSTs). */
  messenger: Messenger;
  logger: Logger;
  /** Where Webex delivers events: PUBLIC_URL + the webhook path. */
  webhookUrl: string;
  webhookSecret: string | undefined;
  botToken: string;
  /**
   * Answers the event and resolves to what answered, a label for the reply-latency metric (e.g. the command's
   * name); `onLabel` learns it before the answer is posted, so a failed answer is counted under it too.
   */
  onEvent: Router;
  metrics?: Pick<Metrics, 'replyLatency' | 'frameworkSpaces' | 'cacheLookups'>;
  /** Called when the bot was added to a space by someone (not when it rediscovers a space). */
  onAddedToSpace?(roomId: string, roomType: 'direct' | 'group', reply: Reply): Promise<void>;
  onRemovedFromSpace?(roomId: string): Promise<void>;
  /** ALLOWED_EMAIL_DOMAINS: people for whom the bot does nothing but say so politely. */
  isAllowedEmail?: ((email: string) => boolean) | undefined;
  /** The seen-event ledger: each delivery and each card press is answered once, fleet-wide. */
  seen: Pick<SeenEvents, 'firstTime' | 'forget'>;
  /** Pause between start-up attempts while Webex is unreachable; tests make it short. */
  startRetryDelayMs?: (attempt: number) => number;
  /** How many spaces' framework objects are kept (default MAX_SPACE_OBJECTS). */
  maxSpaceObjects?: number;
}

export interface WebexBot {
  /**
   * Registers webhooks and starts the framework, retrying transient failures until it worked or stop() was called.
   * Rejects with a StartupError when Webex rejects the bot token (401): no retry can fix that.
   */
  start(): Promise<void>;
  isReady(): boolean;
  /** Why the last start-up attempt failed, while the bot is still retrying (shown by /readyz). */
  readonly startError: string | undefined;
  handleWebhook(envelope: WebhookEnvelope): Promise<void>;
  /** Waits for in-flight handlers, then stops the framework. Never deletes webhooks. */
  stop(): Promise<void>;
  /** Whether a person id is the bot's own (false until the framework knows who the bot is). */
  isSelf(personId: string): boolean;
  /** How many spaces the framework holds an object for (bounded by maxSpaceObjects). */
  spaceObjects(): number;
}

const sdkStandIn = createSdkStandIn<SdkTransport>();
let frameworkModules: { Framework: FrameworkConstructor; webhookHandler: WebhookHandlerFactory } | undefined;

/** Loads the framework once, with its `require('webex')` answered by the stand-in. */
function loadFramework() {
  if (frameworkModules) return frameworkModules;
  const require = createRequire(import.meta.url);
  const frameworkDir = dirname(require.resolve('webex-node-bot-framework/package.json')) + sep;
  frameworkModules = loadWithReplacement('webex', frameworkDir, sdkStandIn, () => ({
    Framework: require('webex-node-bot-framework') as FrameworkConstructor,
    webhookHandler: require('webex-node-bot-framework/webhook') as WebhookHandlerFactory,
  }));
  return frameworkModules;
}

function createFramework(Framework: FrameworkConstructor, opts: WebexBotOptions): FrameworkInstance {
  const framework = new Framework({
    token: opts.botToken,
    webhookUrl: opts.webhookUrl,
    // Never let the framework delete webhooks (it deletes all of the token's by default, on start and on stop).
    removeWebhooksOnStart: false,
    // Spaces are discovered when a message arrives; scanning every membership at start is slow for a busy bot and
    // its failure is an unhandled rejection inside the framework.
    maxStartupSpaces: 0,
    messageFormat: 'markdown',
  });
  framework.storageDriver(NO_STORAGE).catch(() => undefined);
  const log = opts.logger;
  // The framework talks on every event; masking its lines costs more than the rest of a reply, so only when kept.
  framework.debugger = (message: string) => {
    if (log.isLevelEnabled('trace')) log.trace({ framework: true }, frameworkLine(String(message)));
  };
  framework.on('log', (message: string) => {
    if (log.isLevelEnabled('debug')) log.debug({ framework: true }, frameworkLine(String(message)));
  });
  return framework;
}

/** The framework's events: chat events go to the delivery being followed; a new space is bounded and greeted. */
function listen(
  framework: FrameworkInstance,
  handoff: FrameworkHandoff,
  opts: WebexBotOptions,
  track: (p: Promise<unknown>) => void,
) {
  for (const name of ['message', 'attachmentAction'] as const) {
    framework.on(name, (bot: FrameworkBot, trigger: FrameworkTrigger) => {
      const event = toChatEvent(name, bot, trigger, framework.person);
      if (event) handoff.emitted(event.kind === 'message' ? event.messageId : event.actionId, event);
    });
  }
  const maxSpaceObjects = opts.maxSpaceObjects ?? MAX_SPACE_OBJECTS;
  framework.on('spawn', (bot: FrameworkBot, _frameworkId: string, addedBy?: string) => {
    // The newest is last; the oldest spaces go (their objects live on while a handler still holds them).
    const excess = framework.bots.length - maxSpaceObjects;
    if (excess > 0) framework.bots.splice(0, excess);
    opts.metrics?.frameworkSpaces.set(framework.bots.length);
    if (!addedBy || !opts.onAddedToSpace) return;
    const roomId = bot.room.id;
    const reply: Reply = {
      say: (markdown) => opts.messenger.say(roomId, markdown),
      sendCard: (card, fallback) => opts.messenger.sendCard(roomId, card, fallback),
    };
    track(
      opts
        .onAddedToSpace(roomId, bot.isDirect ? 'direct' : 'group', reply)
        .catch((err: unknown) => opts.logger.error({ err, roomId }, 'greeting a new space failed')),
    );
  });
}

/** Registers the webhooks and starts the framework with our transport; says when it is ready to take events. */
function createStarter(framework: FrameworkInstance, handoff: FrameworkHandoff, opts: WebexBotOptions) {
  const log = opts.logger;
  let registeredWebhooks: WebexWebhook[] = [];
  let webhooksReady = false;
  let startError: string | undefined;
  let stopping = false;
  const transport = createSdkTransport(opts.client, {
    messenger: opts.messenger,
    registeredWebhooks: () => registeredWebhooks,
    botPerson: () => (framework.active ? framework.person : undefined),
    logger: log,
    metrics: opts.metrics,
    observer: { onMessageFetched: (m) => handoff.fetched(m) },
  });
  async function startOnce(): Promise<void> {
    if (!webhooksReady) {
      const spec = { targetUrl: opts.webhookUrl, secret: opts.webhookSecret, logger: log };
      registeredWebhooks = await ensureWebhooks(opts.client, spec);
      webhooksReady = true;
    }
    // The framework builds its SDK instance synchronously inside start(): this is where it gets our transport.
    if (!framework.active) await sdkStandIn.during(transport, () => framework.start());
  }
  return {
    async start() {
      const started = await startWithRetry(startOnce, {
        logger: log,
        delayMs: opts.startRetryDelayMs,
        stopping: () => stopping,
        onStatus: (error) => (startError = error),
      });
      if (started)
        log.info({ bot: framework.person?.emails?.[0], webhookUrl: opts.webhookUrl }, 'bot started');
    },
    stopping: () => void (stopping = true),
    startError: () => startError,
    // The framework only accepts events once it has taken up our webhook, which happens after start() resolved.
    isReady: () =>
      webhooksReady &&
      framework.active &&
      framework.initialized &&
      framework.webhook?.name === webhookName(opts.webhookUrl),
  };
}

export function createWebexBot(opts: WebexBotOptions): WebexBot {
  const { Framework, webhookHandler } = loadFramework();
  const log = opts.logger;
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
  };
  const handoff = createFrameworkHandoff();
  const framework = createFramework(Framework, opts);
  const starter = createStarter(framework, handoff, opts);
  const deliver = webhookHandler(framework);
  listen(framework, handoff, opts, track);
  const isSelf = (personId: string) => framework.active && personId === framework.person?.id;

  async function resolveDelivery(ctx: EventContext): Promise<Resolution> {
    const { resource, event, data } = ctx.envelope;
    // Decided from the delivery: the framework only reports a removal from a space it holds an object for, and it
    // holds few (see maxSpaceObjects) and none from before a restart. On to the framework all the same, which drops
    // its object for the space if it has one.
    if (
      resource === 'memberships' &&
      event === 'deleted' &&
      data.roomId &&
      data.personId &&
      isSelf(data.personId)
    ) {
      const roomId = data.roomId;
      await opts
        .onRemovedFromSpace?.(roomId)
        .catch((err: unknown) => log.error({ err, roomId }, 'cleanup failed'));
    }
    return handoff.handOff(ctx.envelope, () => deliver({ body: ctx.envelope, headers: {} }), ctx.log);
  }

  const chain = createEventChain({
    isSelf,
    firstTime: (key) => opts.seen.firstTime(key),
    seen: opts.seen,
    isAllowedEmail: opts.isAllowedEmail,
    toChatEvent: resolveDelivery,
    onEvent: opts.onEvent,
    poster: opts.messenger,
  });

  async function handle(envelope: WebhookEnvelope): Promise<void> {
    const arrived = performance.now();
    const ctx: EventContext = { envelope, log };
    await chain(ctx);
    if (ctx.event && opts.metrics) {
      const seconds = (performance.now() - arrived) / 1000;
      opts.metrics.replyLatency.observe({ command: ctx.label || ctx.event.kind }, seconds);
    }
  }

  return {
    isSelf,
    spaceObjects: () => framework.bots.length,
    isReady: starter.isReady,
    get startError() {
      return starter.startError();
    },
    start: starter.start,
    async handleWebhook(envelope) {
      const p = runForEvent(envelope.data.id, () => handle(envelope));
      track(p);
      await p;
    },
    async stop() {
      starter.stopping();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      if (framework.active) {
        await framework.stop().catch((err: unknown) => log.warn({ err }, 'framework stop failed'));
      }
    },
  };
}
