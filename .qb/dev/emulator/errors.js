import { STATUS_CODES } from 'node:http';
/** Thrown by the store and routes; the HTTP layer turns it into a Webex-style error response. */
export class WebexApiError extends Error {
    status;
    headers;
    constructor(status, message, headers = {}) {
        super(message);
        this.status = status;
        this.headers = headers;
        this.name = 'WebexApiError';
    }
}
export function webexErrorBody(message, trackingId) {
    return { message, errors: [{ description: message }], trackingId };
}
export function defaultMessageFor(status) {
    return STATUS_CODES[status] ?? `HTTP ${status}`;
}
export const badRequest = (message) => new WebexApiError(400, message);
export const notFound = (message = 'The requested resource could not be found.') => new WebexApiError(404, message);
export const forbidden = (message) => new WebexApiError(403, message);
//# sourceMappingURL=errors.js.map