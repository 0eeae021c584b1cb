import express, { Router, type Request, type Response } from 'express';
import { locals, queryOf, sendJson } from '../http.js';
import { escapeHtml } from '../mentions.js';
import { isAdminScope, OAuthError, parseScopeParam, type Integration, type OAuthRegistry } from '../oauth.js';
import type { PersonRecord } from '../store.js';

export const REDACTED = '[redacted]';
const SECRET_FIELDS = ['client_secret'];

function redacted<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of SECRET_FIELDS) if (k in copy) copy[k] = REDACTED;
  return copy as T;
}

/**
 * Mounted under `/v1` right after the request log records the body: parses the form body of
 * `POST /access_token` and keeps client secrets (body, query, HTTP Basic header) out of `requests`.
 */
export function oauthRequestPreparation(): Router {
  const router = Router();
  router.post('/access_token', express.urlencoded({ extended: false, limit: '64kb' }));
  router.use(['/authorize', '/access_token'], (req, res, next) => {
    const record = locals(res).record;
    if (req.body !== undefined) record.body = redacted(req.body as unknown);
    record.query = redacted(record.query);
    const auth = record.headers['authorization'];
    if (auth !== undefined && /^basic\s/i.test(auth)) record.headers['authorization'] = `Basic ${REDACTED}`;
    next();
  });
  return router;
}

/** `GET /authorize` and `POST /access_token`, mounted under `/v1` before the bearer-token check. */
export function oauthRoutes(oauth: OAuthRegistry): Router {
  const router = Router();

  router.get('/authorize', (req, res) => authorize(oauth, req, res));

  router.post('/access_token', (req, res) => accessToken(oauth, req, res));

  return router;
}

class AuthorizeError extends Error {}

/** `GET /authorize`: checks the request like Webex, then signs in (`as`, setSignInAs or the chooser page). */
function authorize(oauth: OAuthRegistry, req: Request, res: Response): void {
  const query = queryOf(req);
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (Array.isArray(v)) throw new AuthorizeError(`Parameter ${name} must be given at most once.`);
    return v;
  };
  try {
    const clientId = one('client_id');
    if (clientId === undefined || clientId === '') throw new AuthorizeError('client_id is required.');
    const integration = oauth.integration(clientId);
    if (!integration) throw new AuthorizeError(`Unknown client_id ${clientId}.`);
    const redirectUri = one('redirect_uri');
    if (redirectUri === undefined || redirectUri === '')
      throw new AuthorizeError('redirect_uri is required.');
    if (!integration.redirectUris.includes(redirectUri))
      throw new AuthorizeError(`redirect_uri ${redirectUri} is not registered for this integration.`);
    const responseType = one('response_type');
    if (responseType !== 'code')
      throw new AuthorizeError('response_type must be "code" (only the authorization-code flow exists).');
    const scopeParam = one('scope');
    const scopes = scopeParam === undefined ? [] : parseScopeParam(scopeParam);
    if (scopes.length === 0) throw new AuthorizeError('scope is required.');
    const unknown = scopes.filter((s) => !integration.scopes.includes(s));
    if (unknown.length > 0)
      throw new AuthorizeError(`The integration may not request these scopes: ${unknown.join(' ')}.`);
    const state = one('state');
    const as = one('as');

    let person: PersonRecord | undefined;
    if (as !== undefined) {
      person = oauth.findPerson(as);
      if (!person) throw new AuthorizeError(`No person ${as} to sign in as.`);
      if (person.type !== 'person') throw new AuthorizeError(`${as} is a bot; bots cannot sign in.`);
    } else if (oauth.signInAs !== undefined) {
      person = oauth.findPerson(oauth.signInAs);
      if (!person) throw new AuthorizeError('The person chosen with setSignInAs no longer exists.');
    }
    if (!person) {
      sendHtml(res, 200, chooserPage(req, integration, scopes, oauth));
      return;
    }

    const denied = scopes.filter((s) => isAdminScope(s) && !person.scopes.includes(s));
    if (denied.length > 0) {
      redirect(res, redirectUri, {
        error: 'access_denied',
        error_description: `${person.email} may not grant ${denied.join(' ')}`,
        ...(state !== undefined ? { state } : {}),
      });
      return;
    }
    const code = oauth.createCode(integration.clientId, redirectUri, person.id, scopes);
    redirect(res, redirectUri, { code, ...(state !== undefined ? { state } : {}) });
  } catch (err) {
    if (!(err instanceof AuthorizeError)) throw err;
    sendHtml(res, 400, page('Authorization failed', `<p>${escapeHtml(err.message)}</p>`));
  }
}

/** `POST /access_token`: the authorization-code and refresh-token grants. */
function accessToken(oauth: OAuthRegistry, req: Request, res: Response): void {
  try {
    const params = formParams(req);
    const grantType = params.get('grant_type');
    if (grantType === undefined) throw invalidRequest('grant_type is required.');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
      throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type ${grantType}.`);
    const client = oauth.authenticateClient(required(params, 'client_id'), required(params, 'client_secret'));
    const tokens =
      grantType === 'authorization_code'
        ? oauth.exchangeCode(client, required(params, 'code'), required(params, 'redirect_uri'))
        : oauth.refresh(client, required(params, 'refresh_token'), params.get('scope'));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    sendJson(res, 200, tokens);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    res.setHeader('Cache-Control', 'no-store');
    if (err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="webex"');
    sendJson(res, err.status, { error: err.error, error_description: err.message });
  }
}

const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);

/** Token-endpoint parameters from the form or JSON body, with client credentials also taken from HTTP Basic. */
function formParams(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  const body: unknown = req.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
    throw invalidRequest('The body must be a form (application/x-www-form-urlencoded) or a JSON object.');
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
    else if (Array.isArray(v)) throw invalidRequest(`Parameter ${k} must be given at most once.`);
  }
  const basic = /^basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError(401, 'invalid_client', 'Malformed HTTP Basic credentials.');
    let id: string;
    let secret: string;
    try {
      id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    } catch {
      throw new OAuthError(401, 'invalid_client', 'Malformed HTTP Basic credentials.');
    }
    if (out.has('client_id') && out.get('client_id') !== id)
      throw invalidRequest('client_id differs between the body and the Authorization header.');
    out.set('client_id', id);
    out.set('client_secret', secret);
  }
  return out;
}

function required(params: Map<string, string>, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') throw invalidRequest(`${name} is required.`);
  return v;
}

function redirect(res: Response, redirectUri: string, params: Record<string, string>): void {
  const encoded = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`;
  locals(res).record.status = 302;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.status(302).end();
}

function sendHtml(res: Response, status: number, html: string): void {
  locals(res).record.status = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).end(html);
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

/** Lists the people as links to the same authorize URL plus `&as=<email>`, for a browser demo. */
function chooserPage(req: Request, integration: Integration, scopes: string[], oauth: OAuthRegistry): string {
  const rawQuery = req.originalUrl.includes('?')
    ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
    : '';
  const people = oauth.people().filter((p) => p.type === 'person');
  const items = people
    .map((p) => {
      const href = `?${rawQuery}${rawQuery === '' ? '' : '&'}as=${encodeURIComponent(p.email)}`;
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(p.displayName)} &lt;${escapeHtml(p.email)}&gt;</a></li>`;
    })
    .join('');
  return page(
    'Sign in to Webex (emulator)',
    `<p>${escapeHtml(integration.name)} requests: ${escapeHtml(scopes.join(' '))}</p>` +
      (items === '' ? '<p>No people to sign in as.</p>' : `<p>Sign in as:</p><ul>${items}</ul>`),
  );
}
