import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { askBot, withBot } from './harness.js';

// Alone in its own test file (so its own process): what it checks is process-wide. The framework is loaded when the
// bot is created, so these are the natives; core-js 2 also makes its replacements' toString() look native.
const natives: Array<[string, unknown, () => unknown]> = [
  ['String.prototype.trim', String.prototype.trim, () => String.prototype.trim],
  ['String.prototype.trimStart', String.prototype.trimStart, () => String.prototype.trimStart],
  ['String.prototype.trimEnd', String.prototype.trimEnd, () => String.prototype.trimEnd],
  ['parseInt', parseInt, () => parseInt],
  ['parseFloat', parseFloat, () => parseFloat],
  ['Number.parseInt', Number.parseInt, () => Number.parseInt],
  ['Number.parseFloat', Number.parseFloat, () => Number.parseFloat],
  ['Function.prototype.toString', Function.prototype.toString, () => Function.prototype.toString],
];

describe('the Webex JS SDK is never loaded', () => {
  const f = withBot();

  it('when the f.bot has started and answered, then trim, parseInt and parseFloat are the native ones', async () => {
    const replies = await askBot(f.world, f.world.annDm.id, f.world.ann.id, 'help');
    assert.match(replies[0]?.markdown ?? '', /recordings/);
    for (const [name, native, current] of natives) {
      assert.equal(current(), native, `${name} was replaced`);
      assert.match(
        Function.prototype.toString.call(native),
        /\{ \[native code\] \}$/,
        `${name} was not native`,
      );
    }
    assert.equal('__core-js_shared__' in globalThis, false, 'core-js ran in this process');
  });

  it('when the f.bot has started, then the framework is loaded but no webex, @webex or core-js module is', () => {
    const cached = Object.keys(createRequire(import.meta.url).cache);
    assert.ok(
      cached.some((f) => f.includes('/node_modules/webex-node-bot-framework/')),
      'the framework itself is loaded',
    );
    const sdk = cached.filter((f) => /\/node_modules\/(webex|@webex|core-js)\//.test(f));
    assert.deepEqual(sdk, []);
  });
});
