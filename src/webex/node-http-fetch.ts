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
  body: string | Uint8Array | undefined;
  signal: AbortSignal;
}

export interface WebexFetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
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
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status <= 299;
  }
  text(): Promise<string> {
    return Promise.resolve(this.body.toString('utf8'));
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.body;
    // A Buffer may be a view into a larger (pooled) memory: then only its own bytes, copied.
    return Promise.resolve(
      byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer
        ? buffer
        : new Uint8Array(this.body).buffer,
    );
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
 * Most bytes of one answer kept in memory. Webex's answers are small (a page of 100 recordings is tens of KB), so
 * this only stops a broken or hostile upstream (or a proxy in between) from filling the heap with an endless body
 * until the time-out fires.
 */
export const MAX_RESPONSE_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The answer's body was longer than the transport keeps. The status line and headers did arrive, so the request
 * reached the server (a POST may have been acted on); the connection is dropped at once.
 */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly status: number,
    readonly headers: WebexFetchResponse['headers'],
    readonly limitBytes: number,
  ) {
    super(`the answer (status ${status}) is longer than ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

export interface NodeHttpFetchOptions {
  /** Most bytes of one answer body (default MAX_RESPONSE_BODY_BYTES); a longer one rejects with ResponseTooLargeError. */
  maxBodyBytes?: number;
}

/**
 * Reads `res` into one Buffer, or calls `tooLarge` as soon as the body (or its declared Content-Length) passes
 * `maxBodyBytes`: what was read so far is dropped, and nothing more is kept.
 */
function collectBody(
  res: http.IncomingMessage,
  maxBodyBytes: number,
  done: (body: Buffer) => void,
  tooLarge: () => void,
): void {
  const declared = Number(res.headers['content-length']);
  if (declared > maxBodyBytes) {
    tooLarge();
    return;
  }
  let chunks: Buffer[] = [];
  let received = 0;
  res.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBodyBytes) {
      chunks = [];
      tooLarge();
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => done(chunks.length === 1 ? (chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(chunks)));
}

/**
 * One HTTP exchange over Node's `http`/`https` with keep-alive, resolved once the whole body has arrived. Like the
 * fetch it replaces for the WebexClient: an aborted `signal` (time-out or cancel) rejects with the signal's reason and
 * drops the connection; connection errors reject with `TypeError('fetch failed')` and the socket error as `cause`.
 * Unlike fetch, redirects are not followed: a 3xx is returned as it is (Webex's API does not redirect, and the
 * token must only go to WEBEX_API_URL's origin), and a body longer than `maxBodyBytes` rejects with
 * ResponseTooLargeError and drops the connection.
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): WebexFetch {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_RESPONSE_BODY_BYTES;
  return (url, init) =>
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
      const settle = () => {
        if (settled) return false;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (err: Error) => {
        if (settle()) reject(err);
      };
      const onAbort = () => {
        fail(abortReason(signal));
        req.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => fail(fetchFailed(err)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const responseHeaders = new ResponseHeaders(res.headers);
        res.on('error', (err) => fail(fetchFailed(err)));
        res.on('close', () => {
          if (!res.complete) fail(fetchFailed(new Error('the connection closed before the body ended')));
        });
        const tooLarge = () => {
          fail(new ResponseTooLargeError(status, responseHeaders, maxBodyBytes));
          // Destroying the request destroys its socket: the server stops being read, and nothing else is buffered.
          req.destroy();
        };
        const done = (body: Buffer) => {
          if (!settle()) return;
          resolve(new NodeResponse(status, res.statusMessage ?? '', responseHeaders, body));
        };
        collectBody(res, maxBodyBytes, done, tooLarge);
      });
      req.end(init.body);
    });
}

/** The production transport, with the default body cap. */
export const nodeHttpFetch: WebexFetch = createNodeHttpFetch();
