import { createApp } from './app.js';
import { configSecrets, ConfigError, loadConfig } from './config.js';
import { exitOnStartupError as fail, loadDotEnv } from './core/process-start.js';
import { EXIT_CONFIG } from './core/startup-error.js';
import { createProcessLogger } from './logger.js';
async function main() {
    loadDotEnv();
    let config;
    try {
        config = loadConfig();
    }
    catch (err) {
        if (err instanceof ConfigError) {
            console.error(`${err.message}\nSee .env.example and the README's configuration table.`);
            process.exit(EXIT_CONFIG);
        }
        throw err;
    }
    const logger = createProcessLogger(config.logLevel, { secrets: configSecrets(config) });
    // A stray rejection (the bot framework has a few) must not take the whole bot down with it.
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
    let app;
    let started;
    try {
        app = createApp(config, { logger });
        started = await app.start();
    }
    catch (err) {
        fail(err, logger);
    }
    // Transient Webex trouble is retried in there (readyz says why it is not ready); a rejected token ends it.
    started.botStarted.catch((err) => fail(err, logger));
    let stopping = false;
    const shutdown = (signal) => {
        if (stopping)
            return;
        stopping = true;
        logger.info({ signal }, 'shutting down: finishing in-flight work');
        const force = setTimeout(() => {
            logger.warn('in-flight work did not finish in time; exiting anyway');
            process.exit(1);
        }, config.shutdownGraceMs);
        force.unref();
        app.stop().then(() => process.exit(0), (err) => {
            logger.error({ err }, 'error while stopping');
            process.exit(1);
        });
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
}
main().catch((err) => fail(err));
//# sourceMappingURL=main.js.map