/**
 * The `digest daily at 9:00 [zone] [filters] [even if empty]` phrase (the words after `digest`). Pure; never throws.
 *
 * - Cadence: `daily` / `every day`, `weekdays` / `every weekday`, `weekly on monday` / `every monday` / `mondays`.
 * - Time: `at 9:00`, `at 09:30`, `at 9`, `at 9am`, `at 5:30 pm` (24-hour unless am/pm).
 * - Zone: an IANA name anywhere before the filters (`Europe/Berlin`, `UTC`); else the person's zone.
 * - Filters: the recordings filters `topic`, `format`, `type`, `site`, `tag`, read by the recordings parser. A time
 *   range, `deleted`, `meeting`, `max` or anything else is refused: a digest's window is implicit.
 * - `even if empty`: post a card even when nothing is new.
 */
import { escapeMarkdown, quote as quoteWord } from '../../core/markdown.js';
import { canonicalTimeZone } from '../../core/time.js';
import { weekdayNumber } from '../../parsing/parse-date.js';
import { parseRecordingsQuery } from '../../parsing/parse-recordings-query.js';
import type { RecordingsQuery } from '../../parsing/recordings-query.js';
import { tokenize, type Token } from '../../parsing/tokenize.js';
import type { Cadence, DigestFilters } from './schedule.js';

export interface DigestRequest {
  cadence: Cadence;
  weekday?: number;
  hour: number;
  minute: number;
  /** Canonical IANA name when one was given. */
  timeZone?: string;
  filters: DigestFilters;
  evenIfEmpty: boolean;
}

export type DigestParseResult = { ok: true; request: DigestRequest } | { ok: false; message: string };

export const DIGEST_EXAMPLES = [
  'digest daily at 9:00',
  'digest weekdays at 8:30 topic standup',
  'digest weekly on monday at 8:00 Europe/Berlin format mp4',
  'digest daily at 17:00 type event even if empty',
];

const USAGE =
  'Say when, e.g. `digest daily at 9:00`, `digest weekdays at 8:30` or `digest weekly on monday at 8:00` — then optionally a time zone (`Europe/Berlin`) and filters (`topic sync`, `format mp4`, `type event`, `site …`, `tag …`).';

/** Query fields a digest filter may set; everything else the recordings parser can produce is refused. */
const ALLOWED_FILTERS: ReadonlySet<string> = new Set([
  'topic',
  'format',
  'serviceType',
  'siteUrl',
  'integrationTag',
]);
const REFUSED_WORDS: Record<string, string> = {
  status: '`deleted`',
  meetingId: '`meeting`',
  max: '`max`/`top`',
  hostEmail: '`host`',
};

const EVEN_IF = /^(if|when)$/u;
const ZONE_TRAILING_PUNCTUATION = /[,;.]$/u;
const ZONE_SHAPE = /^(?:[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT|Etc\/[A-Za-z0-9+-]+)$/u;

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** `9`, `9:30`, `09.30`, `9am`, `9:30pm` (am/pm possibly the next token). */
function readTime(
  tokens: readonly Token[],
  i: number,
): { ok: true; hour: number; minute: number; next: number } | { ok: false; message: string } {
  const t = tokens[i];
  if (!t || t.quoted) return fail(`'at' needs a time after it, e.g. \`at 9:00\` or \`at 17:30\``);
  let word = t.lower;
  let next = i + 1;
  const following = tokens[i + 1];
  if (following && !following.quoted && /^(am|pm|a\.m\.|p\.m\.)$/u.test(following.lower)) {
    word += following.lower;
    next++;
  }
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/u.exec(word.replace(/\.$/u, '.'));
  if (!m)
    return fail(`I can't read the time ${quoteWord(t.text)} — write it like \`9:00\`, \`17:30\` or \`9am\``);
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.replace(/\./gu, '');
  if (half) {
    if (hour < 1 || hour > 12)
      return fail(`${quoteWord(t.text)} isn't a time: with am/pm the hour is 1 to 12`);
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return fail(`${quoteWord(t.text)} isn't a time of day — use 00:00 to 23:59`);
  return { ok: true, hour, minute, next };
}

/** `mondays` → 1. */
function pluralWeekday(word: string): number | undefined {
  return word.endsWith('s') ? weekdayNumber(word.slice(0, -1)) : undefined;
}

function quoteToken(t: Token): string {
  return t.quoted ? `"${t.text}"` : t.text;
}

function checkFilters(query: RecordingsQuery): DigestFilters | { ok: false; message: string } {
  if (!query.range.isDefault) {
    return fail(
      `A digest's time window is implicit (everything new since the previous digest), so ${quoteWord(query.range.label)} can't be used here.`,
    );
  }
  const filters: DigestFilters = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'range' || key === 'timeZone' || value === undefined) continue;
    if (!ALLOWED_FILTERS.has(key)) {
      const word = REFUSED_WORDS[key] ?? `\`${escapeMarkdown(key)}\``;
      return fail(
        `${word} can't be used in a digest. Digest filters: \`topic\`, \`format\`, \`type\`, \`site\`, \`tag\`.`,
      );
    }
    (filters as Record<string, unknown>)[key] = value;
  }
  return filters;
}

