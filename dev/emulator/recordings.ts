/**
 * Pure logic of `GET /recordings` (webex-meetings-recordings.openapi.json, operation listRecordings):
 * query validation, the date-window defaults, filtering, keyset pagination and the `timezone` header.
 *
 * Documented choices where the OpenAPI text is silent:
 * - `topic` matches as a case-insensitive substring (the document only says "case-insensitive").
 * - `from` equal to or after `to` is a 400 (the document says `from` cannot be after `to`; an empty window
 *   is always a client bug).
 * - `from`/`to` without a UTC offset are read in the `timezone` header's zone (UTC by default), and
 *   `createTime`/`timeRecorded` are rendered in that zone with its offset (`Z` for UTC).
 * - `meetingId` matches a recording's meetingId, scheduledMeetingId or meetingSeriesId, and makes `siteUrl`
 *   ignored, as the document says.
 * - An unknown `timezone` header is a 400.
 */
import { formatWallTime, instantFromWallTime, offsetAt, wallTimeAt } from '../../src/core/time.js';
import { badRequest } from './errors.js';
import { hex32 } from './ids.js';
import type {
  AddRecordingInput,
  RecordingFormat,
  RecordingObject,
  RecordingServiceType,
  RecordingStatus,
} from './types.js';

export const RECORDING_QUERY_FORMATS = ['MP4', 'ARF'] as const;
export const RECORDING_SERVICE_TYPES = [
  'MeetingCenter',
  'EventCenter',
  'SupportCenter',
  'TrainingCenter',
] as const;
export const RECORDING_STATUSES = ['available', 'deleted', 'purged'] as const;
export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;
export const ADMIN_RECORDINGS_SCOPE = 'meeting:admin_recordings_read';
export const USER_RECORDINGS_SCOPE = 'meeting:recordings_read';

export type QueryValue = string | string[] | undefined;
export type Query = Record<string, QueryValue>;

export interface RecordingsQuery {
  from: Date;
  to: Date;
  /** Whether from/to were defaulted, so a next link can pin them. */
  fromDefaulted: boolean;
  toDefaulted: boolean;
  max: number;
  meetingId?: string;
  hostEmail?: string;
  siteUrl?: string;
  integrationTag?: string;
  topic?: string;
  format?: RecordingFormat;
  serviceType?: RecordingServiceType;
  status: RecordingStatus;
  timezone: string;
  cursor?: RecordingCursor;
}

export interface RecordingCursor {
  createTimeMs: number;
  id: string;
}

/** Exactly one value per parameter; a repeated parameter is ambiguous and answered with 400. */
export function single(query: Query, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw badRequest(`Parameter ${name} must be given at most once.`);
  return v;
}

/** Zones Intl accepted: building a formatter per request to check one cost the emulator more than the listing. */
const knownZones = new Set<string>();

export function parseTimezone(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'UTC';
  const tz = header.trim();
  if (knownZones.has(tz)) return tz;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw badRequest(`Invalid timezone: ${tz}`);
  }
  // Bounded: a client sending endless distinct valid spellings cannot grow it without limit.
  if (knownZones.size < 1000) knownZones.add(tz);
  return tz;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses an ISO 8601 date or date-time; without an offset it is read in `timezone`. */
export function parseIsoDateTime(value: string, timezone: string): Date | undefined {
  const m = ISO_8601.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = frac === '' ? '000' : frac.padEnd(3, '0').slice(0, 3);
  if (offset === undefined) {
    const wall = {
      year,
      month,
      day,
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
      millisecond: Number(ms),
    };
    const date = instantFromWallTime(wall, timezone);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`;
  const normalised = /^[zZ]$/.test(offset) ? 'Z' : normaliseOffset(offset);
  if (normalised === undefined) return undefined;
  const date = new Date(`${local}${normalised}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function normaliseOffset(offset: string): string | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  return `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Invalid ${name}: ${value}. Allowed values: ${allowed.join(', ')}.`);
  }
  return value as T;
}

export function parseMax(value: string | undefined, dflt: number, min: number, maxAllowed: number): number {
  if (value === undefined) return dflt;
  if (!/^\d+$/.test(value.trim()))
    throw badRequest(`max must be an integer between ${min} and ${maxAllowed}.`);
  const n = Number(value);
  if (n < min || n > maxAllowed) throw badRequest(`max must be an integer between ${min} and ${maxAllowed}.`);
  return n;
}

