/**
 * Recording-ready notifications as one module: the `notify` command, the recordings webhooks it needs, and the
 * handlers for `recordings:created` deliveries and for people leaving a space.
 *
 * Where events come from: with WEBEX_ADMIN_TOKEN, one org-level webhook (`ownedBy: org`) serves every subscriber;
 * otherwise each signed-in subscriber gets one webhook made with their own token, removed when their last
 * notification stops or they disconnect. Both follow the bot's webhook rules (src/webex/webhook-registrar.ts).
 */
import { escapeMarkdown } from '../../core/markdown.js';
import type { Messenger } from '../../core/messenger.js';
import type { Kysely } from 'kysely';
import type { CommandSpec } from '../../core/command-registry.js';
import type { AccessPolicy, RecordingsCredentials } from '../../webex/recordings-access.js';
import { ErrorCode, UserError } from '../../errors.js';
import type { SeenEvents } from '../../core/seen-events.js';
import type { Logger } from '../../logger.js';
import type { Database } from '../../store/schema.js';
import type { WebexPerson, WebexRecording, WebhookEnvelope } from '../../webex/types.js';
import { WebexApiError, type WebexClient } from '../../webex/webex-client.js';
import { ensureWebhookSet, removeWebhookSet, type WebhookSpec } from '../../webex/webhook-registrar.js';
import { KyselyNotificationRepository, type NotificationRepository } from './notification-repository.js';
import { notifyCommand } from './notify-command.js';
import { handleRecordingDelivery, type HostAccess } from './recording-delivery.js';

export interface NotificationsDeps {
  /** The store's connection (tables of migration 0006). */
  db: Kysely<Database>;
  /** The fleet-wide seen-event ledger: each delivery is handled once. */
  seen: Pick<SeenEvents, 'firstTime' | 'forget'>;
  /** The bot's client: webhooks and recordings calls (which pass their own token). */
  client: WebexClient;
  /** Posts as the bot. */
  messenger: Messenger;
  credentials: RecordingsCredentials;
  access: Pick<AccessPolicy, 'signInEnabled' | 'offerSignIn' | 'isBotAdmin'>;
  /** True when the person signed in with Webex (their own token is stored). */
  isSignedIn(personId: string): Promise<boolean>;
  /** WEBEX_ADMIN_TOKEN is configured: the org-level webhook serves everyone. */
  orgTokenConfigured: boolean;
  webhook: { targetUrl: string; secret: string | undefined };
  timeZoneFor(person: WebexPerson): Promise<string>;
  settingZone(personId: string): Promise<string | undefined>;
  /** Whether a person id is the bot's own (its removal from a space stops that space's notifications). */
  isBot(personId: string): boolean;
  now(): Date;
  logger: Logger;
  /** Told how many notifications each recordings delivery posted (the notifications-delivered metric). */
  onDelivered?(posted: number): void;
}

export interface NotificationsModule {
  commands: CommandSpec[];
  /** Takes the deliveries this feature owns (recordings); true when it did. Watches membership deletions too. */
  onWebhook(envelope: WebhookEnvelope): boolean;
  /** Before a person's sign-in is deleted: removes their webhook while their token still works. */
  beforeDisconnect(personId: string): Promise<void>;
  start(): Promise<void>;
  /** Waits for the deliveries in flight. */
  stop(): Promise<void>;
}

const RECORDINGS_WEBHOOK: WebhookSpec = { resource: 'recordings', event: 'created' };
const ORG_RECORDINGS_WEBHOOK: WebhookSpec = { ...RECORDINGS_WEBHOOK, ownedBy: 'org' };

