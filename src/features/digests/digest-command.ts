/**
 * `digest …`: subscribe a space to a recurring digest of new recordings, list, stop, send now.
 * A digest lists the recordings of the person who created it (in a group space: they chose to share them there);
 * anyone in the space can list digests, only the creator or a BOT_ADMINS member can stop or send one.
 */
import { randomUUID } from 'node:crypto';
import { DIGEST_EXAMPLES, parseDigestRequest } from './parse-digest.js';
import { describeFailure } from './run-digest.js';
import {
  describeSchedule,
  formatRunTime,
  nextRun,
  previousRun,
  type DigestFilters,
  type Schedule,
} from './schedule.js';
import type { DigestScheduler } from './scheduler.js';
import { ErrorCode, UserError } from '../../errors.js';
import { escapeMarkdown, truncate } from '../../core/markdown.js';
import type { Store, Subscription } from '../../store/store.js';
import type { WebexPerson } from '../../webex/types.js';
import { z } from 'zod';
import { CARD_SCHEMA, CARD_VERSION } from '../../cards/format.js';
import type { ActionHandler, CommandContext, CommandSpec } from '../../core/command-registry.js';

/** The Stop button on each digest of `digest list`. */
export const DIGEST_STOP_ACTION = 'digest.stop';
// The button's data comes back from the client: only the number is read from it; the space is the event's own, and
// who may stop it is checked as for `digest stop <n>`.
const stopDataSchema = z.object({
  action: z.literal(DIGEST_STOP_ACTION),
  n: z.number().int().min(1).max(999_999),
});

/** Same schedule and the same filters (any order, topic in any case): a duplicate digest. */
function sameDigest(
  a: Subscription,
  b: { schedule: Schedule; filters: DigestFilters; evenIfEmpty: boolean },
): boolean {
  const key = (f: DigestFilters) =>
    JSON.stringify(
      Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]: [string, unknown]) => [k, k === 'topic' ? String(v).toLowerCase() : v])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  const s = a.schedule;
  const t = b.schedule;
  return (
    s.cadence === t.cadence &&
    s.weekday === t.weekday &&
    s.hour === t.hour &&
    s.minute === t.minute &&
    s.timeZone === t.timeZone &&
    a.evenIfEmpty === b.evenIfEmpty &&
    key(a.filters) === key(b.filters)
  );
}

export interface DigestCommandDeps {
  store: Store;
  scheduler: Pick<DigestScheduler, 'runNow'>;
  timeZoneFor(person: WebexPerson): Promise<string>;
  /** Lower-cased emails of BOT_ADMINS. */
  admins: ReadonlySet<string>;
}

const SERVICE_TYPE_WORDS: Record<string, string> = {
  MeetingCenter: 'meetings',
  EventCenter: 'events',
  TrainingCenter: 'training sessions',
  SupportCenter: 'support sessions',
};

export function describeFilters(f: DigestFilters): string {
  const words: string[] = [];
  if (f.topic) words.push(`topic “${escapeMarkdown(truncate(f.topic, 100))}”`);
  if (f.format) words.push(`format ${f.format}`);
  if (f.serviceType) words.push(`type ${SERVICE_TYPE_WORDS[f.serviceType] ?? f.serviceType}`);
  if (f.siteUrl) words.push(`site ${escapeMarkdown(f.siteUrl)}`);
  if (f.integrationTag) words.push(`tag “${escapeMarkdown(truncate(f.integrationTag, 100))}”`);
  return words.join(', ');
}

const USAGE = [
  'Digests post new recordings into this space on a schedule:',
  ...DIGEST_EXAMPLES.map((e) => `- \`${e}\``),
  '- `digest list` · `digest stop 2` · `digest stop all` · `digest now 2`',
].join('\n');

function whose(sub: Subscription): string {
  return `${escapeMarkdown(truncate(sub.creatorName, 80))}'s recordings`;
}

function listLine(sub: Subscription): string {
  const filters = describeFilters(sub.filters);
  const parts = [
    `**#${sub.number}** ${describeSchedule(sub.schedule)} (${escapeMarkdown(sub.schedule.timeZone)})`,
    whose(sub),
    ...(filters ? [filters] : []),
    ...(sub.evenIfEmpty ? ['even if empty'] : []),
  ];
  const next = `next: ${formatRunTime(sub.nextRunAt, sub.schedule.timeZone)}`;
  const failing =
    sub.failures > 0
      ? ` — ⚠️ the last ${sub.failures === 1 ? 'attempt' : `${sub.failures} attempts`} failed (${escapeMarkdown(sub.lastError ?? 'unknown error')}); retrying`
      : '';
  return `- ${parts.join(' · ')} — ${next}${failing}`;
}

