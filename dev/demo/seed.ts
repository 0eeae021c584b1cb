/**
 * The demo's org: a handful of people in different time zones, a 1:1 space each with the bot, one group space,
 * and ~100 recordings over the last two months. Topics, formats and the rest come from a seeded PRNG, so every run
 * looks the same apart from the dates, which follow the real calendar: everyone has recordings today, yesterday and
 * on working days last week (in their own zone), a few shared with them by a colleague (seen once they `connect`),
 * and everything older falls on working days too.
 */
import { instantFromWallTime, wallTimeAt } from '../../src/core/time.js';
import type {
  EmulatedPerson,
  RecordingFormat,
  RecordingObject,
  RecordingServiceType,
  RecordingStatus,
  WebexEmulator,
  WebexRoom,
} from '../emulator/index.js';

export const BOT_NAME = 'Rec Bot';
export const GROUP_TITLE = 'Project Falcon';

interface PersonSpec {
  displayName: string;
  email: string;
  timezone: string;
}

/** Everyone a visitor can be; the first is the one the page starts as. */
export const DEMO_PEOPLE: readonly PersonSpec[] = [
  { displayName: 'Ann Lee', email: 'ann@example.com', timezone: 'America/Los_Angeles' },
  { displayName: 'Bob Roy', email: 'bob@example.com', timezone: 'America/New_York' },
  { displayName: 'Chiara Conti', email: 'chiara@example.com', timezone: 'Europe/Rome' },
  { displayName: 'Dev Patel', email: 'dev@example.com', timezone: 'Asia/Kolkata' },
  { displayName: 'Emi Sato', email: 'emi@example.com', timezone: 'Asia/Tokyo' },
];

export interface DemoSeed {
  bot: EmulatedPerson;
  /** Holds meeting:admin_recordings_read: the bot lists recordings with its token. Not offered on the page. */
  admin: EmulatedPerson;
  /** The people a visitor can be, in DEMO_PEOPLE order. */
  people: EmulatedPerson[];
  /** personId → that person's 1:1 space with the bot. */
  directRooms: Map<string, WebexRoom>;
  group: WebexRoom;
  recordings: RecordingObject[];
}

/** mulberry32: a tiny deterministic PRNG, so the seeded org is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TopicSpec {
  topic: string;
  serviceType: RecordingServiceType;
}

const meeting = (topic: string): TopicSpec => ({ topic, serviceType: 'MeetingCenter' });
const TOPICS: readonly TopicSpec[] = [
  meeting('Weekly sync'),
  meeting('Project Falcon standup'),
  meeting('Design review: onboarding flow'),
  meeting('Sprint planning'),
  meeting('Sprint retro'),
  meeting('Customer call – Acme Corp'),
  meeting('Architecture deep dive: event pipeline'),
  meeting('Roadmap sync'),
  meeting('Incident postmortem: login outage'),
  meeting('Hiring debrief'),
  meeting('Budget review Q3'),
  meeting('Product demo for Globex'),
  meeting('Marketing sync'),
  meeting('Data platform office hours'),
  { topic: 'Webinar: What’s new in Falcon 2.0', serviceType: 'EventCenter' },
  { topic: 'All-hands town hall', serviceType: 'EventCenter' },
  { topic: 'Launch event rehearsal', serviceType: 'EventCenter' },
  { topic: 'Security awareness training', serviceType: 'TrainingCenter' },
  { topic: 'Onboarding training: our tools', serviceType: 'TrainingCenter' },
  { topic: 'Webex tips & tricks', serviceType: 'TrainingCenter' },
  { topic: 'Support session #4821', serviceType: 'SupportCenter' },
  { topic: 'Support session #4907', serviceType: 'SupportCenter' },
];

/** The first person's previous week, in their zone: what `recordings last week` answers, with "Show more". */
const LAST_WEEK_TOPICS: readonly TopicSpec[] = [
  meeting('Weekly sync'),
  meeting('Project Falcon standup'),
  meeting('Design sync: settings page'),
  meeting('Customer call – Initech'),
  meeting('Sprint planning'),
  meeting('Sales & product sync'),
  { topic: 'Webinar: Falcon for admins', serviceType: 'EventCenter' },
  meeting('Project Falcon standup'),
  meeting('Architecture deep dive: caching'),
  { topic: 'Security awareness training', serviceType: 'TrainingCenter' },
  meeting('1:1 Ann / Bob'),
  meeting('Weekly sync'),
  meeting('Roadmap sync'),
  { topic: 'Support session #5012', serviceType: 'SupportCenter' },
];

