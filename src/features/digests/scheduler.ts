/**
 * The digest scheduler: `tick()` claims every due subscription (atomically, under a lease: see digest-repository.ts), runs each
 * once and moves its window. Safe to call from several instances at once (each due digest goes to exactly one of
 * them) and from one instance concurrently. Time, repository, poster and lister are injected; `startTicker` is the
 * setInterval driver the app uses.
 */
import pLimit from 'p-limit';
import type { Metrics } from '../../core/metrics.js';
import type { Logger } from '../../logger.js';
import type { Claim } from './digest-repository.js';
import { runDigest, type DigestRunDeps, type RunOutcome } from './run-digest.js';

export interface SchedulerOptions extends DigestRunDeps {
  /** How many subscriptions one claim takes. */
  batchSize?: number;
  /** How many runs proceed at once within one instance (default DIGEST_CONCURRENCY). */
  concurrency?: number;
  metrics?: Pick<Metrics, 'digestRuns' | 'digestLag'>;
}

export interface TickResult {
  claimed: number;
  outcomes: RunOutcome[];
}

export type RunNowResult = { status: 'busy' } | { status: 'inactive' } | RunOutcome;

export interface DigestScheduler {
  tick(): Promise<TickResult>;
  /** `digest now`: runs one subscription at once without moving its schedule. */
  runNow(subscriptionId: string): Promise<RunNowResult>;
}

/**
 * A run spends nearly all its time waiting (the recordings listing, the post, a few store transactions), so with 4
 * at a time 10,000 digests due at once took 14 minutes while the process idled; 16 keeps it busy within the store's
 * pool, and Webex's 429s (Retry-After honoured by the client) pace the posts if it is too fast.
 */
export const DIGEST_CONCURRENCY = 16;

export function createDigestScheduler(opts: SchedulerOptions): DigestScheduler {
  const concurrency = Math.max(1, opts.concurrency ?? DIGEST_CONCURRENCY);
  // Two runs' worth per slot: the slots stay busy while a batch's slowest runs finish, and a claim stays small
  // enough that its digests start long before their lease runs out.
  const batchSize = opts.batchSize ?? 2 * concurrency;
  const limit = pLimit(concurrency);
  const run = async (claim: Claim, kind: 'scheduled' | 'manual') => {
    if (kind === 'scheduled') {
      const lagMs = opts.now().getTime() - claim.subscription.dueAt.getTime();
      opts.metrics?.digestLag.observe(Math.max(0, lagMs) / 1000);
    }
    const outcome = await runDigest(claim, kind, opts);
    opts.metrics?.digestRuns.inc({ outcome: outcome.status });
    return outcome;
  };
  return {
    async tick() {
      const outcomes: RunOutcome[] = [];
      let claimed = 0;
      // Batch after batch until nothing is due: a backlog (after downtime) is worked off in one tick.
      for (let round = 0; round < 1000; round++) {
        const claims = await opts.repository.claimDue(opts.now(), opts.instanceId, opts.leaseMs, batchSize);
        if (claims.length === 0) break;
        claimed += claims.length;
        outcomes.push(...(await limit.map(claims, (c) => run(c, 'scheduled'))));
      }
      return { claimed, outcomes };
    },
    async runNow(subscriptionId) {
      const sub = await opts.repository.getSubscription(subscriptionId);
      if (!sub?.active) return { status: 'inactive' };
      const claim = await opts.repository.claimOne(subscriptionId, opts.now(), opts.instanceId, opts.leaseMs);
      if (!claim) return { status: 'busy' };
      return run(claim, 'manual');
    },
  };
}

/** Calls `tick` every `intervalMs` (never two at once in this instance) until stopped; the first tick is immediate. */
export function startTicker(
  scheduler: Pick<DigestScheduler, 'tick'>,
  intervalMs: number,
  logger: Logger,
): { stop(): Promise<void> } {
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const run = () => {
    if (current || stopped) return;
    current = scheduler
      .tick()
      .then((r) => {
        // Every tick, at debug: shows the scheduler is alive (and lets tests wait for ticks instead of sleeping).
        logger.debug({ claimed: r.claimed }, 'digest tick');
      })
      .catch((err: unknown) => logger.error({ err }, 'digest tick failed'))
      .finally(() => {
        current = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
