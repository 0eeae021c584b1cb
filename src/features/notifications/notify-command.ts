/**
 * `notify …`: subscribe this space to a card whenever a new recording of the person is ready, list, stop.
 * A notification is always about its creator's own hosted recordings; in a group space everyone there sees them
 * (never a password), and it stops when the creator leaves. Anyone can list; the creator or a bot admin can stop.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext, CommandSpec } from '../../core/command-registry.js';
import { ErrorCode, UserError } from '../../errors.js';
import { escapeMarkdown, truncate } from '../../core/markdown.js';
import type { WebexPerson } from '../../webex/types.js';
import {
  DuplicateNotificationError,
  type Notification,
  type NewNotification,
  type NotificationRepository,
  type NotifySource,
} from './notification-repository.js';
import { describeNotifyFilters, filtersKey, type NotifyFilters } from './notify-filters.js';
import { NOTIFY_EXAMPLES, NOTIFY_USAGE, parseNotify } from './parse-notify.js';

export interface NotifyCommandDeps {
  repo: NotificationRepository;
  /** How this person's recordings would reach us, or why they can't (a sign-in card was offered, or nothing can). */
  sourceFor(person: { personId: string; email: string }): Promise<NotifySource | 'sign-in-offered' | 'none'>;
  /** Registers the webhook that serves the source (idempotent); throws when Webex refuses. */
  watch(source: NotifySource, person: { personId: string; email: string }): Promise<void>;
  /** After notifications stopped: drops the person's own webhook when nothing needs it any more. */
  afterStop(personId: string): Promise<void>;
  timeZoneFor(person: WebexPerson): Promise<string>;
  isBotAdmin(email: string): boolean;
}

const whose = (n: Notification) => `${escapeMarkdown(truncate(n.creatorName, 80))}'s recordings`;

function line(n: Notification): string {
  const filters = describeNotifyFilters(n.filters);
  return `- **#${n.number}** ${whose(n)}${filters ? ` · ${filters}` : ''}`;
}

/** Who may stop a notification: the person who started it, or a bot admin. */
const mayManage = (deps: NotifyCommandDeps, ctx: CommandContext, n: Notification) =>
  n.creatorPersonId === ctx.message.personId || deps.isBotAdmin(ctx.message.personEmail);

/** `notify me` belongs in the 1:1 space, and a notification needs the email whose recordings it watches. */
function checkCanSubscribe(message: CommandContext['message'], where: 'me' | 'here'): void {
  if (where === 'me' && message.roomType === 'group') {
    throw new UserError(
      ErrorCode.BadInput,
      '`notify me` sends the alerts to our 1:1 space, so say it there. To get them in this space, say `notify here`.',
    );
  }
  if (!message.personEmail) {
    throw new UserError(
      ErrorCode.BadInput,
      "I couldn't tell your email address, so I can't watch your recordings.",
    );
  }
}

/** The confirmation, with who sees what in a group space and how to stop it. */
function subscribedReply(
  number: number,
  filters: NotifyFilters,
  timeZone: string,
  roomType: 'direct' | 'group',
): string {
  const described = describeNotifyFilters(filters);
  const lines = [
    `OK — notification **#${number}**: when a new recording of yours${described ? ` with ${described}` : ''} is ready, I'll post it here (times in ${escapeMarkdown(timeZone)}).`,
  ];
  if (roomType === 'group') {
    lines.push(
      'Because you started it in this group space, everyone here sees **your** recordings (never their passwords). It stops if you leave the space.',
    );
  }
  lines.push(`\`notify list\` shows this space's notifications; \`notify stop ${number}\` stops this one.`);
  return lines.join('\n');
}

const alreadyHave = (n: Notification) =>
  `You already have this: notification **#${n.number}**. \`notify list\` shows them all.`;

/** The new notification, or undefined when the same one exists (the store's key: a twin message won the race). */
async function createOnce(
  deps: NotifyCommandDeps,
  input: NewNotification,
  reply: CommandContext['reply'],
): Promise<Notification | undefined> {
  try {
    return await deps.repo.create(input);
  } catch (err) {
    if (!(err instanceof DuplicateNotificationError)) throw err;
    await reply.say(alreadyHave(err.existing));
    return undefined;
  }
}

