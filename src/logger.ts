import { pino, type Logger, type DestinationStream } from 'pino';
import { logContext } from './core/log-context.js';

export type { Logger };

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

/**
 * The process's logger: lines go to stdout through an asynchronous destination, so a slow or blocked stdout (a pipe
 * to a log shipper, a terminal) never stalls answering. What is still buffered is written out synchronously when the
 * process exits, whichever way it exits.
 */
export function createProcessLogger(level: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // Nothing left to write, or stdout is gone: there is nowhere to report it.
    }
  });
  return createLogger(level, destination);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'webex-recordings-bot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: logContext,
    },
    destination,
  );
}
