import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { asStartupError, EXIT_CONFIG } from './core/startup-error.js';
import { createLogger, type Logger } from './logger.js';

/**
 * `.env` in the working directory, if there is one, with Node's own loader: a variable already set in the real
 * environment (the platform's config, the shell) always wins over the file.
 */
function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    console.error(
      `Cannot read .env in ${process.cwd()}: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(EXIT_CONFIG);
  }
}

/** Stops the process with the cause on stderr (and in the log): 78 = fix the configuration, 1 = runtime trouble. */
function fail(err: unknown, logger?: Logger): never {
  const e = asStartupError(err);
  logger?.fatal({ err: e.cause ?? e, variable: e.variable || undefined, exitCode: e.exitCode }, e.message);
  console.error(`Cannot start: ${e.message}`);
  process.exit(e.exitCode);
}

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee .env.example and the README's configuration table.`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);

  // A stray rejection (the bot framework has a few) must not take the whole bot down with it.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let app;
  let started;
  try {
    app = createApp(config, { logger });
    started = await app.start();
  } catch (err) {
    fail(err, logger);
  }
  // Transient Webex trouble is retried in there (readyz says why it is not ready); a rejected token ends it.
  started.botStarted.catch((err: unknown) => fail(err, logger));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => {
      logger.warn('in-flight work did not finish in time; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => fail(err));
