/**
 * What the notifications feature keeps, as a port (the use-cases see only this) and its one Kysely implementation
 * over the shared store connection (tables from migration 0006). Both backends, one code path; "one card per
 * subscription and recording" is a primary-key insert, so it holds across any number of instances.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { activeByNumber, insertNumbered, rowByNumber, stopNumbered } from '../../store/numbered-rows.js';
import { filtersKey, type NotifyFilters } from './notify-filters.js';

/** `org`: served by the org-level webhook (WEBEX_ADMIN_TOKEN); `user`: by a webhook made with the person's token. */
export type NotifySource = 'org' | 'user';

export interface NewNotification {
  id: string;
  roomId: string;
  roomType: 'direct' | 'group';
  creatorPersonId: string;
  creatorEmail: string;
  creatorName: string;
  /** The creator's zone when they subscribed; their `timezone` setting, when they have one later, wins. */
  timeZone: string;
  filters: NotifyFilters;
  source: NotifySource;
  createdAt: Date;
}

export interface Notification extends NewNotification {
  /** Per space, shown in `notify list`; never reused in that space. */
  number: number;
  active: boolean;
}

/** The creator already has an active notification with the same filters in this space (a race lost, say). */
export class DuplicateNotificationError extends Error {
  constructor(readonly existing: Notification) {
    super(`notification #${existing.number} already does this`);
    this.name = 'DuplicateNotificationError';
  }
}

export interface NotificationRepository {
  /**
   * Inserts it with the next free number of its space; throws DuplicateNotificationError when its creator already
   * has an active one with the same filters there (a unique key, so it holds across instances).
   */
  create(input: NewNotification): Promise<Notification>;
  /** The active notifications of a space, by number. */
  listActive(roomId: string): Promise<Notification[]>;
  /** Active or stopped, by number. */
  getByNumber(roomId: string, number: number): Promise<Notification | undefined>;
  /** Stops those still active; returns the ids this call stopped (so only one instance acts on each). */
  stop(ids: string[], stoppedBy: string, now: Date): Promise<string[]>;
  /** Active notifications of one host, found by email or person id. */
  activeForHost(email: string | undefined, personId: string | undefined): Promise<Notification[]>;
  activeOfCreator(personId: string): Promise<Notification[]>;

  /** True when this subscription has not had (and is now reserved) a card for this recording. */
  claimPost(notificationId: string, recordingId: string, now: Date): Promise<boolean>;
  releasePost(notificationId: string, recordingId: string): Promise<void>;

  /** The recordings webhook made with the person's own token. */
  personalWebhook(personId: string): Promise<string | undefined>;
  ownerOfWebhook(webhookId: string): Promise<string | undefined>;
  savePersonalWebhook(personId: string, webhookId: string, now: Date): Promise<void>;
  deletePersonalWebhook(personId: string): Promise<void>;
}

type NotifySubscriptionsTable = {
  id: string;
  room_id: string;
  room_type: 'direct' | 'group';
  number: number;
  creator_person_id: string;
  creator_email: string;
  creator_name: string;
  time_zone: string;
  filters: string;
  /** filtersKey(filters) while active; unique per (room, creator) among active rows (migration 0007). */
  filters_key: string | null;
  source: NotifySource;
  active: number;
  created_at: number;
  stopped_at: number | null;
  stopped_by: string | null;
};

export type NotificationTables = {
  notify_subscriptions: NotifySubscriptionsTable;
  notify_posts: { subscription_id: string; recording_id: string; posted_at: number };
  notify_webhooks: { person_id: string; webhook_id: string; created_at: number };
};

