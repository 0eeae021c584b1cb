import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordingsQuery } from '../../../../src/parsing/recordings-query.js';
import { recordingsCredentials } from '../../../../src/features/sign-in/recordings-credentials.js';
import { createRecordingsService } from '../../../../src/features/recordings/recordings-service.js';
import type { ListedRecording } from '../../../../src/features/recordings/listed-recording.js';
import { WebexClient } from '../../../../src/webex/webex-client.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';

interface Call {
  url: URL;
  headers: Headers;
}

/** A fake Webex that serves recordings from a list, paging 2 at a time with Link rel="next". */
function fakeRecordingsApi(recordings: Array<{ id: string; createTime: string }>, delayMs = 0) {
  const calls: Call[] = [];
  const impl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, headers: new Headers(init?.headers) });
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const to = Date.parse(url.searchParams.get('to') ?? '');
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const inRange = recordings
      .filter((r) => Date.parse(r.createTime) >= from && Date.parse(r.createTime) < to)
      .sort((a, b) => Date.parse(b.createTime) - Date.parse(a.createTime));
    const page = inRange.slice(offset, offset + 2);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (offset + 2 < inRange.length) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + 2));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return new Response(JSON.stringify({ items: page }), { status: 200, headers });
  }) as typeof fetch;
  return { impl, calls };
}

