import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dateInZone, instantFromWallTime, startOfDayInZone, wallTimeAt, } from '../../../src/parsing/date-range.js';
import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
import { addDays, compareDates, formatIsoDate } from '../../../src/parsing/plain-date.js';
import { toApiParams } from '../../../src/parsing/to-api-params.js';
import { queryKey } from '../../../src/parsing/normalize-query.js';
const ZONES = [
    'America/Los_Angeles',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Pacific/Apia',
    'America/Santiago',
    'America/Sao_Paulo',
    'America/Havana',
    'Asia/Beirut',
    'UTC',
];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/u;
const FORMATS = new Set(['MP4', 'ARF']);
const SERVICE_TYPES = new Set(['MeetingCenter', 'EventCenter', 'TrainingCenter', 'SupportCenter']);
const HOUR = 3_600_000;
const anyInstantArb = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-12-31T23:59:59Z'),
    noInvalidDate: true,
});
/** Random instants rarely hit a DST change; half the time pick one within a day of a known transition. */
const TRANSITIONS = [
    '2026-03-08T10:00:00Z', // US spring forward
    '2026-11-01T09:00:00Z', // US fall back
    '2026-03-29T01:00:00Z', // EU spring forward
    '2026-10-25T01:00:00Z', // EU fall back
    '2026-03-08T05:30:00Z', // St John's spring forward
    '2026-04-04T15:00:00Z', // Lord Howe: 02:00 +11 → 01:30 +10:30
    '2026-10-03T15:30:00Z', // Lord Howe: 02:00 +10:30 → 02:30 +11
    '2026-09-26T14:00:00Z', // Chatham: 02:45 +12:45 → 03:45 +13:45
    '2026-04-04T14:00:00Z', // Chatham: 03:45 +13:45 → 02:45 +12:45
    '2026-09-06T04:00:00Z', // Santiago: midnight doesn't exist
    '2018-11-04T03:00:00Z', // Sao Paulo: midnight didn't exist
    '2011-12-30T10:00:00Z', // Apia skipped Dec 30
].map((s) => new Date(s).getTime());
const nearTransitionArb = fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -30 * 3_600_000, max: 30 * 3_600_000 }))
    .map(([t, d]) => new Date(t + d));
