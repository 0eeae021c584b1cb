import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import { WebexApiError, webexErrorBody, defaultMessageFor } from './errors.js';
import { FaultRegistry } from './faults.js';
import { locals, queryOf, sendApiError, sendError, sendJson, type RouteContext } from './http.js';
import { newTrackingId } from './ids.js';
import { attachmentActionsRoutes } from './routes/attachment-actions.js';
import { membershipsRoutes } from './routes/memberships.js';
import { messagesRoutes } from './routes/messages.js';
import { peopleRoutes } from './routes/people.js';
import { recordingsRoutes } from './routes/recordings.js';
import { roomsRoutes } from './routes/rooms.js';
import { u2cRoutes } from './routes/u2c.js';
import { webhooksRoutes } from './routes/webhooks.js';
import { oauthRequestPreparation, oauthRoutes } from './routes/oauth.js';
import {
  OAuthRegistry,
  type AddIntegrationInput,
  type IntegrationCredentials,
  type IssueTokenOptions,
  type OAuthTokenResponse,
  type TokenLifetimes,
} from './oauth.js';
import { EmulatorStore, type PersonRecord } from './store.js';
import type {
  AddPersonInput,
  AddRecordingInput,
  AddRoomInput,
  AttachmentAction,
  EmulatedPerson,
  EmulatorOptions,
  FaultSpec,
  RecordedRequest,
  RecordingObject,
  WebexMembership,
  WebexMessage,
  WebexRoom,
  WebhookDelivery,
  WebhookObject,
} from './types.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export type { EmulatorOptions, FaultSpec } from './types.js';

const API_PREFIX = '/v1';
const U2C_PREFIX = '/u2c/api/v1';

export interface WaitForMessageOptions {
  /** Only messages created after this one count. */
  afterMessageId?: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/** The Webex REST API the emulator serves under /v1 (the conformance test reads its operations from here). */
export const API_ROUTES = [
  peopleRoutes,
  roomsRoutes,
  membershipsRoutes,
  messagesRoutes,
  attachmentActionsRoutes,
  webhooksRoutes,
  recordingsRoutes,
] as const;

/**
 * A stateful stand-in for the Webex REST API on a real local HTTP server. The bot under test talks to
 * `baseUrl` as it would to https://webexapis.com/v1; tests play users through the methods below.
 */
export class WebexEmulator {
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: WebhookDelivery[] = [];

  private readonly store: EmulatorStore;
  private readonly dispatcher: WebhookDispatcher;
  private readonly faults = new FaultRegistry();
  private readonly oauth: OAuthRegistry;
  private readonly stopping = new AbortController();
  private server: Server | undefined;
  private url = '';

  private constructor(private readonly opts: EmulatorOptions) {
    this.store = new EmulatorStore(opts.now ?? (() => new Date()), () => this.url);
    this.dispatcher = new WebhookDispatcher(this.store, this.deliveries, opts.webhookTimeoutMs ?? 5000);
    this.oauth = new OAuthRegistry(this.store);
  }

  static async start(opts: EmulatorOptions = {}): Promise<WebexEmulator> {
    const emulator = new WebexEmulator(opts);
    await emulator.listen();
    return emulator;
  }

  /** API base including `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  get baseUrl(): string {
    return this.url;
  }

  /** Service-catalog stub for the Webex JS SDK: set `U2C_SERVICE_URL` to this (and `HYDRA_SERVICE_URL` to baseUrl). */
  get u2cUrl(): string {
    return this.url.slice(0, -API_PREFIX.length) + U2C_PREFIX;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.dispatcher.close();
    const server = this.server;
    this.server = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.dispatcher.idle();
  }

  // ---------------------------------------------------------------- seeding

  addPerson(p: AddPersonInput): EmulatedPerson {
    return this.store.addPerson(p);
  }

  getPerson(personId: string): EmulatedPerson | undefined {
    const p = this.store.person(personId);
    return p ? this.emulatedPerson(p) : undefined;
  }

  /** Seeds a room; no webhooks fire. The returned room is seen from the first member's side. */
  addRoom(r: AddRoomInput): WebexRoom {
    const room = this.store.addRoom(r);
    return this.store.roomJson(room, r.creatorId ?? r.memberIds[0] ?? room.creatorId);
  }

  addRecording(r: AddRecordingInput): RecordingObject {
    return this.store.addRecording(r);
  }

  /**
   * A meeting with a recording ended: the recording becomes listable and `recordings:created` is delivered (signed
   * with each webhook's secret) to the host's recordings webhooks and the org-level ones. Resolves after delivery.
   */
  async recordingReady(r: AddRecordingInput): Promise<RecordingObject> {
    const { recording, events } = this.store.recordingReady(r);
    await this.dispatcher.dispatch(events);
    return { ...recording };
  }

