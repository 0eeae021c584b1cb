/**
 * Finding 10: one chat message (Webex allows ~7.4 KB) must not buy seconds of CPU. The parsers read at most
 * MAX_QUERY_CHARS, their patterns are linear by construction, and any 8 KB input is answered at once.
 * Timing bounds here are deliberately generous (a busy 2-core machine); the guarantees are the cap and the shape
 * of the patterns, which the first two tests check without a clock.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDigestRequest } from '../../../src/features/digests/parse-digest.js';
import { parseRecordingsQuery } from '../../../src/parsing/parse-recordings-query.js';
import { MAX_QUERY_CHARS } from '../../../src/parsing/tokenize.js';
const NOW = new Date('2026-11-25T12:00:00Z');
// Far above what a linear parse of 1000 characters costs even on a loaded machine; a quadratic one is not.
const GENEROUS_MS = 1000;
function timed(f) {
    const t0 = process.hrtime.bigint();
    const result = f();
    return { result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}
/** Regex literals that end in `<quantified class>$` without a `^`: each start position rescans the run (O(n²)). */
const UNANCHORED_RUN_AT_END = /\/(?!\^)(?:[^/\n\\]|\\.)*?\[[^\]]*\][+*]\$\/[a-z]*/u;
describe('parser cost (finding 10)', () => {
    it('when a question is longer than the cap, then it is refused without being read', () => {
        const long = `last week topic ${'a'.repeat(MAX_QUERY_CHARS)}`;
        const r = parseRecordingsQuery(long, NOW, 'UTC');
        assert.ok(!r.ok && r.error.code === 'too_long', JSON.stringify(r).slice(0, 200));
        const d = parseDigestRequest(`daily at 9:00 topic ${'a'.repeat(MAX_QUERY_CHARS)}`, NOW);
        assert.ok(!d.ok && /too long/u.test(d.message));
        assert.ok(MAX_QUERY_CHARS <= 2000);
    });
    it('when the parsers’ sources are read, then no pattern rescans a trailing run from every position', () => {
        const dirs = ['src/parsing', 'src/features/digests', 'src/core'];
        const offenders = [];
        for (const dir of dirs) {
            for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
                const src = readFileSync(join(dir, f), 'utf8');
                src.split('\n').forEach((line, i) => {
                    const code = line.replace(/^\s*(?:\*|\/\/).*$/u, '');
                    if (UNANCHORED_RUN_AT_END.test(code) || /\[\^?[^\]]*\]\.\*\$/u.test(code)) {
                        offenders.push(`${dir}/${f}:${i + 1}: ${line.trim()}`);
                    }
                });
            }
        }
        assert.deepEqual(offenders, []);
    });
    const WORST_CASES = [
        `${','.repeat(8000)}x`,
        `topic ${'!?'.repeat(4000)}x`,
        `host a@${'.'.repeat(8000)}`,
        `host ${'a@'.repeat(4000)}`,
        `host a@b${'.b'.repeat(4000)}!`,
        `site ${'/'.repeat(8000)}`,
        `meeting ${'1'.repeat(8000)};x`,
        `since ${'3.'.repeat(4000)}x`,
        `from ${'Nov 3 '.repeat(1300)}`,
        `"${'a '.repeat(4000)}`,
    ];
    for (const [i, text] of WORST_CASES.entries()) {
        it(`when a hostile 8 KB question is asked (#${i + 1}), then both parsers answer at once`, () => {
            const a = timed(() => parseRecordingsQuery(text, NOW, 'Europe/Berlin'));
            const b = timed(() => parseDigestRequest(`daily at 9:00 ${text}`, NOW));
            assert.ok(a.ms < GENEROUS_MS && b.ms < GENEROUS_MS, `${a.ms} ms / ${b.ms} ms`);
            assert.ok(!a.result.ok);
        });
    }
    it('any input up to 8 KB parses without throwing and well within a generous bound', () => {
        const alphabet = fc.constantFrom(...'abc xyz 0123456789 ,;:.!?@/-_"“”«»<>#*`~[]()\n\t'.split(''), 'last ', 'week ', 'topic ', 'host ', 'site ', 'from ', 'to ', 'Nov ', 'since ');
        fc.assert(fc.property(fc.array(alphabet, { maxLength: 8192 }), (parts) => {
            const text = parts.join('').slice(0, 8192);
            const a = timed(() => parseRecordingsQuery(text, NOW, 'Asia/Kolkata'));
            const b = timed(() => parseDigestRequest(text, NOW));
            assert.ok(typeof a.result.ok === 'boolean' && typeof b.result.ok === 'boolean');
            assert.ok(a.ms < GENEROUS_MS && b.ms < GENEROUS_MS, `${a.ms} ms / ${b.ms} ms for ${text.length} chars`);
        }), { numRuns: 150 });
    });
});
//# sourceMappingURL=parser-cost.test.js.map