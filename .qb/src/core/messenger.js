/**
 * The one way the bot posts a message (replies, cards, digests, sign-in cards, apologies), so that the retry
 * policy for POSTs exists once.
 *
 * Webex has no idempotency key: a POST that timed out, was reset or got a 5xx may have landed. The client sends a
 * POST again by itself only when Webex certainly did not act on it (429, a refused connection). After an ambiguous
 * failure the messenger looks where a bot can look, a 1:1 space (`GET /messages?roomId=…` or
 * `GET /messages/direct?personId=…`), for the bot's own message with the same content posted since it started
 * sending: found = done; not there = send again. A group space can't be checked (a bot may only list messages that
 * mention it), so there the message is not sent again: at most once, logged and counted.
 */
import { LRUCache } from 'lru-cache';
import { errorMessage } from '../errors.js';
import { WebexApiError } from '../webex/webex-client.js';
export function createMessenger(opts) {
    const { client } = opts;
    const log = opts.logger.child({ component: 'messenger' });
    const now = opts.now ?? (() => new Date());
    const maxResends = opts.maxResends ?? 2;
    const skewMs = opts.clockSkewMs ?? 120_000;
    const counters = { ambiguous: 0, landed: 0, resent: 0, unverifiable: 0 };
    /** Messages this process knows it posted: an earlier identical message is never mistaken for the one in doubt. */
    const ours = new LRUCache({ max: 2000 });
    let botId;
    const me = () => {
        botId ??= client.get('/people/me').then((p) => p.id);
        botId.catch(() => (botId = undefined));
        return botId;
    };
    /** Looks for the message in the 1:1 space it went to; 'unknown' where a bot can't look (or the look failed). */
    async function findLanded(body, since) {
        const where = body.roomId
            ? { path: '/messages', query: { roomId: body.roomId, max: 50 } }
            : body.toPersonId
                ? { path: '/messages/direct', query: { personId: body.toPersonId } }
                : body.toPersonEmail
                    ? { path: '/messages/direct', query: { personEmail: body.toPersonEmail } }
                    : undefined;
        if (!where)
            return 'unknown';
        try {
            const [self, page] = await Promise.all([
                me(),
                client.getPage(where.path, where.query, { maxRetries: 1 }),
            ]);
            const cards = (m) => JSON.stringify(m.attachments ?? []);
            const found = page.items.find((m) => m.personId === self &&
                !ours.has(m.id) &&
                Date.parse(m.created ?? '') >= since - skewMs &&
                (m.markdown ?? m.text) === (body.markdown ?? body.text) &&
                cards(m) === cards(body));
            return { found };
        }
        catch (err) {
            // A group space answers 403 (bots may only list messages that mention them).
            if (!(err instanceof WebexApiError && (err.status === 403 || err.status === 404))) {
                log.warn({ err: errorMessage(err) }, 'could not check whether a message landed');
            }
            return 'unknown';
        }
    }
    async function post(body) {
        const since = now().getTime();
        const where = { roomId: body.roomId, toPersonId: body.toPersonId };
        for (let sends = 0;; sends++) {
            try {
                const message = await client.post('/messages', body);
                if (message?.id)
                    ours.set(message.id, true);
                return message;
            }
            catch (err) {
                if (!(err instanceof WebexApiError && err.ambiguous))
                    throw err;
                counters.ambiguous++;
                const landed = await findLanded(body, since);
                if (landed === 'unknown') {
                    counters.unverifiable++;
                    opts.metrics?.ambiguousPosts.inc({ outcome: 'unverifiable' });
                    log.warn({ ...where, err: err.message, trackingId: err.trackingId }, 'a message may or may not have been posted and this space cannot be checked; not sending it again (at most once)');
                    return undefined;
                }
                if (landed.found) {
                    counters.landed++;
                    opts.metrics?.ambiguousPosts.inc({ outcome: 'landed' });
                    ours.set(landed.found.id, true);
                    log.info({ ...where, messageId: landed.found.id }, 'the message had landed despite the error; not sent again');
                    return landed.found;
                }
                if (sends >= maxResends)
                    throw err;
                counters.resent++;
                opts.metrics?.ambiguousPosts.inc({ outcome: 'resent' });
                log.warn({ ...where, err: err.message }, 'the message had not landed; sending it again');
            }
        }
    }
    const withCard = (card) => card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] } : {};
    return {
        counters,
        post,
        async say(roomId, markdown) {
            await post({ roomId, markdown });
        },
        async sendCard(roomId, card, fallbackMarkdown) {
            await post({ roomId, markdown: fallbackMarkdown, ...withCard(card) });
        },
        async sendDirect(personId, markdown, card) {
            await post({ toPersonId: personId, markdown, ...withCard(card) });
        },
    };
}
//# sourceMappingURL=messenger.js.map