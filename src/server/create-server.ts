import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { StoreHealth } from '../store/store.js';
import type { WebhookEnvelope } from '../webex/types.js';
import { verifyWebexSignature } from './verify-signature.js';

export interface ServerDeps {
  webhookPath: string;
  /** Undefined only in development: then deliveries are accepted unsigned (a warning is logged at start). */
  webhookSecret: string | undefined;
  logger: Logger;
  isReady(): boolean;
  /** What /readyz says besides its status and the store: version, webhook URL, recordings access, last start error. */
  readiness?(): Record<string, unknown>;
  /** The durable store's health, included in /readyz (an instance that can't reach its database isn't ready). */
  storeHealth?(): Promise<StoreHealth & { backend?: string }>;
  /** Called after the 200 was sent; the promise is tracked by the caller for graceful shutdown. */
  onWebhook(envelope: WebhookEnvelope): void;
  /** Further browser-facing routes (the OAuth sign-in legs). */
  routers?: express.Router[];
  /** Larger bodies are refused with 413; Webex envelopes are a few hundred bytes. */
  bodyLimit?: string;
}

const envelopeSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    resource: z.string().min(1),
    event: z.string().min(1),
    actorId: z.string().optional(),
    orgId: z.string().optional(),
    filter: z.string().optional(),
    data: z.looseObject({ id: z.string().min(1) }),
  })
  .loose();

/** /readyz: ready once the bot has started and its store answers (an instance that can't reach its database isn't). */
function readinessHandler(deps: ServerDeps): (req: Request, res: Response) => Promise<void> {
  return async (_req, res) => {
    const started = deps.isReady();
    const store: StoreHealth = deps.storeHealth ? await deps.storeHealth() : { ok: true };
    const ready = started && store.ok;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : started ? 'store unavailable' : 'starting',
      ...deps.readiness?.(),
      store,
    });
  };
}

const ACK = Buffer.from(JSON.stringify({ ok: true }));
const ACK_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(ACK.length),
};

/**
 * The webhook intake: signature, then JSON, then the envelope's shape, then readiness; the first that fails is the
 * answer. A good delivery is answered 200 before it is handled, so Webex never waits on the bot's work.
 */
function webhookHandler(deps: ServerDeps): (req: Request, res: Response) => void {
  return (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Only a rejected delivery is logged here: no child logger for the ones that pass.
    const log = {
      warn: (fields: object, msg: string) =>
        deps.logger.child({ route: 'webhook', ip: req.ip }).warn(fields, msg),
    };
    if (deps.webhookSecret) {
      const signature = req.get('x-spark-signature');
      if (!verifyWebexSignature(raw, signature, deps.webhookSecret)) {
        log.warn(
          { hasSignature: Boolean(signature), bytes: raw.length },
          'webhook rejected: bad or missing signature',
        );
        res.status(401).json({ error: 'invalid signature' });
        return;
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      log.warn({ bytes: raw.length }, 'webhook rejected: body is not JSON');
      res.status(400).json({ error: 'body is not valid JSON' });
      return;
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      log.warn(
        { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
        'webhook rejected',
      );
      res.status(400).json({ error: 'not a Webex webhook event' });
      return;
    }
    if (!deps.isReady()) {
      // Webex will not redeliver, but a 503 shows up in its webhook status and in our logs instead of vanishing.
      log.warn({ resource: parsed.data.resource }, 'webhook arrived before the bot was ready');
      res.status(503).json({ error: 'starting' });
      return;
    }
    // What res.json would send, without its per-response work (charset lookup, ETag hash): two per message.
    res.writeHead(200, ACK_HEADERS).end(ACK);
    deps.onWebhook(parsed.data);
  };
}

/** Client mistakes (too large, malformed) answer 4xx quietly; only the bot's own failures are logged as errors. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, _next) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({ error: 'body too large' });
      return;
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      res.status(err.status).json({ error: 'bad request' });
      return;
    }
    logger.error({ err }, 'unexpected error in HTTP layer');
    res.status(500).json({ error: 'internal error' });
  };
}

/** Thin HTTP layer: authenticate and validate the delivery, answer at once, hand the event on. No business logic. */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readinessHandler(deps));
  app.post(
    deps.webhookPath,
    express.raw({ type: () => true, limit: deps.bodyLimit ?? '64kb' }),
    webhookHandler(deps),
  );

  for (const router of deps.routers ?? []) app.use(router);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorHandler(deps.logger));
  return app;
}
