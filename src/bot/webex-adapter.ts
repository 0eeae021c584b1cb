import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { LRUCache } from 'lru-cache';
import { runForEvent } from '../core/log-context.js';
import type { Metrics } from '../core/metrics.js';
import { frameworkLine, type Logger } from '../logger.js';
import { errorMessage } from '../errors.js';
import { EXIT_CONFIG, StartupError } from '../core/startup-error.js';
import { WebexApiError, type WebexClient } from '../webex/webex-client.js';
import { ensureWebhooks, webhookName } from '../webex/webhook-registrar.js';
import type {
  WebexAttachmentAction,
  WebexMessage,
  WebexPerson,
  WebexRoom,
  WebexWebhook,
  WebhookEnvelope,
} from '../webex/types.js';
import type { Messenger } from '../core/messenger.js';
import { createSdkTransport, type SdkTransport } from './sdk-transport.js';
import { OUTSIDER_REFUSAL } from './outsider-refusal.js';
import { stripBotMention } from './strip-mention.js';
import type { ChatEvent, Reply } from './types.js';

/*
 * The only module that touches webex-node-bot-framework. It ships no types, so the shapes we rely on are declared
 * here, and everything the rest of the code sees is our own ChatEvent / Reply.
 */

interface FrameworkBot {
  id: string;
  room: WebexRoom;
  isDirect: boolean;
}

interface FrameworkTrigger {
  type: 'message' | 'attachmentAction';
  id: string;
  text?: string;
  message?: WebexMessage;
  attachmentAction?: WebexAttachmentAction;
  person: WebexPerson;
  personId: string;
}

interface FrameworkInstance extends EventEmitter {
  active: boolean;
  /** One object per space the framework has met, found by linear scan; kept bounded by the adapter. */
  bots: FrameworkBot[];
  initialized: boolean;
  person: WebexPerson;
  /** Set (asynchronously, after start() resolved) to the webhook whose events the framework accepts. */
  webhook?: { name?: string };
  debugger?: (message: string) => void;
  start(): Promise<boolean>;
  stop(): Promise<boolean>;
  storageDriver(driver: Record<string, unknown>): Promise<unknown>;
}

/** Spaces whose framework object is kept; an evicted space is met again from the transport's caches at no cost. */
export const MAX_SPACE_OBJECTS = 500;

/**
 * The framework's default storage keeps an object per space forever; the bot keeps no state in the framework, so
 * this one keeps nothing.
 */
const noStorage = {
  getName: () => 'none',
  initialize: async () => true,
  initStorage: async (_id: string, initial: unknown) => initial,
  store: async (_id: string, _key: string, value: unknown) => value,
  recall: async () => undefined,
  forget: async () => undefined,
};

type FrameworkConstructor = new (options: Record<string, unknown>) => FrameworkInstance;
type WebhookHandlerFactory = (
  framework: FrameworkInstance,
) => (req: { body: unknown; headers: object }) => unknown;

export interface WebexBotOptions {
  client: WebexClient;
  /** Every message the bot posts goes through it (one retry policy for POSTs). */
  messenger: Messenger;
  logger: Logger;
  /** Where Webex delivers events: PUBLIC_URL + the webhook path. */
  webhookUrl: string;
  webhookSecret: string | undefined;
  botToken: string;
  /** Answers the event; may resolve to a label for the reply-latency metric (e.g. the command's name). */
  onEvent(event: ChatEvent, reply: Reply): Promise<string | void>;
  metrics?: Pick<Metrics, 'replyLatency' | 'frameworkSpaces' | 'cacheLookups'>;
  /** Called when the bot was added to a space by someone (not when it rediscovers a space). */
  onAddedToSpace?(roomId: string, roomType: 'direct' | 'group', reply: Reply): Promise<void>;
  onRemovedFromSpace?(roomId: string): Promise<void>;
  /** ALLOWED_EMAIL_DOMAINS: people for whom the bot does nothing but say so politely. */
  isAllowedEmail?(email: string): boolean;
  /** The seen-event ledger: true the first time an event key is seen fleet-wide. */
  firstTime(key: string): Promise<boolean>;
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
  readonly botPerson: WebexPerson | undefined;
  /** How many spaces the framework holds an object for (bounded by maxSpaceObjects). */
  spaceObjects(): number;
}

