/**
 * Finding 1: the org token must never list without a host. An org-token credential can only be built from a
 * validated, non-empty email; anything else gets a clear reply and no Webex call.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordingsCredentials } from '../../../src/features/sign-in/recordings-credentials.js';
import type { ChatAction, ChatMessage, Reply } from '../../../src/bot/types.js';
import {
  recordingsCommand,
  SHOW_MORE_ACTION,
  showMoreAction,
  ShowMoreSigner,
  toPagedQuery,
} from '../../../src/features/recordings/recordings-command.js';
import { routerUnderTest } from '../../helpers/router-under-test.js';
import { CommandRegistry } from '../../../src/core/command-registry.js';
import type { RecordingsQuery } from '../../../src/parsing/recordings-query.js';
import {
  createRecordingsService,
  HostEmail,
  NoAskerEmailError,
} from '../../../src/features/recordings/recordings-service.js';
import { WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

function countingFetch() {
  const urls: string[] = [];
  const impl = (async (input: URL | string) => {
    urls.push(String(input));
    return new Response(JSON.stringify({ items: [] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { urls, impl };
}

function client(impl: typeof fetch) {
  return new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 'bot',
    timeoutMs: 1000,
    maxRetries: 0,
    logger: memoryLogger().logger,
    fetch: impl,
  });
}

const query: RecordingsQuery = {
  range: {
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-08T00:00:00Z'),
    kind: 'calendar',
    label: 'test',
    isDefault: false,
  },
  timeZone: 'UTC',
};

const EMPTY_ASKERS = ['', '   ', 'not-an-email', 'ann@', '@example.com'];

describe('org token without a host (finding 1)', () => {
  it('when the email is empty or not an email, then no HostEmail can be made', () => {
    for (const e of EMPTY_ASKERS) assert.equal(HostEmail.parse(e), undefined, e);
    assert.equal(HostEmail.parse(' Ann@Example.com ')?.value, 'Ann@Example.com');
  });

  for (const credentials of [
    recordingsCredentials({ vault: undefined, adminToken: 'org-token', adminRefreshable: false }),
  ]) {
    it('when an asker has no usable email, then listing with the org token fails before any Webex call', async () => {
      for (const email of EMPTY_ASKERS) {
        const api = countingFetch();
        const service = createRecordingsService({
          client: client(api.impl),
          credentials,
          logger: memoryLogger().logger,
          ttlMs: 0,
        });
        await assert.rejects(service.list({ personId: 'p', email }, query), NoAskerEmailError);
        assert.deepEqual(api.urls, [], email);
      }
    });
  }

  it('when someone without an email asks or presses Show more, then the reply says why and Webex is not asked', async () => {
    const api = countingFetch();
    const service = createRecordingsService({
      client: client(api.impl),
      credentials: recordingsCredentials({
        vault: undefined,
        adminToken: 'org-token',
        adminRefreshable: false,
      }),
      logger: memoryLogger().logger,
      ttlMs: 0,
    });
    const deps = {
      service,
      access: {
        signInEnabled: false,
        offerSignIn: async () => undefined,
        disconnect: async () => false,
        isBotAdmin: () => false,
      },
      timeZoneFor: async () => 'UTC',
      weekStartsOn: 1 as const,
      showMore: new ShowMoreSigner('k'),
    };
    const registry = new CommandRegistry().add(recordingsCommand(deps));
    const route = routerUnderTest({
      registry,
      actions: { [SHOW_MORE_ACTION]: showMoreAction(deps) },
      now: () => new Date('2026-11-10T00:00:00Z'),
      logger: memoryLogger().logger,
    });
    const said: string[] = [];
    const reply: Reply = {
      say: async (m) => void said.push(m),
      sendCard: async (_c, m) => void said.push(m),
    };
    const person = { id: 'p', emails: [], displayName: 'No Mail' };
    const message: ChatMessage = {
      kind: 'message',
      messageId: 'm',
      roomId: 'r',
      roomType: 'direct',
      personId: 'p',
      personEmail: '',
      person,
      text: 'recordings last week',
    };
    await route(message, reply);
    const action: ChatAction = {
      kind: 'action',
      actionId: 'a',
      messageId: 'm',
      roomId: 'r',
      roomType: 'group',
      personId: 'p',
      personEmail: '',
      person,
      inputs: deps.showMore.sign(toPagedQuery(query), 10),
    };
    await route(action, reply);
    assert.equal(said.length, 2);
    for (const s of said)
      assert.match(s, /can't tell which recordings are yours: your Webex profile has no email address/);
    assert.deepEqual(api.urls, []);
  });
});
