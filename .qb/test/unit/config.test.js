import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
const base = {
    WEBEX_BOT_TOKEN: 'bot-token',
    PUBLIC_URL: 'https://bot.acme-corp.io/',
    ALLOW_UNSIGNED_WEBHOOKS: 'true',
};
function problems(env) {
    try {
        loadConfig(env);
    }
    catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
    }
    return [];
}
describe('loadConfig', () => {
    it('applies the documented defaults', () => {
        const c = loadConfig(base);
        assert.equal(c.port, 3000);
        assert.equal(c.webexApiUrl, 'https://webexapis.com/v1');
        assert.equal(c.defaultTimeZone, 'UTC');
        assert.equal(c.dataDir, './data');
        assert.equal(c.publicUrl, 'https://bot.acme-corp.io');
        assert.equal(c.webhookSecret, undefined);
    });
    it('names every variable to fix at once', () => {
        const p = problems({
            PORT: 'abc',
            DEFAULT_TIMEZONE: 'Mars/Olympus',
            LOG_LEVEL: 'loud',
            WEBEX_API_URL: 'ftp://x',
        });
        for (const name of [
            'WEBEX_BOT_TOKEN',
            'PUBLIC_URL',
            'PORT',
            'DEFAULT_TIMEZONE',
            'LOG_LEVEL',
            'WEBEX_API_URL',
        ]) {
            assert.ok(p.some((line) => line.startsWith(name)), `${name} missing from ${p.join('; ')}`);
        }
        assert.ok(p.find((l) => l.startsWith('WEBEX_BOT_TOKEN'))?.includes('developer.webex.com'));
    });
    it('requires WEBHOOK_SECRET in production', () => {
        const p = problems({ ...base, NODE_ENV: 'production' });
        assert.ok(p.some((l) => l.startsWith('WEBHOOK_SECRET')));
        assert.doesNotThrow(() => loadConfig({ ...base, NODE_ENV: 'production', WEBHOOK_SECRET: 'x'.repeat(32) }));
    });
    it('when PUBLIC_URL is the .env.example placeholder or another reserved example host, then it is refused by name', () => {
        for (const url of [
            'https://my-recordings-bot.example.com',
            'https://example.org/bot',
            'https://bot.example',
            'https://bot.test',
        ]) {
            const p = problems({ ...base, PUBLIC_URL: url });
            assert.ok(p.some((l) => l.startsWith('PUBLIC_URL') && l.includes('placeholder')), `${url}: ${p.join('; ')}`);
        }
        assert.doesNotThrow(() => loadConfig({ ...base, PUBLIC_URL: 'https://bots.examples.com' }));
    });
    it('when NODE_ENV=production and PUBLIC_URL is http://, then it is refused by name', () => {
        const secret = { WEBHOOK_SECRET: 'x'.repeat(32) };
        const p = problems({ ...base, ...secret, NODE_ENV: 'production', PUBLIC_URL: 'http://bot.acme-corp.io' });
        assert.ok(p.some((l) => l.startsWith('PUBLIC_URL must be https://')), p.join('; '));
        assert.doesNotThrow(() => loadConfig({ ...base, PUBLIC_URL: 'http://127.0.0.1:3000' }));
    });
    it('treats empty values as unset', () => {
        assert.equal(loadConfig({ ...base, PORT: '', DEFAULT_TIMEZONE: ' ' }).port, 3000);
    });
    it('accepts IANA zones with odd offsets', () => {
        assert.equal(loadConfig({ ...base, DEFAULT_TIMEZONE: 'Asia/Kathmandu' }).defaultTimeZone, 'Asia/Kathmandu');
    });
});
describe('loadConfig: access settings', () => {
    it('parses sign-in, admins and domains', () => {
        const c = loadConfig({
            ...base,
            WEBEX_CLIENT_ID: 'cid',
            WEBEX_CLIENT_SECRET: 'csecret',
            TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
            BOT_ADMINS: ' Boss@Example.com , ops@example.com',
            ALLOWED_EMAIL_DOMAINS: 'example.com, @Partner.org',
            WEEK_STARTS_ON: 'Sunday',
            CACHE_TTL_SECONDS: '30',
        });
        assert.deepEqual(c.oauth, { clientId: 'cid', clientSecret: 'csecret' });
        assert.deepEqual(c.botAdmins, ['boss@example.com', 'ops@example.com']);
        assert.deepEqual(c.allowedEmailDomains, ['example.com', 'partner.org']);
        assert.equal(c.weekStartsOn, 0);
        assert.equal(c.cacheTtlMs, 30_000);
    });
    it('names each access problem', () => {
        const p = problems({
            ...base,
            NODE_ENV: 'production',
            WEBHOOK_SECRET: 'x'.repeat(32),
            WEBEX_CLIENT_ID: 'cid',
            TOKEN_ENCRYPTION_KEY: 'too-short',
            BOT_ADMINS: 'not-an-email',
            ALLOWED_EMAIL_DOMAINS: 'no spaces allowed',
            WEEK_STARTS_ON: 'funday',
            WEBEX_ADMIN_REFRESH_TOKEN: 'r',
        });
        for (const name of [
            'WEBEX_CLIENT_ID',
            'TOKEN_ENCRYPTION_KEY',
            'BOT_ADMINS',
            'ALLOWED_EMAIL_DOMAINS',
            'WEEK_STARTS_ON',
            'WEBEX_ADMIN_REFRESH_TOKEN',
        ]) {
            assert.ok(p.some((l) => l.startsWith(name)), `${name} missing from ${p.join('; ')}`);
        }
    });
    it('requires TOKEN_ENCRYPTION_KEY in production when sign-in is on', () => {
        const p = problems({
            ...base,
            NODE_ENV: 'production',
            WEBHOOK_SECRET: 'x'.repeat(32),
            WEBEX_CLIENT_ID: 'a',
            WEBEX_CLIENT_SECRET: 'b',
        });
        assert.ok(p.some((l) => l.startsWith('TOKEN_ENCRYPTION_KEY is required in production')));
    });
    it('reads the digest and state settings, with defaults, and says what is wrong', () => {
        const c = loadConfig(base);
        assert.equal(c.databaseUrl, undefined);
        assert.equal(c.digestOverlapMs, 10 * 60_000);
        assert.equal(c.digestTickMs, 30_000);
        assert.equal(c.digestLeaseMs, 300_000);
        const set = loadConfig({
            ...base,
            DATABASE_URL: 'postgres://bot:pw@db.internal:5432/bot',
            DIGEST_OVERLAP_MINUTES: '0',
            DIGEST_TICK_SECONDS: '1',
            DIGEST_LEASE_SECONDS: '60',
        });
        assert.equal(set.databaseUrl, 'postgres://bot:pw@db.internal:5432/bot');
        assert.deepEqual([set.digestOverlapMs, set.digestTickMs, set.digestLeaseMs], [0, 1000, 60_000]);
        const p = problems({
            ...base,
            DATABASE_URL: 'mysql://x',
            DIGEST_OVERLAP_MINUTES: '-1',
            DIGEST_TICK_SECONDS: '0',
            DIGEST_LEASE_SECONDS: 'soon',
        });
        for (const name of [
            'DATABASE_URL',
            'DIGEST_OVERLAP_MINUTES',
            'DIGEST_TICK_SECONDS',
            'DIGEST_LEASE_SECONDS',
        ]) {
            assert.ok(p.some((line) => line.startsWith(name)), `${name} missing from ${p.join('; ')}`);
        }
        assert.ok(p.find((l) => l.startsWith('DATABASE_URL'))?.includes('SQLite'));
    });
});
//# sourceMappingURL=config.test.js.map