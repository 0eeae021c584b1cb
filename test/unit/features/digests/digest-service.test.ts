/** DigestService on an in-memory SQLite store: what it decides, before any command words it. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DigestRequest } from '../../../../src/features/digests/parse-digest.js';
import type { RunNowResult } from '../../../../src/features/digests/scheduler.js';
import type { DigestRepository } from '../../../../src/features/digests/digest-repository.js';
import {
  createDigestService,
  type DigestActor,
  type DigestService,
} from '../../../../src/features/digests/digest-service.js';
import { openStore } from '../../../../src/store/open-store.js';
import type { Store } from '../../../../src/store/store.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
import { repositoriesOf } from '../../../store/repositories.js';

const NOW = new Date('2026-11-25T16:00:00Z');
const actor = (id: string, email: string, timezone?: string): DigestActor => ({
  personId: id,
  email,
  person: {
    id,
    emails: email ? [email] : [],
    displayName: id.toUpperCase(),
    ...(timezone ? { timezone } : {}),
  },
});
const ann = actor('ann', 'ann@example.com', 'Asia/Tokyo');
const bob = actor('bob', 'bob@example.com');
const boss = actor('boss', 'Boss@Example.com');
const daily9 = (over: Partial<DigestRequest> = {}): DigestRequest => ({
  cadence: 'daily',
  hour: 9,
  minute: 0,
  filters: {},
  evenIfEmpty: false,
  ...over,
});
const group = { id: 'group-1', type: 'group' as const };

describe('DigestService', () => {
  // A fresh store and service for each test: each subscribes what it needs.
  let store: Store;
  let repo: DigestRepository;
  let service: DigestService;
  let ran: string[];
  let said: Array<[string, string]>;

  beforeEach(async () => {
    ran = [];
    said = [];
    store = openStore({ dataDir: '', sqliteFile: ':memory:' });
    await store.migrate();
    repo = repositoriesOf(store).digests;
    service = createDigestService({
      repository: repo,
      scheduler: {
        tick: async () => ({ claimed: 0, outcomes: [] }),
        runNow: async (id): Promise<RunNowResult> => {
          ran.push(id);
          return { status: 'empty' };
        },
      },
      timeZoneFor: async (p) => p.timezone ?? 'UTC',
      admins: new Set(['boss@example.com']),
      say: async (roomId, md) => void said.push([roomId, md]),
      now: () => NOW,
      logger: memoryLogger('warn').logger,
    });
  });
  afterEach(() => store.close());

  it('when someone subscribes, then the digest gets her zone, its first run and a window of one period', async () => {
    const r = await service.subscribe(ann, group, daily9({ filters: { topic: 'Sync' } }));
    assert.equal(r.status, 'created');
    const sub = r.status === 'created' ? r.subscription : assert.fail();
    assert.equal(sub.number, 1);
    assert.equal(sub.schedule.timeZone, 'Asia/Tokyo');
    assert.equal(sub.nextRunAt.toISOString(), '2026-11-26T00:00:00.000Z', '09:00 in Tokyo');
    assert.equal(sub.watermark.toISOString(), '2026-11-25T00:00:00.000Z');
    assert.equal(sub.creatorName, 'ANN');
    assert.deepEqual(
      (await repo.listSubscriptions('group-1')).map((s) => s.id),
      [sub.id],
    );
  });

  it('when the same person asks for the same digest again (topic in another case), then it is a duplicate', async () => {
    assert.equal(
      (await service.subscribe(ann, group, daily9({ filters: { topic: 'Sync' } }))).status,
      'created',
    );
    const again = await service.subscribe(ann, group, daily9({ filters: { topic: 'sync' } }));
    assert.equal(again.status, 'duplicate');
    const other = await service.subscribe(bob, group, daily9({ filters: { topic: 'sync' } }));
    assert.equal(other.status, 'created', 'someone else’s is not a duplicate');
    assert.equal((await service.list('group-1')).length, 2);
  });

  it('when Webex gave no email, then nothing is created', async () => {
    await service.subscribe(ann, group, daily9());
    assert.deepEqual(await service.subscribe(actor('eve', ''), group, daily9()), { status: 'no-email' });
    assert.equal((await service.list('group-1')).length, 1, 'only Ann’s');
  });

  it('when someone else asks to send or stop a digest, then only its creator or an admin (any case) may', async () => {
    await service.subscribe(ann, group, daily9());
    assert.equal((await service.sendNow(bob, 'group-1', 1)).status, 'refused');
    assert.equal((await service.stop(bob, 'group-1', 1)).status, 'refused');
    assert.deepEqual(ran, [], 'a refused send runs nothing');
    const sent = await service.sendNow(boss, 'group-1', 1);
    assert.equal(sent.status === 'ok' && sent.result.status, 'empty');
    assert.equal(ran.length, 1);
    assert.equal((await service.sendNow(ann, 'group-1', 9)).status, 'missing');
    assert.equal((await service.stop(ann, 'group-1', 1)).status, 'ok');
    assert.equal((await service.stop(ann, 'group-1', 1)).status, 'inactive');
    assert.equal((await repo.getSubscriptionByNumber('group-1', 1))?.active, false);
  });

  it('when someone stops all, then only what she may stop stops', async () => {
    // #1 Ann's, stopped; #2 Bob's; #3 Ann's.
    await service.subscribe(ann, group, daily9());
    await service.subscribe(bob, group, daily9());
    assert.equal((await service.stop(ann, 'group-1', 1)).status, 'ok');
    await service.subscribe(ann, group, daily9({ hour: 10 }));
    const r = await service.stopAll(bob, 'group-1');
    assert.deepEqual(
      r.stopped.map((s) => s.number),
      [2],
    );
    assert.deepEqual(
      r.others.map((s) => s.number),
      [3],
    );
    assert.deepEqual(
      (await service.list('group-1')).map((s) => s.number),
      [3],
    );
  });

  it('when a creator leaves a space or the bot is removed, then those digests stop and the space is told once', async () => {
    await service.subscribe(ann, group, daily9());
    await service.subscribe(ann, { id: 'group-2', type: 'group' }, daily9());
    assert.equal((await service.creatorGone('ann', 'left', 'group-1')).length, 1);
    assert.deepEqual(
      said.map(([room]) => room),
      ['group-1'],
    );
    assert.equal((await service.creatorGone('ann', 'left', 'group-1')).length, 0);
    assert.equal(said.length, 1, 'told once');
    assert.equal(await service.botRemoved('group-2'), 1);
    assert.equal(await service.botRemoved('group-2'), 0);
    assert.deepEqual(await service.list('group-2'), []);
  });
});
