import { initial } from './0001-initial.js';
import { userTokens } from './0002-user-tokens.js';
import { oauthNonces } from './0003-oauth-nonces.js';
import { seenEvents } from './0004-seen-events.js';
import { notifications } from './0006-notifications.js';
/**
 * Every migration, in order, listed in code rather than found by scanning a folder, so the same list works from
 * src/ (tests), .build/ and dist/. Append new ones; never edit or rename one that has shipped.
 */
export const MIGRATIONS = {
    '0001-initial': initial,
    '0002-user-tokens': userTokens,
    '0003-oauth-nonces': oauthNonces,
    '0004-seen-events': seenEvents,
    '0006-notifications': notifications,
};
export const migrationProvider = {
    getMigrations: async () => ({ ...MIGRATIONS }),
};
//# sourceMappingURL=index.js.map