/**
 * The digest scheduler: `tick()` claims every due subscription (atomically, under a lease: see digest-repository.ts), runs each
 * once and moves its window. Safe to call from several instances at once (each due digest goes to exactly one of
 * them) and from one instance concurrently. Time, repository, poster and lister are injected; `startTicker` is the
 * setInterval driver the app uses.
 */
import pLimit from 'p-limit';
import { runDigest } from './run-digest.js';
export function createDigestScheduler(opts) {
    const batchSize = opts.batchSize ?? 25;
    const limit = pLimit(Math.max(1, opts.concurrency ?? 4));
    const run = async (claim, kind) => {
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
            const outcomes = [];
            let claimed = 0;
            // Batch after batch until nothing is due: a backlog (after downtime) is worked off in one tick.
            for (let round = 0; round < 1000; round++) {
                const claims = await opts.repository.claimDue(opts.now(), opts.instanceId, opts.leaseMs, batchSize);
                if (claims.length === 0)
                    break;
                claimed += claims.length;
                outcomes.push(...(await limit.map(claims, (c) => run(c, 'scheduled'))));
            }
            return { claimed, outcomes };
        },
        async runNow(subscriptionId) {
            const sub = await opts.repository.getSubscription(subscriptionId);
            if (!sub?.active)
                return { status: 'inactive' };
            const claim = await opts.repository.claimOne(subscriptionId, opts.now(), opts.instanceId, opts.leaseMs);
            if (!claim)
                return { status: 'busy' };
            return run(claim, 'manual');
        },
    };
}
/** Calls `tick` every `intervalMs` (never two at once in this instance) until stopped; the first tick is immediate. */
export function startTicker(scheduler, intervalMs, logger) {
    let current;
    let stopped = false;
    const run = () => {
        if (current || stopped)
            return;
        current = scheduler
            .tick()
            .then((r) => {
            // Every tick, at debug: shows the scheduler is alive (and lets tests wait for ticks instead of sleeping).
            logger.debug({ claimed: r.claimed }, 'digest tick');
        })
            .catch((err) => logger.error({ err }, 'digest tick failed'))
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
//# sourceMappingURL=scheduler.js.map