/**
 * The recordings answer as an Adaptive Card (1.3, the newest Webex renders) plus its markdown fallback.
 * Pure: same input, same output; every time shown is in the asker's zone.
 *
 * Webex constraints honoured here: no Media / Action.ToggleVisibility / Action.Execute / anything newer than 1.3;
 * cards can't be edited, so "Show more" posts a new card; the fallback markdown is ≤ 7439 UTF-8 bytes and is what
 * notifications and card-less clients show. Passwords appear only when `showPasswords` (1:1 spaces).
 */
import {
  CARD_SCHEMA,
  CARD_VERSION,
  WEBEX_MARKDOWN_MAX_BYTES,
  formatSize,
  markdownLinkUrl,
  parseInstant,
  safeHttpUrl,
  shownPassword,
  truncateBytes,
  utf8Bytes,
} from '../../cards/format.js';
import { escapeCardText, escapeMarkdown, truncate } from '../../core/markdown.js';
import {
  formatDuration,
  formatTimeRange,
  formatTimestamp,
  yearIn,
  zoneAbbreviation,
} from '../../core/time.js';

/** Field names as in Webex's RecordingObject. */
export interface CardRecording {
  id: string;
  topic: string;
  createTime: string;
  timeRecorded?: string;
  durationSeconds?: number;
  sizeBytes?: number;
  /** MP4, ARF, or whatever else Webex names. */
  format?: string;
  playbackUrl?: string;
  downloadUrl?: string;
  password?: string;
  serviceType?: string;
  status?: string;
  shareToMe?: boolean;
  hostEmail?: string;
}

export interface RecordingsFilters {
  topic?: string;
  format?: string;
  serviceType?: string;
  status?: 'deleted';
  meetingId?: string;
  siteUrl?: string;
  integrationTag?: string;
}

export interface RecordingsCardInput {
  /** IANA zone of the person asking; every time shown is in it. */
  timeZone: string;
  /** Half-open [from, to). */
  range: { from: Date; to: Date };
  filters: RecordingsFilters;
  /**
   * This page (10 at most is usual), already newest first. When they don't all fit the byte budgets, the card shows
   * the first `shown` of them and `moreData` is asked for the page that starts after them.
   */
  recordings: CardRecording[];
  /** Index of recordings[0] within the whole result. */
  offset: number;
  /** Size of the whole result. */
  total: number;
  /** True only in a 1:1 space. When false no password is rendered anywhere (card or fallback). */
  showPasswords: boolean;
  /**
   * The data of the "Show more" button for the page that starts at `nextOffset` (within the whole result), or
   * undefined when nothing follows. When it gives data, the card gets an Action.Submit "Show more" with exactly it.
   */
  moreData?: (nextOffset: number) => Record<string, unknown> | undefined;
  /** A small line above the title, in the card and the fallback (a digest says which digest it is). */
  heading?: string;
}

export type AdaptiveCardJson = Record<string, unknown>;

/** Longest topic shown on the card; longer ones end in "…". */
export const MAX_TOPIC_CHARS = 200;
/**
 * Card JSON budget in UTF-8 bytes. Webex rejects large attachments; when 10 recordings with long multibyte topics
 * and long urls would exceed this, topics are shortened further, and when that is not enough (urls can't be
 * shortened) the card shows fewer recordings and the rest follow ("Show more", or the digest's next card).
 */
export const CARD_TARGET_BYTES = 16_000;
/** Longest filter value echoed back (they come from the user's message). */
const MAX_FILTER_CHARS = 100;

const SERVICE_TYPE_WORDS: Record<string, string> = {
  MeetingCenter: 'Meetings',
  EventCenter: 'Events',
  TrainingCenter: 'Training',
  SupportCenter: 'Support',
};

type Escape = (text: string) => string;

/** The filters in words, each already escaped with `esc`: `topic “sync”`, `format MP4`, `type Events`, … */
function filterWords(filters: RecordingsFilters, esc: Escape): string[] {
  const v = (s: string) => esc(truncate(s, MAX_FILTER_CHARS));
  const words: string[] = [];
  if (filters.topic) words.push(`topic “${v(filters.topic)}”`);
  if (filters.format) words.push(`format ${v(filters.format)}`);
  if (filters.serviceType)
    words.push(`type ${v(SERVICE_TYPE_WORDS[filters.serviceType] ?? filters.serviceType)}`);
  if (filters.siteUrl) words.push(`site ${v(filters.siteUrl)}`);
  if (filters.integrationTag) words.push(`tag “${v(filters.integrationTag)}”`);
  if (filters.meetingId) words.push(`meeting id ${v(filters.meetingId)}`);
  return words;
}