export function parseRecordingsQuery(
  query: Query,
  timezoneHeader: string | undefined,
  now: Date,
): RecordingsQuery {
  const timezone = parseTimezone(timezoneHeader);
  const fromRaw = single(query, 'from');
  const toRaw = single(query, 'to');
  const from = fromRaw === undefined ? undefined : parseIsoDateTime(fromRaw, timezone);
  const to = toRaw === undefined ? undefined : parseIsoDateTime(toRaw, timezone);
  if (fromRaw !== undefined && from === undefined) throw badRequest(`Invalid from: ${fromRaw}`);
  if (toRaw !== undefined && to === undefined) throw badRequest(`Invalid to: ${toRaw}`);
  let window: { from: Date; to: Date };
  if (from && to) window = { from, to };
  else if (from) window = { from, to: new Date(from.getTime() + SEVEN_DAYS_MS) };
  else if (to) window = { from: new Date(to.getTime() - SEVEN_DAYS_MS), to };
  else window = { from: new Date(now.getTime() - SEVEN_DAYS_MS), to: now };
  if (window.from.getTime() >= window.to.getTime()) throw badRequest('from must be before to.');

  const cursorRaw = single(query, 'cursor');
  const parsed: RecordingsQuery = {
    ...window,
    fromDefaulted: from === undefined,
    toDefaulted: to === undefined,
    max: parseMax(single(query, 'max'), 10, 1, 100),
    status: oneOf('status', single(query, 'status'), RECORDING_STATUSES) ?? 'available',
    timezone,
  };
  const optional = {
    meetingId: single(query, 'meetingId'),
    hostEmail: single(query, 'hostEmail'),
    siteUrl: single(query, 'siteUrl'),
    integrationTag: single(query, 'integrationTag'),
    topic: single(query, 'topic'),
    format: oneOf('format', single(query, 'format'), RECORDING_QUERY_FORMATS),
    serviceType: oneOf('serviceType', single(query, 'serviceType'), RECORDING_SERVICE_TYPES),
    cursor: cursorRaw === undefined ? undefined : decodeCursor(cursorRaw),
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined && v !== '') Object.assign(parsed, { [k]: v });
  return parsed;
}

