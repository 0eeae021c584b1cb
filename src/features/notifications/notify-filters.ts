/**
 * The filters of a notification and the matcher that applies them to a recording's details. Pure.
 * The rules are the ones GET /recordings applies to the same parameters, so `notify me topic sync` announces what
 * `recordings topic sync` would list.
 */
import { escapeMarkdown, truncate } from '../../core/markdown.js';
import type { RecordingFormat, ServiceType } from '../../parsing/recordings-query.js';
import type { WebexRecording } from '../../webex/types.js';

export interface NotifyFilters {
  topic?: string;
  format?: RecordingFormat;
  serviceType?: ServiceType;
  /** Matches the recording's meetingId, scheduledMeetingId or meetingSeriesId. */
  meetingId?: string;
  /** Host name without scheme, lower-cased. */
  siteUrl?: string;
  integrationTag?: string;
}

const hostOf = (site: string | undefined): string =>
  (site ?? '')
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//u, '')
    .replace(/\/.*$/u, '');

export function matchesFilters(f: NotifyFilters, r: WebexRecording): boolean {
  if (f.topic !== undefined && !(r.topic ?? '').toLowerCase().includes(f.topic.toLowerCase())) return false;
  if (f.format !== undefined && (r.format ?? '').toUpperCase() !== f.format) return false;
  if (f.serviceType !== undefined && r.serviceType !== f.serviceType) return false;
  if (
    f.meetingId !== undefined &&
    ![r.meetingId, r.scheduledMeetingId, r.meetingSeriesId].some(
      (id) => id !== undefined && id === f.meetingId,
    )
  ) {
    return false;
  }
  if (f.siteUrl !== undefined && hostOf(r.siteUrl) !== hostOf(f.siteUrl)) return false;
  if (f.integrationTag !== undefined && !(r.integrationTags ?? []).includes(f.integrationTag)) return false;
  return true;
}

/** Filters in words for replies ("topic “sync”, format MP4"); empty when there are none. */
const TYPE_WORDS: Record<ServiceType, string> = {
  MeetingCenter: 'meetings',
  EventCenter: 'events',
  TrainingCenter: 'training sessions',
  SupportCenter: 'support sessions',
};

export function describeNotifyFilters(f: NotifyFilters): string {
  const words: string[] = [];
  if (f.topic) words.push(`topic “${escapeMarkdown(truncate(f.topic, 100))}”`);
  if (f.format) words.push(`format ${f.format}`);
  if (f.serviceType) words.push(`type ${TYPE_WORDS[f.serviceType]}`);
  if (f.meetingId) words.push(`meeting ${escapeMarkdown(truncate(f.meetingId, 100))}`);
  if (f.siteUrl) words.push(`site ${escapeMarkdown(truncate(f.siteUrl, 100))}`);
  if (f.integrationTag) words.push(`tag “${escapeMarkdown(truncate(f.integrationTag, 100))}”`);
  return words.join(', ');
}

/**
 * Same filters, whatever the order they were given in (the topic in any case): the canonical rendering the duplicate
 * check compares, and the store's unique key over active notifications (migration 0007, which renders the rows it
 * found the same way: change this only with a migration that renders existing rows anew).
 */
export function filtersKey(f: NotifyFilters): string {
  const entries = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, k === 'topic' ? String(v).toLowerCase() : v] as const)
    // Code-unit order, not localeCompare: the key must not depend on the server's locale.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
