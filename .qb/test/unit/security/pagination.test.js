/** Finding 5: Link rel="next" is followed only on WEBEX_API_URL's origin, never in a loop, and never without end. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebexApiError, WebexClient } from '../../../src/webex/webex-client.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
function linkingFetch(nextFor) {
    const calls = [];
    const impl = (async (input, init) => {
        const req = new Request(input, init);
        calls.push({ url: req.url, authorization: req.headers.get('authorization') });
        if (calls.length > 500)
            throw new Error('runaway pagination');
        const next = nextFor(new URL(req.url), calls.length);
        return new Response(JSON.stringify({ items: [{ id: `i${calls.length}` }] }), {
            status: 200,
            headers: { 'content-type': 'application/json', ...(next ? { link: `<${next}>; rel="next"` } : {}) },
        });
    });
    return { impl, calls };
}
const client = (impl, maxPages) => new WebexClient({
    baseUrl: 'http://127.0.0.1:9/v1',
    token: 'secret-token',
    timeoutMs: 1000,
    maxRetries: 0,
    logger: memoryLogger().logger,
    fetch: impl,
    ...(maxPages ? { maxPages } : {}),
});
async function drain(it) {
    let n = 0;
    for await (const items of it)
        n += items.length;
    return n;
}
describe('pagination trust (finding 5)', () => {
    for (const evil of [
        'http://evil.example/v1/recordings?offset=2',
        'https://127.0.0.1:9/v1/recordings?offset=2',
        'http://127.0.0.1:10/v1/recordings?offset=2',
        'http://127.0.0.1:9@evil.example/v1/recordings',
    ]) {
        it(`when the next link leaves WEBEX_API_URL's origin (${evil}), then it is not followed and the token stays home`, async () => {
            const api = linkingFetch((_u, n) => (n === 1 ? evil : undefined));
            await assert.rejects(drain(client(api.impl).paginate('/recordings')), WebexApiError);
            assert.equal(api.calls.length, 1);
            assert.ok(api.calls.every((c) => new URL(c.url).origin === 'http://127.0.0.1:9'));
        });
    }
    it('when the next link points at the page itself, then the loop is refused after one page', async () => {
        const api = linkingFetch((u) => u.href);
        await assert.rejects(drain(client(api.impl).paginate('/recordings', { max: 100 })), /loop/);
        assert.ok(api.calls.length <= 2, String(api.calls.length));
    });
    it('when the pages never end, then it stops at the page cap with an error', async () => {
        const api = linkingFetch((u, n) => `${u.origin}/v1/recordings?offset=${n}`);
        await assert.rejects(drain(client(api.impl, 7).paginate('/recordings')), /pages/);
        assert.equal(api.calls.length, 7);
    });
    it('when a caller passes an absolute URL of another host, then no request is made', async () => {
        const api = linkingFetch(() => undefined);
        await assert.rejects(client(api.impl).request('GET', 'http://evil.example/v1/people/me'), WebexApiError);
        assert.equal(api.calls.length, 0);
    });
    it('when the next link stays on the origin, then it is followed', async () => {
        const api = linkingFetch((u, n) => (n < 3 ? `${u.origin}/v1/recordings?offset=${n}` : undefined));
        assert.equal(await drain(client(api.impl).paginate('/recordings')), 3);
    });
});
//# sourceMappingURL=pagination.test.js.map