/** A controlled clock, a recordings source with late arrivals, and a poster that remembers what it posted. */
import { randomUUID } from 'node:crypto';
import { nextRun, previousRun } from '../../../../src/features/digests/schedule.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';
export class Clock {
    t;
    constructor(t) {
        this.t = t;
    }
    now = () => new Date(this.t);
    set(d) {
        this.t = new Date(d).getTime();
    }
    advance(ms) {
        this.t += ms;
    }
}
export class Recordings {
    clock;
    all = [];
    /** Throws this (once per entry) instead of answering. */
    failures = [];
    calls = [];
    /** When set, list() waits for it (an instance that hangs or dies mid-run). */
    gate;
    constructor(clock) {
        this.clock = clock;
    }
    add(createTime, over = {}) {
        const id = over.id ?? `r-${randomUUID().slice(0, 8)}`;
        const ct = new Date(createTime);
        const r = {
            id,
            topic: 'Weekly sync',
            createTime: ct.toISOString(),
            hostEmail: 'ann@example.com',
            playbackUrl: `https://example.webex.com/play/${id}`,
            password: `pw-${id}`,
            visibleAt: ct.getTime(),
            ...over,
        };
        this.all.push(r);
        return r;
    }
    list = async (sub, range) => {
        this.calls.push(range);
        if (this.gate)
            await this.gate;
        const failure = this.failures.shift();
        if (failure)
            throw failure;
        const now = this.clock.t;
        return this.all
            .filter((r) => r.hostEmail === sub.creatorEmail && r.visibleAt <= now)
            .filter((r) => {
            const t = Date.parse(r.createTime);
            return t >= range.from.getTime() && t < range.to.getTime();
        })
            .filter((r) => !sub.filters.topic || r.topic.toLowerCase().includes(sub.filters.topic.toLowerCase()))
            .sort((a, b) => Date.parse(b.createTime) - Date.parse(a.createTime));
    };
}
export class Poster {
    clock;
    posts = [];
    notices = [];
    failures = [];
    /** When set, each post lands in Webex and then never returns (the instance died right after posting). */
    dieAfterPosting = false;
    delayMs = 0;
    constructor(clock) {
        this.clock = clock;
    }
    async postCard(roomId, card, markdown) {
        if (this.delayMs)
            await new Promise((r) => setTimeout(r, Math.random() * this.delayMs));
        const failure = this.failures.shift();
        if (failure)
            throw failure;
        const ids = [...JSON.stringify(card).matchAll(/\/play\/(r-[\w-]+)/gu)].map((m) => m[1] ?? '');
        this.posts.push({ roomId, at: this.clock.now(), ids: [...new Set(ids)], card, markdown });
        if (this.dieAfterPosting)
            await new Promise(() => undefined);
    }
    async say(roomId, markdown) {
        const failure = this.failures.shift();
        if (failure)
            throw failure;
        this.notices.push({ roomId, at: this.clock.now(), ids: [], markdown });
    }
    postedIds() {
        return this.posts.flatMap((p) => p.ids);
    }
}
export async function subscribe(store, clock, schedule, over = {}) {
    const first = nextRun(schedule, clock.now());
    return store.createSubscription({
        id: randomUUID(),
        roomId: `room-${randomUUID().slice(0, 8)}`,
        roomType: 'group',
        creatorPersonId: 'person-ann',
        creatorEmail: 'ann@example.com',
        creatorName: 'Ann Lee',
        schedule,
        filters: {},
        evenIfEmpty: false,
        createdAt: clock.now(),
        nextRunAt: first,
        watermark: previousRun(schedule, first),
        ...over,
    });
}
export const quietLogger = () => memoryLogger('warn').logger;
//# sourceMappingURL=fakes.js.map