import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The bot's Prometheus metrics. One registry per app (tests run several apps in one process), served by
 * server/metrics-route.ts. Label values are always from small fixed sets (route templates, command names, status
 * codes), never ids or user text, so the number of series stays bounded.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Seconds from the webhook's arrival to the reply being posted, by command. */
  readonly replyLatency: Histogram<'command'>;
  /** Every answered Webex request, by method, route template ("/messages/:id") and status ("0" = no answer). */
  readonly webexRequests: Counter<'method' | 'route' | 'status'>;
  readonly webexRetries: Counter<'method' | 'route' | 'reason'>;
  readonly webexRateLimited: Counter<'method' | 'route'>;
  /** Lookups in the bot's caches: answers, people, rooms. */
  readonly cacheLookups: Counter<'cache' | 'result'>;
  readonly digestRuns: Counter<'outcome'>;
  /** Seconds between when a digest was due and when its run started. */
  readonly digestLag: Histogram;
  /** Recording-ready notifications posted (incremented by the notifications feature). */
  readonly notificationsDelivered: Counter;
  /** Spaces the framework holds an object for. */
  readonly frameworkSpaces: Gauge;
  /** Message POSTs whose outcome was unknown, by what became of them (landed, resent, unverifiable). */
  readonly ambiguousPosts: Counter<'outcome'>;
}

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    replyLatency: new Histogram({
      name: 'bot_reply_latency_seconds',
      help: 'Time from a webhook delivery to the posted reply, by command',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    webexRequests: new Counter({
      name: 'webex_requests_total',
      help: 'Webex API requests by method, route template and status (0: no answer)',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    webexRetries: new Counter({
      name: 'webex_retries_total',
      help: 'Webex API requests retried, by reason (429, 5xx, timeout, network)',
      labelNames: ['method', 'route', 'reason'],
      registers,
    }),
    webexRateLimited: new Counter({
      name: 'webex_rate_limited_total',
      help: 'Webex API answers with 429 Too Many Requests',
      labelNames: ['method', 'route'],
      registers,
    }),
    cacheLookups: new Counter({
      name: 'bot_cache_lookups_total',
      help: 'Cache lookups by cache and result (hit, miss)',
      labelNames: ['cache', 'result'],
      registers,
    }),
    digestRuns: new Counter({
      name: 'bot_digest_runs_total',
      help: 'Digest runs by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    digestLag: new Histogram({
      name: 'bot_digest_lag_seconds',
      help: 'Delay between a digest being due and its run starting',
      buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600],
      registers,
    }),
    ambiguousPosts: new Counter({
      name: 'bot_ambiguous_posts_total',
      help: 'Message POSTs that timed out, were reset or got a 5xx, by outcome: landed (found, not resent), resent (checked, not there), unverifiable (group space: not resent, at most once)',
      labelNames: ['outcome'],
      registers,
    }),
    notificationsDelivered: new Counter({
      name: 'bot_notifications_delivered_total',
      help: 'Recording-ready notifications posted',
      registers,
    }),
    frameworkSpaces: new Gauge({
      name: 'bot_framework_spaces',
      help: 'Spaces the bot framework holds an object for (bounded)',
      registers,
    }),
  };
}

/**
 * "/messages/Y2lzY29z…" → "/messages/:id": the path with every segment that is not a fixed word replaced, so routes
 * group into a handful of series.
 */
export function routeTemplate(path: string): string {
  const segments = path.split('?')[0]?.split('/') ?? [];
  return (
    segments
      .map((s, i) => (i === 0 || /^[a-z][a-zA-Z]*$/u.test(s) ? s : ':id'))
      .join('/')
      .replace(/^\/v1(?=\/)/u, '') || '/'
  );
}
