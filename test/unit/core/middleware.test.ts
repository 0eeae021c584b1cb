import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatAction, ChatEvent, ChatMessage } from '../../../src/bot/types.js';
import {
  allowList,
  compose,
  createEventChain,
  dedupe,
  DROPPED_APOLOGY,
  emailDomainFilter,
  errorNet,
  GENERIC_FAILURE,
  ignoreSelf,
  OUTSIDER_REFUSAL,
  pressDedupe,
  resolve,
  route,
  stableJson,
  type EventContext,
  type Middleware,
  type Poster,
  type Resolution,
} from '../../../src/core/middleware.js';
import { UserError } from '../../../src/errors.js';
import type { WebhookEnvelope } from '../../../src/webex/types.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

const person = { id: 'ann', emails: ['ann@example.com'], displayName: 'Ann' };
const message: ChatMessage = {
  kind: 'message',
  messageId: 'm1',
  roomId: 'r1',
  roomType: 'direct',
  personId: 'ann',
  personEmail: 'ann@example.com',
  person,
  text: 'help',
};
const press = (inputs: Record<string, unknown>, actionId = 'a1'): ChatAction => ({
  kind: 'action',
  actionId,
  messageId: 'card-1',
  roomId: 'r1',
  roomType: 'direct',
  personId: 'ann',
  personEmail: 'ann@example.com',
  person,
  inputs,
});

function envelope(over: Partial<WebhookEnvelope> = {}, data: Record<string, unknown> = {}): WebhookEnvelope {
  return {
    id: 'w',
    name: 'bot',
    resource: 'messages',
    event: 'created',
    ...over,
    data: { id: 'm1', roomId: 'r1', personId: 'ann', ...data },
  };
}

function recordingPoster() {
  const posts: Array<{ roomId: string; text: string; card?: boolean }> = [];
  const poster: Poster = {
    say: async (roomId, text) => void posts.push({ roomId, text }),
    sendCard: async (roomId, _card, text) => {
      posts.push({ roomId, text, card: true });
      return 'posted';
    },
  };
  return { posts, poster };
}

const ctxFor = (env = envelope(), event?: ChatEvent): EventContext => ({
  envelope: env,
  log: memoryLogger('warn').logger,
  ...(event ? { event } : {}),
});

/** A step that records that the chain reached it. */
function reached(): { step: Middleware; count: () => number } {
  let n = 0;
  return {
    step: async (_ctx, next) => {
      n++;
      await next();
    },
    count: () => n,
  };
}

describe('compose', () => {
  it('when every step calls next, then they run in order; a step that does not ends the chain', async () => {
    const order: string[] = [];
    const step =
      (name: string, goOn = true): Middleware =>
      async (_ctx, next) => {
        order.push(name);
        if (goOn) await next();
        order.push(`/${name}`);
      };
    await compose([step('a'), step('b', false), step('c')])(ctxFor());
    assert.deepEqual(order, ['a', 'b', '/b', '/a']);
  });
});

describe('errorNet', () => {
  it('when a later step throws a UserError, then its own words are posted into the event’s space', async () => {
    const { posts, poster } = recordingPoster();
    const ctx = ctxFor(envelope(), message);
    await compose([
      errorNet(poster),
      async () => {
        throw new UserError('bad_input', 'I can’t read that date');
      },
    ])(ctx);
    assert.deepEqual(posts, [{ roomId: 'r1', text: 'I can’t read that date' }]);
  });

  it('when a later step has a bug, then the person gets the apology and the undo steps run', async () => {
    const { posts, poster } = recordingPoster();
    const ctx = ctxFor(envelope(), message);
    let undone = 0;
    ctx.onFailure = [async () => void undone++];
    await compose([
      errorNet(poster),
      async () => {
        throw new Error('bug');
      },
    ])(ctx);
    assert.deepEqual(posts, [{ roomId: 'r1', text: GENERIC_FAILURE }]);
    assert.equal(undone, 1);
  });

  it('when no chat event was resolved yet, then the failure is only logged (nobody asked anything)', async () => {
    const { posts, poster } = recordingPoster();
    const log = memoryLogger();
    const ctx: EventContext = { envelope: envelope({ resource: 'memberships' }), log: log.logger };
    await compose([
      errorNet(poster),
      async () => {
        throw new Error('store down');
      },
    ])(ctx);
    assert.deepEqual(posts, []);
    assert.ok(log.lines().some((l) => l['msg'] === 'handling an event failed'));
  });

  it('when the apology itself cannot be posted, then the chain still settles', async () => {
    const poster: Poster = {
      say: () => Promise.reject(new Error('Webex down')),
      sendCard: () => Promise.reject(new Error('Webex down')),
    };
    await compose([
      errorNet(poster),
      async () => {
        throw new Error('bug');
      },
    ])(ctxFor(envelope(), message));
  });
});

