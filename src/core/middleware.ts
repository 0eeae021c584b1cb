/*
 * Every cross-cutting check an incoming event passes, in one place and in one order (bolt's `app.use` chain):
 *
 *   (verify) → error net → ignore self → dedupe → allow-list → resolve → allow-list → press dedupe → route
 *
 * - verify: the HTTP route checks the signature over the raw bytes before it answers 200 (src/server); every step
 *   after the 200 is here.
 * - error net: whatever a later step throws, the person still hears back (a UserError's own words, else an apology).
 * - ignore self: Webex tells the bot about its own messages; nothing to answer, nothing to record.
 * - dedupe: Webex may deliver an event again, to any instance and after a restart; one answer is enough.
 * - allow-list: ALLOWED_EMAIL_DOMAINS, checked as soon as the sender's email is known (a message's delivery names it:
 *   no lookup at all; a card press's only after the person lookup), so it sits on both sides of resolve.
 * - resolve: the delivery becomes a chat event (the framework reads the message and the person) or an apology when
 *   that failed.
 * - press dedupe: the same button of the same card, pressed twice or by two people, is one question.
 * - route: the command or card action answers.
 * Each step is a small named function with its own tests (test/unit/core/middleware.test.ts).
 */
import type { ChatEvent, Reply } from '../bot/types.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WebhookEnvelope } from '../webex/types.js';
import type { Messenger } from './messenger.js';

/** How the chain posts: the one messenger. */
export type Poster = Pick<Messenger, 'say' | 'sendCard'>;

/** One delivery on its way through the chain; steps fill in what they learn. */
export interface EventContext {
  readonly envelope: WebhookEnvelope;
  readonly log: Logger;
  /** Set by resolve: the chat event the delivery is about, and how to answer into its space. */
  event?: ChatEvent;
  reply?: Reply;
  /** What answered (a command's name, `action:<name>`, `outsider`…): a label from a small fixed set for metrics. */
  label?: string;
  /** Steps that must undo something when a later step failed register it here (the error net runs them). */
  onFailure?: Array<() => Promise<void>>;
}

export type Middleware = (ctx: EventContext, next: () => Promise<void>) => Promise<void>;

/** Runs the steps in order; a step that does not call next() ends the chain there. */
export function compose(steps: readonly Middleware[]): (ctx: EventContext) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => {
      const step = steps[i];
      return step ? step(ctx, () => run(i + 1)) : Promise.resolve();
    };
    return run(0);
  };
}

export const GENERIC_FAILURE =
  'Sorry, something went wrong on my side while answering that. Please try again in a moment.';

/** What someone outside ALLOWED_EMAIL_DOMAINS hears, whichever way their event arrives. */
export const OUTSIDER_REFUSAL =
  "Sorry, I can only help people in this organisation's allowed email domains, so I can't answer you.";

/** ALLOWED_EMAIL_DOMAINS as a check; undefined (everyone) when none are configured. */
export function emailDomainFilter(domains: string[]): ((email: string) => boolean) | undefined {
  if (domains.length === 0) return undefined;
  const allowed = new Set(domains.map((d) => d.toLowerCase()));
  return (email) => allowed.has(email.toLowerCase().split('@').pop() ?? '');
}

/** Catches whatever a later step throws. Only a chat event gets a reply: a delivery nobody asked about stays quiet. */
export function errorNet({ say }: Pick<Poster, 'say'>): Middleware {
  return async function errorNetStep(ctx, next) {
    try {
      await next();
    } catch (err) {
      for (const undo of ctx.onFailure ?? []) await undo().catch(() => undefined);
      const roomId = ctx.event?.roomId;
      if (err instanceof UserError) {
        ctx.log.info({ code: err.code }, 'answered with a user error');
      } else {
        ctx.log.error({ err }, 'handling an event failed');
      }
      if (!roomId) return;
      const text = err instanceof UserError ? err.userMessage : GENERIC_FAILURE;
      await say(roomId, text).catch((e: unknown) =>
        ctx.log.error({ err: e }, 'could not send the apology either'),
      );
    }
  };
}

/** Ends the chain for the bot's own messages and card presses. */
export function ignoreSelf(isSelf: (personId: string) => boolean): Middleware {
  return async function ignoreSelfStep(ctx, next) {
    const { resource, data } = ctx.envelope;
    const chat = resource === 'messages' || resource === 'attachmentActions';
    if (chat && data.personId && isSelf(data.personId)) return;
    await next();
  };
}

/** The key under which a delivery is claimed in the seen-event ledger. */
export const deliveryKey = (e: WebhookEnvelope): string => `${e.resource}:${e.event}:${e.data.id}`;

/** Ends the chain for a delivery already claimed, here or by another instance. */
export function dedupe(firstTime: (key: string) => Promise<boolean>): Middleware {
  return async function dedupeStep(ctx, next) {
    const key = deliveryKey(ctx.envelope);
    if (!(await firstTime(key))) {
      ctx.log.info({ key }, 'duplicate webhook delivery ignored');
      return;
    }
    await next();
  };
}

