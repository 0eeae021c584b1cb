/**
 * Recording-ready notifications as one module: the `notify` command, the recordings webhooks it needs
 * (notification-webhooks.ts), the handler for `recordings:created` deliveries (notification-deliveries.ts), and
 * what stops notifications when their creator leaves or disconnects (stop-notifications.ts).
 */
import type { FeatureModule } from '../../core/feature-module.js';
import type { Infrastructure } from '../../core/infrastructure.js';
import type { AccessPolicy, RecordingsCredentials } from '../../webex/recordings-access.js';
import type { WebexPerson } from '../../webex/types.js';
import { createDeliveryHandler } from './notification-deliveries.js';
import { KyselyNotificationRepository } from './notification-repository.js';
import { createNotificationWebhooks, type NotificationWebhooks } from './notification-webhooks.js';
import { notifyCommand } from './notify-command.js';
import { stopForDisconnect, stopForMemberLeft } from './stop-notifications.js';

export interface NotificationsDeps {
  credentials: RecordingsCredentials;
  access: Pick<AccessPolicy, 'signInEnabled' | 'offerSignIn' | 'isBotAdmin'>;
  /** True when the person signed in with Webex (their own token is stored). */
  isSignedIn(personId: string): Promise<boolean>;
  /** The zones of the timezone feature: a new notification's, and a person's own setting (it wins at delivery). */
  timeZoneFor(person: WebexPerson): Promise<string>;
  settingZone(personId: string): Promise<string | undefined>;
}

export interface NotificationsModule extends FeatureModule {
  /** Before a person's sign-in is deleted: removes their webhook while their token still works. */
  beforeDisconnect(personId: string): Promise<void>;
}

type NotificationsInfrastructure = Pick<
  Infrastructure,
  'config' | 'store' | 'client' | 'messenger' | 'metrics' | 'seen' | 'webhookUrl' | 'now' | 'logger'
>;

function notify(
  deps: NotificationsDeps,
  webhooks: NotificationWebhooks,
  repo: KyselyNotificationRepository,
  orgTokenConfigured: boolean,
) {
  return notifyCommand({
    repo,
    isBotAdmin: deps.access.isBotAdmin,
    timeZoneFor: deps.timeZoneFor,
    afterStop: webhooks.afterStop,
    async sourceFor(person) {
      if (orgTokenConfigured) return 'org';
      if (!deps.access.signInEnabled) return 'none';
      if (await deps.isSignedIn(person.personId)) return 'user';
      await deps.access.offerSignIn(
        person.personId,
        'To tell you when your recordings are ready I need your permission: sign in with your Webex account, then say `notify me` again.',
      );
      return 'sign-in-offered';
    },
    watch: webhooks.watch,
  });
}

export function createNotificationsModule(
  infra: NotificationsInfrastructure,
  deps: NotificationsDeps,
): NotificationsModule {
  const { client, messenger, now } = infra;
  const log = infra.logger.child({ component: 'notifications' });
  const repo = new KyselyNotificationRepository(infra.store.kysely);
  const orgTokenConfigured = Boolean(infra.config.adminToken);
  const webhook = { targetUrl: infra.webhookUrl, secret: infra.config.webhookSecret };
  const webhooks = createNotificationWebhooks({
    repo,
    client,
    credentials: deps.credentials,
    isSignedIn: deps.isSignedIn,
    webhook,
    now,
    log,
  });
  const stopDeps = { repo, messenger, webhooks, orgTokenConfigured, now, log };
  const deliver = createDeliveryHandler({
    repo,
    seen: infra.seen,
    client,
    messenger,
    tokens: webhooks,
    orgTokenConfigured,
    settingZone: deps.settingZone,
    now,
    log,
    onDelivered: (posted) => infra.metrics.notificationsDelivered.inc(posted),
  });
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const tracked = p.catch((err: unknown) => log.error({ err }, 'notification handler failed'));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };
  return {
    name: 'notifications',
    commands: [notify(deps, webhooks, repo, orgTokenConfigured)],
    onWebhook(envelope) {
      if (envelope.resource !== 'recordings') return false;
      track(deliver(envelope));
      return true;
    },
    onMemberLeft: (left) => track(stopForMemberLeft(stopDeps, left)),
    beforeDisconnect: (personId) => stopForDisconnect(stopDeps, personId),
    async start() {
      if (!orgTokenConfigured) return;
      try {
        await webhooks.ensureOrgWebhook();
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
