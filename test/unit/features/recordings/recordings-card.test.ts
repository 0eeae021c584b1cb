import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WEBEX_MARKDOWN_MAX_BYTES } from '../../../../src/cards/format.js';
import { formatTimeRange as describeRange } from '../../../../src/core/time.js';
import {
  CARD_TARGET_BYTES,
  MAX_TOPIC_CHARS,
  buildNoRecordingsMessage,
  buildRecordingsCard,
} from '../../../../src/features/recordings/recordings-card.js';
import { validateAdaptiveCard } from '../../../helpers/validate-card.js';
import {
  KOLKATA,
  LA,
  PASSWORD,
  WEEK_LA,
  actions,
  input,
  multibyteRecordings,
  recording,
  texts,
} from '../../cards/fixtures.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Each recording's row (one ColumnSet per recording). */
const rows = (card: Record<string, unknown>) =>
  (card.body as Record<string, unknown>[]).filter((n) => n.type === 'ColumnSet');
/** The first TextBlock of each recording's row: its topic. */
const topicTexts = (card: Record<string, unknown>) => rows(card).map((c) => texts(c)[0] ?? '');

describe('describeRange', () => {
  it('ends on the day containing to − 1 ms (to is exclusive)', () => {
    assert.equal(describeRange(WEEK_LA, LA), 'Mon 16 Nov – Sun 22 Nov 2026 (PST)');
  });

  it('shows a single day once', () => {
    const day = { from: new Date('2026-11-03T08:00:00Z'), to: new Date('2026-11-04T08:00:00Z') };
    assert.equal(describeRange(day, LA), 'Tue 3 Nov 2026 (PST)');
  });

  it('treats a week spanning the LA DST change (25-hour Sunday) as whole days', () => {
    // Mon 26 Oct 00:00 PDT (UTC−7) to Mon 2 Nov 00:00 PST (UTC−8).
    const week = { from: new Date('2026-10-26T07:00:00Z'), to: new Date('2026-11-02T08:00:00Z') };
    assert.equal(describeRange(week, LA), 'Mon 26 Oct – Sun 1 Nov 2026 (PDT/PST)');
    const sunday = { from: new Date('2026-11-01T07:00:00Z'), to: new Date('2026-11-02T08:00:00Z') };
    assert.equal(describeRange(sunday, LA), 'Sun 1 Nov 2026 (PDT/PST)');
  });

  it('treats a day that starts at 01:00 (Santiago DST gap at midnight) as a whole day', () => {
    const day = { from: new Date('2026-09-06T04:00:00Z'), to: new Date('2026-09-07T03:00:00Z') };
    assert.equal(describeRange(day, 'America/Santiago'), 'Sun 6 Sep 2026 (GMT-3)');
  });

  it('shows times for rolling ranges, with `to` as is', () => {
    const rolling = { from: new Date('2026-11-26T22:05:00Z'), to: new Date('2026-11-29T22:05:00Z') };
    assert.equal(describeRange(rolling, LA), 'Thu 26 Nov, 14:05 – Sun 29 Nov 2026, 14:05 PST');
    const sameDay = { from: new Date('2026-11-03T17:00:00Z'), to: new Date('2026-11-03T20:30:00Z') };
    assert.equal(describeRange(sameDay, LA), 'Tue 3 Nov 2026, 09:00 – 12:30 PST');
  });

  it('shows both years when they differ', () => {
    // Mon 28 Dec 2026 00:00 – Mon 4 Jan 2027 00:00 in Kolkata (UTC+05:30).
    const r = { from: new Date('2026-12-27T18:30:00Z'), to: new Date('2027-01-03T18:30:00Z') };
    assert.equal(describeRange(r, KOLKATA), 'Mon 28 Dec 2026 – Sun 3 Jan 2027 (IST)');
    const rolling = { from: new Date('2026-12-30T10:00:00Z'), to: new Date('2027-01-02T10:00:00Z') };
    assert.equal(describeRange(rolling, KOLKATA), 'Wed 30 Dec 2026, 15:30 – Sat 2 Jan 2027, 15:30 IST');
  });

  it('describes the same instants in the asker’s zone', () => {
    assert.equal(describeRange(WEEK_LA, KOLKATA), 'Mon 16 Nov, 13:30 – Mon 23 Nov 2026, 13:30 IST');
  });

  it('falls back to a labelled UTC for an unknown zone', () => {
    assert.equal(describeRange(WEEK_LA, 'Mars/Olympus'), 'Mon 16 Nov, 08:00 – Mon 23 Nov 2026, 08:00 UTC');
  });
});

