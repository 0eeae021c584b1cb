import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildNotificationCard } from '../../../../src/features/notifications/notification-card.js';
import { validateAdaptiveCard } from '../../../helpers/validate-card.js';
import { WEBEX_MARKDOWN_MAX_BYTES } from '../../../../src/cards/format.js';
import { CARD_TARGET_BYTES } from '../../../../src/features/recordings/recordings-card.js';
import { actions, texts } from '../../cards/fixtures.js';

const recording = {
  id: 'rec-1',
  topic: 'Design review',
  createTime: '2026-11-17T01:40:00Z',
  timeRecorded: '2026-11-17T00:30:00Z',
  durationSeconds: 3600,
  playbackUrl: 'https://example.webex.com/play/rec-1',
  downloadUrl: 'https://example.webex.com/download/rec-1',
  password: 'pw-1',
};
const direct = { number: 2, roomType: 'direct' as const, creatorName: 'Ann Lee' };

describe('buildNotificationCard', () => {
  it('shows the time in the subscriber zone with the name people know, whole hours as "1 h", and validates', () => {
    const { card, markdown } = buildNotificationCard({
      recording,
      notification: direct,
      timeZone: 'Asia/Tokyo',
    });
    assert.ok(texts(card).includes('Tue 17 Nov 2026, 09:30 JST · 1 h'), texts(card).join('\n'));
    assert.match(markdown, /Tue 17 Nov 2026, 09:30 JST · 1 h · \[Play\]/);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const kolkata = buildNotificationCard({ recording, notification: direct, timeZone: 'Asia/Kolkata' });
    assert.ok(texts(kolkata.card).includes('Tue 17 Nov 2026, 06:00 IST · 1 h'));
  });

  it('names the recording in every button, for screen readers', () => {
    const { card } = buildNotificationCard({ recording, notification: direct, timeZone: 'UTC' });
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Play Design review', 'Download Design review'],
    );
  });

  it('with a hostile recording (long urls, topic, password, name) the card fits its budgets and still names it', () => {
    const hostile = {
      ...recording,
      topic: `Design review ${'🎥会'.repeat(2000)}`,
      playbackUrl: `https://example.webex.com/play/rec-1?${'p'.repeat(2000)}`,
      downloadUrl: `https://example.webex.com/download/rec-1?${'d'.repeat(9000)}`,
      password: 'w'.repeat(5000),
    };
    const { card, markdown } = buildNotificationCard({
      recording: hostile,
      notification: { ...direct, creatorName: '会'.repeat(5000) },
      timeZone: 'UTC',
    });
    assert.ok(Buffer.byteLength(JSON.stringify(card)) <= CARD_TARGET_BYTES);
    assert.ok(Buffer.byteLength(markdown) <= WEBEX_MARKDOWN_MAX_BYTES);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.ok(texts(card).some((t) => t.startsWith('Design review 🎥会')));
    assert.match(markdown, /Design review 🎥会/);
    // The 2,000-character url is a button still; the 9,000-character one is not; no absurd password is shown.
    assert.deepEqual(
      actions(card).map((a) => a.url),
      [hostile.playbackUrl],
    );
    assert.doesNotMatch(JSON.stringify(card) + markdown, /www|dddd/);
    assert.match(markdown, /Notification #2/);
  });
});