const APOLOGY =
  "Sorry, Webex didn't answer me in time, so I couldn't read your last message. Please send it again in a moment.";

interface FrameworkModules {
  Framework: FrameworkConstructor;
  webhookHandlerFactory: WebhookHandlerFactory;
}

/** The transport the framework's next `Webex.init()` hands out; set only for the synchronous span of start(). */
let transportForNextInit: SdkTransport | undefined;

/**
 * What the framework gets instead of the Webex JS SDK: `init()` is the only member it uses in webhook mode.
 * Never loading the SDK matters beyond its transport: its bundled core-js 2 replaces String.prototype.trim,
 * parseInt and parseFloat for the whole process with much slower versions, and it is most of the start-up time.
 */
const sdkStandIn = {
  init(): SdkTransport {
    if (!transportForNextInit) throw new Error('the Webex SDK stand-in was used outside of WebexBot.start()');
    return transportForNextInit;
  },
};

let frameworkModules: FrameworkModules | undefined;

/**
 * Loads the framework with `require('webex')` answered by the stand-in. The framework requires the SDK once, at the
 * top of lib/framework.js, so the module loader is intercepted for exactly that request from the framework's own
 * files, and only while the framework is being loaded.
 */
function loadFramework(): FrameworkModules {
  if (frameworkModules) return frameworkModules;
  const require = createRequire(import.meta.url);
  const frameworkDir = dirname(require.resolve('webex-node-bot-framework/package.json')) + sep;
  type Load = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean) => unknown;
  const loader = Module as unknown as { _load: Load };
  const originalLoad = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    if (request === 'webex' && parent?.filename?.startsWith(frameworkDir)) return sdkStandIn;
    return originalLoad.call(this, request, parent, isMain);
  };
  try {
    frameworkModules = {
      Framework: require('webex-node-bot-framework') as FrameworkConstructor,
      webhookHandlerFactory: require('webex-node-bot-framework/webhook') as WebhookHandlerFactory,
    };
  } finally {
    loader._load = originalLoad;
  }
  return frameworkModules;
}

