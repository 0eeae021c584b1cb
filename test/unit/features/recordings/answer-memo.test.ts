import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, Reply } from '../../../../src/bot/types.js';
import { createAnswerMemo, type FinishedAnswer } from '../../../../src/features/recordings/answer-memo.js';
import { recordingsCommand, ShowMoreSigner } from '../../../../src/features/recordings/recordings-command.js';
import { routerUnderTest } from '../../../helpers/router-under-test.js';
import { CommandRegistry } from '../../../../src/core/command-registry.js';
import { createRecordingsService } from '../../../../src/features/recordings/recordings-service.js';
import { recordingsCredentials } from '../../../../src/features/sign-in/recordings-credentials.js';
import { WebexClient } from '../../../../src/webex/webex-client.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
import { cardObject } from '../../../helpers/card-object.js';

const answer = (text: string): FinishedAnswer => ({ card: { type: 'AdaptiveCard', text }, markdown: text });

describe('answer memo', () => {
  it('when the same listing and key come again, then the first answer is given without building', () => {
    const memo = createAnswerMemo();
    const list = [{ id: 'r1' }];
    let builds = 0;
    const first = memo.answer(list, 'k', () => answer(`built ${++builds}`));
    const second = memo.answer(list, 'k', () => answer(`built ${++builds}`));
    assert.equal(builds, 1);
    assert.equal(second, first);
  });

  it('when the key differs or the listing is a new one with equal content, then it is built again', () => {
    const memo = createAnswerMemo();
    const list = [{ id: 'r1' }];
    const a = memo.answer(list, 'page 0', () => answer('a'));
    const b = memo.answer(list, 'page 10', () => answer('b'));
    const c = memo.answer([{ id: 'r1' }], 'page 0', () => answer('c'));
    assert.deepEqual([a.markdown, b.markdown, c.markdown], ['a', 'b', 'c']);
  });

  it('when more is built than it may hold, then it stays within its bytes and forgets the oldest', () => {
    const maxBytes = 64 * 1024;
    const memo = createAnswerMemo(maxBytes);
    const lists = Array.from({ length: 200 }, (_, i) => [{ id: `r${i}` }]);
    for (const [i, list] of lists.entries()) memo.answer(list, 'k', () => answer('x'.repeat(500 + i)));
    assert.ok(memo.bytes <= maxBytes, `${memo.bytes} bytes held`);
    let rebuilt = false;
    const first = lists[0] ?? [];
    memo.answer(first, 'k', () => ((rebuilt = true), answer('again')));
    assert.equal(rebuilt, true);
  });
});

describe('recordings answers from the memo', () => {
  /** One recording with a password, listed by a fake Webex; counts the listings. */
  function setup() {
    let listings = 0;
    const fetchImpl = (async () => {
      listings++;
      const items = [
        {
          id: 'rec-1',
          topic: 'Weekly sync',
          createTime: '2026-11-18T10:00:00Z',
          durationSeconds: 1800,
          password: 'Secr3tPass',
          playbackUrl: 'https://example.webex.com/play/1',
          hostEmail: 'ann@example.com',
        },
      ];
      return new Response(JSON.stringify({ items }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const logger = memoryLogger().logger;
    const client = new WebexClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      token: 'bot',
      timeoutMs: 5000,
      maxRetries: 0,
      logger,
      fetch: fetchImpl,
    });
    const deps = {
      service: createRecordingsService({
        client,
        credentials: recordingsCredentials({ vault: undefined, adminToken: 'org', adminRefreshable: false }),
        logger,
        ttlMs: 60_000,
      }),
      access: {
        signInEnabled: false,
        offerSignIn: async () => undefined,
        disconnect: async () => false,
        isConnected: async () => false,
        isBotAdmin: () => false,
      },
      timeZoneFor: async () => 'UTC',
      weekStartsOn: 1 as const,
      showMore: new ShowMoreSigner('k'),
      answers: createAnswerMemo(),
    };
    const posted: Array<{ card: Record<string, unknown>; markdown: string }> = [];
    const reply: Reply = {
      say: async () => undefined,
      sendCard: async (card, markdown) => void posted.push({ card: cardObject(card), markdown }),
    };
    const route = routerUnderTest({
      registry: new CommandRegistry().add(recordingsCommand(deps)),
      now: () => new Date('2026-11-25T12:00:00Z'),
      logger,
    });
    const ask = (roomType: 'direct' | 'group') => {
      const message: ChatMessage = {
        kind: 'message',
        messageId: 'm',
        roomId: 'r',
        roomType,
        personId: 'p',
        personEmail: 'ann@example.com',
        person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann' },
        text: 'recordings last week',
      };
      return route(message, reply);
    };
    return { ask, posted, listings: () => listings };
  }

  it('when the same question is asked again, then the same card is posted from one listing', async () => {
    const { ask, posted, listings } = setup();
    await ask('direct');
    await ask('direct');
    assert.equal(listings(), 1);
    assert.equal(posted.length, 2);
    assert.deepEqual(posted[1], posted[0]);
    assert.match(JSON.stringify(posted[0]?.card), /Secr3tPass/);
  });

  it('when a cached listing is asked for in a group space, then its 1:1 card (with the password) is not reused', async () => {
    const { ask, posted, listings } = setup();
    await ask('direct');
    await ask('group');
    assert.equal(listings(), 1);
    assert.match(JSON.stringify(posted[0]), /Secr3tPass/);
    assert.doesNotMatch(JSON.stringify(posted[1]), /Secr3tPass/);
  });
});
