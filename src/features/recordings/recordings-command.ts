import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ChatAction, ChatMessage, Reply } from '../../bot/types.js';
import type { AnswerMemo } from './answer-memo.js';
import { buildNoRecordingsMessage, buildRecordingsCard } from './recordings-card.js';
import { escapeMarkdown, truncate } from '../../core/markdown.js';
import { ErrorCode, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { MAX_RANGE_MS, parseRecordingsQuery } from '../../parsing/parse-recordings-query.js';
import { CallBudgetExceededError, CallCancelledError } from '../../webex/call-budget.js';
import { isValidTimeZone } from '../../core/time.js';
import type { RecordingsQuery, WeekStartsOn } from '../../parsing/recordings-query.js';
import {
  MAX_LISTED_PER_QUESTION,
  NoAskerEmailError,
  NoRecordingsAccessError,
  type Asker,
  type RecordingsService,
} from './recordings-service.js';
import { JsonText } from '../../webex/json-text.js';
import type { WebexPerson } from '../../webex/types.js';
import { WebexApiError } from '../../webex/webex-client.js';
import type { AccessPolicy } from '../../webex/recordings-access.js';
import type { ActionHandler, CommandSpec } from '../../core/command-registry.js';

export const PAGE_SIZE = 10;
export const SHOW_MORE_ACTION = 'recordings.more';

export interface RecordingsDeps {
  service: RecordingsService;
  access: AccessPolicy;
  /** The zone a person's question is read in: their setting or profile, else DEFAULT_TIMEZONE. */
  timeZoneFor(person: WebexPerson): Promise<string>;
  weekStartsOn: WeekStartsOn;
  /** Signs Show more buttons and checks them when pressed. */
  showMore: ShowMoreSigner;
  /** Finished cards of listings still cached, so a cache hit does not build its card again. */
  answers?: AnswerMemo;
}

/**
 * "Show more" carries the whole resolved query, not a pointer into memory: any instance, before or after a restart,
 * can produce the next page, and a fixed [from, to) means every page walk sees the same list.
 */
const pagedQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  kind: z.enum(['rolling', 'calendar']),
  label: z.string().max(200),
  timeZone: z.string().refine(isValidTimeZone),
  topic: z.string().max(500).optional(),
  format: z.enum(['MP4', 'ARF']).optional(),
  serviceType: z.enum(['MeetingCenter', 'EventCenter', 'TrainingCenter', 'SupportCenter']).optional(),
  status: z.literal('deleted').optional(),
  meetingId: z.string().max(200).optional(),
  siteUrl: z.string().max(200).optional(),
  integrationTag: z.string().max(200).optional(),
  hostEmail: z.email().optional(),
  max: z.number().int().min(1).max(100).optional(),
});
const showMoreSchema = z.object({
  action: z.literal(SHOW_MORE_ACTION),
  q: pagedQuerySchema,
  offset: z.number().int().min(0).max(MAX_LISTED_PER_QUESTION),
  sig: z.string().max(100),
});
type PagedQuery = z.infer<typeof pagedQuerySchema>;
export type ShowMoreData = z.infer<typeof showMoreSchema>;

/**
 * HMAC-SHA256 over a Show more button's query and offset. The data comes back from the client, so without the
 * signature anyone could post an attachment action asking for any range with the org token; with it, only
 * buttons this bot made are honoured (on any instance: the key is derived from the bot's token, so a new bot
 * token retires old buttons).
 */
export class ShowMoreSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update('show-more-button\0').update(secret).digest();
  }

  sign(q: PagedQuery, offset: number): ShowMoreData {
    return { action: SHOW_MORE_ACTION, q, offset, sig: this.mac(q, offset) };
  }

  verify(data: ShowMoreData): boolean {
    const expected = Buffer.from(this.mac(data.q, data.offset), 'base64url');
    const given = Buffer.from(data.sig, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(q: PagedQuery, offset: number): string {
    // Key order is not guaranteed to survive the client, so the MAC is over a sorted rendering.
    const fields = Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHmac('sha256', this.key)
      .update(JSON.stringify([fields, offset]))
      .digest('base64url');
  }
}

/** The limits the phrase parser applies, applied again to what a (signed) button carries. */
function withinLimits(data: ShowMoreData): boolean {
  const from = Date.parse(data.q.from);
  const to = Date.parse(data.q.to);
  if (!(from < to) || to - from > MAX_RANGE_MS) return false;
  return data.q.max === undefined || data.offset < data.q.max;
}

export function toPagedQuery(q: RecordingsQuery): PagedQuery {
  const { range, timeZone, ...filters } = q;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    kind: range.kind,
    label: range.label,
    timeZone,
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
  };
}

