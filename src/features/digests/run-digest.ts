/**
 * One digest run (the use case): list what is new for the subscription's creator, post it, move the window.
 *
 * - Window: [watermark, now). The listing asks from `watermark − overlap` because Webex can list a recording a while
 *   after its createTime; ids already posted by this subscription are dropped, so a late arrival is posted exactly
 *   once and nothing twice. The window (watermark) and the schedule move only when every card was posted.
 * - Each card (≤ 10 recordings) is posted between `beginPost` (the card's ids are written as pending, under the
 *   lease) and `endPost` (they become posted ids). A run that dies in between leaves the pending card; whoever
 *   claims the subscription next counts it as posted without re-posting it (`settlePendingPost`). Webex has no
 *   idempotency key and a bot can't read its own messages back in a group space, so an instance dying during the
 *   POST itself is the one case where "exactly once" becomes "at most once" for that card.
 * - A failed scheduled run is retried with backoff (the window doesn't move); after `notifyAfterFailures` failures
 *   the space is told once. A failed manual run (`digest now`) changes nothing and is reported to the asker.
 */
import { randomUUID } from 'node:crypto';
import { escapeMarkdown } from '../../core/markdown.js';
import type { CardRecording } from '../recordings/index.js';
import type { Logger } from '../../logger.js';
import {
  LeaseLostError,
  type Claim,
  type DigestRepository,
  type NewRun,
  type Subscription,
} from './digest-repository.js';
import { CallBudgetExceededError, CallCancelledError } from '../../webex/call-budget.js';
import { NoAskerEmailError, NoRecordingsAccessError } from '../../webex/recordings-access.js';
import type { WebexRecording } from '../../webex/types.js';
import { WebexApiError } from '../../webex/webex-client.js';
import type { PostOutcome } from '../../core/messenger.js';
import { buildDigestCard, digestTitle, DIGEST_PAGE_SIZE } from './digest-card.js';
import { nextRun } from './schedule.js';

/** Posts into a space with the bot's identity (POST /messages with roomId). */
export interface DigestPoster {
  /** `uncertain`: Webex may have the card and nobody can tell (a group space after a time-out); not sent again. */
  postCard(roomId: string, card: Record<string, unknown>, markdown: string): Promise<PostOutcome>;
  say(roomId: string, markdown: string): Promise<void>;
}

/** The creator's recordings created in [from, to) matching the subscription's filters, never from a cache. */
export type DigestLister = (
  subscription: Subscription,
  range: { from: Date; to: Date },
) => Promise<WebexRecording[]>;

export interface DigestRunDeps {
  repository: DigestRepository;
  poster: DigestPoster;
  list: DigestLister;
  now: () => Date;
  /** Names this instance in leases and run history. */
  instanceId: string;
  leaseMs: number;
  overlapMs: number;
  logger: Logger;
  /** Pause before retry n (1-based) of a failed run. */
  backoffMs?: (failures: number) => number;
  /** After this many failures in a row the space is told (once). */
  notifyAfterFailures?: number;
}

export type RunOutcome =
  | { status: 'sent'; cards: number; recordings: number }
  | { status: 'empty' }
  | { status: 'failed'; error: unknown }
  | { status: 'lost' };

/** Posted ids older than the window start by this much more than the overlap are forgotten. */
const POSTED_RETENTION_MS = 7 * 86_400_000;

export const defaultBackoffMs = (failures: number): number =>
  Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, failures - 1));

const createTimeOf = (r: WebexRecording) => Date.parse(r.createTime);

export function describeFailure(err: unknown): string {
  if (err instanceof CallBudgetExceededError) {
    return `listing the recordings needed more than ${err.limit} Webex calls`;
  }
  if (err instanceof CallCancelledError) return 'the bot was restarting';
  if (err instanceof NoAskerEmailError) {
    return "I can't tell which recordings are the creator's: their Webex profile has no email address";
  }
  if (err instanceof NoRecordingsAccessError) {
    return "I have no access to recordings (the bot's admin has to set up an org admin token)";
  }
  if (err instanceof WebexApiError) {
    if (err.isRefusal) return `Webex refused to list the recordings (${err.status})`;
    if (err.status === 429) return 'Webex kept rate-limiting me';
    return err.status ? `Webex answered with an error (${err.status})` : "Webex isn't answering";
  }
  return 'something went wrong on my side';
}

/** Whether a run with nothing new posts an empty digest: when asked for, and not after a settled card covered it. */
const postsEmpty = (kind: 'scheduled' | 'manual', evenIfEmpty: boolean, hadPending: boolean) =>
  (kind === 'scheduled' && evenIfEmpty && !hadPending) || kind === 'manual';

/** Whether a card's POST is under way: a failure then means that card was not posted. */
interface PostState {
  posting: boolean;
}

/**
 * Posts the recordings as cards of up to DIGEST_PAGE_SIZE, each between beginPost and endPost (see the top of this
 * file); a card shows fewer when they don't fit its byte budget, and the next card starts after the ones it showed.
 * Returns the number of cards posted.
 */
