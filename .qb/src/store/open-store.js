/** DATABASE_URL → dialect: Postgres when it is set, else an embedded SQLite file under DATA_DIR. */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import { resilientPool } from './resilient-pg-pool.js';
export const SQLITE_FILE_NAME = 'bot.sqlite';
export function isPostgresUrl(url) {
    return /^postgres(ql)?:\/\//i.test(url);
}
/**
 * A pg client that has an 'error' listener from birth to death. pg-pool and our resilient pool each attach their own
 * while they hold a client, but a connection Postgres terminates can report it in a gap between their listeners (while
 * the pool is ending it, say), and an EventEmitter without one takes the whole process down. The failure itself
 * reaches the code that needs it through the failed query and the pool's 'error' event; this listener only makes
 * sure a late report can never crash the bot.
 */
export class ListenedClient extends pg.Client {
    constructor(config) {
        super(config);
        this.on('error', () => undefined);
    }
}
/** Opens the store; call `migrate()` before use. Nothing is connected yet for Postgres (the pool is lazy). */
export function openStore(opts) {
    if (opts.databaseUrl) {
        if (!isPostgresUrl(opts.databaseUrl))
            throw new Error('DATABASE_URL must start with postgres://');
        const schema = opts.pgSchema;
        if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
            throw new Error(`invalid Postgres schema name ${JSON.stringify(schema)}`);
        }
        const pool = new pg.Pool({
            Client: ListenedClient,
            connectionString: opts.databaseUrl,
            max: opts.pgPoolSize ?? 10,
            // Idle connections don't keep the process alive (shutdown, tests).
            allowExitOnIdle: true,
            // A blackholed server fails a connection attempt instead of hanging it forever (pg's default).
            connectionTimeoutMillis: 10_000,
            keepAlive: true,
            application_name: opts.pgApplicationName ?? 'webex-recordings-bot',
            ...(schema ? { options: `-c search_path=${schema}` } : {}),
            // int8 (our epoch-millisecond columns) as numbers: they are far below 2^53.
            types: {
                getTypeParser: ((oid, format) => oid === Number(pg.types.builtins.INT8)
                    ? (v) => Number(v)
                    : pg.types.getTypeParser(oid, format ?? 'text')),
            },
        });
        const db = new Kysely({
            dialect: new PostgresDialect({ pool: resilientPool(pool, { logger: opts.logger }) }),
        });
        return new KyselyStore(db, 'postgres', schema);
    }
    const file = opts.sqliteFile ?? join(opts.dataDir, SQLITE_FILE_NAME);
    if (file !== ':memory:')
        privateFile(file, opts.sqliteFile ? join(file, '..') : opts.dataDir, opts.logger);
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    return new KyselyStore(db, 'sqlite');
}
/**
 * The state holds sign-ins (encrypted) and who subscribed what: only the bot's user may read it. DATA_DIR is made
 * 0700 and the database 0600 before SQLite opens it (SQLite gives its -wal/-shm files the database's mode).
 * An existing folder is tightened too; where that is not allowed (a mounted volume) the bot says so and goes on.
 */
function privateFile(file, dir, logger) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
        chmodSync(dir, 0o700);
    }
    catch (err) {
        logger?.warn({ dir, err: err.message }, 'could not make DATA_DIR private (0700)');
    }
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
}
//# sourceMappingURL=open-store.js.map