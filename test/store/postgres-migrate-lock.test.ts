/**
 * Migrations queue on a Postgres advisory lock of their own schema: two deployments (or test runs) in different
 * schemas of one database migrate at the same time, while instances of the same one still take turns. And a failure
 * is reported as itself: the unlock after it used to run inside the aborted transaction and fail with 25P02, which
 * hid the real error and left the lock (and the aborted transaction) on a pooled connection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { MigrationError, migrate, migrationLockKey } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { waitFor } from '../helpers/wait-for.js';
import { assertPostgresReachable, postgresBackend, TEST_DATABASE_URL } from './backends.js';

before(() => assertPostgresReachable());

/** Ours, then `extra` (named to sort last). */
const withMigrations = (extra: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => ({ ...MIGRATIONS, ...extra }),
});

/** A test that would hang on the lock it is about fails instead (a guard, not a measurement). */
const GUARD = { timeout: 60_000 };

describe('Postgres migration lock', () => {
  const backend = postgresBackend();
  const admin = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    application_name: 'migrate_lock_admin',
  });
  admin.on('error', () => undefined);
  const stores: Store[] = [];
  const open = () => {
    const options = backend.empty();
    const schema = options.pgSchema;
    if (!schema) throw new Error('the Postgres backend gives every store a schema');
    const store = openStore(options);
    stores.push(store);
    return { store, schema };
  };

  before(() => admin.connect());
  after(async () => {
    for (const s of stores) await s.close();
    await admin.end();
    await backend.cleanup();
  });

  /** Sessions holding (or waiting for) `schema`'s migration lock, by application name (= the store's schema). */
  const lockHolders = async (schema: string) => {
    const [space, key] = migrationLockKey(schema);
    const { rows } = await admin.query<{ name: string; granted: boolean }>(
      `select a.application_name as name, l.granted
         from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.objsubid = 2
          and l.classid::text::int8 = $1 and l.objid::text::int8 = $2`,
      [space, key >>> 0],
    );
    return rows;
  };
  /** Whether anyone else could take `schema`'s lock now (it is given back at once). */
  const lockIsFree = async (schema: string) => {
    const [space, key] = migrationLockKey(schema);
    const { rows } = await admin.query<{ got: boolean }>('select pg_try_advisory_lock($1, $2) as got', [
      space,
      key,
    ]);
    if (rows[0]?.got) await admin.query('select pg_advisory_unlock($1, $2)', [space, key]);
    return rows[0]?.got === true;
  };
  const applied = async (store: Store, schema: string) => {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${schema}.kysely_migration`)}
      order by name`.execute(store.kysely);
    return rows.map((r) => r.name);
  };

  it('keys the lock by schema, the same way in every process and version', () => {
    assert.deepEqual(migrationLockKey('webex_bot'), migrationLockKey('webex_bot'));
    assert.notDeepEqual(migrationLockKey('webex_bot'), migrationLockKey('webex_bot_staging'));
    // A changed key would let an older and a newer instance of one deployment migrate at the same time.
    assert.deepEqual(migrationLockKey('public'), [4_242_017, -274_599_051]);
  });

  it('migrates one schema while another is in the middle of its migration', GUARD, async () => {
    const a = open();
    const b = open();
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = migrate(a.store.kysely, {
      backend: 'postgres',
      schema: a.schema,
      provider: withMigrations({
        '9999-wait': {
          up: async () => {
            entered();
            await gate;
          },
        },
      }),
    });
    try {
      await inside;
      // A holds its lock, inside its Migrator's transaction; B takes its own and finishes meanwhile.
      assert.deepEqual(await lockHolders(a.schema), [{ name: a.schema, granted: true }]);
      await b.store.migrate();
      assert.deepEqual(await applied(b.store, b.schema), Object.keys(MIGRATIONS).sort());
      assert.deepEqual(await lockHolders(b.schema), []);
    } finally {
      release();
      await slow;
    }
    assert.deepEqual(await applied(a.store, a.schema), [...Object.keys(MIGRATIONS), '9999-wait'].sort());
    assert.equal(await lockIsFree(a.schema), true);
  });

  it('still queues two migrations of the same schema', GUARD, async () => {
    const a = open();
    const [space, key] = migrationLockKey(a.schema);
    await admin.query('select pg_advisory_lock($1, $2)', [space, key]);
    let migrating: Promise<void> | undefined;
    try {
      migrating = a.store.migrate();
      await waitFor(
        async () => (await lockHolders(a.schema)).some((h) => h.name === a.schema && !h.granted),
        "the store's migration to wait for the schema's lock",
      );
    } finally {
      await admin.query('select pg_advisory_unlock($1, $2)', [space, key]);
    }
    await migrating;
    assert.deepEqual(await applied(a.store, a.schema), Object.keys(MIGRATIONS).sort());
  });

  it("reports a failing migration's own error and releases the lock", GUARD, async () => {
    const a = open();
    const broken = withMigrations({
      '9999-broken': {
        up: async (db) => {
          await sql`select 1 / 0`.execute(db);
        },
      },
    });
    await assert.rejects(
      migrate(a.store.kysely, { backend: 'postgres', schema: a.schema, provider: broken }),
      (e: unknown) => {
        assert.ok(e instanceof MigrationError);
        assert.match(e.message, /division by zero/);
        assert.equal((e.cause as { code?: string }).code, '22012');
        return true;
      },
    );
    assert.equal(await lockIsFree(a.schema), true);
    // Everything before it was applied in the same transaction, so none of it was kept; a good run applies it all.
    await a.store.migrate();
    assert.deepEqual(await applied(a.store, a.schema), Object.keys(MIGRATIONS).sort());
  });

  it(
    'reports a failure inside an aborted transaction as itself, not 25P02, and leaves the connection clean',
    GUARD,
    async () => {
      const a = open();
      await a.store.kysely.connection().execute(async (conn) => {
        // A caller's transaction that the first statement of the migration cannot run in (creating the schema).
        await sql`begin read only`.execute(conn);
        await assert.rejects(migrate(conn, { backend: 'postgres', schema: a.schema }), {
          code: '25006',
          message: /read-only transaction/,
        });
        // No aborted transaction left on the connection (the pool would hand it out next), and no lock.
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(conn);
        assert.deepEqual(rows, [{ one: 1 }]);
        assert.equal(await lockIsFree(a.schema), true);
      });
    },
  );
});
