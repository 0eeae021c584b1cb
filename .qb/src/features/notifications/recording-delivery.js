import { WebexApiError } from '../../webex/webex-client.js';
import { buildNotificationCard } from './notification-card.js';
import { matchesFilters } from './notify-filters.js';
const ID_SHAPE = /^[\w-]{1,200}$/u;
const str = (v, max = 320) => typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
export async function handleRecordingDelivery(deps, envelope) {
    const log = deps.logger.child({ webhookId: envelope.id, resource: 'recordings' });
    if (envelope.event !== 'created')
        return { status: 'ignored', reason: `event ${envelope.event}` };
    const recordingId = envelope.data.id;
    if (!ID_SHAPE.test(recordingId))
        return { status: 'ignored', reason: 'malformed recording id' };
    // Whose recording the event says it is: the org webhook names the host; a personal webhook is its owner's.
    let subs;
    if (envelope.ownedBy === 'org') {
        const email = str(envelope.data['hostEmail'])?.toLowerCase();
        const personId = str(envelope.data['hostUserId'], 400);
        subs = await deps.repo.activeForHost(email, personId);
        // A delivery naming two different people is not trusted for either beyond the email.
        if (email)
            subs = subs.filter((s) => s.creatorEmail === email);
    }
    else {
        const owner = await deps.repo.ownerOfWebhook(envelope.id);
        if (!owner)
            return { status: 'ignored', reason: 'not one of our personal webhooks' };
        subs = await deps.repo.activeForHost(undefined, owner);
    }
    const first = subs[0];
    if (!first)
        return { status: 'ignored', reason: 'nobody subscribed' };
    subs = subs.filter((s) => s.creatorPersonId === first.creatorPersonId);
    const key = `recordings:created:${recordingId}`;
    if (!(await deps.seen.firstTime(key))) {
        log.info({ recordingId }, 'duplicate recordings delivery ignored');
        return { status: 'duplicate' };
    }
    let recording;
    try {
        const access = await deps.accessFor({ personId: first.creatorPersonId, email: first.creatorEmail });
        if (!access) {
            log.warn({ recordingId }, 'no credential can read this host’s recording; nothing announced');
            await deps.seen.forget(key);
            return { status: 'ignored', reason: 'no credential' };
        }
        recording = await fetchWithRefresh(deps, recordingId, access, first.timeZone);
    }
    catch (err) {
        if (err instanceof WebexApiError && (err.status === 404 || err.status === 403)) {
            log.warn({ recordingId, status: err.status }, 'recording is not this host’s (or gone); nothing announced');
            return { status: 'not-host' };
        }
        // Webex may deliver again; this instance's claim must not make that redelivery a "duplicate".
        await deps.seen.forget(key);
        log.error({ err, recordingId }, 'could not read the ready recording');
        return { status: 'failed', error: err };
    }
    if (recording.id !== recordingId || recording.shareToMe === true) {
        log.warn({ recordingId }, 'recording is shared with the subscriber, not hosted by them; nothing announced');
        return { status: 'not-host' };
    }
    let posted = 0;
    for (const sub of subs) {
        if (!matchesFilters(sub.filters, recording))
            continue;
        if (!(await deps.repo.claimPost(sub.id, recordingId, deps.now())))
            continue;
        const timeZone = (await deps.settingZone(sub.creatorPersonId).catch(() => undefined)) ?? sub.timeZone;
        const { card, markdown } = buildNotificationCard({ recording, notification: sub, timeZone });
        try {
            await deps.postCard(sub.roomId, card, markdown);
            posted++;
        }
        catch (err) {
            // Webex refused it (4xx): the card is not there, so a redelivery may post it. After a time-out or a 5xx it may
            // have landed (Webex has no idempotency key), so it stays counted: at most once.
            if (err instanceof WebexApiError && err.status !== undefined && err.status < 500) {
                await deps.repo.releasePost(sub.id, recordingId).catch(() => undefined);
            }
            log.error({ err, notificationId: sub.id, roomId: sub.roomId }, 'could not post the notification');
        }
    }
    log.info({ recordingId, subscriptions: subs.length, posted }, 'recording-ready delivery handled');
    return { status: 'done', posted };
}
async function fetchWithRefresh(deps, id, access, timeZone) {
    try {
        return await deps.getRecording(id, access, timeZone);
    }
    catch (err) {
        if (!(err instanceof WebexApiError) || err.status !== 401 || !access.refresh)
            throw err;
        const token = await access.refresh();
        if (!token)
            throw err;
        return deps.getRecording(id, { ...access, token }, timeZone);
    }
}
//# sourceMappingURL=recording-delivery.js.map