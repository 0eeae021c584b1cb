import type { JsonText } from './json-text.js';

/** The subset of Webex REST objects the bot reads (field names as in Cisco's OpenAPI documents). */
export interface WebexPerson {
  id: string;
  emails: string[];
  displayName: string;
  firstName?: string;
  lastName?: string;
  nickName?: string;
  orgId?: string;
  type?: 'person' | 'bot' | 'appuser';
  timezone?: string;
  avatar?: string;
}

export interface WebexRoom {
  id: string;
  title?: string;
  type: 'direct' | 'group';
  isLocked?: boolean;
  teamId?: string;
}

export interface WebexMembership {
  id: string;
  roomId: string;
  personId: string;
  personEmail?: string;
  isModerator?: boolean;
  roomType?: 'direct' | 'group';
}

export interface WebexMessage {
  id: string;
  roomId: string;
  roomType?: 'direct' | 'group';
  text?: string;
  markdown?: string;
  html?: string;
  personId: string;
  personEmail?: string;
  mentionedPeople?: string[];
  parentId?: string;
  attachments?: AdaptiveCardAttachment[];
  created?: string;
}

export interface WebexAttachmentAction {
  id: string;
  type: string;
  messageId: string;
  inputs: Record<string, unknown>;
  personId: string;
  roomId: string;
  created?: string;
}

export interface WebexWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status?: 'active' | 'inactive';
  created?: string;
}

export interface AdaptiveCardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

/** A card to post: the card itself, or its JSON already serialised (a remembered answer). */
export type CardToPost = Record<string, unknown> | JsonText;

/** An attachment of a message to post, whose card may be already serialised. */
export interface AttachmentToPost {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: CardToPost;
}

export interface NewMessage {
  roomId?: string;
  toPersonId?: string;
  toPersonEmail?: string;
  parentId?: string;
  text?: string;
  markdown?: string;
  attachments?: AttachmentToPost[];
}

/** The envelope Webex POSTs to a webhook target. */
export interface WebhookEnvelope {
  id: string;
  name: string;
  resource: string;
  event: string;
  actorId?: string;
  orgId?: string;
  filter?: string;
  data: { id: string; roomId?: string; personId?: string; roomType?: string; [key: string]: unknown };
}

/** A recording as listed by GET /recordings (RecordingObject in the OpenAPI document). */
export interface WebexRecording {
  id: string;
  meetingId?: string;
  scheduledMeetingId?: string;
  meetingSeriesId?: string;
  topic: string;
  createTime: string;
  timeRecorded?: string;
  siteUrl?: string;
  downloadUrl?: string;
  playbackUrl?: string;
  password?: string;
  format?: string;
  serviceType?: string;
  durationSeconds?: number;
  sizeBytes?: number;
  shareToMe?: boolean;
  integrationTags?: string[];
  status?: string;
  hostEmail?: string;
}