describe('buildRecordingsCard: times in the asker’s zone', () => {
  it('Asia/Kolkata (+05:30), crossing midnight', () => {
    const r1 = recording(1, { timeRecorded: '2026-11-17T04:00:00Z' });
    const r2 = recording(2, { timeRecorded: '2026-11-16T20:00:00Z' });
    const { card, markdown } = buildRecordingsCard(input({ timeZone: KOLKATA, recordings: [r1, r2] }));
    const t = texts(card).join('\n');
    assert.match(t, /^Mon 16 Nov, 13:30 – Mon 23 Nov 2026, 13:30 IST$/m);
    assert.match(t, /^Tue 17 Nov, 09:30 · /m);
    assert.match(t, /^Tue 17 Nov, 01:30 · /m);
    assert.match(markdown, /Tue 17 Nov, 09:30 · /);
    assert.match(markdown, /Tue 17 Nov, 01:30 · /);
  });

  it('America/Los_Angeles around the DST change on 2026-11-01', () => {
    const recs = [
      recording(1, { timeRecorded: '2026-11-02T17:00:00Z' }), // Mon 09:00 PST
      recording(2, { timeRecorded: '2026-11-01T09:30:00Z' }), // Sun 01:30 PST (second 01:30)
      recording(3, { timeRecorded: '2026-11-01T08:30:00Z' }), // Sun 01:30 PDT (first 01:30)
      recording(4, { timeRecorded: '2026-10-31T16:00:00Z' }), // Sat 09:00 PDT
    ];
    const range = { from: new Date('2026-10-26T07:00:00Z'), to: new Date('2026-11-09T08:00:00Z') };
    const t = texts(buildRecordingsCard(input({ range, recordings: recs })).card);
    assert.ok(t.includes('Mon 26 Oct – Sun 8 Nov 2026 (PDT/PST)'), t.join('\n'));
    // The zone's name changes within the range, so each row says which 01:30 it is.
    const when = t.filter((s) => s.includes(' · ')).map((s) => s.split(' · ')[0]);
    assert.deepEqual(when, [
      'Mon 2 Nov, 09:00 PST',
      'Sun 1 Nov, 01:30 PST',
      'Sun 1 Nov, 01:30 PDT',
      'Sat 31 Oct, 09:00 PDT',
    ]);
  });

  it('uses createTime when timeRecorded is missing', () => {
    const r = recording(1, { timeRecorded: undefined, createTime: '2026-11-18T18:15:00Z' });
    assert.ok(
      texts(buildRecordingsCard(input({ recordings: [r] })).card).some((s) =>
        s.startsWith('Wed 18 Nov, 10:15 · '),
      ),
    );
  });

  it('adds the year to fallback lines only when it differs from the range’s', () => {
    const r = recording(1, { timeRecorded: '2025-12-31T20:00:00Z' });
    const { markdown } = buildRecordingsCard(input({ recordings: [r, recording(2)] }));
    assert.match(markdown, /Wed 31 Dec 2025, 12:00 · /);
    assert.match(markdown, /Tue 17 Nov, 09:30 · /);
  });
});

