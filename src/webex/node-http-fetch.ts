import http from 'node:http';
import https from 'node:https';

/**
 * The part of `fetch` the WebexClient uses. Global `fetch` fits it (tests inject their own); production uses
 * `nodeHttpFetch`, which does the same work for a fraction of the CPU: undici's WHATWG Headers, streams and body
 * mixins cost about an eighth of the bot's busy time at high load.
 */
export interface WebexFetchInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
}

export interface WebexFetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type WebexFetch = (url: URL, init: WebexFetchInit) => Promise<WebexFetchResponse>;

/**
 * Idle connections are kept a short while (as undici does by default), or less when the server says so in
 * `Keep-Alive: timeout=…` (Node honours that hint), so a reused connection is rarely one the server has closed.
 */
const KEEP_ALIVE_MS = 4000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS, scheduling: 'lifo' }),
};

/** Headers of a Node response, read the way `Headers.get` reads them (repeated values joined with ", "). */
class ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

class NodeResponse implements WebexFetchResponse {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: ResponseHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status <= 299;
  }
  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

/** Why `signal` aborted, as fetch rejects with it (a DOMException: `TimeoutError` or `AbortError`). */
const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');

/** A network failure shaped as fetch reports it (`TypeError('fetch failed')` with the socket error as `cause`). */
const fetchFailed = (cause: Error) => new TypeError('fetch failed', { cause });

/**
 * One HTTP exchange over Node's `http`/`https` with keep-alive, resolved once the whole body has arrived. Like the
 * fetch it replaces for the WebexClient: an aborted `signal` (time-out or cancel) rejects with the signal's reason and
 * drops the connection; connection errors reject with `TypeError('fetch failed')` and the socket error as `cause`.
 * Unlike fetch, redirects are not followed: a 3xx is returned as it is (Webex's API does not redirect, and the
 * token must only go to WEBEX_API_URL's origin).
 */
export const nodeHttpFetch: WebexFetch = (url, init) =>
  new Promise<WebexFetchResponse>((resolve, reject) => {
    const { signal } = init;
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const headers: http.OutgoingHttpHeaders = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: init.method,
      headers,
      agent,
    });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = () => {
      fail(abortReason(signal));
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => fail(fetchFailed(err)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => fail(fetchFailed(err)));
      res.on('close', () => {
        if (!res.complete) fail(fetchFailed(new Error('the connection closed before the body ended')));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const body = chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks);
        resolve(
          new NodeResponse(
            res.statusCode ?? 0,
            res.statusMessage ?? '',
            new ResponseHeaders(res.headers),
            body.toString('utf8'),
          ),
        );
      });
    });
    req.end(init.body);
  });
