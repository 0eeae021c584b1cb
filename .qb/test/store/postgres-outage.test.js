/**
 * Postgres closing the bot's connections (a restart, a failover, an idle-connection reaper, pg_terminate_backend)
 * must not take the process down: the pool reconnects, statements caught by the cut are retried on a new connection
 * when that is safe, and `health()` (behind /readyz) tells the truth meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListenedClient, openStore } from '../../src/store/open-store.js';
import { waitFor } from '../helpers/wait-for.js';
import { assertPostgresReachable, countBackends, postgresBackend, terminateBackends, TEST_DATABASE_URL, } from './backends.js';
import { repositoriesOf } from './repositories.js';
const T0 = new Date('2026-03-01T12:00:00Z');
describe('store on Postgres when the server drops every connection', () => {
    const backend = postgresBackend();
    let store;
    let repos;
    let app;
    before(async () => {
        await assertPostgresReachable();
        const fresh = await backend.fresh();
        store = fresh.store;
        repos = repositoriesOf(store);
        app = fresh.applicationName ?? assert.fail('the Postgres backend names its connections');
    });
    after(async () => {
        await store.close().catch(() => undefined);
        await backend.cleanup();
    });
    it('when a pooled connection reports an error no pool is listening for, then the process lives on', () => {
        // The gap the CI run hit: pg-pool ending a client whose termination notice arrives late. Every client the store's
        // pool makes keeps a listener of its own, so such a report is never an uncaught 'error' event.
        const client = new ListenedClient({ connectionString: TEST_DATABASE_URL });
        assert.equal(client.listenerCount('error'), 1);
        assert.doesNotThrow(() => client.emit('error', new Error('terminating connection due to administrator command')));
    });
    it('when idle connections are killed, then the process lives on and the next statements reconnect', async () => {
        await Promise.all(Array.from({ length: 6 }, (_, i) => repos.timeZones.setTimeZone(`idle-${i}`, 'Europe/Rome', T0)));
        assert.ok((await countBackends(app)) > 0, 'the pool holds idle connections');
        assert.ok((await terminateBackends(app)) > 0);
        await waitFor(async () => (await countBackends(app)) === 0, 'the killed backends to be gone');
        // The pool's idle clients learn of it asynchronously; without an 'error' listener that event kills the process.
        for (let i = 0; i < 6; i++)
            assert.equal(await repos.timeZones.getTimeZone(`idle-${i}`), 'Europe/Rome');
        assert.deepEqual(await store.health(), { ok: true });
    });
    it('when connections are killed in the middle of a run, then every statement still succeeds', async () => {
        let stop = false;
        let done = 0;
        const worker = async (w) => {
            for (let i = 0; !stop; i++) {
                const person = `busy-${w}-${i % 5}`;
                await repos.timeZones.setTimeZone(person, i % 2 ? 'Asia/Tokyo' : 'Europe/Berlin', T0);
                assert.equal(await repos.timeZones.getTimeZone(person), i % 2 ? 'Asia/Tokyo' : 'Europe/Berlin');
                assert.ok((await repos.nonces.useOnce(`n-${w}-${i}`, T0.getTime() + 60_000, T0)) === true);
                done++;
            }
        };
        const workers = Promise.all([0, 1, 2, 3].map(worker));
        for (let round = 0; round < 3; round++) {
            const target = done + 10;
            await waitFor(() => done >= target, `statements to run (round ${round})`, 15_000);
            await terminateBackends(app);
        }
        const target = done + 20;
        await waitFor(() => done >= target, 'statements to keep running after the last cut', 15_000);
        stop = true;
        await workers;
        assert.deepEqual(await store.health(), { ok: true });
    });
    it('when Postgres cannot be reached, then health says so (with the reason) instead of throwing', async () => {
        const url = new URL(TEST_DATABASE_URL);
        url.port = '1'; // nothing listens there
        const down = openStore({ dataDir: '.', databaseUrl: url.toString(), pgApplicationName: `${app}_down` });
        try {
            const health = await down.health();
            assert.equal(health.ok, false);
            assert.match(health.ok ? '' : health.error, /ECONNREFUSED|connect/i);
        }
        finally {
            await down.close();
        }
    });
});
//# sourceMappingURL=postgres-outage.test.js.map