describe('buildRecordingsCard: passwords', () => {
  const recs = [recording(1), recording(2, { password: 'p*ss_[w0rd]' })];

  it('never appear when showPasswords is false (card JSON and markdown)', () => {
    const { card, markdown } = buildRecordingsCard(input({ recordings: recs, showPasswords: false }));
    const json = JSON.stringify(card);
    for (const needle of [PASSWORD, 'p*ss', 'ss_[w0rd', 'w0rd', 'Password', 'password']) {
      assert.ok(!json.includes(needle), `card contains ${needle}`);
      assert.ok(!markdown.includes(needle), `markdown contains ${needle}`);
    }
  });

  it('appear (escaped) when showPasswords is true', () => {
    const { card, markdown } = buildRecordingsCard(input({ recordings: recs, showPasswords: true }));
    assert.ok(JSON.stringify(card).includes(PASSWORD));
    assert.ok(markdown.includes(PASSWORD));
    assert.ok(texts(card).includes('Password: p\\*ss\\_\\[w0rd\\]'));
  });
});

describe('buildRecordingsCard: buttons', () => {
  it('Play opens playbackUrl; Download only with downloadUrl; each recording has its own buttons, titled with its topic', () => {
    const withDl = recording(1);
    const withoutDl = recording(2, { downloadUrl: undefined });
    const { card, markdown } = buildRecordingsCard(input({ recordings: [withDl, withoutDl] }));
    const [c1, c2, ...more] = rows(card);
    assert.ok(c1 && c2 && more.length === 0, 'one row per recording');
    assert.deepEqual(
      actions(c1).map((a) => [a.type, a.title, a.url]),
      [
        ['Action.OpenUrl', 'Play Weekly sync 1, Tue 17 Nov, 09:30', withDl.playbackUrl],
        ['Action.OpenUrl', 'Download Weekly sync 1, Tue 17 Nov, 09:30', withDl.downloadUrl],
      ],
    );
    assert.deepEqual(
      actions(c2).map((a) => [a.title, a.url]),
      [['Play Weekly sync 2, Tue 17 Nov, 09:30', withoutDl.playbackUrl]],
    );
    assert.equal(actions(card, 'Download').length, 1);
    assert.equal((markdown.match(/\[Download\]/g) ?? []).length, 1);
    assert.equal((markdown.match(/\[Play\]/g) ?? []).length, 2);
  });

  it('each recording is one compact row: details on the left, Play and Download beside them, named for screen readers', () => {
    const r = recording(1, { durationSeconds: 3600 });
    const [row] = rows(buildRecordingsCard(input({ recordings: [r] })).card);
    const columns = (row?.columns ?? []) as Record<string, unknown>[];
    assert.deepEqual(
      columns.map((c) => [c.width, texts(c)]),
      [
        ['stretch', ['Weekly sync 1', 'Tue 17 Nov, 09:30 · 1 h · 152 MB · MP4']],
        ['auto', ['Play']],
        ['auto', ['Download']],
      ],
    );
    // The visible word is short; the action's title is the accessible name (and tooltip) of the whole cell.
    assert.deepEqual(
      columns.slice(1).map((c) => (c.selectAction as Record<string, unknown>).title),
      ['Play Weekly sync 1, Tue 17 Nov, 09:30', 'Download Weekly sync 1, Tue 17 Nov, 09:30'],
    );
  });

  it('every button of a full page names its own recording (topic and time), with a bounded label', () => {
    // The same long topic every day: only the time tells them apart.
    const recs = Array.from({ length: 10 }, (_, i) =>
      recording(i, {
        topic: 'Quarterly planning for the platform team, with guests from sales',
        timeRecorded: new Date(Date.parse('2026-11-16T17:00:00Z') + i * 12 * 3_600_000).toISOString(),
      }),
    );
    const { card } = buildRecordingsCard(input({ recordings: recs, moreData: () => ({ offset: 10 }) }));
    const buttons = actions(card).filter((a) => a.type === 'Action.OpenUrl');
    assert.equal(buttons.length, 20);
    for (const [i, r] of recs.entries()) {
      const mine = buttons.filter((b) => b.url === r.playbackUrl || b.url === r.downloadUrl);
      assert.deepEqual(
        mine.map((b) => String(b.title).replace(/ .*/u, '')),
        ['Play', 'Download'],
        `recording ${i}`,
      );
      for (const b of mine) {
        assert.match(
          String(b.title),
          /^(Play|Download) Quarterly planning for …, \w{3} \d+ Nov, \d\d:\d\d$/u,
        );
      }
    }
    const titles = new Set(buttons.map((b) => b.title));
    assert.equal(titles.size, 20, 'no two buttons read the same');
  });

  it('no buttons (and no ActionSet) without urls; non-http urls are dropped', () => {
    const r = recording(1, { playbackUrl: 'javascript:alert(1)', downloadUrl: undefined });
    const { card, markdown } = buildRecordingsCard(input({ recordings: [r] }));
    assert.equal(actions(card).length, 0);
    assert.ok(!JSON.stringify(card).includes('ActionSet'));
    assert.ok(!markdown.includes('javascript:'));
  });

  it('"Show more" carries exactly the data for the next offset, and is absent when there is none', () => {
    const asked: number[] = [];
    const moreData = (offset: number) => {
      asked.push(offset);
      return { action: 'recordings.more', offset, q: { from: '2026-11-16T08:00:00.000Z', topic: 'sync' } };
    };
    const { card, markdown } = buildRecordingsCard(input({ moreData, offset: 4, total: 37 }));
    const more = actions(card, 'Show more');
    assert.equal(more.length, 1);
    assert.equal(more[0]?.type, 'Action.Submit');
    assert.deepEqual(more[0]?.data, moreData(5));
    assert.deepEqual(asked, [5, 5], 'asked for the page after the one recording shown');
    assert.match(markdown, /Show more/);

    for (const without of [
      buildRecordingsCard(input()),
      buildRecordingsCard(input({ moreData: () => undefined })),
    ]) {
      assert.equal(actions(without.card, 'Show more').length, 0);
      assert.equal(without.card.actions, undefined);
      assert.doesNotMatch(without.markdown, /Show more/);
    }
  });
});

