import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDaysInZone, addMonthsInZone, dayRange, instantFromWallTime, isValidTimeZone, monthRange, splitRange, startOfDayInZone, wallTimeAt, weekRange, } from '../../../src/parsing/date-range.js';
import { parseDate } from '../../../src/parsing/parse-date.js';
const iso = (d) => d.toISOString();
const at = (s) => new Date(s).toISOString();
const wall = (y, mo, d, h = 0, mi = 0) => ({
    year: y,
    month: mo,
    day: d,
    hour: h,
    minute: mi,
    second: 0,
    millisecond: 0,
});
describe('date-range helpers', () => {
    it('reads wall-clock time in odd-offset zones', () => {
        const t = new Date('2026-01-15T00:00:00Z');
        assert.deepEqual(wallTimeAt(t, 'Pacific/Chatham'), wall(2026, 1, 15, 13, 45)); // +13:45 (summer)
        assert.deepEqual(wallTimeAt(t, 'Asia/Kathmandu'), wall(2026, 1, 15, 5, 45));
        assert.deepEqual(wallTimeAt(t, 'America/St_Johns'), wall(2026, 1, 14, 20, 30)); // -03:30
        assert.deepEqual(wallTimeAt(t, 'Pacific/Kiritimati'), wall(2026, 1, 15, 14, 0));
        assert.deepEqual(wallTimeAt(t, 'Pacific/Pago_Pago'), wall(2026, 1, 14, 13, 0));
        assert.deepEqual(wallTimeAt(new Date('2026-01-15T00:00:00.123Z'), 'UTC'), {
            ...wall(2026, 1, 15),
            millisecond: 123,
        });
    });
    it('converts wall time to an instant: gaps move forward, repeats take the earlier', () => {
        const LA = 'America/Los_Angeles';
        assert.equal(iso(instantFromWallTime(wall(2026, 3, 8, 2, 30), LA)), at('2026-03-08T03:30:00-07:00'));
        assert.equal(iso(instantFromWallTime(wall(2026, 11, 1, 1, 30), LA)), at('2026-11-01T01:30:00-07:00'));
        assert.equal(iso(instantFromWallTime(wall(2026, 7, 1, 9, 15), LA)), at('2026-07-01T09:15:00-07:00'));
        assert.equal(iso(instantFromWallTime(wall(2026, 10, 4, 2, 15), 'Australia/Lord_Howe')), at('2026-10-04T02:45:00+11:00'));
    });
    it('starts a day at its first existing instant', () => {
        assert.equal(iso(startOfDayInZone({ year: 2026, month: 9, day: 6 }, 'America/Santiago')), at('2026-09-06T01:00:00-03:00'));
        assert.equal(iso(startOfDayInZone({ year: 2026, month: 11, day: 3 }, 'Asia/Kolkata')), at('2026-11-03T00:00:00+05:30'));
        // Apia skipped Dec 30 2011: its "start" is the start of Dec 31, so the day is empty.
        const apia = dayRange({ year: 2011, month: 12, day: 30 }, 'Pacific/Apia');
        assert.equal(iso(apia.from), at('2011-12-31T00:00:00+14:00'));
        assert.equal(iso(apia.from), iso(apia.to));
    });
    it('moves by calendar days and months on the wall clock', () => {
        const LA = 'America/Los_Angeles';
        assert.equal(iso(addDaysInZone(new Date('2026-03-09T01:00:00-07:00'), -1, LA)), at('2026-03-08T01:00:00-08:00'));
        assert.equal(iso(addDaysInZone(new Date('2026-03-07T12:00:00-08:00'), 3, LA)), at('2026-03-10T12:00:00-07:00'));
        assert.equal(iso(addMonthsInZone(new Date('2026-03-31T09:00:00-07:00'), -1, LA)), at('2026-02-28T09:00:00-08:00'));
        assert.equal(iso(addMonthsInZone(new Date('2024-03-31T09:00:00-07:00'), -1, LA)), at('2024-02-29T09:00:00-08:00'));
    });
    it('computes weeks for every weekStartsOn (Kolkata, Wed Nov 4 2026)', () => {
        const now = new Date('2026-11-04T02:00:00+05:30');
        const starts = ['11-01', '11-02', '11-03', '11-04', '10-29', '10-30', '10-31'];
        starts.forEach((md, ws) => {
            const r = weekRange(now, 'Asia/Kolkata', ws);
            assert.equal(iso(r.from), at(`2026-${md}T00:00:00+05:30`), `weekStartsOn=${ws}`);
            assert.equal(r.to.getTime() - r.from.getTime(), 7 * 86_400_000);
        });
        const last = weekRange(now, 'Asia/Kolkata', 1, -1);
        assert.equal(iso(last.from), at('2026-10-26T00:00:00+05:30'));
        const feb = monthRange(new Date('2026-03-15T12:00:00+05:30'), 'Asia/Kolkata', -1);
        assert.equal(iso(feb.from), at('2026-02-01T00:00:00+05:30'));
        assert.equal(iso(feb.to), at('2026-03-01T00:00:00+05:30'));
    });
    it('splits long ranges into windows, newest first', () => {
        const from = new Date('2026-01-01T00:00:00Z');
        const to = new Date('2026-03-15T00:00:00Z');
        const parts = splitRange({ from, to });
        assert.equal(parts.length, 3);
        assert.equal(iso(parts[0]?.to ?? new Date(0)), iso(to));
        assert.equal(iso(parts[2]?.from ?? new Date(0)), iso(from));
        for (let i = 1; i < parts.length; i++)
            assert.equal(parts[i]?.to.getTime(), parts[i - 1]?.from.getTime());
        assert.deepEqual(splitRange({ from, to: from }), []);
    });
    it('validates zones', () => {
        assert.ok(isValidTimeZone('Asia/Kolkata'));
        assert.ok(isValidTimeZone('UTC'));
        assert.ok(!isValidTimeZone('Mars/Olympus'));
        assert.ok(!isValidTimeZone(''));
        assert.ok(!isValidTimeZone(undefined));
    });
});
describe('parseDate', () => {
    const d = (year, month, day) => ({ year, month, day });
    const ok = (text, today) => {
        const r = parseDate(text, today);
        assert.ok(r.ok, JSON.stringify(r));
        return r.date;
    };
    it('reads every form', () => {
        const today = d(2026, 11, 4);
        for (const text of [
            '2026-11-03',
            '2026/11/03',
            'Nov 3',
            'November 3rd',
            '3 Nov',
            '3rd of November',
            '3 Nov 2026',
            'Nov 3 2026',
            'Nov 3, 2026',
            'tuesday',
            'Tue',
            'yesterday',
        ]) {
            assert.deepEqual(ok(text, today), d(2026, 11, 3), text);
        }
        assert.deepEqual(ok('today', today), today);
        assert.deepEqual(ok('wednesday', today), today); // today counts
    });
    it('puts year-less dates in the most recent year that is not in the future', () => {
        assert.deepEqual(ok('Nov 3', d(2026, 11, 2)), d(2025, 11, 3));
        assert.deepEqual(ok('Nov 3', d(2026, 11, 3)), d(2026, 11, 3));
        assert.deepEqual(ok('Dec 31', d(2026, 1, 1)), d(2025, 12, 31));
        assert.deepEqual(ok('Feb 29', d(2026, 3, 1)), d(2024, 2, 29));
        assert.deepEqual(ok('Feb 29', d(2024, 2, 29)), d(2024, 2, 29));
        assert.deepEqual(ok('Feb 29', d(2101, 1, 1)), d(2096, 2, 29)); // 2100 is not a leap year
    });
    it('refuses bad and ambiguous dates', () => {
        const today = d(2026, 11, 4);
        for (const [text, code] of [
            ['2025-13-45', 'bad_date'],
            ['Feb 30', 'bad_date'],
            ['Feb 29 2026', 'bad_date'],
            ['11/03', 'ambiguous_date'],
            ['03/11/2026', 'ambiguous_date'],
            ['Nov 3 extra', 'bad_date'],
            ['', 'bad_date'],
        ]) {
            const r = parseDate(text, today);
            assert.ok(!r.ok && r.error.code === code, `${text}: ${JSON.stringify(r)}`);
        }
    });
});
//# sourceMappingURL=helpers.test.js.map