import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { OAuthClient } from '../../../../src/features/sign-in/oauth-client.js';
import { TokenCipher } from '../../../../src/features/sign-in/token-cipher.js';
import { memoryTokenRecords, TokenVault } from '../../../../src/features/sign-in/user-tokens.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
const NOW = new Date('2026-11-25T10:00:00Z');
/** A token endpoint that rotates pairs and refuses a refresh token once it was used. */
function tokenEndpoint() {
    let n = 0;
    const live = new Set(['r0']);
    const bodies = [];
    const impl = (async (_url, init) => {
        const body = new URLSearchParams(init?.body);
        bodies.push(body);
        await new Promise((r) => setTimeout(r, 10));
        const rt = body.get('refresh_token') ?? '';
        if (!live.delete(rt)) {
            return new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 });
        }
        n++;
        live.add(`r${n}`);
        return new Response(JSON.stringify({
            access_token: `a${n}`,
            refresh_token: `r${n}`,
            expires_in: 3600,
            refresh_token_expires_in: 86400,
        }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    return { impl, bodies };
}
function vault(records = memoryTokenRecords(), key = randomBytes(32), endpoint = tokenEndpoint()) {
    const oauth = new OAuthClient({
        apiUrl: 'http://127.0.0.1:9/v1',
        clientId: 'cid',
        clientSecret: 'csecret',
        timeoutMs: 1000,
        now: () => NOW,
        fetch: endpoint.impl,
    });
    return {
        records,
        endpoint,
        v: new TokenVault({
            records,
            cipher: new TokenCipher(key),
            oauth,
            now: () => NOW,
            logger: memoryLogger().logger,
        }),
    };
}
const expiring = {
    accessToken: 'a0',
    refreshToken: 'r0',
    accessExpiresAt: NOW.getTime() + 60_000,
    refreshExpiresAt: NOW.getTime() + 86_400_000,
};
describe('TokenVault', () => {
    it('refreshes a token about to expire, once for concurrent callers, and keeps the rotated pair', async () => {
        const { v, endpoint } = vault();
        await v.save('p1', 'ann@example.com', expiring);
        const tokens = await Promise.all([v.accessToken('p1'), v.accessToken('p1'), v.accessToken('p1')]);
        assert.deepEqual(tokens, ['a1', 'a1', 'a1']);
        assert.equal(endpoint.bodies.length, 1);
        assert.equal(endpoint.bodies[0]?.get('grant_type'), 'refresh_token');
        assert.equal(await v.accessToken('p1'), 'a1', 'the new pair is stored and still fresh');
    });
    it('when another instance rotated the pair first, then it uses theirs instead of signing the person out', async () => {
        const records = memoryTokenRecords();
        const key = randomBytes(32);
        const endpoint = tokenEndpoint();
        const a = vault(records, key, endpoint).v;
        const b = vault(records, key, endpoint).v;
        await a.save('p1', 'ann@example.com', expiring);
        const [ta, tb] = await Promise.all([a.refresh('p1'), b.refresh('p1')]);
        assert.equal(ta, 'a1');
        assert.equal(tb, 'a1');
        assert.ok(await a.has('p1'));
    });
    it('when the refresh token is dead, then the sign-in is removed', async () => {
        const { v } = vault();
        await v.save('p1', 'ann@example.com', { ...expiring, refreshToken: 'revoked' });
        assert.equal(await v.accessToken('p1'), undefined);
        assert.equal(await v.has('p1'), false);
    });
});
//# sourceMappingURL=token-vault.test.js.map