describe('buildRecordingsCard: header, details, escaping', () => {
  it('restates range, filters and count', () => {
    const recs = Array.from({ length: 10 }, (_, i) => recording(i));
    const { card, markdown } = buildRecordingsCard(
      input({
        recordings: recs,
        offset: 10,
        total: 37,
        filters: {
          topic: 'sync',
          format: 'MP4',
          serviceType: 'EventCenter',
          status: 'deleted',
          siteUrl: 'example.webex.com',
          integrationTag: 'crm',
          meetingId: 'abc123',
        },
      }),
    );
    const t = texts(card);
    assert.equal(t[0], 'Deleted recordings (recycle bin)');
    assert.equal(t[1], 'Mon 16 Nov – Sun 22 Nov 2026 (PST)');
    assert.equal(
      t[2],
      'topic “sync” · format MP4 · type Events · site example.webex.com · tag “crm” · meeting id abc123',
    );
    assert.equal(t[3], 'Showing 11–20 of 37 recordings');
    assert.match(markdown, /^\*\*Deleted recordings \(recycle bin\)\*\* · Mon 16 Nov – Sun 22 Nov 2026/);
    assert.match(markdown, /Showing 11–20 of 37 recordings/);
  });

  it('counts a single recording and an empty page', () => {
    assert.ok(texts(buildRecordingsCard(input()).card).includes('Showing 1 of 1 recording'));
    assert.ok(texts(buildRecordingsCard(input({ recordings: [], total: 0 })).card).includes('No recordings'));
  });

  it('shows duration, decimal size, format and the shared marker', () => {
    const r = recording(1, {
      durationSeconds: 3900,
      sizeBytes: 1_234_000_000,
      format: 'ARF',
      shareToMe: true,
    });
    const t = texts(buildRecordingsCard(input({ recordings: [r] })).card);
    assert.ok(t.includes('Tue 17 Nov, 09:30 · 1 h 5 min · 1.2 GB · ARF'), t.join('\n'));
    assert.ok(t.some((s) => s.startsWith('Shared with you')));
  });

  it('escapes markdown and Adaptive Card date functions in topics, folds newlines', () => {
    const topic = '**Q3** [draft](https://evil.test) _wip_\n# {{DATE(2026-11-17T04:00:00Z)}} <@all>';
    const { card, markdown } = buildRecordingsCard(input({ recordings: [recording(1, { topic })] }));
    const shown = topicTexts(card)[0];
    assert.equal(
      shown,
      '\\*\\*Q3\\*\\* \\[draft\\](https://evil.test) \\_wip\\_ # {\u200B{DATE(2026-11-17T04:00:00Z)}} \\<@all\\>',
    );
    const line = markdown.split('\n').find((l) => l.startsWith('- '));
    assert.ok(line?.startsWith('- **\\*\\*Q3\\*\\* \\[draft\\](https://evil.test) \\_wip\\_ # '), line);
  });

  it('truncates very long topics to 200 code points', () => {
    const topic = 'x'.repeat(150) + '🎥'.repeat(100);
    const shown =
      topicTexts(buildRecordingsCard(input({ recordings: [recording(1, { topic })] })).card)[0] ?? '';
    assert.equal(Array.from(shown).length, MAX_TOPIC_CHARS);
    assert.ok(shown.endsWith('🎥…'));
  });

  it('keeps the card within its 16 KB budget, shortening only very long multibyte topics', () => {
    const typical = buildRecordingsCard(
      input({
        recordings: multibyteRecordings(10, 100),
        total: 37,
        showPasswords: true,
        moreData: () => ({ offset: 10 }),
      }),
    );
    assert.ok(
      bytes(JSON.stringify(typical.card)) <= CARD_TARGET_BYTES,
      String(bytes(JSON.stringify(typical.card))),
    );
    assert.equal(typical.cardJson, JSON.stringify(typical.card));
    assert.ok(
      topicTexts(typical.card).every((t) => Array.from(t).length === 100),
      '100-character multibyte topics are not shortened on a full page',
    );
    // Worst case: a full page (10) of 1000-character topics of 4-byte characters, shared by a long address.
    const worst = Array.from({ length: 10 }, (_, i) =>
      recording(i, {
        topic: '🎥'.repeat(1000),
        shareToMe: true,
        hostEmail: `${'h'.repeat(200)}@example.com`,
      }),
    );
    const c = buildRecordingsCard(
      input({ recordings: worst, showPasswords: true, moreData: () => ({ offset: 10 }) }),
    ).card;
    assert.ok(bytes(JSON.stringify(c)) <= CARD_TARGET_BYTES, String(bytes(JSON.stringify(c))));
    assert.equal(rows(c).length, 10, 'every recording is still on the card');
    assert.ok(
      topicTexts(c).every((t) => Array.from(t).length < 200),
      'worst-case topics are shortened',
    );
    assert.deepEqual(validateAdaptiveCard(c), []);
  });
});

