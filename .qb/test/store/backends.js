/**
 * The two backends the store contract runs against. Postgres: TEST_DATABASE_URL, else the local server CI has
 * (postgres://postgres@127.0.0.1:5432/test); every opened store gets its own schema, dropped at the end, so parallel
 * runs and test files never see each other's rows. An unreachable Postgres fails the run with a message saying so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
let counter = 0;
const uniqueName = (prefix) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`.toLowerCase();
export async function assertPostgresReachable(url = TEST_DATABASE_URL) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
        await client.connect();
        await client.query('select 1');
    }
    catch (err) {
        throw new Error(`Postgres is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${err instanceof Error ? err.message : String(err)}). ` +
            'The store tests need it: start PostgreSQL locally (trust auth, database `test`) or point TEST_DATABASE_URL at one.');
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
export function sqliteBackend() {
    const dirs = [];
    const empty = () => {
        const dir = mkdtempSync(join(tmpdir(), 'store-test-'));
        dirs.push(dir);
        return { dataDir: dir };
    };
    return {
        name: 'sqlite',
        empty,
        async fresh() {
            const options = empty();
            const open = async () => {
                const store = openStore(options);
                await store.migrate();
                return store;
            };
            return { store: await open(), reopen: open };
        },
        async cleanup() {
            for (const d of dirs)
                rmSync(d, { recursive: true, force: true });
        },
    };
}
export function postgresBackend(url = TEST_DATABASE_URL) {
    const schemas = [];
    const empty = () => {
        const schema = uniqueName('t');
        schemas.push(schema);
        return { dataDir: '.', databaseUrl: url, pgSchema: schema, pgPoolSize: 12, pgApplicationName: schema };
    };
    return {
        name: 'postgres',
        empty,
        async fresh() {
            const options = empty();
            const open = async () => {
                const store = openStore(options);
                await store.migrate();
                return store;
            };
            return { store: await open(), reopen: open, applicationName: options.pgSchema };
        },
        async cleanup() {
            if (schemas.length === 0)
                return;
            const client = new pg.Client({ connectionString: url });
            client.on('error', () => undefined);
            await client.connect();
            try {
                for (const s of schemas)
                    await client.query(`drop schema if exists "${s}" cascade`);
            }
            finally {
                await client.end();
            }
        },
    };
}
/** A query on a connection of its own (named after what it is for, so it is never one of those it looks at). */
async function adminQuery(name, text, values, url) {
    const client = new pg.Client({ connectionString: url, application_name: name });
    // A killer's own connection may hear of the terminations it causes: never let that crash the test process.
    client.on('error', () => undefined);
    await client.connect();
    try {
        return (await client.query(text, values)).rows;
    }
    finally {
        await client.end();
    }
}
/**
 * Kills the server side of every connection named `applicationName` (as a Postgres restart, failover or idle reaper
 * would) and returns how many. Only this test's own connections: other engineers' runs share the server.
 */
export async function terminateBackends(applicationName, url = TEST_DATABASE_URL) {
    const rows = await adminQuery(`${applicationName}_killer`, 'select pg_terminate_backend(pid) as killed from pg_stat_activity where application_name = $1', [applicationName], url);
    return rows.filter((r) => r.killed).length;
}
/** How many server connections named `applicationName` are open now. */
export async function countBackends(applicationName, url = TEST_DATABASE_URL) {
    const rows = await adminQuery(`${applicationName}_counter`, 'select count(*) as n from pg_stat_activity where application_name = $1', [applicationName], url);
    return Number(rows[0]?.n ?? 0);
}
//# sourceMappingURL=backends.js.map