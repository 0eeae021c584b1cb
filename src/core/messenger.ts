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
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';
import { JsonText } from '../webex/json-text.js';
import type { AttachmentToPost, CardToPost, NewMessage, WebexMessage } from '../webex/types.js';
import { WebexApiError, type WebexClient } from '../webex/webex-client.js';

/** Counters for a metrics endpoint: how often a POST's outcome was unknown, and what became of it. */
export interface MessengerCounters {
  /** POSTs whose outcome was unknown (time-out, reset, 5xx). */
  ambiguous: number;
  /** …of which the message was found to have landed (not sent again). */
  landed: number;
  /** …of which the message had not landed and was sent again. */
  resent: number;
  /** …of which nobody could tell (a group space): not sent again, at most once. */
  unverifiable: number;
}

/**
 * What became of a message that did not fail: `posted` (Webex answered with it, or it was found after an ambiguous
 * failure) or `uncertain` (Webex may have it and nobody can tell; it was not sent again). Callers that keep records
 * of what was posted (digests) store the difference.
 */
export type PostOutcome = 'posted' | 'uncertain';

export interface Messenger {
  say(roomId: string, markdown: string): Promise<void>;
  sendCard(roomId: string, card: CardToPost, fallbackMarkdown: string): Promise<PostOutcome>;
  /** Into the person's 1:1 space with the bot (created by Webex if needed). */
  sendDirect(personId: string, markdown: string, card?: CardToPost): Promise<void>;
  /**
   * Any POST /messages body. Resolves with the message, or undefined when Webex may have it but nobody can tell
   * (at most once); rejects when it certainly was not posted.
   */
  post(body: NewMessage): Promise<WebexMessage | undefined>;
  readonly counters: Readonly<MessengerCounters>;
}

export interface MessengerOptions {
  client: WebexClient;
  logger: Logger;
  /** Sends after an ambiguous failure that was checked and found not to have landed; default 2. */
  maxResends?: number;
  now?: () => Date;
  metrics?: Pick<Metrics, 'ambiguousPosts'> | undefined;
  /** How far Webex's clock may be behind ours when matching a message's `created` time; default 2 minutes. */
  clockSkewMs?: number;
}

type Landed = { found: WebexMessage } | { found: undefined } | 'unknown';

/** The listing that would show a POSTed message: its room's messages, or the 1:1 space with the person it went to. */
function whereItWent(body: NewMessage): { path: string; query: Record<string, string | number> } | undefined {
  return body.roomId
    ? { path: '/messages', query: { roomId: body.roomId, max: 50 } }
    : body.toPersonId
      ? { path: '/messages/direct', query: { personId: body.toPersonId } }
      : body.toPersonEmail
        ? { path: '/messages/direct', query: { personEmail: body.toPersonEmail } }
        : undefined;
}

const cardsOf = (m: { attachments?: unknown }): string => JSON.stringify(m.attachments ?? []);

/**
 * After an ambiguous POST: did it land? Made once per messenger (it caches the bot's own id), and told which
 * messages this process already knows it posted, so that an earlier identical message is never taken for the one
 * in doubt.
 */
function createLandedCheck(
  client: WebexClient,
  log: Logger,
  ours: LRUCache<string, true>,
  skewMs: number,
): (body: NewMessage, since: number) => Promise<Landed> {
  let botId: Promise<string> | undefined;
  const me = (): Promise<string> => {
    botId ??= client.get<{ id: string }>('/people/me').then((p) => p.id);
    botId.catch(() => (botId = undefined));
    return botId;
  };

  /** Looks for the message in the 1:1 space it went to; 'unknown' where a bot can't look (or the look failed). */
  return async function findLanded(body, since) {
    const where = whereItWent(body);
    if (!where) return 'unknown';
    try {
      const [self, page] = await Promise.all([
        me(),
        client.getPage<WebexMessage>(where.path, where.query, { maxRetries: 1 }),
      ]);
      const found = page.items.find(
        (m) =>
          m.personId === self &&
          !ours.has(m.id) &&
          Date.parse(m.created ?? '') >= since - skewMs &&
          (m.markdown ?? m.text) === (body.markdown ?? body.text) &&
          cardsOf(m) === cardsOf(body),
      );
      return { found };
    } catch (err) {
      // A group space answers 403 (bots may only list messages that mention them).
      if (!(err instanceof WebexApiError && (err.status === 403 || err.status === 404))) {
        log.warn({ err: errorMessage(err) }, 'could not check whether a message landed');
      }
      return 'unknown';
    }
  };
}

const withCard = (card: CardToPost | undefined): { attachments?: AttachmentToPost[] } =>
  card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] } : {};

/**
 * The POST body: the message object as it is, or, when its card is already JSON, that JSON's bytes spliced in as
 * they are (a remembered card is neither parsed back nor serialised and encoded again).
 */