describe('buildRecordingsCard: hostile listings', () => {
  /** A recording as a broken or hostile Webex answer could give it: every field as long as it likes. */
  const hostile = (i: number, urlChars: number) =>
    recording(i, {
      topic: `${i} ${'🎥会'.repeat(600)}`,
      playbackUrl: `https://example.webex.com/play/${i}?${'p'.repeat(urlChars)}`,
      downloadUrl: `https://example.webex.com/download/${i}?${'d'.repeat(urlChars)}`,
      password: 'w'.repeat(5000),
      format: 'MP4'.repeat(500),
      shareToMe: true,
      hostEmail: `${'h'.repeat(5000)}@example.com`,
    });
  const topicNumbers = (card: Record<string, unknown>) => topicTexts(card).map((t) => t.split(' ')[0] ?? '');
  const check = (built: ReturnType<typeof buildRecordingsCard>) => {
    assert.ok(
      bytes(JSON.stringify(built.card)) <= CARD_TARGET_BYTES,
      String(bytes(JSON.stringify(built.card))),
    );
    assert.ok(bytes(built.markdown) <= WEBEX_MARKDOWN_MAX_BYTES, String(bytes(built.markdown)));
    assert.deepEqual(validateAdaptiveCard(built.card), []);
    assert.equal(rows(built.card).length, built.shown);
    // What is posted (and remembered) is the JSON that was measured, of exactly this card.
    assert.equal(built.cardJson, JSON.stringify(built.card));
  };

  it('ten recordings with 300-character urls: under the budget, fewer per card, Show more starts after them', () => {
    const recs = Array.from({ length: 10 }, (_, i) => hostile(i, 300));
    const built = buildRecordingsCard(
      input({ recordings: recs, total: 10, showPasswords: true, moreData: (offset) => ({ offset }) }),
    );
    check(built);
    assert.ok(built.shown >= 1 && built.shown < 10, String(built.shown));
    assert.deepEqual(
      topicNumbers(built.card),
      recs.slice(0, built.shown).map((_, i) => String(i)),
    );
    assert.deepEqual(actions(built.card, 'Show more')[0]?.data, { offset: built.shown });
    assert.ok(
      texts(built.card).includes(`Showing 1–${built.shown} of 10 recordings`),
      texts(built.card).join('\n'),
    );
    // Every recording shown keeps its buttons; no absurd password is shown, and no cut one either.
    assert.equal(actions(built.card).filter((a) => a.type === 'Action.OpenUrl').length, 2 * built.shown);
    assert.doesNotMatch(JSON.stringify(built.card) + built.markdown, /www/);
  });

  it('urls over 2,048 characters get no button; the recording is still listed', () => {
    const recs = [hostile(0, 3000), recording(1)];
    const built = buildRecordingsCard(input({ recordings: recs, showPasswords: true }));
    check(built);
    assert.equal(built.shown, 2);
    assert.deepEqual(topicNumbers(built.card)[0], '0');
    const urls = actions(built.card).map((a) => String(a.url));
    assert.deepEqual(urls, [recording(1).playbackUrl, recording(1).downloadUrl]);
    assert.doesNotMatch(built.markdown, /pppp|dddd/);
  });

  it('100 hostile recordings, paged the way Show more pages them: every card fits, each recording once', () => {
    const all = Array.from({ length: 100 }, (_, i) => hostile(i, i % 7 === 0 ? 2048 : 400 + i));
    const seen: string[] = [];
    let cards = 0;
    for (let offset = 0; offset < all.length; cards++) {
      const built = buildRecordingsCard(
        input({
          recordings: all.slice(offset, offset + 10),
          offset,
          total: all.length,
          showPasswords: true,
          moreData: (next) => (next < all.length ? { offset: next } : undefined),
        }),
      );
      check(built);
      assert.ok(built.shown >= 1);
      seen.push(...topicNumbers(built.card));
      offset += built.shown;
      assert.deepEqual(
        actions(built.card, 'Show more')[0]?.data,
        offset < all.length ? { offset } : undefined,
      );
    }
    assert.deepEqual(
      seen,
      all.map((_, i) => String(i)),
    );
    assert.ok(cards > 10, `${cards} cards`);
  });

  it('a whole hostile listing on one card (100 at once) still fits and lists what it can', () => {
    const all = Array.from({ length: 100 }, (_, i) => hostile(i, 100));
    const built = buildRecordingsCard(
      input({ recordings: all, total: 100, moreData: (offset) => ({ offset }) }),
    );
    check(built);
    assert.ok(built.shown >= 1 && built.shown < 100);
    assert.deepEqual(actions(built.card, 'Show more')[0]?.data, { offset: built.shown });
  });
});

