import { z } from 'zod';
import { isValidTimeZone } from './core/time.js';

/**
 * The whole configuration, read once from the environment at start. Every key names the env variable an operator
 * sets, so an error can say exactly what to fix.
 */

const httpUrl = (hint: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, `must be an http(s) URL, ${hint}`)
    .transform((v) => v.replace(/\/+$/, ''));

const emailList = (what: string) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((es) => es.every((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)), `must be ${what}`)
    .default([]);

function isTokenKey(v: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  WEBEX_BOT_TOKEN: z
    .string({
      error: 'is missing: create a bot at https://developer.webex.com/my-apps and paste its access token',
    })
    .trim()
    .min(1, 'is empty: paste the bot access token from https://developer.webex.com/my-apps'),
  PUBLIC_URL: z
    .string({
      error:
        'is missing: set it to the https URL where Webex can reach this server, e.g. https://my-bot.herokuapp.com',
    })
    .pipe(httpUrl('e.g. https://my-bot.herokuapp.com (where Webex can reach this server)')),
  WEBHOOK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  ALLOW_UNSIGNED_WEBHOOKS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .default(false),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(3000),
  WEBEX_API_URL: httpUrl('e.g. https://webexapis.com/v1').default('https://webexapis.com/v1'),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC')
    .default('UTC'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  WEBEX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBEX_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  WEBEX_POST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  WEBEX_ADMIN_TOKEN: z.string().trim().min(1).optional(),
  CACHE_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0)
    .max(86_400, 'must be at most 86400 (a day)')
    .default(120),
  WEBEX_CLIENT_ID: z.string().trim().min(1).optional(),
  WEBEX_CLIENT_SECRET: z.string().trim().min(1).optional(),
  WEBEX_ADMIN_REFRESH_TOKEN: z.string().trim().min(1).optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .trim()
    .refine(isTokenKey, 'must be 32 random bytes in base64 (generate with `openssl rand -base64 32`)')
    .optional(),
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine(
      (ks) => ks.length > 0 && ks.every(isTokenKey),
      'must be comma-separated keys, each 32 random bytes in base64 (`openssl rand -base64 32`): the first encrypts, the others are only read',
    )
    .optional(),
  BOT_ADMINS: emailList('a comma-separated list of email addresses'),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters (generate with `openssl rand -hex 32`)')
    .optional(),
  ALLOWED_EMAIL_DOMAINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean),
    )
    .refine(
      (ds) => ds.every((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)),
      'must be a comma-separated list of domains like example.com',
    )
    .default([]),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^postgres(ql)?:\/\/\S+$/i.test(v),
      'must be a Postgres URL like postgres://user:password@host:5432/db (leave it unset for the embedded SQLite file)',
    )
    .optional(),
  DIGEST_OVERLAP_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(0)
    .max(1440, 'must be at most 1440 (a day)')
    .default(10),
  DIGEST_TICK_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1')
    .max(3600, 'must be at most 3600 (an hour)')
    .default(30),
  DIGEST_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(30, 'must be at least 30 (longer than one digest run takes)')
    .max(86_400, 'must be at most 86400 (a day)')
    .default(300),
  WEEK_STARTS_ON: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (WEEKDAYS as readonly string[]).indexOf(v))
    .refine((i) => i >= 0, 'must be a weekday name such as monday or sunday')
    .default(1),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  botToken: string;
  publicUrl: string;
  /** Path (under publicUrl) that Webex posts events to. */
  webhookPath: string;
  webhookSecret: string | undefined;
  /** ALLOW_UNSIGNED_WEBHOOKS=true: no secret, deliveries accepted unsigned (never in production). */
  allowUnsignedWebhooks: boolean;
  port: number;
  webexApiUrl: string;
  defaultTimeZone: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  webexTimeoutMs: number;
  webexMaxRetries: number;
  /** Time-out of a POST (a message): longer, because a POST that timed out may have landed and must be checked. */
  webexPostTimeoutMs: number;
  shutdownGraceMs: number;
  /** Org admin token with meeting:admin_recordings_read; lists recordings with hostEmail = the asker. */
  adminToken: string | undefined;
  cacheTtlMs: number;
  /** Per-user sign-in (a Webex Integration); both set or both unset. */
  oauth: { clientId: string; clientSecret: string } | undefined;
  adminRefreshToken: string | undefined;
  /**
   * base64 keys of 32 bytes for stored tokens: the first encrypts, every one decrypts (rotation). From
   * TOKEN_ENCRYPTION_KEYS, or TOKEN_ENCRYPTION_KEY alone; empty = none configured.
   */
  tokenEncryptionKeys: string[];
  /** Lower-cased emails of people who may ask for other hosts' recordings and stop anyone's digest. */
  botAdmins: string[];
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Lower-cased domains; empty = everyone. */
  allowedEmailDomains: string[];
  /** 0 = Sunday … 6 = Saturday. */
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Postgres (several instances); undefined = embedded SQLite under dataDir (one instance). */
  databaseUrl: string | undefined;
  /** How far back each digest's listing reaches before its window (recordings listed late). */
  digestOverlapMs: number;
  digestTickMs: number;
  /** How long a claimed digest run is reserved for its instance before another may take it over. */
  digestLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const WEBHOOK_PATH = '/webhooks/webex';

