import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import { createApp, type App, type AppDeps } from '../../src/app.js';
import { freePort } from '../../src/util/free-port.js';
import type { TokenRecords } from '../../src/features/sign-in/user-tokens.js';
import { configSecrets, loadConfig, type Config } from '../../src/config.js';
import type { Store } from '../../src/store/store.js';
import { WebexEmulator, type WebexMessage } from '../../dev/emulator/index.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { waitFor } from '../helpers/wait-for.js';

export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

export { freePort };

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

  // An org admin whose token may list anyone's recordings (WEBEX_ADMIN_TOKEN in the tests that need it).
  const admin = emulator.addPerson({
    displayName: 'Org Admin',
    email: 'admin@example.com',
    scopes: ['spark:all', 'meeting:admin_recordings_read'],
  });
  const annDm = emulator.addRoom({ type: 'direct', memberIds: [ann.id, bot.id] });
  const bobDm = emulator.addRoom({ type: 'direct', memberIds: [bob.id, bot.id] });
  const group = emulator.addRoom({ type: 'group', title: 'Team sync', memberIds: [ann.id, bob.id, bot.id] });
  return { emulator, bot, ann, bob, admin, annDm, bobDm, group };
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
    // Generous: on a busy machine a healthy request can take a second; tests of time-outs set their own.
    WEBEX_TIMEOUT_MS: '5000',
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

/**
 * The digest ticker's period in tests that wait for a digest: DIGEST_TICK_SECONDS cannot go below 1 s (a guard for
 * production), and a digest due "now" would then wait up to a second for the next tick.
 */
export const QUICK_DIGEST_TICK_MS = 50;

export interface RunningBot {
  app: App;
  config: Config;
  port: number;
  webhookUrl: string;
  logs: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  waitReady?: boolean;
  now?: () => Date;
  tokenRecords?: TokenRecords;
  store?: Store;
  maxSpaceObjects?: number;
  /** How often the digest ticker runs (AppDeps.digestTickMs); DIGEST_TICK_SECONDS unless given. */
  digestTickMs?: number;
  /** Makes the time-out signal of each Webex call: test/helpers/fired-timeouts.ts lets the test fire them. */
  webexTimeoutSignal?: AppDeps['webexTimeoutSignal'];
}

/** Starts the real app (express + framework + client) in this process against the emulator, and waits until ready. */
export async function startBot(
  world: World,
  extra: Record<string, string> = {},
  opts: StartBotOptions = {},
): Promise<RunningBot> {
  const config = loadConfig(testEnv(world, await freePort(), extra));
  const port = config.port;
  const logs = memoryLogger('debug', configSecrets(config));
  const app = createApp(config, {
    logger: logs.logger,
    startRetryDelayMs: () => 50,
    now: opts.now,
    tokenRecords: opts.tokenRecords,
    store: opts.store,
    maxSpaceObjects: opts.maxSpaceObjects,
    digestTickMs: opts.digestTickMs,
    webexTimeoutSignal: opts.webexTimeoutSignal,
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

export interface BotSetup {
  /** Seeds the world (recordings, people, spaces) before the bot starts. */
  seed?: (world: World) => void | Promise<void>;
  /** The bot's environment beyond testEnv's. */
  env?: (world: World) => Record<string, string>;
  opts?: (world: World) => StartBotOptions;
  /** A new world and bot for every test (so that no test sees what another did) instead of one for the describe. */
  each?: boolean;
}

/** The world and the bot withBot keeps for the tests of a describe; `bot` may be replaced (a restart). */
export interface BotFixture {
  readonly world: World;
  bot: RunningBot;
}

/**
 * Starts a seeded world and the bot before the tests of the enclosing describe (or before each test) and stops both
 * after them: the set-up the e2e files would otherwise each write out.
 */
export function withBot(setup: BotSetup = {}): BotFixture {
  let world: World | undefined;
  let bot: RunningBot | undefined;
  const started = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`withBot: no ${what} outside the tests of its describe`);
    return v;
  };
  (setup.each ? beforeEach : before)(async () => {
    world = await startWorld();
    await setup.seed?.(world);
    bot = await startBot(world, setup.env?.(world) ?? {}, setup.opts?.(world) ?? {});
  });
  (setup.each ? afterEach : after)(async () => {
    await bot?.stop();
    await world?.emulator.stop();
    [bot, world] = [undefined, undefined];
  });
  return {
    get world() {
      return started(world, 'world');
    },
    get bot() {
      return started(bot, 'bot');
    },
    set bot(b: RunningBot) {
      bot = b;
    },
  };
}

/** Messages the bot posted into a room, in order. */
export function botMessagesIn(world: World, roomId: string) {
  return world.emulator.messagesIn(roomId).filter((m) => m.personId === world.bot.id);
}

/** Says something as a person (with the @mention in group spaces) and waits for the bot's next message there. */
export async function askBot(world: World, roomId: string, personId: string, text: string, mention = false) {
  const before = botMessagesIn(world, roomId).length;
  await world.emulator.userSays(personId, roomId, text, mention ? { mention: [world.bot.id] } : undefined);
  await waitFor(() => botMessagesIn(world, roomId).length > before, `a reply to "${text}"`, 8000);
  return botMessagesIn(world, roomId).slice(before);
}

export interface CardAction {
  type: string;
  title?: string;
  url?: string;
  data?: Record<string, unknown>;
}

/** The Adaptive Card a message carries (fails the test when there is none). */
export function cardOf(message: WebexMessage | undefined): Record<string, unknown> {
  const attachment = message?.attachments?.[0] as { content?: Record<string, unknown> } | undefined;
  if (!attachment?.content) throw new Error(`expected a card, got: ${message?.markdown ?? message?.text}`);
  return attachment.content;
}

/** Every Action.* in a card or message, wherever it is nested (Submit data is not searched). */
export function actionsOf(node: unknown, out: CardAction[] = []): CardAction[] {
  if (Array.isArray(node)) for (const n of node) actionsOf(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as unknown as CardAction);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') actionsOf(v, out);
  }
  return out;
}
