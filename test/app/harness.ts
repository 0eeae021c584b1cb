/*
 * The in-process layer (probot's `receive(event)`): the real app, built by createApp, with Webex events handed
 * straight to its middleware chain instead of being signed and POSTed to its webhook route. `receive` resolves once
 * the event is answered, so a test asserts right after it, with no waiting; what the bot did is read from the
 * emulator (the messages it posted, the requests it made). The real HTTP paths (signatures, the webhook route, start-up,
 * faults on the wire) stay in test/e2e.
 */
import type { WebexMessage } from '../../dev/emulator/index.js';
import type { WebhookEnvelope } from '../../src/webex/types.js';
import { botMessagesIn, startBot, type RunningBot, type World } from '../e2e/harness.js';

export { actionsOf, botMessagesIn, cardOf, startWorld, type World } from '../e2e/harness.js';

export interface AppUnderTest {
  bot: RunningBot;
  /** Hands one webhook event to the app and resolves once it has been answered. */
  receive(envelope: WebhookEnvelope): Promise<void>;
  /** A person writes in a space (mentioning the bot in a group); resolves to what the bot posted in answer. */
  say(personId: string, roomId: string, text: string): Promise<WebexMessage[]>;
  /** A person presses a card's Action.Submit; resolves to what the bot posted in answer. */
  press(personId: string, message: WebexMessage, data: Record<string, unknown>): Promise<WebexMessage[]>;
  stop(): Promise<void>;
}

/** Starts the app against the world's emulator; the emulator's own webhook deliveries to it are switched off. */
export async function startApp(
  world: World,
  extra: Record<string, string> = {},
  opts: Parameters<typeof startBot>[2] = {},
): Promise<AppUnderTest> {
  const bot = await startBot(world, extra, opts);
  const hooks = world.emulator.webhooksOf(world.bot.id);
  // Events come in through receive() only: one path, and the test knows when each is answered.
  for (const hook of hooks) world.emulator.setWebhookStatus(hook.id, 'inactive');
  const nameOf = (resource: string) =>
    hooks.find((h) => h.resource === resource)?.name ?? hooks[0]?.name ?? '';
  const envelope = (resource: string, data: WebhookEnvelope['data']): WebhookEnvelope => ({
    id: `test-${resource}`,
    name: nameOf(resource),
    resource,
    event: 'created',
    data,
  });
  const receive = (e: WebhookEnvelope) => bot.app.bot.handleWebhook(e);
  const answerTo = async (roomId: string, act: () => Promise<void>) => {
    const before = botMessagesIn(world, roomId).length;
    await act();
    return botMessagesIn(world, roomId).slice(before);
  };
  return {
    bot,
    receive,
    say: (personId, roomId, text) =>
      answerTo(roomId, async () => {
        const group = world.emulator.memberIdsOf(roomId).length > 2;
        const m = await world.emulator.userSays(
          personId,
          roomId,
          text,
          group ? { mention: [world.bot.id] } : {},
        );
        await receive(
          envelope('messages', {
            id: m.id,
            roomId: m.roomId,
            roomType: m.roomType,
            personId: m.personId,
            personEmail: m.personEmail,
          }),
        );
      }),
    press: (personId, message, data) =>
      answerTo(message.roomId, async () => {
        const action = await world.emulator.userSubmits(personId, message.id, data);
        await receive(envelope('attachmentActions', { id: action.id, roomId: message.roomId, personId }));
      }),
    stop: () => bot.stop(),
  };
}
