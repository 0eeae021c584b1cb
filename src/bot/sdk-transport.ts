import { LRUCache } from 'lru-cache';
import type { Messenger } from '../core/messenger.js';
import type { Metrics } from '../core/metrics.js';
import type { Logger } from '../logger.js';
import type { Query, WebexClient } from '../webex/webex-client.js';
import type {
  WebexAttachmentAction,
  WebexMembership,
  WebexMessage,
  WebexPerson,
  WebexRoom,
  WebexWebhook,
} from '../webex/types.js';

/**
 * Stands in for the Webex JS SDK instance that webex-node-bot-framework would otherwise create, with the same method
 * names and result shapes for everything the framework calls in webhook mode, all served by our WebexClient.
 *
 * Why: the SDK's people batcher turns one HTTP error into an unhandled rejection (Node 20 exits) or a lookup that
 * never settles, it does not retry 429s, and it has its own idea of which host to call. Routing the framework's calls
 * through our client gives them the same retries, time-outs and logging as ours, and makes WEBEX_API_URL the only host.
 *
 * Webhooks are managed by webhook-registrar.ts, not by the framework: its start/stop code deletes webhooks (all of the
 * token's by default), which leaves other instances deaf. So `list` shows it nothing to delete, `create` hands back the
 * webhook we already registered, and `remove` does nothing.
 *
 * Lookups the framework repeats are answered from memory, so a message in a known space from a known person costs no
 * lookup beyond reading the message:
 * - people: a short-lived cache (PERSON_TTL_MS), so a changed profile (time zone, name) is seen within minutes;
 * - rooms: cached for ROOM_TTL_MS (a room's type never changes; the framework uses nothing else we depend on);
 * - the framework's two membership questions when it first meets a space ("is the bot in it?" and, for a 1:1 space,
 *   "who is the other person?") are answered from the message it has just read with the bot's token: reading it
 *   proves the bot is a member, and in a 1:1 space its sender is the other person.
 * Every cache is bounded in bytes (each entry's size is its JSON length), so memory stays flat however many people
 * and spaces the bot meets.
 */

export interface SdkPage<T> {
  items: T[];
  length: number;
  hasNext(): boolean;
  next(): Promise<SdkPage<T>>;
}

export interface TransportObserver {
  /** Called with every message the framework fetched, so the adapter knows an event got at least that far. */
  onMessageFetched?(message: WebexMessage): void;
}

export interface SdkTransportOptions {
  /** Messages the framework posts go where ours do. */
  messenger: Pick<Messenger, 'post'>;
  registeredWebhooks: () => WebexWebhook[];
  /** The bot's own person, once known (memberships are answered for it). */
  botPerson: () => WebexPerson | undefined;
  logger: Logger;
  observer?: TransportObserver;
  metrics?: Pick<Metrics, 'cacheLookups'>;
  /** Cache lifetimes; tests may shorten them. */
  personTtlMs?: number;
  roomTtlMs?: number;
}

export const PERSON_TTL_MS = 5 * 60_000;
export const ROOM_TTL_MS = 60 * 60_000;
/**
 * Per cache, as estimated: about 3,500 people (seen within PERSON_TTL_MS) or 2,500 rooms. A lookup that falls out
 * costs one Webex call the next time; the bytes it would keep are most of a 10,000-person bot's live heap.
 */
const CACHE_MAX_BYTES = 2 * 1024 * 1024;
/** A UTF-16 estimate of an entry's size; entries are small flat JSON objects. */
const jsonSize = (value: unknown): number => 2 * JSON.stringify(value).length + 64;

