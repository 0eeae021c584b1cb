/**
 * The sign-in feature: `connect`/`disconnect`, the OAuth routes, the encrypted token vault, and the recordings
 * credentials the other features list with (a person's own sign-in, else the org token). Features that keep
 * something on a person's sign-in (notifications' webhooks, digests) take part in `disconnect` through
 * DisconnectHooks, so this feature imports none of them.
 */
import type { FeatureModule } from '../../core/feature-module.js';
import type { Infrastructure } from '../../core/infrastructure.js';
import { EXIT_CONFIG, StartupError } from '../../core/startup-error.js';
import type { AccessPolicy, RecordingsCredentials } from '../../webex/recordings-access.js';
import { buildAccess } from './build-access.js';
import { connectCommand, disconnectCommand } from './connect-command.js';
import { KyselyNonceLedger } from './kysely-nonce-ledger.js';
import { KyselyTokenRecords } from './kysely-token-records.js';
import { oauthRoutes } from './oauth-routes.js';
import { TokenKeyError, type TokenRecords } from './user-tokens.js';

export type { TokenRecords } from './user-tokens.js';
// For `npm run reencrypt-tokens` (src/reencrypt-tokens.ts), which rotates the key outside the running bot.
export { KyselyTokenRecords } from './kysely-token-records.js';
export { reencryptTokens } from './reencrypt-tokens.js';
export { TokenCipher } from './token-cipher.js';

/** What another feature does when a person takes back the bot's access (`disconnect`). */
export interface DisconnectHooks {
  /** Before the sign-in is deleted, while the person's token still works (e.g. to remove their webhooks). */
  beforeDisconnect?(personId: string): Promise<void>;
  /** After it was deleted (only when there was one): what relied on it stops. */
  afterDisconnect?(personId: string): Promise<void>;
}

export interface SignInModule extends FeatureModule {
  credentials: RecordingsCredentials;
  policy: AccessPolicy;
  /** True when the person signed in with Webex (their own token is stored). */
  isSignedIn(personId: string): Promise<boolean>;
}

export interface SignInModuleDeps {
  fetch?: typeof fetch | undefined;
  /** Where encrypted tokens are kept; the store's table unless given. */
  tokenRecords?: TokenRecords | undefined;
  /** Read at each `disconnect`: the features built after this one. */
  disconnectHooks(): readonly DisconnectHooks[];
}

export function createSignInModule(
  infra: Pick<Infrastructure, 'config' | 'store' | 'client' | 'messenger' | 'now' | 'logger'>,
  deps: SignInModuleDeps,
): SignInModule {
  const access = buildAccess(infra.config, {
    botClient: infra.client,
    messenger: infra.messenger,
    now: infra.now,
    logger: infra.logger,
    fetch: deps.fetch,
    tokenRecords: deps.tokenRecords ?? new KyselyTokenRecords(infra.store.kysely),
    nonces: new KyselyNonceLedger(infra.store.kysely),
  });
  async function disconnect(personId: string): Promise<boolean> {
    const hooks = deps.disconnectHooks();
    for (const h of hooks) await h.beforeDisconnect?.(personId);
    const removed = await access.policy.disconnect(personId);
    if (removed) for (const h of hooks) await h.afterDisconnect?.(personId);
    return removed;
  }
  return {
    name: 'sign-in',
    commands: [connectCommand(access.policy), disconnectCommand({ disconnect })],
    routes: access.signIn ? [oauthRoutes(access.signIn)] : [],
    credentials: access.credentials,
    policy: access.policy,
    isSignedIn: access.isSignedIn,
    async init() {
      try {
        // Before listening: a wrong TOKEN_ENCRYPTION_KEY must stop the start before anything is served or written.
        await access.init();
      } catch (err) {
        throw err instanceof TokenKeyError
          ? new StartupError('TOKEN_ENCRYPTION_KEY', err.message, EXIT_CONFIG, { cause: err })
          : err;
      }
    },
  };
}
