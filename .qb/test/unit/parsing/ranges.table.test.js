/**
 * Table tests: phrase + now + zone → [from, to). Every expected instant was worked out by hand (weekday of the
 * date, the zone's offset on that date, the rule) and is written with its local offset so it can be checked
 * by eye. 2026 facts used: Jan 1 is a Thursday; US DST starts Sun Mar 8 (02:00 PST→03:00 PDT) and ends
 * Sun Nov 1 (02:00 PDT→01:00 PST); EU DST starts Sun Mar 29 (02:00 CET→03:00 CEST) and ends Sun Oct 25
 * (03:00 CEST→02:00 CET); Asia/Kolkata is +05:30 all year.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';
/** Rows sharing a `now` and zone. */
function at(now, zone, rows) {
    return rows.map((r) => ({ ...r, now, zone }));
}
// ---------------------------------------------------------------- America/Los_Angeles
// Tue Mar 10 2026 12:00 PDT — the week after US spring-forward (Sun Mar 8).
const LA_SPRING = '2026-03-10T12:00:00-07:00';
// Wed Nov 4 2026 12:00 PST — the week after US fall-back (Sun Nov 1).
const LA_FALL = '2026-11-04T12:00:00-08:00';
const laRows = [
    ...at(LA_SPRING, LA, [
        { phrase: 'today', from: '2026-03-10T00:00:00-07:00', to: '2026-03-11T00:00:00-07:00', kind: 'calendar' },
        { phrase: 'yesterday', from: '2026-03-09T00:00:00-07:00', to: '2026-03-10T00:00:00-07:00' },
        { phrase: 'this week', from: '2026-03-09T00:00:00-07:00', to: '2026-03-16T00:00:00-07:00' },
        // Mon Mar 2 PST → Mon Mar 9 PDT: 167 hours.
        {
            phrase: 'last week',
            from: '2026-03-02T00:00:00-08:00',
            to: '2026-03-09T00:00:00-07:00',
            label: 'last week',
        },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-03-08T00:00:00-08:00',
            to: '2026-03-15T00:00:00-07:00',
        },
        {
            phrase: 'last week',
            weekStartsOn: 0,
            from: '2026-03-01T00:00:00-08:00',
            to: '2026-03-08T00:00:00-08:00',
        },
        { phrase: 'this month', from: '2026-03-01T00:00:00-08:00', to: '2026-04-01T00:00:00-07:00' },
        { phrase: 'last month', from: '2026-02-01T00:00:00-08:00', to: '2026-03-01T00:00:00-08:00' },
        // Rolling: same wall time N calendar days back, in whatever offset applied then.
        {
            phrase: 'last 3 days',
            from: '2026-03-07T12:00:00-08:00',
            to: LA_SPRING,
            kind: 'rolling',
            label: 'last 3 days',
        },
        { phrase: 'last 2 days', from: '2026-03-08T12:00:00-07:00', to: LA_SPRING },
        { phrase: 'last 1 week', from: '2026-03-03T12:00:00-08:00', to: LA_SPRING, label: 'last 1 week' },
        { phrase: 'last two weeks', from: '2026-02-24T12:00:00-08:00', to: LA_SPRING, label: 'last 2 weeks' },
        { phrase: 'last 1 month', from: '2026-02-10T12:00:00-08:00', to: LA_SPRING },
        { phrase: '', from: '2026-03-03T12:00:00-08:00', to: LA_SPRING, kind: 'rolling', label: 'last 7 days' },
        // Sunday Mar 8 is a 23-hour day.
        { phrase: 'sunday', from: '2026-03-08T00:00:00-08:00', to: '2026-03-09T00:00:00-07:00', label: 'sunday' },
        { phrase: 'on Mar 8', from: '2026-03-08T00:00:00-08:00', to: '2026-03-09T00:00:00-07:00' },
        { phrase: 'since sunday', from: '2026-03-08T00:00:00-08:00', to: LA_SPRING, kind: 'rolling' },
        { phrase: 'from Mar 6 to Mar 8', from: '2026-03-06T00:00:00-08:00', to: '2026-03-09T00:00:00-07:00' },
    ]),
    // "last 1 day" across spring-forward is 23 hours …
    ...at('2026-03-09T01:00:00-07:00', LA, [
        {
            phrase: 'last 1 day',
            from: '2026-03-08T01:00:00-08:00',
            to: '2026-03-09T01:00:00-07:00',
            label: 'last 1 day',
        },
        {
            phrase: 'last day',
            from: '2026-03-08T01:00:00-08:00',
            to: '2026-03-09T01:00:00-07:00',
            label: 'last 1 day',
        },
    ]),
    // … and when the same wall time yesterday didn't exist (02:30 on Mar 8) it moves forward to 03:30 PDT.
    ...at('2026-03-09T02:30:00-07:00', LA, [
        { phrase: 'last 1 day', from: '2026-03-08T03:30:00-07:00', to: '2026-03-09T02:30:00-07:00' },
    ]),
    ...at(LA_FALL, LA, [
        { phrase: 'today', from: '2026-11-04T00:00:00-08:00', to: '2026-11-05T00:00:00-08:00' },
        { phrase: 'this week', from: '2026-11-02T00:00:00-08:00', to: '2026-11-09T00:00:00-08:00' },
        // Mon Oct 26 PDT → Mon Nov 2 PST: 169 hours.
        { phrase: 'last week', from: '2026-10-26T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-11-01T00:00:00-07:00',
            to: '2026-11-08T00:00:00-08:00',
        },
        {
            phrase: 'last week',
            weekStartsOn: 0,
            from: '2026-10-25T00:00:00-07:00',
            to: '2026-11-01T00:00:00-07:00',
        },
        { phrase: 'this month', from: '2026-11-01T00:00:00-07:00', to: '2026-12-01T00:00:00-08:00' },
        { phrase: 'last month', from: '2026-10-01T00:00:00-07:00', to: '2026-11-01T00:00:00-07:00' },
        { phrase: 'last 3 days', from: '2026-11-01T12:00:00-08:00', to: LA_FALL },
        // Sun Nov 1 is a 25-hour day.
        { phrase: 'sunday', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'Sun', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'monday', from: '2026-11-02T00:00:00-08:00', to: '2026-11-03T00:00:00-08:00' },
        // Today is Wednesday: "wednesday" is today; "last wednesday" the week before.
        { phrase: 'wednesday', from: '2026-11-04T00:00:00-08:00', to: '2026-11-05T00:00:00-08:00' },
        { phrase: 'last wednesday', from: '2026-10-28T00:00:00-07:00', to: '2026-10-29T00:00:00-07:00' },
        { phrase: 'thursday', from: '2026-10-29T00:00:00-07:00', to: '2026-10-30T00:00:00-07:00' },
        { phrase: 'since Nov 1', from: '2026-11-01T00:00:00-07:00', to: LA_FALL, label: 'since 2026-11-01' },
        {
            phrase: 'on Nov 1',
            from: '2026-11-01T00:00:00-07:00',
            to: '2026-11-02T00:00:00-08:00',
            label: 'on 2026-11-01',
        },
        { phrase: '2026-11-01', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'Nov 1', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'November 1st', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: '1 Nov', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: '1st of November', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: '1 Nov 2026', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'Nov 1 2026', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'Nov 1, 2026', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        { phrase: 'ON NOV 1, 2026', from: '2026-11-01T00:00:00-07:00', to: '2026-11-02T00:00:00-08:00' },
        // No year and not yet reached this year → last year.
        { phrase: 'on Nov 20', from: '2025-11-20T00:00:00-08:00', to: '2025-11-21T00:00:00-08:00' },
        {
            phrase: 'from Oct 30 to Nov 2',
            from: '2026-10-30T00:00:00-07:00',
            to: '2026-11-03T00:00:00-08:00',
            label: 'from 2026-10-30 to 2026-11-02',
        },
        // The end day is included even if it is in the future; calendar ranges are not clamped to now.
        { phrase: 'from Nov 1 to Nov 30', from: '2026-11-01T00:00:00-07:00', to: '2026-12-01T00:00:00-08:00' },
        {
            phrase: 'between 2026-10-31 and 2026-11-01',
            from: '2026-10-31T00:00:00-07:00',
            to: '2026-11-02T00:00:00-08:00',
        },
        {
            phrase: 'from 2025-12-30 to 2026-01-02',
            from: '2025-12-30T00:00:00-08:00',
            to: '2026-01-03T00:00:00-08:00',
        },
        // "recs last week topic Sync" style: filters don't change the range.
        {
            phrase: 'topic Sync last week max 5',
            from: '2026-10-26T00:00:00-07:00',
            to: '2026-11-02T00:00:00-08:00',
        },
    ]),
    // 25-hour "last 1 day" across fall-back.
    ...at('2026-11-01T12:00:00-08:00', LA, [
        { phrase: 'last 1 day', from: '2026-10-31T12:00:00-07:00', to: '2026-11-01T12:00:00-08:00' },
    ]),
    // Month ends.
    ...at('2026-03-01T10:00:00-08:00', LA, [
        { phrase: 'last month', from: '2026-02-01T00:00:00-08:00', to: '2026-03-01T00:00:00-08:00' },
        { phrase: 'last 1 month', from: '2026-02-01T10:00:00-08:00', to: '2026-03-01T10:00:00-08:00' },
        { phrase: 'yesterday', from: '2026-02-28T00:00:00-08:00', to: '2026-03-01T00:00:00-08:00' },
        // Sunday Mar 1: with Monday weeks it's the last day of the week, with Sunday weeks the first.
        { phrase: 'this week', from: '2026-02-23T00:00:00-08:00', to: '2026-03-02T00:00:00-08:00' },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-03-01T00:00:00-08:00',
            to: '2026-03-08T00:00:00-08:00',
        },
        {
            phrase: 'last week',
            weekStartsOn: 0,
            from: '2026-02-22T00:00:00-08:00',
            to: '2026-03-01T00:00:00-08:00',
        },
    ]),
    ...at('2026-01-31T12:00:00-08:00', LA, [
        { phrase: 'last month', from: '2025-12-01T00:00:00-08:00', to: '2026-01-01T00:00:00-08:00' },
        { phrase: 'this month', from: '2026-01-01T00:00:00-08:00', to: '2026-02-01T00:00:00-08:00' },
        { phrase: 'last 1 month', from: '2025-12-31T12:00:00-08:00', to: '2026-01-31T12:00:00-08:00' },
        // Across New Year without years: Dec 20 2025 → Jan 5 2026 (end in the future is fine).
        { phrase: 'from Dec 20 to Jan 5', from: '2025-12-20T00:00:00-08:00', to: '2026-01-06T00:00:00-08:00' },
        // Feb 29 without a year: the last one that happened.
        { phrase: 'Feb 29', from: '2024-02-29T00:00:00-08:00', to: '2024-03-01T00:00:00-08:00' },
        // One side's year carries to the other (not a silent 368-day range).
        {
            phrase: 'from Nov 3 2025 to Nov 5',
            from: '2025-11-03T00:00:00-08:00',
            to: '2025-11-06T00:00:00-08:00',
        },
        {
            phrase: 'from Nov 3 to Nov 5 2025',
            from: '2025-11-03T00:00:00-08:00',
            to: '2025-11-06T00:00:00-08:00',
        },
        {
            phrase: 'from 2025-11-03 to Nov 5',
            from: '2025-11-03T00:00:00-08:00',
            to: '2025-11-06T00:00:00-08:00',
        },
        {
            phrase: 'from Dec 20 2024 to Jan 5',
            from: '2024-12-20T00:00:00-08:00',
            to: '2025-01-06T00:00:00-08:00',
        },
        {
            phrase: 'from Dec 20 to Jan 5 2025',
            from: '2024-12-20T00:00:00-08:00',
            to: '2025-01-06T00:00:00-08:00',
        },
    ]),
    // Mar 31 − 1 month = Feb 28 (day clamped).
    ...at('2026-03-31T09:00:00-07:00', LA, [
        { phrase: 'last 1 month', from: '2026-02-28T09:00:00-08:00', to: '2026-03-31T09:00:00-07:00' },
    ]),
    // Sunday/Monday boundary.
    ...at('2026-11-08T23:59:59-08:00', LA, [
        { phrase: 'this week', from: '2026-11-02T00:00:00-08:00', to: '2026-11-09T00:00:00-08:00' },
        { phrase: 'sunday', from: '2026-11-08T00:00:00-08:00', to: '2026-11-09T00:00:00-08:00' },
        { phrase: 'monday', from: '2026-11-02T00:00:00-08:00', to: '2026-11-03T00:00:00-08:00' },
    ]),
    ...at('2026-11-09T00:00:00-08:00', LA, [
        { phrase: 'this week', from: '2026-11-09T00:00:00-08:00', to: '2026-11-16T00:00:00-08:00' },
        { phrase: 'last week', from: '2026-11-02T00:00:00-08:00', to: '2026-11-09T00:00:00-08:00' },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-11-08T00:00:00-08:00',
            to: '2026-11-15T00:00:00-08:00',
        },
        // Today is Monday, and today counts (its start == now is fine).
        { phrase: 'monday', from: '2026-11-09T00:00:00-08:00', to: '2026-11-10T00:00:00-08:00' },
        { phrase: 'last monday', from: '2026-11-02T00:00:00-08:00', to: '2026-11-03T00:00:00-08:00' },
        { phrase: 'today', from: '2026-11-09T00:00:00-08:00', to: '2026-11-10T00:00:00-08:00' },
        { phrase: 'sunday', from: '2026-11-08T00:00:00-08:00', to: '2026-11-09T00:00:00-08:00' },
    ]),
];
// ---------------------------------------------------------------- Europe/Berlin
const BER_SPRING = '2026-03-31T12:00:00+02:00'; // Tue after EU spring-forward (Sun Mar 29)
const BER_FALL = '2026-10-27T09:00:00+01:00'; // Tue after EU fall-back (Sun Oct 25)
const berlinRows = [
    ...at(BER_SPRING, BERLIN, [
        { phrase: 'today', from: '2026-03-31T00:00:00+02:00', to: '2026-04-01T00:00:00+02:00' },
        { phrase: 'yesterday', from: '2026-03-30T00:00:00+02:00', to: '2026-03-31T00:00:00+02:00' },
        { phrase: 'this week', from: '2026-03-30T00:00:00+02:00', to: '2026-04-06T00:00:00+02:00' },
        { phrase: 'last week', from: '2026-03-23T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-03-29T00:00:00+01:00',
            to: '2026-04-05T00:00:00+02:00',
        },
        {
            phrase: 'last week',
            weekStartsOn: 0,
            from: '2026-03-22T00:00:00+01:00',
            to: '2026-03-29T00:00:00+01:00',
        },
        { phrase: 'this month', from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
        { phrase: 'last month', from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
        { phrase: 'last 3 days', from: '2026-03-28T12:00:00+01:00', to: BER_SPRING },
        { phrase: 'last 1 week', from: '2026-03-24T12:00:00+01:00', to: BER_SPRING },
        { phrase: 'last 2 months', from: '2026-01-31T12:00:00+01:00', to: BER_SPRING },
        { phrase: '', from: '2026-03-24T12:00:00+01:00', to: BER_SPRING },
        { phrase: 'sunday', from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' },
        { phrase: '29 March', from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' },
        { phrase: 'since 2026-03-29', from: '2026-03-29T00:00:00+01:00', to: BER_SPRING },
        {
            phrase: 'between Mar 27 and Mar 29',
            from: '2026-03-27T00:00:00+01:00',
            to: '2026-03-30T00:00:00+02:00',
        },
    ]),
    ...at('2026-03-30T01:00:00+02:00', BERLIN, [
        { phrase: 'last 1 day', from: '2026-03-29T01:00:00+01:00', to: '2026-03-30T01:00:00+02:00' }, // 23 h
    ]),
    ...at('2026-03-30T02:30:00+02:00', BERLIN, [
        // 02:30 on Mar 29 didn't exist → 03:30 CEST.
        { phrase: 'last 1 day', from: '2026-03-29T03:30:00+02:00', to: '2026-03-30T02:30:00+02:00' },
    ]),
    ...at(BER_FALL, BERLIN, [
        { phrase: 'this week', from: '2026-10-26T00:00:00+01:00', to: '2026-11-02T00:00:00+01:00' },
        { phrase: 'last week', from: '2026-10-19T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' }, // 169 h
        { phrase: 'this month', from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' },
        { phrase: 'last month', from: '2026-09-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00' },
        { phrase: 'sunday', from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' }, // 25 h
        { phrase: 'since sunday', from: '2026-10-25T00:00:00+02:00', to: BER_FALL },
        { phrase: 'last 3 days', from: '2026-10-24T09:00:00+02:00', to: BER_FALL },
        {
            phrase: 'from 23 Oct 2026 to 25 Oct 2026',
            from: '2026-10-23T00:00:00+02:00',
            to: '2026-10-26T00:00:00+01:00',
        },
        { phrase: 'on Oct 25', from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' },
    ]),
    ...at('2026-10-25T12:00:00+01:00', BERLIN, [
        { phrase: 'last 1 day', from: '2026-10-24T12:00:00+02:00', to: '2026-10-25T12:00:00+01:00' }, // 25 h
    ]),
    ...at('2026-10-26T02:30:00+01:00', BERLIN, [
        // 02:30 on Oct 25 happened twice → the earlier (CEST) one.
        { phrase: 'last 1 day', from: '2026-10-25T02:30:00+02:00', to: '2026-10-26T02:30:00+01:00' },
    ]),
    // Just after midnight on Mar 1: UTC is still Feb 28.
    ...at('2026-03-01T00:30:00+01:00', BERLIN, [
        { phrase: 'today', from: '2026-03-01T00:00:00+01:00', to: '2026-03-02T00:00:00+01:00' },
        { phrase: 'yesterday', from: '2026-02-28T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
        { phrase: 'last month', from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
        { phrase: 'this month', from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
    ]),
];
// ---------------------------------------------------------------- Asia/Kolkata
// Wed Nov 4 2026 02:00 IST = Tue Nov 3 20:30 UTC: "yesterday" is Nov 3 here, Nov 2 in UTC.
const KOL = '2026-11-04T02:00:00+05:30';
const kolkataRows = [
    ...at(KOL, KOLKATA, [
        { phrase: 'yesterday', from: '2026-11-03T00:00:00+05:30', to: '2026-11-04T00:00:00+05:30' },
        { phrase: 'today', from: '2026-11-04T00:00:00+05:30', to: '2026-11-05T00:00:00+05:30' },
        { phrase: 'this week', from: '2026-11-02T00:00:00+05:30', to: '2026-11-09T00:00:00+05:30' },
        { phrase: 'last week', from: '2026-10-26T00:00:00+05:30', to: '2026-11-02T00:00:00+05:30' },
        {
            phrase: 'this week',
            weekStartsOn: 0,
            from: '2026-11-01T00:00:00+05:30',
            to: '2026-11-08T00:00:00+05:30',
        },
        {
            phrase: 'last week',
            weekStartsOn: 0,
            from: '2026-10-25T00:00:00+05:30',
            to: '2026-11-01T00:00:00+05:30',
        },
        { phrase: 'this month', from: '2026-11-01T00:00:00+05:30', to: '2026-12-01T00:00:00+05:30' },
        { phrase: 'last month', from: '2026-10-01T00:00:00+05:30', to: '2026-11-01T00:00:00+05:30' },
        { phrase: 'last 3 days', from: '2026-11-01T02:00:00+05:30', to: KOL },
        { phrase: 'last 2 weeks', from: '2026-10-21T02:00:00+05:30', to: KOL },
        { phrase: 'last 2 months', from: '2026-09-04T02:00:00+05:30', to: KOL },
        { phrase: '', from: '2026-10-28T02:00:00+05:30', to: KOL },
        { phrase: 'since monday', from: '2026-11-02T00:00:00+05:30', to: KOL },
        { phrase: 'tuesday', from: '2026-11-03T00:00:00+05:30', to: '2026-11-04T00:00:00+05:30' },
        { phrase: 'wednesday', from: '2026-11-04T00:00:00+05:30', to: '2026-11-05T00:00:00+05:30' },
        { phrase: 'on Nov 3', from: '2026-11-03T00:00:00+05:30', to: '2026-11-04T00:00:00+05:30' },
        { phrase: '3 Nov', from: '2026-11-03T00:00:00+05:30', to: '2026-11-04T00:00:00+05:30' },
        { phrase: 'Nov 4', from: '2026-11-04T00:00:00+05:30', to: '2026-11-05T00:00:00+05:30' },
        { phrase: 'Nov 5', from: '2025-11-05T00:00:00+05:30', to: '2025-11-06T00:00:00+05:30' },
        {
            phrase: 'from 2026-10-30 to Nov 2',
            from: '2026-10-30T00:00:00+05:30',
            to: '2026-11-03T00:00:00+05:30',
        },
        {
            phrase: 'between Oct 30 and Nov 2',
            from: '2026-10-30T00:00:00+05:30',
            to: '2026-11-03T00:00:00+05:30',
        },
        { phrase: 'since yesterday', from: '2026-11-03T00:00:00+05:30', to: KOL },
    ]),
    ...at('2026-03-01T02:00:00+05:30', KOLKATA, [
        { phrase: 'last month', from: '2026-02-01T00:00:00+05:30', to: '2026-03-01T00:00:00+05:30' },
        { phrase: 'yesterday', from: '2026-02-28T00:00:00+05:30', to: '2026-03-01T00:00:00+05:30' },
    ]),
    ...at('2026-01-31T23:00:00+05:30', KOLKATA, [
        { phrase: 'last 1 month', from: '2025-12-31T23:00:00+05:30', to: '2026-01-31T23:00:00+05:30' },
        { phrase: 'this month', from: '2026-01-01T00:00:00+05:30', to: '2026-02-01T00:00:00+05:30' },
    ]),
];
// ---------------------------------------------------------------- zones whose midnight doesn't exist
const gapRows = [
    // Chile springs forward at 24:00 Sat Sep 5 2026 → Sun Sep 6 starts at 01:00 -03.
    ...at('2026-09-07T10:00:00-03:00', 'America/Santiago', [
        { phrase: 'yesterday', from: '2026-09-06T01:00:00-03:00', to: '2026-09-07T00:00:00-03:00' },
        { phrase: 'on 2026-09-05', from: '2026-09-05T00:00:00-04:00', to: '2026-09-06T01:00:00-03:00' },
    ]),
    // Brazil sprang forward at 00:00 on Sun Nov 4 2018.
    ...at('2018-11-07T12:00:00-02:00', 'America/Sao_Paulo', [
        { phrase: 'on 2018-11-04', from: '2018-11-04T01:00:00-02:00', to: '2018-11-05T00:00:00-02:00' },
        { phrase: 'last week', from: '2018-10-29T00:00:00-03:00', to: '2018-11-05T00:00:00-02:00' },
    ]),
];
const ALL_ROWS = [...laRows, ...berlinRows, ...kolkataRows, ...gapRows];
function check(row) {
    const options = row.weekStartsOn === undefined ? undefined : { weekStartsOn: row.weekStartsOn };
    const r = parseRecordingsQuery(row.phrase, new Date(row.now), row.zone, options);
    assert.ok(r.ok, `expected ok, got ${JSON.stringify(r)}`);
    const { range } = r.query;
    assert.equal(range.from.toISOString(), new Date(row.from).toISOString(), 'from');
    assert.equal(range.to.toISOString(), new Date(row.to).toISOString(), 'to');
    if (row.kind)
        assert.equal(range.kind, row.kind, 'kind');
    if (row.label)
        assert.equal(range.label, row.label, 'label');
    assert.equal(range.isDefault, row.phrase === '');
    assert.equal(r.query.timeZone, row.zone);
}
function title(row) {
    const ws = row.weekStartsOn === undefined ? '' : ` (weekStartsOn=${row.weekStartsOn})`;
    return `${JSON.stringify(row.phrase)}${ws} at ${row.now} in ${row.zone}`;
}
describe('recordings ranges (table)', () => {
    for (const row of ALL_ROWS)
        it(title(row), () => check(row));
    it('covers every zone required', () => {
        for (const z of [LA, BERLIN, KOLKATA])
            assert.ok(ALL_ROWS.filter((r) => r.zone === z).length >= 15);
    });
    it('does not depend on the process time zone', () => {
        const saved = process.env['TZ'];
        try {
            for (const tz of ['America/Sao_Paulo', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC']) {
                process.env['TZ'] = tz;
                for (const row of ALL_ROWS)
                    check(row);
            }
        }
        finally {
            if (saved === undefined)
                delete process.env['TZ'];
            else
                process.env['TZ'] = saved;
        }
    });
});
//# sourceMappingURL=ranges.table.test.js.map