describe('buildRecordingsCard: fallback markdown', () => {
  it('stays within 7439 bytes for 10 recordings with 200-char multibyte topics, keeping every recording', () => {
    const { markdown } = buildRecordingsCard(
      input({
        recordings: multibyteRecordings(10),
        total: 37,
        showPasswords: true,
        moreData: () => ({ offset: 10 }),
      }),
    );
    assert.ok(bytes(markdown) <= WEBEX_MARKDOWN_MAX_BYTES, String(bytes(markdown)));
    assert.equal(markdown.split('\n').filter((l) => l.startsWith('- **')).length, 10);
    assert.doesNotMatch(markdown, /…and \d+ more/);
  });

  it('drops lines with "…and N more" when even short topics don’t fit', () => {
    const url = `https://example.webex.com/${'b'.repeat(600)}`;
    const recs = multibyteRecordings(10).map((r) => ({ ...r, playbackUrl: url, downloadUrl: url }));
    const { markdown, shown } = buildRecordingsCard(input({ recordings: recs, total: 10 }));
    assert.ok(bytes(markdown) <= WEBEX_MARKDOWN_MAX_BYTES, String(bytes(markdown)));
    const listed = markdown.split('\n').filter((l) => l.startsWith('- **')).length;
    // The fallback speaks for the recordings on the card (fewer than 10 here: the urls are long).
    assert.ok(listed > 0 && listed < shown, `${listed} of ${shown}`);
    assert.match(markdown, new RegExp(`…and ${shown - listed} more`));
  });

  it('has one line per recording in the documented shape', () => {
    const { markdown } = buildRecordingsCard(
      input({ recordings: [recording(1, { downloadUrl: undefined })] }),
    );
    assert.equal(
      markdown.split('\n')[2],
      `- **Weekly sync 1** — Tue 17 Nov, 09:30 · 45 min · [Play](${recording(1).playbackUrl})`,
    );
  });

  it('keeps a link usable when the url contains parentheses or spaces', () => {
    const r = recording(1, { playbackUrl: 'https://x.test/a (1).mp4', downloadUrl: undefined });
    const { card, markdown } = buildRecordingsCard(input({ recordings: [r] }));
    assert.match(markdown, /\[Play\]\(https:\/\/x\.test\/a%20%281%29\.mp4\)/);
    assert.equal(actions(card, 'Play')[0]?.url, 'https://x.test/a (1).mp4');
  });
});

