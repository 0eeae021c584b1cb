import type { Logger } from '../logger.js';
import { WebexApiError, type WebexClient } from './webex-client.js';
import type { WebexWebhook } from './types.js';

/**
 * The webhooks this bot needs. Specific resources instead of the `all` firehose: fewer useless deliveries, and
 * attachment actions (card buttons) are never part of the firehose anyway.
 */
export const BOT_WEBHOOKS: readonly WebhookSpec[] = [
  { resource: 'messages', event: 'created' },
  { resource: 'memberships', event: 'all' },
  { resource: 'attachmentActions', event: 'created' },
];

/** One name per target URL: every instance behind the same PUBLIC_URL shares the same webhooks. */
export function webhookName(targetUrl: string): string {
  return `webex-recordings-bot ${targetUrl}`;
}

/** One webhook the bot needs: `ownedBy: 'org'` for an org-level one (admin token). */
export interface WebhookSpec {
  resource: string;
  event: string;
  ownedBy?: 'org';
}

export interface RegistrarOptions {
  targetUrl: string;
  secret: string | undefined;
  logger: Logger;
  /** Acts with this token instead of the client's (a person's own, or the org admin token). */
  token?: string;
}

/**
 * Makes sure exactly one webhook per resource/event points at targetUrl, reusing and updating ours and never
 * touching anybody else's. Safe to run from several instances at once: if two raced and both created one, both then
 * keep the oldest and delete the others.
 */
export async function ensureWebhooks(
  client: WebexClient,
  opts: { targetUrl: string; secret: string | undefined; logger: Logger },
): Promise<WebexWebhook[]> {
  return ensureWebhookSet(client, BOT_WEBHOOKS, opts);
}

/** ensureWebhooks for any set of webhooks and any credential: the same rules for the bot's and everyone else's. */
export async function ensureWebhookSet(
  client: WebexClient,
  specs: readonly WebhookSpec[],
  opts: RegistrarOptions,
): Promise<WebexWebhook[]> {
  const name = webhookName(opts.targetUrl);
  const ours = await listOurs(client, specs, opts);
  const result: WebexWebhook[] = [];
  for (const spec of specs) {
    const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
    let keeper = oldest(matching);
    if (keeper) {
      const stale =
        keeper.targetUrl !== opts.targetUrl ||
        keeper.status === 'inactive' ||
        (opts.secret !== undefined && keeper.secret !== opts.secret);
      if (stale) {
        keeper = await call<WebexWebhook>(client, opts, 'PUT', `/webhooks/${encodeURIComponent(keeper.id)}`, {
          name,
          targetUrl: opts.targetUrl,
          ...(opts.secret ? { secret: opts.secret } : {}),
          status: 'active',
        });
        opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'updated webhook');
      } else {
        opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'reusing webhook');
      }
    } else {
      keeper = await call<WebexWebhook>(client, opts, 'POST', '/webhooks', {
        name,
        targetUrl: opts.targetUrl,
        resource: spec.resource,
        event: spec.event,
        ...(opts.secret ? { secret: opts.secret } : {}),
        ...(spec.ownedBy ? { ownedBy: spec.ownedBy } : {}),
      });
      opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'created webhook');
    }
    result.push(keeper);
  }
  await removeRaceDuplicates(client, specs, opts);
  return result;
}

/** Deletes our webhooks of these kinds (by our name for targetUrl); anybody else's stay. A 404 counts as done. */
export async function removeWebhookSet(
  client: WebexClient,
  specs: readonly WebhookSpec[],
  opts: Omit<RegistrarOptions, 'secret'>,
): Promise<number> {
  const ours = await listOurs(client, specs, { ...opts, secret: undefined });
  let removed = 0;
  for (const w of ours) {
    if (!specs.some((s) => s.resource === w.resource && s.event === w.event)) continue;
    try {
      await call(client, opts, 'DELETE', `/webhooks/${encodeURIComponent(w.id)}`);
      removed++;
      opts.logger.info({ webhookId: w.id, resource: w.resource }, 'removed webhook');
    } catch (err) {
      if (!(err instanceof WebexApiError && err.status === 404)) throw err;
    }
  }
  return removed;
}

async function call<T>(
  client: WebexClient,
  opts: { token?: string | undefined },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await client.request<T>(method, path, {
    ...(body !== undefined ? { body } : {}),
    ...(opts.token ? { token: opts.token } : {}),
  });
  return res.data;
}

async function listOurs(
  client: WebexClient,
  specs: readonly WebhookSpec[],
  opts: RegistrarOptions,
): Promise<WebexWebhook[]> {
  const name = webhookName(opts.targetUrl);
  const all: WebexWebhook[] = [];
  // Org-level webhooks are listed with ownedBy=org.
  const queries = specs.some((s) => s.ownedBy === 'org') ? [{ max: 100, ownedBy: 'org' }] : [{ max: 100 }];
  for (const query of queries) {
    for await (const items of client.paginate<WebexWebhook>(
      '/webhooks',
      query,
      opts.token ? { token: opts.token } : {},
    )) {
      all.push(...items);
    }
  }
  return all.filter((w) => w.name === name);
}

async function removeRaceDuplicates(
  client: WebexClient,
  specs: readonly WebhookSpec[],
  opts: RegistrarOptions,
): Promise<void> {
  const ours = await listOurs(client, specs, opts);
  for (const spec of specs) {
    const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
    const keeper = oldest(matching);
    for (const dup of matching) {
      if (dup.id === keeper?.id) continue;
      try {
        await call(client, opts, 'DELETE', `/webhooks/${encodeURIComponent(dup.id)}`);
        opts.logger.info({ webhookId: dup.id, resource: spec.resource }, 'removed duplicate webhook');
      } catch (err) {
        // Another instance may have deleted it first; a 404 here is success.
        opts.logger.debug({ err, webhookId: dup.id }, 'could not remove duplicate webhook');
      }
    }
  }
}

function oldest(hooks: WebexWebhook[]): WebexWebhook | undefined {
  return [...hooks].sort(
    (a, b) => (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id),
  )[0];
}
