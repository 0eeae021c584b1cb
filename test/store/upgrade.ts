/**
 * The upgrade path: a database created by the first release (migration 0001 only) and filled with the rows that
 * release wrote, migrated to the latest version, must keep every row and work through today's repositories.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/schema.js';
import type { Backend } from './backends.js';
import { repositoriesOf } from './repositories.js';
import { DuplicateDigestError } from '../../src/features/digests/digest-repository.js';
import {
  DuplicateNotificationError,
  type NotificationTables,
} from '../../src/features/notifications/notification-repository.js';

/** A notification row as release 0006 wrote it (before its unique key). */
type Release6Row = Omit<NotificationTables['notify_subscriptions'], 'filters_key'>;

const T = Date.parse('2026-03-01T12:00:00Z');
const min = (n: number) => T + n * 60_000;

/** What release 1 wrote: rows as they were then, columns of 0001 only. */
async function fillAtVersion1(db: Kysely<Database>) {
  await db
    .insertInto('person_settings')
    .values([
      { person_id: 'p-ann', time_zone: 'America/Los_Angeles', updated_at: min(-600) },
      { person_id: 'p-bob', time_zone: 'America/Argentina/Buenos_Aires', updated_at: min(-300) },
    ])
    .execute();
  const base = {
    creator_person_id: 'p-ann',
    creator_email: 'ann@example.com',
    creator_name: 'Ann “Annie” Lée',
    created_at: min(-10_000),
    stopped_at: null,
    stopped_by: null,
    last_error: null,
    lease_owner: null,
    lease_token: null,
    lease_until: null,
    pending_post: null,
  };
  await db
    .insertInto('subscriptions')
    .values([
      {
        ...base,
        id: 'sub-daily',
        room_id: 'room-group',
        room_type: 'group',
        number: 1,
        cadence: 'daily',
        weekday: null,
        hour: 9,
        minute: 0,
        time_zone: 'Europe/Rome',
        filters: JSON.stringify({ topic: 'réunion “weekly”', format: 'MP4' }),
        even_if_empty: 0,
        active: 1,
        next_run_at: min(-5),
        due_at: min(-5),
        watermark: min(-1445),
        failures: 2,
        last_error: "Webex isn't answering",
        failure_notified: 0,
        // A run of release 1 died while posting this card.
        lease_owner: 'old-instance',
        lease_token: 'old-token',
        lease_until: min(-1),
        pending_post: JSON.stringify({ recordings: [{ id: 'rec-3', createTime: min(-60) }], at: min(-6) }),
      },
      {
        ...base,
        id: 'sub-stopped',
        room_id: 'room-group',
        room_type: 'group',
        number: 2,
        cadence: 'weekdays',
        weekday: null,
        hour: 8,
        minute: 30,
        time_zone: 'Asia/Kolkata',
        filters: '{}',
        even_if_empty: 1,
        active: 0,
        stopped_at: min(-100),
        stopped_by: 'bob@example.com',
        next_run_at: min(500),
        due_at: min(500),
        watermark: min(-900),
        failures: 0,
        failure_notified: 0,
      },
      {
        ...base,
        id: 'sub-weekly',
        room_id: 'room-direct',
        room_type: 'direct',
        number: 1,
        cadence: 'weekly',
        weekday: 1,
        hour: 7,
        minute: 15,
        time_zone: 'America/New_York',
        filters: JSON.stringify({ serviceType: 'EventCenter', integrationTag: 'tag 1' }),
        even_if_empty: 0,
        active: 1,
        next_run_at: min(2000),
        due_at: min(2000),
        watermark: min(-8000),
        failures: 0,
        failure_notified: 0,
      },
    ])
    .execute();
  await db
    .insertInto('room_counters')
    .values([
      { room_id: 'room-group', last_number: 2 },
      { room_id: 'room-direct', last_number: 1 },
    ])
    .execute();
  await db
    .insertInto('posted_recordings')
    .values([
      {
        subscription_id: 'sub-daily',
        recording_id: 'rec-1',
        create_time: min(-1500),
        posted_at: min(-1440),
        uncertain: 0,
      },
      {
        subscription_id: 'sub-daily',
        recording_id: 'rec-2',
        create_time: min(-1480),
        posted_at: min(-1440),
        uncertain: 1,
      },
      {
        subscription_id: 'sub-weekly',
        recording_id: 'rec-9',
        create_time: min(-9000),
        posted_at: min(-8000),
        uncertain: 0,
      },
    ])
    .execute();
  await db
    .insertInto('digest_runs')
    .values([
      {
        id: 'run-1',
        subscription_id: 'sub-daily',
        kind: 'scheduled',
        instance: 'old-instance',
        started_at: min(-1440),
        finished_at: min(-1439),
        window_from: min(-2880),
        window_to: min(-1440),
        status: 'sent',
        recordings: 2,
        error: null,
      },
      {
        id: 'run-2',
        subscription_id: 'sub-daily',
        kind: 'scheduled',
        instance: 'old-instance',
        started_at: min(-20),
        finished_at: min(-19),
        window_from: min(-1445),
        window_to: min(-20),
        status: 'failed',
        recordings: 0,
        error: "Webex isn't answering",
      },
    ])
    .execute();
}

