import type { WebexRecording } from '../../webex/types.js';

/**
 * A recording as the answer cache keeps it: only the fields answers show or act on (those of `CardRecording`), each
 * of the type Webex documents, and the size it was counted at.
 *
 * Why not the object Webex sent: a listed recording carries three meeting ids, the site and integration tags that no
 * answer uses (a third of its size), cached listings are most of what survives young-generation collections on the
 * miss path, and an answer from the API is untrusted input (a `topic` that is not a string must not reach
 * `String.prototype.trim`).
 */
export interface ListedRecording extends WebexRecording {
  /** Milliseconds since the epoch of `createTime` (NaN when unreadable): sorted by without parsing per comparison. */
  readonly createdAt: number;
  /** Estimated bytes it holds in memory (strings as UTF-16, plus the object), for the cache's byte budget. */
  readonly bytes: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** An object of fourteen fields and its hidden class, generously. */
const OBJECT_BYTES = 240;

/** The kept fields of one item of a `GET /recordings` page; undefined when it has no string id. */
export function listedRecording(item: unknown): ListedRecording | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const r = item as Record<string, unknown>;
  const id = r['id'];
  if (typeof id !== 'string') return undefined;
  const createTime = str(r['createTime']) ?? '';
  // Always every field, in one order: one hidden class for all cached recordings.
  const kept: { -readonly [K in keyof ListedRecording]: ListedRecording[K] } = {
    id,
    topic: str(r['topic']) ?? '',
    createTime,
    createdAt: Date.parse(createTime),
    timeRecorded: str(r['timeRecorded']),
    durationSeconds: num(r['durationSeconds']),
    sizeBytes: num(r['sizeBytes']),
    format: str(r['format']),
    playbackUrl: str(r['playbackUrl']),
    downloadUrl: str(r['downloadUrl']),
    password: str(r['password']),
    serviceType: str(r['serviceType']),
    status: str(r['status']),
    shareToMe: r['shareToMe'] === true,
    hostEmail: str(r['hostEmail']),
    bytes: OBJECT_BYTES,
  };
  for (const v of Object.values(kept)) if (typeof v === 'string') kept.bytes += 2 * v.length;
  return kept;
}