const titleOf = (filters: RecordingsFilters) =>
  filters.status === 'deleted' ? 'Deleted recordings (recycle bin)' : 'Recordings';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Showing 1–10 of 37 recordings". */
function countText(offset: number, shown: number, total: number): string {
  if (shown === 0) return total > 0 ? `No recordings on this page (${total} in total)` : 'No recordings';
  const first = offset + 1;
  const last = offset + shown;
  const all = Math.max(total, last);
  return first === last
    ? `Showing ${first} of ${plural(all, 'recording')}`
    : `Showing ${first}–${last} of ${plural(all, 'recording')}`;
}

const topicOf = (r: CardRecording, max = MAX_TOPIC_CHARS) => truncate(r.topic.trim() || '(no topic)', max);
const whenOf = (r: CardRecording) => parseInstant(r.timeRecorded) ?? parseInstant(r.createTime);

/** Longest topic in a button's name (the time follows it): enough to tell recordings apart, cheap in bytes. */
const MAX_LABEL_CHARS = 24;

/** A small link-like cell on the right of a row; its action's title is what a screen reader says for it. */
function buttonColumn(text: string, title: string, url: string): AdaptiveCardJson {
  return {
    type: 'Column',
    width: 'auto',
    selectAction: { type: 'Action.OpenUrl', title, url },
    items: [{ type: 'TextBlock', text, color: 'Accent' }],
  };
}

/**
 * What a row shows of one recording, worked out once per card: the card may be assembled several times before it
 * fits its byte budget, and the fallback shows the same times and links.
 */
interface RowFacts {
  recording: CardRecording;
  whenText: string;
  duration: string | undefined;
  play: string | undefined;
  download: string | undefined;
  password: string | undefined;
}

function rowFacts(
  r: CardRecording,
  input: RecordingsCardInput,
  rowTime: ReturnType<typeof rowTimeOptions>,
): RowFacts {
  const when = whenOf(r);
  return {
    recording: r,
    whenText: when ? formatTimestamp(when, input.timeZone, rowTime) : 'time unknown',
    duration: formatDuration(r.durationSeconds),
    play: safeHttpUrl(r.playbackUrl),
    download: safeHttpUrl(r.downloadUrl),
    password: input.showPasswords ? shownPassword(r.password) : undefined,
  };
}

/**
 * One compact row per recording: topic and details on the left; Play and Download on the right. The buttons are
 * columns with a selectAction, not an ActionSet, so they share the row; each action's title ("Play <topic>, <time>")
 * becomes the element's accessible name and tooltip, so a screen reader can tell ten recordings' buttons apart.
 */
function recordingItem(f: RowFacts, topicChars: number): AdaptiveCardJson {
  const r = f.recording;
  const meta = [
    f.whenText,
    f.duration,
    formatSize(r.sizeBytes),
    r.format ? escapeCardText(truncate(r.format, 20)) : undefined,
  ].filter((s): s is string => Boolean(s));
  const topic = topicOf(r, topicChars);

  const details: AdaptiveCardJson[] = [
    { type: 'TextBlock', text: escapeCardText(topic), weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: meta.join(' · '), isSubtle: true, spacing: 'None', wrap: true },
  ];
  if (r.shareToMe) {
    const by = r.hostEmail ? ` by ${escapeCardText(truncate(r.hostEmail, MAX_FILTER_CHARS))}` : '';
    details.push({
      type: 'TextBlock',
      text: `Shared with you${by}`,
      color: 'Accent',
      size: 'Small',
      spacing: 'None',
      wrap: true,
    });
  }
  if (f.password) {
    details.push({
      type: 'TextBlock',
      text: `Password: ${escapeCardText(f.password)}`,
      spacing: 'None',
      wrap: true,
    });
  }

  const columns: AdaptiveCardJson[] = [{ type: 'Column', width: 'stretch', items: details }];
  // Topic and time: a weekly meeting has ten recordings of the same topic.
  const label = `${truncate(topic, Math.min(topicChars, MAX_LABEL_CHARS))}, ${f.whenText}`;
  if (f.play) columns.push(buttonColumn('Play', `Play ${label}`, f.play));
  if (f.download) columns.push(buttonColumn('Download', `Download ${label}`, f.download));
  return { type: 'ColumnSet', separator: true, columns };
}

