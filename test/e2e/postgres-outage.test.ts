/**
 * Finding: a pg.Pool without an 'error' listener crashed every instance when Postgres closed its connections
 * (restart, failover, idle reaper). The real bot on Postgres, every backend of this test terminated again and again
 * in the middle of the run: it keeps answering, digests keep running, and /readyz says the store is fine again.
 * Only this test's own connections are killed (by application_name): other runs share the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { assertPostgresReachable, postgresBackend, terminateBackends } from '../store/backends.js';
import {
  askBot,
  botMessagesIn,
  QUICK_DIGEST_TICK_MS,
  startBot,
  startWorld,
  type RunningBot,
  type World,
} from './harness.js';

// Wed 25 Nov 2026, 08:59 in Rome.
let t = Date.parse('2026-11-25T07:59:00Z');
const now = () => new Date(t);

describe('Postgres dropping every connection in the middle of a run', () => {
  const backend = postgresBackend();
  let world: World;
  let bot: RunningBot;
  let app: string;

  before(async () => {
    await assertPostgresReachable();
    world = await startWorld();
    world.emulator.addRecording({
      hostEmail: 'ann@example.com',
      topic: 'Sync A',
      createTime: '2026-11-25T06:00:00Z',
    });
    const fresh = await backend.fresh();
    app = fresh.applicationName ?? assert.fail('the Postgres backend names its connections');
    bot = await startBot(
      world,
      { WEBEX_ADMIN_TOKEN: world.admin.token },
      { now, store: fresh.store, digestTickMs: QUICK_DIGEST_TICK_MS },
    );
  });
  after(async () => {
    await bot?.stop();
    await world?.emulator.stop();
    await backend.cleanup();
  });

  const ask = async (text: string) =>
    ((await askBot(world, world.annDm.id, world.ann.id, text)).at(-1)?.markdown ?? '').replace(
      /\\([_*~`\\])/g,
      '$1',
    );
  const readyz = async () => {
    const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('when every backend is terminated, then the bot keeps answering from the store and digests keep running', async () => {
    assert.match(await ask('timezone Europe/Rome'), /Europe\/Rome/);
    assert.match(await ask('digest daily at 9:00'), /every day at 09:00 \(Europe\/Rome\)/);

    assert.ok((await terminateBackends(app)) > 0, 'the bot had connections to kill');
    assert.match(await ask('timezone'), /\*\*Europe\/Rome\*\* \(you set it here/);

    // 09:00 in Rome: the digest falls due while its connections keep being cut.
    const cardsBefore = botMessagesIn(world, world.annDm.id).filter((m) => m.attachments?.length).length;
    t = Date.parse('2026-11-25T08:00:00Z');
    await terminateBackends(app);
    // Cut again on each of the first polls (while the run claims, lists and posts), then let it through: on a loaded
    // machine a run cut every 20 ms forever might never finish, which is not what this test is about. A run cut after
    // its claim cannot release its lease; the clock then moves on (5 s a poll) so that the lease expires and the
    // digest is taken up again, as it would be in real time.
    let cuts = 10;
    await waitFor(
      async () => {
        if (cuts-- > 0) await terminateBackends(app);
        else t += 5_000;
        return botMessagesIn(world, world.annDm.id).filter((m) => m.attachments?.length).length > cardsBefore;
      },
      'the digest card',
      20_000,
    );
    const digest = botMessagesIn(world, world.annDm.id)
      .filter((m) => m.attachments?.length)
      .at(-1);
    assert.match(JSON.stringify(digest?.attachments), /Sync A/);

    await terminateBackends(app);
    assert.match(await ask('digest list'), /#1\*\* every day at 09:00 \(Europe\/Rome\)/);
    const ready = await readyz();
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.store, { backend: 'postgres', ok: true });
    assert.equal(bot.logs.text().includes('uncaught'), false);
  });
});
