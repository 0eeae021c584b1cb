/**
 * `npm run bench:digests`: 10,000 digest subscriptions due in the same minute, run by one instance and then by two
 * instances sharing Postgres (each with its own pool and scheduler, as two processes would), posting through the
 * real WebexClient to the project's emulator over HTTP. A rate limiter in front of the emulator answers 429 with
 * Retry-After above RATE posts per second, as Webex does. Reports the time taken, the 429s honoured, the peak RSS and
 * heap of this process (which also holds the emulator), and checks that every space got exactly one digest.
 * Numbers only. Needs Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import pg from 'pg';
import { createDigestScheduler } from '../src/features/digests/scheduler.js';
import { nextRun, previousRun, type Schedule } from '../src/features/digests/schedule.js';
import { WebexEmulator } from '../dev/emulator/index.js';
import { createLogger } from '../src/logger.js';
import { KyselyDigestRepository } from '../src/features/digests/kysely-digest-repository.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { recordingsCredentials } from '../src/features/sign-in/recordings-credentials.js';
import { createRecordingsService } from '../src/features/recordings/recordings-service.js';
import { WebexClient } from '../src/webex/webex-client.js';
import { REPO } from './harness.js';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const RATE = Number(process.env.BENCH_POST_RATE ?? 600);
const DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const logger = createLogger('silent');
const gc = globalThis.gc ?? (() => undefined);

/** Webex-like rate limit on POST /messages: over RATE per second, 429 with Retry-After: 1. */
function rateLimited(inner: typeof fetch): { fetch: typeof fetch; limited: () => number } {
  let windowStart = 0;
  let inWindow = 0;
  let limited = 0;
  const wrapped: typeof fetch = async (input, init) => {
    if (
      init?.method === 'POST' &&
      (input instanceof Request ? input.url : input.toString()).endsWith('/messages')
    ) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > RATE) {
        limited++;
        return new Response(JSON.stringify({ message: 'Too Many Requests' }), {
          status: 429,
          headers: { 'retry-after': '1', 'content-type': 'application/json' },
        });
      }
    }
    return inner(input, init);
  };
  return { fetch: wrapped, limited: () => limited };
}

