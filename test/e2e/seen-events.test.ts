/**
 * Finding: the seen-event ledger lived in one process's memory, so an event Webex delivered again reached an
 * instance (or a restarted one) that did not know it and was answered twice. Now it is in the store, with a TTL.
 * - two instances on one Postgres database, each with its own webhooks: Webex delivers every event to both, and
 *   each event is answered once;
 * - one instance on SQLite, restarted: a redelivery of an event answered before the restart gets no answer;
 * - "Show more" pressed twice on the same card posts the next page once.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { signWebexBody } from '../../src/server/verify-signature.js';
import { waitFor } from '../helpers/wait-for.js';
import { assertPostgresReachable, postgresBackend } from '../store/backends.js';
import {
  actionsOf,
  askBot,
  botMessagesIn,
  cardOf,
  startBot,
  startWorld,
  tempDataDir,
  WEBHOOK_SECRET,
  type RunningBot,
  type World,
} from './harness.js';

const env = (extra: Record<string, string> = {}) => ({ WEBEX_ADMIN_TOKEN: world.admin.token, ...extra });
let world: World;

describe('one answer per event, fleet-wide and across restarts', () => {
  // Each test has its own world and bots: the webhooks of one test's bots are not in another's way.
  const running: RunningBot[] = [];

  beforeEach(async () => {
    world = await startWorld();
    for (let i = 0; i < 14; i++) {
      world.emulator.addRecording({
        hostEmail: 'ann@example.com',
        topic: `Weekly ${i}`,
        createTime: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      });
    }
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.stop().catch(() => undefined);
    await world.emulator.stop();
  });

  it('when two instances on one Postgres database both get every event, then each is answered once', async () => {
    await assertPostgresReachable();
    const backend = postgresBackend();
    const shared = await backend.fresh();
    const botA = await startBot(world, env(), { store: shared.store });
    const botB = await startBot(world, env(), { store: await shared.reopen() }); // the same schema
    running.push(botA, botB);
    try {
      const hooks = world.emulator.webhooksOf(world.bot.id).filter((h) => h.resource === 'messages');
      assert.equal(new Set(hooks.map((h) => h.targetUrl)).size, 2, 'both instances receive every message');

      const before = botMessagesIn(world, world.annDm.id).length;
      for (const text of ['help', 'timezone', 'hlep']) {
        await world.emulator.userSays(world.ann.id, world.annDm.id, text);
      }
      await waitFor(() => botMessagesIn(world, world.annDm.id).length >= before + 3, 'three answers', 10_000);
      // Every message reached both instances: one answered, the other recognised it as seen.
      const ignored = () =>
        [botA, botB]
          .flatMap((b) => b.logs.lines())
          .filter((l) => l.msg === 'duplicate webhook delivery ignored').length;
      await waitFor(() => ignored() >= 3, 'the other instance to skip each message', 10_000);
      assert.equal(botMessagesIn(world, world.annDm.id).length, before + 3, 'exactly one answer per message');
    } finally {
      await botA.stop();
      await botB.stop();
      running.length = 0;
      await backend.cleanup();
    }
  });

  it('when Webex redelivers an event after a restart, then it gets no second answer', async () => {
    const dataDir = tempDataDir();
    let bot = await startBot(world, env({ DATA_DIR: dataDir }));
    running.push(bot);
    world.emulator.clearLog();
    await askBot(world, world.bobDm.id, world.bob.id, 'help');
    const delivery = world.emulator.deliveries.find(
      (d) => d.body.resource === 'messages' && d.targetUrl === bot.webhookUrl,
    );
    assert.ok(delivery);
    await bot.stop();
    running.length = 0;

    bot = await startBot(world, env({ DATA_DIR: dataDir }));
    running.push(bot);
    const before = botMessagesIn(world, world.bobDm.id).length;
    // The same delivery, signed, sent to the restarted instance's URL (its port is new).
    const res = await fetch(bot.webhookUrl, {
      method: 'POST',
      body: delivery.rawBody,
      headers: {
        'content-type': 'application/json',
        'x-spark-signature': signWebexBody(delivery.rawBody, WEBHOOK_SECRET),
      },
    });
    assert.equal(res.status, 200);
    await waitFor(
      () => bot.logs.lines().some((l) => l.msg === 'duplicate webhook delivery ignored'),
      'the redelivery to be recognised',
    );
    // A fresh question still gets its answer, and only that one arrives.
    await askBot(world, world.bobDm.id, world.bob.id, 'timezone');
    assert.equal(botMessagesIn(world, world.bobDm.id).length, before + 1);
  });

  it('when "Show more" is pressed twice on the same card, then the next page is posted once', async () => {
    const bot = await startBot(world, env());
    running.push(bot);
    const [reply] = await askBot(world, world.annDm.id, world.ann.id, 'recordings last 7 days', false);
    const more = actionsOf(cardOf(reply)).find((a) => a.title === 'Show more');
    assert.ok(reply && more?.data, 'the first page has a Show more button');
    const before = botMessagesIn(world, world.annDm.id).length;
    await world.emulator.userSubmits(world.ann.id, reply.id, more.data);
    await world.emulator.userSubmits(world.ann.id, reply.id, more.data);
    await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'the next page', 8000);
    await waitFor(
      () => bot.logs.lines().some((l) => l.msg === 'card button pressed again; already answered'),
      'the second press to be recognised',
    );
    assert.equal(botMessagesIn(world, world.annDm.id).length, before + 1, 'one next page');
    assert.match(JSON.stringify(cardOf(botMessagesIn(world, world.annDm.id).at(-1))), /Weekly 1[0-3]/);
  });
});
