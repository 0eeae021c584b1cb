/**
 * Finding 2: "Show more" data comes back from the client and can be forged. It is signed (HMAC), validated with the
 * parser's own limits, every question has a hard budget of Webex calls, and listing is cancelled on shutdown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordingsCredentials } from '../../../src/features/sign-in/recordings-credentials.js';
import type { ChatAction, Reply } from '../../../src/bot/types.js';
import {
  recordingsCommand,
  SHOW_MORE_ACTION,
  showMoreAction,
  ShowMoreSigner,
  toPagedQuery,
  type RecordingsDeps,
} from '../../../src/features/recordings/recordings-command.js';
import { routerUnderTest } from '../../helpers/router-under-test.js';
import { CommandRegistry } from '../../../src/core/command-registry.js';
import { MAX_RANGE_DAYS } from '../../../src/parsing/parse-recordings-query.js';
import type { RecordingsQuery } from '../../../src/parsing/recordings-query.js';
import { CallBudgetExceededError, CallCancelledError } from '../../../src/webex/call-budget.js';
import {
  createRecordingsService,
  LIST_CALL_BUDGET,
} from '../../../src/features/recordings/recordings-service.js';
import { waitFor } from '../../helpers/wait-for.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

/** A Webex that answers every list call with one recording, and (optionally) a next page forever. */
function endlessApi(opts: { endless?: boolean; delayMs?: number } = {}) {
  const urls: string[] = [];
  const impl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    urls.push(url.href);
    if (opts.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, opts.delayMs);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'));
        });
      });
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.endless) headers.link = `<${url.origin}${url.pathname}?page=${urls.length}>; rel="next"`;
    return new Response(
      JSON.stringify({ items: [{ id: `r${urls.length}`, createTime: '2026-11-02T10:00:00Z', topic: 't' }] }),
      { status: 200, headers },
    );
  }) as typeof fetch;
  return { urls, impl };
}

function deps(api: ReturnType<typeof endlessApi>, signal?: AbortSignal): RecordingsDeps {
  const logger = memoryLogger().logger;
  const client = new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 'bot',
    timeoutMs: 5000,
    maxRetries: 0,
    logger,
    fetch: api.impl,
    maxPages: 10_000,
  });
  return {
    service: createRecordingsService({
      client,
      credentials: recordingsCredentials({ vault: undefined, adminToken: 'org', adminRefreshable: false }),
      logger,
      ttlMs: 0,
      ...(signal ? { signal } : {}),
    }),
    access: {
      signInEnabled: false,
      offerSignIn: async () => undefined,
      isBotAdmin: () => false,
    },
    timeZoneFor: async () => 'UTC',
    weekStartsOn: 1,
    showMore: new ShowMoreSigner('test-signing-key'),
  };
}

const query = (from: string, to: string): RecordingsQuery => ({
  range: { from: new Date(from), to: new Date(to), kind: 'calendar', label: 'test', isDefault: false },
  timeZone: 'UTC',
});

function harness(d: RecordingsDeps) {
  const said: string[] = [];
  const reply: Reply = { say: async (m) => void said.push(m), sendCard: async (_c, m) => void said.push(m) };
  const route = routerUnderTest({
    registry: new CommandRegistry().add(recordingsCommand(d)),
    actions: { [SHOW_MORE_ACTION]: showMoreAction(d) },
    now: () => new Date('2026-11-25T12:00:00Z'),
    logger: memoryLogger().logger,
  });
  const press = (inputs: Record<string, unknown>) => {
    const action: ChatAction = {
      kind: 'action',
      actionId: 'a',
      messageId: 'm',
      roomId: 'r',
      roomType: 'direct',
      personId: 'p',
      personEmail: 'ann@example.com',
      person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann' },
      inputs,
    };
    return route(action, reply);
  };
  return { said, press };
}

