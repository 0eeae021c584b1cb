import type { Messenger } from '../../core/messenger.js';
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { buildSignInCard } from './sign-in-card.js';
import type { SignInPolicy } from './connect-command.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { RecordingsCredentials } from '../../webex/recordings-access.js';
import type { WebexClient } from '../../webex/webex-client.js';
import { OAuthClient } from './oauth-client.js';
import { OAuthStateSigner, type NonceLedger } from './oauth-state.js';
import { ORG_TOKEN_KEY, recordingsCredentials } from './recordings-credentials.js';
import { signInLink, type SignInDeps } from './sign-in.js';
import { TokenCipher } from './token-cipher.js';
import { memoryTokenRecords, TokenVault, type TokenRecords } from './user-tokens.js';

export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;

export function memoryNonceLedger(): NonceLedger {
  const used = new LRUCache<string, true>({ max: 100_000, ttl: SIGN_IN_LINK_TTL_MS * 2 });
  return {
    async useOnce(nonce) {
      if (used.has(nonce)) return false;
      used.set(nonce, true);
      return true;
    },
  };
}

export interface AccessDeps {
  botClient: WebexClient;
  /** Posts the sign-in card into the person's 1:1 space. */
  messenger: Messenger;
  now: () => Date;
  logger: Logger;
  fetch?: typeof fetch;
  /** Durable token rows and used sign-in nonces; in-memory when no store is given. */
  tokenRecords?: TokenRecords;
  nonces?: NonceLedger;
}

export interface Access {
  credentials: RecordingsCredentials;
  policy: SignInPolicy;
  /** Present when per-user sign-in is configured. */
  signIn: SignInDeps | undefined;
  vault: TokenVault | undefined;
  /** True when the person signed in with Webex (their own token is stored). */
  isSignedIn(personId: string): Promise<boolean>;
  /** Seeds the vault with the configured org token so that it can be refreshed and persisted. */
  init(): Promise<void>;
}

/** The keys for stored tokens (the first encrypts): the configured ones, else a throwaway key for this run only. */
function tokenKeyRing(config: Config, log: Logger): Buffer[] {
  const configured = config.tokenEncryptionKeys.map((k) => Buffer.from(k, 'base64'));
  if (configured.length > 0) return configured;
  log.warn('TOKEN_ENCRYPTION_KEY is not set: using a throwaway key, so sign-ins are lost on restart');
  return [randomBytes(32)];
}

function signInFlow(
  config: Config,
  deps: AccessDeps,
  parts: { oauth: OAuthClient; vault: TokenVault; keyMaterial: Buffer; log: Logger },
): SignInDeps {
  return {
    oauth: parts.oauth,
    vault: parts.vault,
    // A separate key for signing states, derived so that one secret in the environment serves both.
    signer: new OAuthStateSigner(
      createHash('sha256').update('oauth-state').update(parts.keyMaterial).digest(),
      SIGN_IN_LINK_TTL_MS,
    ),
    nonces: deps.nonces ?? memoryNonceLedger(),
    botClient: deps.botClient,
    messenger: deps.messenger,
    publicUrl: config.publicUrl,
    now: deps.now,
    logger: parts.log,
  };
}

/** What commands may ask of access: offer a sign-in (only when it is configured), forget one, spot a bot admin. */
function accessPolicy(
  config: Config,
  messenger: Messenger,
  signIn: SignInDeps | undefined,
  vault: TokenVault | undefined,
): SignInPolicy {
  const admins = new Set(config.botAdmins);
  return {
    signInEnabled: Boolean(signIn),
    async offerSignIn(personId, reason) {
      if (!signIn) return;
      const { card, markdown } = buildSignInCard(signInLink(signIn, personId), reason);
      await messenger.sendDirect(personId, markdown, card);
    },
    async disconnect(personId) {
      return vault ? vault.remove(personId) : false;
    },
    isBotAdmin: (email) => admins.has(email.toLowerCase()),
  };
}

/** Puts the environment's refreshable org token into the vault, once, so that its refreshes are kept. */
async function seedOrgToken(vault: TokenVault, records: TokenRecords, config: Config): Promise<void> {
  if (!config.adminToken || !config.adminRefreshToken) return;
  // A stored org token is newer than the environment's (it is rotated on refresh); it is kept even when it
  // cannot be decrypted, so a wrong key can never replace it with the stale one.
  if (await records.getToken(ORG_TOKEN_KEY)) return;
  // Its real expiry is unknown: it is used until Webex answers 401, then refreshed.
  await vault.save(ORG_TOKEN_KEY, undefined, {
    accessToken: config.adminToken,
    refreshToken: config.adminRefreshToken,
    accessExpiresAt: Number.MAX_SAFE_INTEGER,
    refreshExpiresAt: Number.MAX_SAFE_INTEGER,
  });
}

/** Wires who may list what: per-user sign-in, the org token, and the admin/privacy rules around them. */
export function buildAccess(config: Config, deps: AccessDeps): Access {
  const log = deps.logger.child({ component: 'access' });
  const oauth = config.oauth
    ? new OAuthClient({
        apiUrl: config.webexApiUrl,
        clientId: config.oauth.clientId,
        clientSecret: config.oauth.clientSecret,
        timeoutMs: config.webexTimeoutMs,
        now: deps.now,
        fetch: deps.fetch,
      })
    : undefined;
  const adminRefreshable = Boolean(oauth && config.adminRefreshToken && config.adminToken);
  // Only sign-in stores tokens, so only then are keys needed.
  const keyRing = oauth ? tokenKeyRing(config, log) : [];
  const keyMaterial = keyRing[0];
  const records = deps.tokenRecords ?? memoryTokenRecords();
  const vault =
    oauth && keyMaterial
      ? new TokenVault({ records, cipher: new TokenCipher(keyRing), oauth, now: deps.now, logger: log })
      : undefined;
  const signIn =
    oauth && vault && keyMaterial ? signInFlow(config, deps, { oauth, vault, keyMaterial, log }) : undefined;

  return {
    credentials: recordingsCredentials({ vault, adminToken: config.adminToken, adminRefreshable }),
    policy: accessPolicy(config, deps.messenger, signIn, vault),
    signIn,
    vault,
    isSignedIn: async (personId) => (vault ? vault.has(personId) : false),
    async init() {
      // A wrong key stops the start here (TokenKeyError names the variable) before anything is written.
      if (vault && config.tokenEncryptionKeys.length > 0) await vault.checkKey();
      if (vault && adminRefreshable) await seedOrgToken(vault, records, config);
    },
  };
}
