/** RecordingsQuery → query-string parameters for `GET /v1/recordings`. */
import type { RecordingsQuery } from './recordings-query.js';

/**
 * `from`/`to` are always both present, as ISO 8601 in UTC with a `Z` (`2026-11-03T07:00:00.000Z`): exact and
 * independent of any zone handling on the server. `max` is only present if the user asked for it (the client
 * pages with its own `max`).
 */
export function toApiParams(q: RecordingsQuery): Record<string, string> {
  const params: Record<string, string> = {
    from: q.range.from.toISOString(),
    to: q.range.to.toISOString(),
  };
  if (q.topic !== undefined) params['topic'] = q.topic;
  if (q.format !== undefined) params['format'] = q.format;
  if (q.serviceType !== undefined) params['serviceType'] = q.serviceType;
  if (q.status !== undefined) params['status'] = q.status;
  if (q.meetingId !== undefined) params['meetingId'] = q.meetingId;
  if (q.siteUrl !== undefined) params['siteUrl'] = q.siteUrl;
  if (q.integrationTag !== undefined) params['integrationTag'] = q.integrationTag;
  if (q.max !== undefined) params['max'] = String(q.max);
  return params;
}
