/**
 * Date words → a local calendar date. Accepted:
 * - `2026-11-03` (also `2026/11/03`, `2026.11.03`)
 * - `Nov 3`, `November 3rd`, `3 Nov`, `3rd of November`, each optionally followed by a year: `Nov 3 2026`,
 *   `Nov 3, 2026`, `3 Nov 2026`. Without a year: the most recent such date that is not in the future
 *   (today counts); `Feb 29` goes back to the last leap year.
 * - `today`, `yesterday`, `tomorrow`
 * - weekday names (`monday`, `mon`): the most recent such day that has started, i.e. today counts —
 *   on a Monday, `monday` is today.
 * Refused: `11/03`, `03/11/2026` (day/month order unknown) → `ambiguous_date`; dates that don't exist
 * (`2025-13-45`, `Feb 30`) → `bad_date`.
 */
import { quote as quoteWord } from '../core/markdown.js';
import { stripTrailing } from './tokenize.js';
import { addDays, compareDates, dayOfWeek, isValidPlainDate, type PlainDate } from './plain-date.js';
import type { ParseError } from './recordings-query.js';
import { tokenize, type Token } from './tokenize.js';

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2999;

export type DateParseResult =
  | {
      ok: true;
      date: PlainDate;
      /** Number of tokens used. */
      consumed: number;
      /** The date as typed, e.g. `Nov 3, 2026`. */
      text: string;
      /** Set when a month and day were given without a year (`date` is then the latest one not after today). */
      monthDay?: { month: number; day: number };
    }
  | { ok: false; error: ParseError };

export interface DateParseOptions {
  /**
   * Only recognise forms that can't be ordinary words: ISO dates, full weekday names, today/yesterday/tomorrow, and
   * a month with its day (`Nov 3`, `3 Nov`). (Used to decide where a multi-word topic ends: `topic may review` keeps
   * "may", `topic sun` keeps "sun", `topic sync nov 3` ends before the date.)
   */
  strict?: boolean;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);

const MONTH_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

export const WEEKDAYS_FULL = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ...WEEKDAYS_FULL.map((name, i) => [name, i] as const),
  ['sun', 0],
  ['mon', 1],
  ['tue', 2],
  ['tues', 2],
  ['wed', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['fri', 5],
  ['sat', 6],
]);

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u;
const AMBIGUOUS_DATE = /^\d{1,2}[-/.]\d{1,2}(?:[-/.](?:\d{2}|\d{4}))?$/u;
const DATE_LIKE = /^\d+(?:[-/.]\d+)+$/u;
const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/u;
const YEAR = /^\d{4}$/u;

/** `Nov 3` or `Nov 3, 2025` — for messages. */
export function formatShortDate(d: PlainDate, withYear: boolean): string {
  const md = `${MONTH_SHORT[d.month - 1] ?? '?'} ${d.day}`;
  return withYear ? `${md}, ${d.year}` : md;
}

/** A weekday number 0..6 if `word` (lower-case) names one; `fullOnly` rejects abbreviations. */
export function weekdayNumber(word: string, fullOnly = false): number | undefined {
  if (fullOnly && !(WEEKDAYS_FULL as readonly string[]).includes(word)) return undefined;
  return WEEKDAYS.get(word);
}

/** The most recent `weekday` on or before `onOrBefore`. */
export function mostRecentWeekday(weekday: number, onOrBefore: PlainDate): PlainDate {
  return addDays(onOrBefore, -((dayOfWeek(onOrBefore) - weekday + 7) % 7));
}

export function badDate(text: string): ParseError {
  return { code: 'bad_date', message: `I can't read the date ${quoteWord(text)}`, word: text };
}

function yearOk(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Month/day with an optional year → a date; without a year, the latest one not after `today`. */
function resolveMonthDay(
  month: number,
  day: number,
  year: number | undefined,
  today: PlainDate,
  text: string,
): PlainDate | ParseError {
  if (year !== undefined) {
    return yearOk(year) && isValidPlainDate(year, month, day) ? { year, month, day } : badDate(text);
  }
  if (!isValidPlainDate(2000, month, day)) return badDate(text); // 2000 is a leap year: Feb 29 is fine
  let y = compareDates({ year: today.year, month, day }, today) > 0 ? today.year - 1 : today.year;
  while (!isValidPlainDate(y, month, day)) y--; // only Feb 29: at most 8 years back
  return { year: y, month, day };
}

/**
 * The all-digit shapes: `2026-11-03` (also with `/` or `.`); `11/03` and `03/11/2026` are refused as ambiguous and
 * any other digits-and-separators word as a bad date. null: not such a word.
 */
function parseNumericDate(first: Token): DateParseResult | null {
  const w = first.lower;
  const iso = ISO_DATE.exec(w);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return yearOk(year) && isValidPlainDate(year, month, day)
      ? { ok: true, date: { year, month, day }, consumed: 1, text: first.text }
      : { ok: false, error: badDate(first.text) };
  }
  if (AMBIGUOUS_DATE.test(w)) {
    return {
      ok: false,
      error: {
        code: 'ambiguous_date',
        message: `I can't tell whether ${quoteWord(first.text)} is day/month or month/day — write it like \`2026-11-03\` or \`Nov 3\``,
        word: first.text,
      },
    };
  }
  if (DATE_LIKE.test(w)) return { ok: false, error: badDate(first.text) };
  return null;
}

