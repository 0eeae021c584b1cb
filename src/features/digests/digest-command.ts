/**
 * `digest …`: subscribe a space to a recurring digest of new recordings, list, stop, send now. This file parses what
 * was typed and words the answers; DigestService decides (who may manage a digest, its schedule, duplicates).
 * A digest lists the recordings of the person who created it (in a group space: they chose to share them there);
 * anyone in the space can list digests, only the creator or a BOT_ADMINS member can stop or send one.
 */
import { DIGEST_EXAMPLES, parseDigestRequest } from './parse-digest.js';
import { describeFailure } from './run-digest.js';
import { describeSchedule, type DigestFilters } from './schedule.js';
import { formatTimestamp } from '../../core/time.js';
import { ErrorCode, UserError } from '../../errors.js';
import { escapeMarkdown, truncate } from '../../core/markdown.js';
import type { DigestActor, DigestService, ManageResult } from './digest-service.js';
import type { Subscription } from './digest-repository.js';
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

export interface DigestCommandDeps {
  service: Pick<DigestService, 'subscribe' | 'list' | 'stop' | 'stopAll' | 'sendNow'>;
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
  const next = `next: ${formatTimestamp(sub.nextRunAt, sub.schedule.timeZone)}`;
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

const actorOf = ({ message }: CommandContext): DigestActor => ({
  personId: message.personId,
  email: message.personEmail,
  person: message.person,
});

/** The digest one asked to manage, or the UserError saying why not. */
function managed<T>(found: ManageResult<T>, what: string): { subscription: Subscription } & T {
  switch (found.status) {
    case 'missing':
      throw new UserError(
        ErrorCode.BadInput,
        `There's no digest #${found.number} in this space — \`digest list\` shows them.`,
      );
    case 'inactive':
      throw new UserError(ErrorCode.BadInput, `Digest #${found.subscription.number} was already stopped.`);
    case 'refused': {
      const sub = found.subscription;
      throw new UserError(
        ErrorCode.BadInput,
        `Only ${escapeMarkdown(sub.creatorName)} (who created digest #${sub.number}) or a bot admin can ${what} it.`,
      );
    }
    case 'ok':
      return found;
  }
}

async function create(deps: DigestCommandDeps, ctx: CommandContext): Promise<void> {
  const { message, args, now, reply } = ctx;
  const parsed = parseDigestRequest(args, now());
  if (!parsed.ok) throw new UserError(ErrorCode.BadInput, parsed.message);
  const r = parsed.request;
  const result = await deps.service.subscribe(
    actorOf(ctx),
    { id: message.roomId, type: message.roomType },
    r,
  );
  if (result.status === 'no-email') {
    throw new UserError(
      ErrorCode.BadInput,
      "I couldn't tell your email address, so I can't list your recordings.",
    );
  }
  if (result.status === 'duplicate') {
    const same = result.existing;
    return reply.say(
      `You already have this: digest **#${same.number}** (${describeSchedule(same.schedule)}). \`digest list\` shows this space's digests.`,
    );
  }
  const sub = result.subscription;
  const { timeZone } = sub.schedule;
  const filters = describeFilters(r.filters);
  const lines = [
    `OK — digest **#${sub.number}**: ${describeSchedule(sub.schedule)} (${escapeMarkdown(timeZone)}) I'll post your new recordings${filters ? ` with ${filters}` : ''} here.`,
    `First one: **${formatTimestamp(sub.nextRunAt, timeZone)}**, with everything since ${formatTimestamp(sub.watermark, timeZone)}.` +
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

/** `digest list` as a card: one line per digest, each with its Stop button. */
function digestListCard(subs: Subscription[]): Record<string, unknown> {
  const stopButton = (sub: Subscription) => ({
    type: 'ActionSet',
    actions: [
      {
        type: 'Action.Submit',
        title: `Stop #${sub.number}`,
        data: { action: DIGEST_STOP_ACTION, n: sub.number },
      },
    ],
  });
  return {
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
          { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [stopButton(sub)] },
        ],
      })),
    ],
  };
}

async function list(deps: DigestCommandDeps, ctx: CommandContext): Promise<void> {
  const subs = await deps.service.list(ctx.message.roomId);
  if (subs.length === 0) {
    return ctx.reply.say('There are no digests in this space. Start one with e.g. `digest daily at 9:00`.');
  }
  const markdown = [`Digests in this space:`, ...subs.map(listLine)].join('\n');
  await ctx.reply.sendCard(digestListCard(subs), markdown);
}

async function stopAll(deps: DigestCommandDeps, ctx: CommandContext): Promise<void> {
  const { active, stopped, others } = await deps.service.stopAll(actorOf(ctx), ctx.message.roomId);
  if (active.length === 0) return ctx.reply.say('There are no digests in this space.');
  const numbers = stopped.map((s) => `#${s.number}`);
  const lines = [numbers.length > 0 ? `Stopped ${numbers.join(', ')}.` : 'I stopped nothing.'];
  if (others.length > 0) {
    lines.push(
      `Still running: ${others.map((s) => `#${s.number} (${escapeMarkdown(s.creatorName)}'s)`).join(', ')} — only their creator or a bot admin can stop them.`,
    );
  }
  await ctx.reply.say(lines.join(' '));
}

async function stop(deps: DigestCommandDeps, ctx: CommandContext, what: string | undefined): Promise<void> {
  if (what?.toLowerCase() === 'all') return stopAll(deps, ctx);
  const number = readNumber(what, 'stop');
  const { subscription: sub } = managed(
    await deps.service.stop(actorOf(ctx), ctx.message.roomId, number),
    'stop',
  );
  await ctx.reply.say(`Stopped digest #${sub.number} (${describeSchedule(sub.schedule)}, ${whose(sub)}).`);
}

async function sendNow(
  deps: DigestCommandDeps,
  ctx: CommandContext,
  what: string | undefined,
): Promise<void> {
  const number = readNumber(what, 'now');
  const found = await deps.service.sendNow(actorOf(ctx), ctx.message.roomId, number);
  const { subscription: sub, result } = managed(found, 'send');
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

export function digestCommand(deps: DigestCommandDeps): CommandSpec {
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
          return list(deps, ctx);
        case 'stop':
        case 'cancel':
        case 'unsubscribe':
        case 'delete':
          return stop(deps, ctx, arg);
        case 'now':
        case 'send':
          return sendNow(deps, ctx, arg);
        default:
          return create(deps, ctx);
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
