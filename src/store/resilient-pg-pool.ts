/**
 * The pg pool as Kysely sees it, made to survive Postgres closing connections (a restart, a failover, an idle
 * reaper, pg_terminate_backend):
 * - every connection has an 'error' listener at all times (pg emits 'error' on a dead connection, and an
 *   EventEmitter without a listener takes the whole process down);
 * - a connection that died is thrown away and a new one is opened for the next statement;
 * - a statement cut off by a dead connection is sent again on a new one only when it was the first statement of its
 *   checkout: then no transaction or session state (an advisory lock) was riding on the old connection. A
 *   transaction caught by the cut fails as a whole (Postgres rolled it back) and its caller handles that like any
 *   other failure.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';

/** SQLSTATEs of a connection Postgres closed or would not open: admin/crash shutdown, starting up, class 08. */
const CONNECTION_SQLSTATES = /^(57P01|57P02|57P03|08...)$/;
const CONNECTION_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** True when the error means the connection is gone (not that the statement was wrong). */
export function isConnectionLost(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.test(code) || CONNECTION_ERRNOS.has(code)))
    return true;
  return /Connection terminated|not queryable|connection error|timeout exceeded when trying to connect/i.test(
    err.message,
  );
}

export interface ResilientPoolOptions {
  logger?: Logger | undefined;
  /** Attempts to open a connection while Postgres refuses them (restarting); default 3. */
  connectAttempts?: number;
  /** First pause between those attempts, doubled each time; default 100 ms. */
  connectBackoffMs?: number;
}

export function resilientPool(pool: pg.Pool, opts: ResilientPoolOptions = {}): PostgresPool {
  const attempts = Math.max(1, opts.connectAttempts ?? 3);
  const backoff = opts.connectBackoffMs ?? 100;
  let lastReported = 0;
  const report = (err: unknown, what: string) => {
    // One line per burst: a restart closes every connection at once.
    const now = Date.now();
    if (now - lastReported < 1000) return;
    lastReported = now;
    opts.logger?.warn({ err: errorMessage(err) }, what);
  };

  // Idle connections: pg-pool removes a dead one and re-emits its error here.
  pool.on('error', (err) =>
    report(err, 'a Postgres connection was closed; the pool opens a new one when needed'),
  );

  const connect = async (): Promise<pg.PoolClient> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await pool.connect();
      } catch (err) {
        if (attempt >= attempts || !isConnectionLost(err)) throw err;
        await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
      }
    }
  };

  return {
    async connect() {
      return new ResilientClient(await connect(), connect, report);
    },
    end: () => pool.end(),
  };
}

class ResilientClient implements PostgresPoolClient {
  private statements = 0;
  private lost: unknown;
  private readonly onError = (err: Error) => {
    // A checked-out connection has no pool listener: without this one its death would crash the process.
    this.lost = err;
    this.report(err, 'a Postgres connection in use was closed');
  };

  constructor(
    private client: pg.PoolClient | undefined,
    private readonly reconnect: () => Promise<pg.PoolClient>,
    private readonly report: (err: unknown, what: string) => void,
  ) {
    client?.on('error', this.onError);
  }

  private get live(): pg.PoolClient {
    if (!this.client) throw new Error('Postgres connection was already released');
    return this.client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      this.statements++;
      return this.live.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
    }
    return this.run<R>(sqlOrCursor, parameters ?? []);
  }

  private async run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const first = this.statements++ === 0;
    if (first && this.lost !== undefined) await this.replace(this.lost);
    try {
      return await this.send<R>(sql, parameters);
    } catch (err) {
      if (!first || !isConnectionLost(err)) throw err;
      await this.replace(err);
      return this.send<R>(sql, parameters);
    }
  }

  private async send<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const r = await this.live.query(sql, [...parameters]);
    return r as unknown as PostgresQueryResult<R>;
  }

  private async replace(err: unknown): Promise<void> {
    this.detach()?.release(err instanceof Error ? err : true);
    this.lost = undefined;
    const client = await this.reconnect();
    client.on('error', this.onError);
    this.client = client;
  }

  /** Hands the connection back to the caller once; undefined when it already went back to the pool. */
  private detach(): pg.PoolClient | undefined {
    const client = this.client;
    this.client = undefined;
    client?.removeListener('error', this.onError);
    return client;
  }

  release(destroy?: boolean): void {
    // A connection that died while checked out is destroyed, not handed to the next caller.
    this.detach()?.release(destroy || this.lost !== undefined ? true : undefined);
  }
}
