import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { askBot, cardOf, startBot, withBot } from './harness.js';

const NOW = new Date('2026-11-26T20:00:00Z');
const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one series in a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics and traceable logs', () => {
  const f = withBot({
    seed: (w) => {
      w.emulator.addRecording({
        hostEmail: 'ann@example.com',
        topic: 'Weekly sync',
        createTime: '2026-11-17T17:00:00Z',
      });
    },
    env: (w) => ({ WEBEX_ADMIN_TOKEN: w.admin.token, METRICS_TOKEN: TOKEN }),
    opts: () => ({ now: () => NOW }),
  });

  const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`http://127.0.0.1:${f.bot.port}/metrics`, { headers });

  it('when METRICS_TOKEN is set, then /metrics refuses a scrape without it or with a wrong one', async () => {
    assert.equal((await scrape({})).status, 401);
    assert.equal((await scrape({ authorization: `Bearer ${TOKEN}x` })).status, 401);
    assert.equal((await scrape({ authorization: TOKEN })).status, 401);
  });

  it('when people ask, then latency by command, Webex calls by route, cache hits and misses and 429s are counted', async () => {
    // What this test adds, whatever the other tests asked before it.
    const before = await (await scrape()).text();
    const added = (text: string, series: string) =>
      (sample(text, series) ?? 0) - (sample(before, series) ?? 0);
    await askBot(f.world, f.world.annDm.id, f.world.ann.id, 'help');
    f.world.emulator.injectFault({
      method: 'GET',
      path: '/recordings',
      status: 429,
      headers: { 'retry-after': '0' },
      count: 1,
    });
    cardOf((await askBot(f.world, f.world.annDm.id, f.world.ann.id, 'recordings last week'))[0]);
    cardOf((await askBot(f.world, f.world.annDm.id, f.world.ann.id, 'recordings last week'))[0]);

    // Counted once the client has read Webex's answer to the reply, a moment after the emulator stored it.
    await waitFor(
      async () =>
        added(await (await scrape()).text(), 'bot_reply_latency_seconds_count{command="recordings"}') === 2,
      'the second answer counted',
      5000,
    );
    const res = await scrape();
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.equal(added(text, 'bot_reply_latency_seconds_count{command="help"}'), 1);
    assert.equal(added(text, 'bot_reply_latency_seconds_count{command="recordings"}'), 2);
    assert.equal(added(text, 'bot_cache_lookups_total{cache="answers",result="miss"}'), 1);
    assert.equal(added(text, 'bot_cache_lookups_total{cache="answers",result="hit"}'), 1);
    assert.ok(added(text, 'bot_cache_lookups_total{cache="people",result="hit"}') >= 2);
    assert.equal(added(text, 'webex_requests_total{method="GET",route="/recordings",status="429"}'), 1);
    assert.equal(added(text, 'webex_requests_total{method="GET",route="/recordings",status="200"}'), 1);
    assert.equal(added(text, 'webex_rate_limited_total{method="GET",route="/recordings"}'), 1);
    assert.equal(added(text, 'webex_retries_total{method="GET",route="/recordings",reason="429"}'), 1);
    assert.ok(added(text, 'webex_requests_total{method="GET",route="/messages/:id",status="200"}') >= 3);
    assert.ok(added(text, 'webex_requests_total{method="POST",route="/messages",status="200"}') >= 3);
    assert.equal(sample(text, 'bot_notifications_delivered_total'), 0);
    assert.ok((sample(text, 'bot_framework_spaces') ?? 0) >= 1);
    assert.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 0, 'process metrics are there');
    assert.doesNotMatch(text, /Y2lzY29zcGFyazovL/u, 'no Webex ids in label values');
  });

  it('when a question is answered, then its log lines carry the event id, and Webex calls their trackingId', async () => {
    const [reply] = await askBot(f.world, f.world.annDm.id, f.world.ann.id, 'help');
    const asked = f.world.emulator
      .messagesIn(f.world.annDm.id)
      .filter((m) => m.personId === f.world.ann.id)
      .at(-1);
    assert.ok(asked && reply);
    const ofEvent = () => f.bot.logs.lines().filter((l) => l.eventId === asked.id);
    // The reply is in the emulator a moment before the client has read Webex's answer and logged it.
    await waitFor(
      () => ofEvent().some((l) => l.msg === 'Webex answered' && l.method === 'POST'),
      'the reply post logged with the event id',
      5000,
    );
    const lines = ofEvent();
    assert.ok(
      lines.some((l) => l.msg === 'command' && l.command === 'help'),
      JSON.stringify(lines),
    );
    const post = lines.find((l) => l.msg === 'Webex answered' && l.method === 'POST');
    assert.ok(post, JSON.stringify(lines));
    const reached = f.world.emulator.requests.find(
      (r) => r.method === 'POST' && r.trackingId === post.trackingId,
    );
    assert.ok(reached, 'the logged trackingId is the one Webex answered with');
  });

  it('when METRICS_TOKEN is not set, then /metrics is open', async () => {
    const open = await startBot(f.world);
    try {
      const res = await fetch(`http://127.0.0.1:${open.port}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /^# HELP /mu);
    } finally {
      await open.stop();
    }
  });
});
