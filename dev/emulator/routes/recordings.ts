import { Router, type Response } from 'express';
import { forbidden, notFound } from '../errors.js';
import {
  callerOf,
  headerValue,
  linkWith,
  queryOf,
  sendJson,
  setNextLink,
  type RouteContext,
} from '../http.js';
import {
  ADMIN_RECORDINGS_SCOPE,
  encodeCursor,
  pageRecordings,
  parseRecordingsQuery,
  parseTimezone,
  recordingJson,
  single,
  USER_RECORDINGS_SCOPE,
} from '../recordings.js';
import type { PersonRecord } from '../store.js';
import type { RecordingObject } from '../types.js';

/** The recordings document declares this media type for its 200 responses. */
const RECORDINGS_CONTENT_TYPE = 'application/json;charset=UTF-8';

interface Access {
  /** Emails whose hosted (or shared) recordings the caller may see. */
  hostEmails: string[];
  /** Whether recordings shared with the caller are included. */
  includeShared: boolean;
}

/**
 * Bots cannot use the meetings APIs at all. A user token needs `meeting:recordings_read` for its own
 * recordings; `hostEmail` naming someone else needs `meeting:admin_recordings_read`.
 */
function accessFor(caller: PersonRecord, hostEmail: string | undefined): Access {
  if (caller.type === 'bot') throw forbidden('Bots cannot access meeting recordings.');
  const admin = caller.scopes.includes(ADMIN_RECORDINGS_SCOPE);
  const user = caller.scopes.includes(USER_RECORDINGS_SCOPE);
  if (!admin && !user) throw forbidden(`The token lacks the ${USER_RECORDINGS_SCOPE} scope.`);
  const own = caller.emails.map((e) => e.toLowerCase());
  if (hostEmail === undefined || own.includes(hostEmail.toLowerCase())) {
    return { hostEmails: own, includeShared: hostEmail === undefined };
  }
  if (!admin) throw forbidden(`hostEmail requires the ${ADMIN_RECORDINGS_SCOPE} scope.`);
  return { hostEmails: [hostEmail.toLowerCase()], includeShared: false };
}

/** Whether the caller may see a recording; the caller's emails are lowered once per request, not per recording. */
function visibility(access: Access, caller: PersonRecord): (r: RecordingObject) => boolean {
  const hosts = new Set(access.hostEmails);
  const own = new Set(caller.emails.map((e) => e.toLowerCase()));
  return (r) =>
    hosts.has(r.hostEmail.toLowerCase()) ||
    (access.includeShared && r.sharedWith.some((e) => own.has(e.toLowerCase())));
}

export function recordingsRoutes(ctx: RouteContext): Router {
  const router = Router();
  const send = (res: Response, body: unknown) => sendJson(res, 200, body, RECORDINGS_CONTENT_TYPE);

  router.get('/recordings', (req, res) => {
    const caller = callerOf(res);
    const query = queryOf(req);
    const access = accessFor(caller, single(query, 'hostEmail'));
    const q = parseRecordingsQuery(query, headerValue(req, 'timezone'), ctx.store.now());
    const candidates = ctx.store.allRecordings().filter(visibility(access, caller));
    const page = pageRecordings(candidates, q);
    if (page.next) {
      // Pin a defaulted window so later pages do not drift with the clock.
      const pinned: Record<string, string> = { cursor: encodeCursor(page.next) };
      if (q.fromDefaulted) pinned['from'] = q.from.toISOString();
      if (q.toDefaulted) pinned['to'] = q.to.toISOString();
      setNextLink(res, linkWith(ctx, req, pinned));
    }
    send(res, { items: page.items.map((r) => recordingJson(r, q.timezone, caller.emails)) });
  });

  router.get('/recordings/:recordingId', (req, res) => {
    const caller = callerOf(res);
    const access = accessFor(caller, single(queryOf(req), 'hostEmail'));
    const timezone = parseTimezone(headerValue(req, 'timezone'));
    const recording = ctx.store.recording(req.params.recordingId);
    if (!recording || !visibility(access, caller)(recording)) throw notFound('Recording not found.');
    const expiration = new Date(ctx.store.now().getTime() + 3 * 60 * 60 * 1000).toISOString();
    const base = `${ctx.baseUrl().replace(/\/v1$/, '')}/recording-files/${recording.id}`;
    send(res, {
      ...recordingJson(recording, timezone, caller.emails),
      temporaryDirectDownloadLinks: {
        recordingDownloadLink: `${base}/recording.${recording.format === 'ARF' ? 'arf' : 'mp4'}`,
        audioDownloadLink: `${base}/audio.mp3`,
        transcriptDownloadLink: `${base}/transcript.vtt`,
        expiration: expiration.replace(/\.\d{3}Z$/, 'Z'),
      },
    });
  });

  return router;
}
