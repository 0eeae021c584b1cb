import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { botMessagesIn, freePort, startBot, startWorld, testEnv } from './harness.js';
const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
describe('lifecycle: start-up faults, restarts, several instances, SIGTERM', () => {
    let world;
    before(async () => {
        world = await startWorld();
    });
    after(async () => {
        await world.emulator.stop();
    });
    it('when Webex fails during start-up, then the bot stays up, reports not ready, and becomes ready once Webex recovers', async () => {
        world.emulator.injectFault({ method: 'GET', path: '/webhooks', status: 500, count: 6 });
        world.emulator.injectFault({ method: 'GET', path: '/people/me', status: 503, count: 6 });
        const bot = await startBot(world, {}, { waitReady: false });
        try {
            // Not ready, and saying why: the last start-up error, while it keeps retrying.
            const starting = await waitFor(async () => {
                const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
                const body = (await res.json());
                return res.status === 503 && typeof body['lastError'] === 'string' ? body : undefined;
            }, 'readyz to report the start-up error');
            assert.equal(starting['status'], 'starting');
            assert.match(String(starting['lastError']), /GET \/webhooks failed with 500/);
            assert.equal((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status, 200);
            await waitFor(async () => (await fetch(`http://127.0.0.1:${bot.port}/readyz`)).ok, 'readiness after recovery', 10_000);
            const before = botMessagesIn(world, world.annDm.id).length;
            await world.emulator.userSays(world.ann.id, world.annDm.id, 'help');
            await waitFor(() => botMessagesIn(world, world.annDm.id).length > before, 'help answered', 5000);
        }
        finally {
            await bot.stop();
        }
    });
    it('when it restarts, then it reuses its webhooks, never deletes any, and leaves foreign ones alone', async () => {
        const foreign = await fetch(`${world.emulator.baseUrl}/webhooks`, {
            method: 'POST',
            headers: { authorization: `Bearer ${world.bot.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
                name: 'someone else',
                targetUrl: 'http://127.0.0.1:9/other',
                resource: 'rooms',
                event: 'all',
            }),
        });
        assert.equal(foreign.status, 200);
        const port = await freePort();
        const publicUrl = `http://127.0.0.1:${port}`;
        const first = await startBot(world, { PUBLIC_URL: publicUrl, PORT: String(port) });
        await first.stop();
        world.emulator.clearLog();
        const second = await startBot(world, { PUBLIC_URL: publicUrl, PORT: String(port) });
        await second.stop();
        const calls = world.emulator.requests.filter((r) => r.path.startsWith('/webhooks'));
        assert.equal(calls.filter((r) => r.method === 'POST').length, 0, 'no webhook created on restart');
        assert.equal(calls.filter((r) => r.method === 'DELETE').length, 0, 'no webhook deleted on start or stop');
        const hooks = world.emulator.webhooksOf(world.bot.id);
        assert.ok(hooks.some((h) => h.name === 'someone else'));
        assert.equal(hooks.filter((h) => h.targetUrl === `${publicUrl}/webhooks/webex`).length, 3);
    });
    it('when two instances behind one URL start at once, then they share exactly one webhook per resource', async () => {
        const port = await freePort();
        const publicUrl = `http://127.0.0.1:${port}/shared`;
        const [a, b] = await Promise.all([
            startBot(world, { PUBLIC_URL: publicUrl }),
            startBot(world, { PUBLIC_URL: publicUrl }),
        ]);
        await Promise.all([a.stop(), b.stop()]);
        const ours = world.emulator.webhooksOf(world.bot.id).filter((h) => h.targetUrl.startsWith(publicUrl));
        assert.deepEqual(ours.map((h) => h.resource).sort(), ['attachmentActions', 'memberships', 'messages']);
    });
    it('when the real process gets SIGTERM, then it finishes the answer in flight, exits 0 and keeps its webhooks', async () => {
        const port = await freePort();
        const env = { ...process.env, ...testEnv(world, port), LOG_LEVEL: 'info' };
        const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (c) => (output += c.toString()));
        child.stderr.on('data', (c) => (output += c.toString()));
        try {
            await waitFor(async () => {
                if (child.exitCode !== null)
                    throw new Error(`the process exited (${child.exitCode}):\n${output}`);
                return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
            }, 'the process to be ready', 30_000);
            world.emulator.clearLog();
            // A slow reply (well within WEBEX_TIMEOUT_MS) keeps the work in flight while the signal arrives.
            world.emulator.injectFault({ method: 'POST', path: '/messages', delayMs: 1000, count: 1 });
            const before = botMessagesIn(world, world.annDm.id).length;
            await world.emulator.userSays(world.ann.id, world.annDm.id, 'help');
            // The signal arrives once the answer is on its way, not before the bot has even heard the question.
            await waitFor(() => world.emulator.requests.some((r) => r.method === 'POST' && r.path === '/messages'), 'the answer to be in flight', 15_000);
            child.kill('SIGTERM');
            const [code] = (await once(child, 'close'));
            assert.equal(code, 0, output);
            // Logging is asynchronous: what was still buffered at exit must have been written out.
            const lastLine = output.trim().split('\n').at(-1) ?? '';
            assert.equal(JSON.parse(lastLine).msg, 'stopped', output);
            assert.equal(botMessagesIn(world, world.annDm.id).length, before + 1, 'the in-flight answer was delivered');
            assert.equal(world.emulator.requests.filter((r) => r.method === 'DELETE').length, 0);
            assert.equal(world.emulator
                .webhooksOf(world.bot.id)
                .filter((h) => h.targetUrl === `http://127.0.0.1:${port}/webhooks/webex`).length, 3);
        }
        finally {
            if (child.exitCode === null)
                child.kill('SIGKILL');
            world.emulator.clearFaults();
        }
    });
    it('when a required variable is missing, then the process exits at once naming it', async () => {
        const child = spawn(process.execPath, [MAIN], {
            env: { PATH: process.env.PATH ?? '', PUBLIC_URL: 'http://127.0.0.1:1' },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c.toString()));
        const [code] = (await once(child, 'exit'));
        assert.equal(code, 78);
        assert.match(stderr, /WEBEX_BOT_TOKEN is missing/);
    });
});
//# sourceMappingURL=lifecycle.test.js.map