function bodyOf(message: NewMessage): NewMessage | JsonText {
  const { attachments, ...rest } = message;
  if (!attachments?.some((a) => a.content instanceof JsonText)) return message;
  const head = JSON.stringify(rest);
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)}${head === '{}' ? '' : ','}"attachments":[`)];
  attachments.forEach((a, i) => {
    parts.push(Buffer.from(`${i > 0 ? ',' : ''}{"contentType":${JSON.stringify(a.contentType)},"content":`));
    parts.push(a.content instanceof JsonText ? a.content.bytes : Buffer.from(JSON.stringify(a.content)));
    parts.push(Buffer.from('}'));
  });
  parts.push(Buffer.from(']}'));
  return new JsonText(Buffer.concat(parts));
}

interface AmbiguityTools {
  counters: MessengerCounters;
  metrics: MessengerOptions['metrics'];
  log: Logger;
  ours: LRUCache<string, true>;
  findLanded: (body: NewMessage, since: number) => Promise<Landed>;
  maxResends: number;
}

/**
 * After an ambiguous failure of send number `sends`: the message found (it had landed), 'unknown' (nobody can tell:
 * not sent again) or 'resend' (it had not landed); rethrows `err` when the resends are used up.
 */
async function afterAmbiguous(
  t: AmbiguityTools,
  err: WebexApiError,
  body: NewMessage,
  since: number,
  sends: number,
): Promise<'unknown' | 'resend' | { found: WebexMessage }> {
  const where = { roomId: body.roomId, toPersonId: body.toPersonId };
  t.counters.ambiguous++;
  const landed = await t.findLanded(body, since);
  if (landed === 'unknown') {
    t.counters.unverifiable++;
    t.metrics?.ambiguousPosts.inc({ outcome: 'unverifiable' });
    t.log.warn(
      { ...where, err: err.message, trackingId: err.trackingId },
      'a message may or may not have been posted and this space cannot be checked; not sending it again (at most once)',
    );
    return 'unknown';
  }
  if (landed.found) {
    t.counters.landed++;
    t.metrics?.ambiguousPosts.inc({ outcome: 'landed' });
    t.ours.set(landed.found.id, true);
    t.log.info(
      { ...where, messageId: landed.found.id },
      'the message had landed despite the error; not sent again',
    );
    return { found: landed.found };
  }
  if (sends >= t.maxResends) throw err;
  t.counters.resent++;
  t.metrics?.ambiguousPosts.inc({ outcome: 'resent' });
  t.log.warn({ ...where, err: err.message }, 'the message had not landed; sending it again');
  return 'resend';
}

export function createMessenger(opts: MessengerOptions): Messenger {
  const { client } = opts;
  const log = opts.logger.child({ component: 'messenger' });
  const now = opts.now ?? (() => new Date());
  const maxResends = opts.maxResends ?? 2;
  const counters: MessengerCounters = { ambiguous: 0, landed: 0, resent: 0, unverifiable: 0 };
  /** Messages this process knows it posted: an earlier identical message is never mistaken for the one in doubt. */
  const ours = new LRUCache<string, true>({ max: 2000 });
  const findLanded = createLandedCheck(client, log, ours, opts.clockSkewMs ?? 120_000);
  const tools: AmbiguityTools = { counters, metrics: opts.metrics, log, ours, findLanded, maxResends };

  /**
   * Sends `body` once with `postOnce`, or again after an ambiguous failure when it had not landed. Resolves with what
   * `postOnce` answered (or `fromLanded` of the message found), undefined when nobody can tell.
   */
  async function send<R extends { id?: string | undefined } | undefined>(
    body: NewMessage,
    postOnce: (payload: NewMessage | JsonText) => Promise<R>,
    fromLanded: (found: WebexMessage) => R,
  ): Promise<R | undefined> {
    const since = now().getTime();
    const payload = bodyOf(body);
    for (let sends = 0; ; sends++) {
      try {
        const sent = await postOnce(payload);
        if (sent?.id) ours.set(sent.id, true);
        return sent;
      } catch (err) {
        if (!(err instanceof WebexApiError && err.ambiguous)) throw err;
        const next = await afterAmbiguous(tools, err, body, since, sends);
        if (next === 'unknown') return undefined;
        if (next !== 'resend') return fromLanded(next.found);
      }
    }
  }

  const post = (body: NewMessage) =>
    send(
      body,
      (p) => client.post<WebexMessage>('/messages', p),
      (m) => m,
    );
  /** The bot's own messages: only the new message's id is read back, not the card Webex echoes with it. */
  const postReply = (body: NewMessage) =>
    send(
      body,
      async (p) => ({ id: await client.postForId('/messages', p) }),
      (m) => ({ id: m.id }),
    );

  return {
    counters,
    post,
    async say(roomId, markdown) {
      await postReply({ roomId, markdown });
    },
    async sendCard(roomId, card, fallbackMarkdown) {
      const sent = await postReply({ roomId, markdown: fallbackMarkdown, ...withCard(card) });
      return sent === undefined ? 'uncertain' : 'posted';
    },
    async sendDirect(personId, markdown, card) {
      await postReply({ toPersonId: personId, markdown, ...withCard(card) });
    },
  };
}
