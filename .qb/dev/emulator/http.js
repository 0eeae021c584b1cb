import { defaultMessageFor, badRequest, WebexApiError, webexErrorBody } from './errors.js';
import { parseMax, single } from './recordings.js';
export function locals(res) {
    return res.locals;
}
export function callerOf(res) {
    const caller = locals(res).caller;
    if (!caller)
        throw new WebexApiError(401, 'The request requires a valid access token set in the Authorization header.');
    return caller;
}
/** Status is noted on the request log before writing, so a client never observes a response the log lacks. */
function noteStatus(res, status) {
    const l = locals(res);
    if (l.record)
        l.record.status = status;
}
export function sendJson(res, status, body, contentType = 'application/json') {
    noteStatus(res, status);
    // Set verbatim: res.type()/send() would rewrite `charset=UTF-8` to `charset=utf-8`.
    res.setHeader('Content-Type', contentType);
    res.status(status).end(JSON.stringify(body));
}
export function sendEmpty(res, status = 204) {
    noteStatus(res, status);
    res.status(status).end();
}
export function sendError(res, status, message, headers = {}) {
    if (res.headersSent)
        return;
    for (const [k, v] of Object.entries(headers))
        res.setHeader(k, v);
    sendJson(res, status, webexErrorBody(message ?? defaultMessageFor(status), locals(res).trackingId));
}
export function sendApiError(res, err) {
    sendError(res, err.status, err.message, err.headers);
}
export function queryOf(req) {
    const out = {};
    for (const [k, v] of Object.entries(req.query)) {
        if (typeof v === 'string')
            out[k] = v;
        else if (Array.isArray(v))
            out[k] = v.filter((x) => typeof x === 'string');
    }
    return out;
}
/** The request's own URL under the API base with some parameters replaced, for `Link: rel="next"`. */
export function linkWith(ctx, req, replace) {
    const url = new URL(ctx.baseUrl() + req.path);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(queryOf(req))) {
        if (k in replace)
            continue;
        for (const one of Array.isArray(v) ? v : [v])
            params.append(k, one);
    }
    for (const [k, v] of Object.entries(replace))
        params.set(k, v);
    url.search = params.toString();
    return url.toString();
}
export function setNextLink(res, url) {
    res.setHeader('Link', `<${url}>; rel="next"`);
}
/**
 * Offset paging behind an opaque `cursor` parameter, as Webex's list endpoints page with opaque Link URLs.
 * Returns the page; sets the Link header when more items follow.
 */
export function paginate(ctx, req, res, items, opts) {
    const query = queryOf(req);
    const max = parseMax(single(query, 'max'), opts.defaultMax, 1, opts.maxAllowed);
    const cursor = single(query, 'cursor');
    let offset = 0;
    if (cursor !== undefined) {
        const decoded = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (!decoded)
            throw badRequest('Invalid cursor.');
        offset = Number(decoded[1]);
    }
    const page = items.slice(offset, offset + max);
    if (offset + max < items.length) {
        const next = Buffer.from(`o:${offset + max}`, 'utf8').toString('base64url');
        setNextLink(res, linkWith(ctx, req, { cursor: next }));
    }
    return page;
}
export function headerValue(req, name) {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? v.join(', ') : v;
}
//# sourceMappingURL=http.js.map