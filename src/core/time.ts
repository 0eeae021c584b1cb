/**
 * Every zone computation and every time shown to a person goes through here.
 *
 * The only source of zone data is the runtime's tz database, read through `Intl.DateTimeFormat` ("which wall-clock
 * time does zone Z show at instant T?"). No offset is computed from the process's local `Date` fields, which is why
 * date-fns-tz is not used: its `toZonedTime`, `formatInTimeZone` and `getTimezoneOffset` go through the *process*
 * zone, so their answers depend on `TZ` and are wrong near transitions (`getTimezoneOffset('America/Los_Angeles',
 * 2026-03-08T08:00Z)` is −7 h under TZ=UTC, though PST (−8 h) is in force until 10:00Z; `formatInTimeZone` shows
 * 00:30 UTC as "01:30" under TZ=America/Sao_Paulo on 2018-11-04).
 *
 * Intl formatters are expensive to build (tens of µs) and cheap to reuse, so there is one per zone, and each display
 * pattern is compiled once. Names (Mon, Nov) are English, as in the rest of the bot's replies.
 */

/** A calendar date without a zone. */
export interface CalendarDate {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
}

/** A wall-clock date and time without a zone. */
export interface WallTime extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const MS_PER_DAY = 86_400_000;

/** Bounded: zone names come from people and profiles; a few hundred real zones exist. */
const MAX_CACHED_ZONES = 1000;
const fieldFormatters = new Map<string, Intl.DateTimeFormat>();
const invalidZones = new Set<string>();

function fieldFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = fieldFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (fieldFormatters.size >= MAX_CACHED_ZONES) fieldFormatters.clear();
    fieldFormatters.set(timeZone, f);
  }
  return f;
}

