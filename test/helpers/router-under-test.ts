import type { ChatEvent, Reply } from '../../src/bot/types.js';
import { createChatRouter, type ChatRouterDeps } from '../../src/commands/chat-router.js';
import {
  allowList,
  compose,
  errorNet,
  pressDedupe,
  route,
  type EventContext,
  type Poster,
} from '../../src/core/middleware.js';
import type { Logger } from '../../src/logger.js';
import { memoryLogger } from './silent-logger.js';

export interface RouterUnderTestDeps extends ChatRouterDeps {
  logger?: Logger;
  seen?: { firstTime(key: string): Promise<boolean>; forget(key: string): Promise<void> };
  isAllowedEmail?: (email: string) => boolean;
}

/**
 * The chat router behind the same steps of src/core/middleware.ts that stand after resolve in the app (allow-list,
 * press dedupe, error net), for tests that start from an already resolved chat event. Resolves to the metrics label.
 */
export function routerUnderTest(deps: RouterUnderTestDeps) {
  const router = createChatRouter(deps);
  const seen = deps.seen ?? { firstTime: () => Promise.resolve(true), forget: () => Promise.resolve() };
  const log = deps.logger ?? memoryLogger('warn').logger;
  return async (event: ChatEvent, reply: Reply): Promise<string | undefined> => {
    const poster: Poster = {
      say: (_roomId, markdown) => reply.say(markdown),
      sendCard: async (_roomId, card, fallback) => {
        await reply.sendCard(card, fallback);
        return 'posted';
      },
    };
    const id = event.kind === 'message' ? event.messageId : event.actionId;
    const ctx: EventContext = {
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
