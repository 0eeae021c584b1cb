import { OAuthError } from './oauth-client.js';
/** Vault key of a small known value that proves, at start, that the configured keys are the ones in use. */
export const KEY_CHECK_KEY = 'meta:key-check';
/** The configured keys cannot read what is stored: starting would silently drop every sign-in. */
export class TokenKeyError extends Error {
    constructor() {
        super('TOKEN_ENCRYPTION_KEY does not decrypt the tokens already stored: it is not the key they were saved with. ' +
            'Start with the previous key again, or rotate with TOKEN_ENCRYPTION_KEYS=<new key>,<previous key> (see the README, Security). Nothing was changed.');
        this.name = 'TokenKeyError';
    }
}
/** In-process records: the default until a durable store is configured, and for tests. */
export function memoryTokenRecords() {
    const raw = new Map();
    return {
        raw,
        async getToken(key) {
            return raw.get(key);
        },
        async putToken(key, ciphertext, email) {
            raw.set(key, { ciphertext, email });
        },
        async deleteToken(key) {
            return raw.delete(key);
        },
        async listTokenKeys() {
            return [...raw.keys()];
        },
    };
}
/**
 * Encrypted OAuth token pairs with refresh: before expiry, and on demand after a 401. Webex rotates refresh tokens,
 * so every refresh stores the new pair. Concurrent refreshes for one key share one request.
 */
export class TokenVault {
    opts;
    refreshing = new Map();
    skew;
    constructor(opts) {
        this.opts = opts;
        this.skew = opts.refreshSkewMs ?? 5 * 60_000;
    }
    async save(key, email, tokens) {
        await this.opts.records.putToken(key, this.opts.cipher.encrypt(JSON.stringify(tokens), key), email);
    }
    /**
     * At start: the stored key-check value (or, before there is one, the stored tokens) must decrypt with the
     * configured keys; otherwise TokenKeyError, and nothing is written. Then the check value is (re)written with the
     * current key.
     */
    async checkKey() {
        const { records, cipher } = this.opts;
        const check = await records.getToken(KEY_CHECK_KEY);
        if (check) {
            try {
                cipher.open(check.ciphertext, KEY_CHECK_KEY);
            }
            catch {
                throw new TokenKeyError();
            }
        }
        else {
            const keys = (await records.listTokenKeys()).filter((k) => k !== KEY_CHECK_KEY);
            let readable = 0;
            for (const key of keys) {
                const row = await records.getToken(key);
                try {
                    if (row)
                        cipher.open(row.ciphertext, key);
                    readable++;
                }
                catch {
                    // counted below
                }
            }
            if (keys.length > 0 && readable === 0)
                throw new TokenKeyError();
        }
        await records.putToken(KEY_CHECK_KEY, cipher.encrypt('key-check', KEY_CHECK_KEY), undefined);
    }
    async remove(key) {
        return this.opts.records.deleteToken(key);
    }
    async has(key) {
        return (await this.load(key)) !== undefined;
    }
    /** A usable access token, refreshed first when it is about to expire; undefined when there is none (any more). */
    async accessToken(key) {
        const tokens = await this.load(key);
        if (!tokens)
            return undefined;
        if (tokens.accessExpiresAt - this.skew > this.opts.now().getTime())
            return tokens.accessToken;
        return this.refresh(key);
    }
    /** After Webex said 401 for a token we thought valid. */
    refresh(key) {
        let pending = this.refreshing.get(key);
        if (!pending) {
            pending = this.doRefresh(key).finally(() => this.refreshing.delete(key));
            this.refreshing.set(key, pending);
        }
        return pending;
    }
    async doRefresh(key) {
        const row = await this.opts.records.getToken(key);
        const tokens = await this.load(key);
        if (!tokens || !this.opts.oauth)
            return undefined;
        if (tokens.refreshExpiresAt <= this.opts.now().getTime()) {
            this.opts.logger.info({ key: redactKey(key) }, 'refresh token expired; sign-in needed again');
            await this.remove(key);
            return undefined;
        }
        try {
            const fresh = await this.opts.oauth.refresh(tokens.refreshToken);
            await this.save(key, row?.email, fresh);
            this.opts.logger.info({ key: redactKey(key) }, 'refreshed access token');
            return fresh.accessToken;
        }
        catch (err) {
            if (err instanceof OAuthError && err.isGrantDead) {
                // Another instance may have rotated the pair a moment ago: its new tokens are then in the store.
                const current = await this.load(key);
                if (current && current.refreshToken !== tokens.refreshToken)
                    return current.accessToken;
                this.opts.logger.warn({ key: redactKey(key) }, 'refresh token refused; sign-in needed again');
                await this.remove(key);
                return undefined;
            }
            throw err;
        }
    }
    async load(key) {
        const row = await this.opts.records.getToken(key);
        if (!row)
            return undefined;
        try {
            const { plaintext, current } = this.opts.cipher.open(row.ciphertext, key);
            if (!current) {
                // Read with an older key of TOKEN_ENCRYPTION_KEYS: stored again with the current one.
                await this.opts.records.putToken(key, this.opts.cipher.encrypt(plaintext, key), row.email);
                this.opts.logger.info({ key: redactKey(key) }, 'token re-encrypted with the current key');
            }
            return JSON.parse(plaintext);
        }
        catch (err) {
            // A changed TOKEN_ENCRYPTION_KEY makes old rows unreadable: treat as signed out, say why once in the log.
            this.opts.logger.error({ key: redactKey(key), err: err.message }, 'stored token cannot be decrypted');
            return undefined;
        }
    }
}
const redactKey = (key) => (key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-4)}` : key);
//# sourceMappingURL=user-tokens.js.map