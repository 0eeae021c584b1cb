import type { Logger } from '../../logger.js';
import { OAuthError, type OAuthClient, type OAuthTokens } from './oauth-client.js';
import type { TokenCipher } from './token-cipher.js';

/** Persistence port for credentials: the store keeps only ciphertext, keyed by person id (or a fixed key for the org). */
export interface TokenRecords {
  getToken(key: string): Promise<{ ciphertext: string; email: string | undefined } | undefined>;
  putToken(key: string, ciphertext: string, email: string | undefined): Promise<void>;
  deleteToken(key: string): Promise<boolean>;
  /** Every stored key (for the key check at start and for re-encrypting everything). */
  listTokenKeys(): Promise<string[]>;
}

/** Vault key of a small known value that proves, at start, that the configured keys are the ones in use. */
export const KEY_CHECK_KEY = 'meta:key-check';

/** The configured keys cannot read what is stored: starting would silently drop every sign-in. */
export class TokenKeyError extends Error {
  constructor() {
    super(
      'TOKEN_ENCRYPTION_KEY does not decrypt the tokens already stored: it is not the key they were saved with. ' +
        'Start with the previous key again, or rotate with TOKEN_ENCRYPTION_KEYS=<new key>,<previous key> (see the README, Security). Nothing was changed.',
    );
    this.name = 'TokenKeyError';
  }
}

/** In-process records: the default until a durable store is configured, and for tests. */
export function memoryTokenRecords(): TokenRecords & {
  raw: Map<string, { ciphertext: string; email: string | undefined }>;
} {
  const raw = new Map<string, { ciphertext: string; email: string | undefined }>();
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

export interface TokenVaultOptions {
  records: TokenRecords;
  cipher: TokenCipher;
  oauth: OAuthClient | undefined;
  now: () => Date;
  logger: Logger;
  /** Refresh this long before the access token expires. */
  refreshSkewMs?: number;
}

/**
 * Encrypted OAuth token pairs with refresh: before expiry, and on demand after a 401. Webex rotates refresh tokens,
 * so every refresh stores the new pair. Concurrent refreshes for one key share one request.
 */
export class TokenVault {
  private readonly refreshing = new Map<string, Promise<string | undefined>>();
  private readonly skew: number;

  constructor(private readonly opts: TokenVaultOptions) {
    this.skew = opts.refreshSkewMs ?? 5 * 60_000;
  }

  async save(key: string, email: string | undefined, tokens: OAuthTokens): Promise<void> {
    await this.opts.records.putToken(key, this.opts.cipher.encrypt(JSON.stringify(tokens), key), email);
  }

  /**
   * At start: the stored key-check value (or, before there is one, the stored tokens) must decrypt with the
   * configured keys; otherwise TokenKeyError, and nothing is written. Then the check value is (re)written with the
   * current key.
   */
  async checkKey(): Promise<void> {
    const { records, cipher } = this.opts;
    const check = await records.getToken(KEY_CHECK_KEY);
    if (check) {
      try {
        cipher.open(check.ciphertext, KEY_CHECK_KEY);
      } catch {
        throw new TokenKeyError();
      }
    } else {
      const keys = (await records.listTokenKeys()).filter((k) => k !== KEY_CHECK_KEY);
      let readable = 0;
      for (const key of keys) {
        const row = await records.getToken(key);
        try {
          if (row) cipher.open(row.ciphertext, key);
          readable++;
        } catch {
          // counted below
        }
      }
      if (keys.length > 0 && readable === 0) throw new TokenKeyError();
    }
    await records.putToken(KEY_CHECK_KEY, cipher.encrypt('key-check', KEY_CHECK_KEY), undefined);
  }

  async remove(key: string): Promise<boolean> {
    return this.opts.records.deleteToken(key);
  }

  async has(key: string): Promise<boolean> {
    return (await this.load(key)) !== undefined;
  }

  /** A usable access token, refreshed first when it is about to expire; undefined when there is none (any more). */
  async accessToken(key: string): Promise<string | undefined> {
    const tokens = await this.load(key);
    if (!tokens) return undefined;
    if (tokens.accessExpiresAt - this.skew > this.opts.now().getTime()) return tokens.accessToken;
    return this.refresh(key);
  }

  /** After Webex said 401 for a token we thought valid. */
  refresh(key: string): Promise<string | undefined> {
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.doRefresh(key).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  private async doRefresh(key: string): Promise<string | undefined> {
    const row = await this.opts.records.getToken(key);
    const tokens = await this.load(key);
    if (!tokens || !this.opts.oauth) return undefined;
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
    } catch (err) {
      if (err instanceof OAuthError && err.isGrantDead) {
        // Another instance may have rotated the pair a moment ago: its new tokens are then in the store.
        const current = await this.load(key);
        if (current && current.refreshToken !== tokens.refreshToken) return current.accessToken;
        this.opts.logger.warn({ key: redactKey(key) }, 'refresh token refused; sign-in needed again');
        await this.remove(key);
        return undefined;
      }
      throw err;
    }
  }

  private async load(key: string): Promise<OAuthTokens | undefined> {
    const row = await this.opts.records.getToken(key);
    if (!row) return undefined;
    try {
      const { plaintext, current } = this.opts.cipher.open(row.ciphertext, key);
      if (!current) {
        // Read with an older key of TOKEN_ENCRYPTION_KEYS: stored again with the current one.
        await this.opts.records.putToken(key, this.opts.cipher.encrypt(plaintext, key), row.email);
        this.opts.logger.info({ key: redactKey(key) }, 'token re-encrypted with the current key');
      }
      return JSON.parse(plaintext) as OAuthTokens;
    } catch (err) {
      // A changed TOKEN_ENCRYPTION_KEY makes old rows unreadable: treat as signed out, say why once in the log.
      this.opts.logger.error(
        { key: redactKey(key), err: (err as Error).message },
        'stored token cannot be decrypted',
      );
      return undefined;
    }
  }
}

const redactKey = (key: string) => (key.length > 12 ? `${key.slice(0, 6)}…${key.slice(-4)}` : key);
