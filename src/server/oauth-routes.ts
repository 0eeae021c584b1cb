import { Router } from 'express';
import {
  completeSignIn,
  OAUTH_CALLBACK_PATH,
  OAUTH_START_PATH,
  startSignIn,
  type SignInDeps,
} from '../auth/sign-in.js';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}</style>` +
  `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')}</p></body></html>`;

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The two browser legs of per-user sign-in. Thin: the use case lives in auth/sign-in.ts. */
export function oauthRoutes(deps: SignInDeps): Router {
  const router = Router();
  router.get(OAUTH_START_PATH, (req, res) => {
    const out = startSignIn(deps, one(req.query.state));
    if ('redirect' in out) {
      res.redirect(302, out.redirect);
      return;
    }
    res.status(out.status).type('html').send(page('Sign-in link not valid', out.message));
  });
  router.get(OAUTH_CALLBACK_PATH, async (req, res, next) => {
    try {
      const out = await completeSignIn(deps, {
        code: one(req.query.code),
        state: one(req.query.state),
        error: one(req.query.error),
      });
      res.setHeader('cache-control', 'no-store');
      if (out.ok) {
        res.type('html').send(page('You are connected', 'You can close this window and go back to Webex.'));
      } else {
        res.status(out.status).type('html').send(page('Sign-in not completed', out.message));
      }
    } catch (err) {
      next(err);
    }
  });
  return router;
}