describe('ignoreSelf', () => {
  const isSelf = (id: string) => id === 'bot';
  it('when the bot’s own message or card press arrives, then the chain ends there', async () => {
    for (const resource of ['messages', 'attachmentActions']) {
      const after = reached();
      await compose([ignoreSelf(isSelf), after.step])(ctxFor(envelope({ resource }, { personId: 'bot' })));
      assert.equal(after.count(), 0, resource);
    }
  });
  it('when someone else writes, or the bot’s membership changes, then the chain goes on', async () => {
    const after = reached();
    await compose([ignoreSelf(isSelf), after.step])(ctxFor(envelope()));
    await compose([ignoreSelf(isSelf), after.step])(
      ctxFor(envelope({ resource: 'memberships', event: 'deleted' }, { personId: 'bot' })),
    );
    assert.equal(after.count(), 2);
  });
});

describe('dedupe', () => {
  it('when the same delivery arrives twice, then only the first goes on; another resource with the same id does too', async () => {
    const claimed = new Set<string>();
    const firstTime = async (key: string) => !claimed.has(key) && Boolean(claimed.add(key));
    const after = reached();
    const chain = compose([dedupe(firstTime), after.step]);
    await chain(ctxFor());
    await chain(ctxFor());
    await chain(ctxFor(envelope({ resource: 'attachmentActions' })));
    assert.equal(after.count(), 2);
    assert.deepEqual([...claimed].sort(), ['attachmentActions:created:m1', 'messages:created:m1']);
  });
});

describe('allowList', () => {
  const isAllowed = emailDomainFilter(['example.com']);

  it('when a message’s delivery names an outsider, then they hear the refusal and nothing else runs', async () => {
    const { posts, poster } = recordingPoster();
    const after = reached();
    const ctx = ctxFor(envelope({}, { personEmail: 'eve@evil.test' }));
    await compose([allowList(isAllowed, poster), after.step])(ctx);
    assert.deepEqual(posts, [{ roomId: 'r1', text: OUTSIDER_REFUSAL }]);
    assert.equal(after.count(), 0);
    assert.equal(ctx.label, 'outsider');
  });

  it('when the email is not known yet (a card press), then it lets the delivery through to be checked later', async () => {
    const { posts, poster } = recordingPoster();
    const after = reached();
    await compose([allowList(isAllowed, poster), after.step])(
      ctxFor(envelope({ resource: 'attachmentActions' })),
    );
    assert.equal(after.count(), 1);
    assert.deepEqual(posts, []);
  });

  it('when the resolved event’s sender is an outsider, then they are refused; an insider goes on', async () => {
    const { posts, poster } = recordingPoster();
    const after = reached();
    const chain = compose([allowList(isAllowed, poster), after.step]);
    await chain(ctxFor(envelope(), { ...message, personEmail: 'EVE@Evil.test' }));
    await chain(ctxFor(envelope(), { ...message, personEmail: 'Ann@EXAMPLE.com' }));
    assert.deepEqual(posts, [{ roomId: 'r1', text: OUTSIDER_REFUSAL }]);
    assert.equal(after.count(), 1);
  });

  it('when no domains are configured, then everyone goes on', async () => {
    const { poster } = recordingPoster();
    const after = reached();
    assert.equal(emailDomainFilter([]), undefined);
    await compose([allowList(undefined, poster), after.step])(
      ctxFor(envelope({}, { personEmail: 'eve@evil.test' })),
    );
    assert.equal(after.count(), 1);
  });
});