/** `even if empty` / `even when empty`, wherever it is: the other tokens, and whether it was there. */
function takeEvenIfEmpty(tokens: readonly Token[]): { tokens: Token[]; evenIfEmpty: boolean } {
  let evenIfEmpty = false;
  const kept: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [a, b, c] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (
      a &&
      b &&
      c &&
      !a.quoted &&
      !b.quoted &&
      !c.quoted &&
      a.lower === 'even' &&
      EVEN_IF.test(b.lower) &&
      c.lower === 'empty'
    ) {
      evenIfEmpty = true;
      i += 2;
      continue;
    }
    if (a) kept.push(a);
  }
  return { tokens: kept, evenIfEmpty };
}

/**
 * The cadence the request starts with: `daily`, `every day`, `weekdays`, `every weekday`, `weekly`, `mondays`,
 * `every monday`. undefined when it starts with none.
 */
function readCadence(
  tokens: readonly Token[],
): { cadence: Cadence; weekday: number | undefined; next: number } | undefined {
  const first = tokens[0];
  if (!first || first.quoted) return undefined;
  const w = first.lower;
  if (w === 'daily' || w === 'everyday') return { cadence: 'daily', weekday: undefined, next: 1 };
  if (w === 'weekdays' || w === 'workdays') return { cadence: 'weekdays', weekday: undefined, next: 1 };
  if (w === 'weekly') return { cadence: 'weekly', weekday: undefined, next: 1 };
  const weekdays = pluralWeekday(w);
  if (weekdays !== undefined) return { cadence: 'weekly', weekday: weekdays, next: 1 };
  const second = tokens[1];
  if (w !== 'every' || !second || second.quoted) return undefined;
  const v = second.lower;
  if (v === 'day') return { cadence: 'daily', weekday: undefined, next: 2 };
  if (v === 'weekday' || v === 'workday') return { cadence: 'weekdays', weekday: undefined, next: 2 };
  const weekday = weekdayNumber(v);
  return weekday === undefined ? undefined : { cadence: 'weekly', weekday, next: 2 };
}

/** `on monday` at `tokens[i]`, for a digest with `cadence` and maybe a weekday already: the weekday. */
function readOnWeekday(
  tokens: readonly Token[],
  i: number,
  cadence: Cadence,
  weekday: number | undefined,
): number | { ok: false; message: string } {
  const d = tokens[i + 1];
  const n = d && !d.quoted ? (weekdayNumber(d.lower) ?? pluralWeekday(d.lower)) : undefined;
  if (n === undefined)
    return fail(`'on' needs a weekday after it, e.g. \`digest weekly on monday at 8:00\`.`);
  if (cadence !== 'weekly')
    return fail(
      `A ${cadence} digest has no weekday; for one day a week say \`digest weekly on ${d?.lower ?? 'monday'} at …\`.`,
    );
  if (weekday !== undefined && weekday !== n) return fail('Give one weekday only.');
  return n;
}

