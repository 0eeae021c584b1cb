/** The timezone feature's repository, on one backend. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, T0 } from './digests.contract.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';
export function timeZoneContract(backend) {
    describe(`time zone repository (${backend.name})`, () => {
        const db = freshStoreFor(backend);
        it('keeps a person’s time zone, replaces it, and forgets it on reset', async () => {
            const zones = repositoriesOf(db.store).timeZones;
            assert.equal(await zones.getTimeZone('p1'), undefined);
            await zones.setTimeZone('p1', 'Europe/Berlin', T0);
            await zones.setTimeZone('p1', 'Asia/Tokyo', at(1));
            assert.equal(await zones.getTimeZone('p1'), 'Asia/Tokyo');
            assert.equal(await zones.clearTimeZone('p1'), true);
            assert.equal(await zones.clearTimeZone('p1'), false);
            assert.equal(await zones.getTimeZone('p1'), undefined);
        });
    });
}
//# sourceMappingURL=timezone.contract.js.map