import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { memoryNonceLedger } from '../../../../src/features/sign-in/build-access.js';
import { OAuthStateSigner } from '../../../../src/features/sign-in/oauth-state.js';
import { TokenCipher } from '../../../../src/features/sign-in/token-cipher.js';
import { buildSignInCard } from '../../../../src/features/sign-in/sign-in-card.js';
import { validateAdaptiveCard } from '../../../helpers/validate-card.js';
describe('TokenCipher', () => {
    const cipher = new TokenCipher(randomBytes(32));
    it('round-trips, and the stored form reveals nothing of the token', () => {
        const stored = cipher.encrypt('access-token-123456', 'person-1');
        assert.match(stored, /^v1\./);
        assert.ok(!stored.includes('access-token'));
        assert.equal(cipher.decrypt(stored, 'person-1'), 'access-token-123456');
        assert.notEqual(cipher.encrypt('same', 'p'), cipher.encrypt('same', 'p'), 'a fresh IV every time');
    });
    it('refuses a row moved to another person, a tampered row and another key', () => {
        const stored = cipher.encrypt('secret-token', 'person-1');
        assert.throws(() => cipher.decrypt(stored, 'person-2'));
        const parts = stored.split('.');
        parts[3] = Buffer.from('x'.repeat(12)).toString('base64url');
        assert.throws(() => cipher.decrypt(parts.join('.'), 'person-1'));
        assert.throws(() => new TokenCipher(randomBytes(32)).decrypt(stored, 'person-1'));
    });
    it('insists on a 32-byte key', () => {
        assert.throws(() => new TokenCipher(randomBytes(16)), /32 bytes/);
    });
});
describe('OAuthStateSigner', () => {
    const signer = new OAuthStateSigner(randomBytes(32), 10 * 60_000);
    const t0 = new Date('2026-11-25T10:00:00Z');
    it('accepts its own state once, bound to the person', async () => {
        const state = signer.create('person-1', t0);
        const ledger = memoryNonceLedger();
        const first = await signer.consume(state, t0, ledger);
        assert.ok(first.ok && first.state.personId === 'person-1');
        assert.deepEqual(await signer.consume(state, t0, ledger), { ok: false, reason: 'replayed' });
    });
    it('refuses an expired, forged or malformed state', async () => {
        const state = signer.create('person-1', t0);
        assert.deepEqual(signer.peek(state, new Date(t0.getTime() + 10 * 60_000)), {
            ok: false,
            reason: 'expired',
        });
        const [payload] = state.split('.');
        const other = new OAuthStateSigner(randomBytes(32), 60_000).create('person-1', t0).split('.')[1];
        assert.deepEqual(signer.peek(`${payload}.${other}`, t0), { ok: false, reason: 'forged' });
        const swapped = Buffer.from(JSON.stringify({ personId: 'person-2', nonce: 'n', expiresAt: t0.getTime() + 1e6 })).toString('base64url');
        assert.deepEqual(signer.peek(`${swapped}.${state.split('.')[1]}`, t0), { ok: false, reason: 'forged' });
        for (const bad of ['', 'abc', 'a.b.c'])
            assert.equal(signer.peek(bad, t0).ok, false);
    });
});
describe('sign-in card', () => {
    it('is a valid Webex card with one sign-in button and a markdown fallback', () => {
        const { card, markdown } = buildSignInCard('https://bot.example.com/oauth/start?state=x', 'Sign in please.');
        assert.deepEqual(validateAdaptiveCard(card), []);
        assert.match(markdown, /\[Sign in with Webex\]\(https:\/\/bot\.example\.com\/oauth\/start\?state=x\)/);
    });
});
//# sourceMappingURL=token-cipher-and-state.test.js.map