import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import {
  actionsOf,
  askBot,
  botMessagesIn,
  cardOf,
  startBot,
  startWorld,
  type RunningBot,
  type World,
} from './harness.js';

describe('conversation: plain words, small talk and a did-you-mean that runs', () => {
  let world: World;
  let bot: RunningBot;

  before(async () => {
    world = await startWorld();
    world.emulator.addRecording({
      hostEmail: 'ann@example.com',
      topic: 'Onboarding walkthrough',
      createTime: '2026-11-23T17:00:00Z', // Monday 09:00 in Los Angeles
    });
    world.emulator.addRecording({
      hostEmail: 'ann@example.com',
      topic: 'Onboarding kickoff',
      createTime: '2026-11-17T17:00:00Z', // last week
    });
    bot = await startBot(
      world,
      { WEBEX_ADMIN_TOKEN: world.admin.token },
      { now: () => new Date('2026-11-25T20:00:00Z') },
    );
  });
  after(async () => {
    await bot?.stop();
    await world?.emulator.stop();
  });

  const say = async (text: string) => (await askBot(world, world.annDm.id, world.ann.id, text)).at(-1);

  it('answers hi and thanks kindly', async () => {
    assert.match((await say('hi'))?.markdown ?? '', /^Hi Ann! Ask me about your recordings/);
    assert.match((await say('thanks!'))?.markdown ?? '', /You're welcome/);
  });

  it('understands questions in plain words', async () => {
    for (const [text, topic] of [
      ['what did I record on monday?', /Onboarding walkthrough/],
      ['show me my recordings from last week', /Onboarding kickoff/],
      ['find recordings about onboarding', /Onboarding walkthrough/],
    ] as const) {
      const reply = await say(text);
      assert.match(JSON.stringify(cardOf(reply)), topic, text);
    }
  });

  it('offers the whole corrected phrase with a button that runs it', async () => {
    const reply = await say('recrodings last week');
    assert.match(reply?.markdown ?? '', /Did you mean \*\*recordings last week\*\*\?/);
    const button = actionsOf(reply).find((a) => a.type === 'Action.Submit');
    assert.equal(button?.title, 'Run “recordings last week”');
    assert.ok(reply && button?.data);
    const before = botMessagesIn(world, world.annDm.id).length;
    await world.emulator.userSubmits(world.ann.id, reply.id, button.data);
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the answer', 8000);
    assert.match(JSON.stringify(cardOf(botMessagesIn(world, world.annDm.id).at(-1))), /Onboarding kickoff/);
  });
});
