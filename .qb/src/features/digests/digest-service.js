/**
 * The digests' use-cases, shared by the `digest` command (subscribe, list, stop, send now), the ticker (run due) and
 * the membership handler (a creator left or disconnected, the bot was removed). Commands parse and render; this
 * decides: the schedule and first window of a new digest, what counts as a duplicate, who may manage a digest
 * (its creator or a BOT_ADMINS member).
 */
import { randomUUID } from 'node:crypto';
import { nextRun, previousRun } from './schedule.js';
import { stopCreatorDigests } from './stop-creator-digests.js';
/** Same schedule and the same filters (any order, topic in any case): a duplicate digest. */
export function sameDigest(a, b) {
    const key = (f) => JSON.stringify(Object.entries(f)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, k === 'topic' ? String(v).toLowerCase() : v])
        .sort(([x], [y]) => String(x).localeCompare(String(y))));
    const s = a.schedule;
    const t = b.schedule;
    return (s.cadence === t.cadence &&
        s.weekday === t.weekday &&
        s.hour === t.hour &&
        s.minute === t.minute &&
        s.timeZone === t.timeZone &&
        a.evenIfEmpty === b.evenIfEmpty &&
        key(a.filters) === key(b.filters));
}
const mayManage = (deps, actor, sub) => sub.creatorPersonId === actor.personId || deps.admins.has(actor.email.toLowerCase());
async function manage(deps, actor, roomId, number) {
    const subscription = await deps.repository.getSubscriptionByNumber(roomId, number);
    if (!subscription)
        return { status: 'missing', number };
    if (!subscription.active)
        return { status: 'inactive', subscription };
    if (!mayManage(deps, actor, subscription))
        return { status: 'refused', subscription };
    return { status: 'ok', subscription };
}
async function subscribe(deps, actor, room, r) {
    const { repository, now } = deps;
    // A digest lists its creator's recordings by her email: without one there is nothing it could list.
    if (!actor.email)
        return { status: 'no-email' };
    const timeZone = r.timeZone ?? (await deps.timeZoneFor(actor.person));
    const schedule = { cadence: r.cadence, hour: r.hour, minute: r.minute, timeZone };
    if (r.weekday !== undefined)
        schedule.weekday = r.weekday;
    const existing = (await repository.listSubscriptions(room.id)).find((s) => s.creatorPersonId === actor.personId &&
        sameDigest(s, { schedule, filters: r.filters, evenIfEmpty: r.evenIfEmpty }));
    if (existing)
        return { status: 'duplicate', existing };
    const first = nextRun(schedule, now());
    const subscription = await repository.createSubscription({
        id: randomUUID(),
        roomId: room.id,
        roomType: room.type,
        creatorPersonId: actor.personId,
        creatorEmail: actor.email,
        creatorName: actor.person.displayName || actor.email,
        schedule,
        filters: r.filters,
        evenIfEmpty: r.evenIfEmpty,
        createdAt: now(),
        nextRunAt: first,
        // The first digest covers one period before it.
        watermark: previousRun(schedule, first),
    });
    return { status: 'created', subscription };
}
export function createDigestService(deps) {
    const { repository, now } = deps;
    return {
        subscribe: (actor, room, request) => subscribe(deps, actor, room, request),
        list: (roomId) => repository.listSubscriptions(roomId),
        async stop(actor, roomId, number) {
            const found = await manage(deps, actor, roomId, number);
            if (found.status === 'ok')
                await repository.stopSubscriptions([found.subscription.id], actor.email, now());
            return found;
        },
        async stopAll(actor, roomId) {
            const active = await repository.listSubscriptions(roomId);
            const mine = active.filter((s) => mayManage(deps, actor, s));
            const others = active.filter((s) => !mayManage(deps, actor, s));
            const ids = await repository.stopSubscriptions(mine.map((s) => s.id), actor.email, now());
            return { active, stopped: mine.filter((s) => ids.includes(s.id)), others };
        },
        async sendNow(actor, roomId, number) {
            const found = await manage(deps, actor, roomId, number);
            if (found.status !== 'ok')
                return found;
            return { ...found, result: await deps.scheduler.runNow(found.subscription.id) };
        },
        runDue: () => deps.scheduler.tick(),
        creatorGone: (personId, reason, roomId) => stopCreatorDigests({ repository, say: deps.say, now, logger: deps.logger }, personId, reason, roomId),
        async botRemoved(roomId) {
            const stopped = await repository.deactivateRoom(roomId, now());
            if (stopped > 0)
                deps.logger.info({ roomId, stopped }, 'removed from a space: its digests are stopped');
            return stopped;
        },
    };
}
//# sourceMappingURL=digest-service.js.map