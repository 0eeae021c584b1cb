import { botMessagesIn, startBot } from '../e2e/harness.js';
export { actionsOf, botMessagesIn, cardOf, startWorld } from '../e2e/harness.js';
/** Starts the app against the world's emulator; the emulator's own webhook deliveries to it are switched off. */
export async function startApp(world, extra = {}, opts = {}) {
    const bot = await startBot(world, extra, opts);
    const hooks = world.emulator.webhooksOf(world.bot.id);
    // Events come in through receive() only: one path, and the test knows when each is answered.
    for (const hook of hooks)
        world.emulator.setWebhookStatus(hook.id, 'inactive');
    const nameOf = (resource) => hooks.find((h) => h.resource === resource)?.name ?? hooks[0]?.name ?? '';
    const envelope = (resource, data) => ({
        id: `test-${resource}`,
        name: nameOf(resource),
        resource,
        event: 'created',
        data,
    });
    const receive = (e) => bot.app.bot.handleWebhook(e);
    const answerTo = async (roomId, act) => {
        const before = botMessagesIn(world, roomId).length;
        await act();
        return botMessagesIn(world, roomId).slice(before);
    };
    return {
        bot,
        receive,
        say: (personId, roomId, text) => answerTo(roomId, async () => {
            const group = world.emulator.memberIdsOf(roomId).length > 2;
            const m = await world.emulator.userSays(personId, roomId, text, group ? { mention: [world.bot.id] } : {});
            await receive(envelope('messages', {
                id: m.id,
                roomId: m.roomId,
                roomType: m.roomType,
                personId: m.personId,
                personEmail: m.personEmail,
            }));
        }),
        press: (personId, message, data) => answerTo(message.roomId, async () => {
            const action = await world.emulator.userSubmits(personId, message.id, data);
            await receive(envelope('attachmentActions', { id: action.id, roomId: message.roomId, personId }));
        }),
        stop: () => bot.stop(),
    };
}
//# sourceMappingURL=harness.js.map