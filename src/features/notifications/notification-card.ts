/**
 * The "your recording is ready" card: topic, when (in the subscriber's zone), duration, Play / Download, and the
 * password only in a 1:1 space. Adaptive Card 1.3 with a markdown fallback. Pure.
 */
import { CARD_SCHEMA, CARD_VERSION } from '../../cards/format.js';
import { escapeCardText, escapeMarkdown, truncate } from '../../core/markdown.js';
import { formatDuration, formatTimestamp } from '../../core/time.js';
import {
  markdownLinkUrl,
  parseInstant,
  safeHttpUrl,
  shownPassword,
  truncateBytes,
  utf8Bytes,
  WEBEX_MARKDOWN_MAX_BYTES,
} from '../../cards/format.js';
import type { WebexRecording } from '../../webex/types.js';
import type { Notification } from './notification-repository.js';

const MAX_TOPIC_CHARS = 200;

export function buildNotificationCard(input: {
  recording: WebexRecording;
  notification: Pick<Notification, 'number' | 'roomType' | 'creatorName'>;
  timeZone: string;
}): { card: Record<string, unknown>; markdown: string } {
  const { recording: r, notification: n, timeZone } = input;
  const topic = truncate(r.topic?.trim() || '(no topic)', MAX_TOPIC_CHARS);
  const when = parseInstant(r.timeRecorded) ?? parseInstant(r.createTime);
  const meta = [when ? formatTimestamp(when, timeZone) : undefined, formatDuration(r.durationSeconds)].filter(
    (s): s is string => Boolean(s),
  );
  const heading =
    n.roomType === 'direct'
      ? 'Your recording is ready'
      : `${truncate(n.creatorName, 80)}'s recording is ready`;
  const password = n.roomType === 'direct' ? shownPassword(r.password) : undefined;
  const play = safeHttpUrl(r.playbackUrl);
  const download = safeHttpUrl(r.downloadUrl);
  const footer = `Notification #${n.number} · \`notify stop ${n.number}\` stops it`;

  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: escapeCardText(heading), size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: escapeCardText(topic), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: escapeCardText(meta.join(' · ')), spacing: 'None', wrap: true },
  ];
  if (password) {
    body.push({
      type: 'TextBlock',
      text: `Password: ${escapeCardText(password)}`,
      spacing: 'None',
      wrap: true,
    });
  }
  body.push({ type: 'TextBlock', text: escapeCardText(footer), size: 'Small', isSubtle: true, wrap: true });
  const actions: Record<string, unknown>[] = [];
  // The topic in the title tells screen-reader users which recording the button plays.
  if (play) actions.push({ type: 'Action.OpenUrl', title: `Play ${truncate(topic, 60)}`, url: play });
  if (download)
    actions.push({ type: 'Action.OpenUrl', title: `Download ${truncate(topic, 60)}`, url: download });

  const links = [
    play ? `[Play](${markdownLinkUrl(play)})` : undefined,
    download ? `[Download](${markdownLinkUrl(download)})` : undefined,
  ].filter(Boolean);
  const markdownWith = (withLinks: (string | undefined)[]) =>
    [
      `**${escapeMarkdown(heading)}**: ${escapeMarkdown(topic)}`,
      [escapeMarkdown(meta.join(' · ')), ...withLinks].filter(Boolean).join(' · '),
      ...(password ? [`Password: ${escapeMarkdown(password)}`] : []),
      `_Notification #${n.number}: \`notify stop ${n.number}\` stops it_`,
    ].join('\n');
  // Two long urls can pass the markdown limit: then the fallback goes without them (the card has the buttons)
  // rather than being cut inside a link.
  const full = markdownWith(links);
  const markdown = utf8Bytes(full) <= WEBEX_MARKDOWN_MAX_BYTES ? full : markdownWith([]);

  return {
    card: {
      type: 'AdaptiveCard',
      $schema: CARD_SCHEMA,
      version: CARD_VERSION,
      body,
      ...(actions.length > 0 ? { actions } : {}),
    },
    markdown: truncateBytes(markdown, WEBEX_MARKDOWN_MAX_BYTES),
  };
}
