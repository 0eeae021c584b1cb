/** The store connection itself (migrations, health, restarts), on one backend: sqlite.test.ts, postgres.test.ts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newSubscription, T0 } from './digests.contract.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';
export function connectionContract(backend) {
    describe(`store connection (${backend.name})`, () => {
        const db = freshStoreFor(backend);
        it('runs its migrations idempotently: again, and from several instances at once', async () => {
            await db.store.migrate();
            await db.store.migrate();
            const fresh = await backend.fresh();
            const others = await Promise.all([fresh.reopen(), fresh.reopen(), fresh.reopen()]);
            try {
                await Promise.all(others.map((s) => s.migrate()));
            }
            finally {
                for (const s of [fresh.store, ...others])
                    await s.close();
            }
            assert.equal(db.store.backend, backend.name);
        });
        it('reports itself healthy when its database answers', async () => {
            assert.deepEqual(await db.store.health(), { ok: true });
        });
        it('keeps everything across a restart', async () => {
            const before = repositoriesOf(db.store);
            const sub = await before.digests.createSubscription(newSubscription({ roomId: 'restart' }));
            await before.timeZones.setTimeZone('p-restart', 'Europe/Paris', T0);
            await before.tokens.putToken('k-restart', 'cipher', 'ann@example.com');
            const again = repositoriesOf(await db.reopen());
            assert.equal((await again.digests.listSubscriptions('restart'))[0]?.id, sub.id);
            assert.equal(await again.timeZones.getTimeZone('p-restart'), 'Europe/Paris');
            assert.equal((await again.tokens.getToken('k-restart'))?.ciphertext, 'cipher');
        });
    });
}
//# sourceMappingURL=connection.contract.js.map