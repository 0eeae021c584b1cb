import { pino } from 'pino';
import { logContext } from './core/log-context.js';
/** Paths that may carry secrets; pino replaces their values before anything is written. */
export const REDACT_PATHS = [
    'token',
    'botToken',
    'secret',
    'webhookSecret',
    'password',
    'authorization',
    'headers.authorization',
    'headers["x-spark-signature"]',
    'req.headers.authorization',
    'req.headers["x-spark-signature"]',
    '*.token',
    '*.secret',
    '*.password',
    '*.authorization',
    'config.botToken',
    'config.webhookSecret',
    'accessToken',
    'refreshToken',
    'access_token',
    'refresh_token',
    'clientSecret',
    'client_secret',
    'ciphertext',
    '*.accessToken',
    '*.refreshToken',
    '*.clientSecret',
];
const CENSOR = '[redacted]';
// Each pattern is linear: a lookbehind stops a match from starting inside a run, so a long string is scanned once.
const BEARER = /(?<![A-Za-z0-9])(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/giu;
/** Webex access/refresh tokens: `<base64ish>_<4 chars>_<org uuid>`. */
const WEBEX_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9][A-Za-z0-9-]{19,}_[A-Za-z0-9]{4}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu;
/** OAuth codes and tokens in URLs or form bodies. */
const SECRET_PARAMS = /([?&](?:code|access_token|refresh_token|client_secret)=)[^&\s"\\]+/giu;
/**
 * Replaces secrets wherever they are in a string: the configured ones (exact values), anything shaped like a bearer
 * or Webex token, and OAuth codes in URLs. Field-name redaction (REDACT_PATHS) cannot see a token that Webex echoed
 * into an error text; this can.
 */
export function redactSecrets(text, secrets = []) {
    let out = text;
    for (const s of secrets)
        if (out.includes(s))
            out = out.split(s).join(CENSOR);
    return out
        .replace(BEARER, `$1${CENSOR}`)
        .replace(WEBEX_TOKEN, CENSOR)
        .replace(SECRET_PARAMS, `$1${CENSOR}`);
}
/**
 * A line of the bot framework's own debug output: it carries message text and email addresses, so emails are masked
 * as well as secrets (no regular expression: a word with an `@` is an address).
 */
export function frameworkLine(message) {
    const masked = message
        .split(/(\s+)/u)
        .map((w) => (w.includes('@') ? '[email]' : w))
        .join('');
    return redactSecrets(masked);
}
/**
 * The process's logger: lines go to stdout through an asynchronous destination, so a slow or blocked stdout (a pipe
 * to a log shipper, a terminal) never stalls answering. What is still buffered is written out synchronously when the
 * process exits, whichever way it exits.
 */
export function createProcessLogger(level, options = {}) {
    const destination = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => {
        try {
            destination.flushSync();
        }
        catch {
            // Nothing left to write, or stdout is gone: there is nowhere to report it.
        }
    });
    return createLogger(level, destination, options);
}
export function createLogger(level, destination, options = {}) {
    // Short values would censor ordinary words; real secrets are long. JSON escaping is applied before the hook sees
    // the line, so each secret is matched in its escaped form too.
    const secrets = [...new Set(options.secrets ?? [])]
        .filter((s) => s.length >= 8)
        .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
        .sort((a, b) => b.length - a.length);
    return pino({
        level,
        base: { app: 'webex-recordings-bot' },
        redact: { paths: REDACT_PATHS, censor: CENSOR },
        timestamp: pino.stdTimeFunctions.isoTime,
        hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
        mixin: logContext,
    }, destination);
}
//# sourceMappingURL=logger.js.map