/** A word shaped like a zone name (`Europe/Berlin`, `UTC`): its canonical name, unless unknown or a second one. */
function readZone(name: string, timeZone: string | undefined): string | { ok: false; message: string } {
  const zone = canonicalTimeZone(name);
  if (!zone) {
    return fail(
      `${quoteWord(name)} isn't a time zone I know. Use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`,
    );
  }
  if (timeZone) return fail('Give one time zone only.');
  return zone;
}

interface Schedule {
  cadence: Cadence;
  weekday?: number;
  time?: { hour: number; minute: number };
  timeZone?: string;
  /** The index of the first word after the schedule: the filters start there. */
  next: number;
}

/** The cadence, then the schedule words in any order (`at …`, `on …`, a zone) up to the first word that isn't one. */
function readSchedule(tokens: readonly Token[], text: string): Schedule | { ok: false; message: string } {
  const start = readCadence(tokens);
  if (!start) {
    const first = tokens[0];
    return fail(`I didn't understand ${quoteWord(first ? quoteToken(first) : text)} as a schedule. ${USAGE}`);
  }
  const { cadence } = start;
  let { weekday, next } = start;
  let time: Schedule['time'];
  let timeZone: string | undefined;
  for (;;) {
    const t = tokens[next];
    if (!t || t.quoted) break;
    if (t.lower === 'at') {
      if (time) return fail('Give one time only, e.g. `digest daily at 9:00`.');
      const r = readTime(tokens, next + 1);
      if (!r.ok) return r;
      time = { hour: r.hour, minute: r.minute };
      next = r.next;
    } else if (t.lower === 'on') {
      const day = readOnWeekday(tokens, next, cadence, weekday);
      if (typeof day !== 'number') return day;
      weekday = day;
      next += 2;
    } else {
      const name = t.text.replace(ZONE_TRAILING_PUNCTUATION, '');
      if (!ZONE_SHAPE.test(name)) break;
      const zone = readZone(name, timeZone);
      if (typeof zone !== 'string') return zone;
      timeZone = zone;
      next++;
    }
  }
  return { cadence, weekday, time, timeZone, next };
}

/** The words after the schedule, read as recordings filters and held to those a digest allows. */
function readFilters(
  tokens: readonly Token[],
  now: Date,
  timeZone: string | undefined,
): DigestFilters | { ok: false; message: string } {
  const rest = tokens.map(quoteToken).join(' ');
  if (!rest.trim()) return {};
  const parsed = parseRecordingsQuery(rest, now, timeZone ?? 'UTC');
  if (!parsed.ok) return fail(parsed.error.message);
  return checkFilters(parsed.query);
}

export function parseDigestRequest(text: string, now: Date): DigestParseResult {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return fail(tokenized.error.message);
  if (tokenized.tokens.length === 0) return fail(USAGE);
  const { tokens, evenIfEmpty } = takeEvenIfEmpty(tokenized.tokens);
  const schedule = readSchedule(tokens, text);
  if ('ok' in schedule) return schedule;
  const { cadence, weekday, time, timeZone, next } = schedule;
  if (!time)
    return fail(
      `When should it be sent? Add a time, e.g. \`digest ${cadence === 'weekly' ? 'weekly on monday' : cadence} at 9:00\`.`,
    );
  if (cadence === 'weekly' && weekday === undefined) {
    return fail('On which day? e.g. `digest weekly on monday at 8:00`.');
  }
  const filters = readFilters(tokens.slice(next), now, timeZone);
  if ('ok' in filters) return filters;
  const request: DigestRequest = { cadence, hour: time.hour, minute: time.minute, filters, evenIfEmpty };
  if (weekday !== undefined) request.weekday = weekday;
  if (timeZone) request.timeZone = timeZone;
  return { ok: true, request };
}
