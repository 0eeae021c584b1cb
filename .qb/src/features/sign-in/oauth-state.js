import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
/** Signed (HMAC-SHA256), person-bound, expiring sign-in state. The signature keeps anyone from minting one. */
export class OAuthStateSigner {
    key;
    ttlMs;
    constructor(key, ttlMs) {
        this.key = key;
        this.ttlMs = ttlMs;
    }
    create(personId, now) {
        const state = {
            personId,
            nonce: randomBytes(16).toString('base64url'),
            expiresAt: now.getTime() + this.ttlMs,
        };
        const payload = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
        return `${payload}.${this.sign(payload)}`;
    }
    /** Verifies signature and expiry without using the nonce up (the start redirect may be reloaded). */
    peek(value, now) {
        const [payload, signature, extra] = value.split('.');
        if (!payload || !signature || extra !== undefined)
            return { ok: false, reason: 'malformed' };
        const expected = Buffer.from(this.sign(payload), 'base64url');
        const given = Buffer.from(signature, 'base64url');
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return { ok: false, reason: 'forged' };
        let state;
        try {
            state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        }
        catch {
            return { ok: false, reason: 'malformed' };
        }
        if (typeof state.personId !== 'string' ||
            typeof state.nonce !== 'string' ||
            typeof state.expiresAt !== 'number') {
            return { ok: false, reason: 'malformed' };
        }
        if (state.expiresAt <= now.getTime())
            return { ok: false, reason: 'expired' };
        return { ok: true, state };
    }
    /** peek + single use. */
    async consume(value, now, ledger) {
        const check = this.peek(value, now);
        if (!check.ok)
            return check;
        return (await ledger.useOnce(check.state.nonce, check.state.expiresAt, now))
            ? check
            : { ok: false, reason: 'replayed' };
    }
    sign(payload) {
        return createHmac('sha256', this.key).update(payload).digest('base64url');
    }
}
//# sourceMappingURL=oauth-state.js.map