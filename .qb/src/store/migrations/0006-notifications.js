/**
 * Recording-ready notifications (src/features/notifications): subscriptions, the per-person recordings webhooks
 * created with a person's own token, and the ledger whose primary key gives each subscription at most one card per
 * recording across every instance (deliveries are deduplicated by the seen-event ledger of migration 0004).
 */
export const notifications = {
    async up(db) {
        await db.schema
            .createTable('notify_subscriptions')
            .ifNotExists()
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('room_id', 'text', (c) => c.notNull())
            .addColumn('room_type', 'text', (c) => c.notNull())
            .addColumn('number', 'integer', (c) => c.notNull())
            .addColumn('creator_person_id', 'text', (c) => c.notNull())
            .addColumn('creator_email', 'text', (c) => c.notNull())
            .addColumn('creator_name', 'text', (c) => c.notNull())
            .addColumn('time_zone', 'text', (c) => c.notNull())
            .addColumn('filters', 'text', (c) => c.notNull())
            .addColumn('source', 'text', (c) => c.notNull())
            .addColumn('active', 'integer', (c) => c.notNull())
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .addColumn('stopped_at', 'bigint')
            .addColumn('stopped_by', 'text')
            .addUniqueConstraint('notify_subscriptions_room_number', ['room_id', 'number'])
            .execute();
        await db.schema
            .createIndex('notify_subscriptions_creator_email')
            .ifNotExists()
            .on('notify_subscriptions')
            .columns(['creator_email', 'active'])
            .execute();
        await db.schema
            .createIndex('notify_subscriptions_creator_person')
            .ifNotExists()
            .on('notify_subscriptions')
            .columns(['creator_person_id', 'active'])
            .execute();
        await db.schema
            .createTable('notify_posts')
            .ifNotExists()
            .addColumn('subscription_id', 'text', (c) => c.notNull())
            .addColumn('recording_id', 'text', (c) => c.notNull())
            .addColumn('posted_at', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint('notify_posts_pk', ['subscription_id', 'recording_id'])
            .execute();
        await db.schema
            .createTable('notify_webhooks')
            .ifNotExists()
            .addColumn('person_id', 'text', (c) => c.primaryKey())
            .addColumn('webhook_id', 'text', (c) => c.notNull())
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .execute();
    },
    async down(db) {
        for (const t of ['notify_webhooks', 'notify_posts', 'notify_subscriptions']) {
            await db.schema.dropTable(t).ifExists().execute();
        }
    },
};
//# sourceMappingURL=0006-notifications.js.map