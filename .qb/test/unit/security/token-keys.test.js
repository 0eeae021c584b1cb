/**
 * Finding 7: a wrong TOKEN_ENCRYPTION_KEY stops the bot at start (naming the variable), a stored token that can't be
 * decrypted is never overwritten, and keys rotate: TOKEN_ENCRYPTION_KEYS=new,old reads both, re-encrypts on use, and
 * `reencryptTokens` moves every row to the new key at once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildAccess } from '../../../src/features/sign-in/build-access.js';
import { ORG_TOKEN_KEY } from '../../../src/features/sign-in/recordings-credentials.js';
import { reencryptTokens } from '../../../src/features/sign-in/reencrypt-tokens.js';
import { TokenCipher } from '../../../src/features/sign-in/token-cipher.js';
import { memoryTokenRecords } from '../../../src/features/sign-in/user-tokens.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createMessenger } from '../../../src/core/messenger.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
const NOW = new Date('2026-11-25T10:00:00Z');
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const tokens = (t) => ({
    accessToken: `${t}-access`,
    refreshToken: `${t}-refresh`,
    accessExpiresAt: NOW.getTime() + 86_400_000,
    refreshExpiresAt: NOW.getTime() + 90 * 86_400_000,
});
function env(keys) {
    return loadConfig({
        WEBEX_BOT_TOKEN: 'bot',
        PUBLIC_URL: 'https://recbot.acme-corp.com',
        WEBHOOK_SECRET: 'x'.repeat(32),
        WEBEX_CLIENT_ID: 'cid',
        WEBEX_CLIENT_SECRET: 'csecret',
        WEBEX_ADMIN_TOKEN: 'env-org-access-STALE',
        WEBEX_ADMIN_REFRESH_TOKEN: 'env-org-refresh-STALE',
        ...keys,
    });
}
function access(keys, records) {
    const logger = memoryLogger().logger;
    const botClient = new WebexClient({
        baseUrl: 'http://127.0.0.1:9/v1',
        token: 'bot',
        timeoutMs: 100,
        maxRetries: 0,
        logger,
    });
    return buildAccess(env(keys), {
        botClient,
        messenger: createMessenger({ client: botClient, logger }),
        now: () => NOW,
        logger,
        fetch: async () => new Response('{}', { status: 500 }),
        tokenRecords: records,
    });
}
describe('token encryption keys (finding 7)', () => {
    it('when the bot restarts with a wrong key, then start fails naming TOKEN_ENCRYPTION_KEY and the rotated org token is kept', async () => {
        const records = memoryTokenRecords();
        const first = access({ TOKEN_ENCRYPTION_KEY: keyA }, records);
        await first.init();
        // The org token was refreshed (rotated) since: the store holds a newer pair than the environment.
        await first.vault?.save(ORG_TOKEN_KEY, undefined, tokens('rotated'));
        const before = records.raw.get(ORG_TOKEN_KEY)?.ciphertext;
        const wrong = access({ TOKEN_ENCRYPTION_KEY: keyB }, records);
        await assert.rejects(wrong.init(), /TOKEN_ENCRYPTION_KEY/);
        assert.equal(records.raw.get(ORG_TOKEN_KEY)?.ciphertext, before, 'never overwritten');
        assert.equal(new TokenCipher(Buffer.from(keyA, 'base64')).decrypt(before ?? '', ORG_TOKEN_KEY).includes('rotated'), true);
    });
    it('when a stored org token cannot be decrypted, then init never replaces it with the environment’s', async () => {
        const records = memoryTokenRecords();
        await records.putToken(ORG_TOKEN_KEY, 'v1.garbage.garbage.garbage', undefined);
        const a = access({ TOKEN_ENCRYPTION_KEY: keyA }, records);
        await assert.rejects(a.init(), /TOKEN_ENCRYPTION_KEY/);
        assert.equal(records.raw.get(ORG_TOKEN_KEY)?.ciphertext, 'v1.garbage.garbage.garbage');
    });
    it('when keys rotate (new,old), then old rows are read, re-encrypted with the new key on use, and all at once by reencryptTokens', async () => {
        const records = memoryTokenRecords();
        const old = access({ TOKEN_ENCRYPTION_KEY: keyA }, records);
        await old.init();
        await old.vault?.save('person-1', 'ann@example.com', tokens('ann'));
        await old.vault?.save('person-2', 'bob@example.com', tokens('bob'));
        const rotated = access({ TOKEN_ENCRYPTION_KEYS: `${keyB},${keyA}` }, records);
        await rotated.init();
        assert.equal(await rotated.vault?.accessToken('person-1'), 'ann-access');
        const onlyB = new TokenCipher(Buffer.from(keyB, 'base64'));
        assert.match(onlyB.decrypt(records.raw.get('person-1')?.ciphertext ?? '', 'person-1'), /ann-access/, 're-encrypted on use');
        assert.throws(() => onlyB.decrypt(records.raw.get('person-2')?.ciphertext ?? '', 'person-2'), 'not used yet');
        const report = await reencryptTokens(records, new TokenCipher([Buffer.from(keyB, 'base64'), Buffer.from(keyA, 'base64')]));
        assert.ok(report.reencrypted >= 1 && report.unreadable.length === 0, JSON.stringify(report));
        for (const [key, row] of records.raw)
            assert.doesNotThrow(() => onlyB.decrypt(row.ciphertext, key), key);
        const newOnly = access({ TOKEN_ENCRYPTION_KEYS: keyB }, records);
        await newOnly.init();
        assert.equal(await newOnly.vault?.accessToken('person-2'), 'bob-access');
    });
    it('when both variables are set or a key is malformed, then the config names the variable', () => {
        for (const [vars, name] of [
            [{ TOKEN_ENCRYPTION_KEY: keyA, TOKEN_ENCRYPTION_KEYS: keyB }, 'TOKEN_ENCRYPTION_KEYS'],
            [{ TOKEN_ENCRYPTION_KEYS: `${keyB},not-a-key` }, 'TOKEN_ENCRYPTION_KEYS'],
        ]) {
            try {
                env(vars);
                assert.fail('expected a ConfigError');
            }
            catch (err) {
                assert.ok(err instanceof ConfigError);
                assert.ok(err.problems.some((p) => p.startsWith(name)), err.problems.join('; '));
            }
        }
        assert.deepEqual(env({ TOKEN_ENCRYPTION_KEYS: ` ${keyB} , ${keyA} ` }).tokenEncryptionKeys, [keyB, keyA]);
    });
});
//# sourceMappingURL=token-keys.test.js.map