/**
 * Finding 4 (digests and recordings): in a group space only hosted recordings; a creator who disconnects has her
 * digests stopped, each space told once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stopCreatorDigests } from '../../../src/features/digests/stop-creator-digests.js';
import { openStore } from '../../../src/store/open-store.js';
import { createRecordingsService } from '../../../src/features/recordings/recordings-service.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../store/digests.contract.js';
import { repositoriesOf } from '../../store/repositories.js';
const query = {
    range: {
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-08T00:00:00Z'),
        kind: 'calendar',
        label: 'test',
        isDefault: false,
    },
    timeZone: 'UTC',
};
describe('group privacy (finding 4)', () => {
    it('when a signed-in person asks in a group space, then recordings merely shared with her are left out', async () => {
        const items = [
            { id: 'mine', hostEmail: 'Ann@Example.com', createTime: '2026-11-02T10:00:00Z', topic: 'Mine' },
            { id: 'shared', hostEmail: 'bob@example.com', createTime: '2026-11-03T10:00:00Z', topic: 'Shared' },
        ];
        const logger = memoryLogger().logger;
        const client = new WebexClient({
            baseUrl: 'http://127.0.0.1:9/v1',
            token: 'bot',
            timeoutMs: 1000,
            maxRetries: 0,
            logger,
            fetch: async () => new Response(JSON.stringify({ items }), {
                status: 200,
                headers: { 'content-type': 'application/json' },
            }),
        });
        const service = createRecordingsService({
            client,
            credentials: {
                forAsker: async () => ({ mode: 'user', token: 'ann-user-token' }),
                orgToken: async () => undefined,
            },
            logger,
            ttlMs: 60_000,
        });
        const ann = { personId: 'p-ann', email: 'ann@example.com' };
        assert.deepEqual((await service.list(ann, query, { hostedOnly: true })).map((r) => r.id), ['mine']);
        assert.deepEqual((await service.list(ann, query)).map((r) => r.id), ['shared', 'mine']);
    });
    it('when a creator disconnects, then her digests stop in every space with one notice each, and only hers', async () => {
        const store = openStore({ dataDir: '', sqliteFile: ':memory:' });
        await store.migrate();
        const digests = repositoriesOf(store).digests;
        try {
            await digests.createSubscription(newSubscription({ roomId: 'room-a' }));
            await digests.createSubscription(newSubscription({ roomId: 'room-a' }));
            await digests.createSubscription(newSubscription({ roomId: 'room-b' }));
            await digests.createSubscription(newSubscription({ roomId: 'room-a', creatorPersonId: 'person-bob', creatorName: 'Bob <@all>' }));
            const said = [];
            const deps = {
                repository: digests,
                say: async (roomId, md) => void said.push([roomId, md]),
                now: () => new Date('2026-11-25T10:00:00Z'),
                logger: memoryLogger().logger,
            };
            const stopped = await stopCreatorDigests(deps, 'person-ann', 'disconnected');
            assert.equal(stopped.length, 3);
            assert.deepEqual(said.map(([r]) => r), ['room-a', 'room-b']);
            assert.match(said[0]?.[1] ?? '', /#1, #2/u);
            assert.deepEqual((await digests.listSubscriptions('room-a')).map((s) => s.creatorPersonId), ['person-bob']);
            assert.equal((await stopCreatorDigests(deps, 'person-ann', 'disconnected')).length, 0);
            assert.equal(said.length, 2, 'told once');
        }
        finally {
            await store.close();
        }
    });
});
//# sourceMappingURL=group-privacy.test.js.map