import { UserError } from '../errors.js';
/** Runs the steps in order; a step that does not call next() ends the chain there. */
export function compose(steps) {
    return (ctx) => {
        const run = (i) => {
            const step = steps[i];
            return step ? step(ctx, () => run(i + 1)) : Promise.resolve();
        };
        return run(0);
    };
}
export const GENERIC_FAILURE = 'Sorry, something went wrong on my side while answering that. Please try again in a moment.';
/** What someone outside ALLOWED_EMAIL_DOMAINS hears, whichever way their event arrives. */
export const OUTSIDER_REFUSAL = "Sorry, I can only help people in this organisation's allowed email domains, so I can't answer you.";
/** ALLOWED_EMAIL_DOMAINS as a check; undefined (everyone) when none are configured. */
export function emailDomainFilter(domains) {
    if (domains.length === 0)
        return undefined;
    const allowed = new Set(domains.map((d) => d.toLowerCase()));
    return (email) => allowed.has(email.toLowerCase().split('@').pop() ?? '');
}
/** Catches whatever a later step throws. Only a chat event gets a reply: a delivery nobody asked about stays quiet. */
export function errorNet({ say }) {
    return async function errorNetStep(ctx, next) {
        try {
            await next();
        }
        catch (err) {
            for (const undo of ctx.onFailure ?? [])
                await undo().catch(() => undefined);
            const roomId = ctx.event?.roomId;
            if (err instanceof UserError) {
                ctx.log.info({ code: err.code }, 'answered with a user error');
            }
            else {
                ctx.log.error({ err }, 'handling an event failed');
            }
            if (!roomId)
                return;
            const text = err instanceof UserError ? err.userMessage : GENERIC_FAILURE;
            await say(roomId, text).catch((e) => ctx.log.error({ err: e }, 'could not send the apology either'));
        }
    };
}
/** Ends the chain for the bot's own messages and card presses. */
export function ignoreSelf(isSelf) {
    return async function ignoreSelfStep(ctx, next) {
        const { resource, data } = ctx.envelope;
        const chat = resource === 'messages' || resource === 'attachmentActions';
        if (chat && data.personId && isSelf(data.personId))
            return;
        await next();
    };
}
/** The key under which a delivery is claimed in the seen-event ledger. */
export const deliveryKey = (e) => `${e.resource}:${e.event}:${e.data.id}`;
/** Ends the chain for a delivery already claimed, here or by another instance. */
export function dedupe(firstTime) {
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
export function allowList(isAllowedEmail, { say }) {
    return async function allowListStep(ctx, next) {
        const { envelope, event } = ctx;
        const fromDelivery = envelope.resource === 'messages' ? envelope.data.personEmail : undefined;
        const email = event ? event.personEmail : fromDelivery;
        if (!isAllowedEmail || typeof email !== 'string' || isAllowedEmail(email))
            return next();
        ctx.log.info({ roomId: envelope.data.roomId }, 'event from outside the allowed domains');
        ctx.label = 'outsider';
        const roomId = event?.roomId ?? envelope.data.roomId;
        if (roomId)
            await say(roomId, OUTSIDER_REFUSAL);
    };
}
export const DROPPED_APOLOGY = "Sorry, Webex didn't answer me in time, so I couldn't read your last message. Please send it again in a moment.";
/** Turns the delivery into a chat event and a way to answer it; apologises when the event was lost on the way. */
export function resolve(toChatEvent, poster) {
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
        if (found.kind === 'ignored' || !roomId)
            return;
        ctx.log.warn({ resource: ctx.envelope.resource, eventId: ctx.envelope.data.id, roomId }, 'event dropped on the way to a handler; apologising');
        await poster
            .say(roomId, DROPPED_APOLOGY)
            .catch((err) => ctx.log.error({ err, roomId }, 'could not tell the person their message was lost'));
    };
}
/** A card button pressed again (by anyone) is answered once; after a failed answer it may be pressed again. */
export function pressDedupe(seen) {
    return async function pressDedupeStep(ctx, next) {
        const event = ctx.event;
        if (event?.kind !== 'action')
            return next();
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
/** Hands the chat event to the router. */
export function route(onEvent) {
    return async function routeStep(ctx, next) {
        const { event, reply } = ctx;
        if (!event || !reply)
            throw new Error('route needs a resolved event');
        ctx.label = await onEvent(event, reply, ctx.log, (label) => (ctx.label = label));
        await next();
    };
}
/** JSON with object keys sorted, so the same card data always gives the same key. */
export function stableJson(value) {
    return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v);
}
/** The one chain every delivery goes through (see the top of this file). */
export function createEventChain(deps) {
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
//# sourceMappingURL=middleware.js.map