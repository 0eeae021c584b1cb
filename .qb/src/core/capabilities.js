export const NO_ACCESS_FIX = 'set WEBEX_ADMIN_TOKEN (an org token with meeting:admin_recordings_read) and/or per-user sign-in ' +
    '(WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET and TOKEN_ENCRYPTION_KEY from a Webex Integration)';
export function recordingsAccess(config) {
    if (config.adminToken && config.oauth)
        return 'both';
    if (config.adminToken)
        return 'org-token';
    if (config.oauth)
        return 'sign-in';
    return 'none';
}
const ACCESS_WORDS = {
    'org-token': 'the org token (WEBEX_ADMIN_TOKEN)',
    'sign-in': 'per-user sign-in',
    both: 'per-user sign-in, else the org token',
    none: `NONE: the bot cannot list recordings; ${NO_ACCESS_FIX}`,
};
/** The one start-up line an operator reads to know what this instance can do. */
export function describeCapabilities(c) {
    return `webex-recordings-bot ${c.version}: store ${c.store}, webhooks at ${c.webhookUrl}, recordings via ${ACCESS_WORDS[c.recordingsAccess]}`;
}
//# sourceMappingURL=capabilities.js.map