/** The digest and timezone commands through the real router, on an in-memory store, the real services and a fake scheduler. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ChatMessage, Reply } from '../../../../src/bot/types.js';
import { routerUnderTest } from '../../../helpers/router-under-test.js';
import { digestCommand } from '../../../../src/features/digests/digest-command.js';
import { CommandRegistry } from '../../../../src/core/command-registry.js';
import { timezoneCommand } from '../../../../src/features/timezone/timezone-command.js';
import type { RunNowResult } from '../../../../src/features/digests/scheduler.js';
import { createDigestService } from '../../../../src/features/digests/digest-service.js';
import { createTimeZoneSettings } from '../../../../src/features/timezone/timezone-settings.js';
import { openStore } from '../../../../src/store/open-store.js';
import type { Store } from '../../../../src/store/store.js';
import { WebexApiError } from '../../../../src/webex/webex-client.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
import { repositoriesOf } from '../../../store/repositories.js';

const NOW = new Date('2026-11-25T16:00:00Z');
const people = {
  ann: { id: 'p-ann', emails: ['ann@example.com'], displayName: 'Ann Lee', timezone: 'America/Los_Angeles' },
  bob: { id: 'p-bob', emails: ['bob@example.com'], displayName: 'Bob Roy' },
  admin: { id: 'p-admin', emails: ['boss@example.com'], displayName: 'Boss' },
};

describe('digest and timezone commands', () => {
  let store: Store;
  let runNow: RunNowResult;
  let onEvent: ReturnType<typeof routerUnderTest>;

  // A fresh store for each test: each makes the digests it needs.
  beforeEach(async () => {
    runNow = { status: 'sent', cards: 1, recordings: 1 };
    store = openStore({ dataDir: '', sqliteFile: ':memory:' });
    await store.migrate();
    const registry = new CommandRegistry();
    const repos = repositoriesOf(store);
    const logger = memoryLogger('warn').logger;
    const timeZones = createTimeZoneSettings({ repository: repos.timeZones, defaultTimeZone: 'UTC', logger });
    const service = createDigestService({
      repository: repos.digests,
      scheduler: { tick: async () => ({ claimed: 0, outcomes: [] }), runNow: async () => runNow },
      timeZoneFor: timeZones.zoneFor,
      admins: new Set(['boss@example.com']),
      say: async () => undefined,
      now: () => NOW,
      logger,
    });
    registry.add(digestCommand({ service }));
    registry.add(timezoneCommand({ settings: timeZones }));
    onEvent = routerUnderTest({ registry, now: () => NOW, logger: memoryLogger('warn').logger });
  });
  afterEach(() => store.close());

  async function say(who: keyof typeof people, text: string, roomId = 'group-1'): Promise<string> {
    const person = people[who];
    const said: string[] = [];
    const reply: Reply = {
      async say(md) {
        said.push(md);
      },
      async sendCard(_c, md) {
        said.push(md);
      },
    };
    const message: ChatMessage = {
      kind: 'message',
      messageId: 'm',
      roomId,
      roomType: roomId.startsWith('group') ? 'group' : 'direct',
      personId: person.id,
      personEmail: person.emails[0] ?? '',
      person,
      text,
    };
    await onEvent(message, reply);
    return said.join('\n').replace(/\\([_*~`\\])/g, '$1');
  }

  it('creates digests numbered per space and lists them for anyone', async () => {
    assert.match(
      await say('ann', 'digest daily at 9:00 topic sync'),
      /digest \*\*#1\*\*.*America\/Los_Angeles/,
    );
    assert.match(
      await say('bob', 'digest weekdays at 8:30 UTC'),
      /digest \*\*#2\*\*: every weekday \(Mon–Fri\) at 08:30 \(UTC\)/,
    );
    assert.match(
      await say('ann', 'digest weekly on friday at 7:00', 'direct-ann'),
      /#1\*\*: every Friday at 07:00/,
    );
    const list = await say('bob', 'digest list');
    assert.match(
      list,
      /#1\*\* every day at 09:00 \(America\/Los_Angeles\) · Ann Lee's recordings · topic “sync”/,
    );
    assert.match(
      list,
      /#2\*\* every weekday \(Mon–Fri\) at 08:30 \(UTC\) · Bob Roy's recordings — next: Thu 26 Nov 2026, 08:30 UTC/,
    );
    assert.match(await say('bob', 'digest'), /digest daily at 9:00/);
    assert.match(await say('bob', 'digest hourly'), /didn't understand 'hourly'/);
  });

  it('lets only the creator or a bot admin stop or send a digest; `stop all` stops only what one may', async () => {
    // #1 Ann's and #2 Bob's in the group, and Ann's #1 in her 1:1 space.
    await say('ann', 'digest daily at 9:00 topic sync');
    await say('bob', 'digest weekdays at 8:30 UTC');
    await say('ann', 'digest weekly on friday at 7:00', 'direct-ann');
    assert.match(await say('bob', 'digest now 1'), /Only Ann Lee .* can send it/);
    assert.match(await say('bob', 'digest stop x'), /Give its number/);
    assert.match(await say('bob', 'digest stop all'), /Stopped #2\. Still running: #1 \(Ann Lee's\)/);
    assert.match(await say('bob', 'digest stop 2'), /already stopped/);
    runNow = { status: 'failed', error: new WebexApiError('GET', '/recordings', 503, undefined, 'down') };
    assert.match(
      await say('admin', 'digest now #1'),
      /couldn't send digest #1 now: Webex answered with an error \(503\)/,
    );
    runNow = { status: 'busy' };
    assert.match(await say('ann', 'digest now 1'), /being sent right now/);
    assert.match(
      await say('admin', 'digest stop 1'),
      /Stopped digest #1 \(every day at 09:00, Ann Lee's recordings\)/,
    );
    assert.match(await say('bob', 'digest list'), /no digests in this space/);
    assert.equal(
      (await repositoriesOf(store).digests.listSubscriptions('direct-ann')).length,
      1,
      'other spaces untouched',
    );
  });

  it('shows, sets and resets the time zone, with the source, and new digests follow it', async () => {
    assert.match(await say('bob', 'timezone', 'direct-bob'), /\*\*UTC\*\* \(the bot’s default/);
    assert.match(await say('bob', 'timezone Asia/Tokio', 'direct-bob'), /Did you mean `Asia\/Tokyo`\?/);
    assert.match(await say('bob', 'timezone not a zone', 'direct-bob'), /isn't a time zone I know/);
    assert.match(await say('bob', 'timezone asia/tokyo', 'direct-bob'), /\*\*Asia\/Tokyo\*\*/);
    assert.match(
      await say('bob', 'digest daily at 9:00', 'direct-bob'),
      /\(Asia\/Tokyo\).*\n.*Thu 26 Nov 2026, 09:00/,
    );
    assert.match(
      await say('bob', 'timezone reset', 'direct-bob'),
      /\*\*UTC\*\* for you again, from the bot’s default/,
    );
    assert.match(await say('bob', 'timezone reset', 'direct-bob'), /had no time zone set/);
  });
});
