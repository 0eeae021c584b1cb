import { LRUCache } from 'lru-cache';
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
  /** Upper bound of cached recordings over all entries. */
  maxCachedRecordings?: number;
  /** Granularity with which rolling ranges ("last 3 days") share a cache entry. */
  rollingKeyRoundingMs?: number;
  /** Monotonic milliseconds for the cache's TTL; tests inject a controlled clock. */
  monotonicNow?: () => number;
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

export function createRecordingsService(opts: RecordingsServiceOptions): RecordingsService {
  const rounding = opts.rollingKeyRoundingMs ?? 60_000;
  const cache = new LRUCache<string, WebexRecording[], FetchContext>({
    maxSize: opts.maxCachedRecordings ?? 50_000,
    sizeCalculation: (v) => v.length + 1,
    ttl: Math.max(1, opts.ttlMs),
    ...(opts.monotonicNow ? { perf: { now: opts.monotonicNow }, ttlResolution: 0 } : {}),
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
      const result = await cache.fetch(key, { context: { access, query } });
      return result ?? [];
    },
  };
}