export interface SdkTransport {
  people: {
    get(id: string | { id: string }): Promise<WebexPerson & { email?: string }>;
    list(q: Query): Promise<SdkPage<WebexPerson>>;
  };
  rooms: {
    get(id: string | { id: string }): Promise<WebexRoom>;
    create(body: Record<string, unknown>): Promise<WebexRoom>;
    update(room: { id: string } & Record<string, unknown>): Promise<WebexRoom>;
    remove(id: string | { id: string }): Promise<void>;
  };
  memberships: {
    get(id: string | { id: string }): Promise<WebexMembership>;
    list(q: Query): Promise<SdkPage<WebexMembership>>;
    create(body: Record<string, unknown>): Promise<WebexMembership>;
    update(m: { id: string } & Record<string, unknown>): Promise<WebexMembership>;
    remove(id: string | { id: string }): Promise<void>;
  };
  messages: {
    get(id: string | { id: string }): Promise<WebexMessage>;
    list(q: Query): Promise<SdkPage<WebexMessage>>;
    create(body: Record<string, unknown>): Promise<WebexMessage>;
    remove(id: string | { id: string }): Promise<void>;
  };
  attachmentActions: {
    get(id: string | { id: string }): Promise<WebexAttachmentAction>;
  };
  webhooks: {
    list(): Promise<SdkPage<WebexWebhook>>;
    create(spec: { resource: string; event: string }): Promise<WebexWebhook>;
    remove(hook: unknown): Promise<void>;
  };
}

const rawIdOf = (x: string | { id: string }): string => (typeof x === 'string' ? x : x.id);
const idOf = (x: string | { id: string }): string => encodeURIComponent(rawIdOf(x));

/** What the last message read in a space tells about it. */
interface SpaceHint {
  roomType: 'direct' | 'group';
  senderId: string;
  senderEmail: string | undefined;
}

/** The framework's repeated lookups, answered from memory (see the top of this file). */
function createLookups(client: WebexClient, opts: SdkTransportOptions) {
  const people = new LRUCache<string, WebexPerson & { email?: string }>({
    maxSize: CACHE_MAX_BYTES,
    sizeCalculation: jsonSize,
    ttl: opts.personTtlMs ?? PERSON_TTL_MS,
    // One lookup for concurrent messages from the same person.
    fetchMethod: async (id) => {
      const person = await client.get<WebexPerson>(`/people/${encodeURIComponent(id)}`);
      // The framework reads `email` (the SDK's batcher adds it); Webex itself only returns `emails`.
      return { ...person, email: person.emails?.[0] };
    },
  });
  const rooms = new LRUCache<string, WebexRoom>({
    maxSize: CACHE_MAX_BYTES,
    sizeCalculation: jsonSize,
    ttl: opts.roomTtlMs ?? ROOM_TTL_MS,
    fetchMethod: (id) => client.get<WebexRoom>(`/rooms/${encodeURIComponent(id)}`),
  });
  const spaces = new LRUCache<string, SpaceHint>({
    maxSize: CACHE_MAX_BYTES,
    sizeCalculation: jsonSize,
    ttl: 10 * 60_000,
  });
  const fetched = async <T extends object>(
    name: string,
    cache: LRUCache<string, T>,
    id: string,
  ): Promise<T> => {
    const status: LRUCache.Status<string, T> = {};
    const value = await cache.fetch(id, { status });
    const hit = status.fetch === 'hit' || status.fetch === 'inflight';
    opts.metrics?.cacheLookups.inc({ cache: name, result: hit ? 'hit' : 'miss' });
    if (value === undefined) throw new Error(`no answer for ${id}`);
    return value;
  };
  return {
    person: (id: string) => fetched('people', people, id),
    room: (id: string) => fetched('rooms', rooms, id),
    spaces,
  };
}

/** A membership of `personId` in a space the bot has just read a message in, without asking Webex. */
const knownMembership = (
  roomId: string,
  hint: SpaceHint,
  personId: string,
  email: string | undefined,
): WebexMembership => ({
  id: `known:${roomId}:${personId}`,
  roomId,
  roomType: hint.roomType,
  personId,
  personEmail: email ?? '',
  isModerator: false,
});

const staticPage = <T>(items: T[]): SdkPage<T> => ({
  items,
  length: items.length,
  hasNext: () => false,
  next: () => Promise.reject(new Error('no next page')),
});