const nowArb = fc.oneof(anyInstantArb, nearTransitionArb);
const zoneArb = fc.constantFrom(...ZONES);
const weekStartsOnArb = fc.option(fc.integer({ min: 0, max: 6 }), {
    nil: undefined,
});
const MONTHS = ['Jan', 'feb', 'March', 'apr', 'May', 'jun', 'July', 'aug', 'Sept', 'oct', 'November', 'Dec'];
const dateText = fc.oneof(fc
    .tuple(fc.integer({ min: 1960, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`), fc
    .tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 0, max: 32 }), fc.option(fc.integer({ min: 1990, max: 2110 })))
    .map(([m, d, y]) => (y === null ? `${m} ${d}` : `${m} ${d}, ${y}`)), fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.constantFrom(...MONTHS), fc.option(fc.integer({ min: 1990, max: 2110 })))
    .map(([d, m, y]) => (y === null ? `${d} ${m}` : `${d} ${m} ${y}`)), fc.constantFrom('today', 'yesterday', 'tomorrow', 'monday', 'Sun', 'friday', '11/03', '03/11/2026'));
const whenArb = fc.oneof(fc.constantFrom('today', 'yesterday', 'this week', 'last week', 'this month', 'last month', 'last day', 'saturday'), fc
    .tuple(fc.integer({ min: -1, max: 4000 }), fc.constantFrom('day', 'days', 'week', 'weeks', 'month', 'months'))
    .map(([n, u]) => `last ${n} ${u}`), dateText.map((d) => `since ${d}`), dateText.map((d) => `on ${d}`), dateText, fc.tuple(dateText, dateText).map(([a, b]) => `from ${a} to ${b}`), fc.tuple(dateText, dateText).map(([a, b]) => `between ${a} and ${b}`), fc.constantFrom('last monday', 'last wed'));
const wordArb = fc.constantFrom('sync', 'Weekly', 'all-hands', 'Q3', 'on', 'call', 'review', 'the', 'may');
const filterArb = fc.oneof(fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((ws) => `topic ${ws.join(' ')}`), fc.array(wordArb, { minLength: 0, maxLength: 3 }).map((ws) => `topic \u201C${ws.join(' ')}\u201D`), fc.constantFrom('mp4', 'ARF', 'mov').map((f) => `format ${f}`), fc.constantFrom('meeting', 'event', 'training', 'support', 'webinar').map((t) => `type ${t}`), fc.constant('deleted'), fc
    .constantFrom('f91b6edce9864428af084977b7c68291', 'f91b6edce9864428af084977b7c68291_I_1666', 'x')
    .map((id) => `meeting ${id}`), fc.constantFrom('example.webex.com', 'https://Example.WEBEX.com/x', 'nope').map((s) => `site ${s}`), fc.constantFrom('abc', '"my tag"').map((t) => `tag ${t}`), fc.tuple(fc.constantFrom('max', 'top'), fc.integer({ min: -5, max: 150 })).map(([k, n]) => `${k} ${n}`));
const phraseArb = fc
    .tuple(fc.option(whenArb, { nil: undefined }), fc.array(filterArb, { maxLength: 4 }), fc.boolean())
    .chain(([when, filters, upper]) => fc
    .shuffledSubarray(when === undefined ? filters : [when, ...filters], {
    minLength: when === undefined ? filters.length : filters.length + 1,
})
    .map((parts) => (upper ? parts.join(' ').toUpperCase() : parts.join(' '))));
const junkArb = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc
    .array(fc.oneof(fc.constantFrom('last', 'this', 'from', 'to', 'between', 'and', 'on', 'since', 'topic', '"', '\u201C', ',', '-'), wordArb, dateText, fc.integer().map(String)), { maxLength: 8 })
    .map((ws) => ws.join(' ')));
function checkResult(r, now, zone) {
    if (!r.ok) {
        assert.notEqual(r.error.code, 'internal', r.error.message);
        assert.equal(typeof r.error.message, 'string');
        assert.ok(r.error.message.length > 0);
        return;
    }
    const { from, to, kind } = r.query.range;
    assert.ok(from instanceof Date && !Number.isNaN(from.getTime()), 'from valid');
    assert.ok(to instanceof Date && !Number.isNaN(to.getTime()), 'to valid');
    assert.ok(from.getTime() < to.getTime(), `from < to: ${from.toISOString()} ${to.toISOString()}`);
    assert.ok(from.getTime() <= now.getTime(), 'not entirely in the future');
    if (kind === 'rolling')
        assert.equal(to.getTime(), now.getTime(), 'rolling ranges end now');
    else {
        // Calendar ranges start and end at the first instant of a local day.
        for (const edge of [from, to]) {
            const before = dateInZone(new Date(edge.getTime() - 1), zone);
            assert.ok(compareDates(before, dateInZone(edge, zone)) < 0, `${edge.toISOString()} starts a day in ${zone}`);
        }
    }
    const params = toApiParams(r.query);
    assert.match(params['from'] ?? '', ISO_WITH_OFFSET);
    assert.match(params['to'] ?? '', ISO_WITH_OFFSET);
    assert.equal(new Date(params['from'] ?? '').getTime(), from.getTime());
    assert.equal(new Date(params['to'] ?? '').getTime(), to.getTime());
    const { max, format, serviceType } = r.query;
    if (max !== undefined)
        assert.ok(Number.isInteger(max) && max >= 1 && max <= 100, `max ${max}`);
    if (format !== undefined)
        assert.ok(FORMATS.has(format));
    if (serviceType !== undefined)
        assert.ok(SERVICE_TYPES.has(serviceType));
    assert.equal(typeof queryKey(r.query, 60_000), 'string');
}
describe('parser properties', () => {
    it('never throws on arbitrary text; any success is well-formed', () => {
        fc.assert(fc.property(junkArb, nowArb, zoneArb, weekStartsOnArb, (text, now, zone, ws) => {
            const r = parseRecordingsQuery(text, now, zone, ws === undefined ? undefined : { weekStartsOn: ws });
            checkResult(r, now, zone);
        }), { numRuns: 600 });
    });
    it('phrases from the grammar parse to well-formed queries or friendly errors', () => {
        let oks = 0;
        fc.assert(fc.property(phraseArb, nowArb, zoneArb, weekStartsOnArb, (text, now, zone, ws) => {
            const r = parseRecordingsQuery(text, now, zone, ws === undefined ? undefined : { weekStartsOn: ws });
            if (r.ok)
                oks++;
            checkResult(r, now, zone);
        }), { numRuns: 1000 });
        assert.ok(oks > 100, `only ${oks} successful parses — generator too hostile`);
    });
    it('calendar keywords give whole local days of 23..25 hours each', () => {
        fc.assert(fc.property(fc.constantFrom('today', 'yesterday', 'this week', 'last week', 'this month', 'last month'), nowArb, zoneArb.filter((z) => z !== 'Pacific/Apia'), // skipped a whole day in 2011: that week had 6 days
        (phrase, now, zone) => {
            const r = parseRecordingsQuery(phrase, now, zone);
            assert.ok(r.ok, JSON.stringify(r));
            const hours = (r.query.range.to.getTime() - r.query.range.from.getTime()) / HOUR;
            const days = phrase.endsWith('week') ? 7 : phrase.endsWith('month') ? Math.round(hours / 24) : 1;
            assert.ok(hours >= days * 24 - 2 && hours <= days * 24 + 2, `${phrase} in ${zone}: ${hours} h`);
            assert.ok(days >= 1 && days <= 31);
        }), { numRuns: 300 });
    });
});
describe('zone math properties', () => {
    it('wall time → instant → wall time round-trips (earliest instant for repeated wall times)', () => {
        fc.assert(fc.property(nowArb, zoneArb, (t, zone) => {
            const wall = wallTimeAt(t, zone);
            const back = instantFromWallTime(wall, zone);
            assert.ok(back.getTime() <= t.getTime());
            assert.deepEqual(wallTimeAt(back, zone), wall);
        }), { numRuns: 500 });
    });
    it('startOfDayInZone is the first instant of that local day', () => {
        fc.assert(fc.property(nowArb, zoneArb, (t, zone) => {
            const day = dateInZone(t, zone);
            const start = startOfDayInZone(day, zone);
            assert.ok(start.getTime() <= t.getTime());
            assert.equal(formatIsoDate(dateInZone(start, zone)), formatIsoDate(day));
            const before = dateInZone(new Date(start.getTime() - 1), zone);
            assert.ok(compareDates(before, day) < 0, `${formatIsoDate(before)} < ${formatIsoDate(day)} in ${zone}`);
            // …and the next day starts 23..25 hours later (Lord Howe: 23.5/24.5).
            const next = startOfDayInZone(addDays(day, 1), zone);
            const hours = (next.getTime() - start.getTime()) / HOUR;
            assert.ok(hours >= 23 && hours <= 25, `${formatIsoDate(day)} in ${zone} is ${hours} h`);
        }), { numRuns: 500 });
    });
    it('never folds a filter keyword with a bad value into an unquoted topic', () => {
        const word = fc.constantFrom('sync', 'weekly', 'review', 'Falcon', 'retro', 'Q3', 'planning');
        const bad = fc.constantFrom('max 0', 'max 500', 'top 101', 'format mov', 'type party', 'site not_a_site!');
        fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), bad, (words, tail) => {
            const r = parseRecordingsQuery(`topic ${words.join(' ')} ${tail}`, new Date('2026-11-25T12:00:00Z'), 'UTC');
            assert.equal(r.ok, false);
            if (!r.ok)
                assert.equal(r.error.code, 'bad_value');
        }));
    });
});
//# sourceMappingURL=properties.test.js.map