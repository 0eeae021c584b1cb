/** The seen-event ledger's table (seen_events) over the shared store connection: see seen-events.ts. */
import { randomUUID } from 'node:crypto';
export class KyselySeenEventRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async claimEvent(key, now, ttlMs) {
        const claimedBy = randomUUID();
        const expiresAt = now.getTime() + ttlMs;
        // The primary key decides between racing instances; an expired row that was not pruned yet is taken over.
        await this.db
            .insertInto('seen_events')
            .values({ event_key: key, claimed_by: claimedBy, expires_at: expiresAt })
            .onConflict((oc) => oc
            .column('event_key')
            .doUpdateSet({ claimed_by: claimedBy, expires_at: expiresAt })
            .where('seen_events.expires_at', '<=', now.getTime()))
            .execute();
        // Read back rather than trusting the row count: a retried INSERT whose first try landed reports 0 rows.
        const row = await this.db
            .selectFrom('seen_events')
            .select('claimed_by')
            .where('event_key', '=', key)
            .executeTakeFirst();
        return row?.claimed_by === claimedBy;
    }
    async releaseEvent(key) {
        await this.db.deleteFrom('seen_events').where('event_key', '=', key).execute();
    }
    async pruneEvents(now) {
        const r = await this.db
            .deleteFrom('seen_events')
            .where('expires_at', '<=', now.getTime())
            .executeTakeFirst();
        return Number(r.numDeletedRows);
    }
}
//# sourceMappingURL=seen-event-repository.js.map