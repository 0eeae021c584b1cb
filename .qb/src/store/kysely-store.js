/**
 * The one Store implementation: the Kysely connection (SQLite or Postgres, see open-store.ts), its migrations and
 * its health. What is kept in it is up to the repositories of the features that own the tables.
 */
import { sql } from 'kysely';
import { errorMessage } from '../errors.js';
import { migrate } from './migrate.js';
export class KyselyStore {
    db;
    backend;
    schema;
    constructor(
    /** Also the connection of feature repositories that keep their own tables (see Store.kysely). */
    db, backend, 
    /** Postgres schema to create and use (the pool's search_path points at it). */
    schema) {
        this.db = db;
        this.backend = backend;
        this.schema = schema;
    }
    get kysely() {
        return this.db;
    }
    migrate() {
        return migrate(this.db, { backend: this.backend, schema: this.schema });
    }
    close() {
        return this.db.destroy();
    }
    async health(timeoutMs = 2000) {
        let timer;
        const timedOut = new Promise((resolve) => {
            timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
        });
        const probe = sql `select 1`.execute(this.db).then(() => ({ ok: true }), (err) => ({ ok: false, error: errorMessage(err) }));
        try {
            return await Promise.race([probe, timedOut]);
        }
        finally {
            clearTimeout(timer);
        }
    }
}
//# sourceMappingURL=kysely-store.js.map