import type { Messenger } from '../core/messenger.js';
import type { Logger } from '../logger.js';
import type { Query, WebexClient } from '../webex/webex-client.js';
import type {
  WebexAttachmentAction,
  NewMessage,
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

const idOf = (x: string | { id: string }): string => encodeURIComponent(typeof x === 'string' ? x : x.id);

export function createSdkTransport(
  client: WebexClient,
  opts: {
    /** Messages the framework posts go where ours do. */
    messenger: Pick<Messenger, 'post'>;
    registeredWebhooks: () => WebexWebhook[];
    logger: Logger;
    observer?: TransportObserver;
  },
): SdkTransport {
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
      async get(id) {
        const person = await client.get<WebexPerson>(`/people/${idOf(id)}`);
        // The framework reads `email` (the SDK's batcher adds it); Webex itself only returns `emails`.
        return { ...person, email: person.emails?.[0] };
      },
      list: (q) => page<WebexPerson>('/people', q),
    },
    rooms: {
      get: (id) => client.get<WebexRoom>(`/rooms/${idOf(id)}`),
      create: (body) => client.post<WebexRoom>('/rooms', body),
      update: ({ id, ...body }) => client.put<WebexRoom>(`/rooms/${idOf(id)}`, body),
      remove: (id) => client.delete(`/rooms/${idOf(id)}`),
    },
    memberships: {
      get: (id) => client.get<WebexMembership>(`/memberships/${idOf(id)}`),
      list: (q) => page<WebexMembership>('/memberships', q),
      create: (body) => client.post<WebexMembership>('/memberships', body),
      update: ({ id, ...body }) => client.put<WebexMembership>(`/memberships/${idOf(id)}`, body),
      remove: (id) => client.delete(`/memberships/${idOf(id)}`),
    },
    messages: {
      async get(id) {
        const message = await client.get<WebexMessage>(`/messages/${idOf(id)}`);
        opts.observer?.onMessageFetched?.(message);
        return message;
      },
      list: (q) => page<WebexMessage>('/messages', q),
      async create(body) {
        // The framework builds these bodies from our own say() arguments: a NewMessage.
        const message = await opts.messenger.post(body as NewMessage);
        if (!message) throw new Error('the message may have been posted, but Webex did not confirm it');
        return message;
      },
      remove: (id) => client.delete(`/messages/${idOf(id)}`),
    },
    attachmentActions: {
      get: (id) => client.get<WebexAttachmentAction>(`/attachment/actions/${idOf(id)}`),
    },
    webhooks: {
      list: async () => ({
        items: [],
        length: 0,
        hasNext: () => false,
        next: () => Promise.reject(new Error('no next page')),
      }),
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
