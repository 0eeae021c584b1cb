/** DATABASE_URL → dialect: Postgres when it is set, else an embedded SQLite file under DATA_DIR. */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { KyselyStore } from './kysely-store.js';
import { OwnSchemaPostgresDialect } from './own-schema-postgres-dialect.js';
import { resilientPool } from './resilient-pg-pool.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export const SQLITE_FILE_NAME = 'bot.sqlite';

export interface OpenStoreOptions {
  /** postgres://… ; absent = SQLite. */
  databaseUrl?: string | undefined;
  /** Where the SQLite file lives (created if missing). */
  dataDir: string;
  /** SQLite file path instead of DATA_DIR/bot.sqlite; `:memory:` for tests. */
  sqliteFile?: string;
  /** Postgres schema to use (created by migrate); tests give each run its own. */
  pgSchema?: string;
  pgPoolSize?: number;
  /** Names the connections in pg_stat_activity (operators can tell the bot's apart; tests find their own). */
  pgApplicationName?: string;
  /** Where lost Postgres connections are reported. */
  logger?: Logger;
}

export function isPostgresUrl(url: string): boolean {
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
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Opens the store; call `migrate()` before use. Nothing is connected yet for Postgres (the pool is lazy). */
export function openStore(opts: OpenStoreOptions): Store {
  if (opts.databaseUrl) {
    if (!isPostgresUrl(opts.databaseUrl)) throw new Error('DATABASE_URL must start with postgres://');
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
        getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
          oid === Number(pg.types.builtins.INT8)
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({
      dialect: new OwnSchemaPostgresDialect({ pool: resilientPool(pool, { logger: opts.logger }) }),
    });
    return new KyselyStore(db, 'postgres', schema);
  }
  const file = opts.sqliteFile ?? join(opts.dataDir, SQLITE_FILE_NAME);
  if (file !== ':memory:') privateFile(file, opts.sqliteFile ? join(file, '..') : opts.dataDir, opts.logger);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process loses nothing, and the file
  // stays sound through a power cut (which may roll back the last commits). FULL blocked the event loop for an fsync
  // on every message (the seen-event ledger writes one per delivery).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return new KyselyStore(db, 'sqlite');
}

/** Distinct SQL texts kept compiled; the bot's queries are a fixed set of a few dozen. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * The database as Kysely sees it, with each SQL text compiled once: Kysely prepares every query it runs, and
 * better-sqlite3 compiles on every prepare (a few per cent of a hit's CPU). Kysely runs one query at a time on
 * SQLite and never iterates a statement, so a cached statement is never busy when it is used again.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * The state holds sign-ins (encrypted) and who subscribed what: only the bot's user may read it. DATA_DIR is made
 * 0700 and the database 0600 before SQLite opens it (SQLite gives its -wal/-shm files the database's mode).
 * An existing folder is tightened too; where that is not allowed (a mounted volume) the bot says so and goes on.
 */
function privateFile(file: string, dir: string, logger: Logger | undefined): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch (err) {
    logger?.warn({ dir, err: (err as Error).message }, 'could not make DATA_DIR private (0700)');
  }
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
