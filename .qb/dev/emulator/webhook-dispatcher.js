import { newTrackingId } from './ids.js';
import { sparkSignature } from './signing.js';
/**
 * Webex webhook filters: `key=value` pairs joined by `&`, values URL-encoded. `mentionedPeople=me` means
 * the webhook owner; `hasFiles=true` tests for files; other keys compare against the event data.
 */
export function filterMatches(filter, data, ownerId) {
    if (filter === undefined || filter.trim() === '')
        return true;
    for (const pair of filter.split('&')) {
        const eq = pair.indexOf('=');
        if (eq <= 0)
            return false;
        const key = safeDecode(pair.slice(0, eq).trim());
        const value = safeDecode(pair.slice(eq + 1).trim());
        if (key === 'hasFiles') {
            const has = Array.isArray(data['files']) && data['files'].length > 0;
            if (String(has) !== value)
                return false;
            continue;
        }
        const wanted = key === 'mentionedPeople' && value === 'me' ? ownerId : value;
        const actual = data[key];
        if (Array.isArray(actual)) {
            if (!actual.map(String).includes(wanted))
                return false;
        }
        else if (key.toLowerCase().endsWith('email')) {
            if (typeof actual !== 'string' || actual.toLowerCase() !== wanted.toLowerCase())
                return false;
        }
        else if (scalarText(actual) !== wanted) {
            return false;
        }
    }
    return true;
}
/** A string, number or boolean as Webex would write it in a filter; undefined for anything else. */
function scalarText(v) {
    if (typeof v === 'string')
        return v;
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
    }
    catch {
        return s;
    }
}
/**
 * Webex's `all` firehose covers messages, memberships and rooms but not attachmentActions, which need their
 * own webhook (webex-node-bot-framework registers both for that reason).
 */
export function webhookMatches(w, e) {
    if (w.status !== 'active')
        return false;
    const reaches = w.ownedBy === 'org' ? e.orgId !== undefined && e.orgId === w.orgId : e.audience.has(w.createdBy);
    if (!reaches)
        return false;
    const resourceOk = w.resource === 'all' ? e.resource !== 'attachmentActions' : w.resource === e.resource;
    if (!resourceOk)
        return false;
    if (w.event !== 'all' && w.event !== e.event)
        return false;
    return filterMatches(w.filter, e.data, w.createdBy);
}
export function envelopeFor(w, e) {
    return {
        id: w.id,
        name: w.name,
        targetUrl: w.targetUrl,
        resource: e.resource,
        event: e.event,
        ...(w.filter !== undefined ? { filter: w.filter } : {}),
        orgId: w.orgId,
        createdBy: w.createdBy,
        appId: w.appId,
        ownedBy: w.ownedBy,
        status: 'active',
        created: w.created,
        actorId: e.actorId,
        data: e.data,
    };
}
/** POSTs events to matching webhooks and records every attempt. Events go out in order, webhooks in parallel. */
export class WebhookDispatcher {
    store;
    deliveries;
    timeoutMs;
    pending = new Set();
    closing = new AbortController();
    chain = Promise.resolve();
    constructor(store, deliveries, timeoutMs) {
        this.store = store;
        this.deliveries = deliveries;
        this.timeoutMs = timeoutMs;
    }
    /** Resolves once every delivery for these events has finished; never rejects. */
    dispatch(events) {
        if (events.length === 0)
            return Promise.resolve();
        // Chaining keeps a later event from overtaking an earlier one at the receiver.
        const run = this.chain.then(async () => {
            for (const e of events) {
                const targets = this.store.allWebhooks().filter((w) => webhookMatches(w, e));
                await Promise.all(targets.map((w) => this.deliver(w, e)));
            }
        });
        const tracked = run.catch(() => undefined);
        this.chain = tracked;
        this.pending.add(tracked);
        void tracked.finally(() => this.pending.delete(tracked));
        return tracked;
    }
    async idle() {
        while (this.pending.size > 0)
            await Promise.allSettled([...this.pending]);
    }
    close() {
        this.closing.abort();
    }
    async deliver(w, e) {
        const body = envelopeFor(w, e);
        const rawBody = JSON.stringify(body);
        const signature = w.secret !== undefined ? sparkSignature(w.secret, rawBody) : undefined;
        const headers = {
            'content-type': 'application/json',
            'user-agent': 'webex-emulator',
            trackingid: newTrackingId(),
            ...(signature !== undefined ? { 'x-spark-signature': signature } : {}),
        };
        const at = new Date();
        const started = performance.now();
        const record = {
            webhookId: w.id,
            targetUrl: w.targetUrl,
            resource: e.resource,
            event: e.event,
            body,
            rawBody,
            ...(signature !== undefined ? { signature } : {}),
            at,
            durationMs: 0,
        };
        try {
            if (this.closing.signal.aborted)
                throw new Error('emulator stopped');
            const res = await fetch(w.targetUrl, {
                method: 'POST',
                headers,
                body: rawBody,
                signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closing.signal]),
            });
            await res.arrayBuffer();
            record.status = res.status;
        }
        catch (err) {
            record.error = describe(err);
        }
        record.durationMs = performance.now() - started;
        this.deliveries.push(record);
    }
}
function describe(err) {
    if (err instanceof Error) {
        const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
        return `${err.name}: ${err.message}${cause}`;
    }
    return String(err);
}
//# sourceMappingURL=webhook-dispatcher.js.map