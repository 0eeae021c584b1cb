/**
 * A feature as one object (probot's app function, hubot's script): what it adds to the bot (commands, card
 * actions, web routes) and the events and lifecycle steps it takes part in. createApp builds one per feature
 * (src/features/<feature>/index.ts) and combines them here; core knows no feature, only this shape.
 */
import type { Router } from 'express';
import type { Reply } from '../bot/types.js';
import type { Logger } from '../logger.js';
import type { WebhookEnvelope } from '../webex/types.js';
import type { ActionHandler, CommandSpec } from './command-registry.js';

/** Someone left a space, as the `memberships:deleted` webhook tells it. */
export interface MemberLeft {
  roomId: string;
  personId: string;
  /** The one who left is the bot itself (it was removed from the space). */
  isBot: boolean;
}

export interface FeatureModule {
  /** Names the module in logs when one of its hooks fails. */
  readonly name: string;
  /** Its chat commands; help lists them in the order of the module list. */
  readonly commands?: readonly CommandSpec[];
  /** Card button handlers by the `action` field of the submitted data. */
  readonly actions?: Readonly<Record<string, ActionHandler>>;
  /** Browser-facing routes (the OAuth sign-in legs). */
  readonly routes?: readonly Router[];
  /** Before the server listens; a rejection stops the start (it should be a StartupError naming what to fix). */
  init?(): Promise<void>;
  /** After the server listens, before the bot starts (tickers, webhooks of its own). */
  start?(): Promise<void>;
  /** Stops its timers and waits for its work in flight; the store is still open. */
  stop?(): Promise<void>;
  /** Sees each verified delivery before the bot; true when it took it (the bot then never sees it). */
  onWebhook?(envelope: WebhookEnvelope): boolean;
  /** Someone left a space. Returns at once: the module tracks its own work (and waits for it in stop). */
  onMemberLeft?(left: MemberLeft): void;
  /** Someone added the bot to a space (not when it rediscovers one). */
  onAddedToSpace?(roomId: string, roomType: 'direct' | 'group', reply: Reply): Promise<void>;
  /** The bot was removed from a space (as the framework decided it from the delivery). */
  onBotRemoved?(roomId: string): Promise<void>;
}

/** Every module at once: what createApp hands to the chat router, the server and the bot. */
export interface Features {
  readonly commands: readonly CommandSpec[];
  readonly actions: Readonly<Record<string, ActionHandler>>;
  readonly routes: readonly Router[];
  /** Each module's init in order; the first rejection stops there and is passed on. */
  init(): Promise<void>;
  /** Each module's start, called in order; resolves when all have settled (a failure is logged). */
  start(): Promise<void>;
  /** Each module's stop in reverse order, one after the other (a failure is logged). */
  stop(): Promise<void>;
  /**
   * Offers a delivery to the modules: a membership deletion to every onMemberLeft, then the delivery to each
   * onWebhook until one takes it. True when one did. `isBot` tells the bot's own person id.
   */
  onWebhook(envelope: WebhookEnvelope, isBot: (personId: string) => boolean): boolean;
  onAddedToSpace(roomId: string, roomType: 'direct' | 'group', reply: Reply): Promise<void>;
  onBotRemoved(roomId: string): Promise<void>;
}

/** The membership deletion a delivery reports, if it is one. */
export function memberLeft(
  envelope: WebhookEnvelope,
  isBot: (personId: string) => boolean,
): MemberLeft | undefined {
  if (envelope.resource !== 'memberships' || envelope.event !== 'deleted') return undefined;
  const { roomId, personId } = envelope.data;
  return roomId && personId ? { roomId, personId, isBot: isBot(personId) } : undefined;
}

function mergeActions(modules: readonly FeatureModule[]): Record<string, ActionHandler> {
  const actions: Record<string, ActionHandler> = {};
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.actions ?? {})) {
      // Two handlers for one button would make the answer depend on the module order: refused at start-up.
      if (name in actions) throw new Error(`card action "${name}" is declared twice (again by ${m.name})`);
      actions[name] = handler;
    }
  }
  return actions;
}

/**
 * Combines the modules. A hook that fails is logged under its module's name and never keeps the others from
 * running: one feature's trouble (a webhook Webex refused, a store hiccup in a ticker) must not take the rest down.
 */
export function combineModules(modules: readonly FeatureModule[], logger: Logger): Features {
  const log = logger.child({ component: 'features' });
  /** Runs one module's hook; a failure (thrown or rejected) is logged, never passed on. */
  const guarded = async (m: FeatureModule, hook: string, run: () => Promise<void> | void): Promise<void> => {
    try {
      await run();
    } catch (err) {
      log.error({ err, module: m.name, hook }, 'a feature hook failed');
    }
  };
  const all = (hook: string, run: (m: FeatureModule) => Promise<void> | void) =>
    Promise.all(modules.map((m) => guarded(m, hook, () => run(m)))).then(() => undefined);
  return {
    commands: modules.flatMap((m) => m.commands ?? []),
    actions: mergeActions(modules),
    routes: modules.flatMap((m) => m.routes ?? []),
    async init() {
      for (const m of modules) await m.init?.();
    },
    // Called in order but not one after the other: starts are independent, and a slow one (registering a webhook
    // while Webex is unreachable) must not hold back the others; each one's synchronous part runs in order.
    start: () => all('start', (m) => m.start?.()),
    async stop() {
      for (const m of [...modules].reverse()) await guarded(m, 'stop', () => m.stop?.());
    },
    onWebhook(envelope, isBot) {
      const left = memberLeft(envelope, isBot);
      if (left) for (const m of modules) void guarded(m, 'onMemberLeft', () => m.onMemberLeft?.(left));
      return modules.some((m) => {
        try {
          return m.onWebhook?.(envelope) === true;
        } catch (err) {
          log.error({ err, module: m.name, hook: 'onWebhook' }, 'a feature hook failed');
          return false;
        }
      });
    },
    onAddedToSpace: (roomId, roomType, reply) =>
      all('onAddedToSpace', (m) => m.onAddedToSpace?.(roomId, roomType, reply)),
    onBotRemoved: (roomId) => all('onBotRemoved', (m) => m.onBotRemoved?.(roomId)),
  };
}
