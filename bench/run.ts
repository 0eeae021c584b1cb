/**
 * `npm run bench`: throughput and retained memory of the hot paths in-process, measured (never asserted in the test
 * suite): operations per second and heap retained after GC. The bot framework is loaded first, as in the bot's
 * process, so anything it does to the process shows here. End-to-end figures over HTTP: `npm run bench:e2e`.
 */
import { createMessenger } from '../src/core/messenger.js';
import { createWebexBot } from '../src/bot/webex-adapter.js';
import { buildRecordingsCard } from '../src/features/recordings/recordings-card.js';
import { parseRecordingsQuery } from '../src/parsing/parse-recordings-query.js';
import { createLogger } from '../src/logger.js';
import { createRecordingsService } from '../src/features/recordings/recordings-service.js';
import { recordingsCredentials } from '../src/features/sign-in/recordings-credentials.js';
import { WebexClient } from '../src/webex/webex-client.js';

if (!globalThis.gc) throw new Error('run with node --expose-gc (npm run bench does)');
const gc = globalThis.gc;

async function bench(name: string, iterations: number, fn: (i: number) => unknown) {
  // Warm-up on indices the measured loop never uses, so a "miss" benchmark cannot be warmed into hits.
  for (let i = 0; i < Math.min(1000, iterations / 10); i++) await fn(iterations + i);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // What is retained, not what merely has not been collected yet.
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `${name.padEnd(48)} ${Math.round((iterations / ms) * 1000)
      .toString()
      .padStart(
        9,
      )} ops/s   ${(ms / iterations).toFixed(4)} ms/op   heap ${heapMb >= 0 ? '+' : ''}${heapMb.toFixed(1)} MB`,
  );
}

const logger = createLogger('silent');
// Loads webex-node-bot-framework exactly as the bot does (without the Webex SDK).
const benchClient = new WebexClient({
  baseUrl: 'http://127.0.0.1:9/v1',
  token: 't',
  timeoutMs: 1000,
  maxRetries: 0,
  logger,
});
createWebexBot({
  client: benchClient,
  messenger: createMessenger({ client: benchClient, logger }),
  logger,
  webhookUrl: 'http://127.0.0.1:9/webhooks/webex',
  webhookSecret: undefined,
  botToken: 't',
  onEvent: async () => 'bench',
  seen: { firstTime: async () => true, forget: async () => undefined },
});

const now = new Date('2026-11-25T20:00:00Z');

const phrases = [
  'last week topic sync',
  'from Nov 3 to Nov 20 format mp4 type event',
  'since 2026-10-01 topic "weekly sync" max 20',
  'yesterday deleted',
  'last 3 months site example.webex.com tag crm',
];
const zones = ['America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'UTC'];

const recordings = Array.from({ length: 10 }, (_, i) => ({
  id: `rec${i}`,
  topic: `Weekly sync number ${i} with a reasonably long topic`,
  createTime: new Date(now.getTime() - i * 3_600_000).toISOString(),
  durationSeconds: 1800 + i * 60,
  sizeBytes: 80_000_000 + i,
  format: 'MP4',
  playbackUrl: `https://example.webex.com/example/ldr.php?RCID=${i}`,
  downloadUrl: `https://example.webex.com/example/lsr.php?RCID=${i}`,
  password: 'secret',
}));

await bench('parseRecordingsQuery', 20_000, (i) =>
  parseRecordingsQuery(phrases[i % phrases.length] ?? '', now, zones[i % zones.length] ?? 'UTC'),
);

await bench('buildRecordingsCard (10 recordings)', 5_000, (i) =>
  buildRecordingsCard({
    timeZone: zones[i % zones.length] ?? 'UTC',
    range: { from: new Date(now.getTime() - 7 * 86_400_000), to: now },
    filters: { topic: 'sync' },
    recordings,
    offset: 0,
    total: 37,
    showPasswords: i % 2 === 0,
    moreData: (offset) => ({ action: 'recordings.more', offset }),
  }),
);

// The cache path: 1000 distinct askers × the same question, then all of them again (hits).
const items = Array.from({ length: 100 }, (_, i) => ({ ...recordings[0], id: `r${i}` }));
const fakeFetch = (async () =>
  new Response(JSON.stringify({ items }), {
    headers: { 'content-type': 'application/json' },
  })) as typeof fetch;
const client = new WebexClient({
  baseUrl: 'http://127.0.0.1:9/v1',
  token: 't',
  timeoutMs: 1000,
  maxRetries: 0,
  logger,
  fetch: fakeFetch,
});
const service = createRecordingsService({
  client,
  credentials: recordingsCredentials({ vault: undefined, adminToken: 'admin', adminRefreshable: false }),
  logger,
  ttlMs: 60_000,
});
const parsed = parseRecordingsQuery('last week', now, 'UTC');
if (!parsed.ok) throw new Error(parsed.error.message);
await bench('recordings service, cache miss (100 results)', 1_000, (i) =>
  service.list({ personId: `p${i}`, email: `user${i}@example.com` }, parsed.query),
);
// Hits: 200 askers whose answers the miss benchmark above has cached.
await bench('recordings service, cache hit', 20_000, (i) =>
  service.list({ personId: `p${i % 200}`, email: `user${i % 200}@example.com` }, parsed.query),
);
