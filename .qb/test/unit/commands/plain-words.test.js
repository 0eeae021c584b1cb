import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { understand } from '../../../src/commands/plain-words.js';
const COMMANDS = new Set([
    'recordings',
    'recs',
    'help',
    'notify',
    'digest',
    'digests',
    'timezone',
    'connect',
]);
const isCommand = (w) => COMMANDS.has(w.toLowerCase());
describe('plain words: what a phrase asks for', () => {
    const table = [
        ['hi', { kind: 'greeting' }],
        ['Hey!', { kind: 'greeting' }],
        ['good morning', { kind: 'greeting' }],
        ['thanks', { kind: 'thanks' }],
        ['Thank you very much.', { kind: 'thanks' }],
        ['thx', { kind: 'thanks' }],
        ['what did I record on monday?', { kind: 'text', text: 'recordings on monday' }],
        ['What have I recorded this week', { kind: 'text', text: 'recordings this week' }],
        ['show me my recordings from last week', { kind: 'text', text: 'recordings from last week' }],
        ['find recordings about onboarding', { kind: 'text', text: 'recordings about onboarding' }],
        ['can you please show me all my recs yesterday', { kind: 'text', text: 'recs yesterday' }],
        ['please list my digests', { kind: 'text', text: 'digests' }],
        ['my recordings today', { kind: 'text', text: 'recordings today' }],
        ['recordings last week?', { kind: 'text', text: 'recordings last week' }],
        ['recordings topic "why?"', { kind: 'text', text: 'recordings topic "why?"' }],
        ['notify me', { kind: 'text', text: 'notify me' }],
        ['hi there, recordings today', { kind: 'text', text: 'hi there, recordings today' }],
        ['xyzzy', { kind: 'text', text: 'xyzzy' }],
    ];
    for (const [text, expected] of table) {
        it(`${JSON.stringify(text)}`, () => assert.deepEqual(understand(text, isCommand), expected));
    }
    it('never drops a command word someone typed first, and never returns empty text', () => {
        fc.assert(fc.property(fc.constantFrom(...COMMANDS), fc.string({ maxLength: 60 }), (cmd, rest) => {
            const r = understand(`${cmd} ${rest}`, isCommand);
            if (r.kind === 'text') {
                assert.equal(r.text.split(' ')[0], cmd);
                assert.ok(r.text.length > 0);
            }
        }));
        fc.assert(fc.property(fc.string({ maxLength: 120 }), (text) => {
            const r = understand(text, isCommand);
            assert.ok(r.kind !== 'text' || r.text.length > 0 || text.trim() === '');
        }));
    });
});
//# sourceMappingURL=plain-words.test.js.map