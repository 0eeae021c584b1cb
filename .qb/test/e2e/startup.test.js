/**
 * The real process (`node main.js`) at start: each way it cannot work stops it with the variable to fix on stderr,
 * exit 78 when the configuration is wrong and 1 when the trouble is at run time; `.env` is read without overriding
 * the real environment.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASE_URL } from '../store/backends.js';
import { waitFor } from '../helpers/wait-for.js';
import { freePort, startWorld, tempDataDir, testEnv } from './harness.js';
const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
/** Runs the bot process until it exits by itself (killed after a generous bound, which then fails the test). */
async function runToExit(env, cwd) {
    const child = spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH ?? '', ...env },
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c) => (stderr += c.toString()));
    child.stdout.on('data', (c) => (stdout += c.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
        const [code] = (await once(child, 'exit'));
        return { code, stderr, stdout };
    }
    finally {
        clearTimeout(guard);
    }
}
describe('start-up of the real process: fail loudly, naming the variable', () => {
    let world;
    before(async () => {
        world = await startWorld();
    });
    after(async () => {
        await world.emulator.stop();
    });
    const env = async (extra = {}) => ({
        ...testEnv(world, await freePort()),
        LOG_LEVEL: 'info',
        ...extra,
    });
    it('when PORT is already in use, then it exits 1 naming PORT', async () => {
        const taken = createServer();
        await new Promise((r) => taken.listen(0, r));
        const addr = taken.address();
        const port = typeof addr === 'object' && addr ? addr.port : 0;
        try {
            const run = await runToExit(await env({ PORT: String(port) }));
            assert.equal(run.code, 1, run.stderr);
            assert.match(run.stderr, new RegExp(`PORT ${port} is already in use`));
        }
        finally {
            taken.close();
        }
    });
    it('when DATABASE_URL names a role Postgres refuses, then it exits 78 naming DATABASE_URL (and no password)', async () => {
        const url = new URL(TEST_DATABASE_URL);
        url.username = 'no_such_role_for_the_bot';
        url.password = 'hunter2-secret';
        const run = await runToExit(await env({ DATABASE_URL: url.toString() }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /DATABASE_URL: Postgres at .* refused/);
        assert.doesNotMatch(run.stderr + run.stdout, /hunter2-secret/);
    });
    it('when DATABASE_URL names a database that does not exist, then it exits 78 naming DATABASE_URL', async () => {
        const url = new URL(TEST_DATABASE_URL);
        url.pathname = '/no_such_database_for_the_bot';
        const run = await runToExit(await env({ DATABASE_URL: url.toString() }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /DATABASE_URL: .*has no such database/);
    });
    it('when DATABASE_URL is unreachable, then it exits 1 naming DATABASE_URL', async () => {
        const run = await runToExit(await env({ DATABASE_URL: `postgres://bot@127.0.0.1:${await freePort()}/bot` }));
        assert.equal(run.code, 1, run.stderr);
        assert.match(run.stderr, /DATABASE_URL: Postgres at 127\.0\.0\.1:\d+\/bot is unreachable/);
    });
    it('when DATA_DIR is under a file, then it exits 78 naming DATA_DIR', async () => {
        const file = join(tempDataDir(), 'a-file');
        writeFileSync(file, 'not a directory');
        const run = await runToExit(await env({ DATA_DIR: join(file, 'data') }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /DATA_DIR \(.*a-file\/data\) cannot hold the bot's SQLite file/);
    });
    it('when Webex rejects WEBEX_BOT_TOKEN (401), then it exits 78 naming it instead of retrying forever', async () => {
        const run = await runToExit(await env({ WEBEX_BOT_TOKEN: 'revoked-or-mistyped-token' }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /Webex rejected WEBEX_BOT_TOKEN \(401/);
    });
    it('when PUBLIC_URL is the .env.example placeholder, then it exits 78 naming PUBLIC_URL', async () => {
        const run = await runToExit(await env({ PUBLIC_URL: 'https://my-recordings-bot.example.com' }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /PUBLIC_URL .* is a placeholder/);
    });
    it('when NODE_ENV=production and PUBLIC_URL is http://, then it exits 78 naming PUBLIC_URL', async () => {
        const run = await runToExit(await env({ NODE_ENV: 'production', PUBLIC_URL: 'http://bot.acme-corp.io' }));
        assert.equal(run.code, 78, run.stderr);
        assert.match(run.stderr, /PUBLIC_URL must be https:\/\//);
    });
    it('when .env exists in the working directory, then it is read, and the real environment wins over it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bot-dotenv-'));
        try {
            const port = await freePort();
            const full = testEnv(world, port);
            // Everything the bot needs comes from the file, except PORT, which the real environment overrides.
            writeFileSync(join(dir, '.env'), `# as an operator writes it\n${Object.entries({ ...full, PORT: '1', LOG_LEVEL: 'info' })
                .map(([k, v]) => `${k}=${v}`)
                .join('\n')}\n`);
            const child = spawn(process.execPath, [MAIN], {
                env: { PATH: process.env.PATH ?? '', PORT: String(port) },
                cwd: dir,
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            let output = '';
            child.stdout.on('data', (c) => (output += c.toString()));
            child.stderr.on('data', (c) => (output += c.toString()));
            try {
                await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok || child.exitCode !== null, 'the bot configured from .env to be ready', 30_000);
                assert.equal(child.exitCode, null, output);
                const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json());
                assert.equal(ready['webhookUrl'], `http://127.0.0.1:${port}/webhooks/webex`);
            }
            finally {
                child.kill('SIGTERM');
                if (child.exitCode === null)
                    await once(child, 'exit');
            }
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=startup.test.js.map