function cardHeader(input: RecordingsCardInput, shown: number): AdaptiveCardJson[] {
  const header: AdaptiveCardJson[] = input.heading
    ? [{ type: 'TextBlock', text: escapeCardText(input.heading), size: 'Small', isSubtle: true, wrap: true }]
    : [];
  header.push(
    { type: 'TextBlock', text: titleOf(input.filters), weight: 'Bolder', size: 'Medium', wrap: true },
    {
      type: 'TextBlock',
      text: escapeCardText(formatTimeRange(input.range, input.timeZone)),
      spacing: 'None',
      wrap: true,
    },
  );
  const words = filterWords(input.filters, escapeCardText);
  if (words.length > 0) {
    header.push({ type: 'TextBlock', text: words.join(' · '), isSubtle: true, spacing: 'None', wrap: true });
  }
  header.push({
    type: 'TextBlock',
    text: countText(input.offset, shown, input.total),
    isSubtle: true,
    spacing: 'Small',
    wrap: true,
  });
  return header;
}

/** One fallback line: `- **Topic** — Tue 17 Nov, 09:30 · 45 min · [Play](url) · [Download](url)`. */
function markdownLine(f: RowFacts, topicChars: number): string {
  const parts = [f.whenText, f.duration];
  if (f.play) parts.push(`[Play](${markdownLinkUrl(f.play)})`);
  if (f.download) parts.push(`[Download](${markdownLinkUrl(f.download)})`);
  if (f.recording.shareToMe) parts.push('shared with you');
  if (f.password) parts.push(`password: ${escapeMarkdown(f.password)}`);
  const topic = escapeMarkdown(truncate(topicOf(f.recording), topicChars));
  return `- **${topic}** — ${parts.filter(Boolean).join(' · ')}`;
}

/** The fallback for the recordings the card shows (`rows`). */
function fallbackMarkdown(input: RecordingsCardInput, rows: RowFacts[], hasMore: boolean): string {
  const headParts = [
    `**${titleOf(input.filters)}**`,
    escapeMarkdown(formatTimeRange(input.range, input.timeZone)),
    ...filterWords(input.filters, escapeMarkdown),
  ];
  const head = [
    ...(input.heading ? [`_${escapeMarkdown(input.heading)}_`] : []),
    headParts.join(' · '),
    `${countText(input.offset, rows.length, input.total)}:`,
  ];
  const tail = hasMore ? ['More recordings match: press **Show more** on the card.'] : [];
  const assemble = (lines: string[]) => [...head, ...lines, ...tail].join('\n');
  const fits = (s: string) => utf8Bytes(s) <= WEBEX_MARKDOWN_MAX_BYTES;

  // First shorten topics (keeps every recording in notifications), then drop lines from the end.
  let lines: string[] = [];
  for (const topicChars of [MAX_TOPIC_CHARS, 80, 40]) {
    lines = rows.map((f) => markdownLine(f, topicChars));
    const text = assemble(lines);
    if (fits(text)) return text;
  }
  for (let keep = lines.length - 1; keep >= 0; keep--) {
    const omitted = lines.length - keep;
    const text = assemble([...lines.slice(0, keep), `…and ${omitted} more (see the card)`]);
    if (fits(text)) return text;
  }
  return truncateBytes(assemble([]), WEBEX_MARKDOWN_MAX_BYTES);
}

/**
 * How rows show their time: without the year when it is the year the range ends in, and without the zone (the
 * header shows both), unless the zone's name changes within the range (a DST change: 01:30 PDT and 01:30 PST).
 */
function rowTimeOptions(input: RecordingsCardInput): { zone: boolean; contextYear: string | undefined } {
  const last = new Date(input.range.to.getTime() - 1);
  const zone =
    !Number.isNaN(last.getTime()) &&
    !Number.isNaN(input.range.from.getTime()) &&
    zoneAbbreviation(input.range.from, input.timeZone) !== zoneAbbreviation(last, input.timeZone);
  return { zone, contextYear: yearIn(last, input.timeZone) };
}

