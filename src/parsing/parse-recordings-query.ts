/**
 * The `recordings [when] [filters]` phrase parser (the router has already removed the command word).
 * Pure: depends only on its arguments, never throws.
 *
 * Decisions worth knowing (see also date-range.ts, parse-date.ts):
 * - Everything is computed in the asker's IANA zone; ranges are half-open `[from, to)`.
 * - Calendar ranges (`today`, `this week`, `this month`, `on …`, `from … to …`) are NOT clamped to `now`;
 *   `to` may be in the future. A range that starts after `now` is an error (`future_range`).
 * - `last N days|weeks|months` and the default (last 7 days) are rolling and end at `now`; the start is
 *   `now` moved back N calendar days/weeks/months on the local wall clock (date-fns `subDays` semantics), so
 *   `last 1 day` across a DST change is 23 or 25 hours, not 24. A week is 7 calendar days.
 * - `last week` / `last month` are the previous calendar week/month; `last 1 week` is the rolling 7 days.
 * - A weekday (`monday`) is the most recent one that has started: on a Monday, `monday` is today.
 *   `last monday` is the one strictly before today (7 days ago on a Monday).
 * - `topic` takes the words after it up to the next word that starts a valid clause (`topic weekly sync
 *   last week` → "weekly sync"); quotes keep anything together: `topic "deleted scenes"`.
 * - Dates without a year are the most recent such date not in the future; in `from A to B` each end is
 *   resolved that way on its own, so `from Dec 20 to Jan 5` typed on Jan 3 is an error (add the years).
 */
import { distance } from 'fastest-levenshtein';

import {
  addDaysInZone,
  addMonthsInZone,
  dateInZone,
  dayRange,
  inclusiveDaysRange,
  isValidTimeZone,
  monthRange,
  weekRange,
  type InstantRange,
} from './date-range.js';
import { isEmailAddress } from '../core/email.js';
import { bold, quote as quoteWord } from '../core/markdown.js';
import { EXAMPLE } from './messages.js';
import {
  formatShortDate,
  mostRecentWeekday,
  parseDateAt,
  weekdayNumber,
  WEEKDAYS_FULL,
} from './parse-date.js';
import { addDays, compareDates, formatIsoDate, isValidPlainDate, type PlainDate } from './plain-date.js';
import type {
  ParseError,
  ParseOptions,
  ParseResult,
  RecordingFormat,
  RecordingsQuery,
  RecordingsRange,
  ServiceType,
  WeekStartsOn,
} from './recordings-query.js';
import { stripTrailing, tokenize, type Token } from './tokenize.js';

/** Upper bounds for `last N …` (about ten years). */
export const MAX_LAST = { day: 3650, week: 520, month: 120 } as const;
export const DEFAULT_RANGE_DAYS = 7;
/**
 * The longest range any question may cover: `last 120 months` in a zone with leap days and a DST hour to spare.
 * Show-more buttons are held to the same limit.
 */
export const MAX_RANGE_DAYS = 3660;
export const MAX_RANGE_MS = MAX_RANGE_DAYS * 86_400_000;

type Unit = keyof typeof MAX_LAST;

interface Ctx {
  readonly tokens: readonly Token[];
  readonly now: Date;
  readonly timeZone: string;
  readonly today: PlainDate;
  readonly weekStartsOn: WeekStartsOn;
}

type Clause =
  | { field: 'range'; value: RecordingsRange; phrase: string }
  | { field: 'topic'; value: string; phrase: string }
  | { field: 'format'; value: RecordingFormat; phrase: string }
  | { field: 'serviceType'; value: ServiceType; phrase: string }
  | { field: 'status'; value: 'deleted'; phrase: string }
  | { field: 'meetingId' | 'siteUrl' | 'integrationTag' | 'hostEmail'; value: string; phrase: string }
  | { field: 'max'; value: number; phrase: string };

type Failure = { ok: false; error: ParseError };
type ClauseResult = { ok: true; clause: Clause; next: number } | Failure;

const FORMATS: ReadonlyMap<string, RecordingFormat> = new Map([
  ['mp4', 'MP4'],
  ['arf', 'ARF'],
]);

