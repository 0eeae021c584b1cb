/**
 * The digests' repository over the shared store connection. Kysely builds every statement, so the same code runs on
 * SQLite and Postgres; the only dialect-specific line is `FOR UPDATE SKIP LOCKED` when claiming (SQLite has a single
 * writer, so its claim is atomic without it).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DigestFilters, Schedule } from './schedule.js';
import type { Database, SubscriptionsTable } from '../../store/schema.js';
import { activeByNumber, isUniqueViolation, rowByNumber, stopNumbered } from '../../store/numbered-rows.js';
import { retriedTransaction } from '../../store/transaction.js';
import {
  DuplicateDigestError,
  LeaseLostError,
  digestKey,
  type Claim,
  type DigestRepository,
  type NewRun,
  type NewSubscription,
  type PendingPost,
  type PostedRecording,
  type RunFailure,
  type RunRecord,
  type RunSuccess,
  type Subscription,
} from './digest-repository.js';

type Db = Kysely<Database> | Transaction<Database>;
type SubscriptionRow = Selectable<SubscriptionsTable>;

const ms = (d: Date) => d.getTime();
const date = (n: number) => new Date(Number(n));
const INSERT_CHUNK = 200;

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toSubscription(r: SubscriptionRow): Subscription {
  const schedule: Schedule = {
    cadence: r.cadence,
    hour: Number(r.hour),
    minute: Number(r.minute),
    timeZone: r.time_zone,
    ...(r.weekday === null ? {} : { weekday: Number(r.weekday) }),
  };
  return {
    id: r.id,
    roomId: r.room_id,
    roomType: r.room_type,
    number: Number(r.number),
    creatorPersonId: r.creator_person_id,
    creatorEmail: r.creator_email,
    creatorName: r.creator_name,
    schedule,
    filters: parseJson<DigestFilters>(r.filters, {}),
    evenIfEmpty: Number(r.even_if_empty) === 1,
    active: Number(r.active) === 1,
    createdAt: date(r.created_at),
    stoppedAt: r.stopped_at === null ? undefined : date(r.stopped_at),
    nextRunAt: date(r.next_run_at),
    dueAt: date(r.due_at),
    watermark: date(r.watermark),
    failures: Number(r.failures),
    lastError: r.last_error ?? undefined,
    failureNotified: Number(r.failure_notified) === 1,
    pendingPost: parseJson<PendingPost | undefined>(r.pending_post, undefined),
  };
}

export class KyselyDigestRepository implements DigestRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly backend: 'sqlite' | 'postgres',
  ) {}

  private tx<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return retriedTransaction(this.db, this.backend, fn);
  }

  // ---- subscriptions ----

  async createSubscription(input: NewSubscription): Promise<Subscription> {
    try {
      return await this.insertSubscription(input);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same digest made by someone else first (on any instance): say which.
      const key = digestKey(input);
      const same = await this.db
        .selectFrom('subscriptions')
        .selectAll()
        .where('room_id', '=', input.roomId)
        .where('creator_person_id', '=', input.creatorPersonId)
        .where('dedupe_key', '=', key)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (same) throw new DuplicateDigestError(toSubscription(same));
      throw err;
    }
  }

  private async insertSubscription(input: NewSubscription): Promise<Subscription> {
    return this.tx(async (trx) => {
      // A retried transaction whose first COMMIT did land: the subscription is there already.
      const existing = await trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (existing) return toSubscription(existing);
      // Numbers are per space and never reused: an upserted counter row, locked until this transaction ends.
      const counter = await trx
        .insertInto('room_counters')
        .values({ room_id: input.roomId, last_number: 1 })
        .onConflict((oc) =>
          oc
            .column('room_id')
            .doUpdateSet((eb) => ({ last_number: eb(eb.ref('room_counters.last_number'), '+', 1) })),
        )
        .returning('last_number')
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('subscriptions')
        .values({
          id: input.id,
          room_id: input.roomId,
          room_type: input.roomType,
          number: Number(counter.last_number),
          creator_person_id: input.creatorPersonId,
          creator_email: input.creatorEmail,
          creator_name: input.creatorName,
          cadence: input.schedule.cadence,
          weekday: input.schedule.weekday ?? null,
          hour: input.schedule.hour,
          minute: input.schedule.minute,
          time_zone: input.schedule.timeZone,
          filters: JSON.stringify(input.filters),
          even_if_empty: input.evenIfEmpty ? 1 : 0,
          dedupe_key: digestKey(input),
          active: 1,
          created_at: ms(input.createdAt),
          stopped_at: null,
          stopped_by: null,
          next_run_at: ms(input.nextRunAt),
          due_at: ms(input.nextRunAt),
          watermark: ms(input.watermark),
          last_error: null,
          lease_owner: null,
          lease_token: null,
          lease_until: null,
          pending_post: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSubscription(row);
    });
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscription(row);
  }

  async getSubscriptionByNumber(roomId: string, number: number): Promise<Subscription | undefined> {
    const row = await rowByNumber(this.db, 'subscriptions', roomId, number);
    return row && toSubscription(row);
  }

  async listSubscriptions(roomId: string): Promise<Subscription[]> {
    const rows = await activeByNumber(this.db, 'subscriptions', roomId);
    return rows.map(toSubscription);
  }

  async listSubscriptionsOfCreator(personId: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('creator_person_id', '=', personId)
      .where('active', '=', 1)
      .orderBy('room_id')
      .orderBy('number')
      .execute();
    return rows.map(toSubscription);
  }

  async stopSubscriptions(ids: string[], stoppedBy: string, now: Date): Promise<string[]> {
    return stopNumbered(this.db, 'subscriptions', ids, stoppedBy, now);
  }

  async deactivateRoom(roomId: string, now: Date): Promise<number> {
    const r = await this.db
      .updateTable('subscriptions')
      .set({ active: 0, stopped_at: ms(now), stopped_by: 'bot removed from the space' })
      .where('room_id', '=', roomId)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  // ---- claiming ----

  async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<Claim[]> {
    const token = randomUUID();
    const t = ms(now);
    const leaseUntil = t + leaseMs;
    // The due rows are chosen once, in a materialized CTE. As a plain `id IN (subquery)`, Postgres may plan a nested
    // loop that runs the subquery again for every row of the outer scan; with SKIP LOCKED each run can pick other
    // rows (those another instance has just locked are skipped), so one claim took far more than `limit` rows: seen
    // as one instance claiming all 200 due digests while the other found none.
    const rows = await this.db
      .with(
        (cte) => cte('due').materialized(),
        (db) =>
          db
            .selectFrom('subscriptions')
            .select('id')
            .where('active', '=', 1)
            .where('due_at', '<=', t)
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', t)]))
            .orderBy('due_at')
            .limit(limit)
            // Postgres: rows another instance is claiming right now are skipped, not waited for.
            .$if(this.backend === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .updateTable('subscriptions')
      .set({ lease_owner: owner, lease_token: token, lease_until: leaseUntil })
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', t)]))
      .returningAll()
      .execute();
    return rows
      .map((r) => ({ subscription: toSubscription(r), owner, token, leaseUntil: date(leaseUntil) }))
      .sort((a, b) => ms(a.subscription.dueAt) - ms(b.subscription.dueAt));
  }

  async claimOne(id: string, now: Date, owner: string, leaseMs: number): Promise<Claim | undefined> {
    const token = randomUUID();
    const t = ms(now);
    const row = await this.db
      .updateTable('subscriptions')
      .set({ lease_owner: owner, lease_token: token, lease_until: t + leaseMs })
      .where('id', '=', id)
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', t)]))
      .returningAll()
      .executeTakeFirst();
    return row && { subscription: toSubscription(row), owner, token, leaseUntil: date(t + leaseMs) };
  }

  private async fenced(db: Db, claim: Claim, set: Updateable<SubscriptionsTable>): Promise<void> {
    const r = await db
      .updateTable('subscriptions')
      .set(set)
      .where('id', '=', claim.subscription.id)
      .where('lease_token', '=', claim.token)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new LeaseLostError(claim.subscription.id);
  }

  async renewLease(claim: Claim, now: Date, leaseMs: number): Promise<void> {
    await this.fenced(this.db, claim, { lease_until: ms(now) + leaseMs });
    claim.leaseUntil = date(ms(now) + leaseMs);
  }

  async release(claim: Claim): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ lease_owner: null, lease_token: null, lease_until: null })
      .where('id', '=', claim.subscription.id)
      .where('lease_token', '=', claim.token)
      .execute();
  }

  // ---- posting ----

  async postedIds(subscriptionId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('posted_recordings')
      .select('recording_id')
      .where('subscription_id', '=', subscriptionId)
      .execute();
    return new Set(rows.map((r) => r.recording_id));
  }

  private async insertPosted(
    db: Db,
    subscriptionId: string,
    recordings: PostedRecording[],
    now: Date,
    uncertain: boolean,
  ): Promise<void> {
    for (let i = 0; i < recordings.length; i += INSERT_CHUNK) {
      const values = recordings.slice(i, i + INSERT_CHUNK).map((r) => ({
        subscription_id: subscriptionId,
        recording_id: r.id,
        create_time: r.createTime,
        posted_at: ms(now),
        uncertain: uncertain ? 1 : 0,
      }));
      await db
        .insertInto('posted_recordings')
        .values(values)
        .onConflict((oc) => oc.columns(['subscription_id', 'recording_id']).doNothing())
        .execute();
    }
  }

  private async insertRun(db: Db, claim: Claim, run: NewRun): Promise<void> {
    await db
      .insertInto('digest_runs')
      .values({
        id: run.id,
        subscription_id: claim.subscription.id,
        kind: run.kind,
        instance: claim.owner,
        started_at: ms(run.startedAt),
        finished_at: ms(run.finishedAt),
        window_from: ms(run.windowFrom),
        window_to: ms(run.windowTo),
        status: run.status,
        recordings: run.recordings,
        error: run.error ?? null,
      })
      .execute();
  }

  async beginPost(claim: Claim, pending: PendingPost, now: Date, leaseMs: number): Promise<void> {
    await this.fenced(this.db, claim, {
      pending_post: JSON.stringify(pending),
      lease_until: ms(now) + leaseMs,
    });
    claim.leaseUntil = date(ms(now) + leaseMs);
    claim.subscription.pendingPost = pending;
  }

  async endPost(claim: Claim, now: Date, outcome?: { uncertain: boolean }): Promise<void> {
    const pending = claim.subscription.pendingPost;
    const uncertain = outcome?.uncertain ?? false;
    await this.tx(async (trx) => {
      await this.fenced(trx, claim, { pending_post: null });
      if (pending) await this.insertPosted(trx, claim.subscription.id, pending.recordings, now, uncertain);
    });
    claim.subscription.pendingPost = undefined;
  }

  async endPostUnposted(claim: Claim): Promise<void> {
    await this.fenced(this.db, claim, { pending_post: null });
    claim.subscription.pendingPost = undefined;
  }

  async settlePendingPost(claim: Claim, now: Date): Promise<number> {
    return this.tx(async (trx) => {
      const row = await trx
        .selectFrom('subscriptions')
        .select('pending_post')
        .where('id', '=', claim.subscription.id)
        .where('lease_token', '=', claim.token)
        .executeTakeFirst();
      if (!row) throw new LeaseLostError(claim.subscription.id);
      const pending = parseJson<PendingPost | undefined>(row.pending_post, undefined);
      claim.subscription.pendingPost = undefined;
      if (!pending) return 0;
      await this.fenced(trx, claim, { pending_post: null });
      await this.insertPosted(trx, claim.subscription.id, pending.recordings, now, true);
      const at = date(pending.at);
      await this.insertRun(trx, claim, {
        id: randomUUID(),
        kind: 'scheduled',
        startedAt: at,
        finishedAt: now,
        windowFrom: claim.subscription.watermark,
        windowTo: at,
        status: 'uncertain',
        recordings: pending.recordings.length,
        error: 'the instance posting this card stopped before it could record the outcome',
      });
      return pending.recordings.length;
    });
  }

  async completeRun(claim: Claim, result: RunSuccess): Promise<void> {
    await this.tx(async (trx) => {
      const a = result.advance;
      await this.fenced(
        trx,
        claim,
        a
          ? {
              watermark: ms(a.watermark),
              next_run_at: ms(a.nextRunAt),
              due_at: ms(a.nextRunAt),
              failures: 0,
              last_error: null,
              failure_notified: 0,
              lease_owner: null,
              lease_token: null,
              lease_until: null,
              pending_post: null,
            }
          : { lease_owner: null, lease_token: null, lease_until: null, pending_post: null },
      );
      if (a) {
        await trx
          .deleteFrom('posted_recordings')
          .where('subscription_id', '=', claim.subscription.id)
          .where('create_time', '<', ms(a.prunePostedBefore))
          .execute();
      }
      await this.insertRun(trx, claim, result.run);
    });
  }

  async failRun(claim: Claim, result: RunFailure): Promise<void> {
    await this.tx(async (trx) => {
      await this.fenced(trx, claim, {
        failures: claim.subscription.failures + 1,
        last_error: result.error.slice(0, 1000),
        due_at: ms(result.retryAt),
        failure_notified: result.notified || claim.subscription.failureNotified ? 1 : 0,
        lease_owner: null,
        lease_token: null,
        lease_until: null,
      });
      await this.insertRun(trx, claim, result.run);
    });
  }

  async runs(subscriptionId: string): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom('digest_runs')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('started_at')
      .orderBy('finished_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      kind: r.kind,
      instance: r.instance,
      startedAt: date(r.started_at),
      finishedAt: date(r.finished_at),
      windowFrom: date(r.window_from),
      windowTo: date(r.window_to),
      status: r.status,
      recordings: Number(r.recordings),
      error: r.error ?? undefined,
    }));
  }
}
