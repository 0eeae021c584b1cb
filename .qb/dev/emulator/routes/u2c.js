import { Router } from 'express';
import { sendJson } from '../http.js';
/**
 * The Webex JS SDK (under webex-node-bot-framework) fetches a pre-auth service catalog from U2C before using
 * hydra. Answering it keeps the SDK off the real network and pointed at the emulator when
 * `U2C_SERVICE_URL` is `<origin>/u2c/api/v1` and `HYDRA_SERVICE_URL` is the emulator's `baseUrl`.
 */
export function u2cRoutes(ctx) {
    const router = Router();
    router.get(['/limited/catalog', '/catalog'], (_req, res) => {
        sendJson(res, 200, { serviceLinks: { hydra: ctx.baseUrl() }, hostCatalog: {} });
    });
    return router;
}
//# sourceMappingURL=u2c.js.map