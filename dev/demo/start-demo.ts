/**
 * `npm run demo` in one function: the Webex emulator with a seeded org and the chat page, and the real bot
 * (createApp, the production composition root) against it, with its state in a throwaway folder.
 * Used by run-demo.ts (the command) and by the browser test.
 */
import { freePort } from '../../src/util/free-port.js';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { WebexEmulator } from '../emulator/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { OAUTH_CALLBACK_PATH, SIGN_IN_SCOPES } from '../../src/features/sign-in/sign-in.js';
import { KyselyTimeZoneRepository } from '../../src/features/timezone/timezone-repository.js';
import { createTimeZoneSettings } from '../../src/features/timezone/timezone-settings.js';
import { openStore } from '../../src/store/open-store.js';
import { demoRoutes, DEMO_RECORDINGS, type DemoContext } from './demo-routes.js';
import { seedDemo, type DemoSeed } from './seed.js';

export const DEFAULT_DEMO_PORT = 8090;

export interface DemoOptions {
  /** Port of the page (and the emulator). Default 8090, or any free port when that one is taken; 0 = any. */
  port?: number;
  /** Bot log level; default `LOG_LEVEL` or `warn`. */
  logLevel?: Config['logLevel'];
  logger?: Logger;
  now?: () => Date;
  /** Extra bot environment (e.g. `DEFAULT_TIMEZONE`); the emulator-related variables are always the demo's own. */
  env?: Record<string, string>;
  /** How long to wait for the bot to be ready; default 20 s. */
  readyTimeoutMs?: number;
}

export interface RunningDemo {
  /** The page, e.g. http://127.0.0.1:8090/ */
  url: string;
  emulator: WebexEmulator;
  seed: DemoSeed;
  app: App;
  botUrl: string;
  dataDir: string;
  /** Stops the bot, then the emulator, and removes the data folder. Safe to call twice. */
  stop(): Promise<void>;
}

async function startEmulator(port: number, ctx: DemoContext, now?: () => Date): Promise<WebexEmulator> {
  const opts = { host: '127.0.0.1', extraRoutes: demoRoutes(ctx), ...(now ? { now } : {}) };
  try {
    return await WebexEmulator.start({ ...opts, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return WebexEmulator.start({ ...opts, port: 0 });
  }
}

async function waitUntilReady(url: string, timeoutMs: number, botStarted: Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let started = false;
  void botStarted.then(() => (started = true));
  while (Date.now() < deadline) {
    if (started) {
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The bot was not ready within ${timeoutMs} ms (${url})`);
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const ctx: DemoContext = {};
  const emulator = await startEmulator(opts.port ?? DEFAULT_DEMO_PORT, ctx, opts.now);
  const origin = emulator.baseUrl.replace(/\/v1$/, '');
  let dataDir: string | undefined;
  let app: App | undefined;
  const cleanup = async () => {
    await app?.stop();
    await emulator.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const now = opts.now ?? (() => new Date());
    ctx.linkBase = `${origin}${DEMO_RECORDINGS}`;
    const seed = seedDemo(emulator, now(), ctx.linkBase);
    ctx.emulator = emulator;
    ctx.seed = seed;
    ctx.now = now;

    dataDir = await mkdtemp(join(tmpdir(), 'webex-recordings-demo-'));
    const botPort = await freePort();
    const botUrl = `http://127.0.0.1:${botPort}`;
    // `connect` works as in production: an Integration registered with (emulated) Webex, redirecting to the bot.
    const integration = emulator.addIntegration({
      name: 'Recordings Bot (demo)',
      redirectUris: [`${botUrl}${OAUTH_CALLBACK_PATH}`],
      scopes: SIGN_IN_SCOPES.split(' '),
    });
    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: opts.logLevel ?? process.env['LOG_LEVEL'] ?? 'warn',
      DEFAULT_TIMEZONE: 'UTC',
      ...opts.env,
      WEBEX_BOT_TOKEN: seed.bot.token,
      WEBEX_ADMIN_TOKEN: seed.admin.token,
      WEBEX_API_URL: emulator.baseUrl,
      PUBLIC_URL: botUrl,
      PORT: String(botPort),
      WEBHOOK_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      WEBEX_CLIENT_ID: integration.clientId,
      WEBEX_CLIENT_SECRET: integration.clientSecret,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    const logger = opts.logger ?? createLogger(config.logLevel);
    // The demo opens the bot's store itself, to show times in the zone the bot uses for each person.
    const store = openStore({ dataDir, logger: logger.child({ component: 'store' }) });
    app = createApp(config, { logger, store, ...(opts.now ? { now: opts.now } : {}) });
    ctx.botUrl = botUrl;
    const timeZones = createTimeZoneSettings({
      repository: new KyselyTimeZoneRepository(store.kysely),
      defaultTimeZone: config.defaultTimeZone,
      logger,
    });
    ctx.timeZoneOf = (person) => timeZones.zoneFor(person);
    const { botStarted } = await app.start();
    await waitUntilReady(`${botUrl}/readyz`, opts.readyTimeoutMs ?? 20_000, botStarted);

    let stopped: Promise<void> | undefined;
    return {
      url: `${origin}/`,
      emulator,
      seed,
      app,
      botUrl,
      dataDir,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
}