export function encodeCursor(c: RecordingCursor): string {
  return Buffer.from(`${c.createTimeMs}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): RecordingCursor {
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const m = /^(-?\d+)\|([0-9a-zA-Z]+)$/.exec(decoded);
  if (!m) throw badRequest('Invalid cursor.');
  return { createTimeMs: Number(m[1]), id: m[2] ?? '' };
}

/** Newest first; ties broken by id so the order, and therefore keyset paging, is total. */
export function compareNewestFirst(a: RecordingObject, b: RecordingObject): number {
  const dt = Date.parse(b.createTime) - Date.parse(a.createTime);
  if (dt !== 0) return dt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function afterCursor(r: RecordingObject, c: RecordingCursor): boolean {
  const t = Date.parse(r.createTime);
  return t < c.createTimeMs || (t === c.createTimeMs && r.id < c.id);
}

export function matchesQuery(r: RecordingObject, q: RecordingsQuery): boolean {
  const t = Date.parse(r.createTime);
  if (t < q.from.getTime() || t >= q.to.getTime()) return false;
  if (r.status !== q.status) return false;
  // The document reserves `purged` for compliance officers querying one meeting.
  if (q.status === 'purged' && q.meetingId === undefined) return false;
  if (q.meetingId !== undefined) {
    if (![r.meetingId, r.scheduledMeetingId, r.meetingSeriesId].includes(q.meetingId)) return false;
  } else if (q.siteUrl !== undefined && r.siteUrl.toLowerCase() !== q.siteUrl.toLowerCase()) {
    return false;
  }
  if (q.integrationTag !== undefined && !r.integrationTags.includes(q.integrationTag)) return false;
  if (q.topic !== undefined && !r.topic.toLowerCase().includes(q.topic.toLowerCase())) return false;
  if (q.format !== undefined && r.format !== q.format) return false;
  if (q.serviceType !== undefined && r.serviceType !== q.serviceType) return false;
  return true;
}

export interface RecordingsPage {
  items: RecordingObject[];
  next?: RecordingCursor;
}

export function pageRecordings(candidates: RecordingObject[], q: RecordingsQuery): RecordingsPage {
  const matching = candidates
    .filter((r) => matchesQuery(r, q))
    .filter((r) => q.cursor === undefined || afterCursor(r, q.cursor))
    .sort(compareNewestFirst);
  const items = matching.slice(0, q.max);
  const last = items[items.length - 1];
  if (matching.length > q.max && last) {
    return { items, next: { createTimeMs: Date.parse(last.createTime), id: last.id } };
  }
  return { items };
}

/** `iso` as Webex shows it in `timezone`: `2026-11-03T09:30:00-08:00` (`Z` for UTC, milliseconds only when set). */
export function formatInZone(iso: string, timezone: string): string {
  const date = new Date(iso);
  const wall = wallTimeAt(date, timezone);
  const offsetMinutes = Math.round(offsetAt(timezone, date.getTime()) / 60_000);
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const millis = date.getUTCMilliseconds() === 0 ? '' : `.${String(wall.millisecond).padStart(3, '0')}`;
  return `${formatWallTime(wall, "yyyy-MM-dd'T'HH:mm:ss")}${millis}${zone}`;
}

/** The `RecordingObject` schema: bookkeeping fields are dropped and times rendered in the caller's zone. */
export function recordingJson(
  r: RecordingObject,
  timezone: string,
  viewerEmails: readonly string[],
): Record<string, unknown> {
  const viewer = viewerEmails.map((e) => e.toLowerCase());
  const isHost = viewer.includes(r.hostEmail.toLowerCase());
  const sharedToViewer = r.sharedWith.some((e) => viewer.includes(e.toLowerCase()));
  return {
    id: r.id,
    meetingId: r.meetingId,
    scheduledMeetingId: r.scheduledMeetingId,
    meetingSeriesId: r.meetingSeriesId,
    topic: r.topic,
    createTime: formatInZone(r.createTime, timezone),
    timeRecorded: formatInZone(r.timeRecorded, timezone),
    siteUrl: r.siteUrl,
    // "Prevent downloading" (seeded as downloadUrl ''): Webex leaves the attribute out.
    ...(r.downloadUrl !== '' ? { downloadUrl: r.downloadUrl } : {}),
    playbackUrl: r.playbackUrl,
    password: r.password,
    format: r.format,
    serviceType: r.serviceType,
    durationSeconds: r.durationSeconds,
    sizeBytes: r.sizeBytes,
    shareToMe: r.shareToMe || (!isHost && sharedToViewer),
    integrationTags: [...r.integrationTags],
    status: r.status,
  };
}

function requireIso(name: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`addRecording: ${name} is not a date: ${value}`);
  return new Date(ms).toISOString();
}

function compactUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Fills a recording the way Webex shapes them (ids, URLs on the host's site, plausible sizes). */
export function buildRecording(input: AddRecordingInput, hostDisplayName?: string): RecordingObject {
  const createTime = requireIso('createTime', input.createTime);
  const durationSeconds = input.durationSeconds ?? 1800;
  const timeRecorded =
    input.timeRecorded !== undefined
      ? requireIso('timeRecorded', input.timeRecorded)
      : new Date(Date.parse(createTime) - (durationSeconds + 300) * 1000).toISOString();
  const seriesId = input.meetingSeriesId ?? hex32();
  const scheduledStart = new Date(Date.parse(timeRecorded));
  scheduledStart.setUTCMinutes(Math.floor(scheduledStart.getUTCMinutes() / 15) * 15, 0, 0);
  const domain = input.hostEmail.split('@')[1] ?? 'example.com';
  const siteName = (domain.split('.')[0] ?? 'example').toLowerCase();
  const siteUrl = input.siteUrl ?? `${siteName}.webex.com`;
  const site = siteUrl.split('.')[0] ?? siteName;
  const instance =
    `${Date.parse(timeRecorded)}`.padStart(13, '0') +
    `${Math.floor(Math.random() * 100_000)}`.padStart(5, '0');
  return {
    id: input.id ?? hex32(),
    meetingId: input.meetingId ?? `${seriesId}_I_${instance}`,
    scheduledMeetingId: input.scheduledMeetingId ?? `${seriesId}_${compactUtc(scheduledStart)}`,
    meetingSeriesId: seriesId,
    topic: input.topic,
    createTime,
    timeRecorded,
    siteUrl,
    downloadUrl: input.downloadUrl ?? `https://${siteUrl}/${site}/lsr.php?RCID=${hex32()}`,
    playbackUrl: input.playbackUrl ?? `https://${siteUrl}/${site}/ldr.php?RCID=${hex32()}`,
    password: input.password ?? hex32().slice(0, 8),
    format: input.format ?? 'MP4',
    serviceType: input.serviceType ?? 'MeetingCenter',
    durationSeconds,
    sizeBytes: input.sizeBytes ?? durationSeconds * 45_000,
    shareToMe: input.shareToMe ?? false,
    integrationTags: input.integrationTags ?? [],
    status: input.status ?? 'available',
    hostEmail: input.hostEmail,
    ...(input.hostDisplayName !== undefined || hostDisplayName !== undefined
      ? { hostDisplayName: input.hostDisplayName ?? hostDisplayName }
      : {}),
    sharedWith: input.sharedWith ?? [],
  };
}