async function subscribe(
  deps: NotifyCommandDeps,
  ctx: CommandContext,
  where: 'me' | 'here',
  filters: NotifyFilters,
): Promise<void> {
  const { message, reply, now } = ctx;
  checkCanSubscribe(message, where);
  // Asking twice for the same thing answers with the one that exists instead of posting every recording twice.
  const key = filtersKey(filters);
  const same = (await deps.repo.listActive(message.roomId)).find(
    (n) => n.creatorPersonId === message.personId && filtersKey(n.filters) === key,
  );
  if (same) return reply.say(alreadyHave(same));
  const person = { personId: message.personId, email: message.personEmail };
  const source = await deps.sourceFor(person);
  if (source === 'sign-in-offered') {
    if (message.roomType === 'group') await reply.say("I've sent you a sign-in link in our 1:1 space.");
    return;
  }
  if (source === 'none') {
    throw new UserError(
      ErrorCode.WebexRefused,
      "I can't watch recordings yet: the bot's admin still has to give me access (an org admin token in `WEBEX_ADMIN_TOKEN`, or per-user sign-in).",
    );
  }
  // Watched before it is stored: a notification whose webhook Webex refused would never fire.
  await deps.watch(source, person);
  const timeZone = await deps.timeZoneFor(message.person);
  const n = await createOnce(
    deps,
    {
      id: randomUUID(),
      roomId: message.roomId,
      roomType: message.roomType,
      creatorPersonId: message.personId,
      creatorEmail: message.personEmail,
      creatorName: message.person.displayName || message.personEmail,
      timeZone,
      filters,
      source,
      createdAt: now(),
    },
    reply,
  );
  if (n) await reply.say(subscribedReply(n.number, filters, timeZone, message.roomType));
}

async function list(deps: NotifyCommandDeps, ctx: CommandContext): Promise<void> {
  const all = await deps.repo.listActive(ctx.message.roomId);
  if (all.length === 0) {
    return ctx.reply.say(
      `There are no notifications in this space. Start one with \`${ctx.message.roomType === 'group' ? 'notify here' : 'notify me'}\`.`,
    );
  }
  await ctx.reply.say(['Notifications in this space:', ...all.map(line)].join('\n'));
}

/** `notify stop all`: stops what this person may stop and names what keeps running (someone else's). */
async function stopAll(deps: NotifyCommandDeps, ctx: CommandContext): Promise<void> {
  const { message, reply, now } = ctx;
  const all = await deps.repo.listActive(message.roomId);
  if (all.length === 0) return reply.say('There are no notifications in this space.');
  const mine = all.filter((n) => mayManage(deps, ctx, n));
  const others = all.filter((n) => !mayManage(deps, ctx, n));
  const stopped = await deps.repo.stop(
    mine.map((n) => n.id),
    message.personEmail,
    now(),
  );
  for (const personId of new Set(mine.map((n) => n.creatorPersonId))) await deps.afterStop(personId);
  const numbers = mine.filter((n) => stopped.includes(n.id)).map((n) => `#${n.number}`);
  const lines = [numbers.length > 0 ? `Stopped ${numbers.join(', ')}.` : 'I stopped nothing.'];
  if (others.length > 0) {
    lines.push(
      `Still running: ${others.map((n) => `#${n.number} (${escapeMarkdown(n.creatorName)}'s)`).join(', ')} — only their creator or a bot admin can stop them.`,
    );
  }
  return reply.say(lines.join(' '));
}

async function stopOne(deps: NotifyCommandDeps, ctx: CommandContext, which: number): Promise<void> {
  const { message, reply, now } = ctx;
  const n = await deps.repo.getByNumber(message.roomId, which);
  if (!n) {
    throw new UserError(
      ErrorCode.BadInput,
      `There's no notification #${which} in this space — \`notify list\` shows them.`,
    );
  }
  if (!n.active) throw new UserError(ErrorCode.BadInput, `Notification #${which} was already stopped.`);
  if (!mayManage(deps, ctx, n)) {
    throw new UserError(
      ErrorCode.BadInput,
      `Only ${escapeMarkdown(n.creatorName)} (who started notification #${n.number}) or a bot admin can stop it.`,
    );
  }
  await deps.repo.stop([n.id], message.personEmail, now());
  await deps.afterStop(n.creatorPersonId);
  await reply.say(`Stopped notification #${n.number} (${whose(n)}).`);
}

export function notifyCommand(deps: NotifyCommandDeps): CommandSpec {
  return {
    name: 'notify',
    aliases: ['notifications', 'alert'],
    description: 'a card here whenever a new recording of yours is ready (passwords only in 1:1)',
    examples: NOTIFY_EXAMPLES,
    async handler(ctx) {
      const parsed = parseNotify(ctx.args, ctx.now());
      if (!parsed.ok) throw new UserError(ErrorCode.BadInput, parsed.message);
      const r = parsed.request;
      switch (r.kind) {
        case 'help':
          return ctx.reply.say(NOTIFY_USAGE);
        case 'subscribe':
          return subscribe(deps, ctx, r.where, r.filters);
        case 'list':
          return list(deps, ctx);
        case 'stop':
          return r.which === 'all' ? stopAll(deps, ctx) : stopOne(deps, ctx, r.which);
      }
    },
  };
}
