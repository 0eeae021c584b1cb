/** Finding 6: no unsigned deliveries unless explicitly allowed; a signature is exactly 40 hex characters. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { signWebexBody, verifyWebexSignature } from '../../../src/server/verify-signature.js';
const base = { WEBEX_BOT_TOKEN: 'bot-token', PUBLIC_URL: 'https://bot.acme-corp.io/' };
function problems(env) {
    try {
        loadConfig(env);
        return [];
    }
    catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
    }
}
describe('unsigned webhooks (finding 6)', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
        it(`when WEBHOOK_SECRET is missing (NODE_ENV=${NODE_ENV ?? 'unset'}), then the bot refuses to start, naming both variables`, () => {
            const p = problems({ ...base, ...(NODE_ENV ? { NODE_ENV } : {}) });
            const line = p.find((l) => l.startsWith('WEBHOOK_SECRET'));
            assert.ok(line, p.join('; '));
            if (NODE_ENV !== 'production')
                assert.match(line, /ALLOW_UNSIGNED_WEBHOOKS=true/);
        });
    }
    it('when ALLOW_UNSIGNED_WEBHOOKS=true outside production, then it starts without a secret', () => {
        const c = loadConfig({ ...base, ALLOW_UNSIGNED_WEBHOOKS: 'true' });
        assert.equal(c.webhookSecret, undefined);
        assert.equal(c.allowUnsignedWebhooks, true);
        assert.ok(problems({ ...base, ALLOW_UNSIGNED_WEBHOOKS: 'yes' }).some((l) => l.startsWith('ALLOW_UNSIGNED_WEBHOOKS')));
        assert.ok(problems({ ...base, NODE_ENV: 'production', ALLOW_UNSIGNED_WEBHOOKS: 'true' }).some((l) => l.startsWith('WEBHOOK_SECRET')));
    });
    it('when a signature has a 41st nibble or any other length than 40 hex characters, then it is rejected', () => {
        const body = Buffer.from('{"id":"x"}');
        const secret = 'a-long-enough-secret';
        const good = signWebexBody(body, secret);
        assert.equal(good.length, 40);
        assert.equal(verifyWebexSignature(body, good, secret), true);
        assert.equal(verifyWebexSignature(body, good.toUpperCase(), secret), true);
        for (const bad of [`${good}0`, `${good}f`, good.slice(0, 39), ` ${good}`, `${good} `, `${good}00`]) {
            assert.equal(verifyWebexSignature(body, bad, secret), false, bad);
        }
    });
});
//# sourceMappingURL=webhook-signing.test.js.map