/** Several scheduler instances on one Postgres (its own schema), with a shared controlled clock. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDigestScheduler, type TickResult } from '../../../../src/features/digests/scheduler.js';
import type { DigestPoster } from '../../../../src/features/digests/run-digest.js';
import type { Schedule } from '../../../../src/features/digests/schedule.js';
import type { DigestRepository } from '../../../../src/features/digests/digest-repository.js';
import type { Store } from '../../../../src/store/store.js';
import { repositoriesOf } from '../../../store/repositories.js';
import { assertPostgresReachable, postgresBackend } from '../../../store/backends.js';
import { Clock, Poster, Recordings, subscribe } from './fakes.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
import { waitFor } from '../../../helpers/wait-for.js';

const MIN = 60_000;
const daily9: Schedule = { cadence: 'daily', hour: 9, minute: 0, timeZone: 'America/New_York' };

describe('digest scheduler: several instances on one Postgres', () => {
  const backend = postgresBackend();
  const stores: Store[] = [];
  before(() => assertPostgresReachable());
  after(async () => {
    for (const s of stores) await s.close();
    await backend.cleanup();
  });

  async function world() {
    const fresh = await backend.fresh();
    const second = await fresh.reopen(); // a second instance: its own connection pool
    stores.push(fresh.store, second);
    const store = repositoriesOf(fresh.store).digests;
    const other = repositoriesOf(second).digests;
    const clock = new Clock(Date.parse('2026-03-01T16:00:00Z'));
    const recordings = new Recordings(clock);
    const poster = new Poster(clock);
    // Warnings and errors are kept, so that a failure says what went wrong inside an instance.
    const log = memoryLogger('warn');
    const instance = (name: string, s: DigestRepository, r = recordings, p: DigestPoster = poster) =>
      createDigestScheduler({
        repository: s,
        poster: p,
        list: r.list,
        now: clock.now,
        instanceId: name,
        leaseMs: 5 * MIN,
        overlapMs: 10 * MIN,
        logger: log.logger,
        batchSize: 15,
        concurrency: 4,
      });
    return { store, other, clock, recordings, poster, instance, logText: log.text };
  }

  it('sends each of 200 due digests exactly once when two instances tick at the same time', async () => {
    const { store, other, clock, recordings, poster, instance, logText } = await world();
    const subs = [];
    for (let i = 0; i < 200; i++) subs.push(await subscribe(store, clock, daily9, { evenIfEmpty: true }));
    const rec = recordings.add('2026-03-01T20:00:00Z');
    clock.set('2026-03-02T14:00:00Z');
    // Each instance's first post waits until the other has one in hand too: however the machine schedules the two,
    // both have claimed a batch before either finishes one, so both work under any load, without timing.
    // If a tick ends (or fails) while the other instance has not posted yet, the waiting stops at once: otherwise
    // every post of the instance left alone would wait out its time-out, batch after batch, for many minutes.
    const entered = new Set<string>();
    const postedBy = new Map<string, string[]>();
    const giveUp = new AbortController();
    const once = (name: string): DigestPoster => ({
      async postCard(roomId, card, markdown) {
        entered.add(name);
        await waitFor(
          () => entered.size === 2 || giveUp.signal.aborted,
          'both instances to be posting',
          20_000,
        );
        if (entered.size < 2) throw new Error('gave up waiting for the other instance to post');
        postedBy.set(roomId, [...(postedBy.get(roomId) ?? []), name]);
        return poster.postCard(roomId, card, markdown);
      },
      say: (roomId, markdown) => poster.say(roomId, markdown),
    });
    const a = instance('a', store, recordings, once('a'));
    const b = instance('b', other, recordings, once('b'));
    const watched = (name: string, tick: Promise<TickResult>) =>
      tick.then(
        (r) => {
          if (entered.size < 2) giveUp.abort();
          return r;
        },
        (err: unknown) => {
          giveUp.abort();
          throw new Error(`a tick of instance ${name} failed; the instances logged:\n${logText()}`, {
            cause: err,
          });
        },
      );
    // Two ticks per instance, all at once (an instance's ticks may overlap too).
    const ticks = await Promise.allSettled([
      watched('a', a.tick()),
      watched('b', b.tick()),
      watched('a', a.tick()),
      watched('b', b.tick()),
    ]);
    const [a1, b1, a2, b2] = ticks.map((t) => {
      if (t.status === 'rejected') throw t.reason;
      return t.value;
    });
    assert.ok(!giveUp.signal.aborted, `a tick ended before both instances posted; logged:\n${logText()}`);

    // Every due digest posted exactly once in total: none lost, none twice.
    assert.deepEqual([...postedBy.keys()].sort(), subs.map((s) => s.roomId).sort(), 'none lost');
    for (const [room, names] of postedBy)
      assert.equal(names.length, 1, `${room} posted by ${names.join(', ')}`);
    assert.equal(poster.posts.length, 200);
    assert.ok(poster.posts.every((p) => p.ids.length === 1 && p.ids[0] === rec.id));
    // Each instance posted exactly what its ticks claimed and ran, and both worked.
    const posted = (name: string) => [...postedBy.values()].filter(([n]) => n === name).length;
    const claimed = (...ticks: (typeof a1)[]) => ticks.reduce((n, t) => n + (t?.claimed ?? 0), 0);
    assert.ok(posted('a') > 0 && posted('b') > 0, `a posted ${posted('a')}, b ${posted('b')}`);
    assert.equal(claimed(a1, a2), posted('a'));
    assert.equal(claimed(b1, b2), posted('b'));
    const outcomes = [a1, b1, a2, b2].flatMap((t) => t?.outcomes ?? []);
    assert.equal(outcomes.length, 200);
    assert.ok(
      outcomes.every((o) => o.status === 'sent'),
      JSON.stringify(outcomes.filter((o) => o.status !== 'sent')),
    );
    // The store agrees: one run per digest, by the instance that posted it, the recording recorded as posted once
    // and the schedule moved to the next day.
    for (const sub of subs) {
      const by = postedBy.get(sub.roomId)?.[0];
      assert.deepEqual(
        (await store.runs(sub.id)).map((r) => [r.status, r.instance, r.recordings]),
        [['sent', by, 1]],
      );
      assert.deepEqual([...(await store.postedIds(sub.id))], [rec.id]);
      assert.equal(
        (await store.getSubscription(sub.id))?.nextRunAt.toISOString(),
        '2026-03-03T14:00:00.000Z',
      );
    }
    const again = await Promise.all([a.tick(), b.tick()]);
    assert.equal(claimed(...again), 0);
    assert.equal(poster.posts.length, 200, 'nothing more until the next day');
  });

  it('when an instance dies mid-run, its lease expires and another sends the digest exactly once', async () => {
    const { store, other, clock, recordings, poster, instance } = await world();
    const sub = await subscribe(store, clock, daily9);
    const r1 = recordings.add('2026-03-01T20:00:00Z');
    clock.set('2026-03-02T14:00:00Z');
    // Instance a hangs forever in the listing (killed): its tick never finishes.
    const hanging = new Recordings(clock);
    hanging.all.push(...recordings.all);
    hanging.gate = new Promise(() => undefined);
    void instance('a', store, hanging).tick();
    await waitFor(() => hanging.calls.length > 0, 'instance a to be stuck in the listing');
    const b = instance('b', other);
    assert.equal((await b.tick()).claimed, 0, 'a holds the lease');
    clock.advance(5 * MIN);
    assert.equal((await b.tick()).claimed, 1, 'the lease expired');
    assert.deepEqual(
      poster.posts.map((p) => p.ids),
      [[r1.id]],
    );
    clock.advance(10 * MIN);
    await b.tick();
    assert.equal(poster.posts.length, 1);
    assert.equal((await store.getSubscription(sub.id))?.nextRunAt.toISOString(), '2026-03-03T14:00:00.000Z');
  });

  it('when an instance dies right after Webex took its card, the next one does not post it again', async () => {
    const { store, other, clock, recordings, poster, instance } = await world();
    const sub = await subscribe(store, clock, daily9);
    const r1 = recordings.add('2026-03-01T20:00:00Z');
    clock.set('2026-03-02T14:00:00Z');
    poster.dieAfterPosting = true;
    void instance('a', store).tick();
    await waitFor(() => poster.posts.length > 0, 'instance a to have posted');
    assert.equal(poster.posts.length, 1);
    poster.dieAfterPosting = false;
    const r2 = recordings.add('2026-03-02T14:02:00Z');
    clock.advance(6 * MIN);
    await instance('b', other).tick();
    assert.deepEqual(
      poster.posts.map((p) => p.ids),
      [[r1.id], [r2.id]],
      'r1 once (by the dead instance); only what is new since then from the second',
    );
    assert.deepEqual(
      (await store.runs(sub.id)).map((r) => [r.status, r.instance]),
      [
        ['uncertain', 'b'],
        ['sent', 'b'],
      ],
    );
  });
});
