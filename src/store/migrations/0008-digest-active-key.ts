import { sql, type Kysely, type Migration } from 'kysely';

/**
 * At most one active digest per (space, creator, schedule, filters), across instances: two identical `digest …` at
 * the same instant could both pass the service's read-then-insert check. `dedupe_key` is the canonical rendering
 * (src/features/digests/digest-repository.ts, `digestKey`), and a partial unique index over the active rows makes
 * the second insert fail (both SQLite and Postgres have partial indexes).
 *
 * Existing rows get their key here, rendered by a copy (a migration must keep computing what it computed when it
 * shipped). Active duplicates an earlier race already made keep a null key (nulls never collide): they stay as they
 * are until someone stops them; only the first of each gets the key.
 */
export const digestActiveKey: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('subscriptions').addColumn('dedupe_key', 'text').execute();
    const rows = await sql<Release1Row>`
      select id, room_id, creator_person_id, cadence, weekday, hour, minute, time_zone, filters, even_if_empty
      from subscriptions where active = 1 order by number
    `.execute(db);
    const seen = new Set<string>();
    for (const row of rows.rows) {
      const key = keyOf(row);
      const whole = JSON.stringify([row.room_id, row.creator_person_id, key]);
      if (seen.has(whole)) continue;
      seen.add(whole);
      await sql`update subscriptions set dedupe_key = ${key} where id = ${row.id}`.execute(db);
    }
    await db.schema
      .createIndex('subscriptions_active_key')
      .unique()
      .on('subscriptions')
      .columns(['room_id', 'creator_person_id', 'dedupe_key'])
      .where(sql.ref('active'), '=', 1)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('subscriptions_active_key').ifExists().execute();
    await db.schema.alterTable('subscriptions').dropColumn('dedupe_key').execute();
  },
};

interface Release1Row {
  id: string;
  room_id: string;
  creator_person_id: string;
  cadence: string;
  weekday: number | null;
  hour: number;
  minute: number;
  time_zone: string;
  filters: string;
  even_if_empty: number;
}

/** `digestKey` of release 0008. */
function keyOf(r: Release1Row): string {
  let filters: unknown;
  try {
    filters = JSON.parse(r.filters);
  } catch {
    filters = {};
  }
  const entries = Object.entries(filters && typeof filters === 'object' ? filters : {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, k === 'topic' ? String(v).toLowerCase() : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const weekday = r.weekday === null ? null : Number(r.weekday);
  return JSON.stringify([
    r.cadence,
    weekday,
    Number(r.hour),
    Number(r.minute),
    r.time_zone,
    Number(r.even_if_empty) === 1,
    entries,
  ]);
}
