import { AsyncLocalStorage } from 'node:async_hooks';
/**
 * Which Webex event the current work is for, so every log line written while answering it (the command's, the Webex
 * client's with their trackingIds) carries the event id and one question can be followed end to end.
 */
const context = new AsyncLocalStorage();
export function runForEvent(eventId, fn) {
    return context.run({ eventId }, fn);
}
/** Fields merged into every log line (pino `mixin`); empty outside of an event. */
export function logContext() {
    return context.getStore() ?? {};
}
//# sourceMappingURL=log-context.js.map