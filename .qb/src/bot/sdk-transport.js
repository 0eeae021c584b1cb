import { LRUCache } from 'lru-cache';
export const PERSON_TTL_MS = 5 * 60_000;
export const ROOM_TTL_MS = 60 * 60_000;
const CACHE_MAX_BYTES = 4 * 1024 * 1024;
/** A UTF-16 estimate of an entry's size; entries are small flat JSON objects. */
const jsonSize = (value) => 2 * JSON.stringify(value).length + 64;
const rawIdOf = (x) => (typeof x === 'string' ? x : x.id);
const idOf = (x) => encodeURIComponent(rawIdOf(x));
/** The framework's repeated lookups, answered from memory (see the top of this file). */
function createLookups(client, opts) {
    const people = new LRUCache({
        maxSize: CACHE_MAX_BYTES,
        sizeCalculation: jsonSize,
        ttl: opts.personTtlMs ?? PERSON_TTL_MS,
        // One lookup for concurrent messages from the same person.
        fetchMethod: async (id) => {
            const person = await client.get(`/people/${encodeURIComponent(id)}`);
            // The framework reads `email` (the SDK's batcher adds it); Webex itself only returns `emails`.
            return { ...person, email: person.emails?.[0] };
        },
    });
    const rooms = new LRUCache({
        maxSize: CACHE_MAX_BYTES,
        sizeCalculation: jsonSize,
        ttl: opts.roomTtlMs ?? ROOM_TTL_MS,
        fetchMethod: (id) => client.get(`/rooms/${encodeURIComponent(id)}`),
    });
    const spaces = new LRUCache({
        maxSize: CACHE_MAX_BYTES,
        sizeCalculation: jsonSize,
        ttl: 10 * 60_000,
    });
    const fetched = async (name, cache, id) => {
        const status = {};
        const value = await cache.fetch(id, { status });
        const hit = status.fetch === 'hit' || status.fetch === 'inflight';
        opts.metrics?.cacheLookups.inc({ cache: name, result: hit ? 'hit' : 'miss' });
        if (value === undefined)
            throw new Error(`no answer for ${id}`);
        return value;
    };
    return {
        person: (id) => fetched('people', people, id),
        room: (id) => fetched('rooms', rooms, id),
        spaces,
    };
}
/** A membership of `personId` in a space the bot has just read a message in, without asking Webex. */
const knownMembership = (roomId, hint, personId, email) => ({
    id: `known:${roomId}:${personId}`,
    roomId,
    roomType: hint.roomType,
    personId,
    personEmail: email ?? '',
    isModerator: false,
});
const staticPage = (items) => ({
    items,
    length: items.length,
    hasNext: () => false,
    next: () => Promise.reject(new Error('no next page')),
});
/** The framework's two membership questions about a space it just read a message in, or undefined: ask Webex. */
function knownMemberships(q, hintFor, me) {
    const roomId = typeof q.roomId === 'string' ? q.roomId : undefined;
    const hint = roomId ? hintFor(roomId) : undefined;
    if (!roomId || !hint || !me || !Object.keys(q).every((k) => k === 'roomId' || k === 'personId'))
        return undefined;
    const mine = knownMembership(roomId, hint, me.id, me.emails?.[0]);
    if (q.personId === me.id)
        return staticPage([mine]);
    if (q.personId === undefined && hint.roomType === 'direct' && hint.senderId !== me.id) {
        return staticPage([mine, knownMembership(roomId, hint, hint.senderId, hint.senderEmail)]);
    }
    return undefined;
}
export function createSdkTransport(client, opts) {
    const lookups = createLookups(client, opts);
    const spaces = lookups.spaces;
    const listMemberships = async (q) => knownMemberships(q, (roomId) => spaces.get(roomId), opts.botPerson()) ??
        page('/memberships', q);
    const page = async (pathOrUrl, query) => {
        const p = await client.getPage(pathOrUrl, query);
        return {
            items: p.items,
            length: p.items.length,
            hasNext: () => p.next !== undefined,
            next: () => (p.next ? page(p.next) : Promise.reject(new Error('no next page'))),
        };
    };
    return {
        people: {
            get: (id) => lookups.person(rawIdOf(id)),
            list: (q) => page('/people', q),
        },
        rooms: {
            get: (id) => lookups.room(rawIdOf(id)),
            create: (body) => client.post('/rooms', body),
            update: ({ id, ...body }) => client.put(`/rooms/${idOf(id)}`, body),
            remove: (id) => client.delete(`/rooms/${idOf(id)}`),
        },
        memberships: {
            get: (id) => client.get(`/memberships/${idOf(id)}`),
            list: listMemberships,
            create: (body) => client.post('/memberships', body),
            update: ({ id, ...body }) => client.put(`/memberships/${idOf(id)}`, body),
            remove: (id) => client.delete(`/memberships/${idOf(id)}`),
        },
        messages: {
            async get(id) {
                const message = await client.get(`/messages/${idOf(id)}`);
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
            list: (q) => page('/messages', q),
            async create(body) {
                // The framework builds these bodies from our own say() arguments: a NewMessage.
                const message = await opts.messenger.post(body);
                if (!message)
                    throw new Error('the message may have been posted, but Webex did not confirm it');
                return message;
            },
            remove: (id) => client.delete(`/messages/${idOf(id)}`),
        },
        attachmentActions: {
            get: (id) => client.get(`/attachment/actions/${idOf(id)}`),
        },
        webhooks: {
            list: async () => staticPage([]),
            async create(spec) {
                const hooks = opts.registeredWebhooks();
                const match = hooks.find((h) => h.resource === spec.resource && h.event === spec.event) ??
                    hooks.find((h) => h.resource === 'messages') ??
                    hooks[0];
                if (!match)
                    throw new Error('webhooks are not registered yet');
                return match;
            },
            async remove() {
                opts.logger.debug('ignored the framework asking to delete a webhook');
            },
        },
    };
}
//# sourceMappingURL=sdk-transport.js.map