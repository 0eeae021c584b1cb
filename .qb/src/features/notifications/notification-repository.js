function parseFilters(text) {
    try {
        const v = JSON.parse(text);
        return v && typeof v === 'object' ? v : {};
    }
    catch {
        return {};
    }
}
function toNotification(r) {
    return {
        id: r.id,
        roomId: r.room_id,
        roomType: r.room_type,
        number: Number(r.number),
        creatorPersonId: r.creator_person_id,
        creatorEmail: r.creator_email,
        creatorName: r.creator_name,
        timeZone: r.time_zone,
        filters: parseFilters(r.filters),
        source: r.source,
        active: Number(r.active) === 1,
        createdAt: new Date(Number(r.created_at)),
    };
}
/** Unique-key violation on SQLite or Postgres: someone else got there first. */
function isUniqueViolation(err) {
    const e = err;
    return (e?.code === '23505' ||
        e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
        e?.code === 'SQLITE_CONSTRAINT_UNIQUE');
}
export class KyselyNotificationRepository {
    db;
    constructor(db) {
        // Only our own tables are needed here.
        this.db = db.withTables();
    }
    async create(input) {
        // The number is max+1 of the space; two instances racing for the same number: the unique key refuses one, which
        // tries again with the next.
        for (let attempt = 0;; attempt++) {
            const top = await this.db
                .selectFrom('notify_subscriptions')
                .select((eb) => eb.fn.max('number').as('n'))
                .where('room_id', '=', input.roomId)
                .executeTakeFirst();
            const number = Number(top?.n ?? 0) + 1;
            const row = {
                id: input.id,
                room_id: input.roomId,
                room_type: input.roomType,
                number,
                creator_person_id: input.creatorPersonId,
                creator_email: input.creatorEmail.toLowerCase(),
                creator_name: input.creatorName,
                time_zone: input.timeZone,
                filters: JSON.stringify(input.filters),
                source: input.source,
                active: 1,
                created_at: input.createdAt.getTime(),
                stopped_at: null,
                stopped_by: null,
            };
            try {
                await this.db.insertInto('notify_subscriptions').values(row).execute();
                return toNotification(row);
            }
            catch (err) {
                if (!isUniqueViolation(err) || attempt >= 5)
                    throw err;
            }
        }
    }
    async listActive(roomId) {
        const rows = await this.db
            .selectFrom('notify_subscriptions')
            .selectAll()
            .where('room_id', '=', roomId)
            .where('active', '=', 1)
            .orderBy('number')
            .execute();
        return rows.map(toNotification);
    }
    async getByNumber(roomId, number) {
        const row = await this.db
            .selectFrom('notify_subscriptions')
            .selectAll()
            .where('room_id', '=', roomId)
            .where('number', '=', number)
            .executeTakeFirst();
        return row && toNotification(row);
    }
    async stop(ids, stoppedBy, now) {
        if (ids.length === 0)
            return [];
        const rows = await this.db
            .updateTable('notify_subscriptions')
            .set({ active: 0, stopped_at: now.getTime(), stopped_by: stoppedBy })
            .where('id', 'in', ids)
            .where('active', '=', 1)
            .returning('id')
            .execute();
        return rows.map((r) => r.id);
    }
    async activeForHost(email, personId) {
        if (!email && !personId)
            return [];
        const rows = await this.db
            .selectFrom('notify_subscriptions')
            .selectAll()
            .where('active', '=', 1)
            .where((eb) => eb.or([
            ...(email ? [eb('creator_email', '=', email.toLowerCase())] : []),
            ...(personId ? [eb('creator_person_id', '=', personId)] : []),
        ]))
            .orderBy('created_at')
            .execute();
        return rows.map(toNotification);
    }
    async activeOfCreator(personId) {
        const rows = await this.db
            .selectFrom('notify_subscriptions')
            .selectAll()
            .where('active', '=', 1)
            .where('creator_person_id', '=', personId)
            .orderBy('created_at')
            .execute();
        return rows.map(toNotification);
    }
    async claimPost(notificationId, recordingId, now) {
        const r = await this.db
            .insertInto('notify_posts')
            .values({ subscription_id: notificationId, recording_id: recordingId, posted_at: now.getTime() })
            .onConflict((oc) => oc.columns(['subscription_id', 'recording_id']).doNothing())
            .executeTakeFirst();
        return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    }
    async releasePost(notificationId, recordingId) {
        await this.db
            .deleteFrom('notify_posts')
            .where('subscription_id', '=', notificationId)
            .where('recording_id', '=', recordingId)
            .execute();
    }
    async personalWebhook(personId) {
        const row = await this.db
            .selectFrom('notify_webhooks')
            .select('webhook_id')
            .where('person_id', '=', personId)
            .executeTakeFirst();
        return row?.webhook_id;
    }
    async ownerOfWebhook(webhookId) {
        const row = await this.db
            .selectFrom('notify_webhooks')
            .select('person_id')
            .where('webhook_id', '=', webhookId)
            .executeTakeFirst();
        return row?.person_id;
    }
    async savePersonalWebhook(personId, webhookId, now) {
        await this.db
            .insertInto('notify_webhooks')
            .values({ person_id: personId, webhook_id: webhookId, created_at: now.getTime() })
            .onConflict((oc) => oc.column('person_id').doUpdateSet({ webhook_id: webhookId }))
            .execute();
    }
    async deletePersonalWebhook(personId) {
        await this.db.deleteFrom('notify_webhooks').where('person_id', '=', personId).execute();
    }
}
//# sourceMappingURL=notification-repository.js.map