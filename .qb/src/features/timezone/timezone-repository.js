export class KyselyTimeZoneRepository {
    db;
    constructor(db) {
        this.db = db;
    }
    async getTimeZone(personId) {
        const row = await this.db
            .selectFrom('person_settings')
            .select('time_zone')
            .where('person_id', '=', personId)
            .executeTakeFirst();
        return row?.time_zone;
    }
    async setTimeZone(personId, timeZone, now) {
        const updatedAt = now.getTime();
        await this.db
            .insertInto('person_settings')
            .values({ person_id: personId, time_zone: timeZone, updated_at: updatedAt })
            .onConflict((oc) => oc.column('person_id').doUpdateSet({ time_zone: timeZone, updated_at: updatedAt }))
            .execute();
    }
    async clearTimeZone(personId) {
        const r = await this.db
            .deleteFrom('person_settings')
            .where('person_id', '=', personId)
            .executeTakeFirst();
        return r.numDeletedRows > 0n;
    }
}
//# sourceMappingURL=timezone-repository.js.map