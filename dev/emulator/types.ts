import type { RequestHandler } from 'express';

/**
 * Wire shapes of the emulated Webex API. Field names follow Cisco's OpenAPI documents in
 * /work/shared/webex-openapi (webex-messaging-bot and webex-meetings-recordings); optional fields are
 * omitted from JSON when unset, as Webex does, rather than sent as null.
 */

export type PersonType = 'person' | 'bot';
export type RoomType = 'direct' | 'group';

export interface EmulatedPerson {
  id: string;
  /** Bearer token that authenticates as this person. */
  token: string;
  /** Primary email; `emails[0]`. */
  email: string;
  emails: string[];
  displayName: string;
  firstName: string;
  lastName: string;
  nickName?: string;
  avatar?: string;
  type: PersonType;
  timezone?: string;
  orgId: string;
  /** OAuth scopes the token carries; drives the recordings API permission checks. */
  scopes: string[];
  created: string;
}

/** `Person` schema as returned by `GET /people...`. */
export interface WebexPerson {
  id: string;
  emails: string[];
  phoneNumbers: { type: 'work' | 'work_extension' | 'mobile' | 'fax'; value: string; primary?: boolean }[];
  displayName: string;
  nickName?: string;
  firstName: string;
  lastName: string;
  avatar?: string;
  orgId: string;
  created: string;
  lastModified: string;
  timezone?: string;
  status?: string;
  type: PersonType;
}

export interface WebexRoom {
  id: string;
  title: string;
  type: RoomType;
  isLocked: boolean;
  lastActivity: string;
  creatorId: string;
  created: string;
  ownerId: string;
  isAnnouncementOnly: boolean;
  isReadOnly: boolean;
  isPublic: boolean;
}

export interface WebexMembership {
  id: string;
  roomId: string;
  personId: string;
  personEmail: string;
  personDisplayName: string;
  personOrgId: string;
  isModerator: boolean;
  isMonitor: boolean;
  roomType: RoomType;
  created: string;
}

export interface CardAttachment {
  contentType: string;
  content: Record<string, unknown>;
}

export interface WebexMessage {
  id: string;
  parentId?: string;
  roomId: string;
  roomType: RoomType;
  /** Only echoed on the `POST /messages` response when the message was addressed that way. */
  toPersonId?: string;
  toPersonEmail?: string;
  text?: string;
  markdown?: string;
  html?: string;
  files?: string[];
  personId: string;
  personEmail: string;
  mentionedPeople?: string[];
  mentionedGroups?: string[];
  attachments?: CardAttachment[];
  created: string;
  updated?: string;
}

export interface AttachmentAction {
  id: string;
  type: 'submit';
  messageId: string;
  inputs: Record<string, unknown>;
  personId: string;
  roomId: string;
  created: string;
}

export interface WebhookObject {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  created: string;
  orgId: string;
  createdBy: string;
  appId: string;
  /** `org`: an org-level webhook (admin tokens, recordings only here), delivered every event of the org. */
  ownedBy: 'creator' | 'org';
}

/** What Webex POSTs to a webhook's targetUrl. */
export interface WebhookEnvelope {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator' | 'org';
  status: 'active';
  created: string;
  actorId: string;
  data: Record<string, unknown>;
}

export type RecordingFormat = 'MP4' | 'ARF' | 'UPLOADED';
export type RecordingServiceType = 'MeetingCenter' | 'EventCenter' | 'TrainingCenter' | 'SupportCenter';
export type RecordingStatus = 'available' | 'deleted' | 'purged';

/**
 * A recording as the emulator stores it. `hostEmail`, `hostDisplayName` and `sharedWith` are bookkeeping:
 * the `RecordingObject` schema of `GET /recordings` has no host fields, so they are not serialised.
 * Times are ISO 8601 UTC; the API re-renders them in the caller's `timezone` header.
 */
export interface RecordingObject {
  id: string;
  meetingId: string;
  scheduledMeetingId: string;
  meetingSeriesId: string;
  topic: string;
  createTime: string;
  timeRecorded: string;
  siteUrl: string;
  downloadUrl: string;
  playbackUrl: string;
  password: string;
  format: RecordingFormat;
  serviceType: RecordingServiceType;
  durationSeconds: number;
  sizeBytes: number;
  shareToMe: boolean;
  integrationTags: string[];
  status: RecordingStatus;
  hostEmail: string;
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