const SERVICE_TYPES: ReadonlyMap<string, ServiceType> = new Map([
  ['meeting', 'MeetingCenter'],
  ['meetings', 'MeetingCenter'],
  ['meetingcenter', 'MeetingCenter'],
  ['event', 'EventCenter'],
  ['events', 'EventCenter'],
  ['eventcenter', 'EventCenter'],
  ['training', 'TrainingCenter'],
  ['trainings', 'TrainingCenter'],
  ['trainingcenter', 'TrainingCenter'],
  ['support', 'SupportCenter'],
  ['supportcenter', 'SupportCenter'],
]);

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map(
    (w, i) => [w, i + 1] as const,
  ),
);

const UNITS: ReadonlyMap<string, Unit> = new Map([
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['month', 'month'],
  ['months', 'month'],
]);

const RANGE_END_WORDS = new Set(['to', 'until', 'till', 'through', 'thru', '-', '–', '—']);
const COMMAND_WORDS = new Set(['recordings', 'recording', 'recs', 'rec']);

/** Words the language knows, for "did you mean" suggestions. */
const VOCABULARY = [
  'today',
  'yesterday',
  'this',
  'last',
  'week',
  'month',
  'days',
  'weeks',
  'months',
  'since',
  'from',
  'between',
  'topic',
  'format',
  'type',
  'deleted',
  'meeting',
  'site',
  'tag',
  'host',
  'max',
  'top',
  ...WEEKDAYS_FULL,
];

const MEETING_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{5,127}$/u;
const DIGIT = /\d/u;
const LEADING_DOT = /^\./u;
/** `<…>` around a value. Global: for `replace` only (which resets `lastIndex`), never `test` or `exec`. */
const ANGLE_BRACKETS = /^<|>$/gu;
const URL_SCHEME = /^https?:\/\//u;
const URL_PATH_START = /[/?#]/u;
const MAILTO = /^mailto:/u;
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})+$`, 'u');

function fail(code: ParseError['code'], message: string, word?: string): Failure {
  return { ok: false, error: word === undefined ? { code, message } : { code, message, word } };
}

function phraseOf(ctx: Ctx, from: number, to: number): string {
  return stripTrailing(
    ctx.tokens
      .slice(from, to)
      .map((t) => (t.quoted ? `"${t.text}"` : t.text))
      .join(' '),
  );
}

function plural(n: number, unit: Unit): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Builds a range clause after checking it is non-empty and not entirely in the future. */
function rangeClause(
  ctx: Ctx,
  start: number,
  next: number,
  r: InstantRange,
  kind: RecordingsRange['kind'],
  label: string,
): ClauseResult {
  const phrase = phraseOf(ctx, start, next);
  if (r.from.getTime() > ctx.now.getTime()) {
    return fail(
      'future_range',
      `${quoteWord(phrase)} is in the future — there are no recordings there yet`,
      phrase,
    );
  }
  if (!(r.from.getTime() < r.to.getTime())) {
    return fail('bad_range', `${quoteWord(phrase)} is an empty time range in your time zone`, phrase);
  }
  if (r.to.getTime() - r.from.getTime() > MAX_RANGE_MS) {
    return fail(
      'too_long',
      `${quoteWord(phrase)} is too long: ask for at most ${MAX_LAST.day} days (about ten years) at a time`,
      phrase,
    );
  }
  return {
    ok: true,
    next,
    clause: { field: 'range', phrase, value: { ...r, kind, label, isDefault: false } },
  };
}

/** `[now − n units, now)` on the local wall clock. */
function rollingRange(ctx: Ctx, n: number, unit: Unit): InstantRange {
  const { now, timeZone } = ctx;
  const from =
    unit === 'month'
      ? addMonthsInZone(now, -n, timeZone)
      : addDaysInZone(now, -n * (unit === 'week' ? 7 : 1), timeZone);
  return { from, to: new Date(now.getTime()) };
}

function readDate(
  ctx: Ctx,
  at: number,
  keyword: string,
):
  | { ok: true; date: PlainDate; text: string; next: number; monthDay?: { month: number; day: number } }
  | Failure {
  const r = parseDateAt(ctx.tokens, at, ctx.today);
  if (r === null) {
    const got = ctx.tokens[at];
    return got === undefined
      ? fail('missing_value', `'${keyword}' needs a date after it, e.g. \`${keyword} Nov 3\``, keyword)
      : fail(
          'bad_date',
          `I can't read the date ${quoteWord(got.text)} after '${keyword}' — write it like \`2026-11-03\` or \`Nov 3\``,
          got.text,
        );
  }
  if (!r.ok) return r;
  return r.monthDay
    ? { ok: true, date: r.date, text: r.text, next: at + r.consumed, monthDay: r.monthDay }
    : { ok: true, date: r.date, text: r.text, next: at + r.consumed };
}

