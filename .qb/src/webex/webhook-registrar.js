import { WebexApiError } from './webex-client.js';
/**
 * The webhooks this bot needs. Specific resources instead of the `all` firehose: fewer useless deliveries, and
 * attachment actions (card buttons) are never part of the firehose anyway.
 */
export const BOT_WEBHOOKS = [
    { resource: 'messages', event: 'created' },
    { resource: 'memberships', event: 'all' },
    { resource: 'attachmentActions', event: 'created' },
];
/** One name per target URL: every instance behind the same PUBLIC_URL shares the same webhooks. */
export function webhookName(targetUrl) {
    return `webex-recordings-bot ${targetUrl}`;
}
/**
 * Makes sure exactly one webhook per resource/event points at targetUrl, reusing and updating ours and never
 * touching anybody else's. Safe to run from several instances at once: if two raced and both created one, both then
 * keep the oldest and delete the others.
 */
export async function ensureWebhooks(client, opts) {
    return ensureWebhookSet(client, BOT_WEBHOOKS, opts);
}
/** ensureWebhooks for any set of webhooks and any credential: the same rules for the bot's and everyone else's. */
export async function ensureWebhookSet(client, specs, opts) {
    const name = webhookName(opts.targetUrl);
    const ours = await listOurs(client, specs, opts);
    const result = [];
    for (const spec of specs) {
        const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
        let keeper = oldest(matching);
        if (keeper) {
            const stale = keeper.targetUrl !== opts.targetUrl ||
                keeper.status === 'inactive' ||
                (opts.secret !== undefined && keeper.secret !== opts.secret);
            if (stale) {
                keeper = await call(client, opts, 'PUT', `/webhooks/${encodeURIComponent(keeper.id)}`, {
                    name,
                    targetUrl: opts.targetUrl,
                    ...(opts.secret ? { secret: opts.secret } : {}),
                    status: 'active',
                });
                opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'updated webhook');
            }
            else {
                opts.logger.info({ webhookId: keeper.id, resource: spec.resource }, 'reusing webhook');
            }
        }
        else {
            keeper = await call(client, opts, 'POST', '/webhooks', {
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
export async function removeWebhookSet(client, specs, opts) {
    const ours = await listOurs(client, specs, { ...opts, secret: undefined });
    let removed = 0;
    for (const w of ours) {
        if (!specs.some((s) => s.resource === w.resource && s.event === w.event))
            continue;
        try {
            await call(client, opts, 'DELETE', `/webhooks/${encodeURIComponent(w.id)}`);
            removed++;
            opts.logger.info({ webhookId: w.id, resource: w.resource }, 'removed webhook');
        }
        catch (err) {
            if (!(err instanceof WebexApiError && err.status === 404))
                throw err;
        }
    }
    return removed;
}
async function call(client, opts, method, path, body) {
    const res = await client.request(method, path, {
        ...(body !== undefined ? { body } : {}),
        ...(opts.token ? { token: opts.token } : {}),
    });
    return res.data;
}
async function listOurs(client, specs, opts) {
    const name = webhookName(opts.targetUrl);
    const all = [];
    // Org-level webhooks are listed with ownedBy=org.
    const queries = specs.some((s) => s.ownedBy === 'org') ? [{ max: 100, ownedBy: 'org' }] : [{ max: 100 }];
    for (const query of queries) {
        for await (const items of client.paginate('/webhooks', query, opts.token ? { token: opts.token } : {})) {
            all.push(...items);
        }
    }
    return all.filter((w) => w.name === name);
}
async function removeRaceDuplicates(client, specs, opts) {
    const ours = await listOurs(client, specs, opts);
    for (const spec of specs) {
        const matching = ours.filter((w) => w.resource === spec.resource && w.event === spec.event);
        const keeper = oldest(matching);
        for (const dup of matching) {
            if (dup.id === keeper?.id)
                continue;
            try {
                await call(client, opts, 'DELETE', `/webhooks/${encodeURIComponent(dup.id)}`);
                opts.logger.info({ webhookId: dup.id, resource: spec.resource }, 'removed duplicate webhook');
            }
            catch (err) {
                // Another instance may have deleted it first; a 404 here is success.
                opts.logger.debug({ err, webhookId: dup.id }, 'could not remove duplicate webhook');
            }
        }
    }
}
function oldest(hooks) {
    return [...hooks].sort((a, b) => (a.created ?? '').localeCompare(b.created ?? '') || a.id.localeCompare(b.id))[0];
}
//# sourceMappingURL=webhook-registrar.js.map