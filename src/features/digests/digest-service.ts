/**
 * The digests' use-cases, shared by the `digest` command (subscribe, list, stop, send now), the ticker (run due) and
 * the membership handler (a creator left or disconnected, the bot was removed). Commands parse and render; this
 * decides: the schedule and first window of a new digest, what counts as a duplicate, who may manage a digest
 * (its creator or a BOT_ADMINS member).
 */
import { randomUUID } from 'node:crypto';
import type { DigestRequest } from './parse-digest.js';
import { nextRun, previousRun, type DigestFilters, type Schedule } from './schedule.js';
import type { DigestScheduler, RunNowResult, TickResult } from './scheduler.js';
import { stopCreatorDigests, type StopReason } from './stop-creator-digests.js';
import type { Logger } from '../../logger.js';
import type { WebexPerson } from '../../webex/types.js';
import {
  DuplicateDigestError,
  digestKey,
  type DigestRepository,
  type RoomType,
  type Subscription,
} from './digest-repository.js';

/** Who is asking: the person behind a command or a button press. */
export interface DigestActor {
  personId: string;
  /** As Webex gave it; '' when it could not tell. */
  email: string;
  person: WebexPerson;
}

export type SubscribeResult =
  | { status: 'created'; subscription: Subscription }
  | { status: 'duplicate'; existing: Subscription }
  | { status: 'no-email' };

/** Looking a digest up by the number shown in its space, for someone who wants to manage it. */
export type ManageResult<T> =
  | { status: 'missing'; number: number }
  | { status: 'inactive'; subscription: Subscription }
  | { status: 'refused'; subscription: Subscription }
  | ({ status: 'ok'; subscription: Subscription } & T);

export interface StopAllResult {
  /** Every active digest of the space when asked. */
  active: Subscription[];
  stopped: Subscription[];
  /** Digests the asker may not stop (someone else's). */
  others: Subscription[];
}

export interface DigestService {
  subscribe(
    actor: DigestActor,
    room: { id: string; type: RoomType },
    request: DigestRequest,
  ): Promise<SubscribeResult>;
  /** The active digests of a space, by number. */
  list(roomId: string): Promise<Subscription[]>;
  stop(actor: DigestActor, roomId: string, number: number): Promise<ManageResult<object>>;
  stopAll(actor: DigestActor, roomId: string): Promise<StopAllResult>;
  /** Runs one digest now, without moving its schedule. */
  sendNow(
    actor: DigestActor,
    roomId: string,
    number: number,
  ): Promise<ManageResult<{ result: RunNowResult }>>;
  /** Runs every due digest (the ticker calls this). */
  runDue(): Promise<TickResult>;
  /** A creator left a space (or took back the bot's access: no room): her digests there (everywhere) stop. */
  creatorGone(personId: string, reason: StopReason, roomId?: string): Promise<Subscription[]>;
  /** The bot was removed from a space: its digests stop; returns how many. */
  botRemoved(roomId: string): Promise<number>;
}

export interface DigestServiceDeps {
  repository: DigestRepository;
  scheduler: DigestScheduler;
  /** The zone a digest uses when the request names none (the creator's effective zone). */
  timeZoneFor(person: WebexPerson): Promise<string>;
  /** Lower-cased emails of BOT_ADMINS. */
  admins: ReadonlySet<string>;
  /** Tells a space why its digests stopped (bot identity). */
  say(roomId: string, markdown: string): Promise<void>;
  now: () => Date;
  logger: Logger;
}

/** Same schedule and the same filters (any order, topic in any case): a duplicate digest. */
export const sameDigest = (
  a: Subscription,
  b: { schedule: Schedule; filters: DigestFilters; evenIfEmpty: boolean },
): boolean => digestKey(a) === digestKey(b);

const mayManage = (deps: DigestServiceDeps, actor: DigestActor, sub: Subscription) =>
  sub.creatorPersonId === actor.personId || deps.admins.has(actor.email.toLowerCase());