/**
 * `from Nov 3 to Nov 20` with no years: both in the latest year whose start is not after today. If the end's
 * month comes before the start's (`from Dec 20 to Jan 5`), the range crosses New Year: the end is in the next
 * year. Same month with the days reversed (`from Nov 20 to Nov 3`) → `undefined` (start after end).
 */
function yearlessSpan(
  a: { month: number; day: number },
  b: { month: number; day: number },
  today: PlainDate,
): [PlainDate, PlainDate] | undefined {
  const crossesNewYear = a.month > b.month;
  if (a.month === b.month && a.day > b.day) return undefined;
  for (let year = today.year; year >= today.year - 8; year--) {
    const start = { year, ...a };
    const end = { year: crossesNewYear ? year + 1 : year, ...b };
    const valid =
      isValidPlainDate(start.year, start.month, start.day) && isValidPlainDate(end.year, end.month, end.day);
    if (valid && compareDates(start, today) <= 0) return [start, end];
  }
  return undefined;
}

/**
 * `from Nov 3 2025 to Nov 5`: the side without a year takes the other side's (the next year for an end whose day
 * comes earlier in the year, the previous one for such a start), so the range is days long, not a year and days.
 * undefined when that makes a date that doesn't exist (Feb 29).
 */
function carryYear(
  a: { date: PlainDate; monthDay?: { month: number; day: number } },
  b: { date: PlainDate; monthDay?: { month: number; day: number } },
): [PlainDate, PlainDate] | undefined {
  const before = (x: { month: number; day: number }, y: { month: number; day: number }) =>
    x.month < y.month || (x.month === y.month && x.day < y.day);
  if (b.monthDay && !a.monthDay) {
    const year = a.date.year + (before(b.monthDay, a.date) ? 1 : 0);
    return isValidPlainDate(year, b.monthDay.month, b.monthDay.day)
      ? [a.date, { year, ...b.monthDay }]
      : undefined;
  }
  if (a.monthDay && !b.monthDay) {
    const year = b.date.year - (before(b.date, a.monthDay) ? 1 : 0);
    return isValidPlainDate(year, a.monthDay.month, a.monthDay.day)
      ? [{ year, ...a.monthDay }, b.date]
      : undefined;
  }
  return [a.date, b.date];
}

function parseNumber(word: string): number | undefined {
  const named = NUMBER_WORDS.get(word);
  if (named !== undefined) return named;
  return /^[+-]?\d+(?:[.,]\d+)?$/u.test(word) ? Number(word.replace(',', '.')) : undefined;
}

function parseLast(ctx: Ctx, i: number): ClauseResult {
  const { tokens, timeZone } = ctx;
  const next = tokens[i + 1];
  const expected = `after 'last' I expected week, month, a weekday or a number of days, e.g. \`last 3 days\``;
  if (next === undefined) {
    return fail(
      'missing_value',
      `'last' needs more: week, month, a weekday or a number of days, e.g. \`last 3 days\``,
      'last',
    );
  }
  if (next.quoted)
    return fail('bad_value', `I didn't understand ${quoteWord(next.text)} — ${expected}`, next.text);
  const w = next.lower;
  if (w === 'week')
    return rangeClause(
      ctx,
      i,
      i + 2,
      weekRange(ctx.now, timeZone, ctx.weekStartsOn, -1),
      'calendar',
      'last week',
    );
  if (w === 'month')
    return rangeClause(ctx, i, i + 2, monthRange(ctx.now, timeZone, -1), 'calendar', 'last month');
  if (w === 'day') return rangeClause(ctx, i, i + 2, rollingRange(ctx, 1, 'day'), 'rolling', 'last 1 day');
  const weekday = weekdayNumber(w);
  if (weekday !== undefined) {
    const date = mostRecentWeekday(weekday, addDays(ctx.today, -1));
    return rangeClause(ctx, i, i + 2, dayRange(date, timeZone), 'calendar', `last ${WEEKDAYS_FULL[weekday]}`);
  }
  const n = parseNumber(w);
  if (n === undefined)
    return fail('bad_value', `I didn't understand ${quoteWord(next.text)} — ${expected}`, next.text);
  const unitToken = tokens[i + 2];
  const unit = unitToken && !unitToken.quoted ? UNITS.get(unitToken.lower) : undefined;
  if (unit === undefined) {
    const said = phraseOf(ctx, i, i + 2);
    return fail('missing_value', `after ${quoteWord(said)} I expected days, weeks or months`, said);
  }
  const max = MAX_LAST[unit];
  if (!Number.isInteger(n) || n < 1 || n > max) {
    return fail(
      'bad_value',
      `the number in 'last … ${unit}s' must be a whole number from 1 to ${max}, not ${quoteWord(next.text)}`,
      next.text,
    );
  }
  return rangeClause(ctx, i, i + 3, rollingRange(ctx, n, unit), 'rolling', `last ${plural(n, unit)}`);
}