export function createNotifications(deps: NotificationsDeps): NotificationsModule {
  const log = deps.logger.child({ component: 'notifications' });
  const repo: NotificationRepository = new KyselyNotificationRepository(deps.db);
  const inFlight = new Set<Promise<unknown>>();
  let orgWebhookReady = false;

  const track = (p: Promise<unknown>) => {
    const tracked = p.catch((err: unknown) => log.error({ err }, 'notification handler failed'));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  async function orgToken(): Promise<HostAccess | undefined> {
    // Org-level calls (the org webhook, a recording by id): never a listing, so no host is needed.
    return deps.credentials.orgToken();
  }
  async function userToken(person: { personId: string; email: string }): Promise<HostAccess | undefined> {
    if (!(await deps.isSignedIn(person.personId))) return undefined;
    const a = await deps.credentials.forAsker(person);
    return a?.mode === 'user' ? { token: a.token, ...(a.refresh ? { refresh: a.refresh } : {}) } : undefined;
  }

  async function ensureOrgWebhook(): Promise<void> {
    if (orgWebhookReady) return;
    const access = await orgToken();
    if (!access) throw new Error('the org token is not available');
    await ensureWebhookSet(deps.client, [ORG_RECORDINGS_WEBHOOK], {
      ...deps.webhook,
      token: access.token,
      logger: log,
    });
    orgWebhookReady = true;
  }

  const webexRefusal = (err: unknown): never => {
    if (err instanceof UserError) throw err;
    const status = err instanceof WebexApiError && err.status ? ` (${err.status})` : '';
    throw new UserError(
      ErrorCode.WebexHttp,
      `Webex didn't let me watch your recordings${status}, so I started nothing. Please try again in a moment.`,
      { cause: err },
    );
  };

  async function afterStop(personId: string): Promise<void> {
    const stillNeeded = (await repo.activeOfCreator(personId)).some((n) => n.source === 'user');
    if (stillNeeded || !(await repo.personalWebhook(personId))) return;
    await removePersonalWebhook(personId);
  }

  async function removePersonalWebhook(personId: string): Promise<void> {
    try {
      const access = await userToken({ personId, email: '' });
      if (access) {
        await removeWebhookSet(deps.client, [RECORDINGS_WEBHOOK], {
          targetUrl: deps.webhook.targetUrl,
          token: access.token,
          logger: log,
        });
      }
      await repo.deletePersonalWebhook(personId);
    } catch (err) {
      // Left in place it only brings deliveries that match nothing; the next stop or disconnect tries again.
      log.warn({ err, personId }, 'could not remove a personal recordings webhook');
    }
  }

  const command = notifyCommand({
    repo,
    isBotAdmin: deps.access.isBotAdmin,
    timeZoneFor: deps.timeZoneFor,
    afterStop,
    async sourceFor(person) {
      if (deps.orgTokenConfigured) return 'org';
      if (!deps.access.signInEnabled) return 'none';
      if (await deps.isSignedIn(person.personId)) return 'user';
      await deps.access.offerSignIn(
        person.personId,
        'To tell you when your recordings are ready I need your permission: sign in with your Webex account, then say `notify me` again.',
      );
      return 'sign-in-offered';
    },
    async watch(source, person) {
      try {
        if (source === 'org') return await ensureOrgWebhook();
        const access = await userToken(person);
        if (!access)
          throw new UserError(
            ErrorCode.WebexRefused,
            'Your sign-in has expired: type `connect` to sign in again.',
          );
        const [hook] = await ensureWebhookSet(deps.client, [RECORDINGS_WEBHOOK], {
          ...deps.webhook,
          token: access.token,
          logger: log,
        });
        if (hook) await repo.savePersonalWebhook(person.personId, hook.id, deps.now());
      } catch (err) {
        webexRefusal(err);
      }
    },
  });

  const deliveryDeps = {
    repo,
    seen: deps.seen,
    now: deps.now,
    logger: log,
    settingZone: deps.settingZone,
    async accessFor(host: { personId: string; email: string }): Promise<HostAccess | undefined> {
      if (deps.orgTokenConfigured) {
        const org = await orgToken();
        if (org) return { ...org, hostEmail: host.email };
      }
      return userToken(host);
    },
    async getRecording(id: string, access: HostAccess, timeZone: string) {
      const res = await deps.client.request<WebexRecording>('GET', `/recordings/${encodeURIComponent(id)}`, {
        token: access.token,
        headers: { timezone: timeZone },
        ...(access.hostEmail ? { query: { hostEmail: access.hostEmail } } : {}),
      });
      return res.data;
    },
    async postCard(roomId: string, card: Record<string, unknown>, markdown: string) {
      await deps.messenger.sendCard(roomId, card, markdown);
    },
  };

  async function onMemberLeft(roomId: string, personId: string): Promise<void> {
    const all = await repo.listActive(roomId);
    const theirs = deps.isBot(personId) ? all : all.filter((n) => n.creatorPersonId === personId);
    if (theirs.length === 0) return;
    const stopped = new Set(
      await repo.stop(
        theirs.map((n) => n.id),
        'left the space',
        deps.now(),
      ),
    );
    const mine = theirs.filter((n) => stopped.has(n.id));
    for (const p of new Set(mine.map((n) => n.creatorPersonId))) await afterStop(p);
    // Only the instance whose update stopped them says so, once; the bot itself can't post where it was removed.
    if (mine.length === 0 || deps.isBot(personId)) return;
    const first = mine[0];
    const name = first ? first.creatorName : 'Its creator';
    await deps.messenger.say(
      roomId,
      `${escapeMarkdown(name)} left this space, so I stopped ${mine.length === 1 ? 'notification' : 'notifications'} ${mine.map((n) => `#${n.number}`).join(', ')} (their recordings are no longer posted here).`,
    );
  }

  return {
    commands: [command],
    onWebhook(envelope) {
      if (envelope.resource === 'memberships' && envelope.event === 'deleted') {
        const roomId = envelope.data.roomId;
        const personId = envelope.data.personId;
        if (roomId && personId) track(onMemberLeft(roomId, personId));
        return false;
      }
      if (envelope.resource !== 'recordings') return false;
      track(
        handleRecordingDelivery(deliveryDeps, envelope).then((o) => {
          log.debug({ outcome: o.status, recordingId: envelope.data.id }, 'recordings delivery outcome');
          if (o.status === 'done' && o.posted > 0) deps.onDelivered?.(o.posted);
        }),
      );
      return true;
    },
    async beforeDisconnect(personId) {
      const theirs = (await repo.activeOfCreator(personId)).filter((n) => n.source === 'user');
      if (theirs.length > 0 && !deps.orgTokenConfigured) {
        const stopped = await repo.stop(
          theirs.map((n) => n.id),
          'disconnected',
          deps.now(),
        );
        if (stopped.length > 0) {
          const numbers = theirs.filter((n) => stopped.includes(n.id)).map((n) => `#${n.number}`);
          await deps.messenger
            .sendDirect(
              personId,
              `Your recording notifications (${numbers.join(', ')}) are stopped too: they need your sign-in. Type \`connect\` and \`notify me\` to start again.`,
            )
            .catch((err: unknown) =>
              log.warn({ err }, 'could not tell the person their notifications stopped'),
            );
        }
      }
      if (await repo.personalWebhook(personId)) await removePersonalWebhook(personId);
    },
    async start() {
      if (!deps.orgTokenConfigured) return;
      try {
        await ensureOrgWebhook();
      } catch (err) {
        // Not fatal: chat keeps working, and the next `notify` registers it.
        log.warn({ err }, 'could not register the org recordings webhook yet');
      }
    },
    async stop() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