/**
 * Refuses people outside the allowed domains as soon as their email is known: from the chat event once resolved,
 * else from a message's delivery. Until then it lets the delivery through (it sits after resolve too).
 */
export function allowList(
  isAllowedEmail: ((email: string) => boolean) | undefined,
  { say }: Pick<Poster, 'say'>,
): Middleware {
  return async function allowListStep(ctx, next) {
    const { envelope, event } = ctx;
    const fromDelivery = envelope.resource === 'messages' ? envelope.data.personEmail : undefined;
    const email = event ? event.personEmail : fromDelivery;
    if (!isAllowedEmail || typeof email !== 'string' || isAllowedEmail(email)) return next();
    ctx.log.info({ roomId: envelope.data.roomId }, 'event from outside the allowed domains');
    ctx.label = 'outsider';
    const roomId = event?.roomId ?? envelope.data.roomId;
    if (roomId) await say(roomId, OUTSIDER_REFUSAL);
  };
}

/** What became of a delivery handed to whatever turns it into a chat event. */
export type Resolution =
  | { kind: 'event'; event: ChatEvent }
  /** It was about someone's message or button, but it got lost on the way (a Webex lookup failed). */
  | { kind: 'dropped' }
  /** Nothing to answer (a membership, a file without text…). */
  | { kind: 'ignored' };

export const DROPPED_APOLOGY =
  "Sorry, Webex didn't answer me in time, so I couldn't read your last message. Please send it again in a moment.";

/** Turns the delivery into a chat event and a way to answer it; apologises when the event was lost on the way. */
export function resolve(toChatEvent: (ctx: EventContext) => Promise<Resolution>, poster: Poster): Middleware {
  return async function resolveStep(ctx, next) {
    const found = await toChatEvent(ctx);
    if (found.kind === 'event') {
      const { roomId } = found.event;
      ctx.event = found.event;
      ctx.reply = {
        say: (markdown) => poster.say(roomId, markdown),
        sendCard: (card, fallback) => poster.sendCard(roomId, card, fallback),
      };
      return next();
    }
    const roomId = ctx.envelope.data.roomId;
    if (found.kind === 'ignored' || !roomId) return;
    ctx.log.warn(
      { resource: ctx.envelope.resource, eventId: ctx.envelope.data.id, roomId },
      'event dropped on the way to a handler; apologising',
    );
    await poster
      .say(roomId, DROPPED_APOLOGY)
      .catch((err: unknown) =>
        ctx.log.error({ err, roomId }, 'could not tell the person their message was lost'),
      );
  };
}

/** A card button pressed again (by anyone) is answered once; after a failed answer it may be pressed again. */
export function pressDedupe(seen: {
  firstTime(key: string): Promise<boolean>;
  forget(key: string): Promise<void>;
}): Middleware {
  return async function pressDedupeStep(ctx, next) {
    const event = ctx.event;
    if (event?.kind !== 'action') return next();
    const key = `press:${event.messageId}:${stableJson(event.inputs)}`;
    if (!(await seen.firstTime(key))) {
      ctx.log.info('card button pressed again; already answered');
      ctx.label = 'action:repeat';
      return;
    }
    (ctx.onFailure ??= []).push(() => seen.forget(key));
    await next();
  };
}

/**
 * Answers the chat event and names what answered. The router tells the name (`onLabel`) before it answers, so an
 * answer that failed is still counted under it.
 */
export type Router = (
  event: ChatEvent,
  reply: Reply,
  log: Logger,
  onLabel: (label: string) => void,
) => Promise<string>;

/** Hands the chat event to the router. */
export function route(onEvent: Router): Middleware {
  return async function routeStep(ctx, next) {
    const { event, reply } = ctx;
    if (!event || !reply) throw new Error('route needs a resolved event');
    ctx.label = await onEvent(event, reply, ctx.log, (label) => (ctx.label = label));
    await next();
  };
}

/** JSON with object keys sorted, so the same card data always gives the same key. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface EventChainDeps {
  isSelf(personId: string): boolean;
  firstTime(key: string): Promise<boolean>;
  seen: { firstTime(key: string): Promise<boolean>; forget(key: string): Promise<void> };
  isAllowedEmail?: (email: string) => boolean;
  toChatEvent(ctx: EventContext): Promise<Resolution>;
  onEvent: Router;
  poster: Poster;
}

/** The one chain every delivery goes through (see the top of this file). */
export function createEventChain(deps: EventChainDeps): (ctx: EventContext) => Promise<void> {
  return compose([
    errorNet(deps.poster),
    ignoreSelf(deps.isSelf),
    dedupe(deps.firstTime),
    allowList(deps.isAllowedEmail, deps.poster),
    resolve(deps.toChatEvent, deps.poster),
    allowList(deps.isAllowedEmail, deps.poster),
    pressDedupe(deps.seen),
    route(deps.onEvent),
  ]);
}
