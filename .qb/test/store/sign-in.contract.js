/** The sign-in feature's repositories (encrypted tokens, single-use nonces), on one backend. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { T0 } from './digests.contract.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';
export function signInContract(backend) {
    describe(`sign-in repositories (${backend.name})`, () => {
        const db = freshStoreFor(backend);
        it('keeps encrypted user tokens: put, replace, get, delete', async () => {
            const tokens = repositoriesOf(db.store).tokens;
            assert.equal(await tokens.getToken('k1'), undefined);
            await tokens.putToken('k1', 'cipher-1', 'ann@example.com');
            await tokens.putToken('k1', 'cipher-2', undefined);
            assert.deepEqual(await tokens.getToken('k1'), { ciphertext: 'cipher-2', email: undefined });
            assert.deepEqual((await tokens.listTokenKeys()).filter((k) => k === 'k1'), ['k1']);
            assert.equal(await tokens.deleteToken('k1'), true);
            assert.ok(!(await tokens.listTokenKeys()).includes('k1'));
            assert.equal(await tokens.deleteToken('k1'), false);
        });
        it('uses a sign-in nonce once, also when instances race, and forgets it only after it expired', async () => {
            const nonces = repositoriesOf(db.store).nonces;
            const exp = T0.getTime() + 600_000;
            const results = await Promise.all([1, 2, 3, 4].map(() => nonces.useOnce('nonce-race', exp, T0)));
            assert.equal(results.filter(Boolean).length, 1);
            assert.equal(await nonces.useOnce('nonce-race', exp, new Date(exp - 1)), false);
            assert.equal(await nonces.useOnce('nonce-race', exp, new Date(exp + 1)), true, 'expired rows may be reused');
        });
    });
}
//# sourceMappingURL=sign-in.contract.js.map