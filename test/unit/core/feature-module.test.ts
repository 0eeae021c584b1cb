import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reply } from '../../../src/bot/types.js';
import type { ActionHandler, CommandSpec } from '../../../src/core/command-registry.js';
import { combineModules, type FeatureModule } from '../../../src/core/feature-module.js';
import type { WebhookEnvelope } from '../../../src/webex/types.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { waitFor } from '../../helpers/wait-for.js';

const command = (name: string): CommandSpec => ({
  name,
  description: name,
  examples: [name],
  handler: async () => undefined,
});
const action: ActionHandler = async () => undefined;
const envelope = (resource: string, event: string, data: Record<string, string> = {}): WebhookEnvelope => ({
  id: 'w1',
  name: 'hook',
  resource,
  event,
  data: { id: 'd1', ...data },
});
const failures = (logs: ReturnType<typeof memoryLogger>) =>
  logs.lines().filter((l) => l.msg === 'a feature hook failed');

describe('combineModules: features as one object for the app', () => {
  it('when modules declare commands, actions and routes, then they are merged in the order of the list', () => {
    const logs = memoryLogger();
    const features = combineModules(
      [
        { name: 'a', commands: [command('one')], actions: { 'a.x': action } },
        { name: 'b' },
        { name: 'c', commands: [command('two'), command('three')], actions: { 'c.y': action } },
      ],
      logs.logger,
    );
    assert.deepEqual(
      features.commands.map((c) => c.name),
      ['one', 'two', 'three'],
    );
    assert.deepEqual(Object.keys(features.actions), ['a.x', 'c.y']);
    assert.deepEqual(features.routes, []);
  });

  it('when two modules declare the same card action, then combining them throws, naming the action', () => {
    const logs = memoryLogger();
    assert.throws(
      () =>
        combineModules(
          [
            { name: 'a', actions: { same: action } },
            { name: 'b', actions: { same: action } },
          ],
          logs.logger,
        ),
      /card action "same" is declared twice \(again by b\)/u,
    );
  });

  it('when started and stopped, then starts are called in order and stops run in reverse, one after the other', async () => {
    const logs = memoryLogger();
    const calls: string[] = [];
    const mod = (name: string): FeatureModule => ({
      name,
      async start() {
        calls.push(`start ${name}`);
      },
      async stop() {
        calls.push(`stop ${name} begins`);
        await new Promise((resolve) => setImmediate(resolve));
        calls.push(`stop ${name} ends`);
      },
    });
    const features = combineModules([mod('a'), { name: 'none' }, mod('b')], logs.logger);
    await features.start();
    await features.stop();
    assert.deepEqual(calls, [
      'start a',
      'start b',
      'stop b begins',
      'stop b ends',
      'stop a begins',
      'stop a ends',
    ]);
  });

  it('when a start, a stop or a space hook fails, then it is logged with its module and the others still run', async () => {
    const logs = memoryLogger();
    const ran: string[] = [];
    const failing: FeatureModule = {
      name: 'broken',
      start: () => Promise.reject(new Error('start failed')),
      stop: () => {
        throw new Error('stop failed');
      },
      onBotRemoved: () => Promise.reject(new Error('removal failed')),
    };
    const healthy: FeatureModule = {
      name: 'healthy',
      start: async () => void ran.push('start'),
      stop: async () => void ran.push('stop'),
      onBotRemoved: async (roomId) => void ran.push(`removed ${roomId}`),
    };
    const features = combineModules([healthy, failing], logs.logger);
    await features.start();
    await features.onBotRemoved('r1');
    await features.stop();
    assert.deepEqual(ran, ['start', 'removed r1', 'stop']);
    const logged = await waitFor(
      () => (failures(logs).length === 3 ? failures(logs) : undefined),
      '3 failures',
    );
    assert.deepEqual(
      logged.map((l) => [l.module, l.hook]),
      [
        ['broken', 'start'],
        ['broken', 'onBotRemoved'],
        ['broken', 'stop'],
      ],
    );
  });

  it('when an init fails, then the start stops there with that error and later inits do not run', async () => {
    const logs = memoryLogger();
    const ran: string[] = [];
    const features = combineModules(
      [
        { name: 'a', init: async () => void ran.push('a') },
        { name: 'b', init: () => Promise.reject(new Error('wrong key')) },
        { name: 'c', init: async () => void ran.push('c') },
      ],
      logs.logger,
    );
    await assert.rejects(features.init(), /wrong key/u);
    assert.deepEqual(ran, ['a']);
  });

  it('when a delivery comes, then the first module that takes it wins and the bot is told it was taken', () => {
    const logs = memoryLogger();
    const seen: string[] = [];
    const features = combineModules(
      [
        { name: 'watcher', onWebhook: (e) => (seen.push(`watcher ${e.resource}`), false) },
        {
          name: 'owner',
          onWebhook: (e) => (seen.push(`owner ${e.resource}`), e.resource === 'recordings'),
        },
        { name: 'late', onWebhook: (e) => (seen.push(`late ${e.resource}`), true) },
      ],
      logs.logger,
    );
    assert.equal(
      features.onWebhook(envelope('recordings', 'created'), () => false),
      true,
    );
    assert.deepEqual(seen, ['watcher recordings', 'owner recordings']);
  });

  it('when a membership is deleted, then every module hears who left and whether it was the bot', () => {
    const logs = memoryLogger();
    const left: unknown[] = [];
    const features = combineModules(
      [
        { name: 'a', onMemberLeft: (l) => void left.push(['a', l]) },
        { name: 'b', onMemberLeft: (l) => void left.push(['b', l]) },
      ],
      logs.logger,
    );
    const isBot = (personId: string) => personId === 'bot';
    const taken = features.onWebhook(
      envelope('memberships', 'deleted', { roomId: 'r1', personId: 'bot' }),
      isBot,
    );
    features.onWebhook(envelope('memberships', 'deleted', { roomId: 'r2', personId: 'ann' }), isBot);
    // A membership created, or one without a person, is not someone leaving.
    features.onWebhook(envelope('memberships', 'created', { roomId: 'r3', personId: 'ann' }), isBot);
    features.onWebhook(envelope('memberships', 'deleted', { roomId: 'r4' }), isBot);
    assert.equal(taken, false, 'the bot still gets the delivery (the framework decides its removal from it)');
    assert.deepEqual(left, [
      ['a', { roomId: 'r1', personId: 'bot', isBot: true }],
      ['b', { roomId: 'r1', personId: 'bot', isBot: true }],
      ['a', { roomId: 'r2', personId: 'ann', isBot: false }],
      ['b', { roomId: 'r2', personId: 'ann', isBot: false }],
    ]);
  });

  it('when the bot is added to a space, then each module with a greeting gets the reply to use', async () => {
    const logs = memoryLogger();
    const said: string[] = [];
    const reply: Reply = {
      say: async (markdown) => void said.push(markdown),
      sendCard: async () => 'posted',
    };
    const features = combineModules(
      [{ name: 'quiet' }, { name: 'greeter', onAddedToSpace: (_room, type, r) => r.say(`hello ${type}`) }],
      logs.logger,
    );
    await features.onAddedToSpace('r1', 'group', reply);
    assert.deepEqual(said, ['hello group']);
  });
});
