/** A controlled clock, a recordings source with late arrivals, and a poster that remembers what it posted. */
import type { PostOutcome } from '../../../../src/core/messenger.js';
import { randomUUID } from 'node:crypto';
import type { DigestPoster } from '../../../../src/features/digests/run-digest.js';
import { nextRun, previousRun, type Schedule } from '../../../../src/features/digests/schedule.js';
import type { DigestRepository, Subscription } from '../../../../src/features/digests/digest-repository.js';
import type { WebexRecording } from '../../../../src/webex/types.js';
import { memoryLogger } from '../../../helpers/silent-logger.js';

export class Clock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface FakeRecording extends WebexRecording {
  /** When the API starts listing it (Webex lists recordings a while after their createTime). */
  visibleAt: number;
}

export class Recordings {
  readonly all: FakeRecording[] = [];
  /** Throws this (once per entry) instead of answering. */
  failures: Error[] = [];
  calls: { from: Date; to: Date }[] = [];
  /** When set, list() waits for it (an instance that hangs or dies mid-run). */
  gate: Promise<void> | undefined;

  constructor(private readonly clock: Clock) {}

  add(createTime: Date | string, over: Partial<FakeRecording> = {}): FakeRecording {
    const id = over.id ?? `r-${randomUUID().slice(0, 8)}`;
    const ct = new Date(createTime);
    const r: FakeRecording = {
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

  list = async (sub: Subscription, range: { from: Date; to: Date }): Promise<WebexRecording[]> => {
    this.calls.push(range);
    if (this.gate) await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
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

export interface Post {
  roomId: string;
  at: Date;
  ids: string[];
  card?: Record<string, unknown>;
  markdown: string;
}

export class Poster implements DigestPoster {
  readonly posts: Post[] = [];
  readonly notices: Post[] = [];
  failures: Error[] = [];
  /** When set, each post lands in Webex and then never returns (the instance died right after posting). */
  dieAfterPosting = false;
  /** When set, each post lands but the messenger could not tell (a group space after a time-out). */
  outcome: PostOutcome = 'posted';
  delayMs = 0;

  constructor(private readonly clock: Clock) {}

  async postCard(roomId: string, card: Record<string, unknown>, markdown: string): Promise<PostOutcome> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, Math.random() * this.delayMs));
    const failure = this.failures.shift();
    if (failure) throw failure;
    const ids = [...JSON.stringify(card).matchAll(/\/play\/(r-[\w-]+)/gu)].map((m) => m[1] ?? '');
    this.posts.push({ roomId, at: this.clock.now(), ids: [...new Set(ids)], card, markdown });
    if (this.dieAfterPosting) await new Promise(() => undefined);
    return this.outcome;
  }

  async say(roomId: string, markdown: string): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.notices.push({ roomId, at: this.clock.now(), ids: [], markdown });
  }

  postedIds(): string[] {
    return this.posts.flatMap((p) => p.ids);
  }
}

export async function subscribe(
  store: DigestRepository,
  clock: Clock,
  schedule: Schedule,
  over: Partial<Parameters<DigestRepository['createSubscription']>[0]> = {},
): Promise<Subscription> {
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