function parseTopic(ctx: Ctx, i: number): ClauseResult {
  const { tokens } = ctx;
  const missing = fail(
    'missing_value',
    `'topic' needs some words after it, e.g. \`topic weekly sync\` — use quotes if the topic contains command words: \`topic "deleted scenes"\``,
    'topic',
  );
  const first = tokens[i + 1];
  if (first?.quoted) {
    return first.text === ''
      ? missing
      : {
          ok: true,
          next: i + 2,
          clause: { field: 'topic', value: first.text, phrase: phraseOf(ctx, i, i + 2) },
        };
  }
  // The first word is always the topic's ("topic type safety", "topic top priorities"); later ones end it at the
  // next clause.
  let j = i + 1;
  if (j < tokens.length && !startsClause(ctx, j, false)) j++;
  while (j < tokens.length && !startsClause(ctx, j, true)) j++;
  const value = stripTrailing(
    tokens
      .slice(i + 1, j)
      .map((t) => t.text)
      .join(' '),
    ',;:',
  ).trim();
  if (value === '') return missing;
  return { ok: true, next: j, clause: { field: 'topic', value, phrase: phraseOf(ctx, i, j) } };
}

/** Words that start a relative range; after `from` they make it a mere preposition ("from last week"). */
const RELATIVE_RANGE_WORDS = new Set(['last', 'this', 'today', 'yesterday']);

/**
 * `in|during|within|for|from` + a range clause (`in the last 3 days`, `from last week`): the range, as if the
 * preposition weren't there. null when no range follows, so the word is read as anything else would be.
 */
function rangeAfterPreposition(ctx: Ctx, i: number, strict: boolean): ClauseResult | null {
  const skip = ctx.tokens[i + 1]?.lower === 'the' ? 2 : 1;
  const inner = parseClause(ctx, i + skip, strict);
  if (inner === null || !inner.ok) return inner;
  if (inner.clause.field !== 'range') return null;
  return { ...inner, clause: { ...inner.clause, phrase: phraseOf(ctx, i, inner.next) } };
}

/**
 * Filter keywords that end a topic even when their value is wrong (`topic sync max 500`): the wrong value is then
 * reported instead of silently becoming part of the topic. `meeting` is not one: "design meeting notes" is a topic.
 */
const TOPIC_ENDING_KEYWORDS = new Set(['format', 'type', 'max', 'top', 'site', 'host', 'tag']);

/**
 * Does a clause start at `j`? One that parses does; with `badValueEnds`, so does a filter keyword given a bad value
 * (reported then instead of silently growing the topic). Used to end a topic.
 */
function startsClause(ctx: Ctx, j: number, badValueEnds: boolean): boolean {
  const t = ctx.tokens[j];
  if (t === undefined || t.quoted) return false;
  if (t.lower === 'topic') return true;
  const r = parseClause(ctx, j, true);
  if (r?.ok === true) return true;
  return (
    badValueEnds && r?.ok === false && r.error.code === 'bad_value' && TOPIC_ENDING_KEYWORDS.has(t.lower)
  );
}

/** Reads the value word after a filter keyword. */
function valueAfter(ctx: Ctx, i: number, keyword: string, example: string): Token | Failure {
  const v = ctx.tokens[i + 1];
  if (v === undefined || (!v.quoted && v.lower === '') || (v.quoted && v.text === '')) {
    return fail('missing_value', `'${keyword}' needs a value after it, e.g. \`${example}\``, keyword);
  }
  return v;
}

/** The clause `keyword value` at `tokens[i]`, two words long (its phrase is `phraseOf(ctx, i, i + 2)`). */
function filterClause(i: number, clause: Clause): ClauseResult {
  return { ok: true, next: i + 2, clause };
}

