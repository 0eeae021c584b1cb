import { sql, type Kysely, type Migration } from 'kysely';

/**
 * At most one active notification per (space, creator, filters), across instances: two identical `notify me` at the
 * same instant could both pass the command's read-then-insert check. `filters_key` is the canonical rendering of
 * the filters (src/features/notifications/notify-filters.ts, `filtersKey`), and a partial unique index over the
 * active rows makes the second insert fail (both SQLite and Postgres have partial indexes).
 *
 * Existing rows get their key here. The rendering is copied, not imported: a migration must keep computing what it
 * computed when it shipped. Active duplicates that an earlier race already made keep a null key (nulls never
 * collide), so they stay as they are until someone stops them; only the first of each gets the key.
 */
export const notifyActiveKey: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('notify_subscriptions').addColumn('filters_key', 'text').execute();
    const rows = await sql<{ id: string; room_id: string; creator_person_id: string; filters: string }>`
      select id, room_id, creator_person_id, filters from notify_subscriptions where active = 1 order by number
    `.execute(db);
    const seen = new Set<string>();
    for (const row of rows.rows) {
      const key = filtersKeyOf(row.filters);
      const whole = JSON.stringify([row.room_id, row.creator_person_id, key]);
      if (seen.has(whole)) continue;
      seen.add(whole);
      await sql`update notify_subscriptions set filters_key = ${key} where id = ${row.id}`.execute(db);
    }
    await db.schema
      .createIndex('notify_subscriptions_active_key')
      .unique()
      .on('notify_subscriptions')
      .columns(['room_id', 'creator_person_id', 'filters_key'])
      .where(sql.ref('active'), '=', 1)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('notify_subscriptions_active_key').ifExists().execute();
    await db.schema.alterTable('notify_subscriptions').dropColumn('filters_key').execute();
  },
};

/** `filtersKey` of release 0007: defined entries sorted by name, the topic lower-cased. */
function filtersKeyOf(text: string): string {
  let filters: unknown;
  try {
    filters = JSON.parse(text);
  } catch {
    filters = {};
  }
  const entries = Object.entries(filters && typeof filters === 'object' ? filters : {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, k === 'topic' ? String(v).toLowerCase() : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
