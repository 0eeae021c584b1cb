import { asStartupError, EXIT_CONFIG } from './startup-error.js';
/**
 * `.env` in the working directory, if there is one, with Node's own loader: a variable already set in the real
 * environment (the platform's config, the shell, `docker run -e`) always wins over the file.
 */
export function loadDotEnv() {
    try {
        process.loadEnvFile('.env');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return;
        console.error(`Cannot read .env in ${process.cwd()}: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(EXIT_CONFIG);
    }
}
/** Stops the process with the cause on stderr (and in the log): 78 = fix the configuration, 1 = runtime trouble. */
export function exitOnStartupError(err, logger) {
    const e = asStartupError(err);
    logger?.fatal({ err: e.cause ?? e, variable: e.variable || undefined, exitCode: e.exitCode }, e.message);
    console.error(`Cannot start: ${e.message}`);
    process.exit(e.exitCode);
}
//# sourceMappingURL=process-start.js.map