/** `deleted`: a keyword without a value. */
function readDeleted(ctx: Ctx, i: number): ClauseResult {
  return {
    ok: true,
    next: i + 1,
    clause: { field: 'status', value: 'deleted', phrase: phraseOf(ctx, i, i + 1) },
  };
}

/** `format mp4`, `format .arf`. */
function readFormat(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'format mp4');
  if ('ok' in v) return v;
  const f = FORMATS.get(v.lower.replace(LEADING_DOT, ''));
  return f
    ? filterClause(i, { field: 'format', value: f, phrase: phraseOf(ctx, i, i + 2) })
    : fail('bad_value', `I don't know the format ${quoteWord(v.text)} — use mp4 or arf`, v.text);
}

/** `type meeting|event|training|support`. */
function readServiceType(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'type meeting');
  if ('ok' in v) return v;
  const s = SERVICE_TYPES.get(v.lower);
  return s
    ? filterClause(i, { field: 'serviceType', value: s, phrase: phraseOf(ctx, i, i + 2) })
    : fail(
        'bad_value',
        `I don't know the type ${quoteWord(v.text)} — use meeting, event, training or support`,
        v.text,
      );
}

/** `max 10`, `top ten`: 1 to 100. */
function readLimit(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const message = `${keyword} must be a number from 1 to 100`;
  const v = ctx.tokens[i + 1];
  if (v === undefined) return fail('missing_value', message, keyword);
  const n = v.quoted ? undefined : parseNumber(v.lower);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 100
    ? filterClause(i, { field: 'max', value: n, phrase: phraseOf(ctx, i, i + 2) })
    : fail('bad_value', `${message}, not ${quoteWord(v.text)}`, v.text);
}

/** `meeting <id>`: an id-shaped word with at least one digit. */
function readMeetingId(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'meeting f91b6edce9864428af084977b7c68291');
  if ('ok' in v) return v;
  const id = stripTrailing(v.text);
  return MEETING_ID.test(id) && DIGIT.test(id)
    ? filterClause(i, { field: 'meetingId', value: id, phrase: phraseOf(ctx, i, i + 2) })
    : fail(
        'bad_value',
        `${quoteWord(v.text)} doesn't look like a meeting id (something like \`f91b6edce9864428af084977b7c68291\`)`,
        v.text,
      );
}

/** `site example.webex.com`, also as a URL (`<https://example.webex.com/meet>`): the host name. */
function readSite(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'site example.webex.com');
  if ('ok' in v) return v;
  const bare = v.lower.replace(ANGLE_BRACKETS, '').replace(URL_SCHEME, '');
  const cut = bare.search(URL_PATH_START);
  const host = cut < 0 ? bare : bare.slice(0, cut);
  return HOST.test(host)
    ? filterClause(i, { field: 'siteUrl', value: host, phrase: phraseOf(ctx, i, i + 2) })
    : fail(
        'bad_value',
        `I can't read the site ${quoteWord(v.text)} — write it like \`example.webex.com\``,
        v.text,
      );
}

/** `host bob@example.com`, also `<mailto:…>`. */
function readHostEmail(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'host bob@example.com');
  if ('ok' in v) return v;
  const email = v.lower.replace(ANGLE_BRACKETS, '').replace(MAILTO, '');
  return isEmailAddress(email)
    ? filterClause(i, { field: 'hostEmail', value: email, phrase: phraseOf(ctx, i, i + 2) })
    : fail(
        'bad_value',
        `${quoteWord(v.text)} isn't an email address — write it like \`host bob@example.com\``,
        v.text,
      );
}

/** `tag <word>` or `tag "any words"`. */
function readTag(ctx: Ctx, i: number, keyword: string): ClauseResult {
  const v = valueAfter(ctx, i, keyword, 'tag my-integration');
  if ('ok' in v) return v;
  return filterClause(i, {
    field: 'integrationTag',
    value: v.quoted ? v.text : stripTrailing(v.text),
    phrase: phraseOf(ctx, i, i + 2),
  });
}

/** Each filter keyword's reader. */
const FILTER_READERS: ReadonlyMap<string, (ctx: Ctx, i: number, keyword: string) => ClauseResult> = new Map([
  ['deleted', readDeleted],
  ['format', readFormat],
  ['type', readServiceType],
  ['max', readLimit],
  ['top', readLimit],
  ['meeting', readMeetingId],
  ['site', readSite],
  ['host', readHostEmail],
  ['tag', readTag],
]);

