/**
 * The one Store implementation: the Kysely connection (SQLite or Postgres, see open-store.ts), its migrations and
 * its health. What is kept in it is up to the repositories of the features that own the tables.
 */
import { sql, type Kysely } from 'kysely';
import { errorMessage } from '../errors.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import type { Store, StoreHealth } from './store.js';

export class KyselyStore implements Store {
  constructor(
    /** Also the connection of feature repositories that keep their own tables (see Store.kysely). */
    private readonly db: Kysely<Database>,
    readonly backend: 'sqlite' | 'postgres',
    /** Postgres schema to create and use (the pool's search_path points at it). */
    private readonly schema?: string,
  ) {}

  get kysely(): Kysely<Database> {
    return this.db;
  }

  migrate(): Promise<void> {
    return migrate(this.db, { backend: this.backend, schema: this.schema });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  async health(timeoutMs = 2000): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<StoreHealth>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    const probe = sql`select 1`.execute(this.db).then(
      (): StoreHealth => ({ ok: true }),
      (err: unknown): StoreHealth => ({ ok: false, error: errorMessage(err) }),
    );
    try {
      return await Promise.race([probe, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
