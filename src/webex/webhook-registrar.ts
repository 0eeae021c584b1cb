import type { Logger } from '../logger.js';
import type { WebexClient } from './webex-client.js';
import type { WebexWebhook } from './types.js';

/**
 * The webhooks this bot needs. Specific resources instead of the `all` firehose: fewer useless deliveries, and
 * attachment actions (card buttons) are never part of the firehose anyway.
 */
export const BOT_WEBHOOKS = [
  { resource: 'messages', event: 'created' },
  { resource: 'memberships', event: 'all' },
  { resource: 'attachmentActions', event: 'created' },
] as const;

/** One name per target URL: every instance behind the same PUBLIC_URL shares the same webhooks. */
export function webhookName(targetUrl: string): string {
  return `webex-recordings-bot ${targetUrl}`;
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
  const name = webhookName(opts.targetUrl);
  const ours = (await client.listAll<WebexWebhook>('/webhooks', { max: 100 })).filter((w) => w.name === name);
  const result: WebexWebhook[] = [];
  for (const spec of BOT_WEBHOOKS) {
    const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
    let keeper = oldest(matching);
    if (keeper) {
      const stale =
        keeper.targetUrl !== opts.targetUrl ||
        keeper.status === 'inactive' ||
        (opts.secret !== undefined && keeper.secret !== opts.secret);
      if (stale) {
        keeper = await client.put<WebexWebhook>(`/webhooks/${encodeURIComponent(keeper.id)}`, {
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
      keeper = await client.post<WebexWebhook>('/webhooks', {
        name,
        targetUrl: opts.targetUrl,
        resource: spec.resource,
        event: spec.event,
        ...(opts.secret ? { secret: opts.secret } : {}),
      });
      opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'created webhook');
    }
    result.push(keeper);
  }
  await removeRaceDuplicates(client, opts, name);
  return result;
}

async function removeRaceDuplicates(
  client: WebexClient,
  opts: { targetUrl: string; logger: Logger },
  name: string,
): Promise<void> {
  const ours = (await client.listAll<WebexWebhook>('/webhooks', { max: 100 })).filter((w) => w.name === name);
  for (const spec of BOT_WEBHOOKS) {
    const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
    const keeper = oldest(matching);
    for (const dup of matching) {
      if (dup.id === keeper?.id) continue;
      try {
        await client.delete(`/webhooks/${encodeURIComponent(dup.id)}`);
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
