import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { badRequest, forbidden, notFound, WebexApiError } from './errors.js';
import type { DomainEvent } from './events.js';
import { encodeWebexId, membershipId, newAccessToken, newWebexId } from './ids.js';
import { containsMentionMarkup, escapeHtml, renderMessage, type MentionResolver } from './mentions.js';
import { ADMIN_RECORDINGS_SCOPE, buildRecording, USER_RECORDINGS_SCOPE } from './recordings.js';
import type {
  AddPersonInput,
  AddRecordingInput,
  AddRoomInput,
  AttachmentAction,
  EmulatedPerson,
  RecordingObject,
  RoomType,
  WebexMembership,
  WebexMessage,
  WebexPerson,
  WebexRoom,
  WebhookObject,
} from './types.js';
import type { AdaptiveCardAttachment } from '../../src/webex/types.js';

export interface PersonRecord extends EmulatedPerson {
  uuid: string;
  appId: string;
  lastModified: string;
}

/** A room as stored: the viewer-independent fields of `WebexRoom`; the title of a direct room depends on who asks. */
export interface RoomRecord extends Pick<
  WebexRoom,
  'id' | 'type' | 'isLocked' | 'creatorId' | 'created' | 'lastActivity' | 'ownerId'
> {
  uuid: string;
  title?: string;
}

/** A membership as stored; the person's and the room's fields are looked up when it is shown. */
type MembershipRecord = Pick<
  WebexMembership,
  'id' | 'roomId' | 'personId' | 'isModerator' | 'isMonitor' | 'created'
>;

export const MAX_MESSAGE_BYTES = 7439;
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Resources and events of the Webhook schema, plus the `all` firehose Webex accepts (documented in prose only). */
export const WEBHOOK_RESOURCES = [
  'attachmentActions',
  'dataSources',
  'memberships',
  'messages',
  'rooms',
  'meetings',
  'recordings',
  'convergedRecordings',
  'meetingParticipants',
  'meetingTranscripts',
  'telephony_calls',
  'telephony_conference',
  'telephony_mwi',
  'uc_counters',
  'serviceApp',
  'adminBatchJobs',
  'all',
] as const;
export const WEBHOOK_EVENTS = [
  'created',
  'updated',
  'deleted',
  'started',
  'ended',
  'joined',
  'left',
  'migrated',
  'authorized',
  'deauthorized',
  'statusChanged',
  'all',
] as const;

export interface MessageCreated {
  message: WebexMessage;
  events: DomainEvent[];
}

/** The fields of a `POST /messages` body, checked as Webex checks them. */
function parseMessageBody(body: unknown) {
  const b = asObject(body);
  const roomIdIn = optionalString(b, 'roomId');
  const toPersonId = optionalString(b, 'toPersonId');
  const toPersonEmail = optionalString(b, 'toPersonEmail');
  const text = optionalString(b, 'text');
  const markdown = optionalString(b, 'markdown');
  const parentId = optionalString(b, 'parentId');
  const files = optionalStringArray(b, 'files');
  const attachments = parseAttachments(b['attachments']);

  const targets = [roomIdIn, toPersonId, toPersonEmail].filter((v) => v !== undefined).length;
  if (targets === 0) throw badRequest('Either roomId, toPersonId or toPersonEmail must be specified.');
  if (targets > 1) throw badRequest('Only one of roomId, toPersonId or toPersonEmail may be specified.');
  for (const [name, value] of [
    ['text', text],
    ['markdown', markdown],
  ] as const) {
    if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_MESSAGE_BYTES) {
      throw badRequest(`The ${name} exceeds the maximum message length of ${MAX_MESSAGE_BYTES} bytes.`);
    }
  }
  if (files && files.length > 1) throw badRequest('Only one file may be attached to a message.');
  if (attachments && attachments.length > 0 && !nonEmpty(text) && !nonEmpty(markdown)) {
    throw badRequest('A message with attachments must include text or markdown as a fallback.');
  }
  if (!nonEmpty(text) && !nonEmpty(markdown) && !(files && files.length > 0)) {
    throw badRequest('The message must contain text, markdown or a file.');
  }
  return { roomIdIn, toPersonId, toPersonEmail, text, markdown, parentId, files, attachments };
}

