/**
 * Finding 9: the OAuth pages send security headers (helmet: CSP with frame-ancestors 'none', no-referrer, no-store);
 * a cancelled consent leaves the sign-in link usable; DATA_DIR is 0700 and the SQLite file 0600.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { memoryNonceLedger } from '../../../src/features/sign-in/build-access.js';
import { OAuthClient } from '../../../src/features/sign-in/oauth-client.js';
import { OAuthStateSigner } from '../../../src/features/sign-in/oauth-state.js';
import { completeSignIn } from '../../../src/features/sign-in/sign-in.js';
import { TokenCipher } from '../../../src/features/sign-in/token-cipher.js';
import { memoryTokenRecords, TokenVault } from '../../../src/features/sign-in/user-tokens.js';
import { createServer } from '../../../src/server/create-server.js';
import { oauthRoutes } from '../../../src/features/sign-in/oauth-routes.js';
import { openStore } from '../../../src/store/open-store.js';
import { createMessenger } from '../../../src/core/messenger.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
const NOW = new Date('2026-11-25T10:00:00Z');
function signInDeps() {
    const logger = memoryLogger().logger;
    const botClient = new WebexClient({
        baseUrl: 'http://127.0.0.1:9/v1',
        token: 'bot',
        timeoutMs: 100,
        maxRetries: 0,
        logger,
    });
    const oauth = new OAuthClient({
        apiUrl: 'http://127.0.0.1:9/v1',
        clientId: 'cid',
        clientSecret: 'csecret',
        timeoutMs: 100,
        now: () => NOW,
        fetch: async () => new Response('{}', { status: 500 }),
    });
    return {
        oauth,
        signer: new OAuthStateSigner(randomBytes(32), 10 * 60_000),
        nonces: memoryNonceLedger(),
        vault: new TokenVault({
            records: memoryTokenRecords(),
            cipher: new TokenCipher(randomBytes(32)),
            oauth,
            now: () => NOW,
            logger,
        }),
        botClient,
        messenger: createMessenger({ client: botClient, logger }),
        publicUrl: 'https://bot.example.com',
        now: () => NOW,
        logger,
    };
}
describe('OAuth pages send security headers (finding 9)', () => {
    const deps = signInDeps();
    let base = '';
    let close = () => undefined;
    before(async () => {
        const app = createServer({
            webhookPath: '/webhooks/webex',
            webhookSecret: 'x'.repeat(32),
            logger: memoryLogger().logger,
            isReady: () => true,
            onWebhook: () => undefined,
            routers: [oauthRoutes(deps)],
        });
        const server = app.listen(0, '127.0.0.1');
        await new Promise((r) => server.once('listening', r));
        base = `http://127.0.0.1:${server.address().port}`;
        close = () => server.close();
    });
    after(() => close());
    const state = () => deps.signer.create('person-1', NOW);
    for (const [name, path] of [
        ['start with a good link (redirect)', () => `/oauth/start?state=${encodeURIComponent(state())}`],
        ['start with a bad link (page)', () => '/oauth/start?state=forged'],
        [
            'callback, cancelled (page)',
            () => `/oauth/callback?error=access_denied&state=${encodeURIComponent(state())}`,
        ],
        ['callback, bad state (page)', () => '/oauth/callback?code=c&state=forged'],
    ]) {
        it(`when the browser opens the ${name}, then CSP, frame-ancestors, no-referrer and no-store are sent`, async () => {
            const res = await fetch(`${base}${path()}`, { redirect: 'manual' });
            const csp = res.headers.get('content-security-policy') ?? '';
            assert.match(csp, /default-src 'none'/u, csp);
            assert.match(csp, /frame-ancestors 'none'/u, csp);
            assert.doesNotMatch(csp, /unsafe-inline/u, csp);
            assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
            assert.match(res.headers.get('cache-control') ?? '', /no-store/u);
            assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
            assert.equal(res.headers.get('x-frame-options'), 'DENY');
        });
    }
});
describe('a cancelled consent (finding 9)', () => {
    it('when the person cancels at Webex, then the link is not used up and works for another try', async () => {
        const deps = signInDeps();
        const state = deps.signer.create('person-1', NOW);
        const cancelled = await completeSignIn(deps, { state, error: 'access_denied' });
        assert.ok(!cancelled.ok && /cancelled/u.test(cancelled.message));
        const again = await deps.signer.consume(state, NOW, deps.nonces);
        assert.ok(again.ok, 'the nonce is still unused');
    });
    it('when the callback carries an error but a forged state, then it is refused as not valid', async () => {
        const deps = signInDeps();
        const out = await completeSignIn(deps, { state: 'forged', error: 'access_denied' });
        assert.ok(!out.ok && out.status === 400 && /not valid/u.test(out.message));
    });
});
describe('file permissions (finding 9)', () => {
    it('when the store creates DATA_DIR and its database, then the folder is 0700 and the file 0600', async () => {
        const dataDir = join(mkdtempSync(join(tmpdir(), 'perm-')), 'data', 'nested');
        const store = openStore({ dataDir });
        await store.migrate();
        try {
            assert.equal(statSync(dataDir).mode & 0o777, 0o700);
            assert.equal(statSync(join(dataDir, 'bot.sqlite')).mode & 0o777, 0o600);
            for (const f of ['bot.sqlite-wal', 'bot.sqlite-shm']) {
                try {
                    assert.equal(statSync(join(dataDir, f)).mode & 0o777, 0o600, f);
                }
                catch (err) {
                    if (err.code !== 'ENOENT')
                        throw err;
                }
            }
        }
        finally {
            await store.close();
        }
    });
});
//# sourceMappingURL=web-pages-and-files.test.js.map