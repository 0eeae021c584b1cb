import { Router } from 'express';
import { callerOf, sendJson } from '../http.js';
export function attachmentActionsRoutes(ctx) {
    const router = Router();
    router.get('/attachment/actions/:id', (req, res) => {
        sendJson(res, 200, ctx.store.attachmentActionFor(callerOf(res), req.params.id));
    });
    // The OpenAPI document answers this operation with 202 Accepted, not 200.
    router.post('/attachment/actions', (req, res) => {
        const { action, events } = ctx.store.createAttachmentAction(callerOf(res), req.body);
        ctx.dispatch(events);
        sendJson(res, 202, action);
    });
    return router;
}
//# sourceMappingURL=attachment-actions.js.map