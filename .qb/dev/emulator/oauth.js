/**
 * OAuth 2.0 authorization-code flow of Webex Integrations (developer.webex.com "Integrations"; not part of
 * the OpenAPI documents): integrations, authorization codes, and the access/refresh tokens they yield.
 *
 * Choices where Webex's documentation is silent or where the emulator deliberately differs:
 * - Refresh tokens rotate: every refresh answers a new refresh token and the old one stops working
 *   (Webex itself tends to return the same refresh token). Old access tokens keep working until they expire.
 * - Authorization codes live 5 minutes, are single-use and bound to client_id + redirect_uri; a failed
 *   exchange does not consume the code.
 * - Refresh tokens made by `issueToken` without a `clientId` are not bound to an integration: any
 *   integration's valid client credentials may refresh them (the refreshed pair stays unbound).
 * - Admin scopes (`*:admin_*`, `spark-admin:*`) are only granted to people whose own `scopes` hold them;
 *   otherwise /authorize redirects with `error=access_denied`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeWebexId, newAccessToken } from './ids.js';
/** Thrown by the token endpoint logic; answered as `{ error, error_description }`. */
export class OAuthError extends Error {
    status;
    error;
    constructor(status, error, description) {
        super(description);
        this.status = status;
        this.error = error;
        this.name = 'OAuthError';
    }
}
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
const DAY_SECONDS = 24 * 60 * 60;
export const DEFAULT_TOKEN_LIFETIMES = {
    accessSeconds: 14 * DAY_SECONDS,
    refreshSeconds: 90 * DAY_SECONDS,
};
/** Webex admin scopes, which a user can only grant when they hold the privilege themselves. */
export function isAdminScope(scope) {
    return scope.startsWith('spark-admin:') || /^[a-z-]+:admin_/i.test(scope);
}
/** Splits an OAuth `scope` parameter (space-separated; `+` already decoded to a space). */
export function parseScopeParam(scope) {
    return [...new Set(scope.split(/[\s,]+/).filter((s) => s !== ''))];
}
export class OAuthRegistry {
    store;
    integrations = new Map();
    codes = new Map();
    accessTokens = new Map();
    refreshTokens = new Map();
    /** Static `addPerson` tokens made invalid by `expire`. */
    expiredStatic = new Set();
    lifetimes = { ...DEFAULT_TOKEN_LIFETIMES };
    signInAsId;
    constructor(store) {
        this.store = store;
    }
    nowMs() {
        return this.store.now().getTime();
    }
    // ---------------------------------------------------------------- configuration
    addIntegration(input) {
        const clientId = input.clientId ?? `C${randomBytes(32).toString('hex')}`;
        const clientSecret = input.clientSecret ?? randomBytes(32).toString('hex');
        if (clientId === '' || clientSecret === '')
            throw new TypeError('addIntegration: empty client id or secret');
        if (this.integrations.has(clientId))
            throw new Error(`addIntegration: client id ${clientId} already exists`);
        if (input.redirectUris.length === 0)
            throw new TypeError('addIntegration: redirectUris is empty');
        for (const uri of input.redirectUris) {
            let url;
            try {
                url = new URL(uri);
            }
            catch {
                throw new TypeError(`addIntegration: redirect URI ${uri} is not an absolute URL`);
            }
            if (url.hash !== '' || uri.includes('#'))
                throw new TypeError(`addIntegration: redirect URI ${uri} has a fragment`);
        }
        const scopes = [...new Set(input.scopes)];
        if (scopes.length === 0)
            throw new TypeError('addIntegration: scopes is empty');
        this.integrations.set(clientId, {
            clientId,
            clientSecret,
            name: input.name ?? 'Emulated Integration',
            redirectUris: [...input.redirectUris],
            scopes,
        });
        return { clientId, clientSecret };
    }
    integration(clientId) {
        return this.integrations.get(clientId);
    }
    setSignInAs(personId) {
        if (personId !== undefined)
            this.requireSignablePerson(personId, 'setSignInAs');
        this.signInAsId = personId;
    }
    get signInAs() {
        return this.signInAsId;
    }
    setTokenLifetimes(l) {
        for (const [k, v] of Object.entries(l)) {
            if (v !== undefined && (!Number.isFinite(v) || v <= 0))
                throw new RangeError(`setTokenLifetimes: ${k} must be a positive number of seconds`);
        }
        this.lifetimes = {
            accessSeconds: l.accessSeconds ?? this.lifetimes.accessSeconds,
            refreshSeconds: l.refreshSeconds ?? this.lifetimes.refreshSeconds,
        };
    }
    // ---------------------------------------------------------------- authorization codes
    createCode(clientId, redirectUri, personId, scopes) {
        const code = randomBytes(32).toString('base64url');
        this.codes.set(code, {
            clientId,
            redirectUri,
            personId,
            scopes: [...scopes],
            expiresAt: this.nowMs() + CODE_LIFETIME_MS,
        });
        return code;
    }
    /** Checks client_id + client_secret: unknown client → 400, wrong secret → 401 (both `invalid_client`). */
    authenticateClient(clientId, clientSecret) {
        const integration = this.integrations.get(clientId);
        if (!integration)
            throw new OAuthError(400, 'invalid_client', 'Unknown client_id.');
        if (integration.clientSecret !== clientSecret)
            throw new OAuthError(401, 'invalid_client', 'Client authentication failed.');
        return integration;
    }
    exchangeCode(client, code, redirectUri) {
        const record = this.codes.get(code);
        if (!record)
            throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid or was used.');
        if (record.expiresAt <= this.nowMs()) {
            this.codes.delete(code);
            throw new OAuthError(400, 'invalid_grant', 'The authorization code has expired.');
        }
        if (record.clientId !== client.clientId)
            throw new OAuthError(400, 'invalid_grant', 'The authorization code was issued to another client.');
        if (record.redirectUri !== redirectUri)
            throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
        if (!this.store.person(record.personId))
            throw new OAuthError(400, 'invalid_grant', 'The user of this code no longer exists.');
        this.codes.delete(code);
        return this.issuePair(record.personId, record.scopes, client.clientId);
    }
    refresh(client, refreshToken, scope) {
        const record = this.refreshTokens.get(refreshToken);
        if (!record)
            throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid or was rotated.');
        if (record.expiresAt <= this.nowMs()) {
            this.refreshTokens.delete(refreshToken);
            throw new OAuthError(400, 'invalid_grant', 'The refresh token has expired.');
        }
        if (record.clientId !== undefined && record.clientId !== client.clientId)
            throw new OAuthError(400, 'invalid_grant', 'The refresh token was issued to another client.');
        let scopes = record.scopes;
        if (scope !== undefined) {
            const wanted = parseScopeParam(scope);
            const extra = wanted.filter((s) => !record.scopes.includes(s));
            if (extra.length > 0)
                throw new OAuthError(400, 'invalid_scope', `Scopes not granted originally: ${extra.join(' ')}`);
            if (wanted.length > 0)
                scopes = wanted;
        }
        this.refreshTokens.delete(refreshToken);
        return this.issuePair(record.personId, scopes, record.clientId);
    }
    // ---------------------------------------------------------------- tokens
    issueToken(personId, opts = {}) {
        const person = this.requireSignablePerson(personId, 'issueToken');
        if (opts.clientId !== undefined && !this.integrations.has(opts.clientId))
            throw new Error(`issueToken: unknown clientId ${opts.clientId}`);
        for (const [k, v] of [
            ['expiresInSeconds', opts.expiresInSeconds],
            ['refreshExpiresInSeconds', opts.refreshExpiresInSeconds],
        ]) {
            if (v !== undefined && (!Number.isFinite(v) || v < 0))
                throw new RangeError(`issueToken: ${k} must be a non-negative number of seconds`);
        }
        return this.issuePair(person.id, opts.scopes ?? person.scopes, opts.clientId, {
            accessSeconds: opts.expiresInSeconds ?? this.lifetimes.accessSeconds,
            refreshSeconds: opts.refreshExpiresInSeconds ?? this.lifetimes.refreshSeconds,
        });
    }
    /** Makes an access token (issued, or a person's static one) or a refresh token invalid from now on. */
    expire(token) {
        const now = this.nowMs();
        const oauth = this.accessTokens.get(token) ?? this.refreshTokens.get(token);
        if (oauth) {
            oauth.expiresAt = Math.min(oauth.expiresAt, now);
        }
        else if (this.store.personByToken(token)) {
            this.expiredStatic.add(token);
        }
        else {
            throw new Error('expireToken: unknown token');
        }
    }
    /**
     * The person a bearer token acts as, or undefined when the token is unknown or expired. Issued tokens act
     * as the person with the token's granted scopes instead of the person's own.
     */
    callerFor(token) {
        if (this.expiredStatic.has(token))
            return undefined;
        const own = this.store.personByToken(token);
        if (own)
            return own;
        const record = this.accessTokens.get(token);
        if (!record || record.expiresAt <= this.nowMs())
            return undefined;
        const person = this.store.person(record.personId);
        if (!person)
            return undefined;
        return { ...person, emails: [...person.emails], token, scopes: [...record.scopes] };
    }
    people() {
        return this.store.allPeople();
    }
    /** Resolves `as` (email or person id) for /authorize. */
    findPerson(emailOrId) {
        return this.store.person(emailOrId) ?? this.store.personByEmail(emailOrId);
    }
    requireSignablePerson(personId, what) {
        const person = this.store.person(personId);
        if (!person)
            throw new Error(`${what}: unknown person ${personId}`);
        if (person.type !== 'person')
            throw new Error(`${what}: ${personId} is a bot; bots cannot use OAuth`);
        return person;
    }
    issuePair(personId, scopes, clientId, lifetimes = this.lifetimes) {
        const person = this.store.person(personId);
        const orgUuid = (person && decodeWebexId(person.orgId)?.suffix) || randomUUID();
        const now = this.nowMs();
        const granted = [...new Set(scopes)];
        const accessToken = newAccessToken(orgUuid);
        const refreshToken = newAccessToken(orgUuid);
        this.accessTokens.set(accessToken, {
            personId,
            scopes: granted,
            expiresAt: now + lifetimes.accessSeconds * 1000,
            clientId,
        });
        this.refreshTokens.set(refreshToken, {
            personId,
            scopes: granted,
            expiresAt: now + lifetimes.refreshSeconds * 1000,
            clientId,
        });
        return {
            access_token: accessToken,
            expires_in: Math.round(lifetimes.accessSeconds),
            refresh_token: refreshToken,
            refresh_token_expires_in: Math.round(lifetimes.refreshSeconds),
            token_type: 'Bearer',
            scope: granted.join(' '),
        };
    }
}
//# sourceMappingURL=oauth.js.map