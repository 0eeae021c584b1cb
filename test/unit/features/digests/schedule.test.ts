import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeSchedule,
  nextRun,
  previousRun,
  type Schedule,
} from '../../../../src/features/digests/schedule.js';
import { wallTimeAt } from '../../../../src/parsing/date-range.js';
import { formatTimestamp } from '../../../../src/core/time.js';

const NY = 'America/New_York';
const daily = (hour: number, minute: number, timeZone = NY): Schedule => ({
  cadence: 'daily',
  hour,
  minute,
  timeZone,
});

function runs(s: Schedule, from: string, n: number): string[] {
  const out: string[] = [];
  let t = new Date(from);
  for (let i = 0; i < n; i++) {
    t = nextRun(s, t);
    out.push(t.toISOString());
  }
  return out;
}

describe('digest schedules (croner in the subscriber’s zone)', () => {
  it('keeps 09:00 New York at 09:00 local across both DST changes (the UTC time moves, the wall time does not)', () => {
    assert.deepEqual(runs(daily(9, 0), '2026-03-06T15:00:00Z', 4), [
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
    ]);
    assert.deepEqual(runs(daily(9, 0), '2026-10-30T14:00:00Z', 4), [
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
      '2026-11-03T14:00:00.000Z',
    ]);
  });

  it('runs a time that does not exist on the spring-forward day at the next valid minute (02:30 → 03:00)', () => {
    const s = daily(2, 30);
    assert.deepEqual(runs(s, '2026-03-07T00:00:00Z', 3), [
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT, the first minute after the gap
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    // Asked from inside the gap's day but after the adjusted run: tomorrow.
    assert.equal(nextRun(s, new Date('2026-03-08T07:00:00Z')).toISOString(), '2026-03-09T06:30:00.000Z');
    assert.equal(nextRun(s, new Date('2026-03-08T06:59:00Z')).toISOString(), '2026-03-08T07:00:00.000Z');
  });

  it('runs a repeated time once, at its first occurrence, from wherever it is asked', () => {
    const s = daily(1, 30);
    assert.equal(nextRun(s, new Date('2026-11-01T05:00:00Z')).toISOString(), '2026-11-01T05:30:00.000Z');
    for (const asked of [
      '2026-11-01T05:30:00Z',
      '2026-11-01T05:45:00Z',
      '2026-11-01T06:00:00Z',
      '2026-11-01T06:30:00Z',
    ]) {
      assert.equal(nextRun(s, new Date(asked)).toISOString(), '2026-11-02T06:30:00.000Z', asked);
    }
  });

  it('handles a zone whose midnight does not exist (Santiago) and a half-hour DST (Lord Howe)', () => {
    const santiago = daily(0, 0, 'America/Santiago');
    const r = nextRun(santiago, new Date('2026-09-05T12:00:00Z'));
    const w = wallTimeAt(r, 'America/Santiago');
    assert.deepEqual([w.month, w.day, w.hour, w.minute], [9, 6, 1, 0]);
    const lordHowe = daily(2, 15, 'Australia/Lord_Howe');
    const l = nextRun(lordHowe, new Date('2026-10-03T12:00:00Z'));
    const lw = wallTimeAt(l, 'Australia/Lord_Howe');
    assert.deepEqual([lw.day, lw.hour, lw.minute], [4, 2, 30]);
  });

  it('knows weekdays and weekly schedules, and one period back', () => {
    const weekdays: Schedule = { cadence: 'weekdays', hour: 8, minute: 30, timeZone: 'Europe/Berlin' };
    // Fri 27 Nov 2026 10:00 Berlin → Mon 30 Nov 08:30.
    const mon = nextRun(weekdays, new Date('2026-11-27T09:00:00Z'));
    assert.equal(mon.toISOString(), '2026-11-30T07:30:00.000Z');
    assert.equal(
      previousRun(weekdays, mon).toISOString(),
      '2026-11-27T07:30:00.000Z',
      'Monday’s period starts Friday',
    );
    const weekly: Schedule = { cadence: 'weekly', weekday: 1, hour: 8, minute: 0, timeZone: NY };
    const w = nextRun(weekly, new Date('2026-03-03T00:00:00Z'));
    assert.equal(w.toISOString(), '2026-03-09T12:00:00.000Z');
    assert.equal(previousRun(weekly, w).toISOString(), '2026-03-02T13:00:00.000Z', 'a week back, across DST');
    assert.equal(
      previousRun(daily(9, 0), new Date('2026-03-08T13:00:00Z')).toISOString(),
      '2026-03-07T14:00:00.000Z',
    );
  });

  it('says schedules and run times in words', () => {
    assert.equal(describeSchedule(daily(9, 0)), 'every day at 09:00');
    assert.equal(
      describeSchedule({ cadence: 'weekdays', hour: 8, minute: 5, timeZone: 'UTC' }),
      'every weekday (Mon–Fri) at 08:05',
    );
    assert.equal(
      describeSchedule({ cadence: 'weekly', weekday: 1, hour: 17, minute: 0, timeZone: 'UTC' }),
      'every Monday at 17:00',
    );
    assert.equal(
      formatTimestamp(new Date('2026-11-30T07:30:00Z'), 'Europe/Berlin'),
      'Mon 30 Nov 2026, 08:30 CET',
    );
  });
});