type Env = z.output<typeof envSchema>;
type CleanedEnv = Record<string, string | undefined>;

/** Treats empty strings as unset, so that `FOO=` in a .env file falls back to the default instead of failing. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): CleanedEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

/** Only where the state lives (DATABASE_URL, DATA_DIR): all `npm run migrate` needs. */
export function loadStoreConfig(
  env: NodeJS.ProcessEnv = process.env,
): Pick<Config, 'databaseUrl' | 'dataDir'> {
  const cleaned = withoutEmptyValues(env);
  const parsed = envSchema.pick({ DATABASE_URL: true, DATA_DIR: true }).safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR };
}

// RFC 2606 names (the .env.example placeholder is one): no Webex delivery can ever reach them.
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test)$/i;

/** A URL Webex can deliver to: not the .env.example placeholder, and https in production. */
function publicUrlProblems(publicUrl: string, env: string): string[] {
  const url = new URL(publicUrl);
  const problems: string[] = [];
  if (RESERVED_HOST.test(url.hostname)) {
    problems.push(
      `PUBLIC_URL ${publicUrl} is a placeholder (${url.hostname} is reserved for examples): set it to the https URL where Webex reaches this server`,
    );
  }
  if (env === 'production' && url.protocol !== 'https:') {
    problems.push(
      `PUBLIC_URL must be https:// when NODE_ENV=production (Webex delivers webhooks with message ids and people's emails to it); got ${url.protocol}//`,
    );
  }
  return problems;
}

/**
 * Checked apart from the schema so that it is reported together with every other problem. Without a secret anyone
 * who finds the URL can post forged events, so running unsigned must be a decision.
 */
function webhookSecretProblems(cleaned: CleanedEnv): string[] {
  if (cleaned.WEBHOOK_SECRET) return [];
  if (cleaned.NODE_ENV === 'production') {
    return ['WEBHOOK_SECRET is required when NODE_ENV=production (generate one with `openssl rand -hex 32`)'];
  }
  if (cleaned.ALLOW_UNSIGNED_WEBHOOKS !== 'true') {
    return [
      'WEBHOOK_SECRET is missing: generate one with `openssl rand -hex 32` (or, for local experiments only, set ALLOW_UNSIGNED_WEBHOOKS=true to accept unsigned deliveries)',
    ];
  }
  return [];
}

/**
 * Per-user sign-in needs variables that only make sense together (the Integration's pair, one way to give the
 * token keys, a refresh token with something to refresh it with): a half-configured sign-in would fail only when
 * the first person connects.
 */
