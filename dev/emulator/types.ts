import type { RequestHandler } from 'express';
import type * as webex from '../../src/webex/types.js';

/**
 * Wire shapes of the emulated Webex API. Field names follow Cisco's OpenAPI documents in
 * /work/shared/webex-openapi (webex-messaging-bot and webex-meetings-recordings); optional fields are
 * omitted from JSON when unset, as Webex does, rather than sent as null.
 *
 * Each shape is the bot's own type from src/webex/types.ts (the fields the bot reads, defined once there),
 * extended with what Webex sends besides and with the fields Webex always fills made required: the emulator
 * is the sender, so it must fill them, while the bot may not rely on them.
 */

/** `T` with the fields `K` always present. */
type Always<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

/** Webex also has `appuser`; the emulator only makes people and bots. */
export type PersonType = Extract<webex.WebexPerson['type'], 'person' | 'bot'>;
export type RoomType = webex.WebexRoom['type'];

/** `Person` schema as returned by `GET /people...`. */
export interface WebexPerson extends Always<webex.WebexPerson, 'firstName' | 'lastName' | 'orgId'> {
  phoneNumbers: { type: 'work' | 'work_extension' | 'mobile' | 'fax'; value: string; primary?: boolean }[];
  created: string;
  lastModified: string;
  status?: string;
  type: PersonType;
}

/** A person as the emulator keeps it: the public fields it stores plus what authenticates and authorises them. */
export interface EmulatedPerson extends Omit<WebexPerson, 'phoneNumbers' | 'lastModified' | 'status'> {
  /** Bearer token that authenticates as this person. */
  token: string;
  /** Primary email; `emails[0]`. */
  email: string;
  /** OAuth scopes the token carries; drives the recordings API permission checks. */
  scopes: string[];
}

export interface WebexRoom extends Always<Omit<webex.WebexRoom, 'teamId'>, 'title' | 'isLocked'> {
  lastActivity: string;
  creatorId: string;
  created: string;
  ownerId: string;
  isAnnouncementOnly: boolean;
  isReadOnly: boolean;
  isPublic: boolean;
}

export interface WebexMembership extends Always<
  webex.WebexMembership,
  'personEmail' | 'isModerator' | 'roomType'
> {
  personDisplayName: string;
  personOrgId: string;
  isMonitor: boolean;
  created: string;
}

export interface WebexMessage extends Always<webex.WebexMessage, 'roomType' | 'personEmail' | 'created'> {
  /** Only echoed on the `POST /messages` response when the message was addressed that way. */
  toPersonId?: string;
  toPersonEmail?: string;
  files?: string[];
  mentionedGroups?: string[];
  updated?: string;
}

export interface AttachmentAction extends Always<webex.WebexAttachmentAction, 'created'> {
  type: 'submit';
}

export interface WebhookObject extends Always<webex.WebexWebhook, 'status' | 'created'> {
  orgId: string;
  createdBy: string;
  appId: string;
  /** `org`: an org-level webhook (admin tokens, recordings only here), delivered every event of the org. */
  ownedBy: 'creator' | 'org';
}

/** What Webex POSTs to a webhook's targetUrl: the webhook's own fields, plus the event. */
export interface WebhookEnvelope
  extends
    Always<webex.WebhookEnvelope, 'actorId' | 'orgId'>,
    Omit<WebhookObject, keyof webex.WebhookEnvelope | 'secret' | 'status'> {
  status: 'active';
}

export type RecordingFormat = 'MP4' | 'ARF' | 'UPLOADED';
export type RecordingServiceType = 'MeetingCenter' | 'EventCenter' | 'TrainingCenter' | 'SupportCenter';
export type RecordingStatus = 'available' | 'deleted' | 'purged';

/**
 * A recording as the emulator stores it. `hostEmail`, `hostDisplayName` and `sharedWith` are bookkeeping:
 * the `RecordingObject` schema of `GET /recordings` has no host fields, so they are not serialised.
 * Times are ISO 8601 UTC; the API re-renders them in the caller's `timezone` header.
 */
export interface RecordingObject extends Required<webex.WebexRecording> {
  format: RecordingFormat;
  serviceType: RecordingServiceType;
  status: RecordingStatus;
  hostDisplayName?: string;
  /** Emails of people the recording is shared with; they see it with `shareToMe: true`. */
  sharedWith: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the `/v1` prefix and without the query string, e.g. `/people/me`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** Status answered; 0 when the socket was destroyed by a `reset` fault. */
  status: number;
  at: Date;
  trackingId: string;
}

export interface WebhookDelivery {
  webhookId: string;
  targetUrl: string;
  resource: string;
  event: string;
  body: WebhookEnvelope;
  rawBody: string;
  /** `X-Spark-Signature` sent, when the webhook has a secret. */
  signature?: string;
  /** HTTP status the target answered; absent when the delivery failed. */
  status?: number;
  error?: string;
  at: Date;
  durationMs: number;
}

export interface FaultSpec {
  method?: string;
  /** Matched against the path without `/v1` and without the query string. A string must match exactly. */
  path: string | RegExp;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Delay before responding; without `status`/`reset` the request is then answered normally. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** How many matching requests are affected; default 1; `Infinity` allowed. */
  count?: number;
  /**
   * Process the request normally first (the message is created, webhooks fire), then apply `delayMs`, `reset` or
   * `status` to its answer: Webex acted, but the client hears late, nothing, or an error.
   */
  processFirst?: boolean;
}

export interface EmulatorOptions {
  now?: () => Date;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Per-delivery timeout for webhook POSTs; default 5000 ms. */
  webhookTimeoutMs?: number;
  /**
   * Extra routes served outside `/v1` ahead of everything else (not logged in `requests`, no faults), e.g. the
   * demo's browser page. None by default: a plain emulator serves only the Webex API.
   */
  extraRoutes?: RequestHandler;
  /**
   * Default true: every request is kept in `requests`, with a copy of its body, for tests to assert on. A benchmark
   * turns it off, so that the emulator's memory and work stay flat however many messages it carries.
   */
  logRequests?: boolean;
}

export interface AddPersonInput {
  displayName: string;
  email: string;
  type?: PersonType;
  timezone?: string;
  firstName?: string;
  lastName?: string;
  orgId?: string;
  scopes?: string[];
  avatar?: string;
  /** Fixed bearer token (for manual runs); generated when omitted. */
  token?: string;
}

export interface AddRoomInput {
  title?: string;
  type: RoomType;
  memberIds: string[];
  /** Defaults to the first member. */
  creatorId?: string;
  isLocked?: boolean;
}

export type AddRecordingInput = Partial<RecordingObject> & {
  hostEmail: string;
  topic: string;
  createTime: string;
};