describe('forged Show more (finding 2)', () => {
  it('when the data is unsigned or tampered with, then nothing is listed and the person is told', async () => {
    const api = endlessApi();
    const d = deps(api);
    const { said, press } = harness(d);
    const q = toPagedQuery(query('1000-01-01T00:00:00Z', '9999-12-31T00:00:00Z'));
    await press({ action: SHOW_MORE_ACTION, q, offset: 10 });
    const legit = d.showMore.sign(toPagedQuery(query('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z')), 10);
    await press({ ...legit, offset: 20 });
    await press({ ...legit, q: { ...legit.q, to: '2026-11-09T00:00:00.000Z' } });
    assert.deepEqual(api.urls, []);
    assert.equal(said.length, 3);
    for (const s of said) assert.match(s, /couldn't read that button/);
  });

  it('when signed data asks for a span longer than the parser accepts or an impossible offset, then it is refused', async () => {
    const api = endlessApi();
    const d = deps(api);
    const { said, press } = harness(d);
    const long = new Date(
      Date.parse('2026-11-01T00:00:00Z') - (MAX_RANGE_DAYS + 2) * 86_400_000,
    ).toISOString();
    await press(d.showMore.sign(toPagedQuery(query(long, '2026-11-01T00:00:00Z')), 10));
    await press(d.showMore.sign(toPagedQuery(query('2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z')), 10));
    await press(
      d.showMore.sign(toPagedQuery(query('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z')), 1_000_000),
    );
    assert.deepEqual(api.urls, []);
    assert.equal(said.length, 3);
  });

  it('when a signed, valid button is pressed, then the next page is listed', async () => {
    const api = endlessApi();
    const d = deps(api);
    const { said, press } = harness(d);
    await press(d.showMore.sign(toPagedQuery(query('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z')), 0));
    assert.equal(api.urls.length, 1);
    assert.equal(said.length, 1);
  });

  it('when the parser is given a range longer than its limit, then it refuses it too', async () => {
    const api = endlessApi();
    const { said } = harness(deps(api));
    const d = deps(api);
    const h = harness(d);
    const registry = new CommandRegistry().add(recordingsCommand(d));
    const route = routerUnderTest({
      registry,
      now: () => new Date('2026-11-25T12:00:00Z'),
      logger: memoryLogger().logger,
    });
    const out: string[] = [];
    await route(
      {
        kind: 'message',
        messageId: 'm',
        roomId: 'r',
        roomType: 'direct',
        personId: 'p',
        personEmail: 'ann@example.com',
        person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann' },
        text: 'recordings from 1990-01-01 to 2026-11-01',
      },
      { say: async (m) => void out.push(m), sendCard: async (_c, m) => void out.push(m) },
    );
    assert.match(out[0] ?? '', /too long|at most/);
    assert.deepEqual(api.urls, []);
    assert.equal(said.length + h.said.length, 0);
  });
});

describe('per-question Webex call budget (finding 2)', () => {
  it('when a list pages forever, then one question makes at most the budget of calls', async () => {
    const api = endlessApi({ endless: true });
    const d = deps(api);
    await assert.rejects(
      d.service.list(
        { personId: 'p', email: 'ann@example.com' },
        query('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'),
      ),
      CallBudgetExceededError,
    );
    assert.equal(api.urls.length, LIST_CALL_BUDGET);
  });

  it('when a range needs more 30-day windows than the budget, then it is refused before any call, with a clear reply', async () => {
    const api = endlessApi();
    const d = deps(api);
    const { said, press } = harness(d);
    await press(d.showMore.sign(toPagedQuery(query('2020-01-01T00:00:00Z', '2026-11-01T00:00:00Z')), 0));
    assert.deepEqual(api.urls, []);
    assert.match(said[0] ?? '', /shorter period/);
  });
});

describe('shutdown cancels listing (finding 2)', () => {
  it('when the bot stops during a long listing, then no further Webex call is made and the question ends', async () => {
    const api = endlessApi({ endless: true, delayMs: 30 });
    const stop = new AbortController();
    const d = deps(api, stop.signal);
    const listing = d.service.list(
      { personId: 'p', email: 'ann@example.com' },
      query('2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z'),
    );
    await waitFor(() => api.urls.length >= 2, 'the listing to be under way');
    stop.abort();
    await assert.rejects(listing, CallCancelledError);
    // The listing has settled: nothing is left that could make another call.
    assert.ok(api.urls.length <= 3, String(api.urls.length));
  });
});