describe('buildNoRecordingsMessage', () => {
  it('says nothing matched, restates the question and suggests widening', () => {
    const text = buildNoRecordingsMessage(
      { timeZone: LA, range: WEEK_LA, filters: { topic: 'sync', format: 'MP4' } },
      'recordings last month',
    );
    assert.equal(
      text,
      'I found no recordings for **Mon 16 Nov – Sun 22 Nov 2026 (PST)** with topic “sync”, format MP4.\n' +
        'Try fewer filters or a wider range, e.g. `recordings last month`.',
    );
  });

  it('mentions the recycle bin, and works without a suggestion', () => {
    const text = buildNoRecordingsMessage({
      timeZone: KOLKATA,
      range: WEEK_LA,
      filters: { status: 'deleted' },
    });
    assert.match(
      text,
      /^I found no deleted recordings \(recycle bin\) for \*\*Mon 16 Nov, 13:30 – Mon 23 Nov 2026, 13:30 IST\*\*/,
    );
    assert.match(text, /Try a wider range\.$/);
  });

  it('escapes and bounds user text', () => {
    const text = buildNoRecordingsMessage({
      timeZone: LA,
      range: WEEK_LA,
      filters: { topic: `*${'会'.repeat(5000)}` },
    });
    assert.ok(bytes(text) <= WEBEX_MARKDOWN_MAX_BYTES);
    assert.match(text, /topic “\\\*会/);
  });
});

describe('every card here validates', () => {
  it('is checked by validateAdaptiveCard', () => {
    const c = buildRecordingsCard(
      input({ recordings: multibyteRecordings(3), showPasswords: true, moreData: () => ({ x: 1 }) }),
    );
    assert.deepEqual(validateAdaptiveCard(c.card), []);
  });
});
