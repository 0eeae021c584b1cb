/**
 * Types for the parsed `recordings` command. Types only — no runtime code.
 *
 * Everything is in absolute instants (`Date`) plus the asking person's IANA zone; ranges are
 * half-open `[from, to)` and `from < to` always holds for a successful parse.
 */

export type ServiceType = 'MeetingCenter' | 'EventCenter' | 'TrainingCenter' | 'SupportCenter';
export type RecordingFormat = 'MP4' | 'ARF';
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface RecordingsRange {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. For calendar ranges (`today`, `this week`, …) this may lie in the future: it is NOT clamped to now. */
  to: Date;
  /**
   * `rolling`: `to` is the parse-time `now` (`last 3 days`, `since Nov 3`, the default); the range moves with the clock.
   * `calendar`: both ends are local midnights (`today`, `last week`, `on Nov 3`, `from … to …`).
   */
  kind: 'rolling' | 'calendar';
  /** How the user said it, normalised: 'last week', 'last 3 days', 'on 2026-11-03', 'from 2026-11-03 to 2026-11-20', 'monday'. */
  label: string;
  /** True when the user gave no time range and the default (last 7 days) was used. */
  isDefault: boolean;
}

export interface RecordingsQuery {
  range: RecordingsRange;
  topic?: string;
  format?: RecordingFormat;
  serviceType?: ServiceType;
  status?: 'deleted';
  meetingId?: string;
  /** Lower-cased host name without scheme, e.g. `example.webex.com`. */
  siteUrl?: string;
  integrationTag?: string;
  /** `host <email>`: another host's recordings. Only bot admins acting with the org token may use it. */
  hostEmail?: string;
  /** 1..100. Absent unless the user asked (`max 10` / `top 10`). */
  max?: number;
  /** The zone the range was computed in (as passed in). */
  timeZone: string;
}

export type ParseErrorCode =
  /** The time zone argument is not a zone this runtime knows. */
  | 'bad_zone'
  /** Programmer error: `now` is not a valid Date or `weekStartsOn` is not 0..6. */
  | 'bad_input'
  /** A date that can't be read or doesn't exist: `2025-13-45`, `Feb 30`. */
  | 'bad_date'
  /** Day/month order unknown: `11/03`, `03/11/2026`. */
  | 'ambiguous_date'
  /** A word that isn't part of the language. */
  | 'unknown_word'
  /** A keyword with a value it doesn't accept: `format mov`, `max 500`, `last 0 days`. */
  | 'bad_value'
  /** A keyword with nothing (usable) after it: `topic`, `from Nov 3` without `to`. */
  | 'missing_value'
  /** The same thing given twice: two time ranges, two formats, … */
  | 'duplicate'
  /** Start after end, or a range that is empty in the zone. */
  | 'bad_range'
  /** The whole range is after `now`. */
  | 'future_range'
  /** A range longer than MAX_RANGE_DAYS, or a question longer than MAX_QUERY_CHARS. */
  | 'too_long'
  /** A `"` or `“` without its closing quote. */
  | 'unclosed_quote'
  /** A bug in the parser (caught so that the parser never throws). */
  | 'internal';

export interface ParseError {
  code: ParseErrorCode;
  /** Friendly, shown to the user as is. Markdown-safe: user words in it are escaped. */
  message: string;
  /** The offending word(s) as the user typed them (unescaped), when there is one. */
  word?: string;
}

export type ParseResult = { ok: true; query: RecordingsQuery } | { ok: false; error: ParseError };

export interface ParseOptions {
  /** First day of the week for `this week` / `last week`: 0 = Sunday … 6 = Saturday. Default 1 (Monday, ISO). */
  weekStartsOn?: WeekStartsOn;
}
