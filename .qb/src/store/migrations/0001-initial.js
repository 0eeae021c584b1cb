/** Person settings, subscriptions with their schedule state and lease, posted ids, run history. */
export const initial = {
    async up(db) {
        await db.schema
            .createTable('person_settings')
            .ifNotExists()
            .addColumn('person_id', 'text', (c) => c.primaryKey())
            .addColumn('time_zone', 'text', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('subscriptions')
            .ifNotExists()
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('room_id', 'text', (c) => c.notNull())
            .addColumn('room_type', 'text', (c) => c.notNull())
            .addColumn('number', 'integer', (c) => c.notNull())
            .addColumn('creator_person_id', 'text', (c) => c.notNull())
            .addColumn('creator_email', 'text', (c) => c.notNull())
            .addColumn('creator_name', 'text', (c) => c.notNull())
            .addColumn('cadence', 'text', (c) => c.notNull())
            .addColumn('weekday', 'integer')
            .addColumn('hour', 'integer', (c) => c.notNull())
            .addColumn('minute', 'integer', (c) => c.notNull())
            .addColumn('time_zone', 'text', (c) => c.notNull())
            .addColumn('filters', 'text', (c) => c.notNull())
            .addColumn('even_if_empty', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .addColumn('stopped_at', 'bigint')
            .addColumn('stopped_by', 'text')
            .addColumn('next_run_at', 'bigint', (c) => c.notNull())
            .addColumn('due_at', 'bigint', (c) => c.notNull())
            .addColumn('watermark', 'bigint', (c) => c.notNull())
            .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('last_error', 'text')
            .addColumn('failure_notified', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('lease_owner', 'text')
            .addColumn('lease_token', 'text')
            .addColumn('lease_until', 'bigint')
            .addColumn('pending_post', 'text')
            .addUniqueConstraint('subscriptions_room_number', ['room_id', 'number'])
            .execute();
        await db.schema
            .createIndex('subscriptions_due')
            .ifNotExists()
            .on('subscriptions')
            .columns(['active', 'due_at'])
            .execute();
        // Per-space digest numbers come from a counter row bumped by an upsert: atomic on both backends.
        await db.schema
            .createTable('room_counters')
            .ifNotExists()
            .addColumn('room_id', 'text', (c) => c.primaryKey())
            .addColumn('last_number', 'integer', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('posted_recordings')
            .ifNotExists()
            .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
            .addColumn('recording_id', 'text', (c) => c.notNull())
            .addColumn('create_time', 'bigint', (c) => c.notNull())
            .addColumn('posted_at', 'bigint', (c) => c.notNull())
            .addColumn('uncertain', 'integer', (c) => c.notNull().defaultTo(0))
            .addPrimaryKeyConstraint('posted_recordings_pk', ['subscription_id', 'recording_id'])
            .execute();
        await db.schema
            .createTable('digest_runs')
            .ifNotExists()
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('instance', 'text', (c) => c.notNull())
            .addColumn('started_at', 'bigint', (c) => c.notNull())
            .addColumn('finished_at', 'bigint', (c) => c.notNull())
            .addColumn('window_from', 'bigint', (c) => c.notNull())
            .addColumn('window_to', 'bigint', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('recordings', 'integer', (c) => c.notNull())
            .addColumn('error', 'text')
            .execute();
        await db.schema
            .createIndex('digest_runs_subscription')
            .ifNotExists()
            .on('digest_runs')
            .columns(['subscription_id', 'started_at'])
            .execute();
    },
    async down(db) {
        for (const t of [
            'digest_runs',
            'posted_recordings',
            'room_counters',
            'subscriptions',
            'person_settings',
        ]) {
            await db.schema.dropTable(t).ifExists().execute();
        }
    },
};
//# sourceMappingURL=0001-initial.js.map