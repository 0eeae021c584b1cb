import express from 'express';
import { z } from 'zod';
import { verifyWebexSignature } from './verify-signature.js';
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
/** Thin HTTP layer: authenticate and validate the delivery, answer at once, hand the event on. No business logic. */
export function createServer(deps) {
    const app = express();
    app.disable('x-powered-by');
    app.get('/healthz', (_req, res) => {
        res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
        const started = deps.isReady();
        const store = deps.storeHealth ? await deps.storeHealth() : { ok: true };
        const ready = started && store.ok;
        res.status(ready ? 200 : 503).json({
            status: ready ? 'ready' : started ? 'store unavailable' : 'starting',
            ...deps.readiness?.(),
            store,
        });
    });
    app.post(deps.webhookPath, express.raw({ type: () => true, limit: deps.bodyLimit ?? '64kb' }), (req, res) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const log = deps.logger.child({ route: 'webhook', ip: req.ip });
        if (deps.webhookSecret) {
            const signature = req.get('x-spark-signature');
            if (!verifyWebexSignature(raw, signature, deps.webhookSecret)) {
                log.warn({ hasSignature: Boolean(signature), bytes: raw.length }, 'webhook rejected: bad or missing signature');
                res.status(401).json({ error: 'invalid signature' });
                return;
            }
        }
        let json;
        try {
            json = JSON.parse(raw.toString('utf8'));
        }
        catch {
            log.warn({ bytes: raw.length }, 'webhook rejected: body is not JSON');
            res.status(400).json({ error: 'body is not valid JSON' });
            return;
        }
        const parsed = envelopeSchema.safeParse(json);
        if (!parsed.success) {
            log.warn({ issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'webhook rejected');
            res.status(400).json({ error: 'not a Webex webhook event' });
            return;
        }
        if (!deps.isReady()) {
            // Webex will not redeliver, but a 503 shows up in its webhook status and in our logs instead of vanishing.
            log.warn({ resource: parsed.data.resource }, 'webhook arrived before the bot was ready');
            res.status(503).json({ error: 'starting' });
            return;
        }
        res.status(200).json({ ok: true });
        deps.onWebhook(parsed.data);
    });
    for (const router of deps.routers ?? [])
        app.use(router);
    app.use((_req, res) => {
        res.status(404).json({ error: 'not found' });
    });
    const onError = (err, _req, res, _next) => {
        if (err.type === 'entity.too.large') {
            res.status(413).json({ error: 'body too large' });
            return;
        }
        if (err.status && err.status >= 400 && err.status < 500) {
            res.status(err.status).json({ error: 'bad request' });
            return;
        }
        deps.logger.error({ err }, 'unexpected error in HTTP layer');
        res.status(500).json({ error: 'internal error' });
    };
    app.use(onError);
    return app;
}
//# sourceMappingURL=create-server.js.map