/**
 * Digest schedules: pure functions from a schedule and an instant to the next run, in the subscriber's zone.
 *
 * The recurrence is a cron pattern evaluated by croner in the schedule's IANA zone, so 09:00 stays 09:00 local
 * across DST (never "+24 hours"). Two DST rules are ours, applied on top of croner's answer and tested:
 * - a local time that doesn't exist that day (spring forward, e.g. 02:30 in New York on 8 Mar 2026) runs at the next
 *   valid minute (03:00), as Vixie cron does; croner alone would shift it by the gap (03:30);
 * - a local time that happens twice (fall back) runs once, at its first occurrence. croner mostly does that, but when
 *   asked from inside the repeated hour it answers the first occurrence even though it is already past; such answers
 *   are skipped to the next local day.
 */
import { Cron } from 'croner';
import { isValidTimeZone, wallTimeAt } from '../../core/time.js';
import { startOfDayInZone } from '../../parsing/date-range.js';
import { addDays } from '../../parsing/plain-date.js';
import type { RecordingFormat, ServiceType } from '../../parsing/recordings-query.js';

export type Cadence = 'daily' | 'weekdays' | 'weekly';

export interface Schedule {
  cadence: Cadence;
  /** 0 = Sunday … 6 = Saturday; weekly only. */
  weekday?: number | undefined;
  hour: number;
  minute: number;
  /** IANA zone the times are in. */
  timeZone: string;
}

/** The recordings filters a digest may use (the time window is implicit). */
export interface DigestFilters {
  topic?: string;
  format?: RecordingFormat;
  serviceType?: ServiceType;
  siteUrl?: string;
  integrationTag?: string;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function cronPattern(s: Schedule): string {
  const dow = s.cadence === 'daily' ? '*' : s.cadence === 'weekdays' ? '1-5' : String(s.weekday ?? 1);
  return `${s.minute} ${s.hour} * * ${dow}`;
}

const crons = new Map<string, Cron>();

function cronFor(s: Schedule): Cron {
  const key = `${cronPattern(s)}|${s.timeZone}`;
  let c = crons.get(key);
  if (!c) {
    if (!isValidTimeZone(s.timeZone)) throw new RangeError(`unknown time zone ${String(s.timeZone)}`);
    // paused: croner is only asked questions, it never runs anything.
    c = new Cron(cronPattern(s), { timezone: s.timeZone, paused: true });
    if (crons.size > 1000) crons.clear();
    crons.set(key, c);
  }
  return c;
}

const minutesOfDay = (w: { hour: number; minute: number }) => w.hour * 60 + w.minute;

/** When croner's answer isn't the wanted wall time, that time was skipped that day: use the first valid minute after. */
function nextValidMinute(candidate: Date, s: Schedule): Date {
  const wall = wallTimeAt(candidate, s.timeZone);
  const wanted = s.hour * 60 + s.minute;
  if (minutesOfDay(wall) === wanted) return candidate;
  let t = candidate.getTime();
  for (let i = 0; i < 24 * 60; i++) {
    const earlier = wallTimeAt(new Date(t - 60_000), s.timeZone);
    const sameDay = earlier.day === wall.day && earlier.month === wall.month && earlier.year === wall.year;
    if (!sameDay || minutesOfDay(earlier) < wanted) break;
    t -= 60_000;
  }
  return new Date(t);
}

/** The first run strictly after `after`. */
export function nextRun(s: Schedule, after: Date): Date {
  const cron = cronFor(s);
  let ref = after;
  for (let attempt = 0; attempt < 8; attempt++) {
    const raw = cron.nextRun(ref);
    if (!raw) throw new Error(`no next run for ${cronPattern(s)} in ${s.timeZone}`);
    const run = nextValidMinute(raw, s);
    if (run.getTime() > after.getTime()) return run;
    // An occurrence that is already past (the repeated hour): look from the start of the next local day.
    const day = wallTimeAt(raw, s.timeZone);
    const nextDay = startOfDayInZone(addDays(day, 1), s.timeZone);
    ref = new Date(Math.max(ref.getTime() + 60_000, nextDay.getTime() - 1));
  }
  throw new Error(
    `could not find the next run of ${cronPattern(s)} in ${s.timeZone} after ${after.toISOString()}`,
  );
}

/** The run before `run` (one period back): where the first digest's window starts. */
export function previousRun(s: Schedule, run: Date): Date {
  // Walk forward from 8 local days back (more than any period) and keep the last run before `run`.
  const start = wallTimeAt(run, s.timeZone);
  let t = startOfDayInZone(addDays(start, -8), s.timeZone);
  let last: Date | undefined;
  for (let i = 0; i < 16; i++) {
    const n = nextRun(s, t);
    if (n.getTime() >= run.getTime()) break;
    last = n;
    t = n;
  }
  return last ?? new Date(run.getTime() - 86_400_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "every day at 09:00", "every weekday (Mon–Fri) at 08:30", "every Monday at 08:00". */
export function describeSchedule(s: Schedule): string {
  const at = `at ${pad(s.hour)}:${pad(s.minute)}`;
  if (s.cadence === 'daily') return `every day ${at}`;
  if (s.cadence === 'weekdays') return `every weekday (Mon–Fri) ${at}`;
  return `every ${WEEKDAY_NAMES[s.weekday ?? 1] ?? 'Monday'} ${at}`;
}
