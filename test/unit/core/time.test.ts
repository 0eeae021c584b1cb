import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  formatDuration,
  formatInZone,
  formatTimeRange,
  formatTimestamp,
  formatWallTime,
  yearIn,
  instantFromWallTime,
  isValidTimeZone,
  offsetAt,
  wallTimeAt,
  zoneAbbreviation,
} from '../../../src/core/time.js';
import { formatInZone as emulatorIso, parseIsoDateTime } from '../../../dev/emulator/recordings.js';
import { weekRange } from '../../../src/parsing/date-range.js';

const at = (iso: string) => new Date(iso);
const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
  millisecond: 0,
});

// These expectations hold whatever the process zone is; the last test runs this file again under other TZ values.
describe(`core/time (process TZ=${process.env.TZ ?? '(unset)'})`, () => {
  it('when a US zone has already sprung forward, then the wall time is the daylight one (2018-03-25 09:00Z is 02:00 in LA)', () => {
    assert.equal(formatInZone(at('2018-03-25T09:00:00Z'), 'America/Los_Angeles', 'HH:mm'), '02:00');
    assert.equal(
      formatTimestamp(at('2018-03-25T09:00:00Z'), 'America/Los_Angeles'),
      'Sun 25 Mar 2018, 02:00 PDT',
    );
  });

  it('when the process zone itself changes offset, then UTC and other zones are unaffected', () => {
    // Europe/Berlin springs forward at 01:00Z on 2018-03-25; Sao Paulo sprang forward at 03:00Z on 2018-11-04.
    assert.equal(formatInZone(at('2018-03-25T00:30:00Z'), 'UTC', 'yyyy-MM-dd HH:mm'), '2018-03-25 00:30');
    assert.equal(formatInZone(at('2018-11-04T00:30:00Z'), 'UTC', 'yyyy-MM-dd HH:mm'), '2018-11-04 00:30');
    assert.equal(formatInZone(at('2018-11-04T02:30:00Z'), 'America/Sao_Paulo', 'HH:mm'), '23:30');
    assert.equal(formatInZone(at('2018-11-04T03:30:00Z'), 'America/Sao_Paulo', 'HH:mm'), '01:30');
  });

  it('when clocks spring forward, then the hour before and after the gap show correctly', () => {
    assert.equal(formatInZone(at('2026-03-29T00:59:00Z'), 'Europe/Berlin', 'HH:mm'), '01:59');
    assert.equal(formatInZone(at('2026-03-29T01:00:00Z'), 'Europe/Berlin', 'HH:mm'), '03:00');
    assert.equal(formatInZone(at('2026-03-08T09:59:00Z'), 'America/Los_Angeles', 'HH:mm'), '01:59');
    assert.equal(formatInZone(at('2026-03-08T10:00:00Z'), 'America/Los_Angeles', 'HH:mm'), '03:00');
  });

  it('when clocks fall back, then the repeated hour shows twice and the abbreviation tells them apart', () => {
    const first = at('2026-11-01T08:30:00Z');
    const second = at('2026-11-01T09:30:00Z');
    assert.equal(formatInZone(first, 'America/Los_Angeles', 'HH:mm'), '01:30');
    assert.equal(formatInZone(second, 'America/Los_Angeles', 'HH:mm'), '01:30');
    assert.equal(zoneAbbreviation(first, 'America/Los_Angeles'), 'PDT');
    assert.equal(zoneAbbreviation(second, 'America/Los_Angeles'), 'PST');
    assert.equal(formatTimestamp(second, 'America/Los_Angeles'), 'Sun 1 Nov 2026, 01:30 PST');
    assert.equal(formatTimestamp(at('2026-07-01T07:00:00Z'), 'Europe/Berlin'), 'Wed 1 Jul 2026, 09:00 CEST');
    assert.equal(
      formatTimeRange({ from: first, to: second }, 'America/Los_Angeles'),
      'Sun 1 Nov 2026, 01:30 PDT – 01:30 PST',
    );
  });

  it('when a wall time is skipped or repeated, then instantFromWallTime picks the compatible instant', () => {
    // 02:30 does not exist on 2026-03-08 in LA: moved forward by the gap, 03:30 PDT.
    assert.equal(
      instantFromWallTime(wall(2026, 3, 8, 2, 30), 'America/Los_Angeles').toISOString(),
      '2026-03-08T10:30:00.000Z',
    );
    // 01:30 happens twice on 2026-11-01 in LA: the earlier one (PDT).
    assert.equal(
      instantFromWallTime(wall(2026, 11, 1, 1, 30), 'America/Los_Angeles').toISOString(),
      '2026-11-01T08:30:00.000Z',
    );
    assert.equal(
      instantFromWallTime(wall(2026, 11, 17, 9, 30), 'Asia/Kolkata').toISOString(),
      '2026-11-17T04:00:00.000Z',
    );
    assert.deepEqual(wallTimeAt(at('2026-11-17T04:00:00.250Z'), 'Asia/Kolkata'), {
      ...wall(2026, 11, 17, 9, 30),
      millisecond: 250,
    });
    assert.equal(offsetAt('America/Los_Angeles', Date.parse('2026-03-08T09:59:00Z')), -8 * 3_600_000);
    assert.equal(offsetAt('America/Los_Angeles', Date.parse('2026-03-08T10:00:00Z')), -7 * 3_600_000);
  });

  it('when a week spans a DST change, then the card says whole days in the local calendar', () => {
    const week = weekRange(at('2026-03-05T20:00:00Z'), 'America/Los_Angeles', 1, 0);
    assert.equal(week.to.getTime() - week.from.getTime(), 167 * 3_600_000);
    assert.equal(formatTimeRange(week, 'America/Los_Angeles'), 'Mon 2 Mar – Sun 8 Mar 2026 (PST/PDT)');
    assert.equal(
      formatTimeRange(
        { from: at('2026-03-08T09:00:00Z'), to: at('2026-03-08T11:00:00Z') },
        'America/Los_Angeles',
      ),
      'Sun 8 Mar 2026, 01:00 PST – 04:00 PDT',
    );
  });

  it('when a year is near its end somewhere, then the year and weekday are the local ones', () => {
    const newYearInTokyo = at('2026-12-31T15:30:00Z');
    assert.equal(yearIn(newYearInTokyo, 'Asia/Tokyo'), '2027');
    assert.equal(yearIn(newYearInTokyo, 'America/New_York'), '2026');
    assert.equal(
      formatTimestamp(newYearInTokyo, 'Asia/Tokyo', { zone: false, contextYear: '2026' }),
      'Fri 1 Jan 2027, 00:30',
    );
    assert.equal(
      formatTimestamp(newYearInTokyo, 'America/New_York', { zone: false, contextYear: '2026' }),
      'Thu 31 Dec, 10:30',
    );
  });

  it('when a zone has a name people know, then it is used (JST, IST, CET/CEST, PST/PDT, LHST/LHDT), else its offset', () => {
    const winter = at('2026-01-15T12:00:00Z');
    const summer = at('2026-07-15T12:00:00Z');
    const names = (zone: string) => [zoneAbbreviation(winter, zone), zoneAbbreviation(summer, zone)];
    assert.deepEqual(names('Asia/Tokyo'), ['JST', 'JST']);
    assert.deepEqual(names('Asia/Kolkata'), ['IST', 'IST']);
    assert.deepEqual(names('Europe/Berlin'), ['CET', 'CEST']);
    assert.deepEqual(names('America/Los_Angeles'), ['PST', 'PDT']);
    // Lord Howe moves by 30 minutes: +11 in the southern summer, +10:30 in winter.
    assert.deepEqual(names('Australia/Lord_Howe'), ['LHDT', 'LHST']);
    assert.deepEqual(names('Europe/London'), ['GMT', 'BST']);
    assert.deepEqual(names('UTC'), ['UTC', 'UTC']);
    // No name its people use that is not ambiguous ("CST" is also US Central): the offset.
    assert.deepEqual(names('Asia/Shanghai'), ['GMT+8', 'GMT+8']);
    assert.deepEqual(names('Asia/Kathmandu'), ['GMT+5:45', 'GMT+5:45']);
    assert.equal(zoneAbbreviation(winter, 'Mars/Olympus'), 'UTC');
    // Berlin's change on 2026-03-29 01:00Z, either side.
    assert.equal(formatTimestamp(at('2026-03-29T00:59:00Z'), 'Europe/Berlin'), 'Sun 29 Mar 2026, 01:59 CET');
    assert.equal(formatTimestamp(at('2026-03-29T01:00:00Z'), 'Europe/Berlin'), 'Sun 29 Mar 2026, 03:00 CEST');
    assert.equal(formatTimestamp(at('2026-11-17T00:30:00Z'), 'Asia/Tokyo'), 'Tue 17 Nov 2026, 09:30 JST');
    assert.equal(formatTimestamp(at('2026-11-17T04:00:00Z'), 'Asia/Kolkata'), 'Tue 17 Nov 2026, 09:30 IST');
    // Lord Howe's clocks go from 02:00 (+10:30) to 02:30 (+11) on Sun 4 Oct 2026.
    assert.equal(
      formatTimestamp(at('2026-10-03T15:00:00Z'), 'Australia/Lord_Howe'),
      'Sun 4 Oct 2026, 01:30 LHST',
    );
    assert.equal(
      formatTimestamp(at('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe'),
      'Sun 4 Oct 2026, 02:30 LHDT',
    );
    assert.equal(
      formatTimestamp(at('2026-10-03T15:00:00Z'), 'Australia/Lord_Howe'),
      'Sun 4 Oct 2026, 01:30 LHST',
      'the same from the cache',
    );
  });

  it('when a range is shown, then it has one style: the year once, the zone once at the end', () => {
    const LA = 'America/Los_Angeles';
    const range = (from: string, to: string, zone = LA) =>
      formatTimeRange({ from: at(from), to: at(to) }, zone);
    assert.equal(range('2026-11-16T08:00:00Z', '2026-11-23T08:00:00Z'), 'Mon 16 Nov – Sun 22 Nov 2026 (PST)');
    assert.equal(range('2026-11-03T08:00:00Z', '2026-11-04T08:00:00Z'), 'Tue 3 Nov 2026 (PST)');
    assert.equal(range('2026-11-03T17:00:00Z', '2026-11-03T20:30:00Z'), 'Tue 3 Nov 2026, 09:00 – 12:30 PST');
    assert.equal(
      range('2026-11-26T22:05:00Z', '2026-11-29T22:05:00Z'),
      'Thu 26 Nov, 14:05 – Sun 29 Nov 2026, 14:05 PST',
    );
    assert.equal(
      range('2026-12-30T22:05:00Z', '2027-01-01T22:05:00Z'),
      'Wed 30 Dec 2026, 14:05 – Fri 1 Jan 2027, 14:05 PST',
    );
    assert.equal(
      range('2026-12-27T18:30:00Z', '2027-01-03T18:30:00Z', 'Asia/Kolkata'),
      'Mon 28 Dec 2026 – Sun 3 Jan 2027 (IST)',
    );
    assert.equal(
      range('2026-11-15T15:00:00Z', '2026-11-22T15:00:00Z', 'Asia/Tokyo'),
      'Mon 16 Nov – Sun 22 Nov 2026 (JST)',
    );
    // Lord Howe springs forward 30 minutes at 02:00 on Sun 4 Oct 2026.
    assert.equal(
      range('2026-09-27T13:30:00Z', '2026-10-04T13:00:00Z', 'Australia/Lord_Howe'),
      'Mon 28 Sep – Sun 4 Oct 2026 (LHST/LHDT)',
    );
    assert.equal(
      range('2026-10-25T23:00:00Z', '2026-10-26T23:00:00Z', 'Europe/Berlin'),
      'Mon 26 Oct 2026 (CET)',
    );
    assert.equal(range('2026-11-16T08:00:00Z', 'not a date'), 'an unknown period (PST)');
  });

  it('when a length is shown, then whole hours have no minutes ("1 h", not "1 h 00 min")', () => {
    assert.equal(formatDuration(3600), '1 h');
    assert.equal(formatDuration(3599), '1 h');
    assert.equal(formatDuration(3900), '1 h 5 min');
    assert.equal(formatDuration(2700), '45 min');
    assert.equal(formatDuration(30), '< 1 min');
    assert.equal(formatDuration(undefined), undefined);
  });

  it('when the zone is unknown, then times are shown in UTC, and bad zones are recognised without throwing', () => {
    assert.equal(formatTimestamp(at('2026-11-17T09:30:00Z'), 'Mars/Olympus'), 'Tue 17 Nov 2026, 09:30 UTC');
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone(42), false);
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
  });

  it('when a pattern has an unsupported token, then it is refused instead of printing garbage', () => {
    assert.throws(() => formatInZone(at('2026-11-17T09:30:00Z'), 'UTC', 'yyyy-MM-dd hh:mm a'), /unsupported/);
    assert.equal(
      formatInZone(at('2026-11-17T09:30:05Z'), 'UTC', "yyyy-MM-dd'T'HH:mm:ss"),
      '2026-11-17T09:30:05',
    );
  });

  it('when the emulator shows times in a zone, then offsets follow DST and local times read back the same', () => {
    assert.equal(emulatorIso('2026-11-01T08:30:00.000Z', 'America/Los_Angeles'), '2026-11-01T01:30:00-07:00');
    assert.equal(emulatorIso('2026-11-01T09:30:00.000Z', 'America/Los_Angeles'), '2026-11-01T01:30:00-08:00');
    assert.equal(emulatorIso('2026-11-17T04:00:00.120Z', 'Asia/Kolkata'), '2026-11-17T09:30:00.120+05:30');
    assert.equal(emulatorIso('2026-11-17T04:00:00.000Z', 'UTC'), '2026-11-17T04:00:00Z');
    assert.equal(
      parseIsoDateTime('2026-03-29T03:00:00', 'Europe/Berlin')?.toISOString(),
      '2026-03-29T01:00:00.000Z',
    );
  });

  it("when the process runs under TZ=Europe/Berlin, then 2018-03-25T09:00Z still shows as 02:00 in Los Angeles (the review's date-fns-tz case)", () => {
    // A fresh process, so the zone is the one Node starts with (whatever this process's own TZ is).
    const timeModule = new URL('../../../src/core/time.js', import.meta.url).href;
    const script = `import(${JSON.stringify(timeModule)}).then((t) => {
      const d = new Date('2018-03-25T09:00:00Z');
      console.log([new Date(2018, 2, 25, 12).getTimezoneOffset(), t.formatInZone(d, 'America/Los_Angeles', 'HH:mm'),
        t.zoneAbbreviation(d, 'America/Los_Angeles')].join(' '));
    });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TZ: 'Europe/Berlin' },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    // -120: the child really ran in Berlin summer time (the day Berlin and LA both sprang forward, hours apart).
    assert.equal(run.stdout.trim(), '-120 02:00 PDT');
  });

  it('when times are read again and again in many zones, across DST changes and odd historical offsets, then each is the wall time Intl shows', () => {
    // The module remembers offsets per quarter-hour; this reads Intl directly for every instant and compares.
    const formatters = new Map<string, Intl.DateTimeFormat>();
    const formatter = (timeZone: string) => {
      let f = formatters.get(timeZone);
      if (!f) {
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
        formatters.set(timeZone, f);
      }
      return f;
    };
    const intlWall = (t: number, timeZone: string) => {
      const parts = formatter(timeZone).formatToParts(t);
      const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const bc = parts.find((p) => p.type === 'era')?.value.startsWith('B') ?? false;
      return {
        year: bc ? 1 - n('year') : n('year'),
        month: n('month'),
        day: n('day'),
        hour: n('hour') % 24,
        minute: n('minute'),
        second: n('second'),
        millisecond: ((t % 1000) + 1000) % 1000,
      };
    };
    const zones = [
      'America/Los_Angeles',
      'Europe/Berlin',
      'Australia/Lord_Howe', // half-hour DST
      'Pacific/Chatham', // +12:45 / +13:45
      'America/Sao_Paulo',
      'Europe/Amsterdam', // +00:19:32 until 1937
      'Asia/Kolkata',
      'UTC',
    ];
    const spans = [
      { from: Date.UTC(2026, 0, 1), to: Date.UTC(2027, 0, 1), step: 6 * 3_600_000 + 7_001 },
      { from: Date.UTC(1880, 0, 1), to: Date.UTC(1950, 0, 1), step: 17 * 86_400_000 + 3_600_007 },
      { from: Date.UTC(-100, 0, 1), to: Date.UTC(120, 0, 1), step: 211 * 86_400_000 + 61_001 },
    ];
    const oracleOffset = (t: number, timeZone: string) => {
      const w = intlWall(t, timeZone);
      const d = new Date(0);
      d.setUTCFullYear(w.year, w.month - 1, w.day);
      d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
      return d.getTime() - t;
    };
    for (const timeZone of zones) {
      const instants: number[] = [];
      for (const s of spans) for (let t = s.from; t < s.to; t += s.step) instants.push(t);
      // Around each offset change between two samples, found to the millisecond: every minute from 20 before to
      // 20 after, and the milliseconds either side (most changes are on a quarter-hour, the historical ones not).
      for (let i = instants.length - 1; i > 0; i--) {
        let lo = instants[i - 1] ?? 0;
        let hi = instants[i] ?? 0;
        if (oracleOffset(lo, timeZone) === oracleOffset(hi, timeZone)) continue;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (oracleOffset(mid, timeZone) === oracleOffset(lo, timeZone)) lo = mid;
          else hi = mid;
        }
        instants.push(lo, hi);
        for (let m = -20; m <= 20; m++) instants.push(hi + m * 60_000);
      }
      // Twice: the second pass reads what the first one remembered.
      for (const t of [...instants, ...instants]) {
        const got = wallTimeAt(new Date(t), timeZone);
        const want = intlWall(t, timeZone);
        // deepEqual only on a difference: it is slow, and this compares tens of thousands.
        if (JSON.stringify(got) !== JSON.stringify(want)) assert.deepEqual(got, want, `${timeZone} ${t}`);
      }
    }
  });

  it('when a weekday is shown, then it is the calendar one for every date, BC years and leap days included', () => {
    const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    for (let t = Date.UTC(-800, 0, 1); t < Date.UTC(2800, 0, 1); t += 86_400_000 * 13 + 3_600_000) {
      const d = new Date(t);
      // Feb 28/29 and Mar 1 of the same year, where leap-year rules decide.
      for (const [month, day] of [
        [d.getUTCMonth() + 1, d.getUTCDate()],
        [2, 28],
        [2, 29],
        [3, 1],
      ] as const) {
        const date = new Date(0);
        date.setUTCFullYear(d.getUTCFullYear(), month - 1, day);
        if (date.getUTCMonth() !== month - 1) continue; // no Feb 29 that year
        const w = { year: d.getUTCFullYear(), month, day, hour: 0, minute: 0, second: 0, millisecond: 0 };
        assert.equal(formatWallTime(w, 'EEE'), names[date.getUTCDay()], JSON.stringify(w));
      }
    }
  });

  it(
    'under other process time zones, then every expectation above still holds',
    { skip: process.env.TIME_TEST_CHILD === '1' },
    () => {
      const file = fileURLToPath(import.meta.url);
      for (const tz of ['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata', 'Pacific/Chatham']) {
        const run = spawnSync(process.execPath, ['--test', '--test-reporter=dot', file], {
          env: { ...process.env, TZ: tz, TIME_TEST_CHILD: '1' },
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, `under TZ=${tz}:\n${run.stdout}\n${run.stderr}`);
      }
    },
  );
});