interface Planned {
  host: PersonSpec;
  spec: TopicSpec;
  start: Date;
  status: RecordingStatus;
  format: RecordingFormat;
  preventDownload: boolean;
  /** Emails the host shared it with: listed for them with their own token ("Shared with you"). */
  sharedWith?: string[];
  /** Fixed length (today's recordings must have ended by now); a seeded random one otherwise. */
  durationSeconds?: number;
}

/** A wall-clock time in `zone` on the day `dayOffset` days from `base` (a zoned wall date), as an instant. */
function atWallTime(baseWall: Date, dayOffset: number, minutes: number, zone: string): Date {
  const wall = new Date(baseWall.getTime());
  wall.setUTCDate(wall.getUTCDate() + dayOffset);
  wall.setUTCHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  return instantFromWallTime(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: 0,
      millisecond: 0,
    },
    zone,
  );
}

/** Midnight (as a wall date in UTC fields) of the Monday of the week before `now`'s week, in `zone`. */
function previousMonday(now: Date, zone: string): Date {
  const wall = wallTimeAt(now, zone);
  const utcWall = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, 0, 0, 0, 0));
  const sinceMonday = (utcWall.getUTCDay() + 6) % 7;
  utcWall.setUTCDate(utcWall.getUTCDate() - sinceMonday - 7);
  return utcWall;
}

/** The local date (as a UTC-fields wall date) `daysAgo` days before `now` in `zone`. */
function localDay(now: Date, zone: string, daysAgo: number): Date {
  const wall = wallTimeAt(now, zone);
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day - daysAgo));
}

const isWeekend = (wallDate: Date) => wallDate.getUTCDay() === 0 || wallDate.getUTCDay() === 6;

/**
 * One recording earlier today and one yesterday for `host` (in their zone). Today's starts at 09:00 when that was over
 * an hour ago, else it is a short one that has just ended (whatever the hour, "recordings today" finds it).
 */
function todayAndYesterday(now: Date, host: PersonSpec, spec: TopicSpec, other: TopicSpec): Planned[] {
  const wall = wallTimeAt(now, host.timezone);
  const sinceMidnight = wall.hour * 60 + wall.minute;
  const today = localDay(now, host.timezone, 0);
  const early = sinceMidnight >= 10 * 60;
  const minutes = early ? 9 * 60 : Math.max(0, sinceMidnight - 20);
  const durationSeconds = early ? 45 * 60 : Math.max(60, Math.min(15, sinceMidnight - minutes - 1) * 60);
  const common = { host, status: 'available' as const, format: 'MP4' as const, preventDownload: false };
  return [
    { ...common, spec, start: atWallTime(today, 0, minutes, host.timezone), durationSeconds },
    { ...common, spec: other, start: atWallTime(today, -1, 14 * 60 + 30, host.timezone) },
  ];
}

/**
 * Everyone but the first person: working days last week (Monday, Wednesday, Friday in their zone). Everyone: two
 * recordings a colleague hosted and shared with them (Tuesday, Thursday in the host's zone).
 */
function lastWeekOfEveryone(
  now: Date,
  people: readonly PersonSpec[],
  pick: <T>(xs: readonly T[]) => T,
  formatOf: () => RecordingFormat,
): Planned[] {
  const out: Planned[] = [];
  const first = people[0];
  const rand = prng(1123);
  people.forEach((person, i) => {
    if (person !== first) {
      const monday = previousMonday(now, person.timezone);
      for (const day of [0, 2, 4]) {
        const start = atWallTime(monday, day, 10 * 60 + Math.floor(rand() * 24) * 15, person.timezone);
        out.push({
          host: person,
          spec: pick(TOPICS),
          start,
          status: 'available',
          format: formatOf(),
          preventDownload: false,
        });
      }
    }
    const host = people[(i + 1) % people.length];
    if (!host || host === person) return;
    const monday = previousMonday(now, host.timezone);
    for (const day of [1, 3]) {
      out.push({
        host,
        spec: pick(TOPICS),
        start: atWallTime(monday, day, 11 * 60, host.timezone),
        status: 'available',
        format: 'MP4',
        preventDownload: false,
        sharedWith: [person.email],
      });
    }
  });

  return out;
}

