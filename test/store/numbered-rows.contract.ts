import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { NotificationTables } from '../../src/features/notifications/notification-repository.js';
import { insertNumbered, isUniqueViolation, NUMBER_RETRIES } from '../../src/store/numbered-rows.js';
import type { Backend } from './backends.js';
import { freshStoreFor } from './repositories.js';

type Row = NotificationTables['notify_subscriptions'];
const row = (id: string, number: number, over: Partial<Row> = {}): Row => ({
  id,
  room_id: 'numbered',
  room_type: 'group',
  number,
  creator_person_id: 'ann',
  creator_email: 'ann@example.com',
  creator_name: 'Ann',
  time_zone: 'UTC',
  filters: '{}',
  // No key: these rows are about numbers only (null keys never collide).
  filters_key: null,
  source: 'org',
  active: 1,
  created_at: 0,
  stopped_at: null,
  stopped_by: null,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected a failure');
}

/** The numbered-insert helper on one backend, told apart by the backend's own errors (any numbered table will do). */
export function numberedRowsContract(backend: Backend): void {
  describe(`numbered rows (${backend.name})`, () => {
    const opened = freshStoreFor(backend);
    let db: Kysely<NotificationTables>;
    before(() => {
      db = opened.store.kysely.withTables<NotificationTables>() as unknown as Kysely<NotificationTables>;
    });

    it('knows the backend’s unique-key violation from its other errors', async () => {
      await db.insertInto('notify_subscriptions').values(row('dup', 1)).execute();
      const duplicate = await failure(db.insertInto('notify_subscriptions').values(row('dup', 2)).execute());
      assert.equal(isUniqueViolation(duplicate), true);
      const sameNumber = await failure(
        db.insertInto('notify_subscriptions').values(row('other', 1)).execute(),
      );
      assert.equal(isUniqueViolation(sameNumber), true);
      const notNull = await failure(
        db
          .insertInto('notify_subscriptions')
          .values(row('nn', 3, { creator_name: null as unknown as string }))
          .execute(),
      );
      assert.equal(isUniqueViolation(notNull), false);
      assert.equal(isUniqueViolation(undefined), false);
    });

    it('numbers max + 1 and does not retry an error that is not a lost race', async () => {
      const built: number[] = [];
      const made = await insertNumbered(db, 'notify_subscriptions', 'numbered', (n) => {
        built.push(n);
        return row('next', n);
      });
      assert.equal(made.number, 2);
      const err = await failure(
        insertNumbered(db, 'notify_subscriptions', 'numbered', (n) => {
          built.push(n);
          return row('bad', n, { creator_name: null as unknown as string });
        }),
      );
      assert.equal(isUniqueViolation(err), false);
      assert.deepEqual(built, [2, 3]);
    });

    it('tries again on a unique-key violation, a bounded number of times', async () => {
      let tries = 0;
      // The id is taken, so every try is refused: the loop must give up with the backend's error.
      const err = await failure(
        insertNumbered(db, 'notify_subscriptions', 'numbered', (n) => {
          tries++;
          return row('dup', n);
        }),
      );
      assert.equal(isUniqueViolation(err), true);
      assert.equal(tries, NUMBER_RETRIES + 1);
    });
  });
}
