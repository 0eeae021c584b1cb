/**
 * Finding 8: redaction by value, not only by field name. Every configured secret, bearer-token-shaped strings, Webex
 * token-shaped strings and OAuth codes in URLs are replaced wherever they appear in a line, and the framework's own
 * debug lines lose email addresses too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSecrets, loadConfig } from '../../../src/config.js';
import { frameworkLine } from '../../../src/logger.js';
import { OAuthError } from '../../../src/features/sign-in/oauth-client.js';
import { WebexApiError } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
const WEBEX_SHAPED = 'ZjM2NGE5YzYtOTg3Ny00Y2E5LWE2ZGYtMmYzZjMwMzc1ZmQ1N2Y3ZjJhYjMtN2Fk_PF84_1eb65fdf-9643-417f-9974-ad72cae0e10f';
describe('log redaction by value (finding 8)', () => {
    const config = loadConfig({
        WEBEX_BOT_TOKEN: 'bot-token-value-1234567890',
        PUBLIC_URL: 'https://recbot.acme-corp.com',
        WEBHOOK_SECRET: 'webhook-secret-value-abcdef',
        WEBEX_ADMIN_TOKEN: 'org-admin-token-value-999',
        WEBEX_ADMIN_REFRESH_TOKEN: 'org-refresh-token-value-888',
        WEBEX_CLIENT_ID: 'client-id',
        WEBEX_CLIENT_SECRET: 'client-secret-value-777',
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        DATABASE_URL: 'postgres://bot:db-password-value-666@db.example.com:5432/bot',
    });
    const secrets = configSecrets(config);
    it('lists every configured secret', () => {
        for (const s of [
            'bot-token-value-1234567890',
            'webhook-secret-value-abcdef',
            'org-admin-token-value-999',
            'org-refresh-token-value-888',
            'client-secret-value-777',
            Buffer.alloc(32, 7).toString('base64'),
            'db-password-value-666',
        ]) {
            assert.ok(secrets.includes(s), s);
        }
    });
    it('when an error text from Webex or the token endpoint echoes a secret, then the line carries none of it', () => {
        const logs = memoryLogger('trace', secrets);
        const echo = new WebexApiError('GET', '/recordings', 400, 't1', `bad token bot-token-value-1234567890 (${WEBEX_SHAPED})`);
        logs.logger.error({ err: echo, detail: echo.detail }, 'Webex call failed');
        const oauth = new OAuthError(400, 'invalid_grant', 'refresh token org-refresh-token-value-888 is dead');
        logs.logger.child({ flow: 'x' }).warn({ err: oauth.message }, 'refresh failed');
        logs.logger.info({
            note: 'Authorization: Bearer abcdefghijklmnop.qrstu-vw',
            url: 'https://recbot.acme-corp.com/oauth/callback?code=oauth-code-123&state=s',
        }, 'client-secret-value-777 and webhook-secret-value-abcdef in the message, and db-password-value-666');
        const text = logs.text();
        for (const s of [...secrets, WEBEX_SHAPED, 'abcdefghijklmnop.qrstu-vw', 'oauth-code-123']) {
            assert.ok(!text.includes(s), `${s} leaked: ${text}`);
        }
        assert.match(text, /\[redacted\]/u);
        assert.equal(logs.lines().length, 3, 'every line is still valid JSON');
    });
    it('when the framework logs a line with emails and a bearer token, then they are masked', () => {
        const line = frameworkLine('message from ann@example.com to bob.roy@corp.example.org: Bearer abcdefghijklmnop');
        assert.doesNotMatch(line, /ann@example\.com|bob\.roy@corp|abcdefghijklmnop/u);
    });
});
//# sourceMappingURL=log-redaction.test.js.map