/** In-memory state of the emulated Webex plus the rules that do not depend on HTTP. */
export class EmulatorStore {
  /** Emits `message` (WebexMessage) whenever one is created, for `waitForMessage`. */
  readonly emitter = new EventEmitter();
  readonly defaultOrg = newWebexId('ORGANIZATION');

  private readonly people = new Map<string, PersonRecord>();
  private readonly tokens = new Map<string, string>();
  private readonly rooms = new Map<string, RoomRecord>();
  private readonly memberships = new Map<string, MembershipRecord>();
  private readonly messages = new Map<string, WebexMessage>();
  /** The same messages by room, in creation order: a room's messages without scanning every room's. */
  private readonly messagesByRoom = new Map<string, WebexMessage[]>();
  private readonly actions = new Map<string, AttachmentAction>();
  private readonly webhooks = new Map<string, WebhookObject>();
  private readonly recordings = new Map<string, RecordingObject>();

  constructor(
    readonly now: () => Date,
    private readonly apiBase: () => string,
  ) {
    this.emitter.setMaxListeners(0);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  // ---------------------------------------------------------------- people

  addPerson(input: AddPersonInput): EmulatedPerson {
    const email = input.email.trim();
    if (!email.includes('@')) throw new TypeError(`addPerson: invalid email ${input.email}`);
    if (this.personByEmail(email)) throw new Error(`addPerson: ${email} already exists`);
    const { id, uuid } = newWebexId('PEOPLE');
    const [first, ...rest] = input.displayName.trim().split(/\s+/);
    const type = input.type ?? 'person';
    const orgId = input.orgId ?? this.defaultOrg.id;
    const orgUuid = orgIdUuid(orgId);
    const token = input.token ?? newAccessToken(orgUuid);
    if (this.tokens.has(token)) throw new Error('addPerson: token already in use');
    const created = this.stamp();
    const person: PersonRecord = {
      id,
      uuid,
      token,
      email,
      emails: [email],
      displayName: input.displayName,
      firstName: input.firstName ?? first ?? input.displayName,
      lastName: input.lastName ?? rest.join(' '),
      ...(type === 'person' ? { nickName: input.firstName ?? first ?? input.displayName } : {}),
      ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
      type,
      ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
      orgId,
      scopes: input.scopes ?? (type === 'bot' ? ['spark:all'] : ['spark:all', 'meeting:recordings_read']),
      created,
      lastModified: created,
      appId: encodeWebexId('APPLICATION', randomUUID()),
    };
    this.people.set(id, person);
    this.tokens.set(token, id);
    return publicPerson(person);
  }

  personByToken(token: string): PersonRecord | undefined {
    const id = this.tokens.get(token);
    return id === undefined ? undefined : this.people.get(id);
  }

  person(id: string): PersonRecord | undefined {
    return this.people.get(id);
  }

  requirePerson(id: string): PersonRecord {
    const p = this.people.get(id);
    if (!p) throw notFound('Person not found.');
    return p;
  }

  personByEmail(email: string): PersonRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const p of this.people.values()) if (p.emails.some((e) => e.toLowerCase() === wanted)) return p;
    return undefined;
  }

  allPeople(): PersonRecord[] {
    return [...this.people.values()];
  }

  personJson(p: PersonRecord): WebexPerson {
    return {
      id: p.id,
      emails: [...p.emails],
      phoneNumbers: [],
      displayName: p.displayName,
      ...(p.nickName !== undefined ? { nickName: p.nickName } : {}),
      firstName: p.firstName,
      lastName: p.lastName,
      ...(p.avatar !== undefined ? { avatar: p.avatar } : {}),
      orgId: p.orgId,
      created: p.created,
      lastModified: p.lastModified,
      ...(p.timezone !== undefined ? { timezone: p.timezone } : {}),
      ...(p.type === 'person' ? { status: 'active' } : {}),
      type: p.type,
    };
  }

  private mentionResolver(): MentionResolver {
    return (kind, value) => {
      const p = kind === 'personId' ? this.people.get(value) : this.personByEmail(value);
      return p ? { id: p.id, displayName: p.displayName } : undefined;
    };
  }

  // ---------------------------------------------------------------- rooms & memberships

  /** Seeds a room without webhooks (test setup, not a user action). */
  addRoom(input: AddRoomInput): RoomRecord {
    const memberIds = [...new Set(input.memberIds)];
    for (const id of memberIds) this.requirePerson(id);
    if (input.type === 'direct') {
      if (memberIds.length !== 2) throw new Error('addRoom: a direct room has exactly two members');
      const [a, b] = memberIds as [string, string];
      if (this.directRoomBetween(a, b))
        throw new Error('addRoom: these two people already share a direct room');
    }
    const creatorId = input.creatorId ?? memberIds[0];
    if (creatorId === undefined) throw new Error('addRoom: memberIds is empty');
    const room = this.createRoomRecord(input.type, creatorId, input.title, input.isLocked ?? false);
    for (const id of memberIds) this.createMembership(room, id, false);
    return room;
  }

  private createRoomRecord(type: RoomType, creatorId: string, title: string | undefined, isLocked: boolean) {
    const { id, uuid } = newWebexId('ROOM');
    const created = this.stamp();
    const room: RoomRecord = {
      id,
      uuid,
      ...(title !== undefined ? { title } : {}),
      type,
      isLocked,
      creatorId,
      created,
      lastActivity: created,
      ownerId: this.requirePerson(creatorId).orgId,
    };
    this.rooms.set(id, room);
    return room;
  }

  private createMembership(room: RoomRecord, personId: string, isModerator: boolean): MembershipRecord {
    const person = this.requirePerson(personId);
    const m: MembershipRecord = {
      id: membershipId(person.uuid, room.uuid),
      roomId: room.id,
      personId,
      isModerator,
      isMonitor: false,
      created: this.stamp(),
    };
    this.memberships.set(m.id, m);
    return m;
  }

  room(id: string): RoomRecord | undefined {
    return this.rooms.get(id);
  }

  /** A room the caller belongs to; Webex answers 404 for rooms you cannot see, not 403. */
  requireRoomFor(roomId: string, callerId: string): RoomRecord {
    const room = this.rooms.get(roomId);
    if (!room || !this.isMember(roomId, callerId)) throw notFound('Could not find a room with provided ID.');
    return room;
  }

  roomsOf(personId: string): RoomRecord[] {
    return [...this.rooms.values()].filter((r) => this.isMember(r.id, personId));
  }

  isMember(roomId: string, personId: string): boolean {
    return this.membershipOf(roomId, personId) !== undefined;
  }

  membershipOf(roomId: string, personId: string): MembershipRecord | undefined {
    const room = this.rooms.get(roomId);
    const person = this.people.get(personId);
    if (!room || !person) return undefined;
    return this.memberships.get(membershipId(person.uuid, room.uuid));
  }

  membership(id: string): MembershipRecord | undefined {
    return this.memberships.get(id);
  }

  membershipsOfRoom(roomId: string): MembershipRecord[] {
    return [...this.memberships.values()].filter((m) => m.roomId === roomId);
  }

  membershipsOfPerson(personId: string): MembershipRecord[] {
    return [...this.memberships.values()].filter((m) => m.personId === personId);
  }

  memberIds(roomId: string): string[] {
    return this.membershipsOfRoom(roomId).map((m) => m.personId);
  }

  directRoomBetween(a: string, b: string): RoomRecord | undefined {
    // One pass over a's memberships; b's is looked up by its id (membership ids derive from person and room), so
    // seeding thousands of spaces (the benchmarks) stays linear.
    const other = this.people.get(b);
    if (!other) return undefined;
    for (const m of this.memberships.values()) {
      if (m.personId !== a) continue;
      const room = this.rooms.get(m.roomId);
      if (room?.type === 'direct' && this.memberships.has(membershipId(other.uuid, room.uuid))) return room;
    }
    return undefined;
  }

  /** Direct rooms are titled with the other person's name, from the viewer's side. */
  roomJson(room: RoomRecord, viewerId: string): WebexRoom {
    let title = room.title;
    if (room.type === 'direct') {
      const otherId = this.memberIds(room.id).find((id) => id !== viewerId);
      title = (otherId !== undefined ? this.people.get(otherId)?.displayName : undefined) ?? title;
    }
    if (title === undefined) {
      title = this.memberIds(room.id)
        .map((id) => this.people.get(id)?.firstName ?? '')
        .join(', ');
    }
    return {
      id: room.id,
      title,
      type: room.type,
      isLocked: room.isLocked,
      lastActivity: room.lastActivity,
      creatorId: room.creatorId,
      created: room.created,
      ownerId: room.ownerId,
      isAnnouncementOnly: false,
      isReadOnly: false,
      isPublic: false,
    };
  }

  membershipJson(m: MembershipRecord): WebexMembership {
    const person = this.requirePerson(m.personId);
    const room = this.rooms.get(m.roomId);
    return {
      id: m.id,
      roomId: m.roomId,
      personId: m.personId,
      personEmail: person.email,
      personDisplayName: person.displayName,
      personOrgId: person.orgId,
      isModerator: m.isModerator,
      isMonitor: m.isMonitor,
      roomType: room?.type ?? 'group',
      created: m.created,
    };
  }

  createGroupRoom(caller: PersonRecord, body: unknown): { room: RoomRecord; events: DomainEvent[] } {
    const b = asObject(body);
    const title = optionalString(b, 'title');
    if (title === undefined || title.trim() === '') throw badRequest('title cannot be empty.');
    const isLocked = optionalBoolean(b, 'isLocked') ?? false;
    const room = this.createRoomRecord('group', caller.id, title, isLocked);
    const m = this.createMembership(room, caller.id, isLocked);
    const audience = new Set([caller.id]);
    return {
      room,
      events: [
        this.event('rooms', 'created', caller.id, room.id, { ...this.roomJson(room, caller.id) }, audience),
        this.event('memberships', 'created', caller.id, room.id, { ...this.membershipJson(m) }, audience),
      ],
    };
  }

  addMember(
    actorId: string,
    roomId: string,
    personId: string,
    isModerator = false,
  ): { membership: MembershipRecord; events: DomainEvent[] } {
    const room = this.requireRoomFor(roomId, actorId);
    if (room.type === 'direct') throw forbidden('Cannot add people to a direct (1:1) room.');
    this.requirePerson(personId);
    if (this.isMember(roomId, personId)) throw new WebexApiError(409, 'Person is already in the room.');
    const m = this.createMembership(room, personId, isModerator);
    const data = { ...this.membershipJson(m) };
    return {
      membership: m,
      events: [this.event('memberships', 'created', actorId, roomId, data, new Set(this.memberIds(roomId)))],
    };
  }

  removeMembership(actorId: string, membershipIdToRemove: string): DomainEvent[] {
    const m = this.memberships.get(membershipIdToRemove);
    if (!m || !this.isMember(m.roomId, actorId)) throw notFound('Membership not found.');
    const room = this.rooms.get(m.roomId);
    if (room?.type === 'direct') throw forbidden('Cannot remove people from a direct (1:1) room.');
    const actorMembership = this.membershipOf(m.roomId, actorId);
    if (room?.isLocked && m.personId !== actorId && !actorMembership?.isModerator) {
      throw forbidden('Only moderators can remove people from a locked room.');
    }
    // The removed person (e.g. a bot) still learns about its own removal.
    const audience = new Set(this.memberIds(m.roomId));
    const data = { ...this.membershipJson(m) };
    this.memberships.delete(m.id);
    return [this.event('memberships', 'deleted', actorId, m.roomId, data, audience)];
  }

  // ---------------------------------------------------------------- messages

  /** Bots only see group-room messages that mention them or that they wrote. */
  canRead(caller: PersonRecord, message: WebexMessage): boolean {
    if (!this.isMember(message.roomId, caller.id)) return false;
    if (caller.type !== 'bot' || message.roomType !== 'group') return true;
    return message.personId === caller.id || (message.mentionedPeople ?? []).includes(caller.id);
  }

  /** Forgets every message (see WebexEmulator.forgetMessages). */
  forgetMessages(): void {
    this.messages.clear();
    this.messagesByRoom.clear();
  }

  message(id: string): WebexMessage | undefined {
    return this.messages.get(id);
  }

  /** In creation order. */
  messagesOfRoom(roomId: string): WebexMessage[] {
    return [...this.roomMessages(roomId)];
  }

  /** The room's messages in creation order, not copied: read it at once, never keep or change it. */
  roomMessages(roomId: string): readonly WebexMessage[] {
    return this.messagesByRoom.get(roomId) ?? [];
  }

  /** The room a new message goes to: the given one (the caller must be in it), or the 1:1 with the person named. */
  private roomForMessage(
    caller: PersonRecord,
    roomIdIn: string | undefined,
    toPersonId: string | undefined,
    toPersonEmail: string | undefined,
    events: DomainEvent[],
  ): RoomRecord {
    if (roomIdIn !== undefined) return this.requireRoomFor(roomIdIn, caller.id);
    const target =
      toPersonId !== undefined ? this.people.get(toPersonId) : this.personByEmail(toPersonEmail ?? '');
    if (!target) throw notFound('Could not find the person to send the message to.');
    if (target.id === caller.id) throw badRequest('Cannot send a direct message to yourself.');
    return this.directRoomBetween(caller.id, target.id) ?? this.openDirectRoom(caller, target, events);
  }

  /** Text, html and mentions as Webex stores them, from mention markup or from a client's @mentions (`mentionIds`). */
  private renderedMessage(
    text: string | undefined,
    markdown: string | undefined,
    mentionIds: string[] | undefined,
  ) {
    let outText = text;
    let html: string | undefined;
    let mentionedPeople: string[] = [];
    let mentionedGroups: string[] = [];
    const rich = markdown ?? (text !== undefined && containsMentionMarkup(text) ? text : undefined);
    if (mentionIds && mentionIds.length > 0) {
      const people = mentionIds.map((id) => {
        const p = this.people.get(id);
        if (!p) throw badRequest(`Cannot mention unknown person ${id}.`);
        return p;
      });
      const tags = people.map(
        (p) =>
          `<spark-mention data-object-type="person" data-object-id="${escapeHtml(p.id)}">${escapeHtml(p.displayName)}</spark-mention>`,
      );
      const rest = outText ?? '';
      outText = [...people.map((p) => p.displayName), rest].join(' ').trim();
      html = `<p>${[...tags, escapeHtml(rest)].join(' ').trim()}</p>`;
      mentionedPeople = [...new Set(people.map((p) => p.id))];
    } else if (rich !== undefined) {
      const rendered = renderMessage(rich, this.mentionResolver());
      html = rendered.html;
      mentionedPeople = rendered.mentionedPeople;
      mentionedGroups = rendered.mentionedGroups;
      outText = markdown !== undefined && text !== undefined ? text : rendered.text;
    }

    return { outText, html, mentionedPeople, mentionedGroups };
  }

  /**
   * The single implementation behind `POST /messages` and `userSays`.
   * `asClient` drops the `markdown` field, because messages typed in a Webex client carry text and html only.
   * `mentionIds` prefixes the text with those people's names the way a client renders an @mention.
   */
  createMessage(
    caller: PersonRecord,
    body: unknown,
    opts: { asClient?: boolean; mentionIds?: string[] } = {},
  ): MessageCreated {
    const { roomIdIn, toPersonId, toPersonEmail, text, markdown, parentId, files, attachments } =
      parseMessageBody(body);

    const events: DomainEvent[] = [];
    const room = this.roomForMessage(caller, roomIdIn, toPersonId, toPersonEmail, events);

    if (parentId !== undefined) {
      const parent = this.messages.get(parentId);
      if (!parent || parent.roomId !== room.id || !this.canRead(caller, parent)) {
        throw badRequest('The parent message was not found in this room.');
      }
      if (parent.parentId !== undefined) throw badRequest('Replies to a reply are not supported.');
    }

    const { outText, html, mentionedPeople, mentionedGroups } = this.renderedMessage(
      text,
      markdown,
      opts.mentionIds,
    );

    const { id } = newWebexId('MESSAGE');
    const created = this.stamp();
    const message: WebexMessage = {
      id,
      ...(parentId !== undefined ? { parentId } : {}),
      roomId: room.id,
      roomType: room.type,
      ...(toPersonId !== undefined ? { toPersonId } : {}),
      ...(toPersonEmail !== undefined ? { toPersonEmail } : {}),
      ...(outText !== undefined ? { text: outText } : {}),
      ...(markdown !== undefined && !opts.asClient ? { markdown } : {}),
      ...(html !== undefined ? { html } : {}),
      ...(files && files.length > 0 ? { files: files.map(() => this.contentUrl()) } : {}),
      personId: caller.id,
      personEmail: caller.email,
      ...(mentionedPeople.length > 0 ? { mentionedPeople } : {}),
      ...(mentionedGroups.length > 0 ? { mentionedGroups } : {}),
      ...(attachments && attachments.length > 0 ? { attachments } : {}),
      created,
    };
    this.messages.set(id, message);
    let ofRoom = this.messagesByRoom.get(room.id);
    if (!ofRoom) this.messagesByRoom.set(room.id, (ofRoom = []));
    ofRoom.push(message);
    room.lastActivity = created;
    events.push(
      this.event(
        'messages',
        'created',
        caller.id,
        room.id,
        messageEventData(message),
        this.messageAudience(message),
      ),
    );
    // Per room, so that a waiter is woken only by its own room's messages.
    this.emitter.emit(`message:${room.id}`, message);
    return { message, events };
  }

  deleteMessage(caller: PersonRecord, id: string): DomainEvent[] {
    const message = this.messages.get(id);
    if (!message || !this.canRead(caller, message)) throw notFound('Message not found.');
    const moderator = this.membershipOf(message.roomId, caller.id)?.isModerator ?? false;
    if (message.personId !== caller.id && !moderator)
      throw forbidden('You can only delete your own messages.');
    const audience = this.messageAudience(message);
    this.messages.delete(id);
    const ofRoom = this.messagesByRoom.get(message.roomId);
    ofRoom?.splice(ofRoom.indexOf(message), 1);
    return [
      this.event('messages', 'deleted', caller.id, message.roomId, messageEventData(message), audience),
    ];
  }

  private messageAudience(message: WebexMessage): Set<string> {
    const audience = new Set<string>();
    for (const id of this.memberIds(message.roomId)) {
      const p = this.people.get(id);
      if (!p) continue;
      const bot = p.type === 'bot' && message.roomType === 'group';
      if (!bot || (message.mentionedPeople ?? []).includes(id)) audience.add(id);
    }
    return audience;
  }

  private openDirectRoom(caller: PersonRecord, target: PersonRecord, events: DomainEvent[]): RoomRecord {
    const room = this.createRoomRecord('direct', caller.id, undefined, false);
    const audience = new Set([caller.id, target.id]);
    for (const p of [caller, target]) {
      const m = this.createMembership(room, p.id, false);
      events.push(
        this.event('memberships', 'created', caller.id, room.id, { ...this.membershipJson(m) }, audience),
      );
    }
    return room;
  }

  private contentUrl(): string {
    return `${this.apiBase()}/contents/${encodeWebexId('CONTENT', randomUUID())}/0`;
  }

  // ---------------------------------------------------------------- attachment actions

  createAttachmentAction(
    caller: PersonRecord,
    body: unknown,
  ): { action: AttachmentAction; events: DomainEvent[] } {
    const b = asObject(body);
    const type = optionalString(b, 'type');
    const messageId = optionalString(b, 'messageId');
    const inputs = b['inputs'];
    if (type !== 'submit') throw badRequest('type must be "submit".');
    if (messageId === undefined) throw badRequest('messageId is required.');
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
      throw badRequest('inputs must be an object.');
    }
    const message = this.messages.get(messageId);
    if (!message || !this.canRead(caller, message)) throw notFound('Message not found.');
    if (!message.attachments || message.attachments.length === 0) {
      throw badRequest('The message has no card attachment.');
    }
    const action: AttachmentAction = {
      id: newWebexId('ATTACHMENT_ACTION').id,
      type: 'submit',
      messageId,
      inputs: { ...(inputs as Record<string, unknown>) },
      personId: caller.id,
      roomId: message.roomId,
      created: this.stamp(),
    };
    this.actions.set(action.id, action);
    // Card submissions go to the card's author and the submitter, never to bots that merely share the room.
    const audience = new Set(
      this.memberIds(message.roomId).filter((id) => {
        const p = this.people.get(id);
        return p !== undefined && (p.type !== 'bot' || id === message.personId || id === caller.id);
      }),
    );
    const data = {
      id: action.id,
      type: action.type,
      messageId: action.messageId,
      personId: action.personId,
      roomId: action.roomId,
      created: action.created,
    };
    return {
      action,
      events: [this.event('attachmentActions', 'created', caller.id, message.roomId, data, audience)],
    };
  }

  /** Readable by room members; a bot only for cards it posted or submissions it made. */
  attachmentActionFor(caller: PersonRecord, id: string): AttachmentAction {
    const action = this.actions.get(id);
    if (!action || !this.isMember(action.roomId, caller.id)) throw notFound('Attachment action not found.');
    if (caller.type === 'bot' && action.personId !== caller.id) {
      const message = this.messages.get(action.messageId);
      if (message?.personId !== caller.id) throw notFound('Attachment action not found.');
    }
    return action;
  }

  // ---------------------------------------------------------------- webhooks

  webhooksOf(personId: string): WebhookObject[] {
    return [...this.webhooks.values()].filter((w) => w.createdBy === personId);
  }

  allWebhooks(): WebhookObject[] {
    return [...this.webhooks.values()];
  }

  webhookFor(caller: PersonRecord, id: string): WebhookObject {
    const w = this.webhooks.get(id);
    if (!w || w.createdBy !== caller.id) throw notFound('Webhook not found.');
    return w;
  }

  createWebhook(caller: PersonRecord, body: unknown): WebhookObject {
    const b = asObject(body);
    const name = requiredString(b, 'name');
    const targetUrl = requiredString(b, 'targetUrl');
    const resource = requiredString(b, 'resource');
    const event = requiredString(b, 'event');
    const filter = optionalString(b, 'filter');
    const secret = optionalString(b, 'secret');
    const ownedBy = optionalString(b, 'ownedBy');
    assertHttpUrl(targetUrl);
    if (!(WEBHOOK_RESOURCES as readonly string[]).includes(resource)) {
      throw badRequest(`Unsupported resource: ${resource}`);
    }
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(event))
      throw badRequest(`Unsupported event: ${event}`);
    if (ownedBy !== undefined && ownedBy !== 'creator' && ownedBy !== 'org') {
      throw badRequest('ownedBy only accepts "creator" or "org".');
    }
    if (resource === 'recordings') {
      // Creating a webhook needs read access to its resource; bots have none to recordings.
      if (caller.type === 'bot') throw forbidden('Bots cannot access meeting recordings.');
      const scope = ownedBy === 'org' ? ADMIN_RECORDINGS_SCOPE : USER_RECORDINGS_SCOPE;
      const admin = caller.scopes.includes(ADMIN_RECORDINGS_SCOPE);
      if (!caller.scopes.includes(scope) && !(scope === USER_RECORDINGS_SCOPE && admin)) {
        throw forbidden(
          `A recordings webhook${ownedBy === 'org' ? ' for the org' : ''} needs the ${scope} scope.`,
        );
      }
    } else if (ownedBy === 'org') {
      throw forbidden('Org-wide webhooks (ownedBy=org) are emulated for recordings only.');
    }
    const webhook: WebhookObject = {
      id: newWebexId('WEBHOOK').id,
      name,
      targetUrl,
      resource,
      event,
      ...(filter !== undefined && filter !== '' ? { filter } : {}),
      ...(secret !== undefined && secret !== '' ? { secret } : {}),
      status: 'active',
      created: this.stamp(),
      orgId: caller.orgId,
      createdBy: caller.id,
      appId: caller.appId,
      ownedBy: ownedBy === 'org' ? 'org' : 'creator',
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  updateWebhook(caller: PersonRecord, id: string, body: unknown): WebhookObject {
    const w = this.webhookFor(caller, id);
    const b = asObject(body);
    const name = requiredString(b, 'name');
    const targetUrl = requiredString(b, 'targetUrl');
    const secret = optionalString(b, 'secret');
    const status = optionalString(b, 'status');
    assertHttpUrl(targetUrl);
    // The OpenAPI document only allows re-activating; Webex does not let clients deactivate a webhook.
    if (status !== undefined && status !== 'active') throw badRequest('status can only be set to "active".');
    w.name = name;
    w.targetUrl = targetUrl;
    if (secret !== undefined) {
      if (secret === '') delete w.secret;
      else w.secret = secret;
    }
    if (status === 'active') w.status = 'active';
    return w;
  }

  deleteWebhook(caller: PersonRecord, id: string): void {
    this.webhookFor(caller, id);
    this.webhooks.delete(id);
  }

  /** Emulator-side switch, e.g. to mimic Webex disabling a failing webhook. */
  setWebhookStatus(id: string, status: 'active' | 'inactive'): void {
    const w = this.webhooks.get(id);
    if (!w) throw new Error(`No webhook ${id}`);
    w.status = status;
  }

  // ---------------------------------------------------------------- recordings

  addRecording(input: AddRecordingInput): RecordingObject {
    const recording = buildRecording(input, this.personByEmail(input.hostEmail)?.displayName);
    if (this.recordings.has(recording.id)) throw new Error(`addRecording: duplicate id ${recording.id}`);
    this.recordings.set(recording.id, recording);
    return { ...recording };
  }

  /**
   * A meeting ended and its recording is now ready: stores it and returns the `recordings:created` event for the
   * host's own recordings webhooks and the org-level ones of the host's org.
   */
  recordingReady(input: AddRecordingInput): { recording: RecordingObject; events: DomainEvent[] } {
    const recording = this.addRecording(input);
    const host = this.personByEmail(recording.hostEmail);
    const data: DomainEvent['data'] = {
      id: recording.id,
      meetingId: recording.meetingId,
      scheduledMeetingId: recording.scheduledMeetingId,
      meetingSeriesId: recording.meetingSeriesId,
      topic: recording.topic,
      createTime: recording.createTime,
      timeRecorded: recording.timeRecorded,
      siteUrl: recording.siteUrl,
      format: recording.format,
      serviceType: recording.serviceType,
      durationSeconds: recording.durationSeconds,
      sizeBytes: recording.sizeBytes,
      integrationTags: [...recording.integrationTags],
      status: recording.status,
      hostEmail: recording.hostEmail,
      ...(host ? { hostUserId: host.id } : {}),
    };
    const event: DomainEvent = {
      ...this.event('recordings', 'created', host?.id ?? '', '', data, new Set(host ? [host.id] : [])),
      orgId: host?.orgId ?? this.defaultOrg.id,
    };
    return { recording, events: [event] };
  }

  allRecordings(): RecordingObject[] {
    return [...this.recordings.values()];
  }

  recording(id: string): RecordingObject | undefined {
    return this.recordings.get(id);
  }

  // ---------------------------------------------------------------- helpers

  private event(
    resource: DomainEvent['resource'],
    event: DomainEvent['event'],
    actorId: string,
    roomId: string,
    data: DomainEvent['data'],
    audience: ReadonlySet<string>,
  ): DomainEvent {
    return { resource, event, actorId, roomId, data, audience };
  }
}

