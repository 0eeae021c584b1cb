import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildNotificationCard } from '../../../../src/features/notifications/notification-card.js';
import { validateAdaptiveCard } from '../../../helpers/validate-card.js';
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
});
