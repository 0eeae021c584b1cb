/**
 * Finding: when Webex answered `POST /messages` after the time-out, the client sent it again, so the same reply or
 * digest card landed twice. The real bot against the emulator, whose answers to POSTs come late (after the message
 * was created), or never: exactly one message lands in a 1:1 space, and at most one in a group space.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { repositoriesOf } from '../store/repositories.js';
import { firedTimeouts, type FiredTimeouts } from '../helpers/fired-timeouts.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  askBot,
  botMessagesIn,
  QUICK_DIGEST_TICK_MS,
  startBot,
  startWorld,
  tempDataDir,
  type RunningBot,
  type World,
} from './harness.js';

/**
 * How long the emulator holds back the answer of a POST "answered late": past the end of the run (it drops it when it
 * stops). The bot's POST time-out is fired by the test once the emulator has created the message (`timeOutPost`).
 */
const HELD_MS = 600_000;

// Wed 25 Nov 2026, 08:59 in Los Angeles.
let t = Date.parse('2026-11-25T16:59:00Z');
const now = () => new Date(t);

describe('a POST answered late (or not at all) lands once', () => {
  let world: World;
  let bot: RunningBot;
  let timeouts: FiredTimeouts;
  const dataDir = tempDataDir();

  before(async () => {
    world = await startWorld();
    world.emulator.addRecording({
      hostEmail: 'ann@example.com',
      topic: 'Sync A',
      createTime: '2026-11-25T10:00:00Z',
    });
    timeouts = firedTimeouts();
    bot = await startBot(
      world,
      { WEBEX_ADMIN_TOKEN: world.admin.token, DATA_DIR: dataDir },
      { now, webexTimeoutSignal: timeouts.timeoutSignal, digestTickMs: QUICK_DIGEST_TICK_MS },
    );
  });
  after(async () => {
    await bot.stop();
    await world.emulator.stop();
  });

  const logged = (msg: RegExp) => bot.logs.lines().filter((l) => msg.test(String(l.msg))).length;
  const metric = async (outcome: string) =>
    new RegExp(`bot_ambiguous_posts_total\\{outcome="${outcome}"\\} (\\d+)`).exec(
      await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text(),
    )?.[1] ?? '0';

  /** Times the bot's POST /messages out once `landed` holds: Webex has the message, its answer is held back. */
  async function timeOutPost(landed: () => boolean) {
    await waitFor(landed, 'the emulator to have created the message');
    await waitFor(() => timeouts.fire('POST', '/messages'), 'the POST to be in flight');
  }

  it('when Webex posts the reply but answers after the POST time-out, then the reply is not sent again (1:1)', async () => {
    const before = botMessagesIn(world, world.annDm.id).length;
    world.emulator.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    const checked = logged(/had landed despite the error/);
    const landedBefore = Number(await metric('landed'));
    await askBot(world, world.annDm.id, world.ann.id, 'help');
    await timeOutPost(() => true);
    await waitFor(
      () => logged(/had landed despite the error/) > checked,
      'the bot to check whether it landed',
      10_000,
    );
    await world.emulator.waitForDeliveries();
    assert.equal(botMessagesIn(world, world.annDm.id).length, before + 1, 'exactly one reply');
    assert.ok(
      world.emulator.requests.some(
        (r) => r.method === 'GET' && r.path === '/messages' && r.query.roomId === world.annDm.id,
      ),
      'it looked in the 1:1 space',
    );
    assert.equal(Number(await metric('landed')), landedBefore + 1);
  });

  it('when Webex answers 503 without posting, then the reply is sent again and lands once (1:1)', async () => {
    const before = botMessagesIn(world, world.bobDm.id).length;
    world.emulator.injectFault({ method: 'POST', path: '/messages', status: 503 });
    const resent = logged(/had not landed; sending it again/);
    await askBot(world, world.bobDm.id, world.bob.id, 'help');
    await waitFor(() => logged(/had not landed; sending it again/) > resent, 'the resend', 10_000);
    assert.equal(botMessagesIn(world, world.bobDm.id).length, before + 1, 'exactly one reply');
  });

  it('when the digest card’s POST is answered late in a group space, then it is posted once and counted as sent', async () => {
    assert.match(
      (await askBot(world, world.group.id, world.ann.id, 'digest daily at 9:00', true)).at(-1)?.markdown ??
        '',
      /every day at 09:00/,
    );
    const cards = () => botMessagesIn(world, world.group.id).filter((m) => m.attachments?.length);
    world.emulator.injectFault({ method: 'POST', path: '/messages', processFirst: true, delayMs: HELD_MS });
    const unverified = logged(/at most once/);
    const unverifiableBefore = Number(await metric('unverifiable'));
    t = Date.parse('2026-11-25T17:00:00Z');
    await timeOutPost(() => cards().length > 0);
    await waitFor(() => logged(/at most once/) > unverified, 'the uncertain post to be recorded', 10_000);
    const store = openStore({ dataDir });
    const digests = repositoriesOf(store).digests;
    try {
      const [sub] = await digests.listSubscriptions(world.group.id);
      assert.ok(sub);
      await waitFor(
        async () => (await digests.runs(sub.id)).some((r) => r.status === 'sent'),
        'the run to finish',
      );
      // Later ticks must not post it again.
      const after = await digests.getSubscription(sub.id);
      assert.ok(after && after.nextRunAt.getTime() > t, 'the schedule moved on');
      assert.deepEqual([...(await digests.postedIds(sub.id))].length, 1);
    } finally {
      await store.close();
    }
    assert.equal(cards().length, 1, 'one digest card');
    assert.equal(Number(await metric('unverifiable')), unverifiableBefore + 1);
  });
});
