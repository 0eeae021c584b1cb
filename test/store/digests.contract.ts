/** The digests' repository, on one backend: numbering, claiming under leases, posting, run history. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  DuplicateDigestError,
  LeaseLostError,
  type DigestRepository,
  type NewSubscription,
} from '../../src/features/digests/digest-repository.js';
import type { Backend } from './backends.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';

export const T0 = new Date('2026-03-01T12:00:00Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const LEASE = 60_000;

let made = 0;

/** A new digest; each one's topic differs, so that several in one space are not duplicates of each other. */
export function newSubscription(over: Partial<NewSubscription> = {}): NewSubscription {
  made += 1;
  return {
    id: randomUUID(),
    roomId: 'room-1',
    roomType: 'group',
    creatorPersonId: 'person-ann',
    creatorEmail: 'ann@example.com',
    creatorName: 'Ann Lee',
    schedule: { cadence: 'daily', hour: 9, minute: 0, timeZone: 'America/New_York' },
    filters: { topic: `sync ${made}`, format: 'MP4' },
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

export function digestsContract(backend: Backend): void {
  describe(`digest repository (${backend.name})`, () => {
    const db = freshStoreFor(backend);
    let repo: DigestRepository;
    before(() => {
      repo = repositoriesOf(db.store).digests;
    });

    it('numbers subscriptions per space, never reusing a stopped one’s number, and round-trips every field', async () => {
      const a = await repo.createSubscription(newSubscription({ roomId: 'numbers' }));
      const b = await repo.createSubscription(
        newSubscription({
          roomId: 'numbers',
          roomType: 'direct',
          schedule: { cadence: 'weekly', weekday: 1, hour: 8, minute: 30, timeZone: 'Europe/Berlin' },
          filters: { serviceType: 'EventCenter', siteUrl: 'x.webex.com', integrationTag: 'tag 1' },
          evenIfEmpty: true,
        }),
      );
      const other = await repo.createSubscription(newSubscription({ roomId: 'numbers-2' }));
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

      assert.deepEqual(await repo.stopSubscriptions([b.id], 'ann@example.com', at(1)), [b.id]);
      assert.deepEqual(await repo.stopSubscriptions([b.id], 'ann@example.com', at(1)), [], 'already stopped');
      const c = await repo.createSubscription(newSubscription({ roomId: 'numbers' }));
      assert.equal(c.number, 3);
      assert.deepEqual(
        (await repo.listSubscriptions('numbers')).map((s) => s.number),
        [1, 3],
      );
      assert.equal((await repo.getSubscriptionByNumber('numbers', 2))?.active, false);
      assert.equal(await repo.getSubscriptionByNumber('numbers', 9), undefined);
    });

    it('gives concurrent creations in one space distinct numbers', async () => {
      const subs = await Promise.all(
        Array.from({ length: 8 }, () => repo.createSubscription(newSubscription({ roomId: 'race' }))),
      );
      assert.deepEqual(
        subs.map((s) => s.number).sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );
    });

    it('deactivates every digest of a space the bot was removed from', async () => {
      await repo.createSubscription(newSubscription({ roomId: 'gone' }));
      await repo.createSubscription(newSubscription({ roomId: 'gone' }));
      assert.equal(await repo.deactivateRoom('gone', at(1)), 2);
      assert.deepEqual(await repo.listSubscriptions('gone'), []);
      assert.deepEqual(
        (await repo.claimDue(at(10_000), 'x', LEASE, 100)).filter((c) => c.subscription.roomId === 'gone'),
        [],
      );
    });

    it('keeps one active digest per space, creator, schedule and filters when identical ones race', async () => {
      const schedule = {
        cadence: 'weekly' as const,
        weekday: 1,
        hour: 8,
        minute: 30,
        timeZone: 'Europe/Berlin',
      };
      // The same filters in another key order and topic case: the same digest.
      const twins = [
        newSubscription({ roomId: 'twins', schedule, filters: { topic: 'Sync', format: 'MP4' } }),
        newSubscription({ roomId: 'twins', schedule, filters: { format: 'MP4', topic: 'sync' } }),
        newSubscription({
          roomId: 'twins',
          schedule: { ...schedule },
          filters: { topic: 'SYNC', format: 'MP4' },
        }),
      ];
      const results = await Promise.allSettled(twins.map((t) => repo.createSubscription(t)));
      const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      assert.equal(made.length, 1, 'one created');
      const winner = made[0];
      assert.ok(winner);
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        assert.ok(r.reason instanceof DuplicateDigestError, String(r.reason));
        assert.equal(r.reason.existing.id, winner.id);
      }
      assert.deepEqual(
        (await repo.listSubscriptions('twins')).map((s) => s.id),
        [winner.id],
      );
      // Another schedule, another creator, or once the first is stopped: not a duplicate.
      const other = await repo.createSubscription(
        newSubscription({
          roomId: 'twins',
          schedule: { ...schedule, minute: 31 },
          filters: { topic: 'sync', format: 'MP4' },
        }),
      );
      const bob = await repo.createSubscription(
        newSubscription({
          roomId: 'twins',
          creatorPersonId: 'person-bob',
          schedule,
          filters: { topic: 'sync', format: 'MP4' },
        }),
      );
      await repo.stopSubscriptions([winner.id], 'ann@example.com', at(1));
      const again = await repo.createSubscription(
        newSubscription({ roomId: 'twins', schedule, filters: { format: 'MP4', topic: 'sync' } }),
      );
      assert.deepEqual(
        (await repo.listSubscriptions('twins')).map((s) => s.id).sort(),
        [other.id, bob.id, again.id].sort(),
      );
    });

    it('claims only active, due, unleased subscriptions, each once until the lease expires', async () => {
      const room = 'claims';
      const due = await repo.createSubscription(newSubscription({ roomId: room, nextRunAt: at(100) }));
      await repo.createSubscription(newSubscription({ roomId: room, nextRunAt: at(200) }));
      const stopped = await repo.createSubscription(newSubscription({ roomId: room, nextRunAt: at(100) }));
      await repo.stopSubscriptions([stopped.id], 'x', at(0));

      const mine = (cs: Awaited<ReturnType<DigestRepository['claimDue']>>) =>
        cs.filter((c) => c.subscription.roomId === room);
      assert.deepEqual(mine(await repo.claimDue(at(99), 'a', LEASE, 1000)), []);
      const first = mine(await repo.claimDue(at(100), 'a', LEASE, 1000));
      assert.deepEqual(
        first.map((c) => c.subscription.id),
        [due.id],
      );
      assert.deepEqual(mine(await repo.claimDue(at(100.5), 'b', LEASE, 1000)), [], 'leased');
      assert.equal(await repo.claimOne(due.id, at(100.5), 'b', LEASE), undefined, 'leased, even by id');
      // The lease expires: another instance takes over, and the first one's writes are refused.
      const second = mine(await repo.claimDue(at(102), 'b', LEASE, 1000));
      assert.deepEqual(
        second.map((c) => c.subscription.id),
        [due.id],
      );
      const lost = first[0];
      assert.ok(lost);
      await assert.rejects(repo.renewLease(lost, at(102), LEASE), LeaseLostError);
      await assert.rejects(repo.completeRun(lost, { run: run('sent') }), LeaseLostError);
      assert.deepEqual(await repo.runs(due.id), [], 'the refused completion wrote nothing');
      const taken = second[0];
      assert.ok(taken);
      await repo.release(taken);
      assert.ok(await repo.claimOne(due.id, at(102), 'c', LEASE), 'released: free again');
    });

    it('hands each due subscription to exactly one of several concurrent claimers', async () => {
      const room = 'concurrent';
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) {
        ids.add((await repo.createSubscription(newSubscription({ roomId: room, nextRunAt: at(500) }))).id);
      }
      const claimed: string[] = [];
      await Promise.all(
        ['a', 'b', 'c', 'd'].map(async (owner) => {
          for (;;) {
            const all = await repo.claimDue(at(500), owner, LEASE, 7);
            // Never more than asked for, however the claims interleave (a claim once took every due row).
            assert.ok(all.length <= 7, `one claim took ${all.length} subscriptions`);
            const cs = all.filter((c) => c.subscription.roomId === room);
            if (cs.length === 0) {
              const any = await repo.claimDue(at(500), owner, LEASE, 7);
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
      const sub = await repo.createSubscription(newSubscription({ roomId: 'post', nextRunAt: at(10) }));
      const [claim] = (await repo.claimDue(at(10), 'a', LEASE, 1000)).filter(
        (c) => c.subscription.id === sub.id,
      );
      assert.ok(claim);
      const recs = [
        { id: 'r-old', createTime: at(-3000).getTime() },
        { id: 'r-1', createTime: at(-10).getTime() },
      ];
      await repo.beginPost(claim, { recordings: recs, at: at(10).getTime() }, at(10), LEASE);
      assert.deepEqual((await repo.getSubscription(sub.id))?.pendingPost?.recordings, recs);
      assert.deepEqual(await repo.postedIds(sub.id), new Set());
      await repo.endPost(claim, at(10));
      assert.deepEqual(await repo.postedIds(sub.id), new Set(['r-old', 'r-1']));
      assert.equal((await repo.getSubscription(sub.id))?.pendingPost, undefined);

      await repo.completeRun(claim, {
        advance: { watermark: at(10), nextRunAt: at(1450), prunePostedBefore: at(-1500) },
        run: run('sent', 2),
      });
      const after = await repo.getSubscription(sub.id);
      assert.equal(after?.watermark.getTime(), at(10).getTime());
      assert.equal(after?.nextRunAt.getTime(), at(1450).getTime());
      assert.equal(after?.dueAt.getTime(), at(1450).getTime());
      assert.deepEqual(await repo.postedIds(sub.id), new Set(['r-1']), 'pruned the old id');
      const runs = await repo.runs(sub.id);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]?.status, 'sent');
      assert.equal(runs[0]?.instance, 'a');
      assert.equal(runs[0]?.recordings, 2);
      assert.ok(await repo.claimOne(sub.id, at(11), 'b', LEASE), 'the lease was released');
    });

    it('counts a post whose instance died mid-way as posted (once), and says so in the history', async () => {
      const sub = await repo.createSubscription(newSubscription({ roomId: 'dead', nextRunAt: at(10) }));
      const dying = await repo.claimOne(sub.id, at(10), 'dying', LEASE);
      assert.ok(dying);
      await repo.beginPost(
        dying,
        { recordings: [{ id: 'r-x', createTime: at(0).getTime() }], at: at(10).getTime() },
        at(10),
        LEASE,
      );
      const heir = await repo.claimOne(sub.id, at(12), 'heir', LEASE);
      assert.ok(heir, 'the lease expired');
      assert.equal(heir.subscription.pendingPost?.recordings[0]?.id, 'r-x');
      assert.equal(await repo.settlePendingPost(heir, at(12)), 1);
      assert.equal(await repo.settlePendingPost(heir, at(12)), 0, 'only once');
      assert.deepEqual(await repo.postedIds(sub.id), new Set(['r-x']));
      assert.deepEqual(
        (await repo.runs(sub.id)).map((r) => r.status),
        ['uncertain'],
      );
      await assert.rejects(repo.endPost(dying, at(13)), LeaseLostError);
    });

    it('keeps failure state: retry time, count, error, notice sent; a success resets it', async () => {
      const sub = await repo.createSubscription(newSubscription({ roomId: 'fail', nextRunAt: at(10) }));
      let claim = await repo.claimOne(sub.id, at(10), 'a', LEASE);
      assert.ok(claim);
      await repo.failRun(claim, {
        retryAt: at(11),
        error: 'Webex 503',
        notified: false,
        run: run('failed'),
      });
      claim = await repo.claimOne(sub.id, at(11), 'a', LEASE);
      assert.ok(claim);
      assert.equal(claim.subscription.failures, 1);
      await repo.failRun(claim, { retryAt: at(13), error: 'Webex 502', notified: true, run: run('failed') });
      let s = await repo.getSubscription(sub.id);
      assert.equal(s?.failures, 2);
      assert.equal(s?.lastError, 'Webex 502');
      assert.equal(s?.failureNotified, true);
      assert.equal(s?.dueAt.getTime(), at(13).getTime());
      assert.equal(s?.nextRunAt.getTime(), at(10).getTime(), 'the schedule itself did not move');
      assert.deepEqual(
        (await repo.claimDue(at(12), 'a', LEASE, 1000)).filter((c) => c.subscription.id === sub.id),
        [],
      );
      const [c] = (await repo.claimDue(at(13), 'a', LEASE, 1000)).filter((x) => x.subscription.id === sub.id);
      assert.ok(c);
      await repo.completeRun(c, {
        advance: { watermark: at(13), nextRunAt: at(1450), prunePostedBefore: at(0) },
        run: run('sent'),
      });
      s = await repo.getSubscription(sub.id);
      assert.equal(s?.failures, 0);
      assert.equal(s?.failureNotified, false);
      assert.equal(s?.lastError, undefined);
    });
  });
}
