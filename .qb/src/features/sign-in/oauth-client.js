export class OAuthError extends Error {
    status;
    oauthCode;
    constructor(status, 
    /** OAuth error code, e.g. invalid_grant: the refresh token is dead and the person must sign in again. */
    oauthCode, detail) {
        super(`token endpoint: ${detail}`);
        this.status = status;
        this.oauthCode = oauthCode;
        this.name = 'OAuthError';
    }
    get isGrantDead() {
        return this.oauthCode === 'invalid_grant';
    }
}
/** The Webex Integration's side of the authorization-code flow. Secrets go only into request bodies, never URLs. */
export class OAuthClient {
    opts;
    fetchImpl;
    constructor(opts) {
        this.opts = opts;
        this.fetchImpl = opts.fetch ?? fetch;
    }
    authorizeUrl(p) {
        const url = new URL(`${this.opts.apiUrl.replace(/\/+$/, '')}/authorize`);
        url.searchParams.set('client_id', this.opts.clientId);
        url.searchParams.set('response_type', 'code');
        url.searchParams.set('redirect_uri', p.redirectUri);
        url.searchParams.set('scope', p.scope);
        url.searchParams.set('state', p.state);
        return url.href;
    }
    exchangeCode(code, redirectUri) {
        return this.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    }
    refresh(refreshToken) {
        return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    }
    async token(params) {
        const body = new URLSearchParams({
            ...params,
            client_id: this.opts.clientId,
            client_secret: this.opts.clientSecret,
        });
        let res;
        let data = {};
        try {
            res = await this.fetchImpl(`${this.opts.apiUrl.replace(/\/+$/, '')}/access_token`, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
                body,
                signal: AbortSignal.timeout(this.opts.timeoutMs),
            });
            data = (await res.json().catch(() => ({})));
        }
        catch (err) {
            throw new OAuthError(undefined, undefined, `no answer (${err instanceof Error ? err.message : String(err)})`);
        }
        const str = (k) => (typeof data[k] === 'string' ? data[k] : undefined);
        const num = (k) => (typeof data[k] === 'number' ? data[k] : undefined);
        if (!res.ok) {
            throw new OAuthError(res.status, str('error'), `${res.status} ${str('error') ?? ''} ${str('error_description') ?? ''}`.trim());
        }
        const accessToken = str('access_token');
        const refreshToken = str('refresh_token');
        if (!accessToken || !refreshToken)
            throw new OAuthError(res.status, undefined, 'answer without tokens');
        const now = this.opts.now().getTime();
        return {
            accessToken,
            refreshToken,
            accessExpiresAt: now + (num('expires_in') ?? 14 * 86_400) * 1000,
            refreshExpiresAt: now + (num('refresh_token_expires_in') ?? 90 * 86_400) * 1000,
            scope: str('scope'),
        };
    }
}
//# sourceMappingURL=oauth-client.js.map