import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebexEmulator, type EmulatedPerson, type EmulatorOptions } from '../../../dev/emulator/index.js';
import { repoRoot } from '../../helpers/repo-root.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One real HTTP request to the emulator; `path` is relative to the API base (`/people/me`) or absolute. */
export async function call(
  emu: WebexEmulator,
  token: string | undefined,
  method: string,
  pathOrUrl: string,
  opts: CallOptions = {},
): Promise<ApiResponse> {
  const url = new URL(pathOrUrl.startsWith('http') ? pathOrUrl : emu.baseUrl + pathOrUrl);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const text = await res.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body, text };
}

export function asRecord(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not an object: ${String(v)}`);
  return v as Record<string, unknown>;
}

export function itemsOf(v: unknown): Record<string, unknown>[] {
  const items = asRecord(v)['items'];
  if (!Array.isArray(items)) throw new Error('no items array');
  return items.map(asRecord);
}

/** Parses `Link: <url>; rel="next"`. */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get('link');
  if (!link) return undefined;
  const m = /<([^>]+)>;\s*rel="next"/.exec(link);
  return m?.[1];
}

export interface Seed {
  bot: EmulatedPerson;
  alice: EmulatedPerson;
  bob: EmulatedPerson;
  dmAlice: string;
  dmBob: string;
  group: string;
}

export function seed(emu: WebexEmulator): Seed {
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

export async function startEmulator(opts: EmulatorOptions = {}): Promise<WebexEmulator> {
  return WebexEmulator.start({ webhookTimeoutMs: 2000, ...opts });
}

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: Record<string, unknown>;
}

/** A local webhook target that records what it receives. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  status = 200;
  delayMs = 0;
  /** When set, the reply to a delivery waits for what it returns (to hold some deliveries open on purpose). */
  holdReply: ((hook: ReceivedHook) => Promise<void> | undefined) | undefined;
  url = '';
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks);
        const hook: ReceivedHook = {
          path: req.url ?? '',
          headers: req.headers,
          rawBody,
          body: asRecord(JSON.parse(rawBody.toString('utf8'))),
        };
        this.received.push(hook);
        const reply = () => {
          res.statusCode = this.status;
          res.end('ok');
        };
        const held = this.holdReply?.(hook);
        if (held) void held.then(reply);
        else if (this.delayMs > 0) setTimeout(reply, this.delayMs);
        else reply();
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.server.address() as AddressInfo;
    receiver.url = `http://127.0.0.1:${port}/hook`;
    return receiver;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

/** Cisco's documents vendored in the repository (openapi/webex, CC BY 4.0); WEBEX_OPENAPI_DIR points at other copies. */
export function openApiDir(): string {
  return process.env['WEBEX_OPENAPI_DIR'] ?? path.join(repoRoot(), 'openapi', 'webex');
}
