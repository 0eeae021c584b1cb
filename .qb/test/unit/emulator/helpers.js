import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebexEmulator } from '../../../dev/emulator/index.js';
/** One real HTTP request to the emulator; `path` is relative to the API base (`/people/me`) or absolute. */
export async function call(emu, token, method, pathOrUrl, opts = {}) {
    const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : emu.baseUrl + pathOrUrl);
    for (const [k, v] of Object.entries(opts.query ?? {}))
        url.searchParams.set(k, String(v));
    const headers = { ...(opts.headers ?? {}) };
    if (token !== undefined)
        headers['authorization'] = `Bearer ${token}`;
    if (opts.body !== undefined)
        headers['content-type'] = 'application/json';
    const res = await fetch(url, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const text = await res.text();
    let body = undefined;
    if (text !== '') {
        try {
            body = JSON.parse(text);
        }
        catch {
            body = text;
        }
    }
    return { status: res.status, headers: res.headers, body, text };
}
export function asRecord(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new Error(`not an object: ${String(v)}`);
    return v;
}
export function itemsOf(v) {
    const items = asRecord(v)['items'];
    if (!Array.isArray(items))
        throw new Error('no items array');
    return items.map(asRecord);
}
/** Parses `Link: <url>; rel="next"`. */
export function nextLink(headers) {
    const link = headers.get('link');
    if (!link)
        return undefined;
    const m = /<([^>]+)>;\s*rel="next"/.exec(link);
    return m?.[1];
}
export function seed(emu) {
    const bot = emu.addPerson({ displayName: 'Rec Bot', email: 'recbot@webex.bot', type: 'bot' });
    const alice = emu.addPerson({
        displayName: 'Alice Andersen',
        email: 'alice@example.com',
        timezone: 'Europe/Berlin',
    });
    const bob = emu.addPerson({ displayName: 'Bob Brown', email: 'bob@example.com' });
    const dmAlice = emu.addRoom({ type: 'direct', memberIds: [alice.id, bot.id] }).id;
    const dmBob = emu.addRoom({ type: 'direct', memberIds: [bob.id, bot.id] }).id;
    const group = emu.addRoom({ type: 'group', title: 'Falcon', memberIds: [alice.id, bob.id, bot.id] }).id;
    return { bot, alice, bob, dmAlice, dmBob, group };
}
export async function startEmulator(opts = {}) {
    return WebexEmulator.start({ webhookTimeoutMs: 2000, ...opts });
}
/** A local webhook target that records what it receives. */
export class WebhookReceiver {
    received = [];
    status = 200;
    delayMs = 0;
    url = '';
    server;
    constructor() {
        this.server = createServer((req, res) => {
            const chunks = [];
            req.on('data', (c) => chunks.push(c));
            req.on('end', () => {
                const rawBody = Buffer.concat(chunks);
                this.received.push({
                    path: req.url ?? '',
                    headers: req.headers,
                    rawBody,
                    body: asRecord(JSON.parse(rawBody.toString('utf8'))),
                });
                const reply = () => {
                    res.statusCode = this.status;
                    res.end('ok');
                };
                if (this.delayMs > 0)
                    setTimeout(reply, this.delayMs);
                else
                    reply();
            });
        });
    }
    static async start() {
        const receiver = new WebhookReceiver();
        await new Promise((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
        const { port } = receiver.server.address();
        receiver.url = `http://127.0.0.1:${port}/hook`;
        return receiver;
    }
    async stop() {
        const closed = new Promise((resolve) => this.server.close(() => resolve()));
        this.server.closeAllConnections();
        await closed;
    }
}
/** The repository root: the nearest ancestor of this file holding package.json (works from src and .build). */
export function repoRoot() {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        if (existsSync(path.join(dir, 'package.json')))
            return dir;
        const parent = path.dirname(dir);
        if (parent === dir)
            throw new Error('package.json not found above the test file');
        dir = parent;
    }
}
/** Cisco's documents vendored in the repository (openapi/webex, CC BY 4.0); WEBEX_OPENAPI_DIR points at other copies. */
export function openApiDir() {
    return process.env['WEBEX_OPENAPI_DIR'] ?? path.join(repoRoot(), 'openapi', 'webex');
}
//# sourceMappingURL=helpers.js.map