  /** Everyone the emulator knows (people and bots), in the order they were added. */
  listPeople(): EmulatedPerson[] {
    return this.store.allPeople().map((p) => this.emulatedPerson(p));
  }

  /** The rooms the person is a member of, as that person sees them (a 1:1 is titled with the other's name). */
  roomsOf(personId: string): WebexRoom[] {
    return this.store.roomsOf(personId).map((r) => this.store.roomJson(r, personId));
  }

  /** Ids of the room's members, in the order they joined; empty for an unknown room. */
  memberIdsOf(roomId: string): string[] {
    return this.store.memberIds(roomId);
  }

  // ---------------------------------------------------------------- playing users

  /**
   * Posts a message as the person, through the same logic as `POST /messages`, and resolves after the
   * resulting webhooks were delivered. `mention` renders like a Webex client: names first, then the text.
   */
  async userSays(
    personId: string,
    roomId: string,
    text: string,
    opts: { mention?: string[]; parentId?: string } = {},
  ): Promise<WebexMessage> {
    const person = this.requirePerson(personId);
    const body = { roomId, text, ...(opts.parentId !== undefined ? { parentId: opts.parentId } : {}) };
    const { message, events } = this.store.createMessage(person, body, {
      asClient: true,
      ...(opts.mention && opts.mention.length > 0 ? { mentionIds: opts.mention } : {}),
    });
    await this.dispatcher.dispatch(events);
    return structuredClone(message);
  }

  /** Submits a card as the person (`POST /attachment/actions` logic) and waits for the webhooks. */
  async userSubmits(
    personId: string,
    messageId: string,
    inputs: Record<string, unknown>,
  ): Promise<AttachmentAction> {
    const person = this.requirePerson(personId);
    const { action, events } = this.store.createAttachmentAction(person, {
      type: 'submit',
      messageId,
      inputs,
    });
    await this.dispatcher.dispatch(events);
    return structuredClone(action);
  }

  /** Removes the person from the room (by default they leave on their own) and waits for the webhooks. */
  async removeMember(roomId: string, personId: string, opts: { actorId?: string } = {}): Promise<void> {
    const membership = this.store.membershipOf(roomId, personId);
    if (!membership) throw new Error(`removeMember: ${personId} is not in room ${roomId}`);
    const events = this.store.removeMembership(opts.actorId ?? personId, membership.id);
    await this.dispatcher.dispatch(events);
  }

  /** Adds the person to a group room (by default on behalf of the room's creator) and waits for the webhooks. */
  async addMember(
    roomId: string,
    personId: string,
    opts: { actorId?: string; isModerator?: boolean } = {},
  ): Promise<WebexMembership> {
    const room = this.store.room(roomId);
    if (!room) throw new Error(`addMember: no room ${roomId}`);
    const actorId =
      opts.actorId ??
      (this.store.isMember(roomId, room.creatorId) ? room.creatorId : this.store.memberIds(roomId)[0]);
    if (actorId === undefined) throw new Error(`addMember: room ${roomId} has no members to add anyone`);
    const { membership, events } = this.store.addMember(actorId, roomId, personId, opts.isModerator ?? false);
    await this.dispatcher.dispatch(events);
    return this.store.membershipJson(membership);
  }

  // ---------------------------------------------------------------- inspection

  /** Messages of the room in creation order. */
  messagesIn(roomId: string): WebexMessage[] {
    return this.store.messagesOfRoom(roomId).map((m) => structuredClone(m));
  }

  webhooksOf(personId: string): WebhookObject[] {
    return this.store.webhooksOf(personId).map((w) => ({ ...w }));
  }

  setWebhookStatus(webhookId: string, status: 'active' | 'inactive'): void {
    this.store.setWebhookStatus(webhookId, status);
  }

  /** Resolves when no webhook delivery is in flight. */
  waitForDeliveries(): Promise<void> {
    return this.dispatcher.idle();
  }

  /**
   * Resolves with the first message in the room (already there or yet to come) that satisfies the predicate,
   * e.g. the bot's reply; rejects after the timeout.
   */
  async waitForMessage(
    roomId: string,
    predicate: (m: WebexMessage) => boolean = () => true,
    opts: WaitForMessageOptions = {},
  ): Promise<WebexMessage> {
    return structuredClone(await this.firstMessage(roomId, predicate, opts));
  }

  /** Like waitForMessage, with only the message's id: a benchmark waiting for thousands of cards copies none. */
  async waitForMessageId(
    roomId: string,
    predicate: (m: WebexMessage) => boolean = () => true,
    opts: WaitForMessageOptions = {},
  ): Promise<string> {
    return (await this.firstMessage(roomId, predicate, opts)).id;
  }

