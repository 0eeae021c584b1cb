import { Router } from 'express';
import { forbidden, notFound } from '../errors.js';
import { callerOf, headerValue, linkWith, queryOf, sendJson, setNextLink, } from '../http.js';
import { ADMIN_RECORDINGS_SCOPE, encodeCursor, pageRecordings, parseRecordingsQuery, parseTimezone, recordingJson, single, USER_RECORDINGS_SCOPE, } from '../recordings.js';
/** The recordings document declares this media type for its 200 responses. */
const RECORDINGS_CONTENT_TYPE = 'application/json;charset=UTF-8';
/**
 * Bots cannot use the meetings APIs at all. A user token needs `meeting:recordings_read` for its own
 * recordings; `hostEmail` naming someone else needs `meeting:admin_recordings_read`.
 */
function accessFor(caller, hostEmail) {
    if (caller.type === 'bot')
        throw forbidden('Bots cannot access meeting recordings.');
    const admin = caller.scopes.includes(ADMIN_RECORDINGS_SCOPE);
    const user = caller.scopes.includes(USER_RECORDINGS_SCOPE);
    if (!admin && !user)
        throw forbidden(`The token lacks the ${USER_RECORDINGS_SCOPE} scope.`);
    const own = caller.emails.map((e) => e.toLowerCase());
    if (hostEmail === undefined || own.includes(hostEmail.toLowerCase())) {
        return { hostEmails: own, includeShared: hostEmail === undefined };
    }
    if (!admin)
        throw forbidden(`hostEmail requires the ${ADMIN_RECORDINGS_SCOPE} scope.`);
    return { hostEmails: [hostEmail.toLowerCase()], includeShared: false };
}
function visible(r, access, caller) {
    if (access.hostEmails.includes(r.hostEmail.toLowerCase()))
        return true;
    if (!access.includeShared)
        return false;
    const own = caller.emails.map((e) => e.toLowerCase());
    return r.sharedWith.some((e) => own.includes(e.toLowerCase()));
}
export function recordingsRoutes(ctx) {
    const router = Router();
    const send = (res, body) => sendJson(res, 200, body, RECORDINGS_CONTENT_TYPE);
    router.get('/recordings', (req, res) => {
        const caller = callerOf(res);
        const query = queryOf(req);
        const access = accessFor(caller, single(query, 'hostEmail'));
        const q = parseRecordingsQuery(query, headerValue(req, 'timezone'), ctx.store.now());
        const candidates = ctx.store.allRecordings().filter((r) => visible(r, access, caller));
        const page = pageRecordings(candidates, q);
        if (page.next) {
            // Pin a defaulted window so later pages do not drift with the clock.
            const pinned = { cursor: encodeCursor(page.next) };
            if (q.fromDefaulted)
                pinned['from'] = q.from.toISOString();
            if (q.toDefaulted)
                pinned['to'] = q.to.toISOString();
            setNextLink(res, linkWith(ctx, req, pinned));
        }
        send(res, { items: page.items.map((r) => recordingJson(r, q.timezone, caller.emails)) });
    });
    router.get('/recordings/:recordingId', (req, res) => {
        const caller = callerOf(res);
        const access = accessFor(caller, single(queryOf(req), 'hostEmail'));
        const timezone = parseTimezone(headerValue(req, 'timezone'));
        const recording = ctx.store.recording(req.params.recordingId);
        if (!recording || !visible(recording, access, caller))
            throw notFound('Recording not found.');
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
//# sourceMappingURL=recordings.js.map