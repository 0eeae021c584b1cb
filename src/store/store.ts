/**
 * Durable state: the connection every repository shares, one interface and one implementation (kysely-store.ts)
 * for both backends. The tables belong to features, each with its own repository over this connection
 * (src/features/<feature>/…-repository.ts, src/core/seen-event-repository.ts); this module knows none of them.
 * - SQLite (no DATABASE_URL): one file under DATA_DIR, WAL; one bot instance only.
 * - Postgres (DATABASE_URL): any number of instances; due digests are claimed with FOR UPDATE SKIP LOCKED.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What /readyz reports about the store: reachable, or the reason it is not. */
export type StoreHealth = { ok: true } | { ok: false; error: string };

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** The connection the repositories use (their migrations live in ./migrations). */
  readonly kysely: Kysely<Database>;
  /** Runs the pending migrations (idempotent; safe when several instances start at once). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A cheap round trip to the database, bounded by `timeoutMs` (default 2 s); never throws. */
  health(timeoutMs?: number): Promise<StoreHealth>;
}
