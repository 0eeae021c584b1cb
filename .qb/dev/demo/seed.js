/**
 * The demo's org: a handful of people in different time zones, a 1:1 space each with the bot, one group space,
 * and ~80 recordings over the last two months. Topics, formats and the rest come from a seeded PRNG, so every run
 * looks the same apart from the dates, which follow the real calendar (so "recordings last week" always finds some).
 */
import { instantFromWallTime, wallTimeAt } from '../../src/core/time.js';
export const BOT_NAME = 'Rec Bot';
export const GROUP_TITLE = 'Project Falcon';
/** Everyone a visitor can be; the first is the one the page starts as. */
export const DEMO_PEOPLE = [
    { displayName: 'Ann Lee', email: 'ann@example.com', timezone: 'America/Los_Angeles' },
    { displayName: 'Bob Roy', email: 'bob@example.com', timezone: 'America/New_York' },
    { displayName: 'Chiara Conti', email: 'chiara@example.com', timezone: 'Europe/Rome' },
    { displayName: 'Dev Patel', email: 'dev@example.com', timezone: 'Asia/Kolkata' },
    { displayName: 'Emi Sato', email: 'emi@example.com', timezone: 'Asia/Tokyo' },
];
/** mulberry32: a tiny deterministic PRNG, so the seeded org is the same on every run. */
export function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const meeting = (topic) => ({ topic, serviceType: 'MeetingCenter' });
const TOPICS = [
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
const LAST_WEEK_TOPICS = [
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
/** A wall-clock time in `zone` on the day `dayOffset` days from `base` (a zoned wall date), as an instant. */
function atWallTime(baseWall, dayOffset, minutes, zone) {
    const wall = new Date(baseWall.getTime());
    wall.setUTCDate(wall.getUTCDate() + dayOffset);
    wall.setUTCHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
    return instantFromWallTime({
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: 0,
        millisecond: 0,
    }, zone);
}
/** Midnight (as a wall date in UTC fields) of the Monday of the week before `now`'s week, in `zone`. */
function previousMonday(now, zone) {
    const wall = wallTimeAt(now, zone);
    const utcWall = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, 0, 0, 0, 0));
    const sinceMonday = (utcWall.getUTCDay() + 6) % 7;
    utcWall.setUTCDate(utcWall.getUTCDate() - sinceMonday - 7);
    return utcWall;
}
/** Plans the recordings (pure: same `now`, same plan). */
export function planRecordings(now, people = DEMO_PEOPLE) {
    const rand = prng(20261125);
    const pick = (xs) => xs[Math.floor(rand() * xs.length)];
    const formatOf = () => (rand() < 0.15 ? 'ARF' : 'MP4');
    const plans = [];
    const first = people[0];
    if (!first)
        return plans;
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
        for (const day of [6, 19]) {
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
    // 56 more over the last 60 days, spread across everyone (the first person hosts a few more than the rest).
    const hosts = [first, first, ...people];
    for (let i = 0; i < 56; i++) {
        const host = pick(hosts);
        const daysAgo = 1 + Math.floor(rand() * 59);
        const wallToday = wallTimeAt(now, host.timezone);
        const base = new Date(Date.UTC(wallToday.year, wallToday.month - 1, wallToday.day));
        const minutes = 8 * 60 + Math.floor(rand() * 36) * 15;
        const start = atWallTime(base, -daysAgo, minutes, host.timezone);
        plans.push({
            host,
            spec: pick(TOPICS),
            start,
            status: i % 11 === 5 ? 'deleted' : 'available',
            format: formatOf(),
            preventDownload: false,
        });
    }
    return plans.filter((p) => p.start.getTime() < now.getTime() - 2 * 60 * 60 * 1000);
}
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
/**
 * Seeds the emulator. `linkBase` is where Play/Download links point (the demo serves stand-in pages there), e.g.
 * `http://127.0.0.1:8090/_demo/recordings`.
 */
export function seedDemo(emulator, now, linkBase) {
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
    const directRooms = new Map();
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
        const durationSeconds = (15 + Math.floor(rand() * 16) * 5) * 60;
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
        });
    });
    return { bot, admin, people, directRooms, group, recordings };
}
//# sourceMappingURL=seed.js.map