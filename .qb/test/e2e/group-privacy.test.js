/**
 * Finding 4 (digests and recordings): a digest stops, with one notice, when its creator leaves or is removed from the
 * space; in a group space only recordings the person hosts are shown, never ones merely shared with them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { repositoriesOf } from '../store/repositories.js';
import { waitFor } from '../helpers/wait-for.js';
import { askBot, botMessagesIn, startBot, startWorld } from './harness.js';
describe('group privacy (finding 4)', () => {
    let world;
    let bot;
    before(async () => {
        world = await startWorld();
        bot = await startBot(world, { WEBEX_ADMIN_TOKEN: world.admin.token });
    });
    after(async () => {
        await bot?.stop();
        await world?.emulator.stop();
    });
    for (const how of ['leaves', 'is removed']) {
        it(`when a digest's creator ${how}, then her digests there stop with one notice and nobody else's do`, async () => {
            const carol = world.emulator.addPerson({
                displayName: `Carol ${how}`,
                email: `carol-${how.replace(' ', '-')}@example.com`,
            });
            const room = world.emulator.addRoom({
                type: 'group',
                title: `Room where Carol ${how}`,
                memberIds: [carol.id, world.bob.id, world.bot.id],
            });
            await askBot(world, room.id, carol.id, 'digest daily at 9:00', true);
            await askBot(world, room.id, carol.id, 'digest weekly on monday at 8:00', true);
            await askBot(world, room.id, world.bob.id, 'digest daily at 10:00', true);
            const before = botMessagesIn(world, room.id).length;
            await world.emulator.removeMember(room.id, carol.id, how === 'is removed' ? { actorId: world.bob.id } : {});
            await waitFor(() => botMessagesIn(world, room.id).length > before, 'the notice');
            const notices = botMessagesIn(world, room.id).slice(before);
            assert.equal(notices.length, 1, notices.map((m) => m.markdown).join('\n'));
            assert.match(notices[0]?.markdown ?? '', /Carol .* left this space.*#1, #2/u);
            const store = openStore({ dataDir: bot.config.dataDir });
            try {
                const active = await repositoriesOf(store).digests.listSubscriptions(room.id);
                assert.deepEqual(active.map((s) => s.creatorPersonId), [world.bob.id]);
            }
            finally {
                await store.close();
            }
        });
    }
});
//# sourceMappingURL=group-privacy.test.js.map