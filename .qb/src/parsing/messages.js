/** Helpers for user-facing messages (Webex markdown). */
export const EXAMPLE = '`recordings last week topic sync`';
//# sourceMappingURL=messages.js.map