import { STATUS_CODES } from 'node:http';

/** Thrown by the store and routes; the HTTP layer turns it into a Webex-style error response. */
export class WebexApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'WebexApiError';
  }
}

export interface WebexErrorBody {
  message: string;
  errors: { description: string }[];
  trackingId: string;
}

export function webexErrorBody(message: string, trackingId: string): WebexErrorBody {
  return { message, errors: [{ description: message }], trackingId };
}

export function defaultMessageFor(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`;
}

export const badRequest = (message: string): WebexApiError => new WebexApiError(400, message);
export const notFound = (message = 'The requested resource could not be found.'): WebexApiError =>
  new WebexApiError(404, message);
export const forbidden = (message: string): WebexApiError => new WebexApiError(403, message);
