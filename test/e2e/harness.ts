import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { TokenRecords } from '../../src/auth/user-tokens.js';
import { loadConfig, type Config } from '../../src/config.js';
import { WebexEmulator } from '../../src/emulator/index.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { waitFor } from '../helpers/wait-for.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A seeded emulator: the bot, two people, a 1:1 space each with the bot, and a group space with all three. */
export async function startWorld() {
  const emulator = await WebexEmulator.start();
  const bot = emulator.addPerson({
    displayName: 'Rec Bot',
    email: 'recbot@webex.bot',
    type: 'bot',
    firstName: 'Rec',
  });
  const ann = emulator.addPerson({
    displayName: 'Ann Lee',
    email: 'ann@example.com',
    timezone: 'America/Los_Angeles',
    firstName: 'Ann',
    lastName: 'Lee',
  });
  const bob = emulator.addPerson({
    displayName: 'Bob Roy',
    email: 'bob@example.com',
    firstName: 'Bob',
    lastName: 'Roy',
  });
  const annDm = emulator.addRoom({ type: 'direct', memberIds: [ann.id, bot.id] });
  const bobDm = emulator.addRoom({ type: 'direct', memberIds: [bob.id, bot.id] });
  const group = emulator.addRoom({ type: 'group', title: 'Team sync', memberIds: [ann.id, bob.id, bot.id] });
  return { emulator, bot, ann, bob, annDm, bobDm, group };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

export function testEnv(
  world: World,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    WEBEX_BOT_TOKEN: world.bot.token,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBHOOK_SECRET,
    PORT: String(port),
    WEBEX_API_URL: world.emulator.baseUrl,
    DEFAULT_TIMEZONE: 'UTC',
    LOG_LEVEL: 'debug',
    WEBEX_TIMEOUT_MS: '400',
    WEBEX_MAX_RETRIES: '3',
    // Each bot its own embedded database unless the test shares one (a restart) by passing DATA_DIR.
    DATA_DIR: tempDataDir(),
    ...extra,
  };
}

const dataDirs: string[] = [];
/** A fresh directory for a bot's SQLite file, removed when the test process exits. */
export function tempDataDir(): string {
  if (dataDirs.length === 0) {
    process.once('exit', () => {
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'bot-e2e-'));
  dataDirs.push(dir);
  return dir;
}

export interface RunningBot {
  app: App;
  config: Config;
  port: number;
  webhookUrl: string;
  logs: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

/** Starts the real app (express + framework + client) in this process against the emulator, and waits until ready. */
export async function startBot(
  world: World,
  extra: Record<string, string> = {},
  opts: { waitReady?: boolean; now?: () => Date; tokenRecords?: TokenRecords } = {},
): Promise<RunningBot> {
  const config = loadConfig(testEnv(world, await freePort(), extra));
  const port = config.port;
  const logs = memoryLogger('debug');
  const app = createApp(config, {
    logger: logs.logger,
    startRetryDelayMs: () => 50,
    now: opts.now,
    tokenRecords: opts.tokenRecords,
  });
  await app.start();
  const webhookUrl = `${config.publicUrl}${config.webhookPath}`;
  if (opts.waitReady !== false) {
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
      'the bot to be ready',
      8000,
    );
  }
  return { app, config, port, webhookUrl, logs, stop: () => app.stop() };
}

/** Messages the bot posted into a room, in order. */
export function botMessagesIn(world: World, roomId: string) {
  return world.emulator.messagesIn(roomId).filter((m) => m.personId === world.bot.id);
}