function fromPagedQuery(p: PagedQuery): RecordingsQuery {
  const { from, to, kind, label, ...rest } = p;
  return { ...rest, range: { from: new Date(from), to: new Date(to), kind, label, isDefault: false } };
}

const askerOf = (e: ChatMessage | ChatAction): Asker => ({ personId: e.personId, email: e.personEmail });

/** parse → list (cached) → card: the recordings question as one story. */
export function recordingsCommand(deps: RecordingsDeps): CommandSpec {
  return {
    name: 'recordings',
    aliases: ['recs', 'recording'],
    description: 'list your meeting recordings, with buttons to play them (times are in your time zone)',
    examples: [
      'recordings last week topic sync',
      'recordings yesterday',
      'recs since Nov 3 format mp4',
      'recordings from 2026-11-01 to 2026-11-15 type event',
      'recordings this month deleted',
      'recordings monday top 5',
      'recordings last month host bob@example.com (bot admins only)',
    ],
    async handler({ message, args, reply, now, log }) {
      const timeZone = await deps.timeZoneFor(message.person);
      const parsed = parseRecordingsQuery(args, now(), timeZone, { weekStartsOn: deps.weekStartsOn });
      if (!parsed.ok) throw new UserError(ErrorCode.BadInput, parsed.error.message);
      await answerPage(deps, parsed.query, 0, askerOf(message), message.roomType, reply, log);
    },
  };
}

export function showMoreAction(deps: RecordingsDeps): ActionHandler {
  return async (event, reply, log) => {
    const data = showMoreSchema.safeParse(event.inputs);
    const problem = !data.success
      ? 'did not validate'
      : !deps.showMore.verify(data.data)
        ? 'bad signature'
        : !withinLimits(data.data)
          ? 'outside the parser limits'
          : undefined;
    if (!data.success || problem) {
      log.warn({ problem, personId: event.personId }, 'show-more data refused');
      throw new UserError(
        ErrorCode.BadInput,
        "I couldn't read that button's data. Please ask again, e.g. `recordings last week`.",
      );
    }
    await answerPage(
      deps,
      fromPagedQuery(data.data.q),
      data.data.offset,
      askerOf(event),
      event.roomType,
      reply,
      log,
    );
  };
}

async function answerPage(
  deps: RecordingsDeps,
  query: RecordingsQuery,
  offset: number,
  asker: Asker,
  roomType: 'direct' | 'group',
  reply: Reply,
  log: Logger,
): Promise<void> {
  let recordings;
  try {
    recordings = await listOrExplain(deps, asker, query, roomType, log);
  } catch (err) {
    if (!(err instanceof SignInOffered)) throw err;
    if (roomType === 'group') await reply.say("I've sent you a sign-in link in our 1:1 space.");
    return;
  }
  const { range, timeZone, ...filters } = query;
  if (recordings.length === 0) {
    return reply.say(buildNoRecordingsMessage({ timeZone, range, filters }, suggestWider(query)));
  }
  if (offset >= recordings.length) {
    return reply.say(
      `That was all: ${recordings.length} recording${recordings.length === 1 ? '' : 's'} in total.`,
    );
  }
  const paged = toPagedQuery(query);
  const showPasswords = roomType === 'direct';
  // The card may show fewer than a page (hostile answers: long urls); Show more then starts after what it showed.
  const build = () => {
    const built = buildRecordingsCard({
      timeZone,
      range,
      filters,
      recordings: recordings.slice(offset, offset + PAGE_SIZE),
      offset,
      total: recordings.length,
      showPasswords,
      moreData: (next) => (next < recordings.length ? deps.showMore.sign(paged, next) : undefined),
    });
    // Kept and posted as the JSON the builder measured: no second serialisation, one string to remember.
    return { card: new JsonText(built.cardJson), markdown: built.markdown };
  };
  // The card is made of the listing and exactly these: the resolved question (range, zone, filters), page, passwords.
  const { card, markdown } = deps.answers
    ? deps.answers.answer(recordings, JSON.stringify([paged, offset, showPasswords]), build)
    : build();
  await reply.sendCard(card, markdown);
}

export const NO_EMAIL_REPLY =
  "I can't tell which recordings are yours: your Webex profile has no email address. Ask your Webex admin to add one, or `connect` to sign in with your own account.";

/** Sentinel: the answer was a sign-in card, nothing more to say. */
class SignInOffered extends Error {}

