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
};
export class UserError extends Error {
    code;
    userMessage;
    constructor(code, 
    /** Markdown shown to the user as is. */
    userMessage, options) {
        super(userMessage, options);
        this.code = code;
        this.userMessage = userMessage;
        this.name = 'UserError';
    }
}
export function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
//# sourceMappingURL=errors.js.map