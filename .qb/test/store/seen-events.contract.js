/** The seen-event ledger's repository (src/core), on one backend. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, T0 } from './digests.contract.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';
export function seenEventsContract(backend) {
    describe(`seen-event repository (${backend.name})`, () => {
        const db = freshStoreFor(backend);
        it('claims a seen event once, across instances, until it expires; a released one can be claimed again', async () => {
            const ledger = repositoriesOf(db.store).seenEvents;
            const ttl = 60 * 60_000;
            assert.equal(await ledger.claimEvent('messages:created:m1', T0, ttl), true);
            assert.equal(await ledger.claimEvent('messages:created:m1', at(1), ttl), false, 'a redelivery');
            assert.equal(await ledger.claimEvent('messages:created:m2', at(1), ttl), true, 'another event');
            // another instance (or this one after a restart) on the same database
            const other = repositoriesOf(await db.reopen()).seenEvents;
            assert.equal(await other.claimEvent('messages:created:m1', at(2), ttl), false);
            // Racing instances: exactly one wins.
            const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? ledger : other).claimEvent('race', at(3), ttl)));
            assert.equal(wins.filter(Boolean).length, 1);
            // Expiry: an expired row no longer blocks, pruned or not.
            assert.equal(await ledger.claimEvent('messages:created:m1', at(61), ttl), true, 'expired, not yet pruned');
            assert.equal(await ledger.claimEvent('messages:created:m1', at(62), ttl), false);
            await ledger.releaseEvent('messages:created:m1');
            assert.equal(await ledger.claimEvent('messages:created:m1', at(63), ttl), true, 'released');
            // Pruning deletes exactly the expired rows.
            assert.equal(await ledger.pruneEvents(at(64)), 2, 'm2 and race expired');
            assert.equal(await ledger.pruneEvents(at(64)), 0);
            assert.equal(await ledger.claimEvent('messages:created:m1', at(64), ttl), false, 'm1 (claimed at 63) is kept');
            assert.equal(await ledger.claimEvent('race', at(64), ttl), true, 'race was pruned');
        });
    });
}
//# sourceMappingURL=seen-events.contract.js.map