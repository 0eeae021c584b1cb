import { escapeMarkdown } from '../../core/markdown.js';
/** What the Integration asks for: reading the person's recordings, and who they are (to check the sign-in). */
export const SIGN_IN_SCOPES = 'spark:people_read meeting:recordings_read';
export const OAUTH_START_PATH = '/oauth/start';
export const OAUTH_CALLBACK_PATH = '/oauth/callback';
/** The link a sign-in card points at: signed, bound to this person, short-lived. */
export function signInLink(deps, personId) {
    return `${deps.publicUrl}${OAUTH_START_PATH}?state=${encodeURIComponent(deps.signer.create(personId, deps.now()))}`;
}
const REFUSALS = {
    malformed: 'This sign-in link is not valid. Ask the bot to `connect` again for a new one.',
    forged: 'This sign-in link is not valid. Ask the bot to `connect` again for a new one.',
    expired: 'This sign-in link has expired. Ask the bot to `connect` again for a new one.',
    replayed: 'This sign-in link was already used. Ask the bot to `connect` again if you need a new one.',
};
/** GET /oauth/start: checks the state (without using it up) and sends the browser to Webex. */
export function startSignIn(deps, state) {
    const check = deps.signer.peek(state ?? '', deps.now());
    if (!check.ok)
        return { status: 400, message: REFUSALS[check.reason] };
    return {
        redirect: deps.oauth.authorizeUrl({
            redirectUri: `${deps.publicUrl}${OAUTH_CALLBACK_PATH}`,
            scope: SIGN_IN_SCOPES,
            state: state ?? '',
        }),
    };
}
/**
 * GET /oauth/callback: the state must be genuine, unexpired and unused, and the account that signed in must be the
 * person who asked; only then are tokens stored (encrypted) and the person told in their 1:1 space.
 */
export async function completeSignIn(deps, q) {
    const log = deps.logger.child({ flow: 'oauth-callback' });
    if (q.error || !q.code) {
        // A cancelled consent does not use the link up: nothing was granted, so the person may press Sign in again
        // while it is valid. The state is still checked, so a forged one is told apart from a real cancel.
        const peek = deps.signer.peek(q.state ?? '', deps.now());
        if (!peek.ok) {
            log.warn({ reason: peek.reason }, 'sign-in callback refused');
            return { ok: false, status: 400, message: REFUSALS[peek.reason] };
        }
        log.info({ error: q.error?.slice(0, 64) }, 'sign-in cancelled or refused at Webex');
        return {
            ok: false,
            status: 400,
            message: 'Sign-in was cancelled. You can press Sign in again (the link works for 10 minutes) or ask the bot to `connect` any time.',
        };
    }
    const check = await deps.signer.consume(q.state ?? '', deps.now(), deps.nonces);
    if (!check.ok) {
        log.warn({ reason: check.reason }, 'sign-in callback refused');
        return { ok: false, status: 400, message: REFUSALS[check.reason] };
    }
    const { personId } = check.state;
    let tokens;
    try {
        tokens = await deps.oauth.exchangeCode(q.code, `${deps.publicUrl}${OAUTH_CALLBACK_PATH}`);
    }
    catch (err) {
        log.error({ err: err.message }, 'code exchange failed');
        return {
            ok: false,
            status: 502,
            message: 'Webex did not complete the sign-in. Please try `connect` again.',
        };
    }
    let me;
    try {
        me = (await deps.botClient.request('GET', '/people/me', { token: tokens.accessToken })).data;
    }
    catch (err) {
        log.error({ err: err.message }, 'could not read the signed-in account');
        return {
            ok: false,
            status: 502,
            message: 'Webex did not complete the sign-in. Please try `connect` again.',
        };
    }
    if (me.id !== personId) {
        // Someone signed in with a different account than the one that asked: nothing is stored.
        log.warn({ expected: personId, got: me.id }, 'sign-in with a different account refused');
        return {
            ok: false,
            status: 403,
            message: 'You signed in with a different Webex account than the one that asked me. Nothing was saved.',
        };
    }
    const email = me.emails?.[0] ?? '';
    await deps.vault.save(personId, email, tokens);
    log.info({ personId }, 'person connected');
    try {
        await deps.messenger.sendDirect(personId, `You're connected, ${escapeMarkdown(me.firstName ?? me.displayName ?? '')}. Ask me \`recordings last week\` — I'll now list recordings you host or that are shared with you. Type \`disconnect\` to remove my access.`);
    }
    catch (err) {
        log.error({ err: err.message }, 'could not confirm the sign-in in the 1:1 space');
    }
    return { ok: true, email };
}
//# sourceMappingURL=sign-in.js.map