export function createWebexBot(opts: WebexBotOptions): WebexBot {
  const { Framework, webhookHandlerFactory } = loadFramework();

  const log = opts.logger;
  const maxSpaceObjects = opts.maxSpaceObjects ?? MAX_SPACE_OBJECTS;
  let registeredWebhooks: WebexWebhook[] = [];
  let webhooksReady = false;
  let stopping = false;
  let startError: string | undefined;
  const inFlight = new Set<Promise<unknown>>();
  /** Message ids the framework handed to us, and the ones it at least fetched: tells a dropped event from a non-event. */
  const dispatched = new LRUCache<string, true>({ max: 5000, ttl: 10 * 60_000 });
  const fetched = new LRUCache<string, { hasText: boolean }>({ max: 5000, ttl: 10 * 60_000 });
  /** When each event's delivery arrived (performance.now()), for the reply-latency metric. */
  const arrivedAt = new LRUCache<string, number>({ max: 5000, ttl: 10 * 60_000 });

  const transport: SdkTransport = createSdkTransport(opts.client, {
    messenger: opts.messenger,
    registeredWebhooks: () => registeredWebhooks,
    botPerson: () => (framework.active ? framework.person : undefined),
    logger: log,
    metrics: opts.metrics,
    observer: { onMessageFetched: (m) => fetched.set(m.id, { hasText: Boolean(m.text?.trim()) }) },
  });

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
  void framework.storageDriver(noStorage);
  // The framework talks on every event; masking its lines costs more than the rest of a reply, so only when kept.
  framework.debugger = (message: string) => {
    if (log.isLevelEnabled('trace')) log.trace({ framework: true }, frameworkLine(String(message)));
  };
  framework.on('log', (message: string) => {
    if (log.isLevelEnabled('debug')) log.debug({ framework: true }, frameworkLine(String(message)));
  });
  const webhookHandler = webhookHandlerFactory(framework);

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  // Replies are posted with our client directly rather than through the framework's bot.say(): the same request,
  // without the framework's promise library in between, which loses the async context (the event id on log lines).
  const replyFor = (bot: FrameworkBot): Reply => ({
    say: (markdown) => opts.messenger.say(bot.room.id, markdown),
    sendCard: (card, fallbackMarkdown) => opts.messenger.sendCard(bot.room.id, card, fallbackMarkdown),
  });

  const runHandler = (event: ChatEvent, bot: FrameworkBot, eventLog: Logger) => {
    const eventId = event.kind === 'message' ? event.messageId : event.actionId;
    return track(
      runForEvent(eventId, async () => {
        try {
          const label = await opts.onEvent(event, replyFor(bot));
          const arrived = arrivedAt.get(eventId);
          if (arrived !== undefined && opts.metrics) {
            arrivedAt.delete(eventId);
            opts.metrics.replyLatency.observe(
              { command: label || event.kind },
              (performance.now() - arrived) / 1000,
            );
          }
        } catch (err) {
          // Handlers report their own errors; this is the net for bugs, so the person still hears back.
          eventLog.error({ err }, 'handler failed');
          await replyFor(bot)
            .say('Sorry, something went wrong on my side while answering that. Please try again.')
            .catch((e: unknown) => eventLog.error({ err: e }, 'could not send the apology either'));
        }
      }),
    );
  };

  framework.on('message', (bot: FrameworkBot, trigger: FrameworkTrigger) => {
    const message = trigger.message;
    if (!message) return;
    dispatched.set(message.id, true);
    const botPerson = framework.person;
    const text = bot.isDirect
      ? (message.text ?? '').replace(/\s+/g, ' ').trim()
      : stripBotMention(message, botPerson);
    const event: ChatEvent = {
      kind: 'message',
      messageId: message.id,
      roomId: message.roomId,
      roomType: bot.isDirect ? 'direct' : 'group',
      personId: trigger.person.id,
      personEmail: trigger.person.emails?.[0] ?? message.personEmail ?? '',
      person: trigger.person,
      text,
    };
    void runHandler(event, bot, log.child({ messageId: message.id, roomId: message.roomId }));
  });

  framework.on('attachmentAction', (bot: FrameworkBot, trigger: FrameworkTrigger) => {
    const action = trigger.attachmentAction;
    if (!action) return;
    dispatched.set(action.id, true);
    const event: ChatEvent = {
      kind: 'action',
      actionId: action.id,
      messageId: action.messageId,
      roomId: action.roomId,
      roomType: bot.isDirect ? 'direct' : 'group',
      personId: trigger.person.id,
      personEmail: trigger.person.emails?.[0] ?? '',
      person: trigger.person,
      inputs: action.inputs ?? {},
    };
    void runHandler(event, bot, log.child({ actionId: action.id, roomId: action.roomId }));
  });

  framework.on('spawn', (bot: FrameworkBot, _frameworkId: string, addedBy?: string) => {
    // The newest is last; the oldest spaces go (their objects live on while a handler still holds them).
    const excess = framework.bots.length - maxSpaceObjects;
    if (excess > 0) framework.bots.splice(0, excess);
    opts.metrics?.frameworkSpaces.set(framework.bots.length);
    if (!addedBy || !opts.onAddedToSpace) return;
    const hook = opts.onAddedToSpace;
    void track(
      hook(bot.room.id, bot.isDirect ? 'direct' : 'group', replyFor(bot)).catch((err: unknown) =>
        log.error({ err, roomId: bot.room.id }, 'greeting a new space failed'),
      ),
    );
  });

  /** When the framework could not get an event to us (Webex failed on a lookup), the person still gets an answer. */
  async function answerDroppedEvent(envelope: WebhookEnvelope): Promise<void> {
    const { resource, event, data } = envelope;
    const isMessage = resource === 'messages' && event === 'created';
    const isAction = resource === 'attachmentActions' && event === 'created';
    if (!isMessage && !isAction) return;
    if (dispatched.has(data.id) || !data.roomId) return;
    if (data.personId && data.personId === framework.person?.id) return;
    if (isMessage && fetched.get(data.id)?.hasText === false) return; // a file or card without text: nothing to answer
    log.warn(
      { resource, eventId: data.id, roomId: data.roomId },
      'event dropped on the way to a handler; apologising',
    );
    try {
      await opts.messenger.say(data.roomId, APOLOGY);
    } catch (err) {
      log.error({ err, roomId: data.roomId }, 'could not tell the person their message was lost');
    }
  }

  async function startOnce(): Promise<void> {
    if (!webhooksReady) {
      registeredWebhooks = await ensureWebhooks(opts.client, {
        targetUrl: opts.webhookUrl,
        secret: opts.webhookSecret,
        logger: log,
      });
      webhooksReady = true;
    }
    if (!framework.active) {
      // The framework builds its SDK instance synchronously inside start(): this is where it gets our transport.
      transportForNextInit = transport;
      let started: Promise<boolean>;
      try {
        started = framework.start();
      } finally {
        transportForNextInit = undefined;
      }
      await started;
    }
  }

  return {
    get botPerson() {
      return framework.active ? framework.person : undefined;
    },
    spaceObjects: () => framework.bots.length,
    // The framework only accepts events once it has taken up our webhook, which happens after start() resolved.
    isReady: () =>
      webhooksReady &&
      framework.active &&
      framework.initialized &&
      framework.webhook?.name === webhookName(opts.webhookUrl),

    get startError() {
      return startError;
    },

    async start() {
      const delay = opts.startRetryDelayMs ?? ((n: number) => Math.min(60_000, 1000 * 2 ** n));
      for (let attempt = 0; !stopping; attempt++) {
        try {
          await startOnce();
          startError = undefined;
          log.info({ bot: framework.person?.emails?.[0], webhookUrl: opts.webhookUrl }, 'bot started');
          return;
        } catch (err) {
          if (err instanceof WebexApiError && err.status === 401) {
            throw new StartupError(
              'WEBEX_BOT_TOKEN',
              `Webex rejected WEBEX_BOT_TOKEN (401 on ${err.method} ${err.path}): copy the bot's current access token from https://developer.webex.com/my-apps (regenerating it invalidates the old one)`,
              EXIT_CONFIG,
              { cause: err },
            );
          }
          startError = errorMessage(err);
          log.error(
            { err: errorMessage(err), attempt: attempt + 1 },
            'could not start the bot yet; will retry',
          );
          await new Promise((r) => setTimeout(r, delay(attempt)));
        }
      }
    },

    async handleWebhook(envelope) {
      // Webex tells the bot about its own messages too; the framework would fetch each one only to ignore it,
      // and the seen-event ledger need not record them (one store write fewer per answer).
      if (
        envelope.resource === 'messages' &&
        envelope.data.personId &&
        envelope.data.personId === framework.person?.id
      ) {
        return;
      }
      const key = `${envelope.resource}:${envelope.event}:${envelope.data.id}`;
      // Webex can deliver an event again, to any instance and after a restart; one answer is enough.
      if (!(await opts.firstTime(key))) {
        log.info({ key }, 'duplicate webhook delivery ignored');
        return;
      }
      // Decided from the delivery: the framework only reports a removal from a space it holds an object for, and it
      // holds few (see maxSpaceObjects) and none from before a restart.
      if (
        envelope.resource === 'memberships' &&
        envelope.event === 'deleted' &&
        envelope.data.roomId &&
        envelope.data.personId &&
        envelope.data.personId === framework.person?.id
      ) {
        const roomId = envelope.data.roomId;
        const hook = opts.onRemovedFromSpace;
        if (hook) {
          await track(hook(roomId).catch((err: unknown) => log.error({ err, roomId }, 'cleanup failed')));
        }
        // On to the framework, which drops its object for the space if it has one.
      }
      if (
        envelope.resource === 'messages' &&
        typeof envelope.data.personEmail === 'string' &&
        opts.isAllowedEmail &&
        !opts.isAllowedEmail(envelope.data.personEmail)
      ) {
        // Decided from the delivery itself: no lookup, no recordings call, just the refusal.
        log.info({ roomId: envelope.data.roomId }, 'message from outside the allowed domains');
        if (envelope.data.roomId) {
          await track(
            opts.messenger
              .say(envelope.data.roomId, OUTSIDER_REFUSAL)
              .catch((err: unknown) => log.error({ err }, 'could not send the refusal')),
          );
        }
        return;
      }
      arrivedAt.set(envelope.data.id, performance.now());
      await track(
        (async () => {
          try {
            await webhookHandler({ body: envelope, headers: {} });
          } catch (err) {
            log.error({ err, resource: envelope.resource }, 'framework failed on an event');
          }
          await answerDroppedEvent(envelope);
        })(),
      );
    },

    async stop() {
      stopping = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      if (framework.active) {
        await framework.stop().catch((err: unknown) => log.warn({ err }, 'framework stop failed'));
      }
    },
  };
}
