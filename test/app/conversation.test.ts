import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actionsOf, cardOf, startApp, startWorld, type AppUnderTest, type World } from './harness.js';

describe('conversation: plain words, small talk and a did-you-mean that runs', () => {
  let world: World;
  let app: AppUnderTest;

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
    app = await startApp(
      world,
      { WEBEX_ADMIN_TOKEN: world.admin.token },
      { now: () => new Date('2026-11-25T20:00:00Z') },
    );
  });
  after(async () => {
    await app?.stop();
    await world?.emulator.stop();
  });

  const say = async (text: string) => {
    const answer = await app.say(world.ann.id, world.annDm.id, text);
    assert.equal(answer.length, 1, `one answer to "${text}"`);
    return answer[0];
  };

  it('when someone says hi or thanks, then the bot answers kindly, by name', async () => {
    assert.match((await say('hi'))?.markdown ?? '', /^Hi Ann! Ask me about your recordings/);
    assert.match((await say('thanks!'))?.markdown ?? '', /You're welcome/);
  });

  it('when a question comes in plain words, then it is understood', async () => {
    for (const [text, topic] of [
      ['what did I record on monday?', /Onboarding walkthrough/],
      ['show me my recordings from last week', /Onboarding kickoff/],
      ['find recordings about onboarding', /Onboarding walkthrough/],
    ] as const) {
      assert.match(JSON.stringify(cardOf(await say(text))), topic, text);
    }
  });

  it('when a command is mistyped, then the whole corrected phrase is offered with a button that runs it', async () => {
    const reply = await say('recrodings last week');
    assert.match(reply?.markdown ?? '', /Did you mean \*\*recordings last week\*\*\?/);
    const button = actionsOf(reply).find((a) => a.type === 'Action.Submit');
    assert.equal(button?.title, 'Run “recordings last week”');
    assert.ok(reply && button?.data);
    const answer = await app.press(world.ann.id, reply, button.data);
    assert.equal(answer.length, 1);
    assert.match(JSON.stringify(cardOf(answer[0])), /Onboarding kickoff/);
  });

  it('when the same button is pressed again, then it is not answered twice; the bot’s own messages are never answered', async () => {
    const reply = await say('recrodings last week');
    const data = actionsOf(reply).find((a) => a.type === 'Action.Submit')?.data;
    assert.ok(reply && data);
    assert.equal((await app.press(world.ann.id, reply, data)).length, 1);
    assert.deepEqual(await app.press(world.ann.id, reply, data), [], 'the same question, already answered');
    const posted = world.emulator.requests.length;
    await app.receive({
      id: 'w',
      name: world.emulator.webhooksOf(world.bot.id)[0]?.name ?? '',
      resource: 'messages',
      event: 'created',
      data: { id: reply.id, roomId: reply.roomId, personId: world.bot.id },
    });
    assert.equal(world.emulator.requests.length, posted, 'no Webex call for the bot’s own message');
  });
});
