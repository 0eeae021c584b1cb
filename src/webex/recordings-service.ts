import { LRUCache } from 'lru-cache';
import type { Metrics } from '../core/metrics.js';
import type { Logger } from '../logger.js';
import { splitRange } from '../parsing/date-range.js';
import { queryKey } from '../parsing/normalize-query.js';
import type { RecordingsQuery } from '../parsing/recordings-query.js';
import { toApiParams } from '../parsing/to-api-params.js';
import type { WebexRecording } from './types.js';
import { WebexApiError, type WebexClient } from './webex-client.js';

/** Who is asking: recordings are always listed on behalf of one person. */
export interface Asker {
  personId: string;
  email: string;
}

/** The credential a listing is made with, and what it implies for the request. */
export interface RecordingsAccess {
  /** `user`: the person's own sign-in (hosted + shared with them); `admin`: the org token, limited by hostEmail. */
  mode: 'user' | 'admin';
  token: string;
  /** Set when acting with an org admin token: restricts the listing to this host. */
  hostEmail?: string;
  /** A fresh token after Webex answered 401 (expired or revoked); undefined when none can be had. */
  refresh?: () => Promise<string | undefined>;
}

/**
 * Where recordings credentials come from. The org admin token is one implementation; per-user sign-in slots in here
 * without the command or the service changing. undefined means "nothing can list recordings for this person".
 */
export interface RecordingsCredentials {
  /** `otherHost`: the question is about someone else's recordings, which only the org token may list. */
  forAsker(asker: Asker, need?: { otherHost?: boolean }): Promise<RecordingsAccess | undefined>;
}

export function adminTokenCredentials(adminToken: string | undefined): RecordingsCredentials {
  return {
    async forAsker(asker) {
      return adminToken ? { mode: 'admin', token: adminToken, hostEmail: asker.email } : undefined;
    },
  };
}

/** The largest page GET /recordings serves. */
const PAGE_SIZE = 100;

/** Newest first; equal times ordered by id so that every page walk sees the same order. */
export function sortNewestFirst(recordings: WebexRecording[]): WebexRecording[] {
  return [...recordings].sort(
    (a, b) => Date.parse(b.createTime) - Date.parse(a.createTime) || a.id.localeCompare(b.id),
  );
}

export interface RecordingsServiceOptions {
  client: WebexClient;
  credentials: RecordingsCredentials;
  logger: Logger;
  /** How long an answer is reused (CACHE_TTL_SECONDS). */
  ttlMs: number;
  /** Upper bound of the answer cache, in (estimated) bytes over all entries. */
  maxCacheBytes?: number;
  /** Counts answer-cache hits and misses. */
  metrics?: Pick<Metrics, 'cacheLookups'>;
  /** Granularity with which rolling ranges ("last 3 days") share a cache entry. */
  rollingKeyRoundingMs?: number;
}

export class NoRecordingsAccessError extends Error {
  constructor() {
    super('no credential can list recordings for this person');
    this.name = 'NoRecordingsAccessError';
  }
}

interface FetchContext {
  access: RecordingsAccess;
  query: RecordingsQuery;
}

export interface RecordingsService {
  /** Every recording matching the query, newest first, without duplicates (cached per asker and query). */
  list(asker: Asker, query: RecordingsQuery): Promise<WebexRecording[]>;
}

/** 32 MiB: thousands of answers; memory stays flat however many people ask how many questions. */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/** A list's size in memory, estimated from its JSON (UTF-16 strings, plus per-object overhead). */
export function estimateBytes(recordings: WebexRecording[]): number {
  return 2 * JSON.stringify(recordings).length + 200 * recordings.length + 100;
}

export function createRecordingsService(opts: RecordingsServiceOptions): RecordingsService {
  const rounding = opts.rollingKeyRoundingMs ?? 60_000;
  const cache = new LRUCache<string, WebexRecording[], FetchContext>({
    maxSize: opts.maxCacheBytes ?? DEFAULT_CACHE_BYTES,
    sizeCalculation: estimateBytes,
    ttl: Math.max(1, opts.ttlMs),
    // Identical questions asked at the same time share one listing: lru-cache keeps the in-flight promise per key.
    fetchMethod: async (_key, _stale, { context }) => fetchAll(context),
  });

  async function fetchAll({ access, query }: FetchContext): Promise<WebexRecording[]> {
    try {
      return await fetchWith(access, query);
    } catch (err) {
      if (!(err instanceof WebexApiError) || err.status !== 401 || !access.refresh) throw err;
      const token = await access.refresh();
      if (!token) throw err;
      opts.logger.info({ mode: access.mode }, 'recordings token refreshed after 401; asking again');
      return fetchWith({ ...access, token }, query);
    }
  }

  async function fetchWith(access: RecordingsAccess, query: RecordingsQuery): Promise<WebexRecording[]> {
    // Another host's recordings only with the org token; the command has already checked who may ask for them.
    const hostEmail = access.mode === 'admin' ? (query.hostEmail ?? access.hostEmail) : undefined;
    const params = toApiParams(query);
    const byId = new Map<string, WebexRecording>();
    // The admin and group list endpoints refuse ranges over 30 days; longer questions are asked window by window.
    for (const w of splitRange(query.range)) {
      const windowParams = {
        ...params,
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        max: PAGE_SIZE,
        ...(hostEmail ? { hostEmail } : {}),
      };
      for await (const items of opts.client.paginate<WebexRecording>('/recordings', windowParams, {
        token: access.token,
        headers: { timezone: query.timeZone },
      })) {
        for (const r of items) if (r && typeof r.id === 'string') byId.set(r.id, r);
      }
      if (query.max !== undefined && byId.size >= query.max) break;
    }
    const sorted = sortNewestFirst([...byId.values()]);
    return query.max !== undefined ? sorted.slice(0, query.max) : sorted;
  }

  return {
    async list(asker, query) {
      const otherHost = Boolean(
        query.hostEmail && query.hostEmail.toLowerCase() !== asker.email.toLowerCase(),
      );
      const access = await opts.credentials.forAsker(asker, { otherHost });
      if (!access || (otherHost && access.mode !== 'admin')) throw new NoRecordingsAccessError();
      const key = `${asker.email.toLowerCase()}|${access.mode}|${queryKey(query, rounding)}`;
      const status: LRUCache.Status<string, WebexRecording[], FetchContext> = {};
      const result = await cache.fetch(key, { context: { access, query }, status });
      // "inflight" (sharing a listing already under way) costs no call, so it counts as a hit.
      const hit = status.fetch === 'hit' || status.fetch === 'inflight';
      opts.metrics?.cacheLookups.inc({ cache: 'answers', result: hit ? 'hit' : 'miss' });
      return result ?? [];
    },
  };
}
