/**
 * What the digests feature keeps, as a port: the use-cases (DigestService, the scheduler, a run) see only this; its
 * one implementation is kysely-digest-repository.ts, over the shared store connection, on SQLite and Postgres.
 *
 * Digest runs are fenced by a lease: a claim gets a random token and an expiry, and every write a run makes checks
 * that token, so an instance that lost its lease (it stalled or died and another took over) can't change anything
 * any more: its writes fail with LeaseLostError.
 */
import type { DigestFilters, Schedule } from './schedule.js';

export type RoomType = 'direct' | 'group';

export interface NewSubscription {
  id: string;
  roomId: string;
  roomType: RoomType;
  creatorPersonId: string;
  creatorEmail: string;
  creatorName: string;
  schedule: Schedule;
  filters: DigestFilters;
  evenIfEmpty: boolean;
  createdAt: Date;
  /** The next scheduled run (at creation: the first). */
  nextRunAt: Date;
  /** Where the next window starts (at creation: one period before the first run). */
  watermark: Date;
}

/** A card being posted: written just before the POST so that a crash can't lead to posting it twice. */
export interface PendingPost {
  recordings: { id: string; createTime: number }[];
  at: number;
}

/** A stored subscription: what it was created with, plus its running state. */
export interface Subscription extends NewSubscription {
  /** Per space, shown in `digest list`; never reused. */
  number: number;
  active: boolean;
  stoppedAt: Date | undefined;
  /** When it may run next: nextRunAt, or later while a failed run backs off. */
  dueAt: Date;
  failures: number;
  lastError: string | undefined;
  failureNotified: boolean;
  pendingPost: PendingPost | undefined;
}

/** The right to run one subscription until `leaseUntil`. */
export interface Claim {
  subscription: Subscription;
  owner: string;
  token: string;
  leaseUntil: Date;
}

export interface PostedRecording {
  id: string;
  /** createTime of the recording, ms. */
  createTime: number;
}

export interface RunRecord {
  id: string;
  subscriptionId: string;
  kind: 'scheduled' | 'manual';
  instance: string;
  startedAt: Date;
  finishedAt: Date;
  windowFrom: Date;
  windowTo: Date;
  status: 'sent' | 'empty' | 'failed' | 'uncertain';
  recordings: number;
  error?: string | undefined;
}

export type NewRun = Omit<RunRecord, 'subscriptionId' | 'instance'>;

export interface RunSuccess {
  /** Scheduled runs move the window and the schedule; manual runs (`digest now`) leave both as they are. */
  advance?: { watermark: Date; nextRunAt: Date; prunePostedBefore: Date };
  run: NewRun;
}

export interface RunFailure {
  retryAt: Date;
  error: string;
  /** Set when the space has now been told about the repeated failure. */
  notified: boolean;
  run: NewRun;
}

export class LeaseLostError extends Error {
  constructor(subscriptionId: string) {
    super(`the lease on subscription ${subscriptionId} was lost (expired and taken over, or released)`);
    this.name = 'LeaseLostError';
  }
}

/** The creator already has an active digest with the same schedule and filters in this space (a race lost). */
export class DuplicateDigestError extends Error {
  constructor(readonly existing: Subscription) {
    super(`digest #${existing.number} already does this`);
    this.name = 'DuplicateDigestError';
  }
}

/**
 * Same schedule and the same filters (any order, topic in any case): the canonical rendering the duplicate check
 * compares, and the store's unique key over active digests (migration 0008, which renders the rows it found the
 * same way: change this only with a migration that renders existing rows anew).
 */
export function digestKey(d: { schedule: Schedule; filters: DigestFilters; evenIfEmpty: boolean }): string {
  const entries = Object.entries(d.filters)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]: [string, unknown]) => [k, k === 'topic' ? String(v).toLowerCase() : v] as const)
    // Code-unit order, not localeCompare: the key must not depend on the server's locale.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const s = d.schedule;
  return JSON.stringify([s.cadence, s.weekday ?? null, s.hour, s.minute, s.timeZone, d.evenIfEmpty, entries]);
}

export interface DigestRepository {
  /**
   * Inserts it with the next free number in its space (numbers are never reused there); throws DuplicateDigestError
   * when its creator already has an active one with the same digestKey there (a unique key: holds across instances).
   */
  createSubscription(input: NewSubscription): Promise<Subscription>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  /** Active and stopped, by the number shown in the space. */
  getSubscriptionByNumber(roomId: string, number: number): Promise<Subscription | undefined>;
  /** The active subscriptions of a space, by number. */
  listSubscriptions(roomId: string): Promise<Subscription[]>;
  /** Active subscriptions a person created, in every space. */
  listSubscriptionsOfCreator(personId: string): Promise<Subscription[]>;
  /** Stops these (if still active); returns the ids actually stopped. */
  stopSubscriptions(ids: string[], stoppedBy: string, now: Date): Promise<string[]>;
  /** Stops every active subscription of a space (the bot was removed from it); returns how many. */
  deactivateRoom(roomId: string, now: Date): Promise<number>;

  /** Atomically leases up to `limit` active subscriptions due at `now` whose lease is free or expired. */
  claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<Claim[]>;
  /** Leases one active subscription whatever its due time (`digest now`); undefined when leased by someone else. */
  claimOne(id: string, now: Date, owner: string, leaseMs: number): Promise<Claim | undefined>;
  /** Extends the lease; throws LeaseLostError when it is no longer ours. */
  renewLease(claim: Claim, now: Date, leaseMs: number): Promise<void>;
  release(claim: Claim): Promise<void>;

  postedIds(subscriptionId: string): Promise<Set<string>>;
  /** Records the card about to be posted (and renews the lease). */
  beginPost(claim: Claim, pending: PendingPost, now: Date, leaseMs: number): Promise<void>;
  /**
   * The card was posted (or, with `uncertain`, may have been: its POST's outcome is unknown and it was not sent
   * again): its recordings become posted ids and the pending post is cleared, in one transaction.
   */
  endPost(claim: Claim, now: Date, outcome?: { uncertain: boolean }): Promise<void>;
  /** The card's POST failed (Webex answered with an error): forget the pending card, record nothing as posted. */
  endPostUnposted(claim: Claim): Promise<void>;
  /**
   * A previous holder died while posting: nobody can tell whether Webex got the card, so its recordings are counted
   * as posted (at most once) and the run is recorded as `uncertain`. Returns how many recordings that was.
   */
  settlePendingPost(claim: Claim, now: Date): Promise<number>;
  completeRun(claim: Claim, result: RunSuccess): Promise<void>;
  failRun(claim: Claim, result: RunFailure): Promise<void>;

  runs(subscriptionId: string): Promise<RunRecord[]>;
}
