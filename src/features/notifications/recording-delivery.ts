/**
 * A `recordings:created` delivery, from the webhook route to the cards (the signature was checked by the server):
 * dedupe fleet-wide → whose recording it is → that host's subscriptions → ONE detail call → one card per matching
 * subscription, each claimed in the store before its POST so no subscription ever gets two.
 *
 * Nothing from the delivery is announced as is: the details come from GET /recordings/{id} asked as the host
 * (hostEmail with the org token, or the host's own token), so a recording that isn't theirs, one only shared with
 * them, or an id that does not exist produces nothing.
 */
import type { SeenEvents } from '../../core/seen-events.js';
import type { Logger } from '../../logger.js';
import type { WebexRecording, WebhookEnvelope } from '../../webex/types.js';
import { WebexApiError } from '../../webex/webex-client.js';
import { buildNotificationCard } from './notification-card.js';
import type { Notification, NotificationRepository } from './notification-repository.js';
import { matchesFilters } from './notify-filters.js';

/** A credential to read one host's recording with. */
export interface HostAccess {
  token: string;
  /** Set with the org token: the detail call names the host. */
  hostEmail?: string;
  refresh?: () => Promise<string | undefined>;
}

export interface DeliveryDeps {
  repo: NotificationRepository;
  /** The fleet-wide seen-event ledger. */
  seen: Pick<SeenEvents, 'firstTime' | 'forget'>;
  /** The org token (with hostEmail) when configured, else the host's own sign-in; undefined when neither. */
  accessFor(host: { personId: string; email: string }): Promise<HostAccess | undefined>;
  getRecording(id: string, access: HostAccess, timeZone: string): Promise<WebexRecording>;
  postCard(roomId: string, card: Record<string, unknown>, markdown: string): Promise<void>;
  /** The person's `timezone` setting, if any (it wins over the zone stored at subscription). */
  settingZone(personId: string): Promise<string | undefined>;
  now(): Date;
  logger: Logger;
}

export type DeliveryOutcome =
  | { status: 'ignored'; reason: string }
  | { status: 'duplicate' }
  | { status: 'not-host' }
  | { status: 'failed'; error: unknown }
  | { status: 'done'; posted: number };

const ID_SHAPE = /^[\w-]{1,200}$/u;
const str = (v: unknown, max = 320): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

type RecordingEnvelope = WebhookEnvelope & { ownedBy?: unknown; createdBy?: unknown };

export async function handleRecordingDelivery(
  deps: DeliveryDeps,
  envelope: RecordingEnvelope,
): Promise<DeliveryOutcome> {
  const log = deps.logger.child({ webhookId: envelope.id, resource: 'recordings' });
  if (envelope.event !== 'created') return { status: 'ignored', reason: `event ${envelope.event}` };
  const recordingId = envelope.data.id;
  if (!ID_SHAPE.test(recordingId)) return { status: 'ignored', reason: 'malformed recording id' };
  const subs = await hostSubscriptions(deps, envelope);
  if (!Array.isArray(subs)) return subs;
  const first = subs[0];
  if (!first) return { status: 'ignored', reason: 'nobody subscribed' };

  const key = `recordings:created:${recordingId}`;
  if (!(await deps.seen.firstTime(key))) {
    log.info({ recordingId }, 'duplicate recordings delivery ignored');
    return { status: 'duplicate' };
  }

  let recording: WebexRecording;
  try {
    const access = await deps.accessFor({ personId: first.creatorPersonId, email: first.creatorEmail });
    if (!access) {
      log.warn({ recordingId }, 'no credential can read this host’s recording; nothing announced');
      await deps.seen.forget(key);
      return { status: 'ignored', reason: 'no credential' };
    }
    recording = await fetchWithRefresh(deps, recordingId, access, first.timeZone);
  } catch (err) {
    if (err instanceof WebexApiError && (err.status === 404 || err.status === 403)) {
      log.warn(
        { recordingId, status: err.status },
        'recording is not this host’s (or gone); nothing announced',
      );
      return { status: 'not-host' };
    }
    // Webex may deliver again; this instance's claim must not make that redelivery a "duplicate".
    await deps.seen.forget(key);
    log.error({ err, recordingId }, 'could not read the ready recording');
    return { status: 'failed', error: err };
  }
  if (recording.id !== recordingId || recording.shareToMe === true) {
    log.warn(
      { recordingId },
      'recording is shared with the subscriber, not hosted by them; nothing announced',
    );
    return { status: 'not-host' };
  }

  const posted = await postToSubscriptions(deps, subs, recording, log);
  log.info({ recordingId, subscriptions: subs.length, posted }, 'recording-ready delivery handled');
  return { status: 'done', posted };
}

/**
 * The active subscriptions of the one host the event is about, or why there are none to consider. The org webhook
 * names the host; a personal webhook is its owner's.
 */
async function hostSubscriptions(
  deps: DeliveryDeps,
  envelope: RecordingEnvelope,
): Promise<Notification[] | DeliveryOutcome> {
  let subs: Notification[];
  if (envelope.ownedBy === 'org') {
    const email = str(envelope.data['hostEmail'])?.toLowerCase();
    const personId = str(envelope.data['hostUserId'], 400);
    subs = await deps.repo.activeForHost(email, personId);
    // A delivery naming two different people is not trusted for either beyond the email.
    if (email) subs = subs.filter((s) => s.creatorEmail === email);
  } else {
    const owner = await deps.repo.ownerOfWebhook(envelope.id);
    if (!owner) return { status: 'ignored', reason: 'not one of our personal webhooks' };
    subs = await deps.repo.activeForHost(undefined, owner);
  }
  const first = subs[0];
  return first ? subs.filter((s) => s.creatorPersonId === first.creatorPersonId) : subs;
}

/**
 * One card per subscription whose filters match, each claimed in the store before its POST, so no subscription
 * ever gets two (not across instances, not on redelivery). Returns how many were posted.
 */
async function postToSubscriptions(
  deps: DeliveryDeps,
  subs: Notification[],
  recording: WebexRecording,
  log: Logger,
): Promise<number> {
  let posted = 0;
  for (const sub of subs) {
    if (!matchesFilters(sub.filters, recording)) continue;
    if (!(await deps.repo.claimPost(sub.id, recording.id, deps.now()))) continue;
    const timeZone = (await deps.settingZone(sub.creatorPersonId).catch(() => undefined)) ?? sub.timeZone;
    const { card, markdown } = buildNotificationCard({ recording, notification: sub, timeZone });
    try {
      await deps.postCard(sub.roomId, card, markdown);
      posted++;
    } catch (err) {
      // Webex refused it (4xx): the card is not there, so a redelivery may post it. After a time-out or a 5xx it may
      // have landed (Webex has no idempotency key), so it stays counted: at most once.
      if (err instanceof WebexApiError && err.status !== undefined && err.status < 500) {
        await deps.repo.releasePost(sub.id, recording.id).catch(() => undefined);
      }
      log.error({ err, notificationId: sub.id, roomId: sub.roomId }, 'could not post the notification');
    }
  }
  return posted;
}

async function fetchWithRefresh(
  deps: DeliveryDeps,
  id: string,
  access: HostAccess,
  timeZone: string,
): Promise<WebexRecording> {
  try {
    return await deps.getRecording(id, access, timeZone);
  } catch (err) {
    if (!(err instanceof WebexApiError) || err.status !== 401 || !access.refresh) throw err;
    const token = await access.refresh();
    if (!token) throw err;
    return deps.getRecording(id, { ...access, token }, timeZone);
  }
}