  /** The stored message itself (not a copy): callers copy what they hand out. */
  private firstMessage(
    roomId: string,
    predicate: (m: WebexMessage) => boolean,
    opts: WaitForMessageOptions,
  ): Promise<WebexMessage> {
    const existing = this.store.roomMessages(roomId);
    // From the newest back: the message waited after is almost always one of the last.
    const start =
      opts.afterMessageId === undefined ? 0 : existing.findLastIndex((m) => m.id === opts.afterMessageId) + 1;
    for (let i = start; i < existing.length; i++) {
      const m = existing[i];
      if (m && predicate(m)) return Promise.resolve(m);
    }
    const timeoutMs = opts.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const onMessage = (m: WebexMessage) => {
        if (!predicate(m)) return;
        cleanup();
        resolve(m);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`waitForMessage: no matching message in ${roomId} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.store.emitter.off(`message:${roomId}`, onMessage);
      };
      this.store.emitter.on(`message:${roomId}`, onMessage);
    });
  }

  /**
   * Forgets every message so far (people, rooms, memberships and webhooks stay), so that a long benchmark's emulator
   * holds only what its current exchanges need. Only between exchanges: a reply waited for must not be forgotten.
   */
  forgetMessages(): void {
    this.store.forgetMessages();
  }

  clearLog(): void {
    this.requests.length = 0;
    this.deliveries.length = 0;
  }

  injectFault(f: FaultSpec): void {
    this.faults.add(f);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Requests the injected faults will still affect: 0 once a single fault has met its request. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  // ---------------------------------------------------------------- OAuth (Webex Integrations)

  /** Registers an Integration for `GET /authorize` + `POST /access_token`; ids/secrets are generated when omitted. */
  addIntegration(input: AddIntegrationInput): IntegrationCredentials {
    return this.oauth.addIntegration(input);
  }

  /** Who signs in at `/authorize` when the request has no `as` parameter; undefined shows the chooser page. */
  setSignInAs(personId: string | undefined): void {
    this.oauth.setSignInAs(personId);
  }

  /** Lifetimes of tokens issued from now on; defaults 14 days (access) and 90 days (refresh), as Webex. */
  setTokenLifetimes(lifetimes: Partial<TokenLifetimes>): void {
    this.oauth.setTokenLifetimes(lifetimes);
  }

  /** Issues an access + refresh token pair acting as the person, without the browser flow. */
  issueToken(personId: string, opts: IssueTokenOptions = {}): OAuthTokenResponse {
    return this.oauth.issueToken(personId, opts);
  }

  /** Makes an issued access or refresh token, or a person's own token, invalid from now on (API calls get 401). */
  expireToken(token: string): void {
    this.oauth.expire(token);
  }

  // ---------------------------------------------------------------- HTTP

  private requirePerson(personId: string): PersonRecord {
    const person = this.store.person(personId);
    if (!person) throw new Error(`Unknown person ${personId}`);
    return person;
  }

  private emulatedPerson(p: PersonRecord): EmulatedPerson {
    const { uuid: _u, appId: _a, lastModified: _l, ...rest } = p;
    return { ...rest, emails: [...p.emails], scopes: [...p.scopes] };
  }

  private async listen(): Promise<void> {
    const app = this.buildApp();
    const server = createServer(app);
    // Keep-alive sockets from the bot's HTTP client must not keep stop() waiting.
    server.keepAliveTimeout = 5000;
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const urlHost =
      host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    this.url = `http://${urlHost}:${port}${API_PREFIX}`;
  }

  /** Every request goes into `requests` (with its trackingId, also sent back as Webex does). */
  private recordRequest(req: Request, res: Response, next: NextFunction): void {
    const trackingId = newTrackingId();
    res.setHeader('trackingid', trackingId);
    const record: RecordedRequest = {
      method: req.method,
      path: req.path.startsWith(`${API_PREFIX}/`) ? req.path.slice(API_PREFIX.length) : req.path,
      query: queryOf(req),
      headers: flattenHeaders(req.headers),
      body: undefined,
      status: 0,
      at: new Date(),
      trackingId,
    };
    if (this.opts.logRequests !== false) this.requests.push(record);
    res.once('finish', () => {
      if (record.status === 0) record.status = res.statusCode;
    });
    Object.assign(res.locals, { trackingId, record });
    next();
  }

  /** The bearer token names the caller; no valid token, 401 as Webex answers it. */
  private authenticate(req: Request, res: Response, next: NextFunction): void {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const caller = match?.[1] !== undefined ? this.oauth.callerFor(match[1]) : undefined;
    if (!caller) {
      sendError(
        res,
        401,
        'The request requires a valid access token set in the Authorization request header.',
      );
      return;
    }
    locals(res).caller = caller;
    next();
  }

  private buildApp(): express.Express {
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.set('query parser', 'simple');
    if (this.opts.extraRoutes) app.use(this.opts.extraRoutes);
    const ctx: RouteContext = {
      store: this.store,
      dispatch: (events) => void this.dispatcher.dispatch(events),
      baseUrl: () => this.url,
    };

    app.use((req, res, next) => this.recordRequest(req, res, next));
    app.use(express.json({ type: ['application/json', 'application/*+json'], limit: '5mb' }));
    app.use((req, res, next) => {
      // A copy: the log shows the request as it arrived, whatever the store later does with what it keeps.
      if (req.body !== undefined && this.opts.logRequests !== false) {
        locals(res).record.body = structuredClone(req.body);
      }
      next();
    });
    app.use(API_PREFIX, oauthRequestPreparation());
    app.use((req, res, next) => this.applyFault(req, res, next));
    app.use(U2C_PREFIX, u2cRoutes(ctx));
    app.use(API_PREFIX, oauthRoutes(this.oauth));
    app.use(API_PREFIX, (req, res, next) => this.authenticate(req, res, next));
    for (const routes of API_ROUTES) app.use(API_PREFIX, routes(ctx));
    app.use((_req, res) => {
      sendError(res, 404, 'The requested resource could not be found.');
    });
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (err instanceof WebexApiError) {
        sendApiError(res, err);
      } else if (isBodyParserError(err)) {
        sendError(res, err.status, err.type === 'entity.parse.failed' ? 'Malformed JSON body.' : err.message);
      } else {
        sendError(res, 500, err instanceof Error ? `Emulator error: ${err.message}` : 'Emulator error');
      }
    });
    return app;
  }

