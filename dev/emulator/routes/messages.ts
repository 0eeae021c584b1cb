import { Router, type Request, type Response } from 'express';
import { badRequest, forbidden, notFound } from '../errors.js';
import { callerOf, linkWith, queryOf, sendEmpty, sendJson, setNextLink, type RouteContext } from '../http.js';
import { parseIsoDateTime, parseMax, single } from '../recordings.js';
import type { WebexMessage } from '../types.js';

/** `GET` responses use the ListMessage schema, which has no toPersonId/toPersonEmail. */
function listMessageJson(m: WebexMessage): WebexMessage {
  const { toPersonId: _id, toPersonEmail: _email, ...rest } = m;
  return rest;
}

/** `GET /messages`: newest first, with the bot rules (mentionedPeople=me in groups) and both paging styles. */
function listMessages(ctx: RouteContext, req: Request, res: Response): void {
  const caller = callerOf(res);
  const query = queryOf(req);
  const roomId = single(query, 'roomId');
  if (roomId === undefined) throw badRequest('roomId is required.');
  const room = ctx.store.requireRoomFor(roomId, caller.id);

  const mentionedRaw = query['mentionedPeople'];
  const mentioned = (
    Array.isArray(mentionedRaw) ? mentionedRaw : mentionedRaw === undefined ? [] : [mentionedRaw]
  )
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (mentioned.some((v) => v !== 'me' && v !== caller.id)) {
    throw badRequest('mentionedPeople may only be "me" or the id of the current user.');
  }
  const mentionFilter = mentioned.length > 0;
  if (caller.type === 'bot' && room.type === 'group' && !mentionFilter) {
    throw forbidden('Bots must specify mentionedPeople=me to list messages in group rooms.');
  }
  const max = parseMax(single(query, 'max'), 50, 1, mentionFilter ? 100 : 1000);

  let messages = ctx.store
    .messagesOfRoom(roomId)
    .filter((m) => ctx.store.canRead(caller, m))
    .reverse();
  if (mentionFilter) messages = messages.filter((m) => (m.mentionedPeople ?? []).includes(caller.id));
  const parentId = single(query, 'parentId');
  if (parentId !== undefined) messages = messages.filter((m) => m.parentId === parentId);
  const before = single(query, 'before');
  if (before !== undefined) {
    const at = parseIsoDateTime(before, 'UTC');
    if (!at) throw badRequest(`Invalid before: ${before}`);
    messages = messages.filter((m) => Date.parse(m.created) < at.getTime());
  }
  const beforeMessage = single(query, 'beforeMessage');
  if (beforeMessage !== undefined) {
    const index = messages.findIndex((m) => m.id === beforeMessage);
    const anchor = ctx.store.message(beforeMessage);
    if (!anchor || anchor.roomId !== roomId) throw badRequest('beforeMessage is not a message of this room.');
    // Newest-first, so everything after the anchor's position is older.
    messages = index >= 0 ? messages.slice(index + 1) : messages.filter((m) => m.created < anchor.created);
  }
  const page = messages.slice(0, max);
  const last = page[page.length - 1];
  if (messages.length > max && last) setNextLink(res, linkWith(ctx, req, { beforeMessage: last.id }));
  sendJson(res, 200, { items: page.map(listMessageJson) });
}

export function messagesRoutes(ctx: RouteContext): Router {
  const router = Router();

  // Before /messages/:messageId, which would take `direct` for an id.
  router.get('/messages/direct', (req, res) => {
    const caller = callerOf(res);
    const query = queryOf(req);
    const personId = single(query, 'personId');
    const personEmail = single(query, 'personEmail');
    if ((personId === undefined) === (personEmail === undefined)) {
      throw badRequest('Exactly one of personId or personEmail is required.');
    }
    const other =
      personId !== undefined ? ctx.store.person(personId) : ctx.store.personByEmail(personEmail ?? '');
    const room = other ? ctx.store.directRoomBetween(caller.id, other.id) : undefined;
    if (!room) throw notFound('No 1:1 room with that person.');
    let messages = ctx.store
      .messagesOfRoom(room.id)
      .filter((m) => ctx.store.canRead(caller, m))
      .reverse();
    const parentId = single(query, 'parentId');
    if (parentId !== undefined) messages = messages.filter((m) => m.parentId === parentId);
    sendJson(res, 200, { items: messages.map(listMessageJson) });
  });

  router.get('/messages/:messageId', (req, res) => {
    const caller = callerOf(res);
    const message = ctx.store.message(req.params.messageId);
    if (!message || !ctx.store.canRead(caller, message)) throw notFound('Message not found.');
    sendJson(res, 200, listMessageJson(message));
  });

  router.get('/messages', (req, res) => listMessages(ctx, req, res));

  router.post('/messages', (req, res) => {
    const caller = callerOf(res);
    const { message, events } = ctx.store.createMessage(caller, req.body);
    ctx.dispatch(events);
    sendJson(res, 200, message);
  });

  router.delete('/messages/:messageId', (req, res) => {
    const caller = callerOf(res);
    ctx.dispatch(ctx.store.deleteMessage(caller, req.params.messageId));
    sendEmpty(res);
  });

  return router;
}
