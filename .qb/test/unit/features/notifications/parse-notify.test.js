import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseNotify } from '../../../../src/features/notifications/parse-notify.js';
const NOW = new Date('2026-11-25T12:00:00Z');
describe('parseNotify: the words after `notify`', () => {
    const ok = [
        ['', { ok: true, request: { kind: 'help' } }],
        ['help', { ok: true, request: { kind: 'help' } }],
        ['me', { ok: true, request: { kind: 'subscribe', where: 'me', filters: {} } }],
        ['ME', { ok: true, request: { kind: 'subscribe', where: 'me', filters: {} } }],
        ['here', { ok: true, request: { kind: 'subscribe', where: 'here', filters: {} } }],
        [
            'me topic "weekly sync" format mp4',
            {
                ok: true,
                request: { kind: 'subscribe', where: 'me', filters: { topic: 'weekly sync', format: 'MP4' } },
            },
        ],
        [
            'here type event site acme.webex.com tag JIRA-1 meeting abc123',
            {
                ok: true,
                request: {
                    kind: 'subscribe',
                    where: 'here',
                    filters: {
                        serviceType: 'EventCenter',
                        siteUrl: 'acme.webex.com',
                        integrationTag: 'JIRA-1',
                        meetingId: 'abc123',
                    },
                },
            },
        ],
        ['list', { ok: true, request: { kind: 'list' } }],
        ['stop 3', { ok: true, request: { kind: 'stop', which: 3 } }],
        ['stop #3', { ok: true, request: { kind: 'stop', which: 3 } }],
        ['stop ALL', { ok: true, request: { kind: 'stop', which: 'all' } }],
        ['off 1', { ok: true, request: { kind: 'stop', which: 1 } }],
    ];
    for (const [text, expected] of ok) {
        it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseNotify(text, NOW), expected));
    }
    const bad = [
        ['me last week', /time range/],
        ['me since Nov 3', /time range/],
        ['me deleted', /`deleted` can't be used/],
        ['me host bob@example.com', /`host` can't be used/],
        ['me top 5', /`max`\/`top` can't be used/],
        ['me format mov', /format/i],
        ['me "unclosed', /quote/i],
        ['list everything', /takes nothing after it/],
        ['stop', /Which one\?/],
        ['stop soon', /isn't a notification number/],
        ['stop 1234567', /isn't a notification number/],
        ['often', /I don't know 'notify often'/],
        ['`x*', /I don't know 'notify \\`x\\\*'/],
    ];
    for (const [text, expected] of bad) {
        it(`refuses ${JSON.stringify(text)} with a clear message`, () => {
            const r = parseNotify(text, NOW);
            assert.equal(r.ok, false);
            if (!r.ok)
                assert.match(r.message, expected);
        });
    }
    it('never throws, and always answers ok or a non-empty message (any text)', () => {
        fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
            const r = parseNotify(text, NOW);
            assert.ok(r.ok || r.message.length > 0);
        }), { numRuns: 500 });
    });
    it('reads the same filters whatever their order', () => {
        const parts = ['topic sync', 'format arf', 'type training', 'tag T-9'];
        fc.assert(fc.property(fc.shuffledSubarray(parts, { minLength: 1 }), (chosen) => {
            const a = parseNotify(`me ${chosen.join(' ')}`, NOW);
            const b = parseNotify(`me ${[...chosen].reverse().join(' ')}`, NOW);
            assert.deepEqual(a, b);
        }));
    });
});
//# sourceMappingURL=parse-notify.test.js.map