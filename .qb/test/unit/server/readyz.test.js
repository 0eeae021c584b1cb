import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServer } from '../../../src/server/create-server.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
async function readyz(isReady, health) {
    const app = createServer({
        webhookPath: '/webhooks/webex',
        webhookSecret: 'secret',
        logger: memoryLogger().logger,
        isReady: () => isReady,
        storeHealth: async () => health,
        onWebhook: () => undefined,
    });
    const server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
        const { port } = server.address();
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        return { status: res.status, body: await res.json() };
    }
    finally {
        server.close();
    }
}
describe('/readyz includes the store’s health', () => {
    it('when the bot is started and the store answers, then 200', async () => {
        assert.deepEqual(await readyz(true, { ok: true }), {
            status: 200,
            body: { status: 'ready', store: { ok: true } },
        });
    });
    it('when the store cannot be reached, then 503 with the reason, so a load balancer routes around it', async () => {
        assert.deepEqual(await readyz(true, { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' }), {
            status: 503,
            body: {
                status: 'store unavailable',
                store: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' },
            },
        });
    });
    it('when the bot is still starting, then 503 starting', async () => {
        assert.equal((await readyz(false, { ok: true })).status, 503);
    });
});
//# sourceMappingURL=readyz.test.js.map