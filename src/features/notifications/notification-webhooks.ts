/**
 * The recordings webhooks notifications need, and the tokens they are made with. With WEBEX_ADMIN_TOKEN, one
 * org-level webhook (`ownedBy: org`) serves every subscriber; otherwise each signed-in subscriber gets one webhook
 * made with their own token, removed when their last notification stops or they disconnect. Both follow the bot's
 * webhook rules (src/webex/webhook-registrar.ts).
 */
import { ErrorCode, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RecordingsCredentials } from '../../webex/recordings-access.js';
import { WebexApiError, type WebexClient } from '../../webex/webex-client.js';
import { ensureWebhookSet, removeWebhookSet, type WebhookSpec } from '../../webex/webhook-registrar.js';
import type { NotificationRepository, NotifySource } from './notification-repository.js';
import type { HostAccess } from './recording-delivery.js';

const RECORDINGS_WEBHOOK: WebhookSpec = { resource: 'recordings', event: 'created' };
const ORG_RECORDINGS_WEBHOOK: WebhookSpec = { ...RECORDINGS_WEBHOOK, ownedBy: 'org' };

export interface NotificationWebhooksDeps {
  repo: NotificationRepository;
  /** The bot's client: webhook calls pass the token they are made with. */
  client: WebexClient;
  credentials: RecordingsCredentials;
  isSignedIn(personId: string): Promise<boolean>;
  webhook: { targetUrl: string; secret: string | undefined };
  now(): Date;
  log: Logger;
}

export interface NotificationWebhooks {
  /** The org token, for org-level calls (the org webhook, a recording by id): never a listing, so no host. */
  orgToken(): Promise<HostAccess | undefined>;
  /** The person's own sign-in, if they have one. */
  userToken(person: { personId: string; email: string }): Promise<HostAccess | undefined>;
  /** Registers the org webhook once per process (idempotent at Webex too). */
  ensureOrgWebhook(): Promise<void>;
  /** Registers the webhook that serves `source` for the person; a UserError when Webex refuses. */
  watch(source: NotifySource, person: { personId: string; email: string }): Promise<void>;
  /** After notifications stopped: drops the person's own webhook when nothing needs it any more. */
  afterStop(personId: string): Promise<void>;
  /** Removes the person's own webhook (and its row); a failure is logged, never thrown. */
  removePersonal(personId: string): Promise<void>;
}

/** Any failure to watch, in words for the person: nothing was started. */
function webexRefusal(err: unknown): never {
  if (err instanceof UserError) throw err;
  const status = err instanceof WebexApiError && err.status ? ` (${err.status})` : '';
  throw new UserError(
    ErrorCode.WebexHttp,
    `Webex didn't let me watch your recordings${status}, so I started nothing. Please try again in a moment.`,
    { cause: err },
  );
}

async function removePersonal(
  deps: NotificationWebhooksDeps,
  userToken: NotificationWebhooks['userToken'],
  personId: string,
): Promise<void> {
  try {
    const access = await userToken({ personId, email: '' });
    if (access) {
      await removeWebhookSet(deps.client, [RECORDINGS_WEBHOOK], {
        targetUrl: deps.webhook.targetUrl,
        token: access.token,
        logger: deps.log,
      });
    }
    await deps.repo.deletePersonalWebhook(personId);
  } catch (err) {
    // Left in place it only brings deliveries that match nothing; the next stop or disconnect tries again.
    deps.log.warn({ err, personId }, 'could not remove a personal recordings webhook');
  }
}

export function createNotificationWebhooks(deps: NotificationWebhooksDeps): NotificationWebhooks {
  const { repo, log } = deps;
  let orgWebhookReady = false;
  const orgToken = () => deps.credentials.orgToken();
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
  async function watchAsUser(person: { personId: string; email: string }): Promise<void> {
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
  }
  const remove = (personId: string) => removePersonal(deps, userToken, personId);
  return {
    orgToken,
    userToken,
    ensureOrgWebhook,
    async watch(source, person) {
      try {
        await (source === 'org' ? ensureOrgWebhook() : watchAsUser(person));
      } catch (err) {
        webexRefusal(err);
      }
    },
    async afterStop(personId) {
      const stillNeeded = (await repo.activeOfCreator(personId)).some((n) => n.source === 'user');
      if (stillNeeded || !(await repo.personalWebhook(personId))) return;
      await remove(personId);
    },
    removePersonal: remove,
  };
}