function readNumber(word: string | undefined, verb: string): number {
  const m = /^#?(\d{1,6})$/u.exec(word ?? '');
  if (!m) {
    throw new UserError(
      ErrorCode.BadInput,
      `Which digest? Give its number, e.g. \`digest ${verb} 1\` (\`digest list\` shows the numbers).`,
    );
  }
  return Number(m[1]);
}

export function digestCommand(deps: DigestCommandDeps): CommandSpec {
  const mayManage = (ctx: CommandContext, sub: Subscription) =>
    sub.creatorPersonId === ctx.message.personId || deps.admins.has(ctx.message.personEmail.toLowerCase());

  async function find(ctx: CommandContext, number: number): Promise<Subscription> {
    const sub = await deps.store.getSubscriptionByNumber(ctx.message.roomId, number);
    if (!sub) {
      throw new UserError(
        ErrorCode.BadInput,
        `There's no digest #${number} in this space — \`digest list\` shows them.`,
      );
    }
    if (!sub.active) throw new UserError(ErrorCode.BadInput, `Digest #${number} was already stopped.`);
    return sub;
  }

  function refuse(sub: Subscription, what: string): never {
    throw new UserError(
      ErrorCode.BadInput,
      `Only ${escapeMarkdown(sub.creatorName)} (who created digest #${sub.number}) or a bot admin can ${what} it.`,
    );
  }

  async function create(ctx: CommandContext): Promise<void> {
    const { message, args, now, reply } = ctx;
    const parsed = parseDigestRequest(args, now());
    if (!parsed.ok) throw new UserError(ErrorCode.BadInput, parsed.message);
    const r = parsed.request;
    if (!message.personEmail) {
      throw new UserError(
        ErrorCode.BadInput,
        "I couldn't tell your email address, so I can't list your recordings.",
      );
    }
    const timeZone = r.timeZone ?? (await deps.timeZoneFor(message.person));
    const schedule: Schedule = { cadence: r.cadence, hour: r.hour, minute: r.minute, timeZone };
    if (r.weekday !== undefined) schedule.weekday = r.weekday;
    const same = (await deps.store.listSubscriptions(message.roomId)).find(
      (s) =>
        s.creatorPersonId === message.personId &&
        sameDigest(s, { schedule, filters: r.filters, evenIfEmpty: r.evenIfEmpty }),
    );
    if (same) {
      return reply.say(
        `You already have this: digest **#${same.number}** (${describeSchedule(same.schedule)}). \`digest list\` shows this space's digests.`,
      );
    }
    const first = nextRun(schedule, now());
    const watermark = previousRun(schedule, first);
    const creatorName = message.person.displayName || message.personEmail;
    const sub = await deps.store.createSubscription({
      id: randomUUID(),
      roomId: message.roomId,
      roomType: message.roomType,
      creatorPersonId: message.personId,
      creatorEmail: message.personEmail,
      creatorName,
      schedule,
      filters: r.filters,
      evenIfEmpty: r.evenIfEmpty,
      createdAt: now(),
      nextRunAt: first,
      watermark,
    });
    const filters = describeFilters(r.filters);
    const lines = [
      `OK — digest **#${sub.number}**: ${describeSchedule(schedule)} (${escapeMarkdown(timeZone)}) I'll post your new recordings${filters ? ` with ${filters}` : ''} here.`,
      `First one: **${formatRunTime(first, timeZone)}**, with everything since ${formatRunTime(watermark, timeZone)}.` +
        (r.evenIfEmpty ? ' I post even when nothing is new.' : ' When nothing is new, I post nothing.'),
    ];
    if (message.roomType === 'group') {
      lines.push(
        `Because you created it in this group space, it shows **your** recordings to everyone here (never their passwords).`,
      );
    }
    lines.push(`\`digest list\` shows this space's digests; \`digest stop ${sub.number}\` stops this one.`);
    await reply.say(lines.join('\n'));
  }

  async function list(ctx: CommandContext): Promise<void> {
    const subs = await deps.store.listSubscriptions(ctx.message.roomId);
    if (subs.length === 0) {
      return ctx.reply.say('There are no digests in this space. Start one with e.g. `digest daily at 9:00`.');
    }
    const markdown = [`Digests in this space:`, ...subs.map(listLine)].join('\n');
    await ctx.reply.sendCard(
      {
        type: 'AdaptiveCard',
        $schema: CARD_SCHEMA,
        version: CARD_VERSION,
        body: [
          { type: 'TextBlock', text: 'Digests in this space', weight: 'Bolder', wrap: true },
          ...subs.map((sub) => ({
            type: 'ColumnSet',
            separator: true,
            columns: [
              {
                type: 'Column',
                width: 'stretch',
                items: [{ type: 'TextBlock', text: listLine(sub).replace(/^- /u, ''), wrap: true }],
              },
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'Center',
                items: [
                  {
                    type: 'ActionSet',
                    actions: [
                      {
                        type: 'Action.Submit',
                        title: `Stop #${sub.number}`,
                        data: { action: DIGEST_STOP_ACTION, n: sub.number },
                      },
                    ],
                  },
                ],
              },
            ],
          })),
        ],
      },
      markdown,
    );
  }

  async function stop(ctx: CommandContext, what: string | undefined): Promise<void> {
    const { message, now, reply } = ctx;
    if (what?.toLowerCase() === 'all') {
      const subs = await deps.store.listSubscriptions(message.roomId);
      if (subs.length === 0) return reply.say('There are no digests in this space.');
      const mine = subs.filter((s) => mayManage(ctx, s));
      const others = subs.filter((s) => !mayManage(ctx, s));
      const stopped = await deps.store.stopSubscriptions(
        mine.map((s) => s.id),
        message.personEmail,
        now(),
      );
      const numbers = mine.filter((s) => stopped.includes(s.id)).map((s) => `#${s.number}`);
      const lines = [numbers.length > 0 ? `Stopped ${numbers.join(', ')}.` : 'I stopped nothing.'];
      if (others.length > 0) {
        lines.push(
          `Still running: ${others.map((s) => `#${s.number} (${escapeMarkdown(s.creatorName)}'s)`).join(', ')} — only their creator or a bot admin can stop them.`,
        );
      }
      return reply.say(lines.join(' '));
    }
    const sub = await find(ctx, readNumber(what, 'stop'));
    if (!mayManage(ctx, sub)) refuse(sub, 'stop');
    await deps.store.stopSubscriptions([sub.id], message.personEmail, now());
    await reply.say(`Stopped digest #${sub.number} (${describeSchedule(sub.schedule)}, ${whose(sub)}).`);
  }

  async function sendNow(ctx: CommandContext, what: string | undefined): Promise<void> {
    const sub = await find(ctx, readNumber(what, 'now'));
    if (!mayManage(ctx, sub)) refuse(sub, 'send');
    const result = await deps.scheduler.runNow(sub.id);
    switch (result.status) {
      case 'sent':
      case 'empty':
        return; // the digest card itself is the answer
      case 'busy':
      case 'lost':
        return ctx.reply.say(`Digest #${sub.number} is being sent right now; it will be here in a moment.`);
      case 'inactive':
        return ctx.reply.say(`Digest #${sub.number} was stopped.`);
      case 'failed':
        return ctx.reply.say(
          `I couldn't send digest #${sub.number} now: ${describeFailure(result.error)}. Its schedule is unchanged.`,
        );
    }
  }

  return {
    name: 'digest',
    aliases: ['digests', 'subscribe'],
    description: 'post new recordings into this space on a schedule (your recordings; passwords only in 1:1)',
    examples: [...DIGEST_EXAMPLES, 'digest list', 'digest stop 1', 'digest now 1'],
    async handler(ctx) {
      const [sub = '', arg] = ctx.args.trim().split(/\s+/u);
      switch (sub.toLowerCase()) {
        case '':
        case 'help':
          return ctx.reply.say(USAGE);
        case 'list':
        case 'ls':
          return list(ctx);
        case 'stop':
        case 'cancel':
        case 'unsubscribe':
        case 'delete':
          return stop(ctx, arg);
        case 'now':
        case 'send':
          return sendNow(ctx, arg);
        default:
          return create(ctx);
      }
    },
  };
}

/** A Stop button of `digest list`: answered exactly as `digest stop <n>` typed by the person who pressed it. */
export function digestStopAction(digest: CommandSpec, now: () => Date): ActionHandler {
  return async (event, reply, log) => {
    const data = stopDataSchema.safeParse(event.inputs);
    if (!data.success) {
      log.warn('digest stop data did not validate');
      throw new UserError(
        ErrorCode.BadInput,
        "I couldn't read that button's data. Type e.g. `digest stop 1`.",
      );
    }
    const args = `stop ${data.data.n}`;
    const message = { ...event, kind: 'message' as const, text: `digest ${args}` };
    await digest.handler({ message, args, reply, now, log });
  };
}
