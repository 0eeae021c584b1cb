import { orgTokenAccess, } from '../recordings/recordings-service.js';
/** Vault key of the org admin token when it is refreshed and persisted. */
export const ORG_TOKEN_KEY = 'org:admin';
/**
 * A connected person's own token first (hosted and shared recordings, no hostEmail), else the org token limited to
 * them. Someone else's recordings (`host …`) only ever with the org token.
 */
export function recordingsCredentials(src) {
    const org = async () => {
        const token = (src.adminRefreshable ? await src.vault?.accessToken(ORG_TOKEN_KEY) : undefined) ?? src.adminToken;
        if (!token)
            return undefined;
        const vault = src.vault;
        const refresh = src.adminRefreshable && vault ? () => vault.refresh(ORG_TOKEN_KEY) : undefined;
        return refresh ? { token, refresh } : { token };
    };
    const admin = async (asker) => {
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
//# sourceMappingURL=recordings-credentials.js.map