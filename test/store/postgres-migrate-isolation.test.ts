/**
 * A migration must not depend on the other schemas of a shared database (other deployments, other test runs). Kysely's
 * Migrator introspects to find its tables; its stock Postgres introspector looks every schema up by name, so a schema
 * dropped by another session between the query's snapshot and those lookups failed our migrate with
 * `schema "<theirs>" does not exist`. That window is made deterministic here: a repeatable-read transaction keeps a
 * snapshot that still lists the other schema while it is dropped, and the migration runs inside it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PostgresIntrospector, sql } from 'kysely';
import pg from 'pg';
import { migrate } from '../../src/store/migrate.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import { assertPostgresReachable, postgresBackend, TEST_DATABASE_URL } from './backends.js';

before(() => assertPostgresReachable());

describe('Postgres migration beside other schemas', () => {
  const backend = postgresBackend();
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  admin.on('error', () => undefined);
  const other = `${backend.empty().pgSchema}_other`;

  before(() => admin.connect());
  after(async () => {
    await admin.query(`drop schema if exists "${other}" cascade`);
    await admin.end();
    await backend.cleanup();
  });

  it("migrates while another session drops its schema (Kysely's stock introspection fails there)", async () => {
    // Like a test run's or another deployment's tables: a serial column makes Kysely look its sequence up by name.
    await admin.query(`create schema "${other}"; create table "${other}".t (id serial primary key)`);
    const options = backend.empty();
    const store = openStore(options);
    try {
      await store.kysely.connection().execute(async (conn) => {
        await sql`begin isolation level repeatable read`.execute(conn);
        // The snapshot is taken now, while the other schema exists; then it goes (the drop waits for nothing of ours).
        await sql`select 1`.execute(conn);
        await admin.query(`drop schema "${other}" cascade`);

        // The failure the store used to hit, in this very snapshot (a savepoint keeps the transaction usable).
        await sql`savepoint stock`.execute(conn);
        await assert.rejects(new PostgresIntrospector(conn).getTables({ withInternalKyselyTables: true }), {
          code: '3F000',
          message: `schema "${other}" does not exist`,
        });
        await sql`rollback to savepoint stock`.execute(conn);

        // Kysely's Migrator commits the transaction it finds open when it is done (it begins its own).
        await migrate(conn, { backend: 'postgres', schema: options.pgSchema });
      });
      const applied = await sql<{
        name: string;
      }>`select name from ${sql.table(`${options.pgSchema}.kysely_migration`)}
        order by name`.execute(store.kysely);
      const all = Object.keys(await migrationProvider.getMigrations()).sort();
      assert.deepEqual(
        applied.rows.map((r) => r.name),
        all,
      );
    } finally {
      await store.close();
    }
  });
});