/** True if `timeZone` is a zone the runtime's Intl knows (IANA names such as `Asia/Kolkata`). Never throws. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  if (fieldFormatters.has(timeZone)) return true;
  if (invalidZones.has(timeZone)) return false;
  try {
    fieldFormatter(timeZone);
    return true;
  } catch {
    if (invalidZones.size >= MAX_CACHED_ZONES) invalidZones.clear();
    invalidZones.add(timeZone);
    return false;
  }
}

/** The runtime's canonical spelling of a zone name (`europe/berlin` → `Europe/Berlin`), or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  if (!isValidTimeZone(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** `timeZone` when this runtime knows it, else UTC (so a bad zone degrades to a labelled UTC instead of a crash). */
export function safeTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The wall-clock time Intl shows in `timeZone` at epoch ms `t` (throws RangeError for a bad zone or instant). */
function intlWallTime(t: number, timeZone: string): WallTime {
  let year = NaN;
  let month = NaN;
  let day = NaN;
  let hour = NaN;
  let minute = NaN;
  let second = NaN;
  let bc = false;
  for (const part of fieldFormatter(timeZone).formatToParts(t)) {
    switch (part.type) {
      case 'era':
        bc = part.value.startsWith('B');
        break;
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return {
    year: bc ? 1 - year : year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond: ((t % 1000) + 1000) % 1000,
  };
}

/*
 * Zone offsets, remembered per zone and UTC quarter-hour. Reading a wall time through Intl (formatToParts) costs
 * microseconds, and one card shows a dozen times in one zone, each several ways. A quarter-hour is remembered only
 * when Intl gives the same offset at its first and its last millisecond: no zone changes its offset twice within 15
 * minutes, so the offset then holds for the whole quarter-hour, and every answer is the one Intl would give.
 */
const QUARTER_HOUR_MS = 900_000;
const MAX_QUARTERS_PER_ZONE = 4096;
const offsetMemo = new Map<string, Map<number, number>>();
/** Instants this far from Date's limits (±8.64e15 ms) are always read through Intl. */
const MEMO_LIMIT_MS = 8.6e15;

const intlOffset = (timeZone: string, t: number): number => wallEpoch(intlWallTime(t, timeZone)) - t;

/** The zone's offset at `t` if the quarter-hour around it has one offset throughout, else undefined. */
function quarterHourOffset(timeZone: string, t: number): number | undefined {
  if (!(Math.abs(t) < MEMO_LIMIT_MS)) return undefined;
  const quarter = Math.floor(t / QUARTER_HOUR_MS);
  let zone = offsetMemo.get(timeZone);
  const known = zone?.get(quarter);
  if (known !== undefined) return known;
  const start = quarter * QUARTER_HOUR_MS;
  const offset = intlOffset(timeZone, start);
  if (intlOffset(timeZone, start + QUARTER_HOUR_MS - 1) !== offset) return undefined;
  if (!zone) {
    if (offsetMemo.size >= MAX_CACHED_ZONES) offsetMemo.clear();
    zone = new Map();
    offsetMemo.set(timeZone, zone);
  }
  if (zone.size >= MAX_QUARTERS_PER_ZONE) zone.clear();
  zone.set(quarter, offset);
  return offset;
}

/** The wall-clock date and time shown in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const t = instant.getTime();
  const offset = quarterHourOffset(timeZone, t);
  if (offset === undefined) return intlWallTime(t, timeZone);
  const wall = new Date(t + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
  };
}

/** Milliseconds of a wall-clock time read as if it were UTC (a "wall epoch"). Years 0..99 are handled. */
export function wallEpoch(d: CalendarDate | WallTime): number {
  const timed = 'hour' in d;
  const hour = timed ? d.hour : 0;
  const minute = timed ? d.minute : 0;
  const second = timed ? d.second : 0;
  const millisecond = timed ? d.millisecond : 0;
  // Date.UTC reads years 0..99 as 1900..1999, so those (and negative years) take the long way.
  if (d.year >= 100) return Date.UTC(d.year, d.month - 1, d.day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(d.year, d.month - 1, d.day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** The zone's UTC offset in force at epoch ms `t` (wall clock minus UTC). */
export function offsetAt(timeZone: string, t: number): number {
  return quarterHourOffset(timeZone, t) ?? intlOffset(timeZone, t);
}

/**
 * The instant at which `timeZone` shows the wall time `wall`. Disambiguation follows Temporal's `'compatible'` rule:
 * - a wall time that occurs twice (clocks go back) → the earlier instant;
 * - a wall time that doesn't exist (clocks go forward) → moved forward by the length of the gap
 *   (02:30 on a US spring-forward day → 03:30 PDT), so a midnight that doesn't exist becomes the first
 *   instant of that day.
 */
export function instantFromWallTime(wall: CalendarDate | WallTime, timeZone: string): Date {
  const w = wallEpoch(wall);
  // The offsets in force a day either side: at most one transition happens in between in real zones.
  const before = offsetAt(timeZone, w - MS_PER_DAY);
  const after = offsetAt(timeZone, w + MS_PER_DAY);
  const candidates = [w - before, w - after]
    .filter((t) => t + offsetAt(timeZone, t) === w)
    .sort((a, b) => a - b);
  const first = candidates[0];
  // No candidate: `wall` is in a gap. Reading it with the pre-gap offset lands after the gap.
  return new Date(first ?? w - before);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad2 = (n: number) => String(n).padStart(2, '0');

const MONTH_SHIFT = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;
/** 0 = Sunday, as `Date#getUTCDay` gives it for the same proleptic Gregorian date (Sakamoto's method, no Date). */
function weekday({ year, month, day }: CalendarDate): number {
  const y = month < 3 ? year - 1 : year;
  const n =
    y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (MONTH_SHIFT[month - 1] ?? NaN) + day;
  return ((n % 7) + 7) % 7;
}

type Piece = (w: WallTime) => string;
const TOKENS: Record<string, Piece> = {
  yyyy: (w) => String(w.year).padStart(4, '0'),
  MMM: (w) => MONTHS[w.month - 1] ?? '?',
  MM: (w) => pad2(w.month),
  dd: (w) => pad2(w.day),
  d: (w) => String(w.day),
  EEE: (w) => WEEKDAYS[weekday(w)] ?? '?',
  HH: (w) => pad2(w.hour),
  mm: (w) => pad2(w.minute),
  ss: (w) => pad2(w.second),
};
const TOKEN_RE = /yyyy|MMM|MM|dd|d|EEE|HH|mm|ss|'[^']*'|[A-Za-z]+|[^A-Za-z']+/gu;
const compiledPatterns = new Map<string, (w: WallTime) => string>();

/** Compiles a display pattern once (the date-fns subset the bot uses: yyyy MM MMM dd d EEE HH mm ss, 'literal'). */
function compile(pattern: string): (w: WallTime) => string {
  let fn = compiledPatterns.get(pattern);
  if (fn) return fn;
  const pieces: Array<Piece | string> = [];
  for (const m of pattern.match(TOKEN_RE) ?? []) {
    const token = TOKENS[m];
    if (token) pieces.push(token);
    else if (m.startsWith("'")) pieces.push(m.slice(1, -1));
    else if (/^[A-Za-z]/u.test(m)) throw new Error(`unsupported date pattern token "${m}" in "${pattern}"`);
    else pieces.push(m);
  }
  fn = (w) => {
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : p(w);
    return out;
  };
  compiledPatterns.set(pattern, fn);
  return fn;
}

/**
 * `instant` shown in `timeZone` with `pattern` (e.g. `'EEE d MMM yyyy, HH:mm'` → "Tue 17 Nov 2026, 09:30").
 * Unknown zones are shown in UTC (see {@link safeTimeZone}).
 */
export function formatInZone(instant: Date, timeZone: string, pattern: string): string {
  return compile(pattern)(wallTimeAt(instant, safeTimeZone(timeZone)));
}

/** A wall time (no zone) with `pattern`, for times already converted with {@link wallTimeAt}. */
export function formatWallTime(wall: WallTime, pattern: string): string {
  return compile(pattern)(wall);
}

/**
 * Locales asked for a zone's short name, in order. CLDR gives each locale only the names its readers know (en-IN:
 * IST for India, en-IE: IST for Irish summer time, ja-JP: JST, en-AU: AEST and LHST…), so a name found this way is
 * the one people in that zone use; a zone no locale names (Asia/Shanghai: "CST" would be ambiguous) shows as GMT+8.
 */
const ABBREVIATION_LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-NZ',
  'en-IN',
  'en-IE',
  'en-SG',
  'en-HK',
  'en-ZA',
  'ja-JP',
] as const;
const LETTERS_ONLY = /^[A-Z][A-Za-z]{1,5}$/u;
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();
/** `zone|offset` → name: a zone's name changes only with its offset (DST), so this is a handful per zone. */
const abbreviations = new Map<string, string>();

function abbreviationFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = abbreviationFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    if (abbreviationFormatters.size >= MAX_CACHED_ZONES) abbreviationFormatters.clear();
    abbreviationFormatters.set(key, f);
  }
  return f;
}

const shortName = (locale: string, timeZone: string, instant: Date): string =>
  abbreviationFormatter(locale, timeZone)
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

/**
 * The zone's name at `instant` as people there know it: PST/PDT, CET/CEST, JST, IST (India), AEST, LHDT…; where no
 * unambiguous name exists, its offset ("GMT+8", "GMT+5:45"); "UTC" for UTC and for zones this runtime doesn't know.
 */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const tz = safeTimeZone(timeZone);
  const key = `${tz}|${offsetAt(tz, instant.getTime())}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    const fallback = shortName('en-US', tz, instant);
    name = fallback;
    if (fallback !== 'UTC' && fallback !== 'GMT') {
      for (const locale of ABBREVIATION_LOCALES) {
        const candidate = shortName(locale, tz, instant);
        if (LETTERS_ONLY.test(candidate) && !/^(GMT|UTC)./u.test(candidate)) {
          name = candidate;
          break;
        }
      }
    }
    if (abbreviations.size >= MAX_CACHED_ZONES) abbreviations.clear();
    abbreviations.set(key, name);
  }
  return name;
}

// ---- How times are shown to people: one style for a timestamp, one for a range, one for a duration. ----

const DAY_PATTERN = 'EEE d MMM';
const validInstant = (d: Date): boolean => !Number.isNaN(d.getTime());

/** The calendar year of `instant` in `timeZone` ("2026"), or undefined for an invalid date. */
export function yearIn(instant: Date, timeZone: string): string | undefined {
  return validInstant(instant) ? formatInZone(instant, timeZone, 'yyyy') : undefined;
}

/**
 * A timestamp: "Tue 17 Nov 2026, 09:30 PST". `zone: false` leaves the zone's name out (where a heading already says
 * it); `contextYear` leaves the year out when it is that year ("Tue 17 Nov, 09:30" in a list under a 2026 heading).
 */
export function formatTimestamp(
  instant: Date,
  timeZone: string,
  opts: { zone?: boolean; contextYear?: string | undefined } = {},
): string {
  const tz = safeTimeZone(timeZone);
  const day = yearIn(instant, tz) === opts.contextYear ? DAY_PATTERN : `${DAY_PATTERN} yyyy`;
  const text = formatInZone(instant, tz, `${day}, HH:mm`);
  return opts.zone === false ? text : `${text} ${zoneAbbreviation(instant, tz)}`;
}

const dayKey = (d: Date, tz: string) => formatInZone(d, tz, 'yyyy-MM-dd');

/**
 * True when `d` is the first instant of its calendar day in `tz`. Compares with the instant 1 ms earlier instead of
 * testing for 00:00, so zones whose day starts at 01:00 on a DST change still count as "whole days".
 */
function isStartOfDay(d: Date, tz: string): boolean {
  return dayKey(d, tz) !== dayKey(new Date(d.getTime() - 1), tz);
}

/** "PST", or "PDT/PST" when the zone's name changes between the two instants. */
function zoneLabel(a: Date, b: Date, tz: string): string {
  const first = zoneAbbreviation(a, tz);
  const last = zoneAbbreviation(b, tz);
  return first === last ? first : `${first}/${last}`;
}

/**
 * The half-open range `[from, to)` in `timeZone`, with the year once when both ends share it:
 * - whole days: "Mon 16 Nov – Sun 22 Nov 2026 (PST)", one day "Tue 3 Nov 2026 (PST)" (the last day is the one
 *   containing `to − 1 ms`);
 * - otherwise, timestamps with `to` as is: "Thu 26 Nov, 14:05 – Sun 29 Nov 2026, 14:05 PST", one day
 *   "Tue 3 Nov 2026, 09:00 – 12:30 PST"; when the zone's name changes in between, each end has its own
 *   ("Sun 1 Nov 2026, 00:30 PDT – 01:30 PST").
 */
export function formatTimeRange(range: { from: Date; to: Date }, timeZone: string): string {
  const tz = safeTimeZone(timeZone);
  const { from, to } = range;
  if (!validInstant(from) || !validInstant(to))
    return `an unknown period (${zoneAbbreviation(new Date(0), tz)})`;
  const f = (d: Date, pattern: string) => formatInZone(d, tz, pattern);
  const sameYear = (a: Date, b: Date) => yearIn(a, tz) === yearIn(b, tz);
  if (to.getTime() > from.getTime() && isStartOfDay(from, tz) && isStartOfDay(to, tz)) {
    const last = new Date(to.getTime() - 1);
    const zone = `(${zoneLabel(from, last, tz)})`;
    if (dayKey(from, tz) === dayKey(last, tz)) return `${f(from, `${DAY_PATTERN} yyyy`)} ${zone}`;
    const start = f(from, sameYear(from, last) ? DAY_PATTERN : `${DAY_PATTERN} yyyy`);
    return `${start} – ${f(last, `${DAY_PATTERN} yyyy`)} ${zone}`;
  }
  const fromZone = zoneAbbreviation(from, tz);
  const toZone = zoneAbbreviation(to, tz);
  const fromText =
    dayKey(from, tz) === dayKey(to, tz)
      ? f(from, `${DAY_PATTERN} yyyy, HH:mm`)
      : f(from, sameYear(from, to) ? `${DAY_PATTERN}, HH:mm` : `${DAY_PATTERN} yyyy, HH:mm`);
  const toText = dayKey(from, tz) === dayKey(to, tz) ? f(to, 'HH:mm') : f(to, `${DAY_PATTERN} yyyy, HH:mm`);
  return fromZone === toZone
    ? `${fromText} – ${toText} ${toZone}`
    : `${fromText} ${fromZone} – ${toText} ${toZone}`;
}

/** A length of time: "< 1 min", "45 min", "1 h", "1 h 5 min"; undefined when unknown. Minutes are rounded. */
export function formatDuration(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  if (seconds < 60) return '< 1 min';
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