export function upgradeContract(backend: Backend): void {
  describe(`upgrade from the first release's database (${backend.name})`, () => {
    after(() => backend.cleanup());

    it('migrates a filled version-1 database to the latest and keeps every row working', async () => {
      const options = backend.empty();
      const old = openStore(options);
      try {
        await migrate(old.kysely, { backend: old.backend, schema: options.pgSchema, to: '0001-initial' });
        await fillAtVersion1(old.kysely);
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          old.kysely,
        );
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          ['0001-initial'],
        );
      } finally {
        await old.close();
      }

      const store = openStore(options);
      try {
        await store.migrate();
        const { digests, timeZones, tokens, nonces, seenEvents } = repositoriesOf(store);
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          store.kysely,
        );
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          Object.keys(MIGRATIONS).sort(),
        );

        // Release 1's rows, read through today's code.
        assert.equal(await timeZones.getTimeZone('p-ann'), 'America/Los_Angeles');
        assert.equal(await timeZones.getTimeZone('p-bob'), 'America/Argentina/Buenos_Aires');
        const daily = await digests.getSubscription('sub-daily');
        assert.deepEqual(daily, {
          id: 'sub-daily',
          roomId: 'room-group',
          roomType: 'group',
          number: 1,
          creatorPersonId: 'p-ann',
          creatorEmail: 'ann@example.com',
          creatorName: 'Ann “Annie” Lée',
          schedule: { cadence: 'daily', hour: 9, minute: 0, timeZone: 'Europe/Rome' },
          filters: { topic: 'réunion “weekly”', format: 'MP4' },
          evenIfEmpty: false,
          active: true,
          createdAt: new Date(min(-10_000)),
          stoppedAt: undefined,
          nextRunAt: new Date(min(-5)),
          dueAt: new Date(min(-5)),
          watermark: new Date(min(-1445)),
          failures: 2,
          lastError: "Webex isn't answering",
          failureNotified: false,
          pendingPost: { recordings: [{ id: 'rec-3', createTime: min(-60) }], at: min(-6) },
        });
        const weekly = await digests.getSubscription('sub-weekly');
        assert.deepEqual(weekly?.schedule, {
          cadence: 'weekly',
          weekday: 1,
          hour: 7,
          minute: 15,
          timeZone: 'America/New_York',
        });
        assert.deepEqual(weekly?.filters, { serviceType: 'EventCenter', integrationTag: 'tag 1' });
        const stopped = await digests.getSubscriptionByNumber('room-group', 2);
        assert.equal(stopped?.active, false);
        assert.equal(stopped?.evenIfEmpty, true);
        assert.equal(stopped?.stoppedAt?.getTime(), min(-100));
        assert.deepEqual(
          (await digests.listSubscriptions('room-group')).map((s) => s.id),
          ['sub-daily'],
        );
        assert.deepEqual([...(await digests.postedIds('sub-daily'))].sort(), ['rec-1', 'rec-2']);
        assert.deepEqual(
          (await digests.runs('sub-daily')).map((r) => [r.id, r.status, r.recordings, r.error]),
          [
            ['run-1', 'sent', 2, undefined],
            ['run-2', 'failed', 0, "Webex isn't answering"],
          ],
        );

        // …and still behaving: numbers continue, the due digest is claimed once its old lease expired, the card
        // an old instance died posting is counted as posted, not sent again.
        const next = await digests.createSubscription({
          id: 'sub-new',
          roomId: 'room-group',
          roomType: 'group',
          creatorPersonId: 'p-bob',
          creatorEmail: 'bob@example.com',
          creatorName: 'Bob',
          schedule: { cadence: 'daily', hour: 10, minute: 0, timeZone: 'UTC' },
          filters: {},
          evenIfEmpty: false,
          createdAt: new Date(T),
          nextRunAt: new Date(min(60)),
          watermark: new Date(min(-1380)),
        });
        assert.equal(next.number, 3, 'numbers are never reused');
        // Release 1's active digest got its unique key: the same one again (filters in another order and case) is
        // refused with it.
        await assert.rejects(
          digests.createSubscription({
            id: 'sub-twin',
            roomId: 'room-group',
            roomType: 'group',
            creatorPersonId: 'p-ann',
            creatorEmail: 'ann@example.com',
            creatorName: 'Ann',
            schedule: { cadence: 'daily', hour: 9, minute: 0, timeZone: 'Europe/Rome' },
            filters: { format: 'MP4', topic: 'RÉUNION “weekly”' },
            evenIfEmpty: false,
            createdAt: new Date(T),
            nextRunAt: new Date(min(60)),
            watermark: new Date(min(-1380)),
          }),
          (err) => err instanceof DuplicateDigestError && err.existing.id === 'sub-daily',
        );
        const [claim, ...others] = await digests.claimDue(new Date(T), 'new-instance', 60_000, 10);
        assert.equal(claim?.subscription.id, 'sub-daily');
        assert.equal(others.length, 0);
        assert.ok(claim);
        assert.equal(await digests.settlePendingPost(claim, new Date(T)), 1);
        assert.deepEqual([...(await digests.postedIds('sub-daily'))].sort(), ['rec-1', 'rec-2', 'rec-3']);

        // The tables later migrations added are there and empty.
        assert.equal(await tokens.getToken('p-ann'), undefined);
        await tokens.putToken('p-ann', 'ciphertext', 'ann@example.com');
        assert.deepEqual(await tokens.getToken('p-ann'), {
          ciphertext: 'ciphertext',
          email: 'ann@example.com',
        });
        assert.equal(await nonces.useOnce('nonce-1', min(10), new Date(T)), true);
        assert.equal(await seenEvents.claimEvent('messages:created:m1', new Date(T), 60_000), true);
        assert.equal(await seenEvents.claimEvent('messages:created:m1', new Date(T), 60_000), false);
      } finally {
        await store.close();
      }
    });

    it('gives the notifications of release 0006 their unique key, keeping the duplicates an old race made', async () => {
      const options = backend.empty();
      const old = openStore(options);
      const row = (id: string, number: number, filters: string, active: 0 | 1): Release6Row => ({
        id,
        room_id: 'room-n',
        room_type: 'direct',
        number,
        creator_person_id: 'p-ann',
        creator_email: 'ann@example.com',
        creator_name: 'Ann',
        time_zone: 'UTC',
        filters,
        source: 'org',
        active,
        created_at: min(number),
        stopped_at: null,
        stopped_by: null,
      });
      try {
        await migrate(old.kysely, {
          backend: old.backend,
          schema: options.pgSchema,
          to: '0006-notifications',
        });
        await (old.kysely as unknown as Kysely<{ notify_subscriptions: Release6Row }>)
          .insertInto('notify_subscriptions')
          .values([
            row('n-stopped', 1, '{"topic":"Sync","format":"MP4"}', 0),
            row('n-first', 2, '{"topic":"Sync","format":"MP4"}', 1),
            row('n-twin', 3, '{"format":"MP4","topic":"sync"}', 1),
            row('n-other', 4, '{}', 1),
          ])
          .execute();
      } finally {
        await old.close();
      }

      const store = openStore(options);
      try {
        await store.migrate();
        const { notifications } = repositoriesOf(store);
        assert.deepEqual(
          (await notifications.listActive('room-n')).map((n) => n.id),
          ['n-first', 'n-twin', 'n-other'],
          'nothing stopped by the upgrade',
        );
        const again = notifications.create({
          id: 'n-new',
          roomId: 'room-n',
          roomType: 'direct',
          creatorPersonId: 'p-ann',
          creatorEmail: 'ann@example.com',
          creatorName: 'Ann',
          timeZone: 'UTC',
          filters: { topic: 'SYNC', format: 'MP4' },
          source: 'org',
          createdAt: new Date(T),
        });
        await assert.rejects(
          again,
          (err) => err instanceof DuplicateNotificationError && err.existing.id === 'n-first',
        );
        await assert.rejects(
          notifications.create({
            id: 'n-new2',
            roomId: 'room-n',
            roomType: 'direct',
            creatorPersonId: 'p-ann',
            creatorEmail: 'ann@example.com',
            creatorName: 'Ann',
            timeZone: 'UTC',
            filters: {},
            source: 'org',
            createdAt: new Date(T),
          }),
          (err) => err instanceof DuplicateNotificationError && err.existing.id === 'n-other',
        );
      } finally {
        await store.close();
      }
    });
  });
}
