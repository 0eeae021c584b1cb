import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { ErrorCode } from '../errors.js';
import { CallCancelledError, type CallBudget } from './call-budget.js';
import { JsonText } from './json-text.js';
import { topLevelString } from './top-level-string.js';
import { routeTemplate, type Metrics } from '../core/metrics.js';
import {
  nodeHttpFetch,
  ResponseTooLargeError,
  type WebexFetch,
  type WebexFetchResponse,
} from './node-http-fetch.js';

/**
 * The one place that talks HTTP to Webex. Every call the bot depends on, including the ones the bot framework makes,
 * goes through `request`, so retries, time-outs, 429 handling and trackingId logging exist exactly once.
 */

export type Query = Record<string, string | number | boolean | undefined>;

export interface WebexClientOptions {
  /** REST base including the version, e.g. https://webexapis.com/v1 */
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Time-out of a POST (default: timeoutMs): longer, since a POST that timed out may have landed. */
  postTimeoutMs?: number;
  /**
   * Makes the signal that ends an attempt which took too long (default `AbortSignal.timeout(timeoutMs)`). Tests pass
   * their own to fire a time-out at a known moment (once Webex holds the request) instead of waiting for a clock.
   */
  timeoutSignal?: (timeoutMs: number, call: { method: string; path: string }) => AbortSignal;
  /** Retries after the first attempt for 429, 5xx, time-outs and connection errors. */
  maxRetries: number;
  logger: Logger;
  /** The HTTP transport (default: nodeHttpFetch); tests inject their own, global `fetch` fits. */
  fetch?: WebexFetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Upper bound for one Retry-After wait; a server asking for longer gets a clear failure instead of a hung chat. */
  maxRetryAfterMs?: number;
  /** First backoff step for 5xx/network retries; doubles each attempt, with full jitter. */
  baseBackoffMs?: number;
  /** Most pages one `paginate` follows (default 100): a list that never ends is an error, not a hang. */
  maxPages?: number;
  metrics?: Pick<Metrics, 'webexRequests' | 'webexRetries' | 'webexRateLimited'>;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the client's default attempt budget (e.g. 0 for a call whose caller retries on its own). */
  maxRetries?: number;
  /** Acts with another credential than the client's own (e.g. the recordings token). */
  token?: string;
  /** Overrides the client's time-out for this call. */
  timeoutMs?: number;
  /** Spends one call per HTTP attempt; throws CallBudgetExceededError when the question has used its share. */
  budget?: CallBudget;
  /** Aborts the call (and its retries) at once, e.g. on shutdown; the call then fails with CallCancelledError. */
  signal?: AbortSignal;
  /**
   * Reads only the top-level `id` of a successful answer, and answers `{ id }`: a posted message comes back whole,
   * card included, and parsing all of it for the id was most of a reply's garbage. An answer without a string `id`
   * is read in full as usual.
   */
  idOnly?: boolean;
}

export interface WebexResponse<T> {
  status: number;
  data: T;
  headers: WebexFetchResponse['headers'];
  trackingId: string | undefined;
}

export class WebexApiError extends Error {
  readonly code: ErrorCode;
  /**
   * A POST whose outcome is unknown (a time-out after sending, a reset, a 5xx): Webex may have acted on it. Set only
   * for POSTs; the caller decides whether to check and send again (src/core/messenger.ts).
   */
  ambiguous = false;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    readonly trackingId: string | undefined,
    readonly detail: string,
    code?: ErrorCode,
  ) {
    super(
      `${method} ${path} failed${status ? ` with ${status}` : ''}: ${detail}${trackingId ? ` (trackingId ${trackingId})` : ''}`,
    );
    this.name = 'WebexApiError';
    this.code = code ?? ErrorCode.WebexHttp;
  }

  get isRefusal(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface Page<T> {
  items: T[];
  /** Absolute URL of the next page, from the `Link: <…>; rel="next"` header. */
  next: string | undefined;
}

/**
 * A failed attempt, as the retry policy needs it: `retryable` (sending again may help), `retryAfterMs` (Webex said
 * how long to wait: a 429, never acted on), `notSent` (the request never reached Webex) and `mayHaveActed` (not
 * worth sending again, yet Webex may have acted: a POST's outcome is unknown).
 */
interface AttemptFailure {
  ok: false;
  error: WebexApiError;
  retryable: boolean;
  retryAfterMs?: number;
  notSent?: boolean;
  mayHaveActed?: boolean;
}
type Attempt<T> = { ok: true; response: WebexResponse<T> } | AttemptFailure;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection errors that mean the request never reached Webex. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function causeCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Extracts the rel="next" target of an RFC 8288 Link header. */
export function parseNextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (m && /\brel\s*=\s*"?next"?/i.test(m[2] ?? '')) return m[1];
  }
  return undefined;
}