function parseFilters(text: string): NotifyFilters {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function toNotification(r: NotifySubscriptionsTable): Notification {
  return {
    id: r.id,
    roomId: r.room_id,
    roomType: r.room_type,
    number: Number(r.number),
    creatorPersonId: r.creator_person_id,
    creatorEmail: r.creator_email,
    creatorName: r.creator_name,
    timeZone: r.time_zone,
    filters: parseFilters(r.filters),
    source: r.source,
    active: Number(r.active) === 1,
    createdAt: new Date(Number(r.created_at)),
  };
}

export class KyselyNotificationRepository implements NotificationRepository {
  private readonly db: Kysely<NotificationTables>;

  constructor(db: Kysely<Database>) {
    // Only our own tables are needed here.
    this.db = db.withTables<NotificationTables>() as unknown as Kysely<NotificationTables>;
  }

  async create(input: NewNotification): Promise<Notification> {
    const row = await insertNumbered(
      this.db,
      'notify_subscriptions',
      input.roomId,
      (number): NotifySubscriptionsTable => ({
        id: input.id,
        room_id: input.roomId,
        room_type: input.roomType,
        number,
        creator_person_id: input.creatorPersonId,
        creator_email: input.creatorEmail.toLowerCase(),
        creator_name: input.creatorName,
        time_zone: input.timeZone,
        filters: JSON.stringify(input.filters),
        filters_key: filtersKey(input.filters),
        source: input.source,
        active: 1,
        created_at: input.createdAt.getTime(),
        stopped_at: null,
        stopped_by: null,
      }),
      // Which key refused it: the same notification made by someone else first, or only its number.
      async (refused) => {
        const same = await this.activeWithKey(refused);
        if (same) throw new DuplicateNotificationError(same);
      },
    );
    return toNotification(row);
  }

  private async activeWithKey(row: NotifySubscriptionsTable): Promise<Notification | undefined> {
    const found = await this.db
      .selectFrom('notify_subscriptions')
      .selectAll()
      .where('room_id', '=', row.room_id)
      .where('creator_person_id', '=', row.creator_person_id)
      .where('filters_key', '=', row.filters_key)
      .where('active', '=', 1)
      .executeTakeFirst();
    return found && toNotification(found);
  }

  async listActive(roomId: string): Promise<Notification[]> {
    const rows = await activeByNumber(this.db, 'notify_subscriptions', roomId);
    return rows.map(toNotification);
  }

  async getByNumber(roomId: string, number: number): Promise<Notification | undefined> {
    const row = await rowByNumber(this.db, 'notify_subscriptions', roomId, number);
    return row && toNotification(row);
  }

  async stop(ids: string[], stoppedBy: string, now: Date): Promise<string[]> {
    return stopNumbered(this.db, 'notify_subscriptions', ids, stoppedBy, now);
  }

  async activeForHost(email: string | undefined, personId: string | undefined): Promise<Notification[]> {
    if (!email && !personId) return [];
    const rows = await this.db
      .selectFrom('notify_subscriptions')
      .selectAll()
      .where('active', '=', 1)
      .where((eb) =>
        eb.or([
          ...(email ? [eb('creator_email', '=', email.toLowerCase())] : []),
          ...(personId ? [eb('creator_person_id', '=', personId)] : []),
        ]),
      )
      .orderBy('created_at')
      .execute();
    return rows.map(toNotification);
  }

  async activeOfCreator(personId: string): Promise<Notification[]> {
    const rows = await this.db
      .selectFrom('notify_subscriptions')
      .selectAll()
      .where('active', '=', 1)
      .where('creator_person_id', '=', personId)
      .orderBy('created_at')
      .execute();
    return rows.map(toNotification);
  }

  async claimPost(notificationId: string, recordingId: string, now: Date): Promise<boolean> {
    const r = await this.db
      .insertInto('notify_posts')
      .values({ subscription_id: notificationId, recording_id: recordingId, posted_at: now.getTime() })
      .onConflict((oc) => oc.columns(['subscription_id', 'recording_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async releasePost(notificationId: string, recordingId: string): Promise<void> {
    await this.db
      .deleteFrom('notify_posts')
      .where('subscription_id', '=', notificationId)
      .where('recording_id', '=', recordingId)
      .execute();
  }

  async personalWebhook(personId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('notify_webhooks')
      .select('webhook_id')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row?.webhook_id;
  }

  async ownerOfWebhook(webhookId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('notify_webhooks')
      .select('person_id')
      .where('webhook_id', '=', webhookId)
      .executeTakeFirst();
    return row?.person_id;
  }

  async savePersonalWebhook(personId: string, webhookId: string, now: Date): Promise<void> {
    await this.db
      .insertInto('notify_webhooks')
      .values({ person_id: personId, webhook_id: webhookId, created_at: now.getTime() })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ webhook_id: webhookId }))
      .execute();
  }

  async deletePersonalWebhook(personId: string): Promise<void> {
    await this.db.deleteFrom('notify_webhooks').where('person_id', '=', personId).execute();
  }
}
