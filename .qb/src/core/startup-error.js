/**
 * Why the process could not start, the variable an operator changes to fix it, and the exit code supervisors see:
 * 78 (EX_CONFIG, sysexits.h) when the configuration is wrong and restarting cannot help, 1 when the trouble is at
 * run time (a busy port, an unreachable database) and a restart may well succeed.
 */
export const EXIT_CONFIG = 78;
export const EXIT_RUNTIME = 1;
export class StartupError extends Error {
    variable;
    exitCode;
    constructor(
    /** The environment variable to look at, e.g. DATABASE_URL. */
    variable, message, exitCode, options) {
        super(message, options);
        this.variable = variable;
        this.exitCode = exitCode;
        this.name = 'StartupError';
    }
}
function codeOf(err) {
    const code = err?.code;
    if (typeof code === 'string')
        return code;
    // A MigrationError carries the driver's error as its cause.
    const cause = err?.cause;
    return cause && cause !== err ? codeOf(cause) : undefined;
}
function messageOf(err) {
    // A refused connection to a name with several addresses is an AggregateError with an empty message.
    return (err instanceof Error ? err.message : String(err)) || codeOf(err) || 'unknown error';
}
/** The listen error Express 5 hands to its callback, as the operator's problem with PORT. */
export function listenStartupError(err, port) {
    const code = codeOf(err);
    if (code === 'EADDRINUSE') {
        return new StartupError('PORT', `PORT ${port} is already in use by another process: stop it or set PORT to a free port`, EXIT_RUNTIME, { cause: err });
    }
    if (code === 'EACCES') {
        return new StartupError('PORT', `PORT ${port} may not be opened by this user (ports below 1024 need privileges): set PORT to 1024 or above`, EXIT_CONFIG, { cause: err });
    }
    return new StartupError('PORT', `cannot listen on PORT ${port}: ${messageOf(err)}`, EXIT_RUNTIME, {
        cause: err,
    });
}
/** postgres://user:secret@host:5432/db → host:5432/db (never the password). */
function describeDatabase(url) {
    try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
    }
    catch {
        return 'the configured server';
    }
}
// Postgres SQLSTATEs that no restart can fix: bad password / no such role / no such database / not allowed.
const PG_CONFIG_CODES = {
    '28P01': 'refused the user name or password',
    '28000': 'refused the connection (authorization: check the user and pg_hba.conf)',
    '3D000': 'has no such database',
    '42501': 'does not give this user the privileges the bot needs',
};
const UNREACHABLE_CODES = new Set([
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ECONNRESET',
    'EAI_AGAIN',
    '57P03',
]);
// The file or its folder cannot be made, opened or written: the operator's DATA_DIR, not the bot.
const SQLITE_FILE_CODES = /^(ENOTDIR|EACCES|EPERM|EROFS|EEXIST|ENOSPC|ELOOP|ENAMETOOLONG|SQLITE_(CANTOPEN|READONLY|IOERR|PERM|NOTADB|CORRUPT|FULL))/;
/** A failure to open or migrate the store, as the operator's problem with DATABASE_URL or DATA_DIR. */
export function storeStartupError(err, where) {
    const code = codeOf(err);
    const detail = messageOf(err);
    if (!where.databaseUrl) {
        if (!code || !SQLITE_FILE_CODES.test(code)) {
            return new StartupError('DATA_DIR', `could not prepare the SQLite store in DATA_DIR (${where.dataDir}): ${detail}`, EXIT_RUNTIME, {
                cause: err,
            });
        }
        return new StartupError('DATA_DIR', `DATA_DIR (${where.dataDir}) cannot hold the bot's SQLite file: ${detail}. Point DATA_DIR at a writable directory, or set DATABASE_URL to use Postgres`, EXIT_CONFIG, { cause: err });
    }
    const db = describeDatabase(where.databaseUrl);
    const refusal = code ? PG_CONFIG_CODES[code] : undefined;
    if (refusal) {
        return new StartupError('DATABASE_URL', `DATABASE_URL: Postgres at ${db} ${refusal} (${detail})`, EXIT_CONFIG, {
            cause: err,
        });
    }
    if (code === 'ENOTFOUND') {
        return new StartupError('DATABASE_URL', `DATABASE_URL: the host of ${db} is unknown (${detail}); check the host name`, EXIT_CONFIG, { cause: err });
    }
    if ((code && UNREACHABLE_CODES.has(code)) || /timeout|terminated|connect/i.test(detail)) {
        return new StartupError('DATABASE_URL', `DATABASE_URL: Postgres at ${db} is unreachable (${detail}); is it running and reachable from here?`, EXIT_RUNTIME, { cause: err });
    }
    return new StartupError('DATABASE_URL', `DATABASE_URL: could not prepare the database at ${db}: ${detail}`, EXIT_RUNTIME, { cause: err });
}
/** Anything else that stopped the start: a runtime failure (exit 1) unless it already says which variable. */
export function asStartupError(err) {
    if (err instanceof StartupError)
        return err;
    return new StartupError('', `could not start: ${messageOf(err)}`, EXIT_RUNTIME, { cause: err });
}
//# sourceMappingURL=startup-error.js.map