import { LRUCache } from 'lru-cache';
import type { Metrics } from '../../core/metrics.js';
import type { Logger } from '../../logger.js';
import { splitRange } from '../../parsing/date-range.js';
import { queryKey } from '../../parsing/normalize-query.js';
import type { RecordingsQuery } from '../../parsing/recordings-query.js';
import { toApiParams } from '../../parsing/to-api-params.js';
import { CallBudget, CallBudgetExceededError } from '../../webex/call-budget.js';
import type { WebexRecording } from '../../webex/types.js';
import { listedRecording, type ListedRecording } from './listed-recording.js';
import { WebexApiError, type WebexClient } from '../../webex/webex-client.js';
import {
  HostEmail,
  NoAskerEmailError,
  NoRecordingsAccessError,
  type Asker,
  type RecordingsAccess,
  type RecordingsCredentials,
} from '../../webex/recordings-access.js';

// The credential types live with the Webex infrastructure (recordings-access.ts) so that sign-in, digests and
// notifications share them without importing this feature; re-exported for the tests and benchmarks that use them.
export {
  HostEmail,
  NoAskerEmailError,
  NoRecordingsAccessError,
  orgTokenAccess,
  type Asker,
  type RecordingsAccess,
  type RecordingsCredentials,
} from '../../webex/recordings-access.js';

/** The largest page GET /recordings serves. */
const PAGE_SIZE = 100;

/**
 * Webex calls one question may make (30-day windows, next pages, retries): about three years of a busy calendar.
 * A question that needs more gets a clear answer instead of an unbounded walk.
 */
export const LIST_CALL_BUDGET = 40;
/** The most recordings one question can list, so the largest offset a Show more button can carry. */
export const MAX_LISTED_PER_QUESTION = LIST_CALL_BUDGET * PAGE_SIZE;