async function scenario(instances: number) {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const emulator = await WebexEmulator.start();
  const bot = emulator.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
  const admin = emulator.addPerson({
    displayName: 'Org Admin',
    email: 'admin@example.com',
    scopes: ['spark:all', 'meeting:admin_recordings_read'],
  });
  // Everything due at 09:00 UTC (the last one before now); the schedulers' clock says 09:00:30.
  const schedule: Schedule = { cadence: 'daily', hour: 9, minute: 0, timeZone: 'UTC' };
  const due = nextRun(schedule, new Date(Date.now() - 86_400_000));
  const hosts = Array.from({ length: 20 }, (_, i) => {
    const p = emulator.addPerson({ displayName: `Host ${i}`, email: `host${i}@example.com` });
    for (let k = 0; k < 3; k++) {
      emulator.addRecording({
        hostEmail: p.email,
        topic: `Daily standup ${k + 1}`,
        createTime: new Date(due.getTime() - (2 + k) * 3_600_000).toISOString(),
        durationSeconds: 900,
      });
    }
    return p;
  });
  const stores: Store[] = [];
  for (let i = 0; i < instances; i++) {
    stores.push(openStore({ dataDir: '.', databaseUrl: DATABASE_URL, pgSchema: schema, pgPoolSize: 10 }));
  }
  const [first] = stores;
  if (!first) throw new Error('no store');
  await first.migrate();

  const rooms: string[] = [];
  // Seeded 32 at a time: one at a time waits for a disk flush per subscription (half an hour on a busy machine).
  const seeding = pLimit(32);
  const digests = new KyselyDigestRepository(first.kysely, first.backend);
  const seeded: Promise<unknown>[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const host = hosts[i % hosts.length];
    if (!host) throw new Error('no host');
    const roomId = emulator.addRoom({ type: 'group', title: `Space ${i}`, memberIds: [host.id, bot.id] }).id;
    rooms.push(roomId);
    const subscription = {
      id: randomUUID(),
      roomId,
      roomType: 'group' as const,
      creatorPersonId: host.id,
      creatorEmail: host.email,
      creatorName: host.displayName,
      schedule,
      filters: {},
      evenIfEmpty: true,
      createdAt: new Date(due.getTime() - 7 * 86_400_000),
      nextRunAt: due,
      watermark: previousRun(schedule, due),
    };
    seeded.push(seeding(() => digests.createSubscription(subscription)));
  }
  await Promise.all(seeded);

  const limiter = rateLimited(fetch);
  const now = () => new Date(due.getTime() + 30_000);
  const schedulers = stores.map((store, i) => {
    const client = new WebexClient({
      baseUrl: emulator.baseUrl,
      token: bot.token,
      timeoutMs: 10_000,
      maxRetries: 5,
      logger,
      fetch: limiter.fetch,
    });
    const recordings = createRecordingsService({
      client,
      credentials: recordingsCredentials({
        vault: undefined,
        adminToken: admin.token,
        adminRefreshable: false,
      }),
      logger,
      ttlMs: 0,
    });
    return createDigestScheduler({
      repository: new KyselyDigestRepository(store.kysely, store.backend),
      now,
      instanceId: `bench-${i}`,
      leaseMs: 5 * 60_000,
      overlapMs: 10 * 60_000,
      logger,
      list: (sub, range) =>
        recordings.list(
          { personId: sub.creatorPersonId, email: sub.creatorEmail },
          { range: { ...range, kind: 'rolling', label: 'digest', isDefault: false }, timeZone: 'UTC' },
        ),
      poster: {
        async postCard(roomId, card, markdown) {
          await client.post('/messages', {
            roomId,
            markdown,
            attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
          });
          return 'posted' as const;
        },
        async say(roomId, markdown) {
          await client.post('/messages', { roomId, markdown });
        },
      },
    });
  });

  gc();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  const started = performance.now();
  const results = await Promise.all(schedulers.map((s) => s.tick()));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const perRoom = rooms.map((r) => emulator.messagesIn(r).filter((m) => m.personId === bot.id).length);
  const result = {
    instances,
    subscriptions: SUBSCRIPTIONS,
    seconds: Math.round(seconds * 10) / 10,
    claimedPerInstance: results.map((r) => r.claimed),
    sent: results.flatMap((r) => r.outcomes).filter((o) => o.status === 'sent').length,
    failed: results.flatMap((r) => r.outcomes).filter((o) => o.status === 'failed').length,
    spacesWithOne: perRoom.filter((n) => n === 1).length,
    spacesWithNone: perRoom.filter((n) => n === 0).length,
    spacesWithMore: perRoom.filter((n) => n > 1).length,
    rateLimit429s: limiter.limited(),
    postRateLimitPerSecond: RATE,
    peakRssMb: Math.round(peakRss / 1e6),
    rssGrowthMb: Math.round((peakRss - baseRss) / 1e6),
    peakHeapMb: Math.round(peakHeap / 1e6),
  };
  for (const s of stores) await s.close();
  await emulator.stop();
  const admin_ = new pg.Client({ connectionString: DATABASE_URL });
  await admin_.connect();
  await admin_.query(`drop schema if exists "${schema}" cascade`);
  await admin_.end();
  return result;
}

const one = await scenario(1);
console.log(JSON.stringify(one));
const two = await scenario(2);
console.log(JSON.stringify(two));
for (const r of [one, two]) {
  console.log(
    `${r.instances} instance(s): ${r.subscriptions} digests in ${r.seconds} s (claimed ${r.claimedPerInstance.join(' + ')}), ` +
      `${r.spacesWithOne} spaces with exactly one, ${r.spacesWithNone} with none, ${r.spacesWithMore} with more; ` +
      `${r.rateLimit429s} × 429 honoured at ${r.postRateLimitPerSecond} posts/s; peak RSS ${r.peakRssMb} MB ` +
      `(+${r.rssGrowthMb} MB), peak heap ${r.peakHeapMb} MB`,
  );
}
mkdirSync(join(REPO, 'bench-results'), { recursive: true });
writeFileSync(join(REPO, 'bench-results', 'digests.json'), `${JSON.stringify([one, two], null, 2)}\n`);