/** A filter clause (`format mp4`, `deleted`, …) at `tokens[i]`, whose word is `keyword`. null: not a filter keyword. */
function parseFilter(ctx: Ctx, i: number, keyword: string): ClauseResult | null {
  const read = FILTER_READERS.get(keyword);
  return read === undefined ? null : read(ctx, i, keyword);
}

/** `this week`, `this month`. */
function parseThis(ctx: Ctx, i: number): ClauseResult {
  const { timeZone, now } = ctx;
  const next = ctx.tokens[i + 1]?.lower;
  if (next === 'week') {
    return rangeClause(ctx, i, i + 2, weekRange(now, timeZone, ctx.weekStartsOn, 0), 'calendar', 'this week');
  }
  if (next === 'month')
    return rangeClause(ctx, i, i + 2, monthRange(now, timeZone, 0), 'calendar', 'this month');
  const said = phraseOf(ctx, i, i + 2);
  return fail(
    next === undefined ? 'missing_value' : 'bad_value',
    `I didn't understand ${quoteWord(said)} — after 'this' I expected week or month`,
    said,
  );
}

/** `since <date>`: from that local day's start until now. */
function parseSince(ctx: Ctx, i: number): ClauseResult {
  const d = readDate(ctx, i + 1, 'since');
  if (!d.ok) return d;
  const r = { from: dayRange(d.date, ctx.timeZone).from, to: new Date(ctx.now.getTime()) };
  return rangeClause(ctx, i, d.next, r, 'rolling', `since ${formatIsoDate(d.date)}`);
}

/** `on <date>`: that whole local day. */
function parseOn(ctx: Ctx, i: number): ClauseResult {
  const d = readDate(ctx, i + 1, 'on');
  if (!d.ok) return d;
  const label = `on ${formatIsoDate(d.date)}`;
  return rangeClause(ctx, i, d.next, dayRange(d.date, ctx.timeZone), 'calendar', label);
}

/**
 * The first and last day of `from A to B` (`between A and B`), each given with or without its year; the years
 * are settled together (see carryYear, yearlessSpan). Fails when a day doesn't exist or the start is after the end.
 */
function spanDays(
  ctx: Ctx,
  a: { date: PlainDate; monthDay?: { month: number; day: number } },
  b: { date: PlainDate; monthDay?: { month: number; day: number } },
  said: string,
): [PlainDate, PlainDate] | Failure {
  const given = carryYear(a, b);
  if (!given) {
    return fail('bad_date', `${quoteWord(said)} names a day that doesn't exist in that year`, said);
  }
  const dates = a.monthDay && b.monthDay ? yearlessSpan(a.monthDay, b.monthDay, ctx.today) : given;
  const [start, end] = dates ?? given;
  if (dates === undefined || compareDates(start, end) > 0) {
    const withYear = start.year !== end.year && !(a.monthDay && b.monthDay);
    return fail(
      'bad_range',
      `the start (${formatShortDate(start, withYear)}) is after the end (${formatShortDate(end, withYear)})`,
      said,
    );
  }
  return [start, end];
}

/** `from A to B`, `between A and B` (`w` is `from` or `between`): the days A to B, both included. */
function parseDateSpan(ctx: Ctx, i: number, w: string): ClauseResult {
  const a = readDate(ctx, i + 1, w);
  if (!a.ok) return a;
  const sep = ctx.tokens[a.next];
  const sepOk =
    sep !== undefined && !sep.quoted && (w === 'from' ? RANGE_END_WORDS.has(sep.lower) : sep.lower === 'and');
  if (!sepOk) {
    const said = phraseOf(ctx, i, a.next);
    const joiner = w === 'from' ? 'to' : 'and';
    return fail(
      'missing_value',
      `${quoteWord(said)} needs an end: \`${w} Nov 3 ${joiner} Nov 20\` (the end day is included)`,
      said,
    );
  }
  const b = readDate(ctx, a.next + 1, sep.lower);
  if (!b.ok) return b;
  const days = spanDays(ctx, a, b, phraseOf(ctx, i, b.next));
  if (!Array.isArray(days)) return days;
  const [start, end] = days;
  const label = `from ${formatIsoDate(start)} to ${formatIsoDate(end)}`;
  return rangeClause(ctx, i, b.next, inclusiveDaysRange(start, end, ctx.timeZone), 'calendar', label);
}

