import {
  orgTokenAccess,
  type Asker,
  type RecordingsAccess,
  type RecordingsCredentials,
} from '../../webex/recordings-access.js';
import type { TokenVault } from './user-tokens.js';

/** Vault key of the org admin token when it is refreshed and persisted. */
export const ORG_TOKEN_KEY = 'org:admin';

export interface CredentialSources {
  /** Per-user sign-in tokens (undefined when sign-in is not configured). */
  vault: TokenVault | undefined;
  /** The org admin token from WEBEX_ADMIN_TOKEN (the vault's copy wins once it has been refreshed). */
  adminToken: string | undefined;
  /** True when WEBEX_ADMIN_REFRESH_TOKEN lets the vault refresh the org token. */
  adminRefreshable: boolean;
}

/**
 * A connected person's own token first (hosted and shared recordings, no hostEmail), else the org token limited to
 * them. Someone else's recordings (`host …`) only ever with the org token.
 */
export function recordingsCredentials(src: CredentialSources): RecordingsCredentials {
  const org = async () => {
    const token =
      (src.adminRefreshable ? await src.vault?.accessToken(ORG_TOKEN_KEY) : undefined) ?? src.adminToken;
    if (!token) return undefined;
    const vault = src.vault;
    const refresh = src.adminRefreshable && vault ? () => vault.refresh(ORG_TOKEN_KEY) : undefined;
    return refresh ? { token, refresh } : { token };
  };
  const admin = async (asker: Asker): Promise<RecordingsAccess | undefined> => {
    const o = await org();
    return o ? orgTokenAccess(o.token, asker, o.refresh) : undefined;
  };
  return {
    async forAsker(asker, need) {
      if (!need?.otherHost && src.vault) {
        const token = await src.vault.accessToken(asker.personId);
        if (token) {
          const vault = src.vault;
          return { mode: 'user', token, refresh: () => vault.refresh(asker.personId) };
        }
      }
      return admin(asker);
    },
    orgToken: org,
  };
}
