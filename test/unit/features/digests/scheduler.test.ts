/** The scheduler with a controlled clock on an in-memory SQLite store: no real sleeps, no network. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createMetrics } from '../../../../src/core/metrics.js';
import { createDigestScheduler, type DigestScheduler } from '../../../../src/features/digests/scheduler.js';
import type { Schedule } from '../../../../src/features/digests/schedule.js';
import { wallTimeAt } from '../../../../src/parsing/date-range.js';
import { openStore, SQLITE_FILE_NAME } from '../../../../src/store/open-store.js';
import type { Store } from '../../../../src/store/store.js';
import type { DigestRepository } from '../../../../src/features/digests/digest-repository.js';
import { repositoriesOf } from '../../../store/repositories.js';
import { WebexApiError } from '../../../../src/webex/webex-client.js';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, Poster, quietLogger, Recordings, subscribe } from './fakes.js';
import { WEBEX_MARKDOWN_MAX_BYTES } from '../../../../src/cards/format.js';
import { CARD_TARGET_BYTES } from '../../../../src/features/recordings/recordings-card.js';
import { validateAdaptiveCard } from '../../../helpers/validate-card.js';

const NY = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const daily9: Schedule = { cadence: 'daily', hour: 9, minute: 0, timeZone: NY };

describe('digest scheduler', () => {
  let store: Store;
  let repo: DigestRepository;
  let clock: Clock;
  let recordings: Recordings;
  let poster: Poster;
  let scheduler: DigestScheduler;

  const make = (over: Partial<Parameters<typeof createDigestScheduler>[0]> = {}) =>
    createDigestScheduler({
      repository: repo,
      poster,
      list: recordings.list,
      now: clock.now,
      instanceId: 'test',
      leaseMs: 5 * MIN,
      overlapMs: 10 * MIN,
      logger: quietLogger(),
      ...over,
    });

  /** Ticks every `step` from now until `until` (a running bot with DIGEST_TICK_SECONDS = step). */
  async function runUntil(until: string | Date, step = 5 * MIN): Promise<void> {
    const end = new Date(until).getTime();
    while (clock.t < end) {
      await scheduler.tick();
      clock.advance(step);
    }
  }

  beforeEach(async () => {
    store = openStore({ dataDir: '', sqliteFile: ':memory:' });
    await store.migrate();
    repo = repositoriesOf(store).digests;
    clock = new Clock(Date.parse('2026-03-01T16:00:00Z')); // Sun 1 Mar, 11:00 New York
    recordings = new Recordings(clock);
    poster = new Poster(clock);
    scheduler = make();
  });
  afterEach(() => store.close());

  it('fires a daily 09:00 New York digest exactly once a day at 09:00 local across both DST changes', async () => {
    const sub = await subscribe(repo, clock, daily9, { evenIfEmpty: true });
    // A recording every day at 15:00 UTC: each must be in exactly one digest.
    for (let d = 0; d < 16; d++) recordings.add(new Date(Date.parse('2026-03-01T15:00:00Z') + d * DAY));
    await runUntil('2026-03-16T00:00:00Z');
    // Down from 16 Mar to 25 Oct: one catch-up digest on start.
    clock.set('2026-10-25T00:00:00Z');
    for (let d = 0; d < 15; d++) recordings.add(new Date(Date.parse('2026-10-25T15:00:00Z') + d * DAY));
    await runUntil('2026-11-09T00:00:00Z');

    const posts = poster.posts.filter((p) => p.roomId === sub.roomId);
    const catchUp = posts.filter((p) => p.at.toISOString() === '2026-10-25T00:00:00.000Z');
    assert.equal(catchUp.length, 1, 'one digest for the whole time down');
    const scheduled = posts.filter((p) => !catchUp.includes(p));
    const days = scheduled.map((p) => {
      const w = wallTimeAt(p.at, NY);
      assert.deepEqual([w.hour, w.minute], [9, 0], `posted at ${p.at.toISOString()}, not 09:00 New York`);
      return `${w.month}-${w.day}`;
    });
    assert.equal(new Set(days).size, days.length, 'never twice a day');
    const expected = [
      ...Array.from({ length: 15 }, (_, i) => `3-${i + 1}`).slice(1),
      ...['10-25', '10-26', '10-27', '10-28', '10-29', '10-30', '10-31'],
      ...Array.from({ length: 8 }, (_, i) => `11-${i + 1}`),
    ];
    assert.deepEqual(days, expected);
    const ids = poster.postedIds();
    assert.equal(new Set(ids).size, ids.length, 'no recording twice');
    const due = recordings.all.filter((r) => Date.parse(r.createTime) < Date.parse('2026-11-08T14:00:00Z'));
    assert.deepEqual(new Set(ids), new Set(due.map((r) => r.id)), 'every recording once');
  });

  it('after downtime, sends one digest covering the whole missed window, then keeps the schedule', async () => {
    const sub = await subscribe(repo, clock, daily9);
    const missed = [
      recordings.add('2026-03-01T20:00:00Z'),
      recordings.add('2026-03-02T20:00:00Z'),
      recordings.add('2026-03-03T20:00:00Z'),
    ];
    clock.set('2026-03-04T16:00:00Z'); // three due times passed while the bot was down
    await scheduler.tick();
    await scheduler.tick();
    assert.equal(poster.posts.length, 1);
    assert.deepEqual(new Set(poster.posts[0]?.ids), new Set(missed.map((r) => r.id)));
    const after = await repo.getSubscription(sub.id);
    assert.equal(after?.nextRunAt.toISOString(), '2026-03-05T14:00:00.000Z');
    assert.equal(after?.watermark.toISOString(), '2026-03-04T16:00:00.000Z');
    const late = recordings.add('2026-03-04T18:00:00Z');
    await runUntil('2026-03-05T15:00:00Z');
    assert.equal(poster.posts.length, 2);
    assert.deepEqual(poster.posts[1]?.ids, [late.id]);
  });

  it('posts a recording that the API lists late exactly once (overlap + posted ids), and nothing twice', async () => {
    const sub = await subscribe(repo, clock, daily9);
    const early = recordings.add('2026-03-02T13:55:00Z'); // 08:55 New York, listed at once
    const late = recordings.add('2026-03-02T13:56:00Z', { visibleAt: Date.parse('2026-03-02T14:05:00Z') });
    await runUntil('2026-03-02T14:01:00Z');
    assert.deepEqual(
      poster.posts.map((p) => p.ids),
      [[early.id]],
    );
    await runUntil('2026-03-03T14:01:00Z');
    assert.deepEqual(
      poster.posts.map((p) => p.ids),
      [[early.id], [late.id]],
    );
    // The second window was listed from 08:50 (overlap) yet the early one wasn't repeated.
    assert.equal(recordings.calls.at(-1)?.from.toISOString(), '2026-03-02T13:50:00.000Z');
    await runUntil('2026-03-05T14:01:00Z');
    assert.equal(poster.posts.length, 2, 'empty days post nothing');
    assert.equal((await repo.runs(sub.id)).filter((r) => r.status === 'empty').length, 2);
  });

  it('splits a long digest into cards of 10, each recording once; no passwords in a group space', async () => {
    await subscribe(repo, clock, daily9);
    for (let i = 0; i < 23; i++) recordings.add(new Date(Date.parse('2026-03-01T14:00:00Z') + i * MIN));
    await runUntil('2026-03-02T14:01:00Z');
    assert.deepEqual(
      poster.posts.map((p) => p.ids.length),
      [10, 10, 3],
    );
    assert.equal(new Set(poster.postedIds()).size, 23);
    for (const p of poster.posts) assert.doesNotMatch(JSON.stringify(p.card) + p.markdown, /pw-/);
    assert.match(JSON.stringify(poster.posts[2]?.card), /Showing 21–23 of 23 recordings/);
    assert.match(
      poster.posts[0]?.markdown ?? '',
      /Digest #1 \(every day at 09:00, America\/New\\?_York\) · Ann Lee's recordings/,
    );
  });

  it('with hostile recordings (long urls and multibyte topics) every card fits its budgets and each recording is posted once', async () => {
    const sub = await subscribe(repo, clock, daily9, { roomType: 'direct' });
    for (let i = 0; i < 30; i++) {
      const id = `r-hostile-${i}`;
      recordings.add(new Date(Date.parse('2026-03-01T14:00:00Z') + i * MIN), {
        id,
        topic: '🎥会'.repeat(700),
        playbackUrl: `https://example.webex.com/play/${id}?${'p'.repeat(1500)}`,
        downloadUrl: `https://example.webex.com/download/${id}?${'d'.repeat(1500)}`,
        password: 'w'.repeat(3000),
      });
    }
    await runUntil('2026-03-02T14:01:00Z');
    assert.ok(poster.posts.length > 3, `${poster.posts.length} cards`);
    for (const p of poster.posts) {
      assert.ok(Buffer.byteLength(JSON.stringify(p.card)) <= CARD_TARGET_BYTES);
      assert.ok(Buffer.byteLength(p.markdown) <= WEBEX_MARKDOWN_MAX_BYTES);
      assert.deepEqual(validateAdaptiveCard(p.card), []);
      assert.ok(p.ids.length >= 1);
    }
    const ids = poster.postedIds();
    assert.equal(ids.length, 30, 'none twice');
    assert.equal(new Set(ids).size, 30, 'none lost');
    assert.deepEqual(await repo.postedIds(sub.id), new Set(ids));
  });

  it('retries a failed run with backoff without moving the window, tells the space once, then sends everything', async () => {
    scheduler = make({ backoffMs: (n) => n * 10 * MIN, notifyAfterFailures: 3 });
    const sub = await subscribe(repo, clock, daily9);
    const r1 = recordings.add('2026-03-01T20:00:00Z');
    const down = new WebexApiError('GET', '/recordings', 503, 'tid', 'Service Unavailable');
    recordings.failures = [down, down, down, down];
    poster.failures = [];
    await runUntil('2026-03-02T16:00:00Z', MIN);
    // 14:00 fail, 14:10 fail, 14:30 fail (+notice), 15:00 fail, 15:40 success.
    assert.equal(poster.notices.length, 1);
    assert.match(
      poster.notices[0]?.markdown ?? '',
      /couldn't send Digest #1.*Webex answered with an error \(503\), 3 times/,
    );
    assert.equal(poster.posts.length, 1);
    assert.equal(poster.posts[0]?.at.toISOString(), '2026-03-02T15:40:00.000Z');
    assert.deepEqual(poster.posts[0]?.ids, [r1.id]);
    const runs = await repo.runs(sub.id);
    assert.deepEqual(
      runs.map((r) => r.status),
      ['failed', 'failed', 'failed', 'failed', 'sent'],
    );
    assert.equal(
      runs[4]?.windowFrom.toISOString(),
      '2026-03-01T14:00:00.000Z',
      'the window never moved while failing',
    );
    const after = await repo.getSubscription(sub.id);
    assert.equal(after?.failures, 0);
    assert.equal(after?.nextRunAt.toISOString(), '2026-03-03T14:00:00.000Z');
  });

  it('when posting fails (Webex down), the card is not counted as posted and is sent once Webex is back', async () => {
    scheduler = make({ backoffMs: () => 5 * MIN });
    await subscribe(repo, clock, daily9);
    const r1 = recordings.add('2026-03-01T20:00:00Z');
    poster.failures = [new WebexApiError('POST', '/messages', 502, undefined, 'Bad Gateway')];
    await runUntil('2026-03-02T14:30:00Z', MIN);
    assert.deepEqual(poster.postedIds(), [r1.id]);
    assert.equal(poster.posts[0]?.at.toISOString(), '2026-03-02T14:05:00.000Z');
  });

  it('when a card may or may not have arrived (group space, answer lost), its recordings are recorded as posted and uncertain, and not sent again', async () => {
    // A file database, so the rows can be read as they are stored.
    const dir = mkdtempSync(join(tmpdir(), 'digest-uncertain-'));
    await store.close();
    store = openStore({ dataDir: dir });
    await store.migrate();
    repo = repositoriesOf(store).digests;
    scheduler = make();
    await subscribe(repo, clock, daily9);
    const r1 = recordings.add('2026-03-01T20:00:00Z');
    poster.outcome = 'uncertain';
    await runUntil('2026-03-02T14:05:00Z');
    poster.outcome = 'posted';
    const r2 = recordings.add('2026-03-02T20:00:00Z');
    await runUntil('2026-03-03T14:05:00Z');
    assert.deepEqual(poster.postedIds(), [r1.id, r2.id], 'r1 once, never again');
    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const rows = db
        .prepare('select recording_id, uncertain from posted_recordings order by recording_id')
        .all() as Array<{ recording_id: string; uncertain: number }>;
      assert.deepEqual(
        rows,
        [
          { recording_id: r1.id, uncertain: 1 },
          { recording_id: r2.id, uncertain: 0 },
        ].sort((a, b) => a.recording_id.localeCompare(b.recording_id)),
      );
    } finally {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      store = openStore({ dataDir: '', sqliteFile: ':memory:' }); // for afterEach
    }
  });

  it('`digest now` sends without moving the schedule, and the scheduled run does not repeat it', async () => {
    const sub = await subscribe(repo, clock, daily9);
    const r1 = recordings.add('2026-03-01T15:00:00Z');
    clock.set('2026-03-01T18:00:00Z');
    const result = await scheduler.runNow(sub.id);
    assert.equal(result.status, 'sent');
    const after = await repo.getSubscription(sub.id);
    assert.equal(after?.nextRunAt.toISOString(), sub.nextRunAt.toISOString());
    assert.equal(after?.watermark.toISOString(), sub.watermark.toISOString());
    const r2 = recordings.add('2026-03-01T19:00:00Z');
    await runUntil('2026-03-02T14:01:00Z');
    assert.deepEqual(
      poster.posts.map((p) => p.ids),
      [[r1.id], [r2.id]],
    );
    assert.deepEqual(
      (await repo.runs(sub.id)).map((r) => r.kind),
      ['manual', 'scheduled'],
    );
    await repo.stopSubscriptions([sub.id], 'x', clock.now());
    assert.equal((await scheduler.runNow(sub.id)).status, 'inactive');
  });

  it('when digests run, then /metrics counts the runs by outcome (failures too) and how late each started', async () => {
    const metrics = createMetrics({ processMetrics: false });
    scheduler = make({ metrics, backoffMs: () => 5 * MIN });
    await subscribe(repo, clock, daily9);
    recordings.add('2026-03-01T20:00:00Z');
    recordings.failures = [new WebexApiError('GET', '/recordings', 503, 'tid', 'Service Unavailable')];
    // Due at 14:00 UTC; the first tick comes 2 minutes late and fails, the retry 5 minutes later sends.
    clock.set('2026-03-02T14:02:00Z');
    await scheduler.tick();
    clock.set('2026-03-02T14:07:00Z');
    await scheduler.tick();
    const text = await metrics.registry.metrics();
    const sample = (series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.split(' ')[1],
      );
    assert.equal(sample('bot_digest_runs_total{outcome="failed"}'), 1);
    assert.equal(sample('bot_digest_runs_total{outcome="sent"}'), 1);
    assert.equal(sample('bot_digest_lag_seconds_count'), 2);
    // Lag is measured from when the run was due: the retry is due at 14:07 (backoff), so it started on time.
    assert.equal(sample('bot_digest_lag_seconds_sum'), 120);
  });
});
