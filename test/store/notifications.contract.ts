import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  DuplicateNotificationError,
  KyselyNotificationRepository,
  type NewNotification,
} from '../../src/features/notifications/notification-repository.js';
import type { Backend } from './backends.js';
import { freshStoreFor, repositoriesOf } from './repositories.js';

const at = new Date('2026-11-25T10:00:00Z');
const base = (over: Partial<NewNotification> = {}): NewNotification => ({
  id: `n-${Math.random().toString(36).slice(2)}`,
  roomId: 'room-1',
  roomType: 'direct',
  creatorPersonId: 'ann',
  creatorEmail: 'Ann@Example.com',
  creatorName: 'Ann',
  timeZone: 'Asia/Tokyo',
  filters: { topic: 'sync' },
  source: 'org',
  createdAt: at,
  ...over,
});

/** The notifications repository on one backend: numbering, stopping once, and the two "once" ledgers. */
export function notificationsContract(backend: Backend): void {
  describe(`notification repository (${backend.name})`, () => {
    const db = freshStoreFor(backend);
    let repo: KyselyNotificationRepository;
    before(() => {
      repo = repositoriesOf(db.store).notifications;
    });

    it('numbers per space, never reuses a number, and finds by host email (any case) or person id', async () => {
      const a = await repo.create(base());
      const b = await repo.create(base({ filters: {} }));
      const other = await repo.create(base({ roomId: 'room-2' }));
      assert.deepEqual([a.number, b.number, other.number], [1, 2, 1]);
      assert.deepEqual(await repo.stop([b.id], 'ann', at), [b.id]);
      assert.deepEqual(await repo.stop([b.id], 'ann', at), [], 'stopped once');
      const c = await repo.create(base({ filters: { format: 'MP4' } }));
      assert.equal(c.number, 3);
      assert.deepEqual(
        (await repo.listActive('room-1')).map((n) => n.number),
        [1, 3],
      );
      assert.equal((await repo.getByNumber('room-1', 2))?.active, false);
      assert.equal((await repo.activeForHost('ann@example.com', undefined)).length, 3);
      assert.equal((await repo.activeForHost(undefined, 'ann')).length, 3);
      assert.equal((await repo.activeForHost('bob@example.com', 'bob')).length, 0);
      assert.deepEqual((await repo.getByNumber('room-1', 1))?.filters, { topic: 'sync' });
    });

    it('numbers concurrent creations in one space distinctly', async () => {
      // Someone else's: the numbering test counts Ann's notifications, whichever tests ran before it. Each with
      // other filters: the same ones would be one notification.
      const racer = { creatorPersonId: 'racer', creatorEmail: 'racer@example.com' };
      const made = await Promise.all(
        [1, 2, 3, 4].map((i) =>
          repo.create(base({ roomId: 'race', ...racer, filters: { topic: `race ${i}` } })),
        ),
      );
      assert.deepEqual(made.map((n) => n.number).sort(), [1, 2, 3, 4]);
    });

    it('keeps one active notification per space, creator and filters when identical ones race', async () => {
      // The same filters in another key order and topic case: the same notification.
      // Not Ann's: another test counts hers.
      const twin = { creatorPersonId: 'twin', creatorEmail: 'twin@example.com' };
      const twins = [
        base({ roomId: 'twins', ...twin, filters: { topic: 'Sync', format: 'MP4' } }),
        base({ roomId: 'twins', ...twin, filters: { format: 'MP4', topic: 'sync' } }),
        base({ roomId: 'twins', ...twin, filters: { topic: 'SYNC', format: 'MP4' } }),
      ];
      const results = await Promise.allSettled(twins.map((t) => repo.create(t)));
      const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      assert.equal(made.length, 1, 'one created');
      const winner = made[0];
      assert.ok(winner);
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        assert.ok(r.reason instanceof DuplicateNotificationError, String(r.reason));
        assert.equal(r.reason.existing.id, winner.id);
        assert.equal(r.reason.existing.number, winner.number);
      }
      assert.deepEqual(
        (await repo.listActive('twins')).map((n) => n.id),
        [winner.id],
      );
      // Someone else, or other filters, in the same space: not the same notification.
      const bob = await repo.create(
        base({
          roomId: 'twins',
          creatorPersonId: 'twin-bob',
          creatorEmail: 'twin-bob@example.com',
          filters: { topic: 'sync', format: 'MP4' },
        }),
      );
      const other = await repo.create(base({ roomId: 'twins', ...twin, filters: { topic: 'sync' } }));
      assert.equal((await repo.listActive('twins')).length, 3);
      // Once stopped, the same can be asked for again (the key covers active ones only).
      await repo.stop([winner.id], 'twin', at);
      const again = await repo.create(
        base({ roomId: 'twins', ...twin, filters: { format: 'MP4', topic: 'sync' } }),
      );
      assert.deepEqual(
        (await repo.listActive('twins')).map((n) => n.id).sort(),
        [bob.id, other.id, again.id].sort(),
      );
    });

    it('claims a post once, and a released claim can be taken again', async () => {
      const claims = await Promise.all([1, 2, 3].map(() => repo.claimPost('n1', 'r1', at)));
      assert.deepEqual(claims.filter(Boolean).length, 1);
      await repo.releasePost('n1', 'r1');
      assert.equal(await repo.claimPost('n1', 'r1', at), true);
    });

    it('keeps one personal webhook per person', async () => {
      await repo.savePersonalWebhook('ann', 'w1', at);
      await repo.savePersonalWebhook('ann', 'w2', at);
      assert.equal(await repo.personalWebhook('ann'), 'w2');
      assert.equal(await repo.ownerOfWebhook('w2'), 'ann');
      assert.equal(await repo.ownerOfWebhook('w1'), undefined);
      await repo.deletePersonalWebhook('ann');
      assert.equal(await repo.personalWebhook('ann'), undefined);
    });
  });
}
