import { createHash } from 'node:crypto';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export class MigrationError extends Error {
  constructor(cause: unknown) {
    super(`database migration failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Any fixed number: the first half of every migration lock key, so ours never meet another program's locks. */
const MIGRATION_LOCK_SPACE = 4_242_017;

/**
 * The Postgres advisory lock (the two-int4 form) that serializes migrations of one schema across instances. Keyed
 * by the schema, so deployments or test runs in other schemas of the same database migrate at the same time instead
 * of queueing behind each other. The second half is the first 4 bytes of the name's SHA-256: stable across versions
 * and processes (two schemas sharing a key would only queue, never break).
 */
export function migrationLockKey(schema: string): [space: number, key: number] {
  return [MIGRATION_LOCK_SPACE, createHash('sha256').update(schema).digest().readInt32BE(0)];
}

async function migrateWith(
  db: Kysely<Database>,
  to: string | undefined,
  provider: MigrationProvider,
  migrationTableSchema?: string,
) {
  const migrator = new Migrator({
    db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await (to === undefined ? migrator.migrateToLatest() : migrator.migrateTo(to));
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new MigrationError(error ?? `${failed?.migrationName} failed`);
}

/**
 * Runs `work` holding `schema`'s migration lock on this session. A session lock outlives a rollback, and a failure
 * may leave the session in an aborted transaction (a caller's, see postgres-migrate-isolation.test.ts), where the
 * unlock itself fails with 25P02: the transaction is rolled back first, and it is always `work`'s own error that is
 * thrown. Should even that fail, the connection is broken, and its session's end releases the lock.
 */
async function withMigrationLock(
  conn: Kysely<Database>,
  schema: string,
  work: () => Promise<void>,
): Promise<void> {
  const [space, key] = migrationLockKey(schema);
  const unlock = () => sql`select pg_advisory_unlock(${space}, ${key})`.execute(conn);
  await sql`select pg_advisory_lock(${space}, ${key})`.execute(conn);
  try {
    await work();
  } catch (err) {
    await unlock()
      .catch(async (unlockErr: unknown) => {
        if ((unlockErr as { code?: unknown }).code !== '25P02') return;
        await sql`rollback`.execute(conn);
        await unlock();
      })
      .catch(() => undefined);
    throw err;
  }
  await unlock();
}

/**
 * Brings the schema to the latest version. Idempotent: applied migrations are recorded in `kysely_migration`.
 * Several instances may start at once: on Postgres they queue on a session advisory lock of their schema (Kysely's
 * own lock needs its lock table to exist already, which is itself a race on a fresh database, and the store's
 * dialect turns off Kysely's database-wide advisory lock, see own-schema-postgres-dialect.ts); SQLite serializes
 * writers anyway.
 */
export async function migrate(
  db: Kysely<Database>,
  opts: {
    backend: 'sqlite' | 'postgres';
    schema?: string | undefined;
    /** Stop at this migration (the upgrade test builds an old database); default: the latest. */
    to?: string;
    /** The migrations (default: all of ours); tests add one that fails or waits. */
    provider?: MigrationProvider;
  },
): Promise<void> {
  const provider = opts.provider ?? migrationProvider;
  if (opts.backend === 'sqlite') return migrateWith(db, opts.to, provider);
  await db.connection().execute(async (conn) => {
    // Without a schema of its own the store lives in the search_path's first one (`public`, typically).
    const named = opts.schema ?? (await currentSchema(conn)) ?? '';
    await withMigrationLock(conn, named, async () => {
      if (opts.schema) await sql`create schema if not exists ${sql.id(opts.schema)}`.execute(conn);
      // Kysely looks for its migration tables with the dialect's introspector; name our schema so that another
      // schema's (another deployment or test run sharing the database) is never mistaken for it. The store's dialect
      // (OwnSchemaPostgresDialect) only introspects this schema, so another schema dropped meanwhile cannot fail it.
      await migrateWith(conn, opts.to, provider, (await currentSchema(conn)) ?? opts.schema);
    });
  });
}

/** The search_path's first existing schema; null when none of them exists yet. */
async function currentSchema(conn: Kysely<Database>): Promise<string | undefined> {
  const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(conn);
  return current.rows[0]?.schema ?? undefined;
}
