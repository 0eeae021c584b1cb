import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
export function createMetrics(opts = {}) {
    const registry = new Registry();
    if (opts.processMetrics ?? true)
        collectDefaultMetrics({ register: registry });
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
export function routeTemplate(path) {
    const segments = path.split('?')[0]?.split('/') ?? [];
    return (segments
        .map((s, i) => (i === 0 || /^[a-z][a-zA-Z]*$/u.test(s) ? s : ':id'))
        .join('/')
        .replace(/^\/v1(?=\/)/u, '') || '/');
}
//# sourceMappingURL=metrics.js.map