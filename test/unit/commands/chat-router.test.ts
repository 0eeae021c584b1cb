import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, Reply } from '../../../src/bot/types.js';
import { routerUnderTest } from '../../helpers/router-under-test.js';
import { helpCommand } from '../../../src/features/help/help-command.js';
import { CommandRegistry } from '../../../src/core/command-registry.js';
import { UserError } from '../../../src/errors.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { cardObject } from '../../helpers/card-object.js';

function recordingReply() {
  const said: string[] = [];
  const reply: Reply = {
    async say(md) {
      said.push(md);
    },
    async sendCard(_card, fallback) {
      said.push(`[card] ${fallback}`);
    },
  };
  return { said, reply };
}

const message = (text: string): ChatMessage => ({
  kind: 'message',
  messageId: 'm',
  roomId: 'r',
  roomType: 'direct',
  personId: 'p',
  personEmail: 'ann@example.com',
  person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann Lee', firstName: 'Ann' },
  text,
});

function router() {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry));
  registry.add({
    name: 'recordings',
    aliases: ['recs'],
    description: 'list your recordings',
    examples: ['recordings last week'],
    async handler({ args, reply }) {
      if (args === 'bad') throw new UserError('bad_input', "I can't read the date 2025-13-45");
      if (args === 'crash') throw new Error('bug');
      await reply.say(`listing ${args}`);
    },
  });
  return routerUnderTest({ registry, now: () => new Date(0), logger: memoryLogger().logger });
}

describe('chat router', () => {
  it('when a command or alias is typed in any case, then its handler gets the rest', async () => {
    const { said, reply } = recordingReply();
    await router()(message('RECS last week'), reply);
    assert.deepEqual(said, ['listing last week']);
  });

  it('when help is asked, then every command with its aliases and examples is listed', async () => {
    const { said, reply } = recordingReply();
    await router()(message('help'), reply);
    assert.match(said[0] ?? '', /\*\*recordings\*\* \(or `recs`\): list your recordings/);
    assert.match(said[0] ?? '', /`recordings last week`/);
  });

  it('when a command is mistyped, then it suggests the closest one and points to help', async () => {
    const { said, reply } = recordingReply();
    await router()(message('recordngs today'), reply);
    assert.equal(said.length, 1);
    assert.match(said[0] ?? '', /^\[card\] .*Did you mean \*\*recordings today\*\*\?/);
    assert.match(said[0] ?? '', /`help`/);
  });

  it('when the did-you-mean button is pressed, then the whole corrected phrase runs; forged data does not', async () => {
    const cards: Record<string, unknown>[] = [];
    const said: string[] = [];
    const reply: Reply = {
      async say(md) {
        said.push(md);
      },
      async sendCard(card) {
        cards.push(cardObject(card));
      },
    };
    const r = router();
    await r(message('recordngs last week'), reply);
    const button = (cards[0]?.['actions'] as { title: string; data: Record<string, unknown> }[])[0];
    assert.equal(button?.title, 'Run “recordings last week”');
    const press = (inputs: Record<string, unknown>) =>
      r(
        {
          kind: 'action',
          actionId: `a${Math.random()}`,
          messageId: 'card',
          roomId: 'r',
          roomType: 'direct',
          personId: 'p',
          personEmail: 'ann@example.com',
          person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann' },
          inputs,
        },
        reply,
      );
    await press(button?.data ?? {});
    assert.equal(said.at(-1), 'listing last week');
    for (const forged of [
      { action: 'chat.run', text: 'rm -rf everything' },
      { action: 'chat.run', text: 42 },
      { action: 'chat.run', text: `recordings ${'x'.repeat(400)}` },
      { action: 'chat.run' },
    ]) {
      await press(forged);
      assert.match(
        said.at(-1) ?? '',
        /couldn't read that button's data/,
        JSON.stringify(forged).slice(0, 60),
      );
    }
  });

  it('when someone greets, thanks, or asks in plain words, then the answer fits', async () => {
    const cases: [string, RegExp][] = [
      ['hi', /^Hi Ann! Ask me about your recordings/],
      ['Hello there!', /^Hi Ann!/],
      ['thanks', /You're welcome/],
      ['Thank you so much!', /You're welcome/],
      ['what did I record on monday?', /^listing on monday$/],
      ['show me my recordings from last week', /^listing from last week$/],
      ['find recordings about onboarding', /^listing about onboarding$/],
      ['please list my recs yesterday', /^listing yesterday$/],
    ];
    for (const [text, expected] of cases) {
      const { said, reply } = recordingReply();
      await router()(message(text), reply);
      assert.match(said[0] ?? '', expected, text);
    }
  });

  it('when the word is nothing like a command, then it still answers with a pointer to help', async () => {
    const { said, reply } = recordingReply();
    await router()(message('xyzzy'), reply);
    assert.doesNotMatch(said[0] ?? '', /Did you mean/);
    assert.match(said[0] ?? '', /I don't know the command 'xyzzy'/);
  });

  it('when a handler throws a UserError, then its message is shown; other errors get an apology', async () => {
    const a = recordingReply();
    await router()(message('recordings bad'), a.reply);
    assert.deepEqual(a.said, ["I can't read the date 2025-13-45"]);
    const b = recordingReply();
    await router()(message('recordings crash'), b.reply);
    assert.match(b.said[0] ?? '', /Sorry, something went wrong/);
  });

  it('when the message is empty (only the mention), then it greets with a pointer to help', async () => {
    const { said, reply } = recordingReply();
    await router()(message('  '), reply);
    assert.match(said[0] ?? '', /help/);
  });

  it('refuses a command word declared twice', () => {
    const registry = new CommandRegistry();
    registry.add(helpCommand(registry));
    assert.throws(() =>
      registry.add({ name: '?', description: '', examples: [], handler: async () => undefined }),
    );
  });

  it('when the same card button is pressed twice, then it is answered once; after a failed answer, again', async () => {
    const claimed = new Set<string>();
    const seen = {
      async firstTime(key: string) {
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
      async forget(key: string) {
        claimed.delete(key);
      },
    };
    let fail = false;
    let calls = 0;
    const registry = new CommandRegistry();
    const onEvent = routerUnderTest({
      registry,
      seen,
      actions: {
        more: async (_event, reply) => {
          calls++;
          if (fail) throw new Error('Webex is down');
          await reply.say('page 2');
        },
      },
      now: () => new Date(0),
      logger: memoryLogger().logger,
    });
    const press = (actionId: string, inputs: Record<string, unknown>, messageId = 'card-1') => ({
      kind: 'action' as const,
      actionId,
      messageId,
      roomId: 'r',
      roomType: 'group' as const,
      personId: 'p',
      personEmail: 'ann@example.com',
      person: { id: 'p', emails: ['ann@example.com'], displayName: 'Ann' },
      inputs,
    });
    const { said, reply } = recordingReply();
    await onEvent(press('a1', { action: 'more', offset: 10 }), reply);
    await onEvent(press('a2', { offset: 10, action: 'more' }), reply); // same data, keys in another order
    assert.deepEqual(said, ['page 2']);
    assert.equal(calls, 1);
    await onEvent(press('a3', { action: 'more', offset: 10 }, 'card-2'), reply); // another card
    assert.equal(calls, 2);

    fail = true;
    await onEvent(press('a4', { action: 'more', offset: 20 }), reply);
    fail = false;
    await onEvent(press('a5', { action: 'more', offset: 20 }), reply);
    assert.equal(calls, 4, 'the press after a failed answer is answered');
    assert.equal(said.at(-1), 'page 2');
  });
});
