import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
const sameSecret = (a, b) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
};
/**
 * GET /metrics in the Prometheus text format. With a token (METRICS_TOKEN) the scraper must send
 * `Authorization: Bearer <token>`; without one the route is open, for deployments that keep it on a private network.
 */
export function metricsRoute(metrics, token) {
    const router = Router();
    router.get('/metrics', async (req, res, next) => {
        if (token !== undefined) {
            const given = /^Bearer (.+)$/u.exec(req.get('authorization') ?? '')?.[1] ?? '';
            if (!sameSecret(given, token)) {
                res.status(401).set('www-authenticate', 'Bearer').json({ error: 'metrics need the METRICS_TOKEN' });
                return;
            }
        }
        try {
            res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
        }
        catch (err) {
            next(err);
        }
    });
    return router;
}
//# sourceMappingURL=metrics-route.js.map