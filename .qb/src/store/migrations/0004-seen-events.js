/**
 * Webhook events (and card buttons) already answered, fleet-wide: Webex may deliver an event again, to any instance,
 * also after a restart. Rows expire (`expires_at`) and are pruned periodically.
 */
export const seenEvents = {
    async up(db) {
        await db.schema
            .createTable('seen_events')
            .ifNotExists()
            .addColumn('event_key', 'text', (c) => c.primaryKey())
            // Random per claim: a claim whose INSERT landed but whose answer was lost (a dropped connection, then a retry)
            // still recognises the row as its own.
            .addColumn('claimed_by', 'text', (c) => c.notNull())
            .addColumn('expires_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createIndex('seen_events_expires')
            .ifNotExists()
            .on('seen_events')
            .column('expires_at')
            .execute();
    },
    async down(db) {
        await db.schema.dropTable('seen_events').ifExists().execute();
    },
};
//# sourceMappingURL=0004-seen-events.js.map