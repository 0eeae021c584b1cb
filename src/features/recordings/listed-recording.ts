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
const len = (s: string | undefined): number => (s === undefined ? 0 : s.length);

/** An object of fourteen fields and its hidden class, generously. */
const OBJECT_BYTES = 240;

/** The kept fields of one item of a `GET /recordings` page; undefined when it has no string id. */
export function listedRecording(item: unknown): ListedRecording | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const r = item as Record<string, unknown>;
  const id = r['id'];
  if (typeof id !== 'string') return undefined;
  const topic = str(r['topic']) ?? '';
  const createTime = str(r['createTime']) ?? '';
  const timeRecorded = str(r['timeRecorded']);
  const format = str(r['format']);
  const playbackUrl = str(r['playbackUrl']);
  const downloadUrl = str(r['downloadUrl']);
  const password = str(r['password']);
  const serviceType = str(r['serviceType']);
  const status = str(r['status']);
  const hostEmail = str(r['hostEmail']);
  const shareToMe = r['shareToMe'] === true;
  const strings =
    id.length +
    topic.length +
    createTime.length +
    len(timeRecorded) +
    len(format) +
    len(playbackUrl) +
    len(downloadUrl) +
    len(password) +
    len(serviceType) +
    len(status) +
    len(hostEmail);
  // Always every field, in one order: one hidden class for all cached recordings.
  return {
    id,
    topic,
    createTime,
    createdAt: Date.parse(createTime),
    timeRecorded,
    durationSeconds: num(r['durationSeconds']),
    sizeBytes: num(r['sizeBytes']),
    format,
    playbackUrl,
    downloadUrl,
    password,
    serviceType,
    status,
    shareToMe,
    hostEmail,
    bytes: 2 * strings + OBJECT_BYTES,
  };
}
