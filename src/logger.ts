import { pino, type Logger, type DestinationStream } from 'pino';

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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'webex-recordings-bot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