async function postPages(
  claim: Claim,
  fresh: CardRecording[],
  postEmpty: boolean,
  window: { from: Date; to: Date },
  deps: DigestRunDeps,
  { state, log }: { state: PostState; log: Logger },
): Promise<number> {
  const { repository, now } = deps;
  const sub = claim.subscription;
  let cards = 0;
  for (let offset = 0; offset < fresh.length || (cards === 0 && postEmpty); cards++) {
    const { card, markdown, shown } = buildDigestCard({
      subscription: sub,
      window,
      recordings: fresh.slice(offset, offset + DIGEST_PAGE_SIZE),
      offset,
      total: fresh.length,
    });
    const ids = fresh
      .slice(offset, offset + shown)
      .map((r) => ({ id: r.id, createTime: createTimeOf(r as WebexRecording) }));
    offset += shown;
    await repository.beginPost(claim, { recordings: ids, at: now().getTime() }, now(), deps.leaseMs);
    state.posting = true;
    const outcome = await deps.poster.postCard(sub.roomId, card, markdown);
    state.posting = false;
    // Counted as posted either way (never posted twice); the row says when nobody knows whether it arrived.
    if (outcome === 'uncertain') log.warn({ recordings: ids.length }, 'a digest card may not have arrived');
    await repository.endPost(claim, now(), { uncertain: outcome === 'uncertain' });
  }
  return cards;
}

export async function runDigest(
  claim: Claim,
  kind: 'scheduled' | 'manual',
  deps: DigestRunDeps,
): Promise<RunOutcome> {
  const { repository, now } = deps;
  const sub = claim.subscription;
  const log = deps.logger.child({ subscription: sub.id, room: sub.roomId, number: sub.number, kind });
  const startedAt = now();
  const window = { from: sub.watermark, to: startedAt };
  const run = (status: NewRun['status'], recordings: number, error?: string): NewRun => ({
    id: randomUUID(),
    kind,
    startedAt,
    finishedAt: now(),
    windowFrom: window.from,
    windowTo: window.to,
    status,
    recordings,
    error,
  });
  const state: PostState = { posting: false };
  try {
    // A previous holder died while posting a card: count it as posted, never post it again.
    const hadPending = sub.pendingPost !== undefined;
    const settled = hadPending ? await repository.settlePendingPost(claim, startedAt) : 0;
    if (hadPending)
      log.warn({ recordings: settled }, 'a previous run died while posting; counted its card as posted');

    const listed = await deps.list(sub, {
      from: new Date(window.from.getTime() - deps.overlapMs),
      to: window.to,
    });
    const posted = await repository.postedIds(sub.id);
    const fresh = listed.filter((r) => !posted.has(r.id) && Number.isFinite(createTimeOf(r)));
    const postEmpty = postsEmpty(kind, sub.evenIfEmpty, hadPending);
    const cards = await postPages(claim, fresh, postEmpty, window, deps, { state, log });

    const status = fresh.length > 0 ? 'sent' : 'empty';
    const advance =
      kind === 'scheduled'
        ? {
            watermark: window.to,
            nextRunAt: nextRun(sub.schedule, now()),
            prunePostedBefore: new Date(window.to.getTime() - deps.overlapMs - POSTED_RETENTION_MS),
          }
        : undefined;
    await repository.completeRun(claim, { ...(advance ? { advance } : {}), run: run(status, fresh.length) });
    log.info({ status, recordings: fresh.length, cards }, 'digest run finished');
    return status === 'sent' ? { status, cards, recordings: fresh.length } : { status };
  } catch (err) {
    return runFailed(claim, kind, err, deps, { log, state, run: run('failed', 0, describeFailure(err)) });
  }
}

async function runFailed(
  claim: Claim,
  kind: 'scheduled' | 'manual',
  err: unknown,
  deps: DigestRunDeps,
  at: { log: Logger; state: PostState; run: NewRun },
): Promise<RunOutcome> {
  const { log } = at;
  if (err instanceof LeaseLostError) {
    log.warn({ err: err.message }, 'lost the lease during a digest run; another instance has taken over');
    return { status: 'lost' };
  }
  log.error({ err }, 'digest run failed');
  try {
    // The card's POST failed with an answer (or after the client's retries): it was not posted.
    if (at.state.posting) await deps.repository.endPostUnposted(claim);
    if (kind === 'manual') {
      await deps.repository.release(claim);
    } else {
      await failScheduled(claim, err, deps, at.run);
    }
  } catch (e) {
    if (!(e instanceof LeaseLostError)) log.error({ err: e }, 'could not record the failed digest run');
  }
  return { status: 'failed', error: err };
}

async function failScheduled(claim: Claim, err: unknown, deps: DigestRunDeps, run: NewRun): Promise<void> {
  const sub = claim.subscription;
  const failures = sub.failures + 1;
  const retryAt = new Date(deps.now().getTime() + (deps.backoffMs ?? defaultBackoffMs)(failures));
  let notified = false;
  if (failures >= (deps.notifyAfterFailures ?? 3) && !sub.failureNotified) {
    const text =
      `⚠️ I couldn't send ${escapeMarkdown(digestTitle(sub))} — ${describeFailure(err)}, ${failures} times in a row. ` +
      "I'll keep trying, and the next digest will include everything new since the last one.";
    try {
      await deps.poster.say(sub.roomId, text);
      notified = true;
    } catch (e) {
      deps.logger.warn(
        { err: e, subscription: sub.id },
        'could not post the failure notice either; will try again',
      );
    }
  }
  await deps.repository.failRun(claim, { retryAt, error: describeFailure(err), notified, run });
}