/** Plans the recordings (pure: same `now`, same plan). */
export function planRecordings(now: Date, people: readonly PersonSpec[] = DEMO_PEOPLE): Planned[] {
  const rand = prng(20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const formatOf = (): RecordingFormat => (rand() < 0.15 ? 'ARF' : 'MP4');
  const plans: Planned[] = [];
  const first = people[0];
  if (!first) return plans;
  const recent: Planned[] = people.flatMap((host) =>
    todayAndYesterday(now, host, pick(TOPICS), pick(TOPICS)),
  );

  // 14 for the first person last week, Monday to Friday, working hours in their zone.
  const monday = previousMonday(now, first.timezone);
  LAST_WEEK_TOPICS.forEach((spec, i) => {
    const day = i % 5;
    const minutes = 9 * 60 + ((i * 137) % (7 * 60));
    plans.push({
      host: first,
      spec,
      start: atWallTime(monday, day, minutes - (minutes % 15), first.timezone),
      status: 'available',
      format: i === 9 ? 'ARF' : 'MP4',
      // One whose site admin turned on "Prevent downloading": Play, no Download.
      preventDownload: i === 11,
    });
  });

  // Two in everyone's recycle bin last month (their zone), so `recordings last month deleted` finds some.
  for (const host of people) {
    const wallToday = wallTimeAt(now, host.timezone);
    const firstOfLastMonth = new Date(Date.UTC(wallToday.year, wallToday.month - 2, 1));
    for (const dayOfMonth of [8, 19]) {
      let day = dayOfMonth;
      const dateOf = (d: number) => new Date(firstOfLastMonth.getTime() + d * 86_400_000);
      while (isWeekend(dateOf(day))) day--;
      plans.push({
        host,
        spec: pick(TOPICS),
        start: atWallTime(firstOfLastMonth, day, 10 * 60 + Math.floor(rand() * 24) * 15, host.timezone),
        status: 'deleted',
        format: formatOf(),
        preventDownload: false,
      });
    }
  }

  plans.push(...lastWeekOfEveryone(now, people, pick, formatOf));

  // 56 more over the last 60 days, on working days, spread across everyone (the first person hosts a few more).
  const hosts = [first, first, ...people];
  for (let i = 0; i < 56; i++) {
    const host = pick(hosts);
    let daysAgo = 2 + Math.floor(rand() * 58);
    // A weekend moves back to the Friday before.
    while (isWeekend(localDay(now, host.timezone, daysAgo))) daysAgo++;
    const minutes = 8 * 60 + Math.floor(rand() * 36) * 15;
    const start = atWallTime(localDay(now, host.timezone, 0), -daysAgo, minutes, host.timezone);
    plans.push({
      host,
      spec: pick(TOPICS),
      start,
      status: i % 11 === 5 ? 'deleted' : 'available',
      format: formatOf(),
      preventDownload: false,
    });
  }
  return [...plans.filter((p) => p.start.getTime() < now.getTime() - 2 * 60 * 60 * 1000), ...recent];
}

const hex = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

/**
 * Seeds the emulator. `linkBase` is where Play/Download links point (the demo serves stand-in pages there), e.g.
 * `http://127.0.0.1:8090/_demo/recordings`.
 */
export function seedDemo(emulator: WebexEmulator, now: Date, linkBase: string): DemoSeed {
  const bot = emulator.addPerson({
    displayName: BOT_NAME,
    email: 'recbot@webex.bot',
    type: 'bot',
    firstName: 'Rec',
    lastName: 'Bot',
  });
  const admin = emulator.addPerson({
    displayName: 'Org Admin',
    email: 'admin@example.com',
    scopes: ['spark:all', 'meeting:admin_recordings_read'],
  });
  const people = DEMO_PEOPLE.map((p) => emulator.addPerson(p));
  const directRooms = new Map<string, WebexRoom>();
  for (const p of people) {
    directRooms.set(p.id, emulator.addRoom({ type: 'direct', memberIds: [p.id, bot.id] }));
  }
  const group = emulator.addRoom({
    type: 'group',
    title: GROUP_TITLE,
    memberIds: [...people.map((p) => p.id), bot.id],
  });

  const rand = prng(4821);
  const recordings = planRecordings(now).map((plan) => {
    const randomDuration = (15 + Math.floor(rand() * 16) * 5) * 60;
    const durationSeconds = plan.durationSeconds ?? randomDuration;
    const id = hex(rand, 32);
    const created = new Date(plan.start.getTime() + (durationSeconds + 300) * 1000);
    return emulator.addRecording({
      id,
      hostEmail: plan.host.email,
      hostDisplayName: plan.host.displayName,
      topic: plan.spec.topic,
      createTime: created.toISOString(),
      timeRecorded: plan.start.toISOString(),
      durationSeconds,
      sizeBytes: durationSeconds * (plan.format === 'ARF' ? 21_000 : 43_000),
      format: plan.format,
      serviceType: plan.spec.serviceType,
      status: plan.status,
      meetingSeriesId: hex(rand, 32),
      password: hex(rand, 8),
      siteUrl: 'example.webex.com',
      playbackUrl: `${linkBase}/${id}/play`,
      downloadUrl: plan.preventDownload ? '' : `${linkBase}/${id}/download`,
      ...(plan.sharedWith ? { sharedWith: plan.sharedWith } : {}),
    });
  });
  return { bot, admin, people, directRooms, group, recordings };
}