async function manage(
  deps: DigestServiceDeps,
  actor: DigestActor,
  roomId: string,
  number: number,
): Promise<ManageResult<object>> {
  const subscription = await deps.repository.getSubscriptionByNumber(roomId, number);
  if (!subscription) return { status: 'missing', number };
  if (!subscription.active) return { status: 'inactive', subscription };
  if (!mayManage(deps, actor, subscription)) return { status: 'refused', subscription };
  return { status: 'ok', subscription };
}

async function subscribe(
  deps: DigestServiceDeps,
  actor: DigestActor,
  room: { id: string; type: RoomType },
  r: DigestRequest,
): Promise<SubscribeResult> {
  const { repository, now } = deps;
  // A digest lists its creator's recordings by her email: without one there is nothing it could list.
  if (!actor.email) return { status: 'no-email' };
  const timeZone = r.timeZone ?? (await deps.timeZoneFor(actor.person));
  const schedule: Schedule = { cadence: r.cadence, hour: r.hour, minute: r.minute, timeZone };
  if (r.weekday !== undefined) schedule.weekday = r.weekday;
  const existing = (await repository.listSubscriptions(room.id)).find(
    (s) =>
      s.creatorPersonId === actor.personId &&
      sameDigest(s, { schedule, filters: r.filters, evenIfEmpty: r.evenIfEmpty }),
  );
  if (existing) return { status: 'duplicate', existing };
  const first = nextRun(schedule, now());
  const subscription = await createOnce(repository, {
    id: randomUUID(),
    roomId: room.id,
    roomType: room.type,
    creatorPersonId: actor.personId,
    creatorEmail: actor.email,
    creatorName: actor.person.displayName || actor.email,
    schedule,
    filters: r.filters,
    evenIfEmpty: r.evenIfEmpty,
    createdAt: now(),
    nextRunAt: first,
    // The first digest covers one period before it.
    watermark: previousRun(schedule, first),
  });
  return subscription instanceof DuplicateDigestError
    ? { status: 'duplicate', existing: subscription.existing }
    : { status: 'created', subscription };
}

/** The new digest, or the refusal when the same one exists (the store's key: a twin message won the race). */
async function createOnce(
  repository: DigestRepository,
  input: Parameters<DigestRepository['createSubscription']>[0],
): Promise<Subscription | DuplicateDigestError> {
  try {
    return await repository.createSubscription(input);
  } catch (err) {
    if (err instanceof DuplicateDigestError) return err;
    throw err;
  }
}

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const { repository, now } = deps;
  return {
    subscribe: (actor, room, request) => subscribe(deps, actor, room, request),
    list: (roomId) => repository.listSubscriptions(roomId),
    async stop(actor, roomId, number) {
      const found = await manage(deps, actor, roomId, number);
      if (found.status === 'ok')
        await repository.stopSubscriptions([found.subscription.id], actor.email, now());
      return found;
    },
    async stopAll(actor, roomId) {
      const active = await repository.listSubscriptions(roomId);
      const mine = active.filter((s) => mayManage(deps, actor, s));
      const others = active.filter((s) => !mayManage(deps, actor, s));
      const ids = await repository.stopSubscriptions(
        mine.map((s) => s.id),
        actor.email,
        now(),
      );
      return { active, stopped: mine.filter((s) => ids.includes(s.id)), others };
    },
    async sendNow(actor, roomId, number) {
      const found = await manage(deps, actor, roomId, number);
      if (found.status !== 'ok') return found;
      return { ...found, result: await deps.scheduler.runNow(found.subscription.id) };
    },
    runDue: () => deps.scheduler.tick(),
    creatorGone: (personId, reason, roomId) =>
      stopCreatorDigests({ repository, say: deps.say, now, logger: deps.logger }, personId, reason, roomId),
    async botRemoved(roomId) {
      const stopped = await repository.deactivateRoom(roomId, now());
      if (stopped > 0) deps.logger.info({ roomId, stopped }, 'removed from a space: its digests are stopped');
      return stopped;
    },
  };
}
