import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  MAX_RESPONSE_BODY_BYTES,
  ResponseTooLargeError,
  createNodeHttpFetch,
  nodeHttpFetch,
} from '../../../src/webex/node-http-fetch.js';
import { freePort } from '../../../src/util/free-port.js';
import { waitFor } from '../../helpers/wait-for.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

describe('nodeHttpFetch (the WebexClient transport)', () => {
  const seen: Seen[] = [];
  const closed: Socket[] = [];
  let server: http.Server;
  let base: string;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socket: req.socket,
        });
        switch ((req.url ?? '').split('?')[0]) {
          case '/json':
            res.setHeader('trackingid', 'T-1');
            res.setHeader('set-cookie', ['a=1', 'b=2']);
            res.writeHead(201, 'Created Here', { 'content-type': 'application/json' });
            res.end(JSON.stringify({ said: Buffer.concat(chunks).toString('utf8'), ü: 'ünïcödé' }));
            return;
          case '/redirect':
            res.writeHead(302, { location: `${base}/json` });
            res.end();
            return;
          case '/slow':
            return; // never answers
          case '/half':
            res.writeHead(200, { 'content-length': '100' });
            res.write('{"partial":');
            setImmediate(() => req.socket.destroy());
            return;
          default:
            res.writeHead(404);
            res.end('{"message":"not here"}');
        }
      });
    });
    server.on('connection', (s: Socket) => s.on('close', () => closed.push(s)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const init = (over: Partial<Parameters<typeof nodeHttpFetch>[1]> = {}) => ({
    method: 'GET',
    headers: { authorization: 'Bearer tok', accept: 'application/json' },
    body: undefined,
    signal: AbortSignal.timeout(5000),
    ...over,
  });

  it('sends the method, headers and body, and reads status, headers and body as fetch would', async () => {
    seen.length = 0;
    const res = await nodeHttpFetch(
      new URL(`${base}/json?x=1`),
      init({ method: 'POST', body: '{"text":"hé"}', headers: { 'content-type': 'application/json' } }),
    );
    assert.equal(res.status, 201);
    assert.equal(res.ok, true);
    assert.equal(res.statusText, 'Created Here');
    assert.equal(res.headers.get('TrackingID'), 'T-1');
    assert.equal(res.headers.get('set-cookie'), 'a=1, b=2');
    assert.equal(res.headers.get('link'), null);
    assert.deepEqual(JSON.parse(await res.text()), { said: '{"text":"hé"}', ü: 'ünïcödé' });
    const [req] = seen;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.url, '/json?x=1');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.headers['content-length'], String(Buffer.byteLength('{"text":"hé"}')));
  });

  it('answers a non-2xx status as a response, not an error', async () => {
    const res = await nodeHttpFetch(new URL(`${base}/missing`), init());
    assert.equal(res.status, 404);
    assert.equal(res.ok, false);
    assert.equal(await res.text(), '{"message":"not here"}');
  });

  it('does not follow a redirect: the 3xx comes back as it is, and only one request was made', async () => {
    seen.length = 0;
    const res = await nodeHttpFetch(new URL(`${base}/redirect`), init());
    assert.equal(res.status, 302);
    assert.equal(res.ok, false);
    assert.equal(res.headers.get('location'), `${base}/json`);
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/redirect'],
    );
  });

  it('keeps the connection alive between calls', async () => {
    seen.length = 0;
    await (await nodeHttpFetch(new URL(`${base}/json`), init())).text();
    await (await nodeHttpFetch(new URL(`${base}/json`), init())).text();
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.socket, seen[1]?.socket);
  });

  it('rejects with the signal’s reason on a time-out, and drops the connection', async () => {
    seen.length = 0;
    closed.length = 0;
    // The time-out fires once the server holds the request (a fixed short timer could fire before it arrived, under
    // load); the reason is the one AbortSignal.timeout gives.
    const controller = new AbortController();
    const answer = nodeHttpFetch(new URL(`${base}/slow`), init({ signal: controller.signal }));
    const socket = (await waitFor(() => seen[0], 'the server to hold the request')).socket;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    await assert.rejects(answer, (e: unknown) => {
      assert.equal((e as Error).name, 'TimeoutError');
      return true;
    });
    if (!closed.includes(socket)) await once(socket, 'close');
  });

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    seen.length = 0;
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      nodeHttpFetch(new URL(`${base}/json`), init({ signal: controller.signal })),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
    assert.equal(seen.length, 0);
  });

  it('reports a refused connection as fetch does: TypeError with the socket error as cause', async () => {
    const port = await freePort();
    await assert.rejects(nodeHttpFetch(new URL(`http://127.0.0.1:${port}/x`), init()), (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.equal((e.cause as { code?: string }).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('rejects when the connection closes before the body ended', async () => {
    await assert.rejects(
      nodeHttpFetch(new URL(`${base}/half`), init()),
      (e: unknown) => e instanceof TypeError,
    );
  });
});

describe('nodeHttpFetch: an answer longer than the body cap', () => {
  const CAP = 64 * 1024;
  // Far more than loopback's socket buffers can hold (a few MB), so the server can only finish if the client reads.
  const ENDLESS = 64 * 1024 * 1024;
  const CHUNK = Buffer.alloc(16 * 1024, 'x');
  const capped = createNodeHttpFetch({ maxBodyBytes: CAP });
  /** What the server managed to write of each answer, and whether it got to the end. */
  const streams: Array<{ written: number; finished: boolean; closed: Promise<void> }> = [];
  let server: http.Server;
  let base: string;

  before(async () => {
    server = http.createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/exact') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`"${'y'.repeat(CAP - 2)}"`);
        return;
      }
      // Not events.once: a reset socket emits 'error' (ECONNRESET) first, which is expected here.
      const closed = new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
      const stream = { written: 0, finished: false, closed };
      streams.push(stream);
      if (path === '/declared') {
        // Says how long it will be, then sends slowly: the client can refuse before any of it arrives.
        res.writeHead(200, { 'content-length': String(ENDLESS) });
        res.write(CHUNK);
        stream.written += CHUNK.length;
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length to judge by
      const pump = () => {
        while (!res.destroyed && stream.written < ENDLESS) {
          stream.written += CHUNK.length;
          if (!res.write(CHUNK)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) {
          stream.finished = true;
          res.end();
        }
      };
      pump();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const get = (path: string) =>
    capped(new URL(`${base}${path}`), {
      method: 'GET',
      headers: { accept: 'application/json' },
      body: undefined,
      signal: AbortSignal.timeout(30_000),
    });

  const tooLarge = (e: unknown) => {
    assert.ok(e instanceof ResponseTooLargeError);
    assert.equal(e.status, 200);
    assert.equal(e.limitBytes, CAP);
    assert.match(e.message, /longer than 65536 bytes/);
    return true;
  };

  it('has a default cap of 32 MiB', () => {
    assert.equal(MAX_RESPONSE_BODY_BYTES, 32 * 1024 * 1024);
  });

  it('rejects a streamed body once it passes the cap, and drops the connection before the server is done', async () => {
    streams.length = 0;
    await assert.rejects(get('/endless'), tooLarge);
    const [stream] = streams;
    assert.ok(stream);
    await stream.closed;
    assert.equal(stream.finished, false);
    assert.ok(stream.written < ENDLESS, `the server wrote ${stream.written} bytes`);
  });

  it('rejects at once when the declared Content-Length passes the cap', async () => {
    streams.length = 0;
    await assert.rejects(get('/declared'), tooLarge);
    const [stream] = streams;
    assert.ok(stream);
    await stream.closed;
    assert.equal(stream.written, CHUNK.length);
  });

  it('reads a body of exactly the cap, on a fresh connection after a dropped one', async () => {
    const res = await get('/exact');
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(await res.text()) as string).length, CAP - 2);
  });
});