export class WebexClient {
  private readonly fetchImpl: WebexFetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly maxRetryAfterMs: number;
  private readonly baseBackoffMs: number;
  /** WEBEX_API_URL parsed once: every call is checked against its origin. */
  private readonly home: URL;

  constructor(private readonly opts: WebexClientOptions) {
    this.home = new URL(opts.baseUrl);
    this.fetchImpl = opts.fetch ?? nodeHttpFetch;
    this.sleep = opts.sleep ?? defaultSleep;
    this.random = opts.random ?? Math.random;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
    this.baseBackoffMs = opts.baseBackoffMs ?? 250;
  }

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  get<T>(path: string, query?: Query, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('GET', path, { query, headers }).then((r) => r.data);
  }
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, { body }).then((r) => r.data);
  }
  /** POSTs and reads only the new object's id (see RequestOptions.idOnly). */
  postForId(path: string, body: unknown): Promise<string | undefined> {
    return this.request<{ id?: unknown } | undefined>('POST', path, { body, idOnly: true }).then((r) =>
      typeof r.data?.id === 'string' ? r.data.id : undefined,
    );
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body }).then((r) => r.data);
  }
  delete(path: string): Promise<void> {
    return this.request<unknown>('DELETE', path).then(() => undefined);
  }

  /** One page of a list endpoint; pass `page.next` back as `url` to continue. */
  async getPage<T>(
    pathOrUrl: string,
    query?: Query,
    options: Omit<RequestOptions, 'query'> = {},
  ): Promise<Page<T>> {
    const res = await this.request<{ items?: T[] }>('GET', pathOrUrl, { ...options, query });
    return { items: res.data?.items ?? [], next: parseNextLink(res.headers.get('link')) };
  }

  /**
   * All items of a list endpoint, following `Link rel="next"` (the next URL already carries the query). A link is
   * followed only on WEBEX_API_URL's origin (see `request`), never twice, and at most `maxPages` pages.
   */
  async *paginate<T>(
    path: string,
    query?: Query,
    options: Omit<RequestOptions, 'query'> = {},
  ): AsyncGenerator<T[]> {
    const maxPages = this.opts.maxPages ?? 100;
    let page = await this.getPage<T>(path, query, options);
    yield page.items;
    const seen = new Set<string>();
    for (let pages = 1; page.next; pages++) {
      const next = page.next;
      if (seen.has(next))
        throw this.refusedLink(path, 'the next-page link loops back to a page already read');
      if (pages >= maxPages) throw this.refusedLink(path, `the list has more than ${maxPages} pages`);
      seen.add(next);
      page = await this.getPage<T>(next, undefined, options);
      yield page.items;
    }
  }

  private refusedLink(path: string, why: string): WebexApiError {
    this.opts.logger.warn({ path, why }, 'stopped following a Webex list');
    return new WebexApiError('GET', path, undefined, undefined, why);
  }

  async listAll<T>(path: string, query?: Query): Promise<T[]> {
    const all: T[] = [];
    for await (const items of this.paginate<T>(path, query)) all.push(...items);
    return all;
  }

  /**
   * Sends a request, retrying 429 (after Retry-After), 5xx, time-outs and connection errors with bounded backoff.
   * A POST is not idempotent and Webex has no idempotency key, so it is sent again only when Webex certainly did not
   * act on it (429, a refused connection); any other failure of a POST is thrown at once, marked `ambiguous` when
   * Webex may have acted.
   */
  async request<T>(
    method: string,
    pathOrUrl: string,
    options: RequestOptions = {},
  ): Promise<WebexResponse<T>> {
    const url = this.buildUrl(pathOrUrl, options.query);
    const path = this.pathAtHome(method, url);
    const maxRetries = options.maxRetries ?? this.opts.maxRetries;
    // Our own id for the whole logical call; Webex echoes its own trackingid per response, which we log as well.
    const clientTrackingId = `recbot_${randomUUID()}`;
    let lastError: WebexApiError | undefined;

    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (options.signal?.aborted) throw new CallCancelledError();
      options.budget?.spend();
      const outcome = await this.attempt<T>(method, url, path, options, clientTrackingId);
      if (outcome.ok) return outcome.response;
      if (options.signal?.aborted) throw new CallCancelledError();
      lastError = outcome.error;
      const delay = this.retryDelay(method, path, outcome, attempt, maxRetries);
      if (delay === undefined) break;
      this.noteRetry(method, path, outcome.error, clientTrackingId, attempt, delay);
      await abortable(this.sleep(delay), options.signal);
    }
    const error = lastError ?? new WebexApiError(method, path, undefined, undefined, 'no attempt made');
    this.opts.logger.error(
      {
        method,
        path,
        status: error.status,
        code: error.code,
        trackingId: error.trackingId,
        clientTrackingId,
        detail: error.detail,
      },
      'Webex call failed',
    );
    throw error;
  }

  /**
   * The path of a call under WEBEX_API_URL (what logs and metrics name it by). The token is only ever sent to
   * WEBEX_API_URL's origin, whatever a Link header (or anything else) says, so any other URL is refused here.
   */
  private pathAtHome(method: string, url: URL): string {
    if (url.origin !== this.home.origin || url.username || url.password) {
      this.opts.logger.warn({ method, origin: url.origin }, 'refused a Webex call outside WEBEX_API_URL');
      throw new WebexApiError(
        method,
        url.pathname,
        undefined,
        undefined,
        'URL outside WEBEX_API_URL refused',
      );
    }
    return url.pathname.replace(this.home.pathname, '') || '/';
  }

  /**
   * The retry policy: how long to wait before sending a failed call again, or undefined to give up. Marks a POST
   * that Webex may have acted on as `ambiguous` on its way out.
   */
  private retryDelay(
    method: string,
    path: string,
    outcome: AttemptFailure,
    attempt: number,
    maxRetries: number,
  ): number | undefined {
    const notActedOn = outcome.retryAfterMs !== undefined || outcome.notSent === true;
    if (method === 'POST' && !notActedOn) {
      // Webex rejected it (4xx: nothing happened) or may have acted (time-out, reset, 5xx, an answer too long to
      // read): never blindly again.
      outcome.error.ambiguous = outcome.retryable || outcome.mayHaveActed === true;
      return undefined;
    }
    const retryable = outcome.retryAfterMs !== undefined || outcome.retryable;
    if (!retryable || attempt === maxRetries) return undefined;
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > this.maxRetryAfterMs) {
      this.opts.logger.warn(
        {
          method,
          path,
          status: outcome.error.status,
          trackingId: outcome.error.trackingId,
          retryAfterMs: outcome.retryAfterMs,
        },
        'Webex asked us to wait longer than we are willing to; giving up',
      );
      return undefined;
    }
    return outcome.retryAfterMs ?? this.backoff(attempt);
  }

  private noteRetry(
    method: string,
    path: string,
    error: WebexApiError,
    clientTrackingId: string,
    attempt: number,
    delay: number,
  ): void {
    this.opts.metrics?.webexRetries.inc({ method, route: routeTemplate(path), reason: retryReason(error) });
    this.opts.logger.warn(
      {
        method,
        path,
        status: error.status,
        code: error.code,
        trackingId: error.trackingId,
        clientTrackingId,
        attempt: attempt + 1,
        delayMs: delay,
      },
      'Webex call failed, retrying',
    );
  }

  private countResponse(method: string, path: string, status: number, trackingId: string | undefined): void {
    const route = routeTemplate(path);
    this.opts.logger.debug({ method, route, status, trackingId }, 'Webex answered');
    const metrics = this.opts.metrics;
    if (!metrics) return;
    metrics.webexRequests.inc({ method, route, status: String(status) });
    if (status === 429) metrics.webexRateLimited.inc({ method, route });
  }

  private backoff(attempt: number): number {
    const cap = this.baseBackoffMs * 2 ** attempt;
    // Full jitter: spreads retries of many instances hitting the same outage.
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  private buildUrl(pathOrUrl: string, query?: Query): URL {
    const url = /^https?:\/\//.test(pathOrUrl)
      ? new URL(pathOrUrl)
      : new URL(
          this.opts.baseUrl.replace(/\/+$/, '') + (pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`),
        );
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  }

  /** One HTTP exchange with Webex, read into a response or a failure the retry policy can judge. */
  private async attempt<T>(
    method: string,
    url: URL,
    path: string,
    options: RequestOptions,
    clientTrackingId: string,
  ): Promise<Attempt<T>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token ?? this.opts.token}`,
      accept: 'application/json',
      trackingid: clientTrackingId,
      ...options.headers,
    };
    let body: string | Uint8Array | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.body instanceof JsonText ? options.body.bytes : JSON.stringify(options.body);
    }
    let res: WebexFetchResponse;
    let text: string;
    let id: string | undefined;
    const timeoutMs =
      options.timeoutMs ?? (method === 'POST' ? this.opts.postTimeoutMs : undefined) ?? this.opts.timeoutMs;
    const ends = attemptEnds(
      timeoutMs,
      this.opts.timeoutSignal?.(timeoutMs, { method, path }),
      options.signal,
    );
    try {
      res = await this.fetchImpl(url, { method, headers, body, signal: ends.signal });
      if (options.idOnly && res.ok) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        id = topLevelString(bytes, 'id');
        text =
          id === undefined ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') : '';
      } else {
        text = await res.text();
      }
    } catch (err) {
      return this.connectionFailure(method, path, err, timeoutMs);
    } finally {
      ends.done();
    }
    return this.readAnswer<T>(method, path, res, text, id);
  }

  /** No HTTP answer: a time-out or a connection error, retryable, and certainly not acted on only when never sent. */
  private connectionFailure(method: string, path: string, err: unknown, timeoutMs: number): AttemptFailure {
    if (err instanceof ResponseTooLargeError) return this.answerTooLarge(method, path, err);
    this.countResponse(method, path, 0, undefined);
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return {
      ok: false,
      retryable: true,
      // Nothing reached Webex: the connection was refused or the name did not resolve.
      notSent: !timedOut && NOT_SENT_CODES.has(causeCode(err) ?? ''),
      error: new WebexApiError(
        method,
        path,
        undefined,
        undefined,
        timedOut ? `no answer within ${timeoutMs} ms` : `connection failed${cause}`,
        timedOut ? ErrorCode.WebexTimeout : ErrorCode.WebexNetwork,
      ),
    };
  }

  /**
   * An answer longer than the transport keeps. Webex got the request, so a POST may have acted (ambiguous, as after
   * a time-out); sending any call again would most likely get the same endless answer, so none is retried.
   */
  private answerTooLarge(method: string, path: string, err: ResponseTooLargeError): AttemptFailure {
    const trackingId = err.headers.get('trackingid') ?? undefined;
    this.countResponse(method, path, err.status, trackingId);
    return {
      ok: false,
      retryable: false,
      mayHaveActed: true,
      error: new WebexApiError(
        method,
        path,
        err.status,
        trackingId,
        `answer longer than ${err.limitBytes} bytes`,
      ),
    };
  }

  /**
   * Webex's answer: its data when 2xx, else an error that says whether sending again may help (429 with how long
   * to wait, 5xx) and carries Webex's trackingId (from the header, or the body when a proxy dropped the header).
   */
  private readAnswer<T>(
    method: string,
    path: string,
    res: WebexFetchResponse,
    text: string,
    id: string | undefined,
  ): Attempt<T> {
    const trackingId = res.headers.get('trackingid') ?? undefined;
    this.countResponse(method, path, res.status, trackingId);
    let data: unknown = id === undefined ? undefined : { id };
    if (id === undefined && text.length > 0) {
      try {
        data = JSON.parse(text);
      } catch {
        if (res.ok) {
          // A success status with a body nobody can read (a proxy's page, a cut answer): whatever it was, the
          // request may well have been acted on, so a POST's outcome is unknown (checked, never blindly resent).
          return {
            ok: false,
            retryable: false,
            mayHaveActed: true,
            error: new WebexApiError(method, path, res.status, trackingId, 'answer was not JSON'),
          };
        }
      }
    }
    if (res.ok)
      return {
        ok: true,
        response: { status: res.status, data: data as T, headers: res.headers, trackingId },
      };

    const detail = describeErrorBody(data) ?? res.statusText ?? 'error';
    const error = new WebexApiError(
      method,
      path,
      res.status,
      trackingId ?? trackingIdFromBody(data),
      detail,
      res.status === 401 || res.status === 403 ? ErrorCode.WebexRefused : ErrorCode.WebexHttp,
    );
    if (res.status === 429) {
      return {
        ok: false,
        error,
        retryable: true,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) ?? this.backoff(0) * 4,
      };
    }
    return { ok: false, error, retryable: RETRYABLE_STATUS.has(res.status) };
  }
}