/** The framework's two membership questions about a space it just read a message in, or undefined: ask Webex. */
function knownMemberships(
  q: Query,
  hintFor: (roomId: string) => SpaceHint | undefined,
  me: WebexPerson | undefined,
): SdkPage<WebexMembership> | undefined {
  const roomId = typeof q.roomId === 'string' ? q.roomId : undefined;
  const hint = roomId ? hintFor(roomId) : undefined;
  if (!roomId || !hint || !me || !Object.keys(q).every((k) => k === 'roomId' || k === 'personId'))
    return undefined;
  const mine = knownMembership(roomId, hint, me.id, me.emails?.[0]);
  if (q.personId === me.id) return staticPage([mine]);
  if (q.personId === undefined && hint.roomType === 'direct' && hint.senderId !== me.id) {
    return staticPage([mine, knownMembership(roomId, hint, hint.senderId, hint.senderEmail)]);
  }
  return undefined;
}

export function createSdkTransport(client: WebexClient, opts: SdkTransportOptions): SdkTransport {
  const lookups = createLookups(client, opts);
  const spaces = lookups.spaces;
  const listMemberships = async (q: Query): Promise<SdkPage<WebexMembership>> =>
    knownMemberships(q, (roomId) => spaces.get(roomId), opts.botPerson()) ??
    page<WebexMembership>('/memberships', q);

  const page = async <T>(pathOrUrl: string, query?: Query): Promise<SdkPage<T>> => {
    const p = await client.getPage<T>(pathOrUrl, query);
    return {
      items: p.items,
      length: p.items.length,
      hasNext: () => p.next !== undefined,
      next: () => (p.next ? page<T>(p.next) : Promise.reject(new Error('no next page'))),
    };
  };

  return {
    people: {
      get: (id) => lookups.person(rawIdOf(id)),
      list: (q) => page<WebexPerson>('/people', q),
    },
    rooms: {
      get: (id) => lookups.room(rawIdOf(id)),
      create: (body) => client.post<WebexRoom>('/rooms', body),
      update: ({ id, ...body }) => client.put<WebexRoom>(`/rooms/${idOf(id)}`, body),
      remove: (id) => client.delete(`/rooms/${idOf(id)}`),
    },
    memberships: {
      get: (id) => client.get<WebexMembership>(`/memberships/${idOf(id)}`),
      list: listMemberships,
      create: (body) => client.post<WebexMembership>('/memberships', body),
      update: ({ id, ...body }) => client.put<WebexMembership>(`/memberships/${idOf(id)}`, body),
      remove: (id) => client.delete(`/memberships/${idOf(id)}`),
    },
    messages: {
      async get(id) {
        const message = await client.get<WebexMessage>(`/messages/${idOf(id)}`);
        if (message.roomType && message.personId) {
          spaces.set(message.roomId, {
            roomType: message.roomType,
            senderId: message.personId,
            senderEmail: message.personEmail,
          });
        }
        opts.observer?.onMessageFetched?.(message);
        return message;
      },
      list: (q) => page<WebexMessage>('/messages', q),
      async create(body) {
        // The framework builds these bodies from our own say() arguments: a NewMessage.
        const message = await opts.messenger.post(body);
        if (!message) throw new Error('the message may have been posted, but Webex did not confirm it');
        return message;
      },
      remove: (id) => client.delete(`/messages/${idOf(id)}`),
    },
    attachmentActions: {
      get: (id) => client.get<WebexAttachmentAction>(`/attachment/actions/${idOf(id)}`),
    },
    webhooks: {
      list: async () => staticPage<WebexWebhook>([]),
      async create(spec) {
        const hooks = opts.registeredWebhooks();
        const match =
          hooks.find((h) => h.resource === spec.resource && h.event === spec.event) ??
          hooks.find((h) => h.resource === 'messages') ??
          hooks[0];
        if (!match) throw new Error('webhooks are not registered yet');
        return match;
      },
      async remove() {
        opts.logger.debug('ignored the framework asking to delete a webhook');
      },
    },
  };
}
