import { createChatRouter } from '../../src/commands/chat-router.js';
import { allowList, compose, errorNet, pressDedupe, route, } from '../../src/core/middleware.js';
import { memoryLogger } from './silent-logger.js';
/**
 * The chat router behind the same steps of src/core/middleware.ts that stand after resolve in the app (allow-list,
 * press dedupe, error net), for tests that start from an already resolved chat event. Resolves to the metrics label.
 */
export function routerUnderTest(deps) {
    const router = createChatRouter(deps);
    const seen = deps.seen ?? { firstTime: () => Promise.resolve(true), forget: () => Promise.resolve() };
    const log = deps.logger ?? memoryLogger('warn').logger;
    return async (event, reply) => {
        const poster = {
            say: (_roomId, markdown) => reply.say(markdown),
            sendCard: (_roomId, card, fallback) => reply.sendCard(card, fallback),
        };
        const id = event.kind === 'message' ? event.messageId : event.actionId;
        const ctx = {
            envelope: {
                id: 'webhook',
                name: 'test',
                resource: event.kind === 'message' ? 'messages' : 'attachmentActions',
                event: 'created',
                data: { id, roomId: event.roomId, personId: event.personId },
            },
            log,
            event,
            reply,
        };
        await compose([
            errorNet(poster),
            allowList(deps.isAllowedEmail, poster),
            pressDedupe(seen),
            route(router),
        ])(ctx);
        return ctx.label;
    };
}
//# sourceMappingURL=router-under-test.js.map