/** A bare date or weekday at `tokens[i]` (whose word is `w`): that whole local day. null: no date there. */
function parseBareDate(ctx: Ctx, i: number, w: string, strict: boolean): ClauseResult | null {
  const d = parseDateAt(ctx.tokens, i, ctx.today, { strict });
  if (d === null || !d.ok) return d;
  const weekday = d.consumed === 1 ? weekdayNumber(w) : undefined;
  const label = weekday !== undefined ? (WEEKDAYS_FULL[weekday] ?? w) : `on ${formatIsoDate(d.date)}`;
  return rangeClause(ctx, i, i + d.consumed, dayRange(d.date, ctx.timeZone), 'calendar', label);
}

/**
 * Reads one clause at `tokens[i]`. `null`: no clause starts here. `strict` (topic look-ahead): only bare
 * dates that can't be ordinary words count (see parse-date.ts), and `topic` is not handled here.
 */
function parseClause(ctx: Ctx, i: number, strict: boolean): ClauseResult | null {
  const { tokens, timeZone, today } = ctx;
  const t = tokens[i];
  if (t === undefined || t.quoted) return null;
  const w = t.lower;
  switch (w) {
    case 'today':
      return rangeClause(ctx, i, i + 1, dayRange(today, timeZone), 'calendar', 'today');
    case 'yesterday':
      return rangeClause(ctx, i, i + 1, dayRange(addDays(today, -1), timeZone), 'calendar', 'yesterday');
    case 'this':
      return parseThis(ctx, i);
    case 'last':
      return parseLast(ctx, i);
    case 'since':
      return parseSince(ctx, i);
    case 'on':
      return parseOn(ctx, i);
    case 'from':
      // "from last week": a preposition before a range, not the start of `from <date> to <date>`.
      return RELATIVE_RANGE_WORDS.has(tokens[i + 1]?.lower ?? '')
        ? rangeAfterPreposition(ctx, i, strict)
        : parseDateSpan(ctx, i, w);
    case 'between':
      return parseDateSpan(ctx, i, w);
    case 'topic':
    case 'about':
      return strict ? null : parseTopic(ctx, i);
    case 'in':
    case 'during':
    case 'within':
    case 'for':
      return rangeAfterPreposition(ctx, i, strict);
    default:
      return parseFilter(ctx, i, w) ?? parseBareDate(ctx, i, w, strict);
  }
}

/** Quotes and backticks, left out of the quoted topic a hint suggests. */
const TOPIC_HINT_DROPPED = /["`“”]/gu;

const DUPLICATE_NAMES: Record<Clause['field'], string> = {
  range: 'time ranges',
  topic: 'topics',
  format: 'formats',
  serviceType: 'types',
  status: "'deleted'",
  meetingId: 'meeting ids',
  siteUrl: 'sites',
  integrationTag: 'tags',
  hostEmail: 'hosts',
  max: 'limits (max/top)',
};

function unknownWord(t: Token): Failure {
  const w = t.lower;
  let suggestion = '';
  if (!t.quoted && w.length >= 4) {
    const best = VOCABULARY.map((v) => ({ v, d: distance(w, v) })).sort((a, b) => a.d - b.d)[0];
    if (best && best.d <= (w.length >= 7 ? 2 : 1)) suggestion = ` Did you mean '${best.v}'?`;
  }
  return fail(
    'unknown_word',
    `I didn't understand ${quoteWord(t.text)} — try e.g. ${EXAMPLE}.${suggestion}`,
    t.text,
  );
}

function defaultRange(ctx: Ctx): RecordingsRange {
  const r = rollingRange(ctx, DEFAULT_RANGE_DAYS, 'day');
  return { ...r, kind: 'rolling', label: `last ${DEFAULT_RANGE_DAYS} days`, isDefault: true };
}

/** Checks the caller's arguments and splits the text into words: the context every clause is read in. */
function parseContext(
  text: string,
  now: Date,
  timeZone: string,
  options: ParseOptions | undefined,
): Ctx | Failure {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    return fail('bad_input', 'internal error: the current time is not a valid date');
  }
  const weekStartsOn = options?.weekStartsOn ?? 1;
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    return fail('bad_input', 'internal error: weekStartsOn must be 0..6');
  }
  if (!isValidTimeZone(timeZone)) {
    const shown = typeof timeZone === 'string' ? timeZone : String(timeZone);
    return fail('bad_zone', `I don't know the time zone ${quoteWord(shown)}`, shown);
  }
  const tokenized = tokenize(typeof text === 'string' ? text : '');
  if (!tokenized.ok) return tokenized;
  return { tokens: tokenized.tokens, now, timeZone, today: dateInZone(now, timeZone), weekStartsOn };
}

