import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
/**
 * AES-256-GCM for tokens at rest, with a key ring for rotation: the first key encrypts, every key is tried when
 * decrypting (GCM's tag tells a wrong key apart). The stored form is `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 * The person id is bound as associated data: a row copied onto another person fails to decrypt.
 */
export class TokenCipher {
    keys;
    constructor(keys) {
        this.keys = Array.isArray(keys) ? keys : [keys];
        if (this.keys.length === 0 || this.keys.some((k) => k.length !== 32)) {
            throw new Error('TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes');
        }
    }
    get key() {
        return this.keys[0];
    }
    static fromBase64(value) {
        return new TokenCipher(Buffer.from(value, 'base64'));
    }
    encrypt(plaintext, boundTo) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', this.key, iv);
        cipher.setAAD(Buffer.from(boundTo, 'utf8'));
        const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
        return ['v1', iv, cipher.getAuthTag(), ct]
            .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
            .join('.');
    }
    /** Throws when the value was tampered with, encrypted with none of the keys, or bound to someone else. */
    decrypt(stored, boundTo) {
        return this.open(stored, boundTo).plaintext;
    }
    /** Like decrypt; `current` is false when an older key of the ring was needed (the row should be re-encrypted). */
    open(stored, boundTo) {
        const [version, iv, tag, ct] = stored.split('.');
        if (version !== 'v1' || !iv || !tag || ct === undefined)
            throw new Error('not an encrypted token');
        for (const [i, key] of this.keys.entries()) {
            try {
                const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
                decipher.setAAD(Buffer.from(boundTo, 'utf8'));
                decipher.setAuthTag(Buffer.from(tag, 'base64url'));
                const plaintext = Buffer.concat([
                    decipher.update(Buffer.from(ct, 'base64url')),
                    decipher.final(),
                ]).toString('utf8');
                return { plaintext, current: i === 0 };
            }
            catch {
                // not this key: try the next
            }
        }
        throw new Error('no configured key decrypts this token');
    }
}
//# sourceMappingURL=token-cipher.js.map