function signInProblems(cleaned: CleanedEnv): string[] {
  const problems: string[] = [];
  if (Boolean(cleaned.WEBEX_CLIENT_ID) !== Boolean(cleaned.WEBEX_CLIENT_SECRET)) {
    problems.push(
      'WEBEX_CLIENT_ID and WEBEX_CLIENT_SECRET go together (from your Webex Integration): set both or neither',
    );
  }
  if (cleaned.TOKEN_ENCRYPTION_KEY && cleaned.TOKEN_ENCRYPTION_KEYS) {
    problems.push(
      'TOKEN_ENCRYPTION_KEYS and TOKEN_ENCRYPTION_KEY are both set: put every key in TOKEN_ENCRYPTION_KEYS (the new one first) and remove TOKEN_ENCRYPTION_KEY',
    );
  }
  if (
    cleaned.NODE_ENV === 'production' &&
    cleaned.WEBEX_CLIENT_ID &&
    !cleaned.TOKEN_ENCRYPTION_KEY &&
    !cleaned.TOKEN_ENCRYPTION_KEYS
  ) {
    problems.push(
      'TOKEN_ENCRYPTION_KEY is required in production when per-user sign-in is on (generate with `openssl rand -base64 32`)',
    );
  }
  if (cleaned.WEBEX_ADMIN_REFRESH_TOKEN && !(cleaned.WEBEX_CLIENT_ID && cleaned.WEBEX_ADMIN_TOKEN)) {
    problems.push(
      'WEBEX_ADMIN_REFRESH_TOKEN needs WEBEX_ADMIN_TOKEN and the Integration (WEBEX_CLIENT_ID/SECRET) to refresh it',
    );
  }
  return problems;
}

/** Parses the environment into a typed Config, or throws a ConfigError listing every variable to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = withoutEmptyValues(env);
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
  problems.push(...webhookSecretProblems(cleaned));
  if (parsed.success) problems.push(...publicUrlProblems(parsed.data.PUBLIC_URL, parsed.data.NODE_ENV));
  problems.push(...signInProblems(cleaned));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

/** The validated environment in the units and shapes the bot uses (milliseconds, one key list, one oauth pair). */
function toConfig(e: Env): Config {
  return {
    env: e.NODE_ENV,
    botToken: e.WEBEX_BOT_TOKEN,
    publicUrl: e.PUBLIC_URL,
    webhookPath: WEBHOOK_PATH,
    webhookSecret: e.WEBHOOK_SECRET,
    allowUnsignedWebhooks: e.ALLOW_UNSIGNED_WEBHOOKS,
    port: e.PORT,
    webexApiUrl: e.WEBEX_API_URL,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    webexTimeoutMs: e.WEBEX_TIMEOUT_MS,
    webexMaxRetries: e.WEBEX_MAX_RETRIES,
    webexPostTimeoutMs: e.WEBEX_POST_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    adminToken: e.WEBEX_ADMIN_TOKEN,
    cacheTtlMs: e.CACHE_TTL_SECONDS * 1000,
    oauth:
      e.WEBEX_CLIENT_ID && e.WEBEX_CLIENT_SECRET
        ? { clientId: e.WEBEX_CLIENT_ID, clientSecret: e.WEBEX_CLIENT_SECRET }
        : undefined,
    adminRefreshToken: e.WEBEX_ADMIN_REFRESH_TOKEN,
    tokenEncryptionKeys: e.TOKEN_ENCRYPTION_KEYS ?? (e.TOKEN_ENCRYPTION_KEY ? [e.TOKEN_ENCRYPTION_KEY] : []),
    botAdmins: e.BOT_ADMINS,
    metricsToken: e.METRICS_TOKEN,
    allowedEmailDomains: e.ALLOWED_EMAIL_DOMAINS,
    weekStartsOn: e.WEEK_STARTS_ON as Config['weekStartsOn'],
    databaseUrl: e.DATABASE_URL,
    digestOverlapMs: e.DIGEST_OVERLAP_MINUTES * 60_000,
    digestTickMs: e.DIGEST_TICK_SECONDS * 1000,
    digestLeaseMs: e.DIGEST_LEASE_SECONDS * 1000,
  };
}

/** Every secret value in the configuration, for the logger to censor wherever it appears. */
export function configSecrets(config: Config): string[] {
  const values = [
    config.botToken,
    config.webhookSecret,
    config.adminToken,
    config.adminRefreshToken,
    config.oauth?.clientSecret,
    config.metricsToken,
    ...config.tokenEncryptionKeys,
  ];
  if (config.databaseUrl) {
    try {
      values.push(decodeURIComponent(new URL(config.databaseUrl).password) || undefined);
    } catch {
      // an unparsable URL was refused by the schema already
    }
  }
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