function publicPerson(p: PersonRecord): EmulatedPerson {
  const { uuid: _uuid, appId: _appId, lastModified: _lm, ...rest } = p;
  return { ...rest, emails: [...p.emails], scopes: [...p.scopes] };
}

function orgIdUuid(orgId: string): string {
  const decoded = Buffer.from(orgId, 'base64').toString('utf8');
  return decoded.split('/').pop() || randomUUID();
}

/** Webhook `data` for messages is a short form: no text, html or attachments. */
function messageEventData(m: WebexMessage): DomainEvent['data'] {
  return {
    id: m.id,
    roomId: m.roomId,
    roomType: m.roomType,
    personId: m.personId,
    personEmail: m.personEmail,
    ...(m.parentId !== undefined ? { parentId: m.parentId } : {}),
    ...(m.mentionedPeople ? { mentionedPeople: [...m.mentionedPeople] } : {}),
    ...(m.mentionedGroups ? { mentionedGroups: [...m.mentionedGroups] } : {}),
    ...(m.files ? { files: [...m.files] } : {}),
    created: m.created,
  };
}

function nonEmpty(s: string | undefined): s is string {
  return s !== undefined && s.trim() !== '';
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function optionalString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${key} must be a string.`);
  return v;
}

function requiredString(b: Record<string, unknown>, key: string): string {
  const v = optionalString(b, key);
  if (v === undefined || v.trim() === '') throw badRequest(`${key} is required.`);
  return v;
}

function optionalBoolean(b: Record<string, unknown>, key: string): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`${key} must be a boolean.`);
  return v;
}

function optionalStringArray(b: Record<string, unknown>, key: string): string[] | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw badRequest(`${key} must be an array of strings.`);
  }
  return v;
}

function parseAttachments(v: unknown): AdaptiveCardAttachment[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badRequest('attachments must be an array.');
  if (v.length > 1) throw badRequest('Only one attachment (card) per message is supported.');
  return v.map((a: unknown) => {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw badRequest('Invalid attachment.');
    const { contentType, content } = a as Record<string, unknown>;
    if (contentType !== ADAPTIVE_CARD_CONTENT_TYPE) {
      throw badRequest(`Unsupported attachment contentType; expected ${ADAPTIVE_CARD_CONTENT_TYPE}.`);
    }
    if (typeof content !== 'object' || content === null || Array.isArray(content)) {
      throw badRequest('attachment content must be an Adaptive Card object.');
    }
    // The body was parsed for this request alone (the request log keeps its own copy): kept as it is.
    return { contentType, content: content as Record<string, unknown> };
  });
}

function assertHttpUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badRequest('targetUrl must be an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('targetUrl must be http(s).');
}
