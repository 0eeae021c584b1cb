/**
 * A digest card: the recordings card (pure builder in src/cards) with a line on top saying which digest it is and
 * whose recordings it lists. Passwords only in a 1:1 space, as for `recordings`.
 */
import { buildRecordingsCard, type CardRecording } from '../recordings/index.js';
import { truncate } from '../../core/markdown.js';
import type { Subscription } from './digest-repository.js';
import { describeSchedule } from './schedule.js';

export const DIGEST_PAGE_SIZE = 10;

export function digestTitle(sub: Pick<Subscription, 'number' | 'schedule' | 'creatorName'>): string {
  return `Digest #${sub.number} (${describeSchedule(sub.schedule)}, ${sub.schedule.timeZone}) · ${truncate(sub.creatorName, 80)}'s recordings`;
}

/** The card starts at `offset`; it shows the first `shown` of `recordings` (fewer when they don't fit one card). */
export function buildDigestCard(input: {
  subscription: Subscription;
  window: { from: Date; to: Date };
  /** This card's recordings (≤ 10), newest first. */
  recordings: CardRecording[];
  offset: number;
  total: number;
}): { card: Record<string, unknown>; markdown: string; shown: number } {
  const sub = input.subscription;
  return buildRecordingsCard({
    heading: digestTitle(sub),
    timeZone: sub.schedule.timeZone,
    range: input.window,
    filters: sub.filters,
    recordings: input.recordings,
    offset: input.offset,
    total: input.total,
    showPasswords: sub.roomType === 'direct',
  });
}
