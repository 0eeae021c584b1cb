/**
 * Two kinds of failure: a UserError is safe and useful to show the person who asked (it says what to change);
 * everything else is logged with its context and the person gets a generic apology.
 */
export const ErrorCode = {
  WebexHttp: 'webex_http',
  WebexTimeout: 'webex_timeout',
  WebexNetwork: 'webex_network',
  WebexRefused: 'webex_refused',
  BadInput: 'bad_input',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Markdown shown to the user as is. */
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = 'UserError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