/** Newest first (unreadable times last); equal times ordered by id so that every page walk sees the same order. */
function sortNewestFirst(recordings: ListedRecording[]): ListedRecording[] {
  const at = (r: ListedRecording) => (Number.isNaN(r.createdAt) ? -Infinity : r.createdAt);
  return recordings.sort((a, b) => at(b) - at(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface RecordingsServiceOptions {
  client: WebexClient;
  credentials: RecordingsCredentials;
  logger: Logger;
  /** How long an answer is reused (CACHE_TTL_SECONDS). */
  ttlMs: number;
  /** Upper bound of the answer cache, in (estimated) bytes over all entries; 0 keeps nothing (every call lists). */
  maxCacheBytes?: number;
  /** Counts answer-cache hits and misses. */
  metrics?: Pick<Metrics, 'cacheLookups'>;
  /** Granularity with which rolling ranges ("last 3 days") share a cache entry. */
  rollingKeyRoundingMs?: number;
  /** Monotonic milliseconds for the cache's TTL; tests inject a controlled clock. */
  monotonicNow?: () => number;
  /** Webex calls per question (default LIST_CALL_BUDGET). */
  callBudget?: number;
  /** Aborted on shutdown: listings in flight stop at once instead of holding SIGTERM up. */
  signal?: AbortSignal;
}

interface FetchContext {
  access: RecordingsAccess;
  query: RecordingsQuery;
}

export interface RecordingsService {
  /**
   * Every recording matching the query, newest first, without duplicates (cached per asker and query).
   * `hostedOnly` (group spaces): only recordings the asker hosts, never ones merely shared with them.
   */
  list(asker: Asker, query: RecordingsQuery, options?: { hostedOnly?: boolean }): Promise<WebexRecording[]>;
}

/**
 * 16 MiB as counted (strings as UTF-16; about 12 MiB of heap in fact): some 1,700 listings of ten recordings, far more
 * distinct questions than arrive within CACHE_TTL_SECONDS; memory stays flat however many people ask how many.
 */
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

/** A list's size in memory: its recordings as each was counted when kept, plus the array. */
function estimateBytes(recordings: ListedRecording[]): number {
  let bytes = 100 + 8 * recordings.length;
  for (const r of recordings) bytes += r.bytes;
  return bytes;
}

/**
 * Whose recordings a listing asks for: with the org token, always exactly one host (the asker, or the other host an
 * admin asked about; the command has already checked who may); with a person's own token, nobody's in particular.
 */
function hostToList(access: RecordingsAccess, query: RecordingsQuery): string | undefined {
  if (access.mode !== 'admin') return undefined;
  const host = query.hostEmail === undefined ? access.host : HostEmail.parse(query.hostEmail);
  if (!host) throw new NoAskerEmailError();
  return host.value;
}

/** One listing from Webex: window by window, page by page, without duplicates, newest first, at most `max`. */
async function listFromWebex(
  client: WebexClient,
  signal: AbortSignal | undefined,
  { access, query }: FetchContext,
  budget: CallBudget,
): Promise<ListedRecording[]> {
  const hostEmail = hostToList(access, query);
  const params = toApiParams(query);
  const byId = new Map<string, ListedRecording>();
  // The admin and group list endpoints refuse ranges over 30 days; longer questions are asked window by window.
  const windows = splitRange(query.range);
  if (windows.length > budget.limit) throw new CallBudgetExceededError(budget.limit, windows.length);
  for (const w of windows) {
    const windowParams = {
      ...params,
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      max: PAGE_SIZE,
      ...(hostEmail !== undefined ? { hostEmail } : {}),
    };
    for await (const items of client.paginate<unknown>('/recordings', windowParams, {
      token: access.token,
      headers: { timezone: query.timeZone },
      budget,
      ...(signal ? { signal } : {}),
    })) {
      for (const item of items) {
        const r = listedRecording(item);
        if (r) byId.set(r.id, r);
      }
    }
    if (query.max !== undefined && byId.size >= query.max) break;
  }
  const sorted = sortNewestFirst([...byId.values()]);
  return query.max !== undefined ? sorted.slice(0, query.max) : sorted;
}

/** Group spaces show only what the asker hosts, never recordings merely shared with them. */
function hostedBy(asker: Asker, recordings: ListedRecording[]): ListedRecording[] {
  const host = HostEmail.parse(asker.email);
  if (!host) throw new NoAskerEmailError();
  const me = host.value.toLowerCase();
  return recordings.filter((r) => r.hostEmail?.toLowerCase() === me);
}

export function createRecordingsService(opts: RecordingsServiceOptions): RecordingsService {
  const rounding = opts.rollingKeyRoundingMs ?? 60_000;
  const maxCacheBytes = opts.maxCacheBytes ?? DEFAULT_CACHE_BYTES;
  // A budget or a time-to-live of 0 turns the cache off: nothing kept that would never be reused.
  const cache =
    maxCacheBytes > 0 && opts.ttlMs > 0
      ? new LRUCache<string, ListedRecording[], FetchContext>({
          maxSize: maxCacheBytes,
          sizeCalculation: estimateBytes,
          ttl: opts.ttlMs,
          ...(opts.monotonicNow ? { perf: { now: opts.monotonicNow }, ttlResolution: 0 } : {}),
          // Identical questions asked at the same time share one listing: lru-cache keeps the in-flight promise.
          fetchMethod: async (_key, _stale, { context }) => fetchAll(context),
        })
      : undefined;

  const budgetLimit = opts.callBudget ?? LIST_CALL_BUDGET;

  /** One question's listing, within its call budget, asked once more with a fresh token after a 401. */
  async function fetchAll(context: FetchContext): Promise<ListedRecording[]> {
    const { access } = context;
    const budget = new CallBudget(budgetLimit);
    try {
      return await listFromWebex(opts.client, opts.signal, context, budget);
    } catch (err) {
      if (!(err instanceof WebexApiError) || err.status !== 401 || !access.refresh) throw err;
      const token = await access.refresh();
      if (!token) throw err;
      opts.logger.info({ mode: access.mode }, 'recordings token refreshed after 401; asking again');
      return listFromWebex(opts.client, opts.signal, { ...context, access: { ...access, token } }, budget);
    }
  }

  /** The listing from the cache, or listed once for everyone asking the same question at the same time. */
  async function cachedList(
    cache: LRUCache<string, ListedRecording[], FetchContext>,
    access: RecordingsAccess,
    asker: Asker,
    query: RecordingsQuery,
  ) {
    // Whose list it is: the host the org token is limited to, or the signed-in person (never a shared blank email).
    const who =
      access.mode === 'admin' ? `host:${access.host.value.toLowerCase()}` : `person:${asker.personId}`;
    const key = `${who}|${queryKey(query, rounding)}`;
    const status: LRUCache.Status<string, ListedRecording[], FetchContext> = {};
    const result = (await cache.fetch(key, { context: { access, query }, status })) ?? [];
    // "inflight" (sharing a listing already under way) costs no call, so it counts as a hit.
    const hit = status.fetch === 'hit' || status.fetch === 'inflight';
    opts.metrics?.cacheLookups.inc({ cache: 'answers', result: hit ? 'hit' : 'miss' });
    return result;
  }

  return {
    async list(asker, query, options) {
      const otherHost = Boolean(
        query.hostEmail && query.hostEmail.toLowerCase() !== asker.email.toLowerCase(),
      );
      const access = await opts.credentials.forAsker(asker, { otherHost });
      if (!access || (otherHost && access.mode !== 'admin')) throw new NoRecordingsAccessError();
      // With the cache off every question is a miss, counted so that /metrics still says so.
      if (!cache) opts.metrics?.cacheLookups.inc({ cache: 'answers', result: 'miss' });
      const result = cache
        ? await cachedList(cache, access, asker, query)
        : await fetchAll({ access, query });
      if (!options?.hostedOnly || access.mode === 'admin') return result; // the org token lists one host only
      return hostedBy(asker, result);
    },
  };
}
