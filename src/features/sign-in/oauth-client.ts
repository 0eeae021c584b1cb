/** What the token endpoint gives back, with lifetimes turned into instants. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  scope?: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number | undefined,
    /** OAuth error code, e.g. invalid_grant: the refresh token is dead and the person must sign in again. */
    readonly oauthCode: string | undefined,
    detail: string,
  ) {
    super(`token endpoint: ${detail}`);
    this.name = 'OAuthError';
  }
  get isGrantDead(): boolean {
    return this.oauthCode === 'invalid_grant';
  }
}

export interface OAuthClientOptions {
  /** Webex REST base (WEBEX_API_URL): /authorize and /access_token live under it. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  now: () => Date;
  fetch?: typeof fetch;
}

/** The Webex Integration's side of the authorization-code flow. Secrets go only into request bodies, never URLs. */
export class OAuthClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: OAuthClientOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
  }

  authorizeUrl(p: { redirectUri: string; scope: string; state: string }): string {
    const url = new URL(`${this.opts.apiUrl.replace(/\/+$/, '')}/authorize`);
    url.searchParams.set('client_id', this.opts.clientId);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', p.redirectUri);
    url.searchParams.set('scope', p.scope);
    url.searchParams.set('state', p.state);
    return url.href;
  }

  exchangeCode(code: string, redirectUri: string): Promise<OAuthTokens> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  }

  refresh(refreshToken: string): Promise<OAuthTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  private async token(params: Record<string, string>): Promise<OAuthTokens> {
    const body = new URLSearchParams({
      ...params,
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
    });
    let res: Response;
    let data: Record<string, unknown> = {};
    try {
      res = await this.fetchImpl(`${this.opts.apiUrl.replace(/\/+$/, '')}/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    } catch (err) {
      throw new OAuthError(
        undefined,
        undefined,
        `no answer (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    const str = (k: string) => (typeof data[k] === 'string' ? data[k] : undefined);
    const num = (k: string) => (typeof data[k] === 'number' ? data[k] : undefined);
    if (!res.ok) {
      throw new OAuthError(
        res.status,
        str('error'),
        `${res.status} ${str('error') ?? ''} ${str('error_description') ?? ''}`.trim(),
      );
    }
    const accessToken = str('access_token');
    const refreshToken = str('refresh_token');
    if (!accessToken || !refreshToken) throw new OAuthError(res.status, undefined, 'answer without tokens');
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
