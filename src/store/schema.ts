/**
 * The tables as Kysely sees them. Portable column types only, so one code path serves SQLite and Postgres:
 * instants are epoch milliseconds (`bigint`; the pg pool parses int8 back to number), flags are 0/1 integers,
 * structured values are JSON text. Every instant comes from the application's injected clock, never the database's.
 */
import type { Generated } from 'kysely';

export interface PersonSettingsTable {
  person_id: string;
  time_zone: string;
  updated_at: number;
}

export interface SubscriptionsTable {
  id: string;
  room_id: string;
  room_type: 'direct' | 'group';
  /** Per-space number shown to people (`digest stop 2`); never reused in that space. */
  number: number;
  creator_person_id: string;
  creator_email: string;
  creator_name: string;
  cadence: 'daily' | 'weekdays' | 'weekly';
  /** 0 = Sunday … 6 = Saturday; only for weekly. */
  weekday: number | null;
  hour: number;
  minute: number;
  time_zone: string;
  /** JSON of DigestFilters. */
  filters: string;
  even_if_empty: number;
  /** digestKey of the digest while active; unique per (room, creator) among active rows (migration 0008). */
  dedupe_key: string | null;
  active: number;
  created_at: number;
  stopped_at: number | null;
  stopped_by: string | null;
  /** The next scheduled occurrence (what people are told). */
  next_run_at: number;
  /** When the scheduler should pick it up: next_run_at, or an earlier failure's retry time. */
  due_at: number;
  /** End of the last window that was posted; the next window starts here (minus the overlap). */
  watermark: number;
  failures: Generated<number>;
  last_error: string | null;
  failure_notified: Generated<number>;
  lease_owner: string | null;
  lease_token: string | null;
  lease_until: number | null;
  /** JSON of PendingPost: a card being posted right now (see run-digest.ts). */
  pending_post: string | null;
}

export interface RoomCountersTable {
  room_id: string;
  last_number: number;
}

export interface PostedRecordingsTable {
  subscription_id: string;
  recording_id: string;
  create_time: number;
  posted_at: number;
  /** 1 when the post's outcome was unknown (its instance died while posting) and it was counted as posted. */
  uncertain: number;
}

export interface DigestRunsTable {
  id: string;
  subscription_id: string;
  kind: 'scheduled' | 'manual';
  instance: string;
  started_at: number;
  finished_at: number;
  window_from: number;
  window_to: number;
  status: 'sent' | 'empty' | 'failed' | 'uncertain';
  recordings: number;
  error: string | null;
}

export interface UserTokensTable {
  token_key: string;
  ciphertext: string;
  email: string | null;
}

export interface OAuthNoncesTable {
  nonce: string;
  expires_at: number;
}

export interface SeenEventsTable {
  event_key: string;
  claimed_by: string;
  expires_at: number;
}

export interface Database {
  person_settings: PersonSettingsTable;
  subscriptions: SubscriptionsTable;
  room_counters: RoomCountersTable;
  posted_recordings: PostedRecordingsTable;
  digest_runs: DigestRunsTable;
  user_tokens: UserTokensTable;
  oauth_nonces: OAuthNoncesTable;
  seen_events: SeenEventsTable;
}