/** Topic lengths tried, longest first, until the card fits its byte budget. */
const CARD_TOPIC_CHARS = [MAX_TOPIC_CHARS, 100, 50, 20] as const;

/**
 * The card for one page of recordings and the markdown fallback to send with it. `shown` recordings (the first ones
 * of `input.recordings`) are on it: all of them unless the card's byte budget says fewer, and at least one (every
 * field of a row is bounded, so one row always fits), so whoever pages on always makes progress.
 */
export function buildRecordingsCard(input: RecordingsCardInput): {
  card: AdaptiveCardJson;
  markdown: string;
  shown: number;
  /** The card serialised, as measured against the budget (so that callers need not serialise it again). */
  cardJson: string;
} {
  const rowTime = rowTimeOptions(input);
  const facts = input.recordings.map((r) => rowFacts(r, input, rowTime));
  const rowsOf = (topicChars: number) => facts.map((f) => recordingItem(f, topicChars));
  const assemble = (rows: AdaptiveCardJson[]) => {
    const more = input.moreData?.(input.offset + rows.length);
    const card: AdaptiveCardJson = {
      $schema: CARD_SCHEMA,
      type: 'AdaptiveCard',
      version: CARD_VERSION,
      body: [...cardHeader(input, rows.length), ...rows],
    };
    if (more) card.actions = [{ type: 'Action.Submit', title: 'Show more', data: more }];
    return { card, shown: rows.length, hasMore: more !== undefined };
  };
  const sizeOf = (json: unknown) => utf8Bytes(JSON.stringify(json));
  const finish = (built: ReturnType<typeof assemble>, cardJson: string) => ({
    card: built.card,
    markdown: fallbackMarkdown(input, facts.slice(0, built.shown), built.hasMore),
    shown: built.shown,
    cardJson,
  });

  // Long multibyte topics appear three times a row (text and two button names): shorter until it fits.
  let rows: AdaptiveCardJson[] = [];
  let built: ReturnType<typeof assemble> | undefined;
  let json = '';
  for (const topicChars of CARD_TOPIC_CHARS) {
    rows = rowsOf(topicChars);
    built = assemble(rows);
    json = JSON.stringify(built.card);
    if (utf8Bytes(json) <= CARD_TARGET_BYTES) return finish(built, json);
  }
  // Still too big (long urls): drop rows from the end, estimated by each row's size, then checked for real (the
  // count and the Show more data change with the number shown).
  let keep = rows.length;
  let estimate = utf8Bytes(json);
  while (keep > 1 && estimate > CARD_TARGET_BYTES) estimate -= sizeOf(rows[--keep]) + 1;
  built = assemble(rows.slice(0, keep));
  json = JSON.stringify(built.card);
  while (keep > 1 && utf8Bytes(json) > CARD_TARGET_BYTES) {
    built = assemble(rows.slice(0, --keep));
    json = JSON.stringify(built.card);
  }
  return finish(built, json);
}

/**
 * Markdown for "nothing matched": restates the question (range in the asker's zone, filters) and suggests widening.
 * `suggestion` is a command to try, e.g. `recordings last month`; it is shown as code.
 */
export function buildNoRecordingsMessage(
  input: Pick<RecordingsCardInput, 'timeZone' | 'range' | 'filters'>,
  suggestion?: string,
): string {
  const what = input.filters.status === 'deleted' ? 'deleted recordings (recycle bin)' : 'recordings';
  const words = filterWords(input.filters, escapeMarkdown);
  const withFilters = words.length > 0 ? ` with ${words.join(', ')}` : '';
  const range = escapeMarkdown(formatTimeRange(input.range, input.timeZone));
  const widen = words.length > 0 ? 'Try fewer filters or a wider range' : 'Try a wider range';
  const command = suggestion ? oneLineCommand(suggestion) : '';
  const hint = command ? `${widen}, e.g. \`${command}\`.` : `${widen}.`;
  const text = `I found no ${what} for **${range}**${withFilters}.\n${hint}`;
  return truncateBytes(text, WEBEX_MARKDOWN_MAX_BYTES);
}

const oneLineCommand = (s: string) => truncate(s.replace(/[`\r\n]+/gu, ' ').trim(), MAX_FILTER_CHARS);