/** The listing the person may have, or a UserError that says why not and what to do (or a sign-in card). */
async function listOrExplain(
  deps: RecordingsDeps,
  asker: Asker,
  query: RecordingsQuery,
  roomType: 'direct' | 'group',
  log: Logger,
) {
  const otherHost =
    query.hostEmail !== undefined && query.hostEmail.toLowerCase() !== asker.email.toLowerCase();
  if (otherHost && !deps.access.isBotAdmin(asker.email)) {
    // Checked before any call: nobody but a bot admin learns anything about another host's recordings.
    throw new UserError(
      ErrorCode.WebexRefused,
      "Only the bot's admins can look at someone else's recordings.",
    );
  }
  try {
    // In a group space only what the person hosts: recordings shared with them are theirs to see, not the room's.
    return await deps.service.list(asker, query, { hostedOnly: roomType === 'group' });
  } catch (err) {
    if (err instanceof CallBudgetExceededError) {
      throw new UserError(
        ErrorCode.BadInput,
        `That question needs more Webex searches than I make for one question (at most ${err.limit}). Please ask for a shorter period, e.g. \`recordings last 3 months\`, or add a filter.`,
        { cause: err },
      );
    }
    if (err instanceof CallCancelledError) {
      throw new UserError(
        ErrorCode.WebexHttp,
        "I'm restarting right now, so I stopped looking up your recordings. Please ask again in a minute.",
        { cause: err },
      );
    }
    if (err instanceof NoAskerEmailError) {
      throw new UserError(ErrorCode.WebexRefused, NO_EMAIL_REPLY, { cause: err });
    }
    if (err instanceof NoRecordingsAccessError) return explainNoAccess(deps, asker, otherHost, err);
    if (err instanceof WebexApiError) throw explainWebexFailure(err, log);
    throw err;
  }
}

/**
 * Nothing can list this person's recordings: another host's need the org token; their own need a sign-in (offered
 * as a card in their 1:1 space when sign-in is configured) or an access the bot's admin has to configure.
 */
async function explainNoAccess(
  deps: RecordingsDeps,
  asker: Asker,
  otherHost: boolean,
  err: NoRecordingsAccessError,
): Promise<never> {
  if (otherHost) {
    throw new UserError(
      ErrorCode.WebexRefused,
      "Looking at someone else's recordings needs the org admin token (`WEBEX_ADMIN_TOKEN`), which isn't configured.",
      { cause: err },
    );
  }
  if (deps.access.signInEnabled) {
    await deps.access.offerSignIn(
      asker.personId,
      'To list your recordings I need your permission: sign in with your Webex account.',
    );
    throw new SignInOffered();
  }
  throw new UserError(
    ErrorCode.WebexRefused,
    "I can't list recordings: this bot has no access to them configured (a bot token alone cannot list recordings). " +
      "Please ask the bot's admin to set `WEBEX_ADMIN_TOKEN` (an org token with `meeting:admin_recordings_read`) " +
      'or per-user sign-in (`WEBEX_CLIENT_ID`, `WEBEX_CLIENT_SECRET` and `TOKEN_ENCRYPTION_KEY`).',
    { cause: err },
  );
}

/**
 * Webex failed the listing: say whose move it is (the admin's for a refusal, the person's for a bad search, nobody's
 * for a rate limit or an outage), with Webex's trackingId for the admin. Logged here, where the detail is known.
 */
function explainWebexFailure(err: WebexApiError, log: Logger): UserError {
  const ref = err.trackingId ? ` (reference for your admin: \`${err.trackingId}\`)` : '';
  log.error(
    { status: err.status, trackingId: err.trackingId, detail: err.detail },
    'listing recordings failed',
  );
  if (err.isRefusal) {
    return new UserError(
      ErrorCode.WebexRefused,
      `Webex refused to list your recordings (${err.status}). The bot's recordings access may have expired or lack the recordings scope — please tell the bot's admin${ref}.`,
      { cause: err },
    );
  }
  if (err.status === 400) {
    return new UserError(
      ErrorCode.WebexHttp,
      `Webex didn't accept that search: ${escapeMarkdown(truncate(err.detail, 200))}${ref}`,
      { cause: err },
    );
  }
  if (err.status === 429) {
    return new UserError(
      ErrorCode.WebexHttp,
      `Webex is rate-limiting me right now. Please ask again in a minute${ref}.`,
      { cause: err },
    );
  }
  return new UserError(
    ErrorCode.WebexHttp,
    `Webex isn't answering right now, so I couldn't list your recordings. Please try again in a moment${ref}.`,
    { cause: err },
  );
}

/** "last month" widens anything but a question that already spans months without filters. */
function suggestWider(q: RecordingsQuery): string | undefined {
  const hasFilters = Boolean(
    q.topic || q.format || q.serviceType || q.meetingId || q.siteUrl || q.integrationTag,
  );
  return hasFilters || !/months?$/.test(q.range.label) ? 'recordings last month' : undefined;
}
