/** The `timezone` setting each person may keep, as a port and its Kysely implementation (table person_settings). */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

export interface TimeZoneRepository {
  getTimeZone(personId: string): Promise<string | undefined>;
  setTimeZone(personId: string, timeZone: string, now: Date): Promise<void>;
  /** True when there was a setting to remove. */
  clearTimeZone(personId: string): Promise<boolean>;
}

export class KyselyTimeZoneRepository implements TimeZoneRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getTimeZone(personId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('person_settings')
      .select('time_zone')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row?.time_zone;
  }

  async setTimeZone(personId: string, timeZone: string, now: Date): Promise<void> {
    const updatedAt = now.getTime();
    await this.db
      .insertInto('person_settings')
      .values({ person_id: personId, time_zone: timeZone, updated_at: updatedAt })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ time_zone: timeZone, updated_at: updatedAt }))
      .execute();
  }

  async clearTimeZone(personId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('person_settings')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  }
}