/**
 * The signal that ends one attempt: after `timeoutMs` (a TimeoutError, as AbortSignal.timeout gives), when `timeout`
 * (a test's own) fires, or when `cancel` does. One controller and one timer, cleared by `done`: AbortSignal.timeout
 * and AbortSignal.any cost several times more on every call and keep their signals until collected.
 */
function attemptEnds(
  timeoutMs: number,
  timeout: AbortSignal | undefined,
  cancel: AbortSignal | undefined,
): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const end = (reason: unknown) => controller.abort(reason);
  const timer = timeout
    ? undefined
    : setTimeout(() => end(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const links = [timeout, cancel].filter((s): s is AbortSignal => s !== undefined);
  const onAbort = function (this: AbortSignal) {
    end(this.reason);
  };
  for (const s of links) {
    if (s.aborted) end(s.reason);
    else s.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      for (const s of links) s.removeEventListener('abort', onAbort);
    },
  };
}

function retryReason(error: WebexApiError): string {
  if (error.status === 429) return '429';
  if (error.status !== undefined) return String(error.status);
  return error.code === ErrorCode.WebexTimeout ? 'timeout' : 'network';
}

/** Resolves with `p`, or rejects with CallCancelledError as soon as `signal` aborts. */
function abortable(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new CallCancelledError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new CallCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

function describeErrorBody(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string')
    return data.message;
  return undefined;
}
function trackingIdFromBody(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'trackingId' in data && typeof data.trackingId === 'string')
    return data.trackingId;
  return undefined;
}
