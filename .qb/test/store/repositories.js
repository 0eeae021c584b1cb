/** Every repository over one store connection, as the app builds them (the contract suites use these). */
import { after, before } from 'node:test';
import { KyselySeenEventRepository } from '../../src/core/seen-event-repository.js';
import { KyselyDigestRepository } from '../../src/features/digests/kysely-digest-repository.js';
import { KyselyNotificationRepository } from '../../src/features/notifications/notification-repository.js';
import { KyselyNonceLedger } from '../../src/features/sign-in/kysely-nonce-ledger.js';
import { KyselyTokenRecords } from '../../src/features/sign-in/kysely-token-records.js';
import { KyselyTimeZoneRepository } from '../../src/features/timezone/timezone-repository.js';
export function repositoriesOf(store) {
    return {
        digests: new KyselyDigestRepository(store.kysely, store.backend),
        timeZones: new KyselyTimeZoneRepository(store.kysely),
        tokens: new KyselyTokenRecords(store.kysely),
        nonces: new KyselyNonceLedger(store.kysely),
        seenEvents: new KyselySeenEventRepository(store.kysely),
        notifications: new KyselyNotificationRepository(store.kysely),
    };
}
/**
 * Registers before/after hooks in the enclosing describe: a fresh store of `backend` for the suite, and at the end
 * every store it opened closed and the backend's databases dropped. Read the fields inside tests (set in before).
 */
export function freshStoreFor(backend) {
    const opened = [];
    // Filled in by before(), which runs before any test reads it.
    const state = {};
    before(async () => {
        const fresh = await backend.fresh();
        opened.push(fresh.store);
        state.store = fresh.store;
        state.reopen = async () => {
            const again = await fresh.reopen();
            opened.push(again);
            return again;
        };
    });
    after(async () => {
        for (const s of opened)
            await s.close().catch(() => undefined);
        await backend.cleanup();
    });
    return state;
}
//# sourceMappingURL=repositories.js.map