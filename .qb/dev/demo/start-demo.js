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
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { WebexEmulator } from '../emulator/index.js';
import { createLogger } from '../../src/logger.js';
import { demoRoutes, DEMO_RECORDINGS } from './demo-routes.js';
import { seedDemo } from './seed.js';
export const DEFAULT_DEMO_PORT = 8090;
async function startEmulator(port, ctx, now) {
    const opts = { host: '127.0.0.1', extraRoutes: demoRoutes(ctx), ...(now ? { now } : {}) };
    try {
        return await WebexEmulator.start({ ...opts, port });
    }
    catch (err) {
        if (err.code !== 'EADDRINUSE' || port === 0)
            throw err;
        return WebexEmulator.start({ ...opts, port: 0 });
    }
}
async function waitUntilReady(url, timeoutMs, botStarted) {
    const deadline = Date.now() + timeoutMs;
    let started = false;
    void botStarted.then(() => (started = true));
    while (Date.now() < deadline) {
        if (started) {
            const ok = await fetch(url).then((r) => r.ok, () => false);
            if (ok)
                return;
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`The bot was not ready within ${timeoutMs} ms (${url})`);
}
export async function startDemo(opts = {}) {
    const ctx = {};
    const emulator = await startEmulator(opts.port ?? DEFAULT_DEMO_PORT, ctx, opts.now);
    const origin = emulator.baseUrl.replace(/\/v1$/, '');
    let dataDir;
    let app;
    const cleanup = async () => {
        await app?.stop();
        await emulator.stop();
        if (dataDir)
            await rm(dataDir, { recursive: true, force: true });
    };
    try {
        const now = opts.now ?? (() => new Date());
        const seed = seedDemo(emulator, now(), `${origin}${DEMO_RECORDINGS}`);
        ctx.emulator = emulator;
        ctx.seed = seed;
        dataDir = await mkdtemp(join(tmpdir(), 'webex-recordings-demo-'));
        const botPort = await freePort();
        const config = loadConfig({
            NODE_ENV: 'development',
            LOG_LEVEL: opts.logLevel ?? process.env['LOG_LEVEL'] ?? 'warn',
            DEFAULT_TIMEZONE: 'UTC',
            ...opts.env,
            WEBEX_BOT_TOKEN: seed.bot.token,
            WEBEX_ADMIN_TOKEN: seed.admin.token,
            WEBEX_API_URL: emulator.baseUrl,
            PUBLIC_URL: `http://127.0.0.1:${botPort}`,
            PORT: String(botPort),
            WEBHOOK_SECRET: randomBytes(32).toString('hex'),
            DATA_DIR: dataDir,
        });
        const logger = opts.logger ?? createLogger(config.logLevel);
        app = createApp(config, { logger, ...(opts.now ? { now: opts.now } : {}) });
        const { botStarted } = await app.start();
        const botUrl = `http://127.0.0.1:${botPort}`;
        await waitUntilReady(`${botUrl}/readyz`, opts.readyTimeoutMs ?? 20_000, botStarted);
        let stopped;
        return {
            url: `${origin}/`,
            emulator,
            seed,
            app,
            botUrl,
            dataDir,
            stop: () => (stopped ??= cleanup()),
        };
    }
    catch (err) {
        await cleanup().catch(() => undefined);
        throw err;
    }
}
//# sourceMappingURL=start-demo.js.map