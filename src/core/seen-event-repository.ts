/** The seen-event ledger's table (seen_events) over the shared store connection: see seen-events.ts. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface SeenEventRepository {
  /**
   * True for the first claim of `key` (a webhook event, a card button) across every instance and restart until
   * `ttlMs` after `now`; false for every later one.
   */
  claimEvent(key: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Lets `key` be claimed again (its answer failed, so a redelivery or a second press should be answered). */
  releaseEvent(key: string): Promise<void>;
  /** Deletes expired ledger rows; returns how many. */
  pruneEvents(now: Date): Promise<number>;
}

export class KyselySeenEventRepository implements SeenEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async claimEvent(key: string, now: Date, ttlMs: number): Promise<boolean> {
    const claimedBy = randomUUID();
    const expiresAt = now.getTime() + ttlMs;
    // The primary key decides between racing instances; an expired row that was not pruned yet is taken over.
    // RETURNING names the row only when this statement inserted or took it over: one round trip for a new event.
    const won = await this.db
      .insertInto('seen_events')
      .values({ event_key: key, claimed_by: claimedBy, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('event_key')
          .doUpdateSet({ claimed_by: claimedBy, expires_at: expiresAt })
          .where('seen_events.expires_at', '<=', now.getTime()),
      )
      .returning('claimed_by')
      .executeTakeFirst();
    if (won) return won.claimed_by === claimedBy;
    // Nothing came back: another claim holds the key, or this INSERT was retried after its first try landed (then
    // the row is ours though this try changed nothing). Reading it back tells which.
    const row = await this.db
      .selectFrom('seen_events')
      .select('claimed_by')
      .where('event_key', '=', key)
      .executeTakeFirst();
    return row?.claimed_by === claimedBy;
  }

  async releaseEvent(key: string): Promise<void> {
    await this.db.deleteFrom('seen_events').where('event_key', '=', key).execute();
  }

  async pruneEvents(now: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('seen_events')
      .where('expires_at', '<=', now.getTime())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
