/** The Store contract: the same suite, run against SQLite (sqlite.test.ts) and Postgres (postgres.test.ts). */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LeaseLostError, type NewSubscription, type Store } from '../../src/store/store.js';
import type { Backend } from './backends.js';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LEASE = 60_000;

export function newSubscription(over: Partial<NewSubscription> = {}): NewSubscription {
  return {
    id: randomUUID(),
    roomId: 'room-1',
    roomType: 'group',
    creatorPersonId: 'person-ann',
    creatorEmail: 'ann@example.com',
    creatorName: 'Ann Lee',
    schedule: { cadence: 'daily', hour: 9, minute: 0, timeZone: 'America/New_York' },
    filters: { topic: 'sync', format: 'MP4' },
    evenIfEmpty: false,
    createdAt: T0,
    nextRunAt: at(10),
    watermark: at(-1440),
    ...over,
  };
}

const run = (status: 'sent' | 'empty' | 'failed', n = 0) => ({
  id: randomUUID(),
  kind: 'scheduled' as const,
  startedAt: at(10),
  finishedAt: at(11),
  windowFrom: at(-1440),
  windowTo: at(10),
  status,
  recordings: n,
});

export function storeContract(backend: Backend): void {
  describe(`store contract (${backend.name})`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    const opened: Store[] = [];

    before(async () => {
      ({ store, reopen } = await backend.fresh());
      opened.push(store);
    });
    after(async () => {
      for (const s of opened) await s.close().catch(() => undefined);
      await backend.cleanup();
    });

    it('runs its migrations idempotently: again, and from several instances at once', async () => {
      await store.migrate();
      await store.migrate();
      const fresh = await backend.fresh();
      opened.push(fresh.store);
      const others = await Promise.all([fresh.reopen(), fresh.reopen(), fresh.reopen()]);
      opened.push(...others);
      await Promise.all(others.map((s) => s.migrate()));
      assert.equal(store.backend, backend.name);
    });

    it('reports itself healthy when its database answers', async () => {
      assert.deepEqual(await store.health(), { ok: true });
    });

    it('claims a seen event once, across instances, until it expires; a released one can be claimed again', async () => {
      const ttl = 60 * 60_000;
      assert.equal(await store.claimEvent('messages:created:m1', T0, ttl), true);
      assert.equal(await store.claimEvent('messages:created:m1', at(1), ttl), false, 'a redelivery');
      assert.equal(await store.claimEvent('messages:created:m2', at(1), ttl), true, 'another event');
      const other = await reopen(); // another instance (or this one after a restart) on the same database
      opened.push(other);
      assert.equal(await other.claimEvent('messages:created:m1', at(2), ttl), false);

      // Racing instances: exactly one wins.
      const wins = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).claimEvent('race', at(3), ttl)),
      );
      assert.equal(wins.filter(Boolean).length, 1);

      // Expiry: an expired row no longer blocks, pruned or not.
      assert.equal(
        await store.claimEvent('messages:created:m1', at(61), ttl),
        true,
        'expired, not yet pruned',
      );
      assert.equal(await store.claimEvent('messages:created:m1', at(62), ttl), false);
      await store.releaseEvent('messages:created:m1');
      assert.equal(await store.claimEvent('messages:created:m1', at(63), ttl), true, 'released');

      // Pruning deletes exactly the expired rows.
      assert.equal(await store.pruneEvents(at(64)), 2, 'm2 and race expired');
      assert.equal(await store.pruneEvents(at(64)), 0);
      assert.equal(
        await store.claimEvent('messages:created:m1', at(64), ttl),
        false,
        'm1 (claimed at 63) is kept',
      );
      assert.equal(await store.claimEvent('race', at(64), ttl), true, 'race was pruned');
    });

    it('keeps a person’s time zone, replaces it, and forgets it on reset', async () => {
      assert.equal(await store.getTimeZone('p1'), undefined);
      await store.setTimeZone('p1', 'Europe/Berlin', T0);
      await store.setTimeZone('p1', 'Asia/Tokyo', at(1));
      assert.equal(await store.getTimeZone('p1'), 'Asia/Tokyo');
      assert.equal(await store.clearTimeZone('p1'), true);
      assert.equal(await store.clearTimeZone('p1'), false);
      assert.equal(await store.getTimeZone('p1'), undefined);
    });

    it('numbers subscriptions per space, never reusing a stopped one’s number, and round-trips every field', async () => {
      const a = await store.createSubscription(newSubscription({ roomId: 'numbers' }));
      const b = await store.createSubscription(
        newSubscription({
          roomId: 'numbers',
          roomType: 'direct',
          schedule: { cadence: 'weekly', weekday: 1, hour: 8, minute: 30, timeZone: 'Europe/Berlin' },
          filters: { serviceType: 'EventCenter', siteUrl: 'x.webex.com', integrationTag: 'tag 1' },
          evenIfEmpty: true,
        }),
      );
      const other = await store.createSubscription(newSubscription({ roomId: 'numbers-2' }));
      assert.deepEqual([a.number, b.number, other.number], [1, 2, 1]);
      assert.deepEqual(b.schedule, {
        cadence: 'weekly',
        weekday: 1,
        hour: 8,
        minute: 30,
        timeZone: 'Europe/Berlin',
      });
      assert.deepEqual(b.filters, {
        serviceType: 'EventCenter',
        siteUrl: 'x.webex.com',
        integrationTag: 'tag 1',
      });
      assert.equal(b.evenIfEmpty, true);
      assert.equal(b.roomType, 'direct');
      assert.equal(a.nextRunAt.getTime(), at(10).getTime());
      assert.equal(a.dueAt.getTime(), at(10).getTime());
      assert.equal(a.watermark.getTime(), at(-1440).getTime());
      assert.equal(a.active, true);

      assert.deepEqual(await store.stopSubscriptions([b.id], 'ann@example.com', at(1)), [b.id]);
      assert.deepEqual(
        await store.stopSubscriptions([b.id], 'ann@example.com', at(1)),
        [],
        'already stopped',
      );
      const c = await store.createSubscription(newSubscription({ roomId: 'numbers' }));
      assert.equal(c.number, 3);
      assert.deepEqual(
        (await store.listSubscriptions('numbers')).map((s) => s.number),
        [1, 3],
      );
      assert.equal((await store.getSubscriptionByNumber('numbers', 2))?.active, false);
      assert.equal(await store.getSubscriptionByNumber('numbers', 9), undefined);
    });

    it('gives concurrent creations in one space distinct numbers', async () => {
      const subs = await Promise.all(
        Array.from({ length: 8 }, () => store.createSubscription(newSubscription({ roomId: 'race' }))),
      );
      assert.deepEqual(
        subs.map((s) => s.number).sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );
    });

    it('deactivates every digest of a space the bot was removed from', async () => {
      await store.createSubscription(newSubscription({ roomId: 'gone' }));
      await store.createSubscription(newSubscription({ roomId: 'gone' }));
      assert.equal(await store.deactivateRoom('gone', at(1)), 2);
      assert.deepEqual(await store.listSubscriptions('gone'), []);
      assert.deepEqual(
        (await store.claimDue(at(10_000), 'x', LEASE, 100)).filter((c) => c.subscription.roomId === 'gone'),
        [],
      );
    });

    it('claims only active, due, unleased subscriptions, each once until the lease expires', async () => {
      const room = 'claims';
      const due = await store.createSubscription(newSubscription({ roomId: room, nextRunAt: at(100) }));
      await store.createSubscription(newSubscription({ roomId: room, nextRunAt: at(200) }));
      const stopped = await store.createSubscription(newSubscription({ roomId: room, nextRunAt: at(100) }));
      await store.stopSubscriptions([stopped.id], 'x', at(0));

      const mine = (cs: Awaited<ReturnType<Store['claimDue']>>) =>
        cs.filter((c) => c.subscription.roomId === room);
      assert.deepEqual(mine(await store.claimDue(at(99), 'a', LEASE, 1000)), []);
      const first = mine(await store.claimDue(at(100), 'a', LEASE, 1000));
      assert.deepEqual(
        first.map((c) => c.subscription.id),
        [due.id],
      );
      assert.deepEqual(mine(await store.claimDue(at(100.5), 'b', LEASE, 1000)), [], 'leased');
      assert.equal(await store.claimOne(due.id, at(100.5), 'b', LEASE), undefined, 'leased, even by id');
      // The lease expires: another instance takes over, and the first one's writes are refused.
      const second = mine(await store.claimDue(at(102), 'b', LEASE, 1000));
      assert.deepEqual(
        second.map((c) => c.subscription.id),
        [due.id],
      );
      const lost = first[0];
      assert.ok(lost);
      await assert.rejects(store.renewLease(lost, at(102), LEASE), LeaseLostError);
      await assert.rejects(store.completeRun(lost, { run: run('sent') }), LeaseLostError);
      assert.deepEqual(await store.runs(due.id), [], 'the refused completion wrote nothing');
      const taken = second[0];
      assert.ok(taken);
      await store.release(taken);
      assert.ok(await store.claimOne(due.id, at(102), 'c', LEASE), 'released: free again');
    });

    it('hands each due subscription to exactly one of several concurrent claimers', async () => {
      const room = 'concurrent';
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) {
        ids.add((await store.createSubscription(newSubscription({ roomId: room, nextRunAt: at(500) }))).id);
      }
      const claimed: string[] = [];
      await Promise.all(
        ['a', 'b', 'c', 'd'].map(async (owner) => {
          for (;;) {
            const cs = (await store.claimDue(at(500), owner, LEASE, 7)).filter(
              (c) => c.subscription.roomId === room,
            );
            if (cs.length === 0) {
              const any = await store.claimDue(at(500), owner, LEASE, 7);
              if (any.length === 0) return;
              continue;
            }
            claimed.push(...cs.map((c) => c.subscription.id));
          }
        }),
      );
      assert.equal(claimed.length, 60);
      assert.deepEqual(new Set(claimed), ids);
    });

    it('records posted ids around a post, and completes a run atomically: window, schedule, pruning, history', async () => {
      const sub = await store.createSubscription(newSubscription({ roomId: 'post', nextRunAt: at(10) }));
      const [claim] = (await store.claimDue(at(10), 'a', LEASE, 1000)).filter(
        (c) => c.subscription.id === sub.id,
      );
      assert.ok(claim);
      const recs = [
        { id: 'r-old', createTime: at(-3000).getTime() },
        { id: 'r-1', createTime: at(-10).getTime() },
      ];
      await store.beginPost(claim, { recordings: recs, at: at(10).getTime() }, at(10), LEASE);
      assert.deepEqual((await store.getSubscription(sub.id))?.pendingPost?.recordings, recs);
      assert.deepEqual(await store.postedIds(sub.id), new Set());
      await store.endPost(claim, at(10));
      assert.deepEqual(await store.postedIds(sub.id), new Set(['r-old', 'r-1']));
      assert.equal((await store.getSubscription(sub.id))?.pendingPost, undefined);

      await store.completeRun(claim, {
        advance: { watermark: at(10), nextRunAt: at(1450), prunePostedBefore: at(-1500) },
        run: run('sent', 2),
      });
      const after = await store.getSubscription(sub.id);
      assert.equal(after?.watermark.getTime(), at(10).getTime());
      assert.equal(after?.nextRunAt.getTime(), at(1450).getTime());
      assert.equal(after?.dueAt.getTime(), at(1450).getTime());
      assert.deepEqual(await store.postedIds(sub.id), new Set(['r-1']), 'pruned the old id');
      const runs = await store.runs(sub.id);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]?.status, 'sent');
      assert.equal(runs[0]?.instance, 'a');
      assert.equal(runs[0]?.recordings, 2);
      assert.ok(await store.claimOne(sub.id, at(11), 'b', LEASE), 'the lease was released');
    });

    it('counts a post whose instance died mid-way as posted (once), and says so in the history', async () => {
      const sub = await store.createSubscription(newSubscription({ roomId: 'dead', nextRunAt: at(10) }));
      const dying = await store.claimOne(sub.id, at(10), 'dying', LEASE);
      assert.ok(dying);
      await store.beginPost(
        dying,
        { recordings: [{ id: 'r-x', createTime: at(0).getTime() }], at: at(10).getTime() },
        at(10),
        LEASE,
      );
      const heir = await store.claimOne(sub.id, at(12), 'heir', LEASE);
      assert.ok(heir, 'the lease expired');
      assert.equal(heir.subscription.pendingPost?.recordings[0]?.id, 'r-x');
      assert.equal(await store.settlePendingPost(heir, at(12)), 1);
      assert.equal(await store.settlePendingPost(heir, at(12)), 0, 'only once');
      assert.deepEqual(await store.postedIds(sub.id), new Set(['r-x']));
      assert.deepEqual(
        (await store.runs(sub.id)).map((r) => r.status),
        ['uncertain'],
      );
      await assert.rejects(store.endPost(dying, at(13)), LeaseLostError);
    });

    it('keeps failure state: retry time, count, error, notice sent; a success resets it', async () => {
      const sub = await store.createSubscription(newSubscription({ roomId: 'fail', nextRunAt: at(10) }));
      let claim = await store.claimOne(sub.id, at(10), 'a', LEASE);
      assert.ok(claim);
      await store.failRun(claim, {
        retryAt: at(11),
        error: 'Webex 503',
        notified: false,
        run: run('failed'),
      });
      claim = await store.claimOne(sub.id, at(11), 'a', LEASE);
      assert.ok(claim);
      assert.equal(claim.subscription.failures, 1);
      await store.failRun(claim, { retryAt: at(13), error: 'Webex 502', notified: true, run: run('failed') });
      let s = await store.getSubscription(sub.id);
      assert.equal(s?.failures, 2);
      assert.equal(s?.lastError, 'Webex 502');
      assert.equal(s?.failureNotified, true);
      assert.equal(s?.dueAt.getTime(), at(13).getTime());
      assert.equal(s?.nextRunAt.getTime(), at(10).getTime(), 'the schedule itself did not move');
      assert.deepEqual(
        (await store.claimDue(at(12), 'a', LEASE, 1000)).filter((c) => c.subscription.id === sub.id),
        [],
      );
      const [c] = (await store.claimDue(at(13), 'a', LEASE, 1000)).filter(
        (x) => x.subscription.id === sub.id,
      );
      assert.ok(c);
      await store.completeRun(c, {
        advance: { watermark: at(13), nextRunAt: at(1450), prunePostedBefore: at(0) },
        run: run('sent'),
      });
      s = await store.getSubscription(sub.id);
      assert.equal(s?.failures, 0);
      assert.equal(s?.failureNotified, false);
      assert.equal(s?.lastError, undefined);
    });

    it('keeps encrypted user tokens: put, replace, get, delete', async () => {
      assert.equal(await store.getToken('k1'), undefined);
      await store.putToken('k1', 'cipher-1', 'ann@example.com');
      await store.putToken('k1', 'cipher-2', undefined);
      assert.deepEqual(await store.getToken('k1'), { ciphertext: 'cipher-2', email: undefined });
      assert.equal(await store.deleteToken('k1'), true);
      assert.equal(await store.deleteToken('k1'), false);
    });

    it('uses a sign-in nonce once, also when instances race, and forgets it only after it expired', async () => {
      const exp = T0.getTime() + 600_000;
      const results = await Promise.all([1, 2, 3, 4].map(() => store.useOnce('nonce-race', exp, T0)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await store.useOnce('nonce-race', exp, new Date(exp - 1)), false);
      assert.equal(
        await store.useOnce('nonce-race', exp, new Date(exp + 1)),
        true,
        'expired rows may be reused',
      );
    });

    it('keeps everything across a restart', async () => {
      const sub = await store.createSubscription(newSubscription({ roomId: 'restart' }));
      await store.setTimeZone('p-restart', 'Europe/Paris', T0);
      await store.putToken('k-restart', 'cipher', 'ann@example.com');
      const again = await reopen();
      opened.push(again);
      assert.equal((await again.listSubscriptions('restart'))[0]?.id, sub.id);
      assert.equal(await again.getTimeZone('p-restart'), 'Europe/Paris');
      assert.equal((await again.getToken('k-restart'))?.ciphertext, 'cipher');
    });
  });
}