  /** Waits the fault's delay, then resets if asked; false when nothing more is to be sent. */
  private async delayThenMaybeReset(req: Request, res: Response, fault: FaultSpec): Promise<boolean> {
    if (fault.delayMs !== undefined && fault.delayMs > 0) {
      try {
        await sleep(fault.delayMs, undefined, { signal: this.stopping.signal });
      } catch {
        return false;
      }
    }
    if (res.destroyed || req.socket.destroyed) return false;
    if (fault.reset) {
      locals(res).record.status = 0;
      req.socket.destroy();
      return false;
    }
    return true;
  }

  /** Lets the route answer, then holds that answer back, drops it, or swaps it for an error (processFirst). */
  private spoilAnswer(req: Request, res: Response, fault: FaultSpec): void {
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      void (async () => {
        if (!(await this.delayThenMaybeReset(req, res, fault))) return;
        if (fault.status !== undefined) {
          // A string body is sent as it is (a proxy's page), as when the fault answers instead of the route.
          const raw = typeof fault.body === 'string';
          const body = raw
            ? String(fault.body)
            : JSON.stringify(
                fault.body ?? webexErrorBody(defaultMessageFor(fault.status), locals(res).trackingId),
              );
          locals(res).record.status = fault.status;
          res.statusCode = fault.status;
          res.setHeader('content-type', raw ? 'text/html; charset=utf-8' : 'application/json');
          res.setHeader('content-length', Buffer.byteLength(body));
          end(body);
          return;
        }
        end(...args);
      })();
      return res;
    }) as typeof res.end;
  }

  /** Faults run before auth and routing, so they also hit unauthenticated or unknown requests. */
  private async applyFault(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = locals(res).record.path;
    const fault = this.faults.take(req.method, path);
    if (!fault) {
      next();
      return;
    }
    if (fault.processFirst) {
      this.spoilAnswer(req, res, fault);
      next();
      return;
    }
    if (!(await this.delayThenMaybeReset(req, res, fault))) return;
    if (fault.status === undefined) {
      next();
      return;
    }
    for (const [k, v] of Object.entries(fault.headers ?? {})) res.setHeader(k, v);
    const trackingId = locals(res).trackingId;
    const body = fault.body ?? webexErrorBody(defaultMessageFor(fault.status), trackingId);
    if (fault.status === 204 || fault.status === 304) {
      locals(res).record.status = fault.status;
      res.status(fault.status).end();
      return;
    }
    if (typeof body === 'string') {
      locals(res).record.status = fault.status;
      if (!res.hasHeader('content-type')) res.type('text/plain');
      res.status(fault.status).send(body);
      return;
    }
    sendJson(res, fault.status, body);
  }
}

function flattenHeaders(headers: Request['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { status?: unknown }).status === 'number' &&
    typeof (err as { type?: unknown }).type === 'string'
  );
}