/**
 * A filter keyword with a bad value right after a topic (`topic sync max 500`): maybe the person meant the words
 * as part of the topic, so the error also shows how to quote it.
 */
function withTopicHint(ctx: Ctx, i: number, topic: string, error: ParseError): Failure {
  const whole = Array.from(`${topic} ${phraseOf(ctx, i, i + 2)}`.replace(TOPIC_HINT_DROPPED, ''))
    .slice(0, 60)
    .join('');
  return fail(
    'bad_value',
    `${error.message} (if it's part of the topic, put the topic in quotes: ${bold(`topic "${whole}"`)})`,
    error.word,
  );
}

function duplicate(before: Clause, second: Clause): Failure {
  const message =
    second.field === 'status'
      ? `you said ${quoteWord(second.phrase)} twice`
      : `you gave two ${DUPLICATE_NAMES[second.field]}: ${quoteWord(before.phrase)} and ${quoteWord(second.phrase)}`;
  return fail('duplicate', message, second.phrase);
}

/** Every clause, in the order given, keyed by the field it sets; a field given twice is an error. */
function readClauses(ctx: Ctx): Map<Clause['field'], Clause> | Failure {
  const { tokens } = ctx;
  const seen = new Map<Clause['field'], Clause>();
  let lastField: Clause['field'] | undefined;
  let i = 0;
  const first = tokens[0];
  if (first && !first.quoted && COMMAND_WORDS.has(first.lower)) i = 1; // tolerate "recordings …"
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === undefined) break;
    const r = parseClause(ctx, i, false);
    if (r === null) return unknownWord(t);
    if (!r.ok) {
      // The topic ended at this keyword; maybe the person meant the words as part of the topic.
      const topic = lastField === 'topic' ? seen.get('topic') : undefined;
      if (topic?.field === 'topic' && r.error.code === 'bad_value' && TOPIC_ENDING_KEYWORDS.has(t.lower)) {
        return withTopicHint(ctx, i, topic.value, r.error);
      }
      return r;
    }
    lastField = r.clause.field;
    const before = seen.get(r.clause.field);
    if (before !== undefined) return duplicate(before, r.clause);
    seen.set(r.clause.field, r.clause);
    i = r.next;
  }
  return seen;
}

/** The query the clauses ask for; the default range when none was given. */
function buildQuery(ctx: Ctx, clauses: Iterable<Clause>): RecordingsQuery {
  const query: RecordingsQuery = { range: defaultRange(ctx), timeZone: ctx.timeZone };
  for (const c of clauses) {
    switch (c.field) {
      case 'range':
        query.range = c.value;
        break;
      case 'topic':
        query.topic = c.value;
        break;
      case 'format':
        query.format = c.value;
        break;
      case 'serviceType':
        query.serviceType = c.value;
        break;
      case 'status':
        query.status = c.value;
        break;
      case 'meetingId':
        query.meetingId = c.value;
        break;
      case 'siteUrl':
        query.siteUrl = c.value;
        break;
      case 'integrationTag':
        query.integrationTag = c.value;
        break;
      case 'hostEmail':
        query.hostEmail = c.value;
        break;
      case 'max':
        query.max = c.value;
        break;
    }
  }
  return query;
}

function parseUnsafe(
  text: string,
  now: Date,
  timeZone: string,
  options: ParseOptions | undefined,
): ParseResult {
  const ctx = parseContext(text, now, timeZone, options);
  if ('ok' in ctx) return ctx;
  const clauses = readClauses(ctx);
  if (!(clauses instanceof Map)) return clauses;
  return { ok: true, query: buildQuery(ctx, clauses.values()) };
}

/**
 * Parses the words after `recordings` / `recs`. `now` is the current instant, `timeZone` the asker's IANA zone.
 * Pure and total: every failure (including a bad zone) is an `{ ok: false, error }` result.
 */
export function parseRecordingsQuery(
  text: string,
  now: Date,
  timeZone: string,
  options?: ParseOptions,
): ParseResult {
  try {
    return parseUnsafe(text, now, timeZone, options);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('internal', `Sorry, something went wrong reading that (${quoteWord(detail)})`);
  }
}
