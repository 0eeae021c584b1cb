import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import {
  WebexApiError,
  WebexClient,
  parseNextLink,
  parseRetryAfter,
} from '../../../src/webex/webex-client.js';
import { ResponseTooLargeError } from '../../../src/webex/node-http-fetch.js';
import { JsonText } from '../../../src/webex/json-text.js';
import { CallCancelledError } from '../../../src/webex/call-budget.js';
import { waitFor } from '../../helpers/wait-for.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

type Step = Response | Error | ((req: Request) => Response | Promise<Response>);

function scriptedFetch(steps: Step[]) {
  const calls: Array<{ url: string; method: string; headers: Headers; body: string | undefined }> = [];
  const impl = (async (input: URL | string, init?: RequestInit) => {
    const req = new Request(input, init);
    calls.push({
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const step = steps.shift();
    if (!step) throw new Error('unexpected extra request');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(req) : step;
  }) as typeof fetch;
  return { impl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function client(steps: Step[], extra: Partial<ConstructorParameters<typeof WebexClient>[0]> = {}) {
  const f = scriptedFetch(steps);
  const sleeps: number[] = [];
  const log = memoryLogger();
  const c = new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 'tok',
    timeoutMs: 1000,
    maxRetries: 3,
    logger: log.logger,
    fetch: f.impl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { c, calls: f.calls, sleeps, log };
}

describe('WebexClient', () => {
  it('when Webex answers 429 with Retry-After, then it waits that long and retries', async () => {
    const { c, calls, sleeps } = client([
      json(429, { message: 'slow down' }, { 'retry-after': '2' }),
      json(200, { id: 'p1' }),
    ]);
    const person = await c.get<{ id: string }>('/people/me');
    assert.equal(person.id, 'p1');
    assert.deepEqual(sleeps, [2000]);
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.headers.get('authorization'), 'Bearer tok');
  });

  it('when Retry-After is longer than the bound, then it gives up with the 429 instead of hanging', async () => {
    const { c, sleeps } = client([json(429, { message: 'x' }, { 'retry-after': '3600' })]);
    await assert.rejects(c.get('/people/me'), (e: unknown) => e instanceof WebexApiError && e.status === 429);
    assert.deepEqual(sleeps, []);
  });

  it('when 5xx and connection errors repeat, then it backs off exponentially and finally throws with the trackingId', async () => {
    const { c, sleeps, calls, log } = client([
      json(503, { message: 'busy' }),
      new TypeError('fetch failed'),
      json(500, { message: 'boom' }),
      json(502, { message: 'bad gateway', trackingId: 'T-1' }, { trackingid: 'T-1' }),
    ]);
    await assert.rejects(c.get('/rooms/r1'), (e: unknown) => {
      assert.ok(e instanceof WebexApiError);
      assert.equal(e.status, 502);
      assert.equal(e.trackingId, 'T-1');
      return true;
    });
    assert.equal(calls.length, 4);
    assert.deepEqual(sleeps, [188, 375, 750]); // 250·2^n with jitter fixed at 0.5 → 3/4 of the cap
    const failure = log.lines().find((l) => l.msg === 'Webex call failed');
    assert.equal(failure?.trackingId, 'T-1');
  });

  it('when the request times out, then it is retried and reported as a time-out', async () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const { c } = client([timeout, timeout], { maxRetries: 1 });
    await assert.rejects(
      c.get('/messages/m1'),
      (e: unknown) => e instanceof WebexApiError && e.code === 'webex_timeout',
    );
  });

  it('when Webex never answers, then the attempt ends at its own time-out, and a cancel ends it at once', async () => {
    const signals: AbortSignal[] = [];
    const neverAnswers = ((_input: URL | string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        if (!signal) return reject(new Error('no signal given'));
        signals.push(signal);
        signal.addEventListener('abort', () => reject(signal.reason as Error));
      })) as typeof fetch;
    const c = new WebexClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      token: 'tok',
      timeoutMs: 20,
      maxRetries: 0,
      logger: memoryLogger().logger,
      fetch: neverAnswers,
    });
    await assert.rejects(
      c.get('/people/me'),
      (e: unknown) =>
        e instanceof WebexApiError && e.code === 'webex_timeout' && /within 20 ms/u.test(e.message),
    );
    const cancel = new AbortController();
    // A long time-out: its timer is cleared when the cancelled attempt ends (else the test file would wait for it).
    const cancelled = c.request('GET', '/people/me', { signal: cancel.signal, timeoutMs: 600_000 });
    await waitFor(() => signals.length === 2, 'the second attempt to reach Webex');
    cancel.abort();
    await assert.rejects(cancelled, CallCancelledError);
    assert.equal(signals[1]?.aborted, true);
  });

  it('when many calls share one cancel signal (shutdown), then each leaves it as it found it', async () => {
    const shutdown = new AbortController().signal;
    const { c } = client(Array.from({ length: 20 }, () => json(200, { id: 'p1' })));
    await Promise.all(Array.from({ length: 20 }, () => c.request('GET', '/people/me', { signal: shutdown })));
    assert.equal(getEventListeners(shutdown, 'abort').length, 0);
  });

  it('when an answer is longer than the transport keeps, then a GET fails at once: asking again gets the same', async () => {
    const tooLong = () => new ResponseTooLargeError(200, new Headers({ trackingid: 'T-big' }), 1024);
    const { c, calls, sleeps } = client([tooLong(), tooLong(), json(200, { id: 'p1' })]);
    await assert.rejects(c.get('/recordings'), (e: unknown) => {
      assert.ok(e instanceof WebexApiError);
      assert.equal(e.status, 200);
      assert.equal(e.trackingId, 'T-big');
      assert.equal(e.ambiguous, false);
      assert.match(e.message, /answer longer than 1024 bytes/);
      return true;
    });
    assert.equal(calls.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('when Webex refuses (403), then it does not retry', async () => {
    const { c, calls } = client([json(403, { message: 'forbidden' })]);
    await assert.rejects(c.get('/recordings'), (e: unknown) => e instanceof WebexApiError && e.isRefusal);
    assert.equal(calls.length, 1);
  });

  it('when only the new id is wanted, then it is read from the answer (not an id inside its card), and a kept card is sent as its bytes', async () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', id: 'card-block', text: 'Grüße' }] };
    const echoed = { attachments: [{ content: card }], roomId: 'r1', id: 'm1' };
    const { c, calls } = client([
      async (req) => {
        assert.deepEqual(await req.json(), { roomId: 'r1', attachments: [{ content: card }] });
        return json(200, echoed);
      },
      json(200, { roomId: 'r1', noId: true }),
      new Response('<html>proxy page</html>', { status: 200 }),
    ]);
    const kept = new JsonText(JSON.stringify({ roomId: 'r1', attachments: [{ content: card }] }));
    assert.equal(await c.postForId('/messages', kept), 'm1');
    assert.equal(calls[0]?.headers.get('content-type'), 'application/json');
    // Without a string id the answer is read in full as usual: no id; a 2xx that is not JSON is an error, and since
    // Webex may have acted on it, an ambiguous one (the messenger looks for the message before sending it again).
    assert.equal(await c.postForId('/messages', { roomId: 'r1' }), undefined);
    await assert.rejects(
      c.postForId('/messages', { roomId: 'r1' }),
      (e: unknown) => e instanceof WebexApiError && /not JSON/u.test(e.message) && e.ambiguous,
    );
    assert.equal(calls.length, 3, 'not sent again by the client');
  });

  describe('POST: Webex has no idempotency key, so a POST is repeated only when Webex certainly did not act', () => {
    const refused = () =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    const reset = () =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
    const timeout = () => Object.assign(new Error('timed out'), { name: 'TimeoutError' });

    it('when the answer is 429 or the connection was refused, then it is sent again', async () => {
      const { c, calls } = client([
        json(429, { message: 'slow down' }, { 'retry-after': '1' }),
        refused(),
        json(200, { id: 'm1' }),
      ]);
      assert.deepEqual(await c.post('/messages', { roomId: 'r', text: 'hi' }), { id: 'm1' });
      assert.equal(calls.length, 3);
    });

    for (const [label, step] of [
      ['a time-out', timeout],
      ['a reset', reset],
      ['a 502', () => json(502, { message: 'bad gateway' })],
      ['a 503', () => json(503, { message: 'busy' })],
    ] as const) {
      it(`when ${label} leaves it unknown whether Webex acted, then it is not sent again and the error says so`, async () => {
        const { c, calls } = client([step(), json(200, { id: 'twice' })]);
        await assert.rejects(c.post('/messages', { roomId: 'r', text: 'hi' }), (e: unknown) => {
          assert.ok(e instanceof WebexApiError);
          assert.equal(e.ambiguous, true);
          return true;
        });
        assert.equal(calls.length, 1);
      });
    }

    it('when the answer is longer than the transport keeps, then it is ambiguous and not sent again', async () => {
      const tooLong = new ResponseTooLargeError(200, new Headers({ trackingid: 'T-big' }), 1024);
      const { c, calls } = client([tooLong, json(200, { id: 'twice' })]);
      await assert.rejects(c.post('/messages', { roomId: 'r', text: 'hi' }), (e: unknown) => {
        assert.ok(e instanceof WebexApiError);
        assert.equal(e.ambiguous, true);
        assert.equal(e.trackingId, 'T-big');
        return true;
      });
      assert.equal(calls.length, 1);
    });

    it('when Webex rejects the POST (400), then it is not ambiguous: Webex did not act', async () => {
      const { c } = client([json(400, { message: 'bad' })]);
      await assert.rejects(
        c.post('/messages', { roomId: 'r', text: 'hi' }),
        (e: unknown) => e instanceof WebexApiError && e.ambiguous === false,
      );
    });

    it('uses the POST time-out for POSTs and the normal one for everything else', async () => {
      const slow = (ms: number) => (req: Request) =>
        new Promise<Response>((resolve, reject) => {
          const t = setTimeout(() => resolve(json(200, { id: 'late' })), ms);
          req.signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(req.signal.reason as Error);
          });
        });
      const posting = client([slow(300)], { timeoutMs: 100, postTimeoutMs: 5000 });
      assert.deepEqual(await posting.c.post('/messages', { text: 'x' }), { id: 'late' });
      const getting = client([slow(300)], { timeoutMs: 100, postTimeoutMs: 5000, maxRetries: 0 });
      await assert.rejects(
        getting.c.get('/people/me'),
        (e: unknown) => e instanceof WebexApiError && e.code === 'webex_timeout',
      );
    });
  });

  it('when a list has Link rel="next", then paginate follows it as given', async () => {
    const { c, calls } = client([
      json(200, { items: [1, 2] }, { link: '<http://127.0.0.1:9/v1/things?cursor=abc&max=2>; rel="next"' }),
      json(200, { items: [3] }),
    ]);
    assert.deepEqual(await c.listAll<number>('/things', { max: 2 }), [1, 2, 3]);
    assert.equal(calls[1]?.url, 'http://127.0.0.1:9/v1/things?cursor=abc&max=2');
  });
});

describe('header parsing', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(
      parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z')),
      10_000,
    );
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
  it('finds rel="next" among several links', () => {
    assert.equal(parseNextLink('<https://a/1>; rel="prev", <https://a/3>; rel="next"'), 'https://a/3');
    assert.equal(parseNextLink('<https://a/1>; rel="prev"'), undefined);
  });
});