/** `today`, `yesterday`, `tomorrow` or a weekday name (`fullOnly`: no abbreviations), relative to `today`. */
function relativeDay(word: string, today: PlainDate, fullOnly: boolean | undefined): PlainDate | undefined {
  if (word === 'today') return today;
  if (word === 'yesterday') return addDays(today, -1);
  if (word === 'tomorrow') return addDays(today, 1);
  const weekday = weekdayNumber(word, fullOnly);
  return weekday === undefined ? undefined : mostRecentWeekday(weekday, today);
}

/** The year word at `tokens[at]`, if there is one. */
function yearAt(tokens: readonly Token[], at: number): number | undefined {
  const t = tokens[at];
  return t && !t.quoted && YEAR.test(t.lower) ? Number(t.lower) : undefined;
}

/**
 * A month and day read from the `used` tokens at `tokens[index]`, and the year after them if one follows: the date,
 * with `monthDay` set when it had no year.
 */
function monthDayDate(
  tokens: readonly Token[],
  index: number,
  used: number,
  month: number,
  day: number,
  today: PlainDate,
): DateParseResult {
  const year = yearAt(tokens, index + used);
  const consumed = year === undefined ? used : used + 1;
  const text = stripTrailing(
    tokens
      .slice(index, index + consumed)
      .map((t) => t.text)
      .join(' '),
  );
  const r = resolveMonthDay(month, day, year, today, text);
  if ('code' in r) return { ok: false, error: r };
  return year === undefined
    ? { ok: true, date: r, consumed, text, monthDay: { month, day } }
    : { ok: true, date: r, consumed, text };
}

/** `Nov 3 [2026]`: `month` is `tokens[index]`'s. A month with no day is refused, or in `strict` mode not a date. */
function parseMonthFirst(
  tokens: readonly Token[],
  index: number,
  month: number,
  today: PlainDate,
  strict: boolean | undefined,
): DateParseResult | null {
  const next = tokens[index + 1];
  const dayMatch = next && !next.quoted ? DAY.exec(next.lower) : null;
  if (dayMatch) return monthDayDate(tokens, index, 2, month, Number(dayMatch[1]), today);
  // "may review": a month name without a day is an ordinary word in a topic.
  if (strict) return null;
  const word = tokens[index]?.text ?? '';
  return {
    ok: false,
    error: {
      code: 'bad_date',
      message: `I can't read the date ${quoteWord(word)} — add the day, e.g. \`Nov 3\` or \`2026-11-03\``,
      word,
    },
  };
}

/** `3 Nov [2026]`, `3rd of November [2026]`. null: `tokens[index]` is not a day followed by a month. */
function parseDayFirst(tokens: readonly Token[], index: number, today: PlainDate): DateParseResult | null {
  const dayMatch = DAY.exec(tokens[index]?.lower ?? '');
  if (!dayMatch) return null;
  const ofSkip = tokens[index + 1]?.lower === 'of' ? 1 : 0;
  const monthToken = tokens[index + 1 + ofSkip];
  const month = monthToken && !monthToken.quoted ? MONTHS.get(monthToken.lower) : undefined;
  return month === undefined
    ? null
    : monthDayDate(tokens, index, 2 + ofSkip, month, Number(dayMatch[1]), today);
}

/**
 * Tries to read a date starting at `tokens[index]`, resolving relative forms against `today` (the local
 * date in the asker's zone). Returns `null` if the tokens don't look like a date at all.
 */
export function parseDateAt(
  tokens: readonly Token[],
  index: number,
  today: PlainDate,
  options: DateParseOptions = {},
): DateParseResult | null {
  const first = tokens[index];
  if (first === undefined || first.quoted) return null;
  const numeric = parseNumericDate(first);
  if (numeric !== null) return numeric;
  const relative = relativeDay(first.lower, today, options.strict);
  if (relative !== undefined) return { ok: true, date: relative, consumed: 1, text: first.text };
  const month = MONTHS.get(first.lower);
  if (month !== undefined) return parseMonthFirst(tokens, index, month, today, options.strict);
  return parseDayFirst(tokens, index, today);
}

/** Reads a whole string as one date (e.g. `"Nov 3, 2026"`), relative to `today`. */
export function parseDate(
  text: string,
  today: PlainDate,
): { ok: true; date: PlainDate } | { ok: false; error: ParseError } {
  const t = tokenize(text);
  if (!t.ok) return t;
  const r = parseDateAt(t.tokens, 0, today);
  if (r === null || (r.ok && r.consumed !== t.tokens.length)) {
    return { ok: false, error: badDate(text.trim()) };
  }
  return r.ok ? { ok: true, date: r.date } : r;
}
