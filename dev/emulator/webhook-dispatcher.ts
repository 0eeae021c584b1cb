import { nodeHttpFetch } from '../../src/webex/node-http-fetch.js';
import type { DomainEvent } from './events.js';
import { newTrackingId } from './ids.js';
import { sparkSignature } from './signing.js';
import type { EmulatorStore } from './store.js';
import type { WebhookDelivery, WebhookEnvelope, WebhookObject } from './types.js';

/**
 * Webex webhook filters: `key=value` pairs joined by `&`, values URL-encoded. `mentionedPeople=me` means
 * the webhook owner; `hasFiles=true` tests for files; other keys compare against the event data.
 */
export function filterMatches(
  filter: string | undefined,
  data: Record<string, unknown>,
  ownerId: string,
): boolean {
  if (filter === undefined || filter.trim() === '') return true;
  for (const pair of filter.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return false;
    const key = safeDecode(pair.slice(0, eq).trim());
    const value = safeDecode(pair.slice(eq + 1).trim());
    if (key === 'hasFiles') {
      const has = Array.isArray(data['files']) && data['files'].length > 0;
      if (String(has) !== value) return false;
      continue;
    }
    const wanted = key === 'mentionedPeople' && value === 'me' ? ownerId : value;
    const actual = data[key];
    if (Array.isArray(actual)) {
      if (!actual.map(String).includes(wanted)) return false;
    } else if (key.toLowerCase().endsWith('email')) {
      if (typeof actual !== 'string' || actual.toLowerCase() !== wanted.toLowerCase()) return false;
    } else if (scalarText(actual) !== wanted) {
      return false;
    }
  }
  return true;
}

/** A string, number or boolean as Webex would write it in a filter; undefined for anything else. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Webex's `all` firehose covers messages, memberships and rooms but not attachmentActions, which need their
 * own webhook (webex-node-bot-framework registers both for that reason).
 */
export function webhookMatches(w: WebhookObject, e: DomainEvent): boolean {
  if (w.status !== 'active') return false;
  const reaches =
    w.ownedBy === 'org' ? e.orgId !== undefined && e.orgId === w.orgId : e.audience.has(w.createdBy);
  if (!reaches) return false;
  const resourceOk = w.resource === 'all' ? e.resource !== 'attachmentActions' : w.resource === e.resource;
  if (!resourceOk) return false;
  if (w.event !== 'all' && w.event !== e.event) return false;
  return filterMatches(w.filter, e.data, w.createdBy);
}

export function envelopeFor(w: WebhookObject, e: DomainEvent): WebhookEnvelope {
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

/**
 * POSTs events to matching webhooks and records every attempt. Events of one space go out in order (a later one
 * never overtakes an earlier one at the receiver); spaces are independent, as at Webex, so one slow delivery does
 * not hold up every other conversation. Webhooks of one event are delivered in parallel.
 */
export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  /** The last delivery run of each space (events without a space share the '' key). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly deliveries: WebhookDelivery[],
    private readonly timeoutMs: number,
  ) {}

  /** Resolves once every delivery for these events has finished; never rejects. */
  dispatch(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const keys = [...new Set(events.map((e) => e.roomId))];
    const before = keys.map((k) => this.chains.get(k)).filter((p) => p !== undefined);
    const run = Promise.all(before).then(async () => {
      for (const e of events) {
        const targets = this.store.allWebhooks().filter((w) => webhookMatches(w, e));
        await Promise.all(targets.map((w) => this.deliver(w, e)));
      }
    });
    const tracked = run.catch(() => undefined);
    for (const k of keys) this.chains.set(k, tracked);
    this.pending.add(tracked);
    void tracked.finally(() => {
      this.pending.delete(tracked);
      // Forget a space's chain once its last run is done, so the map holds only spaces with deliveries in flight.
      for (const k of keys) if (this.chains.get(k) === tracked) this.chains.delete(k);
    });
    return tracked;
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closing.abort();
  }

  private async deliver(w: WebhookObject, e: DomainEvent): Promise<void> {
    const body = envelopeFor(w, e);
    const rawBody = JSON.stringify(body);
    const signature = w.secret !== undefined ? sparkSignature(w.secret, rawBody) : undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'webex-emulator',
      trackingid: newTrackingId(),
      ...(signature !== undefined ? { 'x-spark-signature': signature } : {}),
    };
    const at = new Date();
    const started = performance.now();
    const record: WebhookDelivery = {
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
      if (this.closing.signal.aborted) throw new Error('emulator stopped');
      // The bot's own keep-alive transport rather than fetch: undici was an eighth of the emulator's CPU in the
      // end-to-end benchmark, where the emulator shares the machine with the bots it measures.
      const res = await nodeHttpFetch(new URL(w.targetUrl), {
        method: 'POST',
        headers,
        body: rawBody,
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closing.signal]),
      });
      record.status = res.status;
    } catch (err) {
      record.error = describe(err);
    }
    record.durationMs = performance.now() - started;
    this.deliveries.push(record);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.name}: ${err.message}${cause}`;
  }
  return String(err);
}
