import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { waitFor } from '../helpers/wait-for.js';
import { repositoriesOf } from '../store/repositories.js';
import { askBot, cardOf, startBot, startWorld, tempDataDir, type RunningBot, type World } from './harness.js';

// Thu 26 Nov 2026: "last week" is 16–22 Nov in every zone used here.
const NOW = new Date('2026-11-26T20:00:00Z');

/** The Webex calls that reached the emulator while `ask` ran, as "METHOD /path" with ids replaced by ":id". */
async function callsDuring(world: World, ask: () => Promise<unknown>): Promise<string[]> {
  world.emulator.clearLog();
  await ask();
  return world.emulator.requests.map(
    (r) => `${r.method} ${r.path.replace(/\/[A-Za-z0-9_=-]{20,}$/u, '/:id')}`,
  );
}

describe('Webex calls per message (counted at the emulator)', () => {
  let world: World;
  let bot: RunningBot;

  before(async () => {
    world = await startWorld();
    for (let i = 0; i < 3; i++) {
      world.emulator.addRecording({
        hostEmail: 'ann@example.com',
        topic: `Weekly sync ${i}`,
        createTime: `2026-11-1${7 + i}T17:00:00Z`,
      });
    }
    bot = await startBot(world, { WEBEX_ADMIN_TOKEN: world.admin.token }, { now: () => NOW });
    // Ann's first message: her space and her person are new to the bot.
    await askBot(world, world.annDm.id, world.ann.id, 'help');
  });
  after(async () => {
    await bot.stop();
    await world.emulator.stop();
  });

  it('when a known person asks for help in a known space, then 2 calls: read the message, post the reply', async () => {
    const calls = await callsDuring(world, () => askBot(world, world.annDm.id, world.ann.id, 'help'));
    assert.deepEqual(calls, ['GET /messages/:id', 'POST /messages']);
  });

  it('when a question is not cached, then 3 calls: the message, the recordings, the reply', async () => {
    const calls = await callsDuring(world, async () => {
      const [reply] = await askBot(world, world.annDm.id, world.ann.id, 'recordings last week');
      cardOf(reply);
    });
    assert.deepEqual(calls, ['GET /messages/:id', 'GET /recordings', 'POST /messages']);
  });

  it('when the same question is asked again, then the cached answer costs 2 calls', async () => {
    // Its own question (asked by no other test), so that the first asking fills the cache here.
    await askBot(world, world.annDm.id, world.ann.id, 'recordings last 10 days');
    const calls = await callsDuring(world, () =>
      askBot(world, world.annDm.id, world.ann.id, 'recordings last 10 days'),
    );
    assert.deepEqual(calls, ['GET /messages/:id', 'POST /messages']);
  });

  it('when a known person writes in a space new to the bot, then it costs at most 1 more call', async () => {
    const calls = await callsDuring(world, () => askBot(world, world.group.id, world.ann.id, 'help', true));
    assert.deepEqual(calls, ['GET /messages/:id', 'GET /rooms/:id', 'POST /messages']);
  });

  it('when a new person writes in a new 1:1 space, then only their profile and the space are looked up', async () => {
    const carl = world.emulator.addPerson({ displayName: 'Carl Yu', email: 'carl@example.com' });
    const dm = world.emulator.addRoom({ type: 'direct', memberIds: [carl.id, world.bot.id] });
    const calls = await callsDuring(world, () => askBot(world, dm.id, carl.id, 'help'));
    assert.deepEqual(calls.sort(), [
      'GET /messages/:id',
      'GET /people/:id',
      'GET /rooms/:id',
      'POST /messages',
    ]);
  });
});

describe('the framework keeps a bounded number of space objects', () => {
  it('when more spaces are met than kept, then old ones are dropped, met again at no cost, and removal still stops their digests', async () => {
    const world = await startWorld();
    const dataDir = tempDataDir();
    const bot = await startBot(
      world,
      { WEBEX_ADMIN_TOKEN: world.admin.token, DATA_DIR: dataDir },
      { maxSpaceObjects: 1 },
    );
    try {
      const [subscribed] = await askBot(world, world.group.id, world.ann.id, 'digest daily at 9:00', true);
      assert.match(subscribed?.markdown ?? '', /every day at 09:00/);
      await askBot(world, world.annDm.id, world.ann.id, 'help');
      assert.equal(bot.app.bot.spaceObjects(), 1);

      const calls = await callsDuring(world, () => askBot(world, world.group.id, world.ann.id, 'help', true));
      assert.deepEqual(calls, ['GET /messages/:id', 'POST /messages'], 'the group is met again from memory');
      assert.equal(bot.app.bot.spaceObjects(), 1);

      await askBot(world, world.annDm.id, world.ann.id, 'help'); // the group's object is dropped again
      await world.emulator.removeMember(world.group.id, world.bot.id, { actorId: world.ann.id });
      const store = openStore({ dataDir });
      try {
        await waitFor(
          async () => (await repositoriesOf(store).digests.listSubscriptions(world.group.id)).length === 0,
          'the digest to stop',
          5000,
        );
      } finally {
        await store.close();
      }
    } finally {
      await bot.stop();
      await world.emulator.stop();
    }
  });
});