describe('resolve', () => {
  const resolved = (r: Resolution) => async (): Promise<Resolution> => r;

  it('when the delivery becomes a chat event, then later steps see it and their replies go to its space', async () => {
    const { posts, poster } = recordingPoster();
    const ctx = ctxFor();
    await compose([
      resolve(resolved({ kind: 'event', event: { ...message, roomId: 'r9' } }), poster),
      async (c) => {
        await c.reply?.say('hello');
        await c.reply?.sendCard({ type: 'AdaptiveCard' }, 'card text');
      },
    ])(ctx);
    assert.equal(ctx.event?.roomId, 'r9');
    assert.deepEqual(posts, [
      { roomId: 'r9', text: 'hello' },
      { roomId: 'r9', text: 'card text', card: true },
    ]);
  });

  it('when the event was lost on the way, then the person hears so; when there was nothing to answer, nobody does', async () => {
    const { posts, poster } = recordingPoster();
    const after = reached();
    await compose([resolve(resolved({ kind: 'dropped' }), poster), after.step])(ctxFor());
    await compose([resolve(resolved({ kind: 'ignored' }), poster), after.step])(ctxFor());
    assert.deepEqual(posts, [{ roomId: 'r1', text: DROPPED_APOLOGY }]);
    assert.equal(after.count(), 0);
  });
});

describe('pressDedupe', () => {
  function ledger() {
    const keys = new Set<string>();
    return {
      keys,
      firstTime: async (key: string) => !keys.has(key) && Boolean(keys.add(key)),
      forget: async (key: string) => void keys.delete(key),
    };
  }

  it('when the same button of the same card is pressed twice (any key order), then only the first goes on', async () => {
    const seen = ledger();
    const after = reached();
    const chain = compose([pressDedupe(seen), after.step]);
    await chain(ctxFor(envelope(), press({ action: 'more', page: 2 }, 'a1')));
    const second = ctxFor(envelope(), press({ page: 2, action: 'more' }, 'a2'));
    await chain(second);
    await chain(ctxFor(envelope(), press({ action: 'more', page: 3 }, 'a3')));
    assert.equal(after.count(), 2);
    assert.equal(second.label, 'action:repeat');
  });

  it('when answering the press failed, then pressing again is answered', async () => {
    const seen = ledger();
    const { poster } = recordingPoster();
    let calls = 0;
    const chain = compose([
      errorNet(poster),
      pressDedupe(seen),
      async () => {
        if (calls++ === 0) throw new Error('Webex down');
      },
    ]);
    await chain(ctxFor(envelope(), press({ action: 'more' }, 'a1')));
    await chain(ctxFor(envelope(), press({ action: 'more' }, 'a2')));
    assert.equal(calls, 2);
  });

  it('when the event is a message, then it is not a press', async () => {
    const seen = ledger();
    const after = reached();
    await compose([pressDedupe(seen), after.step])(ctxFor(envelope(), message));
    assert.equal(after.count(), 1);
    assert.equal(seen.keys.size, 0);
  });

  it('stableJson sorts keys at every depth', () => {
    assert.equal(
      stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } }),
      stableJson({ a: { c: 3, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
  });
});

describe('route', () => {
  it('when the router answers, then its label is kept; when it fails after naming itself, the label is kept too', async () => {
    const ok = ctxFor(envelope(), message);
    ok.reply = { say: async () => undefined, sendCard: async () => undefined };
    await compose([route(async () => 'help')])(ok);
    assert.equal(ok.label, 'help');
    const failing = { ...ok, label: undefined } as EventContext;
    await assert.rejects(
      compose([
        route(async (_e, _r, _l, onLabel) => {
          onLabel('recordings');
          throw new Error('bug');
        }),
      ])(failing),
    );
    assert.equal(failing.label, 'recordings');
  });
});

describe('createEventChain', () => {
  it('when a message goes through the whole chain, then each step runs once, in order, and the router answers', async () => {
    const { posts, poster } = recordingPoster();
    const calls: string[] = [];
    const chain = createEventChain({
      isSelf: (id) => id === 'bot',
      firstTime: async (key) => (calls.push(`claim ${key}`), true),
      seen: { firstTime: async () => true, forget: async () => undefined },
      isAllowedEmail: emailDomainFilter(['example.com']),
      toChatEvent: async () => (calls.push('resolve'), { kind: 'event', event: message }),
      onEvent: async (event, reply) => {
        calls.push(`route ${event.kind}`);
        await reply.say('answer');
        return 'help';
      },
      poster,
    });
    const ctx = ctxFor(envelope({}, { personEmail: 'ann@example.com' }));
    await chain(ctx);
    assert.deepEqual(calls, ['claim messages:created:m1', 'resolve', 'route message']);
    assert.deepEqual(posts, [{ roomId: 'r1', text: 'answer' }]);
    assert.equal(ctx.label, 'help');
  });
});