/** A fake Webex whose every GET /recordings answers one page of exactly these items (however hostile). */
function fixedPageApi(items: unknown[]) {
  const calls: Call[] = [];
  const impl = (async (input: URL | string, init?: RequestInit) => {
    calls.push({ url: new URL(String(input)), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify({ items }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { impl, calls };
}

function service(
  api: { impl: typeof fetch },
  ttlMs = 60_000,
  monotonicNow?: () => number,
  maxCacheBytes?: number,
) {
  const logger = memoryLogger().logger;
  const client = new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 'bot',
    timeoutMs: 1000,
    maxRetries: 0,
    logger,
    fetch: api.impl,
  });
  return createRecordingsService({
    client,
    credentials: recordingsCredentials({ vault: undefined, adminToken: 'admin', adminRefreshable: false }),
    logger,
    ttlMs,
    monotonicNow,
    maxCacheBytes,
  });
}

const query = (from: string, to: string, extra: Partial<RecordingsQuery> = {}): RecordingsQuery => ({
  range: { from: new Date(from), to: new Date(to), kind: 'calendar', label: 'test', isDefault: false },
  timeZone: 'Asia/Kolkata',
  ...extra,
});
const ann = { personId: 'p-ann', email: 'Ann@Example.com' };

describe('recordings service', () => {
  const recs = Array.from({ length: 9 }, (_, i) => ({
    id: `r${i}`,
    // one every 10 days from 1 Aug: spans several 30-day windows
    createTime: new Date(Date.parse('2026-08-01T00:00:00Z') + i * 10 * 86_400_000).toISOString(),
  }));

  it('when the range is longer than 30 days, then it asks window by window and merges newest first', async () => {
    const api = fakeRecordingsApi(recs);
    const got = await service(api).list(ann, query('2026-08-01T00:00:00Z', '2026-10-31T00:00:00Z'));
    assert.deepEqual(
      got.map((r) => r.id),
      ['r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0'],
    );
    const windows = api.calls
      .filter((c) => !c.url.searchParams.has('offset'))
      .map((c) => [
        Date.parse(c.url.searchParams.get('from') ?? ''),
        Date.parse(c.url.searchParams.get('to') ?? ''),
      ]);
    assert.ok(windows.length >= 4);
    for (const [from = 0, to = 0] of windows) assert.ok(to - from <= 30 * 86_400_000);
    // contiguous, covering the whole range
    const sorted = [...windows].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    assert.equal(sorted[0]?.[0], Date.parse('2026-08-01T00:00:00Z'));
    assert.equal(sorted.at(-1)?.[1], Date.parse('2026-10-31T00:00:00Z'));
    for (let i = 1; i < sorted.length; i++) assert.equal(sorted[i]?.[0], sorted[i - 1]?.[1]);
  });

  it('follows Link rel="next", re-sending the timezone header, with hostEmail, max=100 and the admin token', async () => {
    const api = fakeRecordingsApi(recs);
    const got = await service(api).list(
      ann,
      query('2026-08-01T00:00:00Z', '2026-08-30T00:00:00Z', { topic: 'x' }),
    );
    assert.equal(got.length, 3);
    assert.equal(api.calls.length, 2);
    for (const c of api.calls) {
      assert.equal(c.headers.get('timezone'), 'Asia/Kolkata');
      assert.equal(c.headers.get('authorization'), 'Bearer admin');
      assert.equal(c.url.searchParams.get('hostEmail'), 'Ann@Example.com');
      assert.equal(c.url.searchParams.get('max'), '100');
      assert.equal(c.url.searchParams.get('topic'), 'x');
    }
  });

  it('when the same question is asked twice at once, then one request serves both', async () => {
    const api = fakeRecordingsApi(recs, 50);
    const s = service(api);
    const q = query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z');
    const [a, b] = await Promise.all([s.list(ann, q), s.list({ ...ann, email: 'ann@example.com' }, q)]);
    assert.deepEqual(a, b);
    assert.equal(api.calls.length, 1);
  });

  it('keeps answers apart per asker and filter, and refetches after the TTL', async () => {
    const api = fakeRecordingsApi(recs);
    let t = 1_000_000;
    const s = service(api, 30, () => t);
    const q = query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z');
    await s.list(ann, q);
    await s.list({ personId: 'p-bob', email: 'bob@example.com' }, q);
    await s.list(ann, { ...q, format: 'MP4' });
    assert.equal(api.calls.length, 3);
    await s.list(ann, q);
    assert.equal(api.calls.length, 3, 'cached');
    t += 29;
    await s.list(ann, q);
    assert.equal(api.calls.length, 3, 'still cached just before the TTL');
    t += 2;
    await s.list(ann, q);
    assert.equal(api.calls.length, 4, 'expired');
  });

  it('stops early and trims when max is given', async () => {
    const api = fakeRecordingsApi(recs);
    const got = await service(api).list(
      ann,
      query('2026-08-01T00:00:00Z', '2026-10-31T00:00:00Z', { max: 2 }),
    );
    assert.deepEqual(
      got.map((r) => r.id),
      ['r8', 'r7'],
    );
  });

  it('when no credential can list recordings, then it says so without calling Webex', async () => {
    const api = fakeRecordingsApi(recs);
    const logger = memoryLogger().logger;
    const client = new WebexClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      token: 'bot',
      timeoutMs: 100,
      maxRetries: 0,
      logger,
      fetch: api.impl,
    });
    const s = createRecordingsService({
      client,
      credentials: recordingsCredentials({
        vault: undefined,
        adminToken: undefined,
        adminRefreshable: false,
      }),
      logger,
      ttlMs: 1000,
    });
    await assert.rejects(s.list(ann, query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z')), /no credential/);
    assert.equal(api.calls.length, 0);
  });

  it('keeps only the fields answers use, each of its documented type, and drops items without an id', async () => {
    const kept = {
      id: 'r-full',
      topic: 'Design review',
      createTime: '2026-08-02T10:00:00Z',
      timeRecorded: '2026-08-02T09:58:00Z',
      durationSeconds: 600,
      sizeBytes: 1000,
      format: 'MP4',
      playbackUrl: 'https://example.webex.com/play',
      downloadUrl: 'https://example.webex.com/get',
      password: 'pw',
      serviceType: 'MeetingCenter',
      status: 'available',
      shareToMe: true,
      hostEmail: 'ann@example.com',
    };
    const api = fixedPageApi([
      {
        ...kept,
        meetingId: 'm'.repeat(50),
        meetingSeriesId: 's'.repeat(32),
        siteUrl: 'example.webex.com',
        integrationTags: ['x'],
        extra: { nested: 'kept nowhere' },
      },
      {
        id: 'r-hostile',
        topic: { text: 'not a string' },
        createTime: 42,
        durationSeconds: '600',
        shareToMe: 'yes',
      },
      { topic: 'no id' },
      { id: 7 },
      null,
      'a string',
    ]);
    const got = await service(api).list(ann, query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z'));
    assert.deepEqual(
      got.map((r) => r.id),
      ['r-full', 'r-hostile'],
      'unreadable times last',
    );
    const [full, hostile] = got;
    assert.deepEqual(
      { ...full },
      {
        ...kept,
        createdAt: Date.parse(kept.createTime),
        bytes: (full as ListedRecording | undefined)?.bytes,
      },
    );
    // Counted as kept: the strings as UTF-16 (the dropped meeting ids not among them) plus the object.
    const keptStrings = Object.values({ ...full }).filter((v) => typeof v === 'string');
    const keptChars = keptStrings.reduce((n, v) => n + String(v).length, 0);
    assert.ok((full as ListedRecording).bytes >= 2 * keptChars);
    assert.ok((full as ListedRecording).bytes < 2 * keptChars + 1000);
    assert.equal(hostile?.topic, '');
    assert.equal(hostile?.createTime, '');
    assert.equal(hostile?.durationSeconds, undefined);
    assert.equal(hostile?.shareToMe, false);
  });

  it('counts what a listing holds against the byte budget: one larger than the whole budget is not kept', async () => {
    const small = fixedPageApi([{ id: 'r1', topic: 'x'.repeat(100), createTime: '2026-08-02T10:00:00Z' }]);
    const big = fixedPageApi([{ id: 'r1', topic: 'x'.repeat(20_000), createTime: '2026-08-02T10:00:00Z' }]);
    const q = query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z');
    for (const [api, calls] of [
      [small, 1],
      [big, 2],
    ] as const) {
      const s = service(api, 60_000, undefined, 20_000);
      await s.list(ann, q);
      await s.list(ann, q);
      assert.equal(api.calls.length, calls);
    }
  });

  it('with a byte budget of 0 keeps nothing: every call lists (digests)', async () => {
    const api = fakeRecordingsApi(recs);
    const s = service(api, 60_000, undefined, 0);
    const q = query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z');
    assert.deepEqual(
      (await s.list(ann, q)).map((r) => r.id),
      ['r0'],
    );
    await s.list(ann, q);
    assert.equal(api.calls.length, 2);
  });

  it('with a time-to-live of 0 (CACHE_TTL_SECONDS=0) keeps nothing, even when the clock stands still', async () => {
    const api = fakeRecordingsApi(recs);
    const s = service(api, 0, () => 5_000);
    const q = query('2026-08-01T00:00:00Z', '2026-08-05T00:00:00Z');
    const first = await s.list(ann, q);
    const second = await s.list(ann, q);
    assert.equal(api.calls.length, 2);
    assert.notEqual(first, second, 'a new listing each time: no finished card can be reused for it');
  });
});
