import { createHash } from 'node:crypto';
import { Router } from 'express';
import helmet from 'helmet';
import { completeSignIn, OAUTH_CALLBACK_PATH, OAUTH_START_PATH, startSignIn, } from './sign-in.js';
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const STYLE = 'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}';
const page = (title, text) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>` +
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')}</p></body></html>`;
/**
 * The sign-in pages carry a one-time state (and, on the callback, an OAuth code) in their URL: no caching, no
 * Referer to anyone, no framing, and a CSP that allows nothing but the page's own inline style (by hash).
 */
const securityHeaders = [
    helmet({
        contentSecurityPolicy: {
            useDefaults: false,
            directives: {
                defaultSrc: ["'none'"],
                styleSrc: [`'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`],
                baseUri: ["'none'"],
                formAction: ["'none'"],
                frameAncestors: ["'none'"],
            },
        },
        referrerPolicy: { policy: 'no-referrer' },
        frameguard: { action: 'deny' },
    }),
    (_req, res, next) => {
        res.setHeader('cache-control', 'no-store');
        next();
    },
];
const one = (v) => (typeof v === 'string' ? v : undefined);
/** The two browser legs of per-user sign-in. Thin: the use case lives in auth/sign-in.ts. */
export function oauthRoutes(deps) {
    const router = Router();
    router.get(OAUTH_START_PATH, ...securityHeaders, (req, res) => {
        const out = startSignIn(deps, one(req.query.state));
        if ('redirect' in out) {
            res.redirect(302, out.redirect);
            return;
        }
        res.status(out.status).type('html').send(page('Sign-in link not valid', out.message));
    });
    router.get(OAUTH_CALLBACK_PATH, ...securityHeaders, async (req, res, next) => {
        try {
            const out = await completeSignIn(deps, {
                code: one(req.query.code),
                state: one(req.query.state),
                error: one(req.query.error),
            });
            if (out.ok) {
                res.type('html').send(page('You are connected', 'You can close this window and go back to Webex.'));
            }
            else {
                res.status(out.status).type('html').send(page('Sign-in not completed', out.message));
            }
        }
        catch (err) {
            next(err);
        }
    });
    return router;
}
//# sourceMappingURL=oauth-routes.js.map