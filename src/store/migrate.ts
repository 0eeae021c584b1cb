import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export class MigrationError extends Error {
  constructor(cause: unknown) {
    super(`database migration failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Any fixed number: the Postgres advisory lock that serializes migrations across instances. */
const MIGRATION_LOCK_KEY = 4_242_017;

async function migrateWith(db: Kysely<Database>, to: string | undefined, migrationTableSchema?: string) {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await (to === undefined ? migrator.migrateToLatest() : migrator.migrateTo(to));
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new MigrationError(error ?? `${failed?.migrationName} failed`);
}

/**
 * Brings the schema to the latest version. Idempotent: applied migrations are recorded in `kysely_migration`.
 * Several instances may start at once: on Postgres they queue on a session advisory lock (Kysely's own lock needs
 * its lock table to exist already, which is itself a race on a fresh database); SQLite serializes writers anyway.
 */
export async function migrate(
  db: Kysely<Database>,
  opts: {
    backend: 'sqlite' | 'postgres';
    schema?: string | undefined;
    /** Stop at this migration (the upgrade test builds an old database); default: the latest. */
    to?: string;
  },
): Promise<void> {
  if (opts.backend === 'sqlite') return migrateWith(db, opts.to);
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      if (opts.schema) await sql`create schema if not exists ${sql.id(opts.schema)}`.execute(conn);
      // Kysely looks for its migration tables with the dialect's introspector; name our schema so that another
      // schema's (another deployment or test run sharing the database) is never mistaken for it. The store's dialect
      // (OwnSchemaPostgresDialect) only introspects this schema, so another schema dropped meanwhile cannot fail it.
      const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
      await migrateWith(conn, opts.to, current.rows[0]?.schema ?? opts.schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}
