import { Router } from 'express';
import { badRequest } from '../errors.js';
import { callerOf, paginate, queryOf, sendEmpty, sendJson } from '../http.js';
import { single } from '../recordings.js';
export function webhooksRoutes(ctx) {
    const router = Router();
    router.get('/webhooks', (req, res) => {
        const caller = callerOf(res);
        const ownedBy = single(queryOf(req), 'ownedBy');
        if (ownedBy !== undefined && ownedBy !== 'org')
            throw badRequest('ownedBy only accepts "org".');
        const own = ctx.store.webhooksOf(caller.id);
        const webhooks = ownedBy === 'org' ? own.filter((w) => w.ownedBy === 'org') : own;
        const page = paginate(ctx, req, res, webhooks, { defaultMax: 100, maxAllowed: 1000 });
        sendJson(res, 200, { items: page });
    });
    router.get('/webhooks/:webhookId', (req, res) => {
        sendJson(res, 200, ctx.store.webhookFor(callerOf(res), req.params.webhookId));
    });
    router.post('/webhooks', (req, res) => {
        sendJson(res, 200, ctx.store.createWebhook(callerOf(res), req.body));
    });
    router.put('/webhooks/:webhookId', (req, res) => {
        sendJson(res, 200, ctx.store.updateWebhook(callerOf(res), req.params.webhookId, req.body));
    });
    router.delete('/webhooks/:webhookId', (req, res) => {
        ctx.store.deleteWebhook(callerOf(res), req.params.webhookId);
        sendEmpty(res);
    });
    return router;
}
//# sourceMappingURL=webhooks.js.map