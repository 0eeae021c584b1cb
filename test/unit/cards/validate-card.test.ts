import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRecordingsCard } from '../../../src/features/recordings/recordings-card.js';
import { validateAdaptiveCard } from '../../helpers/validate-card.js';
import { input, multibyteRecordings, recording } from './fixtures.js';

const card = (body: unknown[], actions: unknown[] = [], version = '1.3') => ({
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version,
  body,
  actions,
});
const text = { type: 'TextBlock', text: 'hello', wrap: true };

function assertRejected(c: unknown, pattern: RegExp) {
  const problems = validateAdaptiveCard(c);
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got ${JSON.stringify(problems)}`,
  );
}

describe('validateAdaptiveCard can fail', () => {
  it('accepts a plain 1.3 card (control)', () => {
    assert.deepEqual(
      validateAdaptiveCard(card([text], [{ type: 'Action.OpenUrl', title: 'Go', url: 'https://x.test' }])),
      [],
    );
  });

  it('rejects Media, even nested in a Container', () => {
    const media = { type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://x.test/a.mp4' }] };
    assertRejected(card([{ type: 'Container', items: [text, media] }]), /card\.body\[0\]\.items\[1\]: Media/);
  });

  it('rejects Action.ToggleVisibility, also inside an ActionSet', () => {
    assertRejected(
      card([text], [{ type: 'Action.ToggleVisibility', title: 'x', targetElements: ['a'] }]),
      /ToggleVisibility/,
    );
    const set = {
      type: 'ActionSet',
      actions: [{ type: 'Action.ToggleVisibility', title: 'x', targetElements: [] }],
    };
    assertRejected(card([set]), /ToggleVisibility/);
  });

  it('rejects Action.Execute', () => {
    assertRejected(card([text], [{ type: 'Action.Execute', title: 'Run', verb: 'go' }]), /Action\.Execute/);
  });

  it('rejects an unknown element type (reported by the adaptivecards library)', () => {
    assertRejected(card([{ type: 'Table', columns: [], rows: [] }]), /UnknownElementType/);
    assertRejected(card([{ type: 'Bogus' }]), /Unknown element type "Bogus"/);
  });

  it('rejects a card version above 1.3, and a nested card with one', () => {
    assertRejected(card([text], [], '1.5'), /version 1\.5 is newer than 1\.3/);
    const showCard = { type: 'Action.ShowCard', title: 'More', card: card([text], [], '1.4') };
    assertRejected(card([text], [showCard]), /actions\[0\]\.card: version 1\.4/);
  });

  it('rejects properties newer than 1.3 (library, targetVersion 1.3)', () => {
    assertRejected(card([{ ...text, style: 'heading' }]), /UnsupportedProperty/);
  });

  it('rejects a missing version, a wrong type, a non-object, a button without url', () => {
    assertRejected({ type: 'AdaptiveCard', body: [text] }, /version is missing/);
    assertRejected({ ...card([text]), type: 'Card' }, /not "AdaptiveCard"/);
    assertRejected(null, /not a JSON object/);
    assertRejected(card([text], [{ type: 'Action.OpenUrl', title: 'Go' }]), /"url" must be set/);
  });

  it("ignores a `type` inside an Action.Submit's data (the bot's own payload)", () => {
    assert.deepEqual(
      validateAdaptiveCard(card([text], [{ type: 'Action.Submit', title: 'x', data: { type: 'Media' } }])),
      [],
    );
  });
});

describe('validateAdaptiveCard accepts every recordings card', () => {
  const variants = {
    'no recordings': input({ recordings: [], total: 0 }),
    'one recording, passwords hidden': input({ recordings: [recording(1)] }),
    'one recording, passwords shown': input({ recordings: [recording(1)], showPasswords: true }),
    'no downloadUrl, no playbackUrl': input({
      recordings: [
        recording(1, { downloadUrl: undefined }),
        recording(2, { playbackUrl: undefined, downloadUrl: undefined }),
      ],
    }),
    'ten recordings with moreData': input({
      recordings: Array.from({ length: 10 }, (_, i) => recording(i, { shareToMe: i % 2 === 0 })),
      total: 37,
      showPasswords: true,
      moreData: () => ({
        action: 'recordings.more',
        offset: 10,
        q: { type: 'Media', from: '2026-11-16T08:00:00.000Z' },
      }),
    }),
    'ten multibyte recordings, every filter, deleted': input({
      recordings: multibyteRecordings(10),
      offset: 10,
      total: 25,
      filters: {
        topic: '**sync** {{DATE(2026-11-17T04:00:00Z)}}',
        format: 'MP4',
        serviceType: 'EventCenter',
        status: 'deleted',
        siteUrl: 'example.webex.com',
        integrationTag: 'tag_1',
        meetingId: 'abc123',
      },
      moreData: () => ({ offset: 20 }),
    }),
  };
  for (const [name, i] of Object.entries(variants)) {
    it(name, () => {
      assert.deepEqual(validateAdaptiveCard(buildRecordingsCard(i).card), []);
    });
  }
});
