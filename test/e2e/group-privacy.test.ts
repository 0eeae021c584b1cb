/**
 * Finding 4 (digests and recordings): a digest stops, with one notice, when its creator leaves or is removed from the
 * space; in a group space only recordings the person hosts are shown, never ones merely shared with them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { repositoriesOf } from '../store/repositories.js';
import { waitFor } from '../helpers/wait-for.js';
import { askBot, botMessagesIn, withBot } from './harness.js';

describe('group privacy (finding 4)', () => {
  const f = withBot({ env: (w) => ({ WEBEX_ADMIN_TOKEN: w.admin.token }) });

  for (const how of ['leaves', 'is removed'] as const) {
    it(`when a digest's creator ${how}, then her digests there stop with one notice and nobody else's do`, async () => {
      const carol = f.world.emulator.addPerson({
        displayName: `Carol ${how}`,
        email: `carol-${how.replace(' ', '-')}@example.com`,
      });
      const room = f.world.emulator.addRoom({
        type: 'group',
        title: `Room where Carol ${how}`,
        memberIds: [carol.id, f.world.bob.id, f.world.bot.id],
      });
      await askBot(f.world, room.id, carol.id, 'digest daily at 9:00', true);
      await askBot(f.world, room.id, carol.id, 'digest weekly on monday at 8:00', true);
      await askBot(f.world, room.id, f.world.bob.id, 'digest daily at 10:00', true);
      const before = botMessagesIn(f.world, room.id).length;

      await f.world.emulator.removeMember(
        room.id,
        carol.id,
        how === 'is removed' ? { actorId: f.world.bob.id } : {},
      );
      await waitFor(() => botMessagesIn(f.world, room.id).length > before, 'the notice');
      const notices = botMessagesIn(f.world, room.id).slice(before);
      assert.equal(notices.length, 1, notices.map((m) => m.markdown).join('\n'));
      assert.match(notices[0]?.markdown ?? '', /Carol .* left this space.*#1, #2/u);

      const store = openStore({ dataDir: f.bot.config.dataDir });
      try {
        const active = await repositoriesOf(store).digests.listSubscriptions(room.id);
        assert.deepEqual(
          active.map((s) => s.creatorPersonId),
          [f.world.bob.id],
        );
      } finally {
        await store.close();
      }
    });
  }
});
