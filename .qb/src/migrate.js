/**
 * `npm run migrate` / `node dist/migrate.js`: brings the store (DATABASE_URL, else the SQLite file under DATA_DIR) to
 * the latest schema and exits. The bot also migrates at start; this lets a platform do it once per release, before
 * the new version takes traffic (Heroku's release phase, a compose one-shot, a CI/CD step).
 */
import { ConfigError, loadStoreConfig } from './config.js';
import { exitOnStartupError, loadDotEnv } from './core/process-start.js';
import { EXIT_CONFIG, storeStartupError } from './core/startup-error.js';
import { openStore } from './store/open-store.js';
async function run() {
    loadDotEnv();
    let where;
    try {
        where = loadStoreConfig();
    }
    catch (err) {
        if (err instanceof ConfigError) {
            console.error(err.message);
            process.exit(EXIT_CONFIG);
        }
        throw err;
    }
    let store;
    try {
        store = openStore(where);
        await store.migrate();
    }
    catch (err) {
        await store?.close().catch(() => undefined);
        throw storeStartupError(err, where);
    }
    await store.close();
    console.log(`migrated the ${store.backend} store to the latest schema`);
}
run().catch((err) => exitOnStartupError(err));
//# sourceMappingURL=migrate.js.map